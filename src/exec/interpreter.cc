#include "exec/interpreter.h"

#include <algorithm>

#include <fmt/format.h>

#include "exec/handlers.h"
#include "isa/disassembler.h"

namespace strata::exec {
namespace {

// How many blocks run between reads of the host clock for timer interrupts and --timeout.
constexpr unsigned kClockPollBlocks = 256;

}  // namespace

Interpreter::Interpreter(cpu::Hart& hart, const std::atomic<bool>& stop)
    : hart_(hart), stop_(stop), cache_(hart) {}

void Interpreter::execute(Block& block) {
  const Insn* insn = block.insns.get();
  Flow flow = Flow::kNext;
  while ((flow = insn->handler(hart_, *insn)) == Flow::kNext) ++insn;
  hart_.s.instret += insn->index + (flow == Flow::kRetired ? 1 : 0);
}

void Interpreter::execute_traced(Block& block) {
  const Insn* insn = block.insns.get();
  for (;;) {
    const uint64_t pc = hart_.s.pc + insn->offset;
    const Flow flow = insn->handler(hart_, *insn);
    if (flow == Flow::kEnd) break;
    const isa::Decoded decoded = isa::decode(insn->raw);
    std::string line = fmt::format("{:016x} ({:0{}x}) {}", pc, insn->raw, insn->length * 2,
                                   isa::disassemble(decoded, pc));
    if (flow == Flow::kTrap) {
      line += fmt::format("  -> trap, pc {:016x}", hart_.s.pc);
    } else if (isa::writes_integer_register(decoded.op) && decoded.rd != 0) {
      line += fmt::format("  {}={:#x}", isa::register_name(insn->rd), hart_.s.x[insn->rd]);
    }
    trace_(line);
    if (flow != Flow::kNext) {
      hart_.s.instret += insn->index + (flow == Flow::kRetired ? 1 : 0);
      return;
    }
    ++insn;
  }
  hart_.s.instret += insn->index;
}

void Interpreter::step_uncached() {
  const uint64_t pc = hart_.s.pc;
  uint16_t low = 0;
  if (hart_.fetch16(pc, low) != cpu::MemStatus::kOk) {
    hart_.take_exception(pc);
    return;
  }
  uint32_t raw = low;
  if (isa::instruction_length(low) == 4) {
    uint16_t high = 0;
    if (hart_.fetch16(pc + 2, high) != cpu::MemStatus::kOk) {
      hart_.take_exception(pc);
      return;
    }
    raw |= static_cast<uint32_t>(high) << 16;
  }
  const isa::Decoded decoded = isa::decode(raw);
  Block single;
  single.instructions = 1;
  single.insns = std::make_unique<Insn[]>(2);
  single.insns[0] = make_insn(decoded, 0, 0);
  single.insns[1] = Insn{};
  single.insns[1].handler = &block_end;
  single.insns[1].offset = decoded.length;
  single.insns[1].index = 1;
  if (trace_) {
    execute_traced(single);
  } else {
    execute(single);
  }
}

void Interpreter::service_requests() {
  cache_.apply_requested_invalidations();
  const uint64_t requested = hart_.sync_requested();
  if (!hart_.sync_completed(requested)) hart_.complete_sync(requested);
}

void Interpreter::wait_for_interrupt(const RunLimits& limits) {
  // WFI: sleep on the host until an interrupt is pending (enabled in mie, whatever the global
  // enables say), the next timer deadline, or a stop request.
  while (!stop_.load(std::memory_order_relaxed)) {
    service_requests();
    const uint64_t next_timer = hart_.update_timers();
    if (hart_.interrupt_possible()) break;
    if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) break;
    // Stop requests, interrupts and remote requests all wake the hart (Hart::wake), so it sleeps
    // until its next timer or --timeout; the one-second cap is only a safety net.
    constexpr uint64_t kMaxSleepNs = 1'000'000'000;
    uint64_t sleep_ns = std::min(kMaxSleepNs, hart_.nanoseconds_until(next_timer));
    if (limits.deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
          *limits.deadline - std::chrono::steady_clock::now());
      sleep_ns = std::min(sleep_ns, static_cast<uint64_t>(std::max<int64_t>(left.count(), 0)));
    }
    hart_.wait_for_wakeup(std::chrono::nanoseconds(sleep_ns));
  }
  hart_.waiting_for_interrupt = false;
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
      hart_.update_timers();
      if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
        return StopReason::kTimeout;
      }
    }
    if (hart_.interrupt_possible()) [[unlikely]]
      hart_.take_interrupt();
    if (hart_.s.instret >= limits.max_instructions) [[unlikely]] {
      return StopReason::kInstructionLimit;
    }
    cache_.release_retired();

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
      step_uncached();
    } else if (trace_) {
      execute_traced(*block);
    } else {
      execute(*block);
    }
    if (hart_.waiting_for_interrupt) [[unlikely]] {
      wait_for_interrupt(limits);
      if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
        return StopReason::kTimeout;
      }
    }
  }
}

}  // namespace strata::exec
