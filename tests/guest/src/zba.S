// Zba: sh1add/sh2add/sh3add, add.uw, sh1add.uw/sh2add.uw/sh3add.uw (rs1 zero-extended
// from 32 bits), slli.uw (incl. shamt >= 32), and zext.w (add.uw rd, rs, x0).
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- sh1add
  TEST_RR 1, sh1add, 0x0, 0x0, 0x0
  TEST_RR 2, sh1add, 0x4, 0x1, 0x2
  TEST_RR 3, sh1add, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 4, sh1add, 0x0, 0x8000000000000000, 0x0
  TEST_RR 5, sh1add, 0xffffffffffffffff, 0x7fffffffffffffff, 0x1
  TEST_RR 6, sh1add, 0x2fffffffe, 0xffffffff, 0x100000000
  TEST_RR 7, sh1add, 0xffffffff00000005, 0xffffffff80000000, 0x5
  TEST_RR 8, sh1add, 0x23456789abcdeff0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 9, sh1add, 0x100000001, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 10, sh1add, 0x8123456789abcdef, 0xfedcba987654321
  // ---- sh2add
  TEST_RR 11, sh2add, 0x0, 0x0, 0x0
  TEST_RR 12, sh2add, 0x6, 0x1, 0x2
  TEST_RR 13, sh2add, 0xfffffffffffffffd, 0xffffffffffffffff, 0x1
  TEST_RR 14, sh2add, 0x0, 0x8000000000000000, 0x0
  TEST_RR 15, sh2add, 0xfffffffffffffffd, 0x7fffffffffffffff, 0x1
  TEST_RR 16, sh2add, 0x4fffffffc, 0xffffffff, 0x100000000
  TEST_RR 17, sh2add, 0xfffffffe00000005, 0xffffffff80000000, 0x5
  TEST_RR 18, sh2add, 0x47ae147ae147add0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 19, sh2add, 0x200000003, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 20, sh2add, 0x8123456789abcdef, 0xfedcba987654321
  // ---- sh3add
  TEST_RR 21, sh3add, 0x0, 0x0, 0x0
  TEST_RR 22, sh3add, 0xa, 0x1, 0x2
  TEST_RR 23, sh3add, 0xfffffffffffffff9, 0xffffffffffffffff, 0x1
  TEST_RR 24, sh3add, 0x0, 0x8000000000000000, 0x0
  TEST_RR 25, sh3add, 0xfffffffffffffff9, 0x7fffffffffffffff, 0x1
  TEST_RR 26, sh3add, 0x8fffffff8, 0xffffffff, 0x100000000
  TEST_RR 27, sh3add, 0xfffffffc00000005, 0xffffffff80000000, 0x5
  TEST_RR 28, sh3add, 0x907f6e5d4c3b2990, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 29, sh3add, 0x400000007, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 30, sh3add, 0x8123456789abcdef, 0xfedcba987654321
  // ---- add.uw
  TEST_RR 31, add.uw, 0x0, 0x0, 0x0
  TEST_RR 32, add.uw, 0x3, 0x1, 0x2
  TEST_RR 33, add.uw, 0x100000000, 0xffffffffffffffff, 0x1
  TEST_RR 34, add.uw, 0x0, 0x8000000000000000, 0x0
  TEST_RR 35, add.uw, 0x100000000, 0x7fffffffffffffff, 0x1
  TEST_RR 36, add.uw, 0x1ffffffff, 0xffffffff, 0x100000000
  TEST_RR 37, add.uw, 0x80000005, 0xffffffff80000000, 0x5
  TEST_RR 38, add.uw, 0xfedcba9911111100, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 39, add.uw, 0x80000000, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 40, add.uw, 0x8123456789abcdef, 0xfedcba987654321
  // ---- sh1add.uw
  TEST_RR 41, sh1add.uw, 0x0, 0x0, 0x0
  TEST_RR 42, sh1add.uw, 0x4, 0x1, 0x2
  TEST_RR 43, sh1add.uw, 0x1ffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 44, sh1add.uw, 0x0, 0x8000000000000000, 0x0
  TEST_RR 45, sh1add.uw, 0x1ffffffff, 0x7fffffffffffffff, 0x1
  TEST_RR 46, sh1add.uw, 0x2fffffffe, 0xffffffff, 0x100000000
  TEST_RR 47, sh1add.uw, 0x100000005, 0xffffffff80000000, 0x5
  TEST_RR 48, sh1add.uw, 0xfedcba99abcdeff0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 49, sh1add.uw, 0x100000001, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 50, sh1add.uw, 0x8123456789abcdef, 0xfedcba987654321
  // ---- sh2add.uw
  TEST_RR 51, sh2add.uw, 0x0, 0x0, 0x0
  TEST_RR 52, sh2add.uw, 0x6, 0x1, 0x2
  TEST_RR 53, sh2add.uw, 0x3fffffffd, 0xffffffffffffffff, 0x1
  TEST_RR 54, sh2add.uw, 0x0, 0x8000000000000000, 0x0
  TEST_RR 55, sh2add.uw, 0x3fffffffd, 0x7fffffffffffffff, 0x1
  TEST_RR 56, sh2add.uw, 0x4fffffffc, 0xffffffff, 0x100000000
  TEST_RR 57, sh2add.uw, 0x200000005, 0xffffffff80000000, 0x5
  TEST_RR 58, sh2add.uw, 0xfedcba9ae147add0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 59, sh2add.uw, 0x200000003, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 60, sh2add.uw, 0x8123456789abcdef, 0xfedcba987654321
  // ---- sh3add.uw
  TEST_RR 61, sh3add.uw, 0x0, 0x0, 0x0
  TEST_RR 62, sh3add.uw, 0xa, 0x1, 0x2
  TEST_RR 63, sh3add.uw, 0x7fffffff9, 0xffffffffffffffff, 0x1
  TEST_RR 64, sh3add.uw, 0x0, 0x8000000000000000, 0x0
  TEST_RR 65, sh3add.uw, 0x7fffffff9, 0x7fffffffffffffff, 0x1
  TEST_RR 66, sh3add.uw, 0x8fffffff8, 0xffffffff, 0x100000000
  TEST_RR 67, sh3add.uw, 0x400000005, 0xffffffff80000000, 0x5
  TEST_RR 68, sh3add.uw, 0xfedcba9d4c3b2990, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 69, sh3add.uw, 0x400000007, 0x80000001, 0xffffffffffffffff
  TEST_RR_ALIAS 70, sh3add.uw, 0x8123456789abcdef, 0xfedcba987654321
  // ---- slli.uw
  TEST_RI 71, slli.uw, 0xffffffff, 0xffffffffffffffff, 0
  TEST_RI 72, slli.uw, 0x1fffffffe, 0xffffffffffffffff, 1
  TEST_RI 73, slli.uw, 0x7fffffff80000000, 0xffffffffffffffff, 31
  TEST_RI 74, slli.uw, 0xffffffff00000000, 0xffffffffffffffff, 32
  TEST_RI 75, slli.uw, 0x8000000000000000, 0xffffffffffffffff, 63
  TEST_RI 76, slli.uw, 0x80000001, 0x80000001, 0
  TEST_RI 77, slli.uw, 0x100000002, 0x80000001, 1
  TEST_RI 78, slli.uw, 0x4000000080000000, 0x80000001, 31
  TEST_RI 79, slli.uw, 0x8000000100000000, 0x80000001, 32
  TEST_RI 80, slli.uw, 0x8000000000000000, 0x80000001, 63
  TEST_RI 81, slli.uw, 0x9abcdef0, 0x123456789abcdef0, 0
  TEST_RI 82, slli.uw, 0x13579bde0, 0x123456789abcdef0, 1
  TEST_RI 83, slli.uw, 0x4d5e6f7800000000, 0x123456789abcdef0, 31
  TEST_RI 84, slli.uw, 0x9abcdef000000000, 0x123456789abcdef0, 32
  TEST_RI 85, slli.uw, 0x0, 0x123456789abcdef0, 63
  // ---- zext.w
  TEST_R 86, zext.w, 0x0, 0x0
  TEST_R 87, zext.w, 0xffffffff, 0xffffffffffffffff
  TEST_R 88, zext.w, 0x80000000, 0xffffffff80000000
  TEST_R 89, zext.w, 0x9abcdef0, 0x123456789abcdef0
  // 89 tests
  PASS
