// Zicntr: cycle/time/instret increase; instret counts retired instructions
// exactly; mcycle/minstret are writable (a CSR write replaces the increment);
// the user counter CSRs are aliases of the machine ones and are read-only
// (any write, even of zero, is illegal; csrrs/csrrc with x0 do not write);
// time tracks the CLINT mtime; hpmcounters read 0.
// QEMU-MACHINE: virt   (QEMU's spike machine has no time CSR)
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // cycle increases
  rdcycle a0
  li t0, 100
1:
  addi t0, t0, -1
  bnez t0, 1b
  rdcycle a1
  ASSERT_LTU a0, a1

  TEST 2                        // instret: exact count (csrr + 3 nops)
  rdinstret a0
  nop
  nop
  nop
  rdinstret a1
  sub a2, a1, a0
  ASSERT_EQ a2, 4
  TEST 3                        // a loop: li + 2 * 10 + csrr = 22
  rdinstret a0
  li t0, 10
2:
  addi t0, t0, -1
  bnez t0, 2b
  rdinstret a1
  sub a2, a1, a0
  ASSERT_EQ a2, 22
  TEST 4                        // taken and untaken branches, jumps, loads and stores all count
  la a3, buf
  rdinstret a0
  beq x0, x0, 3f
3:
  bne x0, x0, test_fail
  jal x0, 4f
4:
  sd a0, 0(a3)
  ld a4, 0(a3)
  amoadd.d a4, a4, (a3)
  fadd.d fa0, fa1, fa2
  rdinstret a1
  sub a2, a1, a0
  ASSERT_EQ a2, 8
  TEST 5                        // minstret alias: reading minstret then instret differs by 1
  csrr a0, minstret
  csrr a1, instret
  sub a2, a1, a0
  ASSERT_EQ a2, 1
  TEST 6                        // writing minstret: the write replaces the increment
  li a1, 1000
  csrw minstret, a1
  csrr a0, minstret
#ifdef QEMU_ORACLE
  ASSERT_EQ a0, 1001            // QEMU 7.2 also counts the csrw itself
#else
  ASSERT_EQ a0, 1000
#endif
  csrr a0, instret              // + csrr, li, beq of the check above
#ifdef QEMU_ORACLE
  ASSERT_EQ a0, 1004
#else
  ASSERT_EQ a0, 1003
#endif
  TEST 7                        // writing mcycle
  li a1, 0x100000000000
  csrw mcycle, a1
  rdcycle a0
  bltu a0, a1, test_fail_far    // cycle >= written value (== when the write replaced the tick)
  li a2, 0x100000001000
  ASSERT_LTU a0, a2
  TEST 8                        // writes of 64-bit values
  li a1, 0xfffffffffffffff0
  csrw minstret, a1
  csrr a0, minstret
  li a2, 0xfffffffffffffff0
  bltu a0, a2, test_fail_far
  csrw minstret, zero

  TEST 9                        // time increases (bounded wait)
  rdtime a0
  li t0, 1000000
5:
  rdtime a1
  bne a1, a0, 6f
  addi t0, t0, -1
  bnez t0, 5b
  j test_fail
6:
  ASSERT_LTU a0, a1
  TEST 10                       // time follows CLINT mtime
  READ_MTIME a0
  rdtime a1
  READ_MTIME a2
  bltu a1, a0, test_fail_far
  bltu a2, a1, test_fail_far

  // user counters are read-only
  TEST 11
  ILLEGAL csrw cycle, zero
  ILLEGAL csrw time, zero
  ILLEGAL csrw instret, zero
  ILLEGAL csrwi cycle, 0
  TEST 12                       // csrrs/csrrc with a non-x0 source write (illegal) even if it holds 0
  li a1, 0
#ifndef QEMU_ORACLE   // QEMU 7.2 decides on the register value, not on rs1 != x0
  ILLEGAL csrrs a0, cycle, a1
  ILLEGAL csrrc a0, instret, a1
#endif
  li a1, 1
  ILLEGAL csrrs a0, cycle, a1
  ILLEGAL csrrsi a0, time, 1
  TEST 13                       // ...but rs1 = x0 / uimm = 0 does not write: legal
  NOTRAP csrrs a0, cycle, x0
  NOTRAP csrrc a0, time, x0
  NOTRAP csrrsi a0, instret, 0
  NOTRAP csrrci a0, cycle, 0
  TEST 14                       // hpmcounters read zero
  csrr a0, hpmcounter3
  ASSERT_EQ a0, 0
  csrr a0, hpmcounter17
  ASSERT_EQ a0, 0
  csrr a0, mhpmcounter3
  ASSERT_EQ a0, 0
  csrr a0, mhpmcounter17
  ASSERT_EQ a0, 0
#ifndef QEMU_ORACLE   // QEMU 7.2 only has counters 3..18 (pmu-num=16); the rest are illegal
  csrr a0, hpmcounter31
  ASSERT_EQ a0, 0
  csrr a0, mhpmcounter31
  ASSERT_EQ a0, 0
#endif
  ILLEGAL csrw hpmcounter3, zero
#ifndef QEMU_ORACLE
  TEST 15                       // strata: mhpmcounters are read-only zero (writes ignored)
  li a1, 55
  csrw mhpmcounter3, a1
  csrr a0, mhpmcounter3
  ASSERT_EQ a0, 0
  csrr a0, hpmcounter3
  ASSERT_EQ a0, 0
#endif
  PASS
test_fail_far:
  j test_fail

  .data
  .align 3
buf: .dword 0
