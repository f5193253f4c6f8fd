#include "virtio/mmio_transport.h"

#include <bit>
#include <cstdio>

#include <fmt/format.h>

namespace strata::virtio {
namespace {

constexpr uint32_t kTransportSection = state::tag("VIRT");
constexpr uint32_t kTransportVersion = 1;

// Legacy defaults until the driver writes GuestPageSize / QueueAlign (Linux always does).
constexpr uint32_t kDefaultPageSize = 4096;
constexpr uint32_t kDefaultQueueAlign = 4096;

uint64_t set_low(uint64_t value, uint32_t low) {
  return (value & ~0xffff'ffffULL) | low;
}
uint64_t set_high(uint64_t value, uint32_t high) {
  return (value & 0xffff'ffffULL) | (static_cast<uint64_t>(high) << 32);
}

}  // namespace

MmioTransport::MmioTransport(mem::GuestRam& ram, dev::IrqLine irq, Device& device,
                             TransportVersion version)
    : ram_(ram), irq_(irq), device_(&device), version_(version) {
  // Ring features are offered to every device; VERSION_1 only by the modern transport (a legacy
  // device must not offer it, §4.2.4).
  offered_features_ = device.features() | kFeatureRingIndirectDesc | kFeatureRingEventIdx;
  if (version_ == TransportVersion::kModern) offered_features_ |= kFeatureVersion1;
  guest_page_size_ = kDefaultPageSize;
  for (unsigned i = 0; i < device.queue_count(); ++i) {
    queues_.push_back(std::make_unique<Queue>(ram_, static_cast<QueueEvents&>(*this), i));
  }
  queue_registers_.resize(device.queue_count());
  for (QueueRegisters& r : queue_registers_) r.align = kDefaultQueueAlign;
}

MmioTransport::~MmioTransport() {
  const std::lock_guard lock(mutex_);
  device_->reset();
}

void MmioTransport::reset() {
  const std::lock_guard lock(mutex_);
  reset_locked();
}

uint64_t MmioTransport::read(uint64_t offset, unsigned size) {
  const std::lock_guard lock(mutex_);
  if (offset >= mmio::kConfig) {
    uint8_t bytes[8] = {};
    device_->read_config(static_cast<uint32_t>(offset - mmio::kConfig), std::span(bytes, size));
    uint64_t value = 0;
    for (unsigned i = 0; i < size; ++i) value |= static_cast<uint64_t>(bytes[i]) << (8 * i);
    return value;
  }
  // Registers are 32 bits wide and read as a whole (§4.2.2.2); QEMU answers other widths with 0.
  if (size != 4 || offset % 4 != 0) return 0;
  return read_register(static_cast<uint32_t>(offset));
}

void MmioTransport::write(uint64_t offset, unsigned size, uint64_t value) {
  const std::lock_guard lock(mutex_);
  if (offset >= mmio::kConfig) {
    uint8_t bytes[8];
    for (unsigned i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(value >> (8 * i));
    device_->write_config(static_cast<uint32_t>(offset - mmio::kConfig), std::span(bytes, size));
    return;
  }
  if (size != 4 || offset % 4 != 0) return;
  write_register(static_cast<uint32_t>(offset), static_cast<uint32_t>(value));
}

uint32_t MmioTransport::read_register(uint32_t offset) {
  const bool modern = version_ == TransportVersion::kModern;
  const QueueRegisters* q =
      queue_sel_ < queue_registers_.size() ? &queue_registers_[queue_sel_] : nullptr;
  switch (offset) {
    case mmio::kMagicValue: return mmio::kMagic;
    case mmio::kVersion: return static_cast<uint32_t>(version_);
    case mmio::kDeviceId: return device_->device_id();
    case mmio::kVendorId: return mmio::kVendorQemu;
    case mmio::kDeviceFeatures:
      if (device_features_sel_ > 1) return 0;
      return static_cast<uint32_t>(offered_features_ >> (32 * device_features_sel_));
    case mmio::kQueueNumMax: return q != nullptr ? device_->queue_max_size(queue_sel_) : 0;
    case mmio::kQueueReady: return modern && q != nullptr && q->ready ? 1 : 0;
    case mmio::kQueuePfn: return !modern && q != nullptr ? q->pfn : 0;
    case mmio::kInterruptStatus: return interrupt_status_.load();
    case mmio::kStatus: return status_.load();
    case mmio::kConfigGeneration: return modern ? config_generation_.load() : 0;
    // No shared memory regions: their length and base read as all ones (§4.2.2).
    case mmio::kShmLenLow:
    case mmio::kShmLenLow + 4:
    case mmio::kShmBaseLow:
    case mmio::kShmBaseLow + 4: return modern ? 0xffff'ffffU : 0;
    default: return 0;
  }
}

void MmioTransport::write_register(uint32_t offset, uint32_t value) {
  const bool modern = version_ == TransportVersion::kModern;
  const bool live = (status_.load() & kStatusDriverOk) != 0;
  QueueRegisters* q =
      queue_sel_ < queue_registers_.size() ? &queue_registers_[queue_sel_] : nullptr;
  // Queue registers only change before DRIVER_OK: the queues are checked and handed to the
  // device then, and a running device's queues are not the guest's to move.
  QueueRegisters* setup = live ? nullptr : q;
  switch (offset) {
    case mmio::kDeviceFeaturesSel: device_features_sel_ = value; break;
    case mmio::kDriverFeaturesSel: driver_features_sel_ = value; break;
    case mmio::kDriverFeatures:
      // Features are fixed once FEATURES_OK (modern) or DRIVER_OK (legacy) has been set.
      if (driver_features_sel_ <= 1 && !live && (status_.load() & kStatusFeaturesOk) == 0) {
        driver_features_ = driver_features_sel_ == 0 ? set_low(driver_features_, value)
                                                     : set_high(driver_features_, value);
      }
      break;
    case mmio::kGuestPageSize:
      if (!modern) guest_page_size_ = value;
      break;
    case mmio::kQueueSel: queue_sel_ = value; break;
    case mmio::kQueueNum:
      // A size that does not fit becomes 0, which DRIVER_OK refuses.
      if (setup != nullptr) setup->num = value > 0xffff ? 0 : static_cast<uint16_t>(value);
      break;
    case mmio::kQueueAlign:
      if (!modern && setup != nullptr) setup->align = value;
      break;
    case mmio::kQueuePfn:
      if (!modern && setup != nullptr) {
        setup->pfn = value;
        setup->ready = value != 0;
      }
      break;
    case mmio::kQueueReady:
      if (modern && setup != nullptr) setup->ready = (value & 1) != 0;
      break;
    case mmio::kQueueDescLow:
    case mmio::kQueueDescLow + 4:
    case mmio::kQueueDriverLow:
    case mmio::kQueueDriverLow + 4:
    case mmio::kQueueDeviceLow:
    case mmio::kQueueDeviceLow + 4: {
      if (!modern || setup == nullptr) break;
      const uint32_t base = offset & ~0xfU;
      uint64_t& field = base == mmio::kQueueDescLow     ? setup->desc
                        : base == mmio::kQueueDriverLow ? setup->driver
                                                        : setup->device;
      field = (offset & 4) != 0 ? set_high(field, value) : set_low(field, value);
      break;
    }
    case mmio::kQueueNotify:
      if (active_ && value < queues_.size() && queues_[value]->ready()) device_->notify(value);
      break;
    case mmio::kInterruptAck:
      interrupt_status_.fetch_and(~value);
      update_line();
      break;
    case mmio::kStatus: write_status(value); break;
    default: break;  // read-only or unknown: ignored
  }
}

bool MmioTransport::features_acceptable() const {
  return (driver_features_ & ~offered_features_) == 0;
}

void MmioTransport::write_status(uint32_t value) {
  if (value == 0) {
    reset_locked();
    return;
  }
  const uint32_t old = status_.load();
  uint32_t next = value | (old & kStatusNeedsReset);  // only a reset clears NEEDS_RESET
  if (version_ == TransportVersion::kModern && (next & kStatusFeaturesOk) != 0 &&
      (old & kStatusFeaturesOk) == 0 && !features_acceptable()) {
    // §2.2.2: the device refuses the feature set by leaving FEATURES_OK clear; the driver reads
    // the status back and gives up.
    next &= ~kStatusFeaturesOk;
  }
  status_.store(next);
  if ((next & kStatusDriverOk) != 0 && (old & kStatusDriverOk) == 0 && !active_) {
    activate_device();
  }
}

QueueLayout MmioTransport::layout_of(const QueueRegisters& r) const {
  QueueLayout layout;
  layout.size = r.num;
  if (version_ == TransportVersion::kModern) {
    layout.desc = r.desc;
    layout.avail = r.driver;
    layout.used = r.device;
    return layout;
  }
  // Legacy layout (§2.7.2 legacy interfaces): one contiguous area at QueuePFN * GuestPageSize,
  // the used ring at the next QueueAlign boundary after the available ring. activate_device()
  // has checked that both are powers of two.
  layout.desc = static_cast<uint64_t>(r.pfn) * guest_page_size_;
  layout.avail = layout.desc + 16ULL * r.num;
  const uint64_t align = r.align;
  layout.used = (layout.avail + 6 + 2ULL * r.num + align - 1) & ~(align - 1);
  layout.used_alignment = std::max<uint64_t>(align, 4);
  return layout;
}

void MmioTransport::activate_device() {
  if (version_ == TransportVersion::kModern && (status_.load() & kStatusFeaturesOk) == 0) {
    fail("DRIVER_OK without FEATURES_OK");
    return;
  }
  if (version_ == TransportVersion::kLegacy) driver_features_ &= offered_features_;
  for (unsigned i = 0; i < queues_.size(); ++i) {
    const QueueRegisters& r = queue_registers_[i];
    if (!r.ready) continue;
    if (version_ == TransportVersion::kLegacy &&
        (!std::has_single_bit(guest_page_size_) || !std::has_single_bit(r.align))) {
      fail(fmt::format("queue {}: GuestPageSize {} or QueueAlign {} is not a power of two", i,
                       guest_page_size_, r.align));
      return;
    }
    if (r.num > device_->queue_max_size(i)) {
      fail(fmt::format("queue {}: size {} is above QueueNumMax {}", i, r.num,
                       device_->queue_max_size(i)));
      return;
    }
    if (!queues_[i]->activate(layout_of(r), driver_features_)) return;
  }
  active_ = true;
  device_->activate(*this);
}

void MmioTransport::reset_locked() {
  device_->reset();
  for (auto& queue : queues_) queue->reset();
  for (QueueRegisters& r : queue_registers_) r = QueueRegisters{.align = kDefaultQueueAlign};
  device_features_sel_ = 0;
  driver_features_sel_ = 0;
  driver_features_ = 0;
  queue_sel_ = 0;
  active_ = false;
  // GuestPageSize survives a device reset: Linux writes it once at probe, before resetting.
  status_.store(0);
  interrupt_status_.store(0);
  update_line();
}

void MmioTransport::raise(uint32_t bits) {
  interrupt_status_.fetch_or(bits);
  update_line();
}

void MmioTransport::update_line() {
  // The level is recomputed under the lock, so concurrent raise and acknowledge cannot leave
  // the line at a level that disagrees with InterruptStatus.
  const std::lock_guard lock(line_mutex_);
  irq_.set(interrupt_status_.load() != 0);
}

void MmioTransport::signal_config_change() {
  config_generation_.fetch_add(1);
  raise(kInterruptConfigChange);
}

void MmioTransport::fail(std::string_view why) {
  if ((status_.fetch_or(kStatusNeedsReset) & kStatusNeedsReset) == 0) {
    fmt::print(stderr, "strata: {}: device needs reset: {}\n", device_->name(), why);
  }
  raise(kInterruptConfigChange);
}

void MmioTransport::save(state::Writer& out) const {
  out.begin(kTransportSection, kTransportVersion);
  out.put(static_cast<uint8_t>(version_));
  out.put(device_->device_id());
  out.put(static_cast<uint32_t>(queues_.size()));
  out.put(status_.load());
  out.put(interrupt_status_.load());
  out.put(config_generation_.load());
  out.put(device_features_sel_);
  out.put(driver_features_sel_);
  out.put(driver_features_);
  out.put(guest_page_size_);
  out.put(queue_sel_);
  out.put(static_cast<uint8_t>(active_));
  for (unsigned i = 0; i < queues_.size(); ++i) {
    const QueueRegisters& r = queue_registers_[i];
    out.put(r.num);
    out.put(static_cast<uint8_t>(r.ready));
    out.put(r.desc);
    out.put(r.driver);
    out.put(r.device);
    out.put(r.align);
    out.put(r.pfn);
    const QueueIndices indices = queues_[i]->indices();
    out.put(indices.last_avail);
    out.put(indices.used);
    out.put(indices.signalled_used);
    out.put(static_cast<uint8_t>(indices.signalled_valid));
    out.put(static_cast<uint8_t>(queues_[i]->failed()));
  }
  out.end();
  device_->save(out);
}

Result<void> MmioTransport::restore(state::Reader& in) {
  if (auto version = in.begin(kTransportSection, kTransportVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto version = in.get<uint8_t>();
  const auto device_id = in.get<uint32_t>();
  const auto queue_count = in.get<uint32_t>();
  if (version != static_cast<uint8_t>(version_) || device_id != device_->device_id() ||
      queue_count != queues_.size()) {
    return strata::fail("{}: saved state is for virtio-mmio version {}, device {} with {} queues",
                        name(), version, device_id, queue_count);
  }
  const auto status = in.get<uint32_t>();
  const auto interrupt_status = in.get<uint32_t>();
  const auto generation = in.get<uint32_t>();
  const auto device_features_sel = in.get<uint32_t>();
  const auto driver_features_sel = in.get<uint32_t>();
  const auto driver_features = in.get<uint64_t>();
  const auto guest_page_size = in.get<uint32_t>();
  const auto queue_sel = in.get<uint32_t>();
  const bool active = in.get<uint8_t>() != 0;
  std::vector<QueueRegisters> registers(queue_count);
  std::vector<QueueIndices> indices(queue_count);
  std::vector<bool> failed(queue_count);
  for (unsigned i = 0; i < queue_count; ++i) {
    QueueRegisters& r = registers[i];
    r.num = in.get<uint16_t>();
    r.ready = in.get<uint8_t>() != 0;
    r.desc = in.get<uint64_t>();
    r.driver = in.get<uint64_t>();
    r.device = in.get<uint64_t>();
    r.align = in.get<uint32_t>();
    r.pfn = in.get<uint32_t>();
    indices[i].last_avail = in.get<uint16_t>();
    indices[i].used = in.get<uint16_t>();
    indices[i].signalled_used = in.get<uint16_t>();
    indices[i].signalled_valid = in.get<uint8_t>() != 0;
    failed[i] = in.get<uint8_t>() != 0;
  }
  if (auto end = in.end(); !end) return end;
  if ((driver_features & ~offered_features_) != 0) {
    return strata::fail("{}: saved state has features {:#x} the device does not offer", name(),
                        driver_features);
  }

  const std::lock_guard lock(mutex_);
  reset_locked();
  device_features_sel_ = device_features_sel;
  driver_features_sel_ = driver_features_sel;
  driver_features_ = driver_features;
  guest_page_size_ = guest_page_size;
  queue_sel_ = queue_sel;
  queue_registers_ = registers;
  status_.store(status);
  config_generation_.store(generation);
  if (active) {
    for (unsigned i = 0; i < queue_count; ++i) {
      if (!registers[i].ready) continue;
      // The same checks as at DRIVER_OK: a tampered state file cannot aim a queue outside RAM.
      if (version_ == TransportVersion::kLegacy &&
          (!std::has_single_bit(guest_page_size_) || !std::has_single_bit(registers[i].align))) {
        return strata::fail("{}: saved queue {} has an invalid legacy layout", name(), i);
      }
      if (!queues_[i]->activate(layout_of(registers[i]), driver_features_)) {
        return strata::fail("{}: saved queue {} has an invalid layout", name(), i);
      }
      queues_[i]->set_indices(indices[i]);
      if (failed[i]) queues_[i]->mark_failed();
    }
  }
  if (auto r = device_->restore(in); !r) return r;
  interrupt_status_.store(interrupt_status);
  update_line();
  if (active) {
    active_ = true;
    device_->activate(*this);
  }
  return {};
}

}  // namespace strata::virtio
