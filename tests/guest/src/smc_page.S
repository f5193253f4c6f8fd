// Code and data sharing pages: a loop that keeps storing to data on its own
// code page (every store lands on a page with decoded or translated code,
// which must neither break the code nor lose the data), a function that
// updates a counter next to its own instructions, and rewriting each half of
// a 32-bit instruction that straddles two pages.
#include "test.h"
  .option norvc
#define ADDI_A0_1   0x00150513      // addi a0, a0, 1
#define ADDI_A0_100 0x06450513      // addi a0, a0, 100
#define ADDI_A1_7   0x00758593      // addi a1, a1, 7

TEST_MAIN
  TEST 1                        // 1000 stores to the code page the loop runs from
  la a2, shared_data
  li s1, 1000
  li a0, 0
  sd zero, 0(a2)
  call same_page_loop
  ld a1, 0(a2)
  li t0, 1000 * 1001 / 2
  ASSERT_EQR a1, t0
  ASSERT_EQ a0, 1000

  TEST 2                        // a function counting its calls next to its code
  li s1, 300
1:
  call counting_fn
  addi s1, s1, -1
  bnez s1, 1b
  la a2, call_count
  ld a1, 0(a2)
  ASSERT_EQ a1, 300

  TEST 3                        // the straddling instruction, as loaded
  li a0, 0
  la t0, straddling
  jalr ra, 0(t0)
  ASSERT_EQ a0, 1

  TEST 4                        // its upper half (second page) rewritten
  la t0, straddling
  li t1, ADDI_A0_100 >> 16
  sh t1, 2(t0)
  fence.i
  li a0, 0
  jalr ra, 0(t0)
  ASSERT_EQ a0, 100

  TEST 5                        // its lower half (first page) rewritten: addi a1, a0, 100
  la t0, straddling
  li t1, (ADDI_A0_100 & 0xffff) ^ (10 << 7) ^ (11 << 7)
  sh t1, 0(t0)
  fence.i
  li a0, 5
  li a1, 0
  jalr ra, 0(t0)
  ASSERT_EQ a1, 105
  ASSERT_EQ a0, 5
  PASS

// a0 += 1 and shared_data += s1 per iteration, s1 times; the data shares the
// page (and the decoded block's page watch) with this loop.
  .section .text.shared, "ax", @progbits
  .balign 4096
same_page_loop:
  la a3, shared_data
2:
  ld t0, 0(a3)
  add t0, t0, s1
  sd t0, 0(a3)
  addi a0, a0, 1
  addi s1, s1, -1
  bnez s1, 2b
  ret
  .balign 8
shared_data:
  .dword 0

counting_fn:
  la t0, call_count
  ld t1, 0(t0)
  addi t1, t1, 1
  sd t1, 0(t0)
  ret
  .balign 8
call_count:
  .dword 0

// A 32-bit instruction whose halves lie on two pages.
  .balign 4096
  .skip 4096 - 2
straddling:
  .2byte ADDI_A0_1 & 0xffff
  .2byte ADDI_A0_1 >> 16
  ret
