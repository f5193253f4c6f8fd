#include "backend/fd_char_backend.h"

#include <poll.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX pthread_sigmask
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace strata::backend {
namespace {

constexpr size_t kReadChunk = 4096;
// Output is written in pieces of at most PIPE_BUF, so a descriptor that could only be shared in
// blocking mode (see stdio) does not block after poll() reported room.
constexpr size_t kWriteChunk = 4096;
constexpr auto kReopenInterval = std::chrono::milliseconds(100);

bool transient(int error) {
  return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

bool is_socket(int fd) {
  struct stat st {};
  return fd >= 0 && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

// Whether somebody has the slave side of the pseudo-terminal `master` open.
bool pty_peer_present(int master) {
  pollfd p{master, POLLIN, 0};
  return poll(&p, 1, 0) >= 0 && (p.revents & POLLHUP) == 0;
}

int milliseconds_until(std::chrono::steady_clock::time_point when) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(when - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 0, 60'000));
}

}  // namespace

Result<std::unique_ptr<FdCharBackend>> FdCharBackend::create(FdEndpoints endpoints) {
  UniqueFd wake(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake.valid()) {
    return fail("{}: cannot create an eventfd: {}", endpoints.name, std::strerror(errno));
  }
  return std::unique_ptr<FdCharBackend>(new FdCharBackend(std::move(endpoints), std::move(wake)));
}

FdCharBackend::FdCharBackend(FdEndpoints endpoints, UniqueFd wake)
    : endpoints_(std::move(endpoints)),
      wake_fd_(std::move(wake)),
      queue_(endpoints_.output_capacity) {
  in_fd_ = endpoints_.input.get();
  out_fd_ = endpoints_.output.get();
  out_is_socket_ = is_socket(out_fd_);
  input_open_ = in_fd_ >= 0;
  switch (endpoints_.policy) {
    case PeerPolicy::kFixed: output_connected_ = out_fd_ >= 0; break;
    case PeerPolicy::kReopen:
      peer_present_ = pty_peer_present(in_fd_ >= 0 ? in_fd_ : out_fd_);
      output_connected_ = peer_present_ && out_fd_ >= 0;
      break;
    case PeerPolicy::kAccept: output_connected_ = false; break;
  }
  // The I/O thread takes no signals: SIGINT and friends go to the threads that handle them, and
  // a write to a closed pipe fails with EPIPE instead of killing the process with SIGPIPE.
  sigset_t all{};
  sigset_t previous{};
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  thread_ = std::thread([this] { run(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

FdCharBackend::~FdCharBackend() {
  stop_.store(true, std::memory_order_release);
  wake();
  if (thread_.joinable()) thread_.join();
  if (endpoints_.on_close) endpoints_.on_close();
}

void FdCharBackend::write(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return;
  size_t accepted = 0;
  bool was_empty = false;
  {
    const std::lock_guard lock(output_mutex_);
    if (output_connected_) {
      was_empty = queue_.empty();
      accepted = queue_.push(bytes);
    }
  }
  if (accepted < bytes.size()) {
    dropped_.fetch_add(bytes.size() - accepted, std::memory_order_relaxed);
  }
  if (was_empty && accepted > 0) wake();
}

void FdCharBackend::set_receiver(Receiver receiver) {
  {
    const std::lock_guard lock(receiver_mutex_);
    receiver_ = std::move(receiver);
    has_receiver_.store(static_cast<bool>(receiver_), std::memory_order_release);
  }
  wake();
}

bool FdCharBackend::connected() const {
  const std::lock_guard lock(output_mutex_);
  return output_connected_;
}

// One eventfd write per burst: wake_posted_ stays set until the I/O thread has consumed the
// eventfd, so producers that find it set know a wake-up is already on its way.
void FdCharBackend::wake() {
  if (wake_posted_.exchange(true, std::memory_order_acq_rel)) return;
  const uint64_t one = 1;
  if (::write(wake_fd_.get(), &one, sizeof one) < 0) {
    // Only EAGAIN is possible (the counter is saturated), and then a wake-up is pending anyway.
  }
}

void FdCharBackend::drain_wake_fd() {
  uint64_t count = 0;
  if (::read(wake_fd_.get(), &count, sizeof count) < 0) {
    // EAGAIN: nothing was posted.
  }
  // Cleared after the read, as an RMW: a producer that saw the flag still set between the two
  // published its state before its exchange, which this exchange acquires.
  wake_posted_.exchange(false, std::memory_order_acq_rel);
}

void FdCharBackend::run() {
  std::optional<Clock::time_point> drain_deadline;
  for (;;) {
    if (stop_.load(std::memory_order_acquire) && !drain_deadline) {
      drain_deadline = Clock::now() + endpoints_.drain_timeout;
    }
    const bool stopping = drain_deadline.has_value();
    bool output_pending = false;
    {
      const std::lock_guard lock(output_mutex_);
      output_pending = output_connected_ && !queue_.empty();
    }
    if (stopping && (!output_pending || Clock::now() >= *drain_deadline)) break;

    if (!stopping) deliver_held();

    std::array<pollfd, 4> fds{};
    nfds_t count = 0;
    const auto add = [&](int fd, short events) {
      fds[count] = pollfd{fd, events, 0};
      return static_cast<int>(count++);
    };
    add(wake_fd_.get(), POLLIN);
    int listen_index = -1;
    int in_index = -1;
    int out_index = -1;
    if (!stopping && endpoints_.listener.valid() && !client_.valid() &&
        Clock::now() >= accept_retry_at_) {
      listen_index = add(endpoints_.listener.get(), POLLIN);
    }
    const bool want_input = !stopping && in_fd_ >= 0 && input_open_ && peer_present_ &&
                            held_taken_ == held_.size() &&
                            has_receiver_.load(std::memory_order_acquire);
    if (want_input) in_index = add(in_fd_, POLLIN);
    if (output_pending) {
      if (in_index >= 0 && out_fd_ == in_fd_) {
        fds[static_cast<size_t>(in_index)].events |= POLLOUT;
        out_index = in_index;
      } else {
        out_index = add(out_fd_, POLLOUT);
      }
    }
    int timeout = -1;
    if (stopping) {
      timeout = milliseconds_until(*drain_deadline);
    } else if (endpoints_.policy == PeerPolicy::kReopen && !peer_present_) {
      timeout = milliseconds_until(recheck_at_);
    } else if (endpoints_.listener.valid() && !client_.valid() && listen_index < 0) {
      timeout = milliseconds_until(accept_retry_at_);
    }

    if (poll(fds.data(), count, timeout) < 0) {
      if (errno == EINTR) continue;
      break;  // EFAULT/EINVAL/ENOMEM: nothing sensible is left to do on this thread
    }
    if (fds[0].revents != 0) drain_wake_fd();
    if (endpoints_.policy == PeerPolicy::kReopen && !peer_present_ && !stopping &&
        Clock::now() >= recheck_at_) {
      check_reopened_peer();
    }
    if (listen_index >= 0 && fds[static_cast<size_t>(listen_index)].revents != 0) accept_client();
    if (in_index >= 0 && (fds[static_cast<size_t>(in_index)].revents & ~POLLOUT) != 0) {
      read_input();
    }
    if (out_index >= 0) {
      const short revents = fds[static_cast<size_t>(out_index)].revents;
      // The read above may have found the peer gone and closed or disowned the descriptor.
      const bool still_ours = out_fd_ == fds[static_cast<size_t>(out_index)].fd && connected();
      if (still_ours && (revents & (POLLERR | POLLHUP)) != 0) {
        output_failed();
      } else if (still_ours && (revents & POLLOUT) != 0) {
        write_output();
      }
    }
  }
}

void FdCharBackend::deliver_held() {
  if (held_taken_ == held_.size()) return;
  const std::lock_guard lock(receiver_mutex_);
  if (!receiver_) return;
  const std::span<const uint8_t> rest = std::span<const uint8_t>(held_).subspan(held_taken_);
  held_taken_ += std::min(receiver_(rest), rest.size());
  if (held_taken_ == held_.size()) {
    held_.clear();
    held_taken_ = 0;
  }
}

void FdCharBackend::read_input() {
  std::array<uint8_t, kReadChunk> buffer{};
  const ssize_t n = ::read(in_fd_, buffer.data(), buffer.size());
  if (n < 0 && transient(errno)) return;
  if (n <= 0) {
    input_ended();
    return;
  }
  const std::span<const uint8_t> bytes(buffer.data(), static_cast<size_t>(n));
  held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(held_taken_));
  held_taken_ = 0;
  if (endpoints_.filter) {
    to_host_.clear();
    endpoints_.filter->filter(bytes, held_, to_host_);
    write(to_host_);
  } else {
    held_.insert(held_.end(), bytes.begin(), bytes.end());
  }
  deliver_held();
}

void FdCharBackend::write_output() {
  std::span<const uint8_t> chunk;
  {
    const std::lock_guard lock(output_mutex_);
    chunk = queue_.front();
  }
  // Only this thread removes bytes from the queue, so `chunk` stays valid without the lock.
  chunk = chunk.first(std::min(chunk.size(), kWriteChunk));
  if (chunk.empty()) return;
  const ssize_t n = out_is_socket_
                        ? ::send(out_fd_, chunk.data(), chunk.size(), MSG_DONTWAIT | MSG_NOSIGNAL)
                        : ::write(out_fd_, chunk.data(), chunk.size());
  if (n > 0) {
    const std::lock_guard lock(output_mutex_);
    queue_.pop(static_cast<size_t>(n));
    return;
  }
  if (n < 0 && transient(errno)) return;
  output_failed();
}

void FdCharBackend::accept_client() {
  const int fd = accept4(endpoints_.listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) {
    // The client gave up already, or a transient error: keep listening. A lasting one (out of
    // descriptors) would leave the listener readable and this thread spinning: back off a little.
    if (!transient(errno) && errno != ECONNABORTED) {
      accept_retry_at_ = Clock::now() + kReopenInterval;
    }
    return;
  }
  client_.reset(fd);
  in_fd_ = out_fd_ = fd;
  out_is_socket_ = true;
  input_open_ = true;
  set_output_connected(true);
}

void FdCharBackend::check_reopened_peer() {
  const int master = in_fd_ >= 0 ? in_fd_ : out_fd_;
  if (!pty_peer_present(master)) {
    recheck_at_ = Clock::now() + kReopenInterval;
    return;
  }
  peer_present_ = true;
  input_open_ = in_fd_ >= 0;
  set_output_connected(out_fd_ >= 0);
}

void FdCharBackend::input_ended() {
  switch (endpoints_.policy) {
    case PeerPolicy::kFixed: input_open_ = false; break;
    case PeerPolicy::kReopen:
    case PeerPolicy::kAccept: peer_gone(); break;
  }
}

void FdCharBackend::output_failed() {
  switch (endpoints_.policy) {
    case PeerPolicy::kFixed: set_output_connected(false); break;
    case PeerPolicy::kReopen:
    case PeerPolicy::kAccept: peer_gone(); break;
  }
}

void FdCharBackend::peer_gone() {
  set_output_connected(false);
  if (endpoints_.policy == PeerPolicy::kAccept) {
    client_.reset();
    in_fd_ = out_fd_ = -1;
    input_open_ = false;
  } else {
    peer_present_ = false;
    recheck_at_ = Clock::now() + kReopenInterval;
  }
}

// Output nobody will read is dropped, and counted, at once.
void FdCharBackend::set_output_connected(bool connected) {
  const std::lock_guard lock(output_mutex_);
  output_connected_ = connected;
  if (!connected) {
    dropped_.fetch_add(queue_.size(), std::memory_order_relaxed);
    queue_.clear();
  }
}

}  // namespace strata::backend
