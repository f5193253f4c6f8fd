// Random RV64GC programs for the differential test. Every program terminates: branches go
// forward, back edges belong to counted loops, and traps are handled by a fixed M-mode handler
// that logs them and resumes after the faulting instruction.
#pragma once

#include <cstdint>
#include <vector>

#include "program.h"

namespace strata::diff {

struct GeneratorOptions {
  unsigned min_body_items = 20;
  unsigned max_body_items = 250;
  // Share of programs run in S or U mode with Sv39 paging (the rest run in M-mode).
  unsigned paged_percent = 30;
};

Program generate(uint64_t seed, const GeneratorOptions& options = {});

// The fixed M-mode trap handler placed at layout::kTrapHandler: records mcause, mepc, mtval and
// mstatus in the trap log, folds the integer registers into a checksum, and resumes after the
// faulting instruction, at the recorded resume address after an instruction fetch fault, or
// where it was after an interrupt (clearing the SSIP the program raised).
std::vector<uint32_t> trap_handler();

}  // namespace strata::diff
