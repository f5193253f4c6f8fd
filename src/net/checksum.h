// Internet checksums (RFC 1071) for virtio-net's checksum offloads: completing the partial
// checksum of a frame the guest sent with VIRTIO_NET_HDR_F_NEEDS_CSUM, and verifying the TCP/UDP
// checksum of a received IPv4 frame so the guest can be told it is valid (DATA_VALID).
#pragma once

#include <cstdint>
#include <span>

namespace strata::net {

// The one's-complement sum of `bytes` (big-endian 16-bit words, an odd byte padded with zero),
// added to `initial` and folded to 16 bits.
uint16_t ones_complement_sum(std::span<const uint8_t> bytes, uint32_t initial = 0);

// Completes a partial checksum: sums the frame from `start` to its end (the checksum field at
// start + offset holds the pseudo-header sum, as the guest left it) and stores the complement
// there. Returns false, leaving the frame unchanged, if the field lies outside the frame.
bool complete_checksum(std::span<uint8_t> frame, uint32_t start, uint32_t offset);

// True if `frame` is an unfragmented IPv4 TCP or UDP packet in an Ethernet II frame whose
// transport checksum is correct (or, for UDP, absent).
bool ipv4_transport_checksum_valid(std::span<const uint8_t> frame);

}  // namespace strata::net
