// Instruction decoding shared by every engine: a raw instruction word becomes a `Decoded` record
// that names the operation and its operands. Compressed instructions are expanded to their 32-bit
// equivalents first, so engines implement each operation once.
#pragma once

#include <cstdint>

#include "isa/opcodes.h"

namespace strata::isa {

struct Decoded {
  Op op = Op::kIllegal;
  uint8_t rd = 0;
  uint8_t rs1 = 0;
  uint8_t rs2 = 0;
  uint8_t rs3 = 0;
  uint8_t length = 4;  // in bytes: 2 for a compressed instruction
  uint8_t rm = 0;      // FP rounding mode, or the aq/rl bits of an atomic
  uint16_t csr = 0;    // CSR number of a Zicsr instruction
  int64_t imm = 0;
  uint32_t raw = 0;  // the instruction bits as fetched (16 bits for compressed)
};

// Length in bytes of the instruction whose first halfword is `low_half`.
constexpr unsigned instruction_length(uint16_t low_half) {
  return (low_half & 3U) == 3U ? 4 : 2;
}

// Decodes one instruction. For a compressed instruction only the low 16 bits of `raw` are used.
[[nodiscard]] Decoded decode(uint32_t raw);

// Whether `op` writes its rd operand to the integer register file (rather than to an FP
// register, or not at all).
[[nodiscard]] bool writes_integer_register(Op op);

// Expands a compressed instruction to the 32-bit instruction with the same effect, or returns 0
// for an illegal or reserved encoding (0 is itself an illegal 32-bit instruction).
[[nodiscard]] uint32_t expand_compressed(uint16_t half);

}  // namespace strata::isa
