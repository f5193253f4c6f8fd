#include "machine/sbi.h"

#include <algorithm>
#include <vector>

namespace strata::machine {
namespace {

constexpr uint64_t kSpecVersion = 2ULL << 24;  // SBI 2.0
// strata has no implementation ID assigned by the SBI spec; this value is outside the assigned
// range and spells "ST".
constexpr uint64_t kImplementationId = 0x5354;
constexpr uint64_t kImplementationVersion = 1;
constexpr uint64_t kAllHarts = ~0ULL;
constexpr uint64_t kMaxConsoleChunk = 4096;

enum BaseFunction : uint64_t {
  kGetSpecVersion = 0,
  kGetImplId = 1,
  kGetImplVersion = 2,
  kProbeExtension = 3,
  kGetMvendorid = 4,
  kGetMarchid = 5,
  kGetMimpid = 6,
};

uint64_t& reg(cpu::Hart& hart, unsigned index) {
  return hart.s.x[index];
}
constexpr unsigned kA0 = 10;
constexpr unsigned kA1 = 11;
constexpr unsigned kA6 = 16;
constexpr unsigned kA7 = 17;

bool is_supported(uint64_t eid) {
  switch (eid) {
    case kSbiLegacySetTimer:
    case kSbiLegacyConsolePutchar:
    case kSbiLegacyConsoleGetchar:
    case kSbiLegacyClearIpi:
    case kSbiLegacySendIpi:
    case kSbiLegacyRemoteFenceI:
    case kSbiLegacyRemoteSfenceVma:
    case kSbiLegacyRemoteSfenceVmaAsid:
    case kSbiLegacyShutdown:
    case kSbiBase:
    case kSbiTime:
    case kSbiIpi:
    case kSbiRfence:
    case kSbiHsm:
    case kSbiSrst:
    case kSbiDbcn: return true;
    default: return false;
  }
}

}  // namespace

void Sbi::count(uint64_t eid) {
  // The three legacy remote fences share one counter.
  if (eid == kSbiLegacyRemoteSfenceVma || eid == kSbiLegacyRemoteSfenceVmaAsid) {
    eid = kSbiLegacyRemoteFenceI;
  }
  for (Counter& c : counters_) {
    if (c.eid == eid) {
      c.calls.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
}

void Sbi::set_timer(cpu::Hart& hart, uint64_t when) {
  // The monitor keeps the S-mode timer in stimecmp (Sstc is on for directly booted kernels), so
  // setting it also clears a pending timer interrupt, as the SBI requires.
  hart.s.stimecmp = when;
  hart.update_timers();
}

template <typename Action>
bool Sbi::for_each_hart(uint64_t mask, uint64_t mask_base, Action action) const {
  const unsigned harts = platform_.hart_count();
  if (mask_base == kAllHarts) {
    for (unsigned h = 0; h < harts; ++h) action(h);
    return true;
  }
  // Check the whole mask first, so an invalid hart leaves nothing half done.
  for (unsigned bit = 0; bit < 64; ++bit) {
    if (((mask >> bit) & 1U) != 0 && mask_base + bit >= harts) return false;
  }
  for (unsigned bit = 0; bit < 64; ++bit) {
    if (((mask >> bit) & 1U) != 0) action(static_cast<unsigned>(mask_base + bit));
  }
  return true;
}

void Sbi::hypercall(cpu::Hart& hart) {
  const uint64_t eid = reg(hart, kA7);
  const uint64_t fid = reg(hart, kA6);
  std::array<uint64_t, 6> args{};
  for (unsigned i = 0; i < args.size(); ++i) args[i] = reg(hart, kA0 + i);
  count(eid);

  // Legacy (0.1) calls return their result in a0 only.
  if (eid <= kSbiLegacyShutdown) {
    int64_t result = kSbiSuccess;
    switch (eid) {
      case kSbiLegacySetTimer: set_timer(hart, args[0]); break;
      case kSbiLegacyConsolePutchar: {
        const auto byte = static_cast<uint8_t>(args[0]);
        platform_.console_write(std::span(&byte, 1));
        break;
      }
      case kSbiLegacyConsoleGetchar: {
        uint8_t byte = 0;
        result = platform_.console_read(std::span(&byte, 1)) == 1 ? byte : -1;
        break;
      }
      case kSbiLegacyClearIpi: hart.s.mip.fetch_and(~cpu::mip::kSSIP); break;
      case kSbiLegacyShutdown: platform_.system_reset(ResetType::kShutdown, 0); break;
      default: {
        // send_ipi and the remote fences take a pointer to a hart mask in S-mode memory.
        uint64_t mask = 0;
        if (args[0] != 0 && hart.load<uint64_t>(args[0], mask) != cpu::MemStatus::kOk) {
          result = kSbiErrInvalidAddress;
          break;
        }
        const uint64_t base = args[0] == 0 ? kAllHarts : 0;
        bool ok = true;
        if (eid == kSbiLegacySendIpi) {
          ok = for_each_hart(mask, base, [&](unsigned h) { platform_.send_ipi(h); });
        } else if (eid == kSbiLegacyRemoteFenceI) {
          ok = for_each_hart(mask, base, [&](unsigned h) { platform_.remote_fence_i(hart, h); });
        } else {
          ok = for_each_hart(mask, base, [&](unsigned h) {
            platform_.remote_sfence_vma(hart, h, args[1], args[2]);
          });
        }
        if (!ok) result = kSbiErrInvalidParam;
        break;
      }
    }
    reg(hart, kA0) = static_cast<uint64_t>(result);
    return;
  }

  Reply reply{kSbiErrNotSupported, 0};
  switch (eid) {
    case kSbiBase: reply = base(hart, fid, args[0]); break;
    case kSbiTime: reply = time(hart, fid, args[0]); break;
    case kSbiIpi: reply = ipi(hart, fid, args[0], args[1]); break;
    case kSbiRfence: reply = rfence(hart, fid, args); break;
    case kSbiHsm: reply = hsm(hart, fid, args); break;
    case kSbiSrst: reply = srst(fid, args[0], args[1]); break;
    case kSbiDbcn: reply = dbcn(hart, fid, args); break;
    default: break;
  }
  reg(hart, kA0) = static_cast<uint64_t>(reply.error);
  reg(hart, kA1) = reply.value;
}

Sbi::Reply Sbi::base(cpu::Hart& hart, uint64_t fid, uint64_t arg0) {
  switch (fid) {
    case kGetSpecVersion: return {kSbiSuccess, kSpecVersion};
    case kGetImplId: return {kSbiSuccess, kImplementationId};
    case kGetImplVersion: return {kSbiSuccess, kImplementationVersion};
    case kProbeExtension: return {kSbiSuccess, is_supported(arg0) ? 1U : 0U};
    case kGetMvendorid:
    case kGetMarchid:
    case kGetMimpid: {
      static constexpr uint16_t kCsr[] = {0xf11, 0xf12, 0xf13};
      // Read as M-mode would: these CSRs are machine-level.
      const cpu::Priv saved = hart.s.priv;
      hart.s.priv = cpu::Priv::kMachine;
      uint64_t value = 0;
      const bool ok = hart.csr_read(kCsr[fid - kGetMvendorid], value, 0);
      hart.s.priv = saved;
      return {ok ? kSbiSuccess : kSbiErrFailed, value};
    }
    default: return {kSbiErrNotSupported, 0};
  }
}

Sbi::Reply Sbi::time(cpu::Hart& hart, uint64_t fid, uint64_t when) {
  if (fid != 0) return {kSbiErrNotSupported, 0};
  set_timer(hart, when);
  return {kSbiSuccess, 0};
}

Sbi::Reply Sbi::ipi(cpu::Hart& /*hart*/, uint64_t fid, uint64_t mask, uint64_t mask_base) {
  if (fid != 0) return {kSbiErrNotSupported, 0};
  const bool ok = for_each_hart(mask, mask_base, [&](unsigned h) { platform_.send_ipi(h); });
  return {ok ? kSbiSuccess : kSbiErrInvalidParam, 0};
}

Sbi::Reply Sbi::rfence(cpu::Hart& hart, uint64_t fid, const std::array<uint64_t, 6>& args) {
  const uint64_t mask = args[0];
  const uint64_t mask_base = args[1];
  bool ok = true;
  switch (fid) {
    case 0:  // remote_fence_i
      ok = for_each_hart(mask, mask_base, [&](unsigned h) { platform_.remote_fence_i(hart, h); });
      break;
    case 1:  // remote_sfence_vma
    case 2:  // remote_sfence_vma_asid: strata's TLB is not tagged, so it flushes the range
      ok = for_each_hart(mask, mask_base, [&](unsigned h) {
        platform_.remote_sfence_vma(hart, h, args[2], args[3]);
      });
      break;
    default: return {kSbiErrNotSupported, 0};  // the HFENCE calls need the H extension
  }
  return {ok ? kSbiSuccess : kSbiErrInvalidParam, 0};
}

Sbi::Reply Sbi::hsm(cpu::Hart& hart, uint64_t fid, const std::array<uint64_t, 6>& args) {
  switch (fid) {
    case 0: {  // hart_start(hartid, start_addr, opaque)
      if (args[0] >= platform_.hart_count()) return {kSbiErrInvalidParam, 0};
      return {platform_.hart_start(static_cast<unsigned>(args[0]), args[1], args[2]), 0};
    }
    case 1:  // hart_stop: does not return on success
      platform_.hart_stop(hart);
      return {kSbiSuccess, 0};
    case 2:  // hart_get_status(hartid)
      if (args[0] >= platform_.hart_count()) return {kSbiErrInvalidParam, 0};
      return {kSbiSuccess,
              static_cast<uint64_t>(platform_.hart_state(static_cast<unsigned>(args[0])))};
    case 3: {  // hart_suspend(type, resume_addr, opaque)
      const uint64_t type = args[0];
      if (type == 0) {
        // Default retentive suspend: like WFI, resuming after the call when an interrupt is
        // pending (even if globally disabled).
        hart.waiting_for_interrupt = true;
        return {kSbiSuccess, 0};
      }
      if (type == 0x80000000ULL) {
        // Default non-retentive suspend: wait for an interrupt, then resume at resume_addr in
        // S-mode with a0 = hartid, a1 = opaque and translation off, as from hart_start.
        hart.waiting_for_interrupt = true;
        hart.s.mstatus &= ~cpu::mstatus::kSIE;
        hart.s.satp = 0;
        hart.flush_tlb();
        hart.s.pc = args[1];
        // The reply registers double as the resume arguments: a0 = hartid, a1 = opaque.
        return {static_cast<int64_t>(hart.s.hartid), args[2]};
      }
      return {kSbiErrInvalidParam, 0};
    }
    default: return {kSbiErrNotSupported, 0};
  }
}

Sbi::Reply Sbi::srst(uint64_t fid, uint64_t type, uint64_t reason) {
  if (fid != 0) return {kSbiErrNotSupported, 0};
  switch (type) {
    case 0: platform_.system_reset(ResetType::kShutdown, static_cast<uint32_t>(reason)); break;
    case 1: platform_.system_reset(ResetType::kColdReboot, static_cast<uint32_t>(reason)); break;
    case 2: platform_.system_reset(ResetType::kWarmReboot, static_cast<uint32_t>(reason)); break;
    default: return {kSbiErrInvalidParam, 0};
  }
  return {kSbiSuccess, 0};
}

Sbi::Reply Sbi::dbcn(cpu::Hart& hart, uint64_t fid, const std::array<uint64_t, 6>& args) {
  mem::GuestRam& ram = hart.bus().ram();
  switch (fid) {
    case 0:    // console_write(num_bytes, base_lo, base_hi): a physical buffer
    case 1: {  // console_read(num_bytes, base_lo, base_hi)
      const uint64_t length = std::min(args[0], kMaxConsoleChunk);
      const uint64_t address = args[1];
      if (args[2] != 0 || !ram.contains(address, length)) return {kSbiErrInvalidParam, 0};
      if (fid == 0) {
        platform_.console_write(std::span(ram.host(address), length));
        return {kSbiSuccess, length};
      }
      std::vector<uint8_t> buffer(length);
      const size_t got = platform_.console_read(buffer);
      if (auto r = ram.write(address, buffer.data(), got); !r) return {kSbiErrFailed, 0};
      return {kSbiSuccess, got};
    }
    case 2: {  // console_write_byte(byte)
      const auto byte = static_cast<uint8_t>(args[0]);
      platform_.console_write(std::span(&byte, 1));
      return {kSbiSuccess, 0};
    }
    default: return {kSbiErrNotSupported, 0};
  }
}

}  // namespace strata::machine
