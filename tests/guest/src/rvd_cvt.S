// RV64D: fcvt between .d and w/wu/l/lu: rounding modes, saturation on overflow/NaN/inf with NV, NX, 32-bit results sign-extended.
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
  // ---- fcvt.w.d
  FI1 1, fcvt.w.d, rne, 0x0, 0, 0x0   // pz
  FI1 2, fcvt.w.d, rtz, 0x0, 0, 0x8000000000000000   // nz
  FI1 3, fcvt.w.d, rdn, 0x1, 0, 0x3ff0000000000000   // one
  FI1D 4, fcvt.w.d, 3, 0xffffffffffffffff, 0, 0xbff0000000000000   // mone
  FI1 5, fcvt.w.d, rmm, 0x1, 1, 0x3fe0000000000000   // half
  FI1 6, fcvt.w.d, rne, 0x0, 1, 0x3fb999999999999a   // tenth
  FI1 7, fcvt.w.d, rtz, 0x3, 0, 0x4008000000000000   // three
  FI1D 8, fcvt.w.d, 2, 0x3, 1, 0x400921fb54442d18   // pi
  FI1 9, fcvt.w.d, rup, 0x7fffffff, 16, 0x7fefffffffffffff   // maxn
  FI1 10, fcvt.w.d, rmm, 0xffffffff80000000, 16, 0xffefffffffffffff   // mmaxn
  FI1 11, fcvt.w.d, rne, 0x7fffffff, 16, 0x7ff0000000000000   // inf
  FI1D 12, fcvt.w.d, 1, 0xffffffff80000000, 16, 0xfff0000000000000   // minf
  FI1 13, fcvt.w.d, rdn, 0x7fffffff, 16, 0x7ff8000000000000   // qnan
  FI1 14, fcvt.w.d, rup, 0x7fffffff, 16, 0x7ff0000000000001   // snan
  FI1 15, fcvt.w.d, rmm, 0x7fffffff, 16, 0xfff8000000012345   // nqnan
  FI1D 16, fcvt.w.d, 0, 0x0, 1, 0x1   // minsub
  FI1 17, fcvt.w.d, rtz, 0x7fffffff, 16, 0x4415af1d78b58c40   // e20
  FI1 18, fcvt.w.d, rdn, 0xffffffffffffffff, 1, 0xbfe0000000000000   // 
  FI1 19, fcvt.w.d, rup, 0x3, 1, 0x4004000000000000   // 
  FI1D 20, fcvt.w.d, 4, 0xfffffffffffffffd, 1, 0xc004000000000000   // 
  FI1 21, fcvt.w.d, rne, 0xfffffffffffffffe, 1, 0xbff8000000000000   // 
  FI1 22, fcvt.w.d, rtz, 0x7fffffff, 0, 0x41dfffffffc00000   // 
  FI1 23, fcvt.w.d, rdn, 0x7fffffff, 1, 0x41dfffffffe00000   // 
  FI1D 24, fcvt.w.d, 3, 0x7fffffff, 16, 0x41e0000000000000   // 
  FI1 25, fcvt.w.d, rmm, 0xffffffff80000000, 0, 0xc1e0000000000000   // 
  FI1 26, fcvt.w.d, rne, 0xffffffff80000000, 1, 0xc1e0000000100000   // 
  FI1 27, fcvt.w.d, rtz, 0xffffffff80000000, 16, 0xc1e0000000200000   // 
  FI1D 28, fcvt.w.d, 2, 0x7fffffff, 16, 0x41efffffffe00000   // 
  FI1 29, fcvt.w.d, rup, 0x7fffffff, 16, 0x41effffffff00000   // 
  FI1 30, fcvt.w.d, rmm, 0x7fffffff, 16, 0x41f0000000000000   // 
  FI1 31, fcvt.w.d, rne, 0x7fffffff, 16, 0x41e65a0bc0000000   // 
  FI1D 32, fcvt.w.d, 1, 0xffffffff80000000, 16, 0xc1e65a0bc0000000   // 
  FI1 33, fcvt.w.d, rdn, 0x7fffffff, 16, 0x43dfffffffffffff   // 
  FI1 34, fcvt.w.d, rup, 0x7fffffff, 16, 0x43e0000000000000   // 
  FI1 35, fcvt.w.d, rmm, 0xffffffff80000000, 16, 0xc3e0000000000000   // 
  FI1D 36, fcvt.w.d, 0, 0x7fffffff, 16, 0x43efffffffffffff   // 
  FI1 37, fcvt.w.d, rtz, 0x7fffffff, 16, 0x43f0000000000000   // 
  FI1 38, fcvt.w.d, rdn, 0xffffffffffffffff, 1, 0xbfeccccccccccccd   // 
  // ---- fcvt.wu.d
  FI1 39, fcvt.wu.d, rne, 0x0, 0, 0x0   // pz
  FI1 40, fcvt.wu.d, rtz, 0x0, 0, 0x8000000000000000   // nz
  FI1 41, fcvt.wu.d, rdn, 0x1, 0, 0x3ff0000000000000   // one
  FI1D 42, fcvt.wu.d, 3, 0x0, 16, 0xbff0000000000000   // mone
  FI1 43, fcvt.wu.d, rmm, 0x1, 1, 0x3fe0000000000000   // half
  FI1 44, fcvt.wu.d, rne, 0x0, 1, 0x3fb999999999999a   // tenth
  FI1 45, fcvt.wu.d, rtz, 0x3, 0, 0x4008000000000000   // three
  FI1D 46, fcvt.wu.d, 2, 0x3, 1, 0x400921fb54442d18   // pi
  FI1 47, fcvt.wu.d, rup, 0xffffffffffffffff, 16, 0x7fefffffffffffff   // maxn
  FI1 48, fcvt.wu.d, rmm, 0x0, 16, 0xffefffffffffffff   // mmaxn
  FI1 49, fcvt.wu.d, rne, 0xffffffffffffffff, 16, 0x7ff0000000000000   // inf
  FI1D 50, fcvt.wu.d, 1, 0x0, 16, 0xfff0000000000000   // minf
  FI1 51, fcvt.wu.d, rdn, 0xffffffffffffffff, 16, 0x7ff8000000000000   // qnan
  FI1 52, fcvt.wu.d, rup, 0xffffffffffffffff, 16, 0x7ff0000000000001   // snan
  FI1 53, fcvt.wu.d, rmm, 0xffffffffffffffff, 16, 0xfff8000000012345   // nqnan
  FI1D 54, fcvt.wu.d, 0, 0x0, 1, 0x1   // minsub
  FI1 55, fcvt.wu.d, rtz, 0xffffffffffffffff, 16, 0x4415af1d78b58c40   // e20
  FI1 56, fcvt.wu.d, rdn, 0x0, 16, 0xbfe0000000000000   // 
  FI1 57, fcvt.wu.d, rup, 0x3, 1, 0x4004000000000000   // 
  FI1D 58, fcvt.wu.d, 4, 0x0, 16, 0xc004000000000000   // 
  FI1 59, fcvt.wu.d, rne, 0x0, 16, 0xbff8000000000000   // 
  FI1 60, fcvt.wu.d, rtz, 0x7fffffff, 0, 0x41dfffffffc00000   // 
  FI1 61, fcvt.wu.d, rdn, 0x7fffffff, 1, 0x41dfffffffe00000   // 
  FI1D 62, fcvt.wu.d, 3, 0xffffffff80000000, 0, 0x41e0000000000000   // 
  FI1 63, fcvt.wu.d, rmm, 0x0, 16, 0xc1e0000000000000   // 
  FI1 64, fcvt.wu.d, rne, 0x0, 16, 0xc1e0000000100000   // 
  FI1 65, fcvt.wu.d, rtz, 0x0, 16, 0xc1e0000000200000   // 
  FI1D 66, fcvt.wu.d, 2, 0xffffffffffffffff, 0, 0x41efffffffe00000   // 
  FI1 67, fcvt.wu.d, rup, 0xffffffffffffffff, 16, 0x41effffffff00000   // 
  FI1 68, fcvt.wu.d, rmm, 0xffffffffffffffff, 16, 0x41f0000000000000   // 
  FI1 69, fcvt.wu.d, rne, 0xffffffffb2d05e00, 0, 0x41e65a0bc0000000   // 
  FI1D 70, fcvt.wu.d, 1, 0x0, 16, 0xc1e65a0bc0000000   // 
  FI1 71, fcvt.wu.d, rdn, 0xffffffffffffffff, 16, 0x43dfffffffffffff   // 
  FI1 72, fcvt.wu.d, rup, 0xffffffffffffffff, 16, 0x43e0000000000000   // 
  FI1 73, fcvt.wu.d, rmm, 0x0, 16, 0xc3e0000000000000   // 
  FI1D 74, fcvt.wu.d, 0, 0xffffffffffffffff, 16, 0x43efffffffffffff   // 
  FI1 75, fcvt.wu.d, rtz, 0xffffffffffffffff, 16, 0x43f0000000000000   // 
  FI1 76, fcvt.wu.d, rdn, 0x0, 16, 0xbfeccccccccccccd   // 
  // ---- fcvt.l.d
  FI1 77, fcvt.l.d, rne, 0x0, 0, 0x0   // pz
  FI1 78, fcvt.l.d, rtz, 0x0, 0, 0x8000000000000000   // nz
  FI1 79, fcvt.l.d, rdn, 0x1, 0, 0x3ff0000000000000   // one
  FI1D 80, fcvt.l.d, 3, 0xffffffffffffffff, 0, 0xbff0000000000000   // mone
  FI1 81, fcvt.l.d, rmm, 0x1, 1, 0x3fe0000000000000   // half
  FI1 82, fcvt.l.d, rne, 0x0, 1, 0x3fb999999999999a   // tenth
  FI1 83, fcvt.l.d, rtz, 0x3, 0, 0x4008000000000000   // three
  FI1D 84, fcvt.l.d, 2, 0x3, 1, 0x400921fb54442d18   // pi
  FI1 85, fcvt.l.d, rup, 0x7fffffffffffffff, 16, 0x7fefffffffffffff   // maxn
  FI1 86, fcvt.l.d, rmm, 0x8000000000000000, 16, 0xffefffffffffffff   // mmaxn
  FI1 87, fcvt.l.d, rne, 0x7fffffffffffffff, 16, 0x7ff0000000000000   // inf
  FI1D 88, fcvt.l.d, 1, 0x8000000000000000, 16, 0xfff0000000000000   // minf
  FI1 89, fcvt.l.d, rdn, 0x7fffffffffffffff, 16, 0x7ff8000000000000   // qnan
  FI1 90, fcvt.l.d, rup, 0x7fffffffffffffff, 16, 0x7ff0000000000001   // snan
  FI1 91, fcvt.l.d, rmm, 0x7fffffffffffffff, 16, 0xfff8000000012345   // nqnan
  FI1D 92, fcvt.l.d, 0, 0x0, 1, 0x1   // minsub
  FI1 93, fcvt.l.d, rtz, 0x7fffffffffffffff, 16, 0x4415af1d78b58c40   // e20
  FI1 94, fcvt.l.d, rdn, 0xffffffffffffffff, 1, 0xbfe0000000000000   // 
  FI1 95, fcvt.l.d, rup, 0x3, 1, 0x4004000000000000   // 
  FI1D 96, fcvt.l.d, 4, 0xfffffffffffffffd, 1, 0xc004000000000000   // 
  FI1 97, fcvt.l.d, rne, 0xfffffffffffffffe, 1, 0xbff8000000000000   // 
  FI1 98, fcvt.l.d, rtz, 0x7fffffff, 0, 0x41dfffffffc00000   // 
  FI1 99, fcvt.l.d, rdn, 0x7fffffff, 1, 0x41dfffffffe00000   // 
  FI1D 100, fcvt.l.d, 3, 0x80000000, 0, 0x41e0000000000000   // 
  FI1 101, fcvt.l.d, rmm, 0xffffffff80000000, 0, 0xc1e0000000000000   // 
  FI1 102, fcvt.l.d, rne, 0xffffffff80000000, 1, 0xc1e0000000100000   // 
  FI1 103, fcvt.l.d, rtz, 0xffffffff7fffffff, 0, 0xc1e0000000200000   // 
  FI1D 104, fcvt.l.d, 2, 0xffffffff, 0, 0x41efffffffe00000   // 
  FI1 105, fcvt.l.d, rup, 0x100000000, 1, 0x41effffffff00000   // 
  FI1 106, fcvt.l.d, rmm, 0x100000000, 0, 0x41f0000000000000   // 
  FI1 107, fcvt.l.d, rne, 0xb2d05e00, 0, 0x41e65a0bc0000000   // 
  FI1D 108, fcvt.l.d, 1, 0xffffffff4d2fa200, 0, 0xc1e65a0bc0000000   // 
  FI1 109, fcvt.l.d, rdn, 0x7ffffffffffffc00, 0, 0x43dfffffffffffff   // 
  FI1 110, fcvt.l.d, rup, 0x7fffffffffffffff, 16, 0x43e0000000000000   // 
  FI1 111, fcvt.l.d, rmm, 0x8000000000000000, 0, 0xc3e0000000000000   // 
  FI1D 112, fcvt.l.d, 0, 0x7fffffffffffffff, 16, 0x43efffffffffffff   // 
  FI1 113, fcvt.l.d, rtz, 0x7fffffffffffffff, 16, 0x43f0000000000000   // 
  FI1 114, fcvt.l.d, rdn, 0xffffffffffffffff, 1, 0xbfeccccccccccccd   // 
  // ---- fcvt.lu.d
  FI1 115, fcvt.lu.d, rne, 0x0, 0, 0x0   // pz
  FI1 116, fcvt.lu.d, rtz, 0x0, 0, 0x8000000000000000   // nz
  FI1 117, fcvt.lu.d, rdn, 0x1, 0, 0x3ff0000000000000   // one
  FI1D 118, fcvt.lu.d, 3, 0x0, 16, 0xbff0000000000000   // mone
  FI1 119, fcvt.lu.d, rmm, 0x1, 1, 0x3fe0000000000000   // half
  FI1 120, fcvt.lu.d, rne, 0x0, 1, 0x3fb999999999999a   // tenth
  FI1 121, fcvt.lu.d, rtz, 0x3, 0, 0x4008000000000000   // three
  FI1D 122, fcvt.lu.d, 2, 0x3, 1, 0x400921fb54442d18   // pi
  FI1 123, fcvt.lu.d, rup, 0xffffffffffffffff, 16, 0x7fefffffffffffff   // maxn
  FI1 124, fcvt.lu.d, rmm, 0x0, 16, 0xffefffffffffffff   // mmaxn
  FI1 125, fcvt.lu.d, rne, 0xffffffffffffffff, 16, 0x7ff0000000000000   // inf
  FI1D 126, fcvt.lu.d, 1, 0x0, 16, 0xfff0000000000000   // minf
  FI1 127, fcvt.lu.d, rdn, 0xffffffffffffffff, 16, 0x7ff8000000000000   // qnan
  FI1 128, fcvt.lu.d, rup, 0xffffffffffffffff, 16, 0x7ff0000000000001   // snan
  FI1 129, fcvt.lu.d, rmm, 0xffffffffffffffff, 16, 0xfff8000000012345   // nqnan
  FI1D 130, fcvt.lu.d, 0, 0x0, 1, 0x1   // minsub
  FI1 131, fcvt.lu.d, rtz, 0xffffffffffffffff, 16, 0x4415af1d78b58c40   // e20
  FI1 132, fcvt.lu.d, rdn, 0x0, 16, 0xbfe0000000000000   // 
  FI1 133, fcvt.lu.d, rup, 0x3, 1, 0x4004000000000000   // 
  FI1D 134, fcvt.lu.d, 4, 0x0, 16, 0xc004000000000000   // 
  FI1 135, fcvt.lu.d, rne, 0x0, 16, 0xbff8000000000000   // 
  FI1 136, fcvt.lu.d, rtz, 0x7fffffff, 0, 0x41dfffffffc00000   // 
  FI1 137, fcvt.lu.d, rdn, 0x7fffffff, 1, 0x41dfffffffe00000   // 
  FI1D 138, fcvt.lu.d, 3, 0x80000000, 0, 0x41e0000000000000   // 
  FI1 139, fcvt.lu.d, rmm, 0x0, 16, 0xc1e0000000000000   // 
  FI1 140, fcvt.lu.d, rne, 0x0, 16, 0xc1e0000000100000   // 
  FI1 141, fcvt.lu.d, rtz, 0x0, 16, 0xc1e0000000200000   // 
  FI1D 142, fcvt.lu.d, 2, 0xffffffff, 0, 0x41efffffffe00000   // 
  FI1 143, fcvt.lu.d, rup, 0x100000000, 1, 0x41effffffff00000   // 
  FI1 144, fcvt.lu.d, rmm, 0x100000000, 0, 0x41f0000000000000   // 
  FI1 145, fcvt.lu.d, rne, 0xb2d05e00, 0, 0x41e65a0bc0000000   // 
  FI1D 146, fcvt.lu.d, 1, 0x0, 16, 0xc1e65a0bc0000000   // 
  FI1 147, fcvt.lu.d, rdn, 0x7ffffffffffffc00, 0, 0x43dfffffffffffff   // 
  FI1 148, fcvt.lu.d, rup, 0x8000000000000000, 0, 0x43e0000000000000   // 
  FI1 149, fcvt.lu.d, rmm, 0x0, 16, 0xc3e0000000000000   // 
  FI1D 150, fcvt.lu.d, 0, 0xfffffffffffff800, 0, 0x43efffffffffffff   // 
  FI1 151, fcvt.lu.d, rtz, 0xffffffffffffffff, 16, 0x43f0000000000000   // 
  FI1 152, fcvt.lu.d, rdn, 0x0, 16, 0xbfeccccccccccccd   // 
  // ---- fcvt.d.w
  IF1X 153, fcvt.d.w, 0x0, 0, 0x0   // exact: no rm operand
  IF1XD 154, fcvt.d.w, 1, 0x3ff0000000000000, 0, 0x1   // exact under any frm
  IF1X 155, fcvt.d.w, 0xbff0000000000000, 0, 0xffffffffffffffff   // exact: no rm operand
  IF1XD 156, fcvt.d.w, 3, 0x4000000000000000, 0, 0x2   // exact under any frm
  IF1X 157, fcvt.d.w, 0xc000000000000000, 0, 0xfffffffffffffffe   // exact: no rm operand
  IF1XD 158, fcvt.d.w, 0, 0x41dfffffffc00000, 0, 0x7fffffff   // exact under any frm
  IF1X 159, fcvt.d.w, 0xc1e0000000000000, 0, 0xffffffff80000000   // exact: no rm operand
  IF1XD 160, fcvt.d.w, 2, 0xbff0000000000000, 0, 0xffffffff   // exact under any frm
  IF1X 161, fcvt.d.w, 0xc1dfffffffc00000, 0, 0x80000001   // exact: no rm operand
  IF1XD 162, fcvt.d.w, 4, 0x4170000010000000, 0, 0x1000001   // exact under any frm
  IF1X 163, fcvt.d.w, 0x4170000030000000, 0, 0x1000003   // exact: no rm operand
  IF1XD 164, fcvt.d.w, 1, 0xbff0000000000000, 0, 0x7fffffffffffffff   // exact under any frm
  IF1X 165, fcvt.d.w, 0x0, 0, 0x8000000000000000   // exact: no rm operand
  IF1XD 166, fcvt.d.w, 3, 0xbff0000000000000, 0, 0xffffffffffffffff   // exact under any frm
  IF1X 167, fcvt.d.w, 0x3ff0000000000000, 0, 0x20000000000001   // exact: no rm operand
  IF1XD 168, fcvt.d.w, 0, 0x4008000000000000, 0, 0x20000000000003   // exact under any frm
  IF1X 169, fcvt.d.w, 0xc1dd950c84400000, 0, 0x123456789abcdef   // exact: no rm operand
  IF1XD 170, fcvt.d.w, 2, 0x41dd950c84400000, 0, 0xfedcba9876543211   // exact under any frm
  IF1X 171, fcvt.d.w, 0x3ff0000000000000, 0, 0xffffffff00000001   // exact: no rm operand
  IF1XD 172, fcvt.d.w, 4, 0x0, 0, 0x100000000   // exact under any frm
  // ---- fcvt.d.wu
  IF1X 173, fcvt.d.wu, 0x0, 0, 0x0   // exact: no rm operand
  IF1XD 174, fcvt.d.wu, 1, 0x3ff0000000000000, 0, 0x1   // exact under any frm
  IF1X 175, fcvt.d.wu, 0x41efffffffe00000, 0, 0xffffffffffffffff   // exact: no rm operand
  IF1XD 176, fcvt.d.wu, 3, 0x4000000000000000, 0, 0x2   // exact under any frm
  IF1X 177, fcvt.d.wu, 0x41efffffffc00000, 0, 0xfffffffffffffffe   // exact: no rm operand
  IF1XD 178, fcvt.d.wu, 0, 0x41dfffffffc00000, 0, 0x7fffffff   // exact under any frm
  IF1X 179, fcvt.d.wu, 0x41e0000000000000, 0, 0xffffffff80000000   // exact: no rm operand
  IF1XD 180, fcvt.d.wu, 2, 0x41efffffffe00000, 0, 0xffffffff   // exact under any frm
  IF1X 181, fcvt.d.wu, 0x41e0000000200000, 0, 0x80000001   // exact: no rm operand
  IF1XD 182, fcvt.d.wu, 4, 0x4170000010000000, 0, 0x1000001   // exact under any frm
  IF1X 183, fcvt.d.wu, 0x4170000030000000, 0, 0x1000003   // exact: no rm operand
  IF1XD 184, fcvt.d.wu, 1, 0x41efffffffe00000, 0, 0x7fffffffffffffff   // exact under any frm
  IF1X 185, fcvt.d.wu, 0x0, 0, 0x8000000000000000   // exact: no rm operand
  IF1XD 186, fcvt.d.wu, 3, 0x41efffffffe00000, 0, 0xffffffffffffffff   // exact under any frm
  IF1X 187, fcvt.d.wu, 0x3ff0000000000000, 0, 0x20000000000001   // exact: no rm operand
  IF1XD 188, fcvt.d.wu, 0, 0x4008000000000000, 0, 0x20000000000003   // exact under any frm
  IF1X 189, fcvt.d.wu, 0x41e13579bde00000, 0, 0x123456789abcdef   // exact: no rm operand
  IF1XD 190, fcvt.d.wu, 2, 0x41dd950c84400000, 0, 0xfedcba9876543211   // exact under any frm
  IF1X 191, fcvt.d.wu, 0x3ff0000000000000, 0, 0xffffffff00000001   // exact: no rm operand
  IF1XD 192, fcvt.d.wu, 4, 0x0, 0, 0x100000000   // exact under any frm
  // ---- fcvt.d.l
  IF1 193, fcvt.d.l, rne, 0x0, 0, 0x0
  IF1 194, fcvt.d.l, rtz, 0x3ff0000000000000, 0, 0x1
  IF1D 195, fcvt.d.l, 2, 0xbff0000000000000, 0, 0xffffffffffffffff
  IF1 196, fcvt.d.l, rup, 0x4000000000000000, 0, 0x2
  IF1 197, fcvt.d.l, rmm, 0xc000000000000000, 0, 0xfffffffffffffffe
  IF1 198, fcvt.d.l, rne, 0x41dfffffffc00000, 0, 0x7fffffff
  IF1D 199, fcvt.d.l, 1, 0xc1e0000000000000, 0, 0xffffffff80000000
  IF1 200, fcvt.d.l, rdn, 0x41efffffffe00000, 0, 0xffffffff
  IF1 201, fcvt.d.l, rup, 0x41e0000000200000, 0, 0x80000001
  IF1 202, fcvt.d.l, rmm, 0x4170000010000000, 0, 0x1000001
  IF1D 203, fcvt.d.l, 0, 0x4170000030000000, 0, 0x1000003
  IF1 204, fcvt.d.l, rtz, 0x43dfffffffffffff, 1, 0x7fffffffffffffff
  IF1 205, fcvt.d.l, rdn, 0xc3e0000000000000, 0, 0x8000000000000000
  IF1 206, fcvt.d.l, rup, 0xbff0000000000000, 0, 0xffffffffffffffff
  IF1D 207, fcvt.d.l, 4, 0x4340000000000001, 1, 0x20000000000001
  IF1 208, fcvt.d.l, rne, 0x4340000000000002, 1, 0x20000000000003
  IF1 209, fcvt.d.l, rtz, 0x43723456789abcde, 1, 0x123456789abcdef
  IF1 210, fcvt.d.l, rdn, 0xc3723456789abcdf, 1, 0xfedcba9876543211
  IF1D 211, fcvt.d.l, 3, 0xc1efffffffe00000, 0, 0xffffffff00000001
  IF1 212, fcvt.d.l, rmm, 0x41f0000000000000, 0, 0x100000000
  // ---- fcvt.d.lu
  IF1 213, fcvt.d.lu, rne, 0x0, 0, 0x0
  IF1 214, fcvt.d.lu, rtz, 0x3ff0000000000000, 0, 0x1
  IF1D 215, fcvt.d.lu, 2, 0x43efffffffffffff, 1, 0xffffffffffffffff
  IF1 216, fcvt.d.lu, rup, 0x4000000000000000, 0, 0x2
  IF1 217, fcvt.d.lu, rmm, 0x43f0000000000000, 1, 0xfffffffffffffffe
  IF1 218, fcvt.d.lu, rne, 0x41dfffffffc00000, 0, 0x7fffffff
  IF1D 219, fcvt.d.lu, 1, 0x43effffffff00000, 0, 0xffffffff80000000
  IF1 220, fcvt.d.lu, rdn, 0x41efffffffe00000, 0, 0xffffffff
  IF1 221, fcvt.d.lu, rup, 0x41e0000000200000, 0, 0x80000001
  IF1 222, fcvt.d.lu, rmm, 0x4170000010000000, 0, 0x1000001
  IF1D 223, fcvt.d.lu, 0, 0x4170000030000000, 0, 0x1000003
  IF1 224, fcvt.d.lu, rtz, 0x43dfffffffffffff, 1, 0x7fffffffffffffff
  IF1 225, fcvt.d.lu, rdn, 0x43e0000000000000, 0, 0x8000000000000000
  IF1 226, fcvt.d.lu, rup, 0x43f0000000000000, 1, 0xffffffffffffffff
  IF1D 227, fcvt.d.lu, 4, 0x4340000000000001, 1, 0x20000000000001
  IF1 228, fcvt.d.lu, rne, 0x4340000000000002, 1, 0x20000000000003
  IF1 229, fcvt.d.lu, rtz, 0x43723456789abcde, 1, 0x123456789abcdef
  IF1 230, fcvt.d.lu, rdn, 0x43efdb97530eca86, 1, 0xfedcba9876543211
  IF1D 231, fcvt.d.lu, 3, 0x43efffffffe00001, 1, 0xffffffff00000001
  IF1 232, fcvt.d.lu, rmm, 0x41f0000000000000, 0, 0x100000000
  // 232 tests
  PASS
