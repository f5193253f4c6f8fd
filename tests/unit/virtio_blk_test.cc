// virtio-blk against a driver written by hand into guest RAM: each request type, the status the
// specification requires for bad requests and read-only disks, chains that cannot be answered,
// the configuration space, and save/restore with a request in flight.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "block/image.h"
#include "block/image_create.h"
#include "block_test_support.h"
#include "virtio/blk_device.h"
#include "virtio_test_support.h"

namespace strata::virtio {
namespace {

using test::DriverRing;
using test::kTestRamBase;
using test::RecordingQueueEvents;

constexpr uint64_t kRamSize = 1 << 20;
constexpr uint64_t kHeader = kTestRamBase + 0x10000;
constexpr uint64_t kData = kTestRamBase + 0x20000;
constexpr uint64_t kStatus = kTestRamBase + 0x30000;
constexpr uint64_t kDiskSize = 1 << 20;

class FakeContext final : public DeviceContext {
 public:
  FakeContext(mem::GuestRam& ram, Queue& queue, uint64_t features)
      : ram_(ram), queue_(queue), features_(features) {}
  Queue& queue(unsigned /*index*/) override { return queue_; }
  uint64_t driver_features() const override { return features_; }
  mem::GuestRam& ram() override { return ram_; }
  void signal_config_change() override {}
  void fail(std::string_view why) override {
    const std::scoped_lock lock(mutex_);
    failures_.emplace_back(why);
  }
  std::vector<std::string> failures() {
    const std::scoped_lock lock(mutex_);
    return failures_;
  }

 private:
  mem::GuestRam& ram_;
  Queue& queue_;
  uint64_t features_;
  std::mutex mutex_;
  std::vector<std::string> failures_;
};

// A back end whose reads wait until the test opens the gate: keeps a request in flight.
class GatedBackend final : public block::BlockBackend {
 public:
  std::string_view format() const override { return "raw"; }
  const std::string& path() const override { return path_; }
  uint64_t size() const override { return kDiskSize; }
  bool read_only() const override { return false; }
  block::IoResult<void> readv(uint64_t /*offset*/, block::IoVec iov) override {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    block::iov_zero(iov);
    return {};
  }
  block::IoResult<void> writev(uint64_t /*offset*/, block::IoVec /*iov*/) override { return {}; }
  block::IoResult<void> flush() override { return {}; }
  block::IoResult<void> discard(uint64_t /*offset*/, uint64_t /*length*/) override { return {}; }
  block::IoResult<void> write_zeroes(uint64_t /*offset*/, uint64_t /*length*/,
                                     block::ZeroMode /*mode*/) override {
    return {};
  }
  void wait_for_reader() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return waiting_ > 0; });
  }
  void open() {
    const std::scoped_lock lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::string path_ = "gated";
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

class VirtioBlkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ram_ = std::move(*mem::GuestRam::create(kTestRamBase, kRamSize));
    queue_ = std::make_unique<Queue>(*ram_, events_, 0);
    ring_ = std::make_unique<DriverRing>(*ram_, QueueLayout{.size = 16,
                                                            .desc = kTestRamBase + 0x1000,
                                                            .avail = kTestRamBase + 0x2000,
                                                            .used = kTestRamBase + 0x3000,
                                                            .used_alignment = 4});
    path_ = dir_.file("disk.raw");
    ASSERT_TRUE(block::create_image(path_, block::test::raw_options(kDiskSize)));
  }
  void TearDown() override { device_.reset(); }

  void start(bool read_only = false, uint64_t drop_features = 0, std::string serial = "SN-1234") {
    auto image = block::open_image(
        path_, "raw", read_only ? block::Access::kReadOnly : block::Access::kReadWrite);
    ASSERT_TRUE(image);
    start_with(std::move(*image), drop_features, std::move(serial));
  }
  void start_with(std::unique_ptr<block::BlockBackend> backend, uint64_t drop_features = 0,
                  std::string serial = "SN-1234") {
    device_ = std::make_unique<BlkDevice>("virtio-blk0", std::move(backend), std::move(serial));
    const uint64_t features = (device_->features() & ~drop_features) | kFeatureVersion1;
    ASSERT_TRUE(queue_->activate(ring_->layout(), features));
    context_ = std::make_unique<FakeContext>(*ram_, *queue_, features);
    device_->activate(*context_);
  }

  void put_header(uint32_t type, uint64_t sector) {
    uint8_t header[16] = {};
    std::memcpy(header, &type, 4);
    std::memcpy(header + 8, &sector, 8);
    std::memcpy(ram_->host(kHeader), header, 16);
  }
  // Header, optional data (readable or writable), status; returns the status byte.
  uint8_t submit(uint32_t type, uint64_t sector, uint32_t data_length, bool data_writable,
                 bool wait = true) {
    put_header(type, sector);
    ram_->host(kStatus)[0] = 0xee;
    uint16_t next = 1;
    ring_->set_desc(0, kHeader, 16, kDescNext, next);
    if (data_length != 0) {
      ring_->set_desc(next, kData, data_length,
                      static_cast<uint16_t>(kDescNext | (data_writable ? kDescWrite : 0)), 2);
      next = 2;
    }
    ring_->set_desc(next, kStatus, 1, kDescWrite);
    const uint16_t before = ring_->used_idx();
    ring_->make_available(0);
    device_->notify(0);
    if (wait) wait_used(static_cast<uint16_t>(before + 1));
    return ram_->host(kStatus)[0];
  }
  void wait_used(uint16_t idx) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (ring_->used_idx() != idx && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ(ring_->used_idx(), idx);
  }
  void put_range(size_t index, uint64_t sector, uint32_t sectors, uint32_t flags) {
    uint8_t* p = ram_->host(kData + 16 * index);
    std::memcpy(p, &sector, 8);
    std::memcpy(p + 8, &sectors, 4);
    std::memcpy(p + 12, &flags, 4);
  }

  block::test::ScratchDir dir_;
  std::string path_;
  std::unique_ptr<mem::GuestRam> ram_;
  RecordingQueueEvents events_;
  std::unique_ptr<Queue> queue_;
  std::unique_ptr<DriverRing> ring_;
  std::unique_ptr<FakeContext> context_;
  std::unique_ptr<BlkDevice> device_;
};

