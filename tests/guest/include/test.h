/*
 * strata guest test framework (assembly side).
 *
 * Every test program is a .S file that includes this header and defines
 * `test_main`.  The start-up code (common/crt.S) zeroes the registers, sets up
 * a stack, installs the trap handlers, opens PMP for S/U (entry 0 = NAPOT
 * over everything, RWX), turns the FPU on (mstatus.FS = Initial) and jumps to
 * test_main in M-mode.
 *
 * Register conventions (must be respected by the tests):
 *   gp (x3)      current test number; reported on failure (exit status).
 *   t5, t6       scratch registers of the macros below; never hold values
 *                across a macro in them.
 *   mscratch/sscratch  point at the trap context; a test that writes them
 *                must restore them before the next trap.
 *
 * Result reporting: PASS ends the run with HTIF exit code 0; a failed check
 * jumps to test_fail, which prints "FAIL: test N" on the HTIF console and
 * exits with code N (1..255; 0 or >255 is reported as 255).
 *
 * Traps: an unexpected trap (M or S handler) prints the cause/epc/tval and
 * fails.  EXPECT_TRAP arms the handlers for one synchronous exception (and any
 * number of interrupts until CHECK_TRAP/EXPECT_NONE disarms them):
 *   EXPECT_TRAP            -> resume after the trapping instruction
 *                             (same privilege; instruction read at xepc, so
 *                             code must be identity mapped under VM)
 *   EXPECT_TRAP label      -> resume at `label` in the handler's mode
 *                             (M handler: M-mode; S handler: S-mode),
 *                             with MIE (resp. SIE) = 0
 * An interrupt is logged, its enable bit in mie/sie is cleared, and the
 * interrupted code resumes (xepc unchanged).
 * The handler records: trap_cause, trap_tval, trap_epc, trap_mode (3 = taken
 * in M, 1 = taken in S), trap_status (mstatus/sstatus as seen in the
 * handler), trap_count (incremented per trap) and trap_log[16] (causes).
 *
 * TRAP_UP: `ecall` with t5 = TRAP_UP_MAGIC; the handler that receives it
 * (M or S) returns to *its own* mode at the next instruction, without
 * touching the expectation state; MIE (resp. SIE) is 0 afterwards.  DROP_TO mode: M-mode code continues at
 * the next instruction in `mode` (via mret).  So
 *     DROP_TO PRV_U ; ...user code... ; TRAP_UP
 * runs a snippet in U-mode and comes back to M.
 */
#ifndef STRATA_GUEST_TEST_H
#define STRATA_GUEST_TEST_H

/* ---- privilege levels ------------------------------------------------ */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* ---- mstatus --------------------------------------------------------- */
#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_UBE   0x40
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_VS    0x600
#define MSTATUS_MPP   0x1800
#define MSTATUS_MPP_S 0x0800
#define MSTATUS_MPP_M 0x1800
#define MSTATUS_FS    0x6000
#define MSTATUS_FS_OFF     0x0000
#define MSTATUS_FS_INITIAL 0x2000
#define MSTATUS_FS_CLEAN   0x4000
#define MSTATUS_FS_DIRTY   0x6000
#define MSTATUS_XS    0x18000
#define MSTATUS_MPRV  0x20000
#define MSTATUS_SUM   0x40000
#define MSTATUS_MXR   0x80000
#define MSTATUS_TVM   0x100000
#define MSTATUS_TW    0x200000
#define MSTATUS_TSR   0x400000
#define MSTATUS_UXL   0x300000000
#define MSTATUS_SXL   0xC00000000
#define MSTATUS_SBE   0x1000000000
#define MSTATUS_MBE   0x2000000000
#define MSTATUS_SD    0x8000000000000000

/* ---- interrupts (bit numbers of mip/mie, cause codes) ------------------ */
#define IRQ_SSI  1
#define IRQ_MSI  3
#define IRQ_STI  5
#define IRQ_MTI  7
#define IRQ_SEI  9
#define IRQ_MEI  11
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define MIP_SEIP (1 << IRQ_SEI)
#define MIP_MEIP (1 << IRQ_MEI)
#define CAUSE_INTR 0x8000000000000000
#define INTR(n) (CAUSE_INTR | (n))

/* ---- exception causes ------------------------------------------------ */
#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_USER_ECALL        8
#define CAUSE_SUPERVISOR_ECALL  9
#define CAUSE_MACHINE_ECALL     11
#define CAUSE_FETCH_PAGE_FAULT  12
#define CAUSE_LOAD_PAGE_FAULT   13
#define CAUSE_STORE_PAGE_FAULT  15

/* ---- CSR numbers the assembler may not know ---------------------------- */
#define CSR_MENVCFG   0x30a
#define CSR_SENVCFG   0x10a
#define CSR_STIMECMP  0x14d
#define CSR_MCONFIGPTR 0xf15

#define MENVCFG_STCE  0x8000000000000000
#define MENVCFG_FIOM  0x1

