// mret / sret: privilege restored from MPP/SPP, MIE <- MPIE, MPIE <- 1,
// MPP <- U (and SIE <- SPIE, SPIE <- 1, SPP <- U); MPRV cleared when returning
// below M; sret/mret illegal from lower privilege; TSR makes sret illegal in S
// (but not in M); MPP = 2 (reserved) is not retained.
#include "test.h"
  .option norvc

// QEMU 7.2 does not clear MPRV on xRET to a mode below M (priv 1.12 does).
#ifdef QEMU_ORACLE
#define MPRV_AFTER_XRET MSTATUS_MPRV
#else
#define MPRV_AFTER_XRET 0
#endif

// read the current privilege indirectly: try an M-only CSR read
.macro ASSERT_IN_M
  NOTRAP csrr a0, mscratch
.endm

TEST_MAIN
  TEST 1                        // mret to M: MIE <- MPIE(0), MPIE <- 1, MPP <- U
  li t0, (MSTATUS_MPIE | MSTATUS_MIE)
  csrc mstatus, t0
  li t0, MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
  j test_fail
1:
  ASSERT_IN_M
  ASSERT_CSR_MASK mstatus, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP), MSTATUS_MPIE
  TEST 2                        // mret with MPIE = 1 sets MIE
  li t0, MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 2f
  csrw mepc, t0
  mret
2:
  ASSERT_CSR_MASK mstatus, (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP), (MSTATUS_MIE | MSTATUS_MPIE)
  csrci mstatus, MSTATUS_MIE

  TEST 3                        // mret to S, then S-mode cannot read M CSRs
  EXPECT_TRAP 3f
  DROP_TO PRV_S
  csrr a0, mscratch
  j test_fail
3:
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_MPP, MSTATUS_MPP_S
  TEST 4                        // mret to U clears MPRV
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  DROP_TO PRV_U
  TRAP_UP
  ASSERT_CSR_MASK mstatus, MSTATUS_MPRV, MPRV_AFTER_XRET
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  TEST 5                        // mret to S clears MPRV
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  DROP_TO PRV_S
  TRAP_UP
  ASSERT_CSR_MASK mstatus, MSTATUS_MPRV, MPRV_AFTER_XRET
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  TEST 6                        // mret to M keeps MPRV
  li t0, (MSTATUS_MPRV | MSTATUS_MPP_M)
  csrs mstatus, t0
  la t0, 4f
  csrw mepc, t0
  mret
4:
  ASSERT_CSR_MASK mstatus, MSTATUS_MPRV, MSTATUS_MPRV
  li t0, MSTATUS_MPRV
  csrc mstatus, t0

  TEST 7                        // sret from S to U: SIE <- SPIE, SPIE <- 1, SPP <- U
  DROP_TO PRV_S
  li t0, (MSTATUS_SPP | MSTATUS_SIE)
  csrc sstatus, t0
  li t0, MSTATUS_SPIE
  csrs sstatus, t0
  la t0, 5f
  csrw sepc, t0
  sret
5:
  // now in U: return to M and inspect
  TRAP_UP
  ld a0, trap_status            // (not updated by TRAP_UP)
  csrr a0, mstatus
  ASSERT_MASK a0, (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP), (MSTATUS_SIE | MSTATUS_SPIE)
  EXPECT_TRAP 6f                // confirm the sret went to U: ecall cause 8
  DROP_TO PRV_S
  li t0, MSTATUS_SPP
  csrc sstatus, t0
  la t0, 7f
  csrw sepc, t0
  sret
7:
  ecall
6:
  CHECK_TRAP CAUSE_USER_ECALL
  csrci sstatus, MSTATUS_SIE

  TEST 8                        // sret from S to S (SPP = 1), SPIE = 0 -> SIE = 0, SPP <- U
  EXPECT_TRAP 8f
  DROP_TO PRV_S
  li t0, (MSTATUS_SPP)
  csrs sstatus, t0
  li t0, (MSTATUS_SPIE | MSTATUS_SIE)
  csrc sstatus, t0
  la t0, 9f
  csrw sepc, t0
  sret
9:
  ecall
8:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  ASSERT_CSR_MASK mstatus, (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP), MSTATUS_SPIE
  TEST 9                        // sret from M (legal), returns to SPP, clears MPRV
  li t0, MSTATUS_SPP
  csrs mstatus, t0
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  EXPECT_TRAP 10f
  la t0, 11f
  csrw sepc, t0
  sret
11:
  ecall
10:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  ASSERT_CSR_MASK mstatus, MSTATUS_MPRV, MPRV_AFTER_XRET
  li t0, MSTATUS_MPRV
  csrc mstatus, t0

  TEST 10                       // sret in U is illegal
  DROP_TO PRV_U
  ILLEGAL sret
  TRAP_UP
  TEST 11                       // mret in U and S is illegal
  DROP_TO PRV_U
  ILLEGAL mret
  TRAP_UP
  DROP_TO PRV_S
  ILLEGAL mret
  TRAP_UP
  TEST 12                       // TSR = 1: sret in S is illegal...
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  DROP_TO PRV_S
  ILLEGAL sret
  TRAP_UP
  TEST 13                       // ...but legal in M
  li t0, MSTATUS_SPP
  csrs mstatus, t0
  EXPECT_TRAP 12f
  la t0, 13f
  csrw sepc, t0
  sret
13:
  ecall
12:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  TEST 14                       // sepc: bit 0 reads zero
#ifndef QEMU_ORACLE   // QEMU 7.2 keeps xepc[0] as written
  li a1, 0x80000007
  csrw sepc, a1
  csrr a0, sepc
  ASSERT_EQ a0, 0x80000006
#endif
  TEST 15                       // MPP = 2 (reserved) is not retained (strata: write ignored)
#ifndef QEMU_ORACLE   // QEMU 7.2 stores MPP = 2
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, 0x1000
  csrs mstatus, t0
  csrr a0, mstatus
  ASSERT_MASK a0, MSTATUS_MPP, 0
  li t0, MSTATUS_MPP_S
  csrs mstatus, t0
  li t0, MSTATUS_MPP
  csrr a1, mstatus
  and a2, a1, t0
  xor a1, a1, a2
  li t0, 0x1000
  or a1, a1, t0                 // write MPP = 2 over MPP = S
  csrw mstatus, a1
  ASSERT_CSR_MASK mstatus, MSTATUS_MPP, MSTATUS_MPP_S
#endif
  PASS
