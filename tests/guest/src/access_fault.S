// Physical addresses with nothing behind them: loads, stores, AMOs and
// instruction fetches raise access faults 5/7/7/1 with tval = the address,
// in M and (with PMP open) in U; the faulting load does not write rd.
#include "test.h"
  .option norvc
#define HOLE1 0x90000000          // just past 256 MiB of RAM
#define HOLE2 0x00000000a0000000
#define HOLE3 0x0000100000000000

TEST_MAIN
  TEST 1
  li a1, HOLE1
  li a0, 0x1234
  TRAPS CAUSE_LOAD_ACCESS, ld a0, 0(a1)
  CHECK_TVAL HOLE1
  ASSERT_EQ a0, 0x1234
  TEST 2
  li a1, HOLE2
  TRAPS CAUSE_STORE_ACCESS, sw zero, 4(a1)
  CHECK_TVAL HOLE2 + 4
  TEST 3
  li a1, HOLE3
  TRAPS CAUSE_LOAD_ACCESS, lbu a0, 0(a1)
  CHECK_TVAL HOLE3
  TEST 4                        // AMO to a hole: store/AMO access fault
  li a1, HOLE1
#ifdef QEMU_ORACLE   // QEMU 7.2 reports AMO faults as load faults
  TRAPS CAUSE_LOAD_ACCESS, amoswap.d a0, zero, (a1)
#else
  TRAPS CAUSE_STORE_ACCESS, amoswap.d a0, zero, (a1)
#endif
  CHECK_TVAL HOLE1
  TEST 5                        // fetch from a hole: epc = tval = target
  li a1, HOLE1
  EXPECT_TRAP 1f
  jalr ra, 0(a1)
  j test_fail
1:
  CHECK_TRAP CAUSE_FETCH_ACCESS
  CHECK_TVAL HOLE1
  li a2, HOLE1
  CHECK_EPCR a2
  TEST 6                        // from U-mode
  li a1, HOLE2
  DROP_TO PRV_U
  EXPECT_TRAP
  ld a0, 8(a1)
  CHECK_TRAP CAUSE_LOAD_ACCESS
  CHECK_TVAL HOLE2 + 8
  TRAP_UP
  TEST 7
  li a1, HOLE2
  EXPECT_TRAP 2f
  DROP_TO PRV_U
  jr a1
2:
  CHECK_TRAP CAUSE_FETCH_ACCESS
  CHECK_TVAL HOLE2
  PASS
