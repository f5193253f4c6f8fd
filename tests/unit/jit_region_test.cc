// Region formation: which blocks join the entry's region (also the return sites of its calls), in
// which order, which of them are loop heads (the only blocks whose translated head checks for exit
// requests and the budget), and the budget each head needs.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "jit/region.h"
#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;

// Decodes the blocks at `base` + each offset into `cache`, all equally warm.
void decode_warm(exec::CodeCache& cache, uint64_t base, std::initializer_list<uint64_t> offsets) {
  for (const uint64_t offset : offsets) {
    exec::Block* block = cache.build(base + offset);
    if (block == nullptr) {
      ADD_FAILURE() << "no block at offset " << offset;
      return;
    }
    block->runs = 10;
  }
}

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
  decode_warm(cache, kRamBase, {0, 8, 16, 20});
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
  decode_warm(cache, kRamBase, {0, 8, 16});
  // B and C loop among themselves and never reach A again: only A stays.
  const jit::Region alone = jit::form_region(*cache.find(kRamBase), cache, 8);
  ASSERT_EQ(alone.blocks.size(), 1U);
  EXPECT_EQ(alone.loop_heads, 0b1U);
}

// A loop with an if/else in its body (if_else_loop): its head must find in the budget the
// longest way round, through the head, the longer arm and the join, before it next checks.
TEST(JitRegionForm, EachLoopHeadNeedsItsLongestWayToTheNextHead) {
  EngineMachine m(EngineKind::kInterp);
  m.place(kRamBase, if_else_loop(1000));
  exec::CodeCache& cache = m.engine().code_cache();
  decode_warm(cache, kRamBase, {4, 12, 20, 24});
  const jit::Region region = jit::form_region(*cache.find(kRamBase + 4), cache, 8);
  ASSERT_EQ(region.blocks.size(), 4U);
  ASSERT_EQ(region.loop_heads, 0b1U);
  // 2 (head) + 2 (odd, the longer arm) + 2 (join); the even arm runs on through the join's
  // instructions: 2 + 3.
  EXPECT_EQ(region.budget_needed[0], 6U);

  // In the first region above, B is a head whose way on runs through C (not a head) before it
  // reaches A: B needs its own 2 and C's 1. A's ways lead to B (a head) or out: its own 2.
  m.place(kRamBase + 0x100, {rv::addi(a0, a0, 1), rv::beq(a0, zero, 16), rv::addi(a1, a1, -1),
                             rv::bne(a1, zero, -4), rv::jal(zero, -16), rv::ebreak()});
  decode_warm(cache, kRamBase + 0x100, {0, 8, 0x10, 0x14});
  const jit::Region nested = jit::form_region(*cache.find(kRamBase + 0x100), cache, 8);
  ASSERT_EQ(nested.blocks.size(), 3U);
  EXPECT_EQ(nested.budget_needed[0], 2U);
  EXPECT_EQ(nested.budget_needed[1], 3U);

  // A region limited to one block needs just that block.
  const jit::Region single = jit::form_region(*cache.find(kRamBase + 4), cache, 8, 1);
  ASSERT_EQ(single.blocks.size(), 1U);
  EXPECT_EQ(single.budget_needed[0], 2U);
}

// A call to a function on the page brings in the function and the block after the call, its
// return site, which is a loop head: the return jumps back to it.
//   0  loop: jal ra, f
//   4        addi a5, a5, -1
//   8        bne a5, zero, loop
//  12        jal zero, 0
//  16  f:    addi a0, a0, 1
//  20        jalr zero, ra, 0
TEST(JitRegionForm, ACallOnThePageBringsInItsReturnSite) {
  EngineMachine m(EngineKind::kInterp);
  m.place(kRamBase, {rv::jal(ra, 16), rv::addi(a5, a5, -1), rv::bne(a5, zero, -8), rv::jal(zero, 0),
                     rv::addi(a0, a0, 1), rv::jalr(zero, ra, 0)});
  exec::CodeCache& cache = m.engine().code_cache();
  decode_warm(cache, kRamBase, {0, 4, 12, 16});
  const jit::Region region = jit::form_region(*cache.find(kRamBase), cache, 8);
  // The end (12) cannot reach the loop again: left out.
  ASSERT_EQ(region.blocks.size(), 3U);
  EXPECT_EQ(region.blocks[1]->paddr, kRamBase + 16);
  EXPECT_EQ(region.blocks[2]->paddr, kRamBase + 4);
  EXPECT_EQ(region.return_sites, 0b100U);
  EXPECT_EQ(region.loop_heads, 0b101U);
  // The entry runs the call and the function before the return reaches a head; the return site
  // runs its own block before the jump back to the entry.
  EXPECT_EQ(region.budget_needed[0], 3U);
  EXPECT_EQ(region.budget_needed[2], 2U);

  // With the function on another page, or on this one but not in the region (it has not run),
  // the call leaves the region, and so does its return: the block after the call is no return
  // site of this region (the return goes to that block's own translation).
  for (const int32_t callee : {0x1000, 0x40}) {
    const uint64_t base = kRamBase + (callee == 0x40 ? 0x200 : 0x100);
    m.place(base,
            {rv::jal(ra, callee), rv::addi(a5, a5, -1), rv::bne(a5, zero, -8), rv::jal(zero, 0)});
    decode_warm(cache, base, {0, 4, 12});
    const jit::Region elsewhere = jit::form_region(*cache.find(base), cache, 8);
    ASSERT_EQ(elsewhere.blocks.size(), 1U) << "callee at +" << callee;
    EXPECT_EQ(elsewhere.return_sites, 0U) << "callee at +" << callee;
  }
}

