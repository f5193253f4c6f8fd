// The `strata switch` process's server: a listening Unix SOCK_SEQPACKET socket; every VM that
// connects is one switch port, every message one Ethernet frame (docs/network.md). Runs on one
// EventLoop; a slow or dead port never stalls the others (sends never block; a full port drops).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/unique_fd.h"
#include "net/event_loop.h"
#include "net/switch_table.h"

namespace strata::net {

struct SwitchStats {
  uint64_t frames_in = 0;
  uint64_t unicast = 0;
  uint64_t flooded = 0;
  uint64_t dropped = 0;    // malformed, reflected, or the destination port's queue was full
  uint64_t malformed = 0;  // too short, too long (truncated), or from a multicast source
};

class SwitchServer {
 public:
  // At most this many VMs at once; more connections are refused (closed) with a log line.
  static constexpr size_t kMaxPorts = 256;

  // Binds and listens on `path`. A stale socket file (nobody listening) is replaced; a live one is
  // an error, so two switches never fight over one path.
  [[nodiscard]] static Result<std::unique_ptr<SwitchServer>> create(EventLoop& loop,
                                                                    std::string path,
                                                                    bool verbose = false);
  ~SwitchServer();  // closes every port and removes the socket file
  SwitchServer(const SwitchServer&) = delete;
  SwitchServer& operator=(const SwitchServer&) = delete;

  size_t port_count() const { return ports_.size(); }
  const SwitchStats& stats() const { return stats_; }

 private:
  SwitchServer(EventLoop& loop, std::string path, backend::UniqueFd listener, bool verbose);
  void on_accept();
  void on_port_readable(PortId port);
  void close_port(PortId port, const char* why);
  void deliver(PortId port, std::span<const uint8_t> frame);

  EventLoop& loop_;
  std::string path_;
  backend::UniqueFd listener_;
  bool verbose_;
  std::unordered_map<PortId, backend::UniqueFd> ports_;
  PortId next_port_ = 1;
  SwitchTable table_;
  std::vector<uint8_t> buffer_;
  SwitchStats stats_;
};

}  // namespace strata::net
