// The Goldfish real-time clock of QEMU's virt machine (Linux's rtc-goldfish; PLIC source 11):
// nanoseconds since the Unix epoch, and one alarm.
//   0x00 TIME_LOW        read: low half of the time, latching the high half into TIME_HIGH
//                        write: sets the time to TIME_HIGH:value
//   0x04 TIME_HIGH       read: the latched high half; write: the high half for the next
//                        TIME_LOW write (Linux writes HIGH, then LOW)
//   0x08 ALARM_LOW       write: low half of the alarm time, and arms the alarm
//   0x0c ALARM_HIGH      write: high half of the alarm time
//   0x10 IRQ_ENABLED     bit 0 lets a fired alarm raise the interrupt
//   0x14 CLEAR_ALARM     write: disarms the alarm
//   0x18 ALARM_STATUS    read: 1 while the alarm is armed and has not fired
//   0x1c CLEAR_INTERRUPT write: acknowledges a fired alarm
// The interrupt line is high while a fired alarm is unacknowledged and IRQ_ENABLED is set.
//
// Time is the host's CLOCK_REALTIME plus an offset the guest changes by setting the time; a
// snapshot keeps the offset, so a restored guest's clock has moved on with the host's, as a
// battery-backed clock would have.
//
// The alarm needs no thread of its own: it arms a TimerQueue timer for its deadline, whose
// callback calls poll(). Without a queue, whoever owns the device calls poll(). poll() checks the
// guest clock itself, so a host clock step only makes the timer re-arm; timers are never set more
// than a minute ahead, which also bounds how late a forward step can make an alarm.
//
// Registers are 32 bits wide; other access sizes and misaligned accesses read 0 and are ignored.
#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "dev/irq.h"
#include "dev/mmio_device.h"
#include "dev/timer_queue.h"

namespace strata::dev {

class GoldfishRtc final : public MmioDevice {
 public:
  static constexpr uint64_t kBase = 0x0010'1000;
  static constexpr uint64_t kSize = 0x1000;
  static constexpr unsigned kIrq = 11;

  // Register offsets.
  static constexpr uint64_t kTimeLow = 0x00;
  static constexpr uint64_t kTimeHigh = 0x04;
  static constexpr uint64_t kAlarmLow = 0x08;
  static constexpr uint64_t kAlarmHigh = 0x0c;
  static constexpr uint64_t kIrqEnabled = 0x10;
  static constexpr uint64_t kClearAlarm = 0x14;
  static constexpr uint64_t kAlarmStatus = 0x18;
  static constexpr uint64_t kClearInterrupt = 0x1c;

  // Host wall-clock time in nanoseconds since the Unix epoch.
  using WallClock = std::function<uint64_t()>;
  static uint64_t host_realtime();

  // `timers` may be null (call poll() instead); it must outlive the device.
  GoldfishRtc(IrqLine irq, TimerQueue* timers, WallClock wall_clock = host_realtime);

  std::string_view name() const override { return "goldfish-rtc"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

  // Fires the alarm if it is armed and due, and re-arms the timer otherwise. Any thread.
  void poll();

 private:
  uint64_t now() const { return wall_clock_() + offset_; }
  // Fires the alarm if due, else sets the timer for it; then drives the interrupt line.
  void evaluate();
  void drive_irq();

  IrqLine irq_;
  WallClock wall_clock_;

  mutable std::mutex mutex_;
  uint64_t offset_ = 0;     // guest time minus host time, modulo 2^64
  uint32_t time_high_ = 0;  // the TIME_HIGH register
  uint64_t alarm_ = 0;
  bool alarm_armed_ = false;
  bool irq_enabled_ = false;
  bool irq_pending_ = false;

  // Last: destroyed first, which waits for a running callback before the state above goes.
  std::optional<TimerQueue::Timer> timer_;
};

}  // namespace strata::dev
