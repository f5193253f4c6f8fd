// RV64F: feq/flt/fle.s (quiet vs signalling NaN rules), fmin/fmax.s (-0 < +0, NaN operands, sNaN NV), fsgnj/fsgnjn/fsgnjx.s, fclass.s.
// Expected values come from an exact rational IEEE-754 model.
#include "test.h"
  .option norvc

// F2 n, inst, rm, exp(reg bits), flags, a, b
.macro F2 n, inst, rm, exp, flags, a, b
  li gp, \n
  li a1, \a
  fmv.w.x fa1, a1
  li a2, \b
  fmv.w.x fa2, a2
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
  fmv.w.x fa1, a1
  fsflags zero
  \inst fa0, fa1, \rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro F3 n, inst, rm, exp, flags, a, b, c
  li gp, \n
  li a1, \a
  fmv.w.x fa1, a1
  li a2, \b
  fmv.w.x fa2, a2
  li a3, \c
  fmv.w.x fa3, a3
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
  fmv.w.x fa1, a1
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
  fmv.w.x fa1, a1
  li a2, \b
  fmv.w.x fa2, a2
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
  fmv.w.x fa1, a1
  li a2, \b
  fmv.w.x fa2, a2
  fsflags zero
  \inst fa0, fa1, fa2
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS \flags
.endm
.macro FCLASS n, exp, a
  li gp, \n
  li a1, \a
  fmv.w.x fa1, a1
  fsflags zero
  fclass.s a0, fa1
  ASSERT_EQ a0, \exp
  ASSERT_FFLAGS 0
.endm

