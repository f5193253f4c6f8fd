// Bit-field helpers shared by the decoder, the CSR file and the MMU.
#pragma once

#include <cstdint>

namespace strata {

// 128-bit integers for exact products and ranges (a GCC/Clang extension, hence __extension__).
__extension__ using uint128 = unsigned __int128;
__extension__ using int128 = __int128;

// Bits [hi:lo] of `value`, shifted down to bit 0.
constexpr uint64_t bits(uint64_t value, unsigned hi, unsigned lo) {
  return (value >> lo) & ((hi - lo == 63) ? ~0ULL : ((1ULL << (hi - lo + 1)) - 1));
}

constexpr uint64_t bit(uint64_t value, unsigned pos) {
  return (value >> pos) & 1U;
}

// Sign-extends the low `width` bits of `value`.
constexpr int64_t sign_extend(uint64_t value, unsigned width) {
  const unsigned shift = 64 - width;
  return static_cast<int64_t>(value << shift) >> shift;
}

constexpr uint64_t sext32(uint64_t value) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(value)));
}

}  // namespace strata
