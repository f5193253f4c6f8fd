// The interpreter's pre-decoded instruction: the operation's handler plus its operands, laid out
// for a tight dispatch loop. A basic block is an array of these ending in a sentinel.
#pragma once

#include <cstdint>

#include "cpu/hart.h"

namespace strata::exec {

// What an instruction handler tells the dispatch loop.
enum class Flow : uint8_t {
  kNext,     // fall through to the next instruction of the block
  kRetired,  // this instruction retired and set pc; leave the block
  kTrap,     // this instruction trapped (not retired); pc is the trap vector; leave the block
  kEnd,      // the block's sentinel: pc advanced past the block
};

struct Insn;
using Handler = Flow (*)(cpu::Hart& hart, const Insn& insn);

struct Insn {
  Handler handler;
  int64_t imm;
  uint8_t rd;   // integer destinations of x0 are redirected to HartState::kSinkRegister
  uint8_t rs1;  // also the 5-bit immediate of csrr*i
  uint8_t rs2;
  uint8_t rs3;
  uint8_t rm;      // FP rounding mode, or aq/rl of an atomic
  uint8_t length;  // 2 or 4
  uint16_t csr;
  uint16_t offset;  // bytes from the block's first instruction; pc = block pc + offset
  uint16_t index;   // position in the block = instructions retired before this one in the block
  uint32_t raw;
};

}  // namespace strata::exec
