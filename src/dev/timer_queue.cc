#include "dev/timer_queue.h"

#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX pthread_sigmask

namespace strata::dev {

TimerQueue::Timer::Timer(TimerQueue& queue, std::function<void()> callback)
    : queue_(queue), callback_(std::move(callback)) {}

TimerQueue::Timer::~Timer() {
  std::unique_lock lock(queue_.mutex_);
  queue_.remove_locked(*this);
  queue_.changed_.wait(lock, [this] { return queue_.running_ != this; });
}

void TimerQueue::Timer::arm(Clock::time_point deadline) {
  {
    const std::lock_guard lock(queue_.mutex_);
    queue_.remove_locked(*this);
    key_ = {deadline, queue_.sequence_++};
    queue_.schedule_.emplace(key_, this);
    armed_ = true;
  }
  queue_.changed_.notify_all();
}

void TimerQueue::Timer::disarm() {
  const std::lock_guard lock(queue_.mutex_);
  queue_.remove_locked(*this);
}

bool TimerQueue::Timer::armed() const {
  const std::lock_guard lock(queue_.mutex_);
  return armed_;
}

TimerQueue::TimerQueue() {
  // Signals are for the threads that handle them.
  sigset_t all{};
  sigset_t previous{};
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  thread_ = std::thread([this] { run(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

TimerQueue::~TimerQueue() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void TimerQueue::remove_locked(Timer& timer) {
  if (!timer.armed_) return;
  schedule_.erase(timer.key_);
  timer.armed_ = false;
}

void TimerQueue::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (schedule_.empty()) {
      changed_.wait(lock);
      continue;
    }
    // A copy: the entry may be erased while the wait has the lock released.
    const Clock::time_point deadline = schedule_.begin()->first.first;
    if (Clock::now() < deadline) {
      changed_.wait_until(lock, deadline);
      continue;  // re-examine: the schedule may have changed meanwhile
    }
    Timer* timer = schedule_.begin()->second;
    remove_locked(*timer);
    running_ = timer;
    lock.unlock();
    timer->callback_();
    lock.lock();
    running_ = nullptr;
    changed_.notify_all();
  }
}

}  // namespace strata::dev
