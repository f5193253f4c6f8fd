// Sv39 page-table walks: 4 KiB / 2 MiB / 1 GiB leaves, misaligned superpages,
// invalid PTEs at every level, reserved PTE bits, non-canonical addresses,
// hardware A/D updates (and none on faulting accesses), sfence.vma making PTE
// changes visible (global and by address), MPRV with MPP = S/U (+ SUM/MXR),
// satp = Bare, and an instruction that straddles into an unmapped page.
#include "test.h"
#define TV_BASE 0x40000000
#include "vm.h"

#define MAGIC1 0x1122334455667788
#define MAGIC2 0x99aabbccddeeff00
#define VA(i) (TV_BASE + (i) * 0x1000)

  VM_PROBE_PAGE
TEST_MAIN
  li t2, 0x80000000
  SET_PTE pt_root, 2, t2, PTE_ALL              // identity gigapage, S only
  SET_PTR pt_root, 1, pt_l1
  SET_PTR pt_l1, 0, pt_l0
  SET_LEAF pt_l0, UIDX, probe_page, (PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  SET_LEAF pt_l0, 1, tpage, PTE_ALL
  SET_LEAF pt_l0, 2, tpage2, PTE_ALL
  SET_LEAF pt_l0, 3, tpage, (PTE_ALL | PTE_U)
  SET_SATP SATP_MODE_SV39, pt_root

  TEST 1                        // 4 KiB translation goes to the right physical page
  PROBE_OK PRV_S, probe_ld, VA(1) + 8
  ASSERT_EQ a0, MAGIC1
  PROBE_OK PRV_S, probe_ld, VA(2) + 8
  ASSERT_EQ a0, MAGIC2
  PROBE_OK PRV_U, probe_ld, VA(3) + 8
  ASSERT_EQ a0, MAGIC1
  TEST 2                        // store through the mapping lands in the physical page
  li a2, 0x0badcafe
  PROBE_OK PRV_S, probe_sd, VA(2) + 16
  la t0, tpage2
  ld a0, 16(t0)
  ASSERT_EQ a0, 0x0badcafe
  TEST 3                        // page offset bits pass through (byte loads at the page end)
  PROBE_OK PRV_S, probe_lbu, VA(2) + 0xfff
  ASSERT_EQ a0, 0xa5

  TEST 4                        // 2 MiB megapage (pt_l1[1] -> PA 0x8000_0000)
  li t2, 0x80000000
  SET_PTE pt_l1, 1, t2, PTE_ALL
  sfence.vma
  la s0, tpage
  li t0, 0x80000000
  sub s0, s0, t0                // offset of tpage in the megapage
  li t0, (TV_BASE + 0x200000 + 8)
  add s0, s0, t0
  PROBE_RUN PRV_S, probe_ld, 0
  // (PROBE_RUN loads a1 itself; use the register form below)
  CHECK_TRAP CAUSE_LOAD_PAGE_FAULT      // address 0 is unmapped
  mv a1, s0
  EXPECT_TRAP 4f
  DROP_TO PRV_S
  ld a0, 0(a1)
  ecall
4:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  ASSERT_EQ a0, MAGIC1
  TEST 5                        // misaligned megapage: PPN[0] != 0 -> page fault
  li t2, 0x80001000
  SET_PTE pt_l1, 2, t2, PTE_ALL
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, (TV_BASE + 0x400000), CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_sd, (TV_BASE + 0x400008), CAUSE_STORE_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_exec, (TV_BASE + 0x400000), CAUSE_FETCH_PAGE_FAULT
  TEST 6                        // 1 GiB gigapage alias at 0xC000_0000 -> PA 0x8000_0000
  li t2, 0x80000000
  SET_PTE pt_root, 3, t2, (PTE_V | PTE_R | PTE_A)
  sfence.vma
  la a1, tpage
  li t0, 0x40000008             // + 1 GiB, + 8
  add a1, a1, t0
  EXPECT_TRAP 5f
  DROP_TO PRV_S
  ld a0, 0(a1)
  ecall
5:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  ASSERT_EQ a0, MAGIC1
  TEST 7                        // misaligned gigapage: PPN[1] != 0
  li t2, 0x80200000
  SET_PTE pt_root, 4, t2, PTE_ALL
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, 0x100000000, CAUSE_LOAD_PAGE_FAULT
  li t2, 0x80001000             // PPN[0] != 0 as well
  SET_PTE pt_root, 4, t2, PTE_ALL
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, 0x100000000, CAUSE_LOAD_PAGE_FAULT

  TEST 8                        // invalid (V = 0) at the leaf level, even with RWX set
  SET_RAW pt_l0, 4, 0
  la t2, tpage
  SET_PTE pt_l0, 5, t2, (PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, VA(4), CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_ld, VA(5), CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_sd, VA(5), CAUSE_STORE_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_exec, VA(5), CAUSE_FETCH_PAGE_FAULT
  PROBE_FAULT PRV_U, probe_ld, VA(5), CAUSE_LOAD_PAGE_FAULT
  TEST 9                        // invalid at the middle and root levels
  SET_RAW pt_l1, 3, 0
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, (TV_BASE + 0x600000), CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_ld, 0x140000000, CAUSE_LOAD_PAGE_FAULT   // root[5] = 0
  PROBE_FAULT PRV_S, probe_sd, 0x140000000, CAUSE_STORE_PAGE_FAULT
  TEST 10                       // W without R in a non-leaf position is still reserved
  la t2, pt_l0
  SET_PTE pt_l1, 4, t2, (PTE_V | PTE_W)
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, (TV_BASE + 0x800000 + 0x1008), CAUSE_LOAD_PAGE_FAULT
  TEST 11                       // reserved bits 63:54 set in a leaf -> page fault
  la t2, tpage
  SET_PTE pt_l0, 6, t2, PTE_ALL
  la t0, pt_l0
  ld t1, (8 * 6)(t0)
  li t2, (1 << 54)
  or t1, t1, t2
  sd t1, (8 * 6)(t0)
  sfence.vma
  PROBE_FAULT PRV_S, probe_ld, VA(6) + 8, CAUSE_LOAD_PAGE_FAULT

  TEST 12                       // non-canonical addresses (bits 63:39 != bit 38)
  PROBE_FAULT PRV_S, probe_ld, 0x0000004000000000, CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_sd, 0x8000000080000000, CAUSE_STORE_PAGE_FAULT
  PROBE_FAULT PRV_U, probe_ld, 0x0000008040001008, CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_exec, 0x0000004000000000, CAUSE_FETCH_PAGE_FAULT
  TEST 13                       // canonical upper half is translated (root[511] unmapped)
  PROBE_FAULT PRV_S, probe_ld, 0xffffffffc0000000, CAUSE_LOAD_PAGE_FAULT
  SET_PTR pt_root, 511, pt_l1b
  SET_PTR pt_l1b, 511, pt_l0b
  SET_LEAF pt_l0b, 511, tpage, PTE_ALL
  sfence.vma
  PROBE_OK PRV_S, probe_ld, 0xfffffffffffff008
  ASSERT_EQ a0, MAGIC1

  // ---- A/D bits
  TEST 14                       // load with A = 0 sets A, leaves D = 0
  la t2, tpage
  SET_PTE pt_l0, 7, t2, (PTE_V | PTE_R | PTE_W)
  sfence.vma
  PROBE_OK PRV_S, probe_ld, VA(7) + 8
  GET_PTE a0, pt_l0, 7
  ASSERT_MASK a0, (PTE_A | PTE_D), PTE_A
  TEST 15                       // store with D = 0 sets D
  sfence.vma
  li a2, 0
  PROBE_OK PRV_S, probe_sd, VA(7) + 24
  GET_PTE a0, pt_l0, 7
  ASSERT_MASK a0, (PTE_A | PTE_D), (PTE_A | PTE_D)
  TEST 16                       // store with A = D = 0 sets both
  la t2, tpage
  SET_PTE pt_l0, 8, t2, (PTE_V | PTE_R | PTE_W | PTE_U)
  sfence.vma
  PROBE_OK PRV_U, probe_sd, VA(8) + 24
  GET_PTE a0, pt_l0, 8
  ASSERT_MASK a0, (PTE_A | PTE_D), (PTE_A | PTE_D)
  TEST 17                       // fetch with A = 0 sets A
  la t2, tpage
  SET_PTE pt_l0, 9, t2, (PTE_V | PTE_X)
  sfence.vma
  PROBE_OK PRV_S, probe_exec, VA(9)
  GET_PTE a0, pt_l0, 9
  ASSERT_MASK a0, (PTE_A | PTE_D), PTE_A
  TEST 18                       // faulting accesses do not set A or D
  la t2, tpage
  SET_PTE pt_l0, 10, t2, (PTE_V | PTE_R)
  sfence.vma
  PROBE_FAULT PRV_S, probe_sd, VA(10) + 8, CAUSE_STORE_PAGE_FAULT
  PROBE_FAULT PRV_U, probe_ld, VA(10) + 8, CAUSE_LOAD_PAGE_FAULT
  PROBE_FAULT PRV_S, probe_exec, VA(10), CAUSE_FETCH_PAGE_FAULT
  GET_PTE a0, pt_l0, 10
  ASSERT_MASK a0, (PTE_A | PTE_D), 0
  TEST 19                       // A/D on a superpage leaf
  li t2, 0x80000000
  SET_PTE pt_l1, 5, t2, (PTE_V | PTE_R | PTE_W)
  sfence.vma
  PROBE_OK PRV_S, probe_sd, (TV_BASE + 0xa00000 + 0x100000)
  GET_PTE a0, pt_l1, 5
  ASSERT_MASK a0, (PTE_A | PTE_D), (PTE_A | PTE_D)

  // ---- sfence.vma
  TEST 20                       // remap a VA to another page
  PROBE_OK PRV_S, probe_ld, VA(1) + 8
  ASSERT_EQ a0, MAGIC1
  SET_LEAF pt_l0, 1, tpage2, PTE_ALL
  sfence.vma
  PROBE_OK PRV_S, probe_ld, VA(1) + 8
  ASSERT_EQ a0, MAGIC2
  TEST 21                       // sfence.vma with an address operand
  SET_LEAF pt_l0, 1, tpage, PTE_ALL
  li a1, VA(1)
  sfence.vma a1, zero
  PROBE_OK PRV_S, probe_ld, VA(1) + 8
  ASSERT_EQ a0, MAGIC1
  TEST 22                       // revoke permission, flush, access faults
  SET_LEAF pt_l0, 1, tpage, (PTE_V | PTE_R | PTE_A | PTE_D)
  li a1, VA(1)
  sfence.vma a1, zero
  PROBE_FAULT PRV_S, probe_sd, VA(1) + 8, CAUSE_STORE_PAGE_FAULT
  SET_RAW pt_l0, 1, 0
  sfence.vma zero, zero
  PROBE_FAULT PRV_S, probe_ld, VA(1) + 8, CAUSE_LOAD_PAGE_FAULT
  SET_LEAF pt_l0, 1, tpage, PTE_ALL
  sfence.vma
  PROBE_OK PRV_S, probe_ld, VA(1) + 8
  TEST 23                       // sfence.vma executed in S-mode works too
  SET_LEAF pt_l0, 1, tpage2, PTE_ALL
  EXPECT_TRAP 6f
  DROP_TO PRV_S
  sfence.vma
  li a1, VA(1) + 8
  ld a0, 0(a1)
  ecall
6:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  ASSERT_EQ a0, MAGIC2

  // ---- MPRV: M-mode loads and stores translated with MPP's privilege
  TEST 24
  SET_LEAF pt_l0, 1, tpage, PTE_ALL
  SET_LEAF pt_l0, 3, tpage2, (PTE_ALL | PTE_U)
  sfence.vma
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (MSTATUS_MPRV | MSTATUS_MPP_S)
  csrs mstatus, t0
  li a1, VA(1) + 8
  ld a0, 0(a1)                  // S page via MPRV
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  ASSERT_EQ a0, MAGIC1
  TEST 25                       // MPRV + MPP = U: S page faults, tval = address
  EXPECT_TRAP 7f                // (armed before MPRV redirects our own stores)
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  li a1, VA(1) + 8
  ld a0, 0(a1)
  j test_fail
7:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_TRAP CAUSE_LOAD_PAGE_FAULT
  CHECK_TVAL VA(1) + 8
  TEST 26                       // MPRV + MPP = U: U page readable and writable
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  li a1, VA(3) + 8
  ld a0, 0(a1)
  li a2, 0x5151
  sd a2, 16(a1)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  ASSERT_EQ a0, MAGIC2
  la t0, tpage2
  ld a0, 24(t0)
  ASSERT_EQ a0, 0x5151
  TEST 27                       // MPRV + MPP = S + U page: needs SUM
  EXPECT_TRAP 8f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (MSTATUS_MPRV | MSTATUS_MPP_S)
  csrs mstatus, t0
  li a1, VA(3) + 8
  ld a0, 0(a1)
  j test_fail
8:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_TRAP CAUSE_LOAD_PAGE_FAULT
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (MSTATUS_MPRV | MSTATUS_MPP_S | MSTATUS_SUM)
  csrs mstatus, t0
  ld a0, 0(a1)
  li t0, (MSTATUS_MPRV | MSTATUS_SUM)
  csrc mstatus, t0
  ASSERT_EQ a0, MAGIC2
  TEST 28                       // MPRV + MXR: execute-only page readable
  la t2, tpage
  SET_PTE pt_l0, 11, t2, (PTE_V | PTE_X | PTE_A)
  sfence.vma
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (MSTATUS_MPRV | MSTATUS_MPP_S | MSTATUS_MXR)
  csrs mstatus, t0
  li a1, VA(11) + 8
  ld a0, 0(a1)
  li t0, (MSTATUS_MPRV | MSTATUS_MXR)
  csrc mstatus, t0
  ASSERT_EQ a0, MAGIC1
  TEST 29                       // MPRV does not affect instruction fetch (M code keeps running)
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  nop
  li a0, 7
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  ASSERT_EQ a0, 7

  TEST 30                       // a 4-byte instruction straddling into an unmapped page:
  SET_LEAF pt_l0, 12, xpage, (PTE_V | PTE_R | PTE_X | PTE_A)  // fetch fault, epc = start,
  SET_RAW pt_l0, 13, 0          // tval = first byte of the unmapped page
  sfence.vma
  li a1, VA(12) + 0xffe
  EXPECT_TRAP 9f
  DROP_TO PRV_S
  jr a1
9:
  CHECK_TRAP CAUSE_FETCH_PAGE_FAULT
  CHECK_EPC VA(12) + 0xffe
  CHECK_TVAL VA(13)

  TEST 31                       // page faults delegated to S: scause/stval/sepc, handled in S
  li t0, ((1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT))
  csrw medeleg, t0
  li a1, VA(13) + 8             // unmapped
  EXPECT_TRAP 11f               // the S handler resumes in S at 11f
  DROP_TO PRV_S
12:
  ld a0, 0(a1)
  j test_fail
11:
  csrr a2, stval
  csrr a3, scause
  TRAP_UP                       // ecall from S is not delegated: back to M
  CHECK_TRAP CAUSE_LOAD_PAGE_FAULT
  CHECK_MODE 1
  CHECK_EPC 12b
  CHECK_TVAL VA(13) + 8
  ASSERT_EQ a2, VA(13) + 8
  ASSERT_EQ a3, CAUSE_LOAD_PAGE_FAULT
  li a1, VA(13)                 // fetch fault in S, delegated
  EXPECT_TRAP 13f
  DROP_TO PRV_S
  jr a1
13:
  TRAP_UP
  CHECK_TRAP CAUSE_FETCH_PAGE_FAULT
  CHECK_MODE 1
  CHECK_TVAL VA(13)
  CHECK_EPC VA(13)
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_SPP, MSTATUS_SPP
  li a2, 0x42                   // store fault from U (probe page alias), delegated
  EXPECT_TRAP 14f               // S handler resumes in S at 14f
  la t0, probe_sd
  la t1, probe_page
  sub t0, t0, t1
  li t1, (TV_BASE + UIDX * 4096)
  add s3, t0, t1
  csrw mepc, s3
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li a1, VA(13) + 16
  mret
14:
  csrr a2, scause
  csrr a3, stval
  TRAP_UP
  CHECK_TRAP CAUSE_STORE_PAGE_FAULT
  CHECK_MODE 1
  CHECK_EPCR s3
  CHECK_TVAL VA(13) + 16
  ASSERT_EQ a2, CAUSE_STORE_PAGE_FAULT
  ASSERT_EQ a3, VA(13) + 16
  ld a0, trap_status
  ASSERT_MASK a0, MSTATUS_SPP, 0
  csrw medeleg, zero

  TEST 32                       // satp = Bare: S-mode accesses are physical again
  csrw satp, zero
  sfence.vma
  la a1, tpage
  EXPECT_TRAP 10f
  DROP_TO PRV_S
  ld a0, 8(a1)
  ecall
10:
  CHECK_TRAP CAUSE_SUPERVISOR_ECALL
  ASSERT_EQ a0, MAGIC1
  PASS

  .data
  .balign 4096
pt_root: .skip 4096
pt_l1:   .skip 4096
pt_l0:   .skip 4096
pt_l1b:  .skip 4096
pt_l0b:  .skip 4096
tpage:
  .word 0x00000073
  .word 0x00000013
  .dword MAGIC1
  .balign 4096
tpage2:
  .word 0x00000073
  .word 0x00000013
  .dword MAGIC2
  .skip 4096 - 17
  .byte 0xa5
xpage:                          // ends with the low half of a 32-bit instruction
  .skip 4094
  .half 0x0513
