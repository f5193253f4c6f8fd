// Helpers shared by the device and character back-end tests: an interrupt controller that
// records line levels, a character back end the test drives by hand, and polling with a deadline.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "backend/char_backend.h"
#include "dev/irq.h"

namespace strata::test {

// Records the level of every source; any thread may set them.
class RecordingController final : public dev::InterruptController {
 public:
  void set_level(unsigned source, bool asserted) override {
    if (source < levels_.size()) levels_[source].store(asserted);
  }
  bool level(unsigned source) const { return levels_.at(source).load(); }
  dev::IrqLine line(unsigned source) { return dev::IrqLine{this, source}; }

 private:
  std::array<std::atomic<bool>, 128> levels_{};
};

// A back end whose input the test offers by hand and whose output it inspects.
class ManualBackend final : public backend::CharBackend {
 public:
  void write(std::span<const uint8_t> bytes) override {
    const std::lock_guard lock(output_mutex_);
    output_.append(bytes.begin(), bytes.end());
  }
  void set_receiver(Receiver receiver) override {
    const std::lock_guard lock(mutex_);
    receiver_ = std::move(receiver);
  }
  void resume_input() override { resumes_.fetch_add(1); }
  uint64_t dropped_output() const override { return 0; }
  bool connected() const override { return true; }

  // Offers `text` to the registered receiver; returns how many bytes it took.
  size_t offer(std::string_view text) {
    const std::lock_guard lock(mutex_);
    if (!receiver_) return 0;
    return receiver_(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  }
  bool has_receiver() {
    const std::lock_guard lock(mutex_);
    return static_cast<bool>(receiver_);
  }
  std::string take_output() {
    const std::lock_guard lock(output_mutex_);
    return std::exchange(output_, {});
  }
  int resumes() const { return resumes_.load(); }

 private:
  // Separate locks, as the back-end contract requires: write() is called with the device's lock
  // held, and the receiver takes that lock.
  std::mutex mutex_;
  Receiver receiver_;
  std::mutex output_mutex_;
  std::string output_;
  std::atomic<int> resumes_{0};
};

// Polls `condition` until it holds or `timeout` passes; returns whether it held.
template <typename Condition>
bool eventually(Condition condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace strata::test
