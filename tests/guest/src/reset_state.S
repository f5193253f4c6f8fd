// State at entry: the hart starts in M-mode at the ELF entry with
// mstatus.MIE = 0 and MPRV = 0 (priv spec reset state), and (strata
// contract) every integer register is zero.  crt.S records the registers
// before touching them.
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // mstatus at reset: MIE = 0, MPRV = 0
  ld a0, boot_mstatus
  ASSERT_MASK a0, (MSTATUS_MIE | MSTATUS_MPRV), 0
  TEST 2                        // we are in M-mode (M CSR readable)
  NOTRAP csrr a0, mhartid
  ASSERT_EQ a0, 0
#ifndef QEMU_ORACLE   // QEMU's reset ROM passes a0 = hartid, a1 = DTB, a2 = ...
  TEST 3                        // x1..x31 all zero
  la a1, boot_regs
  li a2, 1
1:
  slli a3, a2, 3
  add a3, a3, a1
  ld a0, 0(a3)
  beqz a0, 2f
  mv gp, a2                     // report the register number + 100
  addi gp, gp, 100
  j test_fail
2:
  addi a2, a2, 1
  li a3, 32
  blt a2, a3, 1b
#endif
  PASS
