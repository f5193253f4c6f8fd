// RV64D: fcvt.s.d (rounding, overflow, underflow, NaN canonicalisation) and fcvt.d.s (exact, sNaN signals NV).
// Expected values come from an exact rational IEEE-754 model.
#include "test.h"
  .option norvc

// F2 n, inst, rm, exp(reg bits), flags, a, b
.macro F2 n, inst, rm, exp, flags, a, b
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  li a2, \b
  fmv.d.x fa2, a2
  fsflags zero
  \inst fa0, fa1, fa2, \rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
// F2D: same with the dynamic rounding mode taken from frm = \frm
.macro F2D n, inst, frm, exp, flags, a, b
  fsrmi \frm
  F2 \n, \inst, dyn, \exp, \flags, \a, \b
  fsrmi 0
.endm
.macro F1 n, inst, rm, exp, flags, a
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  fsflags zero
  \inst fa0, fa1, \rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro F3 n, inst, rm, exp, flags, a, b, c
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  li a2, \b
  fmv.d.x fa2, a2
  li a3, \c
  fmv.d.x fa3, a3
  fsflags zero
  \inst fa0, fa1, fa2, fa3, \rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro F3D n, inst, frm, exp, flags, a, b, c
  fsrmi \frm
  F3 \n, \inst, dyn, \exp, \flags, \a, \b, \c
  fsrmi 0
.endm
// integer result from FP operand(s)
.macro FI1 n, inst, rm, exp, flags, a
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  fsflags zero
  li a0, 0x5555
  \inst a0, fa1, \rm
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro FI1D n, inst, frm, exp, flags, a
  fsrmi \frm
  FI1 \n, \inst, dyn, \exp, \flags, \a
  fsrmi 0
.endm
// FP result from integer operand
.macro IF1 n, inst, rm, exp, flags, a
  li gp, \n
  li a1, \a
  fsflags zero
  \inst fa0, a1, \rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro IF1X n, inst, exp, flags, a
  li gp, \n
  li a1, \a
  fsflags zero
  \inst fa0, a1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro IF1XD n, inst, frm, exp, flags, a
  fsrmi \frm
  IF1X \n, \inst, \exp, \flags, \a
  fsrmi 0
.endm
.macro IF1D n, inst, frm, exp, flags, a
  fsrmi \frm
  IF1 \n, \inst, dyn, \exp, \flags, \a
  fsrmi 0
.endm
// compare: integer result
.macro FC n, inst, exp, flags, a, b
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  li a2, \b
  fmv.d.x fa2, a2
  fsflags zero
  li a0, 0x5555
  \inst a0, fa1, fa2
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
// no-rounding-mode two-operand FP ops (fmin/fmax/fsgnj*)
.macro FN2 n, inst, exp, flags, a, b
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  li a2, \b
  fmv.d.x fa2, a2
  fsflags zero
  \inst fa0, fa1, fa2
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro FCLASS n, exp, a
  li gp, \n
  li a1, \a
  fmv.d.x fa1, a1
  fsflags zero
  fclass.d a0, fa1
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS 0
.endm

TEST_MAIN
  // ---- fcvt.s.d / fcvt.d.s
  F1 1, fcvt.s.d, rne, 0xffffffff00000000, 0, 0x0   // pz
  F1 2, fcvt.s.d, rtz, 0xffffffff80000000, 0, 0x8000000000000000   // nz
  F1 3, fcvt.s.d, rdn, 0xffffffff3f800000, 0, 0x3ff0000000000000   // one
  F1 4, fcvt.s.d, rup, 0xffffffff3dcccccd, 1, 0x3fb999999999999a   // tenth
  F1 5, fcvt.s.d, rmm, 0xffffffff40490fdb, 1, 0x400921fb54442d18   // pi
  F1 6, fcvt.s.d, rne, 0xffffffff7f800000, 5, 0x7fefffffffffffff   // maxn
  F1 7, fcvt.s.d, rtz, 0xffffffff00000000, 3, 0x10000000000000   // minn
  F1 8, fcvt.s.d, rdn, 0xffffffff00000000, 3, 0x1   // minsub
  F1 9, fcvt.s.d, rup, 0xffffffff7f800000, 0, 0x7ff0000000000000   // inf
  F1 10, fcvt.s.d, rmm, 0xffffffffff800000, 0, 0xfff0000000000000   // minf
  F1 11, fcvt.s.d, rne, 0xffffffff7fc00000, 0, 0x7ff8000000000000   // qnan
  F1 12, fcvt.s.d, rtz, 0xffffffff7fc00000, 16, 0x7ff0000000000001   // snan
  F1 13, fcvt.s.d, rdn, 0xffffffff7fc00000, 0, 0xfff8000000012345   // nqnan
  F1 14, fcvt.s.d, rup, 0xffffffff60ad78ec, 1, 0x4415af1d78b58c40   // e20
  F1 15, fcvt.s.d, rmm, 0xffffffff7f800000, 5, 0x47effffff0000000   // x1
  F1 16, fcvt.s.d, rne, 0xffffffff7f7fffff, 0, 0x47efffffe0000000   // x2
  F1 17, fcvt.s.d, rtz, 0xffffffff007ffffe, 3, 0x380fffffbb1dd6a1   // x3
  F1 18, fcvt.s.d, rdn, 0xffffffff00000000, 3, 0x3690000000000000   // x4
  // fcvt.d.s: input is a single in a NaN-boxed register
.macro CVTDS n, exp, flags, a
  li gp, \n
  li a1, \a
  fmv.w.x fa1, a1
  fsflags zero
  fcvt.d.s fa0, fa1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
  CVTDS 19, 0x0, 0, 0x0
  CVTDS 20, 0x8000000000000000, 0, 0x80000000
  CVTDS 21, 0x3ff0000000000000, 0, 0x3f800000
  CVTDS 22, 0x3fb99999a0000000, 0, 0x3dcccccd
  CVTDS 23, 0x47efffffe0000000, 0, 0x7f7fffff
  CVTDS 24, 0x36a0000000000000, 0, 0x1
  CVTDS 25, 0x380fffffc0000000, 0, 0x7fffff
  CVTDS 26, 0x7ff0000000000000, 0, 0x7f800000
  CVTDS 27, 0xfff0000000000000, 0, 0xff800000
  CVTDS 28, 0x7ff8000000000000, 0, 0x7fc00000
  CVTDS 29, 0x7ff8000000000000, 16, 0x7f800001
  CVTDS 30, 0x7ff8000000000000, 0, 0xffc12345
  CVTDS 31, 0xb810000000000000, 0, 0x80800000
  // 31 tests
  PASS
