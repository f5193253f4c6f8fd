// RegionEmitter: floating-point instructions inline.
#include "jit/region_emitter.h"

namespace strata::jit {
namespace {

using Xbyak::Xmm;

// mstatus.FS: any non-zero value enables the FPU; writing an f register makes it Dirty (all ones).
constexpr uint32_t kFsMask = static_cast<uint32_t>(cpu::mstatus::kFS);
static_assert(cpu::mstatus::kFS == kFsMask);
constexpr uint8_t kRoundNearestEven = 0;
constexpr uint8_t kRoundTowardZero = 1;
constexpr uint8_t kLastValidRoundingMode = 4;  // RMM; 5 and 6 are reserved
constexpr uint8_t kRoundDynamic = 7;
constexpr uint8_t kInexactFlag = 1;  // fflags.NX

// Whether the instruction's FP operands are single precision (FCVT.D.S: its operand).
bool is_single(Op op) {
  switch (op) {
    case Op::kFaddS:
    case Op::kFsubS:
    case Op::kFmulS:
    case Op::kFdivS:
    case Op::kFsqrtS:
    case Op::kFmaddS:
    case Op::kFmsubS:
    case Op::kFnmsubS:
    case Op::kFnmaddS:
    case Op::kFeqS:
    case Op::kFltS:
    case Op::kFleS:
    case Op::kFsgnjS:
    case Op::kFsgnjnS:
    case Op::kFsgnjxS:
    case Op::kFmvXW:
    case Op::kFmvWX:
    case Op::kFminS:
    case Op::kFmaxS:
    case Op::kFcvtWS:
    case Op::kFcvtLS:
    case Op::kFcvtDS: return true;
    default: return false;
  }
}

}  // namespace

// What the inline paths need to know about a format: where its sign and exponent are, and its
// SSE instructions.
struct RegionEmitter::FpFormat {
  bool single;
  int sign_bit;
  int exponent_shift;
  uint32_t exponent_ones;  // the biased exponent of infinities and NaNs
  uint32_t precision;      // significand bits, hidden bit included

