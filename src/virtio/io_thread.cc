#include "virtio/io_thread.h"

#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <future>
#include <new>
#include <system_error>

namespace strata::virtio {
namespace {

uint64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<uint64_t>(ts.tv_nsec);
}

void drain(int fd) {
  uint64_t count = 0;
  while (::read(fd, &count, sizeof count) == static_cast<ssize_t>(sizeof count)) {
  }
}

// The loop's own descriptors are told apart from watched ones by their epoll data.
constexpr uint64_t kWakeKey = ~0ULL;
constexpr uint64_t kTimerKey = ~0ULL - 1;

}  // namespace

IoThread::IoThread(std::string name) : name_(std::move(name)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  timer_fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0 || timer_fd_ < 0) {
    // Only descriptor exhaustion gets here: a host resource problem, like std::bad_alloc.
    throw std::system_error(errno, std::generic_category(), "cannot create an I/O thread");
  }
  epoll_event wake{.events = EPOLLIN, .data = {.u64 = kWakeKey}};
  epoll_event timer{.events = EPOLLIN, .data = {.u64 = kTimerKey}};
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, timer_fd_, &timer);
  thread_ = std::thread([this] { loop(); });
  pthread_setname_np(thread_.native_handle(), name_.substr(0, 15).c_str());
}

IoThread::~IoThread() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  close(timer_fd_);
  close(wake_fd_);
  close(epoll_fd_);
}

void IoThread::post(std::function<void()> work) {
  {
    const std::lock_guard lock(mutex_);
    posted_.push_back(std::move(work));
  }
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void IoThread::run_sync(std::function<void()> work) {
  if (on_loop_thread()) {
    work();
    return;
  }
  std::promise<void> done;
  const std::future<void> finished = done.get_future();
  post([&work, &done] {
    work();
    done.set_value();
  });
  finished.wait();
}

Result<void> IoThread::watch(int fd, uint32_t events, std::function<void(uint32_t)> callback) {
  const std::lock_guard lock(mutex_);
  epoll_event event{.events = events, .data = {.u64 = static_cast<uint64_t>(fd)}};
  const bool known = watches_.contains(fd);
  if (epoll_ctl(epoll_fd_, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event) != 0) {
    return fail("{}: cannot watch descriptor {}: {}", name_, fd, std::strerror(errno));
  }
  watches_[fd] = std::make_shared<std::function<void(uint32_t)>>(std::move(callback));
  return {};
}

void IoThread::unwatch(int fd) {
  const std::lock_guard lock(mutex_);
  if (watches_.erase(fd) != 0) epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

uint64_t IoThread::add_timer(uint64_t delay_ms, std::function<void()> callback) {
  const std::lock_guard lock(mutex_);
  const uint64_t id = next_timer_id_++;
  const uint64_t deadline = now_ns() + delay_ms * 1'000'000ULL;
  timers_.emplace(std::pair(deadline, id), std::move(callback));
  timer_deadlines_[id] = deadline;
  arm_timerfd();
  return id;
}

void IoThread::cancel_timer(uint64_t id) {
  const std::lock_guard lock(mutex_);
  const auto found = timer_deadlines_.find(id);
  if (found == timer_deadlines_.end()) return;
  timers_.erase(std::pair(found->second, id));
  timer_deadlines_.erase(found);
  arm_timerfd();
}

void IoThread::arm_timerfd() {
  itimerspec spec{};
  if (!timers_.empty()) {
    const uint64_t deadline = std::max<uint64_t>(timers_.begin()->first.first, 1);
    spec.it_value.tv_sec = static_cast<time_t>(deadline / 1'000'000'000ULL);
    spec.it_value.tv_nsec = static_cast<long>(deadline % 1'000'000'000ULL);
  }
  timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void IoThread::loop() {
  constexpr int kBatch = 32;
  epoll_event events[kBatch];
  for (;;) {
    const int n = epoll_wait(epoll_fd_, events, kBatch, -1);
    if (n < 0 && errno != EINTR) return;
    for (int i = 0; i < n; ++i) {
      const uint64_t key = events[i].data.u64;
      if (key == kWakeKey) {
        drain(wake_fd_);
        {
          const std::lock_guard lock(mutex_);
          if (stopping_) return;
        }
        run_posted();
      } else if (key == kTimerKey) {
        drain(timer_fd_);
        run_due_timers();
      } else {
        std::shared_ptr<std::function<void(uint32_t)>> callback;
        {
          const std::lock_guard lock(mutex_);
          const auto found = watches_.find(static_cast<int>(key));
          if (found != watches_.end()) callback = found->second;
        }
        // Unwatched by an earlier callback of this batch: not called.
        if (callback) (*callback)(events[i].events);
      }
    }
  }
}

void IoThread::run_posted() {
  std::vector<std::function<void()>> work;
  {
    const std::lock_guard lock(mutex_);
    work.swap(posted_);
  }
  for (auto& w : work) w();
}

void IoThread::run_due_timers() {
  for (;;) {
    std::function<void()> callback;
    {
      const std::lock_guard lock(mutex_);
      if (timers_.empty() || timers_.begin()->first.first > now_ns()) {
        arm_timerfd();
        return;
      }
      const auto first = timers_.begin();
      callback = std::move(first->second);
      timer_deadlines_.erase(first->first.second);
      timers_.erase(first);
    }
    callback();
  }
}

}  // namespace strata::virtio
