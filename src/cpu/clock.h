// The platform timebase: 10 MHz, derived from the host's monotonic clock, so guest time advances
// at the host's rate whether or not the guest is running instructions.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace strata::cpu {

class Clock final {
 public:
  static constexpr uint64_t kFrequency = 10'000'000;

  uint64_t now() const { return at(std::chrono::steady_clock::now()); }
  // The time at host time `when`: a caller that also needs the host time reads the clock once.
  uint64_t at(std::chrono::steady_clock::time_point when) const {
    return host_ticks(when) + offset_;
  }
  // Makes now() read `ticks` (an mtime write, or restoring a snapshot).
  void set(uint64_t ticks) { offset_ = ticks - host_ticks(std::chrono::steady_clock::now()); }

  // Host nanoseconds until now() reaches `ticks` (0 if already there).
  uint64_t nanoseconds_until(uint64_t ticks) const {
    const uint64_t current = now();
    if (ticks <= current) return 0;
    constexpr uint64_t kFarFuture = 1ULL << 40;  // keeps the multiplication from overflowing
    return std::min(ticks - current, kFarFuture) * (1'000'000'000 / kFrequency);
  }

 private:
  static uint64_t host_ticks(std::chrono::steady_clock::time_point when) {
    const auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(when.time_since_epoch()).count();
    return static_cast<uint64_t>(ns) / (1'000'000'000 / kFrequency);
  }

  // Time starts at zero when the machine is created.
  uint64_t offset_ = -host_ticks(std::chrono::steady_clock::now());
};

}  // namespace strata::cpu
