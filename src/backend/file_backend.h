// Guest output appended to a host file (created or truncated, as QEMU's file chardev does); no
// input.
#pragma once

#include <memory>
#include <string>

#include "backend/char_backend.h"
#include "util/error.h"

namespace strata::backend {

[[nodiscard]] Result<std::unique_ptr<CharBackend>> make_file_backend(const std::string& path);

}  // namespace strata::backend
