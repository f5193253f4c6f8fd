#include "jit/region.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <numeric>
#include <optional>

#include "isa/decoder.h"
#include "isa/opcodes.h"
#include "mem/guest_ram.h"

namespace strata::jit {
namespace {

using isa::Format;
using isa::Op;

constexpr std::array<Format, isa::kOpCount> kFormats = {
#define STRATA_OP_FORMAT(name, mnemonic, format) Format::format,
    STRATA_OPCODES(STRATA_OP_FORMAT)
#undef STRATA_OP_FORMAT
};

Format format_of(Op op) {
  return kFormats[static_cast<unsigned>(op)];
}

// Whether an instruction of this format writes its rd as an integer register.
bool writes_integer_rd(Format f) {
  switch (f) {
    case Format::kR:
    case Format::kRUnary:
    case Format::kI:
    case Format::kU:
    case Format::kJ:
    case Format::kLoad:
    case Format::kJalr:
    case Format::kCsr:
    case Format::kCsrImm:
    case Format::kLr:
    case Format::kAmo:
    case Format::kFToX:
    case Format::kFCmp: return true;
    default: return false;
  }
}

// Whether rs1 / rs2 name integer registers in this format.
bool reads_integer_rs1(Format f) {
  switch (f) {
    case Format::kR:
    case Format::kRUnary:
    case Format::kI:
    case Format::kB:
    case Format::kLoad:
    case Format::kStore:
    case Format::kJalr:
    case Format::kCsr:
    case Format::kLr:
    case Format::kAmo:
    case Format::kSfence:
    case Format::kXToF:
    case Format::kFLoad:
    case Format::kFStore: return true;
    default: return false;
  }
}
bool reads_integer_rs2(Format f) {
  return f == Format::kR || f == Format::kB || f == Format::kStore || f == Format::kAmo ||
         f == Format::kSfence;
}

bool is_branch(Op op) {
  return op == Op::kBeq || op == Op::kBne || op == Op::kBlt || op == Op::kBge || op == Op::kBltu ||
         op == Op::kBgeu;
}

// Whether guest register `r` is a real register (not x0, whose slot reads zero, nor the sink that
// stands for writes to x0).
bool is_allocatable(unsigned r) {
  return r != 0 && r < cpu::HartState::kSinkRegister;
}

// Whether `block` has run often enough, next to the region's entry, to be worth translating
// with it: at least half as often (blocks stop counting runs once translated, at the hot count).
bool is_warm(const exec::Block& block, const exec::Block& entry) {
  return block.host_code != nullptr || 2 * block.runs >= entry.runs;
}

// The physical addresses of `block`'s direct successors on its own page.
AtMostTwo<uint64_t> successors_on_page(const exec::Block& block) {
  AtMostTwo<uint64_t> out;
  const auto in_page = static_cast<int64_t>(block.paddr & (mem::kPageSize - 1));
  for (const int64_t delta : direct_successors(block)) {
    if (in_page + delta < 0 || in_page + delta >= static_cast<int64_t>(mem::kPageSize)) continue;
    out.push_back(block.paddr + static_cast<uint64_t>(delta));
  }
  return out;
}

// Where the callee returns to when `block` ends in a call (a JAL that links) to a block of the
// region: the address after the call, if on the same page. (A callee elsewhere returns through
// the lookup, to the return site's own translation.)
std::optional<uint64_t> return_site(const Region& region, const exec::Block& block) {
  const exec::Insn& last = block.insns[block.instructions - 1];
  if (isa::decode(last.raw).op != Op::kJal || last.rd == cpu::HartState::kSinkRegister) {
    return std::nullopt;
  }
  // A JAL's only direct successor is its callee.
  const AtMostTwo<uint64_t> callee = successors_on_page(block);
  if (callee.count == 0 || region.index_of(*callee.begin()) < 0) return std::nullopt;
  const uint64_t after = last.offset + last.length;
  if ((block.paddr & (mem::kPageSize - 1)) + after >= mem::kPageSize) return std::nullopt;
  return block.paddr + after;
}

bool ends_in_indirect_jump(const exec::Block& block) {
  return isa::decode(block.insns[block.instructions - 1].raw).op == Op::kJalr;
}

// For each block of the region, the index of its call's return site in the region (see
// return_site), or -1.
std::vector<int> return_site_of_each(const Region& region) {
  std::vector<int> sites(region.blocks.size(), -1);
  for (size_t i = 0; i < region.blocks.size(); ++i) {
    if (const auto site = return_site(region, *region.blocks[i]); site) {
      sites[i] = region.index_of(*site);
    }
  }
  return sites;
}

// The blocks of the region each may continue at, by index: its direct successors in the region,
// the return site of its call, and every return site and jump target for an indirect jump.
std::vector<std::vector<int>> region_edges(const Region& region,
                                           std::span<const uint64_t> jump_targets) {
  std::vector<std::vector<int>> edges(region.blocks.size());
  const std::vector<int> site_of = return_site_of_each(region);
  std::vector<int> sites;
  std::copy_if(site_of.begin(), site_of.end(), std::back_inserter(sites),
               [](int site) { return site >= 0; });
  for (const uint64_t target : jump_targets) {
    if (const int index = region.index_of(target); index >= 0) sites.push_back(index);
  }
  for (size_t i = 0; i < region.blocks.size(); ++i) {
    for (const uint64_t target : successors_on_page(*region.blocks[i])) {
      if (const int next = region.index_of(target); next >= 0) edges[i].push_back(next);
    }
    if (site_of[i] >= 0) edges[i].push_back(site_of[i]);
    if (ends_in_indirect_jump(*region.blocks[i])) {
      edges[i].insert(edges[i].end(), sites.begin(), sites.end());
    }
  }
  return edges;
}

// Drops the blocks from which the entry cannot be reached again: what stays are the loops through
// the entry, where keeping registers in host registers pays. Straight-line code gains little over
// chained blocks, and translating it twice (once in a region, once as its own entry) would double
// the translation work of code that runs a few times, such as a boot.
void keep_loops_through_entry(Region& region, std::span<const uint64_t> jump_targets) {
  // The edges inside the region, by index, decoded once for the fixed point below.
  const std::vector<std::vector<int>> edges = region_edges(region, jump_targets);
  std::vector<bool> keep(region.blocks.size(), false);  // whether the entry is reachable again
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < region.blocks.size(); ++i) {
      if (keep[i]) continue;
      for (const int next : edges[i]) {
        if (next == 0 || keep[next]) {
          keep[i] = true;
          changed = true;
          break;
        }
      }
    }
  }
  std::vector<const exec::Block*> loops{region.blocks[0]};
  for (size_t i = 1; i < region.blocks.size(); ++i) {
    if (keep[i]) loops.push_back(region.blocks[i]);
  }
  region.blocks = std::move(loops);
}

}  // namespace

