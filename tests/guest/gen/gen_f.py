import os, sys, random, struct; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sf import *
RMS=['rne','rtz','rdn','rup','rmm']
prec=sys.argv[1]; which=sys.argv[2]
F = S if prec=='s' else D
W = 32 if prec=='s' else 64
def fb(x): return struct.unpack('<I',struct.pack('<f',x))[0] if prec=='s' else struct.unpack('<Q',struct.pack('<d',x))[0]
if prec=='s':
  SP=dict(pz=0,nz=0x80000000,one=fb(1.0),mone=fb(-1.0),two=fb(2.0),three=fb(3.0),half=fb(0.5),tenth=fb(0.1),
    maxn=0x7f7fffff,mmaxn=0xff7fffff,minn=0x00800000,mminn=0x80800000,minsub=1,maxsub=0x007fffff,msub=0x80000003,
    inf=0x7f800000,minf=0xff800000,qnan=0x7fc00000,snan=0x7f800001,nqnan=0xffc12345,pi=fb(3.14159265),big=fb(1.5e38),e20=fb(1e20))
else:
  SP=dict(pz=0,nz=1<<63,one=fb(1.0),mone=fb(-1.0),two=fb(2.0),three=fb(3.0),half=fb(0.5),tenth=fb(0.1),
    maxn=0x7fefffffffffffff,mmaxn=0xffefffffffffffff,minn=0x0010000000000000,mminn=0x8010000000000000,minsub=1,maxsub=0x000fffffffffffff,msub=0x8000000000000003,
    inf=0x7ff0000000000000,minf=0xfff0000000000000,qnan=0x7ff8000000000000,snan=0x7ff0000000000001,nqnan=0xfff8000000012345,pi=fb(3.141592653589793),big=fb(1.5e308),e20=fb(1e20))
rng=random.Random(1234+len(which)+W)
def rnd():
  # random finite value with modest exponent
  if prec=='s':
    e=rng.randint(100,154); return rng.getrandbits(1)<<31 | e<<23 | rng.getrandbits(23)
  e=rng.randint(1000,1046); return rng.getrandbits(1)<<63 | e<<52 | rng.getrandbits(52)
