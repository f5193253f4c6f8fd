#include "virtio/balloon_device.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace strata::virtio {
namespace {

constexpr uint32_t kBalloonSection = state::tag("VBLN");
constexpr uint32_t kBalloonVersion = 1;

// Balloon page numbers are always in 4 KiB units (VIRTIO_BALLOON_PFN_SHIFT), whatever the
// guest's page size.
constexpr unsigned kPfnShift = 12;
static_assert(mem::kPageSize == 1ULL << kPfnShift);

// Configuration space offsets (§5.5.4).
constexpr uint32_t kConfigNumPages = 0;
constexpr uint32_t kConfigActual = 4;
constexpr uint32_t kConfigPoisonValue = 12;

// One statistic as the driver lays it out: le16 tag, le64 value, packed (§5.5.6.3).
constexpr size_t kStatBytes = 10;
// Inflate buffers are read this many page numbers at a time.
constexpr size_t kPfnBatch = 1024;
// Page numbers outside RAM are logged this many times per device, then only counted.
constexpr unsigned kIgnoredLogLimit = 8;

uint32_t load_le32(const uint8_t* bytes) {
  uint32_t value = 0;
  std::memcpy(&value, bytes, sizeof value);  // the host is little-endian, as virtio is
  return value;
}

// Calls `handle` for every chain on `queue`, with notifications off while draining and a last
// look after turning them back on (a buffer made available in between would otherwise wait).
// Returns whether any chain was handled (and pushed by `handle`).
template <typename Handler>
bool drain(Queue& queue, Handler&& handle) {
  bool handled = false;
  for (;;) {
    queue.disable_notifications();
    while (std::optional<DescriptorChain> chain = queue.pop()) {
      handle(*chain);
      handled = true;
    }
    queue.enable_notifications();
    std::optional<DescriptorChain> late = queue.pop();
    if (!late) break;
    handle(*late);
    handled = true;
  }
  return handled;
}

}  // namespace

BalloonDevice::BalloonDevice(std::string name, mem::GuestRam& ram, BalloonOptions options)
    : name_(std::move(name)), ram_(ram), options_(options), thread_(name_) {}

BalloonDevice::~BalloonDevice() {
  reset();
}

uint64_t BalloonDevice::features() const {
  uint64_t features = kBalloonStatsVq | kBalloonPagePoison;
  if (options_.deflate_on_oom) features |= kBalloonDeflateOnOom;
  if (options_.free_page_reporting) features |= kBalloonReporting;
  return features;
}

void BalloonDevice::read_config(uint32_t offset, std::span<uint8_t> out) {
  std::array<uint8_t, kConfigSize> config{};
  {
    const std::lock_guard lock(mutex_);
    std::memcpy(&config[kConfigNumPages], &target_pages_, 4);
    std::memcpy(&config[kConfigActual], &actual_pages_, 4);
    // free_page_hint_cmd_id (offset 8) stays 0: free page hinting is not offered.
    std::memcpy(&config[kConfigPoisonValue], &poison_value_, 4);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = offset + i < config.size() ? config[offset + i] : 0;
  }
}

void BalloonDevice::write_config(uint32_t offset, std::span<const uint8_t> in) {
  const std::lock_guard lock(mutex_);
  std::array<uint8_t, kConfigSize> config{};
  std::memcpy(&config[kConfigActual], &actual_pages_, 4);
  std::memcpy(&config[kConfigPoisonValue], &poison_value_, 4);
  // The driver writes only actual and poison_val; num_pages and the command id are the
  // device's, and bytes past the end do not exist.
  for (size_t i = 0; i < in.size(); ++i) {
    const uint64_t at = uint64_t{offset} + i;
    const bool writable = (at >= kConfigActual && at < kConfigActual + 4) ||
                          (at >= kConfigPoisonValue && at < kConfigPoisonValue + 4);
    if (writable) config[at] = in[i];
  }
  actual_pages_ = load_le32(&config[kConfigActual]);
  poison_value_ = load_le32(&config[kConfigPoisonValue]);
}

void BalloonDevice::activate(DeviceContext& context) {
  thread_.post([this, &context] {
    context_ = &context;
    const uint64_t negotiated = context.driver_features();
    roles_ = {Role::kInflate, Role::kDeflate};
    if ((negotiated & kBalloonStatsVq) != 0) roles_.push_back(Role::kStats);
    if ((negotiated & kBalloonReporting) != 0) roles_.push_back(Role::kReporting);
    poison_negotiated_ = (negotiated & kBalloonPagePoison) != 0;
    const bool stats = (negotiated & kBalloonStatsVq) != 0;
    {
      const std::lock_guard lock(mutex_);
      driver_ready_ = true;
      stats_enabled_ = stats;
    }
    // A restored device gets back the statistics buffer it held when it was saved.
    if (restored_stats_head_ && stats) {
      if (auto chain = context.queue(2).reload(*restored_stats_head_)) take_stats(*chain);
    }
    restored_stats_head_.reset();
    // Buffers may be waiting already.
    for (unsigned queue = 0; queue < roles_.size(); ++queue) serve(queue);
  });
}

