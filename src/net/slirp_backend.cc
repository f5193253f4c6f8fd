#include "net/slirp_backend.h"

#include <arpa/inet.h>
#include <poll.h>
#include <slirp/libslirp.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "backend/unique_fd.h"
#include "net/slirp_network.h"

namespace strata::net {
namespace {

// Bounds on the frames waiting between the two threads, like the rings of a NIC: beyond them
// frames are dropped and TCP slows down.
constexpr size_t kMaxQueuedToGuest = 512;
constexpr size_t kMaxQueuedToSlirp = 512;

in_addr to_in_addr(uint32_t host_order) {
  return in_addr{htonl(host_order)};
}

std::string format_ipv4(uint32_t host_order) {
  return fmt::format("{}.{}.{}.{}", host_order >> 24, (host_order >> 16) & 0xff,
                     (host_order >> 8) & 0xff, host_order & 0xff);
}

std::string describe_forward(const HostForward& forward) {
  return fmt::format("{}:{}:{}-{}:{}", forward.udp ? "udp" : "tcp",
                     format_ipv4(forward.host_address), forward.host_port,
                     format_ipv4(forward.guest_address), forward.guest_port);
}

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Frames from slirp to the guest. Shared with the work posted to the NIC's loop, so that work
// is harmless if it runs after the back end is gone.
struct ToGuest {
  std::mutex mutex;
  std::deque<std::vector<uint8_t>> frames;
  bool drain_posted = false;
  // Loop-thread state.
  Backend::Receiver receiver;
  bool paused = false;
  bool closed = false;
};

class SlirpBackend final : public Backend {
 public:
  SlirpBackend(EventLoop& loop, backend::UniqueFd wakeup)
      : loop_(loop), wakeup_(std::move(wakeup)), to_guest_(std::make_shared<ToGuest>()) {}
  ~SlirpBackend() override;
  SlirpBackend(const SlirpBackend&) = delete;
  SlirpBackend& operator=(const SlirpBackend&) = delete;

  Result<void> initialise(std::span<const HostForward> forwards);

  std::string_view describe() const override { return "user"; }
  void start(Receiver receiver, LinkDown link_down) override;
  void send(std::span<const uint8_t> frame) override;
  void resume_receive() override;
  uint64_t dropped() const override { return dropped_.load(std::memory_order_relaxed); }

 private:
  struct Timer {
    SlirpTimerCb callback;
    void* opaque;
    int64_t expire_ns;  // -1: not armed
  };

  // libslirp callbacks (slirp thread).
  static ssize_t on_send_packet(const void* data, size_t length, void* opaque);
  static void on_guest_error(const char* message, void* opaque);
  static int64_t on_clock_get_ns(void* opaque);
  static void* on_timer_new(SlirpTimerCb callback, void* callback_opaque, void* opaque);
  static void on_timer_free(void* timer, void* opaque);
  static void on_timer_mod(void* timer, int64_t expire_ms, void* opaque);
  static void on_register_poll_fd(int fd, void* opaque);
  static void on_unregister_poll_fd(int fd, void* opaque);
  static void on_notify(void* opaque);
  static int on_add_poll(int fd, int events, void* opaque);
  static int on_get_revents(int index, void* opaque);

  void run();
  void wake();
  void run_due_timers();
  int poll_timeout_ms(uint32_t slirp_timeout_ms) const;
  static void drain(const std::shared_ptr<ToGuest>& to_guest);

  EventLoop& loop_;
  backend::UniqueFd wakeup_;  // eventfd: frames to send, or stop
  Slirp* slirp_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> dropped_{0};
  std::shared_ptr<ToGuest> to_guest_;

  std::mutex to_slirp_mutex_;
  std::vector<std::vector<uint8_t>> to_slirp_;

