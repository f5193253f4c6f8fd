// strata guest tests: start-up code, trap handlers, HTIF helpers.
#include "test.h"

// trap context layout (offsets from trap_ctx)
#define CTX_MSAVE   0
#define CTX_SSAVE   64
#define CTX_EXPECT  128
#define CTX_RESUME  136
#define CTX_CAUSE   144
#define CTX_TVAL    152
#define CTX_EPC     160
#define CTX_MODE    168
#define CTX_COUNT   176
#define CTX_STATUS  184
#define CTX_LOG     192
#define CTX_SIZE    320

  .section .text.init, "ax", @progbits
  .option norvc
  .globl _start
_start:
  // Record the registers as the loader left them (boot_regs[i] = xi) and
  // the initial mstatus, for reset_state.S.
  csrw mscratch, x1
  // Harts other than 0 (multi-hart tests, `STRATA-ARGS: --cpus N`) wait in
  // secondary_start until hart 0 hands them work.
  csrr x1, mhartid
  bnez x1, secondary_start
1:
  auipc x1, %pcrel_hi(boot_regs)
  addi x1, x1, %pcrel_lo(1b)
  sd x2, 16(x1)
  sd x3, 24(x1)
  sd x4, 32(x1)
  sd x5, 40(x1)
  sd x6, 48(x1)
  sd x7, 56(x1)
  sd x8, 64(x1)
  sd x9, 72(x1)
  sd x10, 80(x1)
  sd x11, 88(x1)
  sd x12, 96(x1)
  sd x13, 104(x1)
  sd x14, 112(x1)
  sd x15, 120(x1)
  sd x16, 128(x1)
  sd x17, 136(x1)
  sd x18, 144(x1)
  sd x19, 152(x1)
  sd x20, 160(x1)
  sd x21, 168(x1)
  sd x22, 176(x1)
  sd x23, 184(x1)
  sd x24, 192(x1)
  sd x25, 200(x1)
  sd x26, 208(x1)
  sd x27, 216(x1)
  sd x28, 224(x1)
  sd x29, 232(x1)
  sd x30, 240(x1)
  sd x31, 248(x1)
  csrr x2, mscratch
  sd x2, 8(x1)
  csrr x2, mstatus
  sd x2, 256(x1)
  // All integer registers zero (QEMU passes a0/a1/a2 from its reset ROM).
  li x1, 0
  li x2, 0
  li x3, 0
  li x4, 0
  li x5, 0
  li x6, 0
  li x7, 0
  li x8, 0
  li x9, 0
  li x10, 0
  li x11, 0
  li x12, 0
  li x13, 0
  li x14, 0
  li x15, 0
  li x16, 0
  li x17, 0
  li x18, 0
  li x19, 0
  li x20, 0
  li x21, 0
  li x22, 0
  li x23, 0
  li x24, 0
  li x25, 0
  li x26, 0
  li x27, 0
  li x28, 0
  li x29, 0
  li x30, 0
  li x31, 0

  // Catch traps in start-up as failures right away.
  la t0, trap_entry_m
  csrw mtvec, t0
  la sp, _stack_top

  // zero .bss
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  la t0, trap_entry_s
  csrw stvec, t0
  la t0, trap_ctx
  csrw mscratch, t0
  csrw sscratch, t0
  csrw medeleg, zero
  csrw mideleg, zero
  csrw mie, zero
  csrw mip, zero
  csrw satp, zero
  csrw mcounteren, zero
  csrw scounteren, zero

  // PMP entry 0: NAPOT covering everything, RWX, so S/U may access memory.
  li t0, -1
  csrw pmpaddr0, t0
  li t0, (PMP_NAPOT | PMP_R | PMP_W | PMP_X)
  csrw pmpcfg0, t0

  // Timer compare far in the future.
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)

  // FPU on, clean registers, fcsr = 0; mstatus otherwise in a known state.
  li t0, (MSTATUS_MIE | MSTATUS_SIE | MSTATUS_MPIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
  csrc mstatus, t0
  li t0, MSTATUS_FS_INITIAL
  csrs mstatus, t0
  fmv.d.x f0, zero
  fmv.d.x f1, zero
  fmv.d.x f2, zero
  fmv.d.x f3, zero
  fmv.d.x f4, zero
  fmv.d.x f5, zero
  fmv.d.x f6, zero
  fmv.d.x f7, zero
  fmv.d.x f8, zero
  fmv.d.x f9, zero
  fmv.d.x f10, zero
  fmv.d.x f11, zero
  fmv.d.x f12, zero
  fmv.d.x f13, zero
  fmv.d.x f14, zero
  fmv.d.x f15, zero
  fmv.d.x f16, zero
  fmv.d.x f17, zero
  fmv.d.x f18, zero
  fmv.d.x f19, zero
  fmv.d.x f20, zero
  fmv.d.x f21, zero
  fmv.d.x f22, zero
  fmv.d.x f23, zero
  fmv.d.x f24, zero
  fmv.d.x f25, zero
  fmv.d.x f26, zero
  fmv.d.x f27, zero
  fmv.d.x f28, zero
  fmv.d.x f29, zero
  fmv.d.x f30, zero
  fmv.d.x f31, zero
  csrw fcsr, zero
  li t0, 0
  li t1, 0
  j test_main

// ---------------------------------------------------------------------------
// Secondary harts: spin until hart 0 stores a function address in
// secondary_entry, then call it with a0 = hartid on a 4 KiB stack of their own
// (harts 1..3).  They take no traps (mtvec is a self-loop).
// ---------------------------------------------------------------------------
secondary_start:
  la t0, secondary_park
  csrw mtvec, t0
  csrr a0, mhartid
  la sp, secondary_stacks
  slli t0, a0, 12
  add sp, sp, t0
1:
  la t0, secondary_entry
  ld t1, 0(t0)
  bnez t1, 2f
  .word 0x0100000f             // pause
  j 1b
2:
  fence r, rw
  jalr t1
  .align 2
secondary_park:
  j secondary_park

// ---------------------------------------------------------------------------
// Result reporting
// ---------------------------------------------------------------------------
  .text
  .option norvc
  .globl test_pass
test_pass:
  li a0, 0
  j htif_exit

  .globl test_fail
test_fail:
  la a0, msg_fail
  call htif_puts
  mv a0, gp
  call htif_putdec
  li a0, '\n'
  call htif_putc
  andi a0, gp, 0xff
  bne a0, gp, 1f
  bnez a0, htif_exit
1:
  li a0, 255
  // fall through

// a0 = exit code; never returns
  .globl htif_exit
htif_exit:
#ifdef QEMU_VIRT
  // QEMU virt (used by the oracle for tests that need the time CSR / Sstc,
  // which QEMU's spike machine lacks): SiFive test finisher.
  li t0, 0x100000
  li t1, 0x5555
  beqz a0, 1f
  slli t1, a0, 16
  ori t1, t1, 0x333
  li t2, 0x3000
  or t1, t1, t2
1:
  sw t1, 0(t0)
  j 1b
#endif
  slli a0, a0, 1
  ori a0, a0, 1
  la t0, tohost
1:
  sd a0, 0(t0)
  j 1b

// a0 = character.  Clobbers t0-t2.
  .globl htif_putc
htif_putc:
#ifdef QEMU_VIRT
  li t1, 0x10000000             // ns16550 UART
1:
  lbu t0, 5(t1)
  andi t0, t0, 0x20
  beqz t0, 1b
  sb a0, 0(t1)
  ret
#endif
  li t0, HTIF_PUTC_CMD
  andi a0, a0, 0xff
  or t0, t0, a0
  la t1, tohost
  sd t0, 0(t1)
  li t2, 20000
1:
  ld t0, 8(t1)            // fromhost set: done
  bnez t0, 2f
  ld t0, 0(t1)            // tohost cleared: done
  beqz t0, 2f
  addi t2, t2, -1
  bnez t2, 1b
2:
  sd zero, 8(t1)
  ret

// a0 = NUL-terminated string.  Clobbers t0-t3, a0.
  .globl htif_puts
htif_puts:
  mv t3, ra
  mv a1, a0
1:
  lbu a0, 0(a1)
  beqz a0, 2f
  call htif_putc
  addi a1, a1, 1
  j 1b
2:
  mv ra, t3
  ret

// a0 = value printed as 16 hex digits.  Clobbers t0-t4, a0, a1.
  .globl htif_puthex
htif_puthex:
  mv t4, ra
  mv a1, a0
  li t3, 60
1:
  srl a0, a1, t3
  andi a0, a0, 15
  addi a0, a0, '0'
  li t0, '9'
  ble a0, t0, 2f
  addi a0, a0, 'a' - '0' - 10
2:
  call htif_putc
  addi t3, t3, -4
  bgez t3, 1b
  mv ra, t4
  ret

// a0 = unsigned value printed in decimal.  Clobbers t0-t4, a0-a2.
htif_putdec:
  mv t4, ra
  addi sp, sp, -32
  mv a1, a0
  mv a2, sp
  li t3, 10
1:
  remu a0, a1, t3
  addi a0, a0, '0'
  sb a0, 0(a2)
  addi a2, a2, 1
  divu a1, a1, t3
  bnez a1, 1b
2:
  addi a2, a2, -1
  lbu a0, 0(a2)
  call htif_putc
  bne a2, sp, 2b
  addi sp, sp, 32
  mv ra, t4
  ret

// Print an unexpected-trap report and fail.  a0 = cause, a1 = epc, a2 = tval,
// a3 = mode letter.  (sp may be garbage: use a private stack.)
unexpected_trap:
  la sp, fatal_stack_top
  mv s0, a0
  mv s1, a1
  mv s2, a2
  mv s3, a3
  la a0, msg_unexp
  call htif_puts
  mv a0, s3
  call htif_putc
  la a0, msg_cause
  call htif_puts
  mv a0, s0
  call htif_puthex
  la a0, msg_epc
  call htif_puts
  mv a0, s1
  call htif_puthex
  la a0, msg_tval
  call htif_puts
  mv a0, s2
  call htif_puthex
  li a0, '\n'
  call htif_putc
  j test_fail

// ---------------------------------------------------------------------------
// Machine-mode trap handler
// ---------------------------------------------------------------------------
  .align 6
  .globl trap_entry_m
trap_entry_m:
  csrrw t0, mscratch, t0
  sd t1, CTX_MSAVE+8(t0)
  sd t2, CTX_MSAVE+16(t0)
  sd t3, CTX_MSAVE+24(t0)
  sd t4, CTX_MSAVE+32(t0)
  csrr t1, mscratch
  sd t1, CTX_MSAVE+0(t0)
  csrw mscratch, t0

  csrr t1, mcause
  // TRAP_UP: ecall from U/S/M with t5 == magic -> back to M after the ecall
  li t2, CAUSE_USER_ECALL
  bltu t1, t2, 1f
  li t2, CAUSE_MACHINE_ECALL
  bgtu t1, t2, 1f
  li t2, TRAP_UP_MAGIC
  bne t5, t2, 1f
  csrr t2, mepc
  addi t2, t2, 4
  csrw mepc, t2
  j m_to_m
1:
  ld t2, CTX_EXPECT(t0)
  beqz t2, m_unexpected

  sd t1, CTX_CAUSE(t0)
  csrr t2, mtval
  sd t2, CTX_TVAL(t0)
  csrr t2, mepc
  sd t2, CTX_EPC(t0)
  csrr t2, mstatus
  sd t2, CTX_STATUS(t0)
  li t2, 3
  sd t2, CTX_MODE(t0)
  ld t2, CTX_COUNT(t0)
  andi t3, t2, 15
  slli t3, t3, 3
  add t3, t3, t0
  sd t1, CTX_LOG(t3)
  addi t2, t2, 1
  sd t2, CTX_COUNT(t0)

  bltz t1, m_interrupt
  sd zero, CTX_EXPECT(t0)
  ld t2, CTX_RESUME(t0)
  bnez t2, m_resume_label
  // skip the trapping instruction (2 or 4 bytes)
  csrr t2, mepc
  lhu t3, 0(t2)
  andi t3, t3, 3
  li t4, 3
  addi t2, t2, 2
  bne t3, t4, 2f
  addi t2, t2, 2
2:
  csrw mepc, t2
  j m_return
m_resume_label:
  csrw mepc, t2
m_to_m:
  // Continue in M-mode.  MPIE is cleared so that M-mode resumes with MIE = 0
  // (the old MIE of a lower mode means nothing to M-mode code).
  li t2, MSTATUS_MPP
  csrs mstatus, t2
  li t2, MSTATUS_MPIE
  csrc mstatus, t2
  j m_return
m_interrupt:
  slli t2, t1, 1
  srli t2, t2, 1
  li t3, 1
  sll t3, t3, t2
  csrc mie, t3
m_return:
  ld t1, CTX_MSAVE+8(t0)
  ld t2, CTX_MSAVE+16(t0)
  ld t3, CTX_MSAVE+24(t0)
  ld t4, CTX_MSAVE+32(t0)
  ld t0, CTX_MSAVE+0(t0)
  mret

m_unexpected:
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  li a3, 'M'
  j unexpected_trap

// ---------------------------------------------------------------------------
// Supervisor-mode trap handler (used when traps are delegated)
// ---------------------------------------------------------------------------
  .align 6
  .globl trap_entry_s
trap_entry_s:
  csrrw t0, sscratch, t0
  sd t1, CTX_SSAVE+8(t0)
  sd t2, CTX_SSAVE+16(t0)
  sd t3, CTX_SSAVE+24(t0)
  sd t4, CTX_SSAVE+32(t0)
  csrr t1, sscratch
  sd t1, CTX_SSAVE+0(t0)
  csrw sscratch, t0

  csrr t1, scause
  li t2, CAUSE_USER_ECALL
  bltu t1, t2, 1f
  li t2, CAUSE_SUPERVISOR_ECALL
  bgtu t1, t2, 1f
  li t2, TRAP_UP_MAGIC
  bne t5, t2, 1f
  csrr t2, sepc
  addi t2, t2, 4
  csrw sepc, t2
  j s_to_s
1:
  ld t2, CTX_EXPECT(t0)
  beqz t2, s_unexpected

  sd t1, CTX_CAUSE(t0)
  csrr t2, stval
  sd t2, CTX_TVAL(t0)
  csrr t2, sepc
  sd t2, CTX_EPC(t0)
  csrr t2, sstatus
  sd t2, CTX_STATUS(t0)
  li t2, 1
  sd t2, CTX_MODE(t0)
  ld t2, CTX_COUNT(t0)
  andi t3, t2, 15
  slli t3, t3, 3
  add t3, t3, t0
  sd t1, CTX_LOG(t3)
  addi t2, t2, 1
  sd t2, CTX_COUNT(t0)

  bltz t1, s_interrupt
  sd zero, CTX_EXPECT(t0)
  ld t2, CTX_RESUME(t0)
  bnez t2, s_resume_label
  csrr t2, sepc
  lhu t3, 0(t2)
  andi t3, t3, 3
  li t4, 3
  addi t2, t2, 2
  bne t3, t4, 2f
  addi t2, t2, 2
2:
  csrw sepc, t2
  j s_return
s_resume_label:
  csrw sepc, t2
s_to_s:
  li t2, MSTATUS_SPP
  csrs sstatus, t2
  li t2, MSTATUS_SPIE
  csrc sstatus, t2
  j s_return
s_interrupt:
  slli t2, t1, 1
  srli t2, t2, 1
  li t3, 1
  sll t3, t3, t2
  csrc sie, t3
s_return:
  ld t1, CTX_SSAVE+8(t0)
  ld t2, CTX_SSAVE+16(t0)
  ld t3, CTX_SSAVE+24(t0)
  ld t4, CTX_SSAVE+32(t0)
  ld t0, CTX_SSAVE+0(t0)
  sret

s_unexpected:
  csrr a0, scause
  csrr a1, sepc
  csrr a2, stval
  li a3, 'S'
  j unexpected_trap

// ---------------------------------------------------------------------------
  .section .rodata
msg_fail:   .asciz "FAIL: test "
msg_unexp:  .asciz "unexpected trap in "
msg_cause:  .asciz " cause="
msg_epc:    .asciz " epc="
msg_tval:   .asciz " tval="

  .data
  .align 6
  .globl trap_ctx, trap_expect, trap_resume, trap_cause, trap_tval, trap_epc
  .globl trap_mode, trap_count, trap_status, trap_log
trap_ctx:
  .skip CTX_EXPECT
trap_expect: .dword 0
trap_resume: .dword 0
trap_cause:  .dword 0
trap_tval:   .dword 0
trap_epc:    .dword 0
trap_mode:   .dword 0
trap_count:  .dword 0
trap_status: .dword 0
trap_log:    .skip 128

  // Set by hart 0 to start the other harts (in .data: .bss is zeroed by hart 0
  // while they already poll).
  .align 3
  .globl secondary_entry
secondary_entry: .dword 0

  .align 3
  .globl boot_regs, boot_mstatus
boot_regs:    .skip 256         // x0..x31 at entry (x0 slot unused)
boot_mstatus: .dword 0

  .align 4
fatal_stack: .skip 512
fatal_stack_top:

  .section .bss
  .align 12
secondary_stacks: .skip 4 * 4096

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .size tohost, 8
  .globl fromhost
fromhost: .dword 0
  .size fromhost, 8
