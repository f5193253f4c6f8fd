// The translator's dispatcher and code cache: self-modifying code inside a running block,
// cross-hart code modification, timer interrupt latency in a chained loop, an interrupt from a
// device taken at the region entry, the exact instruction limit, chaining and the lookup cache,
// and a code buffer too small for the program or for a region's site caches.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "dev/clint.h"
#include "jit/code_buffer.h"
#include "jit/dispatcher.h"
#include "jit/jump_cache.h"
#include "jit/region.h"
#include "jit/translator.h"
#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;
using exec::StopReason;
namespace csr = cpu::csr;

// The store rewrites the instruction right after it, in the same block: the block must not go
// on with the stale translation.
TEST(JitSelfModifying, StoreIntoTheRunningBlock) {
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    cpu::Hart& h = m.hart();
    std::vector<uint32_t> p = rv::li(a0, rv::addi(a1, zero, 42));
    p.push_back(rv::auipc(a2, 0));
    p.push_back(rv::sw(a0, a2, 12));  // the addi two instructions on
    p.push_back(rv::nop());
    p.push_back(rv::addi(a1, zero, 1));  // rewritten to addi a1, zero, 42
    p.push_back(rv::jal(zero, 0));
    m.place(kRamBase, p);
    m.run(p.size() + 4);
    EXPECT_EQ(h.s.x[a1], 42U) << exec::engine_name(kind);
    EXPECT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1));
  }
}

// A loop that has run (and been chained to itself) many times rewrites its own body.
TEST(JitSelfModifying, HotLoopRewritesItself) {
  EngineMachine m(EngineKind::kJit);
  cpu::Hart& h = m.hart();
  // a0 counts iterations; at 1000 the loop stores "addi a3, a3, 100" over its "addi a3, a3, 1".
  std::vector<uint32_t> p = rv::li(a4, rv::addi(a3, a3, 100));
  const size_t base = p.size();
  p.push_back(rv::auipc(a2, 0));
  p.push_back(rv::addi(a5, zero, 1000));
  const size_t loop = p.size();
  p.push_back(rv::addi(a3, a3, 1));  // loop:
  p.push_back(rv::addi(a0, a0, 1));
  p.push_back(rv::bne(a0, a5, 8));                                       // skip the store
  p.push_back(rv::sw(a4, a2, static_cast<int32_t>(4 * (loop - base))));  // patch the loop
  p.push_back(rv::addi(t0, zero, 1100));
  p.push_back(rv::bne(a0, t0, -static_cast<int32_t>(4 * 5)));  // back to loop
  p.push_back(rv::jal(zero, 0));
  m.place(kRamBase, p);
  for (int i = 0; i < 100 && h.s.pc != kRamBase + 4 * (p.size() - 1); ++i) m.run(100000);
  EXPECT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1));
  EXPECT_EQ(h.s.x[a0], 1100U);
  EXPECT_EQ(h.s.x[a3], 1000U + 100U * 100U);
}

// Hart 1 spins in a translated, chained loop until the instruction that decides the loop is
// rewritten by hart 0: the store queues an invalidation for hart 1, which must notice it at its
// next block entry.
TEST(JitCrossModifying, AnotherHartRewritesTheLoop) {
  EngineMachine m(EngineKind::kJit, 2);
  const uint64_t loop = kRamBase + 0x1000;
  SpinningHart1 hart1(m, loop);
  // Let the loop get translated and chained first.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(m.hart(0).store<uint32_t>(loop, rv::addi(a1, zero, 1)), cpu::MemStatus::kWatched);
  hart1.finish();
}

