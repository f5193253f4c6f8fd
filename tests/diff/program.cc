#include "program.h"

#include <fmt/format.h>

#include <algorithm>

#include "encoder.h"
#include "isa/decoder.h"
#include "isa/disassembler.h"

namespace strata::diff {
namespace {

bool fits_signed(int64_t value, unsigned bits) {
  const int64_t limit = int64_t{1} << (bits - 1);
  return value >= -limit && value < limit;
}

// A compressed branch widened to its 32-bit form (same condition, same register).
Insn widen(const Insn& insn) {
  const unsigned funct3 = insn.bits >> 13;
  if (insn.fixup == Fixup::kCJ) return {enc::jal(0, 0), false, Fixup::kJal};
  const unsigned rs1 = ((insn.bits >> 7) & 7U) + 8;
  return {enc::b_type(funct3 == 7 ? 1 : 0, rs1, 0, 0), false, Fixup::kBranch};
}

}  // namespace

bool lay_out(const Program& program, Image& image, std::string& error) {
  std::vector<Item> items = program.items;
  for (;;) {
    image.item_address.assign(items.size(), 0);
    uint64_t pc = image.base;
    for (size_t i = 0; i < items.size(); ++i) {
      image.item_address[i] = pc;
      for (const Insn& insn : items[i].insns) pc += insn.compressed ? 2 : 4;
    }
    if (pc > layout::kCodeLimit) {
      error = fmt::format("program too large ({} bytes)", pc - image.base);
      return false;
    }
    image.bytes.assign(pc - image.base, 0);
    bool widened = false;
    for (size_t i = 0; i < items.size(); ++i) {
      uint64_t at = image.item_address[i];
      uint64_t auipc_pc = 0;
      for (Insn& insn : items[i].insns) {
        const int64_t offset =
            items[i].target < 0
                ? 0
                : static_cast<int64_t>(image.item_address[static_cast<size_t>(items[i].target)] -
                                       at);
        uint32_t bits = insn.bits;
        switch (insn.fixup) {
          case Fixup::kNone: break;
          case Fixup::kBranch:
            if (!fits_signed(offset, 13)) {
              error = fmt::format("branch at {:#x} out of range", at);
              return false;
            }
            bits |= enc::b_type(0, 0, 0, static_cast<int32_t>(offset));
            break;
          case Fixup::kJal: bits |= enc::jal(0, static_cast<int32_t>(offset)); break;
          case Fixup::kCBranch:
          case Fixup::kCJ:
            if (!fits_signed(offset, insn.fixup == Fixup::kCBranch ? 9 : 12)) {
              insn = widen(insn);
              widened = true;
              break;
            }
            bits |= insn.fixup == Fixup::kCBranch
                        ? enc::c_branch(false, 8, static_cast<int32_t>(offset))
                        : enc::c_j(static_cast<int32_t>(offset));
            break;
          case Fixup::kAuipc:
            auipc_pc = at;
            bits |= static_cast<uint32_t>((offset + 0x800) >> 12) << 12;
            break;
          case Fixup::kAddiLo: {
            const auto target = image.item_address[static_cast<size_t>(items[i].target)];
            const auto full = static_cast<int64_t>(target - auipc_pc);
            const int64_t lo = full - (((full + 0x800) >> 12) << 12);
            bits |= (static_cast<uint32_t>(lo) & 0xfffU) << 20;
            break;
          }
        }
        const size_t off = at - image.base;
        image.bytes[off] = static_cast<uint8_t>(bits);
        image.bytes[off + 1] = static_cast<uint8_t>(bits >> 8);
        if (!insn.compressed) {
          image.bytes[off + 2] = static_cast<uint8_t>(bits >> 16);
          image.bytes[off + 3] = static_cast<uint8_t>(bits >> 24);
        }
        at += insn.compressed ? 2 : 4;
      }
    }
    if (widened) continue;
    image.entry = image.item_address[0];
    image.sentinel = image.item_address[program.sentinel_item];
    return true;
  }
}

std::string disassemble(const Program& program, const Image& image) {
  std::string out;
  for (size_t i = 0; i < program.items.size(); ++i) {
    if (i == program.body_begin) out += "  # body\n";
    if (i == program.end_item) out += "  # end code\n";
    if (i == program.sentinel_item + 1) out += "  # functions\n";
    uint64_t pc = image.item_address[i];
    const uint64_t next =
        i + 1 < program.items.size() ? image.item_address[i + 1] : image.base + image.bytes.size();
    while (pc < next) {
      const size_t off = pc - image.base;
      uint32_t raw = image.bytes[off] | (uint32_t{image.bytes[off + 1]} << 8);
      if (isa::instruction_length(static_cast<uint16_t>(raw)) == 4) {
        raw |= (uint32_t{image.bytes[off + 2]} << 16) | (uint32_t{image.bytes[off + 3]} << 24);
      }
      const isa::Decoded decoded = isa::decode(raw);
      out += fmt::format("{:>5} {:08x}: {:0{}x}  {}\n", i, pc, raw, decoded.length * 2,
                         isa::disassemble(decoded, pc));
      pc += decoded.length;
    }
  }
  return out;
}

Program truncated(const Program& program, size_t count, const std::vector<size_t>& dropped) {
  const size_t body_end = std::min(program.body_begin + count, program.end_item);
  std::vector<bool> keep(program.items.size(), true);
  for (size_t i = program.body_begin; i < program.end_item; ++i) {
    keep[i] = i < body_end && std::find(dropped.begin(), dropped.end(), i) == dropped.end();
  }
  // Self-modifying stores lose their target when it goes.
  for (size_t i = 0; i < program.items.size(); ++i) {
    if (program.items[i].patches && !keep[static_cast<size_t>(program.items[i].target)]) {
      keep[i] = false;
    }
  }
  std::vector<size_t> new_index(program.items.size() + 1, 0);
  size_t next = 0;
  for (size_t i = 0; i < program.items.size(); ++i) {
    new_index[i] = next;
    if (keep[i]) ++next;
  }
  Program out = program;
  out.items.clear();
  for (size_t i = 0; i < program.items.size(); ++i) {
    if (!keep[i]) continue;
    Item item = program.items[i];
    // A removed target is replaced by the next kept item (the end code at the latest).
    if (item.target >= 0)
      item.target = static_cast<int>(new_index[static_cast<size_t>(item.target)]);
    out.items.push_back(item);
  }
  out.end_item = new_index[program.end_item];
  out.sentinel_item = new_index[program.sentinel_item];
  out.body_begin = new_index[program.body_begin];
  return out;
}

}  // namespace strata::diff
