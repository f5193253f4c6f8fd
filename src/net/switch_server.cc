#include "net/switch_server.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "net/backend.h"
#include "net/switch_client.h"

namespace strata::net {
namespace {

// Room for a burst of full-size frames per port (the default is ~200 KiB).
constexpr int kSocketBufferBytes = 1 << 20;
constexpr int kFramesPerWakeup = 64;
// Reads use a buffer larger than any valid frame so MSG_TRUNC reveals oversized messages.
constexpr size_t kBufferSize = 65536;

Result<void> remove_stale_socket(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return {};  // nothing there
  if (!S_ISSOCK(info.st_mode)) {
    return fail("switch socket {}: the path exists and is not a socket", path);
  }
  if (connect_switch_socket(path)) {
    return fail("switch socket {}: another switch is already listening there", path);
  }
  if (::unlink(path.c_str()) != 0) {
    return fail("switch socket {}: cannot remove the stale socket: {}", path, std::strerror(errno));
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<SwitchServer>> SwitchServer::create(EventLoop& loop, std::string path,
                                                           bool verbose) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    return fail("switch socket {}: a socket path has 1 to {} bytes", path,
                sizeof address.sun_path - 1);
  }
  if (auto removed = remove_stale_socket(path); !removed) return std::unexpected(removed.error());
  std::memcpy(address.sun_path, path.data(), path.size());
  backend::UniqueFd listener(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listener.valid()) return fail("switch socket {}: {}", path, std::strerror(errno));
  if (::bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return fail("switch socket {}: bind: {}", path, std::strerror(errno));
  }
  if (::listen(listener.get(), 64) != 0) {
    const int error = errno;
    ::unlink(path.c_str());
    return fail("switch socket {}: listen: {}", path, std::strerror(error));
  }
  std::unique_ptr<SwitchServer> server(
      new SwitchServer(loop, std::move(path), std::move(listener), verbose));
  if (auto watched = loop.watch(server->listener_.get(), EPOLLIN,
                                [raw = server.get()](uint32_t) { raw->on_accept(); });
      !watched) {
    return std::unexpected(watched.error());
  }
  return server;
}

SwitchServer::SwitchServer(EventLoop& loop, std::string path, backend::UniqueFd listener,
                           bool verbose)
    : loop_(loop),
      path_(std::move(path)),
      listener_(std::move(listener)),
      verbose_(verbose),
      buffer_(kBufferSize) {}

SwitchServer::~SwitchServer() {
  for (const auto& [id, fd] : ports_) loop_.unwatch(fd.get());
  loop_.unwatch(listener_.get());
  ::unlink(path_.c_str());
}

void SwitchServer::on_accept() {
  for (;;) {
    backend::UniqueFd fd(
        ::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      // EAGAIN: all accepted. EMFILE and the like: the connection waits in the backlog; the
      // level-triggered watch retries after another port closes.
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        fmt::print(stderr, "strata switch: accept: {}\n", std::strerror(errno));
      }
      return;
    }
    if (ports_.size() >= kMaxPorts) {
      fmt::print(stderr, "strata switch: refusing a connection: {} ports in use\n", kMaxPorts);
      continue;  // closing it tells the VM
    }
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &kSocketBufferBytes, sizeof kSocketBufferBytes);
    const PortId port = next_port_++;
    if (auto watched =
            loop_.watch(fd.get(), EPOLLIN, [this, port](uint32_t) { on_port_readable(port); });
        !watched) {
      fmt::print(stderr, "strata switch: {}\n", watched.error().message);
      continue;
    }
    ports_.emplace(port, std::move(fd));
    if (verbose_) fmt::print(stderr, "strata switch: port {} connected\n", port);
  }
}

void SwitchServer::close_port(PortId port, const char* why) {
  const auto it = ports_.find(port);
  if (it == ports_.end()) return;
  loop_.unwatch(it->second.get());
  ports_.erase(it);
  table_.forget_port(port);
  if (verbose_) fmt::print(stderr, "strata switch: port {} {}\n", port, why);
}

void SwitchServer::deliver(PortId port, std::span<const uint8_t> frame) {
  const auto it = ports_.find(port);
  if (it == ports_.end()) return;
  ssize_t sent = 0;
  do {
    sent = ::send(it->second.get(), frame.data(), frame.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  // A full queue (EAGAIN) drops the frame, as an output-queued switch does; a port whose VM died
  // (EPIPE, ECONNRESET) is closed when its own read reports the hang-up.
  if (sent != static_cast<ssize_t>(frame.size())) ++stats_.dropped;
}

void SwitchServer::on_port_readable(PortId port) {
  for (int i = 0; i < kFramesPerWakeup; ++i) {
    const auto it = ports_.find(port);
    if (it == ports_.end()) return;
    const ssize_t length = ::recv(it->second.get(), buffer_.data(), buffer_.size(), MSG_TRUNC);
    if (length < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      close_port(port, std::strerror(errno));
      return;
    }
    if (length == 0) {
      close_port(port, "disconnected");
      return;
    }
    ++stats_.frames_in;
    const auto size = static_cast<size_t>(length);
    const std::span frame(buffer_.data(), std::min(size, buffer_.size()));
    const ForwardDecision decision = size > buffer_.size()
                                         ? ForwardDecision{}
                                         : table_.forward(port, frame, SwitchTable::Clock::now());
    switch (decision.kind) {
      case ForwardDecision::Kind::kDrop:
        ++stats_.dropped;
        if (size < kEthernetHeaderSize || size > kMaxFrameSize ||
            is_multicast(frame.subspan<6, 6>())) {
          ++stats_.malformed;
        }
        break;
      case ForwardDecision::Kind::kUnicast:
        ++stats_.unicast;
        deliver(decision.port, frame);
        break;
      case ForwardDecision::Kind::kFlood:
        ++stats_.flooded;
        for (const auto& [other, fd] : ports_) {
          if (other != port) deliver(other, frame);
        }
        break;
    }
  }
}

}  // namespace strata::net
