#include "net/tap_backend.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "net/packet_fd_backend.h"

namespace strata::net {

Result<std::unique_ptr<Backend>> open_tap(EventLoop& loop, std::string_view name) {
  if (name.empty() || name.size() >= IFNAMSIZ) {
    return fail("tap:{}: an interface name has 1 to {} characters", name, IFNAMSIZ - 1);
  }
  backend::UniqueFd fd(::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) {
    return fail("tap:{}: cannot open /dev/net/tun: {}", name, std::strerror(errno));
  }
  ifreq request{};
  std::memcpy(request.ifr_name, name.data(), name.size());
  request.ifr_flags = IFF_TAP | IFF_NO_PI;
  if (::ioctl(fd.get(), TUNSETIFF, &request) != 0) {
    const int error = errno;
    if (error == EPERM || error == EACCES) {
      return fail(
          "tap:{}: not allowed to attach ({}); create it for your user first: "
          "sudo ip tuntap add {} mode tap user $USER && sudo ip link set {} up",
          name, std::strerror(error), name, name);
    }
    return fail("tap:{}: TUNSETIFF: {}", name, std::strerror(error));
  }
  return std::make_unique<PacketFdBackend>(loop, std::move(fd), "tap:" + std::string(name));
}

}  // namespace strata::net
