// RV64I lui / auipc: 20-bit immediates, sign extension of bit 31, pc-relative
// results, and x0 as a destination.
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1
  lui a0, 0
  ASSERT_EQ a0, 0
  TEST 2
  lui a0, 1
  ASSERT_EQ a0, 0x1000
  TEST 3
  lui a0, 0x7ffff
  ASSERT_EQ a0, 0x7ffff000
  TEST 4                       // bit 31 set -> sign extended to 64 bits
  lui a0, 0x80000
  ASSERT_EQ a0, 0xffffffff80000000
  TEST 5
  lui a0, 0xfffff
  ASSERT_EQ a0, 0xfffffffffffff000
  TEST 6
  lui a0, 0x12345
  addi a0, a0, 0x678
  ASSERT_EQ a0, 0x12345678
  TEST 7
  lui a0, 0x12345
  addiw a0, a0, -0x800           // lui + negative addiw
  ASSERT_EQ a0, 0x12344800
  TEST 8
  lui x0, 0x12345
  ASSERT_EQ x0, 0

  // auipc: rd = pc + (imm << 12), sign extended
  TEST 9
1:
  auipc a0, 0
  la a1, 1b
  ASSERT_EQR a0, a1
  TEST 10
2:
  auipc a0, 1
  la a1, 2b
  li a2, 0x1000
  add a1, a1, a2
  ASSERT_EQR a0, a1
  TEST 11
3:
  auipc a0, 0xfffff              // pc - 0x1000
  la a1, 3b
  li a2, -0x1000
  add a1, a1, a2
  ASSERT_EQR a0, a1
  TEST 12
4:
  auipc a0, 0x80000              // pc - 2 GiB (sign-extended immediate)
  la a1, 4b
  li a2, 0xffffffff80000000
  add a1, a1, a2
  ASSERT_EQR a0, a1
  TEST 13
5:
  auipc a0, 0x7ffff              // pc + 2 GiB - 4 KiB
  la a1, 5b
  li a2, 0x7ffff000
  add a1, a1, a2
  ASSERT_EQR a0, a1
  TEST 14
  auipc x0, 0x12345
  ASSERT_EQ x0, 0
  // auipc + jalr pair to a far label (assembler call idiom)
  TEST 15
  li a0, 0
  call 6f
  ASSERT_EQ a0, 42
  PASS
6:
  li a0, 42
  ret
