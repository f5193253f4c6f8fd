// Regions formed again with the targets of their indirect jumps: a region whose indirect jumps
// keep leaving it for blocks on its own page (a switch's cases) asks to be formed again, and the
// new region takes the blocks the lookup was seen to reach; its indirect jumps then go there with
// the registers in place, through compares (up to four targets) or a table (more).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;

constexpr uint32_t andi(unsigned rd, unsigned rs1, int32_t imm) {
  return rv::i_type(0x13, rd, 7, rs1, imm);
}
constexpr uint32_t and_(unsigned rd, unsigned rs1, unsigned rs2) {
  return rv::r_type(0x33, rd, 7, rs1, rs2, 0);
}
constexpr uint32_t srli(unsigned rd, unsigned rs1, int32_t shamt) {
  return rv::i_type(0x13, rd, 5, rs1, shamt);
}

// A switch over the case numbers (a4 & s4, the case mask the test sets) that the loop's count a4
// runs through; each case k adds k + 1 to a0. With `enter_past_first`, every other round of
// cases jumps past each case's first instruction instead (adding nothing): twice the targets.
//   0        addi a5, zero, count
//   4        auipc s3, 0                 s3 = 4
//   8  D:    and t1, a4, s4
//  12        slli t1, t1, 4              16 bytes a case
//  16        add t1, t1, s3
//  20        srli t2, a4, log2(cases)    the round
//  24        andi t2, t2, enter_past_first
//  28        slli t2, t2, 2
//  32        add t1, t1, t2
//  36        jalr zero, t1, 44           to 48 + 16 k (+ 4)
//  40  C:    bne a5, zero, D
//  44        jal zero, 0
//  48  case k (at 48 + 16 k): addi a0, a0, k + 1; addi a4, a4, 1; addi a5, a5, -1; jal zero, C
std::vector<uint32_t> switch_loop(int32_t count, unsigned cases, bool enter_past_first) {
  const unsigned log2_cases = cases == 8 ? 3 : 2;
  std::vector<uint32_t> program = {rv::addi(a5, zero, count),
                                   rv::auipc(s3, 0),
                                   and_(t1, a4, s4),
                                   rv::slli(t1, t1, 4),
                                   rv::add(t1, t1, s3),
                                   srli(t2, a4, static_cast<int32_t>(log2_cases)),
                                   andi(t2, t2, enter_past_first ? 1 : 0),
                                   rv::slli(t2, t2, 2),
                                   rv::add(t1, t1, t2),
                                   rv::jalr(zero, t1, 44),
                                   rv::bne(a5, zero, -32),
                                   rv::jal(zero, 0)};
  for (unsigned k = 0; k < cases; ++k) {
    const auto at = static_cast<int32_t>(48 + 16 * k);
    program.insert(program.end(),
                   {rv::addi(a0, a0, static_cast<int32_t>(k + 1)), rv::addi(a4, a4, 1),
                    rv::addi(a5, a5, -1), rv::jal(zero, 40 - (at + 12))});
  }
  return program;
}

// The expected a0: each full round of the cases adds 1 + 2 + ... + cases, past the first
// instructions nothing.
uint64_t switch_sum(uint64_t count, unsigned cases, bool enter_past_first) {
  uint64_t sum = 0;
  for (uint64_t i = 0; i < count; ++i) {
    const bool past_first = enter_past_first && ((i / cases) & 1) != 0;
    if (!past_first) sum += i % cases + 1;
  }
  return sum;
}

void expect_switch_stays_in_its_region(unsigned cases, bool enter_past_first,
                                       uint64_t max_lookups) {
  constexpr int32_t kCount = 2000;
  const std::vector<uint32_t> program = switch_loop(kCount, cases, enter_past_first);
  run_on_both_engines(
      program, 2 + kCount * 15 + 10, [cases](EngineMachine& m) { m.hart().s.x[s4] = cases - 1; },
      [&](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 44);
        EXPECT_EQ(m.hart().s.x[a0], switch_sum(kCount, cases, enter_past_first));
        EXPECT_EQ(m.hart().s.x[a4], static_cast<uint64_t>(kCount));
        if (kind != EngineKind::kJit) return;
        const exec::EngineStats stats = m.engine().stats();
        EXPECT_GE(stats.regions_formed_again, 1U);
        EXPECT_LE(stats.lookups, max_lookups);
      });
}

// Four cases: the jump compares its target with each. Before the region is formed again, its
// first 256 jumps to the page take the lookup; after, none.
TEST(JitJumpTargets, AFourCaseSwitchStaysInItsRegionOnceFormedAgain) {
  expect_switch_stays_in_its_region(4, /*enter_past_first=*/false, 300);
}

// Eight cases: the jump takes a table of the region's heads.
TEST(JitJumpTargets, AnEightCaseSwitchGoesThroughATable) {
  expect_switch_stays_in_its_region(8, /*enter_past_first=*/false, 300);
}

// Sixteen targets, with the dispatch and the loop's check eighteen blocks: two do not fit in the
// region (at most 16 blocks; the last two by address, past the table's span), and the jumps to
// them take the lookup, every time. Those are an eighth of the jumps; the others stay inside.
TEST(JitJumpTargets, TargetsLeftOutOfTheRegionTakeTheLookup) {
  expect_switch_stays_in_its_region(8, /*enter_past_first=*/true, 300 + 2000 / 8 + 50);
}

