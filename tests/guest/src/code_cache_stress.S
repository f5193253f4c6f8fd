// Code-cache exhaustion: far more distinct blocks than a small translation
// cache holds (run with the smallest --jit-cache), executed several times
// over, with calls through a table of functions in a scrambled order so
// indirect-jump lookups and chained jumps outlive cache flushes. Under any
// cache size the sums must come out exact.
// STRATA-ARGS: --jit-cache 64K
#include "test.h"
  .option norvc
#define BLOCKS 6000
#define PASSES 3
#define FUNCTIONS 512

TEST_MAIN
  TEST 1                        // a long chain of tiny blocks, PASSES times
  li a0, 0
  li s1, PASSES
1:
  call chain
  addi s1, s1, -1
  bnez s1, 1b
  li t0, BLOCKS * PASSES * 3
  ASSERT_EQR a0, t0

  TEST 2                        // FUNCTIONS functions called through a table, scrambled
  li a0, 0
  la s2, table
  li s3, 0                      // index: s3 = (s3 * 5 + 1) mod FUNCTIONS visits all
  li s4, FUNCTIONS * 4
2:
  slli t0, s3, 3
  add t0, t0, s2
  ld t0, 0(t0)
  jalr ra, 0(t0)
  li t1, 5
  mul s3, s3, t1
  addi s3, s3, 1
  andi s3, s3, FUNCTIONS - 1
  addi s4, s4, -1
  bnez s4, 2b
  // each function adds its index + 1; every index is visited 4 times
  li t0, 4 * FUNCTIONS * (FUNCTIONS + 1) / 2
  ASSERT_EQR a0, t0
  PASS

chain:
  .rept BLOCKS
  addi a0, a0, 1
  addi a0, a0, 2
  j 3f
3:
  .endr
  ret

  .set i, 1
functions:
  .rept FUNCTIONS
  addi a0, a0, i
  ret
  .set i, i + 1
  .endr

  .data
  .balign 8
table:
  .set i, 0
  .rept FUNCTIONS
  .dword functions + 8 * i
  .set i, i + 1
  .endr
