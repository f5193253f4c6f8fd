// RV64I miscellany: fence variants, fence.tso, pause (Zihintpause) and other
// HINT encodings execute as no-ops; writes to x0 are discarded; reserved and
// unimplemented encodings raise illegal instruction with mtval = the bits.
#include "test.h"
  .option norvc
TEST_MAIN
  TEST 1                        // fences
  la a1, buf
  li a2, 5
  sd a2, 0(a1)
  NOTRAP fence
  NOTRAP fence rw, rw
  NOTRAP fence iorw, iorw
  NOTRAP fence r, w
  NOTRAP fence w, r
  NOTRAP fence.tso
  NOTRAP fence i, o
  ld a0, 0(a1)
  ASSERT_EQ a0, 5
  TEST 2                        // pause and fence with pred/succ = 0 (HINTs)
  .option push
  .option arch, +zihintpause
  NOTRAP pause
  .option pop
  NOTRAP .word 0x0000000f       // fence 0,0
  NOTRAP .word 0x0100000f       // pause encoding spelled out
  TEST 3                        // integer HINTs: rd = x0 forms
  li a0, 0x77
  NOTRAP addi x0, a0, 5
  NOTRAP lui x0, 5
  NOTRAP auipc x0, 5
  NOTRAP add x0, a0, a0
  NOTRAP slli x0, a0, 3
  NOTRAP sltu x0, a0, a0
  NOTRAP .word 0x00000013       // canonical nop
  ASSERT_EQ x0, 0
  ASSERT_EQ a0, 0x77
  TEST 4                        // x0 is hard-wired zero for every writer
  li x0, 123
  ASSERT_EQ x0, 0
  jal x0, 1f
1:
  ASSERT_EQ x0, 0
  la a1, buf
  ld x0, 0(a1)
  ASSERT_EQ x0, 0
  csrr x0, mscratch
  ASSERT_EQ x0, 0
  addi a2, x0, 0
  ASSERT_EQ a2, 0

  // ---- reserved / unimplemented encodings
  TEST 5                        // slliw/srliw/sraiw with shamt[5] = 1 are reserved
  ILLEGAL .word 0x0205959b      // slliw a1, a1, 32 (imm[5]=1)
  ILLEGAL .word 0x0205d59b      // srliw a1, a1, 32
  ILLEGAL .word 0x4205d59b      // sraiw a1, a1, 32
  TEST 6                        // custom / reserved major opcodes
  ILLEGAL .word 0x0000000b      // custom-0
  ILLEGAL .word 0x0000002b      // custom-1
  ILLEGAL .word 0x0000005b      // custom-2
  ILLEGAL .word 0x0000007b      // custom-3
  ILLEGAL .word 0x00000057      // OP-V (no V extension)
  ILLEGAL .word 0xffffffff
  TEST 7                        // bad funct fields
  ILLEGAL .word 0x80b50533      // add with funct7 = 0x40 | 0x80: reserved
  ILLEGAL .word 0x0ab5053b      // addw with funct7 = 0x05: reserved
  ILLEGAL .word 0x00b57003      // load funct3 = 7 (ldu does not exist on RV64)
  ILLEGAL .word 0x00b5c023      // store funct3 = 4
  ILLEGAL .word 0x00b52067      // jalr with funct3 = 2
  ILLEGAL .word 0x00b5a063      // branch funct3 = 2
  ILLEGAL .word 0x00b5b063      // branch funct3 = 3
  TEST 8                        // A: lr with rs2 != 0, AMO with byte/half widths
  ILLEGAL .word 0x1015b52f      // lr.d a0, (a1) with rs2 = 1
  ILLEGAL .word 0x00c5852f      // amoadd.b (funct3 = 0)
  ILLEGAL .word 0x00c5952f      // amoadd.h (funct3 = 1)
  ILLEGAL .word 0x30c5b52f      // AMO funct5 = 0x06: reserved
  TEST 9                        // F/D: quad precision and half precision are not implemented
  ILLEGAL .word 0x06c58553      // fadd.q
  ILLEGAL .word 0x04c58553      // fadd.h
  ILLEGAL .word 0x0005c507      // flq (funct3 = 4)
  TEST 10                       // M: funct3 with funct7 = 1 on OP-32 slots that do not exist
  ILLEGAL .word 0x02c5953b      // funct3 = 1 (mulhw does not exist)
  ILLEGAL .word 0x02c5a53b      // funct3 = 2
  PASS

  .data
  .align 3
buf: .dword 0
