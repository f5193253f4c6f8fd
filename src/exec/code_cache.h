// Decoded basic blocks of one hart, keyed by guest physical address. A block never crosses a page,
// ends at the first branch, jump or sensitive instruction, and is dropped when a store (from any
// hart or device) lands on its page: CodeCache watches those pages in GuestRam with its hart's
// bit. A store by this hart invalidates at once; a store by another hart or a device is queued
// with request_invalidation() and applied by this hart at its next block boundary.
//
// Most blocks a guest decodes run only for a while (a boot decodes some 40,000, most of them in
// code that never runs again), so the cache also forgets the blocks nobody runs. A sweep drops
// every block that has not run since the previous sweep and has no translation; a dropped block
// is decoded again if it runs again. Sweeps come once kSweepEvery blocks have been decoded since
// the last one (bounding the growth while a guest runs through new code), once a second from
// the engine's clock poll, and when the hart goes idle after decoding new code (so that a guest
// idle at its shell gives back what its boot needed). Blocks live in a BlockArena. A sweep moves
// the ones it keeps to a new arena, so that what it dropped goes back to the host whole, but only
// once the dropped blocks weigh enough against the kept ones (see sweep()): moving them at every
// sweep cost a boot thousands of page faults.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "exec/block_arena.h"
#include "exec/insn.h"
#include "isa/decoder.h"

namespace strata::exec {

struct Block {
  uint64_t paddr = 0;
  uint32_t instructions = 0;
  // Times the interpreter has run this block (under the translator, until it is hot).
  uint32_t runs = 0;
  // `runs` at the last sweep: a block whose count has not moved since is no longer running.
  uint32_t runs_at_sweep = 0;
  // The least budget host_code (below) may be entered with (jit::Translator::last_entry_budget).
  uint32_t host_code_budget = 0;
  // The translator's host code for this block, if any (see src/jit). It lives as long as the
  // block: invalidating the block makes it unreachable.
  const void* host_code = nullptr;
  Insn* insns = nullptr;  // `instructions` entries plus the sentinel (in the cache, right after)
};

// Builds the interpreter's form of one decoded instruction at `offset`/`index` in its block.
Insn make_insn(const isa::Decoded& decoded, uint16_t offset, uint16_t index);
// Whether `op` must be the last instruction of its block.
bool ends_block(isa::Op op);

class CodeCache final {
 public:
  explicit CodeCache(cpu::Hart& hart);
  ~CodeCache();
  CodeCache(const CodeCache&) = delete;
  CodeCache& operator=(const CodeCache&) = delete;

  Block* find(uint64_t paddr) {
    Block* b = recent_[slot(paddr)];
    if (b != nullptr && b->paddr == paddr) [[likely]]
      return b;
    return find_slow(paddr);
  }
  // Decodes the block at `paddr` (whose page is RAM, executable and cacheable). Returns nullptr
  // when its first instruction straddles the page end and must be executed uncached. Between
  // blocks only: it may sweep, which moves every block (no Block* from before the call is valid
  // after it).
  Block* build(uint64_t paddr);
  // Between blocks, like build(): sweeps if the last sweep is kSweepInterval old.
  void sweep_if_due(std::chrono::steady_clock::time_point now);
  // Between blocks, when the hart goes idle: sweeps if kSweepWhenIdle blocks were decoded since
  // the last sweep and the last idle sweep is kIdleSweepGap old. An idle guest that decodes
  // nothing new does not pay for sweeps, and a hart that idles between short bursts of work (as
  // secondary harts do while Linux boots) does not drop one burst's code before the next needs
  // it: sweeping at each idle made them decode ten times the blocks they ran.
  void sweep_when_idle(std::chrono::steady_clock::time_point now) {
    if (built_since_sweep_ < kSweepWhenIdle || now < next_idle_sweep_) return;
    next_idle_sweep_ = now + kIdleSweepGap;
    sweep(Occasion::kIdle);
  }

  // Drops every block on the page holding `paddr`. Own thread only. The blocks' memory stays
  // valid until the next sweep: the engine may be inside one of them.
  void invalidate_page(uint64_t paddr);
  // From any thread: asks this cache's hart to invalidate the page at its next block boundary.
  void request_invalidation(uint64_t paddr);
  // Own thread: applies the requested invalidations.
  void apply_requested_invalidations();
  // How a newly watched page's write permission is revoked from every hart's TLB. By default only
  // this cache's own hart; a multi-hart machine installs one that covers all harts.
  void set_write_revoker(std::function<void(uint64_t page)> revoker) {
    revoke_writes_ = std::move(revoker);
  }
  // Own thread: drops every block (the translator's code buffer was flushed).
  void invalidate_all();

  // The direct-mapped table find() tries first, for generated code that resolves jumps itself
  // (src/jit): slot(paddr) holds nullptr or a block that is still in the cache, maybe another
  // address's.
  static constexpr unsigned kRecentSlots = 32768;
  static unsigned slot(uint64_t paddr) { return (paddr >> 1) & (kRecentSlots - 1); }
  const Block* const* recent_blocks() const { return recent_.data(); }

  uint64_t blocks_built() const { return blocks_built_; }
  uint64_t blocks_swept() const { return blocks_swept_; }
  size_t blocks_held() const { return blocks_.size(); }
  // Bytes of block memory: what the held blocks take, and what the arena holds (the held blocks
  // and the dropped ones whose memory a sweep has not reclaimed yet).
  size_t live_bytes() const { return live_bytes_; }
  size_t arena_bytes() const { return arena_.allocated(); }

  // Blocks decoded between two sweeps (about 4 MiB of them). Fewer makes a boot decode the same
  // blocks again and again: blocks that run now and then are dropped in between (4096 made a
  // 1-hart boot decode 44,000 blocks, this 35,000).
  static constexpr uint64_t kSweepEvery = 16384;
  static constexpr std::chrono::seconds kSweepInterval{1};
  static constexpr uint64_t kSweepWhenIdle = 256;
  static constexpr std::chrono::milliseconds kIdleSweepGap{250};

 private:
  Block* find_slow(uint64_t paddr);
  // What made the sweep come: kSweepEvery decodes, the hart going idle, or the clock.
  enum class Occasion : uint8_t { kDecoding, kIdle, kTimed };
  // Drops the untranslated blocks that have not run since the last sweep. Then moves the others
  // to a new arena, freeing the dropped blocks' memory, if there is enough of it for `occasion`.
  void sweep(Occasion occasion);
  // Unlinks the block at `start` from the lookup structures (its page's list is the caller's).
  void forget(uint64_t start);
  // Takes a block that leaves blocks_ out of recent_ and the live bytes.
  void drop(const Block& block);

  cpu::Hart& hart_;
  uint64_t watch_bit_;
  std::function<void(uint64_t page)> revoke_writes_;
  std::mutex requests_mutex_;
  std::vector<uint64_t> requested_pages_;
  std::atomic<bool> has_requests_{false};
  BlockArena arena_;
  absl::flat_hash_map<uint64_t, Block*> blocks_;
  absl::flat_hash_map<uint64_t, std::vector<uint64_t>> blocks_by_page_;
  std::array<Block*, kRecentSlots> recent_{};
  uint64_t built_since_sweep_ = 0;
  size_t live_bytes_ = 0;  // of arena_, in blocks_ (the rest are dropped blocks)
  std::chrono::steady_clock::time_point next_timed_sweep_{};
  std::chrono::steady_clock::time_point next_idle_sweep_{};
  uint64_t blocks_built_ = 0;
  uint64_t blocks_swept_ = 0;
};

}  // namespace strata::exec
