// Ethernet MAC addresses: parsing "52:54:00:12:34:56", formatting, and the stable address a NIC
// gets when none is given.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "util/error.h"

namespace strata::net {

using MacAddress = std::array<uint8_t, 6>;

// Six colon-separated hex bytes; rejects multicast addresses (bit 0 of the first byte), which a
// NIC cannot own.
[[nodiscard]] Result<MacAddress> parse_mac(std::string_view text);
std::string format_mac(const MacAddress& mac);

// 52:54:00 (QEMU's locally administered prefix) followed by 24 bits of a hash (FNV-1a) of
// `identity`: the same identity always yields the same address, so a VM keeps its MAC (and its
// DHCP lease, its switch port entry) across restarts.
MacAddress derive_mac(std::string_view identity);

inline bool is_multicast(std::span<const uint8_t, 6> mac) {
  return (mac[0] & 1U) != 0;
}

}  // namespace strata::net
