// Factories for the binary translator's engines (see docs/jit.md). Kept apart from the
// translator's internals so the engine registry (exec/engine.cc) depends on nothing else.
#pragma once

#include <atomic>
#include <memory>

#include "cpu/hart.h"
#include "exec/engine.h"

namespace strata::jit {

// Whether the translator can run here: an x86-64 host.
bool translator_available();

// The translator. The hart runs as host code generated block by block into a buffer of
// `options.jit_cache_bytes`.
std::unique_ptr<exec::Engine> make_jit_engine(cpu::Hart& hart, const std::atomic<bool>& stop,
                                              const exec::EngineOptions& options);

// The translator checked against the interpreter after every block (single hart, see
// docs/jit.md); stops with StopReason::kDivergence and a report at the first difference.
std::unique_ptr<exec::Engine> make_lockstep_engine(cpu::Hart& hart, const std::atomic<bool>& stop,
                                                   const exec::EngineOptions& options);

}  // namespace strata::jit
