// Software rounding of an exact (or sticky-bit-extended) intermediate result to a format.
#include <bit>
#include <cstdint>

#include "cpu/fpu/format.h"
#include "cpu/fpu/soft.h"
#include "cpu/fpu/soft_util.h"

namespace strata::fpu::soft {
namespace {

// Whether rounding the normalized sig (MSB at bit 62) to F's precision increments it.
template <class F>
bool rounds_up(uint64_t sig, bool sign, RoundingMode rm) {
  constexpr int kRoundBits = 63 - F::kPrecision;
  constexpr uint64_t kMask = (uint64_t{1} << kRoundBits) - 1;
  constexpr uint64_t kHalf = uint64_t{1} << (kRoundBits - 1);
  const uint64_t rest = sig & kMask;
  switch (rm) {
    case RoundingMode::NearestEven:
      return rest > kHalf || (rest == kHalf && ((sig >> kRoundBits) & 1) != 0);
    case RoundingMode::NearestMaxMagnitude: return rest >= kHalf;
    case RoundingMode::TowardZero: return false;
    case RoundingMode::Down: return sign && rest != 0;
    case RoundingMode::Up: return !sign && rest != 0;
  }
  return false;
}

template <class F>
typename F::Bits overflow(bool sign, RoundingMode rm, Flags& flags) {
  flags |= kOverflow | kInexact;
  // Directed modes stop at the largest finite number on the side they round away from.
  bool to_infinity = true;
  switch (rm) {
    case RoundingMode::NearestEven:
    case RoundingMode::NearestMaxMagnitude: to_infinity = true; break;
    case RoundingMode::TowardZero: to_infinity = false; break;
    case RoundingMode::Down: to_infinity = sign; break;
    case RoundingMode::Up: to_infinity = !sign; break;
  }
  const typename F::Bits s = sign ? F::kSign : 0;
  return s | (to_infinity ? F::kInfinity : F::kMaxFinite);
}

}  // namespace

template <class F>
typename F::Bits round_pack(bool sign, int exp, uint64_t sig, RoundingMode rm, Flags& flags) {
  using Bits = typename F::Bits;
  constexpr int kRoundBits = 63 - F::kPrecision;

  // Normalize so the leading one is at bit 62.
  if ((sig >> 63) != 0) {
    sig = shift_right_jam(sig, 1);
    exp += 1;
  } else {
    const int shift = std::countl_zero(sig) - 1;
    sig <<= shift;
    exp -= shift;
  }

  bool tiny = false;
  if (exp < F::kEmin) {
    // RISC-V detects tininess after rounding: the value is tiny if rounding it to full precision
    // with an unbounded exponent stays below 2^emin. Only a value in [2^(emin-1), 2^emin) whose
    // significand is all ones can round up to 2^emin.
    constexpr uint64_t kAllOnes = (uint64_t{1} << F::kPrecision) - 1;
    tiny = exp < F::kEmin - 1 || (sig >> kRoundBits) != kAllOnes || !rounds_up<F>(sig, sign, rm);
    sig = shift_right_jam(sig, F::kEmin - exp);
    exp = F::kEmin;
  }

  const bool inexact = (sig & ((uint64_t{1} << kRoundBits) - 1)) != 0;
  uint64_t m = (sig >> kRoundBits) + (rounds_up<F>(sig, sign, rm) ? 1 : 0);
  if ((m >> F::kPrecision) != 0) {  // Rounded up to the next power of two.
    m >>= 1;
    exp += 1;
  }
  if (exp > F::kEmax) return overflow<F>(sign, rm, flags);
  if (inexact) {
    flags |= kInexact;
    if (tiny) flags |= kUnderflow;
  }
  // A normal m carries the hidden bit, which adds one to the exponent field; a subnormal m has
  // exp == emin, so the field stays zero, and one that rounded up to 2^(p-1) becomes the smallest
  // normal number by the same addition.
  const Bits s = sign ? F::kSign : 0;
  return s | ((static_cast<Bits>(exp + F::kBias - 1) << F::kFracBits) + static_cast<Bits>(m));
}

uint32_t narrow(uint64_t a, RoundingMode rm, Flags& flags) {
  if (F64::is_nan(a)) return propagate_nan<F32>(F64::is_snan(a), flags);
  const uint32_t sign = F64::sign(a) ? F32::kSign : 0;
  if (F64::is_inf(a)) return sign | F32::kInfinity;
  if (F64::is_zero(a)) return sign;
  const Unpacked u = unpack<F64>(a);
  return round_pack<F32>(u.sign, u.exp, u.sig, rm, flags);
}

template F32::Bits round_pack<F32>(bool, int, uint64_t, RoundingMode, Flags&);
template F64::Bits round_pack<F64>(bool, int, uint64_t, RoundingMode, Flags&);

}  // namespace strata::fpu::soft
