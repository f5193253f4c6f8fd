// F and D: register moves, sign injection and the glue between registers and the fpu library
// (rounding-mode resolution, NaN-boxing, fflags accrual, the FS gate).
#include "cpu/fpu/fpu.h"
#include "exec/handlers.h"
#include "util/bits.h"

namespace strata::exec {
namespace {

using fpu::RoundingMode;

constexpr uint64_t kBoxMask = 0xffffffff00000000ULL;
constexpr uint32_t kSign32 = 0x80000000U;
constexpr uint64_t kSign64 = 0x8000000000000000ULL;

// A single-precision operand: a register whose upper half is not all ones holds no valid single,
// and reads as the canonical NaN.
uint32_t unbox(uint64_t reg) {
  return (reg & kBoxMask) == kBoxMask ? static_cast<uint32_t>(reg) : fpu::kCanonicalNan32;
}
uint64_t box(uint32_t value) {
  return kBoxMask | value;
}

// The static rounding mode, or frm for DYN; false for the reserved encodings.
bool rounding_mode(const cpu::Hart& hart, const Insn& insn, RoundingMode& rm) {
  const unsigned mode = insn.rm == 7 ? hart.s.frm : insn.rm;
  if (mode > 4) return false;
  rm = static_cast<RoundingMode>(mode);
  return true;
}

// Runs `body(rm, flags)` with the checks every rounding FP instruction shares.
template <typename Body>
Flow with_rounding(cpu::Hart& hart, const Insn& insn, Body body) {
  RoundingMode rm{};
  if (!hart.fp_enabled() || !rounding_mode(hart, insn, rm)) [[unlikely]] {
    return illegal(hart, insn);
  }
  fpu::Flags flags = 0;
  body(rm, flags);
  hart.s.fflags |= flags;
  hart.mark_fp_dirty();
  return Flow::kNext;
}

// The same for instructions without a rounding mode field.
template <typename Body>
Flow without_rounding(cpu::Hart& hart, const Insn& insn, Body body) {
  if (!hart.fp_enabled()) [[unlikely]]
    return illegal(hart, insn);
  fpu::Flags flags = 0;
  body(flags);
  hart.s.fflags |= flags;
  hart.mark_fp_dirty();
  return Flow::kNext;
}

}  // namespace

// Binary arithmetic.
#define STRATA_FP_BINARY(name, function, width)                                             \
  Flow exec_##name(cpu::Hart& h, const Insn& i) {                                           \
    return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) {                       \
      if constexpr ((width) == 32) {                                                        \
        h.s.f[i.rd] = box(fpu::function(unbox(h.s.f[i.rs1]), unbox(h.s.f[i.rs2]), rm, fl)); \
      } else {                                                                              \
        h.s.f[i.rd] = fpu::function(h.s.f[i.rs1], h.s.f[i.rs2], rm, fl);                    \
      }                                                                                     \
    });                                                                                     \
  }
STRATA_FP_BINARY(FaddS, add32, 32)
STRATA_FP_BINARY(FsubS, sub32, 32)
STRATA_FP_BINARY(FmulS, mul32, 32)
STRATA_FP_BINARY(FdivS, div32, 32)
STRATA_FP_BINARY(FaddD, add64, 64)
STRATA_FP_BINARY(FsubD, sub64, 64)
STRATA_FP_BINARY(FmulD, mul64, 64)
STRATA_FP_BINARY(FdivD, div64, 64)
#undef STRATA_FP_BINARY

Flow exec_FsqrtS(cpu::Hart& h, const Insn& i) {
  return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) {
    h.s.f[i.rd] = box(fpu::sqrt32(unbox(h.s.f[i.rs1]), rm, fl));
  });
}
Flow exec_FsqrtD(cpu::Hart& h, const Insn& i) {
  return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) {
    h.s.f[i.rd] = fpu::sqrt64(h.s.f[i.rs1], rm, fl);
  });
}

// Fused multiply-add: the negated forms flip the sign of the product (via rs1) and/or of the
// addend before the single rounding, exactly as the spec defines them.
#define STRATA_FP_FMA(name, negate_product, negate_addend)                        \
  Flow exec_##name##S(cpu::Hart& h, const Insn& i) {                              \
    return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) {             \
      const uint32_t a = unbox(h.s.f[i.rs1]) ^ ((negate_product) ? kSign32 : 0U); \
      const uint32_t c = unbox(h.s.f[i.rs3]) ^ ((negate_addend) ? kSign32 : 0U);  \
      h.s.f[i.rd] = box(fpu::fma32(a, unbox(h.s.f[i.rs2]), c, rm, fl));           \
    });                                                                           \
  }                                                                               \
  Flow exec_##name##D(cpu::Hart& h, const Insn& i) {                              \
    return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) {             \
      const uint64_t a = h.s.f[i.rs1] ^ ((negate_product) ? kSign64 : 0U);        \
      const uint64_t c = h.s.f[i.rs3] ^ ((negate_addend) ? kSign64 : 0U);         \
      h.s.f[i.rd] = fpu::fma64(a, h.s.f[i.rs2], c, rm, fl);                       \
    });                                                                           \
  }