// A timer interrupt that becomes pending while the hart is in a chained loop (which never comes
// back to the dispatcher on its own) is taken within the dispatcher's quantum plus one pass
// through a region.
TEST(JitInterrupts, TimerInterruptLatencyIsBounded) {
  EngineMachine m(EngineKind::kJit);
  cpu::Hart& h = m.hart();
  const uint64_t handler = kRamBase + 0x800;
  m.place(handler, {rv::csrr(a1, csr::kMinstret), rv::jal(zero, 0)});
  m.place(kRamBase, {rv::addi(a0, a0, 1), rv::jal(zero, -4)});
  h.s.mtvec = handler;
  h.s.mie = cpu::mip::kMTIP;
  h.s.mstatus |= cpu::mstatus::kMIE;
  // Already due, but the hart only learns it when it next polls its timer.
  h.s.mtimecmp = 0;
  m.run(10 * jit::Dispatcher::kQuantum);
  EXPECT_EQ(h.s.mcause, irq_cause(cpu::Interrupt::kMachineTimer));
  EXPECT_EQ(h.s.pc, handler + 4);
  EXPECT_GT(h.s.x[a1], 0U);
  EXPECT_LE(h.s.x[a1], jit::Dispatcher::kQuantum + jit::kMaxRegionInstructions);
}

// An interrupt raised from outside the hart's code (here by the CLINT, which the hart's own store
// reaches) sets exit_request. A loop through its region's entry takes the interrupt there, at
// the end of the pass that raised it; only loops that stay inside a region wait for their budget
// (the test above). The set-up ends its page, so the loop's region starts at the loop.
//   0xff4  lui t0, CLINT     msip of hart 0
//   0xff8  addi a5, zero, 1000
//   0xffc  addi a0, zero, 0
//  0x1000  addi a0, a0, 1
//  0x1004  sub a7, a0, a5
//  0x1008  sltiu a7, a7, 1   a7 = 1 in the 1000th pass, else 0
//  0x100c  sw a7, 0(t0)      raises MSIP in the 1000th pass (a later pass would lower it)
//  0x1010  jal zero, -16     -> 0x1000, the region's entry
TEST(JitInterrupts, AnInterruptFromOutsideIsTakenAtTheRegionEntry) {
  EngineMachine m(EngineKind::kJit);
  cpu::Hart& h = m.hart();
  dev::Clint clint({&h}, m.clock());
  ASSERT_TRUE(m.bus().map(dev::Clint::kBase, dev::Clint::kSize, clint));
  const uint64_t handler = kRamBase + 0x800;
  m.place(handler, {rv::csrr(a1, csr::kMinstret), rv::jal(zero, 0)});
  const uint64_t setup = kRamBase + 0xff4;
  m.place(setup,
          {rv::lui(t0, static_cast<int32_t>(dev::Clint::kBase >> 12)), rv::addi(a5, zero, 1000),
           rv::addi(a0, zero, 0), rv::addi(a0, a0, 1), rv::sub(a7, a0, a5), rv::sltiu(a7, a7, 1),
           rv::sw(a7, t0, 0), rv::jal(zero, -16)});
  h.s.pc = setup;
  h.s.mtvec = handler;
  h.s.mie = cpu::mip::kMSIP;
  h.s.mstatus |= cpu::mstatus::kMIE;
  m.run(10 * jit::Dispatcher::kQuantum);
  EXPECT_EQ(h.s.mcause, irq_cause(cpu::Interrupt::kMachineSoftware));
  EXPECT_EQ(h.s.pc, handler + 4);
  EXPECT_EQ(h.s.x[a0], 1000U);
  EXPECT_EQ(h.s.x[a1], 3U + 1000U * 5U);  // the set-up and 1000 passes
}

// A loop that never leaves its region comes back to the dispatcher once a quantum, to poll the
// clock. The region leaves at a loop head a little short of the poll point; entering it again for
// those few instructions would double the entries.
TEST(JitDispatch, ALoopComesBackOncePerQuantum) {
  EngineMachine m(EngineKind::kJit);
  m.place(kRamBase, {rv::addi(a0, a0, 1), rv::addi(a1, a1, 2), rv::jal(zero, -8)});
  constexpr uint64_t kQuanta = 100;
  EXPECT_EQ(m.run(kQuanta * jit::Dispatcher::kQuantum), StopReason::kInstructionLimit);
  EXPECT_EQ(m.hart().s.instret, kQuanta * jit::Dispatcher::kQuantum);
  const exec::EngineStats stats = m.engine().stats();
  EXPECT_GE(stats.dispatches, kQuanta - 1);
  EXPECT_LE(stats.dispatches, kQuanta + 2);
}