def box(b): return (0xffffffff00000000|b) if prec=='s' else b
def h(x): return hex(x & ((1<<64)-1))
n=0
out=[]
def emit(s): out.append(s)
hdrs={
 'arith': f"fadd/fsub/fmul/fdiv/fsqrt.{prec}: special values (zeros, subnormals, infinities, NaNs), every static rounding mode and the dynamic mode via frm, exception flags (NV DZ OF UF NX), canonical NaN results",
 'fma': f"fmadd/fmsub/fnmadd/fnmsub.{prec}: single rounding, signs of zero results, inf*0 invalid, NaN handling, rounding modes and flags",
 'cvt': f"fcvt between .{prec} and w/wu/l/lu: rounding modes, saturation on overflow/NaN/inf with NV, NX, 32-bit results sign-extended",
 'cvtsd': "fcvt.s.d (rounding, overflow, underflow, NaN canonicalisation) and fcvt.d.s (exact, sNaN signals NV)",
 'cmp': f"feq/flt/fle.{prec} (quiet vs signalling NaN rules), fmin/fmax.{prec} (-0 < +0, NaN operands, sNaN NV), fsgnj/fsgnjn/fsgnjx.{prec}, fclass.{prec}",
}
emit(f"// RV64{'F' if prec=='s' else 'D'}: {hdrs[which]}.\n// Expected values come from an exact rational IEEE-754 model.\n#include \"test.h\"\n  .option norvc")
mvto = 'fmv.w.x' if prec=='s' else 'fmv.d.x'
emit(f"""
// F2 n, inst, rm, exp(reg bits), flags, a, b
.macro F2 n, inst, rm, exp, flags, a, b
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  li a2, \\b
  {mvto} fa2, a2
  fsflags zero
  \\inst fa0, fa1, fa2, \\rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
// F2D: same with the dynamic rounding mode taken from frm = \\frm
.macro F2D n, inst, frm, exp, flags, a, b
  fsrmi \\frm
  F2 \\n, \\inst, dyn, \\exp, \\flags, \\a, \\b
  fsrmi 0
.endm
.macro F1 n, inst, rm, exp, flags, a
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  fsflags zero
  \\inst fa0, fa1, \\rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
.macro F3 n, inst, rm, exp, flags, a, b, c
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  li a2, \\b
  {mvto} fa2, a2
  li a3, \\c
  {mvto} fa3, a3
  fsflags zero
  \\inst fa0, fa1, fa2, fa3, \\rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
.macro F3D n, inst, frm, exp, flags, a, b, c
  fsrmi \\frm
  F3 \\n, \\inst, dyn, \\exp, \\flags, \\a, \\b, \\c
  fsrmi 0
.endm
// integer result from FP operand(s)
.macro FI1 n, inst, rm, exp, flags, a
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  fsflags zero
  li a0, 0x5555
  \\inst a0, fa1, \\rm
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
.macro FI1D n, inst, frm, exp, flags, a
  fsrmi \\frm
  FI1 \\n, \\inst, dyn, \\exp, \\flags, \\a
  fsrmi 0
.endm
// FP result from integer operand
.macro IF1 n, inst, rm, exp, flags, a
  li gp, \\n
  li a1, \\a
  fsflags zero
  \\inst fa0, a1, \\rm
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
.macro IF1X n, inst, exp, flags, a
  li gp, \\n
  li a1, \\a
  fsflags zero
  \\inst fa0, a1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
.macro IF1XD n, inst, frm, exp, flags, a
  fsrmi \\frm
  IF1X \\n, \\inst, \\exp, \\flags, \\a
  fsrmi 0
.endm
.macro IF1D n, inst, frm, exp, flags, a
  fsrmi \\frm
  IF1 \\n, \\inst, dyn, \\exp, \\flags, \\a
  fsrmi 0
.endm
// compare: integer result
.macro FC n, inst, exp, flags, a, b
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  li a2, \\b
  {mvto} fa2, a2
  fsflags zero
  li a0, 0x5555
  \\inst a0, fa1, fa2
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
// no-rounding-mode two-operand FP ops (fmin/fmax/fsgnj*)
.macro FN2 n, inst, exp, flags, a, b
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  li a2, \\b
  {mvto} fa2, a2
  fsflags zero
  \\inst fa0, fa1, fa2
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm
.macro FCLASS n, exp, a
  li gp, \\n
  li a1, \\a
  {mvto} fa1, a1
  fsflags zero
  fclass.{prec} a0, fa1
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS 0
.endm

TEST_MAIN""")
def nx():
  global n; n+=1; return n
