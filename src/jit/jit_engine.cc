#include "jit/jit_engine.h"

#include <fmt/format.h>

#include <stdexcept>

#include "exec/interpreter.h"
#include "jit/dispatcher.h"

namespace strata::jit {

bool translator_available() {
#if defined(__x86_64__)
  return true;
#else
  return false;
#endif
}

std::unique_ptr<exec::Engine> make_jit_engine(cpu::Hart& hart, const std::atomic<bool>& stop,
                                              const exec::EngineOptions& options) {
  // --trace reports every instruction with its result: that is the interpreter's job, and
  // tracing is for finding out what the guest does, not for speed.
  if (options.trace) return exec::make_engine(exec::EngineKind::kInterp, hart, stop, options);
  auto buffer = CodeBuffer::create(options.jit_cache_bytes);
  if (!buffer) throw std::runtime_error(buffer.error().message);
  auto dispatcher = std::make_unique<Dispatcher>(hart, stop, std::move(*buffer), options.jit_hot);
  dispatcher->set_on_translated(options.on_translated);
  dispatcher->set_form_again_after(options.jit_form_again_after);
  return dispatcher;
}

}  // namespace strata::jit
