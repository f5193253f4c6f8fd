// Zifencei: self-modifying code.  Stores of new instructions followed by
// fence.i must be visible to instruction fetch: in a separate buffer, in the
// very next instruction of the running code, in a loop body already executed
// many times, and for compressed instructions.
#include "test.h"
  .option norvc
#define ADDI_A0_1 0x00150513        // addi a0, a0, 1
#define ADDI_A0_2 0x00250513        // addi a0, a0, 2
#define ADDI_A0_100 0x06450513      // addi a0, a0, 100
#define RET 0x00008067              // jalr x0, 0(ra)
#define C_ADDI_A0_3 0x050d          // c.addi a0, 3
#define C_ADDI_A0_5 0x0515          // c.addi a0, 5
#define C_JR_RA 0x8082              // c.jr ra

TEST_MAIN
  la s0, codebuf
  TEST 1                        // write a function, fence.i, call it
  li a1, ADDI_A0_1
  sw a1, 0(s0)
  li a1, RET
  sw a1, 4(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  ASSERT_EQ a0, 1
  TEST 2                        // rewrite it after it has executed
  li a1, ADDI_A0_100
  sw a1, 0(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  ASSERT_EQ a0, 100
  TEST 3                        // call it many times (hot), then rewrite again
  li a0, 0
  li s1, 50
1:
  jalr ra, 0(s0)
  addi s1, s1, -1
  bnez s1, 1b
  li a1, 5000
  ASSERT_EQR a0, a1
  li a1, ADDI_A0_2
  sw a1, 0(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  ASSERT_EQ a0, 2
  TEST 4                        // byte-wise stores building an instruction
  li a1, ADDI_A0_1
  sb a1, 0(s0)
  srli a1, a1, 8
  sb a1, 1(s0)
  srli a1, a1, 8
  sb a1, 2(s0)
  srli a1, a1, 8
  sb a1, 3(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  ASSERT_EQ a0, 1
  TEST 5                        // compressed instructions
  li a1, C_ADDI_A0_3
  sh a1, 0(s0)
  li a1, C_JR_RA
  sh a1, 2(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  ASSERT_EQ a0, 3
  li a1, C_ADDI_A0_5
  sh a1, 0(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  ASSERT_EQ a0, 5

  TEST 6                        // patch the very next instruction of this code
  li a0, 0
  la a2, 2f
  li a1, ADDI_A0_100
  sw a1, 0(a2)
  fence.i
2:
  addi a0, a0, 1
  ASSERT_EQ a0, 100

  TEST 7                        // patch a loop body that has been executed already
  li s1, 0
3:
  li a0, 0
4:
  addi a0, a0, 1
  la a2, 4b
  li a1, ADDI_A0_2
  sw a1, 0(a2)
  fence.i
  addi s1, s1, 1
  li a3, 2
  blt s1, a3, 3b
  ASSERT_EQ a0, 2               // second iteration ran the patched instruction
  // restore for a re-run
  la a2, 4b
  li a1, ADDI_A0_1
  sw a1, 0(a2)
  fence.i

  TEST 8                        // patch code through a 64-bit store covering two instructions
  la a2, 5f
  li a1, (ADDI_A0_2 | (ADDI_A0_100 << 32))
  sd a1, 0(a2)
  fence.i
  li a0, 0
  .balign 8
5:
  addi a0, a0, 1
  addi a0, a0, 1
  ASSERT_EQ a0, 102
  PASS

  .data
  .balign 64
codebuf:
  .skip 64
