// Counter-enable rules: S-mode may read cycle/time/instret/hpmcounter3 only
// when the mcounteren bit is set; U-mode needs both the mcounteren and the
// scounteren bit; M-mode always may.
// QEMU-MACHINE: virt   (QEMU's spike machine has no time CSR)
#include "test.h"
  .option norvc

// CHECK_ACCESS mode, csr, allowed(0/1)
.macro CHECK_ACCESS mode, csr, ok
  DROP_TO \mode
  .if \ok
  NOTRAP csrr a0, \csr
  .else
  ILLEGAL csrr a0, \csr
  .endif
  TRAP_UP
.endm

// one counter, bit = its mcounteren/scounteren bit
.macro COUNTER csr, bit
  csrw mcounteren, zero
  csrw scounteren, zero
  NOTRAP csrr a0, \csr          // M-mode: always
  CHECK_ACCESS PRV_S, \csr, 0
  CHECK_ACCESS PRV_U, \csr, 0
  li t0, (1 << \bit)
  csrw scounteren, t0           // scounteren alone: nobody below M
  CHECK_ACCESS PRV_S, \csr, 0
  CHECK_ACCESS PRV_U, \csr, 0
  csrw mcounteren, t0           // both: S and U
  CHECK_ACCESS PRV_S, \csr, 1
  CHECK_ACCESS PRV_U, \csr, 1
  csrw scounteren, zero         // mcounteren alone: S only
  CHECK_ACCESS PRV_S, \csr, 1
  CHECK_ACCESS PRV_U, \csr, 0
  li t0, ~(1 << \bit)           // other bits do not help
  csrw mcounteren, t0
  csrw scounteren, t0
  CHECK_ACCESS PRV_S, \csr, 0
  CHECK_ACCESS PRV_U, \csr, 0
.endm

TEST_MAIN
  TEST 1
  COUNTER cycle, 0
  TEST 2
  COUNTER time, 1
  TEST 3
  COUNTER instret, 2
  TEST 4
  COUNTER hpmcounter3, 3
  TEST 5                        // counters stay read-only for S/U even when enabled
  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0
  DROP_TO PRV_S
  ILLEGAL csrw cycle, zero
  ILLEGAL csrw instret, zero
  TRAP_UP
  DROP_TO PRV_U
  ILLEGAL csrw time, zero
  TRAP_UP
  TEST 6                        // machine counters are never accessible below M
  DROP_TO PRV_S
  ILLEGAL csrr a0, mcycle
  ILLEGAL csrr a0, minstret
  ILLEGAL csrr a0, mcounteren
  TRAP_UP
  csrw mcounteren, zero
  csrw scounteren, zero
  PASS
