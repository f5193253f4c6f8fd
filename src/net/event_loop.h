// The event-loop services a network back end needs: watch file descriptors and run work on the
// loop's thread. A back end is used only from its loop's thread (the device's I/O thread), so it
// needs no locks of its own; anything that starts on another thread hops over with post().
#pragma once

#include <cstdint>
#include <functional>

#include "util/error.h"

namespace strata::net {

class EventLoop {
 public:
  virtual ~EventLoop() = default;
  // Runs `work` on the loop thread; callable from any thread.
  virtual void post(std::function<void()> work) = 0;
  // Calls `callback` with the epoll events whenever `fd` is ready for `events` (EPOLLIN...).
  // Loop thread only. Watching an fd again replaces its events and callback.
  [[nodiscard]] virtual Result<void> watch(int fd, uint32_t events,
                                           std::function<void(uint32_t)> callback) = 0;
  // Stops watching `fd`; a no-op for an fd that is not watched. Loop thread only.
  virtual void unwatch(int fd) = 0;
};

}  // namespace strata::net
