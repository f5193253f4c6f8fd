// The interface of every memory-mapped device front end on the physical bus.
#pragma once

#include <cstdint>
#include <string_view>

#include "state/stream.h"

namespace strata::dev {

class MmioDevice {
 public:
  virtual ~MmioDevice() = default;

  virtual std::string_view name() const = 0;
  // Accesses are 1, 2, 4 or 8 bytes at an offset inside the device's window; the bus has checked
  // the range. A device answers reads of registers it does not have with 0 and ignores such writes,
  // as real buses do, so a guest poking at random offsets never stops the monitor.
  virtual uint64_t read(uint64_t offset, unsigned size) = 0;
  virtual void write(uint64_t offset, unsigned size, uint64_t value) = 0;

  // Device state for snapshots and migration, in a versioned section of its own.
  virtual void save(state::Writer& out) const = 0;
  [[nodiscard]] virtual Result<void> restore(state::Reader& in) = 0;
};

}  // namespace strata::dev
