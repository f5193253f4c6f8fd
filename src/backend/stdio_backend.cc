#include "backend/stdio_backend.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "backend/escape_filter.h"
#include "backend/fd_char_backend.h"
#include "backend/terminal_guard.h"

namespace strata::backend {
namespace {

// A private, non-blocking descriptor for one of the process's standard streams. O_NONBLOCK
// belongs to the open file description, which stdin and stdout share with the shell that started
// us: setting it there would leave the shell's terminal non-blocking after we exit. Re-opening
// /proc/self/fd/N gives a terminal or a pipe a description of our own. Anything else (a regular
// file, a socket) is duplicated as it is: files never block for long, and sockets are written
// with MSG_DONTWAIT. An invalid descriptor (a closed stdin) yields none.
UniqueFd private_descriptor(int fd, int access) {
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) return {};
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    const int reopened = open(path.c_str(), access | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (reopened >= 0) return UniqueFd(reopened);
  }
  return UniqueFd(fcntl(fd, F_DUPFD_CLOEXEC, 0));
}

}  // namespace

Result<std::unique_ptr<CharBackend>> make_stdio_backend(StdioOptions options) {
  FdEndpoints endpoints;
  endpoints.name = "stdio";
  endpoints.input = private_descriptor(options.input_fd, O_RDONLY);
  endpoints.output = private_descriptor(options.output_fd, O_WRONLY);
  if (options.output_capacity != 0) endpoints.output_capacity = options.output_capacity;

  const bool terminal = endpoints.input.valid() && isatty(options.input_fd) != 0;
  if (terminal) {
    auto guard = TerminalGuard::enter_raw(options.input_fd);
    if (!guard) return fail("stdio: {}", guard.error().message);
    // Restored after the I/O thread has written out the last output.
    endpoints.on_close = [guard = std::shared_ptr<TerminalGuard>(std::move(*guard))]() mutable {
      guard.reset();
    };
  }
  const bool escapes = options.escapes == StdioOptions::Escapes::kOn ||
                       (options.escapes == StdioOptions::Escapes::kWhenTerminal && terminal);
  if (escapes) endpoints.filter = std::make_unique<EscapeFilter>(std::move(options.on_quit));

  auto backend = FdCharBackend::create(std::move(endpoints));
  if (!backend) return std::unexpected(backend.error());
  return std::unique_ptr<CharBackend>(std::move(*backend));
}

}  // namespace strata::backend