TEST_F(VirtioBlkTest, ConfigurationAndFeatures) {
  start();
  uint8_t config[blk::kConfigBytes];
  device_->read_config(0, config);
  uint64_t capacity = 0;
  std::memcpy(&capacity, config, 8);
  EXPECT_EQ(capacity, kDiskSize / 512);
  uint32_t blk_size = 0;
  std::memcpy(&blk_size, config + 20, 4);
  EXPECT_EQ(blk_size, 512U);
  const uint64_t f = device_->features();
  EXPECT_NE(f & blk::kFeatureFlush, 0U);
  EXPECT_NE(f & blk::kFeatureDiscard, 0U);
  EXPECT_NE(f & blk::kFeatureWriteZeroes, 0U);
  EXPECT_EQ(f & blk::kFeatureRo, 0U);
  uint8_t beyond[4] = {1, 1, 1, 1};
  device_->read_config(blk::kConfigBytes - 2, beyond);
  EXPECT_EQ(beyond[2], 0);
  EXPECT_EQ(beyond[3], 0);
}

TEST_F(VirtioBlkTest, WriteFlushReadAndGetId) {
  start();
  const auto data = block::test::pattern(8192, 3);
  std::memcpy(ram_->host(kData), data.data(), data.size());
  EXPECT_EQ(submit(blk::kTypeOut, 10, 8192, false), blk::kStatusOk);
  EXPECT_EQ(submit(blk::kTypeFlush, 0, 0, false), blk::kStatusOk);
  const auto file = block::test::read_file(path_);
  EXPECT_TRUE(std::equal(data.begin(), data.end(), file.begin() + 10 * 512));
  std::memset(ram_->host(kData), 0, 8192);
  EXPECT_EQ(submit(blk::kTypeIn, 10, 8192, true), blk::kStatusOk);
  EXPECT_EQ(std::memcmp(ram_->host(kData), data.data(), data.size()), 0);
  EXPECT_EQ(ring_->used_len(static_cast<uint16_t>(ring_->used_idx() - 1)), 8193U);
  EXPECT_EQ(submit(blk::kTypeGetId, 0, 20, true), blk::kStatusOk);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ram_->host(kData))), "SN-1234");
}

