// The TAP back end (`--net tap:NAME`): frames go to and come from the host's TAP interface NAME,
// which the user bridges or routes as they wish.
#pragma once

#include <memory>
#include <string_view>

#include "net/backend.h"
#include "net/event_loop.h"

namespace strata::net {

// Attaches to (or, with CAP_NET_ADMIN, creates) TAP interface `name` through /dev/net/tun with
// IFF_TAP | IFF_NO_PI. Fails with a one-line explanation when that is not allowed.
[[nodiscard]] Result<std::unique_ptr<Backend>> open_tap(EventLoop& loop, std::string_view name);

}  // namespace strata::net
