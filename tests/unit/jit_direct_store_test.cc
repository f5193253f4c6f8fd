// Translated stores through the direct-store window (cpu/store_window.h): stores of every size at
// the window's edges and RAM's, against the interpreter; the window opening over the pages stored
// to but never over a watched page (whose watcher must hear every store); and a page in the
// window that becomes code, on the storing hart or another, leaving it so that the next store
// invalidates the code.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;

constexpr uint64_t kData = kRamBase + 0x200000;
constexpr uint64_t kPage = mem::kPageSize;

// Stores of every size, aligned and not, at the start of a data page and across its end, at
// the end of RAM and across it, and below and above RAM, three times over (translated from the
// first run; the window opens over the pages stored to and moves between them). Both engines
// must leave the same memory and registers and take the same faults.
TEST(JitDirectStores, StoresMatchTheInterpreterAtTheWindowsAndRamsEdges) {
  constexpr uint64_t kRamSize = 8ULL << 20;
  constexpr uint64_t kHandler = kRamBase + 0x8000;
  const uint64_t end = kRamBase + kRamSize;
  std::vector<uint32_t> p = rv::li(t3, 3);
  rv::li(p, s4, 0x9e3779b97f4a7c15ULL);  // s3 goes up by it before each store
  const size_t loop = p.size();
  for (const uint64_t base : {kData, kData + kPage - 4, kData + 2 * kPage - 8, end - 8, end - 16,
                              end, kRamBase - 8, ~uint64_t{0} - 7}) {
    for (const unsigned funct3 : {0U, 1U, 2U, 3U}) {  // SB SH SW SD
      for (const int32_t offset : {0, 1, 2, 3, 4, 6, 7}) {
        const std::vector<uint32_t> address = rv::li(t0, base);
        p.insert(p.end(), address.begin(), address.end());
        p.push_back(rv::add(s3, s3, s4));
        p.push_back(rv::s_type(0x23, funct3, t0, s3, offset));
      }
    }
  }
  close_counted_loop(p, loop);
  ASSERT_LT(4 * p.size(), kHandler - kRamBase);
  std::vector<std::array<uint64_t, 32>> registers;
  std::vector<std::vector<uint8_t>> memory;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, kRamSize);
    const cpu::Hart& h = m.hart();
    ASSERT_TRUE(h.direct_stores());
    ASSERT_TRUE(run_counting_faults(m, p, kHandler)) << exec::engine_name(kind);
    EXPECT_GT(h.s.x[s11], 0U);  // some stores fault
    registers.push_back(architectural_registers(m));
    memory.emplace_back();
    for (const uint64_t from : {kData, end - kPage}) {
      for (uint64_t a = from; a < from + 3 * kPage && a < end; ++a) {
        memory.back().push_back(m.peek<uint8_t>(a));
      }
    }
  }
  EXPECT_EQ(registers[0], registers[1]);
  EXPECT_EQ(memory[0], memory[1]);
}

// A loop stores each word of five pages with its address, twice; the middle page is watched (as
// HTIF watches `tohost`). The window opens over the first two pages, cannot bridge the watched
// one, and moves to the last two: every store to the watched page still reaches the watcher.
TEST(JitDirectStores, StoresBesideAWatchedPageStillReachItsWatcher) {
  constexpr uint64_t kPages = 5;
  constexpr uint64_t kWatched = kData + 2 * kPage;
  EngineMachine m(EngineKind::kJit);
  const cpu::Hart& h = m.hart();
  std::vector<uint32_t> pass = rv::li(s0, kData);
  const std::vector<uint32_t> stop = rv::li(s1, kData + kPages * kPage);
  pass.insert(pass.end(), stop.begin(), stop.end());
  pass.push_back(rv::sw(s0, s0, 0));  // the loop
  pass.push_back(rv::addi(s0, s0, 4));
  pass.push_back(rv::bne(s0, s1, -8));
  const std::vector<uint32_t> p = two_passes({}, pass, {rv::nop(), rv::nop()});
  // No stores to code here: the watcher only counts.
  uint64_t heard = 0;
  m.bus().ram().add_watch(kWatched, mem::GuestRam::kWatchDevice);
  m.bus().ram().set_watch_handler([&heard](uint64_t paddr, uint64_t length, int) {
    if (paddr >= kWatched && paddr + length <= kWatched + kPage) ++heard;
  });
  m.place(kRamBase, p);
  m.run(100000);
  ASSERT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1));
  EXPECT_EQ(heard, 2 * kPage / 4);
  for (uint64_t a = kData; a < kData + kPages * kPage; a += 4) {
    ASSERT_EQ(m.peek<uint32_t>(a), static_cast<uint32_t>(a));
  }
  EXPECT_FALSE(h.store_window().contains(kWatched, 1));
  EXPECT_TRUE(h.store_window().contains(kWatched + kPage, 8));
  EXPECT_TRUE(h.store_window().contains(kData + kPages * kPage - 8, 8));
}

