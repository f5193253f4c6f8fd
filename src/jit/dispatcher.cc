#include "jit/dispatcher.h"

#include <algorithm>
#include <chrono>

#include "exec/interpreter.h"
#include "jit/region.h"
#include "mem/guest_ram.h"

namespace strata::jit {
namespace {

// Dispatcher visits between clock polls when generated code keeps coming back early (indirect
// jumps the lookup cache misses, sensitive instructions): the quantum bounds the rest.
constexpr unsigned kClockPollVisits = 256;

uint64_t nanoseconds_since(std::chrono::steady_clock::time_point start) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count());
}

}  // namespace

Dispatcher::Dispatcher(cpu::Hart& hart, const std::atomic<bool>& stop, CodeBuffer buffer,
                       uint32_t hot_runs)
    : hart_(hart),
      stop_(stop),
      cache_(hart),
      buffer_(std::move(buffer)),
      translator_(hart, buffer_, cache_),
      hot_runs_(hot_runs) {
  context_.cache = &cache_;
}

void Dispatcher::service_requests() {
  cache_.apply_requested_invalidations();
  const uint64_t requested = hart_.sync_requested();
  if (!hart_.sync_completed(requested)) hart_.complete_sync(requested);
}

exec::EngineStats Dispatcher::stats() const {
  exec::EngineStats stats = stats_;
  stats.blocks_decoded = cache_.blocks_built();
  stats.blocks_swept = cache_.blocks_swept();
  stats.blocks_held = cache_.blocks_held();
  stats.code_bytes = buffer_.used();
  stats.region_blocks = translator_.region_blocks();
  stats.lookups = context_.lookups;
  stats.lookup_hits = context_.lookups - context_.lookup_misses;
  stats.slow_paths = context_.slow_paths;
  return stats;
}

void Dispatcher::flush() {
  // Every block goes with the code: they are rebuilt on demand. Their memory stays until the
  // cache's next sweep, so a caller still holding one is safe.
  buffer_.flush();
  cache_.invalidate_all();
  pending_site_ = 0;
  ++stats_.cache_flushes;
}

const void* Dispatcher::code_for(exec::Block& block) {
  if (block.host_code != nullptr) return block.host_code;
  const auto start = std::chrono::steady_clock::now();
  const void* code = translator_.translate(block, cache_);
  stats_.translate_ns += nanoseconds_since(start);
  if (code == nullptr) {
    flush();
    return nullptr;
  }
  install(block, code);
  return code;
}

void Dispatcher::install(exec::Block& block, const void* code) {
  block.host_code = code;
  block.host_code_budget = translator_.last_entry_budget();
  ++stats_.blocks_translated;
  if (on_translated_) on_translated_(code, translator_.last_code_bytes(), block.paddr);
}

void Dispatcher::form_again(uint64_t paddr, unsigned formation, size_t blocks) {
  exec::Block* block = cache_.find(paddr);
  if (block == nullptr || block->host_code == nullptr) return;  // dropped since it asked
  const auto start = std::chrono::steady_clock::now();
  // The region left for a block on its own page, whose pc the hart now holds.
  const std::optional<const void*> formed = translator_.translate_again(
      *block, cache_, hart_.s.pc & ~(mem::kPageSize - 1), formation, blocks);
  stats_.translate_ns += nanoseconds_since(start);
  if (!formed) return;  // no better than the region that asked: its code stays
  const void* code = *formed;
  if (code == nullptr) {
    flush();
    return;
  }
  Translator::redirect(block->host_code, code);
  install(*block, code);
  ++stats_.regions_formed_again;
}