STRATA_FP_FMA(Fmadd, false, false)
STRATA_FP_FMA(Fmsub, false, true)
STRATA_FP_FMA(Fnmsub, true, false)
STRATA_FP_FMA(Fnmadd, true, true)
#undef STRATA_FP_FMA

// Sign injection never raises flags and never canonicalizes (except through unboxing).
#define STRATA_FP_SIGN(name, sign32, sign64)                  \
  Flow exec_##name##S(cpu::Hart& h, const Insn& i) {          \
    return without_rounding(h, i, [&](fpu::Flags&) {          \
      const uint32_t a = unbox(h.s.f[i.rs1]);                 \
      const uint32_t b = unbox(h.s.f[i.rs2]);                 \
      h.s.f[i.rd] = box((a & ~kSign32) | ((sign32)&kSign32)); \
    });                                                       \
  }                                                           \
  Flow exec_##name##D(cpu::Hart& h, const Insn& i) {          \
    return without_rounding(h, i, [&](fpu::Flags&) {          \
      const uint64_t a = h.s.f[i.rs1];                        \
      const uint64_t b = h.s.f[i.rs2];                        \
      h.s.f[i.rd] = (a & ~kSign64) | ((sign64)&kSign64);      \
    });                                                       \
  }
STRATA_FP_SIGN(Fsgnj, b, b)
STRATA_FP_SIGN(Fsgnjn, ~b, ~b)
STRATA_FP_SIGN(Fsgnjx, a ^ b, a ^ b)
#undef STRATA_FP_SIGN

// Min/max and comparisons.
#define STRATA_FP_NOROUND(name, expression32, expression64) \
  Flow exec_##name##S(cpu::Hart& h, const Insn& i) {        \
    return without_rounding(h, i, [&](fpu::Flags& fl) {     \
      const uint32_t a = unbox(h.s.f[i.rs1]);               \
      const uint32_t b = unbox(h.s.f[i.rs2]);               \
      expression32;                                         \
    });                                                     \
  }                                                         \
  Flow exec_##name##D(cpu::Hart& h, const Insn& i) {        \
    return without_rounding(h, i, [&](fpu::Flags& fl) {     \
      const uint64_t a = h.s.f[i.rs1];                      \
      const uint64_t b = h.s.f[i.rs2];                      \
      expression64;                                         \
    });                                                     \
  }
STRATA_FP_NOROUND(Fmin, h.s.f[i.rd] = box(fpu::min32(a, b, fl)), h.s.f[i.rd] = fpu::min64(a, b, fl))
STRATA_FP_NOROUND(Fmax, h.s.f[i.rd] = box(fpu::max32(a, b, fl)), h.s.f[i.rd] = fpu::max64(a, b, fl))
STRATA_FP_NOROUND(Feq, h.s.x[i.rd] = fpu::eq32(a, b, fl) ? 1 : 0,
                  h.s.x[i.rd] = fpu::eq64(a, b, fl) ? 1 : 0)
STRATA_FP_NOROUND(Flt, h.s.x[i.rd] = fpu::lt32(a, b, fl) ? 1 : 0,
                  h.s.x[i.rd] = fpu::lt64(a, b, fl) ? 1 : 0)
STRATA_FP_NOROUND(Fle, h.s.x[i.rd] = fpu::le32(a, b, fl) ? 1 : 0,
                  h.s.x[i.rd] = fpu::le64(a, b, fl) ? 1 : 0)
#undef STRATA_FP_NOROUND

// Float to integer: 32-bit results are sign-extended into the 64-bit register.
#define STRATA_FP_TO_INT(name, expression)                                                      \
  Flow exec_##name(cpu::Hart& h, const Insn& i) {                                               \
    return with_rounding(h, i,                                                                  \
                         [&](RoundingMode rm, fpu::Flags& fl) { h.s.x[i.rd] = (expression); }); \
  }
STRATA_FP_TO_INT(FcvtWS,
                 sext32(static_cast<uint32_t>(fpu::f32_to_i32(unbox(h.s.f[i.rs1]), rm, fl))))
