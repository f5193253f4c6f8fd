#include "net/switch_client.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "net/packet_fd_backend.h"

namespace strata::net {

Result<backend::UniqueFd> connect_switch_socket(std::string_view path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    return fail("switch:{}: a socket path has 1 to {} bytes", path, sizeof address.sun_path - 1);
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  backend::UniqueFd fd(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return fail("switch:{}: socket: {}", path, std::strerror(errno));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return fail("switch:{}: cannot connect: {} (is `strata switch --socket {}` running?)", path,
                std::strerror(errno), path);
  }
  // Room for a burst of full-size frames (the default is ~200 KiB).
  constexpr int kSocketBufferBytes = 1 << 20;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &kSocketBufferBytes, sizeof kSocketBufferBytes);
  return fd;
}

Result<std::unique_ptr<Backend>> open_switch_port(EventLoop& loop, std::string_view path) {
  auto fd = connect_switch_socket(path);
  if (!fd) return std::unexpected(fd.error());
  return std::make_unique<PacketFdBackend>(loop, std::move(*fd), "switch:" + std::string(path));
}

}  // namespace strata::net
