// RegionEmitter: integer computational instructions, jumps and branches.
#include <utility>

#include "jit/region_emitter.h"

namespace strata::jit {

bool RegionEmitter::emit_inline(const exec::Insn& in, Op op) {
  const unsigned rd = in.rd;
  unsigned rs1 = in.rs1;
  unsigned rs2 = in.rs2;
  const int64_t imm = in.imm;
  const auto imm32 = static_cast<int32_t>(imm);
  const bool small = imm >= INT32_MIN && imm <= INT32_MAX;
  // A commutative operation into its second source computes in rd's register when the sources
  // are swapped (rd = rs1 + rd is rd += rs1), instead of in rax and a move.
  const bool commutative = op == Op::kAdd || op == Op::kXor || op == Op::kOr || op == Op::kAnd ||
                           op == Op::kMul || op == Op::kAddw || op == Op::kMulw;
  if (commutative && rd == rs2 && rd != rs1 && rs1 != 0) std::swap(rs1, rs2);
  const Reg64* const rs1_register = in_register(rs1);
  const Reg64* const rs2_register = in_register(rs2);
  out_ = rax;
  switch (op) {
    case Op::kLui: mov(target(rd), imm); break;
    case Op::kAuipc: load_pc_relative(rd, pc_offset(in) + imm); break;
    case Op::kAddi:
      if (rs1 == 0) {
        mov(target(rd), imm);
      } else if (rs1_register != nullptr && imm != 0 && small) {
        lea_sum(rd, *rs1_register + imm32, /*word=*/false);
      } else {
        add_imm(begin(rd, rs1), imm);
      }
      break;
    case Op::kSlti:
    case Op::kSltiu:
      if (!small) return false;
      emit_set_less(rd, rs1, kNoRegister, imm32, op == Op::kSlti);
      break;
    case Op::kXori:
    case Op::kOri:
    case Op::kAndi:
      if (!small) return false;
      begin(rd, rs1);
      if (op == Op::kXori) xor_(out_, imm32);
      if (op == Op::kOri) or_(out_, imm32);
      if (op == Op::kAndi) and_(out_, imm32);
      break;
    case Op::kSlli:
    case Op::kSrli:
    case Op::kSrai:
    case Op::kRori:
      begin(rd, rs1);
      if (op == Op::kSlli) shl(out_, static_cast<int>(imm & 63));
      if (op == Op::kSrli) shr(out_, static_cast<int>(imm & 63));
      if (op == Op::kSrai) sar(out_, static_cast<int>(imm & 63));
      if (op == Op::kRori) ror(out_, static_cast<int>(imm & 63));
      break;
    case Op::kAddiw:
      if (imm == 0 && rs1 != 0) {
        movsxd(target(rd), src32(rs1));  // SEXT.W
      } else if (rs1_register != nullptr) {
        lea_sum(rd, *rs1_register + imm32, /*word=*/true);
      } else {
        begin(rd, rs1);
        add(out32(), imm32);
        movsxd(out_, out32());
      }
      break;
    case Op::kSlliw:
    case Op::kSrliw:
    case Op::kSraiw:
    case Op::kRoriw:
      begin(rd, rs1);
      if (op == Op::kSlliw) shl(out32(), static_cast<int>(imm & 31));
      if (op == Op::kSrliw) shr(out32(), static_cast<int>(imm & 31));
      if (op == Op::kSraiw) sar(out32(), static_cast<int>(imm & 31));
      if (op == Op::kRoriw) ror(out32(), static_cast<int>(imm & 31));
      movsxd(out_, out32());
      break;
    case Op::kAdd:
    case Op::kSub:
    case Op::kXor:
    case Op::kOr:
    case Op::kAnd:
    case Op::kMul:
      if (rs1 == 0 && (op == Op::kAdd || op == Op::kXor || op == Op::kOr)) {
        begin(rd, rs2);  // a move (C.MV is ADD rd, x0, rs2)
        break;
      }
      if (rs1 == 0 && op == Op::kSub) {
        begin(rd, rs2);  // NEG
        neg(out_);
        break;
      }
      if (op == Op::kAdd && rs1_register != nullptr && rs2_register != nullptr && rd != rs1) {
        lea_sum(rd, *rs1_register + *rs2_register, /*word=*/false);
        break;
      }
      begin(rd, rs1, rs2);
      if (op == Op::kAdd) add(out_, src(rs2));
      if (op == Op::kSub) sub(out_, src(rs2));
      if (op == Op::kXor) xor_(out_, src(rs2));
      if (op == Op::kOr) or_(out_, src(rs2));
      if (op == Op::kAnd) and_(out_, src(rs2));
      if (op == Op::kMul) imul(out_, src(rs2));
      break;
    case Op::kSlt:
    case Op::kSltu: emit_set_less(rd, rs1, rs2, 0, op == Op::kSlt); break;
    case Op::kSll:
    case Op::kSrl:
    case Op::kSra:
    case Op::kRol:
    case Op::kRor:
      // x86 masks 64-bit shift counts to 6 bits, as RISC-V does.
      mov(rcx, src(rs2));
      begin(rd, rs1);
      if (op == Op::kSll) shl(out_, cl);
      if (op == Op::kSrl) shr(out_, cl);
      if (op == Op::kSra) sar(out_, cl);
      if (op == Op::kRol) rol(out_, cl);
      if (op == Op::kRor) ror(out_, cl);
      break;
    case Op::kAddw:
    case Op::kSubw:
    case Op::kMulw:
      if (rs1 == 0 && op == Op::kSubw) {
        begin(rd, rs2);  // NEGW
        neg(out32());
        movsxd(out_, out32());
        break;
      }
      if (op == Op::kAddw && rs1_register != nullptr && rs2_register != nullptr && rd != rs1) {
        lea_sum(rd, *rs1_register + *rs2_register, /*word=*/true);
        break;
      }
      begin(rd, rs1, rs2);
      if (op == Op::kAddw) add(out32(), src32(rs2));
      if (op == Op::kSubw) sub(out32(), src32(rs2));
      if (op == Op::kMulw) imul(out32(), src32(rs2));
      movsxd(out_, out32());
      break;
    case Op::kSllw:
    case Op::kSrlw:
    case Op::kSraw:
    case Op::kRolw:
    case Op::kRorw:
      // ...and 32-bit ones to 5 bits, as the W forms do.
      mov(rcx, src(rs2));
      begin(rd, rs1);
      if (op == Op::kSllw) shl(out32(), cl);
      if (op == Op::kSrlw) shr(out32(), cl);
      if (op == Op::kSraw) sar(out32(), cl);
      if (op == Op::kRolw) rol(out32(), cl);
      if (op == Op::kRorw) ror(out32(), cl);
      movsxd(out_, out32());
      break;
    case Op::kMulh:
      mov(rax, src(rs1));
      imul(src(rs2));
      mov(rax, rdx);
      break;
    case Op::kMulhu:
      mov(rax, src(rs1));
      mul(src(rs2));
      mov(rax, rdx);
      break;
    case Op::kMulhsu:
      // The unsigned high half, less rs2 when rs1 is negative (its unsigned reading is 2^64
      // more).
      mov(rax, src(rs1));
      mov(rcx, rax);
      sar(rcx, 63);
      and_(rcx, src(rs2));
      mul(src(rs2));
      sub(rdx, rcx);
      mov(rax, rdx);
      break;
    case Op::kDiv:
    case Op::kDivu:
    case Op::kRem:
    case Op::kRemu:
    case Op::kDivw:
    case Op::kDivuw:
    case Op::kRemw:
    case Op::kRemuw: emit_divide(op, rs1, rs2); break;
    case Op::kAddUw:
      mov(eax, src32(rs1));
      add(rax, src(rs2));
      break;
    case Op::kSh1add:
    case Op::kSh2add:
    case Op::kSh3add:
      mov(rax, src(rs1));
      mov(rcx, src(rs2));
      lea(rax, ptr[ptr_scaled(op == Op::kSh1add ? 2 : op == Op::kSh2add ? 4 : 8)]);
      break;
    case Op::kSh1addUw:
    case Op::kSh2addUw:
    case Op::kSh3addUw:
      mov(eax, src32(rs1));
      mov(rcx, src(rs2));
      lea(rax, ptr[ptr_scaled(op == Op::kSh1addUw ? 2 : op == Op::kSh2addUw ? 4 : 8)]);
      break;
    case Op::kSlliUw:
      mov(eax, src32(rs1));
      shl(rax, static_cast<int>(imm & 63));
      break;
    case Op::kAndn:
    case Op::kOrn:
      mov(rax, src(rs2));
      not_(rax);
      if (op == Op::kAndn) {
        and_(rax, src(rs1));
      } else {
        or_(rax, src(rs1));
      }
      break;
    case Op::kXnor:
      mov(rax, src(rs1));
      xor_(rax, src(rs2));
      not_(rax);
      break;
    case Op::kClz:
    case Op::kClzw:
      if (!lzcnt_) return false;
      if (op == Op::kClz) {
        lzcnt(rax, src(rs1));
      } else {
        lzcnt(eax, src32(rs1));
      }
      break;
    case Op::kCtz:
    case Op::kCtzw:
      if (!bmi1_) return false;
      if (op == Op::kCtz) {
        tzcnt(rax, src(rs1));
      } else {
        tzcnt(eax, src32(rs1));
      }
      break;
    case Op::kCpop:
    case Op::kCpopw:
      if (!popcnt_) return false;
      if (op == Op::kCpop) {
        popcnt(rax, src(rs1));
      } else {
        popcnt(eax, src32(rs1));
      }
      break;
    case Op::kMax:
    case Op::kMin:
    case Op::kMaxu:
    case Op::kMinu:
      mov(rax, src(rs1));
      mov(rcx, src(rs2));
      cmp(rax, rcx);
      if (op == Op::kMax) cmovl(rax, rcx);
      if (op == Op::kMin) cmovg(rax, rcx);
      if (op == Op::kMaxu) cmovb(rax, rcx);
      if (op == Op::kMinu) cmova(rax, rcx);
      break;
    case Op::kSextB:
      mov(rax, src(rs1));
      movsx(rax, al);
      break;
    case Op::kSextH:
      mov(rax, src(rs1));
      movsx(rax, ax);
      break;
    case Op::kZextH:
      mov(rax, src(rs1));
      movzx(eax, ax);
      break;
    case Op::kRev8:
      mov(rax, src(rs1));
      bswap(rax);
      break;
    case Op::kBclr:
    case Op::kBset:
    case Op::kBinv:
    case Op::kBext:
      mov(rax, src(rs1));
      mov(rcx, src(rs2));
      and_(ecx, 63);
      emit_bit_op(op, [this] { return rcx; });
      break;
    case Op::kBclri:
    case Op::kBseti:
    case Op::kBinvi:
    case Op::kBexti:
      mov(rax, src(rs1));
      emit_bit_op_imm(op, static_cast<uint8_t>(imm & 63));
      break;
    case Op::kFence: mfence(); return true;
    case Op::kLb:
    case Op::kLh:
    case Op::kLw:
    case Op::kLd:
    case Op::kLbu:
    case Op::kLhu:
    case Op::kLwu:
    case Op::kSb:
    case Op::kSh:
    case Op::kSw:
    case Op::kSd:
    case Op::kFlw:
    case Op::kFld:
    case Op::kFsw:
    case Op::kFsd: emit_memory(in, op); return true;
    case Op::kFaddD:
    case Op::kFsubD:
    case Op::kFmulD:
    case Op::kFaddS:
    case Op::kFsubS:
    case Op::kFmulS: return emit_fp_arithmetic(in, op);
    case Op::kFmaddD:
    case Op::kFmsubD:
    case Op::kFnmsubD:
    case Op::kFnmaddD:
    case Op::kFdivD:
    case Op::kFsqrtD:
    case Op::kFmaddS:
    case Op::kFmsubS:
    case Op::kFnmsubS:
    case Op::kFnmaddS:
    case Op::kFdivS:
    case Op::kFsqrtS:
    case Op::kFcvtSD: return emit_fp_rounded(in, op);
    case Op::kFeqD:
    case Op::kFltD:
    case Op::kFleD:
    case Op::kFmvXD:
    case Op::kFmvDX:
    case Op::kFsgnjD:
    case Op::kFsgnjnD:
    case Op::kFsgnjxD:
    case Op::kFcvtDW:
    case Op::kFcvtDWu:
    case Op::kFeqS:
    case Op::kFltS:
    case Op::kFleS:
    case Op::kFmvXW:
    case Op::kFmvWX:
    case Op::kFsgnjS:
    case Op::kFsgnjnS:
    case Op::kFsgnjxS:
    case Op::kFminD:
    case Op::kFmaxD:
    case Op::kFminS:
    case Op::kFmaxS:
    case Op::kFcvtDS: return emit_fp_exact(in, op);
    case Op::kFcvtWD:
    case Op::kFcvtLD:
    case Op::kFcvtWS:
    case Op::kFcvtLS: return emit_fp_to_integer(in, op);
    case Op::kFcvtDL:
    case Op::kFcvtSW:
    case Op::kFcvtSL: return emit_fp_from_integer(in, op);
    case Op::kJal:
      if (rd != cpu::HartState::kSinkRegister) {  // J (JAL x0) links nothing
        lea(target(rd), ptr[r15 + static_cast<int32_t>(pc_offset(in) + in.length)]);
        finish(rd);
      }
      exit_edge(static_cast<int64_t>(in.offset) + imm, /*last=*/true);
      return true;
    case Op::kJalr:
      if (rs1_register != nullptr && imm != 0) {
        lea(rcx, ptr[*rs1_register + imm32]);  // a 12-bit offset
      } else {
        mov(rcx, src(rs1));
        add_imm(rcx, imm);
      }
      and_(rcx, -2);
      if (rd != cpu::HartState::kSinkRegister) {  // JR and RET link nothing
        lea(target(rd), ptr[r15 + static_cast<int32_t>(pc_offset(in) + in.length)]);
        finish(rd);
      }
      jump_to_region_targets();
      write_back(dirty_);
      if (formation_ != 0) count_jumps_left_on_page();
      exit_indirect();
      return true;
    case Op::kBeq:
    case Op::kBne:
    case Op::kBlt:
    case Op::kBge:
    case Op::kBltu:
    case Op::kBgeu: emit_branch(in, op); return true;
    default: return false;
  }
  finish(rd);
  return true;
}

void RegionEmitter::lea_sum(unsigned rd, const Xbyak::RegExp& sum, bool word) {
  target(rd);
  if (word) {
    lea(out32(), ptr[sum]);
    movsxd(out_, out32());
  } else {
    lea(out_, ptr[sum]);
  }
}

void RegionEmitter::emit_set_less(unsigned rd, unsigned rs1, unsigned rs2, int32_t imm,
                                  bool is_signed) {
  const Reg64* lhs = in_register(rs1);
  if (lhs == nullptr) {
    mov(rcx, src(rs1));
    lhs = &rcx;
  }
  // The result is cleared before the compare (xor sets the flags), so it cannot be a source.
  target(rd);
  const Reg64* rhs = rs2 == kNoRegister ? nullptr : in_register(rs2);
  if (out_.getIdx() == lhs->getIdx() || (rhs != nullptr && rhs->getIdx() == out_.getIdx())) {
    out_ = rax;
  }
  xor_(out32(), out32());
  if (rs2 == kNoRegister) {
    cmp(*lhs, imm);
  } else {
    cmp(*lhs, src(rs2));
  }
  if (is_signed) {
    setl(out_.cvt8());
  } else {
    setb(out_.cvt8());
  }
}

template <typename Reg>
void RegionEmitter::emit_bit_op(Op op, Reg bit) {
  if (op == Op::kBclr) btr(rax, bit());
  if (op == Op::kBset) bts(rax, bit());
  if (op == Op::kBinv) btc(rax, bit());
  if (op == Op::kBext) {
    bt(rax, bit());
    setc(al);
    movzx(eax, al);
  }
}

void RegionEmitter::emit_bit_op_imm(Op op, uint8_t bit) {
  if (op == Op::kBclri) btr(rax, bit);
  if (op == Op::kBseti) bts(rax, bit);
  if (op == Op::kBinvi) btc(rax, bit);
  if (op == Op::kBexti) {
    bt(rax, bit);
    setc(al);
    movzx(eax, al);
  }
}

void RegionEmitter::emit_divide(Op op, unsigned rs1, unsigned rs2) {
  const bool is_signed = op == Op::kDiv || op == Op::kRem || op == Op::kDivw || op == Op::kRemw;
  const bool remainder = op == Op::kRem || op == Op::kRemu || op == Op::kRemw || op == Op::kRemuw;
  const bool word = op == Op::kDivw || op == Op::kDivuw || op == Op::kRemw || op == Op::kRemuw;
  const Xbyak::Reg divisor = word ? static_cast<const Xbyak::Reg&>(ecx) : rcx;
  Label by_zero;
  Label special;
  Label done;
  if (word) {
    mov(eax, src32(rs1));
    mov(ecx, src32(rs2));
  } else {
    mov(rax, src(rs1));
    mov(rcx, src(rs2));
  }
  test(divisor, divisor);
  jz(by_zero, T_NEAR);
  if (is_signed) {
    cmp(divisor, -1);
    je(special, T_NEAR);  // x / -1 is -x (wrapping), x % -1 is 0
    if (word) {
      cdq();
    } else {
      cqo();
    }
    idiv(divisor);
  } else {
    xor_(edx, edx);
    div(divisor);
  }
  if (remainder) mov(rax, rdx);
  jmp(done, T_NEAR);
  L(by_zero);
  if (!remainder) mov(rax, -1);
  jmp(done, T_NEAR);
  L(special);
  if (remainder) {
    xor_(eax, eax);
  } else if (word) {
    neg(eax);
  } else {
    neg(rax);
  }
  L(done);
  if (word) movsxd(rax, eax);
}

void RegionEmitter::load_pc_relative(unsigned rd, int64_t offset) {
  if (offset >= INT32_MIN && offset <= INT32_MAX) {
    lea(target(rd), ptr[r15 + static_cast<int32_t>(offset)]);
  } else {
    mov(target(rd), r15);
    add_imm(out_, offset);
  }
}

bool RegionEmitter::emit_pc_relative_address(const exec::Insn& first, Op op,
                                             const exec::Insn& second) {
  if (op != Op::kAuipc || second.rd != first.rd || second.rs1 != first.rd ||
      isa::decode(second.raw).op != Op::kAddi) {
    return false;
  }
  load_pc_relative(first.rd, pc_offset(first) + first.imm + second.imm);
  finish(first.rd);
  return true;
}

bool RegionEmitter::emit_zero_extension(const exec::Insn& first, Op op, const exec::Insn& second) {
  if (op != Op::kSlli || (first.imm & 63) != 32 || first.rd == cpu::HartState::kSinkRegister ||
      second.rd != first.rd || second.rs1 != first.rd || isa::decode(second.raw).op != Op::kSrli) {
    return false;
  }
  const Reg64& out = target(first.rd);
  mov(out.cvt32(), src32(first.rs1));  // a 32-bit move clears the upper half
  const int shift = static_cast<int>(second.imm & 63) - 32;
  if (shift < 0) shl(out, -shift);
  if (shift > 0) shr(out, shift);
  finish(first.rd);
  return true;
}

void RegionEmitter::emit_branch(const exec::Insn& in, Op op) {
  // The flags of rs1 - rs2, with either in memory (x86 compares a register with memory either
  // way round) but not both.
  if (const Reg64* lhs = in_register_or_rax(in.rs1); lhs != nullptr) {
    if (in.rs2 == 0) {
      test(*lhs, *lhs);
    } else if (const Reg64* rhs = in_register_or_rax(in.rs2); rhs != nullptr) {
      cmp(*lhs, *rhs);
    } else {
      cmp(*lhs, src(in.rs2));
    }
  } else if (in.rs2 == 0) {
    cmp(src(in.rs1), 0);
  } else if (const Reg64* rhs = in_register_or_rax(in.rs2); rhs != nullptr) {
    cmp(src(in.rs1), *rhs);
  } else {
    mov(rax, src(in.rs1));
    cmp(rax, src(in.rs2));
  }
  // Jumps to `to` when the branch is taken (or, `negate`, when it is not).
  const auto jump_if = [this, op](bool negate, const Label& to) {
    switch (op) {
      case Op::kBeq: negate ? jne(to, T_NEAR) : je(to, T_NEAR); break;
      case Op::kBne: negate ? je(to, T_NEAR) : jne(to, T_NEAR); break;
      case Op::kBlt: negate ? jge(to, T_NEAR) : jl(to, T_NEAR); break;
      case Op::kBge: negate ? jl(to, T_NEAR) : jge(to, T_NEAR); break;
      case Op::kBltu: negate ? jae(to, T_NEAR) : jb(to, T_NEAR); break;
      default: negate ? jb(to, T_NEAR) : jae(to, T_NEAR); break;
    }
  };
  const int64_t taken = static_cast<int64_t>(in.offset) + in.imm;
  const int64_t fall = static_cast<int64_t>(in.offset) + in.length;
  // A side that stays in the region jumps straight to its block's head, and the other side's
  // code follows.
  if (const int target = region_target(taken); target >= 0) {
    jump_if(/*negate=*/false, heads_[target]);
    exit_edge(fall, /*last=*/true);
    return;
  }
  if (const int target = region_target(fall); target >= 0) {
    jump_if(/*negate=*/true, heads_[target]);
    exit_edge(taken, /*last=*/true);
    return;
  }
  Label leaves;
  jump_if(/*negate=*/false, leaves);
  exit_edge(fall, /*last=*/false);
  L(leaves);
  exit_edge(taken, /*last=*/true);
}

}  // namespace strata::jit
