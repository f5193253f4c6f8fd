// The split virtqueue against well-behaved and hostile drivers: every malformed ring or chain the
// virtio 1.2 rules forbid must fail the queue with one report, never crash, hang or reach outside
// guest RAM; well-formed chains come out exactly as the driver described them.
#include <gtest/gtest.h>

#include <memory>

#include "virtio/queue.h"
#include "virtio_test_support.h"

namespace strata::virtio {
namespace {

using test::DriverRing;
using test::kTestRamBase;
using test::RecordingQueueEvents;

constexpr uint64_t kRamSize = 1 << 20;
constexpr uint64_t kData = kTestRamBase + 0x10000;
constexpr uint64_t kTable = kTestRamBase + 0x8000;  // indirect tables
constexpr uint64_t kMmio = 0x1000'1000;             // a virtio slot: never RAM
constexpr uint64_t kAllFeatures = kFeatureRingIndirectDesc | kFeatureRingEventIdx;

QueueLayout test_layout(uint16_t size = 8) {
  return {.size = size,
          .desc = kTestRamBase + 0x1000,
          .avail = kTestRamBase + 0x2000,
          .used = kTestRamBase + 0x3000,
          .used_alignment = 4};
}

class QueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = mem::GuestRam::create(kTestRamBase, kRamSize);
    ASSERT_TRUE(created.has_value());
    ram_ = std::move(*created);
    queue_ = std::make_unique<Queue>(*ram_, events_, 3);
    ring_ = std::make_unique<DriverRing>(*ram_, test_layout());
  }
  void start(uint64_t features = kAllFeatures) {
    ASSERT_TRUE(queue_->activate(ring_->layout(), features));
  }
  // Pops expecting a failure whose message contains `words`, and checks the queue stays dead.
  void expect_failure(const std::string& words) {
    EXPECT_FALSE(queue_->pop().has_value());
    ASSERT_EQ(events_.failures.size(), 1U);
    EXPECT_NE(events_.failures[0].find(words), std::string::npos) << events_.failures[0];
    EXPECT_NE(events_.failures[0].find("queue 3"), std::string::npos);
    EXPECT_TRUE(queue_->failed());
    // A later, well-formed request is not served and no second report is made.
    ring_->set_desc(7, kData, 16, 0);
    ring_->make_available(7);
    EXPECT_FALSE(queue_->pop().has_value());
    EXPECT_EQ(events_.failures.size(), 1U);
    EXPECT_EQ(ring_->used_idx(), 0);
  }

  std::unique_ptr<mem::GuestRam> ram_;
  RecordingQueueEvents events_;
  std::unique_ptr<Queue> queue_;
  std::unique_ptr<DriverRing> ring_;
};

TEST_F(QueueTest, EmptyRingPopsNothing) {
  start();
  EXPECT_FALSE(queue_->has_available());
  EXPECT_FALSE(queue_->pop().has_value());
  EXPECT_TRUE(events_.failures.empty());
}

