// virtio-balloon against a test driver: configuration space, inflate (pages discarded and read as
// zero, page numbers outside RAM ignored), deflate, statistics requests, free page reporting
// (whole pages only; not with a non-zero poison value), the target through BalloonControl,
// reset and save/restore.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <thread>
#include <vector>

#include "virtio/balloon_device.h"
#include "virtio_driver_support.h"

namespace strata::test {
namespace {

using namespace std::chrono_literals;
using virtio::BalloonDevice;

constexpr uint64_t kRamSize = 16ULL << 20;
constexpr uint64_t kRingArea = kVirtioRamBase + 0x10000;  // rings here, one per 16 KiB
constexpr uint64_t kBufferArea = kVirtioRamBase + 0x40000;
constexpr uint64_t kDataArea = kVirtioRamBase + 0x100000;
constexpr uint64_t kAllFeatures = virtio::kBalloonStatsVq | virtio::kBalloonReporting |
                                  virtio::kBalloonDeflateOnOom | virtio::kFeatureVersion1;

uint32_t pfn_of(uint64_t paddr) {
  return static_cast<uint32_t>(paddr >> 12);
}

class BalloonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ram = mem::GuestRam::create(kVirtioRamBase, kRamSize);
    ASSERT_TRUE(ram);
    ram_ = std::move(*ram);
    device_ =
        std::make_unique<BalloonDevice>("virtio-balloon-test", *ram_, virtio::BalloonOptions{});
  }
  void TearDown() override { device_.reset(); }

  // Sets up the queues the driver would for `features` and activates the device.
  void activate(uint64_t features = kAllFeatures) {
    context_ = std::make_unique<TestContext>(*ram_, features);
    for (unsigned q = 0; q < 4; ++q) {
      rings_.emplace_back(*ram_, kRingArea + 0x4000ULL * q, 64);
      context_->add_queue(q, rings_.back());
    }
    device_->activate(*context_);
  }
  void fill(uint64_t paddr, uint64_t length, uint8_t value) {
    std::memset(ram_->host(paddr), value, length);
  }
  bool is_zero(uint64_t paddr, uint64_t length) const {
    const uint8_t* bytes = ram_->host(paddr);
    for (uint64_t i = 0; i < length; ++i) {
      if (bytes[i] != 0) return false;
    }
    return true;
  }
  // Writes `pfns` as le32 at kBufferArea + offset and sends them on `queue`.
  uint16_t send_pfns(unsigned queue, const std::vector<uint32_t>& pfns, uint64_t offset = 0) {
    const uint64_t at = kBufferArea + offset;
    EXPECT_TRUE(ram_->write(at, pfns.data(), pfns.size() * 4));
    rings_[queue].add({{at, static_cast<uint32_t>(pfns.size() * 4), false}});
    device_->notify(queue);
    return static_cast<uint16_t>(++sent_[queue]);
  }
  void write_stats(uint64_t at, const std::vector<std::pair<uint16_t, uint64_t>>& stats) {
    for (size_t i = 0; i < stats.size(); ++i) {
      std::array<uint8_t, 10> entry{};
      std::memcpy(entry.data(), &stats[i].first, 2);
      std::memcpy(entry.data() + 2, &stats[i].second, 8);
      ASSERT_TRUE(ram_->write(at + 10 * i, entry.data(), entry.size()));
    }
  }
  uint32_t config_word(uint32_t offset) {
    std::array<uint8_t, 4> bytes{};
    device_->read_config(offset, bytes);
    uint32_t value = 0;
    std::memcpy(&value, bytes.data(), 4);
    return value;
  }
  void write_config_word(uint32_t offset, uint32_t value) {
    std::array<uint8_t, 4> bytes{};
    std::memcpy(bytes.data(), &value, 4);
    device_->write_config(offset, bytes);
  }

  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<BalloonDevice> device_;
  std::unique_ptr<TestContext> context_;
  std::vector<TestRing> rings_;
  std::array<unsigned, 4> sent_{};
};

TEST_F(BalloonTest, OffersItsFeaturesAndQueues) {
  EXPECT_EQ(device_->device_id(), virtio::kDeviceBalloon);
  const uint64_t features = device_->features();
  EXPECT_NE(features & virtio::kBalloonStatsVq, 0U);
  EXPECT_NE(features & virtio::kBalloonReporting, 0U);
  EXPECT_NE(features & virtio::kBalloonDeflateOnOom, 0U);
  EXPECT_NE(features & virtio::kBalloonPagePoison, 0U);
  EXPECT_EQ(features & virtio::kBalloonFreePageHint, 0U);
  EXPECT_EQ(device_->queue_count(), 4U);
  const BalloonDevice plain("b", *ram_, {.free_page_reporting = false, .deflate_on_oom = false});
  EXPECT_EQ(plain.features() & (virtio::kBalloonReporting | virtio::kBalloonDeflateOnOom), 0U);
  EXPECT_EQ(plain.queue_count(), 3U);
}

