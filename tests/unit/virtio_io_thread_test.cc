// The I/O thread: posted work in order on the loop thread, run_sync, descriptor watches and
// one-shot timers (order, cancellation).
#include <gtest/gtest.h>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <vector>

#include "virtio/io_thread.h"

namespace strata::virtio {
namespace {

using namespace std::chrono_literals;

TEST(IoThread, RunsPostedWorkInOrderOnItsThread) {
  IoThread thread("test-io");
  std::vector<int> order;
  bool on_loop = false;
  for (int i = 0; i < 100; ++i) thread.post([&order, i] { order.push_back(i); });
  thread.run_sync([&] { on_loop = thread.on_loop_thread(); });
  ASSERT_EQ(order.size(), 100U);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
  EXPECT_TRUE(on_loop);
  EXPECT_FALSE(thread.on_loop_thread());
}

TEST(IoThread, RunSyncFromTheLoopRunsInline) {
  IoThread thread("test-io");
  int value = 0;
  thread.run_sync([&] { thread.run_sync([&] { value = 7; }); });
  EXPECT_EQ(value, 7);
}

TEST(IoThread, WatchesDescriptors) {
  IoThread thread("test-io");
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  std::promise<uint32_t> fired;
  ASSERT_TRUE(thread
                  .watch(fd, EPOLLIN,
                         [&](uint32_t events) {
                           uint64_t count = 0;
                           EXPECT_EQ(read(fd, &count, sizeof count), 8);
                           fired.set_value(events);
                           thread.unwatch(fd);
                         })
                  .has_value());
  const uint64_t one = 1;
  ASSERT_EQ(write(fd, &one, sizeof one), 8);
  auto future = fired.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_NE(future.get() & EPOLLIN, 0U);
  thread.run_sync([] {});  // the unwatch has happened
  ASSERT_EQ(write(fd, &one, sizeof one), 8);
  thread.run_sync([] {});  // a second event would have called set_value twice (and thrown)
  close(fd);
}

TEST(IoThread, WatchRefusesABadDescriptor) {
  IoThread thread("test-io");
  const auto result = thread.watch(-1, EPOLLIN, [](uint32_t) {});
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("cannot watch descriptor -1"), std::string::npos);
}

TEST(IoThread, TimersFireInDeadlineOrderAndCancel) {
  IoThread thread("test-io");
  std::mutex mutex;
  std::vector<int> fired;
  std::promise<void> last;
  const auto start = std::chrono::steady_clock::now();
  thread.add_timer(60, [&] {
    const std::lock_guard lock(mutex);
    fired.push_back(60);
    last.set_value();
  });
  thread.add_timer(20, [&] {
    const std::lock_guard lock(mutex);
    fired.push_back(20);
  });
  const uint64_t cancelled = thread.add_timer(40, [&] {
    const std::lock_guard lock(mutex);
    fired.push_back(40);
  });
  thread.cancel_timer(cancelled);
  thread.cancel_timer(12345);  // unknown: ignored
  auto future = last.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 60ms);
  const std::lock_guard lock(mutex);
  EXPECT_EQ(fired, (std::vector<int>{20, 60}));
}

TEST(IoThread, DestructorDropsPendingTimers) {
  std::atomic<bool> fired{false};
  {
    IoThread thread("test-io");
    thread.add_timer(10'000, [&] { fired = true; });
  }
  EXPECT_FALSE(fired.load());
}

}  // namespace
}  // namespace strata::virtio
