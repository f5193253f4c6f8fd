// RV64M multiplication: mul, mulh, mulhu, mulhsu, mulw (signed/unsigned high halves,
// overflow wrap, 32-bit sign extension).
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- mul
  TEST_RR 1, mul, 0x0, 0x0, 0x0
  TEST_RR 2, mul, 0x1, 0x1, 0x1
  TEST_RR 3, mul, 0x15, 0x3, 0x7
  TEST_RR 4, mul, 0x1, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 5, mul, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 6, mul, 0xffffffffffffffff, 0x1, 0xffffffffffffffff
  TEST_RR 7, mul, 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff
  TEST_RR 8, mul, 0x0, 0x8000000000000000, 0x8000000000000000
  TEST_RR 9, mul, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 10, mul, 0x8000000000000000, 0x8000000000000000, 0x1
  TEST_RR 11, mul, 0xfffffffe00000001, 0xffffffff, 0xffffffff
  TEST_RR 12, mul, 0x0, 0x100000000, 0x100000000
  TEST_RR 13, mul, 0x236d88fe5618cf00, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 14, mul, 0xffffffffffffffeb, 0xfffffffffffffff9, 0x3
  TEST_RR 15, mul, 0xffffffffffffffeb, 0x7, 0xfffffffffffffffd
  TEST_RR 16, mul, 0xff7f, 0xaaaaaaaaaaaaaaab, 0x2fe7d
  TEST_RR 17, mul, 0xfffe01fe01fe0200, 0xff00ff00ff00, 0xfffffffffffffffe
  TEST_RR 18, mul, 0x0, 0x5, 0x0
  TEST_RR_ALIAS 19, mul, 0x123456789abcdef1, 0xfedcba987654321f
  // ---- mulh
  TEST_RR 20, mulh, 0x0, 0x0, 0x0
  TEST_RR 21, mulh, 0x0, 0x1, 0x1
  TEST_RR 22, mulh, 0x0, 0x3, 0x7
  TEST_RR 23, mulh, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 24, mulh, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 25, mulh, 0xffffffffffffffff, 0x1, 0xffffffffffffffff
  TEST_RR 26, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff
  TEST_RR 27, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
  TEST_RR 28, mulh, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 29, mulh, 0xffffffffffffffff, 0x8000000000000000, 0x1
  TEST_RR 30, mulh, 0x0, 0xffffffff, 0xffffffff
  TEST_RR 31, mulh, 0x1, 0x100000000, 0x100000000
  TEST_RR 32, mulh, 0xffeb49923cc09532, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 33, mulh, 0xffffffffffffffff, 0xfffffffffffffff9, 0x3
  TEST_RR 34, mulh, 0xffffffffffffffff, 0x7, 0xfffffffffffffffd
  TEST_RR 35, mulh, 0xffffffffffff0081, 0xaaaaaaaaaaaaaaab, 0x2fe7d
  TEST_RR 36, mulh, 0xffffffffffffffff, 0xff00ff00ff00, 0xfffffffffffffffe
  TEST_RR 37, mulh, 0x0, 0x5, 0x0
  TEST_RR_ALIAS 38, mulh, 0x123456789abcdef1, 0xfedcba987654321f
  // ---- mulhu
  TEST_RR 39, mulhu, 0x0, 0x0, 0x0
  TEST_RR 40, mulhu, 0x0, 0x1, 0x1
  TEST_RR 41, mulhu, 0x0, 0x3, 0x7
  TEST_RR 42, mulhu, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 43, mulhu, 0x0, 0xffffffffffffffff, 0x1
  TEST_RR 44, mulhu, 0x0, 0x1, 0xffffffffffffffff
  TEST_RR 45, mulhu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff
  TEST_RR 46, mulhu, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
  TEST_RR 47, mulhu, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 48, mulhu, 0x0, 0x8000000000000000, 0x1
  TEST_RR 49, mulhu, 0x0, 0xffffffff, 0xffffffff
  TEST_RR 50, mulhu, 0x1, 0x100000000, 0x100000000
  TEST_RR 51, mulhu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 52, mulhu, 0x2, 0xfffffffffffffff9, 0x3
  TEST_RR 53, mulhu, 0x6, 0x7, 0xfffffffffffffffd
  TEST_RR 54, mulhu, 0x1fefe, 0xaaaaaaaaaaaaaaab, 0x2fe7d
  TEST_RR 55, mulhu, 0xff00ff00feff, 0xff00ff00ff00, 0xfffffffffffffffe
  TEST_RR 56, mulhu, 0x0, 0x5, 0x0
  TEST_RR_ALIAS 57, mulhu, 0x123456789abcdef1, 0xfedcba987654321f
  // ---- mulhsu
  TEST_RR 58, mulhsu, 0x0, 0x0, 0x0
  TEST_RR 59, mulhsu, 0x0, 0x1, 0x1
  TEST_RR 60, mulhsu, 0x0, 0x3, 0x7
  TEST_RR 61, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 62, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 63, mulhsu, 0x0, 0x1, 0xffffffffffffffff
  TEST_RR 64, mulhsu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff
  TEST_RR 65, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000
  TEST_RR 66, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 67, mulhsu, 0xffffffffffffffff, 0x8000000000000000, 0x1
  TEST_RR 68, mulhsu, 0x0, 0xffffffff, 0xffffffff
  TEST_RR 69, mulhsu, 0x1, 0x100000000, 0x100000000
  TEST_RR 70, mulhsu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 71, mulhsu, 0xffffffffffffffff, 0xfffffffffffffff9, 0x3
  TEST_RR 72, mulhsu, 0x6, 0x7, 0xfffffffffffffffd
  TEST_RR 73, mulhsu, 0xffffffffffff0081, 0xaaaaaaaaaaaaaaab, 0x2fe7d
  TEST_RR 74, mulhsu, 0xff00ff00feff, 0xff00ff00ff00, 0xfffffffffffffffe
  TEST_RR 75, mulhsu, 0x0, 0x5, 0x0
  TEST_RR_ALIAS 76, mulhsu, 0x123456789abcdef1, 0xfedcba987654321f
  // ---- mulw
  TEST_RR 77, mulw, 0x0, 0x0, 0x0
  TEST_RR 78, mulw, 0x1, 0x1, 0x1
  TEST_RR 79, mulw, 0x15, 0x3, 0x7
  TEST_RR 80, mulw, 0x1, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 81, mulw, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
  TEST_RR 82, mulw, 0xffffffffffffffff, 0x1, 0xffffffffffffffff
  TEST_RR 83, mulw, 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff
  TEST_RR 84, mulw, 0x0, 0x8000000000000000, 0x8000000000000000
  TEST_RR 85, mulw, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 86, mulw, 0x0, 0x8000000000000000, 0x1
  TEST_RR 87, mulw, 0x1, 0xffffffff, 0xffffffff
  TEST_RR 88, mulw, 0x0, 0x100000000, 0x100000000
  TEST_RR 89, mulw, 0x5618cf00, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 90, mulw, 0xffffffffffffffeb, 0xfffffffffffffff9, 0x3
  TEST_RR 91, mulw, 0xffffffffffffffeb, 0x7, 0xfffffffffffffffd
  TEST_RR 92, mulw, 0xff7f, 0xaaaaaaaaaaaaaaab, 0x2fe7d
  TEST_RR 93, mulw, 0x1fe0200, 0xff00ff00ff00, 0xfffffffffffffffe
  TEST_RR 94, mulw, 0x0, 0x5, 0x0
  TEST_RR 95, mulw, 0xfffffffffffffffe, 0x7fffffff, 0x2
  TEST_RR 96, mulw, 0xffffffff80000000, 0x80000000, 0xffffffffffffffff
  TEST_RR 97, mulw, 0x23456789, 0x123456789, 0x100000001
  TEST_RR 98, mulw, 0x0, 0xffffffff80000000, 0xffffffff80000000
  TEST_RR_ALIAS 99, mulw, 0x123456789abcdef1, 0xfedcba987654321f
  // 99 tests
  PASS