  // Slirp-thread state.
  std::vector<pollfd> poll_fds_;
  std::vector<std::unique_ptr<Timer>> timers_;
};

SlirpBackend::~SlirpBackend() {
  {
    const std::lock_guard lock(to_guest_->mutex);
    to_guest_->closed = true;
  }
  if (thread_.joinable()) {
    stopping_.store(true, std::memory_order_release);
    wake();
    thread_.join();
  }
  if (slirp_ != nullptr) slirp_cleanup(slirp_);
}

Result<void> SlirpBackend::initialise(std::span<const HostForward> forwards) {
  SlirpConfig config{};
  config.version = 4;
  config.in_enabled = true;
  config.vnetwork = to_in_addr(kSlirpNetwork);
  config.vnetmask = to_in_addr(kSlirpNetmask);
  config.vhost = to_in_addr(kSlirpHost);
  config.vdhcp_start = to_in_addr(kSlirpGuestAddress);
  config.vnameserver = to_in_addr(kSlirpDns);
  config.vhostname = "strata";
  config.if_mtu = 1500;
  config.if_mru = 1500;
  static const SlirpCb callbacks = [] {
    SlirpCb table{};
    table.send_packet = on_send_packet;
    table.guest_error = on_guest_error;
    table.clock_get_ns = on_clock_get_ns;
    table.timer_new = on_timer_new;
    table.timer_free = on_timer_free;
    table.timer_mod = on_timer_mod;
    table.register_poll_fd = on_register_poll_fd;
    table.unregister_poll_fd = on_unregister_poll_fd;
    table.notify = on_notify;
    return table;
  }();
  slirp_ = slirp_new(&config, &callbacks, this);
  if (slirp_ == nullptr) return fail("user network: libslirp could not start");
  for (const HostForward& forward : forwards) {
    if (slirp_add_hostfwd(slirp_, forward.udp ? 1 : 0, to_in_addr(forward.host_address),
                          forward.host_port, to_in_addr(forward.guest_address),
                          forward.guest_port) != 0) {
      return fail("hostfwd={}: cannot listen on host port {} (in use, or not allowed)",
                  describe_forward(forward), forward.host_port);
    }
  }
  return {};
}

// libslirp lives in this process: its link never goes down.
void SlirpBackend::start(Receiver receiver, LinkDown /*link_down*/) {
  to_guest_->receiver = std::move(receiver);
  thread_ = std::thread([this] { run(); });
}

void SlirpBackend::wake() {
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(wakeup_.get(), &one, sizeof one);
}

void SlirpBackend::send(std::span<const uint8_t> frame) {
  {
    const std::lock_guard lock(to_slirp_mutex_);
    if (to_slirp_.size() >= kMaxQueuedToSlirp) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    to_slirp_.emplace_back(frame.begin(), frame.end());
  }
  wake();
}

void SlirpBackend::drain(const std::shared_ptr<ToGuest>& to_guest) {
  for (;;) {
    std::vector<uint8_t> frame;
    {
      const std::lock_guard lock(to_guest->mutex);
      if (to_guest->closed || to_guest->paused || to_guest->frames.empty()) {
        to_guest->drain_posted = false;
        return;
      }
      frame = std::move(to_guest->frames.front());
    }
    // The receiver runs without the lock: it copies into guest memory and may take a while.
    const bool taken = to_guest->receiver(frame);
    const std::lock_guard lock(to_guest->mutex);
    if (!taken) {
      to_guest->frames.front() = std::move(frame);
      to_guest->paused = true;
      to_guest->drain_posted = false;
      return;
    }
    to_guest->frames.pop_front();
  }
}

void SlirpBackend::resume_receive() {
  {
    const std::lock_guard lock(to_guest_->mutex);
    to_guest_->paused = false;
    if (to_guest_->drain_posted) return;
    to_guest_->drain_posted = true;
  }
  drain(to_guest_);
}

ssize_t SlirpBackend::on_send_packet(const void* data, size_t length, void* opaque) {
  auto* self = static_cast<SlirpBackend*>(opaque);
  const auto& to_guest = self->to_guest_;
  bool post = false;
  {
    const std::lock_guard lock(to_guest->mutex);
    if (to_guest->frames.size() >= kMaxQueuedToGuest) {
      self->dropped_.fetch_add(1, std::memory_order_relaxed);
      return static_cast<ssize_t>(length);  // dropped like on a wire; TCP recovers
    }
    const auto* bytes = static_cast<const uint8_t*>(data);
    to_guest->frames.emplace_back(bytes, bytes + length);
    if (!to_guest->drain_posted && !to_guest->paused) {
      to_guest->drain_posted = true;
      post = true;
    }
  }
  if (post) self->loop_.post([to_guest = self->to_guest_] { drain(to_guest); });
  return static_cast<ssize_t>(length);
}

void SlirpBackend::on_guest_error(const char* message, void* /*opaque*/) {
  fmt::print(stderr, "strata: user network: guest error: {}\n", message);
}

int64_t SlirpBackend::on_clock_get_ns(void* /*opaque*/) {
  return now_ns();
}

void* SlirpBackend::on_timer_new(SlirpTimerCb callback, void* callback_opaque, void* opaque) {
  auto* self = static_cast<SlirpBackend*>(opaque);
  self->timers_.push_back(std::make_unique<Timer>(Timer{callback, callback_opaque, -1}));
  return self->timers_.back().get();
}

void SlirpBackend::on_timer_free(void* timer, void* opaque) {
  auto* self = static_cast<SlirpBackend*>(opaque);
  std::erase_if(self->timers_, [timer](const auto& t) { return t.get() == timer; });
}

void SlirpBackend::on_timer_mod(void* timer, int64_t expire_ms, void* /*opaque*/) {
  // libslirp gives the expiry as an absolute time in milliseconds of clock_get_ns's clock.
  static_cast<Timer*>(timer)->expire_ns = expire_ms * 1'000'000;
}

// The descriptor set is rebuilt from slirp_pollfds_fill on every iteration, so registration
// needs no bookkeeping; only a wake-up so a new socket joins the next poll().
void SlirpBackend::on_register_poll_fd(int /*fd*/, void* /*opaque*/) {}
void SlirpBackend::on_unregister_poll_fd(int /*fd*/, void* /*opaque*/) {}

void SlirpBackend::on_notify(void* opaque) {
  static_cast<SlirpBackend*>(opaque)->wake();
}

int SlirpBackend::on_add_poll(int fd, int events, void* opaque) {
  auto* self = static_cast<SlirpBackend*>(opaque);
  short poll_events = 0;
  if ((events & SLIRP_POLL_IN) != 0) poll_events |= POLLIN;
  if ((events & SLIRP_POLL_OUT) != 0) poll_events |= POLLOUT;
  if ((events & SLIRP_POLL_PRI) != 0) poll_events |= POLLPRI;
  self->poll_fds_.push_back(pollfd{fd, poll_events, 0});
  return static_cast<int>(self->poll_fds_.size() - 1);
}

int SlirpBackend::on_get_revents(int index, void* opaque) {
  const auto* self = static_cast<const SlirpBackend*>(opaque);
  if (index < 0 || static_cast<size_t>(index) >= self->poll_fds_.size()) return 0;
  const short revents = self->poll_fds_[static_cast<size_t>(index)].revents;
  int events = 0;
  if ((revents & POLLIN) != 0) events |= SLIRP_POLL_IN;
  if ((revents & POLLOUT) != 0) events |= SLIRP_POLL_OUT;
  if ((revents & POLLPRI) != 0) events |= SLIRP_POLL_PRI;
  if ((revents & POLLERR) != 0) events |= SLIRP_POLL_ERR;
  if ((revents & POLLHUP) != 0) events |= SLIRP_POLL_HUP;
  return events;
}

int SlirpBackend::poll_timeout_ms(uint32_t slirp_timeout_ms) const {
  int64_t timeout = slirp_timeout_ms == std::numeric_limits<uint32_t>::max()
                        ? -1
                        : static_cast<int64_t>(slirp_timeout_ms);
  const int64_t now = now_ns();
  for (const auto& timer : timers_) {
    if (timer->expire_ns < 0) continue;
    const int64_t until = std::max<int64_t>(0, (timer->expire_ns - now + 999'999) / 1'000'000);
    timeout = timeout < 0 ? until : std::min(timeout, until);
  }
  return static_cast<int>(std::min<int64_t>(timeout, std::numeric_limits<int>::max()));
}

void SlirpBackend::run_due_timers() {
  const int64_t now = now_ns();
  // A callback may free or re-arm timers: collect the due ones first, then fire those still alive.
  std::vector<Timer*> due;
  for (const auto& timer : timers_) {
    if (timer->expire_ns >= 0 && timer->expire_ns <= now) due.push_back(timer.get());
  }
  for (Timer* timer : due) {
    const bool alive =
        std::ranges::any_of(timers_, [timer](const auto& t) { return t.get() == timer; });
    if (!alive || timer->expire_ns < 0 || timer->expire_ns > now) continue;
    timer->expire_ns = -1;
    timer->callback(timer->opaque);
  }
}

void SlirpBackend::run() {
  std::vector<std::vector<uint8_t>> frames;
  while (!stopping_.load(std::memory_order_acquire)) {
    poll_fds_.clear();
    poll_fds_.push_back(pollfd{wakeup_.get(), POLLIN, 0});
    uint32_t slirp_timeout = std::numeric_limits<uint32_t>::max();
    slirp_pollfds_fill(slirp_, &slirp_timeout, on_add_poll, this);
    const int ready = ::poll(poll_fds_.data(), poll_fds_.size(), poll_timeout_ms(slirp_timeout));
    if (ready > 0 && (poll_fds_[0].revents & POLLIN) != 0) {
      uint64_t count = 0;
      [[maybe_unused]] const ssize_t got = ::read(wakeup_.get(), &count, sizeof count);
    }
    slirp_pollfds_poll(slirp_, ready < 0 && errno != EINTR ? 1 : 0, on_get_revents, this);
    run_due_timers();
    {
      const std::lock_guard lock(to_slirp_mutex_);
      frames.swap(to_slirp_);
    }
    for (const auto& frame : frames) {
      slirp_input(slirp_, frame.data(), static_cast<int>(frame.size()));
    }
    frames.clear();
  }
}

}  // namespace

Result<std::unique_ptr<Backend>> open_slirp(EventLoop& loop,
                                            std::span<const HostForward> forwards) {
  backend::UniqueFd wakeup(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wakeup.valid()) return fail("user network: eventfd: {}", std::strerror(errno));
  auto backend = std::make_unique<SlirpBackend>(loop, std::move(wakeup));
  if (auto initialised = backend->initialise(forwards); !initialised) {
    return std::unexpected(initialised.error());
  }
  return backend;
}

}  // namespace strata::net