std::optional<exec::StopReason> Dispatcher::dispatch(const exec::RunLimits& limits, bool chain) {
  if (hart_.s.exit_request.load(std::memory_order_relaxed) != 0) [[unlikely]] {
    hart_.s.exit_request.store(0, std::memory_order_relaxed);
    if (stop_.load(std::memory_order_acquire)) return exec::StopReason::kStopRequested;
    if (hart_.take_park_request()) return exec::StopReason::kParked;
    service_requests();
    hart_.update_timers();  // a comparator or mtime may have been written
  }
  // Code comes back at a loop head whose next pass the budget does not cover, so the quantum
  // usually ends a little short of the poll point; entering the code again for that remainder
  // would bring it straight back (twice the entries). The poll comes up to one region pass early.
  if (hart_.s.instret + kMaxRegionInstructions >= next_poll_instret_ ||
      ++polls_skipped_ >= kClockPollVisits) [[unlikely]] {
    polls_skipped_ = 0;
    next_poll_instret_ = hart_.s.instret + kQuantum;
    const auto now = std::chrono::steady_clock::now();
    hart_.update_timers(now);
    if (limits.deadline && now >= *limits.deadline) return exec::StopReason::kTimeout;
    cache_.sweep_if_due(now);
  }
  if (hart_.interrupt_possible() && hart_.take_interrupt()) [[unlikely]] {
    ++interrupts_taken_;
    pending_site_ = 0;
  }
  if (hart_.s.instret >= limits.max_instructions) [[unlikely]] {
    return exec::StopReason::kInstructionLimit;
  }
  if (before_fetch_) before_fetch_();

  const uint64_t pc = hart_.s.pc;
  uint64_t paddr = 0;
  bool cacheable = false;
  if (hart_.fetch_translate(pc, paddr, cacheable) != cpu::MemStatus::kOk) [[unlikely]] {
    hart_.take_exception(pc);
    pending_site_ = 0;
    return std::nullopt;
  }
  const uint64_t remaining = limits.max_instructions - hart_.s.instret;
  exec::Block* block = nullptr;
  const void* code = nullptr;
  if (cacheable) [[likely]] {
    block = cache_.find(paddr);
    if (block == nullptr) block = cache_.build(paddr);
    if (block != nullptr && block->instructions <= remaining && is_cold(*block)) {
      // Not hot yet: the interpreter runs it, as its own loop would.
      pending_site_ = 0;
      ++stats_.blocks_interpreted;
      exec::execute_block(hart_, *block);
      return after_block(limits);
    }
    if (block != nullptr) code = code_for(*block);
    if (block != nullptr && code == nullptr) {
      // The buffer was full and is empty now: decode and translate again.
      block = cache_.build(paddr);
      if (block != nullptr) code = code_for(*block);
    }
  }
  if (code == nullptr || block->instructions > remaining) {
    // Not translatable (a page-straddling instruction, non-uniform PMP), or a block that would
    // run past the instruction limit: one instruction at a time, as the interpreter does.
    pending_site_ = 0;
    exec::step_uncached(hart_, {});
  } else if (block->host_code_budget > (chain ? remaining : block->instructions)) {
    // The code's region may run on past the instruction limit (or, for a step, past this block)
    // before it checks the budget again: the interpreter runs this block, and the region's
    // loops are entered again once the limit leaves them room.
    pending_site_ = 0;
    exec::execute_block(hart_, *block);
  } else {
    if (pending_site_ != 0 && pending_pc_ == pc && pending_page_ == (paddr & ~0xfffULL)) {
      Translator::patch_chain(pending_site_, code);
      ++stats_.chains_patched;
    }
    pending_site_ = 0;
    ++stats_.dispatches;
    // Up to the next clock poll, but always what the code needs to start (it may overshoot the
    // poll point by less than that), and never past the instruction limit.
    const uint64_t until_poll =
        next_poll_instret_ > hart_.s.instret ? next_poll_instret_ - hart_.s.instret : 0;
    const uint64_t budget =
        chain ? std::min(std::max<uint64_t>(until_poll, block->host_code_budget), remaining)
              : block->instructions;
    const uintptr_t site = translator_.entry()(&hart_, code, budget, &context_);
    if (context_.form_again != 0) [[unlikely]] {
      form_again(context_.form_again_paddr, context_.form_again, context_.form_again_blocks);
      context_.form_again = 0;
    }
    if (site != 0 && chain) {
      ++stats_.chain_exits;
      pending_site_ = site;
      pending_page_ = context_.exit_page;
      pending_pc_ = hart_.s.pc;
    }
  }
  return after_block(limits);
}

std::optional<exec::StopReason> Dispatcher::after_block(const exec::RunLimits& limits) {
  if (hart_.waiting_for_interrupt) [[unlikely]] {
    // An idle hart is a good time to give back the blocks it no longer runs.
    cache_.sweep_when_idle(std::chrono::steady_clock::now());
    exec::wait_for_interrupt(hart_, stop_, limits, [this] { service_requests(); });
    if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
      return exec::StopReason::kTimeout;
    }
  }
  return std::nullopt;
}

exec::StopReason Dispatcher::run(const exec::RunLimits& limits) {
  // Like the interpreter, poll the clock a quantum into the run, not at once.
  next_poll_instret_ = hart_.s.instret + kQuantum;
  for (;;) {
    if (const auto stop = dispatch(limits, /*chain=*/true)) return *stop;
  }
}

std::optional<exec::StopReason> Dispatcher::step(const exec::RunLimits& limits) {
  return dispatch(limits, /*chain=*/false);
}

}  // namespace strata::jit