TEST_F(QueueTest, ChainSplitsIntoReadableThenWritable) {
  start();
  ring_->set_desc(2, kData, 16, kDescNext, 5);
  ring_->set_desc(5, kData + 0x100, 8, kDescNext, 1);
  ring_->set_desc(1, kData + 0x200, 32, kDescWrite | kDescNext, 0);
  ring_->set_desc(0, kData + 0x300, 0, kDescWrite);  // zero-length: allowed, contributes nothing
  ring_->fill(kData, 0xaa, 16);
  ring_->fill(kData + 0x100, 0xbb, 8);
  ring_->make_available(2);
  EXPECT_TRUE(queue_->has_available());
  auto chain = queue_->pop();
  ASSERT_TRUE(chain.has_value());
  EXPECT_EQ(chain->head(), 2);
  ASSERT_EQ(chain->readable().size(), 2U);
  ASSERT_EQ(chain->writable().size(), 1U);
  EXPECT_EQ(chain->readable_bytes(), 24U);
  EXPECT_EQ(chain->writable_bytes(), 32U);
  std::vector<uint8_t> in(30, 0);
  EXPECT_EQ(chain->read(10, in), 14U);  // 6 bytes of the first segment, 8 of the second
  EXPECT_EQ(in[0], 0xaa);
  EXPECT_EQ(in[5], 0xaa);
  EXPECT_EQ(in[6], 0xbb);
  EXPECT_EQ(in[13], 0xbb);
  const std::vector<uint8_t> out(40, 0x5c);
  EXPECT_EQ(chain->write(4, out), 28U);  // short at the end of the writable part
  EXPECT_EQ(ring_->bytes(kData + 0x200, 4), std::vector<uint8_t>(4, 0));
  EXPECT_EQ(ring_->bytes(kData + 0x204, 28), std::vector<uint8_t>(28, 0x5c));
  const auto iov = chain->readable_iovecs(8, 10);
  ASSERT_EQ(iov.size(), 2U);
  EXPECT_EQ(iov[0].iov_base, ram_->host(kData + 8));
  EXPECT_EQ(iov[0].iov_len, 8U);
  EXPECT_EQ(iov[1].iov_len, 2U);
  queue_->push(*chain, 100);  // clamped to the writable size
  EXPECT_EQ(ring_->used_idx(), 1);
  EXPECT_EQ(ring_->used_id(0), 2U);
  EXPECT_EQ(ring_->used_len(0), 32U);
  EXPECT_TRUE(ram_->is_dirty(kData + 0x200));
  EXPECT_TRUE(ram_->is_dirty(test_layout().used));
  EXPECT_TRUE(events_.failures.empty());
}

TEST_F(QueueTest, IndirectTableIsExpanded) {
  start();
  ring_->set_table_desc(kTable, 0, kData, 4, kDescNext, 2);
  ring_->set_table_desc(kTable, 2, kData + 0x40, 64, kDescWrite);
  ring_->set_desc(4, kTable, 48, kDescIndirect);
  ring_->make_available(4);
  auto chain = queue_->pop();
  ASSERT_TRUE(chain.has_value());
  EXPECT_EQ(chain->head(), 4);
  EXPECT_EQ(chain->readable_bytes(), 4U);
  EXPECT_EQ(chain->writable_bytes(), 64U);
  auto again = queue_->reload(4);  // as after a restore
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->writable_bytes(), 64U);
}

TEST_F(QueueTest, IndicesWrapAround) {
  start();
  ring_->set_avail_idx(0xfffe);
  queue_->set_indices({.last_avail = 0xfffe, .used = 0xfffe});
  for (int i = 0; i < 4; ++i) {
    ring_->set_desc(0, kData, 8, kDescWrite);
    ring_->make_available(0);
    auto chain = queue_->pop();
    ASSERT_TRUE(chain.has_value());
    queue_->push(*chain, 8);
  }
  EXPECT_EQ(ring_->used_idx(), 2);
  EXPECT_TRUE(events_.failures.empty());
}

// --- Ring layouts refused at activation.

TEST_F(QueueTest, RefusesBadLayouts) {
  const QueueLayout good = test_layout();
  const char* const expected[] = {"size is not a power",
                                  "size is not a power",
                                  "descriptor table is not inside RAM",
                                  "descriptor table is not inside RAM",
                                  "driver area",
                                  "device area",
                                  "misaligned",
                                  "misaligned",
                                  "misaligned"};
  std::vector<QueueLayout> layouts(std::size(expected), good);
  layouts[0].size = 6;
  layouts[1].size = 0;
  layouts[2].desc = kMmio;
  layouts[3].desc = kTestRamBase + kRamSize - 16 * 4;  // runs past the end of RAM
  layouts[4].avail = ~0ULL - 3;                        // wraps around the address space
  layouts[5].used = kTestRamBase - 8;
  layouts[6].desc += 8;
  layouts[7].avail += 1;
  layouts[8].used += 2;
  for (size_t i = 0; i < layouts.size(); ++i) {
    RecordingQueueEvents events;
    Queue queue(*ram_, events, 0);
    EXPECT_FALSE(queue.activate(layouts[i], kAllFeatures)) << i;
    EXPECT_FALSE(queue.ready());
    ASSERT_EQ(events.failures.size(), 1U) << i;
    EXPECT_NE(events.failures[0].find(expected[i]), std::string::npos) << events.failures[0];
    EXPECT_FALSE(queue.pop().has_value());
  }
}

