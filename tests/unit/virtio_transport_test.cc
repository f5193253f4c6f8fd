// The virtio-mmio transport's register file in both forms: identification (QEMU's vendor, as
// xv6 checks), feature negotiation, queue setup, notifications, interrupts, reset, NEEDS_RESET on
// hostile rings, and save/restore in the middle of a stream.
#include <gtest/gtest.h>

#include <memory>

#include "device_test_support.h"
#include "virtio/mmio_transport.h"
#include "virtio_test_support.h"

namespace strata::virtio {
namespace {

using test::DriverRing;
using test::kTestRamBase;
using test::ScriptedDevice;

constexpr unsigned kIrq = 5;
constexpr uint64_t kData = kTestRamBase + 0x10000;
constexpr uint64_t kDeviceFeature = 1ULL << 5;

class TransportTest : public ::testing::TestWithParam<TransportVersion> {
 protected:
  void SetUp() override {
    auto created = mem::GuestRam::create(kTestRamBase, 1 << 20);
    ASSERT_TRUE(created.has_value());
    ram_ = std::move(*created);
    device_ = std::make_unique<ScriptedDevice>(kDeviceEntropy, kDeviceFeature);
    transport_ = make_transport(*device_);
  }
  std::unique_ptr<MmioTransport> make_transport(ScriptedDevice& device) {
    return std::make_unique<MmioTransport>(*ram_, controller_.line(kIrq), device, GetParam());
  }
  static bool modern() { return GetParam() == TransportVersion::kModern; }

  uint32_t reg(uint32_t offset) { return static_cast<uint32_t>(transport_->read(offset, 4)); }
  void set(uint32_t offset, uint32_t value) { transport_->write(offset, 4, value); }
  uint64_t offered() {
    set(mmio::kDeviceFeaturesSel, 0);
    const uint64_t low = reg(mmio::kDeviceFeatures);
    set(mmio::kDeviceFeaturesSel, 1);
    return low | (static_cast<uint64_t>(reg(mmio::kDeviceFeatures)) << 32);
  }
  void accept(uint64_t features) {
    set(mmio::kDriverFeaturesSel, 0);
    set(mmio::kDriverFeatures, static_cast<uint32_t>(features));
    set(mmio::kDriverFeaturesSel, 1);
    set(mmio::kDriverFeatures, static_cast<uint32_t>(features >> 32));
  }
  // The ring layout a driver sets up for queue `q` of size 8: as it would in each form.
  QueueLayout program_queue(unsigned q, uint16_t size = 8) {
    set(mmio::kQueueSel, q);
    set(mmio::kQueueNum, size);
    const uint64_t base = kTestRamBase + 0x4000 + 0x4000ULL * q;
    if (modern()) {
      const QueueLayout layout{size, base, base + 0x1000, base + 0x2000, 4};
      set(mmio::kQueueDescLow, static_cast<uint32_t>(layout.desc));
      set(mmio::kQueueDescLow + 4, static_cast<uint32_t>(layout.desc >> 32));
      set(mmio::kQueueDriverLow, static_cast<uint32_t>(layout.avail));
      set(mmio::kQueueDriverLow + 4, 0);
      set(mmio::kQueueDeviceLow, static_cast<uint32_t>(layout.used));
      set(mmio::kQueueDeviceLow + 4, 0);
      set(mmio::kQueueReady, 1);
      return layout;
    }
    set(mmio::kQueueAlign, 4096);
    set(mmio::kQueuePfn, static_cast<uint32_t>(base >> 12));
    // Legacy: descriptors at PFN * 4096, avail right after, used at the next 4096 boundary.
    return {size, base, base + 16ULL * size, base + 0x1000, 4096};
  }
  // A driver bringing the device up: reset, ACK, DRIVER, features, FEATURES_OK, queue 0, OK.
  QueueLayout bring_up(uint64_t features) {
    set(mmio::kStatus, 0);
    if (!modern()) set(mmio::kGuestPageSize, 4096);
    set(mmio::kStatus, kStatusAcknowledge);
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
    accept(features);
    uint32_t status = kStatusAcknowledge | kStatusDriver;
    if (modern()) {
      status |= kStatusFeaturesOk;
      set(mmio::kStatus, status);
      EXPECT_EQ(reg(mmio::kStatus) & kStatusFeaturesOk, kStatusFeaturesOk);
    }
    const QueueLayout layout = program_queue(0);
    set(mmio::kStatus, status | kStatusDriverOk);
    return layout;
  }
  static uint64_t full_features() {
    return kDeviceFeature | kFeatureRingIndirectDesc | kFeatureRingEventIdx |
           (modern() ? kFeatureVersion1 : 0);
  }

