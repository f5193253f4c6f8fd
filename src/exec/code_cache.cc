#include "exec/code_cache.h"

#include <array>
#include <cstring>

#include "exec/handlers.h"

namespace strata::exec {
namespace {

constexpr unsigned kMaxBlockInstructions = 128;

// What a block of `instructions` takes: its header, the instructions and the sentinel.
size_t block_bytes(uint32_t instructions) {
  return sizeof(Block) + (instructions + 1) * sizeof(Insn);
}

// Copies `header` and its instructions (`insns`, the sentinel included) into one piece of `arena`.
Block* place_block(BlockArena& arena, const Block& header, const Insn* insns) {
  const size_t count = header.instructions + 1;
  void* memory = arena.allocate(block_bytes(header.instructions));
  auto* block = new (memory) Block(header);
  block->insns = reinterpret_cast<Insn*>(block + 1);
  std::memcpy(static_cast<void*>(block->insns), insns, count * sizeof(Insn));
  return block;
}

}  // namespace

bool ends_block(isa::Op op) {
  switch (op) {
    case isa::Op::kIllegal:
    case isa::Op::kJal:
    case isa::Op::kJalr:
    case isa::Op::kBeq:
    case isa::Op::kBne:
    case isa::Op::kBlt:
    case isa::Op::kBge:
    case isa::Op::kBltu:
    case isa::Op::kBgeu:
    case isa::Op::kFenceI:
    case isa::Op::kEcall:
    case isa::Op::kEbreak:
    case isa::Op::kCsrrw:
    case isa::Op::kCsrrs:
    case isa::Op::kCsrrc:
    case isa::Op::kCsrrwi:
    case isa::Op::kCsrrsi:
    case isa::Op::kCsrrci:
    case isa::Op::kMret:
    case isa::Op::kSret:
    case isa::Op::kWfi:
    case isa::Op::kSfenceVma: return true;
    default: return false;
  }
}

Insn make_insn(const isa::Decoded& d, uint16_t offset, uint16_t index) {
  Insn insn{};
  insn.handler = handler_for(d.op);
  insn.imm = d.imm;
  insn.rd = d.rd;
  if (d.rd == 0 && isa::writes_integer_register(d.op)) insn.rd = cpu::HartState::kSinkRegister;
  insn.rs1 = d.rs1;
  insn.rs2 = d.rs2;
  insn.rs3 = d.rs3;
  insn.rm = d.rm;
  insn.length = d.length;
  insn.csr = d.csr;
  insn.offset = offset;
  insn.index = index;
  insn.raw = d.raw;
  return insn;
}

CodeCache::CodeCache(cpu::Hart& hart)
    : hart_(hart),
      watch_bit_(mem::GuestRam::code_watch_bit(static_cast<unsigned>(hart.s.hartid))),
      revoke_writes_([&hart](uint64_t page) { hart.drop_write_permission(page); }) {}

CodeCache::~CodeCache() {
  mem::GuestRam& ram = hart_.bus().ram();
  for (const auto& [page, unused] : blocks_by_page_) ram.remove_watch(page, watch_bit_);
}

void CodeCache::request_invalidation(uint64_t paddr) {
  {
    const std::lock_guard lock(requests_mutex_);
    requested_pages_.push_back(paddr & ~(mem::kPageSize - 1));
  }
  has_requests_.store(true, std::memory_order_release);
  hart_.s.exit_request.store(1, std::memory_order_release);
}

void CodeCache::apply_requested_invalidations() {
  if (!has_requests_.load(std::memory_order_acquire)) return;
  std::vector<uint64_t> pages;
  {
    const std::lock_guard lock(requests_mutex_);
    pages.swap(requested_pages_);
    has_requests_.store(false, std::memory_order_relaxed);
  }
  for (const uint64_t page : pages) invalidate_page(page);
}

Block* CodeCache::find_slow(uint64_t paddr) {
  const auto it = blocks_.find(paddr);
  if (it == blocks_.end()) return nullptr;
  recent_[slot(paddr)] = it->second;
  return it->second;
}

Block* CodeCache::build(uint64_t paddr) {
  if (built_since_sweep_ >= kSweepEvery) sweep(Occasion::kDecoding);
  mem::GuestRam& ram = hart_.bus().ram();
  const uint64_t page = paddr & ~(mem::kPageSize - 1);
  const uint64_t page_end = page + mem::kPageSize;
  // Watch the page before reading it: from now on every store to it reaches a slow path that
  // reports it to us (the ordering argument is in GuestRam::watchers()).
  if (blocks_by_page_.find(page) == blocks_by_page_.end()) {
    ram.add_watch(page, watch_bit_);
    revoke_writes_(page);
  }
  // The largest block and its sentinel, on the stack: decoding allocates nothing.
  std::array<Insn, kMaxBlockInstructions + 1> insns;
  uint32_t count = 0;
  uint64_t offset = 0;
  while (count < kMaxBlockInstructions && paddr + offset + 2 <= page_end) {
    uint32_t raw = 0;
    std::memcpy(&raw, ram.host(paddr + offset), 2);
    if (isa::instruction_length(static_cast<uint16_t>(raw)) == 4) {
      if (paddr + offset + 4 > page_end) break;  // straddles the page: executed uncached
      std::memcpy(&raw, ram.host(paddr + offset), 4);
    }
    const isa::Decoded d = isa::decode(raw);
    insns[count] = make_insn(d, static_cast<uint16_t>(offset), static_cast<uint16_t>(count));
    ++count;
    offset += d.length;
    if (ends_block(d.op)) break;
  }
  if (count == 0) {
    if (blocks_by_page_.find(page) == blocks_by_page_.end()) ram.remove_watch(page, watch_bit_);
    return nullptr;
  }
  Insn& sentinel = insns[count];
  sentinel = Insn{};
  sentinel.handler = &block_end;
  sentinel.offset = static_cast<uint16_t>(offset);
  sentinel.index = static_cast<uint16_t>(count);

  Block header;
  header.paddr = paddr;
  header.instructions = count;
  Block* block = place_block(arena_, header, insns.data());
  live_bytes_ += BlockArena::footprint(block_bytes(header.instructions));
  blocks_by_page_[page].push_back(paddr);
  blocks_[paddr] = block;
  recent_[slot(paddr)] = block;
  ++blocks_built_;
  ++built_since_sweep_;
  return block;
}

void CodeCache::forget(uint64_t start) {
  const auto block = blocks_.find(start);
  if (block == blocks_.end()) return;
  drop(*block->second);
  blocks_.erase(block);
}

void CodeCache::drop(const Block& block) {
  if (recent_[slot(block.paddr)] == &block) recent_[slot(block.paddr)] = nullptr;
  live_bytes_ -= BlockArena::footprint(block_bytes(block.instructions));
}

void CodeCache::sweep(Occasion occasion) {
  // absl's erase(iterator) leaves the other iterators valid: erase the current one after moving on.
  for (auto it = blocks_.begin(); it != blocks_.end();) {
    Block& block = *it->second;
    if (block.host_code == nullptr && block.runs == block.runs_at_sweep) {
      const uint64_t page = block.paddr & ~(mem::kPageSize - 1);
      const auto on_page = blocks_by_page_.find(page);
      std::erase(on_page->second, block.paddr);
      if (on_page->second.empty()) {
        blocks_by_page_.erase(on_page);
        hart_.bus().ram().remove_watch(page, watch_bit_);
      }
      drop(block);
      blocks_.erase(it++);
      ++blocks_swept_;
      continue;
    }
    block.runs_at_sweep = block.runs;
    ++it;
  }
  built_since_sweep_ = 0;
  // Moving the survivors costs what they weigh. While the hart decodes, the dropped blocks must
  // weigh as much (each kept byte is then copied about once per byte dropped); at an idle sweep a
  // quarter as much (a hart that idles often, as secondary harts do while Linux boots, would
  // otherwise copy everything every few milliseconds); at the timed sweep, once a second, any
  // amount, so that a guest at rest holds no dead blocks for long.
  const size_t dead_bytes = arena_.allocated() - live_bytes_;
  const size_t enough = occasion == Occasion::kDecoding ? live_bytes_
                        : occasion == Occasion::kIdle   ? live_bytes_ / 4
                                                        : 1;
  if (dead_bytes < enough || dead_bytes == 0) return;
  BlockArena kept;
  for (auto& [paddr, block] : blocks_) {
    Block* moved = place_block(kept, *block, block->insns);
    if (recent_[slot(paddr)] == block) recent_[slot(paddr)] = moved;
    block = moved;
  }
  arena_ = std::move(kept);
}

void CodeCache::sweep_if_due(std::chrono::steady_clock::time_point now) {
  if (now < next_timed_sweep_) return;
  next_timed_sweep_ = now + kSweepInterval;
  sweep(Occasion::kTimed);
}

void CodeCache::invalidate_page(uint64_t paddr) {
  const uint64_t page = paddr & ~(mem::kPageSize - 1);
  const auto it = blocks_by_page_.find(page);
  if (it == blocks_by_page_.end()) return;
  for (const uint64_t start : it->second) forget(start);
  blocks_by_page_.erase(it);
  hart_.new_fetch_epoch();  // jump caches may hold the dropped blocks' code
  hart_.bus().ram().remove_watch(page, watch_bit_);
}

void CodeCache::invalidate_all() {
  std::vector<uint64_t> pages;
  pages.reserve(blocks_by_page_.size());
  for (const auto& [page, unused] : blocks_by_page_) pages.push_back(page);
  for (const uint64_t page : pages) invalidate_page(page);
}

}  // namespace strata::exec