TEST_MAIN
  // ---- feq.s
  FC 1, feq.s, 1, 0, 0x3f800000, 0x3f800000   // one one
  FC 2, feq.s, 0, 0, 0x3f800000, 0x40000000   // one two
  FC 3, feq.s, 0, 0, 0x40000000, 0x3f800000   // two one
  FC 4, feq.s, 1, 0, 0x0, 0x80000000   // pz nz
  FC 5, feq.s, 1, 0, 0x80000000, 0x0   // nz pz
  FC 6, feq.s, 0, 0, 0xbf800000, 0x3f800000   // mone one
  FC 7, feq.s, 0, 0, 0x7f800000, 0x7f7fffff   // inf maxn
  FC 8, feq.s, 0, 0, 0xff800000, 0xff7fffff   // minf mmaxn
  FC 9, feq.s, 1, 0, 0x7f800000, 0x7f800000   // inf inf
  FC 10, feq.s, 0, 0, 0x7fc00000, 0x3f800000   // qnan one
  FC 11, feq.s, 0, 0, 0x3f800000, 0x7fc00000   // one qnan
  FC 12, feq.s, 0, 16, 0x7f800001, 0x3f800000   // snan one
  FC 13, feq.s, 0, 16, 0x3f800000, 0x7f800001   // one snan
  FC 14, feq.s, 0, 0, 0x7fc00000, 0x7fc00000   // qnan qnan
  FC 15, feq.s, 0, 16, 0x7f800001, 0x7fc00000   // snan qnan
  FC 16, feq.s, 0, 0, 0x1, 0x0   // minsub pz
  FC 17, feq.s, 0, 0, 0x80000003, 0x1   // msub minsub
  FC 18, feq.s, 0, 0, 0xffc12345, 0xffc12345   // nqnan nqnan
  FC 19, feq.s, 0, 0, 0xff7fffff, 0x7f7fffff   // mmaxn maxn
  // ---- flt.s
  FC 20, flt.s, 0, 0, 0x3f800000, 0x3f800000   // one one
  FC 21, flt.s, 1, 0, 0x3f800000, 0x40000000   // one two
  FC 22, flt.s, 0, 0, 0x40000000, 0x3f800000   // two one
  FC 23, flt.s, 0, 0, 0x0, 0x80000000   // pz nz
  FC 24, flt.s, 0, 0, 0x80000000, 0x0   // nz pz
  FC 25, flt.s, 1, 0, 0xbf800000, 0x3f800000   // mone one
  FC 26, flt.s, 0, 0, 0x7f800000, 0x7f7fffff   // inf maxn
  FC 27, flt.s, 1, 0, 0xff800000, 0xff7fffff   // minf mmaxn
  FC 28, flt.s, 0, 0, 0x7f800000, 0x7f800000   // inf inf
  FC 29, flt.s, 0, 16, 0x7fc00000, 0x3f800000   // qnan one
  FC 30, flt.s, 0, 16, 0x3f800000, 0x7fc00000   // one qnan
  FC 31, flt.s, 0, 16, 0x7f800001, 0x3f800000   // snan one
  FC 32, flt.s, 0, 16, 0x3f800000, 0x7f800001   // one snan
  FC 33, flt.s, 0, 16, 0x7fc00000, 0x7fc00000   // qnan qnan
  FC 34, flt.s, 0, 16, 0x7f800001, 0x7fc00000   // snan qnan
  FC 35, flt.s, 0, 0, 0x1, 0x0   // minsub pz
  FC 36, flt.s, 1, 0, 0x80000003, 0x1   // msub minsub
  FC 37, flt.s, 0, 16, 0xffc12345, 0xffc12345   // nqnan nqnan
  FC 38, flt.s, 1, 0, 0xff7fffff, 0x7f7fffff   // mmaxn maxn
  // ---- fle.s
  FC 39, fle.s, 1, 0, 0x3f800000, 0x3f800000   // one one
  FC 40, fle.s, 1, 0, 0x3f800000, 0x40000000   // one two
  FC 41, fle.s, 0, 0, 0x40000000, 0x3f800000   // two one
  FC 42, fle.s, 1, 0, 0x0, 0x80000000   // pz nz
  FC 43, fle.s, 1, 0, 0x80000000, 0x0   // nz pz
  FC 44, fle.s, 1, 0, 0xbf800000, 0x3f800000   // mone one
  FC 45, fle.s, 0, 0, 0x7f800000, 0x7f7fffff   // inf maxn
  FC 46, fle.s, 1, 0, 0xff800000, 0xff7fffff   // minf mmaxn
  FC 47, fle.s, 1, 0, 0x7f800000, 0x7f800000   // inf inf
  FC 48, fle.s, 0, 16, 0x7fc00000, 0x3f800000   // qnan one
  FC 49, fle.s, 0, 16, 0x3f800000, 0x7fc00000   // one qnan
  FC 50, fle.s, 0, 16, 0x7f800001, 0x3f800000   // snan one
  FC 51, fle.s, 0, 16, 0x3f800000, 0x7f800001   // one snan
  FC 52, fle.s, 0, 16, 0x7fc00000, 0x7fc00000   // qnan qnan
  FC 53, fle.s, 0, 16, 0x7f800001, 0x7fc00000   // snan qnan
  FC 54, fle.s, 0, 0, 0x1, 0x0   // minsub pz
  FC 55, fle.s, 1, 0, 0x80000003, 0x1   // msub minsub
  FC 56, fle.s, 0, 16, 0xffc12345, 0xffc12345   // nqnan nqnan
  FC 57, fle.s, 1, 0, 0xff7fffff, 0x7f7fffff   // mmaxn maxn
  // ---- fmin.s
  FN2 58, fmin.s, 0xffffffff3f800000, 0, 0x3f800000, 0x3f800000   // one one
  FN2 59, fmin.s, 0xffffffff3f800000, 0, 0x3f800000, 0x40000000   // one two
  FN2 60, fmin.s, 0xffffffff3f800000, 0, 0x40000000, 0x3f800000   // two one
  FN2 61, fmin.s, 0xffffffff80000000, 0, 0x0, 0x80000000   // pz nz
  FN2 62, fmin.s, 0xffffffff80000000, 0, 0x80000000, 0x0   // nz pz
  FN2 63, fmin.s, 0xffffffffbf800000, 0, 0xbf800000, 0x3f800000   // mone one
  FN2 64, fmin.s, 0xffffffff7f7fffff, 0, 0x7f800000, 0x7f7fffff   // inf maxn
  FN2 65, fmin.s, 0xffffffffff800000, 0, 0xff800000, 0xff7fffff   // minf mmaxn
  FN2 66, fmin.s, 0xffffffff7f800000, 0, 0x7f800000, 0x7f800000   // inf inf
  FN2 67, fmin.s, 0xffffffff3f800000, 0, 0x7fc00000, 0x3f800000   // qnan one
  FN2 68, fmin.s, 0xffffffff3f800000, 0, 0x3f800000, 0x7fc00000   // one qnan
  FN2 69, fmin.s, 0xffffffff3f800000, 16, 0x7f800001, 0x3f800000   // snan one
  FN2 70, fmin.s, 0xffffffff3f800000, 16, 0x3f800000, 0x7f800001   // one snan
  FN2 71, fmin.s, 0xffffffff7fc00000, 0, 0x7fc00000, 0x7fc00000   // qnan qnan
  FN2 72, fmin.s, 0xffffffff7fc00000, 16, 0x7f800001, 0x7fc00000   // snan qnan
  FN2 73, fmin.s, 0xffffffff00000000, 0, 0x1, 0x0   // minsub pz
  FN2 74, fmin.s, 0xffffffff80000003, 0, 0x80000003, 0x1   // msub minsub
  FN2 75, fmin.s, 0xffffffff7fc00000, 0, 0xffc12345, 0xffc12345   // nqnan nqnan
  FN2 76, fmin.s, 0xffffffffff7fffff, 0, 0xff7fffff, 0x7f7fffff   // mmaxn maxn
  FN2 77, fmin.s, 0xffffffff7fc00000, 16, 0x7f800001, 0x7f800001   // snan snan
  FN2 78, fmin.s, 0xffffffff3f800000, 0, 0xffc12345, 0x3f800000   // nqnan one
  // ---- fmax.s
  FN2 79, fmax.s, 0xffffffff3f800000, 0, 0x3f800000, 0x3f800000   // one one
  FN2 80, fmax.s, 0xffffffff40000000, 0, 0x3f800000, 0x40000000   // one two
  FN2 81, fmax.s, 0xffffffff40000000, 0, 0x40000000, 0x3f800000   // two one
  FN2 82, fmax.s, 0xffffffff00000000, 0, 0x0, 0x80000000   // pz nz
  FN2 83, fmax.s, 0xffffffff00000000, 0, 0x80000000, 0x0   // nz pz
  FN2 84, fmax.s, 0xffffffff3f800000, 0, 0xbf800000, 0x3f800000   // mone one
  FN2 85, fmax.s, 0xffffffff7f800000, 0, 0x7f800000, 0x7f7fffff   // inf maxn
  FN2 86, fmax.s, 0xffffffffff7fffff, 0, 0xff800000, 0xff7fffff   // minf mmaxn
  FN2 87, fmax.s, 0xffffffff7f800000, 0, 0x7f800000, 0x7f800000   // inf inf
  FN2 88, fmax.s, 0xffffffff3f800000, 0, 0x7fc00000, 0x3f800000   // qnan one
  FN2 89, fmax.s, 0xffffffff3f800000, 0, 0x3f800000, 0x7fc00000   // one qnan
  FN2 90, fmax.s, 0xffffffff3f800000, 16, 0x7f800001, 0x3f800000   // snan one
  FN2 91, fmax.s, 0xffffffff3f800000, 16, 0x3f800000, 0x7f800001   // one snan
  FN2 92, fmax.s, 0xffffffff7fc00000, 0, 0x7fc00000, 0x7fc00000   // qnan qnan
  FN2 93, fmax.s, 0xffffffff7fc00000, 16, 0x7f800001, 0x7fc00000   // snan qnan
  FN2 94, fmax.s, 0xffffffff00000001, 0, 0x1, 0x0   // minsub pz
  FN2 95, fmax.s, 0xffffffff00000001, 0, 0x80000003, 0x1   // msub minsub
  FN2 96, fmax.s, 0xffffffff7fc00000, 0, 0xffc12345, 0xffc12345   // nqnan nqnan
  FN2 97, fmax.s, 0xffffffff7f7fffff, 0, 0xff7fffff, 0x7f7fffff   // mmaxn maxn
  FN2 98, fmax.s, 0xffffffff7fc00000, 16, 0x7f800001, 0x7f800001   // snan snan
  FN2 99, fmax.s, 0xffffffff3f800000, 0, 0xffc12345, 0x3f800000   // nqnan one
  // ---- fsgnj.s (pure bit operations, no flags, NaN payloads kept)
  FN2 100, fsgnj.s, 0xffffffffbf800000, 0, 0x3f800000, 0xbf800000   // one mone
  FN2 101, fsgnj.s, 0xffffffff3f800000, 0, 0xbf800000, 0x3f800000   // mone one
  FN2 102, fsgnj.s, 0xffffffffbf800000, 0, 0xbf800000, 0xbf800000   // mone mone
  FN2 103, fsgnj.s, 0xffffffff3f800000, 0, 0x3f800000, 0x3f800000   // one one
  FN2 104, fsgnj.s, 0xffffffff80000000, 0, 0x0, 0x80000000   // pz nz
  FN2 105, fsgnj.s, 0xffffffff7fc12345, 0, 0xffc12345, 0x3f800000   // nqnan one
  FN2 106, fsgnj.s, 0xffffffffff800001, 0, 0x7f800001, 0xbf800000   // snan mone
  FN2 107, fsgnj.s, 0xffffffffff800000, 0, 0x7f800000, 0xff800000   // inf minf
  // ---- fsgnjn.s (pure bit operations, no flags, NaN payloads kept)
  FN2 108, fsgnjn.s, 0xffffffff3f800000, 0, 0x3f800000, 0xbf800000   // one mone
  FN2 109, fsgnjn.s, 0xffffffffbf800000, 0, 0xbf800000, 0x3f800000   // mone one
  FN2 110, fsgnjn.s, 0xffffffff3f800000, 0, 0xbf800000, 0xbf800000   // mone mone
  FN2 111, fsgnjn.s, 0xffffffffbf800000, 0, 0x3f800000, 0x3f800000   // one one
  FN2 112, fsgnjn.s, 0xffffffff00000000, 0, 0x0, 0x80000000   // pz nz
  FN2 113, fsgnjn.s, 0xffffffffffc12345, 0, 0xffc12345, 0x3f800000   // nqnan one
  FN2 114, fsgnjn.s, 0xffffffff7f800001, 0, 0x7f800001, 0xbf800000   // snan mone
  FN2 115, fsgnjn.s, 0xffffffff7f800000, 0, 0x7f800000, 0xff800000   // inf minf
  // ---- fsgnjx.s (pure bit operations, no flags, NaN payloads kept)
  FN2 116, fsgnjx.s, 0xffffffffbf800000, 0, 0x3f800000, 0xbf800000   // one mone
  FN2 117, fsgnjx.s, 0xffffffffbf800000, 0, 0xbf800000, 0x3f800000   // mone one
  FN2 118, fsgnjx.s, 0xffffffff3f800000, 0, 0xbf800000, 0xbf800000   // mone mone
  FN2 119, fsgnjx.s, 0xffffffff3f800000, 0, 0x3f800000, 0x3f800000   // one one
  FN2 120, fsgnjx.s, 0xffffffff80000000, 0, 0x0, 0x80000000   // pz nz
  FN2 121, fsgnjx.s, 0xffffffffffc12345, 0, 0xffc12345, 0x3f800000   // nqnan one
  FN2 122, fsgnjx.s, 0xffffffffff800001, 0, 0x7f800001, 0xbf800000   // snan mone
  FN2 123, fsgnjx.s, 0xffffffffff800000, 0, 0x7f800000, 0xff800000   // inf minf
  // ---- fclass.s
  FCLASS 124, 1, 0xff800000   // minf
  FCLASS 125, 2, 0xff7fffff   // mmaxn
  FCLASS 126, 2, 0xbf800000   // mone
  FCLASS 127, 4, 0x80000003   // msub
  FCLASS 128, 8, 0x80000000   // nz
  FCLASS 129, 16, 0x0   // pz
  FCLASS 130, 32, 0x1   // minsub
  FCLASS 131, 32, 0x7fffff   // maxsub
  FCLASS 132, 64, 0x3f800000   // one
  FCLASS 133, 64, 0x7f7fffff   // maxn
  FCLASS 134, 128, 0x7f800000   // inf
  FCLASS 135, 256, 0x7f800001   // snan
  FCLASS 136, 512, 0x7fc00000   // qnan
  FCLASS 137, 512, 0xffc12345   // nqnan
  FCLASS 138, 64, 0x800000   // minn
  FCLASS 139, 2, 0x80800000   // mminn
  // ---- aliases: fmv/fneg/fabs are fsgnj forms with rs1 == rs2
  TEST 140
  li a1, 0xbf800000
  fmv.w.x fa1, a1
  fabs.s fa0, fa1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0xffffffff3f800000
  fneg.s fa0, fa0
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0xffffffffbf800000
  fmv.s fa2, fa0
  fmv.x.d a0, fa2
  ASSERT_EQ a0, 0xffffffffbf800000
  // 140 tests
  PASS