// --- Hostile chains.

TEST_F(QueueTest, AvailIndexTooFarAhead) {
  start();
  ring_->set_avail_idx(9);  // 9 new entries in a queue of 8
  expect_failure("ahead");
}

TEST_F(QueueTest, HeadOutOfRange) {
  start();
  ring_->make_available(8);
  expect_failure("head descriptor 8 is out of range");
}

TEST_F(QueueTest, NextOutOfRange) {
  start();
  ring_->set_desc(0, kData, 8, kDescNext, 200);
  ring_->make_available(0);
  expect_failure("next descriptor 200");
}

TEST_F(QueueTest, LoopIsCaught) {
  start();
  ring_->set_desc(0, kData, 8, kDescNext, 1);
  ring_->set_desc(1, kData, 8, kDescNext, 0);
  ring_->make_available(0);
  expect_failure("loops");
}

TEST_F(QueueTest, SelfLoopIsCaught) {
  start();
  ring_->set_desc(3, kData, 0, kDescNext, 3);
  ring_->make_available(3);
  expect_failure("loops");
}

TEST_F(QueueTest, IndirectWithoutFeature) {
  start(kFeatureRingEventIdx);
  ring_->set_table_desc(kTable, 0, kData, 8, 0);
  ring_->set_desc(0, kTable, 16, kDescIndirect);
  ring_->make_available(0);
  expect_failure("without VIRTIO_F_INDIRECT_DESC");
}

TEST_F(QueueTest, IndirectInsideIndirect) {
  start();
  ring_->set_table_desc(kTable, 0, kTable + 0x100, 16, kDescIndirect);
  ring_->set_table_desc(kTable + 0x100, 0, kData, 8, 0);
  ring_->set_desc(0, kTable, 16, kDescIndirect);
  ring_->make_available(0);
  expect_failure("inside an indirect table");
}

TEST_F(QueueTest, IndirectWithNext) {
  start();
  ring_->set_table_desc(kTable, 0, kData, 8, 0);
  ring_->set_desc(0, kTable, 16, kDescIndirect | kDescNext, 1);
  ring_->set_desc(1, kData, 8, 0);
  ring_->make_available(0);
  expect_failure("NEXT flag");
}

TEST_F(QueueTest, ZeroLengthIndirectTable) {
  start();
  ring_->set_desc(0, kTable, 0, kDescIndirect);
  ring_->make_available(0);
  expect_failure("zero or not a multiple of 16");
}

TEST_F(QueueTest, RaggedIndirectTable) {
  start();
  ring_->set_desc(0, kTable, 17, kDescIndirect);
  ring_->make_available(0);
  expect_failure("zero or not a multiple of 16");
}

TEST_F(QueueTest, IndirectTableTooLong) {
  start();
  ring_->set_desc(0, kTable, 16 * 1025, kDescIndirect);
  ring_->make_available(0);
  expect_failure("more than 1024");
}

TEST_F(QueueTest, IndirectTableOutsideRam) {
  start();
  ring_->set_desc(0, kMmio, 32, kDescIndirect);
  ring_->make_available(0);
  expect_failure("indirect table is not inside RAM");
}

