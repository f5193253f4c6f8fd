// The instruction set strata implements, as one list: every engine (interpreter, translator) and
// the disassembler are driven from it, so an instruction cannot exist in one and not another.
//
// Each entry: X(EnumName, "mnemonic", OperandFormat).
#pragma once

#include <cstdint>

namespace strata::isa {

// How the operands of an instruction are printed and which register file each one names.
enum class Format : uint8_t {
  kNone,    // ecall, mret, ...
  kR,       // rd, rs1, rs2
  kRUnary,  // rd, rs1
  kI,       // rd, rs1, imm
  kU,       // rd, imm
  kJ,       // rd, target
  kB,       // rs1, rs2, target
  kLoad,    // rd, imm(rs1)
  kStore,   // rs2, imm(rs1)
  kJalr,    // rd, imm(rs1)
  kCsr,     // rd, csr, rs1
  kCsrImm,  // rd, csr, uimm (held in rs1)
  kLr,      // rd, (rs1)
  kAmo,     // rd, rs2, (rs1)
  kFence,   // pred, succ
  kSfence,  // rs1, rs2
  kFR,      // fd, fs1, fs2
  kFR4,     // fd, fs1, fs2, fs3
  kFUnary,  // fd, fs1
  kFToX,    // rd, fs1
  kXToF,    // fd, rs1
  kFCmp,    // rd, fs1, fs2
  kFLoad,   // fd, imm(rs1)
  kFStore,  // fs2, imm(rs1)
};

#define STRATA_OPCODES(X)             \
  X(Illegal, "illegal", kNone)        \
  /* RV64I */                         \
  X(Lui, "lui", kU)                   \
  X(Auipc, "auipc", kU)               \
  X(Jal, "jal", kJ)                   \
  X(Jalr, "jalr", kJalr)              \
  X(Beq, "beq", kB)                   \
  X(Bne, "bne", kB)                   \
  X(Blt, "blt", kB)                   \
  X(Bge, "bge", kB)                   \
  X(Bltu, "bltu", kB)                 \
  X(Bgeu, "bgeu", kB)                 \
  X(Lb, "lb", kLoad)                  \
  X(Lh, "lh", kLoad)                  \
  X(Lw, "lw", kLoad)                  \
  X(Ld, "ld", kLoad)                  \
  X(Lbu, "lbu", kLoad)                \
  X(Lhu, "lhu", kLoad)                \
  X(Lwu, "lwu", kLoad)                \
  X(Sb, "sb", kStore)                 \
  X(Sh, "sh", kStore)                 \
  X(Sw, "sw", kStore)                 \
  X(Sd, "sd", kStore)                 \
  X(Addi, "addi", kI)                 \
  X(Slti, "slti", kI)                 \
  X(Sltiu, "sltiu", kI)               \
  X(Xori, "xori", kI)                 \
  X(Ori, "ori", kI)                   \
  X(Andi, "andi", kI)                 \
  X(Slli, "slli", kI)                 \
  X(Srli, "srli", kI)                 \
  X(Srai, "srai", kI)                 \
  X(Addiw, "addiw", kI)               \
  X(Slliw, "slliw", kI)               \
  X(Srliw, "srliw", kI)               \
  X(Sraiw, "sraiw", kI)               \
  X(Add, "add", kR)                   \
  X(Sub, "sub", kR)                   \
  X(Sll, "sll", kR)                   \
  X(Slt, "slt", kR)                   \
  X(Sltu, "sltu", kR)                 \
  X(Xor, "xor", kR)                   \
  X(Srl, "srl", kR)                   \
  X(Sra, "sra", kR)                   \
  X(Or, "or", kR)                     \
  X(And, "and", kR)                   \
  X(Addw, "addw", kR)                 \
  X(Subw, "subw", kR)                 \
  X(Sllw, "sllw", kR)                 \
  X(Srlw, "srlw", kR)                 \
  X(Sraw, "sraw", kR)                 \
  X(Fence, "fence", kFence)           \
  X(FenceI, "fence.i", kNone)         \
  X(Pause, "pause", kNone)            \
  X(Ecall, "ecall", kNone)            \
  X(Ebreak, "ebreak", kNone)          \
  /* Zicsr */                         \
  X(Csrrw, "csrrw", kCsr)             \
  X(Csrrs, "csrrs", kCsr)             \
  X(Csrrc, "csrrc", kCsr)             \
  X(Csrrwi, "csrrwi", kCsrImm)        \
  X(Csrrsi, "csrrsi", kCsrImm)        \
  X(Csrrci, "csrrci", kCsrImm)        \
  /* Privileged */                    \
  X(Mret, "mret", kNone)              \
  X(Sret, "sret", kNone)              \
  X(Wfi, "wfi", kNone)                \
  X(SfenceVma, "sfence.vma", kSfence) \
  /* M */                             \
  X(Mul, "mul", kR)                   \
  X(Mulh, "mulh", kR)                 \
  X(Mulhsu, "mulhsu", kR)             \
  X(Mulhu, "mulhu", kR)               \
  X(Div, "div", kR)                   \
  X(Divu, "divu", kR)                 \
  X(Rem, "rem", kR)                   \
  X(Remu, "remu", kR)                 \
  X(Mulw, "mulw", kR)                 \
  X(Divw, "divw", kR)                 \
  X(Divuw, "divuw", kR)               \
  X(Remw, "remw", kR)                 \
  X(Remuw, "remuw", kR)               \
  /* A */                             \
  X(LrW, "lr.w", kLr)                 \
  X(ScW, "sc.w", kAmo)                \
  X(AmoswapW, "amoswap.w", kAmo)      \
  X(AmoaddW, "amoadd.w", kAmo)        \
  X(AmoxorW, "amoxor.w", kAmo)        \
  X(AmoandW, "amoand.w", kAmo)        \
  X(AmoorW, "amoor.w", kAmo)          \
  X(AmominW, "amomin.w", kAmo)        \
  X(AmomaxW, "amomax.w", kAmo)        \
  X(AmominuW, "amominu.w", kAmo)      \
  X(AmomaxuW, "amomaxu.w", kAmo)      \
  X(LrD, "lr.d", kLr)                 \
  X(ScD, "sc.d", kAmo)                \
  X(AmoswapD, "amoswap.d", kAmo)      \
  X(AmoaddD, "amoadd.d", kAmo)        \
  X(AmoxorD, "amoxor.d", kAmo)        \
  X(AmoandD, "amoand.d", kAmo)        \
  X(AmoorD, "amoor.d", kAmo)          \
  X(AmominD, "amomin.d", kAmo)        \
  X(AmomaxD, "amomax.d", kAmo)        \
  X(AmominuD, "amominu.d", kAmo)      \
  X(AmomaxuD, "amomaxu.d", kAmo)      \
  /* F */                             \
  X(Flw, "flw", kFLoad)               \
  X(Fsw, "fsw", kFStore)              \
  X(FmaddS, "fmadd.s", kFR4)          \
  X(FmsubS, "fmsub.s", kFR4)          \
  X(FnmsubS, "fnmsub.s", kFR4)        \
  X(FnmaddS, "fnmadd.s", kFR4)        \
  X(FaddS, "fadd.s", kFR)             \
  X(FsubS, "fsub.s", kFR)             \
  X(FmulS, "fmul.s", kFR)             \
  X(FdivS, "fdiv.s", kFR)             \
  X(FsqrtS, "fsqrt.s", kFUnary)       \
  X(FsgnjS, "fsgnj.s", kFR)           \
  X(FsgnjnS, "fsgnjn.s", kFR)         \
  X(FsgnjxS, "fsgnjx.s", kFR)         \
  X(FminS, "fmin.s", kFR)             \
  X(FmaxS, "fmax.s", kFR)             \
  X(FcvtWS, "fcvt.w.s", kFToX)        \
  X(FcvtWuS, "fcvt.wu.s", kFToX)      \
  X(FcvtLS, "fcvt.l.s", kFToX)        \
  X(FcvtLuS, "fcvt.lu.s", kFToX)      \
  X(FmvXW, "fmv.x.w", kFToX)          \
  X(FeqS, "feq.s", kFCmp)             \
  X(FltS, "flt.s", kFCmp)             \
  X(FleS, "fle.s", kFCmp)             \
  X(FclassS, "fclass.s", kFToX)       \
  X(FcvtSW, "fcvt.s.w", kXToF)        \
  X(FcvtSWu, "fcvt.s.wu", kXToF)      \
  X(FcvtSL, "fcvt.s.l", kXToF)        \
  X(FcvtSLu, "fcvt.s.lu", kXToF)      \
  X(FmvWX, "fmv.w.x", kXToF)          \
  /* D */                             \
  X(Fld, "fld", kFLoad)               \
  X(Fsd, "fsd", kFStore)              \
  X(FmaddD, "fmadd.d", kFR4)          \
  X(FmsubD, "fmsub.d", kFR4)          \
  X(FnmsubD, "fnmsub.d", kFR4)        \
  X(FnmaddD, "fnmadd.d", kFR4)        \
  X(FaddD, "fadd.d", kFR)             \
  X(FsubD, "fsub.d", kFR)             \
  X(FmulD, "fmul.d", kFR)             \
  X(FdivD, "fdiv.d", kFR)             \
  X(FsqrtD, "fsqrt.d", kFUnary)       \
  X(FsgnjD, "fsgnj.d", kFR)           \
  X(FsgnjnD, "fsgnjn.d", kFR)         \
  X(FsgnjxD, "fsgnjx.d", kFR)         \
  X(FminD, "fmin.d", kFR)             \
  X(FmaxD, "fmax.d", kFR)             \
  X(FcvtSD, "fcvt.s.d", kFUnary)      \
  X(FcvtDS, "fcvt.d.s", kFUnary)      \
  X(FeqD, "feq.d", kFCmp)             \
  X(FltD, "flt.d", kFCmp)             \
  X(FleD, "fle.d", kFCmp)             \
  X(FclassD, "fclass.d", kFToX)       \
  X(FcvtWD, "fcvt.w.d", kFToX)        \
  X(FcvtWuD, "fcvt.wu.d", kFToX)      \
  X(FcvtLD, "fcvt.l.d", kFToX)        \
  X(FcvtLuD, "fcvt.lu.d", kFToX)      \
  X(FmvXD, "fmv.x.d", kFToX)          \
  X(FcvtDW, "fcvt.d.w", kXToF)        \
  X(FcvtDWu, "fcvt.d.wu", kXToF)      \
  X(FcvtDL, "fcvt.d.l", kXToF)        \
  X(FcvtDLu, "fcvt.d.lu", kXToF)      \
  X(FmvDX, "fmv.d.x", kXToF)          \
  /* Zba */                           \
  X(AddUw, "add.uw", kR)              \
  X(Sh1add, "sh1add", kR)             \
  X(Sh2add, "sh2add", kR)             \
  X(Sh3add, "sh3add", kR)             \
  X(Sh1addUw, "sh1add.uw", kR)        \
  X(Sh2addUw, "sh2add.uw", kR)        \
  X(Sh3addUw, "sh3add.uw", kR)        \
  X(SlliUw, "slli.uw", kI)            \
  /* Zbb */                           \
  X(Andn, "andn", kR)                 \
  X(Orn, "orn", kR)                   \
  X(Xnor, "xnor", kR)                 \
  X(Clz, "clz", kRUnary)              \
  X(Clzw, "clzw", kRUnary)            \
  X(Ctz, "ctz", kRUnary)              \
  X(Ctzw, "ctzw", kRUnary)            \
  X(Cpop, "cpop", kRUnary)            \
  X(Cpopw, "cpopw", kRUnary)          \
  X(Max, "max", kR)                   \
  X(Maxu, "maxu", kR)                 \
  X(Min, "min", kR)                   \
  X(Minu, "minu", kR)                 \
  X(SextB, "sext.b", kRUnary)         \
  X(SextH, "sext.h", kRUnary)         \
  X(ZextH, "zext.h", kRUnary)         \
  X(Rol, "rol", kR)                   \
  X(Rolw, "rolw", kR)                 \
  X(Ror, "ror", kR)                   \
  X(Rori, "rori", kI)                 \
  X(Roriw, "roriw", kI)               \
  X(Rorw, "rorw", kR)                 \
  X(OrcB, "orc.b", kRUnary)           \
  X(Rev8, "rev8", kRUnary)            \
  /* Zbs */                           \
  X(Bclr, "bclr", kR)                 \
  X(Bclri, "bclri", kI)               \
  X(Bext, "bext", kR)                 \
  X(Bexti, "bexti", kI)               \
  X(Binv, "binv", kR)                 \
  X(Binvi, "binvi", kI)               \
  X(Bset, "bset", kR)                 \
  X(Bseti, "bseti", kI)

enum class Op : uint16_t {
#define STRATA_OP_ENUM(name, mnemonic, format) k##name,
  STRATA_OPCODES(STRATA_OP_ENUM)
#undef STRATA_OP_ENUM
      kCount
};

inline constexpr unsigned kOpCount = static_cast<unsigned>(Op::kCount);

}  // namespace strata::isa
