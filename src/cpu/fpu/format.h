// Private to the FPU: compile-time descriptions of binary32 and binary64 and the bit-level
// predicates every part of the FPU needs. Operating on raw bits (rather than host floats) keeps
// NaN payloads and signalling bits away from the host compiler.
#pragma once

#include <cstdint>

#include "cpu/fpu/fpu.h"

namespace strata::fpu {

template <typename BitsT, typename HostT, int kExpBitsV, int kFracBitsV, BitsT kCanonicalNanV>
struct Format {
  using Bits = BitsT;
  using Host = HostT;  // The host type with the same encoding, for the hardware fast paths.

  static constexpr int kExpBits = kExpBitsV;
  static constexpr int kFracBits = kFracBitsV;
  static constexpr int kPrecision = kFracBits + 1;  // Significand bits, hidden bit included.
  static constexpr int kBias = (1 << (kExpBits - 1)) - 1;
  static constexpr int kEmin = 1 - kBias;  // Exponent of the smallest normal number.
  static constexpr int kEmax = kBias;
  static constexpr int kMaxBiasedExp = (1 << kExpBits) - 1;  // Infinities and NaNs.

  static constexpr Bits kSign = Bits{1} << (kExpBits + kFracBits);
  static constexpr Bits kFracMask = (Bits{1} << kFracBits) - 1;
  static constexpr Bits kHidden = Bits{1} << kFracBits;
  static constexpr Bits kExpMask = Bits{kMaxBiasedExp} << kFracBits;
  static constexpr Bits kQuietBit = Bits{1} << (kFracBits - 1);
  static constexpr Bits kInfinity = kExpMask;
  static constexpr Bits kMaxFinite = kExpMask - 1;
  static constexpr Bits kCanonicalNan = kCanonicalNanV;

  static constexpr bool sign(Bits x) { return (x & kSign) != 0; }
  static constexpr int biased_exp(Bits x) { return static_cast<int>((x & kExpMask) >> kFracBits); }
  static constexpr Bits magnitude(Bits x) { return x & ~kSign; }
  static constexpr bool is_nan(Bits x) { return magnitude(x) > kExpMask; }
  static constexpr bool is_snan(Bits x) { return is_nan(x) && (x & kQuietBit) == 0; }
  static constexpr bool is_inf(Bits x) { return magnitude(x) == kExpMask; }
  static constexpr bool is_zero(Bits x) { return magnitude(x) == 0; }
  static constexpr bool is_finite(Bits x) { return (x & kExpMask) != kExpMask; }
};

using F32 = Format<uint32_t, float, 8, 23, kCanonicalNan32>;
using F64 = Format<uint64_t, double, 11, 52, kCanonicalNan64>;

}  // namespace strata::fpu
