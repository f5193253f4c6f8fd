// HTIF "magic memory" syscalls (device 0, even payload = pointer to 8
// dwords [syscall, a0, a1, a2, ...]): SYS_write (64) to stdout returns the
// byte count in magic[0] and sets fromhost = 1; SYS_exit (93) ends the run
// with the given status.
// STRATA-ONLY: QEMU 7.2's HTIF does not implement the syscall proxy.
// EXPECT-OUTPUT: strata-htif-syscall-ok
#include "test.h"
  .option norvc
#define SYS_write 64
#define SYS_exit 93

// a0 = magic block; waits for fromhost, clears it
htif_syscall:
  la t0, tohost
  sd a0, 0(t0)
  li t2, 10000000
1:
  ld t1, 8(t0)
  bnez t1, 2f
  addi t2, t2, -1
  bnez t2, 1b
  j test_fail
2:
  sd zero, 8(t0)
  ret

TEST_MAIN
  TEST 1                        // SYS_write(1, msg, len)
  la s0, magic
  li t0, SYS_write
  sd t0, 0(s0)
  li t0, 1
  sd t0, 8(s0)
  la t0, msg
  sd t0, 16(s0)
  li t0, 23
  sd t0, 24(s0)
  fence
  mv a0, s0
  call htif_syscall
  fence
  ld a0, 0(s0)
  ASSERT_EQ a0, 23
  TEST 2                        // SYS_exit(0) ends the run with status 0
  li t0, SYS_exit
  sd t0, 0(s0)
  sd zero, 8(s0)
  fence
  la t0, tohost
  sd s0, 0(t0)
  li t2, 10000000
3:
  addi t2, t2, -1
  bnez t2, 3b
  j test_fail                   // still running: SYS_exit did not end the run

  .section .rodata
msg: .ascii "strata-htif-syscall-ok\n"
  .data
  .align 6
magic: .skip 64
