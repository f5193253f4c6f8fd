// A bare machine (guest RAM, a bus, N harts, no devices) whose harts run on an engine chosen by
// kind, for the translator's unit tests: the same program can run under the interpreter and the
// translator and the results be compared. Stores to code are routed as in machine::Machine: the
// storing hart invalidates at once, the others at their next block boundary.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "exec/code_cache.h"
#include "exec/engine.h"
#include "test_machine.h"

namespace strata::test {

class EngineMachine {
 public:
  explicit EngineMachine(exec::EngineKind kind, unsigned harts = 1,
                         uint64_t jit_cache = exec::kDefaultJitCacheBytes,
                         uint64_t ram_size = 8ULL << 20,
                         exec::EngineOptions options = translate_at_once()) {
    auto created = mem::GuestRam::create(kRamBase, ram_size);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      std::abort();
    }
    ram_ = std::move(*created);
    bus_ = std::make_unique<mem::Bus>(*ram_);
    options.jit_cache_bytes = jit_cache;
    for (unsigned h = 0; h < harts; ++h) {
      harts_.push_back(std::make_unique<cpu::Hart>(h, *bus_, clock_));
      harts_.back()->s.pc = kRamBase;
    }
    for (unsigned h = 0; h < harts; ++h) {
      engines_.push_back(exec::make_engine(kind, *harts_[h], stop_, options));
      engines_.back()->code_cache().set_write_revoker([this](uint64_t page) {
        for (auto& hart : harts_) hart->drop_write_permission(page);
      });
    }
    ram_->set_watch_handler([this](uint64_t paddr, uint64_t length, int source) {
      for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
           page += mem::kPageSize) {
        for (unsigned h = 0; h < engines_.size(); ++h) {
          if ((ram_->watchers(page) & mem::GuestRam::code_watch_bit(h)) == 0) continue;
          if (static_cast<int>(h) == source) {
            engines_[h]->code_cache().invalidate_page(page);
          } else {
            engines_[h]->code_cache().request_invalidation(page);
          }
        }
      }
    });
  }
  ~EngineMachine() { ram_->set_watch_handler(nullptr); }
  // The translator's tests are about translated code: every block is translated on its first run
  // unless a test asks otherwise.
  static exec::EngineOptions translate_at_once() {
    exec::EngineOptions options;
    options.jit_hot = 1;
    return options;
  }
  // Blocks translated on their fourth run: by then a loop's blocks have all run, so the regions
  // formed take them in.
  static exec::EngineOptions translate_on_fourth_run() {
    exec::EngineOptions options;
    options.jit_hot = 4;
    return options;
  }
  EngineMachine(const EngineMachine&) = delete;
  EngineMachine& operator=(const EngineMachine&) = delete;

  cpu::Hart& hart(unsigned h = 0) { return *harts_[h]; }
  exec::Engine& engine(unsigned h = 0) { return *engines_[h]; }
  std::atomic<bool>& stop() { return stop_; }
  mem::Bus& bus() { return *bus_; }
  cpu::Clock& clock() { return clock_; }

  template <typename T>
  void poke(uint64_t paddr, T value) {
    if (auto r = ram_->write(paddr, &value, sizeof value); !r) ADD_FAILURE() << r.error().message;
  }
  template <typename T>
  T peek(uint64_t paddr) const {
    T value{};
    if (auto r = ram_->read(paddr, &value, sizeof value); !r) ADD_FAILURE() << r.error().message;
    return value;
  }
  uint64_t place(uint64_t paddr, const std::vector<uint32_t>& code) {
    for (const uint32_t word : code) {
      poke<uint32_t>(paddr, word);
      paddr += 4;
    }
    return paddr;
  }

  // Runs hart `h` until `count` more instructions have retired, or 10 s pass.
  exec::StopReason run(uint64_t count, unsigned h = 0) {
    exec::RunLimits limits;
    limits.max_instructions = harts_[h]->s.instret + count;
    limits.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    return engines_[h]->run(limits);
  }

 private:
  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<mem::Bus> bus_;
  cpu::Clock clock_;
  std::atomic<bool> stop_{false};
  std::vector<std::unique_ptr<cpu::Hart>> harts_;
  std::vector<std::unique_ptr<exec::Engine>> engines_;
};

