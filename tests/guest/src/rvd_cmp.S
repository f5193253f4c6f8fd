// RV64D: feq/flt/fle.d (quiet vs signalling NaN rules), fmin/fmax.d (-0 < +0, NaN operands, sNaN NV), fsgnj/fsgnjn/fsgnjx.d, fclass.d.
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
  // ---- feq.d
  FC 1, feq.d, 1, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FC 2, feq.d, 0, 0, 0x3ff0000000000000, 0x4000000000000000   // one two
  FC 3, feq.d, 0, 0, 0x4000000000000000, 0x3ff0000000000000   // two one
  FC 4, feq.d, 1, 0, 0x0, 0x8000000000000000   // pz nz
  FC 5, feq.d, 1, 0, 0x8000000000000000, 0x0   // nz pz
  FC 6, feq.d, 0, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FC 7, feq.d, 0, 0, 0x7ff0000000000000, 0x7fefffffffffffff   // inf maxn
  FC 8, feq.d, 0, 0, 0xfff0000000000000, 0xffefffffffffffff   // minf mmaxn
  FC 9, feq.d, 1, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf inf
  FC 10, feq.d, 0, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan one
  FC 11, feq.d, 0, 0, 0x3ff0000000000000, 0x7ff8000000000000   // one qnan
  FC 12, feq.d, 0, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan one
  FC 13, feq.d, 0, 16, 0x3ff0000000000000, 0x7ff0000000000001   // one snan
  FC 14, feq.d, 0, 0, 0x7ff8000000000000, 0x7ff8000000000000   // qnan qnan
  FC 15, feq.d, 0, 16, 0x7ff0000000000001, 0x7ff8000000000000   // snan qnan
  FC 16, feq.d, 0, 0, 0x1, 0x0   // minsub pz
  FC 17, feq.d, 0, 0, 0x8000000000000003, 0x1   // msub minsub
  FC 18, feq.d, 0, 0, 0xfff8000000012345, 0xfff8000000012345   // nqnan nqnan
  FC 19, feq.d, 0, 0, 0xffefffffffffffff, 0x7fefffffffffffff   // mmaxn maxn
  // ---- flt.d
  FC 20, flt.d, 0, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FC 21, flt.d, 1, 0, 0x3ff0000000000000, 0x4000000000000000   // one two
  FC 22, flt.d, 0, 0, 0x4000000000000000, 0x3ff0000000000000   // two one
  FC 23, flt.d, 0, 0, 0x0, 0x8000000000000000   // pz nz
  FC 24, flt.d, 0, 0, 0x8000000000000000, 0x0   // nz pz
  FC 25, flt.d, 1, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FC 26, flt.d, 0, 0, 0x7ff0000000000000, 0x7fefffffffffffff   // inf maxn
  FC 27, flt.d, 1, 0, 0xfff0000000000000, 0xffefffffffffffff   // minf mmaxn
  FC 28, flt.d, 0, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf inf
  FC 29, flt.d, 0, 16, 0x7ff8000000000000, 0x3ff0000000000000   // qnan one
  FC 30, flt.d, 0, 16, 0x3ff0000000000000, 0x7ff8000000000000   // one qnan
  FC 31, flt.d, 0, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan one
  FC 32, flt.d, 0, 16, 0x3ff0000000000000, 0x7ff0000000000001   // one snan
  FC 33, flt.d, 0, 16, 0x7ff8000000000000, 0x7ff8000000000000   // qnan qnan
  FC 34, flt.d, 0, 16, 0x7ff0000000000001, 0x7ff8000000000000   // snan qnan
  FC 35, flt.d, 0, 0, 0x1, 0x0   // minsub pz
  FC 36, flt.d, 1, 0, 0x8000000000000003, 0x1   // msub minsub
  FC 37, flt.d, 0, 16, 0xfff8000000012345, 0xfff8000000012345   // nqnan nqnan
  FC 38, flt.d, 1, 0, 0xffefffffffffffff, 0x7fefffffffffffff   // mmaxn maxn
  // ---- fle.d
  FC 39, fle.d, 1, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FC 40, fle.d, 1, 0, 0x3ff0000000000000, 0x4000000000000000   // one two
  FC 41, fle.d, 0, 0, 0x4000000000000000, 0x3ff0000000000000   // two one
  FC 42, fle.d, 1, 0, 0x0, 0x8000000000000000   // pz nz
  FC 43, fle.d, 1, 0, 0x8000000000000000, 0x0   // nz pz
  FC 44, fle.d, 1, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FC 45, fle.d, 0, 0, 0x7ff0000000000000, 0x7fefffffffffffff   // inf maxn
  FC 46, fle.d, 1, 0, 0xfff0000000000000, 0xffefffffffffffff   // minf mmaxn
  FC 47, fle.d, 1, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf inf
  FC 48, fle.d, 0, 16, 0x7ff8000000000000, 0x3ff0000000000000   // qnan one
  FC 49, fle.d, 0, 16, 0x3ff0000000000000, 0x7ff8000000000000   // one qnan
  FC 50, fle.d, 0, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan one
  FC 51, fle.d, 0, 16, 0x3ff0000000000000, 0x7ff0000000000001   // one snan
  FC 52, fle.d, 0, 16, 0x7ff8000000000000, 0x7ff8000000000000   // qnan qnan
  FC 53, fle.d, 0, 16, 0x7ff0000000000001, 0x7ff8000000000000   // snan qnan
  FC 54, fle.d, 0, 0, 0x1, 0x0   // minsub pz
  FC 55, fle.d, 1, 0, 0x8000000000000003, 0x1   // msub minsub
  FC 56, fle.d, 0, 16, 0xfff8000000012345, 0xfff8000000012345   // nqnan nqnan
  FC 57, fle.d, 1, 0, 0xffefffffffffffff, 0x7fefffffffffffff   // mmaxn maxn
  // ---- fmin.d
  FN2 58, fmin.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FN2 59, fmin.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x4000000000000000   // one two
  FN2 60, fmin.d, 0x3ff0000000000000, 0, 0x4000000000000000, 0x3ff0000000000000   // two one
  FN2 61, fmin.d, 0x8000000000000000, 0, 0x0, 0x8000000000000000   // pz nz
  FN2 62, fmin.d, 0x8000000000000000, 0, 0x8000000000000000, 0x0   // nz pz
  FN2 63, fmin.d, 0xbff0000000000000, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FN2 64, fmin.d, 0x7fefffffffffffff, 0, 0x7ff0000000000000, 0x7fefffffffffffff   // inf maxn
  FN2 65, fmin.d, 0xfff0000000000000, 0, 0xfff0000000000000, 0xffefffffffffffff   // minf mmaxn
  FN2 66, fmin.d, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf inf
  FN2 67, fmin.d, 0x3ff0000000000000, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan one
  FN2 68, fmin.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x7ff8000000000000   // one qnan
  FN2 69, fmin.d, 0x3ff0000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan one
  FN2 70, fmin.d, 0x3ff0000000000000, 16, 0x3ff0000000000000, 0x7ff0000000000001   // one snan
  FN2 71, fmin.d, 0x7ff8000000000000, 0, 0x7ff8000000000000, 0x7ff8000000000000   // qnan qnan
  FN2 72, fmin.d, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x7ff8000000000000   // snan qnan
  FN2 73, fmin.d, 0x0, 0, 0x1, 0x0   // minsub pz
  FN2 74, fmin.d, 0x8000000000000003, 0, 0x8000000000000003, 0x1   // msub minsub
  FN2 75, fmin.d, 0x7ff8000000000000, 0, 0xfff8000000012345, 0xfff8000000012345   // nqnan nqnan
  FN2 76, fmin.d, 0xffefffffffffffff, 0, 0xffefffffffffffff, 0x7fefffffffffffff   // mmaxn maxn
  FN2 77, fmin.d, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x7ff0000000000001   // snan snan
  FN2 78, fmin.d, 0x3ff0000000000000, 0, 0xfff8000000012345, 0x3ff0000000000000   // nqnan one
  // ---- fmax.d
  FN2 79, fmax.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FN2 80, fmax.d, 0x4000000000000000, 0, 0x3ff0000000000000, 0x4000000000000000   // one two
  FN2 81, fmax.d, 0x4000000000000000, 0, 0x4000000000000000, 0x3ff0000000000000   // two one
  FN2 82, fmax.d, 0x0, 0, 0x0, 0x8000000000000000   // pz nz
  FN2 83, fmax.d, 0x0, 0, 0x8000000000000000, 0x0   // nz pz
  FN2 84, fmax.d, 0x3ff0000000000000, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FN2 85, fmax.d, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x7fefffffffffffff   // inf maxn
  FN2 86, fmax.d, 0xffefffffffffffff, 0, 0xfff0000000000000, 0xffefffffffffffff   // minf mmaxn
  FN2 87, fmax.d, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf inf
  FN2 88, fmax.d, 0x3ff0000000000000, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan one
  FN2 89, fmax.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x7ff8000000000000   // one qnan
  FN2 90, fmax.d, 0x3ff0000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan one
  FN2 91, fmax.d, 0x3ff0000000000000, 16, 0x3ff0000000000000, 0x7ff0000000000001   // one snan
  FN2 92, fmax.d, 0x7ff8000000000000, 0, 0x7ff8000000000000, 0x7ff8000000000000   // qnan qnan
  FN2 93, fmax.d, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x7ff8000000000000   // snan qnan
  FN2 94, fmax.d, 0x1, 0, 0x1, 0x0   // minsub pz
  FN2 95, fmax.d, 0x1, 0, 0x8000000000000003, 0x1   // msub minsub
  FN2 96, fmax.d, 0x7ff8000000000000, 0, 0xfff8000000012345, 0xfff8000000012345   // nqnan nqnan
  FN2 97, fmax.d, 0x7fefffffffffffff, 0, 0xffefffffffffffff, 0x7fefffffffffffff   // mmaxn maxn
  FN2 98, fmax.d, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x7ff0000000000001   // snan snan
  FN2 99, fmax.d, 0x3ff0000000000000, 0, 0xfff8000000012345, 0x3ff0000000000000   // nqnan one
  // ---- fsgnj.d (pure bit operations, no flags, NaN payloads kept)
  FN2 100, fsgnj.d, 0xbff0000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000   // one mone
  FN2 101, fsgnj.d, 0x3ff0000000000000, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FN2 102, fsgnj.d, 0xbff0000000000000, 0, 0xbff0000000000000, 0xbff0000000000000   // mone mone
  FN2 103, fsgnj.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FN2 104, fsgnj.d, 0x8000000000000000, 0, 0x0, 0x8000000000000000   // pz nz
  FN2 105, fsgnj.d, 0x7ff8000000012345, 0, 0xfff8000000012345, 0x3ff0000000000000   // nqnan one
  FN2 106, fsgnj.d, 0xfff0000000000001, 0, 0x7ff0000000000001, 0xbff0000000000000   // snan mone
  FN2 107, fsgnj.d, 0xfff0000000000000, 0, 0x7ff0000000000000, 0xfff0000000000000   // inf minf
  // ---- fsgnjn.d (pure bit operations, no flags, NaN payloads kept)
  FN2 108, fsgnjn.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000   // one mone
  FN2 109, fsgnjn.d, 0xbff0000000000000, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FN2 110, fsgnjn.d, 0x3ff0000000000000, 0, 0xbff0000000000000, 0xbff0000000000000   // mone mone
  FN2 111, fsgnjn.d, 0xbff0000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FN2 112, fsgnjn.d, 0x0, 0, 0x0, 0x8000000000000000   // pz nz
  FN2 113, fsgnjn.d, 0xfff8000000012345, 0, 0xfff8000000012345, 0x3ff0000000000000   // nqnan one
  FN2 114, fsgnjn.d, 0x7ff0000000000001, 0, 0x7ff0000000000001, 0xbff0000000000000   // snan mone
  FN2 115, fsgnjn.d, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0xfff0000000000000   // inf minf
  // ---- fsgnjx.d (pure bit operations, no flags, NaN payloads kept)
  FN2 116, fsgnjx.d, 0xbff0000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000   // one mone
  FN2 117, fsgnjx.d, 0xbff0000000000000, 0, 0xbff0000000000000, 0x3ff0000000000000   // mone one
  FN2 118, fsgnjx.d, 0x3ff0000000000000, 0, 0xbff0000000000000, 0xbff0000000000000   // mone mone
  FN2 119, fsgnjx.d, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000   // one one
  FN2 120, fsgnjx.d, 0x8000000000000000, 0, 0x0, 0x8000000000000000   // pz nz
  FN2 121, fsgnjx.d, 0xfff8000000012345, 0, 0xfff8000000012345, 0x3ff0000000000000   // nqnan one
  FN2 122, fsgnjx.d, 0xfff0000000000001, 0, 0x7ff0000000000001, 0xbff0000000000000   // snan mone
  FN2 123, fsgnjx.d, 0xfff0000000000000, 0, 0x7ff0000000000000, 0xfff0000000000000   // inf minf
  // ---- fclass.d
  FCLASS 124, 1, 0xfff0000000000000   // minf
  FCLASS 125, 2, 0xffefffffffffffff   // mmaxn
  FCLASS 126, 2, 0xbff0000000000000   // mone
  FCLASS 127, 4, 0x8000000000000003   // msub
  FCLASS 128, 8, 0x8000000000000000   // nz
  FCLASS 129, 16, 0x0   // pz
  FCLASS 130, 32, 0x1   // minsub
  FCLASS 131, 32, 0xfffffffffffff   // maxsub
  FCLASS 132, 64, 0x3ff0000000000000   // one
  FCLASS 133, 64, 0x7fefffffffffffff   // maxn
  FCLASS 134, 128, 0x7ff0000000000000   // inf
  FCLASS 135, 256, 0x7ff0000000000001   // snan
  FCLASS 136, 512, 0x7ff8000000000000   // qnan
  FCLASS 137, 512, 0xfff8000000012345   // nqnan
  FCLASS 138, 64, 0x10000000000000   // minn
  FCLASS 139, 2, 0x8010000000000000   // mminn
  // ---- aliases: fmv/fneg/fabs are fsgnj forms with rs1 == rs2
  TEST 140
  li a1, 0xbff0000000000000
  fmv.d.x fa1, a1
  fabs.d fa0, fa1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0x3ff0000000000000
  fneg.d fa0, fa0
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0xbff0000000000000
  fmv.d fa2, fa0
  fmv.x.d a0, fa2
  ASSERT_EQ a0, 0xbff0000000000000
  // 140 tests
  PASS
