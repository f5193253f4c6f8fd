// Helpers for the network back-end tests: an EpollLoop running on its own thread, and frames.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "net/epoll_loop.h"
#include "net/mac_address.h"

namespace strata::net::testing {

class LoopThread {
 public:
  LoopThread() : loop_(std::move(*EpollLoop::create())), thread_([this] { loop_->run(); }) {}
  ~LoopThread() {
    loop_->stop();
    thread_.join();
  }
  LoopThread(const LoopThread&) = delete;
  LoopThread& operator=(const LoopThread&) = delete;

  EpollLoop& loop() { return *loop_; }
  // Runs `work` on the loop thread and waits for it.
  void sync(const std::function<void()>& work) {
    std::promise<void> done;
    loop_->post([&] {
      work();
      done.set_value();
    });
    done.get_future().wait();
  }

 private:
  std::unique_ptr<EpollLoop> loop_;
  std::thread thread_;
};

// Polls `condition` (on the test thread) for up to `seconds`.
inline bool eventually(const std::function<bool()>& condition, double seconds = 5.0) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(seconds));
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return condition();
}

// An Ethernet frame from `source` to `destination` with EtherType 0x88b5 (local experimental)
// and `payload_byte` repeated to make it `size` bytes long.
inline std::vector<uint8_t> make_frame(const MacAddress& destination, const MacAddress& source,
                                       uint8_t payload_byte = 0xab, size_t size = 64) {
  std::vector<uint8_t> frame(size, payload_byte);
  std::copy(destination.begin(), destination.end(), frame.begin());
  std::copy(source.begin(), source.end(), frame.begin() + 6);
  frame[12] = 0x88;
  frame[13] = 0xb5;
  return frame;
}

inline constexpr MacAddress kBroadcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

}  // namespace strata::net::testing
