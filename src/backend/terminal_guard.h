// Raw mode for the terminal the stdio console reads, given back however the process ends: when
// the guard is destroyed, at exit() (a guest powering off through a path that calls exit), and on
// SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGABRT when their default action is about to end the
// process. A shell left in raw mode (no echo, no line editing) is the classic console bug.
//
// Raw mode follows QEMU's stdio: no echo, no canonical mode, no signal keys (Ctrl-C goes to the
// guest), no input translation, 8-bit characters; output post-processing stays on.
#pragma once

#include <memory>

#include "util/error.h"

namespace strata::backend {

class TerminalGuard final {
 public:
  // Puts the terminal `fd` refers to into raw mode. Only one guard may exist at a time.
  [[nodiscard]] static Result<std::unique_ptr<TerminalGuard>> enter_raw(int fd);
  ~TerminalGuard();
  TerminalGuard(const TerminalGuard&) = delete;
  TerminalGuard& operator=(const TerminalGuard&) = delete;

 private:
  TerminalGuard() = default;
};

}  // namespace strata::backend
