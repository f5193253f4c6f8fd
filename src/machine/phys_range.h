// A range of guest physical addresses, [start, end).
#pragma once

#include <cstdint>

namespace strata::machine {

struct PhysRange {
  uint64_t start = 0;
  uint64_t end = 0;

  uint64_t size() const { return end - start; }
  bool overlaps(const PhysRange& other) const { return start < other.end && other.start < end; }
  bool operator==(const PhysRange&) const = default;
};

}  // namespace strata::machine
