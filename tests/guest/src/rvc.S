// RV64C: every compressed instruction (explicit c.* encodings), immediates at
// their extremes, sign extension, link values (pc + 2), 32-bit instructions
// at 2-byte aligned addresses, HINT encodings that must execute as no-ops,
// and reserved/illegal encodings (mtval = the 16 instruction bits).
#include "test.h"
  .option rvc
TEST_MAIN
  // ---- quadrant 0
  TEST 1                        // c.addi4spn: rd' = sp + nzuimm (scaled by 4)
  mv s1, sp
  c.addi4spn a0, sp, 4
  addi a1, s1, 4
  ASSERT_EQR a0, a1
  c.addi4spn a0, sp, 1020
  addi a1, s1, 1020
  ASSERT_EQR a0, a1
  TEST 2                        // c.lw / c.ld / c.sw / c.sd with offsets
  la s0, cbuf
  li a1, 0x80000000
  c.sw a1, 4(s0)
  c.lw a0, 4(s0)
  ASSERT_EQ a0, 0xffffffff80000000  // c.lw sign-extends
  li a1, 0x0123456789abcdef
  c.sd a1, 248(s0)
  c.ld a0, 248(s0)
  ASSERT_EQ a0, 0x0123456789abcdef
  c.sw a1, 124(s0)
  ld a0, 120(s0)
  ASSERT_EQ a0, 0x89abcdef00000000
  TEST 3                        // c.fld / c.fsd
  li a1, 0x400921fb54442d18
  sd a1, 16(s0)
  c.fld fa0, 16(s0)
  fmv.x.d a0, fa0
  ASSERT_EQ a0, 0x400921fb54442d18
  c.fsd fa0, 248(s0)
  ld a0, 248(s0)
  ASSERT_EQ a0, 0x400921fb54442d18

  // ---- quadrant 1
  TEST 4                        // c.nop
  c.nop
  TEST 5                        // c.addi: 6-bit signed immediate
  li a0, 10
  c.addi a0, -32
  ASSERT_EQ a0, -22
  c.addi a0, 31
  ASSERT_EQ a0, 9
  TEST 6                        // c.addiw: 32-bit add, sign-extended (also sext.w)
  li a0, 0x7fffffff
  c.addiw a0, 1
  ASSERT_EQ a0, 0xffffffff80000000
  li a0, 0x1234567800000005
  c.addiw a0, 0
  ASSERT_EQ a0, 5
  li a0, 0xffffffff
  c.addiw a0, -1
  ASSERT_EQ a0, 0xfffffffffffffffe
  TEST 7                        // c.li
  c.li a0, -32
  ASSERT_EQ a0, -32
  c.li a5, 31
  ASSERT_EQ a5, 31
  c.li ra, 0
  ASSERT_EQ ra, 0
  TEST 8                        // c.addi16sp: +-512, multiples of 16
  mv s1, sp
  c.addi16sp sp, -512
  addi a1, s1, -512
  ASSERT_EQR sp, a1
  c.addi16sp sp, 496
  addi a1, a1, 496
  ASSERT_EQR sp, a1
  c.addi16sp sp, 16
  ASSERT_EQR sp, s1
  TEST 9                        // c.lui: 6-bit immediate << 12, sign extended
  c.lui a0, 1
  ASSERT_EQ a0, 0x1000
  c.lui a0, 0x1f
  ASSERT_EQ a0, 0x1f000
  c.lui a0, 0xfffe0             // nzimm = -32
  ASSERT_EQ a0, 0xfffffffffffe0000
  c.lui a0, 0xfffff
  ASSERT_EQ a0, 0xfffffffffffff000
  TEST 10                       // c.srli / c.srai / c.andi
  li a0, 0x8000000000000000
  c.srli a0, 63
  ASSERT_EQ a0, 1
  li a0, 0x8000000000000000
  c.srli a0, 32
  ASSERT_EQ a0, 0x80000000
  li a0, 0x8000000000000000
  c.srai a0, 63
  ASSERT_EQ a0, -1
  li a0, 0x8000000000000000
  c.srai a0, 1
  ASSERT_EQ a0, 0xc000000000000000
  li a0, 0xff
  c.andi a0, -16
  ASSERT_EQ a0, 0xf0
  li a0, -1
  c.andi a0, 31
  ASSERT_EQ a0, 31
  TEST 11                       // c.sub/c.xor/c.or/c.and
  li a0, 10
  li a1, 15
  c.sub a0, a1
  ASSERT_EQ a0, -5
  li a0, 0xff00
  li a1, 0x0ff0
  c.xor a0, a1
  ASSERT_EQ a0, 0xf0f0
  li a0, 0xff00
  c.or a0, a1
  ASSERT_EQ a0, 0xfff0
  li a0, 0xff00
  c.and a0, a1
  ASSERT_EQ a0, 0x0f00
  TEST 12                       // c.subw / c.addw
  li a0, 0x80000000
  li a1, 1
  c.subw a0, a1
  ASSERT_EQ a0, 0x7fffffff
  li a0, 0x7fffffff
  c.addw a0, a1
  ASSERT_EQ a0, 0xffffffff80000000
  li a0, 0x1111111100000001
  li a1, 0x2222222200000002
  c.addw a0, a1
  ASSERT_EQ a0, 3
  TEST 13                       // c.j forward and backward
  li a0, 0
  c.j 2f
1:
  li a0, 7
  c.j 3f
2:
  c.j 1b
  j test_fail