TEST_F(BalloonTest, ConfigurationSpace) {
  ASSERT_TRUE(device_->set_target_pages(300));
  EXPECT_EQ(config_word(0), 300U);
  write_config_word(0, 7);  // num_pages is the device's
  EXPECT_EQ(config_word(0), 300U);
  write_config_word(4, 123);  // actual is the driver's
  EXPECT_EQ(config_word(4), 123U);
  EXPECT_EQ(device_->status().actual_pages, 123U);
  std::array<uint8_t, 2> half{0x34, 0x12};  // byte-wise writes land too
  device_->write_config(4, half);
  EXPECT_EQ(config_word(4), 0x1234U);
  EXPECT_EQ(config_word(8), 0U);  // no free page hint command
  std::array<uint8_t, 8> beyond{1, 1, 1, 1, 1, 1, 1, 1};
  device_->write_config(16, beyond);
  device_->read_config(14, beyond);
  EXPECT_EQ(beyond, (std::array<uint8_t, 8>{}));
  // A target beyond RAM is refused and changes nothing.
  EXPECT_FALSE(device_->set_target_pages((kRamSize >> 12) + 1));
  EXPECT_EQ(config_word(0), 300U);
}

TEST_F(BalloonTest, TargetChangesSignalTheDriver) {
  ASSERT_TRUE(device_->set_target_pages(5));  // not active: nobody to tell
  activate();
  ASSERT_TRUE(device_->set_target_pages(10));
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (context_->config_changes.load() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(context_->config_changes.load(), 1);
  EXPECT_TRUE(device_->status().driver_ready);
}

TEST_F(BalloonTest, InflatedPagesAreDiscardedAndReadAsZero) {
  activate();
  fill(kDataArea, 8 * 4096, 0xab);
  // Pages 0-2 and 5 (unsorted, with a repeat); 3, 4, 6 and 7 stay.
  const uint32_t base = pfn_of(kDataArea);
  ASSERT_TRUE(rings_[0].wait_used(0));
  const uint16_t n = send_pfns(0, {base + 2, base, base + 5, base + 1, base});
  ASSERT_TRUE(rings_[0].wait_used(n));
  EXPECT_EQ(rings_[0].used(0).second, 0U);
  EXPECT_TRUE(is_zero(kDataArea, 3 * 4096));
  EXPECT_FALSE(is_zero(kDataArea + 3 * 4096, 4096));
  EXPECT_FALSE(is_zero(kDataArea + 4 * 4096, 4096));
  EXPECT_TRUE(is_zero(kDataArea + 5 * 4096, 4096));
  EXPECT_FALSE(is_zero(kDataArea + 6 * 4096, 2 * 4096));
  EXPECT_TRUE(ram_->is_dirty(kDataArea + 5 * 4096));
  EXPECT_EQ(device_->status().pages_discarded, 4U);  // distinct pages: the repeat counts once
  // Deflating acknowledges; the pages are simply the guest's again.
  const uint16_t d = send_pfns(1, {base, base + 1});
  ASSERT_TRUE(rings_[1].wait_used(d));
  fill(kDataArea, 4096, 0x5a);
  EXPECT_EQ(*ram_->host(kDataArea), 0x5a);
  EXPECT_EQ(context_->failures.load(), 0);
}

TEST_F(BalloonTest, PageNumbersOutsideRamAreIgnored) {
  activate();
  fill(kDataArea, 4096, 0xcd);
  const uint32_t first = pfn_of(kVirtioRamBase);
  const uint32_t end = pfn_of(kVirtioRamBase + kRamSize);
  // Below RAM, right past it, the largest number, a run straddling the end of RAM, and one good.
  const uint16_t n =
      send_pfns(0, {0, first - 1, end, 0xffffffffU, end - 1, end + 1, pfn_of(kDataArea)});
  ASSERT_TRUE(rings_[0].wait_used(n));
  const auto status = device_->status();
  EXPECT_EQ(status.pages_ignored, 5U);
  EXPECT_EQ(status.pages_discarded, 2U);  // end - 1 and the data page
  EXPECT_TRUE(is_zero(kDataArea, 4096));
  // A buffer that is not a whole number of page numbers: the tail is ignored.
  std::array<uint8_t, 6> odd{};
  const uint32_t good = pfn_of(kDataArea + 4096);
  fill(kDataArea + 4096, 4096, 0xee);
  std::memcpy(odd.data(), &good, 4);
  ASSERT_TRUE(ram_->write(kBufferArea + 0x100, odd.data(), odd.size()));
  rings_[0].add({{kBufferArea + 0x100, 6, false}});
  device_->notify(0);
  ASSERT_TRUE(rings_[0].wait_used(static_cast<uint16_t>(n + 1)));
  EXPECT_TRUE(is_zero(kDataArea + 4096, 4096));
  EXPECT_EQ(context_->failures.load(), 0);
}

TEST_F(BalloonTest, StatisticsAreFetchedOnRequest) {
  write_stats(kBufferArea, {{4, 1000}, {5, 4000}});
  rings_.reserve(4);
  activate();
  EXPECT_FALSE(device_->status().stats.has_value());
  // The driver's initial buffer.
  rings_[2].add({{kBufferArea, 20, false}});
  device_->notify(2);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!device_->status().stats && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  auto status = device_->status();
  ASSERT_TRUE(status.stats);
  ASSERT_EQ(status.stats->size(), 2U);
  EXPECT_EQ((*status.stats)[1].tag, 5);
  EXPECT_EQ((*status.stats)[1].value, 4000U);
  EXPECT_EQ(rings_[2].used_idx(), 0);  // held until the host asks
  // The host asks: the buffer comes back used; the driver answers with fresh statistics.
  std::thread driver([this] {
    if (!rings_[2].wait_used(1)) return;
    write_stats(kBufferArea + 0x200, {{4, 2222}, {3, 9}, {99, 1}});
    rings_[2].add({{kBufferArea + 0x200, 30, false}});
    device_->notify(2);
  });
  EXPECT_TRUE(device_->refresh_stats(5s));
  driver.join();
  status = device_->status();
  ASSERT_EQ(status.stats->size(), 3U);
  EXPECT_EQ((*status.stats)[0].value, 2222U);
  EXPECT_EQ((*status.stats)[2].tag, 99);
  // A driver that does not answer: refresh times out with the old statistics kept.
  EXPECT_FALSE(device_->refresh_stats(50ms));
  EXPECT_EQ(device_->status().stats->size(), 3U);
}

TEST_F(BalloonTest, NoStatisticsWithoutTheStatsQueue) {
  activate(virtio::kFeatureVersion1);
  EXPECT_FALSE(device_->refresh_stats(10ms));
  EXPECT_FALSE(device_->status().stats_enabled);
}

TEST_F(BalloonTest, ReportedFreePagesAreDiscardedWholePagesOnly) {
  activate();
  fill(kDataArea, 6 * 4096, 0x77);
  // Writable buffers (as Linux adds them): two whole pages, and a range that starts and ends
  // mid-page (only the page wholly inside it goes).
  rings_[3].add({{kDataArea, 2 * 4096, true}, {kDataArea + 3 * 4096 + 100, 2 * 4096, true}});
  device_->notify(3);
  ASSERT_TRUE(rings_[3].wait_used(1));
  EXPECT_TRUE(is_zero(kDataArea, 2 * 4096));
  EXPECT_FALSE(is_zero(kDataArea + 2 * 4096, 4096));
  EXPECT_FALSE(is_zero(kDataArea + 3 * 4096, 4096));
  EXPECT_TRUE(is_zero(kDataArea + 4 * 4096, 4096));
  EXPECT_FALSE(is_zero(kDataArea + 5 * 4096, 4096));
  EXPECT_EQ(device_->status().pages_discarded, 3U);
}

TEST_F(BalloonTest, ReportedPagesKeepANonZeroPoison) {
  activate(kAllFeatures | virtio::kBalloonPagePoison);
  write_config_word(12, 0xaaaaaaaa);
  fill(kDataArea, 4096, 0xaa);
  rings_[3].add({{kDataArea, 4096, true}});
  device_->notify(3);
  ASSERT_TRUE(rings_[3].wait_used(1));
  EXPECT_EQ(*ram_->host(kDataArea), 0xaa);
  EXPECT_EQ(device_->status().pages_discarded, 0U);
}

TEST_F(BalloonTest, QueuesFollowTheNegotiatedFeatures) {
  // Without the statistics queue, the reporting queue is queue 2 (§5.5.2).
  activate(virtio::kBalloonReporting | virtio::kFeatureVersion1);
  fill(kDataArea, 4096, 0x11);
  rings_[2].add({{kDataArea, 4096, true}});
  device_->notify(2);
  ASSERT_TRUE(rings_[2].wait_used(1));
  EXPECT_TRUE(is_zero(kDataArea, 4096));
}

TEST_F(BalloonTest, ResetKeepsTheTargetAndForgetsTheDriver) {
  activate();
  ASSERT_TRUE(device_->set_target_pages(64));
  write_config_word(4, 64);
  device_->reset();
  const auto status = device_->status();
  EXPECT_EQ(status.target_pages, 64U);
  EXPECT_EQ(status.actual_pages, 0U);
  EXPECT_FALSE(status.driver_ready);
  // Notifications after reset touch nothing.
  fill(kDataArea, 4096, 0x22);
  send_pfns(0, {pfn_of(kDataArea)});
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(*ram_->host(kDataArea), 0x22);
}

TEST_F(BalloonTest, SaveAndRestoreKeepSizesAndTheHeldStatisticsBuffer) {
  write_stats(kBufferArea, {{4, 1}});
  activate();
  ASSERT_TRUE(device_->set_target_pages(4096));
  write_config_word(4, 4000);
  rings_[2].add({{kBufferArea, 10, false}});
  device_->notify(2);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!device_->status().stats && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  state::Writer out;
  device_->save(out);

  BalloonDevice restored("virtio-balloon-restored", *ram_, virtio::BalloonOptions{});
  state::Reader in(out.bytes());
  ASSERT_TRUE(restored.restore(in));
  EXPECT_EQ(restored.status().target_pages, 4096U);
  EXPECT_EQ(restored.status().actual_pages, 4000U);
  // After activation the restored device holds the driver's buffer again: a request returns it.
  TestContext context(*ram_, kAllFeatures);
  for (unsigned q = 0; q < 4; ++q) context.add_queue(q, rings_[q]);
  context.queue(2).set_indices(context_->queue(2).indices());
  device_->reset();
  restored.activate(context);
  const auto ready_by = std::chrono::steady_clock::now() + 5s;
  while (!restored.status().stats && std::chrono::steady_clock::now() < ready_by) {
    std::this_thread::sleep_for(1ms);  // activation runs on the device's thread
  }
  ASSERT_TRUE(restored.status().stats) << "the held buffer is rebuilt at activation";
  std::thread driver([this, &restored] {
    if (!rings_[2].wait_used(1)) return;
    write_stats(kBufferArea, {{4, 77}});
    rings_[2].add({{kBufferArea, 10, false}});
    restored.notify(2);
  });
  EXPECT_TRUE(restored.refresh_stats(5s));
  driver.join();
  EXPECT_EQ(restored.status().stats->at(0).value, 77U);
  EXPECT_EQ(rings_[2].used(0).first, 0U);  // the head saved before
  restored.reset();

  // A corrupt section (a target beyond RAM) is refused.
  state::Writer bad;
  bad.begin(state::tag("VBLN"), 1);
  bad.put<uint32_t>(0xffffffff);
  bad.put<uint32_t>(0);
  bad.put<uint32_t>(0);
  bad.put<uint8_t>(0);
  bad.put<uint16_t>(0);
  bad.put<uint64_t>(0);
  bad.put<uint64_t>(0);
  bad.end();
  state::Reader bad_in(bad.bytes());
  EXPECT_FALSE(restored.restore(bad_in));
}

}  // namespace
}  // namespace strata::test

