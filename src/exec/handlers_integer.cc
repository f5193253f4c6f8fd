// RV64I, M, Zba, Zbb and Zbs computational instructions, branches and jumps.
#include <bit>

#include "exec/handlers.h"
#include "util/bits.h"

namespace strata::exec {
namespace {

using u64 = uint64_t;
using i64 = int64_t;
using u32 = uint32_t;
using i32 = int32_t;

// Register-register and register-immediate operations as expressions of a, b (rs1, rs2) and imm.
#define STRATA_ALU(name, expression)                    \
  Flow exec_##name(cpu::Hart& hart, const Insn& insn) { \
    [[maybe_unused]] const u64 a = hart.s.x[insn.rs1];  \
    [[maybe_unused]] const u64 b = hart.s.x[insn.rs2];  \
    [[maybe_unused]] const i64 imm = insn.imm;          \
    hart.s.x[insn.rd] = (expression);                   \
    return Flow::kNext;                                 \
  }

u64 div_signed(u64 a, u64 b) {
  if (b == 0) return ~0ULL;
  if (static_cast<i64>(a) == INT64_MIN && static_cast<i64>(b) == -1) return a;
  return static_cast<u64>(static_cast<i64>(a) / static_cast<i64>(b));
}
u64 rem_signed(u64 a, u64 b) {
  if (b == 0) return a;
  if (static_cast<i64>(a) == INT64_MIN && static_cast<i64>(b) == -1) return 0;
  return static_cast<u64>(static_cast<i64>(a) % static_cast<i64>(b));
}
u64 divw(u64 a, u64 b) {
  const auto x = static_cast<i32>(a);
  const auto y = static_cast<i32>(b);
  if (y == 0) return ~0ULL;
  if (x == INT32_MIN && y == -1) return sext32(static_cast<u32>(x));
  return sext32(static_cast<u32>(x / y));
}
u64 remw(u64 a, u64 b) {
  const auto x = static_cast<i32>(a);
  const auto y = static_cast<i32>(b);
  if (y == 0) return sext32(static_cast<u32>(x));
  if (x == INT32_MIN && y == -1) return 0;
  return sext32(static_cast<u32>(x % y));
}
u64 divuw(u64 a, u64 b) {
  const auto x = static_cast<u32>(a);
  const auto y = static_cast<u32>(b);
  return y == 0 ? ~0ULL : sext32(x / y);
}
u64 remuw(u64 a, u64 b) {
  const auto x = static_cast<u32>(a);
  const auto y = static_cast<u32>(b);
  return sext32(y == 0 ? x : x % y);
}
u64 mulh(u64 a, u64 b) {
  return static_cast<u64>(
      (static_cast<int128>(static_cast<i64>(a)) * static_cast<int128>(static_cast<i64>(b))) >> 64);
}
u64 mulhsu(u64 a, u64 b) {
  return static_cast<u64>(
      (static_cast<int128>(static_cast<i64>(a)) * static_cast<int128>(static_cast<uint128>(b))) >>
      64);
}
u64 mulhu(u64 a, u64 b) {
  return static_cast<u64>((static_cast<uint128>(a) * b) >> 64);
}
u64 orc_b(u64 a) {
  u64 result = 0;
  for (unsigned i = 0; i < 64; i += 8) {
    if (((a >> i) & 0xffU) != 0) result |= 0xffULL << i;
  }
  return result;
}
u64 zext32(u64 a) {
  return a & 0xffffffffULL;
}

}  // namespace

