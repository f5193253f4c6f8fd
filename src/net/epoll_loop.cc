#include "net/epoll_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace strata::net {

Result<std::unique_ptr<EpollLoop>> EpollLoop::create() {
  backend::UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll.valid()) return fail("epoll_create1: {}", std::strerror(errno));
  backend::UniqueFd wakeup(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wakeup.valid()) return fail("eventfd: {}", std::strerror(errno));
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = 0;  // generation 0 is the wakeup fd
  if (::epoll_ctl(epoll.get(), EPOLL_CTL_ADD, wakeup.get(), &event) != 0) {
    return fail("epoll_ctl: {}", std::strerror(errno));
  }
  return std::unique_ptr<EpollLoop>(new EpollLoop(std::move(epoll), std::move(wakeup)));
}

EpollLoop::EpollLoop(backend::UniqueFd epoll, backend::UniqueFd wakeup)
    : epoll_(std::move(epoll)), wakeup_(std::move(wakeup)) {}

void EpollLoop::post(std::function<void()> work) {
  {
    const std::lock_guard lock(posted_mutex_);
    posted_.push_back(std::move(work));
  }
  const uint64_t one = 1;
  // A full eventfd counter already means "wake up"; nothing else can fail here.
  [[maybe_unused]] const ssize_t written = ::write(wakeup_.get(), &one, sizeof one);
}

Result<void> EpollLoop::watch(int fd, uint32_t events, std::function<void(uint32_t)> callback) {
  const uint32_t generation = next_generation_;
  next_generation_ = next_generation_ == UINT32_MAX ? 1 : next_generation_ + 1;
  epoll_event event{};
  event.events = events;
  // The fd lives in the low 32 bits and the generation above, so an event still queued for an
  // fd that was unwatched and watched again is recognised as stale.
  event.data.u64 = (static_cast<uint64_t>(generation) << 32) | static_cast<uint32_t>(fd);
  const bool known = watches_.contains(fd);
  if (::epoll_ctl(epoll_.get(), known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event) != 0) {
    return fail("epoll_ctl(fd {}): {}", fd, std::strerror(errno));
  }
  watches_[fd] =
      Watch{std::make_shared<std::function<void(uint32_t)>>(std::move(callback)), generation};
  return {};
}

void EpollLoop::unwatch(int fd) {
  if (watches_.erase(fd) == 0) return;
  // The fd may already be closed, which removed it from the epoll set: nothing to report.
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
}

void EpollLoop::run_posted() {
  uint64_t count = 0;
  [[maybe_unused]] const ssize_t got = ::read(wakeup_.get(), &count, sizeof count);
  std::vector<std::function<void()>> work;
  {
    const std::lock_guard lock(posted_mutex_);
    work.swap(posted_);
  }
  for (auto& item : work) item();
}

void EpollLoop::run_once(int timeout_ms) {
  std::array<epoll_event, 64> events{};
  const int ready = ::epoll_wait(epoll_.get(), events.data(), events.size(), timeout_ms);
  for (int i = 0; i < ready; ++i) {
    const uint64_t data = events[i].data.u64;
    if (data == 0) {
      run_posted();
      continue;
    }
    const int fd = static_cast<int>(data & 0xffffffffU);
    const auto it = watches_.find(fd);
    if (it == watches_.end() || it->second.generation != (data >> 32)) continue;
    const auto callback = it->second.callback;  // keeps it alive if the callback unwatches
    (*callback)(events[i].events);
  }
}

void EpollLoop::run() {
  while (!stopping_.load(std::memory_order_acquire)) run_once(-1);
  stopping_.store(false, std::memory_order_release);
}

void EpollLoop::stop() {
  stopping_.store(true, std::memory_order_release);
  post([] {});
}

}  // namespace strata::net
