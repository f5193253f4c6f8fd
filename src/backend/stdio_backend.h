// The console on the monitor's own standard input and output.
//
// On a terminal, stdin goes into raw mode for the back end's lifetime (TerminalGuard) and the
// Ctrl-A escape commands are on (EscapeFilter): Ctrl-A x quits. Otherwise (pipes, files) the
// streams are passed through untouched; end of input just ends input.
#pragma once

#include <unistd.h>

#include <functional>
#include <memory>

#include "backend/char_backend.h"
#include "util/error.h"

namespace strata::backend {

struct StdioOptions {
  int input_fd = STDIN_FILENO;
  int output_fd = STDOUT_FILENO;
  enum class Escapes : uint8_t { kWhenTerminal, kOn, kOff };
  Escapes escapes = Escapes::kWhenTerminal;
  // Ctrl-A x; runs on the I/O thread (see EscapeFilter).
  std::function<void()> on_quit;
  // For tests; see FdEndpoints.
  size_t output_capacity = 0;  // 0: the default
};

[[nodiscard]] Result<std::unique_ptr<CharBackend>> make_stdio_backend(StdioOptions options);

}  // namespace strata::backend
