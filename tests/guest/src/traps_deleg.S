// Exception delegation (medeleg): delegated exceptions from U and S go to the
// S handler (scause/sepc/stval, sstatus.SPP/SPIE/SIE updated, M state
// untouched); exceptions raised in M are never delegated; undelegated ones go
// to M.
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // ecall from U delegated to S
  li t0, (1 << CAUSE_USER_ECALL)
  csrw medeleg, t0
  csrsi sstatus, MSTATUS_SIE    // SIE = 1 before the trap (no S interrupts enabled)
  EXPECT_TRAP 2f                // S handler resumes in S at 2f
  DROP_TO PRV_U
1:
  ecall
  j test_fail
2:
  // in S now
  CHECK_TRAP CAUSE_USER_ECALL
  CHECK_MODE 1
  CHECK_EPC 1b
  CHECK_TVAL 0
  ld a0, trap_status
  ASSERT_MASK a0, (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE), MSTATUS_SPIE
  csrr a0, scause
  ASSERT_EQ a0, CAUSE_USER_ECALL
  TRAP_UP                       // ecall from S (not delegated) back to M
  csrci sstatus, MSTATUS_SIE
  TEST 2                        // M-mode trap state untouched by the delegated trap
  csrr a0, mcause
  ASSERT_EQ a0, CAUSE_SUPERVISOR_ECALL   // from TRAP_UP, not the delegated ecall
  TEST 3                        // undelegated: ecall from S still goes to M
  EXPECT_TRAP 3f
  DROP_TO PRV_S
  ecall
3:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  CHECK_MODE 3

  TEST 4                        // illegal instruction from U and S delegated, stval = bits
  li t0, (1 << CAUSE_ILLEGAL_INSN)
  csrw medeleg, t0
  DROP_TO PRV_U
  EXPECT_TRAP                   // (U stores to trap_* are fine: no VM, PMP open)
4:
  .word 0x0000000b
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_MODE 1
  CHECK_EPC 4b
  CHECK_TVAL 0x0000000b
  TRAP_UP                       // U ecall not delegated now: to M
  DROP_TO PRV_S
  EXPECT_TRAP
5:
  csrr a0, mstatus              // S reading an M CSR
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_MODE 1
  CHECK_EPC 5b
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_SPP, MSTATUS_SPP   // came from S
  TRAP_UP
  TEST 5                        // traps in M are never delegated
  EXPECT_TRAP
  .word 0x0000000b
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_MODE 3
  li t0, (1 << CAUSE_BREAKPOINT)
  csrw medeleg, t0
  EXPECT_TRAP
  ebreak
  CHECK_TRAP CAUSE_BREAKPOINT
  CHECK_MODE 3
  TEST 6                        // breakpoint from S delegated to S
  DROP_TO PRV_S
  EXPECT_TRAP
6:
  ebreak
  CHECK_TRAP CAUSE_BREAKPOINT
  CHECK_MODE 1
  CHECK_EPC 6b
  TRAP_UP
  TEST 7                        // ecall from S delegated to S
  li t0, (1 << CAUSE_SUPERVISOR_ECALL) | (1 << CAUSE_USER_ECALL)
  csrw medeleg, t0
  ASSERT_CSR_MASK medeleg, (1 << CAUSE_SUPERVISOR_ECALL), (1 << CAUSE_SUPERVISOR_ECALL)
  EXPECT_TRAP 8f
  DROP_TO PRV_S
7:
  ecall
  j test_fail
8:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  CHECK_MODE 1
  CHECK_EPC 7b
  EXPECT_TRAP 10f               // back to M through an undelegated exception
  csrr a0, mstatus
10:
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_MODE 3
  csrw medeleg, zero
  TEST 8                        // delegated store access fault from U (PMP: buf read-only)
  li t0, (1 << CAUSE_STORE_ACCESS)
  csrw medeleg, t0
  la s0, buf
  srli t0, s0, 2
  csrw pmpaddr0, t0             // entry 0: NA4 over buf, read-only
  li t0, -1
  csrw pmpaddr1, t0             // entry 1: everything
  li t0, ((PMP_NA4 | PMP_R) | ((PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 8))
  csrw pmpcfg0, t0
  EXPECT_TRAP
  DROP_TO PRV_U
9:
  sw zero, 0(s0)
  TRAP_UP
  CHECK_TRAP CAUSE_STORE_ACCESS
  CHECK_MODE 1
  CHECK_EPC 9b
  CHECK_TVALR s0
  li t0, -1
  csrw pmpaddr0, t0
  li t0, (PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg0, t0
  csrw medeleg, zero
  PASS

  .data
  .align 3
buf: .dword 0
