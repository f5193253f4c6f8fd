#include <gtest/gtest.h>

#include <vector>

#include "net/checksum.h"

namespace strata::net {
namespace {

// A 20-byte IPv4 header + 8-byte UDP header + "hi!" from 10.0.2.15:1000 to 10.0.2.2:2000, with
// correct checksums computed independently (by hand, RFC 1071).
std::vector<uint8_t> udp_frame() {
  std::vector<uint8_t> frame = {
      0x52, 0x55, 0x0a, 0x00, 0x02, 0x02, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08, 0x00,  // eth
      0x45, 0x00, 0x00, 0x1f, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,  // ip, csum below
      0x0a, 0x00, 0x02, 0x0f, 0x0a, 0x00, 0x02, 0x02,                          // addresses
      0x03, 0xe8, 0x07, 0xd0, 0x00, 0x0b, 0x00, 0x00,                          // udp, csum below
      'h',  'i',  '!'};
  return frame;
}

TEST(NetChecksum, SumsLikeRfc1071) {
  // RFC 1071 §3's example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
  const std::vector<uint8_t> bytes = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  EXPECT_EQ(ones_complement_sum(bytes), 0xddf2);
  const std::vector<uint8_t> odd = {0x01};
  EXPECT_EQ(ones_complement_sum(odd), 0x0100);
}

TEST(NetChecksum, CompletesAPartialChecksumAsTheGuestRequests) {
  std::vector<uint8_t> frame = udp_frame();
  // What a driver leaves with NEEDS_CSUM: the pseudo-header sum (addresses, protocol, length).
  const std::vector<uint8_t> pseudo = {0x0a, 0x00, 0x02, 0x0f, 0x0a, 0x00,
                                       0x02, 0x02, 0x00, 0x11, 0x00, 0x0b};
  const uint16_t partial = ones_complement_sum(pseudo);
  frame[40] = static_cast<uint8_t>(partial >> 8);
  frame[41] = static_cast<uint8_t>(partial);
  ASSERT_TRUE(complete_checksum(frame, 34, 6));
  // Complete the IPv4 header checksum too, then the whole frame must verify.
  const uint16_t ip = static_cast<uint16_t>(~ones_complement_sum(std::span(frame).subspan(14, 20)));
  frame[24] = static_cast<uint8_t>(ip >> 8);
  frame[25] = static_cast<uint8_t>(ip);
  EXPECT_TRUE(ipv4_transport_checksum_valid(frame));
  frame.back() ^= 1;  // corruption is caught
  EXPECT_FALSE(ipv4_transport_checksum_valid(frame));
}

TEST(NetChecksum, RefusesAFieldOutsideTheFrame) {
  std::vector<uint8_t> frame = udp_frame();
  const std::vector<uint8_t> before = frame;
  EXPECT_FALSE(complete_checksum(frame, 34, 60000));
  EXPECT_FALSE(complete_checksum(frame, 60000, 0));
  EXPECT_FALSE(complete_checksum(frame, static_cast<uint32_t>(frame.size() - 1), 0));
  EXPECT_EQ(frame, before);
}

TEST(NetChecksum, OnlyUnfragmentedIpv4TcpUdpVerifies) {
  std::vector<uint8_t> frame = udp_frame();
  frame[40] = frame[41] = 0;  // UDP without checksum: acceptable
  EXPECT_TRUE(ipv4_transport_checksum_valid(frame));
  std::vector<uint8_t> fragment = frame;
  fragment[20] = 0x20;  // more fragments
  EXPECT_FALSE(ipv4_transport_checksum_valid(fragment));
  std::vector<uint8_t> lying = frame;
  lying[17] = 0xff;  // total length beyond the frame
  EXPECT_FALSE(ipv4_transport_checksum_valid(lying));
  std::vector<uint8_t> arp = frame;
  arp[13] = 0x06;
  EXPECT_FALSE(ipv4_transport_checksum_valid(arp));
  EXPECT_FALSE(ipv4_transport_checksum_valid(std::span(frame).first(20)));
}

}  // namespace
}  // namespace strata::net