// A switch: the dispatch (the entry) jumps through a register to one of three cases, each of which
// jumps back through a check. The cases the lookup was seen to reach (form_region's jump targets)
// join the region, each with the blocks it reaches directly before the next target; they are
// loop heads, as the indirect jump may go to any of them.
//   0  D:  jalr zero, t1, 0
//   4  C:  bne a5, zero, D
//   8      jal zero, 0
//  12  K0: addi a0, a0, 1
//  16      jal zero, C
//  20  K1: addi a0, a0, 2
//  24      jal zero, C
//  28  K2: addi a0, a0, 3
//  32      jal zero, C
TEST(JitRegionForm, JumpTargetsJoinARegionWithAnIndirectJump) {
  EngineMachine m(EngineKind::kInterp);
  m.place(kRamBase, {rv::jalr(zero, t1, 0), rv::bne(a5, zero, -4), rv::jal(zero, 0),
                     rv::addi(a0, a0, 1), rv::jal(zero, -12), rv::addi(a0, a0, 2),
                     rv::jal(zero, -20), rv::addi(a0, a0, 3), rv::jal(zero, -28)});
  exec::CodeCache& cache = m.engine().code_cache();
  decode_warm(cache, kRamBase, {0, 4, 12, 20, 28});
  const exec::Block& dispatch = *cache.find(kRamBase);
  // Without targets, nothing reaches the entry again.
  EXPECT_EQ(jit::form_region(dispatch, cache, 8).blocks.size(), 1U);

  // K2 has not been seen: it stays out.
  const std::vector<uint64_t> seen = {kRamBase + 12, kRamBase + 20};
  const jit::Region region = jit::form_region(dispatch, cache, 8, jit::kMaxRegionBlocks, seen);
  ASSERT_EQ(region.blocks.size(), 4U);
  EXPECT_EQ(region.blocks[1]->paddr, kRamBase + 12);  // K0
  EXPECT_EQ(region.blocks[2]->paddr, kRamBase + 4);   // C, which K0 reaches, before K1
  EXPECT_EQ(region.blocks[3]->paddr, kRamBase + 20);  // K1
  EXPECT_EQ(region.jump_targets, 0b1010U);
  EXPECT_EQ(region.return_sites, 0U);
  // The entry, the targets, and C (K1 jumps back to it).
  EXPECT_EQ(region.loop_heads, 0b1111U);

  // Room for three blocks: the first target brings in C before the second target is taken.
  const jit::Region small = jit::form_region(dispatch, cache, 8, 3, seen);
  ASSERT_EQ(small.blocks.size(), 3U);
  EXPECT_EQ(small.blocks[2]->paddr, kRamBase + 4);
  EXPECT_EQ(small.jump_targets, 0b10U);

  // A loop with no indirect jump: a target it holds is reached directly only, and is no jump
  // target (which would make it a loop head for nothing).
  const uint64_t loop = kRamBase + 0x100;
  m.place(loop, {rv::addi(a0, a0, 1), rv::bne(a5, zero, -4)});
  decode_warm(cache, loop, {0});
  const std::vector<uint64_t> loop_seen = {loop};
  const jit::Region direct = jit::form_region(*cache.find(loop), cache, 8, 16, loop_seen);
  ASSERT_EQ(direct.blocks.size(), 1U);
  EXPECT_EQ(direct.jump_targets, 0U);
}

}  // namespace
}  // namespace strata::test
