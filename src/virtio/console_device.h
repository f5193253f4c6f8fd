// virtio-console (virtio 1.2 §5.3, device ID 3) with a single port: receiveq (0) carries input
// from a character back end to the guest, transmitq (1) the guest's output to it. Linux makes
// the port an hvc console (hvc1 on strata's default guest, whose SBI console is hvc0), usable
// with console=hvc1.
//
// Input follows the UART's flow control: the back end offers bytes, the device places what fits
// in the receive buffers the driver has posted, and the back end holds the rest (and stops reading
// its host side) until the driver posts more; nothing is dropped. Output goes to the back end,
// whose write never blocks (a full buffer drops, see CharBackend), and transmit buffers are
// returned at once, so a vCPU spinning for its buffer (Linux's hvc path does) is never stalled
// by the host side. No features are offered (no MULTIPORT, SIZE or EMERG_WRITE); the
// configuration space reads as zero.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "backend/char_backend.h"
#include "virtio/device.h"
#include "virtio/io_thread.h"

namespace strata::virtio {

class ConsoleDevice final : public Device {
 public:
  static constexpr unsigned kReceiveQueue = 0;
  static constexpr unsigned kTransmitQueue = 1;
  static constexpr uint32_t kConfigSize = 12;  // cols, rows, max_nr_ports, emerg_wr

  // `backend` lives as long as the device (across resets).
  ConsoleDevice(std::string name, std::unique_ptr<backend::CharBackend> backend);
  ~ConsoleDevice() override;
  ConsoleDevice(const ConsoleDevice&) = delete;
  ConsoleDevice& operator=(const ConsoleDevice&) = delete;

  std::string_view name() const override { return name_; }
  uint32_t device_id() const override { return kDeviceConsole; }
  uint64_t features() const override { return 0; }
  unsigned queue_count() const override { return 2; }
  void read_config(uint32_t offset, std::span<uint8_t> out) override;
  void write_config(uint32_t offset, std::span<const uint8_t> in) override;
  void activate(DeviceContext& context) override;
  void notify(unsigned queue) override;
  void reset() override;
  // Nothing is in flight between calls (buffers are returned as they are processed), so the
  // section only marks the device's presence; the back end's held input stays in the back end.
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

 private:
  // The back end's receiver: fills receive buffers; returns how many bytes it placed.
  size_t receive(std::span<const uint8_t> bytes);
  void transmit();  // on the I/O thread

  std::string name_;
  std::unique_ptr<backend::CharBackend> backend_;
  // Guards context_ and the queues: the receiver (back end thread) uses receiveq, the I/O thread
  // transmitq. write() and resume_input() are called with it held, as CharBackend allows.
  std::mutex mutex_;
  DeviceContext* context_ = nullptr;
  IoThread thread_;
};

}  // namespace strata::virtio
