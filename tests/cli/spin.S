/* A guest that never finishes: for --timeout and --max-insns tests. */
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  j _start

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0
