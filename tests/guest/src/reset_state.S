// State at entry: the hart starts in M-mode at the ELF entry with
// mstatus.MIE = 0 and MPRV = 0 (priv spec reset state), and (strata contract,
// as QEMU's virt board with -bios none) a0 = hartid, a1 = the device tree's
// address, every other integer register zero.  crt.S records the registers
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
#ifndef QEMU_ORACLE   // QEMU's spike reset ROM sets other registers too
  TEST 3                        // x1..x31 zero, but a0 (hartid) and a1 (DTB)
  la a1, boot_regs
  li a2, 1
1:
  li a3, 10
  beq a2, a3, 2f
  li a3, 11
  beq a2, a3, 2f
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
  TEST 4                        // a0 = mhartid = 0
  la a1, boot_regs
  ld a0, 80(a1)
  ASSERT_EQ a0, 0
  TEST 5                        // a1 points at a flattened device tree
  la a1, boot_regs
  ld a0, 88(a1)
  lwu a0, 0(a0)                 // the magic 0xd00dfeed, stored big-endian
  ASSERT_EQ a0, 0xedfe0dd0
#endif
  PASS
