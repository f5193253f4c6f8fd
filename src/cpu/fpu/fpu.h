// IEEE 754 arithmetic with the exact semantics the RISC-V F and D extensions specify.
//
// Values travel as raw bit patterns (uint32_t for binary32, uint64_t for binary64) so the caller
// never lets the host compiler touch a NaN payload or a rounding mode. Every operation takes a
// resolved rounding mode (never DYN: the caller maps DYN to frm and rejects reserved values) and
// ORs the exception flags it raises into `flags`, in the bit layout of the fflags CSR.
#pragma once

#include <cstdint>

namespace strata::fpu {

enum class RoundingMode : uint8_t {
  NearestEven = 0,          // RNE
  TowardZero = 1,           // RTZ
  Down = 2,                 // RDN, toward -infinity
  Up = 3,                   // RUP, toward +infinity
  NearestMaxMagnitude = 4,  // RMM, ties away from zero
};

// fflags bits.
enum Flag : uint8_t {
  kInexact = 1U << 0,    // NX
  kUnderflow = 1U << 1,  // UF
  kOverflow = 1U << 2,   // OF
  kDivByZero = 1U << 3,  // DZ
  kInvalid = 1U << 4,    // NV
};
using Flags = uint8_t;

inline constexpr uint32_t kCanonicalNan32 = 0x7fc00000U;
inline constexpr uint64_t kCanonicalNan64 = 0x7ff8000000000000ULL;

// Arithmetic. Any NaN result is the canonical NaN. fma computes a*b+c with a single rounding;
// the fused negated forms are expressed by the caller by flipping sign bits of a and c.
uint32_t add32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags);
uint32_t sub32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags);
uint32_t mul32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags);
uint32_t div32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags);
uint32_t sqrt32(uint32_t a, RoundingMode rm, Flags& flags);
uint32_t fma32(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, Flags& flags);

uint64_t add64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags);
uint64_t sub64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags);
uint64_t mul64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags);
uint64_t div64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags);
uint64_t sqrt64(uint64_t a, RoundingMode rm, Flags& flags);
uint64_t fma64(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, Flags& flags);

// FMIN/FMAX (IEEE 754-2019 minimumNumber/maximumNumber, -0 < +0, signalling NaN raises NV, both
// NaN gives the canonical NaN).
uint32_t min32(uint32_t a, uint32_t b, Flags& flags);
uint32_t max32(uint32_t a, uint32_t b, Flags& flags);
uint64_t min64(uint64_t a, uint64_t b, Flags& flags);
uint64_t max64(uint64_t a, uint64_t b, Flags& flags);

// Comparisons: FEQ is quiet (NV only for a signalling NaN), FLT and FLE signal on any NaN.
bool eq32(uint32_t a, uint32_t b, Flags& flags);
bool lt32(uint32_t a, uint32_t b, Flags& flags);
bool le32(uint32_t a, uint32_t b, Flags& flags);
bool eq64(uint64_t a, uint64_t b, Flags& flags);
bool lt64(uint64_t a, uint64_t b, Flags& flags);
bool le64(uint64_t a, uint64_t b, Flags& flags);

// FCLASS: the 10-bit one-hot class mask.
uint64_t classify32(uint32_t a);
uint64_t classify64(uint64_t a);

// Float to integer, saturating as RISC-V specifies (NaN converts to the largest value; out of
// range raises NV and saturates; inexact raises NX).
int32_t f32_to_i32(uint32_t a, RoundingMode rm, Flags& flags);
uint32_t f32_to_u32(uint32_t a, RoundingMode rm, Flags& flags);
int64_t f32_to_i64(uint32_t a, RoundingMode rm, Flags& flags);
uint64_t f32_to_u64(uint32_t a, RoundingMode rm, Flags& flags);
int32_t f64_to_i32(uint64_t a, RoundingMode rm, Flags& flags);
uint32_t f64_to_u32(uint64_t a, RoundingMode rm, Flags& flags);
int64_t f64_to_i64(uint64_t a, RoundingMode rm, Flags& flags);
uint64_t f64_to_u64(uint64_t a, RoundingMode rm, Flags& flags);

// Integer to float.
uint32_t i32_to_f32(int32_t a, RoundingMode rm, Flags& flags);
uint32_t u32_to_f32(uint32_t a, RoundingMode rm, Flags& flags);
uint32_t i64_to_f32(int64_t a, RoundingMode rm, Flags& flags);
uint32_t u64_to_f32(uint64_t a, RoundingMode rm, Flags& flags);
uint64_t i32_to_f64(int32_t a, RoundingMode rm, Flags& flags);
uint64_t u32_to_f64(uint32_t a, RoundingMode rm, Flags& flags);
uint64_t i64_to_f64(int64_t a, RoundingMode rm, Flags& flags);
uint64_t u64_to_f64(uint64_t a, RoundingMode rm, Flags& flags);

// Between formats.
uint64_t f32_to_f64(uint32_t a, Flags& flags);
uint32_t f64_to_f32(uint64_t a, RoundingMode rm, Flags& flags);

}  // namespace strata::fpu
