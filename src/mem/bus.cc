#include "mem/bus.h"

namespace strata::mem {

Result<void> Bus::map(uint64_t base, uint64_t size, dev::MmioDevice& device) {
  const auto overlaps = [&](uint64_t other_base, uint64_t other_size) {
    return base < other_base + other_size && other_base < base + size;
  };
  if (size == 0 || base + size < base) {
    return fail("device {} has an empty or wrapping window at {:#x}", device.name(), base);
  }
  if (overlaps(ram_.base(), ram_.size())) {
    return fail("device {} at {:#x} overlaps guest RAM", device.name(), base);
  }
  for (const Window& w : windows_) {
    if (overlaps(w.base, w.size)) {
      return fail("device {} at {:#x} overlaps device {} at {:#x}", device.name(), base,
                  w.device->name(), w.base);
    }
  }
  windows_.push_back({base, size, &device});
  return {};
}

const Bus::Window* Bus::find(uint64_t paddr, unsigned size) const {
  for (const Window& w : windows_) {
    if (paddr >= w.base && paddr - w.base <= w.size - size) return &w;
  }
  return nullptr;
}

bool Bus::mmio_read(uint64_t paddr, unsigned size, uint64_t& value) const {
  const Window* w = find(paddr, size);
  if (w == nullptr) return false;
  value = w->device->read(paddr - w->base, size);
  return true;
}

bool Bus::mmio_write(uint64_t paddr, unsigned size, uint64_t value) const {
  const Window* w = find(paddr, size);
  if (w == nullptr) return false;
  w->device->write(paddr - w->base, size, value);
  return true;
}

}  // namespace strata::mem
