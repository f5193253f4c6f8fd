// PMP: CSR layout (pmpcfg0/2 only on RV64, pmpaddr holds bits 55:2), S/U
// accesses fail when no entry matches, OFF/TOR/NA4/NAPOT matching, R/W/X
// denial -> access faults 1/5/7 with tval = address, lowest-numbered entry
// wins, an access must lie entirely inside the deciding entry, M-mode is only
// checked against locked entries, MPRV makes M loads/stores use MPP's
// privilege, and locked entries ignore writes (TOR also locks the previous
// pmpaddr).
#include "test.h"
  .option norvc

#define CFG(i, v) ((v) << (8 * (i)))

// probes from U/S: one access then ecall (see vm.h for the idea)
.macro U_ACCESS mode, insn:vararg
  EXPECT_TRAP .Lr\@
  DROP_TO \mode
  \insn
  ecall
.Lr\@:
.endm
.macro U_OK mode, insn:vararg
  U_ACCESS \mode, \insn
  .if (\mode) == PRV_U
  CHECK_TRAP CAUSE_USER_ECALL
  .else
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  .endif
.endm
.macro U_FAULT mode, cause, addr_reg, insn:vararg
  U_ACCESS \mode, \insn
  CHECK_TRAP \cause
  CHECK_TVALR \addr_reg
.endm

// NAPOT pmpaddr for a naturally aligned power-of-two region
#define NAPOT(base, size) (((base) >> 2) | (((size) >> 3) - 1))

TEST_MAIN
  TEST 1                        // pmpaddr: 54 writable bits (granularity 4 bytes)
#ifndef QEMU_ORACLE   // QEMU 7.2 keeps all 64 bits
  li a1, -1
  csrw pmpaddr3, a1
  ASSERT_CSR pmpaddr3, 0x003fffffffffffff
