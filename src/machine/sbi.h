// The Supervisor Binary Interface served by the monitor itself (SBI spec 2.0), for kernels booted
// directly without M-mode firmware: an S-mode ECALL is the guest's hypercall. Extensions: BASE,
// TIME, IPI, RFENCE, HSM, SRST, DBCN and the legacy 0.1 calls.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "cpu/hart.h"

namespace strata::machine {

// SBI error codes.
enum SbiError : int64_t {
  kSbiSuccess = 0,
  kSbiErrFailed = -1,
  kSbiErrNotSupported = -2,
  kSbiErrInvalidParam = -3,
  kSbiErrDenied = -4,
  kSbiErrInvalidAddress = -5,
  kSbiErrAlreadyAvailable = -6,
  kSbiErrAlreadyStarted = -7,
  kSbiErrAlreadyStopped = -8,
};

// HSM hart states (SBI spec, chapter 9).
enum class HsmState : uint8_t {
  kStarted = 0,
  kStopped = 1,
  kStartPending = 2,
  kStopPending = 3,
  kSuspended = 4,
  kSuspendPending = 5,
  kResumePending = 6,
};

enum class ResetType : uint8_t { kShutdown, kColdReboot, kWarmReboot };

// What the SBI needs from the machine. Every call comes from the calling hart's own thread.
class SbiPlatform {
 public:
  virtual ~SbiPlatform() = default;
  virtual unsigned hart_count() const = 0;
  virtual HsmState hart_state(unsigned hartid) const = 0;
  // HSM: start a stopped hart at `start_addr` in S-mode with a0 = hartid, a1 = opaque.
  virtual int64_t hart_start(unsigned hartid, uint64_t start_addr, uint64_t opaque) = 0;
  // HSM: the calling hart stops; it will not execute again until hart_start.
  virtual void hart_stop(cpu::Hart& caller) = 0;
  // Raises SSIP on `hartid`.
  virtual void send_ipi(unsigned hartid) = 0;
  // Makes `hartid` flush its TLB (the whole TLB, or the range) and its decoded code; returns when
  // done.
  virtual void remote_sfence_vma(cpu::Hart& caller, unsigned hartid, uint64_t start,
                                 uint64_t size) = 0;
  virtual void remote_fence_i(cpu::Hart& caller, unsigned hartid) = 0;
  virtual void system_reset(ResetType type, uint32_t reason) = 0;
  virtual void console_write(std::span<const uint8_t> bytes) = 0;
  // Returns up to `max` bytes of pending console input without blocking.
  virtual size_t console_read(std::span<uint8_t> buffer) = 0;
};

// SBI extension IDs.
enum SbiExtension : uint64_t {
  kSbiLegacySetTimer = 0x00,
  kSbiLegacyConsolePutchar = 0x01,
  kSbiLegacyConsoleGetchar = 0x02,
  kSbiLegacyClearIpi = 0x03,
  kSbiLegacySendIpi = 0x04,
  kSbiLegacyRemoteFenceI = 0x05,
  kSbiLegacyRemoteSfenceVma = 0x06,
  kSbiLegacyRemoteSfenceVmaAsid = 0x07,
  kSbiLegacyShutdown = 0x08,
  kSbiBase = 0x10,
  kSbiTime = 0x54494d45,
  kSbiIpi = 0x735049,
  kSbiRfence = 0x52464e43,
  kSbiHsm = 0x48534d,
  kSbiSrst = 0x53525354,
  kSbiDbcn = 0x4442434e,
};

class Sbi final : public cpu::HypercallHandler {
 public:
  explicit Sbi(SbiPlatform& platform) : platform_(platform) {}

  // Serves the ECALL the hart just made from S-mode: reads a7/a6/a0-a5, writes a0 (error) and
  // a1 (value). On entry hart.s.pc is the instruction after the ECALL; calls that resume
  // elsewhere (non-retentive suspend) change it.
  void hypercall(cpu::Hart& hart) override;

  // Calls per extension, for --stats: legacy calls count under their own EIDs.
  struct Counter {
    std::string_view name;
    uint64_t eid;
    std::atomic<uint64_t> calls{0};
  };
  std::span<const Counter> counters() const { return counters_; }

 private:
  struct Reply {
    int64_t error;
    uint64_t value;
  };
  static Reply base(cpu::Hart& hart, uint64_t fid, uint64_t arg0);
  static Reply time(cpu::Hart& hart, uint64_t fid, uint64_t when);
  Reply ipi(cpu::Hart& hart, uint64_t fid, uint64_t mask, uint64_t mask_base);
  Reply rfence(cpu::Hart& hart, uint64_t fid, const std::array<uint64_t, 6>& args);
  Reply hsm(cpu::Hart& hart, uint64_t fid, const std::array<uint64_t, 6>& args);
  Reply srst(uint64_t fid, uint64_t type, uint64_t reason);
  Reply dbcn(cpu::Hart& hart, uint64_t fid, const std::array<uint64_t, 6>& args);
  // Returns false (SBI_ERR_INVALID_PARAM) if the mask names a hart that does not exist.
  template <typename Action>
  bool for_each_hart(uint64_t mask, uint64_t mask_base, Action action) const;
  void count(uint64_t eid);
  static void set_timer(cpu::Hart& hart, uint64_t when);

  SbiPlatform& platform_;
  std::array<Counter, 14> counters_ = {{{"legacy set_timer", kSbiLegacySetTimer},
                                        {"legacy console_putchar", kSbiLegacyConsolePutchar},
                                        {"legacy console_getchar", kSbiLegacyConsoleGetchar},
                                        {"legacy clear_ipi", kSbiLegacyClearIpi},
                                        {"legacy send_ipi", kSbiLegacySendIpi},
                                        {"legacy remote fences", kSbiLegacyRemoteFenceI},
                                        {"legacy shutdown", kSbiLegacyShutdown},
                                        {"BASE", kSbiBase},
                                        {"TIME", kSbiTime},
                                        {"IPI", kSbiIpi},
                                        {"RFENCE", kSbiRfence},
                                        {"HSM", kSbiHsm},
                                        {"SRST", kSbiSrst},
                                        {"DBCN", kSbiDbcn}}};
};

}  // namespace strata::machine
