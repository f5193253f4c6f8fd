// Machine-level interrupts: CLINT software interrupt (msip), timer interrupt
// (mtimecmp vs mtime, MTIP level), software-set SSIP handled in M when not
// delegated; global enable rules (MIE in M, always enabled below M); the
// interrupt is taken right after the CSR write that enables it; mepc points
// at the next instruction; priority order MSI > MTI > SEI > SSI > STI;
// mtvec vectored mode.
#include "test.h"
  .option norvc

.macro WAIT_TRAPS n
  li t4, 2000000
.Lw\@:
  ld t5, trap_count
  li t6, \n
  bgeu t5, t6, .Ld\@
  addi t4, t4, -1
  bnez t4, .Lw\@
  j test_fail
.Ld\@:
.endm

.macro MSIP val
  li t0, CLINT_MSIP
  li t1, \val
  sw t1, 0(t0)
.endm

TEST_MAIN
  TEST 1                        // msip drives mip.MSIP
  MSIP 1
  ASSERT_CSR_MASK mip, MIP_MSIP, MIP_MSIP
  MSIP 0
  ASSERT_CSR_MASK mip, MIP_MSIP, 0
  TEST 2                        // pending + enabled but MIE = 0: not taken in M
  MSIP 1
  li t0, MIP_MSIP
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  nop
  nop
  CHECK_TRAP_COUNT 0
  TEST 3                        // setting MIE takes it right after the csrs
  csrsi mstatus, MSTATUS_MIE
1:
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_MSI)
  CHECK_EPC 1b
  CHECK_TVAL 0
  ld a0, trap_status            // in the handler: MIE = 0, MPIE = 1, MPP = M
  ASSERT_MASK a0, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP), (MSTATUS_MPIE | MSTATUS_MPP_M)
  MSIP 0
  TEST 4                        // enabling via mie with MIE already set is just as immediate
  MSIP 1
  csrsi mstatus, MSTATUS_MIE
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  li t0, MIP_MSIP
  csrs mie, t0
2:
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_MSI)
  CHECK_EPC 2b
  MSIP 0

  TEST 5                        // timer: MTIP follows mtime >= mtimecmp
  SET_MTIMECMP zero
  WAIT_MIP MIP_MTIP, MIP_MTIP
  li t1, -1
  SET_MTIMECMP t1
  WAIT_MIP MIP_MTIP, 0
  TEST 6                        // timer interrupt fires after mtimecmp is reached
  READ_MTIME t1
  addi t1, t1, 50
  SET_MTIMECMP t1
  ASSERT_CSR_MASK mip, MIP_MTIP, 0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  li t0, MIP_MTIP
  csrs mie, t0
  csrsi mstatus, MSTATUS_MIE
  WAIT_TRAPS 1
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP INTR(IRQ_MTI)
  READ_MTIME t2
  bltu t2, t1, test_fail_far    // not before mtimecmp
  li t1, -1
  SET_MTIMECMP t1
  WAIT_MIP MIP_MTIP, 0
  TEST 7                        // M interrupts are taken in S and U even with MIE = 0
  MSIP 1
  li t0, MIP_MSIP
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_U
3:
  nop
  TRAP_UP
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_MSI)
  CHECK_EPC 3b
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_MPP, 0
  li t0, MIP_MSIP
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  DROP_TO PRV_S
4:
  nop
  TRAP_UP
  CHECK_TRAP_COUNT 1
  CHECK_TRAP INTR(IRQ_MSI)
  CHECK_EPC 4b
  MSIP 0
  TEST 8                        // software-set SSIP, not delegated: M handles it
  li t0, MIP_SSIP
  csrs mie, t0
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  csrs mip, t0
  csrsi mstatus, MSTATUS_MIE
