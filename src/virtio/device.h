// What a virtio device front end implements, and what the transport gives it.
//
// The transport (MmioTransport) owns the register file, feature negotiation, the device status,
// queue setup, the interrupt status and the save/restore of all of that; the device owns its
// configuration space, the processing of its queues and its back end.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "mem/guest_ram.h"
#include "state/stream.h"
#include "util/error.h"
#include "virtio/queue.h"

namespace strata::virtio {

// Given by the transport to the device on activate(); valid until the device's reset().
class DeviceContext {
 public:
  virtual ~DeviceContext() = default;
  // Queue `index` (< Device::queue_count()). Only the queues the driver set up are ready().
  virtual Queue& queue(unsigned index) = 0;
  // The features both sides agreed on (device-specific and transport bits).
  virtual uint64_t driver_features() const = 0;
  virtual mem::GuestRam& ram() = 0;
  // Raises the configuration-change interrupt and bumps ConfigGeneration. Any thread.
  virtual void signal_config_change() = 0;
  // The device cannot go on (a protocol error by the driver): one log line to stderr, the status
  // gets NEEDS_RESET and a configuration-change interrupt is raised. Any thread.
  virtual void fail(std::string_view why) = 0;
};

class Device {
 public:
  virtual ~Device() = default;
  // For log lines, e.g. "virtio-blk0".
  virtual std::string_view name() const = 0;
  virtual uint32_t device_id() const = 0;
  // The device-specific feature bits it offers; the transport adds the ring and version bits.
  virtual uint64_t features() const = 0;
  virtual unsigned queue_count() const = 0;
  virtual uint16_t queue_max_size(unsigned /*queue*/) const { return 256; }
  // Configuration space accesses at `offset` from its start; out-of-range bytes are the device's
  // to handle (read as zero, writes ignored). On a vCPU thread.
  virtual void read_config(uint32_t offset, std::span<uint8_t> out) = 0;
  virtual void write_config(uint32_t offset, std::span<const uint8_t> in) = 0;
  // DRIVER_OK: the queues are set up; the device starts serving (typically on its I/O thread).
  // It may find buffers already available and must look at its queues once.
  virtual void activate(DeviceContext& context) = 0;
  // A QueueNotify write, on a vCPU thread: must not block (hand the work to the I/O thread).
  virtual void notify(unsigned queue) = 0;
  // Device reset (status 0, or machine reset), on a vCPU thread: stop using the queues and the
  // context; in-flight back-end work is finished or cancelled before returning. The back end
  // (open files, sockets) stays.
  virtual void reset() = 0;
  // Device-specific state (config, in-flight requests, back-end position) in sections of its
  // own, written right after the transport's section. restore() runs on a reset device after
  // the transport has restored its registers and queues; if the driver had set DRIVER_OK, the
  // transport then calls activate() (in-flight requests are rebuilt with Queue::reload()).
  virtual void save(state::Writer& out) const = 0;
  [[nodiscard]] virtual Result<void> restore(state::Reader& in) = 0;
};

}  // namespace strata::virtio
