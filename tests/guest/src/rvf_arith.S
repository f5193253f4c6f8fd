// RV64F: fadd/fsub/fmul/fdiv/fsqrt.s: special values (zeros, subnormals, infinities, NaNs), every static rounding mode and the dynamic mode via frm, exception flags (NV DZ OF UF NX), canonical NaN results.
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
  // ---- fadd.s
  F2 1, fadd.s, rne, 0xffffffff40400000, 0, 0x3f800000, 0x40000000   // one add two
  F2 2, fadd.s, rtz, 0xffffffff40800000, 0, 0x3f800000, 0x40400000   // one add three
  F2 3, fadd.s, rdn, 0xffffffff40466666, 1, 0x3dcccccd, 0x40400000   // tenth add three
  F2 4, fadd.s, rup, 0xffffffff60ad78ed, 1, 0x40490fdb, 0x60ad78ec   // pi add e20
  F2 5, fadd.s, rmm, 0xffffffff7f800000, 5, 0x7f7fffff, 0x7f7fffff   // maxn add maxn
  F2 6, fadd.s, rne, 0xffffffffff800000, 5, 0xff7fffff, 0xff7fffff   // mmaxn add mmaxn
  F2 7, fadd.s, rtz, 0xffffffff00000000, 0, 0x7f7fffff, 0xff7fffff   // maxn add mmaxn
  F2 8, fadd.s, rdn, 0xffffffff80000000, 0, 0x800000, 0x80800000   // minn add mminn
  F2 9, fadd.s, rup, 0xffffffff00000002, 0, 0x1, 0x1   // minsub add minsub
  F2 10, fadd.s, rmm, 0xffffffff00ffffff, 0, 0x7fffff, 0x800000   // maxsub add minn
  F2 11, fadd.s, rne, 0xffffffff80000002, 0, 0x80000003, 0x1   // msub add minsub
  F2 12, fadd.s, rtz, 0xffffffff00000000, 0, 0x0, 0x80000000   // pz add nz
  F2 13, fadd.s, rdn, 0xffffffff80000000, 0, 0x80000000, 0x80000000   // nz add nz
  F2 14, fadd.s, rup, 0xffffffff00000000, 0, 0x3f800000, 0xbf800000   // one add mone
  F2 15, fadd.s, rmm, 0xffffffff7f800000, 0, 0x7f800000, 0x3f800000   // inf add one
  F2 16, fadd.s, rne, 0xffffffff7fc00000, 16, 0x7f800000, 0xff800000   // inf add minf
  F2 17, fadd.s, rtz, 0xffffffff7f800000, 0, 0x7f800000, 0x7f800000   // inf add inf
  F2 18, fadd.s, rdn, 0xffffffff7fc00000, 0, 0x7fc00000, 0x3f800000   // qnan add one
  F2 19, fadd.s, rup, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000   // snan add one
  F2 20, fadd.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0xffc12345   // one add nqnan
  F2 21, fadd.s, rne, 0xffffffff00000000, 0, 0x0, 0x0   // pz add pz
  F2 22, fadd.s, rtz, 0xffffffff7f800000, 0, 0x0, 0x7f800000   // pz add inf
  F2 23, fadd.s, rdn, 0xffffffff7f61b1e6, 0, 0x7ee1b1e6, 0x7ee1b1e6   // big add big
  F2 24, fadd.s, rup, 0xffffffff3f000001, 1, 0x800000, 0x3f000000   // minn add half
  F2 25, fadd.s, rmm, 0xffffffff3f000000, 1, 0x1, 0x3f000000   // minsub add half
  F2 26, fadd.s, rne, 0xffffffff40400000, 0, 0x40400000, 0x0   // three add pz
  F2 27, fadd.s, rtz, 0xffffffffbf800000, 0, 0xbf800000, 0x80000000   // mone add nz
  F2 28, fadd.s, rdn, 0xffffffff7ee1b1e6, 1, 0x40000000, 0x7ee1b1e6   // two add big
  F2 29, fadd.s, rne, 0xffffffff3d45553e, 1, 0x3d4556c6, 0xb5c3f051
  F2D 30, fadd.s, 1, 0xffffffffb44907d3, 1, 0x3270ee2c, 0xb45816b6
  F2 31, fadd.s, rdn, 0xffffffff4a766eaf, 1, 0xc70dc347, 0x4a78a5bd
  F2D 32, fadd.s, 3, 0xffffffff37e31787, 1, 0xb24f765a, 0x37e33175
  F2 33, fadd.s, rmm, 0xffffffff4c0e0adc, 1, 0xc0a8ee26, 0x4c0e0add
  F2D 34, fadd.s, 0, 0xffffffffc3426b61, 1, 0xc3426b61, 0x3312bc25
  F2 35, fadd.s, rtz, 0xffffffffc00c8afc, 1, 0xc00dfe53, 0x3cb9ab15
  F2D 36, fadd.s, 2, 0xffffffffc5587697, 1, 0xc5587697, 0x33a0cdb5
  F2 37, fadd.s, rup, 0xffffffff3b5bf423, 1, 0x3b5bf51d, 0xb37a8e0a
  F2D 38, fadd.s, 4, 0xffffffff00000000, 0, 0xb7fdf1c4, 0x37fdf1c4
  F2 39, fadd.s, rdn, 0xffffffff80000000, 0, 0x40490fdb, 0xc0490fdb
  // ---- fsub.s
  F2 40, fsub.s, rne, 0xffffffffbf800000, 0, 0x3f800000, 0x40000000   // one sub two
  F2 41, fsub.s, rtz, 0xffffffffc0000000, 0, 0x3f800000, 0x40400000   // one sub three
  F2 42, fsub.s, rdn, 0xffffffffc039999a, 1, 0x3dcccccd, 0x40400000   // tenth sub three
  F2 43, fsub.s, rup, 0xffffffffe0ad78eb, 1, 0x40490fdb, 0x60ad78ec   // pi sub e20
  F2 44, fsub.s, rmm, 0xffffffff00000000, 0, 0x7f7fffff, 0x7f7fffff   // maxn sub maxn
  F2 45, fsub.s, rne, 0xffffffff00000000, 0, 0xff7fffff, 0xff7fffff   // mmaxn sub mmaxn
  F2 46, fsub.s, rtz, 0xffffffff7f7fffff, 5, 0x7f7fffff, 0xff7fffff   // maxn sub mmaxn
  F2 47, fsub.s, rdn, 0xffffffff01000000, 0, 0x800000, 0x80800000   // minn sub mminn
  F2 48, fsub.s, rup, 0xffffffff00000000, 0, 0x1, 0x1   // minsub sub minsub
  F2 49, fsub.s, rmm, 0xffffffff80000001, 0, 0x7fffff, 0x800000   // maxsub sub minn
  F2 50, fsub.s, rne, 0xffffffff80000004, 0, 0x80000003, 0x1   // msub sub minsub
  F2 51, fsub.s, rtz, 0xffffffff00000000, 0, 0x0, 0x80000000   // pz sub nz
  F2 52, fsub.s, rdn, 0xffffffff80000000, 0, 0x80000000, 0x80000000   // nz sub nz
  F2 53, fsub.s, rup, 0xffffffff40000000, 0, 0x3f800000, 0xbf800000   // one sub mone
  F2 54, fsub.s, rmm, 0xffffffff7f800000, 0, 0x7f800000, 0x3f800000   // inf sub one
  F2 55, fsub.s, rne, 0xffffffff7f800000, 0, 0x7f800000, 0xff800000   // inf sub minf
  F2 56, fsub.s, rtz, 0xffffffff7fc00000, 16, 0x7f800000, 0x7f800000   // inf sub inf
  F2 57, fsub.s, rdn, 0xffffffff7fc00000, 0, 0x7fc00000, 0x3f800000   // qnan sub one
  F2 58, fsub.s, rup, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000   // snan sub one
  F2 59, fsub.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0xffc12345   // one sub nqnan
  F2 60, fsub.s, rne, 0xffffffff00000000, 0, 0x0, 0x0   // pz sub pz
  F2 61, fsub.s, rtz, 0xffffffffff800000, 0, 0x0, 0x7f800000   // pz sub inf
  F2 62, fsub.s, rdn, 0xffffffff80000000, 0, 0x7ee1b1e6, 0x7ee1b1e6   // big sub big
  F2 63, fsub.s, rup, 0xffffffffbeffffff, 1, 0x800000, 0x3f000000   // minn sub half
  F2 64, fsub.s, rmm, 0xffffffffbf000000, 1, 0x1, 0x3f000000   // minsub sub half
  F2 65, fsub.s, rne, 0xffffffff40400000, 0, 0x40400000, 0x0   // three sub pz
  F2 66, fsub.s, rtz, 0xffffffffbf800000, 0, 0xbf800000, 0x80000000   // mone sub nz
  F2 67, fsub.s, rdn, 0xfffffffffee1b1e6, 1, 0x40000000, 0x7ee1b1e6   // two sub big
  F2 68, fsub.s, rne, 0xffffffff4950a1ad, 1, 0x4950a1af, 0x3dd64f5e
  F2D 69, fsub.s, 1, 0xffffffff4b247a3f, 1, 0x4b247a40, 0x3e1be947
  F2 70, fsub.s, rdn, 0xffffffff33074624, 0, 0x333b6e10, 0x32509fb0
  F2D 71, fsub.s, 3, 0xffffffff4c0ef475, 1, 0x3355bfd3, 0xcc0ef474
  F2 72, fsub.s, rmm, 0xffffffff486715eb, 1, 0x486715eb, 0xb5b6ae22
  F2D 73, fsub.s, 0, 0xffffffffcca83036, 1, 0xccb04bf3, 0xca81bbd8
  F2 74, fsub.s, rtz, 0xffffffffc8501799, 1, 0xc8501799, 0x35181783
  F2D 75, fsub.s, 2, 0xffffffffcd078042, 1, 0x3ebcabcd, 0x4d078042
  F2 76, fsub.s, rup, 0xffffffff45eb6232, 1, 0x45eb6232, 0x36571f1c
  F2D 77, fsub.s, 4, 0xffffffff00000000, 0, 0xb864d738, 0xb864d738
  F2 78, fsub.s, rdn, 0xffffffff80000000, 0, 0x40490fdb, 0x40490fdb
  // ---- fmul.s
  F2 79, fmul.s, rne, 0xffffffff40000000, 0, 0x3f800000, 0x40000000   // one mul two
  F2 80, fmul.s, rtz, 0xffffffff40400000, 0, 0x3f800000, 0x40400000   // one mul three
  F2 81, fmul.s, rdn, 0xffffffff3e999999, 1, 0x3dcccccd, 0x40400000   // tenth mul three
  F2 82, fmul.s, rup, 0xffffffff61883eb0, 1, 0x40490fdb, 0x60ad78ec   // pi mul e20
  F2 83, fmul.s, rmm, 0xffffffff7f800000, 5, 0x7f7fffff, 0x7f7fffff   // maxn mul maxn
  F2 84, fmul.s, rne, 0xffffffff7f800000, 5, 0xff7fffff, 0xff7fffff   // mmaxn mul mmaxn
  F2 85, fmul.s, rtz, 0xffffffffff7fffff, 5, 0x7f7fffff, 0xff7fffff   // maxn mul mmaxn
  F2 86, fmul.s, rdn, 0xffffffff80000001, 3, 0x800000, 0x80800000   // minn mul mminn
  F2 87, fmul.s, rup, 0xffffffff00000001, 3, 0x1, 0x1   // minsub mul minsub
  F2 88, fmul.s, rmm, 0xffffffff00000000, 3, 0x7fffff, 0x800000   // maxsub mul minn
  F2 89, fmul.s, rne, 0xffffffff80000000, 3, 0x80000003, 0x1   // msub mul minsub
  F2 90, fmul.s, rtz, 0xffffffff80000000, 0, 0x0, 0x80000000   // pz mul nz
  F2 91, fmul.s, rdn, 0xffffffff00000000, 0, 0x80000000, 0x80000000   // nz mul nz
  F2 92, fmul.s, rup, 0xffffffffbf800000, 0, 0x3f800000, 0xbf800000   // one mul mone
  F2 93, fmul.s, rmm, 0xffffffff7f800000, 0, 0x7f800000, 0x3f800000   // inf mul one
  F2 94, fmul.s, rne, 0xffffffffff800000, 0, 0x7f800000, 0xff800000   // inf mul minf
  F2 95, fmul.s, rtz, 0xffffffff7f800000, 0, 0x7f800000, 0x7f800000   // inf mul inf
  F2 96, fmul.s, rdn, 0xffffffff7fc00000, 0, 0x7fc00000, 0x3f800000   // qnan mul one
  F2 97, fmul.s, rup, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000   // snan mul one
  F2 98, fmul.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0xffc12345   // one mul nqnan
  F2 99, fmul.s, rne, 0xffffffff00000000, 0, 0x0, 0x0   // pz mul pz
  F2 100, fmul.s, rtz, 0xffffffff7fc00000, 16, 0x0, 0x7f800000   // pz mul inf
  F2 101, fmul.s, rdn, 0xffffffff7f7fffff, 5, 0x7ee1b1e6, 0x7ee1b1e6   // big mul big
  F2 102, fmul.s, rup, 0xffffffff00400000, 0, 0x800000, 0x3f000000   // minn mul half
  F2 103, fmul.s, rmm, 0xffffffff00000001, 3, 0x1, 0x3f000000   // minsub mul half
  F2 104, fmul.s, rne, 0xffffffff00000000, 0, 0x40400000, 0x0   // three mul pz
  F2 105, fmul.s, rtz, 0xffffffff00000000, 0, 0xbf800000, 0x80000000   // mone mul nz
  F2 106, fmul.s, rdn, 0xffffffff7f61b1e6, 0, 0x40000000, 0x7ee1b1e6   // two mul big
  F2 107, fmul.s, rne, 0xffffffffbe02599e, 1, 0x3f6aae2a, 0xbe0e311a
  F2D 108, fmul.s, 1, 0xffffffff286b8573, 1, 0x33024e40, 0x34e75a9a
  F2 109, fmul.s, rdn, 0xffffffff3a5e4332, 1, 0xbcf28221, 0xbceaa0b9
  F2D 110, fmul.s, 3, 0xffffffffcc86f343, 1, 0x3f9369bb, 0xcc6a5b62
  F2 111, fmul.s, rmm, 0xffffffff30d14033, 1, 0x3afb52e4, 0x355524e8
  F2D 112, fmul.s, 0, 0xffffffffb30d6d9f, 1, 0xbd0f00ec, 0x357d2e06
  F2 113, fmul.s, rtz, 0xffffffff262cc41f, 1, 0xb2775c22, 0xb332ccfb
  F2D 114, fmul.s, 2, 0xffffffffbf493898, 1, 0x3b871815, 0xc33ea78f
  F2 115, fmul.s, rup, 0xffffffffb8740b56, 1, 0x39d8ab36, 0xbe102c25
  F2D 116, fmul.s, 4, 0xffffffffcb4d423b, 1, 0xc56e613b, 0x455c6e43
  F2 117, fmul.s, rdn, 0xffffffffc11de9e7, 1, 0x40490fdb, 0xc0490fdb
  // ---- fdiv.s
  F2 118, fdiv.s, rne, 0xffffffff3f000000, 0, 0x3f800000, 0x40000000   // one div two
  F2 119, fdiv.s, rtz, 0xffffffff3eaaaaaa, 1, 0x3f800000, 0x40400000   // one div three
  F2 120, fdiv.s, rdn, 0xffffffff3d088888, 1, 0x3dcccccd, 0x40400000   // tenth div three
  F2 121, fdiv.s, rup, 0xffffffff1f145b87, 1, 0x40490fdb, 0x60ad78ec   // pi div e20
  F2 122, fdiv.s, rmm, 0xffffffff3f800000, 0, 0x7f7fffff, 0x7f7fffff   // maxn div maxn
  F2 123, fdiv.s, rne, 0xffffffff3f800000, 0, 0xff7fffff, 0xff7fffff   // mmaxn div mmaxn
  F2 124, fdiv.s, rtz, 0xffffffffbf800000, 0, 0x7f7fffff, 0xff7fffff   // maxn div mmaxn
  F2 125, fdiv.s, rdn, 0xffffffffbf800000, 0, 0x800000, 0x80800000   // minn div mminn
  F2 126, fdiv.s, rup, 0xffffffff3f800000, 0, 0x1, 0x1   // minsub div minsub
  F2 127, fdiv.s, rmm, 0xffffffff3f7ffffe, 0, 0x7fffff, 0x800000   // maxsub div minn
  F2 128, fdiv.s, rne, 0xffffffffc0400000, 0, 0x80000003, 0x1   // msub div minsub
  F2 129, fdiv.s, rtz, 0xffffffff7fc00000, 16, 0x0, 0x80000000   // pz div nz
  F2 130, fdiv.s, rdn, 0xffffffff7fc00000, 16, 0x80000000, 0x80000000   // nz div nz
  F2 131, fdiv.s, rup, 0xffffffffbf800000, 0, 0x3f800000, 0xbf800000   // one div mone
  F2 132, fdiv.s, rmm, 0xffffffff7f800000, 0, 0x7f800000, 0x3f800000   // inf div one
  F2 133, fdiv.s, rne, 0xffffffff7fc00000, 16, 0x7f800000, 0xff800000   // inf div minf
  F2 134, fdiv.s, rtz, 0xffffffff7fc00000, 16, 0x7f800000, 0x7f800000   // inf div inf
  F2 135, fdiv.s, rdn, 0xffffffff7fc00000, 0, 0x7fc00000, 0x3f800000   // qnan div one
  F2 136, fdiv.s, rup, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000   // snan div one
  F2 137, fdiv.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0xffc12345   // one div nqnan
  F2 138, fdiv.s, rne, 0xffffffff7fc00000, 16, 0x0, 0x0   // pz div pz
  F2 139, fdiv.s, rtz, 0xffffffff00000000, 0, 0x0, 0x7f800000   // pz div inf
  F2 140, fdiv.s, rdn, 0xffffffff3f800000, 0, 0x7ee1b1e6, 0x7ee1b1e6   // big div big
  F2 141, fdiv.s, rup, 0xffffffff01000000, 0, 0x800000, 0x3f000000   // minn div half
  F2 142, fdiv.s, rmm, 0xffffffff00000002, 0, 0x1, 0x3f000000   // minsub div half
  F2 143, fdiv.s, rne, 0xffffffff7f800000, 8, 0x40400000, 0x0   // three div pz
  F2 144, fdiv.s, rtz, 0xffffffff7f800000, 8, 0xbf800000, 0x80000000   // mone div nz
  F2 145, fdiv.s, rdn, 0xffffffff00912fe8, 1, 0x40000000, 0x7ee1b1e6   // two div big
  F2 146, fdiv.s, rne, 0xffffffff4db21904, 1, 0xc7b9f5c0, 0xb985a691
  F2D 147, fdiv.s, 1, 0xffffffff3acacdeb, 1, 0x47d9c046, 0x4c896f01
  F2 148, fdiv.s, rdn, 0xffffffff41b304e5, 1, 0x396e22af, 0x372a44c5
  F2D 149, fdiv.s, 3, 0xffffffffd56e2d7a, 1, 0x48f3cb64, 0xb30304c1
  F2 150, fdiv.s, rmm, 0xffffffffc9cf76ce, 1, 0x42401e8d, 0xb7ed10bd
  F2D 151, fdiv.s, 0, 0xffffffff411f27bb, 1, 0x340708ea, 0x325933da
  F2 152, fdiv.s, rtz, 0xffffffff4094bd05, 1, 0x3f828967, 0x3e60ac21
  F2D 153, fdiv.s, 2, 0xffffffffc0cf2122, 1, 0xbef09f38, 0x3d94b28a
  F2 154, fdiv.s, rup, 0xffffffff40e77b3e, 1, 0xc70fbada, 0xc59ef42d
  F2D 155, fdiv.s, 4, 0xffffffff37a66221, 1, 0x37bf3771, 0x3f931abb
  F2 156, fdiv.s, rdn, 0xffffffffbf800000, 0, 0x40490fdb, 0xc0490fdb
  // ---- fsqrt.s
  F1 157, fsqrt.s, rne, 0xffffffff00000000, 0, 0x0   // sqrt pz
  F1 158, fsqrt.s, rtz, 0xffffffff80000000, 0, 0x80000000   // sqrt nz
  F1 159, fsqrt.s, rdn, 0xffffffff3f800000, 0, 0x3f800000   // sqrt one
  F1 160, fsqrt.s, rup, 0xffffffff3fb504f4, 1, 0x40000000   // sqrt two
  F1 161, fsqrt.s, rmm, 0xffffffff3fddb3d7, 1, 0x40400000   // sqrt three
  F1 162, fsqrt.s, rne, 0xffffffff3ea1e89b, 1, 0x3dcccccd   // sqrt tenth
  F1 163, fsqrt.s, rtz, 0xffffffff5f7fffff, 1, 0x7f7fffff   // sqrt maxn
  F1 164, fsqrt.s, rdn, 0xffffffff1a3504f3, 1, 0x1   // sqrt minsub
  F1 165, fsqrt.s, rup, 0xffffffff1fffffff, 1, 0x7fffff   // sqrt maxsub
  F1 166, fsqrt.s, rmm, 0xffffffff7f800000, 0, 0x7f800000   // sqrt inf
  F1 167, fsqrt.s, rne, 0xffffffff7fc00000, 16, 0xff800000   // sqrt minf
  F1 168, fsqrt.s, rtz, 0xffffffff7fc00000, 16, 0xbf800000   // sqrt mone
  F1 169, fsqrt.s, rdn, 0xffffffff7fc00000, 0, 0x7fc00000   // sqrt qnan
  F1 170, fsqrt.s, rup, 0xffffffff7fc00000, 16, 0x7f800001   // sqrt snan
  F1 171, fsqrt.s, rmm, 0xffffffff7fc00000, 0, 0xffc12345   // sqrt nqnan
  F1 172, fsqrt.s, rne, 0xffffffff3fe2dfc5, 1, 0x40490fdb   // sqrt pi
  F1 173, fsqrt.s, rtz, 0xffffffff501502f9, 1, 0x60ad78ec   // sqrt e20
  F1 174, fsqrt.s, rdn, 0xffffffff7fc00000, 16, 0x80000003   // sqrt msub
  F1 175, fsqrt.s, rne, 0xffffffff3fb6abd4, 1, 0x400258c5
  F1 176, fsqrt.s, rtz, 0xffffffff4006e1b9, 1, 0x408e222b
  F1 177, fsqrt.s, rdn, 0xffffffff4265b7a9, 1, 0x454e2219
  F1 178, fsqrt.s, rup, 0xffffffff3bb0f66f, 1, 0x37f4a78b
  F1 179, fsqrt.s, rmm, 0xffffffff402d7b15, 1, 0x40eb1f2c
  F1 180, fsqrt.s, rne, 0xffffffff44162437, 1, 0x48b01ceb
  F1 181, fsqrt.s, rtz, 0xffffffff40e363cd, 1, 0x4249fa25
  F1 182, fsqrt.s, rdn, 0xffffffff3c2fa219, 1, 0x38f0fe0a
  F1 183, fsqrt.s, rup, 0xffffffff3bfbfabd, 1, 0x387805a4
  F1 184, fsqrt.s, rmm, 0xffffffff3bd63a37, 1, 0x38334562
  fsrmi 2
  F2 185, fdiv.s, rne, 0xffffffff3eaaaaab, 1, 0x3f800000, 0x40400000   // static rm wins over frm
  fsrmi 0
  fsrmi 3
  F2 186, fdiv.s, rtz, 0xffffffff3eaaaaaa, 1, 0x3f800000, 0x40400000   // static rm wins over frm
  fsrmi 0
  fsrmi 4
  F2 187, fdiv.s, rdn, 0xffffffff3eaaaaaa, 1, 0x3f800000, 0x40400000   // static rm wins over frm
  fsrmi 0
  fsrmi 0
  F2 188, fdiv.s, rup, 0xffffffff3eaaaaab, 1, 0x3f800000, 0x40400000   // static rm wins over frm
  fsrmi 0
  fsrmi 1
  F2 189, fdiv.s, rmm, 0xffffffff3eaaaaab, 1, 0x3f800000, 0x40400000   // static rm wins over frm
  fsrmi 0
  // 189 tests
  PASS
