# Minimal exact IEEE-754 reference (binary32/binary64) for generating test vectors.
from fractions import Fraction as Fr
import math
NV,DZ,OF,UF,NX=16,8,4,2,1
RNE,RTZ,RDN,RUP,RMM=0,1,2,3,4
class Fmt:
  def __init__(s,e,m): s.e=e; s.m=m; s.bias=(1<<(e-1))-1; s.emax=s.bias; s.emin=1-s.bias; s.w=1+e+m
  def qnan(s): return ((1<<s.e)-1)<<s.m | 1<<(s.m-1)
  def inf(s,sign): return sign<<(s.w-1) | ((1<<s.e)-1)<<s.m
  def maxf(s,sign): return sign<<(s.w-1) | ((1<<s.e)-2)<<s.m | ((1<<s.m)-1)
S=Fmt(8,23); D=Fmt(11,52)
def unpack(f,b):
  sign=b>>(f.w-1); e=(b>>f.m)&((1<<f.e)-1); m=b&((1<<f.m)-1)
  if e==(1<<f.e)-1:
    if m==0: return ('inf',sign)
    return ('snan' if not (m>>(f.m-1))&1 else 'qnan',sign)
  if e==0:
    if m==0: return ('zero',sign)
    return ('num',sign,Fr(m,1)*Fr(2)**(f.emin-f.m))
  return ('num',sign,Fr((1<<f.m)|m)*Fr(2)**(e-f.bias-f.m))
def val(f,b):
  u=unpack(f,b)
  if u[0]=='zero': return Fr(0)
  if u[0]=='num': return -u[2] if u[1] else u[2]
  return None
def round_(f,q,rm,sign_if_zero=0):
  """round exact rational q (nonzero or zero) to format; returns (bits, flags)"""
  if q==0: return (sign_if_zero<<(f.w-1), 0)
  sign=1 if q<0 else 0; a=abs(q)
  e=math.floor(math.log2(a.numerator))-math.floor(math.log2(a.denominator))
  while Fr(2)**e>a: e-=1
  while Fr(2)**(e+1)<=a: e+=1
  def rnd(x,sign):  # x>=0 rational -> integer per rm
    i=x.numerator//x.denominator; r=x-i
    if r==0: return i,False
    if rm==RNE: up = r>Fr(1,2) or (r==Fr(1,2) and i&1)
    elif rm==RMM: up = r>=Fr(1,2)
    elif rm==RTZ: up=False
    elif rm==RDN: up = sign==1
    elif rm==RUP: up = sign==0
    return i+(1 if up else 0),True
  # unbounded exponent rounding (for tininess after rounding)
  mu,inexu=rnd(a/Fr(2)**(e-f.m),sign)
  eu=e
  if mu==1<<(f.m+1): eu+=1
  tiny = eu<f.emin
  ee=max(e,f.emin)
  m,inex=rnd(a/Fr(2)**(ee-f.m),sign)
  if m==1<<(f.m+1): m>>=1; ee+=1
  flags=NX if inex else 0
  if tiny and inex: flags|=UF
  if ee>f.emax or (m>>f.m==1 and ee>f.emax):
    flags|=OF|NX
    if rm==RNE or rm==RMM or (rm==RUP and sign==0) or (rm==RDN and sign==1): return f.inf(sign),flags
    return f.maxf(sign),flags
  if m<(1<<f.m):  # subnormal (ee==emin)
    bits=m
  else:
    bits=((ee+f.bias)<<f.m)|(m&((1<<f.m)-1))
  return sign<<(f.w-1)|bits, flags
def isnan(u): return u[0] in ('snan','qnan')
def binop(f,op,a,b,rm):
  ua,ub=unpack(f,a),unpack(f,b)
  if isnan(ua) or isnan(ub):
    return f.qnan(), NV if 'snan' in (ua[0],ub[0]) else 0
  sa,sb=ua[1],ub[1]
  if op in ('add','sub'):
    if op=='sub': sb^=1
    if ua[0]=='inf' and ub[0]=='inf':
      return (f.qnan(),NV) if sa!=sb else (f.inf(sa),0)
    if ua[0]=='inf': return f.inf(sa),0
    if ub[0]=='inf': return f.inf(sb),0
    q=(-val(f,a) if False else None)
    va=val(f,a); vb=val(f,b) if op=='add' else -val(f,b)
    q=va+vb
    if q==0:
      if ua[0]=='zero' and ub[0]=='zero' and sa==sb: z=sa
      else: z=1 if rm==RDN else 0
      return round_(f,q,rm,z)
    return round_(f,q,rm)
  if op=='mul':
    s=sa^sb
    if (ua[0]=='inf' and ub[0]=='zero') or (ub[0]=='inf' and ua[0]=='zero'): return f.qnan(),NV
    if 'inf' in (ua[0],ub[0]): return f.inf(s),0
    return round_(f,val(f,a)*val(f,b),rm,s)
  if op=='div':
    s=sa^sb
    if ua[0]=='inf' and ub[0]=='inf': return f.qnan(),NV
    if ua[0]=='zero' and ub[0]=='zero': return f.qnan(),NV
    if ua[0]=='inf': return f.inf(s),0
    if ub[0]=='inf': return s<<(f.w-1),0
    if ub[0]=='zero': return f.inf(s),DZ
    return round_(f,val(f,a)/val(f,b),rm,s)