// A function on a data page: stored there (which opens the window over the page), called (which
// makes the page code), then rewritten before each of 100 calls to return a different number,
// by the same translated store. The page must have left the window when it became code: each
// call runs the function as last written.
TEST(JitDirectStores, APageInTheWindowThatBecomesCodeLeavesIt) {
  constexpr int32_t kCalls = 100;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    const cpu::Hart& h = m.hart();
    std::vector<uint32_t> p = rv::li(s0, kData);
    rv::li(p, t1, rv::addi(a0, zero, 0));
    rv::li(p, t4, rv::jalr(zero, ra, 0));
    p.push_back(rv::sw(t4, s0, 4));  // the function's return
    p.push_back(rv::addi(s5, zero, kCalls));
    const size_t loop = p.size();
    p.push_back(rv::slli(t3, s5, 20));  // addi a0, zero, s5
    p.push_back(rv::add(t3, t3, t1));
    p.push_back(rv::sw(t3, s0, 0));
    p.push_back(rv::jalr(ra, s0, 0));
    p.push_back(rv::add(s2, s2, a0));
    p.push_back(rv::addi(s5, s5, -1));
    p.push_back(
        rv::bne(s5, zero, static_cast<int32_t>(4 * loop) - static_cast<int32_t>(4 * p.size())));
    p.push_back(rv::jal(zero, 0));
    m.place(kRamBase, p);
    m.run(100000);
    ASSERT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1)) << exec::engine_name(kind);
    EXPECT_EQ(h.s.x[s2], kCalls * (kCalls + 1) / 2) << exec::engine_name(kind);
    EXPECT_FALSE(h.store_window().contains(kData, 4)) << exec::engine_name(kind);
  }
}

// Hart 0's translated store opens its window over a page; hart 1 then runs a loop on that page
// (which makes it code, on hart 1): the page must leave hart 0's window, so that hart 0's next
// store there (from the same translated block) reaches the slow path, which tells hart 1 to drop
// the stale translation of its loop.
TEST(JitDirectStores, APageBecomingCodeOnAnotherHartLeavesTheWindow) {
  EngineMachine m(EngineKind::kJit, 2);
  cpu::Hart& h0 = m.hart(0);
  const uint64_t loop = kData;
  std::vector<uint32_t> p = rv::li(s0, loop);
  const uint64_t store = kRamBase + 4 * p.size();
  p.push_back(rv::sw(t1, s0, 0));
  p.push_back(rv::jal(zero, 0));
  m.place(kRamBase, p);
  h0.s.x[t1] = rv::addi(a1, zero, 0);  // what hart 1's loop starts with
  m.run(p.size());
  ASSERT_EQ(h0.s.pc, kRamBase + 4 * (p.size() - 1));
  ASSERT_TRUE(h0.store_window().contains(loop, 4));
  SpinningHart1 hart1(m, loop);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (h0.store_window().contains(loop, 4) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_FALSE(h0.store_window().contains(loop, 4));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // hart 1 spins in its loop
  h0.s.x[t1] = rv::addi(a1, zero, 1);
  h0.s.pc = store;
  m.run(2);
  hart1.finish();
}

}  // namespace
}  // namespace strata::test
