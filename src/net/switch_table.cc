#include "net/switch_table.h"

#include <algorithm>
#include <cstring>

#include "net/backend.h"

namespace strata::net {

size_t SwitchTable::MacHash::operator()(const MacAddress& mac) const {
  uint64_t value = 0;
  std::memcpy(&value, mac.data(), mac.size());
  return std::hash<uint64_t>{}(value);
}

void SwitchTable::evict_expired(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& item) { return expired(item.second, now); });
}

void SwitchTable::learn(const MacAddress& source, PortId ingress, Clock::time_point now) {
  const auto it = entries_.find(source);
  if (it != entries_.end()) {
    it->second = Entry{ingress, now};  // also a move: the VM reconnected on another port
    return;
  }
  if (entries_.size() >= capacity_) evict_expired(now);
  // Still full: do not learn; frames to this address are flooded, which is correct, only slower.
  if (entries_.size() < capacity_) entries_.emplace(source, Entry{ingress, now});
}

ForwardDecision SwitchTable::forward(PortId ingress, std::span<const uint8_t> frame,
                                     Clock::time_point now) {
  if (frame.size() < kEthernetHeaderSize || frame.size() > kMaxFrameSize) return {};
  MacAddress destination{};
  MacAddress source{};
  std::copy_n(frame.begin(), 6, destination.begin());
  std::copy_n(frame.begin() + 6, 6, source.begin());
  // No NIC sends from a group address; such a frame is forged or corrupt (IEEE 802.1D drops it).
  if (is_multicast(source)) return {};
  learn(source, ingress, now);
  if (is_multicast(destination)) return {ForwardDecision::Kind::kFlood, 0};
  const auto it = entries_.find(destination);
  if (it == entries_.end() || expired(it->second, now)) return {ForwardDecision::Kind::kFlood, 0};
  if (it->second.port == ingress) return {};  // never reflect a frame back to its sender
  return {ForwardDecision::Kind::kUnicast, it->second.port};
}

void SwitchTable::forget_port(PortId port) {
  std::erase_if(entries_, [&](const auto& item) { return item.second.port == port; });
}

}  // namespace strata::net
