// Misaligned (non-atomic) loads and stores succeed: every width at every
// byte offset, integer and FP, in M, S and U; across a physical page
// boundary; across a virtual page boundary whose two pages are mapped to
// non-adjacent physical pages (Sv39); and crossing into an unmapped page
// gives a page fault with tval inside the access.
#include "test.h"
#define TV_BASE 0x40000000
#include "vm.h"

#define PAT 0x0706050403020100

  VM_PROBE_PAGE
TEST_MAIN
  la s0, buf                    // buf = 00 01 02 ... 3f
  TEST 1                        // loads at every offset
  ld a0, 1(s0)
  ASSERT_EQ a0, 0x0807060504030201
  ld a0, 7(s0)
  ASSERT_EQ a0, 0x0e0d0c0b0a090807
  lw a0, 3(s0)
  ASSERT_EQ a0, 0x06050403
  lw a0, 2(s0)
  ASSERT_EQ a0, 0x05040302
  lwu a0, 1(s0)
  ASSERT_EQ a0, 0x04030201
  lh a0, 5(s0)
  ASSERT_EQ a0, 0x0605
  lhu a0, 7(s0)
  ASSERT_EQ a0, 0x0807
  TEST 2                        // sign extension on misaligned loads
  la s1, sbuf
  li t0, -1
  sd t0, 0(s1)
  sd t0, 8(s1)
  li t0, 0x80
  sb t0, 4(s1)
  sb zero, 5(s1)
  lh a0, 3(s1)
  ASSERT_EQ a0, 0xffffffffffff80ff
  lw a0, 1(s1)
  ASSERT_EQ a0, 0xffffffff80ffffff
  lwu a0, 1(s1)
  ASSERT_EQ a0, 0x80ffffff
  TEST 3                        // stores at every offset
  sd zero, 0(s1)
  sd zero, 8(s1)
  sd zero, 16(s1)
  li t0, 0x1122334455667788
  sd t0, 3(s1)
  ld a0, 0(s1)
  ASSERT_EQ a0, 0x4455667788000000
  ld a0, 8(s1)
  ASSERT_EQ a0, 0x0000000000112233
  li t0, 0xaabbccdd
  sw t0, 9(s1)
  ld a0, 8(s1)
  ASSERT_EQ a0, 0x000000aabbccdd33
  li t0, 0xeeff
  sh t0, 15(s1)
  ld a0, 8(s1)
  ASSERT_EQ a0, 0xff0000aabbccdd33
  lbu a0, 16(s1)
  ASSERT_EQ a0, 0xee
  TEST 4                        // all 8 offsets of ld/sd round trip
  li s2, 0
