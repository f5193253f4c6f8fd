#include <gtest/gtest.h>

#include <chrono>

#include "net/backend.h"
#include "net/switch_table.h"
#include "net_test_support.h"

namespace strata::net {
namespace {

using testing::kBroadcast;
using testing::make_frame;
using Kind = ForwardDecision::Kind;

constexpr MacAddress kA{0x52, 0x54, 0x00, 0, 0, 0xa};
constexpr MacAddress kB{0x52, 0x54, 0x00, 0, 0, 0xb};
constexpr MacAddress kC{0x52, 0x54, 0x00, 0, 0, 0xc};

class SwitchTableTest : public ::testing::Test {
 protected:
  SwitchTable table_{std::chrono::seconds(300), 4};
  SwitchTable::Clock::time_point now_{};
};

TEST_F(SwitchTableTest, FloodsUnknownThenUnicastsToTheLearnedPort) {
  EXPECT_EQ(table_.forward(1, make_frame(kB, kA), now_).kind, Kind::kFlood);
  const ForwardDecision reply = table_.forward(2, make_frame(kA, kB), now_);
  EXPECT_EQ(reply.kind, Kind::kUnicast);
  EXPECT_EQ(reply.port, 1U);
  const ForwardDecision again = table_.forward(1, make_frame(kB, kA), now_);
  EXPECT_EQ(again.kind, Kind::kUnicast);
  EXPECT_EQ(again.port, 2U);
}

TEST_F(SwitchTableTest, FloodsBroadcastAndMulticastEvenWhenLearned) {
  table_.forward(2, make_frame(kA, kB), now_);
  EXPECT_EQ(table_.forward(1, make_frame(kBroadcast, kA), now_).kind, Kind::kFlood);
  const MacAddress multicast{0x33, 0x33, 0, 0, 0, 1};
  EXPECT_EQ(table_.forward(1, make_frame(multicast, kA), now_).kind, Kind::kFlood);
}

TEST_F(SwitchTableTest, NeverReflectsToTheIngressPort) {
  table_.forward(1, make_frame(kBroadcast, kA), now_);
  table_.forward(1, make_frame(kBroadcast, kB), now_);
  EXPECT_EQ(table_.forward(1, make_frame(kB, kA), now_).kind, Kind::kDrop);
}

TEST_F(SwitchTableTest, DropsMalformedFramesWithoutLearning) {
  EXPECT_EQ(table_.forward(1, std::vector<uint8_t>(13, 0), now_).kind, Kind::kDrop);
  EXPECT_EQ(table_.forward(1, make_frame(kA, kB, 0, kMaxFrameSize + 1), now_).kind, Kind::kDrop);
  // A group source address is forged: dropped and not learned.
  EXPECT_EQ(table_.forward(1, make_frame(kA, kBroadcast), now_).kind, Kind::kDrop);
  EXPECT_EQ(table_.size(), 0U);
}

TEST_F(SwitchTableTest, EntriesAgeOutAndMoveWithTheMac) {
  table_.forward(1, make_frame(kBroadcast, kA), now_);
  EXPECT_EQ(table_.forward(2, make_frame(kA, kB), now_ + std::chrono::seconds(300)).kind,
            Kind::kUnicast);
  EXPECT_EQ(table_.forward(2, make_frame(kA, kB), now_ + std::chrono::seconds(301)).kind,
            Kind::kFlood);
  // A reconnected VM shows up on another port: the entry follows it.
  table_.forward(3, make_frame(kBroadcast, kA), now_);
  const ForwardDecision moved = table_.forward(2, make_frame(kA, kB), now_);
  EXPECT_EQ(moved.kind, Kind::kUnicast);
  EXPECT_EQ(moved.port, 3U);
}

TEST_F(SwitchTableTest, ForgetsAPortThatLeaves) {
  table_.forward(1, make_frame(kBroadcast, kA), now_);
  table_.forward(2, make_frame(kBroadcast, kB), now_);
  table_.forget_port(1);
  EXPECT_EQ(table_.size(), 1U);
  EXPECT_EQ(table_.forward(2, make_frame(kA, kB), now_).kind, Kind::kFlood);
}

TEST_F(SwitchTableTest, CapacityIsBoundedAndExpiredEntriesMakeRoom) {
  for (uint8_t i = 0; i < 10; ++i) {
    table_.forward(1, make_frame(kBroadcast, MacAddress{0x52, 0x54, 0, 1, 0, i}), now_);
  }
  EXPECT_EQ(table_.size(), 4U);
  // Unlearned (table full): flooded, still delivered.
  EXPECT_EQ(table_.forward(1, make_frame(kC, kA), now_).kind, Kind::kFlood);
  const auto later = now_ + std::chrono::seconds(400);
  table_.forward(2, make_frame(kBroadcast, kC), later);
  EXPECT_EQ(table_.size(), 1U);
  EXPECT_EQ(table_.forward(1, make_frame(kC, kA), later).kind, Kind::kUnicast);
}

}  // namespace
}  // namespace strata::net
