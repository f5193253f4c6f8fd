// RV64A atomic memory operations: every AMO in .w and .d form; rd gets the
// old value (sign-extended for .w), memory gets op(old, rs2) (.w uses only the
// low 32 bits of rs2 and writes only 4 bytes); signed/unsigned min/max;
// aq/rl/aqrl encodings; rd == x0 and rd == rs2.
#include "test.h"
  .option norvc

// AMO_D n, inst, mem, rs2, exp_rd, exp_mem
.macro AMO_D n, inst, mem, src, exp_rd, exp_mem
  li gp, \n
  la a1, amo_buf
  li a2, \mem
  sd a2, 0(a1)
  li a2, \src
  \inst a0, a2, (a1)
  ASSERT_EQ a0, \exp_rd
  ld a3, 0(a1)
  ASSERT_EQ a3, \exp_mem
.endm

// AMO_W n, inst, mem32, rs2, exp_rd, exp_mem32: the neighbouring word must not change
.macro AMO_W n, inst, mem, src, exp_rd, exp_mem
  li gp, \n
  la a1, amo_buf
  li a2, 0x5a5a5a5a5a5a5a5a
  sd a2, 0(a1)
  sd a2, 8(a1)
  li a2, \mem
  sw a2, 4(a1)
  addi a1, a1, 4
  li a2, \src
  \inst a0, a2, (a1)
  ASSERT_EQ a0, \exp_rd
  lwu a3, 0(a1)
  ASSERT_EQ a3, \exp_mem
  lwu a3, -4(a1)
  ASSERT_EQ a3, 0x5a5a5a5a
  lwu a3, 4(a1)
  ASSERT_EQ a3, 0x5a5a5a5a
.endm

