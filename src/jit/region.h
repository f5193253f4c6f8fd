// The unit the translator compiles: a region of blocks on one guest page, with one assignment of
// guest registers to host registers for all of it.
//
// A block's translation used to hold guest registers in host registers only between its own
// entry and exit, so a loop wrote its registers back to HartState and loaded them again on every
// iteration (a store-to-load round trip on the loop's critical path). A region instead takes in
// the blocks its entry reaches by direct jumps and fall-through on the same page, and jumps
// between them inside the generated code with the registers still in place: an inner loop whose
// blocks are all on its page runs without touching HartState. A call (JAL with a link) on the
// page reaches its callee's blocks, and the block after the call, where the callee's return goes:
// a loop that calls a function on its page, or a function that calls itself, stays in the region
// (the return compares its target with those blocks before it takes the lookup).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "exec/code_cache.h"

namespace strata::jit {

// At most this many blocks and instructions in a region: bounds its code and translation time.
inline constexpr size_t kMaxRegionBlocks = 16;
static_assert(kMaxRegionBlocks <= 32, "Region::loop_heads has a bit per block");
inline constexpr uint32_t kMaxRegionInstructions = 512;

struct Region {
  // blocks[0] is the entry; the others are entered only from inside the region.
  std::vector<const exec::Block*> blocks;
  // Guest integer registers to keep in host registers, most used first (never x0).
  std::vector<uint8_t> registers;
  // Bit r: some instruction of the region may write guest register r.
  uint64_t written = 0;
  // Whether some instruction of the region is a load, or a store, that the translator emits
  // inline (integer and FP; AMOs and LR/SC run their handlers).
  bool loads = false;
  bool stores = false;
  // Bit i: block i is entered from outside the region (the entry) or by a jump from itself or
  // from a block after it: the heads of the region's loops, in the order the blocks are emitted.
  // Only these check for exit requests and the budget; every path that runs on and on passes
  // one of them.
  uint32_t loop_heads = 1;
  // Bit i: block i follows a call in the region (its return site). An indirect jump of the region
  // whose target is one of these goes there; each is also a loop head (a return is a jump back).
  uint32_t return_sites = 0;
  // Bit i: block i is one that the hart's lookup was seen to reach (form_region's
  // `jump_targets`): the region's indirect jumps go there too, and it is a loop head.
  uint32_t jump_targets = 0;
  // For each loop head: the most instructions the region can retire from the head's first one
  // until it reaches a loop head again or leaves. The head leaves unless the budget covers them
  // all, so the blocks after it need not check the budget: each only takes its length from it.
  std::array<uint32_t, kMaxRegionBlocks> budget_needed{};

  // The index of the block starting at guest physical address `paddr`, or -1.
  int index_of(uint64_t paddr) const;
};

// The region entered at `entry`: `entry` and the blocks on its page reachable from it by direct
// jumps, branches, fall-through and the returns of calls (the block after a call) that `cache`
// already holds and that have run at least half as often as `entry` (a path rarely taken is not
// worth translating), breadth first, kept only if `entry` can be reached from them again (the
// loops through `entry`; an indirect jump may reach any return site). `max_registers` bounds
// `registers`, `max_blocks` (at most kMaxRegionBlocks) `blocks`. `jump_targets` are physical
// addresses on the page that indirect jumps were seen to reach (a switch's cases, the callers a
// function returns to): an indirect jump of the region may reach them too.
Region form_region(const exec::Block& entry, exec::CodeCache& cache, unsigned max_registers,
                   size_t max_blocks = kMaxRegionBlocks,
                   std::span<const uint64_t> jump_targets = {});

// At most two values, without a heap allocation (region formation asks for a block's successors
// many times per region).
template <typename T>
struct AtMostTwo {
  std::array<T, 2> values{};
  size_t count = 0;

  void push_back(T value) { values.at(count++) = value; }
  const T* begin() const { return values.data(); }
  const T* end() const { return values.data() + count; }
};

// Offsets from `block`'s first byte of the pcs its last instruction may continue at without an
// indirect jump: both sides of a branch, a JAL's target, or the next pc of a block cut at its size
// limit or page end. Empty for indirect jumps and sensitive instructions.
AtMostTwo<int64_t> direct_successors(const exec::Block& block);

}  // namespace strata::jit
