// Cross-modifying code: hart 1 rewrites a function hart 0 keeps calling, one
// generation after another (each a single aligned 32-bit store of
// `li a0, g`, then fence w,w, then the generation number is published).
// Hart 0 reads the generation (acquire), executes fence.i and calls the
// function: by the spec it must get that generation or a later one, never an
// older one, and it must eventually see the last.
// STRATA-ARGS: --cpus 2
// QEMU-ARGS: -smp 2
#include "test.h"
  .option norvc
#define GENERATIONS 300
#define LI_A0_0 0x00000513          // addi a0, zero, 0

TEST_MAIN
  TEST 1                        // the function as loaded; then start the writer
  call gen_fn
  ASSERT_EQ a0, 0
  la t0, writer
  la t1, secondary_entry
  fence rw, w
  sd t0, 0(t1)

  TEST 2                        // every call after fence.i sees at least the published generation
  la s2, generation
  li s3, 0                      // last value seen
1:
  ld s5, 0(s2)
  fence r, rw
  fence.i
  call gen_fn
  bltu a0, s5, test_fail        // older than published: stale code after fence.i
  bltu a0, s3, test_fail        // older than seen before
  li t0, GENERATIONS
  bgtu a0, t0, test_fail
  mv s3, a0
  bne a0, t0, 1b
  PASS

// Hart 1.
writer:
  la t2, gen_fn
  la t3, generation
  li t4, 1
  li t6, LI_A0_0
2:
  slli t5, t4, 20
  or t5, t5, t6
  sw t5, 0(t2)
  fence w, w
  sd t4, 0(t3)
  li t5, 300                    // let hart 0 run each generation a while
3:
  addi t5, t5, -1
  bnez t5, 3b
  addi t4, t4, 1
  li t5, GENERATIONS + 1
  bne t4, t5, 2b
4:
  j 4b

  .data
  .balign 8
generation:
  .dword 0

// Alone on its page: hart 1 only ever stores to it after hart 0 has run it.
  .section .text.gen, "ax", @progbits
  .balign 4096
gen_fn:
  li a0, 0
  ret
  .balign 4096