TEST_MAIN
  // ---- amoswap
  AMO_D 1, amoswap.d, 0x1, 0x2, 0x1, 0x2
  AMO_D 2, amoswap.d.aq, 0x8000000000000000, 0x1, 0x8000000000000000, 0x1
  AMO_D 3, amoswap.d.rl, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff
  AMO_D 4, amoswap.d.aqrl, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00
  AMO_D 5, amoswap.d, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffffd
  AMO_D 6, amoswap.d.aq, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
  AMO_W 7, amoswap.w.rl, 0x1, 0x2, 0x1, 0x2
  AMO_W 8, amoswap.w.aqrl, 0x80000000, 0x1, 0xffffffff80000000, 0x1
  AMO_W 9, amoswap.w, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x7fffffff
  AMO_W 10, amoswap.w.aq, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xff00ff00
  AMO_W 11, amoswap.w.rl, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffffd
  AMO_W 12, amoswap.w.aqrl, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000
  AMO_W 13, amoswap.w, 0x7fffffff, 0x1, 0x7fffffff, 0x1
  // ---- amoadd
  AMO_D 14, amoadd.d.aq, 0x1, 0x2, 0x1, 0x3
  AMO_D 15, amoadd.d.rl, 0x8000000000000000, 0x1, 0x8000000000000000, 0x8000000000000001
  AMO_D 16, amoadd.d.aqrl, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7ffffffffffffffe
  AMO_D 17, amoadd.d, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xe100e100e100e0f
  AMO_D 18, amoadd.d.aq, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffff8
  AMO_D 19, amoadd.d.rl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff
  AMO_W 20, amoadd.w.aqrl, 0x1, 0x2, 0x1, 0x3
  AMO_W 21, amoadd.w, 0x80000000, 0x1, 0xffffffff80000000, 0x80000001
  AMO_W 22, amoadd.w.aq, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x7ffffffe
  AMO_W 23, amoadd.w.rl, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xe100e0f
  AMO_W 24, amoadd.w.aqrl, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffff8
  AMO_W 25, amoadd.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0xffffffff
  AMO_W 26, amoadd.w.aq, 0x7fffffff, 0x1, 0x7fffffff, 0x80000000
  // ---- amoxor
  AMO_D 27, amoxor.d.rl, 0x1, 0x2, 0x1, 0x3
  AMO_D 28, amoxor.d.aqrl, 0x8000000000000000, 0x1, 0x8000000000000000, 0x8000000000000001
  AMO_D 29, amoxor.d, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000
  AMO_D 30, amoxor.d.aq, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xf00ff00ff00ff00f
  AMO_D 31, amoxor.d.rl, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0x6
  AMO_D 32, amoxor.d.aqrl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff
  AMO_W 33, amoxor.w, 0x1, 0x2, 0x1, 0x3
  AMO_W 34, amoxor.w.aq, 0x80000000, 0x1, 0xffffffff80000000, 0x80000001
  AMO_W 35, amoxor.w.rl, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x80000000
  AMO_W 36, amoxor.w.aqrl, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xf00ff00f
  AMO_W 37, amoxor.w, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0x6
  AMO_W 38, amoxor.w.aq, 0x7fffffff, 0x80000000, 0x7fffffff, 0xffffffff
  AMO_W 39, amoxor.w.rl, 0x7fffffff, 0x1, 0x7fffffff, 0x7ffffffe
  // ---- amoand
  AMO_D 40, amoand.d.aqrl, 0x1, 0x2, 0x1, 0x0
  AMO_D 41, amoand.d, 0x8000000000000000, 0x1, 0x8000000000000000, 0x0
  AMO_D 42, amoand.d.aq, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff
  AMO_D 43, amoand.d.rl, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xf000f000f000f00
  AMO_D 44, amoand.d.aqrl, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffff9
  AMO_D 45, amoand.d, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x0
  AMO_W 46, amoand.w.aq, 0x1, 0x2, 0x1, 0x0
  AMO_W 47, amoand.w.rl, 0x80000000, 0x1, 0xffffffff80000000, 0x0
  AMO_W 48, amoand.w.aqrl, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x7fffffff
  AMO_W 49, amoand.w, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xf000f00
  AMO_W 50, amoand.w.aq, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffff9
  AMO_W 51, amoand.w.rl, 0x7fffffff, 0x80000000, 0x7fffffff, 0x0
  AMO_W 52, amoand.w.aqrl, 0x7fffffff, 0x1, 0x7fffffff, 0x1
  // ---- amoor
  AMO_D 53, amoor.d, 0x1, 0x2, 0x1, 0x3
  AMO_D 54, amoor.d.aq, 0x8000000000000000, 0x1, 0x8000000000000000, 0x8000000000000001
  AMO_D 55, amoor.d.rl, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
  AMO_D 56, amoor.d.aqrl, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xff0fff0fff0fff0f
  AMO_D 57, amoor.d, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xffffffffffffffff
  AMO_D 58, amoor.d.aq, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff
  AMO_W 59, amoor.w.rl, 0x1, 0x2, 0x1, 0x3
  AMO_W 60, amoor.w.aqrl, 0x80000000, 0x1, 0xffffffff80000000, 0x80000001
  AMO_W 61, amoor.w, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0xffffffff
  AMO_W 62, amoor.w.aq, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xff0fff0f
  AMO_W 63, amoor.w.rl, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xffffffff
  AMO_W 64, amoor.w.aqrl, 0x7fffffff, 0x80000000, 0x7fffffff, 0xffffffff
  AMO_W 65, amoor.w, 0x7fffffff, 0x1, 0x7fffffff, 0x7fffffff
  // ---- amomin
  AMO_D 66, amomin.d.aq, 0x1, 0x2, 0x1, 0x1
  AMO_D 67, amomin.d.rl, 0x8000000000000000, 0x1, 0x8000000000000000, 0x8000000000000000
  AMO_D 68, amomin.d.aqrl, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
  AMO_D 69, amomin.d, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00
  AMO_D 70, amomin.d.aq, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffffb
  AMO_D 71, amomin.d.rl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
  AMO_W 72, amomin.w.aqrl, 0x1, 0x2, 0x1, 0x1
  AMO_W 73, amomin.w, 0x80000000, 0x1, 0xffffffff80000000, 0x80000000
  AMO_W 74, amomin.w.aq, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0xffffffff
  AMO_W 75, amomin.w.rl, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xff00ff00
  AMO_W 76, amomin.w.aqrl, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffffb
  AMO_W 77, amomin.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000
  AMO_W 78, amomin.w.aq, 0x7fffffff, 0x1, 0x7fffffff, 0x1
  // ---- amomax
  AMO_D 79, amomax.d.rl, 0x1, 0x2, 0x1, 0x2
  AMO_D 80, amomax.d.aqrl, 0x8000000000000000, 0x1, 0x8000000000000000, 0x1
  AMO_D 81, amomax.d, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff
  AMO_D 82, amomax.d.aq, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xf0f0f0f0f0f0f0f
  AMO_D 83, amomax.d.rl, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffffd
  AMO_D 84, amomax.d.aqrl, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff
  AMO_W 85, amomax.w, 0x1, 0x2, 0x1, 0x2
  AMO_W 86, amomax.w.aq, 0x80000000, 0x1, 0xffffffff80000000, 0x1
  AMO_W 87, amomax.w.rl, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x7fffffff
  AMO_W 88, amomax.w.aqrl, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xf0f0f0f
  AMO_W 89, amomax.w, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffffd
  AMO_W 90, amomax.w.aq, 0x7fffffff, 0x80000000, 0x7fffffff, 0x7fffffff
  AMO_W 91, amomax.w.rl, 0x7fffffff, 0x1, 0x7fffffff, 0x7fffffff
  // ---- amominu
  AMO_D 92, amominu.d.aqrl, 0x1, 0x2, 0x1, 0x1
  AMO_D 93, amominu.d, 0x8000000000000000, 0x1, 0x8000000000000000, 0x1
  AMO_D 94, amominu.d.aq, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff
  AMO_D 95, amominu.d.rl, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xf0f0f0f0f0f0f0f
  AMO_D 96, amominu.d.aqrl, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffffb
  AMO_D 97, amominu.d, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff
  AMO_W 98, amominu.w.aq, 0x1, 0x2, 0x1, 0x1
  AMO_W 99, amominu.w.rl, 0x80000000, 0x1, 0xffffffff80000000, 0x1
  AMO_W 100, amominu.w.aqrl, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0x7fffffff
  AMO_W 101, amominu.w, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xf0f0f0f
  AMO_W 102, amominu.w.aq, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffffb
  AMO_W 103, amominu.w.rl, 0x7fffffff, 0x80000000, 0x7fffffff, 0x7fffffff
  AMO_W 104, amominu.w.aqrl, 0x7fffffff, 0x1, 0x7fffffff, 0x1
  // ---- amomaxu
  AMO_D 105, amomaxu.d, 0x1, 0x2, 0x1, 0x2
  AMO_D 106, amomaxu.d.aq, 0x8000000000000000, 0x1, 0x8000000000000000, 0x8000000000000000
  AMO_D 107, amomaxu.d.rl, 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
  AMO_D 108, amomaxu.d.aqrl, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00
  AMO_D 109, amomaxu.d, 0xfffffffffffffffb, 0xfffffffffffffffd, 0xfffffffffffffffb, 0xfffffffffffffffd
  AMO_D 110, amomaxu.d.aq, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
  AMO_W 111, amomaxu.w.rl, 0x1, 0x2, 0x1, 0x2
  AMO_W 112, amomaxu.w.aqrl, 0x80000000, 0x1, 0xffffffff80000000, 0x80000000
  AMO_W 113, amomaxu.w, 0xffffffff, 0x7fffffff, 0xffffffffffffffff, 0xffffffff
  AMO_W 114, amomaxu.w.aq, 0xf0f0f0f, 0xffffffffff00ff00, 0xf0f0f0f, 0xff00ff00
  AMO_W 115, amomaxu.w.rl, 0xfffffffb, 0x12345678fffffffd, 0xfffffffffffffffb, 0xfffffffd
  AMO_W 116, amomaxu.w.aqrl, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000
  AMO_W 117, amomaxu.w, 0x7fffffff, 0x1, 0x7fffffff, 0x7fffffff
  // 117 AMO tests

  TEST 200                      // rd == x0: memory still updated
  la a1, amo_buf
  li a2, 10
  sd a2, 0(a1)
  li a2, 5
  amoadd.d x0, a2, (a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 15
  amoadd.w x0, a2, (a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 20

  TEST 201                      // rd == rs2: old value returned, new from old rs2
  li a2, 3
  amoswap.d a2, a2, (a1)
  ASSERT_EQ a2, 20
  ld a0, 0(a1)
  ASSERT_EQ a0, 3
  li a2, 4
  amoadd.w a2, a2, (a1)
  ASSERT_EQ a2, 3
  ld a0, 0(a1)
  ASSERT_EQ a0, 7

  TEST 202                      // amoswap.w sign-extends the old value
  li a2, 0xfedcba98
  sw a2, 0(a1)
  li a2, 1
  amoswap.w a0, a2, (a1)
  ASSERT_EQ a0, 0xfffffffffedcba98

  TEST 203                      // atomic counter loop
  sd zero, 0(a1)
  li a3, 100
  li a2, 1
1:
  amoadd.d.aqrl x0, a2, (a1)
  addi a3, a3, -1
  bnez a3, 1b
  ld a0, 0(a1)
  ASSERT_EQ a0, 100
  PASS

  .data
  .align 4
amo_buf:
  .skip 32
