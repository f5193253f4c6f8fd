// The virtio-mmio transport (virtio 1.2 §4.2): the register window one device sits behind on the
// board, in the modern form (version 2, §4.2.2) or the legacy form (version 1, §4.2.4: guest page
// size, queue PFN and alignment), chosen per device.
//
// It owns feature negotiation (FEATURES_OK is refused when the driver accepts a bit the device did
// not offer), the device status, queue setup (checked by Queue at DRIVER_OK), the interrupt status
// and its level on the PLIC line (asserted while InterruptStatus != 0), NEEDS_RESET, and the
// save/restore of all of that. It presents QEMU's vendor ID, so guests written for QEMU's virt
// board (xv6-riscv among them) accept it.
//
// Threads: register accesses come from vCPU threads and are serialized by a mutex; interrupts and
// failures come from the device's I/O thread and only touch atomics and the line's own lock, so
// a device may signal while a vCPU waits on it in reset().
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dev/irq.h"
#include "dev/mmio_device.h"
#include "mem/guest_ram.h"
#include "virtio/device.h"
#include "virtio/queue.h"
#include "virtio/virtio.h"

namespace strata::virtio {

enum class TransportVersion : uint8_t {
  kLegacy = 1,  // virtio-mmio version 1 (legacy interface)
  kModern = 2,  // virtio-mmio version 2 (virtio 1.x)
};

// Register offsets of virtio-mmio (§4.2.2; the legacy-only ones from §4.2.4).
namespace mmio {
inline constexpr uint32_t kMagicValue = 0x000;         // R: "virt"
inline constexpr uint32_t kVersion = 0x004;            // R: 1 legacy, 2 modern
inline constexpr uint32_t kDeviceId = 0x008;           // R
inline constexpr uint32_t kVendorId = 0x00c;           // R
inline constexpr uint32_t kDeviceFeatures = 0x010;     // R: word DeviceFeaturesSel
inline constexpr uint32_t kDeviceFeaturesSel = 0x014;  // W
inline constexpr uint32_t kDriverFeatures = 0x020;     // W: word DriverFeaturesSel
inline constexpr uint32_t kDriverFeaturesSel = 0x024;  // W
inline constexpr uint32_t kGuestPageSize = 0x028;      // W, legacy
inline constexpr uint32_t kQueueSel = 0x030;           // W
inline constexpr uint32_t kQueueNumMax = 0x034;        // R
inline constexpr uint32_t kQueueNum = 0x038;           // W
inline constexpr uint32_t kQueueAlign = 0x03c;         // W, legacy
inline constexpr uint32_t kQueuePfn = 0x040;           // RW, legacy
inline constexpr uint32_t kQueueReady = 0x044;         // RW, modern
inline constexpr uint32_t kQueueNotify = 0x050;        // W
inline constexpr uint32_t kInterruptStatus = 0x060;    // R
inline constexpr uint32_t kInterruptAck = 0x064;       // W
inline constexpr uint32_t kStatus = 0x070;             // RW
inline constexpr uint32_t kQueueDescLow = 0x080;       // W, modern (and High at +4)
inline constexpr uint32_t kQueueDriverLow = 0x090;     // W, modern
inline constexpr uint32_t kQueueDeviceLow = 0x0a0;     // W, modern
inline constexpr uint32_t kShmSel = 0x0ac;             // W, modern: no shared memory regions
inline constexpr uint32_t kShmLenLow = 0x0b0;          // R: all ones (no such region)
inline constexpr uint32_t kShmBaseLow = 0x0b8;         // R: all ones
inline constexpr uint32_t kQueueReset = 0x0c0;         // RW, modern (not offered)
inline constexpr uint32_t kConfigGeneration = 0x0fc;   // R, modern
inline constexpr uint32_t kConfig = 0x100;             // device configuration space

inline constexpr uint32_t kMagic = 0x74726976;       // "virt", little-endian
inline constexpr uint32_t kVendorQemu = 0x554d4551;  // "QEMU", as on QEMU's virt board
inline constexpr uint64_t kWindowSize = 0x1000;
}  // namespace mmio

class MmioTransport final : public dev::MmioDevice, private DeviceContext, private QueueEvents {
 public:
  // `device` sits behind the window and outlives the transport (the board keeps devices, and
  // their back ends, across machine resets and rebuilds the transports); `irq` is its PLIC line.
  // The transport starts in reset; destroying it resets the device.
  MmioTransport(mem::GuestRam& ram, dev::IrqLine irq, Device& device, TransportVersion version);
  ~MmioTransport() override;
  MmioTransport(const MmioTransport&) = delete;
  MmioTransport& operator=(const MmioTransport&) = delete;

  // dev::MmioDevice. Registers take 32-bit accesses (others read 0 and are ignored, as on
  // QEMU); the configuration space takes 1, 2, 4 and 8-byte accesses.
  std::string_view name() const override { return device_->name(); }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  // Writes the transport's section ("VIRT") and then the device's own.
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

  // Machine reset: the device's front end is reset as by a status write of 0; its back end stays.
  void reset();

  TransportVersion version() const { return version_; }
  Device& device() { return *device_; }
  uint32_t status() const { return status_.load(); }
  uint32_t interrupt_status() const { return interrupt_status_.load(); }

 private:
  // Per-queue registers as the driver wrote them; Queue checks them at DRIVER_OK.
  struct QueueRegisters {
    uint16_t num = 0;
    bool ready = false;  // QueueReady (modern); QueuePFN != 0 (legacy)
    uint64_t desc = 0;
    uint64_t driver = 0;
    uint64_t device = 0;
    uint32_t align = 0;  // legacy QueueAlign
    uint32_t pfn = 0;    // legacy QueuePFN
  };

  uint32_t read_register(uint32_t offset);
  void write_register(uint32_t offset, uint32_t value);
  void write_status(uint32_t value);
  bool features_acceptable() const;
  void activate_device();
  void reset_locked();
  QueueLayout layout_of(const QueueRegisters& registers) const;
  void raise(uint32_t bits);
  void update_line();

  // DeviceContext.
  Queue& queue(unsigned index) override { return *queues_[index]; }
  uint64_t driver_features() const override { return driver_features_; }
  mem::GuestRam& ram() override { return ram_; }
  void signal_config_change() override;
  void fail(std::string_view why) override;
  // QueueEvents.
  void queue_interrupt() override { raise(kInterruptUsedBuffer); }
  void queue_failed(std::string_view why) override { fail(why); }

  mem::GuestRam& ram_;
  dev::IrqLine irq_;
  Device* device_;
  TransportVersion version_;
  uint64_t offered_features_;

  std::mutex mutex_;  // the register file, against concurrent vCPU accesses
  uint32_t device_features_sel_ = 0;
  uint32_t driver_features_sel_ = 0;
  uint64_t driver_features_ = 0;
  uint32_t guest_page_size_ = 0;  // legacy
  uint32_t queue_sel_ = 0;
  std::vector<QueueRegisters> queue_registers_;
  std::vector<std::unique_ptr<Queue>> queues_;
  bool active_ = false;  // the device was activated (DRIVER_OK) and not reset since

  std::atomic<uint32_t> status_{0};
  std::atomic<uint32_t> interrupt_status_{0};
  std::atomic<uint32_t> config_generation_{0};
  std::mutex line_mutex_;  // orders level updates of irq_
};

}  // namespace strata::virtio