STRATA_FP_TO_INT(FcvtWuS, sext32(fpu::f32_to_u32(unbox(h.s.f[i.rs1]), rm, fl)))
STRATA_FP_TO_INT(FcvtLS, static_cast<uint64_t>(fpu::f32_to_i64(unbox(h.s.f[i.rs1]), rm, fl)))
STRATA_FP_TO_INT(FcvtLuS, fpu::f32_to_u64(unbox(h.s.f[i.rs1]), rm, fl))
STRATA_FP_TO_INT(FcvtWD, sext32(static_cast<uint32_t>(fpu::f64_to_i32(h.s.f[i.rs1], rm, fl))))
STRATA_FP_TO_INT(FcvtWuD, sext32(fpu::f64_to_u32(h.s.f[i.rs1], rm, fl)))
STRATA_FP_TO_INT(FcvtLD, static_cast<uint64_t>(fpu::f64_to_i64(h.s.f[i.rs1], rm, fl)))
STRATA_FP_TO_INT(FcvtLuD, fpu::f64_to_u64(h.s.f[i.rs1], rm, fl))
#undef STRATA_FP_TO_INT

// Integer to float.
#define STRATA_INT_TO_FP(name, expression)                            \
  Flow exec_##name(cpu::Hart& h, const Insn& i) {                     \
    return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) { \
      const uint64_t x = h.s.x[i.rs1];                                \
      h.s.f[i.rd] = (expression);                                     \
    });                                                               \
  }
STRATA_INT_TO_FP(FcvtSW, box(fpu::i32_to_f32(static_cast<int32_t>(x), rm, fl)))
STRATA_INT_TO_FP(FcvtSWu, box(fpu::u32_to_f32(static_cast<uint32_t>(x), rm, fl)))
STRATA_INT_TO_FP(FcvtSL, box(fpu::i64_to_f32(static_cast<int64_t>(x), rm, fl)))
STRATA_INT_TO_FP(FcvtSLu, box(fpu::u64_to_f32(x, rm, fl)))
STRATA_INT_TO_FP(FcvtDW, fpu::i32_to_f64(static_cast<int32_t>(x), rm, fl))
STRATA_INT_TO_FP(FcvtDWu, fpu::u32_to_f64(static_cast<uint32_t>(x), rm, fl))
STRATA_INT_TO_FP(FcvtDL, fpu::i64_to_f64(static_cast<int64_t>(x), rm, fl))
STRATA_INT_TO_FP(FcvtDLu, fpu::u64_to_f64(x, rm, fl))
#undef STRATA_INT_TO_FP

Flow exec_FcvtSD(cpu::Hart& h, const Insn& i) {
  return with_rounding(h, i, [&](RoundingMode rm, fpu::Flags& fl) {
    h.s.f[i.rd] = box(fpu::f64_to_f32(h.s.f[i.rs1], rm, fl));
  });
}
Flow exec_FcvtDS(cpu::Hart& h, const Insn& i) {
  return with_rounding(h, i, [&](RoundingMode, fpu::Flags& fl) {
    h.s.f[i.rd] = fpu::f32_to_f64(unbox(h.s.f[i.rs1]), fl);
  });
}

// Moves and classification: bit patterns, no flags.
Flow exec_FmvXW(cpu::Hart& h, const Insn& i) {
  return without_rounding(h, i, [&](fpu::Flags&) { h.s.x[i.rd] = sext32(h.s.f[i.rs1]); });
}
Flow exec_FmvWX(cpu::Hart& h, const Insn& i) {
  return without_rounding(
      h, i, [&](fpu::Flags&) { h.s.f[i.rd] = box(static_cast<uint32_t>(h.s.x[i.rs1])); });
}
Flow exec_FmvXD(cpu::Hart& h, const Insn& i) {
  return without_rounding(h, i, [&](fpu::Flags&) { h.s.x[i.rd] = h.s.f[i.rs1]; });
}
Flow exec_FmvDX(cpu::Hart& h, const Insn& i) {
  return without_rounding(h, i, [&](fpu::Flags&) { h.s.f[i.rd] = h.s.x[i.rs1]; });
}
Flow exec_FclassS(cpu::Hart& h, const Insn& i) {
  return without_rounding(h, i,
                          [&](fpu::Flags&) { h.s.x[i.rd] = fpu::classify32(unbox(h.s.f[i.rs1])); });
}
Flow exec_FclassD(cpu::Hart& h, const Insn& i) {
  return without_rounding(h, i, [&](fpu::Flags&) { h.s.x[i.rd] = fpu::classify64(h.s.f[i.rs1]); });
}

}  // namespace strata::exec
