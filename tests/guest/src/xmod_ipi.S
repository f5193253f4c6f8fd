// Cross-modifying code with the IPI protocol: hart 1 rewrites a function hart
// 0 is calling in a loop without fence.i, then sends hart 0 a machine
// software interrupt (CLINT msip). Hart 0 takes the interrupt, clears msip,
// executes fence.i and calls the function: it must see the new code. Fifty
// rounds, acknowledged one by one.
// STRATA-ARGS: --cpus 2
// QEMU-ARGS: -smp 2
// QEMU-NO-ICOUNT: with -icount, QEMU 7.2 stops scheduling hart 1 after a few rounds.
#include "test.h"
  .option norvc
#define ROUNDS 50
#define LI_A0_0 0x00000513          // addi a0, zero, 0

TEST_MAIN
  TEST 1
  call gen_fn
  ASSERT_EQ a0, 0
  la t0, writer
  la t1, secondary_entry
  fence rw, w
  sd t0, 0(t1)
  la s2, ack
  li s1, 1                      // round
  csrsi mstatus, MSTATUS_MIE
1:
  TEST 2
  CLEAR_TRAP_LOG
  EXPECT_TRAP
  li t0, MIP_MSIP
  csrs mie, t0
  la s7, trap_count
2:
  call gen_fn                   // old or new code: both are allowed until fence.i
  addi t0, s1, -1
  bltu a0, t0, test_fail
  bgtu a0, s1, test_fail
  ld t1, 0(s7)
  beqz t1, 2b
  CHECK_TRAP INTR(IRQ_MSI)
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  fence.i
  TEST 3
  call gen_fn
  ASSERT_EQR a0, s1
  fence rw, w
  sd s1, 0(s2)                  // acknowledge the round
  addi s1, s1, 1
  li t0, ROUNDS + 1
  bne s1, t0, 1b
  PASS

// Hart 1: per round, wait for the previous acknowledgement, rewrite, IPI.
writer:
  la t2, gen_fn
  la t3, ack
  li t4, 1
  li t6, LI_A0_0
2:
  ld t5, 0(t3)
  addi t0, t4, -1
  bne t5, t0, 2b
  fence r, rw
  slli t5, t4, 20
  or t5, t5, t6
  sw t5, 0(t2)
  fence rw, iorw                // the code store before the IPI (device output)
  li t0, CLINT_MSIP
  li t5, 1
  sw t5, 0(t0)                  // hart 0's msip
  addi t4, t4, 1
  li t5, ROUNDS + 1
  bne t4, t5, 2b
3:
  j 3b

  .data
  .balign 8
ack:
  .dword 0

  .section .text.gen, "ax", @progbits
  .balign 4096
gen_fn:
  li a0, 0
  ret
  .balign 4096
