#include "net/packet_fd_backend.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace strata::net {
namespace {

// Large enough for any frame a TAP device or a peer may produce, so an oversized one is seen as
// such (and dropped) instead of being silently truncated into a valid-looking frame.
constexpr size_t kReadBufferSize = 65536;
// Frames handled per wake-up before yielding to the loop's other work (the tx queue, timers).
constexpr int kFramesPerWakeup = 64;

}  // namespace

PacketFdBackend::PacketFdBackend(EventLoop& loop, backend::UniqueFd fd, std::string description)
    : loop_(loop),
      fd_(std::move(fd)),
      description_(std::move(description)),
      buffer_(kReadBufferSize) {}

PacketFdBackend::~PacketFdBackend() {
  set_reading(false);
}

void PacketFdBackend::start(Receiver receiver, LinkDown link_down) {
  receiver_ = std::move(receiver);
  link_down_ = std::move(link_down);
  set_reading(true);
}

void PacketFdBackend::close_link() {
  set_reading(false);
  closed_ = true;
  if (link_down_) link_down_();
}

void PacketFdBackend::set_reading(bool reading) {
  if (reading == reading_ || closed_) return;
  if (reading) {
    if (auto watched = loop_.watch(fd_.get(), EPOLLIN, [this](uint32_t) { on_readable(); });
        !watched) {
      fmt::print(stderr, "strata: {}: {}\n", description_, watched.error().message);
      return;
    }
  } else {
    loop_.unwatch(fd_.get());
  }
  reading_ = reading;
}

void PacketFdBackend::on_readable() {
  for (int i = 0; i < kFramesPerWakeup; ++i) {
    const ssize_t length = ::read(fd_.get(), buffer_.data(), buffer_.size());
    if (length < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      fmt::print(stderr, "strata: {}: read: {}; the link is down\n", description_,
                 std::strerror(errno));
      close_link();
      return;
    }
    if (length == 0) {
      fmt::print(stderr, "strata: {}: the peer closed the connection; the link is down\n",
                 description_);
      close_link();
      return;
    }
    const auto size = static_cast<size_t>(length);
    if (size < kEthernetHeaderSize || size > kMaxFrameSize) {
      ++dropped_;
      continue;
    }
    if (!receiver_(std::span(buffer_.data(), size))) {
      held_length_ = size;
      set_reading(false);
      return;
    }
  }
}

void PacketFdBackend::resume_receive() {
  if (held_length_ != 0) {
    if (!receiver_(std::span(buffer_.data(), held_length_))) return;
    held_length_ = 0;
  }
  set_reading(true);
}

void PacketFdBackend::send(std::span<const uint8_t> frame) {
  if (closed_) {
    ++dropped_;
    return;
  }
  ssize_t written = 0;
  do {
    written = ::write(fd_.get(), frame.data(), frame.size());
  } while (written < 0 && errno == EINTR);
  // EAGAIN/ENOBUFS: the peer or the host stack is congested; EIO: a TAP interface that is down.
  // A real NIC drops in all these cases too.
  if (written != static_cast<ssize_t>(frame.size())) ++dropped_;
}

}  // namespace strata::net
