#include "backend/pty_backend.h"

#include <fcntl.h>
#include <stdlib.h>  // NOLINT(modernize-deprecated-headers): POSIX posix_openpt
#include <termios.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "backend/fd_char_backend.h"

namespace strata::backend {

Result<PtyBackend> open_pty_backend() {
  UniqueFd master(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  if (!master.valid()) return fail("cannot open a pseudo-terminal: {}", std::strerror(errno));
  std::array<char, 128> name{};
  if (grantpt(master.get()) != 0 || unlockpt(master.get()) != 0 ||
      ptsname_r(master.get(), name.data(), name.size()) != 0) {
    return fail("cannot set up a pseudo-terminal: {}", std::strerror(errno));
  }
  const std::string slave_path = name.data();

  // The slave starts in cooked mode with echo, which would bounce guest output back as guest
  // input before a terminal program sets its own mode: make it raw. Closing it again leaves the
  // master reporting a hang-up until somebody opens the slave, which is how the I/O thread tells.
  {
    const UniqueFd slave(open(slave_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
    termios mode{};
    if (!slave.valid() || tcgetattr(slave.get(), &mode) != 0) {
      return fail("cannot open {}: {}", slave_path, std::strerror(errno));
    }
    cfmakeraw(&mode);
    if (tcsetattr(slave.get(), TCSANOW, &mode) != 0) {
      return fail("cannot put {} into raw mode: {}", slave_path, std::strerror(errno));
    }
  }

  FdEndpoints endpoints;
  endpoints.name = "pty " + slave_path;
  endpoints.output = UniqueFd(fcntl(master.get(), F_DUPFD_CLOEXEC, 0));
  if (!endpoints.output.valid()) {
    return fail("cannot duplicate the pseudo-terminal: {}", std::strerror(errno));
  }
  endpoints.input = std::move(master);
  endpoints.policy = PeerPolicy::kReopen;
  auto backend = FdCharBackend::create(std::move(endpoints));
  if (!backend) return std::unexpected(backend.error());
  return PtyBackend{std::unique_ptr<CharBackend>(std::move(*backend)), slave_path};
}

}  // namespace strata::backend
