// virtio-net (virtio 1.2 §5.1): one receive and one transmit queue, the MAC address and link
// status in the configuration space, mergeable receive buffers, and checksum offload both ways.
// Frames go to and come from a net::Backend (slirp, TAP, switch port) on the device's own I/O
// thread; a vCPU thread only posts work to it (QueueNotify) or waits for it briefly (reset).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "machine/virtio_config.h"
#include "net/backend.h"
#include "net/mac_address.h"
#include "virtio/device.h"
#include "virtio/io_thread.h"

namespace strata::virtio {

// Device-specific feature bits (§5.1.3).
inline constexpr uint64_t kNetFeatureCsum = 1ULL << 0;
inline constexpr uint64_t kNetFeatureGuestCsum = 1ULL << 1;
inline constexpr uint64_t kNetFeatureMac = 1ULL << 5;
inline constexpr uint64_t kNetFeatureMrgRxbuf = 1ULL << 15;
inline constexpr uint64_t kNetFeatureStatus = 1ULL << 16;

class NetDevice final : public Device {
 public:
  // Opens the back end `config` names on a new I/O thread. `mac` is the address the NIC
  // reports (config.mac or a derived one, see docs/network.md).
  [[nodiscard]] static Result<std::unique_ptr<NetDevice>> create(std::string name,
                                                                 const machine::NetConfig& config,
                                                                 net::MacAddress mac);
  ~NetDevice() override;
  NetDevice(const NetDevice&) = delete;
  NetDevice& operator=(const NetDevice&) = delete;

  std::string_view name() const override { return name_; }
  uint32_t device_id() const override { return kDeviceNet; }
  uint64_t features() const override;
  unsigned queue_count() const override { return 2; }
  void read_config(uint32_t offset, std::span<uint8_t> out) override;
  void write_config(uint32_t offset, std::span<const uint8_t> in) override;
  void activate(DeviceContext& context) override;
  void notify(unsigned queue) override;
  void reset() override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

  // Frames dropped by the device (no room, malformed) and by its back end; for tests.
  uint64_t dropped() const;

 private:
  class Loop;
  NetDevice(std::string name, net::MacAddress mac);

  // All below run on the I/O thread.
  bool receive(std::span<const uint8_t> frame);
  bool gather_rx_buffers(size_t needed);
  void refill_notified();
  void process_tx(uint64_t generation);
  void transmit(const DescriptorChain& chain);
  void flush_rx_interrupt();
  void link_went_down();

  std::string name_;
  net::MacAddress mac_;
  std::atomic<bool> link_up_{true};  // read by vCPUs (config space), cleared by the I/O thread
  std::unique_ptr<IoThread> io_;
  std::unique_ptr<Loop> loop_;
  std::unique_ptr<net::Backend> backend_;

  // I/O-thread state.
  DeviceContext* context_ = nullptr;
  uint64_t generation_ = 0;  // bumped by reset: work posted before it is dropped
  uint64_t features_ = 0;
  size_t header_size_ = 12;
  std::deque<DescriptorChain> rx_chains_;  // popped receive buffers not yet used
  bool rx_waiting_ = false;                // the back end is paused until the guest refills
  bool rx_notifications_ = true;
  bool rx_interrupt_pending_ = false;
  uint64_t dropped_ = 0;
  std::vector<uint8_t> packet_;              // header + frame being received or sent
  std::vector<uint16_t> restored_rx_heads_;  // from restore(), reloaded at activate()
};

}  // namespace strata::virtio