3:
  ASSERT_EQ a0, 7
  TEST 14                       // c.beqz / c.bnez
  li a0, 0
  c.beqz a0, 4f
  j test_fail
4:
  c.bnez a0, fail_near
  li a0, -1
  c.beqz a0, fail_near
  c.bnez a0, 5f
  j test_fail
5:
  li a1, 0x100000000            // upper bits count
  c.beqz a1, fail_near

  // ---- quadrant 2
  TEST 15                       // c.slli
  li a0, 1
  c.slli a0, 63
  ASSERT_EQ a0, 0x8000000000000000
  li a0, 0x0f
  c.slli a0, 32
  ASSERT_EQ a0, 0xf00000000
  TEST 16                       // c.lwsp / c.ldsp / c.swsp / c.sdsp / c.fldsp / c.fsdsp
  mv s1, sp
  la sp, cbuf
  li a1, 0xfedcba9876543210
  c.sdsp a1, 504(sp)
  c.ldsp a0, 504(sp)
  ASSERT_EQ a0, 0xfedcba9876543210
  c.swsp a1, 252(sp)
  c.lwsp a0, 252(sp)
  ASSERT_EQ a0, 0x76543210
  li a1, 0x87654321
  c.swsp a1, 0(sp)
  c.lwsp ra, 0(sp)
  ASSERT_EQ ra, 0xffffffff87654321
  li a1, 0x3ff8000000000000
  c.sdsp a1, 8(sp)
  c.fldsp ft0, 8(sp)
  fmv.x.d a0, ft0
  ASSERT_EQ a0, 0x3ff8000000000000
  c.fsdsp ft0, 496(sp)
  ld a0, 496(sp)
  ASSERT_EQ a0, 0x3ff8000000000000
  mv sp, s1
  TEST 17                       // c.mv / c.add (full register set)
  li t1, 0x1234
  c.mv s11, t1
  ASSERT_EQ s11, 0x1234
  li t2, 0x10
  c.add s11, t2
  ASSERT_EQ s11, 0x1244
  TEST 18                       // c.jr / c.jalr: link = pc + 2
  la t1, 6f
  c.jr t1
  j test_fail
6:
  la t1, 8f
7:
  c.jalr t1
  j test_fail
8:
  la a1, 7b
  addi a1, a1, 2
  ASSERT_EQR ra, a1
  TEST 19                       // c.jalr with rs1 == ra uses the old value
  la ra, 10f
9:
  c.jalr ra
  j test_fail
10:
  la a1, 9b
  addi a1, a1, 2
  ASSERT_EQR ra, a1
  TEST 20                       // c.ebreak: breakpoint, epc = the c.ebreak
  EXPECT_TRAP
11:
  c.ebreak
  CHECK_TRAP CAUSE_BREAKPOINT
  CHECK_EPC 11b

  TEST 21                       // 32-bit instructions at 2-byte aligned addresses
  .balign 4
  c.nop
  li a0, 0x12345                // lui+addiw at pc % 4 == 2
  addi a0, a0, 1
  ASSERT_EQ a0, 0x12346
  .balign 4
  c.nop
12:
  jal ra, 13f                   // 4-byte jal at a 2-aligned pc
13:
  la a1, 12b
  addi a1, a1, 4
  ASSERT_EQR ra, a1

  // ---- HINTs: legal, no architectural effect
  TEST 22
  li a0, 0x55
  NOTRAP .half 0x0005           // c.nop with nzimm=1 (c.addi x0, 1)
  NOTRAP .half 0x0501           // c.addi a0, 0
  ASSERT_EQ a0, 0x55
  NOTRAP .half 0x4005           // c.li x0, 1
  NOTRAP .half 0x6005           // c.lui x0, 1
  NOTRAP .half 0x802a           // c.mv x0, a0
  NOTRAP .half 0x902a           // c.add x0, a0
  NOTRAP .half 0x0006           // c.slli x0, 1
  NOTRAP .half 0x0502           // c.slli a0, 0 (RV64: HINT)
  NOTRAP .half 0x8101           // c.srli s0, 0 (RV64: HINT)
  ASSERT_EQ a0, 0x55
  ASSERT_EQ x0, 0

  // ---- reserved encodings: illegal instruction, mtval = 16-bit encoding
  TEST 23
  ILLEGAL .half 0x0000          // all zero
  TEST 24
  ILLEGAL .half 0x0004          // c.addi4spn a1... with nzuimm = 0
  ILLEGAL .half 0x001c          // c.addi4spn a5, 0
  TEST 25
  ILLEGAL .half 0x6101          // c.addi16sp with imm = 0
  TEST 26
  ILLEGAL .half 0x6581          // c.lui a1, 0
  TEST 27
  ILLEGAL .half 0x4002          // c.lwsp x0
  ILLEGAL .half 0x6002          // c.ldsp x0
  TEST 28
  ILLEGAL .half 0x8002          // c.jr x0
  TEST 29
  ILLEGAL .half 0x2001          // c.addiw x0, 0
  ILLEGAL .half 0x2005          // c.addiw x0, 1
  TEST 30                       // RV32-only / reserved quadrant-1 encodings (c.subw-space reserved)
  ILLEGAL .half 0x9c41          // funct6=100111 funct2=10: reserved
  ILLEGAL .half 0x9c61          // funct6=100111 funct2=11: reserved
  PASS
fail_near:
  j test_fail

  .data
  .align 4
cbuf:
  .skip 512