// --max-insns stops the hart exactly even in the middle of a translated block.
TEST(JitLimits, InstructionLimitIsExact) {
  EngineMachine m(EngineKind::kJit);
  cpu::Hart& h = m.hart();
  std::vector<uint32_t> p(10, rv::addi(a0, a0, 1));
  p.push_back(rv::jal(zero, -40));
  m.place(kRamBase, p);
  EXPECT_EQ(m.run(1000), StopReason::kInstructionLimit);  // whole blocks: 90 loops + 10
  EXPECT_EQ(h.s.instret, 1000U);
  EXPECT_EQ(m.run(7), StopReason::kInstructionLimit);  // part of a block
  EXPECT_EQ(h.s.instret, 1007U);
  EXPECT_EQ(h.s.x[a0], 910U + 6U);  // the jump, then six additions
}

// The same inside a region whose loop head checks the budget for a whole pass (head, the longer
// arm of an if/else, the join): run in steps of 1 to 12 instructions, the translator stops
// exactly where the interpreter does at every step, also where the budget is less than a pass.
TEST(JitLimits, InstructionLimitIsExactInsideARegion) {
  const std::unique_ptr<EngineMachine> jit = step_both_engines(if_else_loop(1000), 600, 7);
  // The region ran (more blocks translated than entries), and ran the loop without the
  // dispatcher where the budget let it.
  const exec::EngineStats stats = jit->engine().stats();
  EXPECT_GE(stats.region_blocks, stats.blocks_translated + 3);
  EXPECT_GT(stats.dispatches, 0U);
}

// Calls through a function pointer to the next page: the calls and the returns are indirect
// jumps, resolved through the lookup cache (a JAL call would make the return site part of the
// caller's region, see jit_call_test.cc, and so would the returns of a function on the caller's
// page once its region is formed again, see jit_jump_target_test.cc); the loop's jump back after
// the return is a chained direct jump.
//   0  addi a5, zero, 500
//   4  auipc t1, 1
//   8  jalr ra, -4(t1)         the function, at 0x1000
//  12  addi a5, a5, -1
//  16  bne a5, zero, -12       -> 4
//  20  jal zero, 0
TEST(JitChaining, DirectJumpsChainAndIndirectJumpsHitTheLookupCache) {
  EngineMachine m(EngineKind::kJit);
  cpu::Hart& h = m.hart();
  const uint64_t function = kRamBase + 0x1000;
  m.place(function, {rv::addi(a0, a0, 1), rv::jalr(zero, ra, 0)});
  m.place(kRamBase, {rv::addi(a5, zero, 500), rv::auipc(t1, 1), rv::jalr(ra, t1, -4),
                     rv::addi(a5, a5, -1), rv::bne(a5, zero, -12), rv::jal(zero, 0)});
  m.run(5000);
  EXPECT_EQ(h.s.x[a0], 500U);
  EXPECT_EQ(h.s.pc, kRamBase + 20);
  const exec::EngineStats stats = m.engine().stats();
  EXPECT_GT(stats.blocks_translated, 0U);
  EXPECT_GT(stats.chains_patched, 0U);
  EXPECT_GE(stats.lookups, 1000U);  // each call and each return
  EXPECT_GE(stats.lookup_hits, 990U);
  // Chained and looked-up blocks run without coming back: far fewer dispatches than blocks run.
  EXPECT_LT(stats.dispatches, 100U);
}