#endif
  li a1, 0x12345
  csrw pmpaddr3, a1
  ASSERT_CSR pmpaddr3, 0x12345
  csrw pmpaddr3, zero
  TEST 2                        // pmpcfg1 / pmpcfg3 do not exist on RV64
  ILLEGAL csrr a0, pmpcfg1
  ILLEGAL csrr a0, pmpcfg3
  NOTRAP csrr a0, pmpcfg2
  NOTRAP csrr a0, pmpaddr15
  TEST 3                        // pmpcfg fields read back (A, R, W, X per byte)
  li a1, CFG(1, PMP_TOR | PMP_R) | CFG(2, PMP_NA4 | PMP_X) | CFG(3, PMP_NAPOT | PMP_R | PMP_W)
  li t0, -1
  csrw pmpaddr0, t0             // keep entry 0 = everything RWX
  ori a1, a1, (PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg0, a1
  csrr a0, pmpcfg0
  ASSERT_EQR a0, a1
  li a1, CFG(0, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg0, a1
  csrw pmpcfg2, zero

  // From here: entry 15 = NAPOT over everything (RWX, lowest priority);
  // entries 0.. describe test regions in pdata.
  li t0, -1
  csrw pmpaddr15, t0
  li t0, CFG(7, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg2, t0
  csrw pmpcfg0, zero
  la s0, pdata

  TEST 4                        // the catch-all entry 15 alone lets U/S work
  U_OK PRV_U, ld a0, 0(s0)
  U_OK PRV_S, sd a0, 8(s0)
  TEST 5                        // no matching entry: S/U accesses fail, M succeeds
  // entry 15 becomes TOR [0, pdata): code stays reachable, pdata matches nothing
  csrw pmpaddr14, zero
  srli t0, s0, 2
  csrw pmpaddr15, t0
  li t0, CFG(7, PMP_TOR | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg2, t0
  U_FAULT PRV_U, CAUSE_LOAD_ACCESS, s0, ld a0, 0(s0)
  U_FAULT PRV_S, CAUSE_STORE_ACCESS, s0, sd a0, 0(s0)
  U_FAULT PRV_U, CAUSE_FETCH_ACCESS, s0, jr s0
  NOTRAP ld a0, 0(s0)           // M-mode: allowed when nothing matches
#ifndef QEMU_ORACLE   // QEMU 7.2 makes mret itself illegal when no PMP entry is active
  // no active entry at all: the first U instruction cannot be fetched
  csrw pmpcfg2, zero
  EXPECT_TRAP 1f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
1:
  CHECK_TRAP CAUSE_FETCH_ACCESS
  CHECK_TVAL_LABEL 1b
  CHECK_EPC 1b
#endif
  li t0, -1
  csrw pmpaddr15, t0
  li t0, CFG(7, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg2, t0

  TEST 6                        // NAPOT read-only region: store and fetch denied
  addi t0, s0, 0
  srli t0, t0, 2
  ori t0, t0, 0x1ff             // 4 KiB NAPOT over pdata
  csrw pmpaddr0, t0
  li t0, CFG(0, PMP_NAPOT | PMP_R)
  csrw pmpcfg0, t0
  U_OK PRV_U, ld a0, 8(s0)
  addi a3, s0, 16
  U_FAULT PRV_U, CAUSE_STORE_ACCESS, a3, sd a0, 16(s0)
  addi a3, s0, 0x7f8
  U_FAULT PRV_S, CAUSE_STORE_ACCESS, a3, sw a0, 0x7f8(s0)
  U_FAULT PRV_U, CAUSE_STORE_ACCESS, s0, amoadd.d a0, a0, (s0)
  U_FAULT PRV_U, CAUSE_FETCH_ACCESS, s0, jr s0
  TEST 7                        // ...M-mode is not restricted by an unlocked entry
  NOTRAP sd a0, 16(s0)
  TEST 8                        // NAPOT execute-only region
  li t0, CFG(0, PMP_NAPOT | PMP_X)
  csrw pmpcfg0, t0
  U_FAULT PRV_U, CAUSE_LOAD_ACCESS, s0, lb a0, 0(s0)
  U_FAULT PRV_U, CAUSE_STORE_ACCESS, s0, sb a0, 0(s0)
  U_FAULT PRV_U, CAUSE_LOAD_ACCESS, s0, lr.d a0, (s0)
  U_OK PRV_U, jalr ra, 0(s0)    // pdata[0] is an ecall
  CHECK_EPCR s0
  TEST 9                        // just outside the NAPOT region: entry 15 applies
  addi a3, s0, -8
  U_OK PRV_U, sd a0, -8(s0)
  li t0, 0x1000
  add a3, s0, t0
  U_OK PRV_U, sd a0, 0(a3)

  TEST 10                       // NA4: exactly 4 bytes
  addi t0, s0, 0x100
  srli t0, t0, 2
  csrw pmpaddr0, t0
  li t0, CFG(0, PMP_NA4 | PMP_R)
  csrw pmpcfg0, t0
  addi a3, s0, 0x100
  U_OK PRV_U, lw a0, 0x100(s0)
  U_FAULT PRV_U, CAUSE_STORE_ACCESS, a3, sw a0, 0x100(s0)
  addi a3, s0, 0x103
  U_FAULT PRV_U, CAUSE_STORE_ACCESS, a3, sb a0, 0x103(s0)
  U_OK PRV_U, sw a0, 0x104(s0)
  U_OK PRV_U, sw a0, 0xfc(s0)
  TEST 11                       // an access only partly inside the deciding entry fails
  addi a3, s0, 0x100            // ld at 0x100: bytes 0x100-0x107, NA4 covers 4 of them
  li t0, CFG(0, PMP_NA4 | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg0, t0
  U_FAULT PRV_U, CAUSE_LOAD_ACCESS, a3, ld a0, 0x100(s0)
  U_OK PRV_U, lw a0, 0x100(s0)
  addi t0, s0, 0x104            // NA4 at 0x104: ld at 0x100 has its upper half in entry 0
  srli t0, t0, 2
  csrw pmpaddr0, t0
  addi a3, s0, 0x100
  U_FAULT PRV_U, CAUSE_LOAD_ACCESS, a3, ld a0, 0x100(s0)
  U_OK PRV_U, lw a0, 0x104(s0)

  TEST 12                       // TOR: [pmpaddr0, pmpaddr1)
  addi t0, s0, 0x200
  srli t0, t0, 2
  csrw pmpaddr0, t0
  addi t0, s0, 0x300
  srli t0, t0, 2
  csrw pmpaddr1, t0
  li t0, CFG(1, PMP_TOR)        // entry 1: TOR, no permissions
  csrw pmpcfg0, t0              // entry 0: OFF (only supplies the base)
  addi a3, s0, 0x200
  U_FAULT PRV_U, CAUSE_LOAD_ACCESS, a3, ld a0, 0x200(s0)
  addi a3, s0, 0x2f8
  U_FAULT PRV_S, CAUSE_STORE_ACCESS, a3, sd a0, 0x2f8(s0)
  U_OK PRV_U, ld a0, 0x1f8(s0)
  U_OK PRV_U, ld a0, 0x300(s0)
  TEST 13                       // TOR for entry 0 uses 0 as the base
  addi t0, s0, 0x10
  srli t0, t0, 2
  csrw pmpaddr0, t0
  li t0, CFG(0, PMP_TOR | PMP_R | PMP_X)   // [0, pdata + 0x10): R and X (covers our code)
  csrw pmpcfg0, t0
  U_OK PRV_U, ld a0, 8(s0)
  addi a3, s0, 8
  U_FAULT PRV_U, CAUSE_STORE_ACCESS, a3, sd a0, 8(s0)
  U_OK PRV_U, sd a0, 0x10(s0)
  U_OK PRV_U, jalr ra, 0(s0)
  TEST 14                       // TOR with pmpaddr[i-1] >= pmpaddr[i] matches nothing
  addi t0, s0, 0x300
  srli t0, t0, 2
  csrw pmpaddr0, t0
  addi t0, s0, 0x200
  srli t0, t0, 2
  csrw pmpaddr1, t0
  li t0, CFG(1, PMP_TOR)
  csrw pmpcfg0, t0
  U_OK PRV_U, ld a0, 0x280(s0)

  TEST 15                       // priority: the lowest-numbered matching entry decides
  addi t0, s0, 0
  srli t0, t0, 2
  ori t0, t0, 0x1ff
  csrw pmpaddr0, t0             // entry 0: pdata, RW (no X)
  csrw pmpaddr1, t0             // entry 1: same region, RWX
  li t0, CFG(0, PMP_NAPOT | PMP_R | PMP_W) | CFG(1, PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg0, t0
  U_FAULT PRV_U, CAUSE_FETCH_ACCESS, s0, jr s0
  li t0, CFG(0, PMP_NAPOT | PMP_R | PMP_W | PMP_X) | CFG(1, PMP_NAPOT | PMP_R)
  csrw pmpcfg0, t0
  U_OK PRV_U, sd a0, 0(s0)

  TEST 16                       // MPRV: M loads/stores checked with MPP = U
  li t0, CFG(0, PMP_NAPOT | PMP_R)
  csrw pmpcfg0, t0
  EXPECT_TRAP 3f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  ld a0, 0(s0)                  // allowed (R)
  sd a0, 0(s0)                  // denied for U
  j test_fail
3:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_TRAP CAUSE_STORE_ACCESS
  CHECK_TVALR s0
  TEST 17                       // MPRV with MPP = M: no restriction
  li t0, (MSTATUS_MPRV | MSTATUS_MPP_M)
  csrs mstatus, t0
  NOTRAP sd a0, 0(s0)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0

  // ---- locked entries (last: locks stay until reset)
  TEST 18                       // locked NA4 read-only word: M store faults, M load works
  addi t0, s0, 0x400
  srli t0, t0, 2
  csrw pmpaddr4, t0
  li t0, CFG(4, PMP_L | PMP_NA4 | PMP_R)
  csrw pmpcfg0, t0              // entries 0-3 off (an unlocked lower entry would win)
  addi a3, s0, 0x400
  EXPECT_TRAP
  sw zero, 0x400(s0)
  CHECK_TRAP CAUSE_STORE_ACCESS
  CHECK_TVALR a3
  NOTRAP lw a0, 0x400(s0)
  EXPECT_TRAP 4f
  jr a3                         // no X for M either
4:
  CHECK_TRAP CAUSE_FETCH_ACCESS
  CHECK_TVALR a3
  TEST 19                       // locked entry ignores writes to its pmpcfg and pmpaddr
  li t0, CFG(4, 0xff)
  csrc pmpcfg0, t0
  ASSERT_CSR_MASK pmpcfg0, CFG(4, 0xff), CFG(4, PMP_L | PMP_NA4 | PMP_R)
  csrw pmpaddr4, zero
  addi t0, s0, 0x400
  srli t0, t0, 2
  csrr a0, pmpaddr4
  ASSERT_EQR a0, t0
  TEST 20                       // locked TOR entry also locks the previous pmpaddr
  addi t0, s0, 0x500
  srli t0, t0, 2
  csrw pmpaddr5, t0
  addi t0, s0, 0x600
  srli t0, t0, 2
  csrw pmpaddr6, t0
  li t0, CFG(6, PMP_L | PMP_TOR | PMP_R | PMP_W)
  csrs pmpcfg0, t0
  csrw pmpaddr5, zero
  addi t0, s0, 0x500
  srli t0, t0, 2
  csrr a0, pmpaddr5
  ASSERT_EQR a0, t0
  NOTRAP sd zero, 0x500(s0)     // RW allowed for M in the locked TOR region
  addi a3, s0, 0x508
  EXPECT_TRAP 5f
  jr a3
5:
  CHECK_TRAP CAUSE_FETCH_ACCESS
  CHECK_TVALR a3
  PASS

  .data
  .balign 4096
pdata:
  .word 0x00000073              // ecall
  .skip 4092
  .word 0x00000073
  .skip 4092
