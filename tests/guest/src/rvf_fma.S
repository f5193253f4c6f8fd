// RV64F: fmadd/fmsub/fnmadd/fnmsub.s: single rounding, signs of zero results, inf*0 invalid, NaN handling, rounding modes and flags.
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
  // ---- fmadd.s
  F3 1, fmadd.s, rne, 0xffffffff40a00000, 0, 0x3f800000, 0x40000000, 0x40400000   // one two three
  F3 2, fmadd.s, rtz, 0xffffffff3fa66666, 1, 0x3dcccccd, 0x40400000, 0x3f800000   // tenth three one
  F3 3, fmadd.s, rdn, 0xffffffff410de9e6, 1, 0x40490fdb, 0x40490fdb, 0xbf800000   // pi pi mone
  F3 4, fmadd.s, rup, 0xffffffff7f7fffff, 0, 0x7f7fffff, 0x40000000, 0xff7fffff   // maxn two mmaxn
  F3 5, fmadd.s, rmm, 0xffffffff7fc00000, 16, 0x7f800000, 0x0, 0x3f800000   // inf pz one
  F3 6, fmadd.s, rne, 0xffffffff7fc00000, 16, 0x0, 0x7f800000, 0x7fc00000   // pz inf qnan
  F3 7, fmadd.s, rtz, 0xffffffff7fc00000, 16, 0x7f800000, 0x3f800000, 0xff800000   // inf one minf
  F3 8, fmadd.s, rdn, 0xffffffff80000000, 0, 0x3f800000, 0x3f800000, 0xbf800000   // one one mone
  F3 9, fmadd.s, rup, 0xffffffff00000000, 0, 0x80000000, 0x3f800000, 0x0   // nz one pz
  F3 10, fmadd.s, rmm, 0xffffffff80000000, 0, 0x80000000, 0x3f800000, 0x80000000   // nz one nz
  F3 11, fmadd.s, rne, 0xffffffff80000000, 0, 0x0, 0xbf800000, 0x80000000   // pz mone nz
  F3 12, fmadd.s, rtz, 0xffffffff00400001, 0, 0x800000, 0x3f000000, 0x1   // minn half minsub
  F3 13, fmadd.s, rdn, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000, 0x3f800000   // snan one one
  F3 14, fmadd.s, rup, 0xffffffff7fc00000, 0, 0x3f800000, 0x7fc00000, 0x3f800000   // one qnan one
  F3 15, fmadd.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0x3f800000, 0xffc12345   // one one nqnan
  F3 16, fmadd.s, rne, 0xffffffffff800000, 0, 0x7f7fffff, 0x7f7fffff, 0xff800000   // maxn maxn minf
  F3 17, fmadd.s, rtz, 0xffffffff00000000, 3, 0x1, 0x3f000000, 0x0   // minsub half pz
  F3 18, fmadd.s, rdn, 0xffffffff7f7fffff, 5, 0x60ad78ec, 0x60ad78ec, 0xbf800000   // e20 e20 mone
  F3 19, fmadd.s, rup, 0xffffffffbf333333, 1, 0x40400000, 0x3dcccccd, 0xbf800000   // three tenth mone
  F3 20, fmadd.s, rne, 0xffffffff538fd849, 1, 0x49e6e310, 0x491f7d94, 0x3f627259
  F3D 21, fmadd.s, 1, 0xffffffff470bc915, 1, 0x3fa8ce0a, 0x46d3fdaa, 0x32b356f1
  F3 22, fmadd.s, rdn, 0xffffffffb1ccc9bb, 1, 0x3d505c1c, 0xb4d8f4e9, 0x327ac53d
  F3 23, fmadd.s, rup, 0xffffffff3df2f05d, 1, 0x449dfe86, 0x38c4d185, 0x32320e4e
  F3D 24, fmadd.s, 4, 0xffffffff4a1ccf61, 1, 0x3bc3423a, 0x4297beb6, 0x4a1ccf5f
  F3 25, fmadd.s, rne, 0xffffffff40503378, 1, 0x3b632a42, 0x4448fa86, 0x3eeee135
  F3 26, fmadd.s, rtz, 0xffffffffd1afdb1d, 1, 0xc8b2a425, 0x487c0233, 0xb71779bd
  F3D 27, fmadd.s, 2, 0xffffffffcc38bdcf, 1, 0x3c6fc12b, 0x4244edec, 0xcc38bdcf
  F3 28, fmadd.s, rup, 0xffffffffcd190384, 1, 0x43e47d18, 0xc8ba3d55, 0x4b5361ce
  F3 29, fmadd.s, rmm, 0xffffffffcacab456, 1, 0x4178c0e7, 0xc8d08f8e, 0xc4c1c18c
  F3D 30, fmadd.s, 0, 0xffffffff3c2da99e, 1, 0xbc70f920, 0xb4cb151c, 0x3c2da998
  F3 31, fmadd.s, rtz, 0xffffffffc91cd99c, 1, 0xb6e9e42f, 0x3b6dd8a4, 0xc91cd99c
  F3 32, fmadd.s, rne, 0xffffffff28800000, 0, 0x3f800001, 0x3f800001, 0xbf800002   // fused: tiny exact residue
  // ---- fmsub.s
  F3 33, fmsub.s, rne, 0xffffffffbf800000, 0, 0x3f800000, 0x40000000, 0x40400000   // one two three
  F3 34, fmsub.s, rtz, 0xffffffffbf333333, 1, 0x3dcccccd, 0x40400000, 0x3f800000   // tenth three one
  F3 35, fmsub.s, rdn, 0xffffffff412de9e6, 1, 0x40490fdb, 0x40490fdb, 0xbf800000   // pi pi mone
  F3 36, fmsub.s, rup, 0xffffffff7f800000, 5, 0x7f7fffff, 0x40000000, 0xff7fffff   // maxn two mmaxn
  F3 37, fmsub.s, rmm, 0xffffffff7fc00000, 16, 0x7f800000, 0x0, 0x3f800000   // inf pz one
  F3 38, fmsub.s, rne, 0xffffffff7fc00000, 16, 0x0, 0x7f800000, 0x7fc00000   // pz inf qnan
  F3 39, fmsub.s, rtz, 0xffffffff7f800000, 0, 0x7f800000, 0x3f800000, 0xff800000   // inf one minf
  F3 40, fmsub.s, rdn, 0xffffffff40000000, 0, 0x3f800000, 0x3f800000, 0xbf800000   // one one mone
  F3 41, fmsub.s, rup, 0xffffffff80000000, 0, 0x80000000, 0x3f800000, 0x0   // nz one pz
  F3 42, fmsub.s, rmm, 0xffffffff00000000, 0, 0x80000000, 0x3f800000, 0x80000000   // nz one nz
  F3 43, fmsub.s, rne, 0xffffffff00000000, 0, 0x0, 0xbf800000, 0x80000000   // pz mone nz
  F3 44, fmsub.s, rtz, 0xffffffff003fffff, 0, 0x800000, 0x3f000000, 0x1   // minn half minsub
  F3 45, fmsub.s, rdn, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000, 0x3f800000   // snan one one
  F3 46, fmsub.s, rup, 0xffffffff7fc00000, 0, 0x3f800000, 0x7fc00000, 0x3f800000   // one qnan one
  F3 47, fmsub.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0x3f800000, 0xffc12345   // one one nqnan
  F3 48, fmsub.s, rne, 0xffffffff7f800000, 0, 0x7f7fffff, 0x7f7fffff, 0xff800000   // maxn maxn minf
  F3 49, fmsub.s, rtz, 0xffffffff00000000, 3, 0x1, 0x3f000000, 0x0   // minsub half pz
  F3 50, fmsub.s, rdn, 0xffffffff7f7fffff, 5, 0x60ad78ec, 0x60ad78ec, 0xbf800000   // e20 e20 mone
  F3 51, fmsub.s, rup, 0xffffffff3fa66667, 1, 0x40400000, 0x3dcccccd, 0xbf800000   // three tenth mone
  F3 52, fmsub.s, rne, 0xffffffffc4e2e4b6, 1, 0xc5888c83, 0x3ed4b038, 0x344eee4e
  F3D 53, fmsub.s, 1, 0xffffffffba38c7cb, 1, 0xc3cf04df, 0x344c677d, 0x3a241e59
  F3 54, fmsub.s, rdn, 0xffffffff45d17e67, 1, 0xb8579bfa, 0xccf8c1b8, 0x3ef6a221
  F3 55, fmsub.s, rup, 0xffffffffcc4589e0, 1, 0xc545f887, 0x467f70ea, 0xbe28eafb
  F3D 56, fmsub.s, 4, 0xffffffffc59eab9d, 1, 0xcb5595bb, 0x39bdce95, 0x411f6dcb
  F3 57, fmsub.s, rne, 0xffffffff4a97e4ef, 1, 0x3f44ce59, 0x4ac361fc, 0xc75836b9
  F3 58, fmsub.s, rtz, 0xffffffff4887d7aa, 1, 0x3aad3191, 0x3a685b02, 0xc887d7aa
  F3D 59, fmsub.s, 2, 0xffffffff4d53b6e7, 1, 0xcb1a240a, 0xc1c79561, 0x4be50819
  F3 60, fmsub.s, rup, 0xffffffffcbb59fd7, 1, 0x4af2b3f1, 0xb9fea8ef, 0x4bb5984c
  F3 61, fmsub.s, rmm, 0xffffffffd2f536f0, 1, 0xc8725e3a, 0x4a0180d9, 0x3a406f30
  F3D 62, fmsub.s, 0, 0xffffffffcd338960, 1, 0xc28159a3, 0x4a31a9a3, 0xba0abfb7
  F3 63, fmsub.s, rtz, 0xffffffff4ce7f89c, 1, 0xc7ec8460, 0xc47b1476, 0x4327419e
  F3 64, fmsub.s, rne, 0xffffffff40000002, 1, 0x3f800001, 0x3f800001, 0xbf800002   // fused: tiny exact residue
  // ---- fnmsub.s
  F3 65, fnmsub.s, rne, 0xffffffff3f800000, 0, 0x3f800000, 0x40000000, 0x40400000   // one two three
  F3 66, fnmsub.s, rtz, 0xffffffff3f333333, 1, 0x3dcccccd, 0x40400000, 0x3f800000   // tenth three one
  F3 67, fnmsub.s, rdn, 0xffffffffc12de9e7, 1, 0x40490fdb, 0x40490fdb, 0xbf800000   // pi pi mone
  F3 68, fnmsub.s, rup, 0xffffffffff7fffff, 5, 0x7f7fffff, 0x40000000, 0xff7fffff   // maxn two mmaxn
  F3 69, fnmsub.s, rmm, 0xffffffff7fc00000, 16, 0x7f800000, 0x0, 0x3f800000   // inf pz one
  F3 70, fnmsub.s, rne, 0xffffffff7fc00000, 16, 0x0, 0x7f800000, 0x7fc00000   // pz inf qnan
  F3 71, fnmsub.s, rtz, 0xffffffffff800000, 0, 0x7f800000, 0x3f800000, 0xff800000   // inf one minf
  F3 72, fnmsub.s, rdn, 0xffffffffc0000000, 0, 0x3f800000, 0x3f800000, 0xbf800000   // one one mone
  F3 73, fnmsub.s, rup, 0xffffffff00000000, 0, 0x80000000, 0x3f800000, 0x0   // nz one pz
  F3 74, fnmsub.s, rmm, 0xffffffff00000000, 0, 0x80000000, 0x3f800000, 0x80000000   // nz one nz
  F3 75, fnmsub.s, rne, 0xffffffff00000000, 0, 0x0, 0xbf800000, 0x80000000   // pz mone nz
  F3 76, fnmsub.s, rtz, 0xffffffff803fffff, 0, 0x800000, 0x3f000000, 0x1   // minn half minsub
  F3 77, fnmsub.s, rdn, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000, 0x3f800000   // snan one one
  F3 78, fnmsub.s, rup, 0xffffffff7fc00000, 0, 0x3f800000, 0x7fc00000, 0x3f800000   // one qnan one
  F3 79, fnmsub.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0x3f800000, 0xffc12345   // one one nqnan
  F3 80, fnmsub.s, rne, 0xffffffffff800000, 0, 0x7f7fffff, 0x7f7fffff, 0xff800000   // maxn maxn minf
  F3 81, fnmsub.s, rtz, 0xffffffff80000000, 3, 0x1, 0x3f000000, 0x0   // minsub half pz
  F3 82, fnmsub.s, rdn, 0xffffffffff800000, 5, 0x60ad78ec, 0x60ad78ec, 0xbf800000   // e20 e20 mone
  F3 83, fnmsub.s, rup, 0xffffffffbfa66666, 1, 0x40400000, 0x3dcccccd, 0xbf800000   // three tenth mone
  F3 84, fnmsub.s, rne, 0xffffffffc1a50b70, 1, 0x352abd38, 0x4b777bb6, 0xc12507cd
  F3D 85, fnmsub.s, 1, 0xffffffff4c6f2533, 1, 0x4be8332e, 0xbff8433a, 0x4a5f6a4a
  F3 86, fnmsub.s, rdn, 0xffffffffc27b2ef6, 1, 0xbc9235ad, 0xb5dfbc49, 0xc27b2ef5
  F3 87, fnmsub.s, rup, 0xffffffff47282d4d, 1, 0xc871490f, 0xb2c3b85f, 0x47282d4e
  F3D 88, fnmsub.s, 4, 0xffffffff440e8cc1, 1, 0xbbb927b5, 0x4832aa82, 0xc3e7ca37
  F3 89, fnmsub.s, rne, 0xffffffffd4ca0bf8, 1, 0xca76a764, 0xc9d1b3e1, 0xb25fe011
  F3 90, fnmsub.s, rtz, 0xffffffffc178a30b, 1, 0xc1c0c54e, 0x3c2bf407, 0xc17caee8
  F3D 91, fnmsub.s, 2, 0xffffffff541b6518, 1, 0xc6b697aa, 0x4cd9de46, 0x3372bdb3
  F3 92, fnmsub.s, rup, 0xffffffffca0495f1, 1, 0xb6b95462, 0xcc7a74bf, 0xca049047
  F3 93, fnmsub.s, rmm, 0xffffffff4ba12d7f, 1, 0xc3e3fcdc, 0xc8a3a9ed, 0x4d25e705
  F3D 94, fnmsub.s, 0, 0xffffffffc542b3dd, 1, 0xc18733d0, 0xc1458eb5, 0xc535a915
  F3 95, fnmsub.s, rtz, 0xffffffff4d77642a, 1, 0xb86d8cc1, 0x49752150, 0x4d776427
  F3 96, fnmsub.s, rne, 0xffffffffc0000002, 1, 0x3f800001, 0x3f800001, 0xbf800002   // fused: tiny exact residue
  // ---- fnmadd.s
  F3 97, fnmadd.s, rne, 0xffffffffc0a00000, 0, 0x3f800000, 0x40000000, 0x40400000   // one two three
  F3 98, fnmadd.s, rtz, 0xffffffffbfa66666, 1, 0x3dcccccd, 0x40400000, 0x3f800000   // tenth three one
  F3 99, fnmadd.s, rdn, 0xffffffffc10de9e7, 1, 0x40490fdb, 0x40490fdb, 0xbf800000   // pi pi mone
  F3 100, fnmadd.s, rup, 0xffffffffff7fffff, 0, 0x7f7fffff, 0x40000000, 0xff7fffff   // maxn two mmaxn
  F3 101, fnmadd.s, rmm, 0xffffffff7fc00000, 16, 0x7f800000, 0x0, 0x3f800000   // inf pz one
  F3 102, fnmadd.s, rne, 0xffffffff7fc00000, 16, 0x0, 0x7f800000, 0x7fc00000   // pz inf qnan
  F3 103, fnmadd.s, rtz, 0xffffffff7fc00000, 16, 0x7f800000, 0x3f800000, 0xff800000   // inf one minf
  F3 104, fnmadd.s, rdn, 0xffffffff80000000, 0, 0x3f800000, 0x3f800000, 0xbf800000   // one one mone
  F3 105, fnmadd.s, rup, 0xffffffff00000000, 0, 0x80000000, 0x3f800000, 0x0   // nz one pz
  F3 106, fnmadd.s, rmm, 0xffffffff00000000, 0, 0x80000000, 0x3f800000, 0x80000000   // nz one nz
  F3 107, fnmadd.s, rne, 0xffffffff00000000, 0, 0x0, 0xbf800000, 0x80000000   // pz mone nz
  F3 108, fnmadd.s, rtz, 0xffffffff80400001, 0, 0x800000, 0x3f000000, 0x1   // minn half minsub
  F3 109, fnmadd.s, rdn, 0xffffffff7fc00000, 16, 0x7f800001, 0x3f800000, 0x3f800000   // snan one one
  F3 110, fnmadd.s, rup, 0xffffffff7fc00000, 0, 0x3f800000, 0x7fc00000, 0x3f800000   // one qnan one
  F3 111, fnmadd.s, rmm, 0xffffffff7fc00000, 0, 0x3f800000, 0x3f800000, 0xffc12345   // one one nqnan
  F3 112, fnmadd.s, rne, 0xffffffff7f800000, 0, 0x7f7fffff, 0x7f7fffff, 0xff800000   // maxn maxn minf
  F3 113, fnmadd.s, rtz, 0xffffffff80000000, 3, 0x1, 0x3f000000, 0x0   // minsub half pz
  F3 114, fnmadd.s, rdn, 0xffffffffff800000, 5, 0x60ad78ec, 0x60ad78ec, 0xbf800000   // e20 e20 mone
  F3 115, fnmadd.s, rup, 0xffffffff3f333334, 1, 0x40400000, 0x3dcccccd, 0xbf800000   // three tenth mone
  F3 116, fnmadd.s, rne, 0xffffffffc652d743, 1, 0xcd70077a, 0xb860de9b, 0x38844057
  F3D 117, fnmadd.s, 1, 0xffffffff42bce2ca, 1, 0xc04a4429, 0x41efe784, 0x3ea9c397
  F3 118, fnmadd.s, rdn, 0xffffffffca4e4641, 1, 0x363ce6a3, 0x3ddf80a6, 0x4a4e4640
  F3 119, fnmadd.s, rup, 0xffffffff3b970423, 1, 0xc090bb21, 0x3a803df1, 0xb9405ef0
  F3D 120, fnmadd.s, 4, 0xffffffffc357dec5, 1, 0xc435aaaa, 0xbe9ff48d, 0xc13264f6
  F3 121, fnmadd.s, rne, 0xffffffffbe61bd6a, 1, 0x377e88fc, 0x3b209d40, 0x3e61bd68
  F3 122, fnmadd.s, rtz, 0xffffffff4113afbe, 1, 0xb7a15ab5, 0xc92ec334, 0xc1b7fe8f
  F3D 123, fnmadd.s, 2, 0xffffffffc73902ea, 1, 0xbd48594c, 0xc4a58f0f, 0x4738c221
  F3 124, fnmadd.s, rup, 0xffffffff4a319be6, 1, 0xbadb2d62, 0x4524f101, 0xca319bd4
  F3 125, fnmadd.s, rmm, 0xffffffffbde4e060, 1, 0xba4b6fb7, 0xb62241bb, 0x3de4e060
  F3D 126, fnmadd.s, 0, 0xffffffff3906813b, 1, 0xb406f692, 0xb54f69f4, 0xb906813b
  F3 127, fnmadd.s, rtz, 0xffffffff44961c1a, 1, 0xbff0d89a, 0x3f230593, 0xc495f5c3
  F3 128, fnmadd.s, rne, 0xffffffffa8800000, 0, 0x3f800001, 0x3f800001, 0xbf800002   // fused: tiny exact residue
  // 128 tests
  PASS
