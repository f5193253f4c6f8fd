#include "control/control_server.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace strata::control {
namespace {

using backend::UniqueFd;

Result<UniqueFd> listen_at(const std::string& path, struct stat& bound) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    return fail("--control unix:{}: the path must have 1 to {} characters", path,
                sizeof address.sun_path - 1);
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  struct stat existing {};
  if (lstat(path.c_str(), &existing) == 0) {
    if (!S_ISSOCK(existing.st_mode)) {
      return fail("--control unix:{}: the file exists and is not a socket", path);
    }
    unlink(path.c_str());  // a stale socket from an earlier run
  }
  UniqueFd listener(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listener.valid()) return fail("--control: cannot create a socket: {}", std::strerror(errno));
  if (bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return fail("--control unix:{}: cannot bind: {}", path, std::strerror(errno));
  }
  if (lstat(path.c_str(), &bound) != 0 || listen(listener.get(), 8) != 0) {
    const int error = errno;
    unlink(path.c_str());
    return fail("--control unix:{}: cannot listen: {}", path, std::strerror(error));
  }
  return listener;
}

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::create(std::string_view spec,
                                                             const CommandTable& table) {
  constexpr std::string_view kUnix = "unix:";
  if (!spec.starts_with(kUnix)) {
    return fail("--control {}: expected unix:PATH", spec);
  }
  std::string path(spec.substr(kUnix.size()));
  struct stat bound {};
  auto listener = listen_at(path, bound);
  if (!listener) return std::unexpected(listener.error());
  UniqueFd wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake.valid()) {
    unlink(path.c_str());
    return fail("--control: eventfd: {}", std::strerror(errno));
  }
  return std::unique_ptr<ControlServer>(new ControlServer(
      table, std::move(path), bound.st_dev, bound.st_ino, std::move(*listener), std::move(wake)));
}

ControlServer::ControlServer(const CommandTable& table, std::string path, dev_t device, ino_t inode,
                             UniqueFd listener, UniqueFd wake)
    : table_(table),
      path_(std::move(path)),
      socket_device_(device),
      socket_inode_(inode),
      listener_(std::move(listener)),
      wake_(std::move(wake)),
      thread_([this] { run(); }) {}

ControlServer::~ControlServer() {
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(wake_.get(), &one, sizeof one);
  thread_.join();
  // Only our own socket: a later run may have replaced it.
  struct stat now {};
  if (lstat(path_.c_str(), &now) == 0 && now.st_dev == socket_device_ &&
      now.st_ino == socket_inode_) {
    unlink(path_.c_str());
  }
}

void ControlServer::run() {
  std::vector<pollfd> fds;
  for (;;) {
    fds.clear();
    fds.push_back({wake_.get(), POLLIN, 0});
    // At the client limit the listener is not polled: further clients wait in the backlog.
    fds.push_back({listener_.get(), clients_.size() < kMaxClients ? short{POLLIN} : short{0}, 0});
    for (const auto& client : clients_) {
      short events = client->input_ended ? short{0} : short{POLLIN};
      if (!client->output.empty()) events = static_cast<short>(events | POLLOUT);
      fds.push_back({client->fd.get(), events, 0});
    }
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      fmt::print(stderr, "strata: control socket: poll: {}\n", std::strerror(errno));
      return;
    }
    if (fds[0].revents != 0) return;
    // Clients first: the indices of fds match clients_ until accept_clients() appends.
    std::vector<std::unique_ptr<Client>> kept;
    for (size_t i = 0; i < clients_.size(); ++i) {
      Client& client = *clients_[i];
      const short revents = fds[i + 2].revents;
      bool keep = true;
      if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !client.input_ended) {
        keep = read_from(client);
      }
      if (keep && !client.output.empty()) keep = write_to(client);
      if (keep && (revents & POLLERR) != 0) keep = false;
      if (keep && client.input_ended && client.output.empty()) keep = false;
      if (keep) kept.push_back(std::move(clients_[i]));
    }
    clients_ = std::move(kept);
    if ((fds[1].revents & POLLIN) != 0) accept_clients();
  }
}

void ControlServer::accept_clients() {
  while (clients_.size() < kMaxClients) {
    UniqueFd fd(accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) return;  // EAGAIN, or a client that left before being accepted
    auto client = std::make_unique<Client>();
    client->fd = std::move(fd);
    clients_.push_back(std::move(client));
  }
}

bool ControlServer::read_from(Client& client) {
  std::array<char, 4096> buffer{};
  // A bounded amount per wake-up, so one flooding client cannot starve the others.
  for (int round = 0; round < 16; ++round) {
    const ssize_t got = ::read(client.fd.get(), buffer.data(), buffer.size());
    if (got > 0) {
      client.input.append(buffer.data(), static_cast<size_t>(got));
      handle_input(client);
      if (client.output.size() > kMaxPendingReplyBytes) return false;  // it does not read
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    if (got < 0) return false;
    // End of input: a last request without its newline still counts.
    if (!client.skipping && !client.input.empty()) {
      const std::string line = std::exchange(client.input, {});
      reply(client, line);
    }
    client.input_ended = true;
    return true;
  }
  return true;
}

void ControlServer::handle_input(Client& client) {
  size_t start = 0;
  for (;;) {
    const size_t newline = client.input.find('\n', start);
    if (newline == std::string::npos) break;
    if (client.skipping) {
      client.skipping = false;
    } else {
      reply(client, std::string_view(client.input).substr(start, newline - start));
    }
    start = newline + 1;
  }
  client.input.erase(0, start);
  if (client.input.size() > kMaxLineBytes) {
    if (!client.skipping) {
      client.output += error_line(ErrorClass::kInvalidRequest,
                                  fmt::format("line longer than {} bytes: skipped", kMaxLineBytes));
      client.output += '\n';
      client.skipping = true;
    }
    client.input.clear();
  }
}

void ControlServer::reply(Client& client, std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);                      // telnet-style clients
  if (line.find_first_not_of(" \t") == std::string_view::npos) return;  // blank lines
  client.output += table_.handle_line(line);
  client.output += '\n';
}

bool ControlServer::write_to(Client& client) {
  while (!client.output.empty()) {
    const ssize_t sent =
        ::send(client.fd.get(), client.output.data(), client.output.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      client.output.erase(0, static_cast<size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    return sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  return true;
}

}  // namespace strata::control
