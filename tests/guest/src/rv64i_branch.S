// RV64I conditional branches: taken / not taken for beq bne blt bge bltu bgeu,
// signed vs unsigned comparisons at the boundaries, forward and backward
// targets, and equal operands (same register).
#include "test.h"
  .option norvc

// BR_TAKEN n, inst, a, b: branch must be taken.
.macro BR_TAKEN n, inst, a, b
  li gp, \n
  li a1, \a
  li a2, \b
  \inst a1, a2, .Lt\@
  j test_fail
.Lback\@:
  j .Ldone\@
.Lt\@:
  \inst a1, a2, .Lback\@          // backward branch, also taken
  j test_fail
.Ldone\@:
.endm

// BR_NOT n, inst, a, b: branch must fall through.
.macro BR_NOT n, inst, a, b
  li gp, \n
  li a1, \a
  li a2, \b
  li a0, 0
  \inst a1, a2, .Lbad\@
  addi a0, a0, 1
.Lbad\@:
  ASSERT_EQ a0, 1
  j .Lnb\@
.Lb\@:
  j test_fail
.Lnb\@:
  \inst a1, a2, .Lb\@              // backward, not taken
.endm

TEST_MAIN
  BR_TAKEN 1, beq, 0, 0
  BR_TAKEN 2, beq, -1, -1
  BR_TAKEN 3, beq, 0x8000000000000000, 0x8000000000000000
  BR_NOT   4, beq, 0, 1
  BR_NOT   5, beq, 0x100000000, 0      // upper bits matter
  BR_NOT   6, beq, -1, 0xffffffff

  BR_TAKEN 7, bne, 0, 1
  BR_TAKEN 8, bne, 0x100000000, 0
  BR_TAKEN 9, bne, -1, 0x7fffffffffffffff
  BR_NOT  10, bne, 5, 5
  BR_NOT  11, bne, -1, -1

  BR_TAKEN 12, blt, 0, 1
  BR_TAKEN 13, blt, -1, 0
  BR_TAKEN 14, blt, 0x8000000000000000, 0x7fffffffffffffff
  BR_TAKEN 15, blt, -2, -1
  BR_NOT  16, blt, 1, 0
  BR_NOT  17, blt, 0, -1
  BR_NOT  18, blt, 5, 5
  BR_NOT  19, blt, 0x7fffffffffffffff, 0x8000000000000000

  BR_TAKEN 20, bge, 1, 0
  BR_TAKEN 21, bge, 5, 5
  BR_TAKEN 22, bge, 0, -1
  BR_TAKEN 23, bge, 0x7fffffffffffffff, 0x8000000000000000
  BR_TAKEN 24, bge, -1, -1
  BR_NOT  25, bge, -1, 0
  BR_NOT  26, bge, 0x8000000000000000, 0x7fffffffffffffff

  BR_TAKEN 27, bltu, 0, 1
  BR_TAKEN 28, bltu, 0, -1
  BR_TAKEN 29, bltu, 0x7fffffffffffffff, 0x8000000000000000
  BR_TAKEN 30, bltu, 0xfffffffe, 0x100000000
  BR_NOT  31, bltu, -1, 0
  BR_NOT  32, bltu, 5, 5
  BR_NOT  33, bltu, 0x8000000000000000, 0x7fffffffffffffff

  BR_TAKEN 34, bgeu, 1, 0
  BR_TAKEN 35, bgeu, -1, 0
  BR_TAKEN 36, bgeu, 5, 5
  BR_TAKEN 37, bgeu, 0x8000000000000000, 0x7fffffffffffffff
  BR_NOT  38, bgeu, 0, -1
  BR_NOT  39, bgeu, 0x7fffffffffffffff, 0x8000000000000000

  // same register as both operands
  TEST 40
  li a1, -7
  beq a1, a1, 1f
  j test_fail
1:
  bne a1, a1, test_fail_near
  blt a1, a1, test_fail_near
  bltu a1, a1, test_fail_near
  bge a1, a1, 2f
  j test_fail
2:
  bgeu a1, a1, 3f
  j test_fail
3:
  // x0 operands
  TEST 41
  beq x0, x0, 4f
  j test_fail
4:
  li a1, 1
  blt x0, a1, 5f
  j test_fail
5:
  bltu a1, x0, test_fail_near
  // loop: backward branch counts down
  TEST 42
  li a0, 10
  li a1, 0
6:
  addi a1, a1, 3
  addi a0, a0, -1
  bnez a0, 6b
  ASSERT_EQ a1, 30
  // branches must not write any register (no link)
  TEST 43
  li ra, 0x1234
  li a1, 1
  bnez a1, 7f
7:
  ASSERT_EQ ra, 0x1234
  // longest backward (-4096) and a long forward (+4092) offset
  TEST 44
  j far_start
far_back:
  j far_fwd_from
  .skip 4092
far_start:
  beq x0, x0, far_back          // offset -4096
  j test_fail
far_fwd_from:
  beq x0, x0, far_fwd           // offset +4092
  j test_fail
  .skip 4084
far_fwd:
  PASS
test_fail_near:
  j test_fail
