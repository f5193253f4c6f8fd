// Synchronous traps into M-mode: ecall from U/S/M (causes 8/9/11, mtval 0),
// ebreak (cause 3), mepc = the trapping instruction, mstatus.MPP/MPIE/MIE
// updates on trap entry, mtvec direct mode, mepc bit 0 reads zero,
// illegal-instruction mtval = instruction bits (32- and 16-bit).
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // ecall from M
  EXPECT_TRAP
1:
  ecall
  CHECK_TRAP CAUSE_MACHINE_ECALL
  CHECK_EPC 1b
  CHECK_TVAL 0
  CHECK_MODE 3
  TEST 2                        // ebreak from M
  EXPECT_TRAP
2:
  ebreak
  CHECK_TRAP CAUSE_BREAKPOINT
  CHECK_EPC 2b
  TEST 3                        // ecall from S
  EXPECT_TRAP 4f
  DROP_TO PRV_S
3:
  ecall
  j test_fail
4:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  CHECK_EPC 3b
  CHECK_TVAL 0
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_MPP, MSTATUS_MPP_S
  TEST 4                        // ecall from U
  EXPECT_TRAP 6f
  DROP_TO PRV_U
5:
  ecall
  j test_fail
6:
  CHECK_TRAP CAUSE_USER_ECALL
  CHECK_EPC 5b
  CHECK_TVAL 0
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_MPP, 0
  TEST 5                        // ebreak from U and S
  EXPECT_TRAP 8f
  DROP_TO PRV_U
7:
  ebreak
  j test_fail
8:
  CHECK_TRAP CAUSE_BREAKPOINT
  CHECK_EPC 7b
  EXPECT_TRAP 10f
  DROP_TO PRV_S
9:
  ebreak
  j test_fail
10:
  CHECK_TRAP CAUSE_BREAKPOINT
  CHECK_EPC 9b
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_MPP, MSTATUS_MPP_S

  TEST 6                        // trap entry: MPIE <- MIE, MIE <- 0, MPP <- M
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  csrsi mstatus, MSTATUS_MIE    // no interrupt is enabled in mie
  TRAPS CAUSE_MACHINE_ECALL, ecall
  ld a0, trap_status
  ASSERT_MASK a0, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP), (MSTATUS_MPIE | MSTATUS_MPP_M)
  csrr a0, mstatus              // mret restored MIE from MPIE
  ASSERT_MASK a0, MSTATUS_MIE, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  TRAPS CAUSE_MACHINE_ECALL, ecall
  ld a0, trap_status
  ASSERT_MASK a0, (MSTATUS_MIE | MSTATUS_MPIE), 0

  TEST 7                        // trap from U with MIE = 1: MPIE = 1 (MIE value), MPP = U
  csrsi mstatus, MSTATUS_MIE
  EXPECT_TRAP 12f
  DROP_TO PRV_U
  ecall
12:
  CHECK_TRAP CAUSE_USER_ECALL
  ld a0, trap_status
  ASSERT_MASK a0, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP), MSTATUS_MPIE
  csrci mstatus, MSTATUS_MIE

  TEST 8                        // mcause / mepc / mtval as seen by the handler CSRs
  EXPECT_TRAP
13:
  .word 0x0000000b              // illegal (custom-0)
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_EPC 13b
  CHECK_TVAL 0x0000000b
  csrr a0, mcause
  ASSERT_EQ a0, CAUSE_ILLEGAL_INSN
  csrr a0, mtval
  ASSERT_EQ a0, 0x0000000b
  TEST 9                        // 16-bit illegal instruction: mtval holds only its 16 bits
  EXPECT_TRAP
14:
  .half 0x0000
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_EPC 14b
  CHECK_TVAL 0
  EXPECT_TRAP
15:
  .half 0x6101                  // c.addi16sp 0: reserved
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_EPC 15b
  CHECK_TVAL 0x6101
  TEST 10                       // 32-bit illegal instruction with bit 31 set: tval not sign-extended
  EXPECT_TRAP
  .word 0xfe00007b              // custom-3 with high bits set
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_TVAL 0xfe00007b

  TEST 11                       // mepc: bit 0 always zero, bit 1 writable (C enabled)
#ifndef QEMU_ORACLE   // QEMU 7.2 keeps mepc[0] as written
  li a1, 0x80001003
  csrw mepc, a1
  csrr a0, mepc
  ASSERT_EQ a0, 0x80001002
#endif
  li a1, 0x80001002
  csrw mepc, a1
  csrr a0, mepc
  ASSERT_EQ a0, 0x80001002
  TEST 12                       // mtvec direct mode: a trap goes to BASE
  la a1, alt_handler
  csrw mtvec, a1
  csrr a0, mtvec
  ASSERT_EQR a0, a1
  li s0, 0
  ecall                         // alt_handler: s0 = mcause, skip ecall
  ASSERT_EQ s0, CAUSE_MACHINE_ECALL
  la a1, trap_entry_m
  csrw mtvec, a1
  TEST 13                       // mtvec vectored mode: exceptions still go to BASE
  la a1, alt_handler
  ori a1, a1, 1
  csrw mtvec, a1
  csrr a0, mtvec
  ASSERT_EQR a0, a1
  li s0, 0
  ebreak
  ASSERT_EQ s0, CAUSE_BREAKPOINT
  TEST 14                       // mtvec modes >= 2 are reserved: not retained
  la a1, alt_handler
  ori a1, a1, 2
  csrw mtvec, a1
  csrr a0, mtvec
  andi a0, a0, 2
  ASSERT_EQ a0, 0
  la a1, trap_entry_m
  csrw mtvec, a1
  PASS

  .align 6
alt_handler:
  csrr s0, mcause
  csrr s1, mepc
  addi s1, s1, 4
  csrw mepc, s1
  mret
