// Interrupt latency: a machine timer interrupt must be taken within a bounded
// number of instructions of becoming pending, also while the hart spins in a
// tight loop of chained blocks that never leaves translated code on its own.
//
// Test 1 spins in a loop that reads mtime and minstret every iteration: from
// the first iteration that sees mtime >= mtimecmp to the moment the loop
// notices the interrupt was taken, at most MAX_INSNS instructions may retire
// (the trap handler's own instructions included; measured: the interpreter
// about 400, the translator about 2100). Test 2 spins in a loop of chained
// blocks with no device access and no CSR read at all; the interrupt must
// arrive within MAX_TICKS timebase ticks of the deadline. Usually that is a
// few microseconds, but the host may deschedule the hart's thread for tens of
// milliseconds on a loaded machine, so the bound (0.5 s) only catches an
// engine that leaves such a loop late or never (which would also time out).
#include "test.h"
  .option norvc
#define ROUNDS 20
#define DELAY 3000                  // ticks from arming to the deadline
#define MAX_INSNS 10000
#define MAX_TICKS 5000000

TEST_MAIN
  csrsi mstatus, MSTATUS_MIE
  li s9, ROUNDS
1:
  TEST 1
  CLEAR_TRAP_LOG
  EXPECT_TRAP
  READ_MTIME t0
  li t1, DELAY
  add s5, t0, t1
  SET_MTIMECMP s5
  li t0, MIP_MTIP
  csrs mie, t0
  li s6, 0                      // minstret when the loop first saw the deadline pass
  la s7, trap_count
  li s8, CLINT_MTIME
2:
  ld t1, 0(s7)
  bnez t1, 5f
  csrr s4, minstret
  ld t2, 0(s8)
  bltu t2, s5, 3f
  bnez s6, 3f
  mv s6, s4
3:
  j 4f
4:
  addi a0, a0, 1
  j 2b
5:
  csrr t3, minstret
  CHECK_TRAP INTR(IRQ_MTI)
  li t0, -1
  SET_MTIMECMP t0
  beqz s6, 6f                   // taken before the loop could even see the deadline
  sub t3, t3, s6
  li t4, MAX_INSNS
  bgeu t3, t4, test_fail
6:
  addi s9, s9, -1
  bnez s9, 1b

  li s9, ROUNDS
7:
  TEST 2
  CLEAR_TRAP_LOG
  EXPECT_TRAP
  READ_MTIME t0
  li t1, DELAY
  add s5, t0, t1
  SET_MTIMECMP s5
  li t0, MIP_MTIP
  csrs mie, t0
  la s7, trap_count
8:
  addi a0, a0, 1
  j 9f
9:
  addi a1, a1, 1
  j 10f
10:
  ld t1, 0(s7)
  beqz t1, 8b
  READ_MTIME t2
  CHECK_TRAP INTR(IRQ_MTI)
  li t0, -1
  SET_MTIMECMP t0
  sub t2, t2, s5
  li t4, MAX_TICKS
  bgeu t2, t4, test_fail
  addi s9, s9, -1
  bnez s9, 7b
  PASS
