// Zbb: rol/ror/rori and rolw/rorw/roriw (shift amounts masked, w forms sign-extend).
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- rol
  TEST_RR 1, rol, 0x1, 0x1, 0x0
  TEST_RR 2, rol, 0x2, 0x1, 0x1
  TEST_RR 3, rol, 0x80000000, 0x1, 0x1f
  TEST_RR 4, rol, 0x100000000, 0x1, 0x20
  TEST_RR 5, rol, 0x8000000000000000, 0x1, 0x3f
  TEST_RR 6, rol, 0x1, 0x1, 0x40
  TEST_RR 7, rol, 0x8000000000000000, 0x1, 0xffffffffffffffff
  TEST_RR 8, rol, 0x8000000000000001, 0x8000000000000001, 0x0
  TEST_RR 9, rol, 0x3, 0x8000000000000001, 0x1
  TEST_RR 10, rol, 0xc0000000, 0x8000000000000001, 0x1f
  TEST_RR 11, rol, 0x180000000, 0x8000000000000001, 0x20
  TEST_RR 12, rol, 0xc000000000000000, 0x8000000000000001, 0x3f
  TEST_RR 13, rol, 0x8000000000000001, 0x8000000000000001, 0x40
  TEST_RR 14, rol, 0xc000000000000000, 0x8000000000000001, 0xffffffffffffffff
  TEST_RR 15, rol, 0x123456789abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 16, rol, 0x2468acf13579bde0, 0x123456789abcdef0, 0x1
  TEST_RR 17, rol, 0x4d5e6f78091a2b3c, 0x123456789abcdef0, 0x1f
  TEST_RR 18, rol, 0x9abcdef012345678, 0x123456789abcdef0, 0x20
  TEST_RR 19, rol, 0x91a2b3c4d5e6f78, 0x123456789abcdef0, 0x3f
  TEST_RR 20, rol, 0x123456789abcdef0, 0x123456789abcdef0, 0x40
  TEST_RR 21, rol, 0x91a2b3c4d5e6f78, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 22, rol, 0xf0000001, 0xf0000001, 0x0
  TEST_RR 23, rol, 0x1e0000002, 0xf0000001, 0x1
  TEST_RR 24, rol, 0x7800000080000000, 0xf0000001, 0x1f
  TEST_RR 25, rol, 0xf000000100000000, 0xf0000001, 0x20
  TEST_RR 26, rol, 0x8000000078000000, 0xf0000001, 0x3f
  TEST_RR 27, rol, 0xf0000001, 0xf0000001, 0x40
  TEST_RR 28, rol, 0x8000000078000000, 0xf0000001, 0xffffffffffffffff
  TEST_RR_ALIAS 29, rol, 0x8123456789abcdef, 0x2f
  // ---- ror
  TEST_RR 30, ror, 0x1, 0x1, 0x0
  TEST_RR 31, ror, 0x8000000000000000, 0x1, 0x1
  TEST_RR 32, ror, 0x200000000, 0x1, 0x1f
  TEST_RR 33, ror, 0x100000000, 0x1, 0x20
  TEST_RR 34, ror, 0x2, 0x1, 0x3f
  TEST_RR 35, ror, 0x1, 0x1, 0x40
  TEST_RR 36, ror, 0x2, 0x1, 0xffffffffffffffff
  TEST_RR 37, ror, 0x8000000000000001, 0x8000000000000001, 0x0
  TEST_RR 38, ror, 0xc000000000000000, 0x8000000000000001, 0x1
  TEST_RR 39, ror, 0x300000000, 0x8000000000000001, 0x1f
  TEST_RR 40, ror, 0x180000000, 0x8000000000000001, 0x20
  TEST_RR 41, ror, 0x3, 0x8000000000000001, 0x3f
  TEST_RR 42, ror, 0x8000000000000001, 0x8000000000000001, 0x40
  TEST_RR 43, ror, 0x3, 0x8000000000000001, 0xffffffffffffffff
  TEST_RR 44, ror, 0x123456789abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 45, ror, 0x91a2b3c4d5e6f78, 0x123456789abcdef0, 0x1
  TEST_RR 46, ror, 0x3579bde02468acf1, 0x123456789abcdef0, 0x1f
  TEST_RR 47, ror, 0x9abcdef012345678, 0x123456789abcdef0, 0x20
  TEST_RR 48, ror, 0x2468acf13579bde0, 0x123456789abcdef0, 0x3f
  TEST_RR 49, ror, 0x123456789abcdef0, 0x123456789abcdef0, 0x40
  TEST_RR 50, ror, 0x2468acf13579bde0, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 51, ror, 0xf0000001, 0xf0000001, 0x0
  TEST_RR 52, ror, 0x8000000078000000, 0xf0000001, 0x1
  TEST_RR 53, ror, 0xe000000200000001, 0xf0000001, 0x1f
  TEST_RR 54, ror, 0xf000000100000000, 0xf0000001, 0x20
  TEST_RR 55, ror, 0x1e0000002, 0xf0000001, 0x3f
  TEST_RR 56, ror, 0xf0000001, 0xf0000001, 0x40
  TEST_RR 57, ror, 0x1e0000002, 0xf0000001, 0xffffffffffffffff
  TEST_RR_ALIAS 58, ror, 0x8123456789abcdef, 0x2f
  // ---- rolw
  TEST_RR 59, rolw, 0x1, 0x1, 0x0
  TEST_RR 60, rolw, 0x2, 0x1, 0x1
  TEST_RR 61, rolw, 0xffffffff80000000, 0x1, 0x1f
  TEST_RR 62, rolw, 0x1, 0x1, 0x20
  TEST_RR 63, rolw, 0xffffffff80000000, 0x1, 0x3f
  TEST_RR 64, rolw, 0x1, 0x1, 0x40
  TEST_RR 65, rolw, 0xffffffff80000000, 0x1, 0xffffffffffffffff
  TEST_RR 66, rolw, 0x1, 0x8000000000000001, 0x0
  TEST_RR 67, rolw, 0x2, 0x8000000000000001, 0x1
  TEST_RR 68, rolw, 0xffffffff80000000, 0x8000000000000001, 0x1f
  TEST_RR 69, rolw, 0x1, 0x8000000000000001, 0x20
  TEST_RR 70, rolw, 0xffffffff80000000, 0x8000000000000001, 0x3f
  TEST_RR 71, rolw, 0x1, 0x8000000000000001, 0x40
  TEST_RR 72, rolw, 0xffffffff80000000, 0x8000000000000001, 0xffffffffffffffff
  TEST_RR 73, rolw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 74, rolw, 0x3579bde1, 0x123456789abcdef0, 0x1
  TEST_RR 75, rolw, 0x4d5e6f78, 0x123456789abcdef0, 0x1f
  TEST_RR 76, rolw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x20
  TEST_RR 77, rolw, 0x4d5e6f78, 0x123456789abcdef0, 0x3f
  TEST_RR 78, rolw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x40
  TEST_RR 79, rolw, 0x4d5e6f78, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 80, rolw, 0xfffffffff0000001, 0xf0000001, 0x0
  TEST_RR 81, rolw, 0xffffffffe0000003, 0xf0000001, 0x1
  TEST_RR 82, rolw, 0xfffffffff8000000, 0xf0000001, 0x1f
  TEST_RR 83, rolw, 0xfffffffff0000001, 0xf0000001, 0x20
  TEST_RR 84, rolw, 0xfffffffff8000000, 0xf0000001, 0x3f
  TEST_RR 85, rolw, 0xfffffffff0000001, 0xf0000001, 0x40
  TEST_RR 86, rolw, 0xfffffffff8000000, 0xf0000001, 0xffffffffffffffff
  TEST_RR_ALIAS 87, rolw, 0x8123456789abcdef, 0x2f
  // ---- rorw
  TEST_RR 88, rorw, 0x1, 0x1, 0x0
  TEST_RR 89, rorw, 0xffffffff80000000, 0x1, 0x1
  TEST_RR 90, rorw, 0x2, 0x1, 0x1f
  TEST_RR 91, rorw, 0x1, 0x1, 0x20
  TEST_RR 92, rorw, 0x2, 0x1, 0x3f
  TEST_RR 93, rorw, 0x1, 0x1, 0x40
  TEST_RR 94, rorw, 0x2, 0x1, 0xffffffffffffffff
  TEST_RR 95, rorw, 0x1, 0x8000000000000001, 0x0
  TEST_RR 96, rorw, 0xffffffff80000000, 0x8000000000000001, 0x1
  TEST_RR 97, rorw, 0x2, 0x8000000000000001, 0x1f
  TEST_RR 98, rorw, 0x1, 0x8000000000000001, 0x20
  TEST_RR 99, rorw, 0x2, 0x8000000000000001, 0x3f
  TEST_RR 100, rorw, 0x1, 0x8000000000000001, 0x40
  TEST_RR 101, rorw, 0x2, 0x8000000000000001, 0xffffffffffffffff
  TEST_RR 102, rorw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 103, rorw, 0x4d5e6f78, 0x123456789abcdef0, 0x1
  TEST_RR 104, rorw, 0x3579bde1, 0x123456789abcdef0, 0x1f
  TEST_RR 105, rorw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x20
  TEST_RR 106, rorw, 0x3579bde1, 0x123456789abcdef0, 0x3f
  TEST_RR 107, rorw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x40
  TEST_RR 108, rorw, 0x3579bde1, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 109, rorw, 0xfffffffff0000001, 0xf0000001, 0x0
  TEST_RR 110, rorw, 0xfffffffff8000000, 0xf0000001, 0x1
  TEST_RR 111, rorw, 0xffffffffe0000003, 0xf0000001, 0x1f
  TEST_RR 112, rorw, 0xfffffffff0000001, 0xf0000001, 0x20
  TEST_RR 113, rorw, 0xffffffffe0000003, 0xf0000001, 0x3f
  TEST_RR 114, rorw, 0xfffffffff0000001, 0xf0000001, 0x40
  TEST_RR 115, rorw, 0xffffffffe0000003, 0xf0000001, 0xffffffffffffffff
  TEST_RR_ALIAS 116, rorw, 0x8123456789abcdef, 0x2f
  // ---- rori
  TEST_RI 117, rori, 0x1, 0x1, 0
  TEST_RI 118, rori, 0x8000000000000000, 0x1, 1
  TEST_RI 119, rori, 0x200000000, 0x1, 31
  TEST_RI 120, rori, 0x100000000, 0x1, 32
  TEST_RI 121, rori, 0x2, 0x1, 63
  TEST_RI 122, rori, 0x8000000000000001, 0x8000000000000001, 0
  TEST_RI 123, rori, 0xc000000000000000, 0x8000000000000001, 1
  TEST_RI 124, rori, 0x300000000, 0x8000000000000001, 31
  TEST_RI 125, rori, 0x180000000, 0x8000000000000001, 32
  TEST_RI 126, rori, 0x3, 0x8000000000000001, 63
  TEST_RI 127, rori, 0x123456789abcdef0, 0x123456789abcdef0, 0
  TEST_RI 128, rori, 0x91a2b3c4d5e6f78, 0x123456789abcdef0, 1
  TEST_RI 129, rori, 0x3579bde02468acf1, 0x123456789abcdef0, 31
  TEST_RI 130, rori, 0x9abcdef012345678, 0x123456789abcdef0, 32
  TEST_RI 131, rori, 0x2468acf13579bde0, 0x123456789abcdef0, 63
  TEST_RI 132, rori, 0xf0000001, 0xf0000001, 0
  TEST_RI 133, rori, 0x8000000078000000, 0xf0000001, 1
  TEST_RI 134, rori, 0xe000000200000001, 0xf0000001, 31
  TEST_RI 135, rori, 0xf000000100000000, 0xf0000001, 32
  TEST_RI 136, rori, 0x1e0000002, 0xf0000001, 63
  // ---- roriw
  TEST_RI 137, roriw, 0x1, 0x1, 0
  TEST_RI 138, roriw, 0xffffffff80000000, 0x1, 1
  TEST_RI 139, roriw, 0x10000, 0x1, 16
  TEST_RI 140, roriw, 0x2, 0x1, 31
  TEST_RI 141, roriw, 0x1, 0x8000000000000001, 0
  TEST_RI 142, roriw, 0xffffffff80000000, 0x8000000000000001, 1
  TEST_RI 143, roriw, 0x10000, 0x8000000000000001, 16
  TEST_RI 144, roriw, 0x2, 0x8000000000000001, 31
  TEST_RI 145, roriw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0
  TEST_RI 146, roriw, 0x4d5e6f78, 0x123456789abcdef0, 1
  TEST_RI 147, roriw, 0xffffffffdef09abc, 0x123456789abcdef0, 16
  TEST_RI 148, roriw, 0x3579bde1, 0x123456789abcdef0, 31
  TEST_RI 149, roriw, 0xfffffffff0000001, 0xf0000001, 0
  TEST_RI 150, roriw, 0xfffffffff8000000, 0xf0000001, 1
  TEST_RI 151, roriw, 0x1f000, 0xf0000001, 16
  TEST_RI 152, roriw, 0xffffffffe0000003, 0xf0000001, 31
  // 152 tests
  PASS
