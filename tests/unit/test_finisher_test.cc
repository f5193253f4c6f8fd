// The SiFive test device: the three commands, what it ignores, snapshots, random accesses.
#include "dev/test_finisher.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace strata::test {
namespace {

using dev::TestFinisher;
using Event = TestFinisher::Event;

struct Recorded {
  Event event;
  int code;
  bool operator==(const Recorded&) const = default;
};

class TestFinisherTest : public ::testing::Test {
 protected:
  std::vector<Recorded> events;
  TestFinisher device{[this](Event event, int code) { events.push_back({event, code}); }};
};

TEST_F(TestFinisherTest, PassFailAndReset) {
  device.write(0, 4, 0x5555);
  device.write(0, 4, 0x3333 | (42 << 16));
  device.write(0, 4, 0x7777);
  device.write(0, 4, 0xffff'3333);
  EXPECT_EQ(
      events,
      (std::vector<Recorded>{
          {Event::kPass, 0}, {Event::kFail, 42}, {Event::kReset, 0}, {Event::kFail, 0xffff}}));
}

TEST_F(TestFinisherTest, SixteenBitWritesWork) {
  device.write(0, 2, 0x5555);
  device.write(0, 2, 0x1'3333);  // only 16 bits are written: no code
  EXPECT_EQ(events, (std::vector<Recorded>{{Event::kPass, 0}, {Event::kFail, 0}}));
}

TEST_F(TestFinisherTest, IgnoresEverythingElse) {
  device.write(0, 4, 0x1234);
  device.write(0, 4, 0x5556);
  device.write(4, 4, 0x5555);  // another offset
  device.write(0, 1, 0x55);    // other sizes
  device.write(0, 8, 0x5555);
  device.write(0xffc, 4, 0x7777);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(device.read(0, 4), 0U);
}

TEST_F(TestFinisherTest, WithoutAHandlerNothingHappens) {
  TestFinisher quiet(nullptr);
  quiet.write(0, 4, 0x5555);
}

TEST_F(TestFinisherTest, SaveAndRestore) {
  state::Writer writer;
  device.save(writer);
  TestFinisher copy(nullptr);
  state::Reader reader(writer.bytes());
  EXPECT_TRUE(copy.restore(reader).has_value());
  EXPECT_TRUE(reader.at_end());
  state::Reader empty(std::span<const uint8_t>{});
  EXPECT_FALSE(copy.restore(empty).has_value());
}

TEST_F(TestFinisherTest, RandomAccessesLeaveItWorking) {
  std::mt19937_64 random(0x5555);
  constexpr std::array<unsigned, 4> kSizes = {1, 2, 4, 8};
  for (int i = 0; i < 100'000; ++i) {
    const unsigned size = kSizes[random() % 4];
    const uint64_t offset = random() % 4 == 0 ? 0 : random() % (TestFinisher::kSize - size + 1);
    uint64_t value = random();
    if (random() % 8 == 0) value = (value & ~0xffffULL) | 0x3333;
    if (random() % 2 == 0) {
      device.write(offset, size, value);
    } else {
      EXPECT_EQ(device.read(offset, size), 0U);
    }
  }
  // Every event reported carries a consistent code.
  for (const Recorded& r : events) {
    if (r.event != Event::kFail) {
      EXPECT_EQ(r.code, 0);
    }
    EXPECT_GE(r.code, 0);
    EXPECT_LE(r.code, 0xffff);
  }
  events.clear();
  device.write(0, 4, 0x5555);
  EXPECT_EQ(events, (std::vector<Recorded>{{Event::kPass, 0}}));
}

}  // namespace
}  // namespace strata::test
