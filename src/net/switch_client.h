// The switch back end (`--net switch:SOCKET`): one port on a `strata switch` process, reached
// through its Unix SOCK_SEQPACKET socket (one message = one Ethernet frame; docs/network.md).
#pragma once

#include <memory>
#include <string_view>

#include "backend/unique_fd.h"
#include "net/backend.h"
#include "net/event_loop.h"

namespace strata::net {

// Connects a non-blocking SOCK_SEQPACKET socket to `path`.
[[nodiscard]] Result<backend::UniqueFd> connect_switch_socket(std::string_view path);

[[nodiscard]] Result<std::unique_ptr<Backend>> open_switch_port(EventLoop& loop,
                                                                std::string_view path);

}  // namespace strata::net
