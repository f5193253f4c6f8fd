// F/D data movement and NaN-boxing: flw/fsw/fld/fsd (bit-exact, payloads kept,
// offsets), fmv.x.w sign-extends, fmv.w.x and flw NaN-box, fmv.x.d/fmv.d.x,
// single-precision operations reading a register that is not a valid
// NaN-boxed value see the canonical NaN, while fsw/fmv.x.w transfer the low
// 32 bits untouched.
#include "test.h"
  .option norvc

// load f-register fa1 with a raw 64-bit pattern
.macro SETF reg, val
  li t0, \val
  fmv.d.x \reg, t0
.endm
.macro CHECKF reg, val
  fmv.x.d t0, \reg
  ASSERT_EQ t0, \val
.endm

TEST_MAIN
  la s0, fbuf
  TEST 1                        // flw NaN-boxes
  li a1, 0x7f800001             // sNaN: must be kept bit-exact by loads
  sw a1, 0(s0)
  flw fa0, 0(s0)
  CHECKF fa0, 0xffffffff7f800001
  TEST 2                        // fsw stores the low 32 bits
  sw zero, 4(s0)
  fsw fa0, 4(s0)
  lwu a0, 4(s0)
  ASSERT_EQ a0, 0x7f800001
  lwu a0, 0(s0)
  ASSERT_EQ a0, 0x7f800001
  TEST 3                        // fld/fsd are bit exact (sNaN payload)
  li a1, 0x7ff4000000000123
  sd a1, 8(s0)
  fld fa1, 8(s0)
  CHECKF fa1, 0x7ff4000000000123
  fsd fa1, 16(s0)
  ld a0, 16(s0)
  ASSERT_EQ a0, 0x7ff4000000000123
  TEST 4                        // negative / large offsets
  addi a2, s0, 24
  fld fa2, -16(a2)
  CHECKF fa2, 0x7ff4000000000123
  flw fa3, -24(a2)
  CHECKF fa3, 0xffffffff7f800001
  addi a2, s0, 2047
  fsd fa2, -2047(a2)
  ld a0, 0(s0)
  ASSERT_EQ a0, 0x7ff4000000000123
  TEST 5                        // fsw of a non-boxed register stores the low bits
  SETF fa4, 0x123456783f800000
  fsw fa4, 32(s0)
  lwu a0, 32(s0)
  ASSERT_EQ a0, 0x3f800000

  TEST 6                        // fmv.x.w sign-extends bit 31
  SETF fa0, 0xffffffff80000001
  fmv.x.w a0, fa0
  ASSERT_EQ a0, 0xffffffff80000001
  SETF fa0, 0xffffffff7fffffff
  fmv.x.w a0, fa0
  ASSERT_EQ a0, 0x7fffffff
  TEST 7                        // fmv.x.w ignores the upper bits (no NaN-box check)
  SETF fa0, 0x00000000c0000000
  fmv.x.w a0, fa0
  ASSERT_EQ a0, 0xffffffffc0000000
  TEST 8                        // fmv.w.x boxes; upper bits of the integer ignored
  li a1, 0x12345678cafef00d
  fmv.w.x fa0, a1
  CHECKF fa0, 0xffffffffcafef00d
  TEST 9                        // fmv.d.x / fmv.x.d are raw
  li a1, 0xfff0000000000001
  fmv.d.x fa0, a1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0xfff0000000000001

  // ---- single-precision ops on improperly boxed values see canonical NaN
  TEST 10
  SETF fa1, 0x000000003f800000  // "1.0" but not boxed
  SETF fa2, 0xffffffff3f800000  // 1.0
  fsflags zero
  fadd.s fa0, fa1, fa2
  CHECKF fa0, 0xffffffff7fc00000
  ASSERT_FFLAGS 0               // canonical NaN is quiet: no NV
  TEST 11                       // almost boxed is still not boxed
  SETF fa1, 0xfffffffe3f800000
  fmul.s fa0, fa2, fa1
  CHECKF fa0, 0xffffffff7fc00000
  TEST 12
  SETF fa1, 0x7fffffff3f800000
  fsqrt.s fa0, fa1
  CHECKF fa0, 0xffffffff7fc00000
  TEST 13                       // fsgnj.s: input NaN is canonical, sign injected
  SETF fa1, 0x000000003f800000
  SETF fa2, 0xffffffffbf800000
  fsgnj.s fa0, fa1, fa2
  CHECKF fa0, 0xffffffffffc00000
  fsgnjn.s fa0, fa1, fa2
  CHECKF fa0, 0xffffffff7fc00000
  TEST 14                       // ...and a non-boxed rs2 gives the canonical NaN's sign (+)
  SETF fa3, 0x00000000bf800000
  SETF fa4, 0xffffffffc0000000   // -2.0
  fsgnj.s fa0, fa4, fa3
  CHECKF fa0, 0xffffffff40000000
  fsgnjx.s fa0, fa4, fa3
  CHECKF fa0, 0xffffffffc0000000
  TEST 15                       // fmv.s (fsgnj rs, rs) of a non-boxed value
  fmv.s fa0, fa3
  CHECKF fa0, 0xffffffff7fc00000
  TEST 16                       // fclass.s of a non-boxed value: quiet NaN
  fclass.s a0, fa3
  ASSERT_EQ a0, 0x200
  TEST 17                       // compares: feq quiet, flt signals
  fsflags zero
  feq.s a0, fa3, fa3
  ASSERT_EQ a0, 0
  ASSERT_FFLAGS 0
  flt.s a0, fa3, fa2
  ASSERT_EQ a0, 0
  ASSERT_FFLAGS 0x10
  TEST 18                       // fmin.s ignores the (canonical, quiet) NaN
  fsflags zero
  fmin.s fa0, fa3, fa2
  CHECKF fa0, 0xffffffffbf800000
  ASSERT_FFLAGS 0
  TEST 19                       // conversions
  fsflags zero
  fcvt.w.s a0, fa3
  ASSERT_EQ a0, 0x7fffffff
  ASSERT_FFLAGS 0x10
  fcvt.d.s fa0, fa3
  CHECKF fa0, 0x7ff8000000000000
  TEST 20                       // fma with one non-boxed operand
  fmadd.s fa0, fa2, fa2, fa3
  CHECKF fa0, 0xffffffff7fc00000
  TEST 21                       // double ops use all 64 bits (a boxed single is a NaN double)
  SETF fa1, 0xffffffff3f800000
  fsflags zero
  fadd.d fa0, fa1, fa1
  CHECKF fa0, 0x7ff8000000000000
  ASSERT_FFLAGS 0
  TEST 22                       // single results are always boxed
  SETF fa0, 0x0123456789abcdef
  li a1, 0x40000000
  fmv.w.x fa1, a1
  fadd.s fa0, fa1, fa1
  CHECKF fa0, 0xffffffff40800000
  fcvt.s.l fa0, a1
  fmv.x.d a0, fa0
  srai a0, a0, 32
  ASSERT_EQ a0, -1
  fcvt.s.d fa0, fa1
  fmv.x.d a0, fa0
  srai a0, a0, 32
  ASSERT_EQ a0, -1
  TEST 23                       // all 32 f registers hold independent values
  li a1, 0
  fmv.d.x f0, a1
  li a1, 1
  fmv.d.x f1, a1
  li a1, 2
  fmv.d.x f2, a1
  li a1, 31
  fmv.d.x f31, a1
  li a1, 15
  fmv.d.x f15, a1
  fmv.x.d a0, f0
  ASSERT_EQ a0, 0
  fmv.x.d a0, f1
  ASSERT_EQ a0, 1
  fmv.x.d a0, f2
  ASSERT_EQ a0, 2
  fmv.x.d a0, f15
  ASSERT_EQ a0, 15
  fmv.x.d a0, f31
  ASSERT_EQ a0, 31
  TEST 24                       // fp op with rd == rs
  li a1, 0x3ff0000000000000
  fmv.d.x fa5, a1
  fadd.d fa5, fa5, fa5
  CHECKF fa5, 0x4000000000000000
  TEST 25                       // fcvt to x0 is discarded, flags still raised
  fsflags zero
  SETF fa1, 0x7ff8000000000000
  fcvt.l.d x0, fa1
  ASSERT_EQ x0, 0
  ASSERT_FFLAGS 0x10
  PASS

  .data
  .align 4
fbuf: .skip 64
