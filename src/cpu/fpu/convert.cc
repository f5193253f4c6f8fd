// Conversions between the two formats and between floating point and integers.
//
// Float-to-integer is done entirely with integer operations: the RISC-V saturation rules differ
// from x86's (which returns the "integer indefinite" value), and the rounding is a shift and a
// compare. Integer-to-float uses the host only when the value is exactly representable, and
// otherwise rounds in software, which also covers RMM and unsigned 64-bit sources that x86 has no
// instruction for. binary64-to-binary32 follows the same three paths as arithmetic.cc.
#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "cpu/fpu/format.h"
#include "cpu/fpu/fpu.h"
#include "cpu/fpu/host.h"
#include "cpu/fpu/soft.h"

namespace strata::fpu {
namespace {

template <class F, class Int>
Int to_int(typename F::Bits a, RoundingMode rm, Flags& flags) {
  using Limits = std::numeric_limits<Int>;
  const bool sign = F::sign(a);
  if (F::is_nan(a) || F::is_inf(a)) {
    flags |= kInvalid;
    return F::is_nan(a) || !sign ? Limits::max() : Limits::min();
  }
  if (F::is_zero(a)) return 0;

  // value = sig * 2^(exp - kFracBits), sig < 2^p.
  const int biased = F::biased_exp(a);
  const int exp = biased != 0 ? biased - F::kBias : F::kEmin;
  const uint64_t sig = static_cast<uint64_t>(a & F::kFracMask) | (biased != 0 ? F::kHidden : 0);

  bool out_of_range = false;
  bool inexact = false;
  uint64_t magnitude = 0;
  if (exp >= 64) {
    out_of_range = true;
  } else if (exp >= F::kFracBits) {
    magnitude = sig << (exp - F::kFracBits);  // Exact, and below 2^64 since exp <= 63.
  } else {
    // Drop `shift` fraction bits, rounding the magnitude in the direction the mode asks for.
    const int shift = F::kFracBits - exp;  // >= 1
    uint64_t rest;
    uint64_t half;
    if (shift < 64) {
      magnitude = sig >> shift;
      rest = sig & ((uint64_t{1} << shift) - 1);
      half = uint64_t{1} << (shift - 1);
    } else {  // Below 2^-(64 - p): nonzero, far less than a half.
      rest = 1;
      half = 2;
    }
    inexact = rest != 0;
    bool up = false;
    switch (rm) {
      case RoundingMode::NearestEven:
        up = rest > half || (rest == half && (magnitude & 1) != 0);
        break;
      case RoundingMode::NearestMaxMagnitude: up = rest >= half; break;
      case RoundingMode::TowardZero: up = false; break;
      case RoundingMode::Down: up = sign && inexact; break;
      case RoundingMode::Up: up = !sign && inexact; break;
    }
    magnitude += up ? 1 : 0;  // Cannot wrap: magnitude < 2^p here.
  }

  // The range check applies to the rounded value; an out-of-range result raises NV but not NX.
  using Unsigned = std::make_unsigned_t<Int>;
  constexpr auto kMaxMagnitude = static_cast<uint64_t>(Limits::max());
  if (std::is_signed_v<Int>) {
    out_of_range = out_of_range || magnitude > kMaxMagnitude + (sign ? 1 : 0);
  } else {
    // A negative value that rounds to zero is fine (and only inexact).
    out_of_range = out_of_range || (sign && magnitude != 0) || magnitude > kMaxMagnitude;
  }
  if (out_of_range) {
    flags |= kInvalid;
    return sign ? Limits::min() : Limits::max();
  }
  if (inexact) flags |= kInexact;
  const auto bits = static_cast<Unsigned>(magnitude);
  return static_cast<Int>(sign ? static_cast<Unsigned>(Unsigned{0} - bits) : bits);
}

template <class F, class Int>
typename F::Bits from_int(Int v, RoundingMode rm, Flags& flags) {
  using Unsigned = std::make_unsigned_t<Int>;
  const bool sign = v < 0;
  const auto magnitude =
      static_cast<uint64_t>(sign ? static_cast<Unsigned>(Unsigned{0} - static_cast<Unsigned>(v))
                                 : static_cast<Unsigned>(v));
  // Representable values convert exactly, so the host's rounding mode does not matter.
  if (magnitude < (uint64_t{1} << F::kPrecision)) {
    return std::bit_cast<typename F::Bits>(static_cast<typename F::Host>(v));
  }
  // magnitude * 2^0 == magnitude * 2^(62 - 62).
  return soft::round_pack<F>(sign, 62, magnitude, rm, flags);
}

}  // namespace

int32_t f32_to_i32(uint32_t a, RoundingMode rm, Flags& flags) {
  return to_int<F32, int32_t>(a, rm, flags);
}
uint32_t f32_to_u32(uint32_t a, RoundingMode rm, Flags& flags) {
  return to_int<F32, uint32_t>(a, rm, flags);
}
int64_t f32_to_i64(uint32_t a, RoundingMode rm, Flags& flags) {
  return to_int<F32, int64_t>(a, rm, flags);
}
uint64_t f32_to_u64(uint32_t a, RoundingMode rm, Flags& flags) {
  return to_int<F32, uint64_t>(a, rm, flags);
}
int32_t f64_to_i32(uint64_t a, RoundingMode rm, Flags& flags) {
  return to_int<F64, int32_t>(a, rm, flags);
}
uint32_t f64_to_u32(uint64_t a, RoundingMode rm, Flags& flags) {
  return to_int<F64, uint32_t>(a, rm, flags);
}
int64_t f64_to_i64(uint64_t a, RoundingMode rm, Flags& flags) {
  return to_int<F64, int64_t>(a, rm, flags);
}
uint64_t f64_to_u64(uint64_t a, RoundingMode rm, Flags& flags) {
  return to_int<F64, uint64_t>(a, rm, flags);
}

uint32_t i32_to_f32(int32_t a, RoundingMode rm, Flags& flags) {
  return from_int<F32>(a, rm, flags);
}
uint32_t u32_to_f32(uint32_t a, RoundingMode rm, Flags& flags) {
  return from_int<F32>(a, rm, flags);
}
uint32_t i64_to_f32(int64_t a, RoundingMode rm, Flags& flags) {
  return from_int<F32>(a, rm, flags);
}
uint32_t u64_to_f32(uint64_t a, RoundingMode rm, Flags& flags) {
  return from_int<F32>(a, rm, flags);
}
uint64_t i32_to_f64(int32_t a, RoundingMode rm, Flags& flags) {
  return from_int<F64>(a, rm, flags);
}
uint64_t u32_to_f64(uint32_t a, RoundingMode rm, Flags& flags) {
  return from_int<F64>(a, rm, flags);
}
uint64_t i64_to_f64(int64_t a, RoundingMode rm, Flags& flags) {
  return from_int<F64>(a, rm, flags);
}
uint64_t u64_to_f64(uint64_t a, RoundingMode rm, Flags& flags) {
  return from_int<F64>(a, rm, flags);
}

uint64_t f32_to_f64(uint32_t a, Flags& flags) {
  if (F32::is_nan(a)) {
    if (F32::is_snan(a)) flags |= kInvalid;
    return kCanonicalNan64;
  }
  // Every binary32 value is exactly representable in binary64.
  return std::bit_cast<uint64_t>(static_cast<double>(std::bit_cast<float>(a)));
}

uint32_t f64_to_f32(uint64_t a, RoundingMode rm, Flags& flags) {
  if (rm == RoundingMode::NearestMaxMagnitude) return soft::narrow(a, rm, flags);
  const auto x = std::bit_cast<double>(a);
  if (rm == RoundingMode::NearestEven) {
    const auto r = static_cast<float>(x);
    const int exp = F32::biased_exp(std::bit_cast<uint32_t>(r));
    // A result of at least twice the smallest normal number is neither tiny nor overflowed (nor
    // a NaN), so only NX is in question, and widening back is exact.
    if (exp > 1 && exp < F32::kMaxBiasedExp) [[likely]] {
      if (static_cast<double>(r) != x) flags |= kInexact;
      return std::bit_cast<uint32_t>(r);
    }
  }
  uint32_t mxcsr;
  const float r = host::narrow(x, host::control_word(rm), mxcsr);
  flags |= host::flags_from_mxcsr(mxcsr);
  const auto bits = std::bit_cast<uint32_t>(r);
  return F32::is_nan(bits) ? kCanonicalNan32 : bits;
}

}  // namespace strata::fpu