int Region::index_of(uint64_t paddr) const {
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i]->paddr == paddr) return static_cast<int>(i);
  }
  return -1;
}

AtMostTwo<int64_t> direct_successors(const exec::Block& block) {
  const exec::Insn& last = block.insns[block.instructions - 1];
  const Op op = isa::decode(last.raw).op;
  AtMostTwo<int64_t> out;
  if (!exec::ends_block(op)) {
    out.push_back(block.insns[block.instructions].offset);
  } else if (is_branch(op)) {
    out.push_back(last.offset + last.length);
    out.push_back(last.offset + last.imm);
  } else if (op == Op::kJal) {
    out.push_back(last.offset + last.imm);
  }
  return out;
}

namespace {

// Region::budget_needed. A jump to a block that is not a loop head goes forward (a jump
// backward makes its target a head), so walking the blocks backward sees every such target
// before the blocks that jump to it.
std::array<uint32_t, kMaxRegionBlocks> budget_needed(const Region& region) {
  std::array<uint32_t, kMaxRegionBlocks> needed{};
  for (size_t i = region.blocks.size(); i-- > 0;) {
    uint32_t after = 0;
    for (const uint64_t target : successors_on_page(*region.blocks[i])) {
      const int next = region.index_of(target);
      if (next >= 0 && (region.loop_heads & (1U << next)) == 0) {
        after = std::max(after, needed.at(static_cast<size_t>(next)));
      }
    }
    needed.at(i) = region.blocks[i]->instructions + after;
  }
  return needed;
}

}  // namespace

