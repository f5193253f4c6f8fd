// The differential runner: runs one program in two sandboxes (two engines, same initial state),
// compares their final states, reports a mismatch readably and shrinks the failing program.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "program.h"
#include "sandbox.h"

namespace strata::diff {

struct Difference {
  std::string what;
  uint64_t a = 0;
  uint64_t b = 0;
};

// Field-by-field comparison. instret is only compared when a run did not end at the sentinel:
// engines may spin there a different number of times before they notice the stop request (the
// instret the end code stored in memory is compared through the memory hash).
std::vector<Difference> compare(const FinalState& a, const FinalState& b);
std::string format_state(const FinalState& state);

struct Outcome {
  bool laid_out = false;
  std::string layout_error;
  FinalState a;
  FinalState b;
  std::vector<Difference> differences;
  bool mismatch() const { return !differences.empty(); }
};

class Runner {
 public:
  Runner(std::string name_a, EngineFactory a, std::string name_b, EngineFactory b,
         uint64_t max_instructions = 2'000'000);

  // Runs `program` in both engines; `max_instructions` (if not 0) overrides the runner's limit,
  // so runs can be cut anywhere (engines must stop exactly at the limit). A mismatch where a run
  // passed its wall-clock deadline is run again once (the host may have stalled the process).
  Outcome check(const Program& program, uint64_t max_instructions = 0);
  // The smallest failing variant found: the shortest failing body prefix, then single body
  // items dropped while it still fails.
  Program shrink(const Program& program, uint64_t max_instructions = 0);
  // Seed, disassembly, both final states, the differences and the first differing memory words.
  std::string report(const Program& program, const Outcome& outcome);

  // The trap count and end-of-program instret of the last run in sandbox A (for statistics).
  uint64_t last_trap_count() const;
  uint64_t last_end_instret() const;
  // The engine statistics of the last run in sandbox B.
  exec::EngineStats last_stats_b() const { return b_.engine_stats(); }
  // Programs that check() ran twice because a run passed its deadline.
  uint64_t timeout_reruns() const { return timeout_reruns_; }

 private:
  Sandbox a_;
  Sandbox b_;
  uint64_t max_instructions_;
  uint64_t timeout_reruns_ = 0;
};

}  // namespace strata::diff
