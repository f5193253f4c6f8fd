// Decoded basic blocks of one hart, keyed by guest physical address. A block never crosses a page,
// ends at the first branch, jump or sensitive instruction, and is dropped when a store (from any
// hart or device) lands on its page: CodeCache watches those pages in GuestRam with its hart's
// bit. A store by this hart invalidates at once; a store by another hart or a device is queued
// with request_invalidation() and applied by this hart at its next block boundary.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "exec/insn.h"
#include "isa/decoder.h"

namespace strata::exec {

struct Block {
  uint64_t paddr = 0;
  uint32_t instructions = 0;
  std::unique_ptr<Insn[]> insns;  // `instructions` entries plus the sentinel
  // The translator's host code for this block, if any (see src/jit). It lives as long as the
  // block: invalidating the block makes it unreachable.
  const void* host_code = nullptr;
  // Times the translator has had the interpreter run this block, waiting for it to become hot.
  uint32_t runs = 0;
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
  // when its first instruction straddles the page end and must be executed uncached.
  Block* build(uint64_t paddr);

  // Drops every block on the page holding `paddr`. Blocks are freed later, in
  // release_retired(), because the dispatcher may be inside one of them. Own thread only.
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
  void release_retired() {
    if (!retired_.empty()) retired_.clear();
  }

  uint64_t blocks_built() const { return blocks_built_; }

 private:
  static constexpr unsigned kRecentSlots = 32768;
  static unsigned slot(uint64_t paddr) { return (paddr >> 1) & (kRecentSlots - 1); }
  Block* find_slow(uint64_t paddr);

  cpu::Hart& hart_;
  uint64_t watch_bit_;
  std::function<void(uint64_t page)> revoke_writes_;
  std::mutex requests_mutex_;
  std::vector<uint64_t> requested_pages_;
  std::atomic<bool> has_requests_{false};
  std::unordered_map<uint64_t, std::unique_ptr<Block>> blocks_;
  std::unordered_map<uint64_t, std::vector<uint64_t>> blocks_by_page_;
  std::array<Block*, kRecentSlots> recent_{};
  std::vector<std::unique_ptr<Block>> retired_;
  uint64_t blocks_built_ = 0;
};

}  // namespace strata::exec
