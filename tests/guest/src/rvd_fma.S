// RV64D: fmadd/fmsub/fnmadd/fnmsub.d: single rounding, signs of zero results, inf*0 invalid, NaN handling, rounding modes and flags.
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
  // ---- fmadd.d
  F3 1, fmadd.d, rne, 0x4014000000000000, 0, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000   // one two three
  F3 2, fmadd.d, rtz, 0x3ff4cccccccccccc, 1, 0x3fb999999999999a, 0x4008000000000000, 0x3ff0000000000000   // tenth three one
  F3 3, fmadd.d, rdn, 0x4021bd3cc9be45dd, 1, 0x400921fb54442d18, 0x400921fb54442d18, 0xbff0000000000000   // pi pi mone
  F3 4, fmadd.d, rup, 0x7fefffffffffffff, 0, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff   // maxn two mmaxn
  F3 5, fmadd.d, rmm, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x0, 0x3ff0000000000000   // inf pz one
  F3 6, fmadd.d, rne, 0x7ff8000000000000, 16, 0x0, 0x7ff0000000000000, 0x7ff8000000000000   // pz inf qnan
  F3 7, fmadd.d, rtz, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000   // inf one minf
  F3 8, fmadd.d, rdn, 0x8000000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000   // one one mone
  F3 9, fmadd.d, rup, 0x0, 0, 0x8000000000000000, 0x3ff0000000000000, 0x0   // nz one pz
  F3 10, fmadd.d, rmm, 0x8000000000000000, 0, 0x8000000000000000, 0x3ff0000000000000, 0x8000000000000000   // nz one nz
  F3 11, fmadd.d, rne, 0x8000000000000000, 0, 0x0, 0xbff0000000000000, 0x8000000000000000   // pz mone nz
  F3 12, fmadd.d, rtz, 0x8000000000001, 0, 0x10000000000000, 0x3fe0000000000000, 0x1   // minn half minsub
  F3 13, fmadd.d, rdn, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000   // snan one one
  F3 14, fmadd.d, rup, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x7ff8000000000000, 0x3ff0000000000000   // one qnan one
  F3 15, fmadd.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xfff8000000012345   // one one nqnan
  F3 16, fmadd.d, rne, 0xfff0000000000000, 0, 0x7fefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000   // maxn maxn minf
  F3 17, fmadd.d, rtz, 0x0, 3, 0x1, 0x3fe0000000000000, 0x0   // minsub half pz
  F3 18, fmadd.d, rdn, 0x483d6329f1c35ca4, 1, 0x4415af1d78b58c40, 0x4415af1d78b58c40, 0xbff0000000000000   // e20 e20 mone
  F3 19, fmadd.d, rup, 0xbfe6666666666666, 1, 0x4008000000000000, 0x3fb999999999999a, 0xbff0000000000000   // three tenth mone
  F3 20, fmadd.d, rne, 0xbf8294c006df9a3c, 1, 0x403522d7d2fe5187, 0xbef047b4c9d0eabb, 0xbf81e8b37cc537ab
  F3D 21, fmadd.d, 1, 0x4036f907db17f5fc, 1, 0x406f09e5f7295d8d, 0xbeb32a9290bbc46f, 0x4036f91a7243a81d
  F3 22, fmadd.d, rdn, 0xc0d4cb192f91541c, 1, 0xbe90c765dd538c28, 0xc0652da38f206447, 0xc0d4cb19304300ac
  F3 23, fmadd.d, rup, 0x407ae23842ba4b0d, 1, 0x40232bec41d69a93, 0x40466fafd58ed5b0, 0x3eabd0d1b78fa485
  F3D 24, fmadd.d, 4, 0xc06378dbabcdf778, 1, 0x3fe7eb377a8a77ff, 0xc06a0d09be83d533, 0x3eff6d8836bde338
  F3 25, fmadd.d, rne, 0x3fa1bebd6157d200, 1, 0x3ff067ed44afa69c, 0x3fa14e1ec509df61, 0x3ebb8b63df82b45f
  F3 26, fmadd.d, rtz, 0x3ff4afde0acf10de, 1, 0xc046ae247cd0353b, 0xbf9b37df9de34aa5, 0x3fb655575531d0f0
  F3D 27, fmadd.d, 2, 0x40f15eba3bdcdd11, 1, 0xbece1f471548dfea, 0xbe8e027209b93b4d, 0x40f15eba3bdcdd11
  F3 28, fmadd.d, rup, 0xc03c7fd1310ce6f2, 1, 0xbfd7236f6636ff3f, 0x3ec96754f60724ba, 0xc03c7fd11eae806d
  F3 29, fmadd.d, rmm, 0xc0c2dd4db34fbeeb, 1, 0xc05eecdf1a636356, 0xbfd203bc4f9eeb76, 0xc0c2eeb68d001263
  F3D 30, fmadd.d, 0, 0xc0827c1a2dc9b24a, 1, 0xbecdfac36e0cc71b, 0x3f7efcd7e4fd6df2, 0xc0827c1a2dc6114b
  F3 31, fmadd.d, rtz, 0x40f87da72b321430, 1, 0xbe944d8f4daa0627, 0xc131440e0a5cee21, 0x40f87da1b101270c
  F3 32, fmadd.d, rne, 0x3970000000000000, 0, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002   // fused: tiny exact residue
  // ---- fmsub.d
  F3 33, fmsub.d, rne, 0xbff0000000000000, 0, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000   // one two three
  F3 34, fmsub.d, rtz, 0xbfe6666666666666, 1, 0x3fb999999999999a, 0x4008000000000000, 0x3ff0000000000000   // tenth three one
  F3 35, fmsub.d, rdn, 0x4025bd3cc9be45dd, 1, 0x400921fb54442d18, 0x400921fb54442d18, 0xbff0000000000000   // pi pi mone
  F3 36, fmsub.d, rup, 0x7ff0000000000000, 5, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff   // maxn two mmaxn
  F3 37, fmsub.d, rmm, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x0, 0x3ff0000000000000   // inf pz one
  F3 38, fmsub.d, rne, 0x7ff8000000000000, 16, 0x0, 0x7ff0000000000000, 0x7ff8000000000000   // pz inf qnan
  F3 39, fmsub.d, rtz, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000   // inf one minf
  F3 40, fmsub.d, rdn, 0x4000000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000   // one one mone
  F3 41, fmsub.d, rup, 0x8000000000000000, 0, 0x8000000000000000, 0x3ff0000000000000, 0x0   // nz one pz
  F3 42, fmsub.d, rmm, 0x0, 0, 0x8000000000000000, 0x3ff0000000000000, 0x8000000000000000   // nz one nz
  F3 43, fmsub.d, rne, 0x0, 0, 0x0, 0xbff0000000000000, 0x8000000000000000   // pz mone nz
  F3 44, fmsub.d, rtz, 0x7ffffffffffff, 0, 0x10000000000000, 0x3fe0000000000000, 0x1   // minn half minsub
  F3 45, fmsub.d, rdn, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000   // snan one one
  F3 46, fmsub.d, rup, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x7ff8000000000000, 0x3ff0000000000000   // one qnan one
  F3 47, fmsub.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xfff8000000012345   // one one nqnan
  F3 48, fmsub.d, rne, 0x7ff0000000000000, 0, 0x7fefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000   // maxn maxn minf
  F3 49, fmsub.d, rtz, 0x0, 3, 0x1, 0x3fe0000000000000, 0x0   // minsub half pz
  F3 50, fmsub.d, rdn, 0x483d6329f1c35ca4, 1, 0x4415af1d78b58c40, 0x4415af1d78b58c40, 0xbff0000000000000   // e20 e20 mone
  F3 51, fmsub.d, rup, 0x3ff4cccccccccccd, 1, 0x4008000000000000, 0x3fb999999999999a, 0xbff0000000000000   // three tenth mone
  F3 52, fmsub.d, rne, 0x412db967c010b3c2, 1, 0x4139b9b24f3a1b42, 0x3fe2b1e80210b79c, 0x40c56309622c6cd9
  F3D 53, fmsub.d, 1, 0x4114bbee58731cdc, 1, 0x4046ff7fb1a7eb07, 0x40bd01fbe78ed1c2, 0x409d0a67073d2fc8
  F3 54, fmsub.d, rdn, 0xc1a43987316bd39f, 1, 0xc056f97f11b7824b, 0x413c2b7b9c3b6d4c, 0x3f20fb98446fa281
  F3 55, fmsub.d, rup, 0x400221da7c7bc531, 1, 0x3f22c6795dd10889, 0x40ceff9910f488fd, 0x3f7c5d6305970fea
  F3D 56, fmsub.d, 4, 0x3fb4bbad2c107d91, 1, 0xbebea57d70d8dd38, 0xc0e5a5c03d6868f7, 0xbed55bdd0ce74cd5
  F3 57, fmsub.d, rne, 0x3f547618c65b556e, 1, 0x3ebb2ffa72e9ec5b, 0x3f6ed90474dc4584, 0xbf54761239045996
  F3 58, fmsub.d, rtz, 0x400498c1dc61ebe4, 1, 0xbf51ff4e75a3fdef, 0xbf596dcc33af21fd, 0xc00498c0f78e8f68
  F3D 59, fmsub.d, 2, 0xbebc8a8ee189ff00, 1, 0x3f15bacd80fd491b, 0xbf3563d4ee8f37eb, 0x3ebc165bd68a1445
  F3 60, fmsub.d, rup, 0xc0e7a71bad48f302, 1, 0x400ce9b67b4b1e29, 0xbf86a3b03c758a85, 0x40e7a71a65ffc05d
  F3 61, fmsub.d, rmm, 0x40074913c6571f3d, 1, 0xbee83abdea603b2d, 0xc10f7b1ca7d1d939, 0x3fb1a176255389dd
  F3D 62, fmsub.d, 0, 0x3f8e58414c153ff5, 1, 0xbf9435aa1c8e787e, 0x3ed931ec414fd503, 0xbf8e5851358987c6
  F3 63, fmsub.d, rtz, 0xbff736c5b41c32eb, 1, 0x40965c98d5207b80, 0xbf41a696eb12a7a1, 0x3fe5c255677fcc60
  F3 64, fmsub.d, rne, 0x4000000000000002, 1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002   // fused: tiny exact residue
  // ---- fnmsub.d
  F3 65, fnmsub.d, rne, 0x3ff0000000000000, 0, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000   // one two three
  F3 66, fnmsub.d, rtz, 0x3fe6666666666666, 1, 0x3fb999999999999a, 0x4008000000000000, 0x3ff0000000000000   // tenth three one
  F3 67, fnmsub.d, rdn, 0xc025bd3cc9be45de, 1, 0x400921fb54442d18, 0x400921fb54442d18, 0xbff0000000000000   // pi pi mone
  F3 68, fnmsub.d, rup, 0xffefffffffffffff, 5, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff   // maxn two mmaxn
  F3 69, fnmsub.d, rmm, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x0, 0x3ff0000000000000   // inf pz one
  F3 70, fnmsub.d, rne, 0x7ff8000000000000, 16, 0x0, 0x7ff0000000000000, 0x7ff8000000000000   // pz inf qnan
  F3 71, fnmsub.d, rtz, 0xfff0000000000000, 0, 0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000   // inf one minf
  F3 72, fnmsub.d, rdn, 0xc000000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000   // one one mone
  F3 73, fnmsub.d, rup, 0x0, 0, 0x8000000000000000, 0x3ff0000000000000, 0x0   // nz one pz
  F3 74, fnmsub.d, rmm, 0x0, 0, 0x8000000000000000, 0x3ff0000000000000, 0x8000000000000000   // nz one nz
  F3 75, fnmsub.d, rne, 0x0, 0, 0x0, 0xbff0000000000000, 0x8000000000000000   // pz mone nz
  F3 76, fnmsub.d, rtz, 0x8007ffffffffffff, 0, 0x10000000000000, 0x3fe0000000000000, 0x1   // minn half minsub
  F3 77, fnmsub.d, rdn, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000   // snan one one
  F3 78, fnmsub.d, rup, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x7ff8000000000000, 0x3ff0000000000000   // one qnan one
  F3 79, fnmsub.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xfff8000000012345   // one one nqnan
  F3 80, fnmsub.d, rne, 0xfff0000000000000, 0, 0x7fefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000   // maxn maxn minf
  F3 81, fnmsub.d, rtz, 0x8000000000000000, 3, 0x1, 0x3fe0000000000000, 0x0   // minsub half pz
  F3 82, fnmsub.d, rdn, 0xc83d6329f1c35ca5, 1, 0x4415af1d78b58c40, 0x4415af1d78b58c40, 0xbff0000000000000   // e20 e20 mone
  F3 83, fnmsub.d, rup, 0xbff4cccccccccccc, 1, 0x4008000000000000, 0x3fb999999999999a, 0xbff0000000000000   // three tenth mone
  F3 84, fnmsub.d, rne, 0x40611c2b1d3d3d62, 1, 0x3ef0f57bd8defee6, 0x40bd01fbd35cff5d, 0x40612002fe94b971
  F3D 85, fnmsub.d, 1, 0xbfb3183ac144fed0, 1, 0xbecab884e0079966, 0x40726938703617c0, 0xbfb355b95e8f7a5f
  F3 86, fnmsub.d, rdn, 0x4146a223a5d869f4, 1, 0x408067bd16c56468, 0xc0b6130459c889ea, 0x3ea76b8fe2f57aae
  F3 87, fnmsub.d, rup, 0xc158ea13dd56f57a, 1, 0xc09e2f714cedbda0, 0xc0aa6983998f67cf, 0x3f01e82705d44cc3
  F3D 88, fnmsub.d, 4, 0x40f89c01941f4113, 1, 0x400fbb704f97113e, 0xc0dee8e238787bfe, 0xc0d82a9be2205b4e
  F3 89, fnmsub.d, rne, 0xc05db2f87a503383, 1, 0x3ef095b7f81fe0f4, 0x40b8dc6b79ffb85b, 0xc05dac8736d0d5ba
  F3 90, fnmsub.d, rtz, 0xc050e257ef5250ca, 1, 0x40881cac5a9c2794, 0x3fb6685a6e1fd4cd, 0xbedd412ea5f6aa6c
  F3D 91, fnmsub.d, 2, 0xbf21c29625cd8ab3, 1, 0xbe88eb687ce81782, 0x3fec6ac3edfd142f, 0xbf21c81e6dc05b3b
  F3 92, fnmsub.d, rup, 0xc0c5ba5feca6d424, 1, 0x3fe886b0479c1d00, 0x40cc4b15c313062d, 0xc035f2a5debdf19a
  F3 93, fnmsub.d, rmm, 0x41fc726467e39648, 1, 0x411ffc5b2018eef9, 0xc0cc75a506eb2a8e, 0xc0c7abfea2c5016b
  F3D 94, fnmsub.d, 0, 0xc14ec24e6a82813b, 1, 0x3ff5dfea27ec725c, 0xbed4a1b827818144, 0xc14ec24e6a82b9a5
  F3 95, fnmsub.d, rtz, 0x400b3fb461badcb4, 1, 0xc13cdfd8eb570cab, 0x3ebe32cf5ce4b656, 0x3e932a33affe8eaa
  F3 96, fnmsub.d, rne, 0xc000000000000002, 1, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002   // fused: tiny exact residue
  // ---- fnmadd.d
  F3 97, fnmadd.d, rne, 0xc014000000000000, 0, 0x3ff0000000000000, 0x4000000000000000, 0x4008000000000000   // one two three
  F3 98, fnmadd.d, rtz, 0xbff4cccccccccccc, 1, 0x3fb999999999999a, 0x4008000000000000, 0x3ff0000000000000   // tenth three one
  F3 99, fnmadd.d, rdn, 0xc021bd3cc9be45de, 1, 0x400921fb54442d18, 0x400921fb54442d18, 0xbff0000000000000   // pi pi mone
  F3 100, fnmadd.d, rup, 0xffefffffffffffff, 0, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff   // maxn two mmaxn
  F3 101, fnmadd.d, rmm, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x0, 0x3ff0000000000000   // inf pz one
  F3 102, fnmadd.d, rne, 0x7ff8000000000000, 16, 0x0, 0x7ff0000000000000, 0x7ff8000000000000   // pz inf qnan
  F3 103, fnmadd.d, rtz, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x3ff0000000000000, 0xfff0000000000000   // inf one minf
  F3 104, fnmadd.d, rdn, 0x8000000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000   // one one mone
  F3 105, fnmadd.d, rup, 0x0, 0, 0x8000000000000000, 0x3ff0000000000000, 0x0   // nz one pz
  F3 106, fnmadd.d, rmm, 0x0, 0, 0x8000000000000000, 0x3ff0000000000000, 0x8000000000000000   // nz one nz
  F3 107, fnmadd.d, rne, 0x0, 0, 0x0, 0xbff0000000000000, 0x8000000000000000   // pz mone nz
  F3 108, fnmadd.d, rtz, 0x8008000000000001, 0, 0x10000000000000, 0x3fe0000000000000, 0x1   // minn half minsub
  F3 109, fnmadd.d, rdn, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000, 0x3ff0000000000000   // snan one one
  F3 110, fnmadd.d, rup, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x7ff8000000000000, 0x3ff0000000000000   // one qnan one
  F3 111, fnmadd.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0xfff8000000012345   // one one nqnan
  F3 112, fnmadd.d, rne, 0x7ff0000000000000, 0, 0x7fefffffffffffff, 0x7fefffffffffffff, 0xfff0000000000000   // maxn maxn minf
  F3 113, fnmadd.d, rtz, 0x8000000000000000, 3, 0x1, 0x3fe0000000000000, 0x0   // minsub half pz
  F3 114, fnmadd.d, rdn, 0xc83d6329f1c35ca5, 1, 0x4415af1d78b58c40, 0x4415af1d78b58c40, 0xbff0000000000000   // e20 e20 mone
  F3 115, fnmadd.d, rup, 0x3fe6666666666667, 1, 0x4008000000000000, 0x3fb999999999999a, 0xbff0000000000000   // three tenth mone
  F3 116, fnmadd.d, rne, 0x41137f4945068a3d, 1, 0x3ff7ded424158e8d, 0x3f497dc6222f4a99, 0xc1137f494636c8bc
  F3D 117, fnmadd.d, 1, 0x3ff40ea5d0727bd0, 1, 0xc03abd3cff6422f4, 0x3fa800bc79d277d2, 0xbefa935598882fdb
  F3 118, fnmadd.d, rdn, 0xbfcc5722d38f3b3f, 1, 0x40a0cc652c4fca7a, 0x3f1afe4170dbffcc, 0x3eb9e12aba2dcffd
  F3 119, fnmadd.d, rup, 0x41c4505ddd0447d0, 1, 0xc0f052d6b1ad231e, 0x40c3ed517a79399e, 0x41207d09cd710d12
  F3D 120, fnmadd.d, 4, 0xc10522f2e165c43a, 1, 0x3f88a3b3cd19952c, 0x416b7353ed4a607d, 0x3fe8fb7c37c0452d
  F3 121, fnmadd.d, rne, 0x408f52882ab1eed6, 1, 0x3f22b911eb3c3c43, 0x3f872e13a7533709, 0xc08f52882b8aee7d
  F3 122, fnmadd.d, rtz, 0x40f16c6e36c5483a, 1, 0xbf12c9bd66a6e514, 0xc0e36ac9dc857724, 0xc0f16c9bd0b23c33
  F3D 123, fnmadd.d, 2, 0x409a13ec22225f87, 1, 0xc0fd9b0e3eb6c3cb, 0x3f8c2fd3cf45d54b, 0x3eff4cd64374c200
  F3 124, fnmadd.d, rup, 0xc07776cd7a92c2cc, 1, 0xc05867c1131974bd, 0xc00ec4fd67f6ad7f, 0xbfa68930559e9650
  F3 125, fnmadd.d, rmm, 0xc0f71743ceea701e, 1, 0x3eee7a85f228153a, 0x3f850f998b327278, 0x40f71743ceea47ff
  F3D 126, fnmadd.d, 0, 0x4086cc4667223d5a, 1, 0xc003fa3a474eea1b, 0x40724f1d378fd0e6, 0x40000323bffa7901
  F3 127, fnmadd.d, rtz, 0xbf906ca9ca2e0d04, 1, 0x403b0b6e1ede2067, 0x3f1855f3b0ba19d2, 0x3f8bb505da67dc60
  F3 128, fnmadd.d, rne, 0xb970000000000000, 0, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002   // fused: tiny exact residue
  // 128 tests
  PASS