STRATA_ALU(Lui, static_cast<u64>(imm))
STRATA_ALU(Addi, a + static_cast<u64>(imm))
STRATA_ALU(Slti, static_cast<i64>(a) < imm ? 1 : 0)
STRATA_ALU(Sltiu, a < static_cast<u64>(imm) ? 1 : 0)
STRATA_ALU(Xori, a ^ static_cast<u64>(imm))
STRATA_ALU(Ori, a | static_cast<u64>(imm))
STRATA_ALU(Andi, a& static_cast<u64>(imm))
STRATA_ALU(Slli, a << imm)
STRATA_ALU(Srli, a >> imm)
STRATA_ALU(Srai, static_cast<u64>(static_cast<i64>(a) >> imm))
STRATA_ALU(Addiw, sext32(a + static_cast<u64>(imm)))
STRATA_ALU(Slliw, sext32(a << imm))
STRATA_ALU(Srliw, sext32(static_cast<u32>(a) >> imm))
STRATA_ALU(Sraiw, sext32(static_cast<u32>(static_cast<i32>(a) >> imm)))
STRATA_ALU(Add, a + b)
STRATA_ALU(Sub, a - b)
STRATA_ALU(Sll, a << (b & 63U))
STRATA_ALU(Slt, static_cast<i64>(a) < static_cast<i64>(b) ? 1 : 0)
STRATA_ALU(Sltu, a < b ? 1 : 0)
STRATA_ALU(Xor, a ^ b)
STRATA_ALU(Srl, a >> (b & 63U))
STRATA_ALU(Sra, static_cast<u64>(static_cast<i64>(a) >> (b & 63U)))
STRATA_ALU(Or, a | b)
STRATA_ALU(And, a& b)
STRATA_ALU(Addw, sext32(a + b))
STRATA_ALU(Subw, sext32(a - b))
STRATA_ALU(Sllw, sext32(static_cast<u32>(a) << (b & 31U)))
STRATA_ALU(Srlw, sext32(static_cast<u32>(a) >> (b & 31U)))
STRATA_ALU(Sraw, sext32(static_cast<u32>(static_cast<i32>(a) >> (b & 31U))))
STRATA_ALU(Mul, a* b)
STRATA_ALU(Mulh, mulh(a, b))
STRATA_ALU(Mulhsu, mulhsu(a, b))
STRATA_ALU(Mulhu, mulhu(a, b))
STRATA_ALU(Div, div_signed(a, b))
STRATA_ALU(Divu, b == 0 ? ~0ULL : a / b)
STRATA_ALU(Rem, rem_signed(a, b))
STRATA_ALU(Remu, b == 0 ? a : a % b)
STRATA_ALU(Mulw, sext32(a* b))
STRATA_ALU(Divw, divw(a, b))
STRATA_ALU(Divuw, divuw(a, b))
STRATA_ALU(Remw, remw(a, b))
STRATA_ALU(Remuw, remuw(a, b))
// Zba
STRATA_ALU(AddUw, b + zext32(a))
STRATA_ALU(Sh1add, b + (a << 1))
STRATA_ALU(Sh2add, b + (a << 2))
STRATA_ALU(Sh3add, b + (a << 3))
STRATA_ALU(Sh1addUw, b + (zext32(a) << 1))
STRATA_ALU(Sh2addUw, b + (zext32(a) << 2))
STRATA_ALU(Sh3addUw, b + (zext32(a) << 3))
STRATA_ALU(SlliUw, zext32(a) << imm)
// Zbb
STRATA_ALU(Andn, a & ~b)
STRATA_ALU(Orn, a | ~b)
STRATA_ALU(Xnor, ~(a ^ b))
STRATA_ALU(Clz, static_cast<u64>(std::countl_zero(a)))
STRATA_ALU(Clzw, static_cast<u64>(std::countl_zero(static_cast<u32>(a))))
STRATA_ALU(Ctz, static_cast<u64>(std::countr_zero(a)))
STRATA_ALU(Ctzw, static_cast<u64>(std::countr_zero(static_cast<u32>(a))))
STRATA_ALU(Cpop, static_cast<u64>(std::popcount(a)))
STRATA_ALU(Cpopw, static_cast<u64>(std::popcount(static_cast<u32>(a))))
STRATA_ALU(Max, static_cast<i64>(a) > static_cast<i64>(b) ? a : b)
STRATA_ALU(Maxu, a > b ? a : b)
STRATA_ALU(Min, static_cast<i64>(a) < static_cast<i64>(b) ? a : b)
STRATA_ALU(Minu, a < b ? a : b)
STRATA_ALU(SextB, static_cast<u64>(sign_extend(a, 8)))
STRATA_ALU(SextH, static_cast<u64>(sign_extend(a, 16)))
STRATA_ALU(ZextH, a & 0xffffU)
STRATA_ALU(Rol, std::rotl(a, static_cast<int>(b & 63U)))
STRATA_ALU(Rolw, sext32(std::rotl(static_cast<u32>(a), static_cast<int>(b & 31U))))
STRATA_ALU(Ror, std::rotr(a, static_cast<int>(b & 63U)))
STRATA_ALU(Rori, std::rotr(a, static_cast<int>(imm & 63)))
STRATA_ALU(Roriw, sext32(std::rotr(static_cast<u32>(a), static_cast<int>(imm & 31))))
STRATA_ALU(Rorw, sext32(std::rotr(static_cast<u32>(a), static_cast<int>(b & 31U))))
STRATA_ALU(OrcB, orc_b(a))
STRATA_ALU(Rev8, __builtin_bswap64(a))
// Zbs
STRATA_ALU(Bclr, a & ~(1ULL << (b & 63U)))
STRATA_ALU(Bclri, a & ~(1ULL << (imm & 63)))
STRATA_ALU(Bext, (a >> (b & 63U)) & 1U)
STRATA_ALU(Bexti, (a >> (imm & 63)) & 1U)
STRATA_ALU(Binv, a ^ (1ULL << (b & 63U)))
STRATA_ALU(Binvi, a ^ (1ULL << (imm & 63)))
STRATA_ALU(Bset, a | (1ULL << (b & 63U)))
STRATA_ALU(Bseti, a | (1ULL << (imm & 63)))

