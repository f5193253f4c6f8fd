#include "dev/goldfish_rtc.h"

#include <time.h>  // NOLINT(modernize-deprecated-headers): POSIX clock_gettime

#include <algorithm>
#include <chrono>

namespace strata::dev {
namespace {

constexpr uint32_t kSection = state::tag("GRTC");
constexpr uint32_t kVersion = 1;
constexpr uint64_t kLongestWait = 60'000'000'000;  // ns; see the header

}  // namespace

uint64_t GoldfishRtc::host_realtime() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000 + static_cast<uint64_t>(ts.tv_nsec);
}

GoldfishRtc::GoldfishRtc(IrqLine irq, TimerQueue* timers, WallClock wall_clock)
    : irq_(irq), wall_clock_(std::move(wall_clock)) {
  if (timers != nullptr) timer_.emplace(*timers, [this] { poll(); });
}

uint64_t GoldfishRtc::read(uint64_t offset, unsigned size) {
  if (size != 4 || offset % 4 != 0) return 0;
  const std::lock_guard lock(mutex_);
  switch (offset) {
    case kTimeLow: {
      const uint64_t time = now();
      time_high_ = static_cast<uint32_t>(time >> 32);
      return static_cast<uint32_t>(time);
    }
    case kTimeHigh: return time_high_;
    case kAlarmLow: return static_cast<uint32_t>(alarm_);
    case kAlarmHigh: return static_cast<uint32_t>(alarm_ >> 32);
    case kIrqEnabled: return irq_enabled_ ? 1 : 0;
    case kAlarmStatus: return alarm_armed_ ? 1 : 0;
    default: return 0;
  }
}

void GoldfishRtc::write(uint64_t offset, unsigned size, uint64_t value) {
  if (size != 4 || offset % 4 != 0) return;
  const auto word = static_cast<uint32_t>(value);
  const std::lock_guard lock(mutex_);
  switch (offset) {
    case kTimeLow:
      offset_ = ((uint64_t{time_high_} << 32) | word) - wall_clock_();
      break;  // the clock moved under an armed alarm: evaluate() looks again
    case kTimeHigh: time_high_ = word; return;
    case kAlarmLow:
      alarm_ = (alarm_ & ~0xffff'ffffULL) | word;
      alarm_armed_ = true;
      break;
    case kAlarmHigh: alarm_ = (alarm_ & 0xffff'ffffULL) | (uint64_t{word} << 32); return;
    case kIrqEnabled: irq_enabled_ = (word & 1U) != 0; break;
    case kClearAlarm: alarm_armed_ = false; break;
    case kClearInterrupt: irq_pending_ = false; break;
    default: return;
  }
  evaluate();
}

void GoldfishRtc::poll() {
  const std::lock_guard lock(mutex_);
  evaluate();
}

void GoldfishRtc::evaluate() {
  if (alarm_armed_) {
    const uint64_t time = now();
    if (time >= alarm_) {
      alarm_armed_ = false;
      irq_pending_ = true;
    } else if (timer_) {
      const uint64_t wait = std::min(alarm_ - time, kLongestWait);
      timer_->arm(TimerQueue::Clock::now() + std::chrono::nanoseconds(wait));
    }
  }
  if (!alarm_armed_ && timer_) timer_->disarm();
  drive_irq();
}

void GoldfishRtc::drive_irq() {
  irq_.set(irq_pending_ && irq_enabled_);
}

void GoldfishRtc::save(state::Writer& out) const {
  const std::lock_guard lock(mutex_);
  out.begin(kSection, kVersion);
  out.put(offset_);
  out.put(time_high_);
  out.put(alarm_);
  out.put(static_cast<uint8_t>(alarm_armed_ ? 1 : 0));
  out.put(static_cast<uint8_t>(irq_enabled_ ? 1 : 0));
  out.put(static_cast<uint8_t>(irq_pending_ ? 1 : 0));
  out.end();
}

Result<void> GoldfishRtc::restore(state::Reader& in) {
  if (auto version = in.begin(kSection, kVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto offset = in.get<uint64_t>();
  const auto time_high = in.get<uint32_t>();
  const auto alarm = in.get<uint64_t>();
  const bool alarm_armed = in.get<uint8_t>() != 0;
  const bool irq_enabled = in.get<uint8_t>() != 0;
  const bool irq_pending = in.get<uint8_t>() != 0;
  if (auto end = in.end(); !end) return end;
  const std::lock_guard lock(mutex_);
  offset_ = offset;
  time_high_ = time_high;
  alarm_ = alarm;
  alarm_armed_ = alarm_armed;
  irq_enabled_ = irq_enabled;
  irq_pending_ = irq_pending;
  evaluate();
  return {};
}

}  // namespace strata::dev
