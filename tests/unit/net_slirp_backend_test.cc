#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "backend/unique_fd.h"
#include "net/slirp_backend.h"
#include "net/slirp_network.h"
#include "net_test_support.h"

namespace strata::net {
namespace {

using testing::eventually;
using testing::kBroadcast;
using testing::LoopThread;

constexpr MacAddress kGuest{0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

void put_ipv4(std::vector<uint8_t>& frame, size_t offset, uint32_t address) {
  for (int i = 0; i < 4; ++i) frame[offset + i] = static_cast<uint8_t>(address >> (24 - 8 * i));
}

// An ARP request from the guest (10.0.2.15) asking who has `target`.
std::vector<uint8_t> arp_request(uint32_t target) {
  std::vector<uint8_t> frame(42, 0);
  std::copy(kBroadcast.begin(), kBroadcast.end(), frame.begin());
  std::copy(kGuest.begin(), kGuest.end(), frame.begin() + 6);
  frame[12] = 0x08;
  frame[13] = 0x06;
  const uint8_t header[] = {0, 1, 8, 0, 6, 4, 0, 1};  // Ethernet, IPv4, request
  std::copy(std::begin(header), std::end(header), frame.begin() + 14);
  std::copy(kGuest.begin(), kGuest.end(), frame.begin() + 22);
  put_ipv4(frame, 28, kSlirpGuestAddress);
  put_ipv4(frame, 38, target);
  return frame;
}

class SlirpBackendTest : public ::testing::Test {
 protected:
  void open(std::span<const HostForward> forwards = {}) {
    loop_.sync([&] {
      auto backend = open_slirp(loop_.loop(), forwards);
      ASSERT_TRUE(backend.has_value()) << backend.error().message;
      backend_ = std::move(*backend);
      backend_->start(
          [this](std::span<const uint8_t> frame) {
            const std::lock_guard lock(mutex_);
            received_.emplace_back(frame.begin(), frame.end());
            return true;
          },
          {});
    });
  }
  void TearDown() override {
    loop_.sync([&] { backend_.reset(); });
  }
  std::optional<std::vector<uint8_t>> first_arp_reply() {
    const std::lock_guard lock(mutex_);
    for (const auto& frame : received_) {
      if (frame.size() >= 42 && frame[12] == 0x08 && frame[13] == 0x06 && frame[21] == 2) {
        return frame;
      }
    }
    return std::nullopt;
  }

  LoopThread loop_;
  std::unique_ptr<Backend> backend_;
  std::mutex mutex_;
  std::vector<std::vector<uint8_t>> received_;
};

TEST_F(SlirpBackendTest, TheGatewayAnswersArp) {
  open();
  const auto request = arp_request(kSlirpHost);
  loop_.sync([&] { backend_->send(request); });
  ASSERT_TRUE(eventually([&] { return first_arp_reply().has_value(); }));
  const auto reply = *first_arp_reply();
  EXPECT_TRUE(std::equal(kGuest.begin(), kGuest.end(), reply.begin()));  // to the guest
  const std::vector<uint8_t> sender(reply.begin() + 28, reply.begin() + 32);
  EXPECT_EQ(sender, (std::vector<uint8_t>{10, 0, 2, 2}));
}

TEST_F(SlirpBackendTest, AHostPortInUseIsAClearError) {
  const backend::UniqueFd busy(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(kLoopback);
  ASSERT_EQ(::bind(busy.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(busy.get(), 1), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(busy.get(), reinterpret_cast<sockaddr*>(&address), &length), 0);
  const HostForward forward{false, kLoopback, ntohs(address.sin_port), kSlirpGuestAddress, 80};
  loop_.sync([&] {
    auto backend = open_slirp(loop_.loop(), std::span(&forward, 1));
    ASSERT_FALSE(backend.has_value());
    EXPECT_NE(backend.error().message.find("cannot listen on host port"), std::string::npos);
  });
}

TEST_F(SlirpBackendTest, AForwardedPortListensOnTheHost) {
  // Find a free port, then forward it.
  uint16_t port = 0;
  {
    const backend::UniqueFd probe(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(kLoopback);
    ASSERT_EQ(::bind(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    ASSERT_EQ(::getsockname(probe.get(), reinterpret_cast<sockaddr*>(&address), &length), 0);
    port = ntohs(address.sin_port);
  }
  const HostForward forward{false, kLoopback, port, kSlirpGuestAddress, 80};
  open(std::span(&forward, 1));
  const backend::UniqueFd client(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(kLoopback);
  address.sin_port = htons(port);
  EXPECT_EQ(::connect(client.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address),
            0);
  // slirp now tries to reach the guest: it asks for 10.0.2.15's MAC (ARP) on the guest wire.
  EXPECT_TRUE(eventually([&] {
    const std::lock_guard lock(mutex_);
    return std::ranges::any_of(received_, [](const auto& frame) {
      return frame.size() >= 42 && frame[12] == 0x08 && frame[13] == 0x06 && frame[21] == 1 &&
             frame[38] == 10 && frame[41] == 15;
    });
  }));
}

}  // namespace
}  // namespace strata::net
