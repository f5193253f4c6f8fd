// Guest RAM is private anonymous memory starting on a host huge page, so the host can back it with
// transparent huge pages; giving pages back (a balloon, a reset) must still zero exactly what was
// asked, also inside a huge page.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "mem/guest_ram.h"

namespace strata::test {
namespace {

constexpr uint64_t kBase = 0x8000'0000;

TEST(GuestRam, StartsOnAHostHugePage) {
  for (const uint64_t size :
       {uint64_t{4096}, uint64_t{1} << 20, uint64_t{6} << 20, (uint64_t{256} << 20) + 4096}) {
    auto ram = mem::GuestRam::create(kBase, size);
    ASSERT_TRUE(ram) << ram.error().message;
    EXPECT_EQ(reinterpret_cast<uintptr_t>((*ram)->host(kBase)) % mem::kHostHugePageSize, 0U)
        << size;
    // Every byte is there, and reads zero until written.
    EXPECT_EQ(*(*ram)->host(kBase + size - 1), 0);
    *(*ram)->host(kBase + size - 1) = 1;
  }
}

TEST(GuestRam, DiscardInsideAHugePageZeroesOnlyItsPages) {
  constexpr uint64_t kSize = uint64_t{8} << 20;
  auto created = mem::GuestRam::create(kBase, kSize);
  ASSERT_TRUE(created) << created.error().message;
  mem::GuestRam& ram = **created;
  std::memset(ram.host(kBase), 0x5a, kSize);
  const uint64_t page = kBase + mem::kHostHugePageSize + 5 * mem::kPageSize;
  ASSERT_TRUE(ram.discard_range(page, mem::kPageSize));
  EXPECT_EQ(*ram.host(page - 1), 0x5a);
  EXPECT_EQ(*ram.host(page), 0);
  EXPECT_EQ(*ram.host(page + mem::kPageSize - 1), 0);
  EXPECT_EQ(*ram.host(page + mem::kPageSize), 0x5a);
  EXPECT_EQ(*ram.host(kBase), 0x5a);
  EXPECT_EQ(*ram.host(kBase + kSize - 1), 0x5a);
  // A reset gives everything back.
  ram.discard();
  for (uint64_t offset = 0; offset < kSize; offset += mem::kPageSize / 2) {
    ASSERT_EQ(*ram.host(kBase + offset), 0) << offset;
  }
}

}  // namespace
}  // namespace strata::test
