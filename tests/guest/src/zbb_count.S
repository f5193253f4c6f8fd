// Zbb: clz/ctz/cpop (+w), sext.b/sext.h/zext.h, orc.b, rev8.
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- clz
  TEST_R 1, clz, 0x40, 0x0
  TEST_R 2, clz, 0x3f, 0x1
  TEST_R 3, clz, 0x0, 0xffffffffffffffff
  TEST_R 4, clz, 0x0, 0x8000000000000000
  TEST_R 5, clz, 0x1, 0x7fffffffffffffff
  TEST_R 6, clz, 0x20, 0xffffffff
  TEST_R 7, clz, 0x0, 0xffffffff80000000
  TEST_R 8, clz, 0x3, 0x123456789abcdef0
  TEST_R 9, clz, 0x20, 0x80000000
  TEST_R 10, clz, 0x8, 0xff000000010000
  TEST_R 11, clz, 0x1f, 0x100000000
  TEST_R 12, clz, 0x0, 0xfffffffe00000000
  TEST_R 13, clz, 0x30, 0x8080
  // ---- ctz
  TEST_R 14, ctz, 0x40, 0x0
  TEST_R 15, ctz, 0x0, 0x1
  TEST_R 16, ctz, 0x0, 0xffffffffffffffff
  TEST_R 17, ctz, 0x3f, 0x8000000000000000
  TEST_R 18, ctz, 0x0, 0x7fffffffffffffff
  TEST_R 19, ctz, 0x0, 0xffffffff
  TEST_R 20, ctz, 0x1f, 0xffffffff80000000
  TEST_R 21, ctz, 0x4, 0x123456789abcdef0
  TEST_R 22, ctz, 0x1f, 0x80000000
  TEST_R 23, ctz, 0x10, 0xff000000010000
  TEST_R 24, ctz, 0x20, 0x100000000
  TEST_R 25, ctz, 0x21, 0xfffffffe00000000
  TEST_R 26, ctz, 0x7, 0x8080
  // ---- cpop
  TEST_R 27, cpop, 0x0, 0x0
  TEST_R 28, cpop, 0x1, 0x1
  TEST_R 29, cpop, 0x40, 0xffffffffffffffff
  TEST_R 30, cpop, 0x1, 0x8000000000000000
  TEST_R 31, cpop, 0x3f, 0x7fffffffffffffff
  TEST_R 32, cpop, 0x20, 0xffffffff
  TEST_R 33, cpop, 0x21, 0xffffffff80000000
  TEST_R 34, cpop, 0x20, 0x123456789abcdef0
  TEST_R 35, cpop, 0x1, 0x80000000
  TEST_R 36, cpop, 0x9, 0xff000000010000
  TEST_R 37, cpop, 0x1, 0x100000000
  TEST_R 38, cpop, 0x1f, 0xfffffffe00000000
  TEST_R 39, cpop, 0x2, 0x8080
  // ---- clzw
  TEST_R 40, clzw, 0x20, 0x0
  TEST_R 41, clzw, 0x1f, 0x1
  TEST_R 42, clzw, 0x0, 0xffffffffffffffff
  TEST_R 43, clzw, 0x20, 0x8000000000000000
  TEST_R 44, clzw, 0x0, 0x7fffffffffffffff
  TEST_R 45, clzw, 0x0, 0xffffffff
  TEST_R 46, clzw, 0x0, 0xffffffff80000000
  TEST_R 47, clzw, 0x0, 0x123456789abcdef0
  TEST_R 48, clzw, 0x0, 0x80000000
  TEST_R 49, clzw, 0xf, 0xff000000010000
  TEST_R 50, clzw, 0x20, 0x100000000
  TEST_R 51, clzw, 0x20, 0xfffffffe00000000
  TEST_R 52, clzw, 0x10, 0x8080
  // ---- ctzw
  TEST_R 53, ctzw, 0x20, 0x0
  TEST_R 54, ctzw, 0x0, 0x1
  TEST_R 55, ctzw, 0x0, 0xffffffffffffffff
#ifndef QEMU_ORACLE  // QEMU 7.2 bug: ctzw counts into the upper 32 bits
  TEST_R 56, ctzw, 0x20, 0x8000000000000000
#endif
  TEST_R 57, ctzw, 0x0, 0x7fffffffffffffff
  TEST_R 58, ctzw, 0x0, 0xffffffff
  TEST_R 59, ctzw, 0x1f, 0xffffffff80000000
  TEST_R 60, ctzw, 0x4, 0x123456789abcdef0
  TEST_R 61, ctzw, 0x1f, 0x80000000
  TEST_R 62, ctzw, 0x10, 0xff000000010000
#ifndef QEMU_ORACLE  // QEMU 7.2 bug: ctzw counts into the upper 32 bits
  TEST_R 63, ctzw, 0x20, 0x100000000
#endif
#ifndef QEMU_ORACLE  // QEMU 7.2 bug: ctzw counts into the upper 32 bits
  TEST_R 64, ctzw, 0x20, 0xfffffffe00000000
