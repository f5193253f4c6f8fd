#include "isa/disassembler.h"

#include <array>

#include <fmt/format.h>

#include "cpu/csr.h"

namespace strata::isa {
namespace {

struct OpInfo {
  std::string_view mnemonic;
  Format format;
};

constexpr OpInfo kOps[] = {
#define STRATA_OP_INFO(name, text, format) {text, Format::format},
    STRATA_OPCODES(STRATA_OP_INFO)
#undef STRATA_OP_INFO
};

constexpr std::array<std::string_view, 32> kIntNames = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
constexpr std::array<std::string_view, 32> kFpNames = {
    "ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1", "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4", "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

std::string_view x(unsigned r) {
  return register_name(r);
}
std::string_view f(unsigned r) {
  return kFpNames[r & 31U];
}

std::string csr_text(uint16_t number) {
  const std::string_view name = cpu::csr::name(number);
  return name.empty() ? fmt::format("{:#x}", number) : std::string(name);
}

}  // namespace

std::string_view mnemonic(Op op) {
  return kOps[static_cast<unsigned>(op)].mnemonic;
}

std::string_view register_name(unsigned index) {
  return kIntNames[index & 31U];
}

std::string disassemble(const Decoded& d, uint64_t pc) {
  const OpInfo& info = kOps[static_cast<unsigned>(d.op)];
  const std::string_view m = info.mnemonic;
  switch (info.format) {
    case Format::kNone: return std::string(m);
    case Format::kR: return fmt::format("{} {}, {}, {}", m, x(d.rd), x(d.rs1), x(d.rs2));
    case Format::kRUnary: return fmt::format("{} {}, {}", m, x(d.rd), x(d.rs1));
    case Format::kI: return fmt::format("{} {}, {}, {}", m, x(d.rd), x(d.rs1), d.imm);
    case Format::kU:
      return fmt::format("{} {}, {:#x}", m, x(d.rd), static_cast<uint64_t>(d.imm >> 12) & 0xfffffU);
    case Format::kJ:
      return fmt::format("{} {}, {:#x}", m, x(d.rd), pc + static_cast<uint64_t>(d.imm));
    case Format::kB:
      return fmt::format("{} {}, {}, {:#x}", m, x(d.rs1), x(d.rs2),
                         pc + static_cast<uint64_t>(d.imm));
    case Format::kLoad:
    case Format::kJalr: return fmt::format("{} {}, {}({})", m, x(d.rd), d.imm, x(d.rs1));
    case Format::kStore: return fmt::format("{} {}, {}({})", m, x(d.rs2), d.imm, x(d.rs1));
    case Format::kCsr: return fmt::format("{} {}, {}, {}", m, x(d.rd), csr_text(d.csr), x(d.rs1));
    case Format::kCsrImm: return fmt::format("{} {}, {}, {}", m, x(d.rd), csr_text(d.csr), d.rs1);
    case Format::kLr: return fmt::format("{} {}, ({})", m, x(d.rd), x(d.rs1));
    case Format::kAmo: return fmt::format("{} {}, {}, ({})", m, x(d.rd), x(d.rs2), x(d.rs1));
    case Format::kFence: return fmt::format("{} {:#x}, {:#x}", m, (d.imm >> 4) & 15, d.imm & 15);
    case Format::kSfence: return fmt::format("{} {}, {}", m, x(d.rs1), x(d.rs2));
    case Format::kFR: return fmt::format("{} {}, {}, {}", m, f(d.rd), f(d.rs1), f(d.rs2));
    case Format::kFR4:
      return fmt::format("{} {}, {}, {}, {}", m, f(d.rd), f(d.rs1), f(d.rs2), f(d.rs3));
    case Format::kFUnary: return fmt::format("{} {}, {}", m, f(d.rd), f(d.rs1));
    case Format::kFToX: return fmt::format("{} {}, {}", m, x(d.rd), f(d.rs1));
    case Format::kXToF: return fmt::format("{} {}, {}", m, f(d.rd), x(d.rs1));
    case Format::kFCmp: return fmt::format("{} {}, {}, {}", m, x(d.rd), f(d.rs1), f(d.rs2));
    case Format::kFLoad: return fmt::format("{} {}, {}({})", m, f(d.rd), d.imm, x(d.rs1));
    case Format::kFStore: return fmt::format("{} {}, {}({})", m, f(d.rs2), d.imm, x(d.rs1));
  }
  return std::string(m);
}

}  // namespace strata::isa
