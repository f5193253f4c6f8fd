// The architectural state of one RISC-V hart, as plain data: engines address its fields by
// offset, and save/restore walks it field by field.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "cpu/privilege.h"

namespace strata::cpu {

inline constexpr unsigned kPmpEntries = 16;

struct PmpState {
  std::array<uint8_t, kPmpEntries> cfg{};
  std::array<uint64_t, kPmpEntries> addr{};
};

struct HartState {
  // x[0] always reads zero: decoders redirect writes to x0 into x[kSinkRegister], so no engine
  // needs a branch for it.
  static constexpr unsigned kSinkRegister = 32;
  std::array<uint64_t, 33> x{};
  std::array<uint64_t, 32> f{};
  uint64_t pc = 0;
  Priv priv = Priv::kMachine;

  // Floating-point CSR fields.
  uint8_t fflags = 0;
  uint8_t frm = 0;

  // Machine-level CSRs.
  uint64_t hartid = 0;
  uint64_t mstatus = mstatus::kXlen64;
  uint64_t medeleg = 0;
  uint64_t mideleg = 0;
  uint64_t mie = 0;
  // The software-writable pending bits (SSIP, STIP without Sstc, SEIP). Atomic because other
  // harts raise SSIP here (SBI IPIs) while this hart's CSR writes clear it.
  std::atomic<uint64_t> mip{0};
  uint64_t mtvec = 0;
  uint64_t mcounteren = 0;
  uint64_t menvcfg = 0;
  uint64_t mscratch = 0;
  uint64_t mepc = 0;
  uint64_t mcause = 0;
  uint64_t mtval = 0;

  // Supervisor-level CSRs (sstatus, sie and sip are views of the machine registers).
  uint64_t stvec = 0;
  uint64_t scounteren = 0;
  uint64_t senvcfg = 0;
  uint64_t sscratch = 0;
  uint64_t sepc = 0;
  uint64_t scause = 0;
  uint64_t stval = 0;
  uint64_t satp = 0;
  uint64_t stimecmp = ~0ULL;

  // The CLINT's comparator for this hart lives with the hart, as in hardware.
  uint64_t mtimecmp = ~0ULL;

  // minstret, and mcycle as an offset from it (strata retires one instruction per cycle).
  uint64_t instret = 0;
  uint64_t cycle_offset = 0;

  PmpState pmp;

  // LR/SC reservation: the address and the value LR observed (SC compares it atomically).
  uint64_t reservation_address = 0;
  uint64_t reservation_value = 0;
  bool reservation_valid = false;

  // Pending-interrupt bits raised by devices (MSIP, MEIP, SEIP) from other threads, and the
  // request that makes an engine leave its inner loop at the next block boundary.
  std::atomic<uint64_t> mip_external{0};
  std::atomic<uint32_t> exit_request{0};
};

}  // namespace strata::cpu