#endif
  TEST_R 65, ctzw, 0x7, 0x8080
  // ---- cpopw
  TEST_R 66, cpopw, 0x0, 0x0
  TEST_R 67, cpopw, 0x1, 0x1
  TEST_R 68, cpopw, 0x20, 0xffffffffffffffff
  TEST_R 69, cpopw, 0x0, 0x8000000000000000
  TEST_R 70, cpopw, 0x20, 0x7fffffffffffffff
  TEST_R 71, cpopw, 0x20, 0xffffffff
  TEST_R 72, cpopw, 0x1, 0xffffffff80000000
  TEST_R 73, cpopw, 0x13, 0x123456789abcdef0
  TEST_R 74, cpopw, 0x1, 0x80000000
  TEST_R 75, cpopw, 0x1, 0xff000000010000
  TEST_R 76, cpopw, 0x0, 0x100000000
  TEST_R 77, cpopw, 0x0, 0xfffffffe00000000
  TEST_R 78, cpopw, 0x2, 0x8080
  // ---- sext.b
  TEST_R 79, sext.b, 0x0, 0x0
  TEST_R 80, sext.b, 0x1, 0x1
  TEST_R 81, sext.b, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_R 82, sext.b, 0x0, 0x8000000000000000
  TEST_R 83, sext.b, 0xffffffffffffffff, 0x7fffffffffffffff
  TEST_R 84, sext.b, 0xffffffffffffffff, 0xffffffff
  TEST_R 85, sext.b, 0x0, 0xffffffff80000000
  TEST_R 86, sext.b, 0xfffffffffffffff0, 0x123456789abcdef0
  TEST_R 87, sext.b, 0x0, 0x80000000
  TEST_R 88, sext.b, 0x0, 0xff000000010000
  TEST_R 89, sext.b, 0x0, 0x100000000
  TEST_R 90, sext.b, 0x0, 0xfffffffe00000000
  TEST_R 91, sext.b, 0xffffffffffffff80, 0x8080
  // ---- sext.h
  TEST_R 92, sext.h, 0x0, 0x0
  TEST_R 93, sext.h, 0x1, 0x1
  TEST_R 94, sext.h, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_R 95, sext.h, 0x0, 0x8000000000000000
  TEST_R 96, sext.h, 0xffffffffffffffff, 0x7fffffffffffffff
  TEST_R 97, sext.h, 0xffffffffffffffff, 0xffffffff
  TEST_R 98, sext.h, 0x0, 0xffffffff80000000
  TEST_R 99, sext.h, 0xffffffffffffdef0, 0x123456789abcdef0
  TEST_R 100, sext.h, 0x0, 0x80000000
  TEST_R 101, sext.h, 0x0, 0xff000000010000
  TEST_R 102, sext.h, 0x0, 0x100000000
  TEST_R 103, sext.h, 0x0, 0xfffffffe00000000
  TEST_R 104, sext.h, 0xffffffffffff8080, 0x8080
  // ---- zext.h
  TEST_R 105, zext.h, 0x0, 0x0
  TEST_R 106, zext.h, 0x1, 0x1
  TEST_R 107, zext.h, 0xffff, 0xffffffffffffffff
  TEST_R 108, zext.h, 0x0, 0x8000000000000000
  TEST_R 109, zext.h, 0xffff, 0x7fffffffffffffff
  TEST_R 110, zext.h, 0xffff, 0xffffffff
  TEST_R 111, zext.h, 0x0, 0xffffffff80000000
  TEST_R 112, zext.h, 0xdef0, 0x123456789abcdef0
  TEST_R 113, zext.h, 0x0, 0x80000000
  TEST_R 114, zext.h, 0x0, 0xff000000010000
  TEST_R 115, zext.h, 0x0, 0x100000000
  TEST_R 116, zext.h, 0x0, 0xfffffffe00000000
  TEST_R 117, zext.h, 0x8080, 0x8080
  // ---- orc.b
  TEST_R 118, orc.b, 0x0, 0x0
  TEST_R 119, orc.b, 0xff, 0x1
  TEST_R 120, orc.b, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_R 121, orc.b, 0xff00000000000000, 0x8000000000000000
  TEST_R 122, orc.b, 0xffffffffffffffff, 0x7fffffffffffffff
  TEST_R 123, orc.b, 0xffffffff, 0xffffffff
  TEST_R 124, orc.b, 0xffffffffff000000, 0xffffffff80000000
  TEST_R 125, orc.b, 0xffffffffffffffff, 0x123456789abcdef0
  TEST_R 126, orc.b, 0xff000000, 0x80000000
  TEST_R 127, orc.b, 0xff000000ff0000, 0xff000000010000
  TEST_R 128, orc.b, 0xff00000000, 0x100000000
  TEST_R 129, orc.b, 0xffffffff00000000, 0xfffffffe00000000
  TEST_R 130, orc.b, 0xffff, 0x8080
  // ---- rev8
  TEST_R 131, rev8, 0x0, 0x0
  TEST_R 132, rev8, 0x100000000000000, 0x1
  TEST_R 133, rev8, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_R 134, rev8, 0x80, 0x8000000000000000
  TEST_R 135, rev8, 0xffffffffffffff7f, 0x7fffffffffffffff
  TEST_R 136, rev8, 0xffffffff00000000, 0xffffffff
  TEST_R 137, rev8, 0x80ffffffff, 0xffffffff80000000
  TEST_R 138, rev8, 0xf0debc9a78563412, 0x123456789abcdef0
  TEST_R 139, rev8, 0x8000000000, 0x80000000
  TEST_R 140, rev8, 0x1000000ff00, 0xff000000010000
  TEST_R 141, rev8, 0x1000000, 0x100000000
  TEST_R 142, rev8, 0xfeffffff, 0xfffffffe00000000
  TEST_R 143, rev8, 0x8080000000000000, 0x8080
  // 143 tests
  PASS
