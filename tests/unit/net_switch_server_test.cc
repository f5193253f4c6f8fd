#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "net/switch_client.h"
#include "net/switch_server.h"
#include "net_test_support.h"

namespace strata::net {
namespace {

using testing::eventually;
using testing::kBroadcast;
using testing::LoopThread;
using testing::make_frame;

constexpr MacAddress kA{0x52, 0x54, 0x00, 0, 0, 0xa};
constexpr MacAddress kB{0x52, 0x54, 0x00, 0, 0, 0xb};

std::optional<std::vector<uint8_t>> receive(int fd, int timeout_ms = 2000) {
  pollfd entry{fd, POLLIN, 0};
  if (::poll(&entry, 1, timeout_ms) != 1) return std::nullopt;
  std::vector<uint8_t> buffer(65536);
  const ssize_t length = ::recv(fd, buffer.data(), buffer.size(), 0);
  if (length < 0) return std::nullopt;
  buffer.resize(static_cast<size_t>(length));
  return buffer;
}

void send_frame(int fd, const std::vector<uint8_t>& frame) {
  ASSERT_EQ(::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(frame.size()));
}

class SwitchServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/strata-switch-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    directory_ = pattern;
    path_ = directory_ + "/switch.sock";
    loop_.sync([&] {
      auto server = SwitchServer::create(loop_.loop(), path_);
      ASSERT_TRUE(server.has_value()) << server.error().message;
      server_ = std::move(*server);
    });
  }
  void TearDown() override {
    loop_.sync([&] { server_.reset(); });
    std::filesystem::remove_all(directory_);
  }

  backend::UniqueFd connect_port() {
    const size_t before = port_count();
    auto fd = connect_switch_socket(path_);
    EXPECT_TRUE(fd.has_value());
    EXPECT_TRUE(eventually([&] { return port_count() == before + 1; }));
    return std::move(*fd);
  }
  size_t port_count() {
    size_t count = 0;
    loop_.sync([&] { count = server_->port_count(); });
    return count;
  }
  SwitchStats stats() {
    SwitchStats copy;
    loop_.sync([&] { copy = server_->stats(); });
    return copy;
  }

  LoopThread loop_;
  std::string directory_;
  std::string path_;
  std::unique_ptr<SwitchServer> server_;
};

TEST_F(SwitchServerTest, FloodsThenSwitchesByLearnedAddress) {
  const auto a = connect_port();
  const auto b = connect_port();
  const auto c = connect_port();
  const auto hello = make_frame(kBroadcast, kA, 1);
  send_frame(a.get(), hello);
  EXPECT_EQ(receive(b.get()), hello);
  EXPECT_EQ(receive(c.get()), hello);
  EXPECT_EQ(receive(a.get(), 100), std::nullopt);  // never back to the sender

  const auto reply = make_frame(kA, kB, 2, 1514);
  send_frame(b.get(), reply);
  EXPECT_EQ(receive(a.get()), reply);
  EXPECT_EQ(receive(c.get(), 100), std::nullopt);  // learned: not flooded

  const auto to_b = make_frame(kB, kA, 3);
  send_frame(a.get(), to_b);
  EXPECT_EQ(receive(b.get()), to_b);
  EXPECT_EQ(receive(c.get(), 100), std::nullopt);
  EXPECT_EQ(stats().unicast, 2U);
  EXPECT_EQ(stats().flooded, 1U);
}

TEST_F(SwitchServerTest, DropsMalformedFramesAndKeepsServing) {
  const auto a = connect_port();
  const auto b = connect_port();
  send_frame(a.get(), std::vector<uint8_t>(5, 0xff));         // runt
  send_frame(a.get(), make_frame(kBroadcast, kA, 0, 70000));  // too long
  send_frame(a.get(), make_frame(kB, kBroadcast));            // group source
  EXPECT_TRUE(eventually([&] { return stats().malformed == 3; }));
  EXPECT_EQ(receive(b.get(), 100), std::nullopt);
  const auto good = make_frame(kBroadcast, kA, 7);
  send_frame(a.get(), good);
  EXPECT_EQ(receive(b.get()), good);
}

TEST_F(SwitchServerTest, SurvivesPortsComingAndGoing) {
  auto a = connect_port();
  const auto b = connect_port();
  send_frame(a.get(), make_frame(kBroadcast, kA));
  ASSERT_TRUE(receive(b.get()).has_value());
  a.reset();
  EXPECT_TRUE(eventually([&] { return port_count() == 1; }));
  // kA is forgotten with its port; a frame to it is flooded (to nobody else here) without harm,
  // and a new VM can join and take over the address.
  send_frame(b.get(), make_frame(kA, kB));
  const auto again = connect_port();
  send_frame(again.get(), make_frame(kBroadcast, kA, 9));
  EXPECT_EQ(receive(b.get()), make_frame(kBroadcast, kA, 9));
  send_frame(b.get(), make_frame(kA, kB, 4));
  EXPECT_EQ(receive(again.get()), make_frame(kA, kB, 4));
}

TEST_F(SwitchServerTest, RefusesASecondSwitchOnTheSamePathAndReplacesAStaleSocket) {
  loop_.sync([&] {
    auto second = SwitchServer::create(loop_.loop(), path_);
    ASSERT_FALSE(second.has_value());
    EXPECT_NE(second.error().message.find("already listening"), std::string::npos);
  });
  // A socket file left behind by a switch that died (nobody listening) is replaced.
  const std::string stale = directory_ + "/stale.sock";
  {
    const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    stale.copy(address.sun_path, stale.size());
    ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    ::close(fd);
  }
  loop_.sync([&] {
    auto replaced = SwitchServer::create(loop_.loop(), stale);
    EXPECT_TRUE(replaced.has_value());
  });
  EXPECT_FALSE(std::filesystem::exists(stale));  // removed when that server went away
}

TEST(SwitchClient, ExplainsAMissingSwitch) {
  auto fd = connect_switch_socket("/nonexistent/strata.sock");
  ASSERT_FALSE(fd.has_value());
  EXPECT_NE(fd.error().message.find("strata switch --socket"), std::string::npos);
}

}  // namespace
}  // namespace strata::net
