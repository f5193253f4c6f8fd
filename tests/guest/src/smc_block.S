// Self-modifying code against decoded and translated blocks: a store into
// the block that is running, into a hot loop's own body (with and without
// fence.i), into code reachable through overlapping blocks, into the target
// of a chained (direct) jump and of an indirect one, and replacing one 32-bit
// instruction by two compressed ones and back.
//
// Without fence.i the RISC-V spec lets a hart run stale code; strata (like
// QEMU) makes a hart's own stores visible to its next instruction fetch
// (docs/design.md: a store to a watched page invalidates the storing hart's
// blocks at once), and tests 1, 2 and 4 check that. QEMU 7.2 runs the stale
// instruction there (the spec allows it), so its builds skip them.
#include "test.h"
  .option norvc
#define ADDI_A0_0   0x00050513      // addi a0, a0, 0
#define ADDI_A0_1   0x00150513      // addi a0, a0, 1
#define ADDI_A0_2   0x00250513      // addi a0, a0, 2
#define ADDI_A0_4   0x00450513      // addi a0, a0, 4
#define ADDI_A0_8   0x00850513      // addi a0, a0, 8
#define ADDI_A0_100 0x06450513      // addi a0, a0, 100
#define C_ADDI_A0_3 0x050d          // c.addi a0, 3
#define C_ADDI_A0_5 0x0515          // c.addi a0, 5

TEST_MAIN
#ifndef QEMU_ORACLE
  TEST 1                        // a later instruction of the running block, no fence.i
  li a0, 0
  la a2, 1f
  li a1, ADDI_A0_100
  sw a1, 0(a2)
  addi a3, a3, 0
  addi a3, a3, 0
1:
  addi a0, a0, 1
  ASSERT_EQ a0, 100
  li a1, ADDI_A0_1              // put it back for the second pass below
  sw a1, 0(a2)
  fence.i

  TEST 2                        // the same, twice: once decoded, the block is rebuilt
  li s1, 2
2:
  li a0, 0
  la a2, 3f
  li a1, ADDI_A0_100
  sw a1, 0(a2)
3:
  addi a0, a0, 1
  ASSERT_EQ a0, 100
  li a1, ADDI_A0_1
  sw a1, 0(a2)
  fence.i
  addi s1, s1, -1
  bnez s1, 2b
#endif

  TEST 3                        // a hot loop rewrites its own body each iteration (fence.i)
  li s1, 10
  li a0, 0
  li a4, ADDI_A0_0
  la a2, 4f
5:
  slli t0, s1, 20
  or t0, t0, a4
  sw t0, 0(a2)                  // slot = addi a0, a0, s1
  fence.i
4:
  addi a0, a0, 0
  addi s1, s1, -1
  bnez s1, 5b
  ASSERT_EQ a0, 55

#ifndef QEMU_ORACLE
  TEST 4                        // the same without fence.i: the slot is in the storing block
  li s1, 10
  li a0, 0
  la a2, 6f
7:
  slli t0, s1, 20
  or t0, t0, a4
  sw t0, 0(a2)
6:
  addi a0, a0, 0
  addi s1, s1, -1
  bnez s1, 7b
  ASSERT_EQ a0, 55
  li t0, ADDI_A0_0
  sw t0, 0(a2)
  fence.i
#endif

  TEST 5                        // overlapping blocks: entered at entry_a and at entry_b
  li a0, 0
  call entry_a
  ASSERT_EQ a0, 7
  li a0, 0
  call entry_b
  ASSERT_EQ a0, 6
  la a2, entry_c
  li a1, ADDI_A0_8
  sw a1, 0(a2)                  // inside both blocks
  fence.i
  li a0, 0
  call entry_a
  ASSERT_EQ a0, 11
  li a0, 0
  call entry_b
  ASSERT_EQ a0, 10
  li a0, 0
  call entry_c
  ASSERT_EQ a0, 8

  TEST 6                        // the target of a direct jump that has been chained
  li s1, 20
  li a0, 0
8:
  jal ra, chained_source        // chained_source jumps (jal) to chained_target
  addi s1, s1, -1
  bnez s1, 8b
  ASSERT_EQ a0, 20
  la a2, chained_target
  li a1, ADDI_A0_100
  sw a1, 0(a2)
  fence.i
  li a0, 0
  jal ra, chained_source
  ASSERT_EQ a0, 100

  TEST 7                        // the target of an indirect jump that has been looked up
  la s2, indirect_target
  li s1, 20
  li a0, 0
9:
  jalr ra, 0(s2)
  addi s1, s1, -1
  bnez s1, 9b
  ASSERT_EQ a0, 20
  li a1, ADDI_A0_2
  sw a1, 0(s2)
  fence.i
  li a0, 0
  jalr ra, 0(s2)
  ASSERT_EQ a0, 2

  TEST 8                        // one 32-bit instruction becomes two compressed ones
  la a2, patched_fn
  li a0, 0
  call patched_fn
  ASSERT_EQ a0, 1
  li a1, (C_ADDI_A0_5 << 16) | C_ADDI_A0_3
  sw a1, 0(a2)
  fence.i
  li a0, 0
  call patched_fn
  ASSERT_EQ a0, 8
  TEST 9                        // and two compressed ones become one 32-bit instruction
  li a1, ADDI_A0_4
  sw a1, 0(a2)
  fence.i
  li a0, 0
  call patched_fn
  ASSERT_EQ a0, 4
  PASS

  .balign 4
entry_a:
  addi a0, a0, 1
entry_b:
  addi a0, a0, 2
entry_c:
  addi a0, a0, 4
  ret

chained_source:
  addi t0, t0, 1
  jal zero, chained_target
  .skip 64
chained_target:
  addi a0, a0, 1
  ret

indirect_target:
  addi a0, a0, 1
  ret

patched_fn:
  addi a0, a0, 1
  ret
