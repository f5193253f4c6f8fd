// A network back end: where the frames of a virtual NIC go and come from (user-mode networking
// through libslirp, a host TAP device, or a port on a `strata switch`). Independent of virtio:
// frames are whole Ethernet frames without any virtio header.
//
// Threading: a back end belongs to one EventLoop (the NIC's I/O thread). send(), pause/resume and
// the receiver callback all run on that loop's thread, so a vCPU thread never waits on a back end.
//
// Flow control: the receiver returns false when the guest has no receive buffer for the frame.
// The back end then keeps that frame, stops reading from its source (or, for libslirp, which
// cannot stop, queues a bounded number of frames and drops beyond that, like a full NIC ring),
// and offers the frame again after resume_receive().
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

namespace strata::net {

// Ethernet frame limits: a 14-byte header; a 1500-byte MTU plus the header and an 802.1Q tag.
// Larger frames (jumbo MTUs, segmentation offload) are not carried: dropped where they appear.
inline constexpr size_t kEthernetHeaderSize = 14;
inline constexpr size_t kMaxFrameSize = 1518;

class Backend {
 public:
  // Returns true if the frame was taken, false if it must be offered again after resume_receive().
  using Receiver = std::function<bool(std::span<const uint8_t> frame)>;
  // Told when the link goes down for good (the switch went away, the TAP failed).
  using LinkDown = std::function<void()>;

  virtual ~Backend() = default;
  // For messages: "user", "tap:tap0", "switch:/run/sw.sock".
  virtual std::string_view describe() const = 0;
  // Starts delivering received frames to `receiver` (and a lost link to `link_down`, which may be
  // empty). Call once, on the loop thread.
  virtual void start(Receiver receiver, LinkDown link_down) = 0;
  // Sends one frame from the guest. Never blocks: a frame the host cannot take now is dropped, as
  // on a congested wire (TCP in the guest retransmits).
  virtual void send(std::span<const uint8_t> frame) = 0;
  // The receiver refused a frame earlier and can now take frames again.
  virtual void resume_receive() = 0;
  // Frames dropped so far (malformed, oversized, or no room), for diagnostics and tests.
  virtual uint64_t dropped() const = 0;
};

}  // namespace strata::net
