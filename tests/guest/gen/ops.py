M64=(1<<64)-1
def s64(x): x&=M64; return x-(1<<64) if x>>63 else x
def u64(x): return x&M64
def s32(x): x&=0xffffffff; return x-(1<<32) if x>>31 else x
def sx32(x): return u64(s32(x))
def h(x): return hex(u64(x))
ops = {
 'add': lambda a,b: a+b, 'sub': lambda a,b: a-b,
 'and': lambda a,b: a&b, 'or': lambda a,b: a|b, 'xor': lambda a,b: a^b,
 'slt': lambda a,b: int(s64(a)<s64(b)), 'sltu': lambda a,b: int(u64(a)<u64(b)),
 'sll': lambda a,b: a<<(b&63), 'srl': lambda a,b: u64(a)>>(b&63), 'sra': lambda a,b: s64(a)>>(b&63),
 'addw': lambda a,b: sx32(a+b), 'subw': lambda a,b: sx32(a-b),
 'sllw': lambda a,b: sx32(a<<(b&31)), 'srlw': lambda a,b: sx32((a&0xffffffff)>>(b&31)),
 'sraw': lambda a,b: sx32(s32(a)>>(b&31)),
 'mul': lambda a,b: s64(a)*s64(b),
 'mulh': lambda a,b: (s64(a)*s64(b))>>64, 'mulhu': lambda a,b: (u64(a)*u64(b))>>64,
 'mulhsu': lambda a,b: (s64(a)*u64(b))>>64, 'mulw': lambda a,b: sx32(s32(a)*s32(b)),
}
def div(a,b):
  a,b=s64(a),s64(b)
  if b==0: return -1
  if a==-(1<<63) and b==-1: return a
  q=abs(a)//abs(b); return q if (a<0)==(b<0) else -q
def rem(a,b):
  a,b=s64(a),s64(b)
  if b==0: return a
  if a==-(1<<63) and b==-1: return 0
  return a-b*div(a,b)
def divu(a,b): a,b=u64(a),u64(b); return M64 if b==0 else a//b
def remu(a,b): a,b=u64(a),u64(b); return a if b==0 else a%b
def divw(a,b):
  a,b=s32(a),s32(b)
  if b==0: return -1
  if a==-(1<<31) and b==-1: return a
  q=abs(a)//abs(b); return sx32(q if (a<0)==(b<0) else -q)
def remw(a,b):
  a,b=s32(a),s32(b)
  if b==0: return sx32(a)
  if a==-(1<<31) and b==-1: return 0
  q=abs(a)//abs(b); q= q if (a<0)==(b<0) else -q
  return sx32(a-b*q)
def divuw(a,b): a,b=a&0xffffffff,b&0xffffffff; return M64 if b==0 else sx32(a//b)
def remuw(a,b): a,b=a&0xffffffff,b&0xffffffff; return sx32(a) if b==0 else sx32(a%b)
ops.update(div=div,rem=rem,divu=divu,remu=remu,divw=divw,remw=remw,divuw=divuw,remuw=remuw)
# Zba/Zbb/Zbs
def clz(a): a=u64(a); return 64-a.bit_length()
def ctz(a): a=u64(a); return 64 if a==0 else (a&-a).bit_length()-1
def clzw(a): a&=0xffffffff; return 32-a.bit_length()
def ctzw(a): a&=0xffffffff; return 32 if a==0 else (a&-a).bit_length()-1
def rol(a,b): a=u64(a); b&=63; return (a<<b | a>>(64-b)) if b else a
def ror(a,b): a=u64(a); b&=63; return (a>>b | a<<(64-b)) if b else a
def rolw(a,b): a&=0xffffffff; b&=31; return sx32((a<<b | a>>(32-b)) if b else a)
def rorw(a,b): a&=0xffffffff; b&=31; return sx32((a>>b | a<<(32-b)) if b else a)
def orcb(a):
  a=u64(a); r=0
  for i in range(8):
    if (a>>(8*i))&0xff: r|=0xff<<(8*i)
  return r
def rev8(a): return int.from_bytes(u64(a).to_bytes(8,'little'),'big')
ops.update(
 sh1add=lambda a,b:(a<<1)+b, sh2add=lambda a,b:(a<<2)+b, sh3add=lambda a,b:(a<<3)+b,
 **{'add.uw':lambda a,b:(a&0xffffffff)+b, 'sh1add.uw':lambda a,b:((a&0xffffffff)<<1)+b,
    'sh2add.uw':lambda a,b:((a&0xffffffff)<<2)+b,'sh3add.uw':lambda a,b:((a&0xffffffff)<<3)+b,
    'slli.uw':lambda a,b:(a&0xffffffff)<<b},
 andn=lambda a,b:a&~b, orn=lambda a,b:a|~b, xnor=lambda a,b:~(a^b),
 clz=clz, ctz=ctz, clzw=clzw, ctzw=ctzw, cpop=lambda a: bin(u64(a)).count('1'),
 cpopw=lambda a: bin(a&0xffffffff).count('1'),
 max=lambda a,b: max(s64(a),s64(b)), min=lambda a,b: min(s64(a),s64(b)),
 maxu=lambda a,b: max(u64(a),u64(b)), minu=lambda a,b: min(u64(a),u64(b)),
 **{'sext.b':lambda a: ((a&0xff)^0x80)-0x80, 'sext.h':lambda a: ((a&0xffff)^0x8000)-0x8000,
    'zext.h':lambda a: a&0xffff, 'zext.w':lambda a: a&0xffffffff, 'orc.b':orcb},
 rol=rol, ror=ror, rolw=rolw, rorw=rorw, rori=ror, roriw=rorw, rev8=rev8,
 bclr=lambda a,b: a&~(1<<(b&63)), bset=lambda a,b: a|(1<<(b&63)), binv=lambda a,b: a^(1<<(b&63)),
 bext=lambda a,b: (u64(a)>>(b&63))&1,
)
for k in ['bclr','bset','binv','bext']: ops[k+'i']=ops[k]
imm_ops={'addi':'add','andi':'and','ori':'or','xori':'xor','slti':'slt','sltiu':'sltu','slli':'sll','srli':'srl','srai':'sra','addiw':'addw','slliw':'sllw','srliw':'srlw','sraiw':'sraw'}
for k,v in imm_ops.items(): ops[k]=ops[v]

n=[0]
def rr(op,a,b,alias=False):
  n[0]+=1
  r=ops[op](a,b)
  return f"  TEST_RR {n[0]}, {op}, {h(r)}, {h(a)}, {h(b)}"
def ri(op,a,imm):
  n[0]+=1
  r=ops[op](a,imm if op not in ('sltiu',) else u64(imm))
  return f"  TEST_RI {n[0]}, {op}, {h(r)}, {h(a)}, {imm}"
def r1(op,a):
  n[0]+=1
  return f"  TEST_R {n[0]}, {op}, {h(ops[op](a))}, {h(a)}"
def alias(op,a,b):
  n[0]+=1
  return f"  TEST_RR_ALIAS {n[0]}, {op}, {h(a)}, {h(b)}"
