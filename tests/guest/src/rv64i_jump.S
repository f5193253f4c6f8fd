// RV64I jal / jalr: link values, x0 as link register, jalr clears bit 0 of
// the target, negative and positive offsets, rd == rs1 (target computed from
// the old value), and return-address idioms.
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // jal links pc+4
  li ra, 0
1:
  jal ra, 2f
  j test_fail
2:
  la a1, 1b
  addi a1, a1, 4
  ASSERT_EQR ra, a1

  TEST 2                        // jal with another link register
3:
  jal a5, 4f
  j test_fail
4:
  la a1, 3b
  addi a1, a1, 4
  ASSERT_EQR a5, a1

  TEST 3                        // jal x0 (plain jump) writes nothing
  li a0, 0
  jal x0, 5f
  li a0, 1
5:
  ASSERT_EQ a0, 0
  ASSERT_EQ x0, 0

  TEST 4                        // jal backwards
  li a0, 0
  j 7f
6:
  li a0, 99
  j 8f
7:
  jal x0, 6b
  j test_fail
8:
  ASSERT_EQ a0, 99

  TEST 5                        // jalr with zero offset
  la a1, 9f
10:
  jalr a2, 0(a1)
  j test_fail
9:
  la a3, 10b
  addi a3, a3, 4
  ASSERT_EQR a2, a3

  TEST 6                        // jalr positive / negative offsets
  la a1, 11f
  addi a1, a1, -16
  jalr a2, 16(a1)
  j test_fail
11:
  la a1, 12f
  addi a1, a1, 2000
  jalr a2, -2000(a1)
  j test_fail
12:

  TEST 7                        // jalr clears bit 0 of the target
  la a1, 13f
  addi a1, a1, 1
  jalr a2, 0(a1)
  j test_fail
13:
  la a1, 14f
  jalr a2, 1(a1)                // offset makes the sum odd
  j test_fail
14:

  TEST 8                        // rd == rs1: target uses the old rs1 value
  la a1, 15f
16:
  jalr a1, 0(a1)
  j test_fail
15:
  la a3, 16b
  addi a3, a3, 4
  ASSERT_EQR a1, a3

  TEST 9                        // jalr x0 (indirect jump) and ret
  call func
  ASSERT_EQ a0, 0x55
  la a1, 17f
  jr a1
  j test_fail
17:

  TEST 10                       // jal/jalr leave every other register alone
  li a0, 0x1111
  li a7, 0x7777
  jal t0, 18f
18:
  ASSERT_EQ a0, 0x1111
  ASSERT_EQ a7, 0x7777

  TEST 11                       // jalr target computed with a 64-bit register
  la a1, 19f
  li a2, 0x100000000
  add a1, a1, a2
  sub a1, a1, a2
  jalr x0, a1, 0
  j test_fail
19:
  PASS

func:
  li a0, 0x55
  ret
