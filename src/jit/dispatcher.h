// The translator's engine: the dispatcher loop that enters translated blocks, and around it
// everything the interpreter's loop also does (remote requests, timers, interrupts, limits, WFI).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>

#include "cpu/hart.h"
#include "exec/code_cache.h"
#include "exec/engine.h"
#include "jit/code_buffer.h"
#include "jit/translator.h"

namespace strata::jit {

class Dispatcher final : public exec::Engine {
 public:
  // Instructions between two polls of the host clock (timer interrupts, --timeout): generated
  // code comes back to the dispatcher within this many instructions plus one pass through a
  // region (at most kMaxRegionInstructions). Each poll costs a way out of the code and back in
  // (about 130 ns); at 65,536, tens of microseconds apart, they cost about 1 % of a CPU-bound run.
  static constexpr uint64_t kQuantum = 65536;

  // A block is translated on its `hot_runs`-th run; until then the interpreter runs it.
  Dispatcher(cpu::Hart& hart, const std::atomic<bool>& stop, CodeBuffer buffer, uint32_t hot_runs);

  exec::StopReason run(const exec::RunLimits& limits) override;
  void service_requests() override;
  exec::CodeCache& code_cache() override { return cache_; }
  exec::EngineStats stats() const override;

  // Runs one dispatch (interrupt delivery, then one block, one uncached instruction or a fetch
  // fault) with chaining off, and returns; lockstep checks the hart after each. A stop reason, or
  // nothing if the hart may go on. The interpreter runs the block when its translation's region
  // could go on past it (see translate_single_blocks).
  std::optional<exec::StopReason> step(const exec::RunLimits& limits);
  // Translates regions of one block each (Translator::translate_single_blocks), so that each
  // step runs translated code.
  void translate_single_blocks() { translator_.translate_single_blocks(); }
  // Called in each dispatch once interrupts are delivered, right before the hart fetches.
  void set_before_fetch(std::function<void()> hook) { before_fetch_ = std::move(hook); }
  // Called after each translation (exec::EngineOptions::on_translated).
  void set_on_translated(std::function<void(const void*, size_t, uint64_t)> hook) {
    on_translated_ = std::move(hook);
  }
  // exec::EngineOptions::jit_form_again_after.
  void set_form_again_after(uint32_t jumps) { translator_.set_form_again_after(jumps); }
  // How many interrupts this dispatcher has delivered.
  uint64_t interrupts_taken() const { return interrupts_taken_; }

 private:
  // One iteration of the dispatcher; returns a stop reason or nothing to go on.
  std::optional<exec::StopReason> dispatch(const exec::RunLimits& limits, bool chain);
  // The end of a dispatch: WFI.
  std::optional<exec::StopReason> after_block(const exec::RunLimits& limits);
  // Host code for `block`, translating it (and flushing the buffer when full). nullptr when the
  // buffer was flushed: `block` is gone and the dispatcher must look the pc up again.
  const void* code_for(exec::Block& block);
  // Makes `code`, the translator's last, `block`'s host code, and counts and reports it.
  void install(exec::Block& block, const void* code);
  // Forms the region entered at `paddr` again, when its code asked to (JitContext::form_again:
  // its `formation` and its `blocks`), and sends the old code's entries to the new code.
  void form_again(uint64_t paddr, unsigned formation, size_t blocks);
  // Whether `block` is still cold: counts a run of it and says whether to interpret that run.
  bool is_cold(exec::Block& block) const {
    return block.host_code == nullptr && ++block.runs < hot_runs_;
  }
  void flush();

  cpu::Hart& hart_;
  const std::atomic<bool>& stop_;
  exec::CodeCache cache_;
  CodeBuffer buffer_;
  Translator translator_;
  uint32_t hot_runs_;
  JitContext context_;
  // A chainable exit waiting to be patched once the dispatcher has found its target.
  uintptr_t pending_site_ = 0;
  uint64_t pending_page_ = 0;
  uint64_t pending_pc_ = 0;
  uint64_t next_poll_instret_ = 0;
  unsigned polls_skipped_ = 0;
  uint64_t interrupts_taken_ = 0;
  exec::EngineStats stats_;
  std::function<void()> before_fetch_;
  std::function<void(const void*, size_t, uint64_t)> on_translated_;
};

}  // namespace strata::jit
