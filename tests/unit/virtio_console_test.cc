// virtio-console against a test driver and a fake back end: output reaches the back end and
// buffers come back at once; input fills posted receive buffers and is held (never dropped)
// while none are posted, flowing again when the driver posts more; reset cuts both directions.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>

#include "virtio/console_device.h"
#include "virtio_driver_support.h"

namespace strata::test {
namespace {

using namespace std::chrono_literals;

constexpr uint64_t kRamSize = 4ULL << 20;
constexpr uint64_t kRingArea = kVirtioRamBase + 0x10000;
constexpr uint64_t kBufferArea = kVirtioRamBase + 0x40000;

// Records output; holds the receiver so the test can offer input as a back end thread would.
class FakeBackend final : public backend::CharBackend {
 public:
  void write(std::span<const uint8_t> bytes) override {
    const std::lock_guard lock(mutex);
    output.append(bytes.begin(), bytes.end());
  }
  void set_receiver(Receiver receiver) override { this->receiver = std::move(receiver); }
  void resume_input() override { ++resumes; }
  uint64_t dropped_output() const override { return 0; }
  bool connected() const override { return true; }

  size_t offer(std::string_view text) const {
    return receiver({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
  }
  std::string written() {
    const std::lock_guard lock(mutex);
    return output;
  }

  std::mutex mutex;
  std::string output;
  Receiver receiver;
  std::atomic<int> resumes{0};
};

class ConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ram = mem::GuestRam::create(kVirtioRamBase, kRamSize);
    ASSERT_TRUE(ram);
    ram_ = std::move(*ram);
    auto backend = std::make_unique<FakeBackend>();
    backend_ = backend.get();
    device_ = std::make_unique<virtio::ConsoleDevice>("virtio-console-test", std::move(backend));
    ASSERT_TRUE(backend_->receiver) << "the device connects its receiver";
  }
  // The context is valid only until the device's reset (device.h), and activate() posts a
  // transmit pass that may still be pending when a test ends: the device, whose destructor
  // resets it and joins its I/O thread, goes first, as MmioTransport does it.
  void TearDown() override { device_.reset(); }
  void activate() {
    context_ = std::make_unique<TestContext>(*ram_, virtio::kFeatureVersion1);
    rings_.reserve(2);
    for (unsigned q = 0; q < 2; ++q) {
      rings_.emplace_back(*ram_, kRingArea + 0x4000ULL * q, 16);
      context_->add_queue(q, rings_.back());
    }
    device_->activate(*context_);
  }
  std::string guest_bytes(uint64_t paddr, size_t length) {
    return {reinterpret_cast<const char*>(ram_->host(paddr)), length};
  }

  std::unique_ptr<mem::GuestRam> ram_;
  FakeBackend* backend_ = nullptr;
  std::unique_ptr<virtio::ConsoleDevice> device_;
  std::unique_ptr<TestContext> context_;
  std::vector<TestRing> rings_;
};

TEST_F(ConsoleTest, DescribesItself) {
  EXPECT_EQ(device_->device_id(), virtio::kDeviceConsole);
  EXPECT_EQ(device_->features(), 0U);
  EXPECT_EQ(device_->queue_count(), 2U);
  std::array<uint8_t, 12> config{1, 2, 3};
  device_->read_config(0, config);
  EXPECT_EQ(config, (std::array<uint8_t, 12>{}));
}

TEST_F(ConsoleTest, OutputReachesTheBackEnd) {
  activate();
  ASSERT_TRUE(ram_->write(kBufferArea, "hello, ", 7));
  ASSERT_TRUE(ram_->write(kBufferArea + 0x100, "world\n", 6));
  // One chain of two segments, then a second chain.
  rings_[1].add({{kBufferArea, 7, false}, {kBufferArea + 0x100, 6, false}});
  rings_[1].add({{kBufferArea + 0x100, 5, false}});
  device_->notify(1);
  ASSERT_TRUE(rings_[1].wait_used(2));
  EXPECT_EQ(backend_->written(), "hello, world\nworld");
  EXPECT_EQ(rings_[1].used(0).second, 0U);
  EXPECT_GT(context_->interrupts.load(), 0);
}

TEST_F(ConsoleTest, InputIsHeldUntilBuffersArePosted) {
  // Before the driver is ready nothing is taken: the back end keeps it.
  EXPECT_EQ(backend_->offer("early"), 0U);
  activate();
  EXPECT_EQ(backend_->resumes.load(), 1) << "activation lets held input flow";
  EXPECT_EQ(backend_->offer("no buffers yet"), 0U);
  // Two 4-byte receive buffers: 8 of 10 bytes are taken, the rest stays with the back end.
  rings_[0].add({{kBufferArea, 4, true}});
  rings_[0].add({{kBufferArea + 0x100, 4, true}});
  device_->notify(0);
  EXPECT_EQ(backend_->resumes.load(), 2) << "a receive notification resumes input";
  EXPECT_EQ(backend_->offer("0123456789"), 8U);
  ASSERT_TRUE(rings_[0].wait_used(2));
  EXPECT_EQ(rings_[0].used(0), (std::pair<uint32_t, uint32_t>{0, 4}));
  EXPECT_EQ(rings_[0].used(1), (std::pair<uint32_t, uint32_t>{1, 4}));
  EXPECT_EQ(guest_bytes(kBufferArea, 4), "0123");
  EXPECT_EQ(guest_bytes(kBufferArea + 0x100, 4), "4567");
  EXPECT_EQ(backend_->offer("89"), 0U);
  rings_[0].add({{kBufferArea + 0x200, 64, true}});
  device_->notify(0);
  EXPECT_EQ(backend_->offer("89"), 2U);
  ASSERT_TRUE(rings_[0].wait_used(3));
  EXPECT_EQ(rings_[0].used(2).second, 2U);
  EXPECT_EQ(guest_bytes(kBufferArea + 0x200, 2), "89");
}

TEST_F(ConsoleTest, ResetStopsBothDirections) {
  activate();
  device_->reset();
  rings_[0].add({{kBufferArea, 16, true}});
  EXPECT_EQ(backend_->offer("after reset"), 0U);
  ASSERT_TRUE(ram_->write(kBufferArea + 0x100, "x", 1));
  rings_[1].add({{kBufferArea + 0x100, 1, false}});
  device_->notify(1);
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(backend_->written(), "");
  EXPECT_EQ(rings_[0].used_idx(), 0);
}

TEST_F(ConsoleTest, SaveAndRestore) {
  state::Writer out;
  device_->save(out);
  state::Reader in(out.bytes());
  EXPECT_TRUE(device_->restore(in));
  state::Writer other;
  other.begin(state::tag("VCON"), 9);
  other.end();
  state::Reader newer(other.bytes());
  EXPECT_FALSE(device_->restore(newer)) << "a newer format is refused";
}

}  // namespace
}  // namespace strata::test
