// The jump cache: the host code last found for a guest pc, per hart, so that the lookup of an
// indirect jump's target (translator.cc) usually takes one load and two compares instead of the
// chain of the fetch TLB, the decode cache's recent table and the block.
//
// An entry holds while the hart's fetch epoch (Hart::fetch_epoch_location) is the one it was
// filled in: the epoch names the fetch regime and changes at every TLB flush and whenever
// translated code is dropped (CodeCache::invalidate_page), so no entry outlives the mapping or
// the code it was found through. Only the hart's own thread reads and writes it.
//
// A site cache does the same for one direct jump to another page: the jump's target is fixed,
// so the host code found for it holds while the epoch does, and the jump goes there after one
// compare, through an indirect jump of its own that the host predicts (region_emitter.cc).
#pragma once

#include <array>
#include <cstdint>

namespace strata::jit {

struct alignas(32) JumpCacheEntry {
  uint64_t pc = ~0ULL;  // odd: matches no jump target while empty
  uint64_t epoch = 0;
  const void* code = nullptr;
};

// The 16 bytes of one jump's site cache, in its hart's code buffer (CodeBuffer::site_caches).
struct SiteCache {
  static constexpr uint64_t kEmpty = ~0ULL;  // an epoch the hart never reaches
  uint64_t epoch = kEmpty;
  const void* code = nullptr;
};

// The 16 bytes (a site cache's place) of a region's countdown of the indirect jumps to its own
// page that leave it (RegionEmitter::count_jumps_left_on_page).
struct FormAgainCountdown {
  // A region formed before the targets of its indirect jumps had run (a switch's cases, the
  // callers a function returns to) asks to be formed again after EngineOptions::
  // jit_form_again_after such jumps, soon, for the targets that run most; then once more after
  // kLater times as many, for those that needed their 64 runs to be translated too (--jit-hot).
  static constexpr unsigned kFormations = 2;
  static constexpr uint32_t kLater = 16;
  uint32_t left = 0;
  std::array<uint32_t, 3> unused{};
};
static_assert(sizeof(FormAgainCountdown) == sizeof(SiteCache));

struct JumpCache {
  static constexpr unsigned kSlots = 2048;
  static constexpr int kEntryShift = 5;
  static_assert(sizeof(JumpCacheEntry) == 1 << kEntryShift);
  // Jump targets are 2-byte aligned: the slot is pc bits 1-11.
  static unsigned slot(uint64_t pc) { return static_cast<unsigned>(pc >> 1) & (kSlots - 1); }

  std::array<JumpCacheEntry, kSlots> entries{};
};

}  // namespace strata::jit
