// Parsing of the virtio command-line flags into machine/virtio_config.h, good and bad values.
#include <gtest/gtest.h>

#include "machine/virtio_config.h"

namespace strata::machine {
namespace {

template <typename T>
std::string error_of(const Result<T>& result) {
  return result.has_value() ? "(no error)" : result.error().message;
}

TEST(VirtioConfig, Disk) {
  auto disk = parse_disk("a.img");
  ASSERT_TRUE(disk.has_value());
  EXPECT_EQ(disk->path, "a.img");
  EXPECT_EQ(disk->format, DiskConfig::Format::kAuto);
  EXPECT_FALSE(disk->readonly);
  EXPECT_FALSE(disk->legacy);
  disk = parse_disk("/x/b.qcow2,format=qcow2,readonly=on,serial=SN-1,legacy=on");
  ASSERT_TRUE(disk.has_value());
  EXPECT_EQ(disk->path, "/x/b.qcow2");
  EXPECT_EQ(disk->format, DiskConfig::Format::kQcow2);
  EXPECT_TRUE(disk->readonly);
  EXPECT_EQ(disk->serial, "SN-1");
  EXPECT_TRUE(disk->legacy);
  EXPECT_EQ(parse_disk("c.img,format=raw,readonly=off")->format, DiskConfig::Format::kRaw);
}

TEST(VirtioConfig, BadDisk) {
  EXPECT_EQ(error_of(parse_disk("")), "expected PATH[,format=raw|qcow2][,readonly=on][,serial=S]");
  EXPECT_EQ(error_of(parse_disk("a,format=vmdk")), "unknown format 'vmdk' (raw or qcow2)");
  EXPECT_EQ(error_of(parse_disk("a,readonly=yes")), "readonly=yes: expected on or off");
  EXPECT_EQ(error_of(parse_disk("a,cache=none")),
            "unknown option 'cache' (format, readonly, serial, legacy)");
  EXPECT_EQ(error_of(parse_disk("a,readonly")), "'readonly' is not KEY=VALUE");
  EXPECT_EQ(error_of(parse_disk("a,serial=123456789012345678901")),
            "serial '123456789012345678901' is longer than 20 bytes");
}

TEST(VirtioConfig, Net) {
  auto net = parse_net("user");
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(net->kind, NetConfig::Kind::kUser);
  EXPECT_FALSE(net->mac.has_value());
  net = parse_net(
      "user,hostfwd=tcp::2222-:22,hostfwd=udp:127.0.0.1:5353-10.0.2.15:53,mac=52:54:00:ab:CD:01");
  ASSERT_TRUE(net.has_value());
  ASSERT_EQ(net->host_forwards.size(), 2U);
  EXPECT_EQ(net->host_forwards[0].protocol, HostForward::Protocol::kTcp);
  EXPECT_EQ(net->host_forwards[0].host_port, 2222);
  EXPECT_EQ(net->host_forwards[0].guest_port, 22);
  EXPECT_EQ(net->host_forwards[0].host_address, "");
  EXPECT_EQ(net->host_forwards[1].protocol, HostForward::Protocol::kUdp);
  EXPECT_EQ(net->host_forwards[1].host_address, "127.0.0.1");
  EXPECT_EQ(net->host_forwards[1].guest_address, "10.0.2.15");
  EXPECT_EQ(net->host_forwards[1].guest_port, 53);
  EXPECT_EQ(*net->mac, (std::array<uint8_t, 6>{0x52, 0x54, 0x00, 0xab, 0xcd, 0x01}));
  net = parse_net("tap:tap0,legacy=on");
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(net->kind, NetConfig::Kind::kTap);
  EXPECT_EQ(net->tap_name, "tap0");
  EXPECT_TRUE(net->legacy);
  net = parse_net("switch:/run/sw.sock");
  ASSERT_TRUE(net.has_value());
  EXPECT_EQ(net->kind, NetConfig::Kind::kSwitch);
  EXPECT_EQ(net->switch_socket, "/run/sw.sock");
}

TEST(VirtioConfig, BadNet) {
  EXPECT_EQ(error_of(parse_net("bridge")),
            "'bridge' is not a network back end (user, tap:NAME or switch:SOCKET)");
  EXPECT_EQ(error_of(parse_net("tap:")), "tap:: an interface name has 1 to 15 characters");
  EXPECT_EQ(error_of(parse_net("tap:abcdefghijklmnop")),
            "tap:abcdefghijklmnop: an interface name has 1 to 15 characters");
  EXPECT_EQ(error_of(parse_net("switch:")), "switch: needs the switch's socket path");
  EXPECT_EQ(error_of(parse_net("tap:t0,hostfwd=tcp::1-:2")),
            "hostfwd= is for user networking only");
  EXPECT_EQ(error_of(parse_net("user,hostfwd=tcp::70000-:22")),
            "hostfwd=tcp::70000-:22: host port '70000' is not a port number (1 to 65535)");
  EXPECT_EQ(error_of(parse_net("user,hostfwd=sctp::1-:2")),
            "hostfwd=sctp::1-:2: unknown protocol 'sctp' (tcp or udp)");
  EXPECT_EQ(error_of(parse_net("user,hostfwd=tcp:2222:22")),
            "hostfwd=tcp:2222:22: expected [tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT");
  EXPECT_EQ(error_of(parse_net("user,mac=52:54:00:12:34")),
            "mac=52:54:00:12:34: expected six hexadecimal octets like 52:54:00:12:34:56");
  EXPECT_EQ(error_of(parse_net("user,mac=52:54:00:12:34:zz")),
            "mac=52:54:00:12:34:zz: expected six hexadecimal octets like 52:54:00:12:34:56");
  EXPECT_EQ(error_of(parse_net("user,mac=01:00:5e:00:00:01")),
            "mac=01:00:5e:00:00:01: a multicast address cannot be a NIC's");
}

TEST(VirtioConfig, FlagsWithoutMainArgument) {
  EXPECT_FALSE(parse_rng("")->legacy);
  EXPECT_TRUE(parse_rng("legacy=on")->legacy);
  EXPECT_TRUE(parse_balloon("legacy=on")->legacy);
  EXPECT_FALSE(parse_console("legacy=off")->legacy);
  EXPECT_EQ(error_of(parse_rng("fast=on")), "unknown option 'fast' (legacy=on)");
  EXPECT_EQ(error_of(parse_rng("legacy=1")), "legacy=1: expected on or off");
  EXPECT_TRUE(wants_legacy(VirtioDeviceConfig{RngConfig{true}}));
  EXPECT_FALSE(wants_legacy(VirtioDeviceConfig{DiskConfig{}}));
}

}  // namespace
}  // namespace strata::machine
