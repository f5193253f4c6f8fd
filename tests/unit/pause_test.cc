// PAUSE (Zihintpause) marks a spin-wait. A hart that spins on it gives its host CPU to the hart
// it waits for: with both harts' threads on one host CPU, the spinner must not take a share of
// the CPU the worker needs, in either engine.
#include <gtest/gtest.h>
#include <sched.h>

#include <chrono>
#include <cstdint>
#include <thread>

#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;
using exec::StopReason;

constexpr uint32_t kPause = 0x0100000f;  // fence w, 0

// Pins the calling thread, and the threads it starts, to one host CPU until destroyed.
class OneHostCpu {
 public:
  OneHostCpu() {
    EXPECT_EQ(sched_getaffinity(0, sizeof saved_, &saved_), 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &saved_)) {
        CPU_SET(cpu, &one);
        break;
      }
    }
    pinned_ = sched_setaffinity(0, sizeof one, &one) == 0;
  }
  ~OneHostCpu() { sched_setaffinity(0, sizeof saved_, &saved_); }
  OneHostCpu(const OneHostCpu&) = delete;
  OneHostCpu& operator=(const OneHostCpu&) = delete;
  bool pinned() const { return pinned_; }

 private:
  cpu_set_t saved_{};
  bool pinned_ = false;
};

class PauseTest : public ::testing::TestWithParam<EngineKind> {};

// Hart 0 counts a register down from kWorkTurns, then sets a flag; hart 1 spins on the flag with
// PAUSE, counting its turns in a0. A spinner that kept the CPU would turn hundreds of thousands of
// times while the worker runs; one that yields turns about once per host time slice the worker
// gets (milliseconds each).
TEST_P(PauseTest, SpinningHartGivesItsCpuToTheHartItWaitsFor) {
  constexpr int32_t kWorkTurnsUpper = 1 << 12;  // lui: 2^24 turns of 2 instructions
  const uint64_t flag = kRamBase + 0x8000;
  const uint64_t spinner = kRamBase + 0x1000;
  EngineMachine m(GetParam(), 2);
  m.place(kRamBase, {rv::lui(a5, kWorkTurnsUpper),  // 0
                     rv::addi(a5, a5, -1),          // 4: work
                     rv::bne(a5, zero, -4),         // 8: -> work
                     rv::addi(a1, zero, 1),         // 12
                     rv::sw(a1, s0, 0),             // 16: the flag
                     rv::jal(zero, 0)});            // 20: done
  m.place(spinner, {rv::addi(a0, a0, 1),            // spin
                    kPause,                         //
                    rv::lw(a1, s0, 0),              //
                    rv::beq(a1, zero, -12),         // -> spin
                    rv::jal(zero, 0)});             // seen
  m.hart(0).s.x[s0] = flag;
  m.hart(1).s.x[s0] = flag;
  m.hart(1).s.pc = spinner;

  const OneHostCpu pin;
  ASSERT_TRUE(pin.pinned());
  exec::RunLimits limits;
  limits.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  StopReason spinner_stop = StopReason::kTimeout;
  std::thread worker([&] { m.run((2ULL * kWorkTurnsUpper << 12) + 4, 0); });
  std::thread waiter([&] { spinner_stop = m.engine(1).run(limits); });
  worker.join();
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (__atomic_load_n(&m.hart(1).s.x[a1], __ATOMIC_RELAXED) != 1 &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  m.stop().store(true);
  m.hart(1).wake();
  waiter.join();

  EXPECT_EQ(spinner_stop, StopReason::kStopRequested);
  EXPECT_EQ(m.peek<uint32_t>(flag), 1U);
  EXPECT_EQ(m.hart(1).s.x[a1], 1U);
  const uint64_t turns = m.hart(1).s.x[a0];
  EXPECT_LT(turns, 10000U) << "the spinner turned " << turns << " times";
}

// Every PAUSE reaches the hart's count, in both engines (the translator calls its handler), and
// a hart alone does not wait for anything: a thousand PAUSEs in a loop simply run.
TEST_P(PauseTest, EveryPauseIsCounted) {
  EngineMachine m(GetParam());
  m.place(kRamBase, {rv::addi(a0, zero, 1000),  // 0
                     kPause,                    // 4: loop
                     rv::addi(a0, a0, -1),      // 8
                     rv::bne(a0, zero, -8),     // 12: -> loop
                     rv::jal(zero, 0)});        // 16
  m.run(1 + 3 * 1000);
  EXPECT_EQ(m.hart().s.pc, kRamBase + 16);
  EXPECT_EQ(m.hart().pauses, 1000U);
}

INSTANTIATE_TEST_SUITE_P(BothEngines, PauseTest,
                         ::testing::Values(EngineKind::kInterp, EngineKind::kJit),
                         [](const auto& info) { return exec::engine_name(info.param); });

}  // namespace
}  // namespace strata::test
