// One thread that runs callbacks at host deadlines, shared by every device that needs a timer
// (the RTC alarm today), so devices need no thread of their own.
//
// A device owns a TimerQueue::Timer: arm() sets (or moves) its deadline, disarm() cancels it.
// Callbacks run on the queue's thread, one at a time, without any queue lock held, so they may
// arm their own timer again. Destroying a Timer cancels it and waits for a callback that is
// running, so its owner may be destroyed right after (but not from inside its own callback).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace strata::dev {

class TimerQueue final {
 public:
  using Clock = std::chrono::steady_clock;

  class Timer final {
   public:
    Timer(TimerQueue& queue, std::function<void()> callback);
    ~Timer();
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

    void arm(Clock::time_point deadline);
    void disarm();
    bool armed() const;

   private:
    friend class TimerQueue;
    TimerQueue& queue_;
    std::function<void()> callback_;
    // Guarded by queue_.mutex_: this timer's entry in the schedule, if armed.
    bool armed_ = false;
    std::pair<Clock::time_point, uint64_t> key_{};
  };

  TimerQueue();
  // Stops the thread. Every Timer must have been destroyed first.
  ~TimerQueue();
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

 private:
  void run();
  void remove_locked(Timer& timer);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  // Deadline and a sequence number (equal deadlines run in arming order) to the timer.
  std::map<std::pair<Clock::time_point, uint64_t>, Timer*> schedule_;
  uint64_t sequence_ = 0;
  Timer* running_ = nullptr;  // the timer whose callback is running
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace strata::dev
