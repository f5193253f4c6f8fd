// Instruction handlers of the interpreter, one per isa::Op, and helpers they share.
#pragma once

#include "exec/insn.h"
#include "isa/opcodes.h"

namespace strata::exec {

// The handler that executes `op`.
Handler handler_for(isa::Op op);
// The block sentinel: advances pc past the block.
Flow block_end(cpu::Hart& hart, const Insn& insn);

// Declarations of every handler, defined across handlers_*.cc.
#define STRATA_DECLARE_HANDLER(name, mnemonic, format) \
  Flow exec_##name(cpu::Hart& hart, const Insn& insn);
STRATA_OPCODES(STRATA_DECLARE_HANDLER)
#undef STRATA_DECLARE_HANDLER

// Shared exits.
inline uint64_t insn_pc(const cpu::Hart& hart, const Insn& insn) {
  return hart.s.pc + insn.offset;
}
inline Flow trap(cpu::Hart& hart, const Insn& insn) {
  hart.take_exception(insn_pc(hart, insn));
  return Flow::kTrap;
}
inline Flow illegal(cpu::Hart& hart, const Insn& insn) {
  hart.raise(cpu::Exception::kIllegalInstruction, insn.raw);
  return trap(hart, insn);
}
// Retires the instruction and leaves the block at the next instruction.
inline Flow retire_and_leave(cpu::Hart& hart, const Insn& insn) {
  hart.s.pc += insn.offset + insn.length;
  return Flow::kRetired;
}

}  // namespace strata::exec
