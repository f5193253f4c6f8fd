// A back end over a file descriptor that carries one Ethernet frame per read() and write(): a TAP
// device (IFF_TAP | IFF_NO_PI) or a SOCK_SEQPACKET connection to a `strata switch`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backend/unique_fd.h"
#include "net/backend.h"
#include "net/event_loop.h"

namespace strata::net {

class PacketFdBackend final : public Backend {
 public:
  // `fd` must be non-blocking.
  PacketFdBackend(EventLoop& loop, backend::UniqueFd fd, std::string description);
  ~PacketFdBackend() override;
  PacketFdBackend(const PacketFdBackend&) = delete;
  PacketFdBackend& operator=(const PacketFdBackend&) = delete;

  std::string_view describe() const override { return description_; }
  void start(Receiver receiver, LinkDown link_down) override;
  void send(std::span<const uint8_t> frame) override;
  void resume_receive() override;
  uint64_t dropped() const override { return dropped_; }

 private:
  void on_readable();
  void set_reading(bool reading);
  void close_link();

  EventLoop& loop_;
  backend::UniqueFd fd_;
  std::string description_;
  Receiver receiver_;
  LinkDown link_down_;
  std::vector<uint8_t> buffer_;
  size_t held_length_ = 0;  // a frame in buffer_ the receiver refused, offered again on resume
  bool reading_ = false;
  bool closed_ = false;  // the peer hung up (the switch went away)
  uint64_t dropped_ = 0;
};

}  // namespace strata::net
