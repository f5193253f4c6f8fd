#include "virtio/queue.h"

#include <atomic>
#include <bit>
#include <cstring>
#include <limits>

#include <fmt/format.h>

namespace strata::virtio {
namespace {

// Sizes of the split ring parts (virtio 1.2 §2.7): a descriptor is 16 bytes; the driver area is
// flags, idx, ring[size] and used_event; the device area flags, idx, ring[size] of {id, len} and
// avail_event.
constexpr uint64_t kDescriptorSize = 16;
constexpr uint64_t driver_area_size(uint16_t size) {
  return 6 + 2ULL * size;
}
constexpr uint64_t device_area_size(uint16_t size) {
  return 6 + 8ULL * size;
}

struct Descriptor {
  uint64_t addr;
  uint32_t len;
  uint16_t flags;
  uint16_t next;
};
static_assert(sizeof(Descriptor) == kDescriptorSize);

// Guest-shared index words are accessed atomically: the driver updates them concurrently on
// another host thread. Their addresses are inside RAM and 2-byte aligned (checked at activation).
uint16_t load16(const mem::GuestRam& ram, uint64_t paddr) {
  return std::atomic_ref(*reinterpret_cast<uint16_t*>(ram.host(paddr)))
      .load(std::memory_order_acquire);
}
void store16(mem::GuestRam& ram, uint64_t paddr, uint16_t value) {
  std::atomic_ref(*reinterpret_cast<uint16_t*>(ram.host(paddr)))
      .store(value, std::memory_order_release);
}

}  // namespace

Queue::Queue(mem::GuestRam& ram, QueueEvents& events, unsigned index)
    : ram_(ram), events_(events), index_(index) {}

bool Queue::activate(const QueueLayout& layout, uint64_t features) {
  reset();
  const uint16_t size = layout.size;
  const char* fault = nullptr;
  if (size == 0 || !std::has_single_bit(size) || size > kMaxQueueSize) {
    fault = "size is not a power of two up to 32768";
  } else if (!ram_.contains(layout.desc, kDescriptorSize * size)) {
    fault = "descriptor table is not inside RAM";
  } else if (!ram_.contains(layout.avail, driver_area_size(size))) {
    fault = "driver area (available ring) is not inside RAM";
  } else if (!ram_.contains(layout.used, device_area_size(size))) {
    fault = "device area (used ring) is not inside RAM";
  } else if (layout.desc % 16 != 0 || layout.avail % 2 != 0 || layout.used_alignment < 4 ||
             !std::has_single_bit(layout.used_alignment) ||
             layout.used % layout.used_alignment != 0) {
    fault = "ring is misaligned";
  }
  if (fault != nullptr) {
    fail(fmt::format("{} (size {}, desc {:#x}, driver {:#x}, device {:#x})", fault, size,
                     layout.desc, layout.avail, layout.used));
    return false;
  }
  layout_ = layout;
  indirect_ = (features & kFeatureRingIndirectDesc) != 0;
  event_idx_ = (features & kFeatureRingEventIdx) != 0;
  ready_ = true;
  return true;
}

void Queue::reset() {
  layout_ = {};
  indices_ = {};
  indirect_ = false;
  event_idx_ = false;
  notifications_ = true;
  ready_ = false;
  failed_ = false;
}

void Queue::fail(std::string_view why) {
  if (failed_) return;
  failed_ = true;
  events_.queue_failed(fmt::format("queue {}: {}", index_, why));
}

uint16_t Queue::read_avail_idx() const {
  return load16(ram_, layout_.avail + 2);
}

uint16_t Queue::read_used_event() const {
  return load16(ram_, layout_.avail + 4 + 2ULL * layout_.size);
}

void Queue::write_avail_event(uint16_t value) {
  const uint64_t paddr = layout_.used + 4 + 8ULL * layout_.size;
  store16(ram_, paddr, value);
  ram_.mark_dirty(paddr);
}

void Queue::set_used_flags(uint16_t flags) {
  store16(ram_, layout_.used, flags);
  ram_.mark_dirty(layout_.used);
}

std::optional<DescriptorChain> Queue::pop() {
  if (!ready_ || failed_) return std::nullopt;
  const uint16_t avail_idx = read_avail_idx();
  const auto pending = static_cast<uint16_t>(avail_idx - indices_.last_avail);
  if (pending == 0) return std::nullopt;
  if (pending > layout_.size) {
    fail(fmt::format("available index {} is {} entries ahead of the device (queue size {})",
                     avail_idx, pending, layout_.size));
    return std::nullopt;
  }
  const uint16_t slot = indices_.last_avail & (layout_.size - 1);
  const uint16_t head = load16(ram_, layout_.avail + 4 + 2ULL * slot);
  std::optional<DescriptorChain> chain = walk(head);
  if (!chain) return std::nullopt;
  ++indices_.last_avail;
  if (event_idx_ && notifications_) write_avail_event(indices_.last_avail);
  return chain;
}

bool Queue::has_available() const {
  return ready_ && !failed_ && read_avail_idx() != indices_.last_avail;
}

std::optional<DescriptorChain> Queue::reload(uint16_t head) {
  if (!ready_ || failed_) return std::nullopt;
  return walk(head);
}

std::optional<DescriptorChain> Queue::walk(uint16_t head) {
  if (head >= layout_.size) {
    fail(fmt::format("head descriptor {} is out of range (queue size {})", head, layout_.size));
    return std::nullopt;
  }
  std::vector<Segment> segments;
  size_t first_writable = std::numeric_limits<size_t>::max();
  uint64_t total = 0;
  uint64_t table = layout_.desc;  // the table `index` points into
  uint32_t table_size = layout_.size;
  bool in_indirect = false;
  uint32_t visited = 0;  // descriptors read from the current table
  uint32_t index = head;
  for (;;) {
    if (++visited > table_size) {
      fail(fmt::format("descriptor chain from head {} loops or is longer than its table ({})", head,
                       table_size));
      return std::nullopt;
    }
    // One copy of the descriptor: the guest may change the table meanwhile, and every check
    // below applies to this copy only.
    Descriptor d;
    std::memcpy(&d, ram_.host(table + kDescriptorSize * index), sizeof d);
    if ((d.flags & kDescIndirect) != 0) {
      const char* fault = nullptr;
      if (!indirect_) {
        fault = "indirect descriptor without VIRTIO_F_INDIRECT_DESC";
      } else if (in_indirect) {
        fault = "indirect descriptor inside an indirect table";
      } else if ((d.flags & kDescNext) != 0) {
        fault = "indirect descriptor with the NEXT flag";
      } else if (d.len == 0 || d.len % kDescriptorSize != 0) {
        fault = "indirect table length is zero or not a multiple of 16";
      } else if (d.len / kDescriptorSize > kMaxIndirectDescriptors) {
        fault = "indirect table has more than 1024 descriptors";
      } else if (!ram_.contains(d.addr, d.len)) {
        fault = "indirect table is not inside RAM";
      }
      if (fault != nullptr) {
        fail(fmt::format("{} (head {}, table {:#x}+{:#x})", fault, head, d.addr, d.len));
        return std::nullopt;
      }
      table = d.addr;
      table_size = static_cast<uint32_t>(d.len / kDescriptorSize);
      in_indirect = true;
      visited = 0;
      index = 0;
      continue;
    }
    const bool writable = (d.flags & kDescWrite) != 0;
    if (writable && first_writable == std::numeric_limits<size_t>::max()) {
      first_writable = segments.size();
    }
    if (!writable && first_writable != std::numeric_limits<size_t>::max()) {
      fail(fmt::format("readable buffer after a writable one (head {})", head));
      return std::nullopt;
    }
    if (d.len != 0) {
      if (!ram_.contains(d.addr, d.len)) {
        fail(fmt::format("buffer {:#x}+{:#x} is not inside RAM (head {})", d.addr, d.len, head));
        return std::nullopt;
      }
      total += d.len;
      if (total > std::numeric_limits<uint32_t>::max()) {
        fail(fmt::format("descriptor chain from head {} is longer than 4 GiB", head));
        return std::nullopt;
      }
      segments.push_back({d.addr, d.len});
    }
    if ((d.flags & kDescNext) == 0) break;
    if (d.next >= table_size) {
      fail(fmt::format("next descriptor {} is out of range ({} entries, head {})", d.next,
                       table_size, head));
      return std::nullopt;
    }
    index = d.next;
  }
  if (first_writable == std::numeric_limits<size_t>::max()) first_writable = segments.size();
  return DescriptorChain(ram_, head, std::move(segments), first_writable);
}

void Queue::push(const DescriptorChain& chain, uint32_t written) {
  if (!ready_ || failed_) return;
  written = static_cast<uint32_t>(std::min<uint64_t>(written, chain.writable_bytes()));
  chain.mark_written(written);
  const uint16_t slot = indices_.used & (layout_.size - 1);
  const uint64_t element = layout_.used + 4 + 8ULL * slot;
  const uint32_t id = chain.head();
  std::memcpy(ram_.host(element), &id, 4);
  std::memcpy(ram_.host(element + 4), &written, 4);
  ram_.mark_dirty(element);
  ++indices_.used;
  // The element is visible to the driver before the index that publishes it (release).
  store16(ram_, layout_.used + 2, indices_.used);
  ram_.mark_dirty(layout_.used);
}

void Queue::notify_if_needed() {
  if (!ready_ || failed_) return;
  // The used index store must be visible before the driver's suppression fields are read, or
  // the driver could re-enable interrupts after our read and sleep forever (§2.7.7.2).
  std::atomic_thread_fence(std::memory_order_seq_cst);
  const uint16_t now = indices_.used;
  const uint16_t before = indices_.signalled_used;
  const bool valid = indices_.signalled_valid;
  if (valid && now == before) return;  // nothing new since the last interrupt
  indices_.signalled_used = now;
  indices_.signalled_valid = true;
  bool needed = false;
  if (event_idx_) {
    const uint16_t event = read_used_event();
    // vring_need_event(): has the used index passed used_event since the last interrupt?
    needed = !valid || static_cast<uint16_t>(now - event - 1) < static_cast<uint16_t>(now - before);
  } else {
    needed = (load16(ram_, layout_.avail) & kAvailNoInterrupt) == 0;
  }
  if (needed) events_.queue_interrupt();
}

void Queue::enable_notifications() {
  notifications_ = true;
  if (!ready_ || failed_) return;
  if (event_idx_) {
    write_avail_event(indices_.last_avail);
  } else {
    set_used_flags(0);
  }
  // The driver reads our flag after publishing its index: order our write before the pop()
  // that follows, so one of the two sides sees the other.
  std::atomic_thread_fence(std::memory_order_seq_cst);
}

void Queue::disable_notifications() {
  notifications_ = false;
  if (!ready_ || failed_ || event_idx_) return;
  set_used_flags(kUsedNoNotify);
}

}  // namespace strata::virtio
