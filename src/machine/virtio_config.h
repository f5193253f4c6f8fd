// The virtio devices a VM has, as the command line describes them (--disk, --net, --rng,
// --balloon, --vconsole), parsed and checked before anything is created. Slot order on the board
// is the order of VirtioConfig::devices, which is command-line order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/error.h"

namespace strata::machine {

// --disk PATH[,format=raw|qcow2][,readonly=on][,serial=S][,legacy=on]
struct DiskConfig {
  enum class Format : uint8_t { kAuto, kRaw, kQcow2 };  // kAuto: not given on the command line
  std::string path;
  Format format = Format::kAuto;
  bool readonly = false;
  std::string serial;  // at most 20 bytes (VIRTIO_BLK_ID_BYTES)
  bool legacy = false;
};

// One hostfwd rule: connections to HOST_ADDR:HOST_PORT on the host go to GUEST_PORT in the guest.
struct HostForward {
  enum class Protocol : uint8_t { kTcp, kUdp };
  Protocol protocol = Protocol::kTcp;
  std::string host_address;  // empty: any (slirp binds 127.0.0.1 by default, see the net docs)
  uint16_t host_port = 0;
  std::string guest_address;  // empty: the guest's DHCP address
  uint16_t guest_port = 0;
};

// --net user[,hostfwd=tcp::HOSTPORT-:GUESTPORT...]|tap:NAME|switch:SOCKET[,mac=..][,legacy=on]
struct NetConfig {
  enum class Kind : uint8_t { kUser, kTap, kSwitch };
  Kind kind = Kind::kUser;
  std::vector<HostForward> host_forwards;  // kUser only
  std::string tap_name;                    // kTap
  std::string switch_socket;               // kSwitch
  std::optional<std::array<uint8_t, 6>> mac;
  bool legacy = false;
};

// --rng[=legacy=on]
struct RngConfig {
  bool legacy = false;
};

// --balloon[=legacy=on][,reporting=off][,deflate-on-oom=off]
struct BalloonConfig {
  bool legacy = false;
  bool free_page_reporting = true;  // offer VIRTIO_BALLOON_F_REPORTING
  bool deflate_on_oom = true;       // offer VIRTIO_BALLOON_F_DEFLATE_ON_OOM
};

// --vconsole[=BACKEND][,legacy=on]: BACKEND is a character back end as for --serial (stdio,
// null, pty, file:PATH, unix:PATH); stdio by default.
struct ConsoleConfig {
  bool legacy = false;
  std::string backend = "stdio";
};

using VirtioDeviceConfig =
    std::variant<DiskConfig, NetConfig, RngConfig, BalloonConfig, ConsoleConfig>;

struct VirtioConfig {
  std::vector<VirtioDeviceConfig> devices;  // slot i = devices[i]
};

// Parsers for the value of each flag (what follows `--disk ` etc.; empty for a bare flag). The
// error says which part is wrong, e.g. "unknown format 'vmdk' (raw or qcow2)".
[[nodiscard]] Result<DiskConfig> parse_disk(std::string_view value);
[[nodiscard]] Result<NetConfig> parse_net(std::string_view value);
[[nodiscard]] Result<RngConfig> parse_rng(std::string_view value);
[[nodiscard]] Result<BalloonConfig> parse_balloon(std::string_view value);
[[nodiscard]] Result<ConsoleConfig> parse_console(std::string_view value);

// Whether a device asks for the legacy (version 1) virtio-mmio transport.
bool wants_legacy(const VirtioDeviceConfig& device);

}  // namespace strata::machine
