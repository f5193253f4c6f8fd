// The Goldfish RTC against the register description in Linux's goldfish drivers and QEMU's virt
// machine: time and its latch, setting the time, the alarm with polling and with a timer queue,
// the interrupt, snapshots, and random accesses.
#include "dev/goldfish_rtc.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>

#include "device_test_support.h"

namespace strata::test {
namespace {

using dev::GoldfishRtc;

class GoldfishRtcTest : public ::testing::Test {
 protected:
  uint32_t reg(uint64_t offset) { return static_cast<uint32_t>(rtc.read(offset, 4)); }
  void set(uint64_t offset, uint32_t value) { rtc.write(offset, 4, value); }
  uint64_t time() {
    const uint64_t low = reg(GoldfishRtc::kTimeLow);
    return (uint64_t{reg(GoldfishRtc::kTimeHigh)} << 32) | low;
  }
  void set_alarm(uint64_t when) {
    set(GoldfishRtc::kAlarmHigh, static_cast<uint32_t>(when >> 32));
    set(GoldfishRtc::kAlarmLow, static_cast<uint32_t>(when));
  }
  bool irq() const { return plic.level(GoldfishRtc::kIrq); }

  std::atomic<uint64_t> host{0x1'2345'6789};  // the fake host wall clock, in ns
  RecordingController plic;
  GoldfishRtc rtc{plic.line(GoldfishRtc::kIrq), nullptr, [this] { return host.load(); }};
};

TEST_F(GoldfishRtcTest, ReadingTimeLowLatchesTheHighHalf) {
  EXPECT_EQ(reg(GoldfishRtc::kTimeLow), 0x2345'6789U);
  host = 0x7'0000'0000;  // the clock moves on between the two reads
  EXPECT_EQ(reg(GoldfishRtc::kTimeHigh), 1U);
  EXPECT_EQ(time(), 0x7'0000'0000U);
}

TEST_F(GoldfishRtcTest, FollowsTheHostRealTimeClock) {
  RecordingController controller;
  GoldfishRtc real(controller.line(GoldfishRtc::kIrq), nullptr);
  const uint64_t low = real.read(GoldfishRtc::kTimeLow, 4);
  const uint64_t now = (real.read(GoldfishRtc::kTimeHigh, 4) << 32) | low;
  const uint64_t host_now = GoldfishRtc::host_realtime();
  EXPECT_LE(now, host_now);
  EXPECT_LT(host_now - now, 1'000'000'000U);
}

TEST_F(GoldfishRtcTest, TheGuestSetsTheTime) {
  // Linux's goldfish_rtc_set_time: TIME_HIGH, then TIME_LOW.
  set(GoldfishRtc::kTimeHigh, 0x5);
  set(GoldfishRtc::kTimeLow, 0x7);
  EXPECT_EQ(time(), 0x5'0000'0007U);
  host += 1000;
  EXPECT_EQ(time(), 0x5'0000'0007U + 1000);
  // Going back in time works too.
  set(GoldfishRtc::kTimeHigh, 0);
  set(GoldfishRtc::kTimeLow, 42);
  EXPECT_EQ(time(), 42U);
}

TEST_F(GoldfishRtcTest, AlarmFiresWhenItsTimeComes) {
  set(GoldfishRtc::kIrqEnabled, 1);
  set_alarm(host + 1000);
  EXPECT_EQ(reg(GoldfishRtc::kAlarmStatus), 1U);
  EXPECT_EQ(reg(GoldfishRtc::kAlarmLow), static_cast<uint32_t>(host + 1000));
  rtc.poll();
  EXPECT_FALSE(irq());
  host += 999;
  rtc.poll();
  EXPECT_FALSE(irq());
  host += 1;
  rtc.poll();
  EXPECT_TRUE(irq());
  EXPECT_EQ(reg(GoldfishRtc::kAlarmStatus), 0U);
  set(GoldfishRtc::kClearInterrupt, 1);
  EXPECT_FALSE(irq());
  rtc.poll();  // a fired alarm fires once
  EXPECT_FALSE(irq());
}

TEST_F(GoldfishRtcTest, AnAlarmInThePastFiresAtOnce) {
  set(GoldfishRtc::kIrqEnabled, 1);
  set_alarm(host - 1);
  EXPECT_TRUE(irq());
  EXPECT_EQ(reg(GoldfishRtc::kAlarmStatus), 0U);
}

TEST_F(GoldfishRtcTest, SettingTheTimePastAnArmedAlarmFiresIt) {
  set(GoldfishRtc::kIrqEnabled, 1);
  set_alarm(0x10'0000'0000);
  set(GoldfishRtc::kTimeHigh, 0x10);
  set(GoldfishRtc::kTimeLow, 0);
  EXPECT_TRUE(irq());
}

TEST_F(GoldfishRtcTest, ClearAlarmDisarms) {
  set(GoldfishRtc::kIrqEnabled, 1);
  set_alarm(host + 10);
  set(GoldfishRtc::kClearAlarm, 1);
  EXPECT_EQ(reg(GoldfishRtc::kAlarmStatus), 0U);
  host += 100;
  rtc.poll();
  EXPECT_FALSE(irq());
}

TEST_F(GoldfishRtcTest, IrqEnabledGatesTheLine) {
  set_alarm(host);
  EXPECT_FALSE(irq());  // fired, but not enabled
  EXPECT_EQ(reg(GoldfishRtc::kIrqEnabled), 0U);
  set(GoldfishRtc::kIrqEnabled, 1);
  EXPECT_TRUE(irq());
  set(GoldfishRtc::kIrqEnabled, 0);
  EXPECT_FALSE(irq());
  set(GoldfishRtc::kClearInterrupt, 1);
  set(GoldfishRtc::kIrqEnabled, 1);
  EXPECT_FALSE(irq());
}

TEST_F(GoldfishRtcTest, OnlyAlignedWordAccessesCount) {
  EXPECT_EQ(rtc.read(GoldfishRtc::kTimeLow, 8), 0U);
  EXPECT_EQ(rtc.read(GoldfishRtc::kTimeLow, 1), 0U);
  rtc.write(GoldfishRtc::kIrqEnabled, 1, 1);
  rtc.write(GoldfishRtc::kIrqEnabled + 1, 4, 1);
  EXPECT_EQ(reg(GoldfishRtc::kIrqEnabled), 0U);
  EXPECT_EQ(reg(0x20), 0U);
  EXPECT_EQ(reg(0xffc), 0U);
}

TEST_F(GoldfishRtcTest, ATimerQueueFiresTheAlarm) {
  dev::TimerQueue timers;
  RecordingController controller;
  GoldfishRtc real(controller.line(GoldfishRtc::kIrq), &timers);
  real.write(GoldfishRtc::kIrqEnabled, 4, 1);
  const uint64_t low = real.read(GoldfishRtc::kTimeLow, 4);
  const uint64_t when = ((real.read(GoldfishRtc::kTimeHigh, 4) << 32) | low) + 20'000'000;
  real.write(GoldfishRtc::kAlarmHigh, 4, when >> 32);
  real.write(GoldfishRtc::kAlarmLow, 4, when & 0xffff'ffff);
  EXPECT_FALSE(controller.level(GoldfishRtc::kIrq));
  EXPECT_TRUE(eventually([&] { return controller.level(GoldfishRtc::kIrq); }));
  EXPECT_GE(GoldfishRtc::host_realtime(), when);
  EXPECT_EQ(real.read(GoldfishRtc::kAlarmStatus, 4), 0U);
}

TEST_F(GoldfishRtcTest, AFarAlarmDoesNotFireEarly) {
  dev::TimerQueue timers;
  RecordingController controller;
  GoldfishRtc real(controller.line(GoldfishRtc::kIrq), &timers);
  real.write(GoldfishRtc::kIrqEnabled, 4, 1);
  real.write(GoldfishRtc::kAlarmHigh, 4, 0xffff'ffff);
  real.write(GoldfishRtc::kAlarmLow, 4, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(controller.level(GoldfishRtc::kIrq));
  EXPECT_EQ(real.read(GoldfishRtc::kAlarmStatus, 4), 1U);
}  // destroying an armed device cancels its timer

TEST_F(GoldfishRtcTest, SaveAndRestore) {
  set(GoldfishRtc::kTimeHigh, 0x10);
  set(GoldfishRtc::kTimeLow, 0x20);
  set(GoldfishRtc::kIrqEnabled, 1);
  set_alarm(0x10'0000'1000);
  state::Writer writer;
  rtc.save(writer);

  RecordingController controller;
  GoldfishRtc copy(controller.line(GoldfishRtc::kIrq), nullptr, [this] { return host.load(); });
  state::Reader reader(writer.bytes());
  ASSERT_TRUE(copy.restore(reader).has_value());
  const uint64_t low = copy.read(GoldfishRtc::kTimeLow, 4);
  EXPECT_EQ((copy.read(GoldfishRtc::kTimeHigh, 4) << 32) | low, 0x10'0000'0020U);
  EXPECT_EQ(copy.read(GoldfishRtc::kAlarmStatus, 4), 1U);
  EXPECT_EQ(copy.read(GoldfishRtc::kIrqEnabled, 4), 1U);
  host += 0x1000;
  copy.poll();
  EXPECT_TRUE(controller.level(GoldfishRtc::kIrq));
}

TEST_F(GoldfishRtcTest, RandomAccessesLeaveItWorking) {
  dev::TimerQueue timers;
  RecordingController controller;
  GoldfishRtc real(controller.line(GoldfishRtc::kIrq), &timers);
  std::mt19937_64 random(0x601df15);
  constexpr std::array<unsigned, 4> kSizes = {1, 2, 4, 8};
  for (int i = 0; i < 100'000; ++i) {
    const unsigned size = kSizes[random() % 4];
    uint64_t offset =
        random() % 4 == 0 ? random() % (GoldfishRtc::kSize - size + 1) : random() % 0x20;
    if (random() % 2 == 0) offset &= ~uint64_t{3};
    if (random() % 2 == 0) {
      real.write(offset, size, random());
    } else {
      real.read(offset, size);
    }
  }
  // Linux's probe and set_time, then a short alarm.
  real.write(GoldfishRtc::kClearAlarm, 4, 1);
  real.write(GoldfishRtc::kClearInterrupt, 4, 1);
  real.write(GoldfishRtc::kIrqEnabled, 4, 1);
  EXPECT_FALSE(controller.level(GoldfishRtc::kIrq));
  real.write(GoldfishRtc::kTimeHigh, 4, 0x1);
  real.write(GoldfishRtc::kTimeLow, 4, 0);
  real.write(GoldfishRtc::kAlarmHigh, 4, 0x1);
  real.write(GoldfishRtc::kAlarmLow, 4, 10'000'000);
  EXPECT_TRUE(eventually([&] { return controller.level(GoldfishRtc::kIrq); }));
  const uint64_t low = real.read(GoldfishRtc::kTimeLow, 4);
  EXPECT_GE((real.read(GoldfishRtc::kTimeHigh, 4) << 32) | low, 0x1'0098'9680U);
}

}  // namespace
}  // namespace strata::test
