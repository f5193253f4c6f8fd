// The SiFive test device ("sifive,test1", the syscon behind Linux's syscon-poweroff and
// syscon-reboot on QEMU's virt machine, and what OpenSBI uses for system reset). A 16- or 32-bit
// write to offset 0:
//   0x5555               power off, success
//   0x3333 | code << 16  power off, failure with `code`
//   0x7777               reset
// Other values, offsets and sizes are ignored; reads return 0.
#pragma once

#include <functional>

#include "dev/mmio_device.h"

namespace strata::dev {

class TestFinisher final : public MmioDevice {
 public:
  static constexpr uint64_t kBase = 0x0010'0000;
  static constexpr uint64_t kSize = 0x1000;

  static constexpr uint32_t kPass = 0x5555;
  static constexpr uint32_t kFail = 0x3333;
  static constexpr uint32_t kReset = 0x7777;

  enum class Event : uint8_t { kPass, kFail, kReset };
  // Runs on the writing vCPU's thread: it should ask the machine to stop or reset and return.
  // `code` is the failure code for kFail, 0 otherwise.
  using Handler = std::function<void(Event event, int code)>;

  explicit TestFinisher(Handler handler) : handler_(std::move(handler)) {}

  std::string_view name() const override { return "sifive-test"; }
  uint64_t read(uint64_t /*offset*/, unsigned /*size*/) override { return 0; }
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

 private:
  Handler handler_;
};

}  // namespace strata::dev
