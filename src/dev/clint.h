// The core-local interruptor (SiFive CLINT layout, as on QEMU's virt and spike boards):
// machine software interrupts (msip), the machine timer comparators (mtimecmp) and mtime.
//   0x0000 + 4*hart  msip      bit 0 drives the hart's MSIP
//   0x4000 + 8*hart  mtimecmp  MTIP is pending while mtime >= mtimecmp
//   0xbff8           mtime     the 10 MHz platform timebase
#pragma once

#include <vector>

#include "cpu/clock.h"
#include "cpu/hart.h"
#include "dev/mmio_device.h"

namespace strata::dev {

class Clint final : public MmioDevice {
 public:
  static constexpr uint64_t kBase = 0x0200'0000;
  static constexpr uint64_t kSize = 0x10000;

  Clint(std::vector<cpu::Hart*> harts, cpu::Clock& clock);

  std::string_view name() const override { return "clint"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

 private:
  std::vector<cpu::Hart*> harts_;
  cpu::Clock& clock_;
};

}  // namespace strata::dev
