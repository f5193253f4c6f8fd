#include "backend/file_backend.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "backend/fd_char_backend.h"

namespace strata::backend {

Result<std::unique_ptr<CharBackend>> make_file_backend(const std::string& path) {
  UniqueFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666));
  if (!fd.valid()) {
    return fail("cannot open {} for console output: {}", path, std::strerror(errno));
  }
  FdEndpoints endpoints;
  endpoints.name = "file " + path;
  endpoints.output = std::move(fd);
  auto backend = FdCharBackend::create(std::move(endpoints));
  if (!backend) return std::unexpected(backend.error());
  return std::unique_ptr<CharBackend>(std::move(*backend));
}

}  // namespace strata::backend