1:
  add a1, s1, s2
  li t0, 0x0123456789abcdef
  sd t0, 0(a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0123456789abcdef
  addi s2, s2, 1
  li t0, 8
  blt s2, t0, 1b
  TEST 5                        // FP loads and stores
  fld fa0, 3(s0)
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0x0a09080706050403
  flw fa1, 1(s0)
  fmv.x.d a0, fa1
  ASSERT_EQ a0, 0xffffffff04030201
  fsd fa0, 5(s1)
  ld a0, 5(s1)
  ASSERT_EQ a0, 0x0a09080706050403
  fsw fa1, 2(s1)
  lw a0, 2(s1)
  ASSERT_EQ a0, 0x04030201
  TEST 6                        // compressed loads / stores
  .option push
  .option rvc
  addi a5, s0, 1
  c.ld a0, 0(a5)
  ASSERT_EQ a0, 0x0807060504030201
  c.lw a0, 4(a5)
  ASSERT_EQ a0, 0x08070605
  addi a5, s1, 3
  li a4, 0x1234567890abcdef
  c.sd a4, 8(a5)
  ld a0, 11(s1)
  ASSERT_EQ a0, 0x1234567890abcdef
  .option pop
  TEST 7                        // in U and S mode
  DROP_TO PRV_U
  ld a0, 6(s0)
  TRAP_UP
  ASSERT_EQ a0, 0x0d0c0b0a09080706
  DROP_TO PRV_S
  li t0, 0x55aa
  sh t0, 1(s1)
  lhu a0, 1(s1)
  TRAP_UP
  ASSERT_EQ a0, 0x55aa
  TEST 8                        // across a physical page boundary
  la s2, page_a
  li t0, 0x1000
  add s2, s2, t0                // = page_b
  li t0, 0x8877665544332211
  sd t0, -3(s2)
  ld a0, -3(s2)
  ASSERT_EQ a0, 0x8877665544332211
  lbu a0, 0(s2)
  ASSERT_EQ a0, 0x44
  lw a0, -2(s2)
  ASSERT_EQ a0, 0x55443322

  // ---- with Sv39: VA pages 1 and 2 map to page_b and page_a (swapped)
  li t2, 0x80000000
  SET_PTE pt_root, 2, t2, PTE_ALL
  SET_PTR pt_root, 1, pt_l1
  SET_PTR pt_l1, 0, pt_l0
  SET_LEAF pt_l0, UIDX, probe_page, (PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  SET_LEAF pt_l0, 1, page_b, (PTE_ALL | PTE_U)
  SET_LEAF pt_l0, 2, page_a, (PTE_ALL | PTE_U)
  li t0, MSTATUS_SUM            // S reaches the U pages through SUM
  csrs mstatus, t0
  SET_RAW pt_l0, 3, 0
  SET_SATP SATP_MODE_SV39, pt_root
  la t0, page_a
  li t1, PAT
  sd t1, 0(t0)                  // start of page_a = start of VA page 2
  la t0, page_b
  li t1, 0xf0e0d0c0b0a09080
  addi t0, t0, 0x7fc
  sd t1, 0x7fc(t0)              // last dword of page_b              // end of page_b = end of VA page 1
  TEST 9                        // load across the virtual page boundary
  PROBE_OK PRV_S, probe_ld, TV_BASE + 0x2000 - 3
  ASSERT_EQ a0, 0x0403020100f0e0d0
  PROBE_OK PRV_U, probe_ld, TV_BASE + 0x2000 - 5
  ASSERT_EQ a0, 0x020100f0e0d0c0b0
  TEST 10                       // store across the boundary lands in both physical pages
  li a2, 0x1111111122222222
  PROBE_OK PRV_S, probe_sd, TV_BASE + 0x2000 - 4
  la t0, page_a
  ld a0, 0(t0)
  ASSERT_EQ a0, 0x0706050411111111
  la t0, page_b
  addi t0, t0, 0x7fc
  ld a0, 0x7fc(t0)
  ASSERT_EQ a0, 0x22222222b0a09080
  TEST 11                       // crossing into an unmapped page: page fault, tval inside the access
  PROBE_RUN PRV_S, probe_ld, TV_BASE + 0x3000 - 2
  CHECK_TRAP CAUSE_LOAD_PAGE_FAULT
  ld a0, trap_tval
  li t0, TV_BASE + 0x3000 - 2
  bltu a0, t0, fail_near
  addi t0, t0, 8
  bgeu a0, t0, fail_near
  PROBE_RUN PRV_S, probe_sd, TV_BASE + 0x3000 - 6
  CHECK_TRAP CAUSE_STORE_PAGE_FAULT
  ld a0, trap_tval
  li t0, TV_BASE + 0x3000 - 6
  bltu a0, t0, fail_near
  addi t0, t0, 8
  bgeu a0, t0, fail_near
  csrw satp, zero
  sfence.vma
  PASS
fail_near:
  j test_fail

  .data
  .balign 64
buf:
  .byte 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  .byte 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
sbuf:
  .skip 64
  .balign 4096
pt_root: .skip 4096
pt_l1:   .skip 4096
pt_l0:   .skip 4096
page_a:  .skip 4096
page_b:  .skip 4096
