// CSR access with the privilege, read-only and WARL rules of the privileged spec 1.12.
#include "cpu/csr.h"

#include "cpu/hart.h"

namespace strata::cpu {
namespace {

constexpr uint64_t kCounterenMask = 0xffffffffULL;
constexpr uint64_t kMenvcfgWritable = (1ULL << 63) | 1U;  // STCE and FIOM
constexpr uint64_t kSenvcfgWritable = 1U;                 // FIOM
constexpr uint64_t kSatpModeShift = 60;
constexpr uint64_t kSatpAsidPpnMask = (0xffffULL << 44) | ((1ULL << 44) - 1);

uint64_t with_sd(uint64_t status) {
  return (status & mstatus::kFS) == mstatus::kFS ? status | mstatus::kSD : status;
}

// mtvec and stvec: modes 0 (direct) and 1 (vectored) exist; bit 1 is dropped so the reserved
// modes 2 and 3 read back as 0 and 1.
uint64_t legal_tvec(uint64_t value) {
  return value & ~2ULL;
}

}  // namespace

void Hart::update_software_mip(uint64_t mask, uint64_t value) {
  uint64_t old = s.mip.load(std::memory_order_relaxed);
  while (!s.mip.compare_exchange_weak(old, (old & ~mask) | (value & mask))) {
  }
}

bool Hart::counter_accessible(uint16_t csr) const {
  const unsigned counter = csr - csr::kCycle;
  if (s.priv == Priv::kMachine) return true;
  if (((s.mcounteren >> counter) & 1U) == 0) return false;
  return s.priv == Priv::kSupervisor || ((s.scounteren >> counter) & 1U) != 0;
}

bool Hart::csr_read(uint16_t csr, uint64_t& value, uint64_t instret_in_block) {
  if (static_cast<unsigned>(s.priv) < csr::min_privilege(csr)) return false;
  const uint64_t instret = s.instret + instret_in_block;
  if (csr >= csr::kCycle && csr <= csr::kHpmCounter31) {
    if (!counter_accessible(csr)) return false;
  }
  if (csr >= csr::kHpmCounter3 && csr <= csr::kHpmCounter31) {
    value = 0;
    return true;
  }
  if ((csr >= csr::kMhpmCounter3 && csr <= csr::kMhpmCounter31) ||
      (csr >= csr::kMhpmEvent3 && csr <= csr::kMhpmEvent31)) {
    value = 0;
    return true;
  }
  if (csr >= csr::kPmpCfg0 && csr <= csr::kPmpCfg15) {
    if ((csr & 1U) != 0) return false;  // odd pmpcfg CSRs do not exist on RV64
    value = pmp_read_cfg(s.pmp, csr - csr::kPmpCfg0);
    return true;
  }
  if (csr >= csr::kPmpAddr0 && csr <= csr::kPmpAddr63) {
    const unsigned entry = csr - csr::kPmpAddr0;
    value = entry < kPmpEntries ? s.pmp.addr[entry] : 0;
    return true;
  }
  switch (csr) {
    case csr::kFflags:
    case csr::kFrm:
    case csr::kFcsr:
      if (!fp_enabled()) return false;
      value = csr == csr::kFflags ? s.fflags
              : csr == csr::kFrm  ? s.frm
                                  : (static_cast<uint64_t>(s.frm) << 5) | s.fflags;
      return true;
    case csr::kCycle:
    case csr::kMcycle: value = instret + s.cycle_offset; return true;
    case csr::kInstret:
    case csr::kMinstret: value = instret; return true;
    case csr::kTime: value = clock_.now(); return true;
    case csr::kSstatus: value = with_sd(s.mstatus & mstatus::kSstatusMask); return true;
    case csr::kSie: value = s.mie & s.mideleg; return true;
    case csr::kStvec: value = s.stvec; return true;
    case csr::kScounteren: value = s.scounteren; return true;
    case csr::kSenvcfg: value = s.senvcfg; return true;
    case csr::kSscratch: value = s.sscratch; return true;
    case csr::kSepc: value = s.sepc; return true;
    case csr::kScause: value = s.scause; return true;
    case csr::kStval: value = s.stval; return true;
    case csr::kSip: value = mip() & s.mideleg; return true;
    case csr::kStimecmp:
      if (s.priv != Priv::kMachine && ((s.menvcfg >> 63) == 0 || ((s.mcounteren >> 1) & 1U) == 0)) {
        return false;
      }
      value = s.stimecmp;
      return true;
    case csr::kSatp:
      if (s.priv == Priv::kSupervisor && (s.mstatus & mstatus::kTVM) != 0) return false;
      value = s.satp;
      return true;
    case csr::kMvendorid:
    case csr::kMarchid:
    case csr::kMimpid:
    case csr::kMconfigptr: value = 0; return true;
    case csr::kMhartid: value = s.hartid; return true;
    case csr::kMstatus: value = with_sd(s.mstatus); return true;
    case csr::kMisa: value = kMisa; return true;
    case csr::kMedeleg: value = s.medeleg; return true;
    case csr::kMideleg: value = s.mideleg; return true;
    case csr::kMie: value = s.mie; return true;
    case csr::kMtvec: value = s.mtvec; return true;
    case csr::kMcounteren: value = s.mcounteren; return true;
    case csr::kMenvcfg: value = s.menvcfg; return true;
    case csr::kMcountinhibit: value = 0; return true;
    case csr::kMscratch: value = s.mscratch; return true;
    case csr::kMepc: value = s.mepc; return true;
    case csr::kMcause: value = s.mcause; return true;
    case csr::kMtval: value = s.mtval; return true;
    case csr::kMip: value = mip(); return true;
    // Debug triggers: one trigger select value, with no trigger behind it (tdata1 type 0).
    case csr::kTselect:
    case csr::kTdata1:
    case csr::kTdata2:
    case csr::kTdata3: value = 0; return true;
    default: return false;
  }
}

bool Hart::csr_write(uint16_t csr, uint64_t value, uint64_t instret_in_block) {
  if (static_cast<unsigned>(s.priv) < csr::min_privilege(csr) || csr::is_read_only(csr)) {
    return false;
  }
  if (csr >= csr::kMhpmCounter3 && csr <= csr::kMhpmCounter31) return true;
  if (csr >= csr::kMhpmEvent3 && csr <= csr::kMhpmEvent31) return true;
  if (csr >= csr::kPmpCfg0 && csr <= csr::kPmpCfg15) {
    if ((csr & 1U) != 0) return false;
    pmp_write_cfg(s.pmp, csr - csr::kPmpCfg0, value);
    flush_tlb();
    update_regimes();  // direct loads may start or stop
    return true;
  }
  if (csr >= csr::kPmpAddr0 && csr <= csr::kPmpAddr63) {
    pmp_write_addr(s.pmp, csr - csr::kPmpAddr0, value);
    flush_tlb();
    update_regimes();
    return true;
  }
  switch (csr) {
    case csr::kFflags:
    case csr::kFrm:
    case csr::kFcsr:
      if (!fp_enabled()) return false;
      if (csr == csr::kFflags) {
        s.fflags = value & 0x1fU;
      } else if (csr == csr::kFrm) {
        s.frm = value & 7U;
      } else {
        s.fflags = value & 0x1fU;
        s.frm = (value >> 5) & 7U;
      }
      mark_fp_dirty();
      return true;
    case csr::kMcycle:
      // The written value is what the next instruction reads: this one's increment is dropped.
      s.cycle_offset = value - (s.instret + instret_in_block + 1);
      return true;
    case csr::kMinstret: {
      // mcycle is kept as an offset from minstret: it must not move with a minstret write.
      const uint64_t instret = value - instret_in_block - 1;
      s.cycle_offset += s.instret - instret;
      s.instret = instret;
      return true;
    }
    case csr::kSstatus: {
      constexpr uint64_t kMask = mstatus::kSIE | mstatus::kSPIE | mstatus::kSPP | mstatus::kFS |
                                 mstatus::kSUM | mstatus::kMXR;
      const uint64_t old = s.mstatus;
      s.mstatus = (s.mstatus & ~kMask) | (value & kMask);
      if (((old ^ s.mstatus) & mstatus::kMXR) != 0) flush_tlb();
      set_priv(s.priv);
      return true;
    }
    case csr::kSie: s.mie = (s.mie & ~s.mideleg) | (value & s.mideleg); return true;
    case csr::kStvec: s.stvec = legal_tvec(value); return true;
    case csr::kScounteren: s.scounteren = value & kCounterenMask; return true;
    case csr::kSenvcfg: s.senvcfg = value & kSenvcfgWritable; return true;
    case csr::kSscratch: s.sscratch = value; return true;
    case csr::kSepc: s.sepc = value & ~1ULL; return true;
    case csr::kScause: s.scause = value; return true;
    case csr::kStval: s.stval = value; return true;
    case csr::kSip:
      if ((s.mideleg & mip::kSSIP) != 0) update_software_mip(mip::kSSIP, value);
      return true;
    case csr::kStimecmp:
      if (s.priv != Priv::kMachine && ((s.menvcfg >> 63) == 0 || ((s.mcounteren >> 1) & 1U) == 0)) {
        return false;
      }
      s.stimecmp = value;
      update_timers();
      return true;
    case csr::kSatp: {
      if (s.priv == Priv::kSupervisor && (s.mstatus & mstatus::kTVM) != 0) return false;
      const uint64_t mode = value >> kSatpModeShift;
      // A write with an unsupported mode has no effect at all.
      if (mode != 0 && mode != 8 && mode != 9 && mode != 10) return true;
      s.satp = (mode << kSatpModeShift) | (value & kSatpAsidPpnMask);
      flush_tlb();
      return true;
    }
    case csr::kMstatus: {
      uint64_t next = value & mstatus::kWritable;
      if (((next & mstatus::kMPP) >> mstatus::kMPPShift) == 2) {  // MPP=2 is reserved: keep MPP
        next = (next & ~mstatus::kMPP) | (s.mstatus & mstatus::kMPP);
      }
      const uint64_t old = s.mstatus;
      s.mstatus = (s.mstatus & ~mstatus::kWritable) | next | mstatus::kXlen64;
      if (((old ^ s.mstatus) & mstatus::kMXR) != 0) flush_tlb();
      set_priv(s.priv);
      return true;
    }
    case csr::kMisa: return true;  // read-only in strata: writes are ignored
    case csr::kMedeleg: s.medeleg = value & kDelegableExceptions; return true;
    case csr::kMideleg: s.mideleg = value & kDelegableInterrupts; return true;
    case csr::kMie: s.mie = value & mip::kAll; return true;
    case csr::kMtvec: s.mtvec = legal_tvec(value); return true;
    case csr::kMcounteren: s.mcounteren = value & kCounterenMask; return true;
    case csr::kMenvcfg:
      s.menvcfg = value & kMenvcfgWritable;
      if ((s.menvcfg >> 63) != 0) s.mip.fetch_and(~mip::kSTIP);  // STIP now follows stimecmp
      update_timers();
      return true;
    case csr::kMcountinhibit: return true;  // counters cannot be inhibited: hardwired zero
    case csr::kMscratch: s.mscratch = value; return true;
    case csr::kMepc: s.mepc = value & ~1ULL; return true;
    case csr::kMcause: s.mcause = value; return true;
    case csr::kMtval: s.mtval = value; return true;
    case csr::kMip: {
      uint64_t writable = mip::kSSIP | mip::kSEIP;
      if ((s.menvcfg >> 63) == 0) writable |= mip::kSTIP;
      update_software_mip(writable, value);
      return true;
    }
    case csr::kTselect:
    case csr::kTdata1:
    case csr::kTdata2:
    case csr::kTdata3: return true;
    default: return false;
  }
}

}  // namespace strata::cpu
