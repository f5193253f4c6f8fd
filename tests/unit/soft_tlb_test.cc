#include "cpu/soft_tlb.h"

#include <gtest/gtest.h>

namespace strata::cpu {
namespace {

constexpr uint64_t kPage = 4096;

// Fills entry `va` of the read array of regime 0 as Hart::fill_tlb does.
void fill(SoftTlb& tlb, uint64_t va, uint64_t page) {
  tlb.before_fill();
  TlbEntry& e = tlb.regime(0)[tlb.index(va)];
  e.tag = va;
  e.page = page;
}

// Whether every entry in use, in every regime and access type, is invalid.
bool all_invalid(const SoftTlb& tlb) {
  for (unsigned r = 0; r < SoftTlb::kRegimes; ++r) {
    for (unsigned a = 0; a < SoftTlb::kAccesses; ++a) {
      for (unsigned i = 0; i < tlb.size(); ++i) {
        if (tlb.regime(r)[a * SoftTlb::kAccessStride + i].load_tag() != ~0ULL) return false;
      }
    }
  }
  return true;
}

TEST(SoftTlb, StartsSmallAndEmpty) {
  const SoftTlb tlb;
  EXPECT_EQ(tlb.size(), SoftTlb::kMinEntries);
  EXPECT_EQ(*tlb.index_mask_location(), (SoftTlb::kMinEntries - 1) * sizeof(TlbEntry));
  EXPECT_TRUE(all_invalid(tlb));  // fresh storage is zero, and a zero tag would match page 0
}

// With more fills than entries and no flush, the TLB doubles and starts empty (an entry's index
// depends on the size); it stops at kMaxEntries.
TEST(SoftTlb, GrowsWhenRefilledOnceOverWithoutAFlush) {
  SoftTlb tlb;
  for (uint64_t n = 0; n < SoftTlb::kMinEntries; ++n) fill(tlb, n * kPage, n * kPage);
  EXPECT_EQ(tlb.size(), SoftTlb::kMinEntries);
  tlb.before_fill();
  EXPECT_EQ(tlb.size(), 2 * SoftTlb::kMinEntries);
  EXPECT_EQ(*tlb.index_mask_location(), (2 * SoftTlb::kMinEntries - 1) * sizeof(TlbEntry));
  EXPECT_TRUE(all_invalid(tlb));
  // Pages 256 apart now have entries of their own.
  EXPECT_NE(tlb.index(0), tlb.index(SoftTlb::kMinEntries * kPage));
  for (uint64_t n = 0; n < 64 * SoftTlb::kMaxEntries; ++n) fill(tlb, n * kPage, 0);
  EXPECT_EQ(tlb.size(), SoftTlb::kMaxEntries);
}

// A flush after few fills halves the TLB (down to kMinEntries); after many it keeps its size.
TEST(SoftTlb, FlushHalvesAMostlyUnusedTlb) {
  SoftTlb tlb;
  for (uint64_t n = 0; n <= SoftTlb::kMinEntries; ++n) fill(tlb, n * kPage, 0);
  ASSERT_EQ(tlb.size(), 2 * SoftTlb::kMinEntries);
  for (uint64_t n = 0; n < SoftTlb::kMinEntries; ++n) fill(tlb, n * kPage, 0);
  tlb.flush();
  EXPECT_EQ(tlb.size(), 2 * SoftTlb::kMinEntries);  // half of it was refilled
  EXPECT_TRUE(all_invalid(tlb));
  fill(tlb, 0, 0);
  tlb.flush();
  EXPECT_EQ(tlb.size(), SoftTlb::kMinEntries);
  EXPECT_TRUE(all_invalid(tlb));
  tlb.flush();
  EXPECT_EQ(tlb.size(), SoftTlb::kMinEntries);
}

// After shrinking and growing again, entries filled before are gone (their memory was given back
// and reads as zero, a tag that would match page 0).
TEST(SoftTlb, RegrowingFindsNoStaleEntries) {
  SoftTlb tlb;
  for (uint64_t n = 0; n < 8 * SoftTlb::kMinEntries; ++n) fill(tlb, n * kPage, n * kPage);
  ASSERT_GE(tlb.size(), 4 * SoftTlb::kMinEntries);
  while (tlb.size() > SoftTlb::kMinEntries) tlb.flush();
  for (uint64_t n = 0; n <= SoftTlb::kMinEntries; ++n) tlb.before_fill();
  ASSERT_EQ(tlb.size(), 2 * SoftTlb::kMinEntries);
  EXPECT_TRUE(all_invalid(tlb));
}

// Revoking write permission for a page drops the write entries that map it in every regime,
// and nothing else.
TEST(SoftTlb, DropWritePermissionInvalidatesThatPageOnly) {
  SoftTlb tlb;
  const unsigned write = static_cast<unsigned>(Access::kWrite) * SoftTlb::kAccessStride;
  for (unsigned r = 0; r < SoftTlb::kRegimes; ++r) {
    for (const uint64_t page : {0x80001000ULL, 0x80002000ULL}) {
      tlb.note_write_page(page);  // as Hart::fill_tlb does before a write entry appears
      TlbEntry& w = tlb.regime(r)[write + tlb.index(page)];
      w.tag = page;
      w.page = page;
      TlbEntry& read = tlb.regime(r)[tlb.index(page)];
      read.tag = page;
      read.page = page;
    }
  }
  tlb.drop_write_permission(0x80001000ULL);
  for (unsigned r = 0; r < SoftTlb::kRegimes; ++r) {
    EXPECT_EQ(tlb.regime(r)[write + tlb.index(0x80001000ULL)].load_tag(), ~0ULL);
    EXPECT_EQ(tlb.regime(r)[write + tlb.index(0x80002000ULL)].load_tag(), 0x80002000ULL);
    EXPECT_EQ(tlb.regime(r)[tlb.index(0x80001000ULL)].load_tag(), 0x80001000ULL);
  }
}

// The notes that let a revocation skip the scan go with a flush, and come back with the next
// write entry: the entry filled after the flush is found and dropped.
TEST(SoftTlb, WriteEntriesFilledAfterAFlushAreStillDropped) {
  SoftTlb tlb;
  const unsigned write = static_cast<unsigned>(Access::kWrite) * SoftTlb::kAccessStride;
  const uint64_t page = 0x80003000ULL;
  const auto fill_write = [&] {
    tlb.before_fill();
    tlb.note_write_page(page);
    TlbEntry& w = tlb.regime(1)[write + tlb.index(page)];
    w.page = page;
    w.tag = page;
  };
  fill_write();
  tlb.flush();
  EXPECT_TRUE(all_invalid(tlb));
  fill_write();
  tlb.drop_write_permission(page);
  EXPECT_EQ(tlb.regime(1)[write + tlb.index(page)].load_tag(), ~0ULL);
  // Through a resize too (the TLB doubles once it has had more fills than entries).
  for (unsigned i = 0; i <= tlb.size(); ++i) fill(tlb, 0x4000'0000 + i * kPage, 0x9000'0000);
  EXPECT_EQ(tlb.size(), 2 * SoftTlb::kMinEntries);
  fill_write();
  tlb.drop_write_permission(page);
  EXPECT_EQ(tlb.regime(1)[write + tlb.index(page)].load_tag(), ~0ULL);
}

}  // namespace
}  // namespace strata::cpu
