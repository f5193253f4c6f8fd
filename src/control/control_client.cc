#include "control/control_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

namespace strata::control {

using backend::UniqueFd;

Result<ControlClient> ControlClient::connect(std::string_view socket_path) {
  if (socket_path.starts_with("unix:")) socket_path.remove_prefix(5);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.empty() || socket_path.size() >= sizeof address.sun_path) {
    return fail("control socket path '{}' must have 1 to {} characters", socket_path,
                sizeof address.sun_path - 1);
  }
  std::memcpy(address.sun_path, socket_path.data(), socket_path.size());
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return fail("cannot create a socket: {}", std::strerror(errno));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return fail("cannot connect to {}: {}", socket_path, std::strerror(errno));
  }
  return ControlClient(std::move(fd));
}

Result<std::string> ControlClient::exchange(std::string_view request,
                                            std::chrono::milliseconds timeout) {
  std::string line(request);
  line += '\n';
  for (size_t sent = 0; sent < line.size();) {
    const ssize_t n = ::send(fd_.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot send to the control socket: {}", std::strerror(errno));
    sent += static_cast<size_t>(n);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const size_t newline = pending_.find('\n'); newline != std::string::npos) {
      std::string reply = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return reply;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return fail("no reply from the control socket within {} ms", timeout.count());
    pollfd fd{fd_.get(), POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) {
      return fail("poll: {}", std::strerror(errno));
    }
    std::array<char, 4096> buffer{};
    const ssize_t got = ::recv(fd_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got == 0) return fail("the control socket closed the connection");
    if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return fail("cannot read from the control socket: {}", std::strerror(errno));
    }
    if (got > 0) pending_.append(buffer.data(), static_cast<size_t>(got));
  }
}

int run_ctl(std::string_view socket_path, const std::vector<std::string>& requests,
            double timeout_seconds) {
  auto client = ControlClient::connect(socket_path);
  if (!client) {
    fmt::print(stderr, "strata ctl: {}\n", client.error().message);
    return 2;
  }
  const auto timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  int status = 0;
  for (const std::string& request : requests) {
    auto reply = client->exchange(request, timeout);
    if (!reply) {
      fmt::print(stderr, "strata ctl: {}\n", reply.error().message);
      return 2;
    }
    fmt::print("{}\n", *reply);
    const auto parsed = nlohmann::json::parse(*reply, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("return")) status = 1;
  }
  std::fflush(stdout);
  return status;
}

}  // namespace strata::control
