// RV64D: fadd/fsub/fmul/fdiv/fsqrt.d: special values (zeros, subnormals, infinities, NaNs), every static rounding mode and the dynamic mode via frm, exception flags (NV DZ OF UF NX), canonical NaN results.
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
  // ---- fadd.d
  F2 1, fadd.d, rne, 0x4008000000000000, 0, 0x3ff0000000000000, 0x4000000000000000   // one add two
  F2 2, fadd.d, rtz, 0x4010000000000000, 0, 0x3ff0000000000000, 0x4008000000000000   // one add three
  F2 3, fadd.d, rdn, 0x4008cccccccccccc, 1, 0x3fb999999999999a, 0x4008000000000000   // tenth add three
  F2 4, fadd.d, rup, 0x4415af1d78b58c41, 1, 0x400921fb54442d18, 0x4415af1d78b58c40   // pi add e20
  F2 5, fadd.d, rmm, 0x7ff0000000000000, 5, 0x7fefffffffffffff, 0x7fefffffffffffff   // maxn add maxn
  F2 6, fadd.d, rne, 0xfff0000000000000, 5, 0xffefffffffffffff, 0xffefffffffffffff   // mmaxn add mmaxn
  F2 7, fadd.d, rtz, 0x0, 0, 0x7fefffffffffffff, 0xffefffffffffffff   // maxn add mmaxn
  F2 8, fadd.d, rdn, 0x8000000000000000, 0, 0x10000000000000, 0x8010000000000000   // minn add mminn
  F2 9, fadd.d, rup, 0x2, 0, 0x1, 0x1   // minsub add minsub
  F2 10, fadd.d, rmm, 0x1fffffffffffff, 0, 0xfffffffffffff, 0x10000000000000   // maxsub add minn
  F2 11, fadd.d, rne, 0x8000000000000002, 0, 0x8000000000000003, 0x1   // msub add minsub
  F2 12, fadd.d, rtz, 0x0, 0, 0x0, 0x8000000000000000   // pz add nz
  F2 13, fadd.d, rdn, 0x8000000000000000, 0, 0x8000000000000000, 0x8000000000000000   // nz add nz
  F2 14, fadd.d, rup, 0x0, 0, 0x3ff0000000000000, 0xbff0000000000000   // one add mone
  F2 15, fadd.d, rmm, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x3ff0000000000000   // inf add one
  F2 16, fadd.d, rne, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0xfff0000000000000   // inf add minf
  F2 17, fadd.d, rtz, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf add inf
  F2 18, fadd.d, rdn, 0x7ff8000000000000, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan add one
  F2 19, fadd.d, rup, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan add one
  F2 20, fadd.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0xfff8000000012345   // one add nqnan
  F2 21, fadd.d, rne, 0x0, 0, 0x0, 0x0   // pz add pz
  F2 22, fadd.d, rtz, 0x7ff0000000000000, 0, 0x0, 0x7ff0000000000000   // pz add inf
  F2 23, fadd.d, rdn, 0x7fefffffffffffff, 5, 0x7feab36d48e1acf0, 0x7feab36d48e1acf0   // big add big
  F2 24, fadd.d, rup, 0x3fe0000000000001, 1, 0x10000000000000, 0x3fe0000000000000   // minn add half
  F2 25, fadd.d, rmm, 0x3fe0000000000000, 1, 0x1, 0x3fe0000000000000   // minsub add half
  F2 26, fadd.d, rne, 0x4008000000000000, 0, 0x4008000000000000, 0x0   // three add pz
  F2 27, fadd.d, rtz, 0xbff0000000000000, 0, 0xbff0000000000000, 0x8000000000000000   // mone add nz
  F2 28, fadd.d, rdn, 0x7feab36d48e1acf0, 1, 0x4000000000000000, 0x7feab36d48e1acf0   // two add big
  F2 29, fadd.d, rne, 0x40eb60bbb4752825, 1, 0x3ff9f91edfd81723, 0x40eb6087c2376875
  F2D 30, fadd.d, 1, 0xc12c42ff235d5e37, 1, 0x3e9e84fce742552c, 0xc12c42ff235d6d7a
  F2 31, fadd.d, rdn, 0x3e5fe805d80a8560, 0, 0xbe93c5eafa43244f, 0x3e95c46b57c3cca5
  F2D 32, fadd.d, 3, 0xc16d6d9c854438f2, 1, 0xc16d5f1b68a29285, 0xc0dd0239434cda0a
  F2 33, fadd.d, rmm, 0xbf78e7c002128fde, 1, 0x3e81fc014321ecd8, 0xbf78e7e3fa151622
  F2D 34, fadd.d, 0, 0xc0201ea33f797dd6, 1, 0xc0201ea31128a294, 0xbeb7286da12c18ac
  F2 35, fadd.d, rtz, 0xc0b8e053bef69ca5, 1, 0xc0b8e053c4553b15, 0x3f157a79bdb6b3e0
  F2D 36, fadd.d, 2, 0x4000c3adae913200, 1, 0x4000c054287a9176, 0x3f5acc30b5045582
  F2 37, fadd.d, rup, 0xbfe37c1d2f0168a3, 1, 0x3fa4d5e834d57457, 0xbfe4c97bb24ebfe9
  F2D 38, fadd.d, 4, 0x0, 0, 0x3f88e57eb8495b5b, 0xbf88e57eb8495b5b
  F2 39, fadd.d, rdn, 0x8000000000000000, 0, 0x400921fb54442d18, 0xc00921fb54442d18
  // ---- fsub.d
  F2 40, fsub.d, rne, 0xbff0000000000000, 0, 0x3ff0000000000000, 0x4000000000000000   // one sub two
  F2 41, fsub.d, rtz, 0xc000000000000000, 0, 0x3ff0000000000000, 0x4008000000000000   // one sub three
  F2 42, fsub.d, rdn, 0xc007333333333334, 1, 0x3fb999999999999a, 0x4008000000000000   // tenth sub three
  F2 43, fsub.d, rup, 0xc415af1d78b58c3f, 1, 0x400921fb54442d18, 0x4415af1d78b58c40   // pi sub e20
  F2 44, fsub.d, rmm, 0x0, 0, 0x7fefffffffffffff, 0x7fefffffffffffff   // maxn sub maxn
  F2 45, fsub.d, rne, 0x0, 0, 0xffefffffffffffff, 0xffefffffffffffff   // mmaxn sub mmaxn
  F2 46, fsub.d, rtz, 0x7fefffffffffffff, 5, 0x7fefffffffffffff, 0xffefffffffffffff   // maxn sub mmaxn
  F2 47, fsub.d, rdn, 0x20000000000000, 0, 0x10000000000000, 0x8010000000000000   // minn sub mminn
  F2 48, fsub.d, rup, 0x0, 0, 0x1, 0x1   // minsub sub minsub
  F2 49, fsub.d, rmm, 0x8000000000000001, 0, 0xfffffffffffff, 0x10000000000000   // maxsub sub minn
  F2 50, fsub.d, rne, 0x8000000000000004, 0, 0x8000000000000003, 0x1   // msub sub minsub
  F2 51, fsub.d, rtz, 0x0, 0, 0x0, 0x8000000000000000   // pz sub nz
  F2 52, fsub.d, rdn, 0x8000000000000000, 0, 0x8000000000000000, 0x8000000000000000   // nz sub nz
  F2 53, fsub.d, rup, 0x4000000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000   // one sub mone
  F2 54, fsub.d, rmm, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x3ff0000000000000   // inf sub one
  F2 55, fsub.d, rne, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0xfff0000000000000   // inf sub minf
  F2 56, fsub.d, rtz, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x7ff0000000000000   // inf sub inf
  F2 57, fsub.d, rdn, 0x7ff8000000000000, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan sub one
  F2 58, fsub.d, rup, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan sub one
  F2 59, fsub.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0xfff8000000012345   // one sub nqnan
  F2 60, fsub.d, rne, 0x0, 0, 0x0, 0x0   // pz sub pz
  F2 61, fsub.d, rtz, 0xfff0000000000000, 0, 0x0, 0x7ff0000000000000   // pz sub inf
  F2 62, fsub.d, rdn, 0x8000000000000000, 0, 0x7feab36d48e1acf0, 0x7feab36d48e1acf0   // big sub big
  F2 63, fsub.d, rup, 0xbfdfffffffffffff, 1, 0x10000000000000, 0x3fe0000000000000   // minn sub half
  F2 64, fsub.d, rmm, 0xbfe0000000000000, 1, 0x1, 0x3fe0000000000000   // minsub sub half
  F2 65, fsub.d, rne, 0x4008000000000000, 0, 0x4008000000000000, 0x0   // three sub pz
  F2 66, fsub.d, rtz, 0xbff0000000000000, 0, 0xbff0000000000000, 0x8000000000000000   // mone sub nz
  F2 67, fsub.d, rdn, 0xffeab36d48e1acf0, 1, 0x4000000000000000, 0x7feab36d48e1acf0   // two sub big
  F2 68, fsub.d, rne, 0xc14999fcc095f7cb, 1, 0xbef984ac4c021f95, 0x414999fcc0952ba6
  F2D 69, fsub.d, 1, 0xc0dfa784cb4407a3, 1, 0xbff5698ac34984c0, 0x40dfa72f2518fa7d
  F2 70, fsub.d, rdn, 0xbfecb9ee760d6cdf, 1, 0x3ea918559012d27b, 0x3fecb9f00792c5e0
  F2D 71, fsub.d, 3, 0xc0dfe38dda8e00f4, 1, 0xc0e1843abd5b90ad, 0xc0a9273d0149032a
  F2 72, fsub.d, rmm, 0x41599cad43ef2b5a, 1, 0x40ffad764ac28179, 0xc1591df76ac42154
  F2D 73, fsub.d, 0, 0x40147d063f3f8663, 1, 0x40147d0631c7b95d, 0xbe8aef9a0ba8ea27
  F2 74, fsub.d, rtz, 0xc03a505aaaa06ff9, 1, 0xc03a382f8d93b5b1, 0x3fb82b1d0cba4804
  F2D 75, fsub.d, 2, 0xc0325424cf6a175b, 1, 0xc0325458262650af, 0xbf49ab5e1caa6b76
  F2 76, fsub.d, rup, 0x404b4d543d1627f1, 1, 0x3f5a75684f2a8e0d, 0xc04b4d1f5245899b
  F2D 77, fsub.d, 4, 0x0, 0, 0x3fcca3cc9acd1057, 0x3fcca3cc9acd1057
  F2 78, fsub.d, rdn, 0x8000000000000000, 0, 0x400921fb54442d18, 0x400921fb54442d18
  // ---- fmul.d
  F2 79, fmul.d, rne, 0x4000000000000000, 0, 0x3ff0000000000000, 0x4000000000000000   // one mul two
  F2 80, fmul.d, rtz, 0x4008000000000000, 0, 0x3ff0000000000000, 0x4008000000000000   // one mul three
  F2 81, fmul.d, rdn, 0x3fd3333333333333, 1, 0x3fb999999999999a, 0x4008000000000000   // tenth mul three
  F2 82, fmul.d, rup, 0x443107d5eb5b5ba5, 1, 0x400921fb54442d18, 0x4415af1d78b58c40   // pi mul e20
  F2 83, fmul.d, rmm, 0x7ff0000000000000, 5, 0x7fefffffffffffff, 0x7fefffffffffffff   // maxn mul maxn
  F2 84, fmul.d, rne, 0x7ff0000000000000, 5, 0xffefffffffffffff, 0xffefffffffffffff   // mmaxn mul mmaxn
  F2 85, fmul.d, rtz, 0xffefffffffffffff, 5, 0x7fefffffffffffff, 0xffefffffffffffff   // maxn mul mmaxn
  F2 86, fmul.d, rdn, 0x8000000000000001, 3, 0x10000000000000, 0x8010000000000000   // minn mul mminn
  F2 87, fmul.d, rup, 0x1, 3, 0x1, 0x1   // minsub mul minsub
  F2 88, fmul.d, rmm, 0x0, 3, 0xfffffffffffff, 0x10000000000000   // maxsub mul minn
  F2 89, fmul.d, rne, 0x8000000000000000, 3, 0x8000000000000003, 0x1   // msub mul minsub
  F2 90, fmul.d, rtz, 0x8000000000000000, 0, 0x0, 0x8000000000000000   // pz mul nz
  F2 91, fmul.d, rdn, 0x0, 0, 0x8000000000000000, 0x8000000000000000   // nz mul nz
  F2 92, fmul.d, rup, 0xbff0000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000   // one mul mone
  F2 93, fmul.d, rmm, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x3ff0000000000000   // inf mul one
  F2 94, fmul.d, rne, 0xfff0000000000000, 0, 0x7ff0000000000000, 0xfff0000000000000   // inf mul minf
  F2 95, fmul.d, rtz, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x7ff0000000000000   // inf mul inf
  F2 96, fmul.d, rdn, 0x7ff8000000000000, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan mul one
  F2 97, fmul.d, rup, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan mul one
  F2 98, fmul.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0xfff8000000012345   // one mul nqnan
  F2 99, fmul.d, rne, 0x0, 0, 0x0, 0x0   // pz mul pz
  F2 100, fmul.d, rtz, 0x7ff8000000000000, 16, 0x0, 0x7ff0000000000000   // pz mul inf
  F2 101, fmul.d, rdn, 0x7fefffffffffffff, 5, 0x7feab36d48e1acf0, 0x7feab36d48e1acf0   // big mul big
  F2 102, fmul.d, rup, 0x8000000000000, 0, 0x10000000000000, 0x3fe0000000000000   // minn mul half
  F2 103, fmul.d, rmm, 0x1, 3, 0x1, 0x3fe0000000000000   // minsub mul half
  F2 104, fmul.d, rne, 0x0, 0, 0x4008000000000000, 0x0   // three mul pz
  F2 105, fmul.d, rtz, 0x0, 0, 0xbff0000000000000, 0x8000000000000000   // mone mul nz
  F2 106, fmul.d, rdn, 0x7fefffffffffffff, 5, 0x4000000000000000, 0x7feab36d48e1acf0   // two mul big
  F2 107, fmul.d, rne, 0xc194edb92cb2add4, 1, 0x40fe2ef020025cb7, 0xc08630306e5cc55b
  F2D 108, fmul.d, 1, 0x4140b6183c7a0a9d, 1, 0xc0b4766856221cbd, 0xc07a223ae2ca6e61
  F2 109, fmul.d, rdn, 0x41c14c13bf576408, 1, 0xc056ec40061ece6c, 0xc1582589988ce1b7
  F2D 110, fmul.d, 3, 0xbee2cb8c3656a540, 1, 0xc03f53e944deaa8d, 0x3e9332cadbe4dba5
  F2 111, fmul.d, rmm, 0xbf246a59d7c5a0df, 1, 0x3f8a285429f6ee50, 0xbf88f9b1475b9b92
  F2D 112, fmul.d, 0, 0xc04036fa9d0e0b47, 1, 0xbf5166310522aa3a, 0x40ddd25777503e24
  F2 113, fmul.d, rtz, 0x4252e14ad745cebb, 1, 0x412516fc7cf8898f, 0x411ca5a903ff704a
  F2D 114, fmul.d, 2, 0xbfb75e0ccf916711, 1, 0x3f09b52d89b6cdcc, 0xc09d163a7b524d24
  F2 115, fmul.d, rup, 0xc10e463334ae9472, 1, 0x3ff75bfd42f3d7ac, 0xc104bc81f8fb9a4c
  F2D 116, fmul.d, 4, 0xbf888d8f52038315, 1, 0x3fa3889e59e6b64e, 0xbfd41c7e62d351d9
  F2 117, fmul.d, rdn, 0xc023bd3cc9be45de, 1, 0x400921fb54442d18, 0xc00921fb54442d18
  // ---- fdiv.d
  F2 118, fdiv.d, rne, 0x3fe0000000000000, 0, 0x3ff0000000000000, 0x4000000000000000   // one div two
  F2 119, fdiv.d, rtz, 0x3fd5555555555555, 1, 0x3ff0000000000000, 0x4008000000000000   // one div three
  F2 120, fdiv.d, rdn, 0x3fa1111111111111, 1, 0x3fb999999999999a, 0x4008000000000000   // tenth div three
  F2 121, fdiv.d, rup, 0x3be28b70caa3e9f9, 1, 0x400921fb54442d18, 0x4415af1d78b58c40   // pi div e20
  F2 122, fdiv.d, rmm, 0x3ff0000000000000, 0, 0x7fefffffffffffff, 0x7fefffffffffffff   // maxn div maxn
  F2 123, fdiv.d, rne, 0x3ff0000000000000, 0, 0xffefffffffffffff, 0xffefffffffffffff   // mmaxn div mmaxn
  F2 124, fdiv.d, rtz, 0xbff0000000000000, 0, 0x7fefffffffffffff, 0xffefffffffffffff   // maxn div mmaxn
  F2 125, fdiv.d, rdn, 0xbff0000000000000, 0, 0x10000000000000, 0x8010000000000000   // minn div mminn
  F2 126, fdiv.d, rup, 0x3ff0000000000000, 0, 0x1, 0x1   // minsub div minsub
  F2 127, fdiv.d, rmm, 0x3feffffffffffffe, 0, 0xfffffffffffff, 0x10000000000000   // maxsub div minn
  F2 128, fdiv.d, rne, 0xc008000000000000, 0, 0x8000000000000003, 0x1   // msub div minsub
  F2 129, fdiv.d, rtz, 0x7ff8000000000000, 16, 0x0, 0x8000000000000000   // pz div nz
  F2 130, fdiv.d, rdn, 0x7ff8000000000000, 16, 0x8000000000000000, 0x8000000000000000   // nz div nz
  F2 131, fdiv.d, rup, 0xbff0000000000000, 0, 0x3ff0000000000000, 0xbff0000000000000   // one div mone
  F2 132, fdiv.d, rmm, 0x7ff0000000000000, 0, 0x7ff0000000000000, 0x3ff0000000000000   // inf div one
  F2 133, fdiv.d, rne, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0xfff0000000000000   // inf div minf
  F2 134, fdiv.d, rtz, 0x7ff8000000000000, 16, 0x7ff0000000000000, 0x7ff0000000000000   // inf div inf
  F2 135, fdiv.d, rdn, 0x7ff8000000000000, 0, 0x7ff8000000000000, 0x3ff0000000000000   // qnan div one
  F2 136, fdiv.d, rup, 0x7ff8000000000000, 16, 0x7ff0000000000001, 0x3ff0000000000000   // snan div one
  F2 137, fdiv.d, rmm, 0x7ff8000000000000, 0, 0x3ff0000000000000, 0xfff8000000012345   // one div nqnan
  F2 138, fdiv.d, rne, 0x7ff8000000000000, 16, 0x0, 0x0   // pz div pz
  F2 139, fdiv.d, rtz, 0x0, 0, 0x0, 0x7ff0000000000000   // pz div inf
  F2 140, fdiv.d, rdn, 0x3ff0000000000000, 0, 0x7feab36d48e1acf0, 0x7feab36d48e1acf0   // big div big
  F2 141, fdiv.d, rup, 0x20000000000000, 0, 0x10000000000000, 0x3fe0000000000000   // minn div half
  F2 142, fdiv.d, rmm, 0x2, 0, 0x1, 0x3fe0000000000000   // minsub div half
  F2 143, fdiv.d, rne, 0x7ff0000000000000, 8, 0x4008000000000000, 0x0   // three div pz
  F2 144, fdiv.d, rtz, 0x7ff0000000000000, 8, 0xbff0000000000000, 0x8000000000000000   // mone div nz
  F2 145, fdiv.d, rdn, 0x996734acd366d, 3, 0x4000000000000000, 0x7feab36d48e1acf0   // two div big
  F2 146, fdiv.d, rne, 0x3ed38eb1f7e33cdf, 1, 0xc02c377b367a3cdd, 0xc1471590109b4b19
  F2D 147, fdiv.d, 1, 0x3de862ac4364ae53, 1, 0x3f43276bb89d8e9d, 0x4149228e1e47592f
  F2 148, fdiv.d, rdn, 0xc112128db90690ff, 1, 0xc11b588bc75abc3c, 0x3ff835c0c44a659c
  F2D 149, fdiv.d, 3, 0xc0c09839f3b073d3, 1, 0x412f18b7f189be74, 0xc05dfb7673c24e09
  F2 150, fdiv.d, rmm, 0xbe8b4314f5586f6c, 1, 0x3f40b6557978543d, 0xc0a39de143420f1c
  F2D 151, fdiv.d, 0, 0xc20c3f5b7f5146f1, 1, 0x40a2e8ae96c2f45f, 0xbe856bbcd6274084
  F2 152, fdiv.d, rtz, 0xc09cd554431391c3, 1, 0x40eab1ad5f830bd5, 0xc03da03374ff9d1d
  F2D 153, fdiv.d, 2, 0x4047a56d0d1573cd, 1, 0x3fa0afea0937a17d, 0x3f46951c257e3799
  F2 154, fdiv.d, rup, 0x4064911ab313077e, 1, 0x412828f741085004, 0x40b2cb9bc0409123
  F2D 155, fdiv.d, 4, 0xbfd1109efa7743be, 1, 0xc0665cb8b2f5c23b, 0x4084f7795096b397
  F2 156, fdiv.d, rdn, 0xbff0000000000000, 0, 0x400921fb54442d18, 0xc00921fb54442d18
  // ---- fsqrt.d
  F1 157, fsqrt.d, rne, 0x0, 0, 0x0   // sqrt pz
  F1 158, fsqrt.d, rtz, 0x8000000000000000, 0, 0x8000000000000000   // sqrt nz
  F1 159, fsqrt.d, rdn, 0x3ff0000000000000, 0, 0x3ff0000000000000   // sqrt one
  F1 160, fsqrt.d, rup, 0x3ff6a09e667f3bcd, 1, 0x4000000000000000   // sqrt two
  F1 161, fsqrt.d, rmm, 0x3ffbb67ae8584caa, 1, 0x4008000000000000   // sqrt three
  F1 162, fsqrt.d, rne, 0x3fd43d136248490f, 1, 0x3fb999999999999a   // sqrt tenth
  F1 163, fsqrt.d, rtz, 0x5fefffffffffffff, 1, 0x7fefffffffffffff   // sqrt maxn
  F1 164, fsqrt.d, rdn, 0x1e60000000000000, 0, 0x1   // sqrt minsub
  F1 165, fsqrt.d, rup, 0x1fffffffffffffff, 1, 0xfffffffffffff   // sqrt maxsub
  F1 166, fsqrt.d, rmm, 0x7ff0000000000000, 0, 0x7ff0000000000000   // sqrt inf
  F1 167, fsqrt.d, rne, 0x7ff8000000000000, 16, 0xfff0000000000000   // sqrt minf
  F1 168, fsqrt.d, rtz, 0x7ff8000000000000, 16, 0xbff0000000000000   // sqrt mone
  F1 169, fsqrt.d, rdn, 0x7ff8000000000000, 0, 0x7ff8000000000000   // sqrt qnan
  F1 170, fsqrt.d, rup, 0x7ff8000000000000, 16, 0x7ff0000000000001   // sqrt snan
  F1 171, fsqrt.d, rmm, 0x7ff8000000000000, 0, 0xfff8000000012345   // sqrt nqnan
  F1 172, fsqrt.d, rne, 0x3ffc5bf891b4ef6a, 1, 0x400921fb54442d18   // sqrt pi
  F1 173, fsqrt.d, rtz, 0x4202a05f20000000, 0, 0x4415af1d78b58c40   // sqrt e20
  F1 174, fsqrt.d, rdn, 0x7ff8000000000000, 16, 0x8000000000000003   // sqrt msub
  F1 175, fsqrt.d, rne, 0x40437d6573edaace, 1, 0x4097bda7b70b2216
  F1 176, fsqrt.d, rtz, 0x3f5f18b58e87fa4b, 1, 0x3ece37f2d88357c7
  F1 177, fsqrt.d, rdn, 0x3ffdd70de2675682, 1, 0x400bd36e6cf39f9d
  F1 178, fsqrt.d, rup, 0x3f87b33d65ce53a4, 1, 0x3f218d9439b159e9
  F1 179, fsqrt.d, rmm, 0x402e2e6337025e99, 1, 0x406c773d459634ec
  F1 180, fsqrt.d, rne, 0x3fdddec2ff3b4662, 1, 0x3fcbe1d024d504a5
  F1 181, fsqrt.d, rtz, 0x3fc5392ef9882b3e, 1, 0x3f9c26e7ae4145ba
  F1 182, fsqrt.d, rdn, 0x3fe36827a7b18978, 1, 0x3fd78a04322bf2d9
  F1 183, fsqrt.d, rup, 0x3f58d88807a4753c, 1, 0x3ec34a853a201cff
  F1 184, fsqrt.d, rmm, 0x408e3070aecc4001, 1, 0x412c7b1c9b582812
  fsrmi 2
  F2 185, fdiv.d, rne, 0x3fd5555555555555, 1, 0x3ff0000000000000, 0x4008000000000000   // static rm wins over frm
  fsrmi 0
  fsrmi 3
  F2 186, fdiv.d, rtz, 0x3fd5555555555555, 1, 0x3ff0000000000000, 0x4008000000000000   // static rm wins over frm
  fsrmi 0
  fsrmi 4
  F2 187, fdiv.d, rdn, 0x3fd5555555555555, 1, 0x3ff0000000000000, 0x4008000000000000   // static rm wins over frm
  fsrmi 0
  fsrmi 0
  F2 188, fdiv.d, rup, 0x3fd5555555555556, 1, 0x3ff0000000000000, 0x4008000000000000   // static rm wins over frm
  fsrmi 0
  fsrmi 1
  F2 189, fdiv.d, rmm, 0x3fd5555555555555, 1, 0x3ff0000000000000, 0x4008000000000000   // static rm wins over frm
  fsrmi 0
  // 189 tests
  PASS
