// One split virtqueue (virtio 1.2 §2.7) in guest RAM, with indirect descriptors (§2.7.5.3) and
// event-index notification suppression (§2.7.7, §2.7.10).
//
// This is the one place where the addresses and lengths a guest hands over are checked: the ring
// addresses when the queue is activated, and every descriptor when a chain is popped. Anything
// malformed (a ring outside RAM or misaligned, an avail index that runs ahead by more than the
// queue size, a descriptor index out of range, a loop or a chain longer than allowed, an indirect
// table inside an indirect table or of zero or ragged length, a buffer outside RAM, a readable
// buffer after a writable one, a total length beyond 4 GiB) is reported once through
// QueueEvents::queue_failed() — the transport then sets NEEDS_RESET — and the queue stops: pop()
// returns std::nullopt until the queue is reset. No guest value is ever used unchecked.
//
// Not thread-safe by itself: a device uses each queue from one thread at a time (its I/O thread);
// activate() and reset() happen while the device is not using it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "mem/guest_ram.h"
#include "virtio/descriptor_chain.h"
#include "virtio/virtio.h"

namespace strata::virtio {

// What a queue reports to its transport.
class QueueEvents {
 public:
  virtual ~QueueEvents() = default;
  // A used-buffer notification is due (InterruptStatus bit 0). Any thread.
  virtual void queue_interrupt() = 0;
  // The driver broke the ring protocol; `why` is one line naming the queue and the fault.
  virtual void queue_failed(std::string_view why) = 0;
};

// Where the three parts of a queue live, as the driver configured them. In the modern transport
// the driver gives all three addresses; the legacy transport derives them from QueuePFN,
// GuestPageSize and QueueAlign (§4.2.4), which is why the used ring's alignment is a parameter.
struct QueueLayout {
  uint16_t size = 0;
  uint64_t desc = 0;
  uint64_t avail = 0;  // the driver area
  uint64_t used = 0;   // the device area
  uint64_t used_alignment = 4;
};

// The progress of a queue, for save/restore.
struct QueueIndices {
  uint16_t last_avail = 0;      // next avail ring entry the device will read
  uint16_t used = 0;            // the used idx the device last published
  uint16_t signalled_used = 0;  // used idx at the last interrupt (event index)
  bool signalled_valid = false;
};

class Queue {
 public:
  // Chains with an indirect table may hold up to this many descriptors in the table (QEMU's
  // VIRTQUEUE_MAX_SIZE); direct chains are bounded by the queue size.
  static constexpr uint32_t kMaxIndirectDescriptors = 1024;

  Queue(mem::GuestRam& ram, QueueEvents& events, unsigned index);

  // Checks `layout` (size a power of two up to kMaxQueueSize, each ring inside RAM and aligned)
  // and starts the queue with the negotiated `features` (indirect descriptors, event index).
  // On a bad layout it reports the failure and stays stopped; returns whether it started.
  bool activate(const QueueLayout& layout, uint64_t features);
  // Stops the queue and forgets its layout and indices (device reset).
  void reset();

  unsigned index() const { return index_; }
  bool ready() const { return ready_; }
  bool failed() const { return failed_; }
  uint16_t size() const { return layout_.size; }
  const QueueLayout& layout() const { return layout_; }

  // Next available request; std::nullopt when the ring is empty, the queue is not ready or it
  // has failed (a malformed chain fails the queue, see above).
  std::optional<DescriptorChain> pop();
  // Whether the driver has made buffers available that pop() has not taken yet (false when the
  // queue is not ready or has failed). Checks nothing else: pop() does.
  bool has_available() const;
  // Re-reads the chain starting at descriptor `head` without consuming an avail entry: a restored
  // device uses this to rebuild the requests that were in flight when its state was saved.
  std::optional<DescriptorChain> reload(uint16_t head);
  // Returns a request to the driver with `written` bytes written into its writable part (clamped
  // to it); those bytes are marked dirty and reported to page watchers.
  void push(const DescriptorChain& chain, uint32_t written);
  // After one or more push(): raises the used-buffer interrupt unless the driver suppressed it
  // (VIRTQ_AVAIL_F_NO_INTERRUPT, or used_event with the event index). Call once per batch.
  void notify_if_needed();
  // Whether the driver should kick the device for new buffers. A processing loop disables them
  // while it drains the ring, then enables them and pops once more to close the race with a
  // buffer made available in between.
  void enable_notifications();
  void disable_notifications();

  QueueIndices indices() const { return indices_; }
  // Restores indices saved with indices(), after activate().
  void set_indices(const QueueIndices& indices) { indices_ = indices; }
  // Restores a failed queue as failed, without reporting the failure again.
  void mark_failed() { failed_ = true; }

 private:
  std::optional<DescriptorChain> walk(uint16_t head);
  void fail(std::string_view why);
  uint16_t read_avail_idx() const;
  uint16_t read_used_event() const;
  void write_avail_event(uint16_t value);
  void set_used_flags(uint16_t flags);

  mem::GuestRam& ram_;
  QueueEvents& events_;
  unsigned index_;
  QueueLayout layout_;
  QueueIndices indices_;
  bool indirect_ = false;
  bool event_idx_ = false;
  bool notifications_ = true;
  bool ready_ = false;
  bool failed_ = false;
};

}  // namespace strata::virtio