// A direct jump to another page continues through its site cache or the lookup, without the
// dispatcher, and follows that page's current mapping: once the guest has remapped the page and
// run SFENCE.VMA, the same JAL reaches the new physical page, not the translation of the old one.
TEST(JitLookup, JumpToAnotherPageFollowsItsMapping) {
  constexpr uint64_t kLoop = 0x1000'0000;       // virtual
  constexpr uint64_t kCallee = kLoop + 0x1000;  // virtual: the next page
  const uint64_t loop_pa = kRamBase + 0x2'0000;
  const uint64_t first_pa = kRamBase + 0x2'1000;
  const uint64_t second_pa = kRamBase + 0x2'2000;
  const unsigned kCalls = 100;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    cpu::Hart& h = m.hart();
    auto tables = sv39_paging(m);
    tables.map(kLoop, loop_pa, pte::kX | pte::kA);
    const uint64_t callee_pte = tables.map(kCallee, first_pa, pte::kX | pte::kA);
    m.place(first_pa, {rv::addi(a0, zero, 1), rv::jalr(zero, ra, 0)});
    m.place(second_pa, {rv::addi(a0, zero, 2), rv::jalr(zero, ra, 0)});
    m.place(loop_pa, {rv::sfence_vma(zero, zero), rv::jal(ra, 0x1000 - 4), rv::add(s1, s1, a0),
                      rv::addi(t0, t0, -1), rv::bne(t0, zero, -12), rv::jal(zero, 0)});
    h.set_priv(cpu::Priv::kSupervisor);
    const uint64_t per_pass = 1 + 6 * kCalls;  // sfence.vma, then jal addi jalr add addi bne
    for (const uint64_t callee : {first_pa, second_pa}) {
      m.poke<uint64_t>(callee_pte, ((callee >> 12) << 10) | pte::kX | pte::kA | pte::kV);
      h.s.pc = kLoop;
      h.s.x[t0] = kCalls;
      m.run(per_pass);
      EXPECT_EQ(h.s.pc, kLoop + 0x14) << exec::engine_name(kind);
    }
    EXPECT_EQ(h.s.x[s1], 3 * kCalls) << exec::engine_name(kind);
    if (kind == EngineKind::kJit) {
      const exec::EngineStats stats = m.engine().stats();
      EXPECT_GE(stats.lookups, 2 * kCalls);  // the returns (calls hit their site cache)
      EXPECT_LT(stats.dispatches, kCalls / 4);
    }
  }
}

// A region that keeps the TLB in host registers loads them again after each call (which
// clobbers them, and may resize the TLB or change the regime): a loop over 512 pages, round and
// round, makes the TLB grow (in a fill) while the loop's region runs, and its later rounds must
// index the grown TLB, where each page has its own entry. With the mask the region was entered
// with, pages 256 apart would take each other's entry and miss.
//  - Stores alone: the fill comes from a store's slow path, and only TLB misses take one.
//  - An AMO (a handler call) first in each iteration: its fill grows the TLB, and the store
//    after it on the same page finds the AMO's entry, so no store takes its slow path.
TEST(JitRegions, TheTlbGrowingInsideALoopServesItsLaterRounds) {
  constexpr uint64_t kData = kRamBase + 0x20'0000;
  constexpr unsigned kPages = 512;  // twice the smallest TLB
  constexpr unsigned kRounds = 4;
  for (const bool amo : {false, true}) {
    EngineMachine m(EngineKind::kJit, 1, exec::kDefaultJitCacheBytes, 16ULL << 20);
    const cpu::Hart& h = m.hart();
    std::vector<uint32_t> p = rv::li(s0, kData);
    for (const uint32_t insn : rv::li(t1, 4096)) p.push_back(insn);
    for (const uint32_t insn : rv::li(t2, 4096 * kPages - 1)) p.push_back(insn);
    for (const uint32_t insn : rv::li(t0, kPages * kRounds)) p.push_back(insn);
    const size_t loop = p.size();
    p.push_back(rv::add(t4, s0, t3));  // one store to the page at offset t3
    if (amo) p.push_back(rv::r_type(0x2f, zero, 3, t4, t0, 0x00));  // amoadd.d zero, t0, (t4)
    p.push_back(rv::sd(t0, t4, 0));
    p.push_back(rv::add(t3, t3, t1));
    p.push_back(rv::r_type(0x33, t3, 7, t3, t2, 0));  // and t3, t3, t2: round and round
    p.push_back(rv::addi(t0, t0, -1));
    p.push_back(rv::bne(t0, zero, -4 * static_cast<int32_t>(p.size() - loop)));
    p.push_back(rv::jal(zero, 0));
    const uint64_t end = m.place(kRamBase, p) - 4;
    // Fewer instructions than the dispatcher's quantum: one entry into the region runs them.
    m.run(p.size() + (p.size() - loop - 1) * kPages * kRounds);
    ASSERT_EQ(h.s.pc, end) << "amo " << amo;
    EXPECT_EQ(m.peek<uint64_t>(kData + 4096 * (kPages - 1)), 1U);  // the last store, t0 = 1
    // The first round misses on each page, the second again on those filled before the TLB
    // grew (growing empties it); the others hit.
    EXPECT_LE(h.counters.tlb_misses, kPages + kPages / 2 + 16) << "amo " << amo;
    EXPECT_LE(m.engine().stats().slow_paths, amo ? 0U : h.counters.tlb_misses) << "amo " << amo;
  }
}

