// The decode cache forgets blocks that stopped running: sweeps after kSweepEvery decodes drop
// every untranslated block that has not run since the sweep before, keep (and may move) the
// others, reclaim the dropped blocks' memory when it pays, and translated code keeps working
// across them, in both engines.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

#include "exec/code_cache.h"
#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::CodeCache;
using exec::EngineKind;

// One-shot code: `count` blocks of "addi a0, a0, 1; jal zero, next", each run once per pass.
void append_one_shot_blocks(std::vector<uint32_t>& program, unsigned count) {
  for (unsigned k = 0; k < count; ++k) {
    program.push_back(rv::addi(a0, a0, 1));
    program.push_back(rv::jal(zero, 4));
  }
}

// Decoding many blocks nobody runs keeps the cache near kSweepEvery blocks, while a block that
// keeps running survives every sweep (moved, but found at its address with its instructions).
TEST(DecodeCacheSweep, IdleBlocksAreDroppedAndRunningOnesKept) {
  EngineMachine m(EngineKind::kInterp);
  constexpr unsigned kBlocks = 3 * CodeCache::kSweepEvery;
  std::vector<uint32_t> program;
  append_one_shot_blocks(program, kBlocks);
  m.place(kRamBase, program);
  CodeCache& cache = m.engine().code_cache();
  const uint64_t kept = kRamBase + 8;
  ASSERT_NE(cache.build(kept), nullptr);
  for (unsigned k = 2; k < kBlocks; ++k) {
    ASSERT_NE(cache.build(kRamBase + 8 * k), nullptr);
    ++cache.find(kept)->runs;  // the block at `kept` runs between every two decodes
    EXPECT_LE(cache.blocks_held(), CodeCache::kSweepEvery + 1);
  }
  EXPECT_GE(cache.blocks_swept(), CodeCache::kSweepEvery);
  const exec::Block* block = cache.find(kept);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->paddr, kept);
  ASSERT_EQ(block->instructions, 2U);
  EXPECT_EQ(block->insns[0].raw, rv::addi(a0, a0, 1));
  EXPECT_EQ(block->insns[1].raw, rv::jal(zero, 4));
  EXPECT_EQ(block->insns[2].offset, 8U);          // the sentinel
  EXPECT_EQ(cache.find(kRamBase + 16), nullptr);  // built early, never run: dropped
  EXPECT_EQ(m.engine().stats().blocks_swept, cache.blocks_swept());
}

// While the hart decodes, a sweep leaves the dropped blocks' memory in place until it weighs as
// much as the kept blocks (then moves the kept ones and frees the rest); an idle sweep (at most
// one per kIdleSweepGap) reclaims it once it weighs a quarter as much, the timed sweep always.
// Either way a dropped block is never found again, and the kept ones keep their instructions.
TEST(DecodeCacheSweep, DroppedMemoryIsReclaimedWhenItPays) {
  EngineMachine m(EngineKind::kInterp);
  CodeCache& cache = m.engine().code_cache();
  constexpr size_t kOneShotBytes = sizeof(exec::Block) + 3 * sizeof(exec::Insn);
  constexpr size_t kMaxBlockBytes = sizeof(exec::Block) + 129 * sizeof(exec::Insn);
  // Blocks of 128 instructions that keep running, weighing more than one sweep's one-shot blocks
  // (so the first sweep moves nothing), and less than two.
  constexpr unsigned kKept = CodeCache::kSweepEvery * kOneShotBytes * 3 / 2 / kMaxBlockBytes;
  const uint64_t kept_code = kRamBase + 0x10000;
  m.place(kept_code, std::vector<uint32_t>(kKept * 128, rv::addi(a0, a0, 1)));
  // One-shot blocks, never run: enough for six busy sweeps and the sweeps at rest below.
  constexpr unsigned kBusy = 6 * CodeCache::kSweepEvery;
  constexpr unsigned kOneShot = kBusy + CodeCache::kSweepWhenIdle + 8000 + 300;
  const uint64_t one_shot = kept_code + 512 * kKept;
  std::vector<uint32_t> program;
  append_one_shot_blocks(program, kOneShot);
  m.place(one_shot, program);
  // A one-shot block whose recent-table slot (pc / 2 = 2 mod 4) no other block uses.
  const uint64_t probe = one_shot + 8 * kOneShot + 4;
  m.place(probe, {rv::addi(a0, a0, 1), rv::jal(zero, 0)});
  ASSERT_LT(probe + 8, kRamBase + (8ULL << 20));
  unsigned decoded = 0;
  // Decodes the next `count` one-shot blocks; the kept blocks run between every two sweeps.
  const auto decode_one_shots = [&](unsigned count) {
    for (const unsigned end = decoded + count; decoded < end; ++decoded) {
      ASSERT_NE(cache.build(one_shot + 8 * decoded), nullptr);
      if (decoded % 1024 == 0) {
        for (unsigned b = 0; b < kKept; ++b) ++cache.find(kept_code + 512 * b)->runs;
      }
    }
  };

  for (unsigned k = 0; k < kKept; ++k) ASSERT_NE(cache.build(kept_code + 512 * k), nullptr);
  ASSERT_NE(cache.build(probe), nullptr);
  const exec::Block* first_kept = cache.find(kept_code);
  bool moved_at_first_sweep = false;
  uint64_t dropped_by_first_sweep = 0;
  while (decoded < kBusy) {
    decode_one_shots(1);
    if (dropped_by_first_sweep == 0) dropped_by_first_sweep = cache.blocks_swept();
    if (dropped_by_first_sweep != 0 && cache.blocks_swept() == dropped_by_first_sweep) {
      moved_at_first_sweep = moved_at_first_sweep || cache.find(kept_code) != first_kept;
      EXPECT_EQ(cache.find(probe), nullptr);
    }
    ASSERT_LE(cache.arena_bytes(),
              2 * cache.live_bytes() + CodeCache::kSweepEvery * (kOneShotBytes + 16));
  }
  EXPECT_FALSE(moved_at_first_sweep);
  EXPECT_GE(cache.blocks_swept(), 5 * CodeCache::kSweepEvery);
  // The sixth sweep came with the last decode and reclaimed: the sweeps at rest start clean.
  ASSERT_EQ(cache.arena_bytes(), cache.live_bytes());

  // Idle, after 256 decodes (36 KiB dropped): less than a quarter of what is kept (3.5 MiB) stays.
  const auto idle = std::chrono::steady_clock::now();
  decode_one_shots(CodeCache::kSweepWhenIdle);
  cache.sweep_when_idle(idle);
  EXPECT_EQ(cache.blocks_held(), kKept);
  EXPECT_GT(cache.arena_bytes(), cache.live_bytes());
  // Idle again, after 8000 more (more than a quarter), but too soon: no sweep.
  decode_one_shots(8000);
  cache.sweep_when_idle(idle + CodeCache::kIdleSweepGap / 2);
  EXPECT_EQ(cache.blocks_held(), kKept + 8000);
  // Once the gap has passed: dropped and reclaimed.
  cache.sweep_when_idle(idle + CodeCache::kIdleSweepGap);
  EXPECT_EQ(cache.blocks_held(), kKept);
  EXPECT_EQ(cache.arena_bytes(), cache.live_bytes());
  // Timed, after 300 more (40 KiB): reclaimed.
  decode_one_shots(300);
  for (unsigned b = 0; b < kKept; ++b) ++cache.find(kept_code + 512 * b)->runs;
  cache.sweep_if_due(std::chrono::steady_clock::now());  // the first timed sweep is due at once
  EXPECT_EQ(cache.arena_bytes(), cache.live_bytes());

  EXPECT_EQ(cache.blocks_held(), kKept);
  EXPECT_EQ(cache.find(one_shot), nullptr);
  for (unsigned k = 0; k < kKept; ++k) {
    const exec::Block* block = cache.find(kept_code + 512 * k);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(block->paddr, kept_code + 512 * k);
    ASSERT_EQ(block->instructions, 128U);
    EXPECT_EQ(block->insns[127].raw, rv::addi(a0, a0, 1));
    EXPECT_EQ(block->insns[128].offset, 512U);  // the sentinel
  }
}

