// RV64I word ops: addw/subw/sllw/srlw/sraw, addiw/slliw/srliw/sraiw (32-bit result sign-extended)
// Generated values; each TEST_RR checks rd for given rs1/rs2.
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- addw
  TEST_RR 1, addw, 0x0, 0x0, 0x0
  TEST_RR 2, addw, 0x2, 0x1, 0x1
  TEST_RR 3, addw, 0x0, 0xffffffffffffffff, 0x1
  TEST_RR 4, addw, 0xffffffff80000000, 0x7fffffff, 0x1
  TEST_RR 5, addw, 0x7fffffff, 0x80000000, 0xffffffffffffffff
  TEST_RR 6, addw, 0xfffffffffffffffe, 0xffffffff, 0xffffffff
  TEST_RR 7, addw, 0x22222211, 0x123456789abcdef0, 0xfedcba987654321
  TEST_RR 8, addw, 0xffffffff80000000, 0x7fffffff00000000, 0x80000000
  TEST_RR 9, addw, 0xffffffff80000000, 0xffffffff7fffffff, 0x100000001
  TEST_RR_ALIAS 10, addw, 0x123456789abcdef0, 0xfedcba987654321
  // ---- subw
  TEST_RR 11, subw, 0x0, 0x0, 0x0
  TEST_RR 12, subw, 0x0, 0x1, 0x1
  TEST_RR 13, subw, 0xfffffffffffffffe, 0xffffffffffffffff, 0x1
  TEST_RR 14, subw, 0x7ffffffe, 0x7fffffff, 0x1
  TEST_RR 15, subw, 0xffffffff80000001, 0x80000000, 0xffffffffffffffff
  TEST_RR 16, subw, 0x0, 0xffffffff, 0xffffffff
  TEST_RR 17, subw, 0x13579bcf, 0x123456789abcdef0, 0xfedcba987654321
  TEST_RR 18, subw, 0xffffffff80000000, 0x7fffffff00000000, 0x80000000
  TEST_RR 19, subw, 0x7ffffffe, 0xffffffff7fffffff, 0x100000001
  TEST_RR_ALIAS 20, subw, 0x123456789abcdef0, 0xfedcba987654321
  // ---- sllw
  TEST_RR 21, sllw, 0x1, 0x1, 0x0
  TEST_RR 22, sllw, 0x2, 0x1, 0x1
  TEST_RR 23, sllw, 0xffffffff80000000, 0x1, 0x1f
  TEST_RR 24, sllw, 0x1, 0x1, 0x20
  TEST_RR 25, sllw, 0x2, 0x1, 0x21
  TEST_RR 26, sllw, 0xffffffff80000000, 0x1, 0xffffffffffffffff
  TEST_RR 27, sllw, 0xffffffff80000000, 0xffffffff80000000, 0x0
  TEST_RR 28, sllw, 0x0, 0xffffffff80000000, 0x1
  TEST_RR 29, sllw, 0x0, 0xffffffff80000000, 0x1f
  TEST_RR 30, sllw, 0xffffffff80000000, 0xffffffff80000000, 0x20
  TEST_RR 31, sllw, 0x0, 0xffffffff80000000, 0x21
  TEST_RR 32, sllw, 0x0, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 33, sllw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 34, sllw, 0x3579bde0, 0x123456789abcdef0, 0x1
  TEST_RR 35, sllw, 0x0, 0x123456789abcdef0, 0x1f
  TEST_RR 36, sllw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x20
  TEST_RR 37, sllw, 0x3579bde0, 0x123456789abcdef0, 0x21
  TEST_RR 38, sllw, 0x0, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 39, sllw, 0xffffffffffffffff, 0xffffffff, 0x0
  TEST_RR 40, sllw, 0xfffffffffffffffe, 0xffffffff, 0x1
  TEST_RR 41, sllw, 0xffffffff80000000, 0xffffffff, 0x1f
  TEST_RR 42, sllw, 0xffffffffffffffff, 0xffffffff, 0x20
  TEST_RR 43, sllw, 0xfffffffffffffffe, 0xffffffff, 0x21
  TEST_RR 44, sllw, 0xffffffff80000000, 0xffffffff, 0xffffffffffffffff
  TEST_RR 45, sllw, 0x7fffffff, 0xffffffff7fffffff, 0x0
  TEST_RR 46, sllw, 0xfffffffffffffffe, 0xffffffff7fffffff, 0x1
  TEST_RR 47, sllw, 0xffffffff80000000, 0xffffffff7fffffff, 0x1f
  TEST_RR 48, sllw, 0x7fffffff, 0xffffffff7fffffff, 0x20
  TEST_RR 49, sllw, 0xfffffffffffffffe, 0xffffffff7fffffff, 0x21
  TEST_RR 50, sllw, 0xffffffff80000000, 0xffffffff7fffffff, 0xffffffffffffffff
  TEST_RR_ALIAS 51, sllw, 0x8123456789abcdef, 0x2f
  // ---- srlw
  TEST_RR 52, srlw, 0x1, 0x1, 0x0
  TEST_RR 53, srlw, 0x0, 0x1, 0x1
  TEST_RR 54, srlw, 0x0, 0x1, 0x1f
  TEST_RR 55, srlw, 0x1, 0x1, 0x20
  TEST_RR 56, srlw, 0x0, 0x1, 0x21
  TEST_RR 57, srlw, 0x0, 0x1, 0xffffffffffffffff
  TEST_RR 58, srlw, 0xffffffff80000000, 0xffffffff80000000, 0x0
  TEST_RR 59, srlw, 0x40000000, 0xffffffff80000000, 0x1
  TEST_RR 60, srlw, 0x1, 0xffffffff80000000, 0x1f
  TEST_RR 61, srlw, 0xffffffff80000000, 0xffffffff80000000, 0x20
  TEST_RR 62, srlw, 0x40000000, 0xffffffff80000000, 0x21
  TEST_RR 63, srlw, 0x1, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 64, srlw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 65, srlw, 0x4d5e6f78, 0x123456789abcdef0, 0x1
  TEST_RR 66, srlw, 0x1, 0x123456789abcdef0, 0x1f
  TEST_RR 67, srlw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x20
  TEST_RR 68, srlw, 0x4d5e6f78, 0x123456789abcdef0, 0x21
  TEST_RR 69, srlw, 0x1, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 70, srlw, 0xffffffffffffffff, 0xffffffff, 0x0
  TEST_RR 71, srlw, 0x7fffffff, 0xffffffff, 0x1
  TEST_RR 72, srlw, 0x1, 0xffffffff, 0x1f
  TEST_RR 73, srlw, 0xffffffffffffffff, 0xffffffff, 0x20
  TEST_RR 74, srlw, 0x7fffffff, 0xffffffff, 0x21
  TEST_RR 75, srlw, 0x1, 0xffffffff, 0xffffffffffffffff
  TEST_RR 76, srlw, 0x7fffffff, 0xffffffff7fffffff, 0x0
  TEST_RR 77, srlw, 0x3fffffff, 0xffffffff7fffffff, 0x1
  TEST_RR 78, srlw, 0x0, 0xffffffff7fffffff, 0x1f
  TEST_RR 79, srlw, 0x7fffffff, 0xffffffff7fffffff, 0x20
  TEST_RR 80, srlw, 0x3fffffff, 0xffffffff7fffffff, 0x21
  TEST_RR 81, srlw, 0x0, 0xffffffff7fffffff, 0xffffffffffffffff
  TEST_RR_ALIAS 82, srlw, 0x8123456789abcdef, 0x2f
  // ---- sraw
  TEST_RR 83, sraw, 0x1, 0x1, 0x0
  TEST_RR 84, sraw, 0x0, 0x1, 0x1
  TEST_RR 85, sraw, 0x0, 0x1, 0x1f
  TEST_RR 86, sraw, 0x1, 0x1, 0x20
  TEST_RR 87, sraw, 0x0, 0x1, 0x21
  TEST_RR 88, sraw, 0x0, 0x1, 0xffffffffffffffff
  TEST_RR 89, sraw, 0xffffffff80000000, 0xffffffff80000000, 0x0
  TEST_RR 90, sraw, 0xffffffffc0000000, 0xffffffff80000000, 0x1
  TEST_RR 91, sraw, 0xffffffffffffffff, 0xffffffff80000000, 0x1f
  TEST_RR 92, sraw, 0xffffffff80000000, 0xffffffff80000000, 0x20
  TEST_RR 93, sraw, 0xffffffffc0000000, 0xffffffff80000000, 0x21
  TEST_RR 94, sraw, 0xffffffffffffffff, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 95, sraw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x0
  TEST_RR 96, sraw, 0xffffffffcd5e6f78, 0x123456789abcdef0, 0x1
  TEST_RR 97, sraw, 0xffffffffffffffff, 0x123456789abcdef0, 0x1f
  TEST_RR 98, sraw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0x20
  TEST_RR 99, sraw, 0xffffffffcd5e6f78, 0x123456789abcdef0, 0x21
  TEST_RR 100, sraw, 0xffffffffffffffff, 0x123456789abcdef0, 0xffffffffffffffff
  TEST_RR 101, sraw, 0xffffffffffffffff, 0xffffffff, 0x0
  TEST_RR 102, sraw, 0xffffffffffffffff, 0xffffffff, 0x1
  TEST_RR 103, sraw, 0xffffffffffffffff, 0xffffffff, 0x1f
  TEST_RR 104, sraw, 0xffffffffffffffff, 0xffffffff, 0x20
  TEST_RR 105, sraw, 0xffffffffffffffff, 0xffffffff, 0x21
  TEST_RR 106, sraw, 0xffffffffffffffff, 0xffffffff, 0xffffffffffffffff
  TEST_RR 107, sraw, 0x7fffffff, 0xffffffff7fffffff, 0x0
  TEST_RR 108, sraw, 0x3fffffff, 0xffffffff7fffffff, 0x1
  TEST_RR 109, sraw, 0x0, 0xffffffff7fffffff, 0x1f
  TEST_RR 110, sraw, 0x7fffffff, 0xffffffff7fffffff, 0x20
  TEST_RR 111, sraw, 0x3fffffff, 0xffffffff7fffffff, 0x21
  TEST_RR 112, sraw, 0x0, 0xffffffff7fffffff, 0xffffffffffffffff
  TEST_RR_ALIAS 113, sraw, 0x8123456789abcdef, 0x2f
  // ---- addiw
  TEST_RI 114, addiw, 0x0, 0x0, 0
  TEST_RI 115, addiw, 0x1, 0x0, 1
  TEST_RI 116, addiw, 0xffffffffffffffff, 0x0, -1
  TEST_RI 117, addiw, 0x7ff, 0x0, 2047
  TEST_RI 118, addiw, 0xfffffffffffff800, 0x0, -2048
  TEST_RI 119, addiw, 0x1, 0x1, 0
  TEST_RI 120, addiw, 0x2, 0x1, 1
  TEST_RI 121, addiw, 0x0, 0x1, -1
  TEST_RI 122, addiw, 0x800, 0x1, 2047
  TEST_RI 123, addiw, 0xfffffffffffff801, 0x1, -2048
  TEST_RI 124, addiw, 0xffffffffffffffff, 0xffffffffffffffff, 0
  TEST_RI 125, addiw, 0x0, 0xffffffffffffffff, 1
  TEST_RI 126, addiw, 0xfffffffffffffffe, 0xffffffffffffffff, -1
  TEST_RI 127, addiw, 0x7fe, 0xffffffffffffffff, 2047
  TEST_RI 128, addiw, 0xfffffffffffff7ff, 0xffffffffffffffff, -2048
  TEST_RI 129, addiw, 0x7fffffff, 0x7fffffff, 0
  TEST_RI 130, addiw, 0xffffffff80000000, 0x7fffffff, 1
  TEST_RI 131, addiw, 0x7ffffffe, 0x7fffffff, -1
  TEST_RI 132, addiw, 0xffffffff800007fe, 0x7fffffff, 2047
  TEST_RI 133, addiw, 0x7ffff7ff, 0x7fffffff, -2048
  TEST_RI 134, addiw, 0xffffffff80000000, 0x80000000, 0
  TEST_RI 135, addiw, 0xffffffff80000001, 0x80000000, 1
  TEST_RI 136, addiw, 0x7fffffff, 0x80000000, -1
  TEST_RI 137, addiw, 0xffffffff800007ff, 0x80000000, 2047
  TEST_RI 138, addiw, 0x7ffff800, 0x80000000, -2048
  TEST_RI 139, addiw, 0xffffffffffffffff, 0xffffffff, 0
  TEST_RI 140, addiw, 0x0, 0xffffffff, 1
  TEST_RI 141, addiw, 0xfffffffffffffffe, 0xffffffff, -1
  TEST_RI 142, addiw, 0x7fe, 0xffffffff, 2047
  TEST_RI 143, addiw, 0xfffffffffffff7ff, 0xffffffff, -2048
  TEST_RI 144, addiw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0
  TEST_RI 145, addiw, 0xffffffff9abcdef1, 0x123456789abcdef0, 1
  TEST_RI 146, addiw, 0xffffffff9abcdeef, 0x123456789abcdef0, -1
  TEST_RI 147, addiw, 0xffffffff9abce6ef, 0x123456789abcdef0, 2047
  TEST_RI 148, addiw, 0xffffffff9abcd6f0, 0x123456789abcdef0, -2048
  // ---- slliw
  TEST_RI 149, slliw, 0x1, 0x1, 0
  TEST_RI 150, slliw, 0x2, 0x1, 1
  TEST_RI 151, slliw, 0x8000, 0x1, 15
  TEST_RI 152, slliw, 0xffffffff80000000, 0x1, 31
  TEST_RI 153, slliw, 0xffffffff80000000, 0xffffffff80000000, 0
  TEST_RI 154, slliw, 0x0, 0xffffffff80000000, 1
  TEST_RI 155, slliw, 0x0, 0xffffffff80000000, 15
  TEST_RI 156, slliw, 0x0, 0xffffffff80000000, 31
  TEST_RI 157, slliw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0
  TEST_RI 158, slliw, 0x3579bde0, 0x123456789abcdef0, 1
  TEST_RI 159, slliw, 0x6f780000, 0x123456789abcdef0, 15
  TEST_RI 160, slliw, 0x0, 0x123456789abcdef0, 31
  TEST_RI 161, slliw, 0xffffffffffffffff, 0xffffffff, 0
  TEST_RI 162, slliw, 0xfffffffffffffffe, 0xffffffff, 1
  TEST_RI 163, slliw, 0xffffffffffff8000, 0xffffffff, 15
  TEST_RI 164, slliw, 0xffffffff80000000, 0xffffffff, 31
  // ---- srliw
  TEST_RI 165, srliw, 0x1, 0x1, 0
  TEST_RI 166, srliw, 0x0, 0x1, 1
  TEST_RI 167, srliw, 0x0, 0x1, 15
  TEST_RI 168, srliw, 0x0, 0x1, 31
  TEST_RI 169, srliw, 0xffffffff80000000, 0xffffffff80000000, 0
  TEST_RI 170, srliw, 0x40000000, 0xffffffff80000000, 1
  TEST_RI 171, srliw, 0x10000, 0xffffffff80000000, 15
  TEST_RI 172, srliw, 0x1, 0xffffffff80000000, 31
  TEST_RI 173, srliw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0
  TEST_RI 174, srliw, 0x4d5e6f78, 0x123456789abcdef0, 1
  TEST_RI 175, srliw, 0x13579, 0x123456789abcdef0, 15
  TEST_RI 176, srliw, 0x1, 0x123456789abcdef0, 31
  TEST_RI 177, srliw, 0xffffffffffffffff, 0xffffffff, 0
  TEST_RI 178, srliw, 0x7fffffff, 0xffffffff, 1
  TEST_RI 179, srliw, 0x1ffff, 0xffffffff, 15
  TEST_RI 180, srliw, 0x1, 0xffffffff, 31
  // ---- sraiw
  TEST_RI 181, sraiw, 0x1, 0x1, 0
  TEST_RI 182, sraiw, 0x0, 0x1, 1
  TEST_RI 183, sraiw, 0x0, 0x1, 15
  TEST_RI 184, sraiw, 0x0, 0x1, 31
  TEST_RI 185, sraiw, 0xffffffff80000000, 0xffffffff80000000, 0
  TEST_RI 186, sraiw, 0xffffffffc0000000, 0xffffffff80000000, 1
  TEST_RI 187, sraiw, 0xffffffffffff0000, 0xffffffff80000000, 15
  TEST_RI 188, sraiw, 0xffffffffffffffff, 0xffffffff80000000, 31
  TEST_RI 189, sraiw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0
  TEST_RI 190, sraiw, 0xffffffffcd5e6f78, 0x123456789abcdef0, 1
  TEST_RI 191, sraiw, 0xffffffffffff3579, 0x123456789abcdef0, 15
  TEST_RI 192, sraiw, 0xffffffffffffffff, 0x123456789abcdef0, 31
  TEST_RI 193, sraiw, 0xffffffffffffffff, 0xffffffff, 0
  TEST_RI 194, sraiw, 0xffffffffffffffff, 0xffffffff, 1
  TEST_RI 195, sraiw, 0xffffffffffffffff, 0xffffffff, 15
  TEST_RI 196, sraiw, 0xffffffffffffffff, 0xffffffff, 31
  // 196 tests
  PASS
