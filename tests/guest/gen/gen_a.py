import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ops import *
AMO_TAIL = r"""
  TEST 200                      // rd == x0: memory still updated
  la a1, amo_buf
  li a2, 10
  sd a2, 0(a1)
  li a2, 5
  amoadd.d x0, a2, (a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 15
  amoadd.w x0, a2, (a1)
  ld a0, 0(a1)
  ASSERT_EQ a0, 20

  TEST 201                      // rd == rs2: old value returned, new from old rs2
  li a2, 3
  amoswap.d a2, a2, (a1)
  ASSERT_EQ a2, 20
  ld a0, 0(a1)
  ASSERT_EQ a0, 3
  li a2, 4
  amoadd.w a2, a2, (a1)
  ASSERT_EQ a2, 3
  ld a0, 0(a1)
  ASSERT_EQ a0, 7

  TEST 202                      // amoswap.w sign-extends the old value
  li a2, 0xfedcba98
  sw a2, 0(a1)
  li a2, 1
  amoswap.w a0, a2, (a1)
  ASSERT_EQ a0, 0xfffffffffedcba98

  TEST 203                      // atomic counter loop
  sd zero, 0(a1)
  li a3, 100
  li a2, 1
1:
  amoadd.d.aqrl x0, a2, (a1)
  addi a3, a3, -1
  bnez a3, 1b
  ld a0, 0(a1)
  ASSERT_EQ a0, 100
  PASS

  .data
  .align 4
amo_buf:
  .skip 32
"""
print("""// RV64A atomic memory operations: every AMO in .w and .d form; rd gets the
// old value (sign-extended for .w), memory gets op(old, rs2) (.w uses only the
// low 32 bits of rs2 and writes only 4 bytes); signed/unsigned min/max;
// aq/rl/aqrl encodings; rd == x0 and rd == rs2.
#include "test.h"
  .option norvc

// AMO_D n, inst, mem, rs2, exp_rd, exp_mem
.macro AMO_D n, inst, mem, src, exp_rd, exp_mem
  li gp, \\n
  la a1, amo_buf
  li a2, \\mem
  sd a2, 0(a1)
  li a2, \\src
  \\inst a0, a2, (a1)
  ASSERT_EQ a0, \\exp_rd
  ld a3, 0(a1)
  ASSERT_EQ a3, \\exp_mem
.endm

// AMO_W n, inst, mem32, rs2, exp_rd, exp_mem32: the neighbouring word must not change
.macro AMO_W n, inst, mem, src, exp_rd, exp_mem
  li gp, \\n
  la a1, amo_buf
  li a2, 0x5a5a5a5a5a5a5a5a
  sd a2, 0(a1)
  sd a2, 8(a1)
  li a2, \\mem
  sw a2, 4(a1)
  addi a1, a1, 4
  li a2, \\src
  \\inst a0, a2, (a1)
  ASSERT_EQ a0, \\exp_rd
  lwu a3, 0(a1)
  ASSERT_EQ a3, \\exp_mem
  lwu a3, -4(a1)
  ASSERT_EQ a3, 0x5a5a5a5a
  lwu a3, 4(a1)
  ASSERT_EQ a3, 0x5a5a5a5a
.endm

TEST_MAIN""")
AOPS={'amoswap':lambda a,b:b,'amoadd':lambda a,b:a+b,'amoxor':lambda a,b:a^b,'amoand':lambda a,b:a&b,'amoor':lambda a,b:a|b,
 'amomin':None,'amomax':None,'amominu':None,'amomaxu':None}
def f64(op,a,b):
  if op in ('amomin','amomax','amominu','amomaxu'): return ops[op[3:]](a,b)
  return AOPS[op](a,b)
def f32(op,a,b):
  a&=0xffffffff; b&=0xffffffff
  if op=='amomin': return min(s32(a),s32(b))&0xffffffff
  if op=='amomax': return max(s32(a),s32(b))&0xffffffff
  if op=='amominu': return min(a,b)
  if op=='amomaxu': return max(a,b)
  return AOPS[op](a,b)&0xffffffff
D=[(1,2),(0x8000000000000000,1),(-1,0x7fffffffffffffff),(0x0f0f0f0f0f0f0f0f,0xff00ff00ff00ff00),(-5,-3),(0x7fffffffffffffff,0x8000000000000000)]
W=[(1,2),(0x80000000,1),(0xffffffff,0x7fffffff),(0x0f0f0f0f,0xffffffffff00ff00),(0xfffffffb,0x12345678fffffffd),(0x7fffffff,0x80000000),(0x7fffffff,1)]
sfx=['','.aq','.rl','.aqrl']
i=0
for op in AOPS:
  print(f"  // ---- {op}")
  for a,b in D:
    n[0]+=1; s=sfx[i%4]; i+=1
    print(f"  AMO_D {n[0]}, {op}.d{s}, {h(a)}, {h(b)}, {h(a)}, {h(f64(op,a,b))}")
  for a,b in W:
    n[0]+=1; s=sfx[i%4]; i+=1
    print(f"  AMO_W {n[0]}, {op}.w{s}, {h(a)}, {h(b)}, {h(sx32(a))}, {h(f32(op,a,b))}")
print(f"  // {n[0]} AMO tests")
print(AMO_TAIL, end="")
