#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <vector>

#include "net/packet_fd_backend.h"
#include "net/tap_backend.h"
#include "net_test_support.h"

namespace strata::net {
namespace {

using testing::eventually;
using testing::kBroadcast;
using testing::LoopThread;
using testing::make_frame;

constexpr MacAddress kA{0x52, 0x54, 0x00, 0, 0, 0xa};

// A back end over one end of a SOCK_SEQPACKET pair; the test plays the wire on the other end.
class PacketFdBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int fds[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, fds), 0);
    wire_.reset(fds[1]);
    backend_ = std::make_unique<PacketFdBackend>(loop_.loop(), backend::UniqueFd(fds[0]), "pair");
  }
  void TearDown() override {
    loop_.sync([&] { backend_.reset(); });
  }
  void start() {
    loop_.sync([&] {
      backend_->start(
          [this](std::span<const uint8_t> frame) {
            const std::lock_guard lock(mutex_);
            if (!accepting_) return false;
            received_.emplace_back(frame.begin(), frame.end());
            return true;
          },
          [this] { link_down_ = true; });
    });
  }
  size_t received_count() {
    const std::lock_guard lock(mutex_);
    return received_.size();
  }

  LoopThread loop_;
  backend::UniqueFd wire_;
  std::unique_ptr<PacketFdBackend> backend_;
  std::mutex mutex_;
  bool accepting_ = true;
  std::atomic<bool> link_down_{false};
  std::vector<std::vector<uint8_t>> received_;
};

TEST_F(PacketFdBackendTest, SendsAndReceivesWholeFrames) {
  start();
  const auto out = make_frame(kBroadcast, kA, 1, 1514);
  loop_.sync([&] { backend_->send(out); });
  std::vector<uint8_t> buffer(2000);
  ASSERT_EQ(::recv(wire_.get(), buffer.data(), buffer.size(), 0), 1514);
  buffer.resize(1514);
  EXPECT_EQ(buffer, out);

  const auto in = make_frame(kA, kBroadcast, 2);  // any frame; the back end does not filter
  ASSERT_EQ(::send(wire_.get(), in.data(), in.size(), 0), static_cast<ssize_t>(in.size()));
  ASSERT_TRUE(eventually([&] { return received_count() == 1; }));
  const std::lock_guard lock(mutex_);
  EXPECT_EQ(received_[0], in);
}

TEST_F(PacketFdBackendTest, DropsRuntsAndGiantsOnReceive) {
  start();
  const std::vector<uint8_t> runt(10, 1);
  const auto giant = make_frame(kBroadcast, kA, 0, 70000);
  const auto good = make_frame(kBroadcast, kA, 5);
  ::send(wire_.get(), runt.data(), runt.size(), 0);
  ::send(wire_.get(), giant.data(), giant.size(), 0);
  ::send(wire_.get(), good.data(), good.size(), 0);
  ASSERT_TRUE(eventually([&] { return received_count() == 1; }));
  uint64_t dropped = 0;
  loop_.sync([&] { dropped = backend_->dropped(); });
  EXPECT_EQ(dropped, 2U);
}

