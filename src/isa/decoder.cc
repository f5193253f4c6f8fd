// 32-bit instruction decoding (unprivileged spec, "RV32/64G Instruction Set Listings", plus the
// Zba/Zbb/Zbs and privileged instruction encodings).
#include "isa/decoder.h"

#include "util/bits.h"

namespace strata::isa {
namespace {

int64_t imm_i(uint32_t raw) {
  return sign_extend(bits(raw, 31, 20), 12);
}
int64_t imm_s(uint32_t raw) {
  return sign_extend((bits(raw, 31, 25) << 5) | bits(raw, 11, 7), 12);
}
int64_t imm_b(uint32_t raw) {
  return sign_extend((bit(raw, 31) << 12) | (bit(raw, 7) << 11) | (bits(raw, 30, 25) << 5) |
                         (bits(raw, 11, 8) << 1),
                     13);
}
int64_t imm_u(uint32_t raw) {
  return sign_extend(raw & 0xfffff000U, 32);
}
int64_t imm_j(uint32_t raw) {
  return sign_extend((bit(raw, 31) << 20) | (bits(raw, 19, 12) << 12) | (bit(raw, 20) << 11) |
                         (bits(raw, 30, 21) << 1),
                     21);
}

Op decode_op_imm(uint32_t raw, Decoded& d) {
  const auto funct3 = bits(raw, 14, 12);
  const auto funct6 = bits(raw, 31, 26);
  const auto imm12 = bits(raw, 31, 20);
  d.imm = imm_i(raw);
  switch (funct3) {
    case 0: return Op::kAddi;
    case 2: return Op::kSlti;
    case 3: return Op::kSltiu;
    case 4: return Op::kXori;
    case 6: return Op::kOri;
    case 7: return Op::kAndi;
    case 1:
      d.imm = static_cast<int64_t>(bits(raw, 25, 20));
      switch (funct6) {
        case 0x00: return Op::kSlli;
        case 0x0a: return Op::kBseti;
        case 0x12: return Op::kBclri;
        case 0x1a: return Op::kBinvi;
        default: break;
      }
      switch (imm12) {
        case 0x600: return Op::kClz;
        case 0x601: return Op::kCtz;
        case 0x602: return Op::kCpop;
        case 0x604: return Op::kSextB;
        case 0x605: return Op::kSextH;
        default: return Op::kIllegal;
      }
    default:  // 5
      if (imm12 == 0x287) return Op::kOrcB;
      if (imm12 == 0x6b8) return Op::kRev8;
      d.imm = static_cast<int64_t>(bits(raw, 25, 20));
      switch (funct6) {
        case 0x00: return Op::kSrli;
        case 0x10: return Op::kSrai;
        case 0x18: return Op::kRori;
        case 0x12: return Op::kBexti;
        default: return Op::kIllegal;
      }
  }
}

Op decode_op_imm32(uint32_t raw, Decoded& d) {
  const auto funct3 = bits(raw, 14, 12);
  const auto funct7 = bits(raw, 31, 25);
  const auto imm12 = bits(raw, 31, 20);
  if (funct3 == 0) {
    d.imm = imm_i(raw);
    return Op::kAddiw;
  }
  if (funct3 == 1) {
    if (bits(raw, 31, 26) == 0x02) {
      d.imm = static_cast<int64_t>(bits(raw, 25, 20));
      return Op::kSlliUw;
    }
    switch (imm12) {
      case 0x600: return Op::kClzw;
      case 0x601: return Op::kCtzw;
      case 0x602: return Op::kCpopw;
      default: break;
    }
    d.imm = static_cast<int64_t>(bits(raw, 24, 20));
    return funct7 == 0 ? Op::kSlliw : Op::kIllegal;
  }
  if (funct3 == 5) {
    d.imm = static_cast<int64_t>(bits(raw, 24, 20));
    switch (funct7) {
      case 0x00: return Op::kSrliw;
      case 0x20: return Op::kSraiw;
      case 0x30: return Op::kRoriw;
      default: return Op::kIllegal;
    }
  }
  return Op::kIllegal;
}

Op decode_op(uint32_t raw) {
  const auto funct3 = bits(raw, 14, 12);
  switch (bits(raw, 31, 25)) {
    case 0x00: {
      static constexpr Op kOps[8] = {Op::kAdd, Op::kSll, Op::kSlt, Op::kSltu,
                                     Op::kXor, Op::kSrl, Op::kOr,  Op::kAnd};
      return kOps[funct3];
    }
    case 0x01: {
      static constexpr Op kOps[8] = {Op::kMul, Op::kMulh, Op::kMulhsu, Op::kMulhu,
                                     Op::kDiv, Op::kDivu, Op::kRem,    Op::kRemu};
      return kOps[funct3];
    }
    case 0x20: {
      static constexpr Op kOps[8] = {Op::kSub,  Op::kIllegal, Op::kIllegal, Op::kIllegal,
                                     Op::kXnor, Op::kSra,     Op::kOrn,     Op::kAndn};
      return kOps[funct3];
    }
    case 0x10: {
      static constexpr Op kOps[8] = {Op::kIllegal, Op::kIllegal, Op::kSh1add, Op::kIllegal,
                                     Op::kSh2add,  Op::kIllegal, Op::kSh3add, Op::kIllegal};
      return kOps[funct3];
    }
    case 0x05: {
      static constexpr Op kOps[8] = {Op::kIllegal, Op::kIllegal, Op::kIllegal, Op::kIllegal,
                                     Op::kMin,     Op::kMinu,    Op::kMax,     Op::kMaxu};
      return kOps[funct3];
    }
    case 0x30: return funct3 == 1 ? Op::kRol : funct3 == 5 ? Op::kRor : Op::kIllegal;
    case 0x24: return funct3 == 1 ? Op::kBclr : funct3 == 5 ? Op::kBext : Op::kIllegal;
    case 0x14: return funct3 == 1 ? Op::kBset : Op::kIllegal;
    case 0x34: return funct3 == 1 ? Op::kBinv : Op::kIllegal;
    default: return Op::kIllegal;
  }
}

Op decode_op32(uint32_t raw) {
  const auto funct3 = bits(raw, 14, 12);
  switch (bits(raw, 31, 25)) {
    case 0x00:
      return funct3 == 0   ? Op::kAddw
             : funct3 == 1 ? Op::kSllw
             : funct3 == 5 ? Op::kSrlw
                           : Op::kIllegal;
    case 0x20: return funct3 == 0 ? Op::kSubw : funct3 == 5 ? Op::kSraw : Op::kIllegal;
    case 0x01: {
      static constexpr Op kOps[8] = {Op::kMulw, Op::kIllegal, Op::kIllegal, Op::kIllegal,
                                     Op::kDivw, Op::kDivuw,   Op::kRemw,    Op::kRemuw};
      return kOps[funct3];
    }
    case 0x04:
      if (funct3 == 0) return Op::kAddUw;
      if (funct3 == 4 && bits(raw, 24, 20) == 0) return Op::kZextH;
      return Op::kIllegal;
    case 0x10: {
      static constexpr Op kOps[8] = {Op::kIllegal,  Op::kIllegal, Op::kSh1addUw, Op::kIllegal,
                                     Op::kSh2addUw, Op::kIllegal, Op::kSh3addUw, Op::kIllegal};
      return kOps[funct3];
    }
    case 0x30: return funct3 == 1 ? Op::kRolw : funct3 == 5 ? Op::kRorw : Op::kIllegal;
    default: return Op::kIllegal;
  }
}

Op decode_amo(uint32_t raw) {
  const auto funct3 = bits(raw, 14, 12);
  if (funct3 != 2 && funct3 != 3) return Op::kIllegal;
  const bool dword = funct3 == 3;
  switch (bits(raw, 31, 27)) {
    case 0x02:
      if (bits(raw, 24, 20) != 0) return Op::kIllegal;
      return dword ? Op::kLrD : Op::kLrW;
    case 0x03: return dword ? Op::kScD : Op::kScW;
    case 0x01: return dword ? Op::kAmoswapD : Op::kAmoswapW;
    case 0x00: return dword ? Op::kAmoaddD : Op::kAmoaddW;
    case 0x04: return dword ? Op::kAmoxorD : Op::kAmoxorW;
    case 0x0c: return dword ? Op::kAmoandD : Op::kAmoandW;
    case 0x08: return dword ? Op::kAmoorD : Op::kAmoorW;
    case 0x10: return dword ? Op::kAmominD : Op::kAmominW;
    case 0x14: return dword ? Op::kAmomaxD : Op::kAmomaxW;
    case 0x18: return dword ? Op::kAmominuD : Op::kAmominuW;
    case 0x1c: return dword ? Op::kAmomaxuD : Op::kAmomaxuW;
    default: return Op::kIllegal;
  }
}

// OP-FP. `fmt` 0 is single and 1 double; other formats (H, Q) are not implemented.
Op decode_op_fp(uint32_t raw) {
  const auto funct3 = bits(raw, 14, 12);
  const auto rs2 = bits(raw, 24, 20);
  const auto funct7 = bits(raw, 31, 25);
  const auto fmt = funct7 & 3U;
  if (fmt > 1) return Op::kIllegal;
  const bool d = fmt == 1;
  switch (funct7 >> 2) {
    case 0x00: return d ? Op::kFaddD : Op::kFaddS;
    case 0x01: return d ? Op::kFsubD : Op::kFsubS;
    case 0x02: return d ? Op::kFmulD : Op::kFmulS;
    case 0x03: return d ? Op::kFdivD : Op::kFdivS;
    case 0x0b:
      if (rs2 != 0) return Op::kIllegal;
      return d ? Op::kFsqrtD : Op::kFsqrtS;
    case 0x04:
      switch (funct3) {
        case 0: return d ? Op::kFsgnjD : Op::kFsgnjS;
        case 1: return d ? Op::kFsgnjnD : Op::kFsgnjnS;
        case 2: return d ? Op::kFsgnjxD : Op::kFsgnjxS;
        default: return Op::kIllegal;
      }
    case 0x05:
      switch (funct3) {
        case 0: return d ? Op::kFminD : Op::kFminS;
        case 1: return d ? Op::kFmaxD : Op::kFmaxS;
        default: return Op::kIllegal;
      }
    case 0x08:  // fcvt.s.d (fmt S, rs2 = D) and fcvt.d.s (fmt D, rs2 = S)
      if (!d && rs2 == 1) return Op::kFcvtSD;
      if (d && rs2 == 0) return Op::kFcvtDS;
      return Op::kIllegal;
    case 0x14:
      switch (funct3) {
        case 0: return d ? Op::kFleD : Op::kFleS;
        case 1: return d ? Op::kFltD : Op::kFltS;
        case 2: return d ? Op::kFeqD : Op::kFeqS;
        default: return Op::kIllegal;
      }
    case 0x18: {
      static constexpr Op kS[4] = {Op::kFcvtWS, Op::kFcvtWuS, Op::kFcvtLS, Op::kFcvtLuS};
      static constexpr Op kD[4] = {Op::kFcvtWD, Op::kFcvtWuD, Op::kFcvtLD, Op::kFcvtLuD};
      if (rs2 > 3) return Op::kIllegal;
      return d ? kD[rs2] : kS[rs2];
    }
    case 0x1a: {
      static constexpr Op kS[4] = {Op::kFcvtSW, Op::kFcvtSWu, Op::kFcvtSL, Op::kFcvtSLu};
      static constexpr Op kD[4] = {Op::kFcvtDW, Op::kFcvtDWu, Op::kFcvtDL, Op::kFcvtDLu};
      if (rs2 > 3) return Op::kIllegal;
      return d ? kD[rs2] : kS[rs2];
    }
    case 0x1c:
      if (rs2 != 0) return Op::kIllegal;
      if (funct3 == 0) return d ? Op::kFmvXD : Op::kFmvXW;
      if (funct3 == 1) return d ? Op::kFclassD : Op::kFclassS;
      return Op::kIllegal;
    case 0x1e:
      if (rs2 != 0 || funct3 != 0) return Op::kIllegal;
      return d ? Op::kFmvDX : Op::kFmvWX;
    default: return Op::kIllegal;
  }
}

Op decode_system(uint32_t raw, Decoded& d) {
  const auto funct3 = bits(raw, 14, 12);
  if (funct3 == 0) {
    switch (raw) {
      case 0x00000073: return Op::kEcall;
      case 0x00100073: return Op::kEbreak;
      case 0x30200073: return Op::kMret;
      case 0x10200073: return Op::kSret;
      case 0x10500073: return Op::kWfi;
      default: break;
    }
    if ((raw & 0xfe007fffU) == 0x12000073U) return Op::kSfenceVma;
    return Op::kIllegal;
  }
  d.csr = static_cast<uint16_t>(bits(raw, 31, 20));
  switch (funct3) {
    case 1: return Op::kCsrrw;
    case 2: return Op::kCsrrs;
    case 3: return Op::kCsrrc;
    case 5: return Op::kCsrrwi;
    case 6: return Op::kCsrrsi;
    case 7: return Op::kCsrrci;
    default: return Op::kIllegal;
  }
}

Op decode_full(uint32_t raw, Decoded& d) {
  const auto funct3 = bits(raw, 14, 12);
  switch (raw & 0x7fU) {
    case 0x37: d.imm = imm_u(raw); return Op::kLui;
    case 0x17: d.imm = imm_u(raw); return Op::kAuipc;
    case 0x6f: d.imm = imm_j(raw); return Op::kJal;
    case 0x67: d.imm = imm_i(raw); return funct3 == 0 ? Op::kJalr : Op::kIllegal;
    case 0x63: {
      static constexpr Op kOps[8] = {Op::kBeq, Op::kBne, Op::kIllegal, Op::kIllegal,
                                     Op::kBlt, Op::kBge, Op::kBltu,    Op::kBgeu};
      d.imm = imm_b(raw);
      return kOps[funct3];
    }
    case 0x03: {
      static constexpr Op kOps[8] = {Op::kLb,  Op::kLh,  Op::kLw,  Op::kLd,
                                     Op::kLbu, Op::kLhu, Op::kLwu, Op::kIllegal};
      d.imm = imm_i(raw);
      return kOps[funct3];
    }
    case 0x23: {
      static constexpr Op kOps[8] = {Op::kSb,      Op::kSh,      Op::kSw,      Op::kSd,
                                     Op::kIllegal, Op::kIllegal, Op::kIllegal, Op::kIllegal};
      d.imm = imm_s(raw);
      return kOps[funct3];
    }
    case 0x13: return decode_op_imm(raw, d);
    case 0x1b: return decode_op_imm32(raw, d);
    case 0x33: return decode_op(raw);
    case 0x3b: return decode_op32(raw);
    case 0x0f:
      if (funct3 == 1) return Op::kFenceI;
      if (funct3 != 0) return Op::kIllegal;
      if (raw == 0x0100000fU) return Op::kPause;
      d.imm = static_cast<int64_t>(bits(raw, 27, 20));  // predecessor and successor sets
      return Op::kFence;
    case 0x73: return decode_system(raw, d);
    case 0x2f: d.rm = static_cast<uint8_t>(bits(raw, 26, 25)); return decode_amo(raw);
    case 0x07:
      d.imm = imm_i(raw);
      return funct3 == 2 ? Op::kFlw : funct3 == 3 ? Op::kFld : Op::kIllegal;
    case 0x27:
      d.imm = imm_s(raw);
      return funct3 == 2 ? Op::kFsw : funct3 == 3 ? Op::kFsd : Op::kIllegal;
    case 0x43:
    case 0x47:
    case 0x4b:
    case 0x4f: {
      const auto fmt = bits(raw, 26, 25);
      if (fmt > 1) return Op::kIllegal;
      static constexpr Op kS[4] = {Op::kFmaddS, Op::kFmsubS, Op::kFnmsubS, Op::kFnmaddS};
      static constexpr Op kD[4] = {Op::kFmaddD, Op::kFmsubD, Op::kFnmsubD, Op::kFnmaddD};
      const auto which = bits(raw, 3, 2);
      return fmt == 1 ? kD[which] : kS[which];
    }
    case 0x53: return decode_op_fp(raw);
    default: return Op::kIllegal;
  }
}

}  // namespace

bool writes_integer_register(Op op) {
  switch (op) {
    case Op::kBeq:
    case Op::kBne:
    case Op::kBlt:
    case Op::kBge:
    case Op::kBltu:
    case Op::kBgeu:
    case Op::kSb:
    case Op::kSh:
    case Op::kSw:
    case Op::kSd:
    case Op::kFsw:
    case Op::kFsd:
    case Op::kFlw:
    case Op::kFld: return false;
    default: break;
  }
  // FP results go to f registers: everything from the F/D block except compares, moves to x,
  // classification and conversions to integer.
  switch (op) {
    case Op::kFeqS:
    case Op::kFltS:
    case Op::kFleS:
    case Op::kFclassS:
    case Op::kFcvtWS:
    case Op::kFcvtWuS:
    case Op::kFcvtLS:
    case Op::kFcvtLuS:
    case Op::kFmvXW:
    case Op::kFeqD:
    case Op::kFltD:
    case Op::kFleD:
    case Op::kFclassD:
    case Op::kFcvtWD:
    case Op::kFcvtWuD:
    case Op::kFcvtLD:
    case Op::kFcvtLuD:
    case Op::kFmvXD: return true;
    default: break;
  }
  return op < Op::kFmaddS || op > Op::kFmvDX;
}

Decoded decode(uint32_t raw) {
  Decoded d;
  uint32_t full = raw;
  if (instruction_length(static_cast<uint16_t>(raw)) == 2) {
    d.raw = raw & 0xffffU;
    d.length = 2;
    full = expand_compressed(static_cast<uint16_t>(raw));
  } else {
    d.raw = raw;
  }
  d.rd = static_cast<uint8_t>(bits(full, 11, 7));
  d.rs1 = static_cast<uint8_t>(bits(full, 19, 15));
  d.rs2 = static_cast<uint8_t>(bits(full, 24, 20));
  d.rs3 = static_cast<uint8_t>(bits(full, 31, 27));
  d.rm = static_cast<uint8_t>(bits(full, 14, 12));  // atomics replace it with aq/rl
  d.op = decode_full(full, d);
  if ((full & 3U) != 3U) d.op = Op::kIllegal;  // an illegal compressed encoding expanded to 0
  return d;
}

}  // namespace strata::isa
