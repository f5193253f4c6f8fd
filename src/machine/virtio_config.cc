#include "machine/virtio_config.h"

#include <charconv>
#include <ranges>

namespace strata::machine {
namespace {

// Splits "a,b=c,d" into its comma-separated parts; there is always at least one (maybe empty).
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

struct Option {
  std::string_view key;
  std::string_view value;
};

Result<Option> key_value(std::string_view part) {
  const size_t equals = part.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return fail("'{}' is not KEY=VALUE", part);
  }
  return Option{part.substr(0, equals), part.substr(equals + 1)};
}

Result<bool> on_off(const Option& option) {
  if (option.value == "on") return true;
  if (option.value == "off") return false;
  return fail("{}={}: expected on or off", option.key, option.value);
}

Result<uint16_t> port(std::string_view text, std::string_view what) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
    return fail("{} '{}' is not a port number (1 to 65535)", what, text);
  }
  return static_cast<uint16_t>(value);
}

// [tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT, as QEMU's hostfwd.
Result<HostForward> parse_host_forward(std::string_view rule) {
  HostForward forward;
  const std::vector<std::string_view> halves = split(rule, '-');
  if (halves.size() != 2) {
    return fail("hostfwd={}: expected [tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT", rule);
  }
  const std::vector<std::string_view> host = split(halves[0], ':');
  const std::vector<std::string_view> guest = split(halves[1], ':');
  if (host.size() != 3 || guest.size() != 2) {
    return fail("hostfwd={}: expected [tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT", rule);
  }
  if (host[0] == "udp") {
    forward.protocol = HostForward::Protocol::kUdp;
  } else if (host[0] != "tcp" && !host[0].empty()) {
    return fail("hostfwd={}: unknown protocol '{}' (tcp or udp)", rule, host[0]);
  }
  forward.host_address = host[1];
  forward.guest_address = guest[0];
  auto host_port = port(host[2], "host port");
  if (!host_port) return fail("hostfwd={}: {}", rule, host_port.error().message);
  auto guest_port = port(guest[1], "guest port");
  if (!guest_port) return fail("hostfwd={}: {}", rule, guest_port.error().message);
  forward.host_port = *host_port;
  forward.guest_port = *guest_port;
  return forward;
}

Result<std::array<uint8_t, 6>> parse_mac(std::string_view text) {
  const std::vector<std::string_view> octets = split(text, ':');
  std::array<uint8_t, 6> mac{};
  bool ok = octets.size() == mac.size();
  for (size_t i = 0; ok && i < mac.size(); ++i) {
    const std::string_view octet = octets[i];
    const auto [end, error] =
        std::from_chars(octet.data(), octet.data() + octet.size(), mac[i], 16);
    ok = octet.size() == 2 && error == std::errc{} && end == octet.data() + octet.size();
  }
  if (!ok) return fail("mac={}: expected six hexadecimal octets like 52:54:00:12:34:56", text);
  if ((mac[0] & 1) != 0) return fail("mac={}: a multicast address cannot be a NIC's", text);
  return mac;
}

// The options of a device without a main argument: only legacy=on|off.
Result<bool> parse_legacy_only(std::string_view value) {
  bool legacy = false;
  if (value.empty()) return legacy;
  for (const std::string_view part : split(value, ',')) {
    auto option = key_value(part);
    if (!option) return std::unexpected(option.error());
    if (option->key != "legacy") return fail("unknown option '{}' (legacy=on)", option->key);
    auto on = on_off(*option);
    if (!on) return std::unexpected(on.error());
    legacy = *on;
  }
  return legacy;
}

}  // namespace

Result<DiskConfig> parse_disk(std::string_view value) {
  const std::vector<std::string_view> parts = split(value, ',');
  DiskConfig disk;
  disk.path = parts[0];
  if (disk.path.empty()) return fail("expected PATH[,format=raw|qcow2][,readonly=on][,serial=S]");
  for (const std::string_view part : parts | std::views::drop(1)) {
    auto option = key_value(part);
    if (!option) return std::unexpected(option.error());
    if (option->key == "format") {
      if (option->value == "raw") {
        disk.format = DiskConfig::Format::kRaw;
      } else if (option->value == "qcow2") {
        disk.format = DiskConfig::Format::kQcow2;
      } else {
        return fail("unknown format '{}' (raw or qcow2)", option->value);
      }
    } else if (option->key == "readonly" || option->key == "legacy") {
      auto on = on_off(*option);
      if (!on) return std::unexpected(on.error());
      (option->key == "readonly" ? disk.readonly : disk.legacy) = *on;
    } else if (option->key == "serial") {
      if (option->value.size() > 20)
        return fail("serial '{}' is longer than 20 bytes", option->value);
      disk.serial = option->value;
    } else {
      return fail("unknown option '{}' (format, readonly, serial, legacy)", option->key);
    }
  }
  return disk;
}