  test::RecordingController controller_;
  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<ScriptedDevice> device_;
  std::unique_ptr<MmioTransport> transport_;
};

TEST_P(TransportTest, Identification) {
  EXPECT_EQ(reg(mmio::kMagicValue), 0x74726976U);
  EXPECT_EQ(reg(mmio::kVersion), modern() ? 2U : 1U);
  EXPECT_EQ(reg(mmio::kDeviceId), kDeviceEntropy);
  EXPECT_EQ(reg(mmio::kVendorId), 0x554d4551U);
  EXPECT_EQ(reg(mmio::kStatus), 0U);
  // Registers are 32-bit only: other widths read 0, as on QEMU.
  EXPECT_EQ(transport_->read(mmio::kMagicValue, 2), 0U);
  EXPECT_EQ(transport_->read(mmio::kMagicValue, 8), 0U);
  EXPECT_EQ(transport_->read(mmio::kMagicValue + 1, 4), 0U);
  EXPECT_EQ(reg(0x0f8), 0U);  // unknown register
}

TEST_P(TransportTest, OfferedFeatures) {
  EXPECT_EQ(offered(), full_features());
  set(mmio::kDeviceFeaturesSel, 2);
  EXPECT_EQ(reg(mmio::kDeviceFeatures), 0U);
}

TEST_P(TransportTest, QueueRegisters) {
  set(mmio::kQueueSel, 1);
  EXPECT_EQ(reg(mmio::kQueueNumMax), 64U);
  set(mmio::kQueueSel, 2);  // the device has two queues
  EXPECT_EQ(reg(mmio::kQueueNumMax), 0U);
  program_queue(1);
  set(mmio::kQueueSel, 1);
  EXPECT_EQ(reg(mmio::kQueueReady), modern() ? 1U : 0U);
  EXPECT_EQ(reg(mmio::kQueuePfn), modern() ? 0U : (kTestRamBase + 0x8000) >> 12);
  set(mmio::kQueueSel, 0);
  EXPECT_EQ(reg(mmio::kQueueReady), 0U);
}

TEST_P(TransportTest, NegotiatesAndActivates) {
  const QueueLayout layout = bring_up(full_features());
  ASSERT_EQ(device_->activations, 1);
  ASSERT_NE(device_->context, nullptr);
  EXPECT_EQ(device_->context->driver_features(), full_features());
  const Queue& queue = device_->context->queue(0);
  EXPECT_TRUE(queue.ready());
  EXPECT_EQ(queue.layout().desc, layout.desc);
  EXPECT_EQ(queue.layout().avail, layout.avail);
  EXPECT_EQ(queue.layout().used, layout.used);
  EXPECT_FALSE(device_->context->queue(1).ready());  // never set up
  EXPECT_EQ(reg(mmio::kStatus), modern() ? 0xfU : 0x7U);
}

TEST_P(TransportTest, RefusesUnofferedFeatures) {
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  accept(full_features() | (1ULL << 7));
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk);
  if (modern()) {
    EXPECT_EQ(reg(mmio::kStatus) & kStatusFeaturesOk, 0U);
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusDriverOk);
    EXPECT_EQ(device_->activations, 0);
    EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
  } else {
    // Legacy drivers have no FEATURES_OK step: unoffered bits are dropped at DRIVER_OK.
    program_queue(0);
    set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusDriverOk);
    ASSERT_EQ(device_->activations, 1);
    EXPECT_EQ(device_->context->driver_features(), full_features());
  }
}

