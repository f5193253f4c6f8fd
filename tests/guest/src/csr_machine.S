// Machine-mode CSRs: csrrw/csrrs/csrrc(+i) semantics, misa (read-only
// RV64ACDFIMSU), the read-only ID CSRs (writes illegal), mhartid = 0,
// mstatus writable fields / UXL=SXL=64 / SD, medeleg and mideleg writable
// bits, mie/mip writable bits, mscratch, mcounteren, menvcfg, nonexistent
// CSRs are illegal.
#include "test.h"
  .option norvc

// Fields compared in mstatus/sstatus.  VS is excluded (without V it may be
// writable or read-only zero).  QEMU 7.2 (the oracle) additionally lets
// UXL be written and keeps hypervisor bits (MPV/GVA) without H, so the
// QEMU build skips bits 32-39; it also has extra VS-level/LCOFI bits in
// mideleg/mip and lets medeleg[11] be set.
#ifdef QEMU_ORACLE
#define STATUS_CMP_MASK 0xffffff00fffff9ff
#define IRQ_CMP_MASK    0xaaa
#else
#define STATUS_CMP_MASK 0xfffffffffffff9ff
#define IRQ_CMP_MASK    -1
#endif
TEST_MAIN
  TEST 1                        // csrrw returns the old value
  li a1, 0x1111
  csrw mscratch, a1
  li a2, 0x2222
  csrrw a0, mscratch, a2
  ASSERT_EQ a0, 0x1111
  ASSERT_CSR mscratch, 0x2222
  TEST 2                        // csrrs / csrrc
  li a1, 0xf0f0
  csrrs a0, mscratch, a1
  ASSERT_EQ a0, 0x2222
  ASSERT_CSR mscratch, 0xf2f2
  li a1, 0x00ff
  csrrc a0, mscratch, a1
  ASSERT_EQ a0, 0xf2f2
  ASSERT_CSR mscratch, 0xf200
  TEST 3                        // immediate forms (5-bit zero-extended)
  csrrwi a0, mscratch, 31
  ASSERT_EQ a0, 0xf200
  csrrsi a0, mscratch, 0
  ASSERT_EQ a0, 31
  csrrci a0, mscratch, 0x11
  ASSERT_EQ a0, 31
  ASSERT_CSR mscratch, 14
  csrrsi a0, mscratch, 0x10
  ASSERT_CSR mscratch, 30
  TEST 4                        // full 64-bit value
  li a1, 0x8000000000000001
  csrw mscratch, a1
  ASSERT_CSR mscratch, 0x8000000000000001
  TEST 5                        // rd == rs1
  li a1, 77
  csrw mscratch, a1
  li a1, 99
  csrrw a1, mscratch, a1
  ASSERT_EQ a1, 77
  ASSERT_CSR mscratch, 99
  la t0, trap_ctx               // restore for the trap handler
  csrw mscratch, t0

  TEST 6                        // misa: RV64 ACDFIMSU, read-only
  ASSERT_CSR misa, 0x800000000014112d
  csrw misa, zero
  ASSERT_CSR misa, 0x800000000014112d
  li a1, ~0x20                  // try to drop F
  csrc misa, a1
  ASSERT_CSR misa, 0x800000000014112d
  TEST 7                        // ID CSRs readable, writes illegal
  csrr a0, mhartid
  ASSERT_EQ a0, 0
  NOTRAP csrr a0, mvendorid
  NOTRAP csrr a0, marchid
  NOTRAP csrr a0, mimpid
  NOTRAP csrr a0, CSR_MCONFIGPTR
  ILLEGAL csrw mhartid, zero
  ILLEGAL csrw mvendorid, zero
  ILLEGAL csrw marchid, zero
  ILLEGAL csrw mimpid, zero
  ILLEGAL csrwi CSR_MCONFIGPTR, 0
  ILLEGAL csrsi mhartid, 1
  ILLEGAL csrrci a0, mvendorid, 1
  NOTRAP csrrs a0, mhartid, x0
  NOTRAP csrrc a0, mvendorid, x0

  TEST 8                        // mstatus: write all ones, read the implemented fields
  csrr s0, mstatus
  li a1, -1
  csrw mstatus, a1
  csrr a0, mstatus
  csrw mstatus, s0
  ASSERT_MASK a0, STATUS_CMP_MASK, (0x8000000a007e79aa & STATUS_CMP_MASK)
  TEST 9                        // mstatus: write zero; UXL/SXL stay 64-bit, FS = Off
  csrr s0, mstatus
  csrw mstatus, zero
  csrr a0, mstatus
  csrw mstatus, s0
  ASSERT_MASK a0, STATUS_CMP_MASK, (0x0000000a00000000 & STATUS_CMP_MASK)
  TEST 10                       // sstatus is a view of mstatus
  csrr s0, mstatus
  li a1, -1
  csrw mstatus, a1
  csrr a0, sstatus
  csrw mstatus, s0
  ASSERT_MASK a0, STATUS_CMP_MASK, (0x80000002000c6122 & STATUS_CMP_MASK)
  TEST 11                       // sstatus writes leave M-only fields alone
  csrr s0, mstatus
  li a1, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
  csrw mstatus, a1
  li a1, -1
  csrw sstatus, a1
  csrr a0, mstatus
  li a1, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
  csrw mstatus, s0
  ASSERT_MASK a0, STATUS_CMP_MASK, (0x8000000a007e79aa & STATUS_CMP_MASK)
  csrr s0, mstatus
  csrw mstatus, a1
  csrw sstatus, zero
  csrr a0, mstatus
  csrw mstatus, s0
  ASSERT_MASK a0, STATUS_CMP_MASK, (0x0000000a00721888 & STATUS_CMP_MASK)

  TEST 12                       // medeleg: ecall-from-M (bit 11) is read-only zero
  li a1, -1
  csrw medeleg, a1
  csrr a0, medeleg
  csrw medeleg, zero
