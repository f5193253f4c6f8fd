#include "net/checksum.h"

#include "net/backend.h"

namespace strata::net {
namespace {

uint16_t fold(uint64_t sum) {
  while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

uint16_t load16(std::span<const uint8_t> bytes, size_t offset) {
  return static_cast<uint16_t>((bytes[offset] << 8) | bytes[offset + 1]);
}

constexpr uint8_t kProtocolTcp = 6;
constexpr uint8_t kProtocolUdp = 17;

}  // namespace

uint16_t ones_complement_sum(std::span<const uint8_t> bytes, uint32_t initial) {
  uint64_t sum = initial;
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) sum += load16(bytes, i);
  if (i < bytes.size()) sum += static_cast<uint64_t>(bytes[i]) << 8;
  return fold(sum);
}

bool complete_checksum(std::span<uint8_t> frame, uint32_t start, uint32_t offset) {
  const uint64_t field = static_cast<uint64_t>(start) + offset;
  if (start >= frame.size() || field + 2 > frame.size()) return false;
  const uint16_t checksum = static_cast<uint16_t>(~ones_complement_sum(frame.subspan(start)));
  frame[field] = static_cast<uint8_t>(checksum >> 8);
  frame[field + 1] = static_cast<uint8_t>(checksum);
  return true;
}

bool ipv4_transport_checksum_valid(std::span<const uint8_t> frame) {
  constexpr size_t kIp = kEthernetHeaderSize;
  if (frame.size() < kIp + 20 || frame[12] != 0x08 || frame[13] != 0x00) return false;
  const std::span ip = frame.subspan(kIp);
  const size_t header_length = static_cast<size_t>(ip[0] & 0x0f) * 4;
  const size_t total_length = load16(ip, 2);
  if ((ip[0] >> 4) != 4 || header_length < 20 || total_length < header_length ||
      total_length > ip.size()) {
    return false;
  }
  // Fragments carry only part of the transport payload: their checksum cannot be checked here.
  if ((load16(ip, 6) & 0x3fff) != 0) return false;
  const uint8_t protocol = ip[9];
  const std::span transport = ip.subspan(header_length, total_length - header_length);
  if (protocol == kProtocolTcp) {
    if (transport.size() < 20) return false;
  } else if (protocol == kProtocolUdp) {
    if (transport.size() < 8) return false;
    if (load16(transport, 6) == 0) return true;  // UDP over IPv4 without a checksum
  } else {
    return false;
  }
  // Pseudo-header: source, destination, protocol, transport length.
  uint32_t pseudo = 0;
  pseudo += ones_complement_sum(ip.subspan(12, 8));
  pseudo += protocol;
  pseudo += static_cast<uint32_t>(transport.size());
  return ones_complement_sum(transport, pseudo) == 0xffff;
}

}  // namespace strata::net
