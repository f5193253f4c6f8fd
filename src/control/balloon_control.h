// What the control socket needs from a memory balloon (virtio-balloon implements it): set the
// target, read the sizes, fetch the guest's memory statistics. Every call comes from the control
// thread and must not wait on a vCPU.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace strata::control {

// One statistic the guest reported (virtio 1.2 §5.5.6.3): its tag and value.
struct BalloonStat {
  uint16_t tag = 0;
  uint64_t value = 0;
};

struct BalloonStatus {
  uint64_t ram_bytes = 0;      // guest RAM
  uint32_t target_pages = 0;   // num_pages: what the host asks the guest to give up (4 KiB)
  uint32_t actual_pages = 0;   // actual: what the driver says the balloon holds
  bool driver_ready = false;   // the driver has set DRIVER_OK
  bool stats_enabled = false;  // the driver negotiated the statistics queue
  // The latest statistics and how long ago they arrived; empty until the guest sent some.
  std::optional<std::vector<BalloonStat>> stats;
  std::chrono::milliseconds stats_age{0};
  uint64_t pages_discarded = 0;  // inflated or reported pages returned to the host so far
  uint64_t pages_ignored = 0;    // page numbers outside RAM the guest sent (and we ignored)
};

class BalloonControl {
 public:
  virtual ~BalloonControl() = default;
  // Asks the guest for a balloon of `pages` 4 KiB pages (at most the RAM's page count).
  [[nodiscard]] virtual Result<void> set_target_pages(uint64_t pages) = 0;
  virtual BalloonStatus status() const = 0;
  // Asks the guest for fresh statistics and waits up to `timeout` for them; false if none came
  // (no driver, no statistics queue, or a slow guest). status() has whatever arrived last.
  virtual bool refresh_stats(std::chrono::milliseconds timeout) = 0;
};

// The name of a statistic tag as virtio 1.2 §5.5.6.3 spells it ("free-memory"...), or
// "tag-N" for tags it does not know.
std::string stat_name(uint16_t tag);

}  // namespace strata::control