#undef STRATA_ALU

// Conditional branches leave the block either way: the block ends at its branch.
#define STRATA_BRANCH(name, condition)                                            \
  Flow exec_##name(cpu::Hart& hart, const Insn& insn) {                           \
    const u64 a = hart.s.x[insn.rs1];                                             \
    const u64 b = hart.s.x[insn.rs2];                                             \
    const u64 pc = insn_pc(hart, insn);                                           \
    hart.s.pc = (condition) ? pc + static_cast<u64>(insn.imm) : pc + insn.length; \
    return Flow::kRetired;                                                        \
  }

STRATA_BRANCH(Beq, a == b)
STRATA_BRANCH(Bne, a != b)
STRATA_BRANCH(Blt, static_cast<i64>(a) < static_cast<i64>(b))
STRATA_BRANCH(Bge, static_cast<i64>(a) >= static_cast<i64>(b))
STRATA_BRANCH(Bltu, a < b)
STRATA_BRANCH(Bgeu, a >= b)

#undef STRATA_BRANCH

Flow exec_Auipc(cpu::Hart& hart, const Insn& insn) {
  hart.s.x[insn.rd] = insn_pc(hart, insn) + static_cast<u64>(insn.imm);
  return Flow::kNext;
}

Flow exec_Jal(cpu::Hart& hart, const Insn& insn) {
  const u64 pc = insn_pc(hart, insn);
  hart.s.x[insn.rd] = pc + insn.length;
  hart.s.pc = pc + static_cast<u64>(insn.imm);
  return Flow::kRetired;
}

Flow exec_Jalr(cpu::Hart& hart, const Insn& insn) {
  const u64 pc = insn_pc(hart, insn);
  const u64 target = (hart.s.x[insn.rs1] + static_cast<u64>(insn.imm)) & ~1ULL;
  hart.s.x[insn.rd] = pc + insn.length;
  hart.s.pc = target;
  return Flow::kRetired;
}

}  // namespace strata::exec
