// One event-loop thread (epoll) owned by a device or a back end: it runs posted work, watches file
// descriptors and fires one-shot timers, so that vCPU threads never block on host I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "util/error.h"

namespace strata::virtio {

class IoThread final {
 public:
  // Starts the loop thread; `name` (at most 15 characters are kept) names it for debuggers.
  explicit IoThread(std::string name);
  ~IoThread();  // stops and joins; posted work not yet run is dropped
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  // Runs `work` on the loop, in posting order. Any thread.
  void post(std::function<void()> work);
  // Posts `work` and waits until it has run. Not from the loop thread (it would deadlock); runs
  // `work` inline when called there instead.
  void run_sync(std::function<void()> work);
  bool on_loop_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

  // Watches `fd` for `events` (EPOLLIN, EPOLLOUT...); `callback` gets the events that fired, on
  // the loop thread. Any thread.
  [[nodiscard]] Result<void> watch(int fd, uint32_t events, std::function<void(uint32_t)> callback);
  // Stops watching `fd`. Called on the loop thread, the callback is never called again; from
  // another thread, a call already running may still finish (use run_sync() to be sure).
  void unwatch(int fd);

  // One-shot timer after `delay_ms` milliseconds, run on the loop thread; returns an id for
  // cancel_timer(). Any thread.
  uint64_t add_timer(uint64_t delay_ms, std::function<void()> callback);
  // Cancels a pending timer; unknown or fired ids are ignored. Any thread (same caveat as
  // unwatch()).
  void cancel_timer(uint64_t id);

 private:
  void loop();
  void run_posted();
  void run_due_timers();
  void arm_timerfd();

  std::string name_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;   // eventfd: posted work or stop
  int timer_fd_ = -1;  // timerfd armed for the earliest timer
  std::mutex mutex_;
  std::vector<std::function<void()>> posted_;
  bool stopping_ = false;
  // Shared so a callback survives its own unwatch() while it runs.
  std::unordered_map<int, std::shared_ptr<std::function<void(uint32_t)>>> watches_;
  // Deadline (CLOCK_MONOTONIC ns) and id -> callback, ordered by deadline then id.
  std::map<std::pair<uint64_t, uint64_t>, std::function<void()>> timers_;
  std::unordered_map<uint64_t, uint64_t> timer_deadlines_;  // id -> deadline
  uint64_t next_timer_id_ = 1;
  std::thread thread_;
};

}  // namespace strata::virtio
