// The shared timer thread: deadlines in order, re-arming, cancelling, and waiting for a running
// callback on destruction.
#include "dev/timer_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "device_test_support.h"

namespace strata::test {
namespace {

using dev::TimerQueue;
using namespace std::chrono_literals;

TEST(TimerQueue, RunsCallbacksInDeadlineOrder) {
  TimerQueue queue;
  std::mutex mutex;
  std::vector<int> order;
  const auto record = [&](int id) {
    const std::lock_guard lock(mutex);
    order.push_back(id);
  };
  TimerQueue::Timer a(queue, [&] { record(1); });
  TimerQueue::Timer b(queue, [&] { record(2); });
  TimerQueue::Timer c(queue, [&] { record(3); });
  const auto now = TimerQueue::Clock::now();
  c.arm(now + 30ms);
  a.arm(now + 10ms);
  b.arm(now + 20ms);
  EXPECT_TRUE(eventually([&] {
    const std::lock_guard lock(mutex);
    return order.size() == 3;
  }));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(a.armed());
}

TEST(TimerQueue, DisarmAndReArm) {
  TimerQueue queue;
  std::atomic<int> fired{0};
  TimerQueue::Timer timer(queue, [&] { ++fired; });
  timer.arm(TimerQueue::Clock::now() + 10ms);
  timer.disarm();
  EXPECT_FALSE(timer.armed());
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(fired.load(), 0);
  timer.arm(TimerQueue::Clock::now() + 1h);
  timer.arm(TimerQueue::Clock::now());  // moving a deadline replaces it
  EXPECT_TRUE(eventually([&] { return fired.load() == 1; }));
  std::this_thread::sleep_for(10ms);
  EXPECT_EQ(fired.load(), 1);
}

TEST(TimerQueue, ACallbackMayArmItsTimerAgain) {
  TimerQueue queue;
  std::atomic<int> fired{0};
  std::optional<TimerQueue::Timer> timer;
  timer.emplace(queue, [&] {
    if (++fired < 3) timer->arm(TimerQueue::Clock::now() + 1ms);
  });
  timer->arm(TimerQueue::Clock::now());
  EXPECT_TRUE(eventually([&] { return fired.load() == 3; }));
  timer.reset();
}

TEST(TimerQueue, DestroyingATimerWaitsForItsCallback) {
  TimerQueue queue;
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  {
    TimerQueue::Timer timer(queue, [&] {
      started = true;
      std::this_thread::sleep_for(50ms);
      finished = true;
    });
    timer.arm(TimerQueue::Clock::now());
    ASSERT_TRUE(eventually([&] { return started.load(); }));
  }
  EXPECT_TRUE(finished.load());
}

}  // namespace
}  // namespace strata::test