// A change of the data regime in a loop takes effect at the next access, with the TLB kept in
// host registers: S-mode sets SUM and loads from a user page (allowed), clears SUM and loads
// again, which must fault (M-mode counts and skips it), not reuse the entry the first load
// filled in the SUM regime.
TEST(JitRegions, ARegimeChangeInsideALoopReachesTheNextAccess) {
  constexpr uint64_t kLoop = 0x1000'0000;  // virtual
  constexpr uint64_t kData = 0x2000'0000;  // virtual, a user page
  const uint64_t loop_pa = kRamBase + 0x2'0000;
  const uint64_t data_pa = kRamBase + 0x2'1000;
  const uint64_t handler = kRamBase + 0x800;
  constexpr unsigned kPasses = 300;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    cpu::Hart& h = m.hart();
    auto tables = sv39_paging(m);
    tables.map(kLoop, loop_pa, pte::kX | pte::kA);
    tables.map(kData, data_pa, pte::kR | pte::kW | pte::kU | pte::kA | pte::kD);
    m.poke<uint32_t>(data_pa, 7);
    m.place(handler, {rv::csrr(t2, csr::kMepc), rv::addi(t2, t2, 4), rv::csrw(csr::kMepc, t2),
                      rv::addi(s2, s2, 1), rv::mret()});
    m.place(loop_pa, {rv::csrrs(zero, csr::kSstatus, t1), rv::lw(a1, s0, 0), rv::add(s1, s1, a1),
                      rv::csrrc(zero, csr::kSstatus, t1), rv::lw(a2, s0, 0), rv::addi(t0, t0, -1),
                      rv::bne(t0, zero, -24), rv::jal(zero, 0)});
    h.s.mtvec = handler;
    h.set_priv(cpu::Priv::kSupervisor);
    h.s.pc = kLoop;
    h.s.x[s0] = kData;
    h.s.x[t0] = kPasses;
    h.s.x[t1] = cpu::mstatus::kSUM;
    m.run(kPasses * (7 + 5));  // the loop, and the handler once a pass
    EXPECT_EQ(h.s.pc, kLoop + 28) << exec::engine_name(kind);
    EXPECT_EQ(h.s.x[s1], 7U * kPasses) << exec::engine_name(kind);
    EXPECT_EQ(h.s.x[s2], kPasses) << exec::engine_name(kind);
    EXPECT_EQ(h.s.x[a2], 0U) << exec::engine_name(kind);
  }
}

// A callee on another page is rewritten between two passes of a loop of calls: the second pass
// runs the new code. Neither the lookup's jump cache (an indirect call) nor the call's site cache
// (a direct one), both filled by the first pass, may keep the dropped translation.
TEST(JitLookup, RewrittenCalleeRunsItsNewCode) {
  const uint64_t callee = kRamBase + 0x1000;  // a page of its own
  const unsigned kCalls = 100;
  for (const bool direct : {false, true}) {
    for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
      EngineMachine m(kind);
      cpu::Hart& h = m.hart();
      m.place(callee, {rv::addi(a0, a0, 1), rv::jalr(zero, ra, 0)});
      m.place(kRamBase,
              {rv::addi(t0, zero, kCalls),                              // 0
               direct ? rv::jal(ra, 0x1000 - 4) : rv::jalr(ra, s1, 0),  // 4: the one call site
               rv::addi(t0, t0, -1),                                    //
               rv::bne(t0, zero, -8),                                   //
               rv::bne(t1, zero, 20),                                   // 16: after two passes
               rv::addi(t1, zero, 1),                                   //
               rv::sw(t2, s1, 0),                                       // the callee now adds 100
               rv::fence_i(),                                           //
               rv::jal(zero, -32),                                      // the second pass
               rv::jal(zero, 0)});                                      // 36
      h.s.x[s1] = callee;
      h.s.x[t2] = rv::addi(a0, a0, 100);
      m.run(2 * (1 + 5 * kCalls + 1) + 4);
      EXPECT_EQ(h.s.pc, kRamBase + 36) << exec::engine_name(kind) << " direct " << direct;
      EXPECT_EQ(h.s.x[a0], kCalls * 1 + kCalls * 100)
          << exec::engine_name(kind) << " direct " << direct;
    }
  }
}

