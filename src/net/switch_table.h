// The forwarding decision of the virtual switch (`strata switch`), kept apart from its sockets so
// it can be tested alone: learn which port each source MAC lives behind, send unicast frames to
// the learned port, flood broadcast, multicast and unknown destinations, forget stale entries.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "net/mac_address.h"

namespace strata::net {

using PortId = uint32_t;

struct ForwardDecision {
  enum class Kind : uint8_t {
    kDrop,     // malformed, or the destination lives behind the ingress port itself
    kFlood,    // every port but the ingress one
    kUnicast,  // only `port`
  };
  Kind kind = Kind::kDrop;
  PortId port = 0;
};

class SwitchTable {
 public:
  using Clock = std::chrono::steady_clock;
  // Like a hardware bridge: entries age out after 300 s without traffic from that MAC; the table
  // is bounded so a guest that forges source addresses cannot grow the switch without limit.
  static constexpr std::chrono::seconds kDefaultMaxAge{300};
  static constexpr size_t kDefaultCapacity = 4096;

  explicit SwitchTable(std::chrono::seconds max_age = kDefaultMaxAge,
                       size_t capacity = kDefaultCapacity)
      : max_age_(max_age), capacity_(capacity) {}

  // Learns the frame's source address on `ingress` and decides where the frame goes.
  ForwardDecision forward(PortId ingress, std::span<const uint8_t> frame, Clock::time_point now);
  // A port went away: its addresses are unknown again (frames to them flood until relearned).
  void forget_port(PortId port);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    PortId port;
    Clock::time_point last_seen;
  };
  struct MacHash {
    size_t operator()(const MacAddress& mac) const;
  };
  void learn(const MacAddress& source, PortId ingress, Clock::time_point now);
  void evict_expired(Clock::time_point now);
  bool expired(const Entry& entry, Clock::time_point now) const {
    return now - entry.last_seen > max_age_;
  }

  std::chrono::seconds max_age_;
  size_t capacity_;
  std::unordered_map<MacAddress, Entry, MacHash> entries_;
};

}  // namespace strata::net