// Sv39 paging for hart 0's S-mode and U-mode: PMP opened to every mode, the tables' pages taken
// from RAM + 1 MiB, satp pointing at them (M-mode still runs unpaged). Map pages through the
// result.
inline PageTables<EngineMachine> sv39_paging(EngineMachine& m) {
  allow_all_pmp(m.hart());
  PageTables<EngineMachine> tables(m, 3, kRamBase + 0x10'0000);
  if (!m.hart().csr_write(cpu::csr::kSatp, tables.satp(), 0)) ADD_FAILURE() << "satp refused";
  return tables;
}

// A loop of several blocks on one page: a5 counts down from `count`, odd passes add 3 to a0 and
// even ones 5 to a1. The blocks, by offset: 0 (the set-up and the first pass's head), the
// loop's head at 4, the odd arm at 12, the even arm at 20 (it runs on through the join's
// instructions), the join at 24 (the odd arm's way), and the end at 32.
//    0        addi a5, zero, count
//    4  loop: andi t0, a5, 1
//    8        beq t0, zero, even
//   12  odd:  addi a0, a0, 3
//   16        jal zero, join
//   20  even: addi a1, a1, 5
//   24  join: addi a5, a5, -1
//   28        bne a5, zero, loop
//   32        jal zero, 0
inline std::vector<uint32_t> if_else_loop(int32_t count) {
  return {rv::addi(a5, zero, count), rv::i_type(0x13, t0, 7, a5, 1),
          rv::beq(t0, zero, 12),     rv::addi(a0, a0, 3),
          rv::jal(zero, 8),          rv::addi(a1, a1, 5),
          rv::addi(a5, a5, -1),      rv::bne(a5, zero, -24),
          rv::jal(zero, 0)};
}

// An M-mode trap handler at `at` for the direct-access tests: counts the trap in s11, adds
// mcause to s9 and mtval to s10, and skips the (4-byte) faulting instruction.
inline void place_counting_handler(EngineMachine& m, uint64_t at) {
  namespace csr = cpu::csr;
  m.place(at, {rv::csrr(t6, csr::kMcause), rv::add(s9, s9, t6), rv::csrr(t6, csr::kMtval),
               rv::add(s10, s10, t6), rv::csrr(t6, csr::kMepc), rv::addi(t6, t6, 4),
               rv::csrw(csr::kMepc, t6), rv::addi(s11, s11, 1), rv::mret()});
}

// Runs `program` (at kRamBase) with place_counting_handler's handler at `handler` taking its
// faults; whether it reached its last instruction (a jump to itself).
inline bool run_counting_faults(EngineMachine& m, const std::vector<uint32_t>& program,
                                uint64_t handler) {
  place_counting_handler(m, handler);
  m.hart().s.mtvec = handler;
  m.place(kRamBase, program);
  m.run(100000);
  return m.hart().s.pc == kRamBase + 4 * (program.size() - 1);
}

// `program` followed by `pass` twice, with `between` (two instructions) after the first time,
// then a jump to itself. `pass` falls through at its end; s7 tells the passes apart.
inline std::vector<uint32_t> two_passes(std::vector<uint32_t> program,
                                        const std::vector<uint32_t>& pass,
                                        const std::array<uint32_t, 2>& between) {
  const size_t start = program.size();
  program.insert(program.end(), pass.begin(), pass.end());
  program.push_back(rv::bne(s7, zero, 20));  // after the second pass
  program.push_back(rv::addi(s7, zero, 1));
  program.insert(program.end(), between.begin(), between.end());
  program.push_back(
      rv::jal(zero, static_cast<int32_t>(4 * start) - static_cast<int32_t>(4 * program.size())));
  program.push_back(rv::jal(zero, 0));
  return program;
}

// Ends a program whose loop starts at instruction `loop` of `program` and counts its passes down
// in t3: the count, the jump back, then a jump to itself.
inline void close_counted_loop(std::vector<uint32_t>& program, size_t loop) {
  program.push_back(rv::addi(t3, t3, -1));
  program.push_back(rv::beq(t3, zero, 8));
  program.push_back(
      rv::jal(zero, static_cast<int32_t>(4 * loop) - static_cast<int32_t>(4 * program.size())));
  program.push_back(rv::jal(zero, 0));
}

// Hart 1 of a machine, on a thread of its own, spinning in a translated loop at `loop` until
// another hart rewrites its first instruction, addi a1, zero, 0, to addi a1, zero, 1:
//   loop:  addi a1, zero, 0
//          beq a1, zero, loop
//          jal zero, 0
// finish() waits for the rewrite to reach hart 1 (at most 10 s), stops the machine, and checks
// that hart 1 left its loop.
class SpinningHart1 {
 public:
  SpinningHart1(EngineMachine& m, uint64_t loop) : m_(m), loop_(loop) {
    m.place(loop, {rv::addi(a1, zero, 0), rv::beq(a1, zero, -4), rv::jal(zero, 0)});
    m.hart(1).s.pc = loop;
    exec::RunLimits limits;
    limits.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    runner_ = std::thread([this, limits] { reason_ = m_.engine(1).run(limits); });
  }
  SpinningHart1(const SpinningHart1&) = delete;
  SpinningHart1& operator=(const SpinningHart1&) = delete;
  ~SpinningHart1() {
    if (runner_.joinable()) finish();
  }

  void finish() {
    const cpu::Hart& h1 = m_.hart(1);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (__atomic_load_n(&h1.s.x[a1], __ATOMIC_RELAXED) != 1 &&
           std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    m_.stop().store(true);
    m_.hart(1).wake();
    runner_.join();
    EXPECT_EQ(reason_, exec::StopReason::kStopRequested);
    EXPECT_EQ(h1.s.x[a1], 1U);
    EXPECT_EQ(h1.s.pc, loop_ + 8);
  }

 private:
  EngineMachine& m_;
  uint64_t loop_;
  exec::StopReason reason_ = exec::StopReason::kTimeout;
  std::thread runner_;
};

// x1 to x31 and x0 (not the sink that writes to x0 go to, which the translator may skip).
inline std::array<uint64_t, 32> architectural_registers(EngineMachine& m) {
  std::array<uint64_t, 32> x{};
  std::copy_n(m.hart().s.x.begin(), x.size(), x.begin());
  return x;
}

// Runs `program` (at kRamBase, after `setup`) for `instructions` on both engines, with blocks
// translated on their fourth run so that regions take in the loops; `check` looks at each
// machine, and both must end with the same registers.
inline void run_on_both_engines(
    const std::vector<uint32_t>& program, uint64_t instructions,
    const std::function<void(EngineMachine&)>& setup,
    const std::function<void(EngineMachine&, exec::EngineKind)>& check) {
  std::vector<std::array<uint64_t, 32>> results;
  for (const exec::EngineKind kind : {exec::EngineKind::kInterp, exec::EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, 8ULL << 20,
                    EngineMachine::translate_on_fourth_run());
    m.place(kRamBase, program);
    setup(m);
    m.run(instructions);
    check(m, kind);
    results.push_back(architectural_registers(m));
  }
  EXPECT_EQ(results[0], results[1]);
}

// Runs `program` (at kRamBase) on both engines in `steps` runs of 1 to 12 instructions (run i
// takes 1 + (i * `stride`) % 12), blocks translated on their fourth run, and checks after each
// that the translator stopped where the interpreter did: instret, pc and every register. Returns
// the translator's machine.
inline std::unique_ptr<EngineMachine> step_both_engines(const std::vector<uint32_t>& program,
                                                        uint64_t steps, uint64_t stride) {
  const exec::EngineOptions options = EngineMachine::translate_on_fourth_run();
  EngineMachine interp(exec::EngineKind::kInterp, 1, exec::kDefaultJitCacheBytes, 8ULL << 20,
                       options);
  auto jit = std::make_unique<EngineMachine>(exec::EngineKind::kJit, 1, exec::kDefaultJitCacheBytes,
                                             8ULL << 20, options);
  interp.place(kRamBase, program);
  jit->place(kRamBase, program);
  for (uint64_t step = 0; step < steps; ++step) {
    const uint64_t count = 1 + (step * stride) % 12;
    EXPECT_EQ(interp.run(count), exec::StopReason::kInstructionLimit);
    EXPECT_EQ(jit->run(count), exec::StopReason::kInstructionLimit);
    EXPECT_EQ(jit->hart().s.instret, interp.hart().s.instret) << "step " << step;
    EXPECT_EQ(jit->hart().s.pc, interp.hart().s.pc) << "step " << step;
    EXPECT_EQ(architectural_registers(*jit), architectural_registers(interp)) << "step " << step;
    if (::testing::Test::HasFailure()) break;
  }
  return jit;
}

}  // namespace strata::test