TEST_P(TransportTest, FeaturesFixedAfterFeaturesOk) {
  if (!modern()) GTEST_SKIP() << "legacy has no FEATURES_OK";
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  accept(kFeatureVersion1);
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk);
  accept(kFeatureVersion1 | kFeatureRingEventIdx);  // too late: ignored
  program_queue(0);
  set(mmio::kStatus, 0xf);
  ASSERT_EQ(device_->activations, 1);
  EXPECT_EQ(device_->context->driver_features(), kFeatureVersion1);
}

// xv6-riscv writes only the low feature word (no VERSION_1) and still expects FEATURES_OK, as
// QEMU grants it; the specification lets a device accept that (it MAY fail, §6.1).
TEST_P(TransportTest, Xv6StyleDriverWithoutVersion1) {
  if (!modern()) GTEST_SKIP();
  set(mmio::kStatus, kStatusAcknowledge);
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  const uint32_t features = reg(mmio::kDeviceFeatures) &
                            ~static_cast<uint32_t>(kFeatureRingEventIdx | kFeatureRingIndirectDesc);
  set(mmio::kDriverFeatures, features);
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusFeaturesOk);
  EXPECT_EQ(reg(mmio::kStatus) & kStatusFeaturesOk, kStatusFeaturesOk);
  set(mmio::kQueueSel, 0);
  EXPECT_EQ(reg(mmio::kQueueReady), 0U);
  EXPECT_GE(reg(mmio::kQueueNumMax), 8U);
  program_queue(0);
  set(mmio::kStatus, 0xf);
  EXPECT_EQ(device_->activations, 1);
}

TEST_P(TransportTest, DriverOkWithoutFeaturesOkNeedsReset) {
  if (!modern()) GTEST_SKIP() << "legacy drivers never set FEATURES_OK";
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  program_queue(0);
  testing::internal::CaptureStderr();
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver | kStatusDriverOk);
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(device_->activations, 0);
  EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
  EXPECT_NE(log.find("virtio-test0: device needs reset: DRIVER_OK without FEATURES_OK"),
            std::string::npos)
      << log;
}

TEST_P(TransportTest, QueueBiggerThanMaxNeedsReset) {
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  accept(offered());
  if (modern()) set(mmio::kStatus, 0xb);
  program_queue(0, 128);  // QueueNumMax is 64
  testing::internal::CaptureStderr();
  set(mmio::kStatus, reg(mmio::kStatus) | kStatusDriverOk);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("above QueueNumMax"), std::string::npos);
  EXPECT_EQ(device_->activations, 0);
  EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
  EXPECT_NE(reg(mmio::kInterruptStatus) & kInterruptConfigChange, 0U);
  EXPECT_TRUE(controller_.level(kIrq));
}

TEST_P(TransportTest, RingOutsideRamNeedsReset) {
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  accept(offered());
  if (modern()) set(mmio::kStatus, 0xb);
  set(mmio::kQueueSel, 0);
  set(mmio::kQueueNum, 8);
  if (modern()) {
    set(mmio::kQueueDescLow, 0x1000'1000);  // the first virtio slot
    set(mmio::kQueueDriverLow, static_cast<uint32_t>(kTestRamBase));
    set(mmio::kQueueDeviceLow, static_cast<uint32_t>(kTestRamBase + 0x1000));
    set(mmio::kQueueReady, 1);
  } else {
    set(mmio::kGuestPageSize, 4096);
    set(mmio::kQueuePfn, 0x10001);  // 0x10001000
  }
  testing::internal::CaptureStderr();
  set(mmio::kStatus, reg(mmio::kStatus) | kStatusDriverOk);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("descriptor table is not inside RAM"),
            std::string::npos);
  EXPECT_EQ(device_->activations, 0);
  EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
}

TEST_P(TransportTest, LegacyBadPageSizeNeedsReset) {
  if (modern()) GTEST_SKIP();
  set(mmio::kStatus, kStatusAcknowledge | kStatusDriver);
  set(mmio::kGuestPageSize, 3000);
  set(mmio::kQueueNum, 8);
  set(mmio::kQueuePfn, static_cast<uint32_t>((kTestRamBase + 0x4000) >> 12));
  testing::internal::CaptureStderr();
  set(mmio::kStatus, 0x7);
  EXPECT_NE(testing::internal::GetCapturedStderr().find(
                "GuestPageSize 3000 or QueueAlign 4096 is not a power of two"),
            std::string::npos);
  EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
}

