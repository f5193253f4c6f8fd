// A hart's direct-store window (cpu/store_window.h): which pages join it and when, what leaves it
// when a page becomes watched, the limits generated code compares against, and the dirty marks of
// the pages it takes in.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include "cpu/store_window.h"
#include "mem/guest_ram.h"

namespace strata::test {
namespace {

constexpr uint64_t kBase = 0x8000'0000;
constexpr uint64_t kSize = uint64_t{1} << 20;
constexpr uint64_t kPage = mem::kPageSize;
constexpr uint64_t kGap = cpu::StoreWindow::kMaxGapPages;

// Page `n` of RAM.
constexpr uint64_t page(uint64_t n) {
  return kBase + n * kPage;
}

std::unique_ptr<mem::GuestRam> make_ram() {
  auto ram = mem::GuestRam::create(kBase, kSize);
  EXPECT_TRUE(ram) << ram.error().message;
  return std::move(*ram);
}

TEST(StoreWindow, StartsEmptyAndOpensOnTheFirstPage) {
  const auto ram = make_ram();
  cpu::StoreWindow window;
  EXPECT_EQ(window.pages(), 0U);
  for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(window.limits_location()[k].load(), 0U);
  EXPECT_FALSE(window.contains(page(0), 1));
  window.widen(*ram, page(10));
  EXPECT_EQ(window.pages(), 1U);
  EXPECT_EQ(window.start_location()->load(), page(10));
  // Entry k: the offsets from the start where a store of 2^k bytes fits in the page.
  for (unsigned k = 0; k < 4; ++k)
    EXPECT_EQ(window.limits_location()[k].load(), kPage - (1U << k) + 1);
  EXPECT_TRUE(window.contains(page(10), 8));
  EXPECT_TRUE(window.contains(page(11) - 8, 8));
  EXPECT_FALSE(window.contains(page(11) - 7, 8));  // straddles the end
  EXPECT_TRUE(window.contains(page(11) - 1, 1));
  EXPECT_FALSE(window.contains(page(11), 1));
  EXPECT_FALSE(window.contains(page(10) - 1, 1));
  EXPECT_TRUE(ram->is_dirty(page(10)));
}

TEST(StoreWindow, GrowsByBorderingPagesAndBridgesShortGaps) {
  const auto ram = make_ram();
  cpu::StoreWindow window;
  window.widen(*ram, page(40));
  window.widen(*ram, page(41));  // borders the end
  window.widen(*ram, page(39));  // borders the start
  EXPECT_EQ(window.start_location()->load(), page(39));
  EXPECT_EQ(window.pages(), 3U);
  window.widen(*ram, page(40));  // already in: nothing changes
  EXPECT_EQ(window.pages(), 3U);
  // kGap pages beyond the end: those between join too, dirty.
  EXPECT_FALSE(ram->is_dirty(page(42)));
  window.widen(*ram, page(42 + kGap));
  EXPECT_EQ(window.pages(), 4 + kGap);
  for (uint64_t n = 42; n <= 42 + kGap; ++n) EXPECT_TRUE(ram->is_dirty(page(n))) << n;
  // And below the start.
  window.widen(*ram, page(39 - 1 - kGap));
  EXPECT_EQ(window.start_location()->load(), page(38 - kGap));
  EXPECT_EQ(window.pages(), 5 + 2 * kGap);
  EXPECT_TRUE(window.contains(page(38 - kGap), 8));
  EXPECT_TRUE(window.contains(page(43 + kGap) - 8, 8));
}

TEST(StoreWindow, AFarPageMovesASmallWindowButNotALargeOne) {
  const auto ram = make_ram();
  cpu::StoreWindow window;
  window.widen(*ram, page(1));
  window.widen(*ram, page(3 + kGap));  // one page too far to bridge: the window moves
  EXPECT_EQ(window.start_location()->load(), page(3 + kGap));
  EXPECT_EQ(window.pages(), 1U);
  EXPECT_FALSE(ram->is_dirty(page(2)));
  // Grown past kGap pages, it stays where it is.
  for (uint64_t n = 4 + kGap; n <= 4 + 2 * kGap; ++n) window.widen(*ram, page(n));
  EXPECT_EQ(window.pages(), kGap + 2);
  window.widen(*ram, page(200));
  EXPECT_EQ(window.start_location()->load(), page(3 + kGap));
  EXPECT_EQ(window.pages(), kGap + 2);
}

TEST(StoreWindow, NeverTakesAWatchedPage) {
  const auto ram = make_ram();
  ram->add_watch(page(6), mem::GuestRam::kWatchDevice);
  cpu::StoreWindow window;
  window.widen(*ram, page(6));
  EXPECT_EQ(window.pages(), 0U);
  window.widen(*ram, page(5));
  window.widen(*ram, page(7));  // borders it, but the watched page would be in between
  EXPECT_EQ(window.start_location()->load(), page(7));  // it moved instead
  EXPECT_EQ(window.pages(), 1U);
  window.widen(*ram, page(4));  // the bridge down to it would cross page 6
  EXPECT_EQ(window.start_location()->load(), page(4));
  EXPECT_EQ(window.pages(), 1U);
  window.widen(*ram, page(5));
  EXPECT_EQ(window.pages(), 2U);
  EXPECT_FALSE(window.contains(page(6), 1));
}

TEST(StoreWindow, AWatchedPageLeavesWithEverythingAboveIt) {
  const auto ram = make_ram();
  cpu::StoreWindow window;
  for (uint64_t n = 10; n < 20; ++n) window.widen(*ram, page(n));
  window.exclude(page(25));  // outside: nothing changes
  EXPECT_EQ(window.pages(), 10U);
  window.exclude(page(14));
  EXPECT_EQ(window.start_location()->load(), page(10));  // only the owner moves the start
  EXPECT_EQ(window.pages(), 4U);
  EXPECT_TRUE(window.contains(page(14) - 8, 8));
  EXPECT_FALSE(window.contains(page(14) - 7, 8));
  EXPECT_FALSE(window.contains(page(15), 1));
  window.exclude(page(10));
  EXPECT_EQ(window.pages(), 0U);
  for (unsigned k = 0; k < 4; ++k) EXPECT_EQ(window.limits_location()[k].load(), 0U);
  window.widen(*ram, page(30));
  EXPECT_EQ(window.pages(), 1U);
  window.close();
  EXPECT_EQ(window.pages(), 0U);
  EXPECT_FALSE(window.contains(page(30), 1));
}

// Another thread watches pages while the owner widens the window over them: whichever comes
// first, a watched page is never in the window afterwards.
TEST(StoreWindow, AWatchRacingAWidenNeverStaysInside) {
  constexpr uint64_t kPages = 200;
  for (int round = 0; round < 20; ++round) {
    const auto ram = make_ram();
    cpu::StoreWindow window;
    std::atomic<bool> go{false};
    std::thread watcher([&] {
      while (!go.load()) {
      }
      for (uint64_t n = kPages; n-- > 0;) {
        if (n % 7 != 0) continue;
        ram->add_watch(page(n), mem::GuestRam::kWatchDevice);  // then drop write permission
        window.exclude(page(n));
      }
    });
    go.store(true);
    for (uint64_t n = 0; n < kPages; ++n) window.widen(*ram, page(n));
    watcher.join();
    for (uint64_t n = 0; n < kPages; n += 7) {
      EXPECT_FALSE(window.contains(page(n), 1)) << "round " << round << " page " << n;
    }
  }
}

}  // namespace
}  // namespace strata::test
