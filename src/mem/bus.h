// The guest physical address space: RAM plus device windows. Every access a hart or a device makes
// to a guest physical address goes through here or through GuestRam after a contains() check.
#pragma once

#include <cstdint>
#include <vector>

#include "dev/mmio_device.h"
#include "mem/guest_ram.h"
#include "util/error.h"

namespace strata::mem {

class Bus final {
 public:
  explicit Bus(GuestRam& ram) : ram_(ram) {}

  GuestRam& ram() { return ram_; }
  const GuestRam& ram() const { return ram_; }

  // Maps `device` at [base, base + size). Fails if the window overlaps RAM or another device.
  [[nodiscard]] Result<void> map(uint64_t base, uint64_t size, dev::MmioDevice& device);

  // MMIO accesses; false when no device answers at that address (an access fault for a hart).
  [[nodiscard]] bool mmio_read(uint64_t paddr, unsigned size, uint64_t& value) const;
  [[nodiscard]] bool mmio_write(uint64_t paddr, unsigned size, uint64_t value) const;

  struct Window {
    uint64_t base;
    uint64_t size;
    dev::MmioDevice* device;
  };
  const std::vector<Window>& windows() const { return windows_; }

 private:
  const Window* find(uint64_t paddr, unsigned size) const;

  GuestRam& ram_;
  std::vector<Window> windows_;
};

}  // namespace strata::mem
