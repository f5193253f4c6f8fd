// Sensitive instructions: every one is a call into the hart's trap-and-emulate layer, and every
// one ends its block so the dispatcher sees its effect (new privilege, new translation, a newly
// enabled interrupt) before the next instruction.
#include <thread>

#include "cpu/csr.h"
#include "exec/handlers.h"

namespace strata::exec {
namespace {

enum class CsrOp : uint8_t { kWrite, kSet, kClear };

template <CsrOp Kind, bool Immediate>
Flow csr_access(cpu::Hart& hart, const Insn& insn) {
  const uint64_t source = Immediate ? insn.rs1 : hart.s.x[insn.rs1];
  // csrrw with rd = x0 does not read; csrrs/csrrc with rs1 = x0 (or uimm = 0) do not write.
  const bool reads = Kind != CsrOp::kWrite || insn.rd != cpu::HartState::kSinkRegister;
  const bool writes = Kind == CsrOp::kWrite || insn.rs1 != 0;
  uint64_t old = 0;
  if (reads && !hart.csr_read(insn.csr, old, insn.index)) return illegal(hart, insn);
  if (writes) {
    uint64_t base = old;
    // mip.SEIP reads as the OR of the software bit and the interrupt controller's line, but only
    // the software bit takes part in a read-modify-write (privileged spec 1.12, section 3.1.9).
    if (Kind != CsrOp::kWrite && insn.csr == cpu::csr::kMip) {
      base = (old & ~cpu::mip::kSEIP) | (hart.s.mip.load() & cpu::mip::kSEIP);
    }
    const uint64_t value = Kind == CsrOp::kWrite ? source
                           : Kind == CsrOp::kSet ? base | source
                                                 : base & ~source;
    if (!hart.csr_write(insn.csr, value, insn.index)) return illegal(hart, insn);
  }
  hart.s.x[insn.rd] = old;
  return retire_and_leave(hart, insn);
}

}  // namespace

Flow exec_Csrrw(cpu::Hart& h, const Insn& i) {
  return csr_access<CsrOp::kWrite, false>(h, i);
}
Flow exec_Csrrs(cpu::Hart& h, const Insn& i) {
  return csr_access<CsrOp::kSet, false>(h, i);
}
Flow exec_Csrrc(cpu::Hart& h, const Insn& i) {
  return csr_access<CsrOp::kClear, false>(h, i);
}
Flow exec_Csrrwi(cpu::Hart& h, const Insn& i) {
  return csr_access<CsrOp::kWrite, true>(h, i);
}
Flow exec_Csrrsi(cpu::Hart& h, const Insn& i) {
  return csr_access<CsrOp::kSet, true>(h, i);
}
Flow exec_Csrrci(cpu::Hart& h, const Insn& i) {
  return csr_access<CsrOp::kClear, true>(h, i);
}

Flow exec_Illegal(cpu::Hart& h, const Insn& i) {
  return illegal(h, i);
}

Flow exec_Ecall(cpu::Hart& h, const Insn& i) {
  if (h.s.priv == cpu::Priv::kSupervisor && h.hypercalls != nullptr) {
    h.s.pc = insn_pc(h, i) + i.length;
    h.hypercalls->hypercall(h);
    return Flow::kRetired;
  }
  static constexpr cpu::Exception kCause[4] = {
      cpu::Exception::kEcallFromU, cpu::Exception::kEcallFromS, cpu::Exception::kIllegalInstruction,
      cpu::Exception::kEcallFromM};
  h.raise(kCause[static_cast<unsigned>(h.s.priv)], 0);
  return trap(h, i);
}

Flow exec_Ebreak(cpu::Hart& h, const Insn& i) {
  h.raise(cpu::Exception::kBreakpoint, insn_pc(h, i));
  return trap(h, i);
}

Flow exec_Mret(cpu::Hart& h, const Insn& i) {
  if (!h.mret()) return illegal(h, i);
  return Flow::kRetired;
}

Flow exec_Sret(cpu::Hart& h, const Insn& i) {
  if (!h.sret()) return illegal(h, i);
  return Flow::kRetired;
}

Flow exec_Wfi(cpu::Hart& h, const Insn& i) {
  if (!h.wfi_allowed()) return illegal(h, i);
  h.waiting_for_interrupt = true;
  return retire_and_leave(h, i);
}

Flow exec_SfenceVma(cpu::Hart& h, const Insn& i) {
  if (!h.sfence_allowed()) return illegal(h, i);
  // The TLB is not tagged by ASID, so an ASID-specific fence flushes at least what it must.
  if (i.rs1 == 0) {
    h.flush_tlb();
  } else {
    h.flush_tlb_page(h.s.x[i.rs1]);
  }
  return retire_and_leave(h, i);
}

// Memory ordering: one hart's accesses are performed in program order, and host atomics give
// AMOs and LR/SC their ordering across harts; a full host fence covers the rest.
Flow exec_Fence(cpu::Hart& /*hart*/, const Insn& /*insn*/) {
  std::atomic_thread_fence(std::memory_order_seq_cst);
  return Flow::kNext;
}

// PAUSE marks a spin-wait: the hart waits for another hart, a device or the clock. Its host
// thread gives the CPU away, so that when harts outnumber host CPUs the one being waited for
// gets to run (what pause-loop exiting does for hardware hypervisors). Not at every PAUSE: a
// yield costs a system call, and code that counts PAUSEs as a delay would otherwise take a
// thousand times as long.
Flow exec_Pause(cpu::Hart& h, const Insn& /*insn*/) {
  if (++h.pauses % cpu::Hart::kPausesPerYield == 0) std::this_thread::yield();
  return Flow::kNext;
}

// Stores to pages holding decoded code invalidate that code as they land (see CodeCache), so
// FENCE.I has nothing left to do but end the block.
Flow exec_FenceI(cpu::Hart& h, const Insn& i) {
  return retire_and_leave(h, i);
}

Flow block_end(cpu::Hart& h, const Insn& i) {
  h.s.pc += i.offset;
  return Flow::kEnd;
}

Handler handler_for(isa::Op op) {
  static constexpr Handler kHandlers[] = {
#define STRATA_HANDLER_ENTRY(name, mnemonic, format) &exec_##name,
      STRATA_OPCODES(STRATA_HANDLER_ENTRY)
#undef STRATA_HANDLER_ENTRY
  };
  return kHandlers[static_cast<unsigned>(op)];
}

}  // namespace strata::exec