sp=SP
if which=='arith':
  pairs=[('one','two'),('one','three'),('tenth','three'),('pi','e20'),('maxn','maxn'),('mmaxn','mmaxn'),('maxn','mmaxn'),
    ('minn','mminn'),('minsub','minsub'),('maxsub','minn'),('msub','minsub'),('pz','nz'),('nz','nz'),('one','mone'),
    ('inf','one'),('inf','minf'),('inf','inf'),('qnan','one'),('snan','one'),('one','nqnan'),('pz','pz'),('pz','inf'),('big','big'),
    ('minn','half'),('minsub','half'),('three','pz'),('mone','nz'),('two','big')]
  for op,name in [('add',f'fadd.{prec}'),('sub',f'fsub.{prec}'),('mul',f'fmul.{prec}'),('div',f'fdiv.{prec}')]:
    emit(f"  // ---- {name}")
    for i,(a,b) in enumerate(pairs):
      A,B=sp[a],sp[b]
      rm=i%5
      r,fl=binop(F,op,A,B,rm)
      emit(f"  F2 {nx()}, {name}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}, {h(B)}   // {a} {op} {b}")
    # random values in all modes, some dynamic
    for i in range(10):
      A,B=rnd(),rnd()
      if i==9 and op in('add','sub'): B=A^(1<<(W-1)) if op=='add' else A  # exact cancellation
      rm=i%5
      r,fl=binop(F,op,A,B,rm)
      if i%2:
        emit(f"  F2D {nx()}, {name}, {rm}, {h(box(r))}, {fl}, {h(A)}, {h(B)}")
      else:
        emit(f"  F2 {nx()}, {name}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}, {h(B)}")
    # exact cancellation gives -0 in RDN
    A=sp['pi']; r,fl=binop(F,op,A,A if op=='sub' else A^(1<<(W-1)),RDN)
    emit(f"  F2 {nx()}, {name}, rdn, {h(box(r))}, {fl}, {h(A)}, {h(A if op=='sub' else A^(1<<(W-1)))}")
  emit(f"  // ---- fsqrt.{prec}")
  for i,a in enumerate(['pz','nz','one','two','three','tenth','maxn','minsub','maxsub','inf','minf','mone','qnan','snan','nqnan','pi','e20','msub']):
    A=sp[a]; rm=i%5
    r,fl=sqrt(F,A,rm)
    emit(f"  F1 {nx()}, fsqrt.{prec}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}   // sqrt {a}")
  for i in range(10):
    A=rnd() & ~(1<<(W-1)); rm=i%5
    r,fl=sqrt(F,A,rm)
    emit(f"  F1 {nx()}, fsqrt.{prec}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}")
  # static rm overrides frm
  A,B=sp['one'],sp['three']
  for rm in range(5):
    r,fl=binop(F,'div',A,B,rm)
    emit(f"  fsrmi {(rm+2)%5}\n  F2 {nx()}, fdiv.{prec}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}, {h(B)}   // static rm wins over frm\n  fsrmi 0")
elif which=='fma':
  trip=[('one','two','three'),('tenth','three','one'),('pi','pi','mone'),('maxn','two','mmaxn'),('inf','pz','one'),('pz','inf','qnan'),
    ('inf','one','minf'),('one','one','mone'),('nz','one','pz'),('nz','one','nz'),('pz','mone','nz'),('minn','half','minsub'),('snan','one','one'),
    ('one','qnan','one'),('one','one','nqnan'),('maxn','maxn','minf'),('minsub','half','pz'),('e20','e20','mone'),('three','tenth','mone')]
  for op,name,np_,nc in [('madd','fmadd',False,False),('msub','fmsub',False,True),('nmsub','fnmsub',True,False),('nmadd','fnmadd',True,True)]:
    emit(f"  // ---- {name}.{prec}")
    for i,(a,b,c) in enumerate(trip):
      A,B,C=sp[a],sp[b],sp[c]; rm=i%5
      r,fl=fma(F,A,B,C,rm,np_,nc)
      emit(f"  F3 {nx()}, {name}.{prec}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}, {h(B)}, {h(C)}   // {a} {b} {c}")
    for i in range(12):
      A,B,C=rnd(),rnd(),rnd(); rm=i%5
      r,fl=fma(F,A,B,C,rm,np_,nc)
      if i%3==1: emit(f"  F3D {nx()}, {name}.{prec}, {rm}, {h(box(r))}, {fl}, {h(A)}, {h(B)}, {h(C)}")
      else: emit(f"  F3 {nx()}, {name}.{prec}, {RMS[rm]}, {h(box(r))}, {fl}, {h(A)}, {h(B)}, {h(C)}")
    # fused (one rounding): a*b+c where separate rounding would differ
    if prec=='s': A,B,C=0x3f800001,0x3f800001,0xbf800002   # (1+2^-23)^2 - (1+2^-22) = 2^-46
    else: A,B,C=0x3ff0000000000001,0x3ff0000000000001,0xbff0000000000002
    r,fl=fma(F,A,B,C,RNE,np_,nc)
    emit(f"  F3 {nx()}, {name}.{prec}, rne, {h(box(r))}, {fl}, {h(A)}, {h(B)}, {h(C)}   // fused: tiny exact residue")
