// Region formation: which blocks join the entry's region, in which order, and which of them are
// loop heads (the only blocks whose translated head checks for exit requests).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "jit/region.h"
#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;

// A: a0 += 1; exit to D when it wraps.  B: an inner loop on a1.  C: back to A.  D: out.
//   0  A: addi a0, a0, 1
//   4     beq a0, zero, D
//   8  B: addi a1, a1, -1
//  12     bne a1, zero, B
//  16  C: jal zero, A
//  20  D: ebreak
TEST(JitRegionForm, LoopHeadsAreTheEntryAndTheTargetsOfJumpsBackward) {
  EngineMachine m(EngineKind::kInterp);
  m.place(kRamBase, {rv::addi(a0, a0, 1), rv::beq(a0, zero, 16), rv::addi(a1, a1, -1),
                     rv::bne(a1, zero, -4), rv::jal(zero, -16), rv::ebreak()});
  exec::CodeCache& cache = m.engine().code_cache();
  for (const uint64_t offset : {0, 8, 16, 20}) {
    exec::Block* block = cache.build(kRamBase + offset);
    ASSERT_NE(block, nullptr);
    block->runs = 10;  // all equally warm
  }
  const exec::Block* entry = cache.find(kRamBase);
  const jit::Region region = jit::form_region(*entry, cache, 8);
  // D cannot reach A again: not a loop through the entry, so left out.
  ASSERT_EQ(region.blocks.size(), 3U);
  EXPECT_EQ(region.blocks[0]->paddr, kRamBase);
  EXPECT_EQ(region.blocks[1]->paddr, kRamBase + 8);
  EXPECT_EQ(region.blocks[2]->paddr, kRamBase + 16);
  // A (the entry, also the target of C's jump back) and B (its own loop); not C, only ever
  // reached forward.
  EXPECT_EQ(region.loop_heads, 0b011U);

  // With C's jump going to B instead, A is still a head as the entry.
  m.place(kRamBase + 16, {rv::jal(zero, -8)});
  cache.invalidate_page(kRamBase);
  for (const uint64_t offset : {0, 8, 16}) {
    exec::Block* block = cache.build(kRamBase + offset);
    ASSERT_NE(block, nullptr);
    block->runs = 10;
  }
  // B and C loop among themselves and never reach A again: only A stays.
  const jit::Region alone = jit::form_region(*cache.find(kRamBase), cache, 8);
  ASSERT_EQ(alone.blocks.size(), 1U);
  EXPECT_EQ(alone.loop_heads, 0b1U);
}

}  // namespace
}  // namespace strata::test
