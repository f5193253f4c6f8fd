// Zbb: andn/orn/xnor, max/maxu/min/minu.
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- andn
  TEST_RR 1, andn, 0x0, 0x0, 0x0
  TEST_RR 2, andn, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 3, andn, 0xf000f000f000f000, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 4, andn, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 5, andn, 0x0, 0x1, 0xffffffffffffffff
  TEST_RR 6, andn, 0x20446088a8cce0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR_ALIAS 7, andn, 0x8123456789abcdef, 0xfedcba987654321
  // ---- orn
  TEST_RR 8, orn, 0xffffffffffffffff, 0x0, 0x0
  TEST_RR 9, orn, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 10, orn, 0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 11, orn, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 12, orn, 0x1, 0x1, 0xffffffffffffffff
  TEST_RR 13, orn, 0x1337577f9bbfdfff, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR_ALIAS 14, orn, 0x8123456789abcdef, 0xfedcba987654321
  // ---- xnor
  TEST_RR 15, xnor, 0xffffffffffffffff, 0x0, 0x0
  TEST_RR 16, xnor, 0x0, 0xffffffffffffffff, 0x0
  TEST_RR 17, xnor, 0xff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 18, xnor, 0x0, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 19, xnor, 0x1, 0x1, 0xffffffffffffffff
  TEST_RR 20, xnor, 0x1317131f1317131f, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR_ALIAS 21, xnor, 0x8123456789abcdef, 0xfedcba987654321
  // ---- min
  TEST_RR 22, min, 0x0, 0x0, 0x0
  TEST_RR 23, min, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 24, min, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 25, min, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 26, min, 0xffffffffffffffff, 0x1, 0xffffffffffffffff
  TEST_RR 27, min, 0xfedcba9876543210, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 28, min, 0xfffffffffffffffb, 0xfffffffffffffffb, 0x3
  TEST_RR 29, min, 0xfffffffffffffffb, 0x3, 0xfffffffffffffffb
  TEST_RR 30, min, 0x7fffffff, 0x80000000, 0x7fffffff
  TEST_RR 31, min, 0x7, 0x7, 0x7
  TEST_RR_ALIAS 32, min, 0x8123456789abcdef, 0xfedcba987654321
  // ---- max
  TEST_RR 33, max, 0x0, 0x0, 0x0
  TEST_RR 34, max, 0x0, 0xffffffffffffffff, 0x0
  TEST_RR 35, max, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 36, max, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 37, max, 0x1, 0x1, 0xffffffffffffffff
  TEST_RR 38, max, 0x123456789abcdef0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 39, max, 0x3, 0xfffffffffffffffb, 0x3
  TEST_RR 40, max, 0x3, 0x3, 0xfffffffffffffffb
  TEST_RR 41, max, 0x80000000, 0x80000000, 0x7fffffff
  TEST_RR 42, max, 0x7, 0x7, 0x7
  TEST_RR_ALIAS 43, max, 0x8123456789abcdef, 0xfedcba987654321
  // ---- minu
  TEST_RR 44, minu, 0x0, 0x0, 0x0
  TEST_RR 45, minu, 0x0, 0xffffffffffffffff, 0x0
  TEST_RR 46, minu, 0xf0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 47, minu, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 48, minu, 0x1, 0x1, 0xffffffffffffffff
  TEST_RR 49, minu, 0x123456789abcdef0, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 50, minu, 0x3, 0xfffffffffffffffb, 0x3
  TEST_RR 51, minu, 0x3, 0x3, 0xfffffffffffffffb
  TEST_RR 52, minu, 0x7fffffff, 0x80000000, 0x7fffffff
  TEST_RR 53, minu, 0x7, 0x7, 0x7
  TEST_RR_ALIAS 54, minu, 0x8123456789abcdef, 0xfedcba987654321
  // ---- maxu
  TEST_RR 55, maxu, 0x0, 0x0, 0x0
  TEST_RR 56, maxu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 57, maxu, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f
  TEST_RR 58, maxu, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff
  TEST_RR 59, maxu, 0xffffffffffffffff, 0x1, 0xffffffffffffffff
  TEST_RR 60, maxu, 0xfedcba9876543210, 0x123456789abcdef0, 0xfedcba9876543210
  TEST_RR 61, maxu, 0xfffffffffffffffb, 0xfffffffffffffffb, 0x3
  TEST_RR 62, maxu, 0xfffffffffffffffb, 0x3, 0xfffffffffffffffb
  TEST_RR 63, maxu, 0x80000000, 0x80000000, 0x7fffffff
  TEST_RR 64, maxu, 0x7, 0x7, 0x7
  TEST_RR_ALIAS 65, maxu, 0x8123456789abcdef, 0xfedcba987654321
  // 65 tests
  PASS
