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
  const SoftTlb tlb;
  const unsigned write = static_cast<unsigned>(Access::kWrite) * SoftTlb::kAccessStride;
  for (unsigned r = 0; r < SoftTlb::kRegimes; ++r) {
    for (const uint64_t page : {0x80001000ULL, 0x80002000ULL}) {
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

}  // namespace
}  // namespace strata::cpu
