// RegionEmitter: floating-point instructions inline.
#include "jit/region_emitter.h"

namespace strata::jit {
namespace {

// mstatus.FS: any non-zero value enables the FPU; writing an f register makes it Dirty (all ones).
constexpr uint32_t kFsMask = static_cast<uint32_t>(cpu::mstatus::kFS);
static_assert(cpu::mstatus::kFS == kFsMask);
constexpr uint64_t kDoubleExponent = 0x7ff0000000000000ULL;
constexpr int kDoublePrecision = 53;  // significand bits, hidden bit included
constexpr uint8_t kRoundNearestEven = 0;
constexpr uint8_t kLastValidRoundingMode = 4;  // RMM; 5 and 6 are reserved
constexpr uint8_t kRoundDynamic = 7;
constexpr uint8_t kInexactFlag = 1;  // fflags.NX

}  // namespace

bool RegionEmitter::emit_fp_arithmetic(const exec::Insn& in, Op op) {
  if (!inlinable_rounding(in, /*rne=*/true)) return false;
  if (op == Op::kFmulD && !fma_) return false;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  const uint32_t dirty_before = dirty_;
  fp_guard(in, slow, /*rne=*/true);
  Label inexact_known;
  movq(xmm0, f(in.rs1));
  mov(rdx, f(in.rs2));
  if (op == Op::kFsubD) btc(rdx, 63);  // a - b is a + (-b), exactly
  movq(xmm1, rdx);
  movapd(xmm2, xmm0);
  if (op == Op::kFmulD) {
    mulsd(xmm2, xmm1);
    movq(rax, xmm2);
    // A finite product of magnitude >= 2^(emin + p) neither overflows nor is tiny, and the FMA
    // computes its rounding error exactly.
    mov(rcx, rax);
    shr(rcx, 52);
    and_(ecx, 0x7ff);
    cmp(ecx, kDoublePrecision);
    jump_to_cold(kBelowOrEqual, slow);
    cmp(ecx, 0x7ff);
    jump_to_cold(kZero, slow);
    skip_if_inexact_known(inexact_known);
    mov(rcx, rax);
    btc(rcx, 63);
    movq(xmm3, rcx);
    vfmadd231sd(xmm3, xmm0, xmm1);  // x * y - product
    movq(rcx, xmm3);
    add(rcx, rcx);  // drops the sign: zero for +-0, which means exact
    jz(inexact_known);
  } else {
    addsd(xmm2, xmm1);
    movq(rax, xmm2);
    // A finite sum means finite operands and no overflow, and a sum is never inexactly tiny.
    mov(rcx, kDoubleExponent);
    mov(rdx, rax);
    and_(rdx, rcx);
    cmp(rdx, rcx);
    jump_to_cold(kZero, slow);
    skip_if_inexact_known(inexact_known);
    // Fast2Sum: with |big| >= |small|, sum - big is exact, and equals small iff sum is exact.
    Label ordered;
    movq(rcx, xmm0);
    movq(rdx, xmm1);
    btr(rcx, 63);
    btr(rdx, 63);
    cmp(rcx, rdx);
    jae(ordered);
    movapd(xmm3, xmm0);
    movapd(xmm0, xmm1);
    movapd(xmm1, xmm3);
    L(ordered);
    movapd(xmm3, xmm2);
    subsd(xmm3, xmm0);
    ucomisd(xmm3, xmm1);  // both finite: ZF is set exactly when they are equal
    je(inexact_known);
  }
  or_(byte[rbx + l_.fflags], kInexactFlag);
  L(inexact_known);
  mov(f(in.rd), rax);
  finish_slow_path(slow, in, dirty_before);
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
  const bool fused = op != Op::kFdivD && op != Op::kFsqrtD;
  if (fused && !fma_) return false;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  const uint32_t dirty_before = dirty_;
  fp_guard(in, slow, /*rne=*/true);
  test(byte[rbx + l_.fflags], kInexactFlag);
  jump_to_cold(kZero, slow);
  if (fused) {
    // -(a*b) is (-a)*b and RNE is symmetric, so each variant is one FMA on negated inputs.
    mov(rax, f(in.rs1));
    if (op == Op::kFnmsubD || op == Op::kFnmaddD) btc(rax, 63);
    movq(xmm0, rax);
    mov(rax, f(in.rs3));
    if (op == Op::kFmsubD || op == Op::kFnmaddD) btc(rax, 63);
    movq(xmm2, rax);
    movq(xmm1, f(in.rs2));
    vfmadd231sd(xmm2, xmm0, xmm1);
  } else if (op == Op::kFdivD) {
    movq(xmm2, f(in.rs1));
    divsd(xmm2, f(in.rs2));
  } else {
    sqrtsd(xmm2, f(in.rs1));
  }
  movq(rax, xmm2);
  // Biased exponent in [2, 2046]: finite, normal and not tiny.
  mov(rcx, rax);
  shr(rcx, 52);
  and_(ecx, 0x7ff);
  sub(ecx, 2);
  cmp(ecx, 2044);
  jump_to_cold(kAbove, slow);
  mov(f(in.rd), rax);
  finish_slow_path(slow, in, dirty_before);
  return true;
}

bool RegionEmitter::emit_fp_exact(const exec::Insn& in, Op op) {
  if (!inlinable_rounding(in, /*rne=*/false)) return false;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  const uint32_t dirty_before = dirty_;
  const bool converts = op == Op::kFcvtDW || op == Op::kFcvtDWu;
  if (converts) {
    fp_guard(in, slow, /*rne=*/false);
  } else {
    require_fs_dirty(slow);
  }
  switch (op) {
    case Op::kFeqD:
    case Op::kFltD:
    case Op::kFleD:
      movq(xmm0, f(in.rs1));
      ucomisd(xmm0, f(in.rs2));
      jump_to_cold(kParity, slow);
      if (op == Op::kFeqD) sete(al);
      if (op == Op::kFltD) setb(al);
      if (op == Op::kFleD) setbe(al);
      movzx(eax, al);
      def(in.rd, rax);
      break;
    case Op::kFmvXD:
      mov(rax, f(in.rs1));
      def(in.rd, rax);
      break;
    case Op::kFmvDX:
      mov(rax, src(in.rs1));
      mov(f(in.rd), rax);
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
      movq(f(in.rd), xmm0);
      break;
    default:  // sign injection
      mov(rax, f(in.rs1));
      mov(rcx, f(in.rs2));
      if (op == Op::kFsgnjnD) not_(rcx);
      shr(rcx, 63);
      shl(rcx, 63);
      if (op == Op::kFsgnjxD) {
        xor_(rax, rcx);
      } else {
        btr(rax, 63);
        or_(rax, rcx);
      }
      mov(f(in.rd), rax);
      break;
  }
  finish_slow_path(slow, in, dirty_before);
  return true;
}

bool RegionEmitter::inlinable_rounding(const exec::Insn& in, bool rne) {
  if (rne) return in.rm == kRoundNearestEven || in.rm == kRoundDynamic;
  return in.rm <= kLastValidRoundingMode || in.rm == kRoundDynamic;
}

}  // namespace strata::jit