  void add(RegionEmitter& e, const Xmm& x, const Xmm& y) const {
    single ? e.addss(x, y) : e.addsd(x, y);
  }
  void sub(RegionEmitter& e, const Xmm& x, const Xmm& y) const {
    single ? e.subss(x, y) : e.subsd(x, y);
  }
  void mul(RegionEmitter& e, const Xmm& x, const Xmm& y) const {
    single ? e.mulss(x, y) : e.mulsd(x, y);
  }
  void div(RegionEmitter& e, const Xmm& x, const Xmm& y) const {
    single ? e.divss(x, y) : e.divsd(x, y);
  }
  void sqrt(RegionEmitter& e, const Xmm& x, const Xmm& y) const {
    single ? e.sqrtss(x, y) : e.sqrtsd(x, y);
  }
  void fma231(RegionEmitter& e, const Xmm& x, const Xmm& y, const Xmm& z) const {
    single ? e.vfmadd231ss(x, y, z) : e.vfmadd231sd(x, y, z);
  }
  void compare(RegionEmitter& e, const Xmm& x, const Xmm& y) const {
    single ? e.ucomiss(x, y) : e.ucomisd(x, y);
  }
  // `to` = the bits of `x` (zero-extended for single).
  void bits_of(RegionEmitter& e, const Reg64& to, const Xmm& x) const {
    single ? e.movd(to.cvt32(), x) : e.movq(to, x);
  }
  // The biased exponent of the value whose bits are in rax, in ecx.
  void exponent_of_rax(RegionEmitter& e) const {
    e.mov(e.rcx, e.rax);
    e.shr(e.rcx, exponent_shift);
    e.and_(e.ecx, exponent_ones);
  }
};

const RegionEmitter::FpFormat RegionEmitter::kDouble{false, 63, 52, 0x7ff, 53};
const RegionEmitter::FpFormat RegionEmitter::kSingle{true, 31, 23, 0xff, 24};

void RegionEmitter::require_boxed(const FpFormat& format, unsigned r, size_t slow) {
  if (!format.single) return;
  cmp(dword[rbx + l_.f + static_cast<int32_t>(8 * r + 4)], -1);
  jump_to_cold(kNotZero, slow);
}

void RegionEmitter::load_fp(const FpFormat& format, const Xmm& to, unsigned r, size_t slow,
                            bool negate) {
  // A boxed single's copy holds only its low half: a double read takes HartState's 64 bits.
  const bool boxed_copy = (fp_copies_.boxed & (1U << r)) != 0;
  if (!boxed_copy) require_boxed(format, r, slow);
  if (has_copy(r) && (format.single || !boxed_copy)) {
    if (!negate) {
      movaps(to, copy_of(r));
      return;
    }
    // The sign mask does not wait for the copy: only the xor is on its dependency chain.
    format.single ? mov(edx, 1U << format.sign_bit) : mov(rdx, 1ULL << format.sign_bit);
    movq(to, rdx);
    xorps(to, copy_of(r));
    return;
  }
  const auto low = static_cast<int32_t>(l_.f + 8 * r);
  if (!negate) {
    format.single ? movd(to, dword[rbx + low]) : movq(to, qword[rbx + low]);
    return;
  }
  if (format.single) {
    mov(edx, dword[rbx + low]);
    btc(edx, format.sign_bit);
    movd(to, edx);
  } else {
    mov(rdx, qword[rbx + low]);
    btc(rdx, format.sign_bit);
    movq(to, rdx);
  }
}

void RegionEmitter::store_fp(const FpFormat& format, unsigned rd, const Xmm* value) {
  if (format.single) {
    // One 8-byte store: a later 8-byte load of the register then forwards from it. The upper
    // half's ones without a scratch register (a load's address may still be in rcx): the 32-bit
    // NOT clears it, the 64-bit one sets it and restores the value.
    not_(eax);
    not_(rax);
  }
  mov(f(rd), rax);
  if (value != nullptr) {
    keep_copy(rd, *value, format.single);
  } else {
    forget_copy(rd);
  }
}

void RegionEmitter::store_double(unsigned rd, const Xmm& value) {
  movq(f(rd), value);
  keep_copy(rd, value, /*boxed=*/false);
}

unsigned RegionEmitter::copy_register_for(unsigned rd) {
  if (has_copy(rd)) return fp_copies_.xmm[rd];
  const unsigned index = kFirstCopyXmm + fp_copies_.victim;
  fp_copies_.victim = static_cast<uint8_t>((fp_copies_.victim + 1) % kCopyXmms);
  if (const unsigned owner = fp_copies_.owner[index - kFirstCopyXmm]; owner != 0) {
    forget_copy(owner - 1);
  }
  fp_copies_.owner[index - kFirstCopyXmm] = static_cast<uint8_t>(rd + 1);
  fp_copies_.xmm[rd] = static_cast<uint8_t>(index);
  return index;
}

void RegionEmitter::keep_copy(unsigned rd, const Xmm& value, bool boxed) {
  movaps(Xmm(static_cast<int>(copy_register_for(rd))), value);
  fp_copies_.boxed = boxed ? fp_copies_.boxed | 1U << rd : fp_copies_.boxed & ~(1U << rd);
}

void RegionEmitter::keep_copy(unsigned rd, const Xbyak::Address& from, bool single) {
  const Xmm copy(static_cast<int>(copy_register_for(rd)));
  single ? movd(copy, from) : movq(copy, from);
  fp_copies_.boxed = single ? fp_copies_.boxed | 1U << rd : fp_copies_.boxed & ~(1U << rd);
}

void RegionEmitter::forget_copy(unsigned rd) {
  fp_copies_.boxed &= ~(1U << rd);
  if (!has_copy(rd)) return;
  fp_copies_.owner[fp_copies_.xmm[rd] - kFirstCopyXmm] = 0;
  fp_copies_.xmm[rd] = 0;
}

void RegionEmitter::reload_copies(const FpCopies& copies) {
  for (unsigned r = 0; r < copies.xmm.size(); ++r) {
    if (copies.xmm[r] != 0) movq(Xmm(copies.xmm[r]), f(r));
  }
}

bool RegionEmitter::emit_fp_arithmetic(const exec::Insn& in, Op op) {
  if (!inlinable_rounding(in, /*rne=*/true)) return false;
  const bool multiply = op == Op::kFmulD || op == Op::kFmulS;
  if (multiply && !fma_) return false;
  const FpFormat& format = is_single(op) ? kSingle : kDouble;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  fp_guard(in, slow, /*rne=*/true);
  Label inexact_known;
  load_fp(format, xmm0, in.rs1, slow);
  // a - b is a + (-b), exactly
  load_fp(format, xmm1, in.rs2, slow, /*negate=*/op == Op::kFsubD || op == Op::kFsubS);
  movapd(xmm2, xmm0);
  if (multiply) {
    format.mul(*this, xmm2, xmm1);
    format.bits_of(*this, rax, xmm2);
    // A finite product of magnitude >= 2^(emin + p) neither overflows nor is tiny, and the FMA
    // computes its rounding error exactly.
    format.exponent_of_rax(*this);
    cmp(ecx, format.precision);
    jump_to_cold(kBelowOrEqual, slow);
    cmp(ecx, format.exponent_ones);
    jump_to_cold(kZero, slow);
    skip_if_inexact_known(inexact_known);
    mov(rcx, rax);
    btc(rcx, format.sign_bit);
    format.single ? movd(xmm3, ecx) : movq(xmm3, rcx);
    format.fma231(*this, xmm3, xmm0, xmm1);  // x * y - product
    format.bits_of(*this, rcx, xmm3);
    btr(rcx, format.sign_bit);  // zero for +-0, which means exact
    test(rcx, rcx);
    jz(inexact_known);
  } else {
    format.add(*this, xmm2, xmm1);
    format.bits_of(*this, rax, xmm2);
    // A finite sum means finite operands and no overflow, and a sum is never inexactly tiny.
    format.exponent_of_rax(*this);
    cmp(ecx, format.exponent_ones);
    jump_to_cold(kZero, slow);
    skip_if_inexact_known(inexact_known);
    // Fast2Sum: with |big| >= |small|, sum - big is exact, and equals small iff sum is exact.
    Label ordered;
    format.bits_of(*this, rcx, xmm0);
    format.bits_of(*this, rdx, xmm1);
    btr(rcx, format.sign_bit);
    btr(rdx, format.sign_bit);
    cmp(rcx, rdx);
    jae(ordered);
    movapd(xmm3, xmm0);
    movapd(xmm0, xmm1);
    movapd(xmm1, xmm3);
    L(ordered);
    movapd(xmm3, xmm2);
    format.sub(*this, xmm3, xmm0);
    format.compare(*this, xmm3, xmm1);  // both finite: ZF is set exactly when they are equal
    je(inexact_known);
  }
  or_(byte[rbx + l_.fflags], kInexactFlag);
  L(inexact_known);
  store_fp(format, in.rd, &xmm2);
  finish_slow_path(slow, in);
  return true;
}

void RegionEmitter::skip_if_inexact_known(Label& known) {
  test(byte[rbx + l_.fflags], kInexactFlag);
  jnz(known);
}

void RegionEmitter::fp_guard(const exec::Insn& in, size_t slow, bool rne) {
  require_fs_dirty(slow);
  if (in.rm != kRoundDynamic) return;
  // Checked every time: a failed check runs the handler in the rounding mode frm names, and
  // the next instruction finds frm unchanged.
  cmp(byte[rbx + l_.frm], rne ? kRoundNearestEven : kLastValidRoundingMode);
  jump_to_cold(rne ? kNotZero : kAbove, slow);
}

void RegionEmitter::require_fs(size_t slow) {
  if (fs_known_ >= FsKnown::kOn) return;
  test(dword[rbx + l_.mstatus], kFsMask);
  jump_to_cold(kZero, slow);
  fs_known_ = FsKnown::kOn;
}

void RegionEmitter::require_fs_dirty(size_t slow) {
  if (fs_known_ == FsKnown::kDirty) return;
  mov(eax, dword[rbx + l_.mstatus]);
  and_(eax, kFsMask);
  cmp(eax, kFsMask);
  jump_to_cold(kNotZero, slow);
  fs_known_ = FsKnown::kDirty;
}

bool RegionEmitter::emit_fp_rounded(const exec::Insn& in, Op op) {
  if (!inlinable_rounding(in, /*rne=*/true)) return false;
  const bool divides = op == Op::kFdivD || op == Op::kFdivS;
  const bool root = op == Op::kFsqrtD || op == Op::kFsqrtS;
  const bool narrows = op == Op::kFcvtSD;
  const bool fused = !divides && !root && !narrows;
  if (fused && !fma_) return false;
  // The result's format (FCVT.S.D: single, from a double operand).
  const FpFormat& format = is_single(op) || narrows ? kSingle : kDouble;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  fp_guard(in, slow, /*rne=*/true);
  test(byte[rbx + l_.fflags], kInexactFlag);
  jump_to_cold(kZero, slow);
  if (fused) {
    // -(a*b) is (-a)*b and RNE is symmetric, so each variant is one FMA on negated inputs.
    const bool negate_product =
        op == Op::kFnmsubD || op == Op::kFnmaddD || op == Op::kFnmsubS || op == Op::kFnmaddS;
    const bool negate_addend =
        op == Op::kFmsubD || op == Op::kFnmaddD || op == Op::kFmsubS || op == Op::kFnmaddS;
    load_fp(format, xmm0, in.rs1, slow, negate_product);
    load_fp(format, xmm2, in.rs3, slow, negate_addend);
    load_fp(format, xmm1, in.rs2, slow);
    format.fma231(*this, xmm2, xmm0, xmm1);
  } else if (divides) {
    load_fp(format, xmm2, in.rs1, slow);
    load_fp(format, xmm1, in.rs2, slow);
    format.div(*this, xmm2, xmm1);
  } else if (root) {
    load_fp(format, xmm1, in.rs1, slow);
    format.sqrt(*this, xmm2, xmm1);
  } else {
    load_fp(kDouble, xmm1, in.rs1, slow);
    cvtsd2ss(xmm2, xmm1);  // a NaN operand gives a NaN, which the range check sends away
  }
  format.bits_of(*this, rax, xmm2);
  // Biased exponent in [2, all ones - 1]: finite, normal and not tiny.
  format.exponent_of_rax(*this);
  sub(ecx, 2);
  cmp(ecx, format.exponent_ones - 3);
  jump_to_cold(kAbove, slow);
  store_fp(format, in.rd, &xmm2);
  finish_slow_path(slow, in);
  return true;
}

bool RegionEmitter::emit_fp_exact(const exec::Insn& in, Op op) {
  if (!inlinable_rounding(in, /*rne=*/false)) return false;
  const FpFormat& format = is_single(op) ? kSingle : kDouble;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  const bool converts = op == Op::kFcvtDW || op == Op::kFcvtDWu || op == Op::kFcvtDS;
  if (converts) {
    fp_guard(in, slow, /*rne=*/false);
  } else {
    require_fs_dirty(slow);
  }
  switch (op) {
    case Op::kFeqD:
    case Op::kFltD:
    case Op::kFleD:
    case Op::kFeqS:
    case Op::kFltS:
    case Op::kFleS:
      load_fp(format, xmm0, in.rs1, slow);
      load_fp(format, xmm1, in.rs2, slow);
      format.compare(*this, xmm0, xmm1);
      jump_to_cold(kParity, slow);
      if (op == Op::kFeqD || op == Op::kFeqS) sete(al);
      if (op == Op::kFltD || op == Op::kFltS) setb(al);
      if (op == Op::kFleD || op == Op::kFleS) setbe(al);
      movzx(eax, al);
      def(in.rd, rax);
      break;
    case Op::kFmvXD:
      mov(rax, f(in.rs1));
      def(in.rd, rax);
      break;
    case Op::kFmvXW:  // the low 32 bits, sign-extended, boxed or not
      movsxd(rax, dword[rbx + l_.f + static_cast<int32_t>(8 * in.rs1)]);
      def(in.rd, rax);
      break;
    case Op::kFmvDX:
      mov(rax, src(in.rs1));
      store_fp(kDouble, in.rd);
      break;
    case Op::kFmvWX:
      mov(eax, src32(in.rs1));
      store_fp(kSingle, in.rd);
      break;
    case Op::kFcvtDW:
    case Op::kFcvtDWu:
      // Every 32-bit integer is exact as a double.
      if (op == Op::kFcvtDW) {
        movsxd(rax, src32(in.rs1));
      } else {
        mov(eax, src32(in.rs1));
      }
      cvtsi2sd(xmm0, rax);
      store_double(in.rd, xmm0);
      break;
    case Op::kFminD:
    case Op::kFmaxD:
    case Op::kFminS:
    case Op::kFmaxS: {
      // Between two numbers, the smaller (larger); between equal ones, their bits or-ed (and-ed),
      // which picks -0 (+0) from a pair of zeros. A NaN takes the handler (the other operand,
      // the canonical NaN, NV for a signalling one).
      const bool min = op == Op::kFminD || op == Op::kFminS;
      load_fp(format, xmm0, in.rs1, slow);
      load_fp(format, xmm1, in.rs2, slow);
      format.bits_of(*this, rax, xmm0);
      format.bits_of(*this, rcx, xmm1);
      mov(rdx, rax);
      if (min) {
        or_(rdx, rcx);
      } else {
        and_(rdx, rcx);
      }
      format.compare(*this, xmm0, xmm1);
      jump_to_cold(kParity, slow);
      if (min) {
        cmova(rax, rcx);
      } else {
        cmovb(rax, rcx);
      }
      cmove(rax, rdx);
      store_fp(format, in.rd);
      break;
    }
    case Op::kFcvtDS:
      // Every single is exact as a double; a NaN is made canonical (and a signalling one raises
      // NV) by the handler.
      load_fp(kSingle, xmm0, in.rs1, slow);
      ucomiss(xmm0, xmm0);
      jump_to_cold(kParity, slow);
      cvtss2sd(xmm0, xmm0);
      store_double(in.rd, xmm0);
      break;
    default:  // sign injection
      require_boxed(format, in.rs1, slow);
      require_boxed(format, in.rs2, slow);
      mov(rax, f(in.rs1));
      mov(rcx, f(in.rs2));
      if (op == Op::kFsgnjnD || op == Op::kFsgnjnS) not_(rcx);
      // rcx = the sign bit alone, of rs2 (or of its negation).
      if (format.single) {
        and_(ecx, 0x80000000U);
      } else {
        shr(rcx, 63);
        shl(rcx, 63);
      }
      if (op == Op::kFsgnjxD || op == Op::kFsgnjxS) {
        xor_(rax, rcx);
      } else {
        btr(rax, format.sign_bit);
        or_(rax, rcx);
      }
      store_fp(kDouble, in.rd);  // all 64 bits: a single keeps its box
      break;
  }
  finish_slow_path(slow, in);
  return true;
}

bool RegionEmitter::emit_fp_to_integer(const exec::Insn& in, Op op) {
  const bool truncates = in.rm == kRoundTowardZero;
  if (!truncates && !inlinable_rounding(in, /*rne=*/true)) return false;
  const FpFormat& format = is_single(op) ? kSingle : kDouble;
  const bool word = op == Op::kFcvtWD || op == Op::kFcvtWS;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  fp_guard(in, slow, /*rne=*/true);
  load_fp(format, xmm0, in.rs1, slow);
  // The 64-bit conversion: a NaN or a value out of range gives 0x8000000000000000, which only
  // -2^63 gives legitimately; the handler sorts them out (saturation and NV).
  if (format.single) {
    truncates ? cvttss2si(rax, xmm0) : cvtss2si(rax, xmm0);
  } else {
    truncates ? cvttsd2si(rax, xmm0) : cvtsd2si(rax, xmm0);
  }
  if (word) {
    movsxd(rcx, eax);
    cmp(rcx, rax);
  } else {
    mov(rcx, 1ULL << 63);
    cmp(rax, rcx);
  }
  jump_to_cold(word ? kNotZero : kZero, slow);
  Label inexact_known;
  skip_if_inexact_known(inexact_known);
  // Exact iff the integer converts back to the operand (a double holds every integer the
  // conversion of a non-integral value can give, and an integral value converts back as it was).
  format.single ? cvtsi2ss(xmm1, rax) : cvtsi2sd(xmm1, rax);
  format.compare(*this, xmm1, xmm0);
  je(inexact_known);
  or_(byte[rbx + l_.fflags], kInexactFlag);
  L(inexact_known);
  def(in.rd, rax);
  finish_slow_path(slow, in);
  return true;
}

bool RegionEmitter::emit_fp_from_integer(const exec::Insn& in, Op op) {
  if (!inlinable_rounding(in, /*rne=*/true)) return false;
  const bool single = op != Op::kFcvtDL;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  fp_guard(in, slow, /*rne=*/true);
  if (op == Op::kFcvtSW) {
    movsxd(rax, src32(in.rs1));
  } else {
    mov(rax, src(in.rs1));
  }
  single ? cvtsi2ss(xmm0, rax) : cvtsi2sd(xmm0, rax);
  Label inexact_known;
  skip_if_inexact_known(inexact_known);
  // Exact iff it converts back to the same integer: a value rounded up to 2^63 converts back to
  // 0x8000000000000000, which no exact conversion of a positive integer gives.
  single ? cvttss2si(rcx, xmm0) : cvttsd2si(rcx, xmm0);
  cmp(rcx, rax);
  je(inexact_known);
  or_(byte[rbx + l_.fflags], kInexactFlag);
  L(inexact_known);
  (single ? kSingle : kDouble).bits_of(*this, rax, xmm0);
  store_fp(single ? kSingle : kDouble, in.rd, &xmm0);
  finish_slow_path(slow, in);
  return true;
}

bool RegionEmitter::inlinable_rounding(const exec::Insn& in, bool rne) {
  if (rne) return in.rm == kRoundNearestEven || in.rm == kRoundDynamic;
  return in.rm <= kLastValidRoundingMode || in.rm == kRoundDynamic;
}

}  // namespace strata::jit
