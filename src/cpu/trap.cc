// Trap entry, interrupt selection, xRET, WFI rules and the timer comparators
// (privileged spec 1.12, sections 3.1.6-3.1.9, 3.3 and 4.1).
#include <algorithm>
#include <array>

#include "cpu/hart.h"

namespace strata::cpu {

void Hart::trap_to(Priv target, uint64_t cause, uint64_t tval, uint64_t epc) {
  const bool interrupt = (cause & kInterruptBit) != 0;
  const uint64_t code = cause & ~kInterruptBit;
  (interrupt ? counters.interrupts : counters.exceptions)[code & 15]++;
  const auto previous = static_cast<uint64_t>(s.priv);
  uint64_t vector_base = 0;
  uint64_t tvec = 0;
  if (target == Priv::kSupervisor) {
    s.scause = cause;
    s.sepc = epc;
    s.stval = tval;
    const bool sie = (s.mstatus & mstatus::kSIE) != 0;
    s.mstatus &= ~(mstatus::kSIE | mstatus::kSPIE | mstatus::kSPP);
    if (sie) s.mstatus |= mstatus::kSPIE;
    if (previous != 0) s.mstatus |= mstatus::kSPP;
    tvec = s.stvec;
  } else {
    s.mcause = cause;
    s.mepc = epc;
    s.mtval = tval;
    const bool mie = (s.mstatus & mstatus::kMIE) != 0;
    s.mstatus &= ~(mstatus::kMIE | mstatus::kMPIE | mstatus::kMPP);
    if (mie) s.mstatus |= mstatus::kMPIE;
    s.mstatus |= previous << mstatus::kMPPShift;
    tvec = s.mtvec;
  }
  vector_base = tvec & ~3ULL;
  // Vectored mode sends interrupts to base + 4 * cause; exceptions always go to base.
  s.pc = (interrupt && (tvec & 1U) != 0) ? vector_base + 4 * code : vector_base;
  s.reservation_valid = false;
  set_priv(target);
}

void Hart::take_exception(uint64_t epc) {
  const auto cause = static_cast<uint64_t>(pending_cause_);
  const bool delegated = s.priv != Priv::kMachine && ((s.medeleg >> cause) & 1U) != 0;
  trap_to(delegated ? Priv::kSupervisor : Priv::kMachine, cause, pending_tval_, epc);
}

bool Hart::take_interrupt() {
  const uint64_t pending = mip() & s.mie;
  if (pending == 0) return false;
  const bool machine_enabled = s.priv != Priv::kMachine || (s.mstatus & mstatus::kMIE) != 0;
  const bool supervisor_enabled =
      s.priv == Priv::kUser || (s.priv == Priv::kSupervisor && (s.mstatus & mstatus::kSIE) != 0);
  uint64_t candidates = 0;
  Priv target = Priv::kMachine;
  if (machine_enabled && (pending & ~s.mideleg) != 0) {
    candidates = pending & ~s.mideleg;
  } else if (supervisor_enabled && (pending & s.mideleg) != 0) {
    candidates = pending & s.mideleg;
    target = Priv::kSupervisor;
  } else {
    return false;
  }
  // Priority: MEI, MSI, MTI, SEI, SSI, STI.
  static constexpr std::array<Interrupt, 6> kPriority = {
      Interrupt::kMachineExternal,    Interrupt::kMachineSoftware,    Interrupt::kMachineTimer,
      Interrupt::kSupervisorExternal, Interrupt::kSupervisorSoftware, Interrupt::kSupervisorTimer};
  const auto* const irq = std::ranges::find_if(kPriority, [candidates](Interrupt i) {
    return ((candidates >> static_cast<uint64_t>(i)) & 1U) != 0;
  });
  if (irq == kPriority.end()) return false;
  trap_to(target, kInterruptBit | static_cast<uint64_t>(*irq), 0, s.pc);
  return true;
}

bool Hart::mret() {
  if (s.priv != Priv::kMachine) return false;
  const auto target = static_cast<Priv>((s.mstatus & mstatus::kMPP) >> mstatus::kMPPShift);
  const bool mpie = (s.mstatus & mstatus::kMPIE) != 0;
  s.mstatus &= ~(mstatus::kMIE | mstatus::kMPP);
  s.mstatus |= mstatus::kMPIE;
  if (mpie) s.mstatus |= mstatus::kMIE;
  if (target != Priv::kMachine) s.mstatus &= ~mstatus::kMPRV;
  s.pc = s.mepc;
  set_priv(target);
  return true;
}

bool Hart::sret() {
  if (s.priv == Priv::kUser) return false;
  if (s.priv == Priv::kSupervisor && (s.mstatus & mstatus::kTSR) != 0) return false;
  const Priv target = (s.mstatus & mstatus::kSPP) != 0 ? Priv::kSupervisor : Priv::kUser;
  const bool spie = (s.mstatus & mstatus::kSPIE) != 0;
  s.mstatus &= ~(mstatus::kSIE | mstatus::kSPP | mstatus::kMPRV);
  s.mstatus |= mstatus::kSPIE;
  if (spie) s.mstatus |= mstatus::kSIE;
  s.pc = s.sepc;
  set_priv(target);
  return true;
}

bool Hart::wfi_allowed() const {
  if (s.priv == Priv::kMachine) return true;
  // WFI in U-mode is illegal (strata never lets it complete within a time limit); TW makes it
  // illegal in S-mode too.
  return s.priv == Priv::kSupervisor && (s.mstatus & mstatus::kTW) == 0;
}

bool Hart::sfence_allowed() const {
  if (s.priv == Priv::kUser) return false;
  return s.priv != Priv::kSupervisor || (s.mstatus & mstatus::kTVM) == 0;
}

uint64_t Hart::update_timers_at(uint64_t now) {
  uint64_t pending = 0;
  uint64_t next = ~0ULL;
  if (now >= s.mtimecmp) {
    pending |= mip::kMTIP;
  } else {
    next = s.mtimecmp;
  }
  if ((s.menvcfg >> 63) != 0) {  // Sstc: stimecmp drives STIP
    if (now >= s.stimecmp) {
      pending |= mip::kSTIP;
    } else {
      next = std::min(next, s.stimecmp);
    }
  }
  timer_pending_ = pending;
  return next;
}

}  // namespace strata::cpu