/* ---- satp ------------------------------------------------------------ */
#define SATP_MODE_SV39 (8 << 60)
#define SATP_MODE_SV48 (9 << 60)
#define SATP_MODE_SV57 (10 << 60)

/* ---- page table entries ------------------------------------------------ */
#define PTE_V 0x1
#define PTE_R 0x2
#define PTE_W 0x4
#define PTE_X 0x8
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

/* ---- PMP -------------------------------------------------------------- */
#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_OFF   0x00
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80

/* ---- platform --------------------------------------------------------- */
#define CLINT_BASE     0x02000000
#define CLINT_MSIP     0x02000000
#define CLINT_MTIMECMP 0x02004000
#define CLINT_MTIME    0x0200bff8
#define RAM_BASE       0x80000000

#define TRAP_UP_MAGIC  0x5ca1ab1e

/* ---- HTIF --------------------------------------------------------------- */
#define HTIF_PUTC_CMD  0x0101000000000000

#ifdef __ASSEMBLER__

/* ======================================================================
 * Structure
 * ==================================================================== */

/* Start of a test program: everything after it is the body of test_main. */
.macro TEST_MAIN
  .text
  .globl test_main
  .type test_main, @function
test_main:
.endm

/* Set the current test number (reported on failure). */
.macro TEST n
  li gp, \n
.endm

/* Whole run passed. */
.macro PASS
  j test_pass
.endm

.macro FAIL
  j test_fail
.endm

/* ======================================================================
 * Assertions (clobber t6, sometimes t5)
 * ==================================================================== */

/* reg == immediate */
.macro ASSERT_EQ reg, val
  li t6, \val
  beq \reg, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* reg != immediate */
.macro ASSERT_NE reg, val
  li t6, \val
  bne \reg, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* reg1 == reg2 */
.macro ASSERT_EQR r1, r2
  beq \r1, \r2, .Lok\@
  j test_fail
.Lok\@:
.endm

.macro ASSERT_NER r1, r2
  bne \r1, \r2, .Lok\@
  j test_fail
.Lok\@:
.endm

/* reg == address of label */
.macro ASSERT_EQL reg, label
  la t6, \label
  beq \reg, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* (reg & mask) == val */
.macro ASSERT_MASK reg, mask, val
  li t6, \mask
  and t6, \reg, t6
  li t5, \val
  beq t6, t5, .Lok\@
  j test_fail
.Lok\@:
.endm

/* unsigned r1 < r2 */
.macro ASSERT_LTU r1, r2
  bltu \r1, \r2, .Lok\@
  j test_fail
.Lok\@:
.endm

/* CSR == immediate */
.macro ASSERT_CSR csr, val
  csrr t5, \csr
  li t6, \val
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* (CSR & mask) == val */
.macro ASSERT_CSR_MASK csr, mask, val
  csrr t5, \csr
  li t6, \mask
  and t5, t5, t6
  li t6, \val
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* dword in memory at label == immediate */
.macro ASSERT_MEM label, val
  ld t5, \label
  li t6, \val
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* fflags == immediate */
.macro ASSERT_FFLAGS val
  frflags t5
  li t6, \val
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* ======================================================================
 * Integer instruction test templates (operands in a1/a2, result in a0)
 * ==================================================================== */

.macro TEST_RR n, inst, exp, v1, v2
  li gp, \n
  li a1, \v1
  li a2, \v2
  \inst a0, a1, a2
  ASSERT_EQ a0, \exp
.endm

/* rd == rs1, rd == rs2, rs1 == rs2 and rd == x0 variants */
.macro TEST_RR_ALIAS n, inst, v1, v2
  li gp, \n
  li a1, \v1
  li a2, \v2
  \inst a0, a1, a2
  mv a3, a1
  \inst a3, a3, a2
  ASSERT_EQR a0, a3
  mv a3, a2
  \inst a3, a1, a3
  ASSERT_EQR a0, a3
  \inst a4, a1, a1
  mv a3, a1
  \inst a3, a3, a3
  ASSERT_EQR a3, a4
  \inst x0, a1, a2
  ASSERT_EQ x0, 0
.endm

.macro TEST_RI n, inst, exp, v1, imm
  li gp, \n
  li a1, \v1
  \inst a0, a1, \imm
  ASSERT_EQ a0, \exp
  mv a3, a1
  \inst a3, a3, \imm
  ASSERT_EQ a3, \exp
.endm

.macro TEST_R n, inst, exp, v1
  li gp, \n
  li a1, \v1
  \inst a0, a1
  ASSERT_EQ a0, \exp
  mv a3, a1
  \inst a3, a3
  ASSERT_EQ a3, \exp
.endm

/* ======================================================================
 * Traps
 * ==================================================================== */

.macro EXPECT_TRAP resume=0
  .ifc \resume,0
  li t5, 0
  .else
  la t5, \resume
  .endif
  sd t5, trap_resume, t6
  li t5, -1
  sd t5, trap_cause, t6
  sd t5, trap_tval, t6
  sd t5, trap_epc, t6
  sd zero, trap_mode, t6
  li t5, 1
  sd t5, trap_expect, t6
