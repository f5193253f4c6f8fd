// Private to the software FPU: the unpacked operand form and the shifts that keep a sticky bit.
#pragma once

#include <bit>
#include <cstdint>

#include "cpu/fpu/format.h"
#include "cpu/fpu/fpu.h"

namespace strata::fpu::soft {

__extension__ using u128 = unsigned __int128;

// Shifts right, ORing every bit shifted out into bit 0, so that later rounding still knows
// whether the discarded part was zero.
inline uint64_t shift_right_jam(uint64_t x, int n) {
  if (n <= 0) return x;
  if (n >= 64) return x != 0 ? 1 : 0;
  return (x >> n) | ((x << (64 - n)) != 0 ? 1 : 0);
}

inline u128 shift_right_jam(u128 x, int n) {
  if (n <= 0) return x;
  if (n >= 128) return x != 0 ? 1 : 0;
  return (x >> n) | ((x << (128 - n)) != 0 ? 1 : 0);
}

inline int countl_zero(u128 x) {
  const auto hi = static_cast<uint64_t>(x >> 64);
  return hi != 0 ? std::countl_zero(hi) : 64 + std::countl_zero(static_cast<uint64_t>(x));
}

// A finite nonzero value sig * 2^(exp - 62) with sig normalized into [2^62, 2^63). The spare
// top bit absorbs the carry of an addition; the low bits are room for guard and sticky bits.
struct Unpacked {
  bool sign;
  int exp;
  uint64_t sig;
};

template <class F>
Unpacked unpack(typename F::Bits x) {
  const int biased = F::biased_exp(x);
  const uint64_t sig = static_cast<uint64_t>(x & F::kFracMask) << (62 - F::kFracBits);
  if (biased != 0) {
    return {F::sign(x), biased - F::kBias, sig | (uint64_t{1} << 62)};
  }
  // Subnormal: same scale as the smallest normal exponent, then normalized.
  const int shift = std::countl_zero(sig) - 1;
  return {F::sign(x), F::kEmin - shift, sig << shift};
}

// The result of an operation with a NaN operand: always the canonical NaN, with NV if any
// operand was signalling.
template <class F>
typename F::Bits propagate_nan(bool any_signalling, Flags& flags) {
  if (any_signalling) flags |= kInvalid;
  return F::kCanonicalNan;
}

// The sign of an exact zero sum of operands with signs `a` and `b`: IEEE 754 gives +0 for x + -x
// except when rounding down.
inline bool zero_sum_sign(bool a, bool b, RoundingMode rm) {
  return a == b ? a : rm == RoundingMode::Down;
}

}  // namespace strata::fpu::soft