Result<NetConfig> parse_net(std::string_view value) {
  const std::vector<std::string_view> parts = split(value, ',');
  NetConfig net;
  const std::string_view kind = parts[0];
  if (kind == "user") {
    net.kind = NetConfig::Kind::kUser;
  } else if (kind.starts_with("tap:")) {
    net.kind = NetConfig::Kind::kTap;
    net.tap_name = kind.substr(4);
    if (net.tap_name.empty() || net.tap_name.size() > 15) {
      return fail("tap:{}: an interface name has 1 to 15 characters", net.tap_name);
    }
  } else if (kind.starts_with("switch:")) {
    net.kind = NetConfig::Kind::kSwitch;
    net.switch_socket = kind.substr(7);
    if (net.switch_socket.empty()) return fail("switch: needs the switch's socket path");
  } else {
    return fail("'{}' is not a network back end (user, tap:NAME or switch:SOCKET)", kind);
  }
  for (const std::string_view part : parts | std::views::drop(1)) {
    auto option = key_value(part);
    if (!option) return std::unexpected(option.error());
    if (option->key == "hostfwd") {
      if (net.kind != NetConfig::Kind::kUser) return fail("hostfwd= is for user networking only");
      auto forward = parse_host_forward(option->value);
      if (!forward) return std::unexpected(forward.error());
      net.host_forwards.push_back(*forward);
    } else if (option->key == "mac") {
      auto mac = parse_mac(option->value);
      if (!mac) return std::unexpected(mac.error());
      net.mac = *mac;
    } else if (option->key == "legacy") {
      auto on = on_off(*option);
      if (!on) return std::unexpected(on.error());
      net.legacy = *on;
    } else {
      return fail("unknown option '{}' (hostfwd, mac, legacy)", option->key);
    }
  }
  return net;
}

Result<RngConfig> parse_rng(std::string_view value) {
  auto legacy = parse_legacy_only(value);
  if (!legacy) return std::unexpected(legacy.error());
  return RngConfig{*legacy};
}

Result<BalloonConfig> parse_balloon(std::string_view value) {
  BalloonConfig balloon;
  if (value.empty()) return balloon;
  for (const std::string_view part : split(value, ',')) {
    auto option = key_value(part);
    if (!option) return std::unexpected(option.error());
    bool* flag = option->key == "legacy"           ? &balloon.legacy
                 : option->key == "reporting"      ? &balloon.free_page_reporting
                 : option->key == "deflate-on-oom" ? &balloon.deflate_on_oom
                                                   : nullptr;
    if (flag == nullptr) {
      return fail("unknown option '{}' (legacy, reporting, deflate-on-oom)", option->key);
    }
    auto on = on_off(*option);
    if (!on) return std::unexpected(on.error());
    *flag = *on;
  }
  return balloon;
}

Result<ConsoleConfig> parse_console(std::string_view value) {
  ConsoleConfig console;
  if (value.empty()) return console;
  const std::vector<std::string_view> parts = split(value, ',');
  size_t first_option = 0;
  if (parts[0].find('=') == std::string_view::npos) {
    if (parts[0].empty()) return fail("expected BACKEND[,legacy=on]");
    console.backend = parts[0];
    first_option = 1;
  }
  for (const std::string_view part : parts | std::views::drop(first_option)) {
    auto option = key_value(part);
    if (!option) return std::unexpected(option.error());
    if (option->key != "legacy") return fail("unknown option '{}' (legacy=on)", option->key);
    auto on = on_off(*option);
    if (!on) return std::unexpected(on.error());
    console.legacy = *on;
  }
  return console;
}

bool wants_legacy(const VirtioDeviceConfig& device) {
  return std::visit([](const auto& config) { return config.legacy; }, device);
}

}  // namespace strata::machine
