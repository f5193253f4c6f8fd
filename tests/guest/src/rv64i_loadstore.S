// RV64I loads and stores: every width, sign/zero extension, positive and
// negative offsets, byte order (little endian), partial overwrites, and
// loads into x0.
#include "test.h"
  .option norvc

.macro LD_TEST n, inst, off, exp
  li gp, \n
  la a1, ldata
  \inst a0, \off(a1)
  ASSERT_EQ a0, \exp
.endm

TEST_MAIN
  LD_TEST 1, lb, 0, 0xffffffffffffff80
  LD_TEST 2, lb, 1, 0x7f
  LD_TEST 3, lbu, 0, 0x80
  LD_TEST 4, lbu, 1, 0x7f
  LD_TEST 5, lh, 0, 0x7f80
  LD_TEST 6, lhu, 0, 0x7f80
  LD_TEST 7, lh, 2, 0xffffffffffffff01
  LD_TEST 8, lhu, 2, 0xff01
  LD_TEST 9, lw, 0, 0xffffffffff017f80
  LD_TEST 10, lw, 4, 0x12345678
  LD_TEST 11, lwu, 0, 0xff017f80
  LD_TEST 12, lwu, 4, 0x12345678
  LD_TEST 13, ld, 0, 0x12345678ff017f80
  LD_TEST 14, ld, 8, 0x8000000000000001
  LD_TEST 15, lw, 8, 1
  LD_TEST 16, lw, 12, 0xffffffff80000000
  LD_TEST 17, lwu, 12, 0x80000000
  LD_TEST 18, lb, 15, 0xffffffffffffff80
  LD_TEST 19, lhu, 14, 0x8000
  LD_TEST 20, lh, 14, 0xffffffffffff8000

  TEST 21                       // negative offsets
  la a1, ldata_end
  ld a0, -16(a1)
  ASSERT_EQ a0, 0x12345678ff017f80
  lbu a0, -9(a1)
  ASSERT_EQ a0, 0x12
  TEST 22                       // 12-bit offset extremes
  la a1, ldata
  addi a1, a1, 2047
  addi a1, a1, 1
  ld a0, -2048(a1)
  ASSERT_EQ a0, 0x12345678ff017f80
  la a1, ldata
  addi a1, a1, -2047
  lbu a0, 2047(a1)
  ASSERT_EQ a0, 0x80

  TEST 23                       // load into x0 is discarded
  la a1, ldata
  ld x0, 0(a1)
  ASSERT_EQ x0, 0

  TEST 24                       // rd == base register
  la a1, ldata
  ld a1, 8(a1)
  ASSERT_EQ a1, 0x8000000000000001

  // stores
  TEST 25
  la a1, sdata
  li a2, 0x0123456789abcdef
  sd a2, 0(a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0123456789abcdef
  lbu a0, 0(a1)                 // little endian
  ASSERT_EQ a0, 0xef
  lbu a0, 7(a1)
  ASSERT_EQ a0, 0x01

  TEST 26                       // sb only writes one byte
  li a2, 0xaabbccdd11223344
  sb a2, 1(a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0123456789ab44ef

  TEST 27                       // sh only writes two bytes
  sh a2, 4(a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0123334489ab44ef

  TEST 28                       // sw only writes four bytes
  sw a2, 0(a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0123334411223344
  lw a0, 0(a1)
  ASSERT_EQ a0, 0x11223344

  TEST 29                       // negative store offsets, read back with other widths
  addi a3, a1, 16
  li a2, -1
  sd a2, -8(a3)
  sw zero, -4(a3)
  ld a0, 8(a1)
  ASSERT_EQ a0, 0x00000000ffffffff
  sh zero, -8(a3)
  lwu a0, 8(a1)
  ASSERT_EQ a0, 0xffff0000
  sb zero, -6(a3)
  lhu a0, 10(a1)
  ASSERT_EQ a0, 0xff00

  TEST 30                       // store of x0
  sd x0, 0(a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 0

  TEST 31                       // store then load-after-store, many addresses
  la a1, sdata
  li a2, 0
1:
  add a3, a1, a2
  sb a2, 0(a3)
  addi a2, a2, 1
  li a4, 64
  blt a2, a4, 1b
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0706050403020100
  ld a0, 56(a1)
  ASSERT_EQ a0, 0x3f3e3d3c3b3a3938
  lh a0, 30(a1)
  ASSERT_EQ a0, 0x1f1e
  PASS

  .data
  .align 4
ldata:
  .byte 0x80, 0x7f, 0x01, 0xff, 0x78, 0x56, 0x34, 0x12
  .dword 0x8000000000000001
ldata_end:
  .align 4
sdata:
  .skip 64
