// --engine lockstep: a program the two engines agree on runs to its end with every dispatch
// checked; a difference (here: guest RAM changed behind the hart's back, which only the
// translator's side sees) stops the run with a report naming the block and both register files.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;
using exec::StopReason;

TEST(JitLockstep, AgreeingEnginesRunToTheEnd) {
  EngineMachine m(EngineKind::kLockstep);
  cpu::Hart& h = m.hart();
  const uint64_t handler = kRamBase + 0x800;
  m.place(handler, {rv::csrr(t0, cpu::csr::kMepc), rv::addi(t0, t0, 4),
                    rv::csrw(cpu::csr::kMepc, t0), rv::mret()});
  h.s.mtvec = handler;
  std::vector<uint32_t> p = rv::li(s0, kRamBase + 0x10000);
  p.push_back(rv::addi(a5, zero, 100));
  p.push_back(rv::sd(a5, s0, 0));  // loop: store, load back, count down, trap now and then
  p.push_back(rv::ld(a1, s0, 0));
  p.push_back(rv::add(a0, a0, a1));
  p.push_back(rv::ecall());
  p.push_back(rv::addi(a5, a5, -1));
  p.push_back(rv::bne(a5, zero, -20));
  p.push_back(rv::jal(zero, 0));
  m.place(kRamBase, p);
  EXPECT_EQ(m.run(2000), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.x[a0], 5050U);
  EXPECT_GT(m.engine().stats().lockstep_blocks, 200U);
}

// Every dispatch of a loop whose blocks would form one region runs translated code (regions of
// one block each under lockstep), so lockstep checks the translation, not the interpreter
// against itself.
TEST(JitLockstep, ChecksTranslatedCodeInsideLoopsOfSeveralBlocks) {
  EngineMachine m(EngineKind::kLockstep);
  cpu::Hart& h = m.hart();
  m.place(kRamBase, if_else_loop(100));
  EXPECT_EQ(m.run(1 + 100 * 4 + 50 * 2 + 50 * 1), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.x[a0], 150U);
  EXPECT_EQ(h.s.x[a1], 250U);
  const exec::EngineStats stats = m.engine().stats();
  EXPECT_GE(stats.lockstep_blocks, 250U);
  // Each block is translated on its first run: every dispatch but the uncached ones enters code.
  EXPECT_EQ(stats.dispatches, stats.lockstep_blocks);
}

TEST(JitLockstep, ReportsTheFirstDivergence) {
  std::string report;
  exec::EngineOptions options;
  options.report = [&report](const std::string& text) { report = text; };
  EngineMachine m(EngineKind::kLockstep, 1, exec::kDefaultJitCacheBytes, 8ULL << 20, options);
  cpu::Hart& h = m.hart();
  const uint64_t flag = kRamBase + 0x10000;
  std::vector<uint32_t> p = rv::li(s0, flag);
  p.push_back(rv::ld(a0, s0, 0));  // spin until the flag is set
  p.push_back(rv::beq(a0, zero, -4));
  p.push_back(rv::jal(zero, 0));
  m.place(kRamBase, p);
  // A write the shadow hart cannot see: only the translator's side leaves the loop.
  std::thread writer([&m, address = flag] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    m.poke<uint64_t>(address, 1);
  });
  const StopReason reason = m.run(1ULL << 40);
  writer.join();
  EXPECT_EQ(reason, StopReason::kDivergence);
  EXPECT_EQ(h.s.x[a0], 1U);
  EXPECT_NE(report.find("divergence after the block at pc"), std::string::npos) << report;
  EXPECT_NE(report.find("ld a0, 0(s0)"), std::string::npos) << report;
  EXPECT_NE(report.find("<--"), std::string::npos) << report;
}

}  // namespace
}  // namespace strata::test
