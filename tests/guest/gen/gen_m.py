import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ops import *
which=sys.argv[1]
P=[(0,0),(1,1),(3,7),(-1,-1),(-1,1),(1,-1),(0x7fffffffffffffff,0x7fffffffffffffff),(0x8000000000000000,0x8000000000000000),(0x8000000000000000,-1),(0x8000000000000000,1),(0xffffffff,0xffffffff),(0x100000000,0x100000000),(0x123456789abcdef0,0xfedcba9876543210),(-7,3),(7,-3),(0xaaaaaaaaaaaaaaab,0x0002fe7d),(0x0000ff00ff00ff00,-2),(5,0)]
if which=='mul':
  print("// RV64M multiplication: mul, mulh, mulhu, mulhsu, mulw (signed/unsigned high halves,\n// overflow wrap, 32-bit sign extension).\n#include \"test.h\"\n  .option norvc\nTEST_MAIN")
  for op in ['mul','mulh','mulhu','mulhsu','mulw']:
    print(f"  // ---- {op}")
    for a,b in P: print(rr(op,a,b))
    if op=='mulw':
      for a,b in [(0x7fffffff,2),(0x80000000,-1),(0x123456789,0x100000001),(0xffffffff80000000,0xffffffff80000000)]: print(rr(op,a,b))
    print(alias(op,0x123456789abcdef1,0xfedcba987654321f))
else:
  print("// RV64M division: div, divu, rem, remu, divw, divuw, remw, remuw including\n// division by zero (quotient all ones, remainder = dividend), signed overflow\n// (MIN / -1 = MIN, remainder 0), rounding toward zero and remainder sign.\n#include \"test.h\"\n  .option norvc\nTEST_MAIN")
  D=[(20,6),(-20,6),(20,-6),(-20,-6),(0,1),(1,0),(0,0),(-1,0),(0x8000000000000000,-1),(0x8000000000000000,1),(0x8000000000000000,0),(0x7fffffffffffffff,-1),(-1,-1),(-1,2),(0x123456789abcdef0,0x1234),(0xffffffff80000000,-1),(0x80000000,0xffffffff),(0x100000005,0x100000000),(0xfffffffffffffff9,0x0000000100000003)]
  for op in ['div','divu','rem','remu','divw','divuw','remw','remuw']:
    print(f"  // ---- {op}")
    for a,b in D: print(rr(op,a,b))
    if op.endswith('w'):
      # upper bits of the operands must be ignored
      for a,b in [(0x1234567880000000,0xabcdef00ffffffff),(0xffffffff00000007,0x0000000000000000),(0x00000000fffffff9,0xffffffff00000002),(0x5555555580000000,0x00000000ffffffff)]:
        print(rr(op,a,b))
    print(alias(op,0x123456789abcdef1,0x0000000087654321))
print(f"  // {n[0]} tests\n  PASS")
