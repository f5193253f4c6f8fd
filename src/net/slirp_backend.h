// The user-mode back end (`--net user`): libslirp implements a small TCP/IP host (gateway, DHCP,
// DNS forwarder) on the guest's wire and relays the guest's TCP and UDP flows through ordinary
// host sockets, so networking needs no privileges. Host ports can be forwarded into the guest.
//
// libslirp is not thread-safe and wants a poll()-style loop whose descriptor set it rebuilds on
// every iteration, so it gets its own thread running exactly that loop (as QEMU's main loop
// does). Frames cross between that thread and the NIC's loop through two bounded queues.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "net/backend.h"
#include "net/event_loop.h"

namespace strata::net {

// A hostfwd rule: connections to host_address:host_port on the host reach guest_port at
// guest_address in the guest. Addresses are IPv4 in host byte order.
struct HostForward {
  bool udp = false;
  uint32_t host_address = 0;
  uint16_t host_port = 0;
  uint32_t guest_address = 0;
  uint16_t guest_port = 0;
};

// Starts a slirp stack with the forwarding rules in `forwards`; fails (one line) if a host port
// cannot be bound.
[[nodiscard]] Result<std::unique_ptr<Backend>> open_slirp(EventLoop& loop,
                                                          std::span<const HostForward> forwards);

}  // namespace strata::net