namespace strata::test {
namespace {

TEST(GuestRamDiscardRange, ZeroesWholePagesInsideRamOnly) {
  auto ram = mem::GuestRam::create(kVirtioRamBase, 1 << 20);
  ASSERT_TRUE(ram);
  mem::GuestRam& r = **ram;
  std::memset(r.host(kVirtioRamBase), 0x33, 1 << 20);
  int notified = 0;
  r.set_watch_handler([&](uint64_t, uint64_t, int) { ++notified; });
  r.add_watch(kVirtioRamBase + 0x2000, mem::GuestRam::kWatchDevice);
  ASSERT_TRUE(r.discard_range(kVirtioRamBase + 0x1000, 0x2000));
  EXPECT_EQ(*r.host(kVirtioRamBase + 0xfff), 0x33);
  EXPECT_EQ(*r.host(kVirtioRamBase + 0x1000), 0);
  EXPECT_EQ(*r.host(kVirtioRamBase + 0x2fff), 0);
  EXPECT_EQ(*r.host(kVirtioRamBase + 0x3000), 0x33);
  EXPECT_TRUE(r.is_dirty(kVirtioRamBase + 0x1000));
  EXPECT_EQ(notified, 1) << "watchers hear of the changed page";
  // Misaligned, outside, straddling the end, wrapping: refused, nothing changes.
  EXPECT_FALSE(r.discard_range(kVirtioRamBase + 0x10, 0x1000));
  EXPECT_FALSE(r.discard_range(kVirtioRamBase, 0x800));
  EXPECT_FALSE(r.discard_range(kVirtioRamBase - 0x1000, 0x2000));
  EXPECT_FALSE(r.discard_range(kVirtioRamBase + (1 << 20) - 0x1000, 0x2000));
  EXPECT_FALSE(r.discard_range(~0xfffULL, 0x2000));
  EXPECT_EQ(*r.host(kVirtioRamBase), 0x33);
  EXPECT_EQ(*r.host(kVirtioRamBase + (1 << 20) - 1), 0x33);
}

}  // namespace
}  // namespace strata::test
