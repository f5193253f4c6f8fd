/* Start-up code for the bare-metal benchmark guests (machine mode, hart 0 only). */
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  csrr  t0, mhartid
  bnez  t0, park

  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  la    sp, __stack_top

  la    t0, trap_entry
  csrw  mtvec, t0

  /* mstatus.FS = Initial, so the F/D instructions do not trap. */
  li    t0, (1 << 13)
  csrs  mstatus, t0
  csrwi fcsr, 0

  la    t0, __bss_start
  la    t1, __bss_end
1:
  bgeu  t0, t1, 2f
  sd    zero, 0(t0)
  addi  t0, t0, 8
  j     1b
2:
  call  guest_main
  /* guest_main exits through HTIF; if that returns, fall through. */
park:
  wfi
  j     park

  /* Any trap is a bug in the guest or the engine: report it and exit with code 3. */
  .align 4
trap_entry:
  la    sp, __stack_top
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  call  guest_trap
  j     park