TEST_P(TransportTest, NotifyReachesTheDeviceOnlyWhenLive) {
  set(mmio::kQueueNotify, 0);
  EXPECT_TRUE(device_->notified.empty());
  bring_up(full_features());
  set(mmio::kQueueNotify, 0);
  set(mmio::kQueueNotify, 1);   // not set up
  set(mmio::kQueueNotify, 77);  // no such queue
  EXPECT_EQ(device_->notified, std::vector<unsigned>{0});
}

TEST_P(TransportTest, UsedBufferInterruptAndAck) {
  const QueueLayout layout = bring_up(full_features());
  DriverRing ring(*ram_, layout);
  ring.set_desc(0, kData, 8, kDescWrite);
  ring.make_available(0);
  Queue& queue = device_->context->queue(0);
  auto chain = queue.pop();
  ASSERT_TRUE(chain.has_value());
  queue.push(*chain, 4);
  EXPECT_FALSE(controller_.level(kIrq));
  queue.notify_if_needed();
  EXPECT_EQ(reg(mmio::kInterruptStatus), kInterruptUsedBuffer);
  EXPECT_TRUE(controller_.level(kIrq));
  device_->context->signal_config_change();
  EXPECT_EQ(reg(mmio::kInterruptStatus), kInterruptUsedBuffer | kInterruptConfigChange);
  set(mmio::kInterruptAck, kInterruptUsedBuffer);
  EXPECT_EQ(reg(mmio::kInterruptStatus), kInterruptConfigChange);
  EXPECT_TRUE(controller_.level(kIrq));
  set(mmio::kInterruptAck, kInterruptConfigChange);
  EXPECT_FALSE(controller_.level(kIrq));
  EXPECT_EQ(ring.used_idx(), 1);
  EXPECT_EQ(ring.used_len(0), 4U);
}

TEST_P(TransportTest, ConfigGeneration) {
  const uint32_t before = reg(mmio::kConfigGeneration);
  bring_up(full_features());
  device_->context->signal_config_change();
  EXPECT_EQ(reg(mmio::kConfigGeneration), modern() ? before + 1 : 0U);
}

TEST_P(TransportTest, ConfigSpaceAccesses) {
  transport_->write(mmio::kConfig + 2, 2, 0xbeef);
  EXPECT_EQ(device_->config[2], 0xef);
  EXPECT_EQ(device_->config[3], 0xbe);
  EXPECT_EQ(transport_->read(mmio::kConfig + 2, 2), 0xbeefU);
  EXPECT_EQ(transport_->read(mmio::kConfig, 8), 0xbeef0000ULL);
  EXPECT_EQ(transport_->read(mmio::kConfig + 1, 1), 0U);
}

TEST_P(TransportTest, StatusZeroResets) {
  bring_up(full_features());
  device_->context->signal_config_change();
  ASSERT_TRUE(controller_.level(kIrq));
  set(mmio::kStatus, 0);
  EXPECT_EQ(device_->resets, 1 + 1);  // bring_up starts with a reset too
  EXPECT_EQ(device_->context, nullptr);
  EXPECT_EQ(reg(mmio::kStatus), 0U);
  EXPECT_EQ(reg(mmio::kInterruptStatus), 0U);
  EXPECT_FALSE(controller_.level(kIrq));
  set(mmio::kQueueSel, 0);
  EXPECT_EQ(reg(mmio::kQueueReady), 0U);
  EXPECT_EQ(reg(mmio::kQueuePfn), 0U);
  // And the device comes up again.
  bring_up(full_features());
  EXPECT_EQ(device_->activations, 2);
}

TEST_P(TransportTest, MachineResetResetsTheDevice) {
  bring_up(full_features());
  transport_->reset();
  EXPECT_EQ(device_->context, nullptr);
  EXPECT_EQ(reg(mmio::kStatus), 0U);
}

