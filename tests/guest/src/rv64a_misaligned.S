// RV64A misaligned AMOs raise store/AMO address misaligned (cause 6) with
// tval = the address, for every AMO and width, and leave memory unchanged.
#include "test.h"
  .option norvc

// QEMU 7.2 (the oracle) reports misaligned AMOs as load-address-misaligned;
// the spec and strata use store/AMO-address-misaligned.
#ifdef QEMU_ORACLE
#define AMO_MISALIGNED CAUSE_MISALIGNED_LOAD
#else
#define AMO_MISALIGNED CAUSE_MISALIGNED_STORE
#endif

.macro MIS n, inst, off
  li gp, \n
  la a1, buf
  li a2, 0x0123456789abcdef
  sd a2, 0(a1)
  sd a2, 8(a1)
  addi a4, a1, \off
  li a3, -1
  li a0, 0x77
  TRAPS AMO_MISALIGNED, \inst a0, a3, (a4)
  CHECK_TVALR a4
  ASSERT_EQ a0, 0x77            // rd not written
  la a1, buf
  ld a0, 0(a1)
  ASSERT_EQ a0, 0x0123456789abcdef
  ld a0, 8(a1)
  ASSERT_EQ a0, 0x0123456789abcdef
.endm

TEST_MAIN
  MIS 1, amoswap.d, 4
  MIS 2, amoadd.d, 1
  MIS 3, amoxor.d, 2
  MIS 4, amoand.d, 7
  MIS 5, amoor.d, 3
  MIS 6, amomin.d, 5
  MIS 7, amomax.d, 6
  MIS 8, amominu.d, 4
  MIS 9, amomaxu.d, 2
  MIS 10, amoswap.w, 2
  MIS 11, amoadd.w, 1
  MIS 12, amoxor.w, 3
  MIS 13, amoand.w, 6
  MIS 14, amoor.w, 5
  MIS 15, amomin.w, 7
  MIS 16, amomax.w, 1
  MIS 17, amominu.w, 2
  MIS 18, amomaxu.w, 3
  MIS 19, amoadd.d.aqrl, 12
  MIS 20, amoadd.w.aq, 10
  PASS

  .data
  .align 4
buf:
  .skip 32