TEST_F(VirtioBlkTest, BadRequestsGetIoErrOrUnsupp) {
  start();
  EXPECT_EQ(submit(blk::kTypeIn, kDiskSize / 512, 512, true), blk::kStatusIoErr);
  EXPECT_EQ(submit(blk::kTypeIn, kDiskSize / 512 - 1, 1024, true), blk::kStatusIoErr);
  EXPECT_EQ(submit(blk::kTypeIn, ~0ULL, 512, true), blk::kStatusIoErr);
  EXPECT_EQ(submit(blk::kTypeOut, 0, 100, false), blk::kStatusIoErr);  // not whole sectors
  EXPECT_EQ(submit(99, 0, 0, false), blk::kStatusUnsupp);
  EXPECT_TRUE(context_->failures().empty());
}

TEST_F(VirtioBlkTest, DiscardAndWriteZeroes) {
  start();
  const auto data = block::test::pattern(65536, 4);
  std::memcpy(ram_->host(kData), data.data(), data.size());
  ASSERT_EQ(submit(blk::kTypeOut, 0, 65536, false), blk::kStatusOk);
  put_range(0, 8, 8, blk::kWriteZeroesUnmap);
  put_range(1, 64, 8, 0);
  EXPECT_EQ(submit(blk::kTypeWriteZeroes, 0, 32, false), blk::kStatusOk);
  const auto file = block::test::read_file(path_);
  for (size_t i = 0; i < 65536; ++i) {
    const bool zero = (i >= 8 * 512 && i < 16 * 512) || (i >= 64 * 512 && i < 72 * 512);
    ASSERT_EQ(file[i], zero ? 0 : data[i]) << i;
  }
  put_range(0, 0, 8, blk::kWriteZeroesUnmap);
  EXPECT_EQ(submit(blk::kTypeDiscard, 0, 16, false), blk::kStatusUnsupp);  // unmap on discard
  put_range(0, 0, 8, 2);
  EXPECT_EQ(submit(blk::kTypeWriteZeroes, 0, 16, false), blk::kStatusUnsupp);  // unknown flag
  put_range(0, kDiskSize / 512 - 4, 8, 0);
  EXPECT_EQ(submit(blk::kTypeDiscard, 0, 16, false), blk::kStatusIoErr);
  EXPECT_EQ(submit(blk::kTypeDiscard, 0, 24, false), blk::kStatusIoErr);  // ragged ranges
  put_range(0, 0, 128, 0);
  EXPECT_EQ(submit(blk::kTypeDiscard, 0, 16, false), blk::kStatusOk);
}

TEST_F(VirtioBlkTest, ReadOnlyDiskRejectsWritesAndLeavesTheFile) {
  const auto before = block::test::read_file(path_);
  start(/*read_only=*/true);
  EXPECT_NE(device_->features() & blk::kFeatureRo, 0U);
  EXPECT_EQ(device_->features() & blk::kFeatureDiscard, 0U);
  std::memset(ram_->host(kData), 0x5a, 4096);
  EXPECT_EQ(submit(blk::kTypeOut, 0, 4096, false), blk::kStatusIoErr);
  put_range(0, 0, 8, 0);
  EXPECT_EQ(submit(blk::kTypeDiscard, 0, 16, false), blk::kStatusUnsupp);
  EXPECT_EQ(submit(blk::kTypeWriteZeroes, 0, 16, false), blk::kStatusUnsupp);
  EXPECT_EQ(submit(blk::kTypeIn, 0, 4096, true), blk::kStatusOk);
  EXPECT_EQ(submit(blk::kTypeFlush, 0, 0, false), blk::kStatusOk);
  EXPECT_EQ(block::test::read_file(path_), before);
}