// The same virtual pc in two privilege modes: M-mode calls X untranslated (physical X) three
// times (the jump cache holds X by then), then MRET enters S-mode, whose page tables map X to
// other code. The S-mode call must run that code,
// not the host code the jump cache found for X in M-mode (its entries name the fetch regime).
TEST(JitLookup, TheSamePcInAnotherModeRunsThatModesCode) {
  const uint64_t x = kRamBase + 0x3'0000;  // M-mode's callee, and S-mode's virtual callee
  const uint64_t s_callee_pa = kRamBase + 0x3'1000;
  const uint64_t s_code = 0x2000'0000;  // virtual
  const uint64_t s_code_pa = kRamBase + 0x3'2000;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    cpu::Hart& h = m.hart();
    auto tables = sv39_paging(m);
    tables.map(x, s_callee_pa, pte::kX | pte::kA);
    tables.map(s_code, s_code_pa, pte::kX | pte::kA);
    m.place(x, {rv::addi(a0, a0, 1), rv::jalr(zero, ra, 0)});
    m.place(s_callee_pa, {rv::addi(a0, a0, 1000), rv::jalr(zero, ra, 0)});
    m.place(kRamBase, {rv::addi(t0, zero, 3), rv::jalr(ra, s1, 0), rv::addi(t0, t0, -1),
                       rv::bne(t0, zero, -8), rv::mret()});
    m.place(s_code_pa, {rv::jalr(ra, s1, 0), rv::jal(zero, 0)});
    h.s.mstatus = (h.s.mstatus & ~cpu::mstatus::kMPP) |
                  (static_cast<uint64_t>(cpu::Priv::kSupervisor) << cpu::mstatus::kMPPShift);
    h.s.mepc = s_code;
    h.s.x[s1] = x;
    h.s.pc = kRamBase;
    m.run(1 + 3 * 5 + 1 + 3);
    EXPECT_EQ(h.s.pc, s_code + 4) << exec::engine_name(kind);
    EXPECT_EQ(h.s.x[a0], 1003U) << exec::engine_name(kind);
  }
}

// Tiering: a block runs in the interpreter until its jit_hot-th run, then as host code, and the
// result is the same either way.
TEST(JitTiering, BlocksAreTranslatedOnTheirHotRun) {
  for (const uint32_t hot : {1U, 8U}) {
    exec::EngineOptions options = EngineMachine::translate_at_once();
    options.jit_hot = hot;
    EngineMachine m(EngineKind::kJit, 1, exec::kDefaultJitCacheBytes, 8ULL << 20, options);
    cpu::Hart& h = m.hart();
    // Block A (run once): the first iteration; block B (99 runs): the loop; block C: the end.
    m.place(kRamBase, {rv::addi(a5, zero, 100), rv::addi(a0, a0, 1), rv::addi(a5, a5, -1),
                       rv::bne(a5, zero, -8), rv::jal(zero, 0)});
    EXPECT_EQ(m.run(4 + 99 * 3 + 20), StopReason::kInstructionLimit);
    EXPECT_EQ(h.s.x[a0], 100U) << hot;
    EXPECT_EQ(h.s.pc, kRamBase + 16) << hot;
    const exec::EngineStats stats = m.engine().stats();
    if (hot == 1) {
      EXPECT_EQ(stats.blocks_interpreted, 0U);
      EXPECT_EQ(stats.blocks_translated, 3U);
    } else {
      EXPECT_EQ(stats.blocks_interpreted, 1U + 7U + 7U);  // A once, B and C until their 8th run
      EXPECT_EQ(stats.blocks_translated, 2U);
    }
  }
}

