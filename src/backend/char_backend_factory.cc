#include "backend/char_backend_factory.h"

#include <fmt/core.h>

#include <cstdio>

#include "backend/file_backend.h"
#include "backend/null_backend.h"
#include "backend/pty_backend.h"
#include "backend/stdio_backend.h"
#include "backend/unix_socket_backend.h"

namespace strata::backend {

Result<std::unique_ptr<CharBackend>> make_char_backend(std::string_view spec,
                                                       const CharBackendOptions& options) {
  if (spec == "stdio") {
    StdioOptions stdio;
    stdio.on_quit = options.on_quit;
    return make_stdio_backend(std::move(stdio));
  }
  if (spec == "null") return std::unique_ptr<CharBackend>(std::make_unique<NullBackend>());
  if (spec == "pty") {
    auto pty = open_pty_backend();
    if (!pty) return std::unexpected(pty.error());
    fmt::print(stderr, "char device redirected to {} (label {})\n", pty->slave_path, options.label);
    std::fflush(stderr);
    return std::move(pty->backend);
  }
  const size_t colon = spec.find(':');
  const std::string_view kind = spec.substr(0, colon);
  if (colon != std::string_view::npos && (kind == "file" || kind == "unix")) {
    const std::string path(spec.substr(colon + 1));
    if (path.empty()) return fail("character back end '{}' needs a path: {}:PATH", spec, kind);
    return kind == "file" ? make_file_backend(path) : make_unix_socket_backend(path);
  }
  return fail("unknown character back end '{}': expected stdio, null, pty, file:PATH or unix:PATH",
              spec);
}

}  // namespace strata::backend
