// The reference engine: runs a hart by dispatching pre-decoded basic blocks from the CodeCache.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "cpu/hart.h"
#include "exec/code_cache.h"
#include "exec/engine.h"

namespace strata::exec {

// Pieces of the interpreter's dispatcher that every engine shares.
//
// Runs a decoded block and counts its retired instructions, as the reference does.
void execute_block(cpu::Hart& hart, const Block& block);
// Executes one instruction fetched halfword by halfword (it straddles a page, or its page's
// execute permission is not uniform, or a block would overrun the instruction limit). Traces it
// when `trace` is set.
void step_uncached(cpu::Hart& hart, const std::function<void(const std::string&)>& trace);
// WFI: sleeps on the host until an interrupt is pending, the deadline passes or `stop` is set,
// serving remote requests with `service` meanwhile.
void wait_for_interrupt(cpu::Hart& hart, const std::atomic<bool>& stop, const RunLimits& limits,
                        const std::function<void()>& service);

class Interpreter final : public Engine {
 public:
  // `stop` is shared with whoever may end the run; it is checked whenever the hart's
  // exit_request is raised.
  Interpreter(cpu::Hart& hart, const std::atomic<bool>& stop);

  // A line of trace output per executed instruction goes here when set.
  void set_trace(std::function<void(const std::string&)> sink) { trace_ = std::move(sink); }

  StopReason run(const RunLimits& limits) override;
  CodeCache& code_cache() override { return cache_; }
  void service_requests() override;
  EngineStats stats() const override;

 private:
  cpu::Hart& hart_;
  const std::atomic<bool>& stop_;
  CodeCache cache_;
  std::function<void(const std::string&)> trace_;
};

}  // namespace strata::exec
