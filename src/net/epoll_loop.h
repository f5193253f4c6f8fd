// A single-threaded epoll event loop that runs on the thread calling run(): the main loop of the
// `strata switch` process, and the loop unit tests drive back ends with.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "backend/unique_fd.h"
#include "net/event_loop.h"

namespace strata::net {

class EpollLoop final : public EventLoop {
 public:
  [[nodiscard]] static Result<std::unique_ptr<EpollLoop>> create();

  void post(std::function<void()> work) override;
  [[nodiscard]] Result<void> watch(int fd, uint32_t events,
                                   std::function<void(uint32_t)> callback) override;
  void unwatch(int fd) override;

  // Dispatches events until stop() is called (from any thread or from a callback).
  void run();
  // Dispatches the events ready within `timeout_ms` (-1: wait for one), then returns.
  void run_once(int timeout_ms);
  void stop();

 private:
  EpollLoop(backend::UniqueFd epoll, backend::UniqueFd wakeup);
  void run_posted();

  backend::UniqueFd epoll_;
  backend::UniqueFd wakeup_;  // eventfd: post() and stop() interrupt epoll_wait
  // Callbacks are shared so one that unwatches its own fd (or another fd ready in the same batch)
  // stays alive until it returns; the generation tells a stale event from a re-watched fd.
  struct Watch {
    std::shared_ptr<std::function<void(uint32_t)>> callback;
    uint32_t generation;
  };
  std::unordered_map<int, Watch> watches_;
  uint32_t next_generation_ = 1;
  std::mutex posted_mutex_;
  std::vector<std::function<void()>> posted_;
  std::atomic<bool> stopping_{false};
};

}  // namespace strata::net
