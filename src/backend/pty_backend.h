// A pseudo-terminal: the guest's console appears as /dev/pts/N for screen, minicom or picocom to
// open whenever they like. Output written while nobody has the slave open is dropped (and counted),
// as QEMU does, rather than replayed to whoever opens it later.
#pragma once

#include <memory>
#include <string>

#include "backend/char_backend.h"
#include "util/error.h"

namespace strata::backend {

struct PtyBackend {
  std::unique_ptr<CharBackend> backend;
  std::string slave_path;  // e.g. /dev/pts/3
};

[[nodiscard]] Result<PtyBackend> open_pty_backend();

}  // namespace strata::backend
