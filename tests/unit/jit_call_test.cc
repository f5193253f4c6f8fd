// Calls and returns inside a region: a call (JAL with a link) to a function on the caller's page
// takes the function's blocks and the block after the call (its return site) into the region, and
// the function's return jumps there with the registers in place when its target is that block;
// any other target leaves through the lookup as before.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;

// A loop that calls one function from two places; the returns must each come back to their own
// call's next instruction (the counts in s1 and s2 would be off otherwise).
//   0        addi a5, zero, 500
//   4  loop: jal ra, f
//   8        addi s1, s1, 1
//  12        jal ra, f
//  16        addi s2, s2, 2
//  20        addi a5, a5, -1
//  24        bne a5, zero, loop
//  28        jal zero, 0
//  32  f:    addi a0, a0, 1
//  36        jalr zero, ra, 0
std::vector<uint32_t> two_calls_loop(int32_t count) {
  return {rv::addi(a5, zero, count), rv::jal(ra, 28),      rv::addi(s1, s1, 1),    rv::jal(ra, 20),
          rv::addi(s2, s2, 2),       rv::addi(a5, a5, -1), rv::bne(a5, zero, -20), rv::jal(zero, 0),
          rv::addi(a0, a0, 1),       rv::jalr(zero, ra, 0)};
}

TEST(JitCalls, ReturnsToTheCallersOfAFunctionOnThePageStayInTheRegion) {
  run_on_both_engines(
      two_calls_loop(500), 1 + 500 * 10 + 10, [](EngineMachine&) {},
      [](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 28);
        EXPECT_EQ(m.hart().s.x[a0], 1000U);
        EXPECT_EQ(m.hart().s.x[s1], 500U);
        EXPECT_EQ(m.hart().s.x[s2], 1000U);
        if (kind != EngineKind::kJit) return;
        // Only the returns run before the region was translated take the lookup.
        const exec::EngineStats stats = m.engine().stats();
        EXPECT_LT(stats.lookups, 20U);
        EXPECT_LT(stats.dispatches, 40U);
        EXPECT_GE(stats.region_blocks, stats.blocks_translated + 3);
      });
}

// A function that returns past its call's next instruction (ra + 4): the target is no return
// site, so the lookup takes it to the same place the interpreter goes, until the region has
// sent kDefaultJitFormAgainAfter jumps to its page that way and is formed again with the target
// in (see jit_jump_target_test.cc). From then on the returns stay inside.
//   0        addi a5, zero, 1000
//   4  loop: jal ra, f
//   8        addi s1, s1, 1       skipped
//  12        addi s2, s2, 1
//  16        addi a5, a5, -1
//  20        bne a5, zero, loop
//  24        jal zero, 0
//  28  f:    addi ra, ra, 4
//  32        jalr zero, ra, 0
TEST(JitCalls, AReturnElsewhereTakesTheLookupUntilTheRegionIsFormedAgain) {
  const std::vector<uint32_t> program = {
      rv::addi(a5, zero, 1000), rv::jal(ra, 24),      rv::addi(s1, s1, 1),
      rv::addi(s2, s2, 1),      rv::addi(a5, a5, -1), rv::bne(a5, zero, -16),
      rv::jal(zero, 0),         rv::addi(ra, ra, 4),  rv::jalr(zero, ra, 0)};
  run_on_both_engines(
      program, 1 + 1000 * 6 + 10, [](EngineMachine&) {},
      [](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 24);
        EXPECT_EQ(m.hart().s.x[s1], 0U);
        EXPECT_EQ(m.hart().s.x[s2], 1000U);
        if (kind != EngineKind::kJit) return;
        const exec::EngineStats stats = m.engine().stats();
        constexpr uint64_t kCountdown = exec::kDefaultJitFormAgainAfter;
        // The countdown's jumps, but its last, which leaves to the dispatcher to ask.
        EXPECT_EQ(stats.lookups, kCountdown - 1);
        EXPECT_EQ(stats.regions_formed_again, 1U);
      });
}

// A function that calls itself in a loop, as GCC compiles fib(n) = fib(n - 1) + fib(n - 2):
// s1 += fib(s0 - 1), s0 -= 2 while s0 >= 2, then s1 + s0; ra, s0 and s1 saved on a stack, t6
// counts the calls. The block after the call continues the loop, which calls again: the region
// entered there holds the call, the function's entry and the return, which jumps back inside.
//   0        addi a0, zero, 15
//   4        jal ra, fib
//   8        jal zero, 0
//  12  fib:  addi t6, t6, 1
//  16        addi sp, sp, -32
//  20        sd ra, 24(sp)
//  24        sd s0, 16(sp)
//  28        sd s1, 8(sp)
//  32        addi s1, zero, 0
//  36        addi s0, a0, 0
//  40  loop: addi t0, zero, 2
//  44        bltu s0, t0, done
//  48        addi a0, s0, -1
//  52        jal ra, fib
//  56        add s1, s1, a0
//  60        addi s0, s0, -2
//  64        jal zero, loop
//  68  done: add a0, s1, s0
//  72        ld ra, 24(sp)
//  76        ld s0, 16(sp)
//  80        ld s1, 8(sp)
//  84        addi sp, sp, 32
//  88        jalr zero, ra, 0
TEST(JitCalls, ARecursiveFunctionReturnsInsideARegion) {
  const std::vector<uint32_t> program = {
      rv::addi(a0, zero, 15), rv::jal(ra, 8),        rv::jal(zero, 0),
      rv::addi(t6, t6, 1),    rv::addi(sp, sp, -32), rv::sd(ra, sp, 24),
      rv::sd(s0, sp, 16),     rv::sd(s1, sp, 8),     rv::addi(s1, zero, 0),
      rv::addi(s0, a0, 0),    rv::addi(t0, zero, 2), rv::b_type(6, s0, t0, 24),  // bltu
      rv::addi(a0, s0, -1),   rv::jal(ra, -40),      rv::add(s1, s1, a0),
      rv::addi(s0, s0, -2),   rv::jal(zero, -24),    rv::add(a0, s1, s0),
      rv::ld(ra, sp, 24),     rv::ld(s0, sp, 16),    rv::ld(s1, sp, 8),
      rv::addi(sp, sp, 32),   rv::jalr(zero, ra, 0)};
  run_on_both_engines(
      program, 100'000, [](EngineMachine& m) { m.hart().s.x[sp] = kRamBase + 0x8000; },
      [](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 8);
        EXPECT_EQ(m.hart().s.x[a0], 610U);  // fib(15)
        EXPECT_EQ(m.hart().s.x[sp], kRamBase + 0x8000);
        if (kind != EngineKind::kJit) return;
        // Most of the returns (one per call) stay inside.
        EXPECT_LT(10 * m.engine().stats().lookups, m.hart().s.x[t6]);
      });
}

// The instruction limit stays exact across the jumps to return sites (each is a loop head that
// checks the budget): run in steps of 1 to 12 instructions, the translator stops where the
// interpreter does at every step.
TEST(JitCalls, InstructionLimitIsExactAcrossReturns) {
  const std::unique_ptr<EngineMachine> jit = step_both_engines(two_calls_loop(1000), 700, 5);
  // Most returns (one per call, counted in a0) went to their sites inside the region, also where
  // a step ended in the function.
  EXPECT_LT(2 * jit->engine().stats().lookups, jit->hart().s.x[a0]);
}

}  // namespace
}  // namespace strata::test
