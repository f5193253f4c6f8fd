// virtio-rng (virtio 1.2 §5.4, device ID 4): one request queue whose writable buffers the device
// fills with random bytes from the host's getrandom(). Requests are served on the device's own
// I/O thread, never on a vCPU.
#pragma once

#include <string>

#include "virtio/device.h"
#include "virtio/io_thread.h"

namespace strata::virtio {

class RngDevice final : public Device {
 public:
  // At most this many bytes are produced per request, so one request cannot hold the thread long.
  static constexpr uint64_t kMaxBytesPerRequest = 64 * 1024;

  explicit RngDevice(std::string name);
  ~RngDevice() override;
  RngDevice(const RngDevice&) = delete;
  RngDevice& operator=(const RngDevice&) = delete;

  std::string_view name() const override { return name_; }
  uint32_t device_id() const override { return kDeviceEntropy; }
  uint64_t features() const override { return 0; }
  unsigned queue_count() const override { return 1; }
  // No configuration space.
  void read_config(uint32_t offset, std::span<uint8_t> out) override;
  void write_config(uint32_t offset, std::span<const uint8_t> in) override;
  void activate(DeviceContext& context) override;
  void notify(unsigned queue) override;
  void reset() override;
  // No state beyond the transport's: requests are completed as soon as they are popped.
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

 private:
  void serve();  // on the I/O thread

  std::string name_;
  DeviceContext* context_ = nullptr;  // owned by the I/O thread; null while reset
  IoThread thread_;
};

}  // namespace strata::virtio
