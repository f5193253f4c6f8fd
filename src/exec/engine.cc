#include "exec/engine.h"

#include "exec/interpreter.h"
#include "jit/jit_engine.h"

namespace strata::exec {

std::optional<EngineKind> parse_engine_kind(std::string_view name) {
  if (name == "interp") return EngineKind::kInterp;
  if (name == "jit") return EngineKind::kJit;
  if (name == "lockstep") return EngineKind::kLockstep;
  return std::nullopt;
}

const char* engine_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::kInterp: return "interp";
    case EngineKind::kJit: return "jit";
    case EngineKind::kLockstep: return "lockstep";
  }
  return "?";
}

EngineKind default_engine_kind() {
  // The translator passes the whole guest suite and the Linux integration tests; where it cannot
  // run, the interpreter does.
  return jit::translator_available() ? EngineKind::kJit : EngineKind::kInterp;
}

bool engine_available(EngineKind kind) {
  return kind == EngineKind::kInterp || jit::translator_available();
}

std::unique_ptr<Engine> make_engine(EngineKind kind, cpu::Hart& hart, const std::atomic<bool>& stop,
                                    const EngineOptions& options) {
  switch (kind) {
    case EngineKind::kInterp: {
      auto interpreter = std::make_unique<Interpreter>(hart, stop);
      if (options.trace) interpreter->set_trace(options.trace);
      return interpreter;
    }
    case EngineKind::kJit: return jit::make_jit_engine(hart, stop, options);
    case EngineKind::kLockstep: return jit::make_lockstep_engine(hart, stop, options);
  }
  return nullptr;
}

}  // namespace strata::exec
