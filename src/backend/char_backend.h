// The host side of a character device (a UART, a virtio console): a byte stream to and from
// something on the host — the terminal, a file, a pseudo-terminal, a socket.
//
// Threading. Output comes from vCPU threads through write(), which never blocks: bytes go into a
// bounded buffer that the back end's own I/O thread drains. When the buffer is full, or nobody is
// there to read (a socket without a client, a pseudo-terminal nobody has opened, a closed pipe),
// bytes are dropped and counted in dropped_output(): a guest printing faster than its console is
// read must not stop its vCPU (invariant 4), and a console log is the one stream where losing the
// overflow is better than stalling the machine.
//
// Input is pushed to the device on the I/O thread through the receiver it registers. The receiver
// takes what it has room for and returns how many bytes it took; the back end keeps the rest, stops
// reading its host source (so the host side sees ordinary back-pressure), and offers the bytes
// again once the device calls resume_input(). No input byte is ever dropped.
//
// Locking. Devices call write() and resume_input() with their own lock held, and the receiver
// takes that lock. So an implementation must not hold any lock that write() or resume_input()
// takes while it calls the receiver; the receiver is the only lock order across the boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace strata::backend {

class CharBackend {
 public:
  // Offered guest-bound bytes on the back end's I/O thread; returns how many it took (0 to all).
  using Receiver = std::function<size_t(std::span<const uint8_t> bytes)>;

  virtual ~CharBackend() = default;

  // Queues guest output. Any thread; never blocks for long.
  virtual void write(std::span<const uint8_t> bytes) = 0;

  // Connects the device that receives input, replacing any previous one; an empty function
  // disconnects. When it returns, the previous receiver is no longer running and will not be
  // called again, so a device calls set_receiver({}) in its destructor. It must not be called
  // from inside the receiver itself.
  virtual void set_receiver(Receiver receiver) = 0;

  // The receiver has room again: offer the held bytes and resume reading. Any thread, cheap,
  // never blocks (it only wakes the I/O thread), so a device may call it with its lock held.
  virtual void resume_input() = 0;

  // Guest output bytes discarded so far because the buffer was full or nobody was reading.
  virtual uint64_t dropped_output() const = 0;

  // Whether guest output currently reaches a reader: false for a socket without a client, a
  // pseudo-terminal nobody has open, or an output that failed.
  virtual bool connected() const = 0;
};

}  // namespace strata::backend
