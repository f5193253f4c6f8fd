// RV64A LR/SC: success writes memory and returns 0; SC without a reservation
// fails and leaves memory alone; an SC always clears the reservation; SC to
// an address other than the reserved one fails; lr.w sign-extends and sc.w
// writes 4 bytes; aq/rl forms; a retry loop; misaligned LR (cause 4) and
// misaligned SC (cause 6) with tval = address.
#include "test.h"
  .option norvc

// QEMU 7.2 (the oracle) checks the reservation before the alignment, so a
// misaligned SC simply fails there; the spec and strata raise cause 6.
#ifdef QEMU_ORACLE
.macro SC_MISALIGNED inst:vararg
  NOTRAP \inst
  ASSERT_NE a1, 0
.endm
#else
.macro SC_MISALIGNED inst:vararg
  TRAPS CAUSE_MISALIGNED_STORE, \inst
  CHECK_TVALR a4
.endm
#endif
TEST_MAIN
  la s0, buf
  la s1, buf_far                // another page

  TEST 1                        // lr.d / sc.d success
  li a2, 0x1122334455667788
  sd a2, 0(s0)
  lr.d a0, (s0)
  ASSERT_EQ a0, 0x1122334455667788
  li a3, 0x0123456789abcdef
  sc.d a1, a3, (s0)
  ASSERT_EQ a1, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 0x0123456789abcdef

  TEST 2                        // a second SC fails: the first one consumed the reservation
  li a3, 0x5555
  sc.d a1, a3, (s0)
  ASSERT_NE a1, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 0x0123456789abcdef

  TEST 3                        // failed SC also clears the reservation (sc after failed sc)
  sc.d a1, a3, (s0)
  ASSERT_NE a1, 0

  TEST 4                        // SC to an address other than the reserved one fails
  sd zero, 0(s1)
  lr.d a0, (s0)
  li a3, 77
  sc.d a1, a3, (s1)
  ASSERT_NE a1, 0
  ld a0, 0(s1)
  ASSERT_EQ a0, 0
  // ...and that SC consumed the reservation on s0 too
  sc.d a1, a3, (s0)
  ASSERT_NE a1, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 0x0123456789abcdef

  TEST 5                        // lr.w sign-extends; sc.w writes only 4 bytes
  li a2, -1
  sd a2, 0(s0)
  sd a2, 8(s0)
  li a2, 0x80000001
  sw a2, 4(s0)
  addi a4, s0, 4
  lr.w a0, (a4)
  ASSERT_EQ a0, 0xffffffff80000001
  li a3, 0x1234567800000042    // upper half of rs2 ignored
  sc.w a1, a3, (a4)
  ASSERT_EQ a1, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 0x00000042ffffffff
  ld a0, 8(s0)
  ASSERT_EQ a0, -1

  TEST 6                        // sc.w without reservation fails
  sc.w a1, a3, (a4)
  ASSERT_NE a1, 0

  TEST 7                        // aq / rl / aqrl encodings
  sd zero, 0(s0)
  lr.d.aq a0, (s0)
  li a3, 1
  sc.d.rl a1, a3, (s0)
  ASSERT_EQ a1, 0
  lr.d.aqrl a0, (s0)
  ASSERT_EQ a0, 1
  li a3, 2
  sc.d.aqrl a1, a3, (s0)
  ASSERT_EQ a1, 0
  lr.w.aq a0, (s0)
  li a3, 3
  sc.w.aqrl a1, a3, (s0)
  ASSERT_EQ a1, 0
  lr.w.aqrl a0, (s0)
  ASSERT_EQ a0, 3
  li a3, 4
  sc.w.rl a1, a3, (s0)
  ASSERT_EQ a1, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 4

  TEST 8                        // rd == x0 for sc, sc result register == value register
  lr.d a0, (s0)
  li a3, 9
  sc.d a3, a3, (s0)
  ASSERT_EQ a3, 0
  ld a0, 0(s0)
  ASSERT_EQ a0, 9
  lr.d a0, (s0)
  li a3, 10
  sc.d x0, a3, (s0)
  ld a0, 0(s0)
  ASSERT_EQ a0, 10

  TEST 9                        // LR/SC increment loop
  sd zero, 0(s0)
  li a5, 50
1:
  lr.d a0, (s0)
  addi a0, a0, 1
  sc.d a1, a0, (s0)
  bnez a1, 1b
  addi a5, a5, -1
  bnez a5, 1b
  ld a0, 0(s0)
  ASSERT_EQ a0, 50

  TEST 10                       // a new LR replaces the reservation
  lr.d a0, (s1)
  lr.d a0, (s0)
  li a3, 11
  sc.d a1, a3, (s1)
  ASSERT_NE a1, 0

  // misaligned LR -> load address misaligned, SC -> store/AMO misaligned
  TEST 11
  addi a4, s0, 4
  TRAPS CAUSE_MISALIGNED_LOAD, lr.d a0, (a4)
  CHECK_TVALR a4
  TEST 12
  addi a4, s0, 2
  TRAPS CAUSE_MISALIGNED_LOAD, lr.w a0, (a4)
  CHECK_TVALR a4
  TEST 13
  addi a4, s0, 1
  TRAPS CAUSE_MISALIGNED_LOAD, lr.d a0, (a4)
  CHECK_TVALR a4
  TEST 14
  sd zero, 0(s0)
  lr.d a0, (s0)
  addi a4, s0, 4
  li a3, -1
  SC_MISALIGNED sc.d a1, a3, (a4)
  ld a0, 0(s0)
  ASSERT_EQ a0, 0
  ld a0, 8(s0)
  ASSERT_EQ a0, -1
  TEST 15
  addi a4, s0, 6
  lr.w a0, (s0)
  SC_MISALIGNED sc.w a1, a3, (a4)
  PASS

  .data
  .align 12
buf:
  .skip 4096
buf_far:
  .skip 64
