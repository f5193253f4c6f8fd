// Supervisor-level interrupts delegated through mideleg: never taken in M;
// taken in S only with SIE = 1 (right after the enabling write), always in U;
// masked by sie; SSIP/STIP/SEIP set by M-mode software; scause/sepc/sstatus
// updates; undelegated M-level interrupts win over delegated ones while in S;
// stvec vectored mode.
#include "test.h"
  .option norvc

.macro MSIP val
  li t0, CLINT_MSIP
  li t1, \val
  sw t1, 0(t0)
.endm

TEST_MAIN
  li t0, (MIP_SSIP | MIP_STIP | MIP_SEIP)
  csrw mideleg, t0
  TEST 1                        // delegated interrupt pending: M-mode ignores it even with MIE = 1
  li t0, MIP_SSIP
  csrs mie, t0
  csrs mip, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP_COUNT 0
  TEST 2                        // in S with SIE = 0: not taken
  csrci sstatus, MSTATUS_SIE
  DROP_TO PRV_S
  nop
  nop
  ld a0, trap_count
  ASSERT_EQ a0, 0
  TEST 3                        // setting SIE: taken right after the csrs, by the S handler
  csrsi sstatus, MSTATUS_SIE
1:
  csrci sstatus, MSTATUS_SIE
  TRAP_UP
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_SSI)
  CHECK_MODE 1
  CHECK_EPC 1b
  CHECK_TVAL 0
  ld a0, trap_status            // sstatus in the handler: SPP = S, SPIE = 1, SIE = 0
  ASSERT_MASK a0, (MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE), (MSTATUS_SPP | MSTATUS_SPIE)
  csrr a0, scause
  ASSERT_EQ a0, INTR(IRQ_SSI)
  ASSERT_CSR_MASK mcause, CAUSE_INTR, 0   // M trap state untouched (last M trap: TRAP_UP ecall)
  TEST 4                        // in U: taken whatever SIE says
  li t0, MIP_SSIP
  csrs mie, t0
  csrci sstatus, MSTATUS_SIE
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_U
2:
  nop
  TRAP_UP
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_SSI)
  CHECK_MODE 1
  CHECK_EPC 2b
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_SPP, 0
  TEST 5                        // masked by sie: not taken in U
  csrw mie, zero
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_U
  nop
  nop
  TRAP_UP
  CHECK_TRAP_COUNT 0
  csrw mip, zero

  TEST 6                        // STIP and SEIP raised by M software, delegated
  li t0, (MIP_STIP | MIP_SEIP)
  csrs mip, t0
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_U
  nop
  TRAP_UP
  CHECK_TRAP_COUNT 2
#ifdef QEMU_ORACLE   // QEMU 7.2 (without AIA) takes the lowest-numbered interrupt first
  CHECK_LOG 0, INTR(IRQ_STI)
  CHECK_LOG 1, INTR(IRQ_SEI)
#else
  CHECK_LOG 0, INTR(IRQ_SEI)    // SEI > STI
  CHECK_LOG 1, INTR(IRQ_STI)
#endif
  CHECK_MODE 1
  csrw mip, zero

  TEST 7                        // M-level (undelegated) interrupt beats pending S-level ones in S
  MSIP 1
  li t0, (MIP_SSIP | MIP_STIP)
  csrs mip, t0
  li t0, (MIP_MSIP | MIP_SSIP | MIP_STIP)
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_S
  csrsi sstatus, MSTATUS_SIE
  nop
  csrci sstatus, MSTATUS_SIE
  TRAP_UP
  CHECK_TRAP_COUNT 3
  CHECK_LOG 0, INTR(IRQ_MSI)
  CHECK_LOG 1, INTR(IRQ_SSI)    // SSI > STI
  CHECK_LOG 2, INTR(IRQ_STI)
  MSIP 0
  csrw mip, zero

  TEST 8                        // stvec vectored: S interrupt n -> BASE + 4n
  csrr s0, stvec
  la t0, svec_table
  ori t0, t0, 1
  csrw stvec, t0
  li s1, 0
  li t0, MIP_STIP
  csrs mip, t0
  csrs mie, t0
  DROP_TO PRV_U
  nop
  TRAP_UP
  ASSERT_EQ s1, 5
  li s1, 0
  li t0, MIP_SSIP
  csrs mip, t0
  csrs mie, t0
  DROP_TO PRV_U
  nop
  TRAP_UP
  ASSERT_EQ s1, 1
  csrw stvec, s0
  csrw mip, zero
  csrw mie, zero
  csrw mideleg, zero
  PASS

  .align 8
svec_table:
  j test_fail
  j svec1
  j test_fail
  j test_fail
  j test_fail
  j svec5
  j test_fail
  j test_fail
  j test_fail
  j test_fail
svec1:
  li s1, 1
  li s2, MIP_SSIP
  csrc sie, s2
  sret
svec5:
  li s1, 5
  li s2, MIP_STIP
  csrc sie, s2
  sret
