// virtio-balloon (virtio 1.2 §5.5, device ID 5): the host asks the guest to give memory back
// (num_pages), the guest's driver allocates that many pages and hands their page numbers over on
// the inflate queue, and the device returns those pages to the host (GuestRam::discard_range:
// MADV_DONTNEED on guest RAM, so the process's RSS drops). Deflating hands pages back to the guest;
// they read as zero. Besides:
//  - the statistics queue: the guest's memory statistics, fetched on request (refresh_stats());
//  - free page reporting: the guest reports runs of free pages, which are discarded too;
//  - deflate-on-OOM: the guest may take pages back from the balloon rather than run out;
//  - page poisoning: a guest that poisons free pages tells its poison value; reported pages are
//    then only discarded when that value is zero (discarded pages read as zero).
// Free page hinting (for live migration) is not offered.
//
// The control socket drives it through control::BalloonControl. Queue work runs on the device's
// I/O thread; a guest page number outside RAM is ignored (with a log line) and never reaches
// madvise.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "control/balloon_control.h"
#include "mem/guest_ram.h"
#include "virtio/device.h"
#include "virtio/io_thread.h"

namespace strata::virtio {

// Feature bits of virtio 1.2 §5.5.3.
inline constexpr uint64_t kBalloonMustTellHost = 1ULL << 0;
inline constexpr uint64_t kBalloonStatsVq = 1ULL << 1;
inline constexpr uint64_t kBalloonDeflateOnOom = 1ULL << 2;
inline constexpr uint64_t kBalloonFreePageHint = 1ULL << 3;
inline constexpr uint64_t kBalloonPagePoison = 1ULL << 4;
inline constexpr uint64_t kBalloonReporting = 1ULL << 5;

struct BalloonOptions {
  bool free_page_reporting = true;
  bool deflate_on_oom = true;
};

class BalloonDevice final : public Device, public control::BalloonControl {
 public:
  static constexpr uint32_t kConfigSize = 16;  // num_pages, actual, cmd id, poison_val
  // Statistics past this many in one buffer are ignored (the specification defines 10 tags).
  static constexpr size_t kMaxStats = 64;

  BalloonDevice(std::string name, mem::GuestRam& ram, BalloonOptions options);
  ~BalloonDevice() override;
  BalloonDevice(const BalloonDevice&) = delete;
  BalloonDevice& operator=(const BalloonDevice&) = delete;

  // Device.
  std::string_view name() const override { return name_; }
  uint32_t device_id() const override { return kDeviceBalloon; }
  uint64_t features() const override;
  // inflateq, deflateq, statsq and, with reporting, reporting_vq (§5.5.2: queues of features
  // not offered do not exist, and the later ones move down).
  unsigned queue_count() const override { return options_.free_page_reporting ? 4 : 3; }
  void read_config(uint32_t offset, std::span<uint8_t> out) override;
  void write_config(uint32_t offset, std::span<const uint8_t> in) override;
  void activate(DeviceContext& context) override;
  void notify(unsigned queue) override;
  void reset() override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

  // control::BalloonControl.
  [[nodiscard]] Result<void> set_target_pages(uint64_t pages) override;
  control::BalloonStatus status() const override;
  bool refresh_stats(std::chrono::milliseconds timeout) override;

 private:
  enum class Role : uint8_t { kInflate, kDeflate, kStats, kReporting };

  // On the I/O thread.
  void serve(unsigned queue);
  void inflate(const DescriptorChain& chain);
  void report_free_pages(const DescriptorChain& chain);
  void take_stats(const DescriptorChain& chain);
  void request_stats();
  void discard(uint64_t first_pfn, uint64_t count);
  void log_ignored(uint64_t pfn);

  std::string name_;
  mem::GuestRam& ram_;
  BalloonOptions options_;

  // Shared between the vCPU (config), control and I/O threads.
  mutable std::mutex mutex_;
  std::condition_variable stats_arrived_;
  uint32_t target_pages_ = 0;
  uint32_t actual_pages_ = 0;
  uint32_t poison_value_ = 0;
  bool driver_ready_ = false;
  bool stats_enabled_ = false;
  std::optional<std::vector<control::BalloonStat>> stats_;
  std::chrono::steady_clock::time_point stats_time_{};
  uint64_t stats_generation_ = 0;
  uint64_t pages_discarded_ = 0;
  uint64_t pages_ignored_ = 0;
  unsigned ignored_logged_ = 0;
  std::optional<uint16_t> held_stats_head_;  // mirrors stats_chain_, for save()

  // I/O thread only.
  DeviceContext* context_ = nullptr;
  std::vector<Role> roles_;  // queue index -> role, from the negotiated features
  bool poison_negotiated_ = false;
  // The statistics buffer the driver left with us (§5.5.6.3): returning it asks for new ones.
  std::optional<DescriptorChain> stats_chain_;
  std::optional<uint16_t> restored_stats_head_;  // from restore(), rebuilt at activate()

  IoThread thread_;  // last: stopped first
};

}  // namespace strata::virtio
