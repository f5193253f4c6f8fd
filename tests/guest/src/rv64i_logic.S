// RV64I and/or/xor and andi/ori/xori
// Generated values; each TEST_RR checks rd for given rs1/rs2.
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- and
  TEST_RR 1, and, 0x0, 0x0, 0x0
  TEST_RR 2, and, 0x1, 0x1, 0x1
  TEST_RR 3, and, 0x3, 0x3, 0x7
  TEST_RR 4, and, 0x1, 0xffffffffffffffff, 0x1
  TEST_RR 5, and, 0x1, 0x1, 0xffffffffffffffff
  TEST_RR 6, and, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 7, and, 0x1, 0x7fffffffffffffff, 0x1
  TEST_RR 8, and, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 9, and, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000
  TEST_RR 10, and, 0x1, 0x7fffffff, 0x1
  TEST_RR 11, and, 0x1, 0xffffffff, 0x1
  TEST_RR 12, and, 0x80000000, 0x80000000, 0x80000000
  TEST_RR 13, and, 0x1214121812141210, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 14, and, 0xf000f000f000f0, 0xff00ff00ff00ff, 0xff00ff00ff00ff0
  TEST_RR 15, and, 0x3, 0xfffffffffffffffb, 0x3
  TEST_RR 16, and, 0x5, 0x5, 0xfffffffffffffffd
  TEST_RR 17, and, 0x0, 0x7fffffffffffffff, 0x8000000000000000
  TEST_RR_ALIAS 18, and, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0
  // ---- or
  TEST_RR 19, or, 0x0, 0x0, 0x0
  TEST_RR 20, or, 0x1, 0x1, 0x1
  TEST_RR 21, or, 0x7, 0x3, 0x7
  TEST_RR 22, or, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 23, or, 0xffffffffffffffff, 0x1, 0xffffffffffffffff
  TEST_RR 24, or, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 25, or, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1
  TEST_RR 26, or, 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 27, or, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000
  TEST_RR 28, or, 0x7fffffff, 0x7fffffff, 0x1
  TEST_RR 29, or, 0xffffffff, 0xffffffff, 0x1
  TEST_RR 30, or, 0x80000000, 0x80000000, 0x80000000
  TEST_RR 31, or, 0xfefcfef8fefcfef0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 32, or, 0xfff0fff0fff0fff, 0xff00ff00ff00ff, 0xff00ff00ff00ff0
  TEST_RR 33, or, 0xfffffffffffffffb, 0xfffffffffffffffb, 0x3
  TEST_RR 34, or, 0xfffffffffffffffd, 0x5, 0xfffffffffffffffd
  TEST_RR 35, or, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000
  TEST_RR_ALIAS 36, or, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0
  // ---- xor
  TEST_RR 37, xor, 0x0, 0x0, 0x0
  TEST_RR 38, xor, 0x0, 0x1, 0x1
  TEST_RR 39, xor, 0x4, 0x3, 0x7
  TEST_RR 40, xor, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1
  TEST_RR 41, xor, 0xfffffffffffffffe, 0x1, 0xffffffffffffffff
  TEST_RR 42, xor, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 43, xor, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0x1
  TEST_RR 44, xor, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 45, xor, 0x0, 0x8000000000000000, 0x8000000000000000
  TEST_RR 46, xor, 0x7ffffffe, 0x7fffffff, 0x1
  TEST_RR 47, xor, 0xfffffffe, 0xffffffff, 0x1
  TEST_RR 48, xor, 0x0, 0x80000000, 0x80000000
  TEST_RR 49, xor, 0xece8ece0ece8ece0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 50, xor, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff, 0xff00ff00ff00ff0
  TEST_RR 51, xor, 0xfffffffffffffff8, 0xfffffffffffffffb, 0x3
  TEST_RR 52, xor, 0xfffffffffffffff8, 0x5, 0xfffffffffffffffd
  TEST_RR 53, xor, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000
  TEST_RR_ALIAS 54, xor, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0
  // ---- andi
  TEST_RI 55, andi, 0x0, 0x0, 0
  TEST_RI 56, andi, 0x0, 0x0, -1
  TEST_RI 57, andi, 0x0, 0x0, 2047
  TEST_RI 58, andi, 0x0, 0x0, -2048
  TEST_RI 59, andi, 0x0, 0x0, 240
  TEST_RI 60, andi, 0x0, 0x0, -241
  TEST_RI 61, andi, 0x0, 0xffffffffffffffff, 0
  TEST_RI 62, andi, 0xffffffffffffffff, 0xffffffffffffffff, -1
  TEST_RI 63, andi, 0x7ff, 0xffffffffffffffff, 2047
  TEST_RI 64, andi, 0xfffffffffffff800, 0xffffffffffffffff, -2048
  TEST_RI 65, andi, 0xf0, 0xffffffffffffffff, 240
  TEST_RI 66, andi, 0xffffffffffffff0f, 0xffffffffffffffff, -241
  TEST_RI 67, andi, 0x0, 0xff00ff00ff00ff00, 0
  TEST_RI 68, andi, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, -1
  TEST_RI 69, andi, 0x700, 0xff00ff00ff00ff00, 2047
  TEST_RI 70, andi, 0xff00ff00ff00f800, 0xff00ff00ff00ff00, -2048
  TEST_RI 71, andi, 0x0, 0xff00ff00ff00ff00, 240
  TEST_RI 72, andi, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, -241
  TEST_RI 73, andi, 0x0, 0xff00ff00ff00ff, 0
  TEST_RI 74, andi, 0xff00ff00ff00ff, 0xff00ff00ff00ff, -1
  TEST_RI 75, andi, 0xff, 0xff00ff00ff00ff, 2047
  TEST_RI 76, andi, 0xff00ff00ff0000, 0xff00ff00ff00ff, -2048
  TEST_RI 77, andi, 0xf0, 0xff00ff00ff00ff, 240
  TEST_RI 78, andi, 0xff00ff00ff000f, 0xff00ff00ff00ff, -241
  TEST_RI 79, andi, 0x0, 0x123456789abcdef0, 0
  TEST_RI 80, andi, 0x123456789abcdef0, 0x123456789abcdef0, -1
  TEST_RI 81, andi, 0x6f0, 0x123456789abcdef0, 2047
  TEST_RI 82, andi, 0x123456789abcd800, 0x123456789abcdef0, -2048
  TEST_RI 83, andi, 0xf0, 0x123456789abcdef0, 240
  TEST_RI 84, andi, 0x123456789abcde00, 0x123456789abcdef0, -241
  // ---- ori
  TEST_RI 85, ori, 0x0, 0x0, 0
  TEST_RI 86, ori, 0xffffffffffffffff, 0x0, -1
  TEST_RI 87, ori, 0x7ff, 0x0, 2047
  TEST_RI 88, ori, 0xfffffffffffff800, 0x0, -2048
  TEST_RI 89, ori, 0xf0, 0x0, 240
  TEST_RI 90, ori, 0xffffffffffffff0f, 0x0, -241
  TEST_RI 91, ori, 0xffffffffffffffff, 0xffffffffffffffff, 0
  TEST_RI 92, ori, 0xffffffffffffffff, 0xffffffffffffffff, -1
  TEST_RI 93, ori, 0xffffffffffffffff, 0xffffffffffffffff, 2047
  TEST_RI 94, ori, 0xffffffffffffffff, 0xffffffffffffffff, -2048
  TEST_RI 95, ori, 0xffffffffffffffff, 0xffffffffffffffff, 240
  TEST_RI 96, ori, 0xffffffffffffffff, 0xffffffffffffffff, -241
  TEST_RI 97, ori, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, 0
  TEST_RI 98, ori, 0xffffffffffffffff, 0xff00ff00ff00ff00, -1
  TEST_RI 99, ori, 0xff00ff00ff00ffff, 0xff00ff00ff00ff00, 2047
  TEST_RI 100, ori, 0xffffffffffffff00, 0xff00ff00ff00ff00, -2048
  TEST_RI 101, ori, 0xff00ff00ff00fff0, 0xff00ff00ff00ff00, 240
  TEST_RI 102, ori, 0xffffffffffffff0f, 0xff00ff00ff00ff00, -241
  TEST_RI 103, ori, 0xff00ff00ff00ff, 0xff00ff00ff00ff, 0
  TEST_RI 104, ori, 0xffffffffffffffff, 0xff00ff00ff00ff, -1
  TEST_RI 105, ori, 0xff00ff00ff07ff, 0xff00ff00ff00ff, 2047
  TEST_RI 106, ori, 0xfffffffffffff8ff, 0xff00ff00ff00ff, -2048
  TEST_RI 107, ori, 0xff00ff00ff00ff, 0xff00ff00ff00ff, 240
  TEST_RI 108, ori, 0xffffffffffffffff, 0xff00ff00ff00ff, -241
  TEST_RI 109, ori, 0x123456789abcdef0, 0x123456789abcdef0, 0
  TEST_RI 110, ori, 0xffffffffffffffff, 0x123456789abcdef0, -1
  TEST_RI 111, ori, 0x123456789abcdfff, 0x123456789abcdef0, 2047
  TEST_RI 112, ori, 0xfffffffffffffef0, 0x123456789abcdef0, -2048
  TEST_RI 113, ori, 0x123456789abcdef0, 0x123456789abcdef0, 240
  TEST_RI 114, ori, 0xffffffffffffffff, 0x123456789abcdef0, -241
  // ---- xori
  TEST_RI 115, xori, 0x0, 0x0, 0
  TEST_RI 116, xori, 0xffffffffffffffff, 0x0, -1
  TEST_RI 117, xori, 0x7ff, 0x0, 2047
  TEST_RI 118, xori, 0xfffffffffffff800, 0x0, -2048
  TEST_RI 119, xori, 0xf0, 0x0, 240
  TEST_RI 120, xori, 0xffffffffffffff0f, 0x0, -241
  TEST_RI 121, xori, 0xffffffffffffffff, 0xffffffffffffffff, 0
  TEST_RI 122, xori, 0x0, 0xffffffffffffffff, -1
  TEST_RI 123, xori, 0xfffffffffffff800, 0xffffffffffffffff, 2047
  TEST_RI 124, xori, 0x7ff, 0xffffffffffffffff, -2048
  TEST_RI 125, xori, 0xffffffffffffff0f, 0xffffffffffffffff, 240
  TEST_RI 126, xori, 0xf0, 0xffffffffffffffff, -241
  TEST_RI 127, xori, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, 0
  TEST_RI 128, xori, 0xff00ff00ff00ff, 0xff00ff00ff00ff00, -1
  TEST_RI 129, xori, 0xff00ff00ff00f8ff, 0xff00ff00ff00ff00, 2047
  TEST_RI 130, xori, 0xff00ff00ff0700, 0xff00ff00ff00ff00, -2048
  TEST_RI 131, xori, 0xff00ff00ff00fff0, 0xff00ff00ff00ff00, 240
  TEST_RI 132, xori, 0xff00ff00ff000f, 0xff00ff00ff00ff00, -241
  TEST_RI 133, xori, 0xff00ff00ff00ff, 0xff00ff00ff00ff, 0
  TEST_RI 134, xori, 0xff00ff00ff00ff00, 0xff00ff00ff00ff, -1
  TEST_RI 135, xori, 0xff00ff00ff0700, 0xff00ff00ff00ff, 2047
  TEST_RI 136, xori, 0xff00ff00ff00f8ff, 0xff00ff00ff00ff, -2048
  TEST_RI 137, xori, 0xff00ff00ff000f, 0xff00ff00ff00ff, 240
  TEST_RI 138, xori, 0xff00ff00ff00fff0, 0xff00ff00ff00ff, -241
  TEST_RI 139, xori, 0x123456789abcdef0, 0x123456789abcdef0, 0
  TEST_RI 140, xori, 0xedcba9876543210f, 0x123456789abcdef0, -1
  TEST_RI 141, xori, 0x123456789abcd90f, 0x123456789abcdef0, 2047
  TEST_RI 142, xori, 0xedcba987654326f0, 0x123456789abcdef0, -2048
  TEST_RI 143, xori, 0x123456789abcde00, 0x123456789abcdef0, 240
  TEST_RI 144, xori, 0xedcba987654321ff, 0x123456789abcdef0, -241
  // 144 tests
  PASS