// Jumps to cases that first ran after the region was formed again: the table spans them (they lie
// between the cases it holds) but has no head for them, and sends them to the lookup. The first
// 12,000 instructions (about 950 jumps) run only the even cases (the mask is 6); then all run.
TEST(JitJumpTargets, TargetsBetweenTheTablesTakeTheLookup) {
  const std::vector<uint32_t> program = switch_loop(2000, 8, /*enter_past_first=*/true);
  std::vector<std::array<uint64_t, 32>> results;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, 8ULL << 20,
                    EngineMachine::translate_on_fourth_run());
    m.place(kRamBase, program);
    m.hart().s.x[s4] = 6;
    m.run(12'000);
    uint64_t lookups_before = 0;
    if (kind == EngineKind::kJit) {
      EXPECT_EQ(m.engine().stats().regions_formed_again, 1U);
      lookups_before = m.engine().stats().lookups;
    }
    m.hart().s.x[s4] = 7;
    m.run(20'000);
    EXPECT_EQ(m.hart().s.pc, kRamBase + 44);
    EXPECT_EQ(m.hart().s.x[a4], 2000U);
    if (kind == EngineKind::kJit) {
      // The odd cases, half the jumps, leave (until the next formation, after 4096 of them).
      EXPECT_GE(m.engine().stats().lookups - lookups_before, 400U);
    }
    results.push_back(architectural_registers(m));
  }
  EXPECT_EQ(results[0], results[1]);
}

// A region whose indirect jump leaves for a block that cannot lead back to its entry (T ends in
// an ECALL, whose handler, on the next page, returns past it): formed again, the region would
// hold no more blocks, so the old code stays.
//   0        addi a5, zero, 1000
//   4        auipc s3, 0                 s3 = 4
//   8  L:    addi a5, a5, -1
//  12        andi t1, a5, 1
//  16        beq t1, zero, C
//  20        jalr zero, s3, 36           odd passes: to T
//  24  C:    bne a5, zero, L
//  28        jal zero, 0
//  40  T:    ecall
//  44        jal zero, C
//  0x1000:   the handler: a0 += 1, mepc += 4, mret
TEST(JitJumpTargets, ARegionNoBetterWhenFormedAgainKeepsItsCode) {
  const std::vector<uint32_t> program = {rv::addi(a5, zero, 1000),
                                         rv::auipc(s3, 0),
                                         rv::addi(a5, a5, -1),
                                         andi(t1, a5, 1),
                                         rv::beq(t1, zero, 8),
                                         rv::jalr(zero, s3, 36),
                                         rv::bne(a5, zero, -16),
                                         rv::jal(zero, 0),
                                         rv::nop(),
                                         rv::nop(),
                                         rv::ecall(),
                                         rv::jal(zero, -20)};
  run_on_both_engines(
      program, 1 + 1000 * 6 + 500 * 7 + 10,
      [](EngineMachine& m) {
        m.place(kRamBase + 0x1000,
                {rv::addi(a0, a0, 1), rv::csrr(t2, cpu::csr::kMepc), rv::addi(t2, t2, 4),
                 rv::csrw(cpu::csr::kMepc, t2), rv::mret()});
        m.hart().s.mtvec = kRamBase + 0x1000;
      },
      [](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 28);
        EXPECT_EQ(m.hart().s.x[a0], 500U);
        if (kind != EngineKind::kJit) return;
        // The regions asked (500 jumps to T), and each region formed was no better.
        EXPECT_EQ(m.engine().stats().regions_formed_again, 0U);
      });
}

// The same switch in S-mode, at a virtual page whose physical page is another: the jump cache
// holds virtual pcs, and forming the region again must find their blocks on the physical page.
TEST(JitJumpTargets, AVirtualPageFindsItsTargetsOnItsPhysicalPage) {
  constexpr uint64_t kVirtual = 0x1000'0000;
  const uint64_t physical = kRamBase + 0x2'0000;
  constexpr int32_t kCount = 2000;
  std::vector<std::array<uint64_t, 32>> results;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, 8ULL << 20,
                    EngineMachine::translate_on_fourth_run());
    auto tables = sv39_paging(m);
    tables.map(kVirtual, physical, pte::kX | pte::kA);
    m.place(physical, switch_loop(kCount, 8, /*enter_past_first=*/false));
    m.hart().set_priv(cpu::Priv::kSupervisor);
    m.hart().s.pc = kVirtual;
    m.hart().s.x[s4] = 7;
    m.run(2 + kCount * 15 + 10);
    EXPECT_EQ(m.hart().s.pc, kVirtual + 44);
    EXPECT_EQ(m.hart().s.x[a0], switch_sum(kCount, 8, false));
    if (kind == EngineKind::kJit) {
      EXPECT_GE(m.engine().stats().regions_formed_again, 1U);
      EXPECT_LE(m.engine().stats().lookups, 300U);
    }
    results.push_back(architectural_registers(m));
  }
  EXPECT_EQ(results[0], results[1]);
}

// The instruction limit stays exact across the table's jumps (each target is a loop head that
// checks the budget): run in steps of 1 to 12 instructions, the translator stops where the
// interpreter does at every step, before and after the region is formed again.
TEST(JitJumpTargets, InstructionLimitIsExactAcrossTableJumps) {
  std::vector<uint32_t> program = switch_loop(2000, 8, /*enter_past_first=*/true);
  // s4 = 7, the case mask, first.
  program.insert(program.begin(), rv::addi(s4, zero, 7));
  const std::unique_ptr<EngineMachine> jit = step_both_engines(program, 3000, 5);
  EXPECT_GE(jit->engine().stats().regions_formed_again, 1U);
}

}  // namespace
}  // namespace strata::test
