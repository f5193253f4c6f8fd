// The decode cache forgets blocks that stopped running: sweeps after kSweepEvery decodes drop
// every untranslated block that has not run since the sweep before, keep (and move) the others,
// and translated code keeps working across them, in both engines.
#include <gtest/gtest.h>

#include <array>
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
    exec::EngineOptions options = EngineMachine::translate_at_once();
    options.jit_hot = 4;
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, 8ULL << 20, options);
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
