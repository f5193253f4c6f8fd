// Translates decoded guest blocks (exec::Block) into x86-64 host code with Xbyak, a region of
// blocks at a time (region.h).
//
// Generated code runs with rbx = the Hart, r13 = the instruction budget (what is left of it after
// the current block), r15 = the guest pc of the current region's entry (region_emitter.h), and
// the JitContext and the budget mark in the entry trampoline's stack slots. The budget mark is r13
// at the last sync: the instructions retired since are the mark minus r13, so no register counts
// them. Guest registers live in HartState between regions; a region keeps its
// most used ones in host registers and writes them back before helper calls and exits. pc and
// instret follow the interpreter's conventions exactly (docs/jit.md).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

#include "cpu/hart.h"
#include "exec/code_cache.h"
#include "exec/engine.h"
#include "jit/code_buffer.h"
#include "jit/jump_cache.h"
#include "jit/region.h"

namespace strata::jit {

// The entry trampoline's frame, as offsets from rsp in generated code: the JitContext, and the
// budget mark (r13 at the last sync of instret).
constexpr int32_t kContextSlot = 0;
constexpr int32_t kBudgetMarkSlot = 8;
constexpr int32_t kFrameBytes = 24;  // with six pushes and the return address: 16-byte aligned
// The bytes of a jump that Translator::redirect writes over a region's entry.
constexpr size_t kRedirectBytes = 5;

// State generated code shares with the dispatcher.
struct JitContext {
  uint64_t budget = 0;     // instructions left before the dispatcher must run (r13 on exit)
  uint64_t exit_page = 0;  // the source block's physical page, for a chainable exit
  exec::CodeCache* cache = nullptr;
  uint64_t lookups = 0;        // jumps resolved in generated code: indirect, and to other pages
  uint64_t lookup_misses = 0;  // those that found no host code and went back to the dispatcher
  uint64_t slow_paths = 0;     // inline fast paths that gave up and called their handler
  // Set by a region whose indirect jumps keep leaving it for blocks on its page: the physical
  // address of its entry, whose region the dispatcher forms again (Translator::translate_again).
  uint8_t form_again = 0;          // 0, or how many times the region was formed (1 the first time)
  uint32_t form_again_blocks = 0;  // how many blocks it holds
  uint64_t form_again_paddr = 0;
};

// Where the hart's fields are, as byte offsets from the Hart object (measured at run time: Hart
// is not standard layout, and the translator generates code for one hart object anyway).
struct HartLayout {
  int32_t x = 0;
  int32_t pc = 0;
  int32_t instret = 0;
  int32_t exit_request = 0;
  int32_t data_tlb = 0;  // the pointers to the current regimes' TLBs (Hart::data_tlb_location)
  int32_t fetch_tlb = 0;
  int32_t tlb_index_mask = 0;
  int32_t fetch_epoch = 0;
  int32_t direct_load_limits = 0;  // Hart::direct_load_limits_location
  int32_t store_window_start = 0;  // StoreWindow::start_location
  int32_t store_window_limits = 0;
  int32_t f = 0;
  int32_t fflags = 0;
  int32_t frm = 0;
  int32_t mstatus = 0;
  static HartLayout of(const cpu::Hart& hart);
};

class Translator final {
 public:
  // Enters host code at `code`; returns 0, or the address of a chainable jump that exited (with
  // JitContext::exit_page set).
  using Entry = uintptr_t (*)(cpu::Hart* hart, const void* code, uint64_t budget,
                              JitContext* context);

  // Writes the entry trampoline, the common exit and the lookup of jump targets (in `cache`) at
  // the start of `buffer` and seals them.
  Translator(cpu::Hart& hart, CodeBuffer& buffer, const exec::CodeCache& cache);

  Entry entry() const { return entry_; }
  // Host code entered at `block`: the region of `cache`'s blocks it reaches on its page (see
  // region.h), or nullptr when the buffer has no room left for it.
  const void* translate(const exec::Block& block, exec::CodeCache& cache);
  // The same for a region that asked to be formed again (JitContext::form_again, which names its
  // `formation` and its `blocks`), now entered at the virtual page `vpage`: the blocks on it that
  // this hart's lookup has reached since are the targets of its indirect jumps (form_region's
  // `jump_targets`). Nothing when the region formed would hold no more blocks than the old one
  // (whose code then stays); nullptr when the buffer has no room. A region asks
  // FormAgainCountdown::kFormations times at most.
  std::optional<const void*> translate_again(const exec::Block& block, exec::CodeCache& cache,
                                             uint64_t vpage, unsigned formation, size_t blocks);
  // The size of the code the last successful translate() returned, and the budget it must be
  // entered with (Region::budget_needed of its entry): with less, it leaves at once.
  size_t last_code_bytes() const { return last_code_bytes_; }
  uint32_t last_entry_budget() const { return last_entry_budget_; }
  // The jumps a region counts before it asks to be formed again (EngineOptions::
  // jit_form_again_after; at least 1).
  void set_form_again_after(uint32_t jumps) { form_again_after_ = std::max<uint32_t>(jumps, 1); }
  // Regions of one block each from now on: lockstep compares the interpreter with each
  // dispatch, which must then run exactly one block.
  void translate_single_blocks() { max_region_blocks_ = 1; }
  // Blocks in the regions translated so far (entries included).
  uint64_t region_blocks() const { return region_blocks_; }
  // Points the chainable jump at `site` to `target`.
  static void patch_chain(uintptr_t site, const void* target);
  // Makes the code at `from` (a region's entry, which keeps its first kRedirectBytes free of
  // loop heads) jump to `to`: the jumps chained to it, and the lookup's and site caches' copies
  // of it, go to a region formed again without being found and patched one by one.
  static void redirect(const void* from, const void* to);

 private:
  JumpCache jump_cache_;  // read and filled by the lookup in the generated code
  cpu::Hart& hart_;
  CodeBuffer& buffer_;
  size_t last_code_bytes_ = 0;
  uint32_t last_entry_budget_ = 0;
  size_t max_region_blocks_ = kMaxRegionBlocks;
  uint32_t form_again_after_ = exec::kDefaultJitFormAgainAfter;
  Entry entry_ = nullptr;
  const void* exit_ = nullptr;             // common exit: rax holds the return value
  const void* lookup_ = nullptr;           // continues at the pc in r15 (see Prologue)
  const void* lookup_and_fill_ = nullptr;  // the same, filling the site cache at r9
  uint64_t region_blocks_ = 0;
  HartLayout layout_;
  // Host code for `region`, entered at its first block, which is its `formation`-th (0: the
  // first); nullptr when the buffer has no room.
  const void* translate(Region& region, unsigned formation);
  bool has_lzcnt_ = false;
  bool has_bmi1_ = false;
  bool has_popcnt_ = false;
  bool has_fma_ = false;
};

}  // namespace strata::jit
