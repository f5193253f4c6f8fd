// The bound generated code checks a direct access against: for an access of 2^`log2_size` bytes
// into a range of `range` bytes, how many offsets from the range's start it may begin at (the
// range's size - 2^log2_size + 1), or 0 when it does not fit at all. One unsigned compare of the
// offset against it rejects an access that starts below the range (the offset wraps around),
// starts past it, or runs over its end. Direct loads (the range is RAM) and the store window use
// it alike.
#pragma once

#include <cstdint>

namespace strata::cpu {

constexpr uint64_t access_limit(uint64_t range, unsigned log2_size) {
  const uint64_t size = uint64_t{1} << log2_size;
  return range >= size ? range - size + 1 : 0;
}

}  // namespace strata::cpu