elif which=='cvt':
  vals=['pz','nz','one','mone','half','tenth','three','pi','maxn','mmaxn','inf','minf','qnan','snan','nqnan','minsub','e20']
  if prec=='s': extra=[fb(-0.5),fb(2.5),fb(-2.5),fb(-1.5),fb(2147483520.0),fb(2147483648.0),fb(-2147483648.0),fb(-2147483904.0),fb(4294967040.0),fb(4294967296.0),fb(3e9),fb(-3e9),fb(9.2233715e18),fb(9.223372e18),fb(-9.223372e18),fb(1.8446743e19),fb(1.9e19),fb(-0.9)]
  else: extra=[fb(-0.5),fb(2.5),fb(-2.5),fb(-1.5),fb(2147483647.0),fb(2147483647.5),fb(2147483648.0),fb(-2147483648.0),fb(-2147483648.5),fb(-2147483649.0),fb(4294967295.0),fb(4294967295.5),fb(4294967296.0),fb(3e9),fb(-3e9),fb(9223372036854774784.0),fb(9223372036854775808.0),fb(-9223372036854775808.0),fb(18446744073709549568.0),fb(18446744073709551616.0),fb(-0.9)]
  allv=[(v,sp[v]) for v in vals]+[(None,x) for x in extra]
  for iname,bits,signed in [('w',32,True),('wu',32,False),('l',64,True),('lu',64,False)]:
    emit(f"  // ---- fcvt.{iname}.{prec}")
    for i,(nm,A) in enumerate(allv):
      rm=i%5
      r,fl=cvt_f2i(F,A,rm,bits,signed)
      if bits==32: r=r & 0xffffffff; r= r-(1<<32) if r>>31 else r   # sign-extend
      if i%4==3: emit(f"  FI1D {nx()}, fcvt.{iname}.{prec}, {rm}, {h(r)}, {fl}, {h(A)}   // {nm or ''}")
      else: emit(f"  FI1 {nx()}, fcvt.{iname}.{prec}, {RMS[rm]}, {h(r)}, {fl}, {h(A)}   // {nm or ''}")
  ivals=[0,1,-1,2,-2,0x7fffffff,-0x80000000,0xffffffff,0x80000001,0x1000001,0x1000003,0x7fffffffffffffff,-0x8000000000000000,0xffffffffffffffff,0x20000000000001,0x20000000000003,0x123456789abcdef,-0x123456789abcdef,0xffffffff00000001,0x100000000]
  for iname,bits,signed in [('w',32,True),('wu',32,False),('l',64,True),('lu',64,False)]:
    emit(f"  // ---- fcvt.{prec}.{iname}")
    for i,v in enumerate(ivals):
      rm=i%5
      x=v & ((1<<bits)-1)
      if signed and x>>(bits-1): x-=1<<bits
      r,fl=cvt_i2f(F,x,rm)
      if prec=='d' and bits==32:
        if i%2==0:
          emit(f"  IF1X {nx()}, fcvt.{prec}.{iname}, {h(box(r))}, {fl}, {h(v)}   // exact: no rm operand")
        else:
          emit(f"  IF1XD {nx()}, fcvt.{prec}.{iname}, {rm}, {h(box(r))}, {fl}, {h(v)}   // exact under any frm")
      elif i%4==2: emit(f"  IF1D {nx()}, fcvt.{prec}.{iname}, {rm}, {h(box(r))}, {fl}, {h(v)}")
      else: emit(f"  IF1 {nx()}, fcvt.{prec}.{iname}, {RMS[rm]}, {h(box(r))}, {fl}, {h(v)}")
