// The reference engine: runs a hart by dispatching pre-decoded basic blocks from the CodeCache.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "cpu/hart.h"
#include "exec/code_cache.h"

namespace strata::exec {

// Why run() returned.
enum class StopReason : uint8_t {
  kStopRequested,     // the machine asked (guest power-off, HTIF exit, a signal)
  kInstructionLimit,  // --max-insns reached
  kTimeout,           // --timeout reached
  kParked,            // the hart stopped itself (SBI HSM hart_stop)
};

struct RunLimits {
  uint64_t max_instructions = ~0ULL;
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

class Interpreter final {
 public:
  // `stop` is shared with whoever may end the run; it is checked whenever the hart's
  // exit_request is raised.
  Interpreter(cpu::Hart& hart, const std::atomic<bool>& stop);

  // A line of trace output per executed instruction goes here when set.
  void set_trace(std::function<void(const std::string&)> sink) { trace_ = std::move(sink); }

  StopReason run(const RunLimits& limits);

  CodeCache& code_cache() { return cache_; }

  // Serves what other threads asked of this hart: code invalidations and remote fences. Own
  // thread only; also called while this hart waits for another one's remote fence.
  void service_requests();

 private:
  void execute(Block& block);
  void execute_traced(Block& block);
  // Executes one instruction fetched halfword by halfword (it straddles a page, or its page's
  // execute permission is not uniform).
  void step_uncached();
  void wait_for_interrupt(const RunLimits& limits);

  cpu::Hart& hart_;
  const std::atomic<bool>& stop_;
  CodeCache cache_;
  std::function<void(const std::string&)> trace_;
};

}  // namespace strata::exec
