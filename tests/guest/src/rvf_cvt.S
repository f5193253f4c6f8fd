// RV64F: fcvt between .s and w/wu/l/lu: rounding modes, saturation on overflow/NaN/inf with NV, NX, 32-bit results sign-extended.
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
  // ---- fcvt.w.s
  FI1 1, fcvt.w.s, rne, 0x0, 0, 0x0   // pz
  FI1 2, fcvt.w.s, rtz, 0x0, 0, 0x80000000   // nz
  FI1 3, fcvt.w.s, rdn, 0x1, 0, 0x3f800000   // one
  FI1D 4, fcvt.w.s, 3, 0xffffffffffffffff, 0, 0xbf800000   // mone
  FI1 5, fcvt.w.s, rmm, 0x1, 1, 0x3f000000   // half
  FI1 6, fcvt.w.s, rne, 0x0, 1, 0x3dcccccd   // tenth
  FI1 7, fcvt.w.s, rtz, 0x3, 0, 0x40400000   // three
  FI1D 8, fcvt.w.s, 2, 0x3, 1, 0x40490fdb   // pi
  FI1 9, fcvt.w.s, rup, 0x7fffffff, 16, 0x7f7fffff   // maxn
  FI1 10, fcvt.w.s, rmm, 0xffffffff80000000, 16, 0xff7fffff   // mmaxn
  FI1 11, fcvt.w.s, rne, 0x7fffffff, 16, 0x7f800000   // inf
  FI1D 12, fcvt.w.s, 1, 0xffffffff80000000, 16, 0xff800000   // minf
  FI1 13, fcvt.w.s, rdn, 0x7fffffff, 16, 0x7fc00000   // qnan
  FI1 14, fcvt.w.s, rup, 0x7fffffff, 16, 0x7f800001   // snan
  FI1 15, fcvt.w.s, rmm, 0x7fffffff, 16, 0xffc12345   // nqnan
  FI1D 16, fcvt.w.s, 0, 0x0, 1, 0x1   // minsub
  FI1 17, fcvt.w.s, rtz, 0x7fffffff, 16, 0x60ad78ec   // e20
  FI1 18, fcvt.w.s, rdn, 0xffffffffffffffff, 1, 0xbf000000   // 
  FI1 19, fcvt.w.s, rup, 0x3, 1, 0x40200000   // 
  FI1D 20, fcvt.w.s, 4, 0xfffffffffffffffd, 1, 0xc0200000   // 
  FI1 21, fcvt.w.s, rne, 0xfffffffffffffffe, 1, 0xbfc00000   // 
  FI1 22, fcvt.w.s, rtz, 0x7fffff80, 0, 0x4effffff   // 
  FI1 23, fcvt.w.s, rdn, 0x7fffffff, 16, 0x4f000000   // 
  FI1D 24, fcvt.w.s, 3, 0xffffffff80000000, 0, 0xcf000000   // 
  FI1 25, fcvt.w.s, rmm, 0xffffffff80000000, 16, 0xcf000001   // 
  FI1 26, fcvt.w.s, rne, 0x7fffffff, 16, 0x4f7fffff   // 
  FI1 27, fcvt.w.s, rtz, 0x7fffffff, 16, 0x4f800000   // 
  FI1D 28, fcvt.w.s, 2, 0x7fffffff, 16, 0x4f32d05e   // 
  FI1 29, fcvt.w.s, rup, 0xffffffff80000000, 16, 0xcf32d05e   // 
  FI1 30, fcvt.w.s, rmm, 0x7fffffff, 16, 0x5effffff   // 
  FI1 31, fcvt.w.s, rne, 0x7fffffff, 16, 0x5f000000   // 
  FI1D 32, fcvt.w.s, 1, 0xffffffff80000000, 16, 0xdf000000   // 
  FI1 33, fcvt.w.s, rdn, 0x7fffffff, 16, 0x5f7fffff   // 
  FI1 34, fcvt.w.s, rup, 0x7fffffff, 16, 0x5f83d6c8   // 
  FI1 35, fcvt.w.s, rmm, 0xffffffffffffffff, 1, 0xbf666666   // 
  // ---- fcvt.wu.s
  FI1 36, fcvt.wu.s, rne, 0x0, 0, 0x0   // pz
  FI1 37, fcvt.wu.s, rtz, 0x0, 0, 0x80000000   // nz
  FI1 38, fcvt.wu.s, rdn, 0x1, 0, 0x3f800000   // one
  FI1D 39, fcvt.wu.s, 3, 0x0, 16, 0xbf800000   // mone
  FI1 40, fcvt.wu.s, rmm, 0x1, 1, 0x3f000000   // half
  FI1 41, fcvt.wu.s, rne, 0x0, 1, 0x3dcccccd   // tenth
  FI1 42, fcvt.wu.s, rtz, 0x3, 0, 0x40400000   // three
  FI1D 43, fcvt.wu.s, 2, 0x3, 1, 0x40490fdb   // pi
  FI1 44, fcvt.wu.s, rup, 0xffffffffffffffff, 16, 0x7f7fffff   // maxn
  FI1 45, fcvt.wu.s, rmm, 0x0, 16, 0xff7fffff   // mmaxn
  FI1 46, fcvt.wu.s, rne, 0xffffffffffffffff, 16, 0x7f800000   // inf
  FI1D 47, fcvt.wu.s, 1, 0x0, 16, 0xff800000   // minf
  FI1 48, fcvt.wu.s, rdn, 0xffffffffffffffff, 16, 0x7fc00000   // qnan
  FI1 49, fcvt.wu.s, rup, 0xffffffffffffffff, 16, 0x7f800001   // snan
  FI1 50, fcvt.wu.s, rmm, 0xffffffffffffffff, 16, 0xffc12345   // nqnan
  FI1D 51, fcvt.wu.s, 0, 0x0, 1, 0x1   // minsub
  FI1 52, fcvt.wu.s, rtz, 0xffffffffffffffff, 16, 0x60ad78ec   // e20
  FI1 53, fcvt.wu.s, rdn, 0x0, 16, 0xbf000000   // 
  FI1 54, fcvt.wu.s, rup, 0x3, 1, 0x40200000   // 
  FI1D 55, fcvt.wu.s, 4, 0x0, 16, 0xc0200000   // 
  FI1 56, fcvt.wu.s, rne, 0x0, 16, 0xbfc00000   // 
  FI1 57, fcvt.wu.s, rtz, 0x7fffff80, 0, 0x4effffff   // 
  FI1 58, fcvt.wu.s, rdn, 0xffffffff80000000, 0, 0x4f000000   // 
  FI1D 59, fcvt.wu.s, 3, 0x0, 16, 0xcf000000   // 
  FI1 60, fcvt.wu.s, rmm, 0x0, 16, 0xcf000001   // 
  FI1 61, fcvt.wu.s, rne, 0xffffffffffffff00, 0, 0x4f7fffff   // 
  FI1 62, fcvt.wu.s, rtz, 0xffffffffffffffff, 16, 0x4f800000   // 
  FI1D 63, fcvt.wu.s, 2, 0xffffffffb2d05e00, 0, 0x4f32d05e   // 
  FI1 64, fcvt.wu.s, rup, 0x0, 16, 0xcf32d05e   // 
  FI1 65, fcvt.wu.s, rmm, 0xffffffffffffffff, 16, 0x5effffff   // 
  FI1 66, fcvt.wu.s, rne, 0xffffffffffffffff, 16, 0x5f000000   // 
  FI1D 67, fcvt.wu.s, 1, 0x0, 16, 0xdf000000   // 
  FI1 68, fcvt.wu.s, rdn, 0xffffffffffffffff, 16, 0x5f7fffff   // 
  FI1 69, fcvt.wu.s, rup, 0xffffffffffffffff, 16, 0x5f83d6c8   // 
  FI1 70, fcvt.wu.s, rmm, 0x0, 16, 0xbf666666   // 
  // ---- fcvt.l.s
  FI1 71, fcvt.l.s, rne, 0x0, 0, 0x0   // pz
  FI1 72, fcvt.l.s, rtz, 0x0, 0, 0x80000000   // nz
  FI1 73, fcvt.l.s, rdn, 0x1, 0, 0x3f800000   // one
  FI1D 74, fcvt.l.s, 3, 0xffffffffffffffff, 0, 0xbf800000   // mone
  FI1 75, fcvt.l.s, rmm, 0x1, 1, 0x3f000000   // half
  FI1 76, fcvt.l.s, rne, 0x0, 1, 0x3dcccccd   // tenth
  FI1 77, fcvt.l.s, rtz, 0x3, 0, 0x40400000   // three
  FI1D 78, fcvt.l.s, 2, 0x3, 1, 0x40490fdb   // pi
  FI1 79, fcvt.l.s, rup, 0x7fffffffffffffff, 16, 0x7f7fffff   // maxn
  FI1 80, fcvt.l.s, rmm, 0x8000000000000000, 16, 0xff7fffff   // mmaxn
  FI1 81, fcvt.l.s, rne, 0x7fffffffffffffff, 16, 0x7f800000   // inf
  FI1D 82, fcvt.l.s, 1, 0x8000000000000000, 16, 0xff800000   // minf
  FI1 83, fcvt.l.s, rdn, 0x7fffffffffffffff, 16, 0x7fc00000   // qnan
  FI1 84, fcvt.l.s, rup, 0x7fffffffffffffff, 16, 0x7f800001   // snan
  FI1 85, fcvt.l.s, rmm, 0x7fffffffffffffff, 16, 0xffc12345   // nqnan
  FI1D 86, fcvt.l.s, 0, 0x0, 1, 0x1   // minsub
  FI1 87, fcvt.l.s, rtz, 0x7fffffffffffffff, 16, 0x60ad78ec   // e20
  FI1 88, fcvt.l.s, rdn, 0xffffffffffffffff, 1, 0xbf000000   // 
  FI1 89, fcvt.l.s, rup, 0x3, 1, 0x40200000   // 
  FI1D 90, fcvt.l.s, 4, 0xfffffffffffffffd, 1, 0xc0200000   // 
  FI1 91, fcvt.l.s, rne, 0xfffffffffffffffe, 1, 0xbfc00000   // 
  FI1 92, fcvt.l.s, rtz, 0x7fffff80, 0, 0x4effffff   // 
  FI1 93, fcvt.l.s, rdn, 0x80000000, 0, 0x4f000000   // 
  FI1D 94, fcvt.l.s, 3, 0xffffffff80000000, 0, 0xcf000000   // 
  FI1 95, fcvt.l.s, rmm, 0xffffffff7fffff00, 0, 0xcf000001   // 
  FI1 96, fcvt.l.s, rne, 0xffffff00, 0, 0x4f7fffff   // 
  FI1 97, fcvt.l.s, rtz, 0x100000000, 0, 0x4f800000   // 
  FI1D 98, fcvt.l.s, 2, 0xb2d05e00, 0, 0x4f32d05e   // 
  FI1 99, fcvt.l.s, rup, 0xffffffff4d2fa200, 0, 0xcf32d05e   // 
  FI1 100, fcvt.l.s, rmm, 0x7fffff8000000000, 0, 0x5effffff   // 
  FI1 101, fcvt.l.s, rne, 0x7fffffffffffffff, 16, 0x5f000000   // 
  FI1D 102, fcvt.l.s, 1, 0x8000000000000000, 0, 0xdf000000   // 
  FI1 103, fcvt.l.s, rdn, 0x7fffffffffffffff, 16, 0x5f7fffff   // 
  FI1 104, fcvt.l.s, rup, 0x7fffffffffffffff, 16, 0x5f83d6c8   // 
  FI1 105, fcvt.l.s, rmm, 0xffffffffffffffff, 1, 0xbf666666   // 
  // ---- fcvt.lu.s
  FI1 106, fcvt.lu.s, rne, 0x0, 0, 0x0   // pz
  FI1 107, fcvt.lu.s, rtz, 0x0, 0, 0x80000000   // nz
  FI1 108, fcvt.lu.s, rdn, 0x1, 0, 0x3f800000   // one
  FI1D 109, fcvt.lu.s, 3, 0x0, 16, 0xbf800000   // mone
  FI1 110, fcvt.lu.s, rmm, 0x1, 1, 0x3f000000   // half
  FI1 111, fcvt.lu.s, rne, 0x0, 1, 0x3dcccccd   // tenth
  FI1 112, fcvt.lu.s, rtz, 0x3, 0, 0x40400000   // three
  FI1D 113, fcvt.lu.s, 2, 0x3, 1, 0x40490fdb   // pi
  FI1 114, fcvt.lu.s, rup, 0xffffffffffffffff, 16, 0x7f7fffff   // maxn
  FI1 115, fcvt.lu.s, rmm, 0x0, 16, 0xff7fffff   // mmaxn
  FI1 116, fcvt.lu.s, rne, 0xffffffffffffffff, 16, 0x7f800000   // inf
  FI1D 117, fcvt.lu.s, 1, 0x0, 16, 0xff800000   // minf
  FI1 118, fcvt.lu.s, rdn, 0xffffffffffffffff, 16, 0x7fc00000   // qnan
  FI1 119, fcvt.lu.s, rup, 0xffffffffffffffff, 16, 0x7f800001   // snan
  FI1 120, fcvt.lu.s, rmm, 0xffffffffffffffff, 16, 0xffc12345   // nqnan
  FI1D 121, fcvt.lu.s, 0, 0x0, 1, 0x1   // minsub
  FI1 122, fcvt.lu.s, rtz, 0xffffffffffffffff, 16, 0x60ad78ec   // e20
  FI1 123, fcvt.lu.s, rdn, 0x0, 16, 0xbf000000   // 
  FI1 124, fcvt.lu.s, rup, 0x3, 1, 0x40200000   // 
  FI1D 125, fcvt.lu.s, 4, 0x0, 16, 0xc0200000   // 
  FI1 126, fcvt.lu.s, rne, 0x0, 16, 0xbfc00000   // 
  FI1 127, fcvt.lu.s, rtz, 0x7fffff80, 0, 0x4effffff   // 
  FI1 128, fcvt.lu.s, rdn, 0x80000000, 0, 0x4f000000   // 
  FI1D 129, fcvt.lu.s, 3, 0x0, 16, 0xcf000000   // 
  FI1 130, fcvt.lu.s, rmm, 0x0, 16, 0xcf000001   // 
  FI1 131, fcvt.lu.s, rne, 0xffffff00, 0, 0x4f7fffff   // 
  FI1 132, fcvt.lu.s, rtz, 0x100000000, 0, 0x4f800000   // 
  FI1D 133, fcvt.lu.s, 2, 0xb2d05e00, 0, 0x4f32d05e   // 
  FI1 134, fcvt.lu.s, rup, 0x0, 16, 0xcf32d05e   // 
  FI1 135, fcvt.lu.s, rmm, 0x7fffff8000000000, 0, 0x5effffff   // 
  FI1 136, fcvt.lu.s, rne, 0x8000000000000000, 0, 0x5f000000   // 
  FI1D 137, fcvt.lu.s, 1, 0x0, 16, 0xdf000000   // 
  FI1 138, fcvt.lu.s, rdn, 0xffffff0000000000, 0, 0x5f7fffff   // 
  FI1 139, fcvt.lu.s, rup, 0xffffffffffffffff, 16, 0x5f83d6c8   // 
  FI1 140, fcvt.lu.s, rmm, 0x0, 16, 0xbf666666   // 
  // ---- fcvt.s.w
  IF1 141, fcvt.s.w, rne, 0xffffffff00000000, 0, 0x0
  IF1 142, fcvt.s.w, rtz, 0xffffffff3f800000, 0, 0x1
  IF1D 143, fcvt.s.w, 2, 0xffffffffbf800000, 0, 0xffffffffffffffff
  IF1 144, fcvt.s.w, rup, 0xffffffff40000000, 0, 0x2
  IF1 145, fcvt.s.w, rmm, 0xffffffffc0000000, 0, 0xfffffffffffffffe
  IF1 146, fcvt.s.w, rne, 0xffffffff4f000000, 1, 0x7fffffff
  IF1D 147, fcvt.s.w, 1, 0xffffffffcf000000, 0, 0xffffffff80000000
  IF1 148, fcvt.s.w, rdn, 0xffffffffbf800000, 0, 0xffffffff
  IF1 149, fcvt.s.w, rup, 0xffffffffceffffff, 1, 0x80000001
  IF1 150, fcvt.s.w, rmm, 0xffffffff4b800001, 1, 0x1000001
  IF1D 151, fcvt.s.w, 0, 0xffffffff4b800002, 1, 0x1000003
  IF1 152, fcvt.s.w, rtz, 0xffffffffbf800000, 0, 0x7fffffffffffffff
  IF1 153, fcvt.s.w, rdn, 0xffffffff00000000, 0, 0x8000000000000000
  IF1 154, fcvt.s.w, rup, 0xffffffffbf800000, 0, 0xffffffffffffffff
  IF1D 155, fcvt.s.w, 4, 0xffffffff3f800000, 0, 0x20000000000001
  IF1 156, fcvt.s.w, rne, 0xffffffff40400000, 0, 0x20000000000003
  IF1 157, fcvt.s.w, rtz, 0xffffffffceeca864, 1, 0x123456789abcdef
  IF1 158, fcvt.s.w, rdn, 0xffffffff4eeca864, 1, 0xfedcba9876543211
  IF1D 159, fcvt.s.w, 3, 0xffffffff3f800000, 0, 0xffffffff00000001
  IF1 160, fcvt.s.w, rmm, 0xffffffff00000000, 0, 0x100000000
  // ---- fcvt.s.wu
  IF1 161, fcvt.s.wu, rne, 0xffffffff00000000, 0, 0x0
  IF1 162, fcvt.s.wu, rtz, 0xffffffff3f800000, 0, 0x1
  IF1D 163, fcvt.s.wu, 2, 0xffffffff4f7fffff, 1, 0xffffffffffffffff
  IF1 164, fcvt.s.wu, rup, 0xffffffff40000000, 0, 0x2
  IF1 165, fcvt.s.wu, rmm, 0xffffffff4f800000, 1, 0xfffffffffffffffe
  IF1 166, fcvt.s.wu, rne, 0xffffffff4f000000, 1, 0x7fffffff
  IF1D 167, fcvt.s.wu, 1, 0xffffffff4f000000, 0, 0xffffffff80000000
  IF1 168, fcvt.s.wu, rdn, 0xffffffff4f7fffff, 1, 0xffffffff
  IF1 169, fcvt.s.wu, rup, 0xffffffff4f000001, 1, 0x80000001
  IF1 170, fcvt.s.wu, rmm, 0xffffffff4b800001, 1, 0x1000001
  IF1D 171, fcvt.s.wu, 0, 0xffffffff4b800002, 1, 0x1000003
  IF1 172, fcvt.s.wu, rtz, 0xffffffff4f7fffff, 1, 0x7fffffffffffffff
  IF1 173, fcvt.s.wu, rdn, 0xffffffff00000000, 0, 0x8000000000000000
  IF1 174, fcvt.s.wu, rup, 0xffffffff4f800000, 1, 0xffffffffffffffff
  IF1D 175, fcvt.s.wu, 4, 0xffffffff3f800000, 0, 0x20000000000001
  IF1 176, fcvt.s.wu, rne, 0xffffffff40400000, 0, 0x20000000000003
  IF1 177, fcvt.s.wu, rtz, 0xffffffff4f09abcd, 1, 0x123456789abcdef
  IF1 178, fcvt.s.wu, rdn, 0xffffffff4eeca864, 1, 0xfedcba9876543211
  IF1D 179, fcvt.s.wu, 3, 0xffffffff3f800000, 0, 0xffffffff00000001
  IF1 180, fcvt.s.wu, rmm, 0xffffffff00000000, 0, 0x100000000
  // ---- fcvt.s.l
  IF1 181, fcvt.s.l, rne, 0xffffffff00000000, 0, 0x0
  IF1 182, fcvt.s.l, rtz, 0xffffffff3f800000, 0, 0x1
  IF1D 183, fcvt.s.l, 2, 0xffffffffbf800000, 0, 0xffffffffffffffff
  IF1 184, fcvt.s.l, rup, 0xffffffff40000000, 0, 0x2
  IF1 185, fcvt.s.l, rmm, 0xffffffffc0000000, 0, 0xfffffffffffffffe
  IF1 186, fcvt.s.l, rne, 0xffffffff4f000000, 1, 0x7fffffff
  IF1D 187, fcvt.s.l, 1, 0xffffffffcf000000, 0, 0xffffffff80000000
  IF1 188, fcvt.s.l, rdn, 0xffffffff4f7fffff, 1, 0xffffffff
  IF1 189, fcvt.s.l, rup, 0xffffffff4f000001, 1, 0x80000001
  IF1 190, fcvt.s.l, rmm, 0xffffffff4b800001, 1, 0x1000001
  IF1D 191, fcvt.s.l, 0, 0xffffffff4b800002, 1, 0x1000003
  IF1 192, fcvt.s.l, rtz, 0xffffffff5effffff, 1, 0x7fffffffffffffff
  IF1 193, fcvt.s.l, rdn, 0xffffffffdf000000, 0, 0x8000000000000000
  IF1 194, fcvt.s.l, rup, 0xffffffffbf800000, 0, 0xffffffffffffffff
  IF1D 195, fcvt.s.l, 4, 0xffffffff5a000000, 1, 0x20000000000001
  IF1 196, fcvt.s.l, rne, 0xffffffff5a000000, 1, 0x20000000000003
  IF1 197, fcvt.s.l, rtz, 0xffffffff5b91a2b3, 1, 0x123456789abcdef
  IF1 198, fcvt.s.l, rdn, 0xffffffffdb91a2b4, 1, 0xfedcba9876543211
  IF1D 199, fcvt.s.l, 3, 0xffffffffcf7fffff, 1, 0xffffffff00000001
  IF1 200, fcvt.s.l, rmm, 0xffffffff4f800000, 0, 0x100000000
  // ---- fcvt.s.lu
  IF1 201, fcvt.s.lu, rne, 0xffffffff00000000, 0, 0x0
  IF1 202, fcvt.s.lu, rtz, 0xffffffff3f800000, 0, 0x1
  IF1D 203, fcvt.s.lu, 2, 0xffffffff5f7fffff, 1, 0xffffffffffffffff
  IF1 204, fcvt.s.lu, rup, 0xffffffff40000000, 0, 0x2
  IF1 205, fcvt.s.lu, rmm, 0xffffffff5f800000, 1, 0xfffffffffffffffe
  IF1 206, fcvt.s.lu, rne, 0xffffffff4f000000, 1, 0x7fffffff
  IF1D 207, fcvt.s.lu, 1, 0xffffffff5f7fffff, 1, 0xffffffff80000000
  IF1 208, fcvt.s.lu, rdn, 0xffffffff4f7fffff, 1, 0xffffffff
  IF1 209, fcvt.s.lu, rup, 0xffffffff4f000001, 1, 0x80000001
  IF1 210, fcvt.s.lu, rmm, 0xffffffff4b800001, 1, 0x1000001
  IF1D 211, fcvt.s.lu, 0, 0xffffffff4b800002, 1, 0x1000003
  IF1 212, fcvt.s.lu, rtz, 0xffffffff5effffff, 1, 0x7fffffffffffffff
  IF1 213, fcvt.s.lu, rdn, 0xffffffff5f000000, 0, 0x8000000000000000
  IF1 214, fcvt.s.lu, rup, 0xffffffff5f800000, 1, 0xffffffffffffffff
  IF1D 215, fcvt.s.lu, 4, 0xffffffff5a000000, 1, 0x20000000000001
  IF1 216, fcvt.s.lu, rne, 0xffffffff5a000000, 1, 0x20000000000003
  IF1 217, fcvt.s.lu, rtz, 0xffffffff5b91a2b3, 1, 0x123456789abcdef
  IF1 218, fcvt.s.lu, rdn, 0xffffffff5f7edcba, 1, 0xfedcba9876543211
  IF1D 219, fcvt.s.lu, 3, 0xffffffff5f800000, 1, 0xffffffff00000001
  IF1 220, fcvt.s.lu, rmm, 0xffffffff4f800000, 0, 0x100000000
  // 220 tests
  PASS