#ifndef QEMU_ORACLE
  ASSERT_MASK a0, 0x800, 0
#endif
  // the usual delegable exceptions are writable
  ASSERT_MASK a0, 0xb3ff, 0xb3ff
  ASSERT_CSR medeleg, 0
  TEST 13                       // mideleg: only the S-level interrupts
  li a1, -1
  csrw mideleg, a1
  csrr a0, mideleg
  csrw mideleg, zero
  ASSERT_MASK a0, IRQ_CMP_MASK, 0x222
  TEST 14                       // mie: the six standard enables
  li a1, -1
  csrw mie, a1
  csrr a0, mie
  csrw mie, zero
  ASSERT_MASK a0, IRQ_CMP_MASK, 0xaaa
  TEST 15                       // mip: only SSIP, STIP, SEIP are writable from M
  li a1, -1
  csrw mip, a1
  csrr a0, mip
  csrw mip, zero
  ASSERT_MASK a0, IRQ_CMP_MASK, 0x222
  ASSERT_CSR mip, 0
  TEST 16                       // mcounteren: CY, TM, IR writable
  li a1, 7
  csrw mcounteren, a1
  ASSERT_CSR_MASK mcounteren, 7, 7
  csrw mcounteren, zero
  ASSERT_CSR_MASK mcounteren, 7, 0
  TEST 17                       // menvcfg: FIOM and STCE writable, PBMTE (no Svpbmt) zero
  li a1, (MENVCFG_STCE | MENVCFG_FIOM)
  csrw CSR_MENVCFG, a1
  ASSERT_CSR_MASK CSR_MENVCFG, (MENVCFG_STCE | MENVCFG_FIOM), (MENVCFG_STCE | MENVCFG_FIOM)
#ifndef QEMU_ORACLE   // QEMU 7.2 implements Svpbmt's PBMTE bit
  li a1, -1
  csrw CSR_MENVCFG, a1
  ASSERT_CSR_MASK CSR_MENVCFG, 0x4000000000000000, 0
#endif
  csrw CSR_MENVCFG, zero
  ASSERT_CSR CSR_MENVCFG, 0
  TEST 18                       // senvcfg: FIOM writable from M
  csrwi CSR_SENVCFG, 1
  ASSERT_CSR_MASK CSR_SENVCFG, 1, 1
  csrwi CSR_SENVCFG, 0
  ASSERT_CSR_MASK CSR_SENVCFG, 1, 0
  TEST 19                       // mtval / mepc are read-write
  li a1, 0x80001234
  csrw mtval, a1
  ASSERT_CSR mtval, 0x80001234
  li a1, 0x80004320
  csrw mepc, a1
  ASSERT_CSR mepc, 0x80004320
  TEST 20                       // mcause holds an interrupt bit and code
  li a1, 0x8000000000000005
  csrw mcause, a1
  ASSERT_CSR mcause, 0x8000000000000005
  li a1, 2
  csrw mcause, a1
  ASSERT_CSR mcause, 2

  TEST 21                       // nonexistent CSRs are illegal
  ILLEGAL csrr a0, 0x3a1        // pmpcfg1 does not exist on RV64
  ILLEGAL csrr a0, 0x7ff        // unassigned machine CSR
  ILLEGAL csrr a0, 0x5c0        // unassigned supervisor CSR
  ILLEGAL csrw 0x7ff, zero
  ILLEGAL csrr a0, 0xc80        // cycleh: RV32 only
  ILLEGAL csrr a0, 0xb80        // mcycleh: RV32 only
  ILLEGAL csrr a0, 0x310        // mstatush: RV32 only
  ILLEGAL csrr a0, 0x200        // vsstatus: no hypervisor
  ILLEGAL csrr a0, 0x600        // hstatus: no hypervisor
  ILLEGAL csrr a0, vl           // no vector extension
  PASS
