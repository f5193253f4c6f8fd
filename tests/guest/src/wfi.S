// WFI: returns when an enabled interrupt is pending even with global
// interrupts off (no trap); with MIE = 1 the interrupt is taken and mepc is
// the instruction after the wfi; waking up on the timer; illegal in U-mode;
// illegal in S-mode when mstatus.TW = 1; TW does not affect M-mode.
#include "test.h"
  .option norvc

.macro MSIP val
  li t0, CLINT_MSIP
  li t1, \val
  sw t1, 0(t0)
.endm

TEST_MAIN
  TEST 1                        // pending + enabled, MIE = 0: wfi falls through, no trap
  MSIP 1
  li t0, MIP_MSIP
  csrs mie, t0
  NOTRAP wfi
  MSIP 0
  csrw mie, zero
  TEST 2                        // wake up on the timer (MIE = 0), wfi in a loop
  READ_MTIME t1
  addi t1, t1, 1000
  SET_MTIMECMP t1
  li t0, MIP_MTIP
  csrs mie, t0
  li s1, 100000
1:
  wfi
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  bnez a0, 2f
  addi s1, s1, -1
  bnez s1, 1b
  j test_fail
2:
  READ_MTIME t2
  bltu t2, t1, test_fail_far
  li t1, -1
  SET_MTIMECMP t1
  csrw mie, zero
  TEST 3                        // MIE = 1: the interrupt is taken, mepc = after the wfi
  READ_MTIME t1
  addi t1, t1, 1000
  SET_MTIMECMP t1
  li t0, MIP_MTIP
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  csrsi mstatus, MSTATUS_MIE
  li s1, 100000
3:
  wfi
4:
  ld a0, trap_count
  bnez a0, 5f
  addi s1, s1, -1
  bnez s1, 3b
  j test_fail
5:
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP INTR(IRQ_MTI)
  ld a0, trap_epc               // taken at the wfi's successor (or, had wfi returned
  la a1, 4b                     // early, somewhere in the polling loop: never at the wfi)
  la a2, 3b
  beq a0, a2, test_fail_far
  li t1, -1
  SET_MTIMECMP t1
  csrw mie, zero

  TEST 4                        // U-mode: illegal (TW = 0)
  DROP_TO PRV_U
  ILLEGAL wfi
  TRAP_UP
  TEST 5                        // S-mode with TW = 1: illegal
  li t0, MSTATUS_TW
  csrs mstatus, t0
  DROP_TO PRV_S
  ILLEGAL wfi
  TRAP_UP
  TEST 6                        // M-mode with TW = 1: legal
  MSIP 1
  li t0, MIP_MSIP
  csrs mie, t0
  NOTRAP wfi
  MSIP 0
  csrw mie, zero
  li t0, MSTATUS_TW
  csrc mstatus, t0
  TEST 7                        // S-mode with TW = 0: legal (delegated SSIP pending, SIE = 0)
  li t0, MIP_SSIP
  csrw mideleg, t0
  csrs mie, t0
  csrs mip, t0
  csrci sstatus, MSTATUS_SIE
  DROP_TO PRV_S
  NOTRAP wfi
  TRAP_UP
  csrw mip, zero
  csrw mie, zero
  csrw mideleg, zero
  PASS
test_fail_far:
  j test_fail
