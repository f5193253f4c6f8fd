// Builds a character back end from its command-line spelling:
//   stdio       the monitor's stdin/stdout (raw terminal, Ctrl-A x quits)
//   null        nothing
//   pty         a new pseudo-terminal; its path is announced on stderr, as QEMU does
//   file:PATH   output to PATH, no input
//   unix:PATH   a listening Unix socket at PATH
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "backend/char_backend.h"
#include "util/error.h"

namespace strata::backend {

struct CharBackendOptions {
  // stdio's Ctrl-A x. Runs on the back end's I/O thread: request a stop and return.
  std::function<void()> on_quit;
  // Names the device in the pty announcement ("char device redirected to /dev/pts/3 (label
  // serial0)").
  std::string label = "serial0";
};

[[nodiscard]] Result<std::unique_ptr<CharBackend>> make_char_backend(
    std::string_view spec, const CharBackendOptions& options = {});

}  // namespace strata::backend
