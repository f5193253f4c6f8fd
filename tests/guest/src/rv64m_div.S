// RV64M division: div, divu, rem, remu, divw, divuw, remw, remuw including
// division by zero (quotient all ones, remainder = dividend), signed overflow
// (MIN / -1 = MIN, remainder 0), rounding toward zero and remainder sign.
#include "test.h"
  .option norvc
TEST_MAIN
  // ---- div
  TEST_RR 1, div, 0x3, 0x14, 0x6
  TEST_RR 2, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x6
  TEST_RR 3, div, 0xfffffffffffffffd, 0x14, 0xfffffffffffffffa
  TEST_RR 4, div, 0x3, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 5, div, 0x0, 0x0, 0x1
  TEST_RR 6, div, 0xffffffffffffffff, 0x1, 0x0
  TEST_RR 7, div, 0xffffffffffffffff, 0x0, 0x0
  TEST_RR 8, div, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 9, div, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 10, div, 0x8000000000000000, 0x8000000000000000, 0x1
  TEST_RR 11, div, 0xffffffffffffffff, 0x8000000000000000, 0x0
  TEST_RR 12, div, 0x8000000000000001, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 13, div, 0x1, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 14, div, 0x0, 0xffffffffffffffff, 0x2
  TEST_RR 15, div, 0x10004c016906b, 0x123456789abcdef0, 0x1234
  TEST_RR 16, div, 0x80000000, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 17, div, 0x0, 0x80000000, 0xffffffff
  TEST_RR 18, div, 0x1, 0x100000005, 0x100000000
  TEST_RR 19, div, 0x0, 0xfffffffffffffff9, 0x100000003
  TEST_RR_ALIAS 20, div, 0x123456789abcdef1, 0x87654321
  // ---- divu
  TEST_RR 21, divu, 0x3, 0x14, 0x6
  TEST_RR 22, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x6
  TEST_RR 23, divu, 0x0, 0x14, 0xfffffffffffffffa
  TEST_RR 24, divu, 0x0, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 25, divu, 0x0, 0x0, 0x1
  TEST_RR 26, divu, 0xffffffffffffffff, 0x1, 0x0
  TEST_RR 27, divu, 0xffffffffffffffff, 0x0, 0x0
  TEST_RR 28, divu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 29, divu, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 30, divu, 0x8000000000000000, 0x8000000000000000, 0x1
  TEST_RR 31, divu, 0xffffffffffffffff, 0x8000000000000000, 0x0
  TEST_RR 32, divu, 0x0, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 33, divu, 0x1, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 34, divu, 0x7fffffffffffffff, 0xffffffffffffffff, 0x2
  TEST_RR 35, divu, 0x10004c016906b, 0x123456789abcdef0, 0x1234
  TEST_RR 36, divu, 0x0, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 37, divu, 0x0, 0x80000000, 0xffffffff
  TEST_RR 38, divu, 0x1, 0x100000005, 0x100000000
  TEST_RR 39, divu, 0xfffffffd, 0xfffffffffffffff9, 0x100000003
  TEST_RR_ALIAS 40, divu, 0x123456789abcdef1, 0x87654321
  // ---- rem
  TEST_RR 41, rem, 0x2, 0x14, 0x6
  TEST_RR 42, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x6
  TEST_RR 43, rem, 0x2, 0x14, 0xfffffffffffffffa
  TEST_RR 44, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 45, rem, 0x0, 0x0, 0x1
  TEST_RR 46, rem, 0x1, 0x1, 0x0
  TEST_RR 47, rem, 0x0, 0x0, 0x0
  TEST_RR 48, rem, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 49, rem, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 50, rem, 0x0, 0x8000000000000000, 0x1
  TEST_RR 51, rem, 0x8000000000000000, 0x8000000000000000, 0x0
  TEST_RR 52, rem, 0x0, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 53, rem, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 54, rem, 0xffffffffffffffff, 0xffffffffffffffff, 0x2
  TEST_RR 55, rem, 0x334, 0x123456789abcdef0, 0x1234
  TEST_RR 56, rem, 0x0, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 57, rem, 0x80000000, 0x80000000, 0xffffffff
  TEST_RR 58, rem, 0x5, 0x100000005, 0x100000000
  TEST_RR 59, rem, 0xfffffffffffffff9, 0xfffffffffffffff9, 0x100000003
  TEST_RR_ALIAS 60, rem, 0x123456789abcdef1, 0x87654321
  // ---- remu
  TEST_RR 61, remu, 0x2, 0x14, 0x6
  TEST_RR 62, remu, 0x2, 0xffffffffffffffec, 0x6
  TEST_RR 63, remu, 0x14, 0x14, 0xfffffffffffffffa
  TEST_RR 64, remu, 0xffffffffffffffec, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 65, remu, 0x0, 0x0, 0x1
  TEST_RR 66, remu, 0x1, 0x1, 0x0
  TEST_RR 67, remu, 0x0, 0x0, 0x0
  TEST_RR 68, remu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 69, remu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 70, remu, 0x0, 0x8000000000000000, 0x1
  TEST_RR 71, remu, 0x8000000000000000, 0x8000000000000000, 0x0
  TEST_RR 72, remu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 73, remu, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 74, remu, 0x1, 0xffffffffffffffff, 0x2
  TEST_RR 75, remu, 0x334, 0x123456789abcdef0, 0x1234
  TEST_RR 76, remu, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 77, remu, 0x80000000, 0x80000000, 0xffffffff
  TEST_RR 78, remu, 0x5, 0x100000005, 0x100000000
  TEST_RR 79, remu, 0x2, 0xfffffffffffffff9, 0x100000003
  TEST_RR_ALIAS 80, remu, 0x123456789abcdef1, 0x87654321
  // ---- divw
  TEST_RR 81, divw, 0x3, 0x14, 0x6
  TEST_RR 82, divw, 0xfffffffffffffffd, 0xffffffffffffffec, 0x6
  TEST_RR 83, divw, 0xfffffffffffffffd, 0x14, 0xfffffffffffffffa
  TEST_RR 84, divw, 0x3, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 85, divw, 0x0, 0x0, 0x1
  TEST_RR 86, divw, 0xffffffffffffffff, 0x1, 0x0
  TEST_RR 87, divw, 0xffffffffffffffff, 0x0, 0x0
  TEST_RR 88, divw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 89, divw, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 90, divw, 0x0, 0x8000000000000000, 0x1
  TEST_RR 91, divw, 0xffffffffffffffff, 0x8000000000000000, 0x0
  TEST_RR 92, divw, 0x1, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 93, divw, 0x1, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 94, divw, 0x0, 0xffffffffffffffff, 0x2
  TEST_RR 95, divw, 0xfffffffffffa6fe6, 0x123456789abcdef0, 0x1234
  TEST_RR 96, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 97, divw, 0xffffffff80000000, 0x80000000, 0xffffffff
  TEST_RR 98, divw, 0xffffffffffffffff, 0x100000005, 0x100000000
  TEST_RR 99, divw, 0xfffffffffffffffe, 0xfffffffffffffff9, 0x100000003
  TEST_RR 100, divw, 0xffffffff80000000, 0x1234567880000000, 0xabcdef00ffffffff
  TEST_RR 101, divw, 0xffffffffffffffff, 0xffffffff00000007, 0x0
  TEST_RR 102, divw, 0xfffffffffffffffd, 0xfffffff9, 0xffffffff00000002
  TEST_RR 103, divw, 0xffffffff80000000, 0x5555555580000000, 0xffffffff
  TEST_RR_ALIAS 104, divw, 0x123456789abcdef1, 0x87654321
  // ---- divuw
  TEST_RR 105, divuw, 0x3, 0x14, 0x6
  TEST_RR 106, divuw, 0x2aaaaaa7, 0xffffffffffffffec, 0x6
  TEST_RR 107, divuw, 0x0, 0x14, 0xfffffffffffffffa
  TEST_RR 108, divuw, 0x0, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 109, divuw, 0x0, 0x0, 0x1
  TEST_RR 110, divuw, 0xffffffffffffffff, 0x1, 0x0
  TEST_RR 111, divuw, 0xffffffffffffffff, 0x0, 0x0
  TEST_RR 112, divuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 113, divuw, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 114, divuw, 0x0, 0x8000000000000000, 0x1
  TEST_RR 115, divuw, 0xffffffffffffffff, 0x8000000000000000, 0x0
  TEST_RR 116, divuw, 0x1, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 117, divuw, 0x1, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 118, divuw, 0x7fffffff, 0xffffffffffffffff, 0x2
  TEST_RR 119, divuw, 0x88028, 0x123456789abcdef0, 0x1234
  TEST_RR 120, divuw, 0x0, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 121, divuw, 0x0, 0x80000000, 0xffffffff
  TEST_RR 122, divuw, 0xffffffffffffffff, 0x100000005, 0x100000000
  TEST_RR 123, divuw, 0x55555553, 0xfffffffffffffff9, 0x100000003
  TEST_RR 124, divuw, 0x0, 0x1234567880000000, 0xabcdef00ffffffff
  TEST_RR 125, divuw, 0xffffffffffffffff, 0xffffffff00000007, 0x0
  TEST_RR 126, divuw, 0x7ffffffc, 0xfffffff9, 0xffffffff00000002
  TEST_RR 127, divuw, 0x0, 0x5555555580000000, 0xffffffff
  TEST_RR_ALIAS 128, divuw, 0x123456789abcdef1, 0x87654321
  // ---- remw
  TEST_RR 129, remw, 0x2, 0x14, 0x6
  TEST_RR 130, remw, 0xfffffffffffffffe, 0xffffffffffffffec, 0x6
  TEST_RR 131, remw, 0x2, 0x14, 0xfffffffffffffffa
  TEST_RR 132, remw, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 133, remw, 0x0, 0x0, 0x1
  TEST_RR 134, remw, 0x1, 0x1, 0x0
  TEST_RR 135, remw, 0x0, 0x0, 0x0
  TEST_RR 136, remw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 137, remw, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 138, remw, 0x0, 0x8000000000000000, 0x1
  TEST_RR 139, remw, 0x0, 0x8000000000000000, 0x0
  TEST_RR 140, remw, 0x0, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 141, remw, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 142, remw, 0xffffffffffffffff, 0xffffffffffffffff, 0x2
  TEST_RR 143, remw, 0xfffffffffffff838, 0x123456789abcdef0, 0x1234
  TEST_RR 144, remw, 0x0, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 145, remw, 0x0, 0x80000000, 0xffffffff
  TEST_RR 146, remw, 0x5, 0x100000005, 0x100000000
  TEST_RR 147, remw, 0xffffffffffffffff, 0xfffffffffffffff9, 0x100000003
  TEST_RR 148, remw, 0x0, 0x1234567880000000, 0xabcdef00ffffffff
  TEST_RR 149, remw, 0x7, 0xffffffff00000007, 0x0
  TEST_RR 150, remw, 0xffffffffffffffff, 0xfffffff9, 0xffffffff00000002
  TEST_RR 151, remw, 0x0, 0x5555555580000000, 0xffffffff
  TEST_RR_ALIAS 152, remw, 0x123456789abcdef1, 0x87654321
  // ---- remuw
  TEST_RR 153, remuw, 0x2, 0x14, 0x6
  TEST_RR 154, remuw, 0x2, 0xffffffffffffffec, 0x6
  TEST_RR 155, remuw, 0x14, 0x14, 0xfffffffffffffffa
  TEST_RR 156, remuw, 0xffffffffffffffec, 0xffffffffffffffec, 0xfffffffffffffffa
  TEST_RR 157, remuw, 0x0, 0x0, 0x1
  TEST_RR 158, remuw, 0x1, 0x1, 0x0
  TEST_RR 159, remuw, 0x0, 0x0, 0x0
  TEST_RR 160, remuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
  TEST_RR 161, remuw, 0x0, 0x8000000000000000, 0xffffffffffffffff
  TEST_RR 162, remuw, 0x0, 0x8000000000000000, 0x1
  TEST_RR 163, remuw, 0x0, 0x8000000000000000, 0x0
  TEST_RR 164, remuw, 0x0, 0x7fffffffffffffff, 0xffffffffffffffff
  TEST_RR 165, remuw, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
  TEST_RR 166, remuw, 0x1, 0xffffffffffffffff, 0x2
  TEST_RR 167, remuw, 0x6d0, 0x123456789abcdef0, 0x1234
  TEST_RR 168, remuw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff
  TEST_RR 169, remuw, 0xffffffff80000000, 0x80000000, 0xffffffff
  TEST_RR 170, remuw, 0x5, 0x100000005, 0x100000000
  TEST_RR 171, remuw, 0x0, 0xfffffffffffffff9, 0x100000003
  TEST_RR 172, remuw, 0xffffffff80000000, 0x1234567880000000, 0xabcdef00ffffffff
  TEST_RR 173, remuw, 0x7, 0xffffffff00000007, 0x0
  TEST_RR 174, remuw, 0x1, 0xfffffff9, 0xffffffff00000002
  TEST_RR 175, remuw, 0xffffffff80000000, 0x5555555580000000, 0xffffffff
  TEST_RR_ALIAS 176, remuw, 0x123456789abcdef1, 0x87654321
  // 176 tests
  PASS
