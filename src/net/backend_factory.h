// Opens the back end a `--net` argument (parsed into machine::NetConfig) names.
#pragma once

#include <memory>

#include "machine/virtio_config.h"
#include "net/backend.h"
#include "net/event_loop.h"

namespace strata::net {

// Fails with one line naming the back end, e.g. "tap:tap0: cannot open /dev/net/tun: ...".
[[nodiscard]] Result<std::unique_ptr<Backend>> open_backend(EventLoop& loop,
                                                            const machine::NetConfig& config);

}  // namespace strata::net