def sqrt(f,a,rm):
  u=unpack(f,a)
  if isnan(u): return f.qnan(), NV if u[0]=='snan' else 0
  if u[0]=='zero': return a,0
  if u[1]==1: return f.qnan(),NV
  if u[0]=='inf': return a,0
  q=u[2]; k=400
  N=q.numerator*q.denominator*(4**k)
  s=math.isqrt(N)
  if s*s==N: r=Fr(s,q.denominator*2**k)
  else: r=Fr(2*s+1,2*q.denominator*2**k)
  return round_(f,r,rm)
def fma(f,a,b,c,rm,negprod=False,negc=False):
  ua,ub,uc=unpack(f,a),unpack(f,b),unpack(f,c)
  # RISC-V: inf*0 + qNaN raises NV (invalid) too
  if (ua[0]=='inf' and ub[0]=='zero') or (ub[0]=='inf' and ua[0]=='zero'):
    return f.qnan(),NV
  if isnan(ua) or isnan(ub) or isnan(uc):
    return f.qnan(), NV if 'snan' in (ua[0],ub[0],uc[0]) else 0
  sp=ua[1]^ub[1]^(1 if negprod else 0); sc=uc[1]^(1 if negc else 0)
  pinf='inf' in (ua[0],ub[0])
  if pinf and uc[0]=='inf' and sp!=sc: return f.qnan(),NV
  if pinf: return f.inf(sp),0
  if uc[0]=='inf': return f.inf(sc),0
  p=val(f,a)*val(f,b); p=-p if negprod else p
  cv=val(f,c); cv=-cv if negc else cv
  q=p+cv
  if q==0:
    pz = ua[0]=='zero' or ub[0]=='zero'
    if pz and uc[0]=='zero' and sp==sc: z=sp
    else: z=1 if rm==RDN else 0
    return round_(f,q,rm,z)
  return round_(f,q,rm)
def cvt_f2i(f,a,rm,bits,signed):
  u=unpack(f,a)
  lo,hi=(-(1<<(bits-1)),(1<<(bits-1))-1) if signed else (0,(1<<bits)-1)
  if isnan(u): return hi,NV
  if u[0]=='inf': return (lo if u[1] else hi),NV
  if u[0]=='zero': return 0,0
  q=val(f,a)
  sign=1 if q<0 else 0; x=abs(q)
  i=x.numerator//x.denominator; r=x-i
  if r==0: up=False
  elif rm==RNE: up = r>Fr(1,2) or (r==Fr(1,2) and i&1)
  elif rm==RMM: up = r>=Fr(1,2)
  elif rm==RTZ: up=False
  elif rm==RDN: up=sign==1
  else: up=sign==0
  i+=1 if up else 0
  v=-i if sign else i
  if v<lo: return lo,NV
  if v>hi: return hi,NV
  return v,(NX if r!=0 else 0)
def cvt_i2f(f,v,rm):
  return round_(f,Fr(v),rm)
def cvt_f2f(fs,fd,a,rm):
  u=unpack(fs,a)
  if isnan(u): return fd.qnan(), NV if u[0]=='snan' else 0
  if u[0]=='inf': return fd.inf(u[1]),0
  if u[0]=='zero': return u[1]<<(fd.w-1),0
  return round_(fd,val(fs,a),rm)
def cmp(f,op,a,b):
  ua,ub=unpack(f,a),unpack(f,b)
  if isnan(ua) or isnan(ub):
    if op=='eq': return 0, NV if 'snan' in (ua[0],ub[0]) else 0
    return 0,NV
  def v(u,b):
    if u[0]=='inf': return Fr(10)**400*(-1 if u[1] else 1)
    return val(f,b)
  x,y=v(ua,a),v(ub,b)
  return int({'eq':x==y,'lt':x<y,'le':x<=y}[op]),0
def minmax(f,op,a,b):
  ua,ub=unpack(f,a),unpack(f,b)
  fl=NV if 'snan' in (ua[0],ub[0]) else 0
  if isnan(ua) and isnan(ub): return f.qnan(),fl
  if isnan(ua): return b,fl
  if isnan(ub): return a,fl
  if ua[0]=='zero' and ub[0]=='zero':
    if op=='min': return (a if ua[1] else b),fl
    return (b if ua[1] else a),fl
  def v(u,bb):
    if u[0]=='inf': return Fr(10)**400*(-1 if u[1] else 1)
    return val(f,bb)
  x,y=v(ua,a),v(ub,b)
  if op=='min': return (a if x<=y else b),fl
  return (a if x>=y else b),fl
def fclass(f,a):
  u=unpack(f,a)
  if u[0]=='inf': return 1 if u[1] else 1<<7
  if u[0]=='zero': return 1<<3 if u[1] else 1<<4
  if u[0]=='snan': return 1<<8
  if u[0]=='qnan': return 1<<9
  e=(a>>f.m)&((1<<f.e)-1)
  if e==0: return 1<<2 if u[1] else 1<<5
  return 1<<1 if u[1] else 1<<6
