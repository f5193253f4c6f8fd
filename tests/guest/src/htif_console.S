// HTIF console: device 1, command 1 prints a character.  The CTest
// registration checks the output for the line below.
// EXPECT-OUTPUT: strata-htif-console-ok
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1
  la a0, msg
  call htif_puts
  PASS
  .section .rodata
msg: .asciz "strata-htif-console-ok\n"