void BalloonDevice::notify(unsigned queue) {
  thread_.post([this, queue] { serve(queue); });
}

void BalloonDevice::reset() {
  thread_.run_sync([this] {
    context_ = nullptr;
    roles_.clear();
    stats_chain_.reset();
    restored_stats_head_.reset();
    const std::lock_guard lock(mutex_);
    held_stats_head_.reset();
    driver_ready_ = false;
    stats_enabled_ = false;
    // The host's target stays: the driver of the next boot reads it and inflates again.
    actual_pages_ = 0;
    poison_value_ = 0;
  });
  stats_arrived_.notify_all();
}

void BalloonDevice::serve(unsigned queue_index) {
  if (context_ == nullptr || queue_index >= roles_.size()) return;
  Queue& queue = context_->queue(queue_index);
  if (!queue.ready()) return;
  const Role role = roles_[queue_index];
  bool pushed = false;
  switch (role) {
    case Role::kInflate:
      pushed = drain(queue, [&](const DescriptorChain& chain) {
        inflate(chain);
        queue.push(chain, 0);
      });
      break;
    case Role::kDeflate:
      // Nothing to do: deflated pages were discarded when inflated and read as zero; the guest
      // may use them as soon as we acknowledge (with MUST_TELL_HOST or not).
      pushed = drain(queue, [&](const DescriptorChain& chain) { queue.push(chain, 0); });
      break;
    case Role::kReporting:
      pushed = drain(queue, [&](const DescriptorChain& chain) {
        report_free_pages(chain);
        queue.push(chain, 0);
      });
      break;
    case Role::kStats:
      // The driver keeps one buffer with us; a second one would be a driver bug, and the newest
      // wins (the older is returned).
      drain(queue, [&](const DescriptorChain& chain) {
        if (stats_chain_) {
          queue.push(*stats_chain_, 0);
          pushed = true;
        }
        take_stats(chain);
      });
      break;
  }
  if (pushed) queue.notify_if_needed();
}

void BalloonDevice::inflate(const DescriptorChain& chain) {
  // The buffer is an array of le32 page numbers (§5.5.6.1). Runs of consecutive pages are
  // discarded with one call.
  std::array<uint8_t, kPfnBatch * 4> bytes{};
  std::vector<uint32_t> pfns;
  for (uint64_t offset = 0; offset < chain.readable_bytes(); offset += bytes.size()) {
    const size_t got = chain.read(offset, bytes);
    pfns.clear();
    for (size_t i = 0; i + 4 <= got; i += 4) pfns.push_back(load_le32(&bytes[i]));
    std::ranges::sort(pfns);
    size_t run_start = 0;
    for (size_t i = 1; i <= pfns.size(); ++i) {
      if (i < pfns.size() && pfns[i] <= pfns[i - 1] + 1ULL) continue;  // same run (or repeated)
      discard(pfns[run_start], uint64_t{pfns[i - 1]} - pfns[run_start] + 1);
      run_start = i;
    }
    if (got < bytes.size()) break;
  }
}

void BalloonDevice::discard(uint64_t first_pfn, uint64_t count) {
  const uint64_t paddr = first_pfn << kPfnShift;
  const uint64_t length = count << kPfnShift;
  if (!ram_.contains(paddr, length)) {
    // Discard what lies inside RAM one page at a time; the rest is the guest's mistake.
    for (uint64_t pfn = first_pfn; pfn < first_pfn + count; ++pfn) {
      if (ram_.contains(pfn << kPfnShift, mem::kPageSize)) {
        discard(pfn, 1);
      } else {
        log_ignored(pfn);
      }
    }
    return;
  }
  if (ram_.discard_range(paddr, length)) {
    const std::lock_guard lock(mutex_);
    pages_discarded_ += count;
  }
}

void BalloonDevice::log_ignored(uint64_t pfn) {
  const std::lock_guard lock(mutex_);
  ++pages_ignored_;
  if (ignored_logged_ < kIgnoredLogLimit) {
    ++ignored_logged_;
    fmt::print(stderr, "strata: {}: ignored page frame {:#x}: outside guest RAM{}\n", name_, pfn,
               ignored_logged_ == kIgnoredLogLimit ? " (further ones are only counted)" : "");
  }
}

