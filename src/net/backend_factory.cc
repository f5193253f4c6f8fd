#include "net/backend_factory.h"

#include <arpa/inet.h>

#include <string>
#include <vector>

#include "net/slirp_backend.h"
#include "net/slirp_network.h"
#include "net/switch_client.h"
#include "net/tap_backend.h"

namespace strata::net {
namespace {

// An IPv4 address of a hostfwd rule; `fallback` when the rule leaves it out.
Result<uint32_t> parse_ipv4(const std::string& text, uint32_t fallback) {
  if (text.empty()) return fallback;
  in_addr address{};
  if (::inet_pton(AF_INET, text.c_str(), &address) != 1) {
    return fail("hostfwd: '{}' is not an IPv4 address", text);
  }
  return ntohl(address.s_addr);
}

Result<std::vector<HostForward>> convert_forwards(const machine::NetConfig& config) {
  std::vector<HostForward> forwards;
  for (const machine::HostForward& rule : config.host_forwards) {
    // Unlike QEMU (every address), forwarded ports listen on the host's loopback unless an
    // address is given: a guest service is not exposed to the network by accident.
    auto host = parse_ipv4(rule.host_address, kLoopback);
    if (!host) return std::unexpected(host.error());
    auto guest = parse_ipv4(rule.guest_address, kSlirpGuestAddress);
    if (!guest) return std::unexpected(guest.error());
    forwards.push_back(HostForward{rule.protocol == machine::HostForward::Protocol::kUdp, *host,
                                   rule.host_port, *guest, rule.guest_port});
  }
  return forwards;
}

}  // namespace

Result<std::unique_ptr<Backend>> open_backend(EventLoop& loop, const machine::NetConfig& config) {
  switch (config.kind) {
    case machine::NetConfig::Kind::kUser: {
      auto forwards = convert_forwards(config);
      if (!forwards) return std::unexpected(forwards.error());
      return open_slirp(loop, *forwards);
    }
    case machine::NetConfig::Kind::kTap: return open_tap(loop, config.tap_name);
    case machine::NetConfig::Kind::kSwitch: return open_switch_port(loop, config.switch_socket);
  }
  return fail("--net: unknown back end");
}

}  // namespace strata::net