TEST_F(PacketFdBackendTest, PausesWhenTheReceiverIsFullAndResumesInOrder) {
  {
    const std::lock_guard lock(mutex_);
    accepting_ = false;
  }
  start();
  for (uint8_t i = 0; i < 5; ++i) {
    const auto frame = make_frame(kBroadcast, kA, i);
    ::send(wire_.get(), frame.data(), frame.size(), 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(received_count(), 0U);
  {
    const std::lock_guard lock(mutex_);
    accepting_ = true;
  }
  loop_.sync([&] { backend_->resume_receive(); });
  ASSERT_TRUE(eventually([&] { return received_count() == 5; }));
  const std::lock_guard lock(mutex_);
  for (uint8_t i = 0; i < 5; ++i) EXPECT_EQ(received_[i][20], i) << "frame " << int{i};
}

TEST_F(PacketFdBackendTest, ReportsALinkDownWhenThePeerLeaves) {
  start();
  wire_.reset();
  ASSERT_TRUE(eventually([&] { return link_down_.load(); }));
  const auto frame = make_frame(kBroadcast, kA);
  loop_.sync([&] { backend_->send(frame); });  // no crash, counted as dropped
  uint64_t dropped = 0;
  loop_.sync([&] { dropped = backend_->dropped(); });
  EXPECT_EQ(dropped, 1U);
}

TEST(TapBackend, ExplainsWhyItCannotOpen) {
  LoopThread loop;
  loop.sync([&] {
    auto long_name = open_tap(loop.loop(), "a-name-far-too-long-for-linux");
    ASSERT_FALSE(long_name.has_value());
    EXPECT_NE(long_name.error().message.find("1 to 15 characters"), std::string::npos);
    auto tap = open_tap(loop.loop(), "strata-test0");
    if (::geteuid() == 0 && tap.has_value()) return;  // root may create it: nothing to explain
    ASSERT_FALSE(tap.has_value());
    EXPECT_EQ(tap.error().message.rfind("tap:strata-test0: ", 0), 0U) << tap.error().message;
  });
}

// With root, a real TAP: frames the host sends on the interface reach the back end, and frames the
// back end sends appear on the interface.
TEST(TapBackend, CarriesFramesBothWaysWhenRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "creating a TAP needs root";
  LoopThread loop;
  std::unique_ptr<Backend> tap;
  std::mutex mutex;
  std::vector<std::vector<uint8_t>> received;
  std::string error;
  loop.sync([&] {
    auto opened = open_tap(loop.loop(), "strata-t0");
    if (!opened) {
      error = opened.error().message;
      return;
    }
    tap = std::move(*opened);
    tap->start(
        [&](std::span<const uint8_t> frame) {
          const std::lock_guard lock(mutex);
          if (frame.size() > 13 && frame[12] == 0x88 && frame[13] == 0xb5) {
            received.emplace_back(frame.begin(), frame.end());
          }
          return true;
        },
        {});
  });
  if (!tap) GTEST_SKIP() << "no TAP here: " << error;
  const unsigned index = ::if_nametoindex("strata-t0");
  ASSERT_NE(index, 0U);
  {
    const backend::UniqueFd control(::socket(AF_INET, SOCK_DGRAM, 0));
    ifreq request{};
    std::strcpy(request.ifr_name, "strata-t0");
    ASSERT_EQ(::ioctl(control.get(), SIOCGIFFLAGS, &request), 0);
    request.ifr_flags |= IFF_UP;
    ASSERT_EQ(::ioctl(control.get(), SIOCSIFFLAGS, &request), 0);
  }
  const backend::UniqueFd packet(::socket(AF_PACKET, SOCK_RAW, htons(0x88b5)));
  ASSERT_TRUE(packet.valid());
  sockaddr_ll address{};
  address.sll_family = AF_PACKET;
  address.sll_protocol = htons(0x88b5);
  address.sll_ifindex = static_cast<int>(index);
  ASSERT_EQ(::bind(packet.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);

  const auto to_guest = make_frame(kA, MacAddress{0x02, 0, 0, 0, 0, 1}, 0x5a);
  ASSERT_EQ(::send(packet.get(), to_guest.data(), to_guest.size(), 0),
            static_cast<ssize_t>(to_guest.size()));
  EXPECT_TRUE(eventually([&] {
    const std::lock_guard lock(mutex);
    return !received.empty() && received.front() == to_guest;
  }));

  const auto from_guest = make_frame(kBroadcast, kA, 0xa5);
  loop.sync([&] { tap->send(from_guest); });
  std::vector<uint8_t> buffer(2048);
  pollfd entry{packet.get(), POLLIN, 0};
  ssize_t length = -1;
  while (::poll(&entry, 1, 2000) == 1) {
    length = ::recv(packet.get(), buffer.data(), buffer.size(), 0);
    if (length == static_cast<ssize_t>(from_guest.size()) && buffer[14] == 0xa5) break;
  }
  buffer.resize(static_cast<size_t>(std::max<ssize_t>(length, 0)));
  EXPECT_EQ(buffer, from_guest);
  loop.sync([&] { tap.reset(); });
}

}  // namespace
}  // namespace strata::net