TEST_P(TransportTest, HostileChainNeedsResetUntilReset) {
  const QueueLayout layout = bring_up(full_features());
  DriverRing ring(*ram_, layout);
  ring.set_desc(0, kData, 8, kDescNext, 1);
  ring.set_desc(1, kData, 8, kDescNext, 0);  // a loop
  ring.make_available(0);
  testing::internal::CaptureStderr();
  EXPECT_FALSE(device_->context->queue(0).pop().has_value());
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
  EXPECT_NE(log.find("virtio-test0: device needs reset: queue 0: descriptor chain from head 0"),
            std::string::npos)
      << log;
  EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
  EXPECT_EQ(reg(mmio::kInterruptStatus), kInterruptConfigChange);
  EXPECT_TRUE(controller_.level(kIrq));
  // The driver cannot clear NEEDS_RESET but by resetting.
  set(mmio::kStatus, 0xf);
  EXPECT_NE(reg(mmio::kStatus) & kStatusNeedsReset, 0U);
  set(mmio::kStatus, 0);
  EXPECT_EQ(reg(mmio::kStatus), 0U);
}

TEST_P(TransportTest, SaveRestoreMidStream) {
  const QueueLayout layout = bring_up(full_features());
  DriverRing ring(*ram_, layout);
  for (uint16_t d = 0; d < 3; ++d) ring.set_desc(d, kData + 0x100 * d, 16, kDescWrite);
  ring.make_available(0);
  ring.make_available(1);
  ring.make_available(2);
  Queue& queue = device_->context->queue(0);
  auto first = queue.pop();
  ASSERT_TRUE(first.has_value());
  queue.push(*first, 16);
  queue.notify_if_needed();
  auto second = queue.pop();  // in flight at save time
  ASSERT_TRUE(second.has_value());
  device_->progress = second->head();
  transport_->write(mmio::kConfig, 1, 0x42);

  state::Writer out;
  transport_->save(out);

  // A fresh machine: same RAM contents, a new device and transport.
  test::RecordingController controller2;
  ScriptedDevice device2(kDeviceEntropy, kDeviceFeature);
  MmioTransport transport2(*ram_, controller2.line(kIrq), device2, GetParam());
  state::Reader in(out.bytes());
  ASSERT_TRUE(transport2.restore(in).has_value());
  EXPECT_TRUE(in.at_end());
  EXPECT_EQ(transport2.read(mmio::kStatus, 4), reg(mmio::kStatus));
  EXPECT_EQ(transport2.read(mmio::kInterruptStatus, 4), kInterruptUsedBuffer);
  EXPECT_TRUE(controller2.level(kIrq));
  ASSERT_EQ(device2.activations, 1);
  EXPECT_EQ(device2.context->driver_features(), full_features());
  EXPECT_EQ(device2.progress, 1U);
  Queue& restored = device2.context->queue(0);
  // The in-flight request is rebuilt from its head, the third is still to pop.
  auto replay = restored.reload(static_cast<uint16_t>(device2.progress));
  ASSERT_TRUE(replay.has_value());
  EXPECT_EQ(replay->writable_bytes(), 16U);
  restored.push(*replay, 16);
  auto third = restored.pop();
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->head(), 2);
  restored.push(*third, 8);
  EXPECT_FALSE(restored.pop().has_value());
  EXPECT_EQ(ring.used_idx(), 3);
  EXPECT_EQ(ring.used_id(1), 1U);
  EXPECT_EQ(ring.used_id(2), 2U);
  EXPECT_EQ(ring.used_len(2), 8U);
  if (!modern()) {
    transport2.write(mmio::kQueueSel, 4, 0);
    EXPECT_EQ(transport2.read(mmio::kQueuePfn, 4), layout.desc >> 12);
  }
}

TEST_P(TransportTest, RestoreRefusesOtherDevices) {
  state::Writer out;
  transport_->save(out);
  ScriptedDevice other(kDeviceBlock);
  MmioTransport transport2(*ram_, controller_.line(kIrq), other, GetParam());
  state::Reader in(out.bytes());
  const auto restored = transport2.restore(in);
  ASSERT_FALSE(restored.has_value());
  EXPECT_NE(restored.error().message.find("saved state is for"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Versions, TransportTest,
                         ::testing::Values(TransportVersion::kModern, TransportVersion::kLegacy),
                         [](const auto& info) {
                           return info.param == TransportVersion::kModern ? "Modern" : "Legacy";
                         });

}  // namespace
}  // namespace strata::virtio
