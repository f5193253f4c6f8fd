// Sstc: stimecmp with menvcfg.STCE = 1 drives mip.STIP (time >= stimecmp),
// STIP is then read-only in mip; a delegated supervisor timer interrupt
// fires in S/U; S-mode access to stimecmp needs STCE = 1 and mcounteren.TM;
// with STCE = 0 STIP is writable by M again.
// QEMU-MACHINE: virt   (QEMU's spike machine has no time CSR / Sstc)
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // STCE = 1: STIP follows stimecmp
  li t0, MENVCFG_STCE
  csrs CSR_MENVCFG, t0
  li t0, -1
  csrw CSR_STIMECMP, t0
  ASSERT_CSR CSR_STIMECMP, -1
  ASSERT_CSR_MASK mip, MIP_STIP, 0
  csrw CSR_STIMECMP, zero
  ASSERT_CSR_MASK mip, MIP_STIP, MIP_STIP
  TEST 2                        // STIP is read-only in mip while STCE = 1
  li t0, MIP_STIP
  csrc mip, t0
  ASSERT_CSR_MASK mip, MIP_STIP, MIP_STIP
  li t0, -1
  csrw CSR_STIMECMP, t0
  li t0, MIP_STIP
  csrs mip, t0
  ASSERT_CSR_MASK mip, MIP_STIP, 0
  TEST 3                        // interrupt fires once time reaches stimecmp (delegated, in U)
  li t0, MIP_STIP
  csrw mideleg, t0
  csrs mie, t0
  rdtime t1
  addi t1, t1, 100
  csrw CSR_STIMECMP, t1
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_U
  li s1, 1000000
1:
  ld a0, trap_count
  bnez a0, 2f
  addi s1, s1, -1
  bnez s1, 1b
2:
  TRAP_UP
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_STI)
  CHECK_MODE 1
  rdtime t2
  bltu t2, t1, test_fail_far
  ASSERT_CSR_MASK mip, MIP_STIP, MIP_STIP  // still pending (level) until stimecmp moves
  li t0, -1
  csrw CSR_STIMECMP, t0
  ASSERT_CSR_MASK mip, MIP_STIP, 0
  TEST 4                        // S-mode access: needs mcounteren.TM
  csrw mcounteren, zero
  DROP_TO PRV_S
  ILLEGAL csrr a0, CSR_STIMECMP
  TRAP_UP
  csrwi mcounteren, 2
  DROP_TO PRV_S
  li a1, 0x123456789
  NOTRAP csrw CSR_STIMECMP, a1
  NOTRAP csrr a0, CSR_STIMECMP
  ASSERT_EQ a0, 0x123456789
  TRAP_UP
  TEST 5                        // S sets its own timer and takes the interrupt in S
  li t0, MIP_STIP
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_S
  rdtime t1
  addi t1, t1, 100
  csrw CSR_STIMECMP, t1
  csrsi sstatus, MSTATUS_SIE
  li s1, 1000000
3:
  ld a0, trap_count
  bnez a0, 4f
  addi s1, s1, -1
  bnez s1, 3b
4:
  csrci sstatus, MSTATUS_SIE
  li t0, -1
  csrw CSR_STIMECMP, t0
  TRAP_UP
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_STI)
  CHECK_MODE 1
  TEST 6                        // STCE = 0: stimecmp inaccessible from S, STIP writable by M
  li t0, MENVCFG_STCE
  csrc CSR_MENVCFG, t0
  DROP_TO PRV_S
  ILLEGAL csrr a0, CSR_STIMECMP
  TRAP_UP
  csrw mie, zero
  li t0, MIP_STIP
  csrs mip, t0
  ASSERT_CSR_MASK mip, MIP_STIP, MIP_STIP
  csrc mip, t0
  ASSERT_CSR_MASK mip, MIP_STIP, 0
  csrw mideleg, zero
  csrw mcounteren, zero
  PASS
test_fail_far:
  j test_fail
