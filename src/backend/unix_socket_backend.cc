#include "backend/unix_socket_backend.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "backend/fd_char_backend.h"

namespace strata::backend {

Result<std::unique_ptr<CharBackend>> make_unix_socket_backend(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    return fail("unix socket path '{}' must have 1 to {} characters", path,
                sizeof address.sun_path - 1);
  }
  std::memcpy(address.sun_path, path.data(), path.size());

  struct stat existing {};
  if (lstat(path.c_str(), &existing) == 0) {
    if (!S_ISSOCK(existing.st_mode)) {
      return fail("cannot listen on {}: the file exists and is not a socket", path);
    }
    unlink(path.c_str());  // a stale socket from an earlier run
  }

  UniqueFd listener(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listener.valid()) return fail("cannot create a unix socket: {}", std::strerror(errno));
  if (bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return fail("cannot bind a unix socket to {}: {}", path, std::strerror(errno));
  }
  struct stat bound {};
  if (lstat(path.c_str(), &bound) != 0 || listen(listener.get(), 1) != 0) {
    const int error = errno;
    unlink(path.c_str());
    return fail("cannot listen on {}: {}", path, std::strerror(error));
  }

  FdEndpoints endpoints;
  endpoints.name = "unix " + path;
  endpoints.listener = std::move(listener);
  endpoints.policy = PeerPolicy::kAccept;
  // Removes the path only if it is still the socket we bound (not one a later run created).
  endpoints.on_close = [path, device = bound.st_dev, inode = bound.st_ino] {
    struct stat now {};
    if (lstat(path.c_str(), &now) == 0 && now.st_dev == device && now.st_ino == inode) {
      unlink(path.c_str());
    }
  };
  auto backend = FdCharBackend::create(std::move(endpoints));
  if (!backend) return std::unexpected(backend.error());
  return std::unique_ptr<CharBackend>(std::move(*backend));
}

}  // namespace strata::backend
