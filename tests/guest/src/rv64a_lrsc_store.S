// LR/SC interaction with ordinary stores of the same hart: a store that
// changes the reserved location between LR and SC makes the SC fail.
// NOTE: the ISA only *requires* SC failure for stores from other harts or
// devices; failing here is the behaviour of QEMU (and of strata's design), so
// this file pins an implementation choice rather than a mandate.
#include "test.h"
  .option norvc
TEST_MAIN
  la s0, buf
  TEST 1                        // store of a different value to the reserved dword
  li a1, 1
  sd a1, 0(s0)
  lr.d a0, (s0)
  li a1, 2
  sd a1, 0(s0)
  li a2, 3
  sc.d a3, a2, (s0)
  ASSERT_NE a3, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 2
  TEST 2                        // narrower store into the reserved word
  lr.w a0, (s0)
  li a1, 0x7f
  sb a1, 1(s0)
  li a2, 5
  sc.w a3, a2, (s0)
  ASSERT_NE a3, 0
  lw a0, 0(s0)
  ASSERT_EQ a0, 0x7f02
  TEST 3                        // AMO to the reserved location
  lr.d a0, (s0)
  li a1, 1
  amoadd.d x0, a1, (s0)
  sc.d a3, a1, (s0)
  ASSERT_NE a3, 0
  TEST 4                        // stores elsewhere do not disturb the reservation
  lr.d a0, (s0)
  li a1, 9
  sd a1, 64(s0)
  li a2, 11
  sc.d a3, a2, (s0)
  ASSERT_EQ a3, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 11
  PASS
  .data
  .align 6
buf: .skip 128