// A loop whose region calls a handler (amoadd.w) is translated, then the program runs through
// enough one-shot blocks for several sweeps, then runs the loop and the one-shot blocks again: the
// translated code must not depend on the decode cache's blocks (it carries the handler's operand
// itself), and both engines end in the same state.
TEST(DecodeCacheSweep, TranslatedCodeOutlivesSweeps) {
  constexpr uint64_t kData = kRamBase + 0x70000;
  constexpr unsigned kOneShot = 3 * CodeCache::kSweepEvery;
  const uint32_t amoadd_w = rv::r_type(0x2f, a2, 2, s0, a4, 0x00);
  std::vector<uint32_t> program = {
      rv::addi(s1, zero, 2),    // 0: two passes
      rv::addi(a5, zero, 100),  // 4: pass: the loop runs 100 times
      amoadd_w,                 // 8: loop
      rv::addi(a5, a5, -1),     // 12
      rv::bne(a5, zero, -8),    // 16: -> loop
  };
  append_one_shot_blocks(program, kOneShot);
  program.push_back(rv::addi(s1, s1, -1));
  program.push_back(rv::beq(s1, zero, 8));                                         // -> the end
  program.push_back(rv::jal(zero, static_cast<int32_t>(4 - 4 * program.size())));  // -> pass
  program.push_back(rv::jal(zero, 0));
  const uint64_t end = kRamBase + 4 * (program.size() - 1);
  ASSERT_LT(kRamBase + 4 * program.size(), kData);

  std::vector<std::array<uint64_t, 32>> results;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, 8ULL << 20,
                    EngineMachine::translate_on_fourth_run());
    cpu::Hart& h = m.hart();
    m.place(kRamBase, program);
    m.poke<uint32_t>(kData, 7);
    h.s.x[s0] = kData;
    h.s.x[a4] = 3;
    for (int i = 0; i < 10 && h.s.pc != end; ++i) m.run(1000000);
    EXPECT_EQ(h.s.pc, end);
    EXPECT_EQ(h.s.x[a0], 2 * kOneShot);
    EXPECT_EQ(m.peek<uint32_t>(kData), 7U + 2 * 100 * 3);
    const exec::EngineStats stats = m.engine().stats();
    EXPECT_GE(stats.blocks_swept, CodeCache::kSweepEvery) << static_cast<int>(kind);
    if (kind == EngineKind::kJit) {
      EXPECT_GT(stats.blocks_translated, 0U);
    }
    results.emplace_back();
    std::copy_n(h.s.x.begin(), 32, results.back().begin());
  }
  EXPECT_EQ(results[0], results[1]);
}

}  // namespace
}  // namespace strata::test