5:
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP INTR(IRQ_SSI)
  CHECK_MODE 3
  CHECK_EPC 5b
  csrw mip, zero

  TEST 9                        // priority: MSI > MTI > SEI > SSI > STI
  MSIP 1
  SET_MTIMECMP zero
  li t0, (MIP_SSIP | MIP_STIP | MIP_SEIP)
  csrs mip, t0
  li t0, (MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP | MIP_SEIP)
  csrs mie, t0
  WAIT_MIP (MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP | MIP_SEIP), (MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP | MIP_SEIP)
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  csrsi mstatus, MSTATUS_MIE    // handler disables each one in mie as it is taken
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP_COUNT 5
#ifdef QEMU_ORACLE   // QEMU 7.2 (without AIA) takes the lowest-numbered interrupt first
  CHECK_LOG 0, INTR(IRQ_SSI)
  CHECK_LOG 1, INTR(IRQ_MSI)
  CHECK_LOG 2, INTR(IRQ_STI)
  CHECK_LOG 3, INTR(IRQ_MTI)
  CHECK_LOG 4, INTR(IRQ_SEI)
#else
  CHECK_LOG 0, INTR(IRQ_MSI)
  CHECK_LOG 1, INTR(IRQ_MTI)
  CHECK_LOG 2, INTR(IRQ_SEI)
  CHECK_LOG 3, INTR(IRQ_SSI)
  CHECK_LOG 4, INTR(IRQ_STI)
#endif
  MSIP 0
  li t1, -1
  SET_MTIMECMP t1
  WAIT_MIP MIP_MTIP, 0
  csrw mip, zero
  TEST 10                       // priority with MTI/STI only
  SET_MTIMECMP zero
  li t0, MIP_STIP
  csrs mip, t0
  li t0, (MIP_MTIP | MIP_STIP)
  csrs mie, t0
  WAIT_MIP (MIP_MTIP | MIP_STIP), (MIP_MTIP | MIP_STIP)
  EXPECT_TRAP
  CLEAR_TRAP_LOG
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_TRAP_COUNT 2
#ifdef QEMU_ORACLE
  CHECK_LOG 0, INTR(IRQ_STI)
  CHECK_LOG 1, INTR(IRQ_MTI)
#else
  CHECK_LOG 0, INTR(IRQ_MTI)
  CHECK_LOG 1, INTR(IRQ_STI)
#endif
  li t1, -1
  SET_MTIMECMP t1
  WAIT_MIP MIP_MTIP, 0
  csrw mip, zero

  TEST 11                       // vectored mtvec: interrupt cause n -> BASE + 4n
  la t0, vec_table
  ori t0, t0, 1
  csrw mtvec, t0
  li s1, 0
  MSIP 1
  li t0, MIP_MSIP
  csrs mie, t0
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  ASSERT_EQ s1, 3
  MSIP 0
  li s1, 0
  SET_MTIMECMP zero
  WAIT_MIP MIP_MTIP, MIP_MTIP
  li t0, MIP_MTIP
  csrs mie, t0
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  ASSERT_EQ s1, 7
  li t1, -1
  SET_MTIMECMP t1
  WAIT_MIP MIP_MTIP, 0
  li s1, 0
  li t0, MIP_SSIP
  csrs mip, t0
  csrs mie, t0
  csrsi mstatus, MSTATUS_MIE
  nop
  csrci mstatus, MSTATUS_MIE
  ASSERT_EQ s1, 1
  csrw mip, zero
  la t0, trap_entry_m
  csrw mtvec, t0
  PASS
test_fail_far:
  j test_fail

// vector table: entry n records n in s1 and disables interrupt n
  .align 8
vec_table:
  j test_fail           // 0: exceptions (none expected)
  j vec1
  j test_fail
  j vec3
  j test_fail
  j test_fail
  j test_fail
  j vec7
  j test_fail
  j test_fail
  j test_fail
  j test_fail
vec1:
  li s1, 1
  li s2, MIP_SSIP
  csrc mie, s2
  mret
vec3:
  li s1, 3
  li s2, MIP_MSIP
  csrc mie, s2
  mret
vec7:
  li s1, 7
  li s2, MIP_MTIP
  csrc mie, s2
  mret
