// F/D control state: fcsr/frm/fflags CSR layout and masking, sticky flag
// accumulation, reserved rounding modes (static 5/6 and dynamic frm 5-7) are
// illegal, mstatus.FS = Off makes every FP instruction and FP CSR illegal
// (mtval = instruction bits), and FS/SD dirty tracking.
#include "test.h"
  .option norvc

.macro FS_SET val
  li t0, MSTATUS_FS
  csrc mstatus, t0
  li t0, \val
  csrs mstatus, t0
.endm

TEST_MAIN
  TEST 1                        // fcsr = frm(7:5) | fflags(4:0), upper bits read zero
  li a1, -1
  csrw fcsr, a1
  csrr a0, fcsr
  ASSERT_EQ a0, 0xff
  csrr a0, frm
  ASSERT_EQ a0, 7
  csrr a0, fflags
  ASSERT_EQ a0, 0x1f

  TEST 2                        // frm writes touch only frm
  csrwi frm, 2
  csrr a0, fcsr
  ASSERT_EQ a0, 0x5f
  li a1, 0xfd                   // only 3 bits kept
  csrw frm, a1
  csrr a0, frm
  ASSERT_EQ a0, 5
  TEST 3                        // fflags writes touch only fflags
  csrwi fflags, 0
  csrr a0, fcsr
  ASSERT_EQ a0, 0xa0
  li a1, 0xe3
  csrw fflags, a1
  csrr a0, fflags
  ASSERT_EQ a0, 3
  csrr a0, fcsr
  ASSERT_EQ a0, 0xa3

  TEST 4                        // fsflags/fsrm return the old value
  fsflags a0, zero
  ASSERT_EQ a0, 3
  fsrmi a0, 1
  ASSERT_EQ a0, 5
  fsrm a0, zero
  ASSERT_EQ a0, 1
  frcsr a0
  ASSERT_EQ a0, 0
  li a1, 0x47
  fscsr a0, a1
  ASSERT_EQ a0, 0
  frrm a0
  ASSERT_EQ a0, 2
  frflags a0
  ASSERT_EQ a0, 7
  csrrci a0, fflags, 2
  ASSERT_EQ a0, 7
  csrrsi a0, fflags, 0x10
  ASSERT_EQ a0, 5
  frflags a0
  ASSERT_EQ a0, 0x15
  csrw fcsr, zero

  TEST 5                        // flags are sticky: they accumulate
  li a1, 0x3f800000
  fmv.w.x fa1, a1
  fmv.w.x fa2, zero
  fdiv.s fa0, fa1, fa2          // DZ
  ASSERT_FFLAGS 0x08
  li a1, 0x40400000
  fmv.w.x fa2, a1
  fdiv.s fa0, fa1, fa2          // NX
  ASSERT_FFLAGS 0x09
  fadd.s fa0, fa1, fa1          // exact: nothing new
  ASSERT_FFLAGS 0x09
  fsqrt.s fa0, fa3              // fa3 = +0: exact
  li a1, 0xbf800000
  fmv.w.x fa3, a1
  fsqrt.s fa0, fa3              // NV
  ASSERT_FFLAGS 0x19
  csrw fflags, zero

  TEST 6                        // dynamic rounding follows frm
  li a1, 0x3f800000
  fmv.w.x fa1, a1
  li a1, 0x40400000
  fmv.w.x fa2, a1
  fsrmi 3                       // RUP
  fdiv.s fa0, fa1, fa2
  fmv.x.w a0, fa0
  ASSERT_EQ a0, 0x3eaaaaab
  fsrmi 2                       // RDN
  fdiv.s fa0, fa1, fa2
  fmv.x.w a0, fa0
  ASSERT_EQ a0, 0x3eaaaaaa
  fsrmi 0

  // reserved static rounding modes 5 and 6 are illegal (fadd.s / fadd.d)
  TEST 7
  ILLEGAL .insn r OP_FP, 5, 0, fa0, fa1, fa2
  TEST 8
  ILLEGAL .insn r OP_FP, 6, 0, fa0, fa1, fa2
  TEST 9
  ILLEGAL .insn r OP_FP, 5, 1, fa0, fa1, fa2
  TEST 10
  ILLEGAL .insn r OP_FP, 6, 0x2d, fa0, fa1, f0   // fsqrt.d
  TEST 11                       // fmadd.s with rm = 5
  ILLEGAL .insn r4 MADD, 5, 0, fa0, fa1, fa2, fa3
  TEST 12                       // fcvt.w.s with rm = 6
  ILLEGAL .insn r OP_FP, 6, 0x60, a0, fa1, f0

  // dynamic mode with frm holding a reserved value is illegal
  TEST 13
  fsrmi 5
  ILLEGAL fadd.s fa0, fa1, fa2, dyn
  TEST 14
  fsrmi 6
  ILLEGAL fmul.d fa0, fa1, fa2, dyn
  TEST 15
  fsrmi 7
  ILLEGAL fcvt.s.l fa0, a1, dyn
  TEST 16
  ILLEGAL fmadd.d fa0, fa1, fa2, fa3, dyn
  TEST 17                       // ops without rounding still work with frm = 7
  NOTRAP fsgnj.s fa0, fa1, fa2
  NOTRAP fmin.d fa0, fa1, fa2
  NOTRAP fmv.x.d a0, fa1
  NOTRAP feq.s a0, fa1, fa2
  NOTRAP fclass.d a0, fa1
  NOTRAP fcvt.s.d fa0, fa1, rtz  // static rm unaffected by frm
  fsrmi 0

  // ---- mstatus.FS = Off
  TEST 18
  FS_SET MSTATUS_FS_OFF
  ILLEGAL fadd.s fa0, fa1, fa2
  ILLEGAL fadd.d fa0, fa1, fa2
  ILLEGAL fmadd.s fa0, fa1, fa2, fa3
  ILLEGAL fmv.x.w a0, fa1
  ILLEGAL fmv.w.x fa0, a0
  ILLEGAL fmv.x.d a0, fa1
  ILLEGAL fmv.d.x fa0, a0
  ILLEGAL fcvt.w.s a0, fa1
  ILLEGAL fcvt.d.l fa0, a0
  ILLEGAL fclass.d a0, fa0
  ILLEGAL feq.d a0, fa0, fa1
  ILLEGAL fsgnj.s fa0, fa1, fa2
  TEST 19
  la a1, fbuf
  ILLEGAL flw fa0, 0(a1)
  ILLEGAL fld fa0, 0(a1)
  ILLEGAL fsw fa0, 0(a1)
  ILLEGAL fsd fa0, 0(a1)
  TEST 20                       // compressed FP loads/stores too
  .option push
  .option rvc
  ILLEGAL c.fld fa0, 0(a1)
  ILLEGAL c.fsd fa0, 0(a1)
  ILLEGAL c.fldsp fa0, 0(sp)
  ILLEGAL c.fsdsp fa0, 0(sp)
  .option pop
  TEST 21                       // FP CSRs are inaccessible
  ILLEGAL csrr a0, fcsr
  ILLEGAL csrr a0, fflags
  ILLEGAL csrr a0, frm
  ILLEGAL csrw fcsr, zero
  ILLEGAL csrwi fflags, 1
  ILLEGAL csrsi frm, 1
  TEST 22                       // SD clear with FS off
  csrr a0, mstatus
  bltz a0, test_fail_far
  TEST 23                       // integer code unaffected
  NOTRAP addi a0, a0, 1

  // ---- FS tracking: Initial/Clean -> Dirty on FP register or fcsr writes
  TEST 24
  FS_SET MSTATUS_FS_INITIAL
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, MSTATUS_FS_INITIAL
  csrr a0, mstatus
  bltz a0, test_fail_far        // SD = 0 unless dirty
  fadd.d fa0, fa1, fa2
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, MSTATUS_FS_DIRTY
  csrr a0, mstatus
  bgez a0, test_fail_far        // SD = 1
  csrr a0, sstatus              // SD and FS visible in sstatus
  bgez a0, test_fail_far
  ASSERT_CSR_MASK sstatus, MSTATUS_FS, MSTATUS_FS_DIRTY
  TEST 25
  FS_SET MSTATUS_FS_CLEAN
  csrr a0, mstatus
  bltz a0, test_fail_far
  li a1, 0x3f800000
  fmv.w.x fa0, a1
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, MSTATUS_FS_DIRTY
  TEST 26
  FS_SET MSTATUS_FS_CLEAN
  csrwi fflags, 1
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, MSTATUS_FS_DIRTY
  TEST 27
  FS_SET MSTATUS_FS_CLEAN
  la a1, fbuf
  fld fa0, 0(a1)
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, MSTATUS_FS_DIRTY
  TEST 28                       // FS is writable through sstatus as well
  li t0, MSTATUS_FS
  csrc sstatus, t0
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, 0
  li t0, MSTATUS_FS_CLEAN
  csrs sstatus, t0
  ASSERT_CSR_MASK mstatus, MSTATUS_FS, MSTATUS_FS_CLEAN
  TEST 29                       // SD is read-only
  li t0, MSTATUS_SD
  csrs mstatus, t0
  csrr a0, mstatus
  bltz a0, test_fail_far
  FS_SET MSTATUS_FS_DIRTY
  li t0, MSTATUS_SD
  csrc mstatus, t0
  csrr a0, mstatus
  bgez a0, test_fail_far
  csrw fcsr, zero
  PASS
test_fail_far:
  j test_fail

  .data
  .align 3
fbuf: .dword 0x3ff0000000000000
