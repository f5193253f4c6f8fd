// Smoke test: the framework itself (pass path, expected trap, TRAP_UP).
#include "test.h"
TEST_MAIN
  TEST 1
  li a0, 5
  ASSERT_EQ a0, 5
  TEST 2
  TRAPS CAUSE_MACHINE_ECALL, ecall
  TEST 3
  DROP_TO PRV_U
  li a0, 7
  TRAP_UP
  csrr a1, mstatus
  ASSERT_EQ a0, 7
  TEST 4
  ILLEGAL .half 0
  TEST 5
  ILLEGAL csrrw a0, cycle, zero

  PASS
