// The addresses of the user-mode network, the same as QEMU's `-netdev user` defaults so guest
// configurations and habits carry over: the guest lives in 10.0.2.0/24, 10.0.2.2 is the gateway
// and the host (its 127.0.0.1 included), 10.0.2.3 the DNS forwarder, and DHCP hands out 10.0.2.15
// onward. Host byte order.
#pragma once

#include <cstdint>

namespace strata::net {

inline constexpr uint32_t kSlirpNetwork = 0x0a000200;       // 10.0.2.0
inline constexpr uint32_t kSlirpNetmask = 0xffffff00;       // /24
inline constexpr uint32_t kSlirpHost = 0x0a000202;          // 10.0.2.2
inline constexpr uint32_t kSlirpDns = 0x0a000203;           // 10.0.2.3
inline constexpr uint32_t kSlirpGuestAddress = 0x0a00020f;  // 10.0.2.15, first DHCP lease
inline constexpr uint32_t kLoopback = 0x7f000001;           // 127.0.0.1

}  // namespace strata::net