.endm

/* disarm the handlers */
.macro EXPECT_NONE
  sd zero, trap_expect, t6
.endm

/* trap_cause == cause, then disarm */
.macro CHECK_TRAP cause
  sd zero, trap_expect, t6
  ld t5, trap_cause
  li t6, \cause
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* no trap happened since EXPECT_TRAP; disarm */
.macro CHECK_NO_TRAP
  sd zero, trap_expect, t6
  ld t5, trap_cause
  li t6, -1
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

.macro CHECK_TVAL val
  ld t5, trap_tval
  li t6, \val
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* trap_tval == register */
.macro CHECK_TVALR reg
  ld t5, trap_tval
  beq t5, \reg, .Lok\@
  j test_fail
.Lok\@:
.endm

.macro CHECK_TVAL_LABEL label
  ld t5, trap_tval
  la t6, \label
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

.macro CHECK_EPC label
  ld t5, trap_epc
  la t6, \label
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

.macro CHECK_EPCR reg
  ld t5, trap_epc
  beq t5, \reg, .Lok\@
  j test_fail
.Lok\@:
.endm

/* mode that took the trap: 3 = M handler, 1 = S handler */
.macro CHECK_MODE m
  ld t5, trap_mode
  li t6, \m
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* reset trap_count and the log */
.macro CLEAR_TRAP_LOG
  sd zero, trap_count, t6
.endm

.macro CHECK_TRAP_COUNT n
  ld t5, trap_count
  li t6, \n
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* trap_log[i] == cause */
.macro CHECK_LOG i, cause
  la t5, trap_log
  ld t5, (8*\i)(t5)
  li t6, \cause
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* Expect `inst` (one instruction or a ;-free macro) to raise `cause`,
 * resuming right after it. */
.macro TRAPS cause, insn:vararg
  EXPECT_TRAP
.Linsn\@:
  \insn
  CHECK_TRAP \cause
  CHECK_EPC .Linsn\@
.endm

/* Expect illegal instruction with tval = the instruction bits. */
.macro ILLEGAL insn:vararg
  EXPECT_TRAP
.Linsn\@:
  \insn
  CHECK_TRAP CAUSE_ILLEGAL_INSN
  CHECK_EPC .Linsn\@
  la t5, .Linsn\@
  lhu t6, 0(t5)
  andi t5, t6, 3
  addi t5, t5, -3
  bnez t5, .Lc\@
  la t5, .Linsn\@
  lwu t6, 0(t5)
.Lc\@:
  ld t5, trap_tval
  beq t5, t6, .Lok\@
  j test_fail
.Lok\@:
.endm

/* Expect no trap from insn */
.macro NOTRAP insn:vararg
  EXPECT_TRAP
  \insn
  CHECK_NO_TRAP
.endm

/* ======================================================================
 * Privilege changes
 * ==================================================================== */

/* From M-mode: continue at the next instruction in privilege `mode`. */
.macro DROP_TO mode
  li t6, MSTATUS_MPP
  csrc mstatus, t6
  li t6, ((\mode) << 11)
  csrs mstatus, t6
  la t6, .Lnext\@
  csrw mepc, t6
  mret
.Lnext\@:
.endm

/* From S-mode (handled by S): continue at the next instruction in U via sret. */
.macro S_DROP_TO_U
  li t6, MSTATUS_SPP
  csrc sstatus, t6
  la t6, .Lnext\@
  csrw sepc, t6
  sret
.Lnext\@:
.endm

/* Back up to the mode of whichever handler takes the ecall. */
.macro TRAP_UP
  li t5, TRAP_UP_MAGIC
  ecall
.endm

/* Debug aid: print a register in hex on the console (clobbers ra, a0, a1,
 * t0-t4). */
.macro DEBUG_HEX reg
  mv a0, \reg
  call htif_puthex
  li a0, 10
  call htif_putc
.endm

/* ======================================================================
 * CLINT
 * ==================================================================== */

/* Poll (bounded) until (mip & mask) == val: device-driven bits such as MTIP
 * need not change in the very instruction after the MMIO write. */
.macro WAIT_MIP mask, val
  li t4, 1000000
.Lw\@:
  csrr t5, mip
  li t6, \mask
  and t5, t5, t6
  li t6, \val
  beq t5, t6, .Ld\@
  addi t4, t4, -1
  bnez t4, .Lw\@
  j test_fail
.Ld\@:
.endm

.macro SET_MTIMECMP reg
  li t6, CLINT_MTIMECMP
  sd \reg, 0(t6)
.endm

.macro READ_MTIME reg
  li t6, CLINT_MTIME
  ld \reg, 0(t6)
.endm

#endif /* __ASSEMBLER__ */
#endif /* STRATA_GUEST_TEST_H */
