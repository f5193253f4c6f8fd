/* Writes FINISHER_VALUE to the SiFive test finisher at 0x100000 (the value selects power-off,
   power-off with a failure code, or reset), then spins. */
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  li t0, 0x100000
  li t1, FINISHER_VALUE
  sw t1, 0(t0)
1:
  j 1b