Region form_region(const exec::Block& entry, exec::CodeCache& cache, unsigned max_registers,
                   size_t max_blocks, std::span<const uint64_t> jump_targets) {
  Region region;
  region.blocks.push_back(&entry);
  uint32_t instructions = entry.instructions;
  const auto take = [&](uint64_t target) {
    if (region.index_of(target) >= 0) return;
    const exec::Block* next = cache.find(target);
    if (next == nullptr || !is_warm(*next, entry) || region.blocks.size() >= max_blocks ||
        instructions + next->instructions > kMaxRegionInstructions) {
      return;
    }
    region.blocks.push_back(next);
    instructions += next->instructions;
  };
  // The jump targets wait until the blocks reached directly are in, and each comes with the blocks
  // it reaches directly before the next: a switch's case then brings in the jump back to the
  // dispatch, which makes it a loop through the entry, before other cases fill the region.
  bool targets_pending = false;
  size_t next_target = 0;
  for (size_t i = 0;; ++i) {
    while (i == region.blocks.size() && targets_pending && next_target < jump_targets.size()) {
      take(jump_targets[next_target++]);
    }
    if (i == region.blocks.size()) break;
    for (const uint64_t target : successors_on_page(*region.blocks[i])) take(target);
    // After its callee (a call's only direct successor), so only with the callee in the region.
    if (const auto site = return_site(region, *region.blocks[i]); site) take(*site);
    targets_pending = targets_pending || ends_in_indirect_jump(*region.blocks[i]);
  }

  keep_loops_through_entry(region, jump_targets);
  for (const int site : return_site_of_each(region)) {
    if (site >= 0) region.return_sites |= 1U << site;
  }
  // Only an indirect jump goes to them (a jump target also reached directly is no head for it).
  const bool jumps_indirectly =
      std::any_of(region.blocks.begin(), region.blocks.end(),
                  [](const exec::Block* b) { return ends_in_indirect_jump(*b); });
  for (const uint64_t target : jump_targets) {
    const int index = region.index_of(target);
    if (jumps_indirectly && index >= 0) region.jump_targets |= 1U << index;
  }
  region.loop_heads |= region.return_sites | region.jump_targets;
  for (size_t i = 0; i < region.blocks.size(); ++i) {
    for (const uint64_t target : successors_on_page(*region.blocks[i])) {
      const int head = region.index_of(target);
      if (head >= 0 && static_cast<size_t>(head) <= i) region.loop_heads |= 1U << head;
    }
  }
  region.budget_needed = budget_needed(region);

  std::array<uint32_t, cpu::HartState::kSinkRegister> uses{};
  for (const exec::Block* block : region.blocks) {
    for (uint32_t i = 0; i < block->instructions; ++i) {
      const exec::Insn& insn = block->insns[i];
      const Format f = format_of(isa::decode(insn.raw).op);
      region.loads = region.loads || f == Format::kLoad || f == Format::kFLoad;
      region.stores = region.stores || f == Format::kStore || f == Format::kFStore;
      if (reads_integer_rs1(f) && is_allocatable(insn.rs1)) ++uses[insn.rs1];
      if (reads_integer_rs2(f) && is_allocatable(insn.rs2)) ++uses[insn.rs2];
      if (writes_integer_rd(f) && is_allocatable(insn.rd)) {
        ++uses[insn.rd];
        region.written |= 1ULL << insn.rd;
      }
    }
  }
  std::array<uint8_t, cpu::HartState::kSinkRegister> order{};
  std::iota(order.begin(), order.end(), 0);
  // Most used first; among equals, the lower register (as a stable sort of 0..31 would give,
  // without its buffer on the heap).
  std::sort(order.begin(), order.end(), [&uses](uint8_t a, uint8_t b) {
    return uses[a] != uses[b] ? uses[a] > uses[b] : a < b;
  });
  for (const uint8_t r : order) {
    if (region.registers.size() == max_registers || uses[r] == 0) break;
    region.registers.push_back(r);
  }
  return region;
}

}  // namespace strata::jit