// A loop of four blocks on one page (an if/else in its body, a handler call and a load in its
// join block) is translated as one region: once warm it runs without coming back to the
// dispatcher, and every register ends as the interpreter leaves it. The handler call (amoadd.w)
// writes its rd and clobbers the caller-saved host registers the region keeps guest registers in.
TEST(JitRegions, ALoopOfSeveralBlocksRunsInsideOneRegion) {
  constexpr uint64_t kData = kRamBase + 0x8000;
  const uint32_t amoadd_w = rv::r_type(0x2f, a2, 2, s0, a4, 0x00);
  const std::vector<uint32_t> program = {
      rv::addi(a5, zero, 1000),        // 0: the entry
      rv::i_type(0x13, t0, 7, a5, 1),  // 4: loop: andi t0, a5, 1
      rv::beq(t0, zero, 12),           // 8: even -> 20
      rv::addi(a0, a0, 3),             // 12: odd
      rv::jal(zero, 8),                // 16: -> join at 24
      rv::addi(a1, a1, 5),             // 20: even
      amoadd_w,                        // 24: join: a2 = old (s0), (s0) += a4
      rv::lw(a3, s0, 0),               // 28
      rv::add(a6, a6, a3),             // 32
      rv::addi(a5, a5, -1),            // 36
      rv::bne(a5, zero, -36),          // 40: -> loop at 4
      rv::jal(zero, 0),                // 44: the end
  };
  run_on_both_engines(
      program, 1 + 1000 * 9 + 10,
      [](EngineMachine& m) {
        m.poke<uint32_t>(kData, 7);
        m.hart().s.x[s0] = kData;
        m.hart().s.x[a4] = 2;
      },
      [](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 44);
        EXPECT_EQ(m.hart().s.x[a0], 1500U);
        EXPECT_EQ(m.hart().s.x[a1], 2500U);
        if (kind != EngineKind::kJit) return;
        // Each block is interpreted a few times, then the region runs the rest of the 1000
        // iterations; the budget brings it back every kQuantum instructions.
        const exec::EngineStats stats = m.engine().stats();
        EXPECT_LT(stats.dispatches, 40U);
        // At least one region holds the whole loop: more blocks than regions by three or more.
        EXPECT_GE(stats.region_blocks, stats.blocks_translated + 3);
      });
}

// A loop that leaves on the taken side of a branch (its fall-through stays in the region, so the
// translated branch jumps back on the inverted condition) and whose body zero-extends through
// SLLI/SRLI pairs (emitted as one move and a shift): the region runs it to the same registers as
// the interpreter.
TEST(JitRegions, ALoopLeavingOnATakenBranchRunsInsideOneRegion) {
  const std::vector<uint32_t> program = {
      rv::addi(a5, zero, 1000),         // 0: the entry
      rv::addi(a5, a5, -1),             // 4: loop
      rv::beq(a5, zero, 36),            // 8: done -> 44
      rv::slli(t0, a5, 32),             // 12: t0 = a5 zero-extended, times 4
      rv::i_type(0x13, t0, 5, t0, 30),  // 16: srli t0, t0, 30
      rv::addi(a1, a5, -500),           // 20: negative half of the time
      rv::slli(a1, a1, 32),             // 24: a1 = its low word zero-extended
      rv::i_type(0x13, a1, 5, a1, 32),  // 28: srli a1, a1, 32
      rv::add(a0, a0, t0),              // 32
      rv::add(a2, a2, a1),              // 36
      rv::jal(zero, -36),               // 40: -> loop at 4
      rv::jal(zero, 0),                 // 44: the end
  };
  run_on_both_engines(
      program, 1 + 999 * 10 + 2 + 10, [](EngineMachine&) {},
      [](EngineMachine& m, EngineKind kind) {
        EXPECT_EQ(m.hart().s.pc, kRamBase + 44);
        EXPECT_EQ(m.hart().s.x[a0], 4U * 999 * 1000 / 2);
        if (kind != EngineKind::kJit) return;
        const exec::EngineStats stats = m.engine().stats();
        EXPECT_LT(stats.dispatches, 20U);
        EXPECT_GE(stats.region_blocks, stats.blocks_translated + 1);
      });
}