void BalloonDevice::report_free_pages(const DescriptorChain& chain) {
  // Each buffer is a run of free guest memory (§5.5.6.5). Pages a poisoning guest expects to
  // hold a non-zero pattern must keep it, so they are left alone.
  uint32_t poison = 0;
  {
    const std::lock_guard lock(mutex_);
    poison = poison_value_;
  }
  if (poison_negotiated_ && poison != 0) return;
  auto discard_segments = [this](std::span<const Segment> segments) {
    for (const Segment& segment : segments) {
      // Only whole pages inside the buffer (the queue has checked it lies in RAM).
      const uint64_t start = (segment.paddr + mem::kPageSize - 1) & ~(mem::kPageSize - 1);
      const uint64_t end = (segment.paddr + segment.length) & ~(mem::kPageSize - 1);
      if (end > start) discard(start >> kPfnShift, (end - start) >> kPfnShift);
    }
  };
  // Linux adds the buffers device-writable; accept either direction.
  discard_segments(chain.readable());
  discard_segments(chain.writable());
}

void BalloonDevice::take_stats(const DescriptorChain& chain) {
  std::vector<control::BalloonStat> stats;
  std::array<uint8_t, kStatBytes> entry{};
  for (uint64_t offset = 0;
       offset + kStatBytes <= chain.readable_bytes() && stats.size() < kMaxStats;
       offset += kStatBytes) {
    if (chain.read(offset, entry) != kStatBytes) break;
    control::BalloonStat stat;
    std::memcpy(&stat.tag, entry.data(), 2);
    std::memcpy(&stat.value, &entry[2], 8);
    stats.push_back(stat);
  }
  stats_chain_ = chain;
  {
    const std::lock_guard lock(mutex_);
    held_stats_head_ = chain.head();
    // The driver's first buffer arrives at start-up with whatever it had; it still counts.
    stats_ = std::move(stats);
    stats_time_ = std::chrono::steady_clock::now();
    ++stats_generation_;
  }
  stats_arrived_.notify_all();
}

void BalloonDevice::request_stats() {
  if (context_ == nullptr || !stats_chain_) return;
  Queue& queue = context_->queue(2);
  queue.push(*stats_chain_, 0);
  queue.notify_if_needed();
  stats_chain_.reset();
  const std::lock_guard lock(mutex_);
  held_stats_head_.reset();
}

Result<void> BalloonDevice::set_target_pages(uint64_t pages) {
  if (pages > (ram_.size() >> kPfnShift)) {
    return fail("a balloon of {} pages is larger than the guest's RAM", pages);
  }
  {
    const std::lock_guard lock(mutex_);
    target_pages_ = static_cast<uint32_t>(pages);
  }
  thread_.post([this] {
    if (context_ != nullptr) context_->signal_config_change();
  });
  return {};
}

control::BalloonStatus BalloonDevice::status() const {
  const std::lock_guard lock(mutex_);
  control::BalloonStatus status;
  status.ram_bytes = ram_.size();
  status.target_pages = target_pages_;
  status.actual_pages = actual_pages_;
  status.driver_ready = driver_ready_;
  status.stats_enabled = stats_enabled_;
  status.stats = stats_;
  if (stats_) {
    status.stats_age = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - stats_time_);
  }
  status.pages_discarded = pages_discarded_;
  status.pages_ignored = pages_ignored_;
  return status;
}

bool BalloonDevice::refresh_stats(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!stats_enabled_) return false;
  const uint64_t generation = stats_generation_;
  lock.unlock();
  thread_.post([this] { request_stats(); });
  lock.lock();
  return stats_arrived_.wait_for(lock, timeout, [&] {
    return stats_generation_ != generation || !stats_enabled_;
  }) && stats_enabled_;
}

void BalloonDevice::save(state::Writer& out) const {
  const std::lock_guard lock(mutex_);
  out.begin(kBalloonSection, kBalloonVersion);
  out.put(target_pages_);
  out.put(actual_pages_);
  out.put(poison_value_);
  out.put(static_cast<uint8_t>(held_stats_head_.has_value()));
  out.put(held_stats_head_.value_or(0));
  out.put(pages_discarded_);
  out.put(pages_ignored_);
  out.end();
}

Result<void> BalloonDevice::restore(state::Reader& in) {
  if (auto version = in.begin(kBalloonSection, kBalloonVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto target = in.get<uint32_t>();
  const auto actual = in.get<uint32_t>();
  const auto poison = in.get<uint32_t>();
  const bool has_stats_chain = in.get<uint8_t>() != 0;
  const auto stats_head = in.get<uint16_t>();
  const auto discarded = in.get<uint64_t>();
  const auto ignored = in.get<uint64_t>();
  if (auto end = in.end(); !end) return end;
  if (target > (ram_.size() >> kPfnShift)) {
    return fail("{}: saved balloon target of {} pages exceeds the guest's RAM", name_, target);
  }
  thread_.run_sync([&] {
    restored_stats_head_.reset();
    if (has_stats_chain) restored_stats_head_ = stats_head;
  });
  const std::lock_guard lock(mutex_);
  target_pages_ = target;
  actual_pages_ = actual;
  poison_value_ = poison;
  pages_discarded_ = discarded;
  pages_ignored_ = ignored;
  return {};
}

}  // namespace strata::virtio
