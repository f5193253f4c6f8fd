// virtio-rng through the modern transport: a request is filled with random bytes on the device's
// I/O thread and returned with its length; a request without writable space returns 0 bytes;
// the state round-trips.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "device_test_support.h"
#include "virtio/mmio_transport.h"
#include "virtio/rng_device.h"
#include "virtio_test_support.h"

namespace strata::virtio {
namespace {

using test::DriverRing;
using test::kTestRamBase;

constexpr unsigned kIrq = 1;
constexpr uint64_t kData = kTestRamBase + 0x20000;

class RngTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = mem::GuestRam::create(kTestRamBase, 1 << 20);
    ASSERT_TRUE(created.has_value());
    ram_ = std::move(*created);
    transport_ = std::make_unique<MmioTransport>(*ram_, controller_.line(kIrq), device_,
                                                 TransportVersion::kModern);
    const QueueLayout layout{8, kTestRamBase + 0x1000, kTestRamBase + 0x2000, kTestRamBase + 0x3000,
                             4};
    ring_ = std::make_unique<DriverRing>(*ram_, layout);
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
    set(mmio::kDriverFeaturesSel, 1);
    set(mmio::kDriverFeatures, 1);  // VERSION_1
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk);
    set(mmio::kQueueSel, 0);
    set(mmio::kQueueNum, 8);
    set(mmio::kQueueDescLow, static_cast<uint32_t>(layout.desc));
    set(mmio::kQueueDriverLow, static_cast<uint32_t>(layout.avail));
    set(mmio::kQueueDeviceLow, static_cast<uint32_t>(layout.used));
    set(mmio::kQueueReady, 1);
    set(mmio::kStatus, 0xf);
  }
  void TearDown() override { transport_.reset(); }
  void set(uint32_t offset, uint32_t value) { transport_->write(offset, 4, value); }
  bool wait_used(uint16_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (ring_->used_idx() != count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }
  // The I/O thread publishes the used entry before it raises the interrupt: wait for both.
  bool wait_interrupt() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!controller_.level(kIrq)) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

  test::RecordingController controller_;
  std::unique_ptr<mem::GuestRam> ram_;
  RngDevice device_{"virtio-rng0"};
  std::unique_ptr<MmioTransport> transport_;
  std::unique_ptr<DriverRing> ring_;
};

TEST_F(RngTest, FillsWritableBuffers) {
  EXPECT_EQ(transport_->read(mmio::kDeviceId, 4), kDeviceEntropy);
  ring_->set_desc(0, kData, 64, kDescWrite | kDescNext, 1);
  ring_->set_desc(1, kData + 0x100, 64, kDescWrite);
  ring_->make_available(0);
  set(mmio::kQueueNotify, 0);
  ASSERT_TRUE(wait_used(1));
  EXPECT_EQ(ring_->used_id(0), 0U);
  EXPECT_EQ(ring_->used_len(0), 128U);
  // 128 random bytes are not all zero (probability 2^-1024) and the two halves differ.
  EXPECT_NE(ring_->bytes(kData, 64), std::vector<uint8_t>(64, 0));
  EXPECT_NE(ring_->bytes(kData, 64), ring_->bytes(kData + 0x100, 64));
  EXPECT_TRUE(wait_interrupt());
  EXPECT_EQ(transport_->read(mmio::kInterruptStatus, 4), kInterruptUsedBuffer);
}

TEST_F(RngTest, ReadOnlyBufferGetsNothing) {
  ring_->fill(kData, 0x11, 32);
  ring_->set_desc(2, kData, 32, 0);
  ring_->make_available(2);
  set(mmio::kQueueNotify, 0);
  ASSERT_TRUE(wait_used(1));
  EXPECT_EQ(ring_->used_len(0), 0U);
  EXPECT_EQ(ring_->bytes(kData, 32), std::vector<uint8_t>(32, 0x11));
}

TEST_F(RngTest, HostileChainSetsNeedsReset) {
  // Capturing starts before the chain is available: the pass that activation posted may not
  // have run yet, and it would find the chain and log before the notification.
  testing::internal::CaptureStderr();
  ring_->set_desc(0, 0x1000'1000, 64, kDescWrite);  // MMIO
  ring_->make_available(0);
  set(mmio::kQueueNotify, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  // The configuration-change interrupt comes after the log line (the status bit comes before it).
  while ((transport_->read(mmio::kInterruptStatus, 4) & kInterruptConfigChange) == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_NE(transport_->read(mmio::kStatus, 4) & kStatusNeedsReset, 0U);
  EXPECT_NE(log.find("virtio-rng0: device needs reset: queue 0: buffer 0x10001000+0x40"),
            std::string::npos)
      << log;
  EXPECT_EQ(ring_->used_idx(), 0);
}

TEST_F(RngTest, ServesAfterRestore) {
  ring_->set_desc(0, kData, 16, kDescWrite);
  ring_->make_available(0);
  set(mmio::kQueueNotify, 0);
  ASSERT_TRUE(wait_used(1));
  state::Writer out;
  transport_->save(out);
  transport_.reset();

  RngDevice device2("virtio-rng0");
  MmioTransport transport2(*ram_, controller_.line(kIrq), device2, TransportVersion::kModern);
  state::Reader in(out.bytes());
  ASSERT_TRUE(transport2.restore(in).has_value());
  ring_->set_desc(1, kData + 0x40, 24, kDescWrite);
  ring_->make_available(1);
  transport2.write(mmio::kQueueNotify, 4, 0);
  ASSERT_TRUE(wait_used(2));
  EXPECT_EQ(ring_->used_id(1), 1U);
  EXPECT_EQ(ring_->used_len(1), 24U);
}

}  // namespace
}  // namespace strata::virtio