TEST_F(QueueTest, LoopInsideIndirectTable) {
  start();
  ring_->set_table_desc(kTable, 0, kData, 8, kDescNext, 1);
  ring_->set_table_desc(kTable, 1, kData, 8, kDescNext, 0);
  ring_->set_desc(0, kTable, 32, kDescIndirect);
  ring_->make_available(0);
  expect_failure("loops");
}

TEST_F(QueueTest, IndirectNextOutOfTable) {
  start();
  ring_->set_table_desc(kTable, 0, kData, 8, kDescNext, 2);  // the table has 2 entries
  ring_->set_desc(0, kTable, 32, kDescIndirect);
  ring_->make_available(0);
  expect_failure("next descriptor 2");
}

TEST_F(QueueTest, BufferInMmio) {
  start();
  ring_->set_desc(0, kMmio, 4, kDescWrite);
  ring_->make_available(0);
  expect_failure("not inside RAM");
}

TEST_F(QueueTest, BufferPastTheEndOfRam) {
  start();
  ring_->set_desc(0, kTestRamBase + kRamSize - 8, 9, kDescWrite);
  ring_->make_available(0);
  expect_failure("not inside RAM");
}

TEST_F(QueueTest, BufferBelowRam) {
  start();
  ring_->set_desc(0, kTestRamBase - 4, 8, 0);
  ring_->make_available(0);
  expect_failure("not inside RAM");
}

TEST_F(QueueTest, BufferAddressWraps) {
  start();
  ring_->set_desc(0, ~0ULL - 7, 0x20, kDescWrite);
  ring_->make_available(0);
  expect_failure("not inside RAM");
}

TEST_F(QueueTest, BufferOutsideRamInIndirectTable) {
  start();
  ring_->set_table_desc(kTable, 0, kData, 8, kDescNext, 1);
  ring_->set_table_desc(kTable, 1, kMmio, 8, kDescWrite);
  ring_->set_desc(0, kTable, 32, kDescIndirect);
  ring_->make_available(0);
  expect_failure("not inside RAM");
}

TEST_F(QueueTest, ReadableAfterWritable) {
  start();
  ring_->set_desc(0, kData, 8, kDescWrite | kDescNext, 1);
  ring_->set_desc(1, kData + 8, 8, 0);
  ring_->make_available(0);
  expect_failure("readable buffer after a writable one");
}

TEST_F(QueueTest, ReadableAfterWritableInIndirectTable) {
  start();
  ring_->set_table_desc(kTable, 0, kData, 8, kDescWrite | kDescNext, 1);
  ring_->set_table_desc(kTable, 1, kData, 8, 0);
  ring_->set_desc(0, kTable, 32, kDescIndirect);
  ring_->make_available(0);
  expect_failure("readable buffer after a writable one");
}

TEST_F(QueueTest, ResetRevivesAFailedQueue) {
  start();
  ring_->make_available(8);
  EXPECT_FALSE(queue_->pop().has_value());
  EXPECT_TRUE(queue_->failed());
  queue_->reset();
  EXPECT_FALSE(queue_->failed());
  EXPECT_FALSE(queue_->ready());
  ring_ = std::make_unique<DriverRing>(*ram_, test_layout());
  ring_->set_avail_idx(0);
  start();
  ring_->set_desc(0, kData, 8, 0);
  ring_->make_available(0);
  EXPECT_TRUE(queue_->pop().has_value());
}