// A program with more code than the buffer holds: the buffer is flushed (and counted) as often
// as needed and the program still computes the right result.
// 2000 blocks of "addi a0, a0, k; jal next", run twice through a code buffer that holds a
// fraction of them. Laid out one after the other, most jumps stay on their page (chained exits);
// spread over 256 pages, every jump goes to another page, and each region takes a site cache from
// the buffer's end as well as its code from the front.
TEST(JitCodeCache, ExhaustionFlushesAndStaysCorrect) {
  constexpr int kBlocks = 2000;
  constexpr uint64_t kPages = 256;
  for (const bool spread : {false, true}) {
    EngineMachine m(EngineKind::kJit, 1, exec::kMinJitCacheBytes);
    cpu::Hart& h = m.hart();
    // Block k's address, and the end: "again from the top" on the first pass, a self-loop after.
    const auto at = [spread](uint64_t k) {
      return spread ? kRamBase + 0x1000 * (k % kPages) + 8 * (k / kPages) : kRamBase + 8 * k;
    };
    const uint64_t end = spread ? at(kPages - 1) + 0x800 : at(kBlocks);
    uint64_t expected = 0;
    for (int k = 0; k < kBlocks; ++k) {
      const uint64_t next = k + 1 < kBlocks ? at(k + 1) : end;
      m.place(at(k),
              {rv::addi(a0, a0, k % 7), rv::jal(zero, static_cast<int32_t>(next - (at(k) + 4)))});
      expected += k % 7;
    }
    m.place(end, {rv::addi(a1, a1, 1), rv::addi(t0, zero, 2), rv::beq(a1, t0, 8),
                  rv::jal(zero, static_cast<int32_t>(kRamBase - (end + 12))), rv::jal(zero, 0)});
    for (int i = 0; i < 10 && h.s.pc != end + 16; ++i) m.run(100000);
    EXPECT_EQ(h.s.pc, end + 16) << "spread " << spread;
    EXPECT_EQ(h.s.x[a0], 2 * expected) << "spread " << spread;
    const exec::EngineStats stats = m.engine().stats();
    EXPECT_GT(stats.cache_flushes, 0U);
    EXPECT_LE(stats.code_bytes, exec::kMinJitCacheBytes);
  }
}

// A region's site caches are taken from the buffer's end, below the code: a region whose code
// fits but whose site caches would then land on it is not taken (the dispatcher flushes and
// translates again), and one that fits exactly is.
TEST(JitCodeCache, ARegionWhoseSiteCachesDoNotFitIsNotTaken) {
  EngineMachine m(EngineKind::kInterp);
  m.place(kRamBase, {rv::addi(a0, a0, 1), rv::jal(zero, 0x1000 - 4)});  // on to the next page
  exec::CodeCache& cache = m.engine().code_cache();
  const exec::Block* block = cache.build(kRamBase);
  ASSERT_NE(block, nullptr);
  auto buffer = jit::CodeBuffer::create(64 * 1024);
  ASSERT_TRUE(buffer.has_value());
  jit::Translator translator(m.hart(), *buffer, cache);
  const size_t empty = buffer->available();
  ASSERT_NE(translator.translate(*block, cache), nullptr);
  const size_t code = jit::CodeBuffer::rounded(translator.last_code_bytes());
  constexpr size_t kCaches = sizeof(jit::SiteCache);  // the jump to the next page's
  ASSERT_EQ(empty - buffer->available(), code + kCaches);

  buffer->flush();
  buffer->commit(empty - (code + kCaches - 16));  // room for the code, not for both
  EXPECT_EQ(translator.translate(*block, cache), nullptr);
  EXPECT_EQ(buffer->available(), code + kCaches - 16);  // nothing taken

  buffer->flush();
  buffer->commit(empty - (code + kCaches));
  const void* exact = translator.translate(*block, cache);
  ASSERT_NE(exact, nullptr);
  EXPECT_EQ(buffer->available(), 0U);
  // The site cache is the last thing in the buffer, right after the code, and empty.
  const auto* site = reinterpret_cast<const jit::SiteCache*>(buffer->site_caches());
  EXPECT_EQ(reinterpret_cast<const uint8_t*>(site), static_cast<const uint8_t*>(exact) + code);
  EXPECT_EQ(site->code, nullptr);
  EXPECT_EQ(site->epoch, jit::SiteCache::kEmpty);
}

}  // namespace
}  // namespace strata::test
