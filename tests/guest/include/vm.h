/*
 * Virtual-memory test helpers (include after test.h).
 *
 * Layout used by the VM tests:
 *  - S-mode code/data run identity mapped through a superpage over
 *    0x8000_0000 with U = 0 (set up by the test).
 *  - Test pages live in a separate VA window TV_BASE (the test chooses it per
 *    translation mode); leaf table pt_l0 maps TV_BASE + i * 4 KiB.
 *  - The page `probe_page` (below) holds position-independent probe routines.
 *    S-mode runs them at their physical (= identity) address, U-mode through
 *    an alias at TV_BASE + UIDX * 4 KiB with U = 1.
 *
 * A probe enters `mode` at a routine with a1 = address (a2 = store value),
 * which performs one access and then executes ecall.  Every probe therefore
 * ends with exactly one trap into M: cause 8/9 (the ecall) when the access
 * succeeded, or the fault.  The M handler resumes at the end of the macro.
 */
#ifndef STRATA_GUEST_VM_H
#define STRATA_GUEST_VM_H

#define UIDX 511                      /* pt_l0 index of the user alias of probe_page */
#define PTE_ALL (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

/* AMOs fault as stores (store/AMO page fault, 15).  QEMU 7.2, the oracle,
 * reports them as load page faults (13). */
#ifdef QEMU_ORACLE
#define AMO_PAGE_FAULT CAUSE_LOAD_PAGE_FAULT
#else
#define AMO_PAGE_FAULT CAUSE_STORE_PAGE_FAULT
#endif

#ifdef __ASSEMBLER__

/* Probe routines: one page, position independent. */
.macro VM_PROBE_PAGE
  .section .text.probe, "ax", @progbits
  .balign 4096
  .globl probe_page
probe_page:
  .option push
  .option norvc
probe_ld:
  ld a0, 0(a1)
  ecall
probe_sd:
  sd a2, 0(a1)
  ecall
probe_amo:
  amoadd.d a0, a2, (a1)
  ecall
probe_lr:
  lr.d a0, (a1)
  ecall
probe_lbu:
  lbu a0, 0(a1)
  ecall
probe_exec:
  jalr x0, 0(a1)
  .option pop
  .balign 4096
  .text
.endm

/* pte = ((pa >> 12) << 10) | flags, stored at table[idx]; clobbers t0-t2 */
.macro SET_PTE table, idx, pa_reg, flags
  srli t1, \pa_reg, 12
  slli t1, t1, 10
  li t2, \flags
  or t1, t1, t2
  la t0, \table
  li t2, (8 * (\idx))
  add t0, t0, t2
  sd t1, 0(t0)
.endm

/* table[idx] -> child table (non-leaf) */
.macro SET_PTR table, idx, child
  la t2, \child
  SET_PTE \table, \idx, t2, PTE_V
.endm

/* table[idx] = leaf for the page at label */
.macro SET_LEAF table, idx, label, flags
  la t2, \label
  SET_PTE \table, \idx, t2, \flags
.endm

/* table[idx] = raw 64-bit value */
.macro SET_RAW table, idx, val
  la t0, \table
  li t1, (8 * (\idx))
  add t0, t0, t1
  li t1, \val
  sd t1, 0(t0)
.endm

/* load table[idx] into reg */
.macro GET_PTE reg, table, idx
  la t0, \table
  li t1, (8 * (\idx))
  add t0, t0, t1
  ld \reg, 0(t0)
.endm

/* satp = mode | root ppn, then sfence.vma */
.macro SET_SATP mode, root
  la t0, \root
  srli t0, t0, 12
  li t1, \mode
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
.endm

/* Run `routine` in `mode` with a1 = va (a2 = value for stores). */
.macro PROBE_RUN mode, routine, va
  li a1, \va
  EXPECT_TRAP .Lret\@
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, ((\mode) << 11)
  csrs mstatus, t0
  la t0, \routine
  .if (\mode) == PRV_U
  la t1, probe_page
  sub t0, t0, t1
  li t1, (TV_BASE + UIDX * 4096)
  add t0, t0, t1
  .endif
  csrw mepc, t0
  mret
.Lret\@:
.endm

/* access must succeed */
.macro PROBE_OK mode, routine, va
  PROBE_RUN \mode, \routine, \va
  .if (\mode) == PRV_U
  CHECK_TRAP CAUSE_USER_ECALL
  .else
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  .endif
.endm

/* access must fault with `cause`, tval = va */
.macro PROBE_FAULT mode, routine, va, cause
  PROBE_RUN \mode, \routine, \va
  CHECK_TRAP \cause
  CHECK_TVAL \va
.endm

#endif /* __ASSEMBLER__ */
#endif
