#include "exec/interpreter.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "exec/handlers.h"
#include "isa/disassembler.h"

namespace strata::exec {
namespace {

// How many blocks run between reads of the host clock for timer interrupts and --timeout.
constexpr unsigned kClockPollBlocks = 256;

}  // namespace

namespace {

void execute_traced(cpu::Hart& hart, const Block& block,
                    const std::function<void(const std::string&)>& trace) {
  const Insn* insn = block.insns;
  for (;;) {
    const uint64_t pc = hart.s.pc + insn->offset;
    const Flow flow = insn->handler(hart, *insn);
    if (flow == Flow::kEnd) break;
    const isa::Decoded decoded = isa::decode(insn->raw);
    std::string line = fmt::format("{:016x} ({:0{}x}) {}", pc, insn->raw, insn->length * 2,
                                   isa::disassemble(decoded, pc));
    if (flow == Flow::kTrap) {
      line += fmt::format("  -> trap, pc {:016x}", hart.s.pc);
    } else if (isa::writes_integer_register(decoded.op) && decoded.rd != 0) {
      line += fmt::format("  {}={:#x}", isa::register_name(insn->rd), hart.s.x[insn->rd]);
    }
    trace(line);
    if (flow != Flow::kNext) {
      hart.s.instret += insn->index + (flow == Flow::kRetired ? 1 : 0);
      return;
    }
    ++insn;
  }
  hart.s.instret += insn->index;
}

}  // namespace

void execute_block(cpu::Hart& hart, const Block& block) {
  const Insn* insn = block.insns;
  Flow flow = Flow::kNext;
  while ((flow = insn->handler(hart, *insn)) == Flow::kNext) ++insn;
  hart.s.instret += insn->index + (flow == Flow::kRetired ? 1 : 0);
}

void step_uncached(cpu::Hart& hart, const std::function<void(const std::string&)>& trace) {
  const uint64_t pc = hart.s.pc;
  uint16_t low = 0;
  if (hart.fetch16(pc, low) != cpu::MemStatus::kOk) {
    hart.take_exception(pc);
    return;
  }
  uint32_t raw = low;
  if (isa::instruction_length(low) == 4) {
    uint16_t high = 0;
    if (hart.fetch16(pc + 2, high) != cpu::MemStatus::kOk) {
      hart.take_exception(pc);
      return;
    }
    raw |= static_cast<uint32_t>(high) << 16;
  }
  const isa::Decoded decoded = isa::decode(raw);
  std::array<Insn, 2> insns{make_insn(decoded, 0, 0), Insn{}};
  insns[1].handler = &block_end;
  insns[1].offset = decoded.length;
  insns[1].index = 1;
  Block single;
  single.instructions = 1;
  single.insns = insns.data();
  if (trace) {
    execute_traced(hart, single, trace);
  } else {
    execute_block(hart, single);
  }
}

void wait_for_interrupt(cpu::Hart& hart, const std::atomic<bool>& stop, const RunLimits& limits,
                        const std::function<void()>& service) {
  // Sleep on the host until an interrupt is pending (enabled in mie, whatever the global enables
  // say), the next timer deadline, or a stop request.
  while (!stop.load(std::memory_order_relaxed)) {
    service();
    const uint64_t next_timer = hart.update_timers();
    if (hart.interrupt_possible()) break;
    if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) break;
    // Stop requests, interrupts and remote requests all wake the hart (Hart::wake), so it sleeps
    // until its next timer or --timeout; the one-second cap is only a safety net.
    constexpr uint64_t kMaxSleepNs = 1'000'000'000;
    uint64_t sleep_ns = std::min(kMaxSleepNs, hart.nanoseconds_until(next_timer));
    if (limits.deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
          *limits.deadline - std::chrono::steady_clock::now());
      sleep_ns = std::min(sleep_ns, static_cast<uint64_t>(std::max<int64_t>(left.count(), 0)));
    }
    hart.wait_for_wakeup(std::chrono::nanoseconds(sleep_ns));
  }
  hart.waiting_for_interrupt = false;
}

Interpreter::Interpreter(cpu::Hart& hart, const std::atomic<bool>& stop)
    : hart_(hart), stop_(stop), cache_(hart) {}

void Interpreter::service_requests() {
  cache_.apply_requested_invalidations();
  const uint64_t requested = hart_.sync_requested();
  if (!hart_.sync_completed(requested)) hart_.complete_sync(requested);
}

EngineStats Interpreter::stats() const {
  EngineStats stats;
  stats.blocks_decoded = cache_.blocks_built();
  stats.blocks_swept = cache_.blocks_swept();
  stats.blocks_held = cache_.blocks_held();
  return stats;
}

StopReason Interpreter::run(const RunLimits& limits) {
  unsigned poll = 0;
  for (;;) {
    if (hart_.s.exit_request.load(std::memory_order_relaxed) != 0) [[unlikely]] {
      hart_.s.exit_request.store(0, std::memory_order_relaxed);
      if (stop_.load(std::memory_order_acquire)) return StopReason::kStopRequested;
      if (hart_.take_park_request()) return StopReason::kParked;
      service_requests();
      hart_.update_timers();  // a comparator or mtime may have been written
    }
    if (++poll == kClockPollBlocks) [[unlikely]] {
      poll = 0;
      const auto now = std::chrono::steady_clock::now();
      hart_.update_timers(now);
      if (limits.deadline && now >= *limits.deadline) return StopReason::kTimeout;
      cache_.sweep_if_due(now);
    }
    if (hart_.interrupt_possible()) [[unlikely]]
      hart_.take_interrupt();
    if (hart_.s.instret >= limits.max_instructions) [[unlikely]] {
      return StopReason::kInstructionLimit;
    }

    const uint64_t pc = hart_.s.pc;
    uint64_t paddr = 0;
    bool cacheable = false;
    if (hart_.fetch_translate(pc, paddr, cacheable) != cpu::MemStatus::kOk) [[unlikely]] {
      hart_.take_exception(pc);
      continue;
    }
    Block* block = nullptr;
    if (cacheable) [[likely]] {
      block = cache_.find(paddr);
      if (block == nullptr) block = cache_.build(paddr);
    }
    // A block that would run past the instruction limit is executed one instruction at a time,
    // so the limit stops the hart exactly.
    if (block != nullptr && block->instructions > limits.max_instructions - hart_.s.instret) {
      block = nullptr;
    }
    if (block == nullptr) {
      step_uncached(hart_, trace_);
    } else if (trace_) {
      ++block->runs;
      execute_traced(hart_, *block, trace_);
    } else {
      ++block->runs;  // keeps it from the cache's sweeps
      execute_block(hart_, *block);
    }
    if (hart_.waiting_for_interrupt) [[unlikely]] {
      // An idle hart is a good time to give back the blocks it no longer runs.
      cache_.sweep_when_idle(std::chrono::steady_clock::now());
      wait_for_interrupt(hart_, stop_, limits, [this] { service_requests(); });
      if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
        return StopReason::kTimeout;
      }
    }
  }
}

}  // namespace strata::exec
