#include "net/mac_address.h"

#include <charconv>

#include <fmt/format.h>

namespace strata::net {

Result<MacAddress> parse_mac(std::string_view text) {
  MacAddress mac{};
  // "xx:xx:xx:xx:xx:xx": six two-digit hex bytes and five colons.
  if (text.size() != 17) return fail("invalid MAC address '{}': expected xx:xx:xx:xx:xx:xx", text);
  for (size_t i = 0; i < mac.size(); ++i) {
    const std::string_view byte = text.substr(i * 3, 2);
    const char* end = byte.data() + byte.size();
    const auto [ptr, error] = std::from_chars(byte.data(), end, mac[i], 16);
    const bool separator_ok = i == mac.size() - 1 || text[i * 3 + 2] == ':';
    if (error != std::errc{} || ptr != end || !separator_ok) {
      return fail("invalid MAC address '{}': expected xx:xx:xx:xx:xx:xx", text);
    }
  }
  if (is_multicast(mac)) return fail("invalid MAC address '{}': it is a multicast address", text);
  return mac;
}

std::string format_mac(const MacAddress& mac) {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", mac[0], mac[1], mac[2], mac[3],
                     mac[4], mac[5]);
}

MacAddress derive_mac(std::string_view identity) {
  uint32_t hash = 2166136261U;  // FNV-1a, 32 bits: stable across hosts and compilers
  for (const char c : identity) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 16777619U;
  }
  return MacAddress{0x52,
                    0x54,
                    0x00,
                    static_cast<uint8_t>(hash >> 16),
                    static_cast<uint8_t>(hash >> 8),
                    static_cast<uint8_t>(hash)};
}

}  // namespace strata::net
