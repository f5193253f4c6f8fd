// A listening Unix-domain stream socket: one client at a time is the console (further clients
// wait in the backlog until it leaves). Output while no client is connected is dropped and
// counted. A stale socket left at the path by an earlier run is replaced; any other file there
// is an error. The path is removed again on destruction if it is still our socket.
#pragma once

#include <memory>
#include <string>

#include "backend/char_backend.h"
#include "util/error.h"

namespace strata::backend {

[[nodiscard]] Result<std::unique_ptr<CharBackend>> make_unix_socket_backend(
    const std::string& path);

}  // namespace strata::backend