TEST_F(VirtioBlkTest, WritesAreWrittenThroughWithoutTheFlushFeature) {
  start(false, blk::kFeatureFlush);
  std::memset(ram_->host(kData), 0x77, 512);
  EXPECT_EQ(submit(blk::kTypeOut, 1, 512, false), blk::kStatusOk);
  EXPECT_EQ(block::test::read_file(path_)[512], 0x77);
}

TEST_F(VirtioBlkTest, ChainsWithoutHeaderOrStatusFailTheDevice) {
  start();
  ring_->set_desc(0, kHeader, 8, kDescNext, 1);  // a header cut short
  ring_->set_desc(1, kStatus, 1, kDescWrite);
  ring_->make_available(0);
  device_->notify(0);
  ring_->set_desc(2, kHeader, 16, 0);  // no status byte
  ring_->make_available(2);
  device_->notify(0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (context_->failures().size() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(context_->failures().size(), 2U);
  EXPECT_NE(context_->failures()[0].find("header"), std::string::npos);
  EXPECT_EQ(ring_->used_idx(), 0);
}

// Two reads are in flight (on the workers) when the state is saved; a new device restored from
// that state (as after a migration) redoes and completes both.
TEST_F(VirtioBlkTest, RestoreReplaysRequestsInFlight) {
  auto gated = std::make_unique<GatedBackend>();
  GatedBackend* gate = gated.get();
  start_with(std::move(gated));
  // Two requests made available before one notify form one batch, which goes to the workers (a
  // lone request would run on the I/O thread itself).
  put_header(blk::kTypeIn, 0);
  for (const uint16_t head : {0, 3}) {
    ring_->set_desc(head, kHeader, 16, kDescNext, static_cast<uint16_t>(head + 1));
    ring_->set_desc(static_cast<uint16_t>(head + 1), kData + head * 512ULL, 512,
                    kDescNext | kDescWrite, static_cast<uint16_t>(head + 2));
    ring_->set_desc(static_cast<uint16_t>(head + 2), kStatus + head, 1, kDescWrite);
    ring_->make_available(head);
  }
  device_->notify(0);
  gate->wait_for_reader();
  state::Writer out;
  device_->save(out);
  const QueueIndices indices = queue_->indices();
  EXPECT_EQ(indices.last_avail, 2);
  EXPECT_EQ(indices.used, 0);
  gate->open();
  device_.reset();

  // The "destination": the same ring in RAM, a fresh queue at the saved indices.
  std::memset(ram_->host(kData), 0xcc, 4 * 512);
  std::memset(ram_->host(kStatus), 0xee, 4);
  std::memset(ram_->host(kTestRamBase + 0x3000), 0, 64);  // the used ring as saved
  auto image = block::open_image(path_, "raw", block::Access::kReadWrite);
  ASSERT_TRUE(image);
  device_ = std::make_unique<BlkDevice>("virtio-blk0", std::move(*image), "");
  queue_ = std::make_unique<Queue>(*ram_, events_, 0);
  const uint64_t features = device_->features() | kFeatureVersion1;
  ASSERT_TRUE(queue_->activate(ring_->layout(), features));
  queue_->set_indices(indices);
  context_ = std::make_unique<FakeContext>(*ram_, *queue_, features);
  state::Reader in(out.bytes());
  ASSERT_TRUE(device_->restore(in));
  device_->activate(*context_);
  wait_used(2);
  for (const uint16_t head : {0, 3}) {
    EXPECT_EQ(ram_->host(kStatus)[head], blk::kStatusOk) << head;
    EXPECT_EQ(ram_->host(kData + head * 512ULL)[0], 0) << head;  // read from the (zero) disk
  }
}

TEST_F(VirtioBlkTest, RestoreRejectsATruncatedState) {
  start();
  state::Writer out;
  out.begin(state::tag("VBLK"), 1);
  out.put(uint32_t{3});
  out.end();
  state::Reader in(out.bytes());
  EXPECT_FALSE(device_->restore(in));
}

}  // namespace
}  // namespace strata::virtio
