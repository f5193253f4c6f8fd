// Supervisor CSRs: S-mode access to sstatus/sscratch/sepc/scause/stval/stvec/
// satp/senvcfg/scounteren; sie/sip are masked by mideleg; SSIP writable via
// sip only when delegated, STIP/SEIP read-only in sip; stvec modes; satp
// modes (unsupported modes ignored); TVM traps satp and sfence.vma in S;
// privilege checks (S CSRs from U, M CSRs from S).
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- sie / sip masking by mideleg (accessed from M)
  TEST 1                        // nothing delegated: sie reads zero, writes ignored
  csrw mideleg, zero
  csrw mie, zero
  li a1, -1
  csrw sie, a1
  ASSERT_CSR sie, 0
  ASSERT_CSR mie, 0
  TEST 2                        // delegated: sie shows / writes the S bits of mie only
  li a1, 0x222
  csrw mideleg, a1
  li a1, -1
  csrw sie, a1
  ASSERT_CSR sie, 0x222
  ASSERT_CSR mie, 0x222
  li a1, MIP_MTIP
  csrs mie, a1
  ASSERT_CSR sie, 0x222         // MTIE not visible
  csrw sie, zero
  ASSERT_CSR mie, MIP_MTIP
  csrw mie, zero
  TEST 3                        // partially delegated
  li a1, MIP_SSIP
  csrw mideleg, a1
  li a1, -1
  csrw sie, a1
  ASSERT_CSR sie, MIP_SSIP
  ASSERT_CSR mie, MIP_SSIP
  csrw mie, zero
  TEST 4                        // sip: SSIP visible and writable only when delegated
  csrw mideleg, zero
  li a1, MIP_SSIP
  csrs mip, a1
  ASSERT_CSR sip, 0
  csrc sip, a1                  // not delegated: no effect
  ASSERT_CSR_MASK mip, MIP_SSIP, MIP_SSIP
  csrw mip, zero
  csrs sip, a1
  ASSERT_CSR_MASK mip, MIP_SSIP, 0
  li a1, 0x222
  csrw mideleg, a1
  li a1, MIP_SSIP
  csrs sip, a1
  ASSERT_CSR sip, MIP_SSIP
  ASSERT_CSR_MASK mip, MIP_SSIP, MIP_SSIP
  csrc sip, a1
  ASSERT_CSR_MASK mip, MIP_SSIP, 0
  TEST 5                        // STIP / SEIP are read-only through sip
  li a1, (MIP_STIP | MIP_SEIP)
  csrs mip, a1
  ASSERT_CSR sip, (MIP_STIP | MIP_SEIP)
  csrc sip, a1
  ASSERT_CSR sip, (MIP_STIP | MIP_SEIP)
  csrw mip, zero
  csrs sip, a1
  ASSERT_CSR sip, 0
  csrw mideleg, zero

  // ---- S-mode scratch/trap CSRs
  TEST 6
  DROP_TO PRV_S
  li a1, 0x12345
  csrrw a2, sscratch, a1
  csrr a0, sscratch
  csrw sscratch, a2             // restore trap context pointer
  ASSERT_EQ a0, 0x12345
  li a1, 0x80002000
  csrw sepc, a1
  ASSERT_CSR sepc, 0x80002000
  li a1, 0x8000000000000009
  csrw scause, a1
  ASSERT_CSR scause, 0x8000000000000009
  li a1, 0xdeadbeef
  csrw stval, a1
  ASSERT_CSR stval, 0xdeadbeef
  TEST 7                        // stvec: direct / vectored retained, modes >= 2 not
  csrr s0, stvec
  li a1, 0x80001000
  csrw stvec, a1
  ASSERT_CSR stvec, 0x80001000
  li a1, 0x80001001
  csrw stvec, a1
  ASSERT_CSR stvec, 0x80001001
  li a1, 0x80001002
  csrw stvec, a1
  csrr a0, stvec
  andi a0, a0, 2
  ASSERT_EQ a0, 0
  csrw stvec, s0
  TEST 8                        // sstatus from S: writable S fields only
  csrr s0, sstatus
  li a1, -1
  csrw sstatus, a1
  csrr a0, sstatus
  csrw sstatus, s0
  ASSERT_MASK a0, (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_SD), (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_SD)
  ASSERT_MASK a0, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR), 0
  TEST 9                        // senvcfg and scounteren from S
  csrwi CSR_SENVCFG, 1
  ASSERT_CSR_MASK CSR_SENVCFG, 1, 1
  csrwi CSR_SENVCFG, 0
  csrwi scounteren, 7
  ASSERT_CSR_MASK scounteren, 7, 7
  csrwi scounteren, 0
  TEST 10                       // satp and sfence.vma legal in S with TVM = 0
  NOTRAP csrr a0, satp
  NOTRAP sfence.vma
  NOTRAP sfence.vma zero, zero
  TEST 11                       // M CSRs are illegal from S
  ILLEGAL csrr a0, mstatus
  ILLEGAL csrr a0, mscratch
  ILLEGAL csrw mie, zero
  ILLEGAL csrr a0, mepc
  ILLEGAL csrr a0, medeleg
  ILLEGAL csrr a0, misa
  ILLEGAL csrr a0, mhartid
  ILLEGAL csrr a0, CSR_MENVCFG
  ILLEGAL csrr a0, pmpcfg0
  ILLEGAL csrr a0, mcycle
  TRAP_UP

  TEST 12                       // S CSRs are illegal from U
  DROP_TO PRV_U
  ILLEGAL csrr a0, sstatus
  ILLEGAL csrr a0, sscratch
  ILLEGAL csrw sie, zero
  ILLEGAL csrr a0, sip
  ILLEGAL csrr a0, stvec
  ILLEGAL csrr a0, sepc
  ILLEGAL csrr a0, scause
  ILLEGAL csrr a0, stval
  ILLEGAL csrr a0, satp
  ILLEGAL csrr a0, scounteren
  ILLEGAL csrr a0, CSR_SENVCFG
  ILLEGAL csrr a0, mstatus
  ILLEGAL sfence.vma
  TRAP_UP

  // ---- satp (written from M)
  TEST 13
  csrw satp, zero
  li a1, (SATP_MODE_SV39 | 0x80010)
  csrw satp, a1
  ASSERT_CSR_MASK satp, 0xf0000fffffffffff, (SATP_MODE_SV39 | 0x80010)
  li a1, (SATP_MODE_SV48 | 0x80020)
  csrw satp, a1
  ASSERT_CSR_MASK satp, 0xf0000fffffffffff, (SATP_MODE_SV48 | 0x80020)
  li a1, (SATP_MODE_SV57 | 0x80030)
  csrw satp, a1
  ASSERT_CSR_MASK satp, 0xf0000fffffffffff, (SATP_MODE_SV57 | 0x80030)
  TEST 14                       // unsupported modes: the write is ignored
  li a1, ((1 << 60) | 0x80040)
  csrw satp, a1
  ASSERT_CSR_MASK satp, 0xf0000fffffffffff, (SATP_MODE_SV57 | 0x80030)
  li a1, ((11 << 60) | 0x80040)       // Sv64 (not defined)
  csrw satp, a1
  ASSERT_CSR_MASK satp, 0xf0000fffffffffff, (SATP_MODE_SV57 | 0x80030)
  li a1, ((15 << 60) | 0x80040)
  csrw satp, a1
  ASSERT_CSR_MASK satp, 0xf0000fffffffffff, (SATP_MODE_SV57 | 0x80030)
  csrw satp, zero
  ASSERT_CSR satp, 0

  TEST 15                       // TVM = 1: satp and sfence.vma illegal in S, fine in M
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  NOTRAP csrr a0, satp
  NOTRAP sfence.vma
  DROP_TO PRV_S
  ILLEGAL csrr a0, satp
  ILLEGAL csrw satp, zero
  ILLEGAL sfence.vma
  ILLEGAL sfence.vma a0, a1
  NOTRAP csrr a0, sscratch      // other S CSRs unaffected
  TRAP_UP
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  PASS