elif which=='cvtsd':
  if True:
    emit("  // ---- fcvt.s.d / fcvt.d.s")
    dv=['pz','nz','one','tenth','pi','maxn','minn','minsub','inf','minf','qnan','snan','nqnan','e20']+[]
    for i,nm in enumerate(dv+['x1','x2','x3','x4']):
      A={'x1':fb(3.4028235677973366e38),'x2':fb(3.4028234663852886e38),'x3':fb(1.1754942e-38),'x4':fb(1.401298464324817e-45/2)}.get(nm) or sp[nm]
      if nm=='pz': A=0
      rm=i%5
      r,fl=cvt_f2f(D,S,A,rm)
      emit(f"  F1 {nx()}, fcvt.s.d, {RMS[rm]}, {h(0xffffffff00000000|r)}, {fl}, {h(A)}   // {nm}")
    emit("""  // fcvt.d.s: input is a single in a NaN-boxed register
.macro CVTDS n, exp, flags, a
  li gp, \\n
  li a1, \\a
  fmv.w.x fa1, a1
  fsflags zero
  fcvt.d.s fa0, fa1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, \\exp
  ASSERT_FFLAGS \\flags
.endm""")
    for a in [0,0x80000000,0x3f800000,0x3dcccccd,0x7f7fffff,0x00000001,0x007fffff,0x7f800000,0xff800000,0x7fc00000,0x7f800001,0xffc12345,0x80800000]:
      r,fl=cvt_f2f(S,D,a,RNE)
      emit(f"  CVTDS {nx()}, {h(r)}, {fl}, {h(a)}")
elif which=='cmp':
  pairs=[('one','one'),('one','two'),('two','one'),('pz','nz'),('nz','pz'),('mone','one'),('inf','maxn'),('minf','mmaxn'),('inf','inf'),
    ('qnan','one'),('one','qnan'),('snan','one'),('one','snan'),('qnan','qnan'),('snan','qnan'),('minsub','pz'),('msub','minsub'),('nqnan','nqnan'),('mmaxn','maxn')]
  for op in ['eq','lt','le']:
    emit(f"  // ---- f{op}.{prec}")
    for a,b in pairs:
      r,fl=cmp(F,op,sp[a],sp[b])
      emit(f"  FC {nx()}, f{op}.{prec}, {r}, {fl}, {h(sp[a])}, {h(sp[b])}   // {a} {b}")
  for op in ['min','max']:
    emit(f"  // ---- f{op}.{prec}")
    for a,b in pairs+[('snan','snan'),('nqnan','one')]:
      r,fl=minmax(F,op,sp[a],sp[b])
      emit(f"  FN2 {nx()}, f{op}.{prec}, {h(box(r))}, {fl}, {h(sp[a])}, {h(sp[b])}   // {a} {b}")
  SB=1<<(W-1)
  for op in ['sgnj','sgnjn','sgnjx']:
    emit(f"  // ---- f{op}.{prec} (pure bit operations, no flags, NaN payloads kept)")
    for a,b in [('one','mone'),('mone','one'),('mone','mone'),('one','one'),('pz','nz'),('nqnan','one'),('snan','mone'),('inf','minf')]:
      A,B=sp[a],sp[b]
      if op=='sgnj': r=(A&~SB)|(B&SB)
      elif op=='sgnjn': r=(A&~SB)|(~B&SB)
      else: r=A^(B&SB)
      emit(f"  FN2 {nx()}, f{op}.{prec}, {h(box(r))}, 0, {h(A)}, {h(B)}   // {a} {b}")
  emit(f"  // ---- fclass.{prec}")
  for a in ['minf','mmaxn','mone','msub','nz','pz','minsub','maxsub','one','maxn','inf','snan','qnan','nqnan','minn','mminn']:
    emit(f"  FCLASS {nx()}, {fclass(F,sp[a])}, {h(sp[a])}   // {a}")
  emit("  // ---- aliases: fmv/fneg/fabs are fsgnj forms with rs1 == rs2")
  emit(f"""  TEST {nx()}
  li a1, {h(sp['mone'])}
  {mvto} fa1, a1
  fabs.{prec} fa0, fa1
  fmv.x.d a0, fa0
  ASSERT_EQ a0, {h(box(sp['one']))}
  fneg.{prec} fa0, fa0
  fmv.x.d a0, fa0
  ASSERT_EQ a0, {h(box(sp['mone']))}
  fmv.{prec} fa2, fa0
  fmv.x.d a0, fa2
  ASSERT_EQ a0, {h(box(sp['mone']))}""")
emit(f"  // {n} tests\n  PASS")
print("\n".join(out))
