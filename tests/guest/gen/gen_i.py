import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ops import *
V=[0,1,2,-1,-2,0x7fffffffffffffff,0x8000000000000000,0x7fffffff,0x80000000,0xffffffff,0x123456789abcdef0,0xfedcba9876543210,0x00ff00ff00ff00ff,0x0000000100000000]
PAIRS=[(0,0),(1,1),(3,7),(-1,1),(1,-1),(-1,-1),(0x7fffffffffffffff,1),(0x8000000000000000,-1),(0x8000000000000000,0x8000000000000000),(0x7fffffff,1),(0xffffffff,1),(0x80000000,0x80000000),(0x123456789abcdef0,0xfedcba9876543210),(0x00ff00ff00ff00ff,0x0ff00ff00ff00ff0),(-5,3),(5,-3),(0x7fffffffffffffff,0x8000000000000000)]
def hdr(title):
  print(f"// {title}\n// Generated values; each TEST_RR checks rd for given rs1/rs2.\n#include \"test.h\"\n  .option norvc\nTEST_MAIN")
which=sys.argv[1]
if which=='arith':
  hdr("RV64I add/sub/slt/sltu and immediate forms (addi, slti, sltiu)")
  for op in ['add','sub','slt','sltu']:
    print(f"  // ---- {op}")
    for a,b in PAIRS: print(rr(op,a,b))
    print(alias(op,0x123456789abcdef0,0x0fedcba987654321))
  for op,imms in [('addi',[0,1,-1,2047,-2048,0x7ff,-0x800]),('slti',[0,1,-1,2047,-2048]),('sltiu',[0,1,-1,2047,-2048])]:
    print(f"  // ---- {op}")
    for a in [0,1,-1,0x7fffffffffffffff,0x8000000000000000,0x7ff,-0x800,0xfffffffffffff801]:
      for imm in imms[:5]:
        if (a,imm) in [(0x7fffffffffffffff,2047)]: pass
        print(ri(op,a,imm))
elif which=='logic':
  hdr("RV64I and/or/xor and andi/ori/xori")
  for op in ['and','or','xor']:
    print(f"  // ---- {op}")
    for a,b in PAIRS: print(rr(op,a,b))
    print(alias(op,0xff00ff00ff00ff00,0x0ff00ff00ff00ff0))
  for op in ['andi','ori','xori']:
    print(f"  // ---- {op}")
    for a in [0,-1,0xff00ff00ff00ff00,0x00ff00ff00ff00ff,0x123456789abcdef0]:
      for imm in [0,-1,0x7ff,-0x800,0x0f0,-0xf1]:
        print(ri(op,a,imm))
elif which=='shift':
  hdr("RV64I sll/srl/sra (shift amount masked to 6 bits) and slli/srli/srai")
  A=[1,-1,0x8000000000000000,0x123456789abcdef0,0x7fffffffffffffff]
  for op in ['sll','srl','sra']:
    print(f"  // ---- {op}")
    for a in A:
      for b in [0,1,31,32,63,64,65,-1,0x7fffffc7]:
        print(rr(op,a,b))
    print(alias(op,0x8123456789abcdef,0x2f))
  for op in ['slli','srli','srai']:
    print(f"  // ---- {op}")
    for a in A[:4]:
      for b in [0,1,7,31,32,33,63]:
        print(ri(op,a,b))
elif which=='word':
  hdr("RV64I word ops: addw/subw/sllw/srlw/sraw, addiw/slliw/srliw/sraiw (32-bit result sign-extended)")
  P=[(0,0),(1,1),(-1,1),(0x7fffffff,1),(0x80000000,-1),(0xffffffff,0xffffffff),(0x123456789abcdef0,0x0fedcba987654321),(0x7fffffff00000000,0x80000000),(0xffffffff7fffffff,0x0000000100000001)]
  for op in ['addw','subw']:
    print(f"  // ---- {op}")
    for a,b in P: print(rr(op,a,b))
    print(alias(op,0x123456789abcdef0,0x0fedcba987654321))
  for op in ['sllw','srlw','sraw']:
    print(f"  // ---- {op}")
    for a in [1,0xffffffff80000000,0x123456789abcdef0,0x00000000ffffffff,0xffffffff7fffffff]:
      for b in [0,1,31,32,33,-1]:
        print(rr(op,a,b))
    print(alias(op,0x8123456789abcdef,0x2f))
  print("  // ---- addiw")
  for a in [0,1,-1,0x7fffffff,0x80000000,0xffffffff,0x123456789abcdef0]:
    for imm in [0,1,-1,2047,-2048]: print(ri('addiw',a,imm))
  for op in ['slliw','srliw','sraiw']:
    print(f"  // ---- {op}")
    for a in [1,0xffffffff80000000,0x123456789abcdef0,0x00000000ffffffff]:
      for b in [0,1,15,31]: print(ri(op,a,b))
print(f"  // {n[0]} tests\n  PASS")