TEST(QueueTotalLength, ChainAbove4GiBFails) {
  // 3 GiB of RAM (populated lazily; the test touches a few pages) lets three in-RAM buffers of
  // 2 GiB add up to more than a used-ring length can say.
  constexpr uint64_t kBig = 3ULL << 30;
  auto ram = mem::GuestRam::create(kTestRamBase, kBig);
  ASSERT_TRUE(ram.has_value());
  RecordingQueueEvents events;
  Queue queue(**ram, events, 0);
  DriverRing ring(**ram, test_layout());
  ASSERT_TRUE(queue.activate(ring.layout(), 0));
  ring.set_desc(0, kTestRamBase, 0x8000'0000U, kDescNext, 1);
  ring.set_desc(1, kTestRamBase, 0x8000'0000U, kDescNext, 2);
  ring.set_desc(2, kTestRamBase, 0x8000'0000U, kDescWrite);
  ring.make_available(0);
  EXPECT_FALSE(queue.pop().has_value());
  ASSERT_EQ(events.failures.size(), 1U);
  EXPECT_NE(events.failures[0].find("longer than 4 GiB"), std::string::npos);
}

// --- Notification suppression.

TEST_F(QueueTest, NoInterruptFlagSuppressesWithoutEventIndex) {
  start(0);
  ring_->set_desc(0, kData, 8, kDescWrite);
  ring_->make_available(0);
  queue_->push(*queue_->pop(), 8);
  queue_->notify_if_needed();
  EXPECT_EQ(events_.interrupts, 1);
  queue_->notify_if_needed();  // nothing new since: no second interrupt
  EXPECT_EQ(events_.interrupts, 1);
  ring_->set_avail_flags(kAvailNoInterrupt);
  ring_->make_available(0);
  queue_->push(*queue_->pop(), 8);
  queue_->notify_if_needed();
  EXPECT_EQ(events_.interrupts, 1);
}

TEST_F(QueueTest, UsedEventDecidesWithEventIndex) {
  start();
  ring_->set_used_event(1);  // interrupt when used idx passes 1, i.e. after the 2nd buffer
  for (int i = 0; i < 3; ++i) {
    ring_->set_desc(0, kData, 8, kDescWrite);
    ring_->make_available(0);
    queue_->push(*queue_->pop(), 8);
    queue_->notify_if_needed();
    // First notification always fires (nothing signalled yet); then only when crossing 1.
    EXPECT_EQ(events_.interrupts, i == 0 ? 1 : 2) << i;
  }
  ring_->set_avail_flags(kAvailNoInterrupt);  // ignored with the event index
  ring_->set_used_event(3);
  ring_->make_available(0);
  queue_->push(*queue_->pop(), 8);
  queue_->notify_if_needed();
  EXPECT_EQ(events_.interrupts, 3);
}

TEST_F(QueueTest, KickSuppression) {
  start(0);
  queue_->disable_notifications();
  EXPECT_EQ(ring_->used_flags(), kUsedNoNotify);
  queue_->enable_notifications();
  EXPECT_EQ(ring_->used_flags(), 0);

  queue_->reset();
  start(kFeatureRingEventIdx);
  ring_->set_desc(0, kData, 8, 0);
  ring_->make_available(0);
  ring_->make_available(0);
  ASSERT_TRUE(queue_->pop().has_value());
  EXPECT_EQ(ring_->avail_event(), 1);  // kick me when entry 1 is made available
  queue_->disable_notifications();
  ASSERT_TRUE(queue_->pop().has_value());
  EXPECT_EQ(ring_->avail_event(), 1);  // not updated while disabled
  queue_->enable_notifications();
  EXPECT_EQ(ring_->avail_event(), 2);
}

TEST_F(QueueTest, WritesToWatchedPagesAreReported) {
  uint64_t reported = 0;
  ram_->set_watch_handler([&](uint64_t paddr, uint64_t, int) { reported = paddr; });
  ram_->add_watch(kData + 0x1000, mem::GuestRam::code_watch_bit(0));
  start();
  ring_->set_desc(0, kData + 0x1000, 64, kDescWrite);
  ring_->make_available(0);
  auto chain = queue_->pop();
  ASSERT_TRUE(chain.has_value());
  const std::vector<uint8_t> bytes(16, 1);
  chain->write(8, bytes);
  EXPECT_EQ(reported, kData + 0x1008);
  ram_->set_watch_handler(nullptr);
}

}  // namespace
}  // namespace strata::virtio
