// The translator's inline code paths against the interpreter, one instruction at a time: every
// integer ALU operation (RV64IM, Zba, Zbb, Zbs), LUI/AUIPC, branches and jumps, and loads and
// stores of every width, on operands chosen to hit the edge cases (zero, -1, the most negative
// value, 32-bit boundaries) and at random. Each case is a two-instruction block (the instruction
// and a jump to itself) run on both engines from the same state; the register files, pc and
// instret must match.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <bit>
#include <functional>
#include <memory>
#include <random>
#include <vector>

#include "isa/decoder.h"
#include "isa/disassembler.h"
#include "jit/region_emitter.h"
#include "jit_test_support.h"

namespace strata::test {
namespace {

using exec::EngineKind;
namespace csr = cpu::csr;

constexpr uint64_t kCases = kRamBase + 0x10000;  // each case's code goes to its own 8 bytes
constexpr uint64_t kData = kRamBase + 0x200000;  // a page of data for the memory cases

struct Encoding {
  uint32_t opcode;
  unsigned funct3;
  uint32_t funct7;  // R type; for I type, the fixed upper immediate bits
  enum Kind : uint8_t { kR, kI, kShift64, kShift32, kUnary } kind;
};

// Every integer computational instruction the translator inlines (and a few it may not).
const std::vector<Encoding>& alu_encodings() {
  static const std::vector<Encoding> list = {
      // OP: RV64I, M, Zba, Zbb, Zbs
      {0x33, 0, 0x00, Encoding::kR},
      {0x33, 0, 0x20, Encoding::kR},
      {0x33, 1, 0x00, Encoding::kR},
      {0x33, 2, 0x00, Encoding::kR},
      {0x33, 3, 0x00, Encoding::kR},
      {0x33, 4, 0x00, Encoding::kR},
      {0x33, 5, 0x00, Encoding::kR},
      {0x33, 5, 0x20, Encoding::kR},
      {0x33, 6, 0x00, Encoding::kR},
      {0x33, 7, 0x00, Encoding::kR},
      {0x33, 0, 0x01, Encoding::kR},
      {0x33, 1, 0x01, Encoding::kR},
      {0x33, 2, 0x01, Encoding::kR},
      {0x33, 3, 0x01, Encoding::kR},
      {0x33, 4, 0x01, Encoding::kR},
      {0x33, 5, 0x01, Encoding::kR},
      {0x33, 6, 0x01, Encoding::kR},
      {0x33, 7, 0x01, Encoding::kR},
      {0x33, 2, 0x10, Encoding::kR},
      {0x33, 4, 0x10, Encoding::kR},
      {0x33, 6, 0x10, Encoding::kR},
      {0x33, 7, 0x20, Encoding::kR},
      {0x33, 6, 0x20, Encoding::kR},
      {0x33, 4, 0x20, Encoding::kR},
      {0x33, 6, 0x05, Encoding::kR},
      {0x33, 7, 0x05, Encoding::kR},
      {0x33, 4, 0x05, Encoding::kR},
      {0x33, 5, 0x05, Encoding::kR},
      {0x33, 1, 0x30, Encoding::kR},
      {0x33, 5, 0x30, Encoding::kR},
      {0x33, 1, 0x24, Encoding::kR},
      {0x33, 5, 0x24, Encoding::kR},
      {0x33, 1, 0x34, Encoding::kR},
      {0x33, 1, 0x14, Encoding::kR},
      // OP-32
      {0x3b, 0, 0x00, Encoding::kR},
      {0x3b, 0, 0x20, Encoding::kR},
      {0x3b, 1, 0x00, Encoding::kR},
      {0x3b, 5, 0x00, Encoding::kR},
      {0x3b, 5, 0x20, Encoding::kR},
      {0x3b, 0, 0x01, Encoding::kR},
      {0x3b, 4, 0x01, Encoding::kR},
      {0x3b, 5, 0x01, Encoding::kR},
      {0x3b, 6, 0x01, Encoding::kR},
      {0x3b, 7, 0x01, Encoding::kR},
      {0x3b, 0, 0x04, Encoding::kR},
      {0x3b, 2, 0x10, Encoding::kR},
      {0x3b, 4, 0x10, Encoding::kR},
      {0x3b, 6, 0x10, Encoding::kR},
      {0x3b, 1, 0x30, Encoding::kR},
      {0x3b, 5, 0x30, Encoding::kR},
      // OP-IMM
      {0x13, 0, 0, Encoding::kI},
      {0x13, 2, 0, Encoding::kI},
      {0x13, 3, 0, Encoding::kI},
      {0x13, 4, 0, Encoding::kI},
      {0x13, 6, 0, Encoding::kI},
      {0x13, 7, 0, Encoding::kI},
      {0x13, 1, 0x000, Encoding::kShift64},  // slli
      {0x13, 5, 0x000, Encoding::kShift64},  // srli
      {0x13, 5, 0x400, Encoding::kShift64},  // srai
      {0x13, 5, 0x600, Encoding::kShift64},  // rori
      {0x13, 1, 0x480, Encoding::kShift64},  // bclri
      {0x13, 5, 0x480, Encoding::kShift64},  // bexti
      {0x13, 1, 0x680, Encoding::kShift64},  // binvi
      {0x13, 1, 0x280, Encoding::kShift64},  // bseti
      {0x13, 1, 0x600, Encoding::kUnary},    // clz
      {0x13, 1, 0x601, Encoding::kUnary},    // ctz
      {0x13, 1, 0x602, Encoding::kUnary},    // cpop
      {0x13, 1, 0x604, Encoding::kUnary},    // sext.b
      {0x13, 1, 0x605, Encoding::kUnary},    // sext.h
      {0x13, 5, 0x287, Encoding::kUnary},    // orc.b
      {0x13, 5, 0x6b8, Encoding::kUnary},    // rev8
      // OP-IMM-32
      {0x1b, 0, 0, Encoding::kI},
      {0x1b, 1, 0x000, Encoding::kShift32},  // slliw
      {0x1b, 5, 0x000, Encoding::kShift32},  // srliw
      {0x1b, 5, 0x400, Encoding::kShift32},  // sraiw
      {0x1b, 5, 0x600, Encoding::kShift32},  // roriw
      {0x1b, 1, 0x080, Encoding::kShift64},  // slli.uw
      {0x1b, 1, 0x600, Encoding::kUnary},    // clzw
      {0x1b, 1, 0x601, Encoding::kUnary},    // ctzw
      {0x1b, 1, 0x602, Encoding::kUnary},    // cpopw
  };
  return list;
}

uint32_t encode(const Encoding& e, unsigned rd, unsigned rs1, unsigned rs2, uint32_t random) {
  switch (e.kind) {
    case Encoding::kR: return rv::r_type(e.opcode, rd, e.funct3, rs1, rs2, e.funct7);
    case Encoding::kI:
      return rv::i_type(e.opcode, rd, e.funct3, rs1, static_cast<int32_t>(random & 0xfffU));
    case Encoding::kShift64:
      return rv::i_type(e.opcode, rd, e.funct3, rs1,
                        static_cast<int32_t>(e.funct7 | (random & 63)));
    case Encoding::kShift32:
      return rv::i_type(e.opcode, rd, e.funct3, rs1,
                        static_cast<int32_t>(e.funct7 | (random & 31)));
    case Encoding::kUnary:
      return rv::i_type(e.opcode, rd, e.funct3, rs1, static_cast<int32_t>(e.funct7));
  }
  return 0;
}

class JitEmitter : public ::testing::Test {
 protected:
  static constexpr uint64_t kSpecial[] = {0,
                                          1,
                                          ~0ULL,
                                          1ULL << 63,
                                          (1ULL << 63) - 1,
                                          0x80000000ULL,
                                          0x7fffffffULL,
                                          0xffffffffULL,
                                          0xffffffff80000000ULL,
                                          31,
                                          32,
                                          63,
                                          64};

  uint64_t value() {
    const uint64_t pick = rng_() % 3;
    if (pick == 0) return kSpecial[rng_() % std::size(kSpecial)];
    if (pick == 1) return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(rng_())));
    return rng_();
  }

  // Runs the two-instruction block at `pc` (`insn` then a jump to itself) on both engines from
  // the same registers, and compares the outcome.
  void check(uint64_t pc, uint32_t insn, const std::vector<uint64_t>& regs) {
    check(pc, std::vector<uint32_t>{insn}, regs);
  }
  // The same for the block of `insns` and a jump to itself.
  void check(uint64_t pc, std::vector<uint32_t> insns, const std::vector<uint64_t>& regs) {
    const uint32_t insn = insns.back();
    std::string what;
    for (const uint32_t i : insns) what += isa::disassemble(isa::decode(i), pc) + "; ";
    insns.push_back(rv::jal(zero, 0));
    interp_.place(pc, insns);
    jit_.place(pc, insns);
    for (EngineMachine* m : {&interp_, &jit_}) {
      cpu::Hart& h = m->hart();
      for (unsigned r = 1; r < 32; ++r) h.s.x[r] = regs[r];
      h.s.pc = pc;
      const uint64_t before = h.s.instret;
      m->run(insns.size());
      EXPECT_EQ(h.s.instret, before + insns.size());
    }
    const cpu::Hart& a = interp_.hart();
    const cpu::Hart& b = jit_.hart();
    ASSERT_NE(isa::decode(insn).op, isa::Op::kIllegal) << fmt::format("{:08x}", insn);
    EXPECT_EQ(a.s.pc, b.s.pc) << what;
    for (unsigned r = 0; r < 32; ++r) {
      ASSERT_EQ(a.s.x[r], b.s.x[r])
          << what << ": x" << r << " (inputs x" << ((insn >> 15) & 31) << "=" << std::hex
          << regs[(insn >> 15) & 31] << ", x" << std::dec << ((insn >> 20) & 31) << "=" << std::hex
          << regs[(insn >> 20) & 31] << ")";
    }
    for (EngineMachine* m : {&interp_, &jit_}) {
      m->hart().s.mcause = m->hart().s.mepc = 0;  // a trap would show in the next comparison
    }
  }

  std::vector<uint64_t> random_registers() {
    std::vector<uint64_t> regs(32);
    for (unsigned r = 1; r < 32; ++r) regs[r] = value();
    return regs;
  }

  std::mt19937_64 rng_{20261121};
  EngineMachine interp_{EngineKind::kInterp};
  EngineMachine jit_{EngineKind::kJit};
  uint64_t next_pc_ = kCases;
};

TEST_F(JitEmitter, IntegerOperationsMatchTheInterpreter) {
  for (const Encoding& e : alu_encodings()) {
    for (unsigned n = 0; n < 24; ++n) {
      // Registers at random, x0 included as a source and as a destination now and then, and
      // x0 as the first source, then as the second, in the first two cases (C.MV is ADD rd, x0,
      // rs2).
      const auto reg = [this] { return static_cast<unsigned>(rng_() % 32); };
      const unsigned rd = n < 2 ? 1 + reg() % 31 : reg();
      const unsigned rs1 = n == 0 ? 0 : reg();
      const unsigned rs2 = n == 1 ? 0 : reg();
      check(next_pc_, encode(e, rd, rs1, rs2, static_cast<uint32_t>(rng_())), random_registers());
      next_pc_ += 8;
    }
  }
}

// Each operation with its operands sharing registers (rd = rs1, rd = rs2, both, x0 as a source
// or as rd), and with them in host registers, in HartState, or the most used in a host register
// and the others in HartState: before the instruction, filler instructions use as many other
// registers as the pool has host registers (or one fewer) more often, so they take them (all of
// them without loads or stores).
// The translator picks other forms for some of these (a `lea` for a sum, `neg` for a
// subtraction from x0, a commutative operation computed into its second source).
TEST_F(JitEmitter, OperandsSharingRegistersOrInHartStateMatchTheInterpreter) {
  const unsigned a = 5;
  const unsigned b = 6;
  const unsigned c = 7;
  const std::array<std::array<unsigned, 3>, 9> shapes = {{{a, b, c},
                                                          {a, a, c},
                                                          {a, b, a},
                                                          {a, a, a},
                                                          {a, b, b},
                                                          {a, 0, c},
                                                          {a, 0, a},
                                                          {a, b, 0},
                                                          {0, b, c}}};
  for (const Encoding& e : alu_encodings()) {
    for (const unsigned fillers : {0U, jit::kPool - 1, jit::kPool}) {
      for (const auto& [rd, rs1, rs2] : shapes) {
        for (const uint32_t immediate : {0U, static_cast<uint32_t>(rng_())}) {
          std::vector<uint32_t> insns;
          for (unsigned pass = 0; pass < 2; ++pass) {
            for (unsigned k = 0; k < fillers; ++k) insns.push_back(rv::addi(16 + k, 16 + k, 1));
          }
          insns.push_back(encode(e, rd, rs1, rs2, immediate));
          check(next_pc_, insns, random_registers());
          next_pc_ += 4 * (insns.size() + 1);
        }
      }
    }
  }
}

// Division and MULHSU at the operands where the M extension and x86 part ways (a zero divisor,
// the most negative dividend by -1, 64-bit and 32-bit) and at their neighbours.
TEST_F(JitEmitter, DivisionEdgeCasesMatchTheInterpreter) {
  const uint64_t operands[] = {0,
                               1,
                               ~0ULL,
                               1ULL << 63,
                               (1ULL << 63) - 1,
                               0x80000000ULL,
                               0xffffffff80000000ULL,
                               0xffffffffULL,
                               0x7fffffffULL,
                               0x123456789abcdef0ULL,
                               0xfffffff9ULL,
                               7};
  const unsigned kDividend = 5;
  const unsigned kDivisor = 6;
  for (const Encoding& e : alu_encodings()) {
    const bool divides = e.funct7 == 0x01 && e.funct3 >= 4;
    const bool mulhsu = e.opcode == 0x33 && e.funct7 == 0x01 && e.funct3 == 2;
    if (!divides && !mulhsu) continue;
    for (const uint64_t dividend : operands) {
      for (const uint64_t divisor : operands) {
        std::vector<uint64_t> regs = random_registers();
        regs[kDividend] = dividend;
        regs[kDivisor] = divisor;
        check(next_pc_, encode(e, 7, kDividend, kDivisor, 0), regs);
        next_pc_ += 8;
      }
    }
  }
}

// SLLI by 32 then SRLI by any amount, which the translator emits as one zero-extending move and
// a shift when the SRLI reads and writes the SLLI's destination; pairs that differ from that in
// one register must keep both steps.
TEST_F(JitEmitter, ZeroExtensionPairsMatchTheInterpreter) {
  for (unsigned shift = 0; shift < 64; ++shift) {
    for (unsigned n = 0; n < 4; ++n) {
      const auto rs = static_cast<unsigned>(n == 0 ? 10 : 1 + rng_() % 31);  // n == 0: rd == rs
      const unsigned rd = 10;
      const unsigned other = n == 3 ? 11 : rd;  // n == 3: the SRLI reads another register
      check(next_pc_,
            {rv::slli(rd, rs, 32), rv::i_type(0x13, rd, 5, other, static_cast<int32_t>(shift))},
            random_registers());
      next_pc_ += 12;
    }
    // The SRLI writes another register: the SLLI's result stays visible.
    check(next_pc_,
          {rv::slli(12, 13, 32), rv::i_type(0x13, 14, 5, 12, static_cast<int32_t>(shift))},
          random_registers());
    next_pc_ += 12;
  }
  check(next_pc_, {rv::slli(zero, 13, 32), rv::i_type(0x13, zero, 5, zero, 32)},
        random_registers());
  next_pc_ += 12;
}

// AUIPC rd, imm followed by ADDI rd, rd, imm (`la`) is one `lea` from the region's pc, and so is
// AUIPC alone; an offset beyond 32 bits (AUIPC's most negative immediate with a negative ADDI)
// takes a move and an add. The pair does not fuse when the ADDI writes another register, and x0
// stays 0.
TEST_F(JitEmitter, PcRelativeAddressPairsMatchTheInterpreter) {
  const std::array<std::pair<uint32_t, int32_t>, 5> edges = {
      {{0x7ffff, 2047}, {0x80000, -2048}, {0x80000, 0}, {0, 0}, {0xfffff, -1}}};
  for (unsigned n = 0; n < 64; ++n) {
    const auto [imm20, imm12] = n < edges.size()
                                    ? edges.at(n)
                                    : std::pair{static_cast<uint32_t>(rng_() & 0xfffff),
                                                static_cast<int32_t>(rng_() % 4096) - 2048};
    const auto upper = static_cast<int32_t>(imm20);
    const auto rd = static_cast<unsigned>(1 + rng_() % 31);
    const unsigned other = rd == 5 ? 6 : 5;
    for (const unsigned addi_rd : {rd, other}) {
      check(next_pc_, {rv::auipc(rd, upper), rv::addi(addi_rd, rd, imm12)}, random_registers());
      next_pc_ += 12;
    }
    check(next_pc_, {rv::auipc(zero, upper), rv::addi(zero, zero, imm12)}, random_registers());
    next_pc_ += 12;
  }
}

TEST_F(JitEmitter, UpperImmediatesAndJumpsMatchTheInterpreter) {
  for (unsigned n = 0; n < 64; ++n) {
    const auto rd = static_cast<unsigned>(rng_() % 32);
    const auto imm20 = static_cast<int32_t>(rng_() & 0xfffff);
    check(next_pc_, rv::lui(rd, imm20), random_registers());
    next_pc_ += 8;
    check(next_pc_, rv::auipc(rd, imm20), random_registers());
    next_pc_ += 8;
  }
  // jalr to the jump-to-self right after it, from every register (so the target is computed
  // from rs1 and the link lands in rd even when rd == rs1).
  for (unsigned rs1 = 1; rs1 < 32; ++rs1) {
    std::vector<uint64_t> regs = random_registers();
    regs[rs1] = next_pc_ + 1;  // + 3 = pc + 4 once bit 0 of the sum is dropped
    check(next_pc_, rv::jalr(static_cast<unsigned>(rng_() % 32), rs1, 3), regs);
    next_pc_ += 8;
  }
  // The same, and JAL to the next instruction, with rd and rs1 in HartState (after fillers that
  // take the host registers), or the link in a host register and the target in HartState.
  for (const unsigned fillers : {0U, jit::kPool - 1, jit::kPool}) {
    for (const auto& [rd, rs1] : {std::pair{5U, 6U}, std::pair{5U, 5U}, std::pair{0U, 6U}}) {
      std::vector<uint32_t> insns;
      for (unsigned pass = 0; pass < 2; ++pass) {
        for (unsigned k = 0; k < fillers; ++k) insns.push_back(rv::addi(16 + k, 16 + k, 1));
      }
      const uint64_t jump_pc = next_pc_ + 4 * insns.size();
      std::vector<uint64_t> regs = random_registers();
      regs[rs1] = jump_pc + 1;
      insns.push_back(rv::jalr(rd, rs1, 3));
      check(next_pc_, insns, regs);
      next_pc_ += 4 * (insns.size() + 1);
      insns.back() = rv::jal(rd, 4);
      check(next_pc_, insns, random_registers());
      next_pc_ += 4 * (insns.size() + 1);
    }
  }
}

TEST_F(JitEmitter, BranchesMatchTheInterpreter) {
  // Every condition on equal, smaller and larger operands (signed and unsigned views differ).
  for (const unsigned funct3 : {0U, 1U, 4U, 5U, 6U, 7U}) {
    for (unsigned n = 0; n < 32; ++n) {
      std::vector<uint64_t> regs = random_registers();
      if (n % 4 == 0) regs[6] = regs[5];
      // Not taken ends at the jump-to-self at +4, taken at another one at +8: the final pc
      // tells the directions apart.
      const uint64_t pc = next_pc_;
      const uint32_t branch = rv::b_type(funct3, 5, 6, 8);
      interp_.place(pc + 8, {rv::jal(zero, 0)});
      jit_.place(pc + 8, {rv::jal(zero, 0)});
      check(pc, branch, regs);
      next_pc_ += 16;
    }
  }
  // With the operands in HartState (after fillers that take the host registers) or one of them,
  // x0 on either side, and the same register on both.
  for (const unsigned funct3 : {0U, 1U, 4U, 5U, 6U, 7U}) {
    for (const unsigned fillers : {0U, jit::kPool - 1, jit::kPool}) {
      for (const auto& [rs1, rs2] :
           {std::pair{5U, 6U}, std::pair{5U, 0U}, std::pair{0U, 6U}, std::pair{5U, 5U}}) {
        std::vector<uint32_t> insns;
        for (unsigned pass = 0; pass < 2; ++pass) {
          for (unsigned k = 0; k < fillers; ++k) insns.push_back(rv::addi(16 + k, 16 + k, 1));
        }
        insns.push_back(rv::b_type(funct3, rs1, rs2, 8));
        // x5 next to the compare with x0 (0, 1 and -1), then at random.
        for (unsigned pick = 0; pick < 4; ++pick) {
          std::vector<uint64_t> regs = random_registers();
          if (pick < 3) regs[5] = std::array{uint64_t{0}, uint64_t{1}, ~uint64_t{0}}[pick];
          if (rng_() % 4 == 0) regs[6] = regs[5];
          // The taken side: a jump-to-self after the one check() places after the branch.
          interp_.place(next_pc_ + 4 * insns.size() + 4, {rv::jal(zero, 0)});
          jit_.place(next_pc_ + 4 * insns.size() + 4, {rv::jal(zero, 0)});
          check(next_pc_, insns, regs);
          next_pc_ += 4 * (insns.size() + 3);
        }
      }
    }
  }
}

TEST_F(JitEmitter, LoadsAndStoresMatchTheInterpreter) {
  // lb lh lw ld lbu lhu lwu, sb sh sw sd, at every alignment of an 8-byte slot.
  const unsigned load_funct3[] = {0, 1, 2, 3, 4, 5, 6};
  const unsigned store_funct3[] = {0, 1, 2, 3};
  for (unsigned offset = 0; offset < 8; ++offset) {
    for (const unsigned f3 : store_funct3) {
      std::vector<uint64_t> regs = random_registers();
      regs[5] = kData + 0x100 - 16;
      check(next_pc_, rv::s_type(0x23, f3, 5, 6, static_cast<int32_t>(16 + offset)), regs);
      next_pc_ += 8;
      for (const unsigned lf3 : load_funct3) {
        regs = random_registers();
        regs[5] = kData + 0x100 + 16;
        check(next_pc_, rv::i_type(0x03, 7, lf3, 5, static_cast<int32_t>(offset) - 16), regs);
        next_pc_ += 8;
      }
    }
  }
}

// Double-precision operands that hit every path: exact and inexact, zeros, subnormals, huge and
// tiny results, infinities, NaNs.
constexpr uint64_t kDoubleSpecials[] = {0,
                                        1ULL << 63,
                                        0x3ff0000000000000ULL,   // 1
                                        0x3ff8000000000000ULL,   // 1.5
                                        0xbff0000000000000ULL,   // -1
                                        0x3fb999999999999aULL,   // 0.1
                                        0x4010000000000000ULL,   // 4: an exact square root
                                        0x0000000000000001ULL,   // the smallest subnormal
                                        0x000fffffffffffffULL,   // the largest subnormal
                                        0x0010000000000000ULL,   // the smallest normal
                                        0x7fefffffffffffffULL,   // the largest finite
                                        0x7ff0000000000000ULL,   // +inf
                                        0x7ff8000000000000ULL,   // the canonical NaN
                                        0x7ff0000000000001ULL,   // a signalling NaN
                                        0x2000000000000000ULL,   // 2^-511: squares are tiny
                                        0x5fe0000000000000ULL};  // 2^511: squares overflow

// The same for single precision, NaN-boxed when used.
constexpr uint32_t kSingleSpecials[] = {0,             // +0
                                        0x80000000U,   // -0
                                        0x3f800000U,   // 1
                                        0x3fc00000U,   // 1.5
                                        0xbf800000U,   // -1
                                        0x3dcccccdU,   // 0.1
                                        0x40800000U,   // 4: an exact square root
                                        0x00000001U,   // the smallest subnormal
                                        0x007fffffU,   // the largest subnormal
                                        0x00800000U,   // the smallest normal
                                        0x7f7fffffU,   // the largest finite
                                        0x7f800000U,   // +inf
                                        0x7fc00000U,   // the canonical NaN
                                        0x7f800001U,   // a signalling NaN
                                        0x1f800000U,   // 2^-64: squares are tiny
                                        0x5f800000U,   // 2^64: squares overflow
                                        0x4effffffU,   // just below 2^31
                                        0xcf000000U};  // -2^31

// Doubles around the integer conversions' edges: halves, the int32 and int64 limits.
constexpr uint64_t kConversionSpecials[] = {0x3fe0000000000000ULL,   // 0.5
                                            0x3ff8000000000000ULL,   // 1.5
                                            0x4004000000000000ULL,   // 2.5
                                            0xbfe0000000000000ULL,   // -0.5
                                            0x41dfffffffc00000ULL,   // 2^31 - 1
                                            0x41dfffffffe00000ULL,   // 2^31 - 0.5
                                            0x41e0000000000000ULL,   // 2^31
                                            0xc1e0000000000000ULL,   // -2^31
                                            0xc1e0000000100000ULL,   // -2^31 - 0.5
                                            0x43e0000000000000ULL,   // 2^63
                                            0xc3e0000000000000ULL,   // -2^63
                                            0x43dfffffffffffffULL,   // just below 2^63
                                            0x4330000000000001ULL};  // 2^52 + 1

class JitFloat : public JitEmitter {
 protected:
  uint64_t operand() {
    const uint64_t pick = rng_() % 3;
    if (pick == 0) return kDoubleSpecials[rng_() % std::size(kDoubleSpecials)];
    if (pick == 1) return 0x3f00000000000000ULL + (rng_() >> 8);  // moderate magnitudes
    return static_cast<uint64_t>(rng_());
  }
  // A single, NaN-boxed except now and then (it then reads as the canonical NaN).
  uint64_t single_operand() {
    const uint64_t pick = rng_() % 8;
    if (pick == 0) return static_cast<uint64_t>(rng_()) & ~(1ULL << 40);  // never boxed
    auto value = static_cast<uint32_t>(rng_());
    if (pick <= 3) value = kSingleSpecials[rng_() % std::size(kSingleSpecials)];
    if (pick == 4 || pick == 5) value = 0x3c000000U + static_cast<uint32_t>(rng_() >> 40);
    return 0xffffffff00000000ULL | value;
  }
  // An operand for the conversions to integer: edges, integral values of every size, or any
  // double; or a single (for the .S forms, which read the low half).
  uint64_t conversion_operand() {
    const uint64_t pick = rng_() % 5;
    if (pick == 0) return kConversionSpecials[rng_() % std::size(kConversionSpecials)];
    if (pick == 1) {
      const auto integral = static_cast<double>(static_cast<int64_t>(rng_()) >> (rng_() % 64));
      return std::bit_cast<uint64_t>(integral);
    }
    if (pick == 2) return single_operand();
    return operand();
  }
  // mstatus.FS for test `n`: Off now and then, Initial or Clean sometimes (the handler runs the
  // first FP instruction and dirties FS), mostly Dirty (the inline paths run).
  uint64_t fs_for(unsigned n) {
    if (n % 50 == 49) return 0;
    return rng_() % 4 == 0 ? 1 + rng_() % 2 : 3;
  }

  // Runs `code` (ending in a jump to itself, where a trap also lands) on both engines from the same
  // random registers, with x5 pointing at data and mstatus.FS = `fs`, and compares everything FP
  // code can change.
  // `make_operand` gives the f registers' values (default: operand()).
  void check_fp(const std::vector<uint32_t>& code, uint8_t fflags, uint8_t frm, uint64_t fs,
                const std::function<uint64_t()>& make_operand = {}) {
    std::vector<uint64_t> fregs(32);
    for (uint64_t& f : fregs) f = make_operand ? make_operand() : operand();
    std::vector<uint64_t> regs = random_registers();
    for (unsigned r = 1; r < 32; r += 3) regs[r] = static_cast<uint64_t>(rng_() % 9) - 4;
    const uint64_t pc = next_pc_;
    next_pc_ += 4 * code.size();
    for (EngineMachine* m : {&interp_, &jit_}) {
      m->place(pc, code);
      cpu::Hart& h = m->hart();
      for (unsigned r = 1; r < 32; ++r) h.s.x[r] = regs[r];
      h.s.x[5] = kData + 0x400;
      for (unsigned r = 0; r < 32; ++r) h.s.f[r] = fregs[r];
      h.s.fflags = fflags;
      h.s.frm = frm;
      h.s.mstatus = (h.s.mstatus & ~cpu::mstatus::kFS) | (fs << cpu::mstatus::kFSShift);
      h.s.mtvec = pc + 4 * (code.size() - 1);
      h.s.pc = pc;
      m->run(code.size());
    }
    const cpu::Hart& a = interp_.hart();
    const cpu::Hart& b = jit_.hart();
    const std::string what = isa::disassemble(isa::decode(code[code.size() - 2]), pc) +
                             fmt::format(" frm {} fflags {} FS {}", frm, fflags, fs);
    ASSERT_EQ(a.s.pc, b.s.pc) << what;
    ASSERT_EQ(a.s.mcause, b.s.mcause) << what;
    ASSERT_EQ(a.s.instret, b.s.instret) << what;
    ASSERT_EQ(a.s.fflags, b.s.fflags) << what;
    ASSERT_EQ(a.s.mstatus, b.s.mstatus) << what;
    for (unsigned r = 0; r < 32; ++r) ASSERT_EQ(a.s.f[r], b.s.f[r]) << what << ": f" << r;
    for (unsigned r = 0; r < 32; ++r) ASSERT_EQ(a.s.x[r], b.s.x[r]) << what << ": x" << r;
    uint64_t slot_a = 0;
    uint64_t slot_b = 0;
    static_cast<void>(interp_.hart().load<uint64_t>(kData + 0x408, slot_a));
    static_cast<void>(jit_.hart().load<uint64_t>(kData + 0x408, slot_b));
    ASSERT_EQ(slot_a, slot_b) << what;
    for (EngineMachine* m : {&interp_, &jit_}) m->hart().s.mcause = 0;
  }
};

// FADD.D, FSUB.D, FMUL.D (inline when rounding to nearest-even) and FLD/FSD/FLW/FSW (inline TLB
// path) against the interpreter: results, fflags (NX clear and set), FS in every state, and the
// illegal-instruction trap with FS off, under static RNE, DYN with frm RNE or RUP, and static RTZ.
TEST_F(JitFloat, DoubleArithmeticAndFpMemoryMatchTheInterpreter) {
  const uint32_t funct7s[] = {0x01, 0x05, 0x09};  // fadd.d fsub.d fmul.d
  const unsigned rms[] = {0, 7, 1};
  for (unsigned n = 0; n < 600; ++n) {
    const uint32_t funct7 = funct7s[n % 3];
    const unsigned rm = rms[(n / 3) % 3];
    const uint8_t frm = (n / 9) % 2 == 0 ? 0 : 3;
    const unsigned rd = rng_() % 32;
    const unsigned rs1 = rng_() % 32;
    const unsigned rs2 = rng_() % 32;
    std::vector<uint32_t> code;
    if (n % 4 == 0) {
      // Through memory: fsd rs2 then fld/flw rd from the same slot, and fsw.
      code.push_back(rv::s_type(0x27, 3, 5, rs2, 0));
      code.push_back(rv::i_type(0x07, rd, n % 8 == 0 ? 3 : 2, 5, 0));
      code.push_back(rv::s_type(0x27, 2, 5, rs1, 12));
    }
    code.push_back(rv::r_type(0x53, rd, rm, rs1, rs2, funct7));
    code.push_back(rv::jal(zero, 0));
    check_fp(code, n % 7 == 0 ? 1 : 0, frm, fs_for(n));
  }
}

// The double instructions inlined only while fflags.NX is already set (FMADD.D and its sign
// variants, FDIV.D, FSQRT.D) and those that never round (compares, FMV, sign injection, FCVT.D.W
// and .WU), with NX clear and set, every rounding-mode kind (static RNE and RTZ, DYN with frm
// RNE, RUP or the reserved 5, the reserved static 5) and FS off now and then.
TEST_F(JitFloat, OtherDoubleInstructionsMatchTheInterpreter) {
  const auto r4 = [](uint32_t opcode, unsigned rd, unsigned rm, unsigned rs1, unsigned rs2,
                     unsigned rs3) {
    return (rs3 << 27) | (1U << 25) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opcode;
  };
  const unsigned rms[] = {0, 7, 1, 5};
  const uint8_t frms[] = {0, 3, 5};
  for (unsigned n = 0; n < 2700; ++n) {
    const unsigned rd = rng_() % 32;
    const unsigned rs1 = rng_() % 32;
    const unsigned rs2 = rng_() % 32;
    const unsigned rm = rms[rng_() % std::size(rms)];
    uint32_t insn = 0;
    switch (n % 18) {
      case 0: insn = r4(0x43, rd, rm, rs1, rs2, rng_() % 32); break;   // fmadd.d
      case 1: insn = r4(0x47, rd, rm, rs1, rs2, rng_() % 32); break;   // fmsub.d
      case 2: insn = r4(0x4b, rd, rm, rs1, rs2, rng_() % 32); break;   // fnmsub.d
      case 3: insn = r4(0x4f, rd, rm, rs1, rs2, rng_() % 32); break;   // fnmadd.d
      case 4: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x0d); break;  // fdiv.d
      case 5: insn = rv::r_type(0x53, rd, rm, rs1, 0, 0x2d); break;    // fsqrt.d
      case 6: insn = rv::r_type(0x53, rd, 2, rs1, rs2, 0x51); break;   // feq.d
      case 7: insn = rv::r_type(0x53, rd, 1, rs1, rs2, 0x51); break;   // flt.d
      case 8: insn = rv::r_type(0x53, rd, 0, rs1, rs2, 0x51); break;   // fle.d
      case 9: insn = rv::r_type(0x53, rd, 0, rs1, 0, 0x71); break;     // fmv.x.d
      case 10: insn = rv::r_type(0x53, rd, 0, rs1, 0, 0x79); break;    // fmv.d.x
      case 11: insn = rv::r_type(0x53, rd, 0, rs1, rs2, 0x11); break;  // fsgnj.d
      case 12: insn = rv::r_type(0x53, rd, 1, rs1, rs2, 0x11); break;  // fsgnjn.d
      case 13: insn = rv::r_type(0x53, rd, 2, rs1, rs2, 0x11); break;  // fsgnjx.d
      case 14: insn = rv::r_type(0x53, rd, rm, rs1, 0, 0x69); break;   // fcvt.d.w
      case 16: insn = rv::r_type(0x53, rd, 0, rs1, rs2, 0x15); break;  // fmin.d
      case 17: insn = rv::r_type(0x53, rd, 1, rs1, rs2, 0x15); break;  // fmax.d
      default: insn = rv::r_type(0x53, rd, rm, rs1, 1, 0x69); break;   // fcvt.d.wu
    }
    if (isa::decode(insn).op == isa::Op::kIllegal) continue;  // a reserved static rounding mode
    const uint8_t fflags = rng_() % 2 == 0 ? 0 : static_cast<uint8_t>(1 | (rng_() % 32));
    check_fp({insn, rv::jal(zero, 0)}, fflags, frms[rng_() % std::size(frms)], fs_for(n));
  }
}

// The single-precision instructions inlined like their double forms (FADD/FSUB/FMUL.S always,
// FMADD.S and its variants, FDIV.S and FSQRT.S once NX is set), FCVT.S.D (once NX is set) and
// those that never round (compares, FMV.X.W, FMV.W.X, sign injection, FCVT.D.S), on NaN-boxed
// and unboxed operands, NX clear and set, every rounding-mode kind and FS in every state.
TEST_F(JitFloat, SingleInstructionsMatchTheInterpreter) {
  const auto r4 = [](uint32_t opcode, unsigned rd, unsigned rm, unsigned rs1, unsigned rs2,
                     unsigned rs3) {
    return (rs3 << 27) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opcode;
  };
  const unsigned rms[] = {0, 7, 1, 5};
  const uint8_t frms[] = {0, 3, 5};
  for (unsigned n = 0; n < 3000; ++n) {
    const unsigned rd = rng_() % 32;
    const unsigned rs1 = rng_() % 32;
    const unsigned rs2 = rng_() % 32;
    const unsigned rm = rms[rng_() % std::size(rms)];
    uint32_t insn = 0;
    switch (n % 20) {
      case 0: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x00); break;       // fadd.s
      case 1: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x04); break;       // fsub.s
      case 2: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x08); break;       // fmul.s
      case 3: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x0c); break;       // fdiv.s
      case 4: insn = rv::r_type(0x53, rd, rm, rs1, 0, 0x2c); break;         // fsqrt.s
      case 5: insn = r4(0x43, rd, rm, rs1, rs2, rng_() % 32); break;        // fmadd.s
      case 6: insn = r4(0x47, rd, rm, rs1, rs2, rng_() % 32); break;        // fmsub.s
      case 7: insn = r4(0x4b, rd, rm, rs1, rs2, rng_() % 32); break;        // fnmsub.s
      case 8: insn = r4(0x4f, rd, rm, rs1, rs2, rng_() % 32); break;        // fnmadd.s
      case 9: insn = rv::r_type(0x53, rd, 2, rs1, rs2, 0x50); break;        // feq.s
      case 10: insn = rv::r_type(0x53, rd, 1, rs1, rs2, 0x50); break;       // flt.s
      case 11: insn = rv::r_type(0x53, rd, 0, rs1, rs2, 0x50); break;       // fle.s
      case 12: insn = rv::r_type(0x53, rd, 0, rs1, 0, 0x70); break;         // fmv.x.w
      case 13: insn = rv::r_type(0x53, rd, 0, rs1, 0, 0x78); break;         // fmv.w.x
      case 14: insn = rv::r_type(0x53, rd, 0, rs1, rs2, 0x10); break;       // fsgnj.s
      case 15: insn = rv::r_type(0x53, rd, 1, rs1, rs2, 0x10); break;       // fsgnjn.s
      case 16: insn = rv::r_type(0x53, rd, 2, rs1, rs2, 0x10); break;       // fsgnjx.s
      case 17: insn = rv::r_type(0x53, rd, rm, rs1, 1, 0x20); break;        // fcvt.s.d
      case 18: insn = rv::r_type(0x53, rd, rm, rs1, 0, 0x21); break;        // fcvt.d.s
      default: insn = rv::r_type(0x53, rd, rd % 2, rs1, rs2, 0x14); break;  // fmin/fmax.s
    }
    if (isa::decode(insn).op == isa::Op::kIllegal) continue;  // a reserved static rounding mode
    const uint8_t fflags = rng_() % 2 == 0 ? 0 : static_cast<uint8_t>(1 | (rng_() % 32));
    // FCVT.S.D reads a double; everything else reads singles.
    check_fp({insn, rv::jal(zero, 0)}, fflags, frms[rng_() % std::size(frms)], fs_for(n),
             [this, n] { return n % 20 == 17 ? operand() : single_operand(); });
  }
}

// Operands the random ones rarely combine, every f register holding the same one: squares
// near the subnormal range whose rounding error is too small for the FMA residual to show (the
// handler must decide NX), and NaNs, infinities and limits through the conversions.
TEST_F(JitFloat, EdgeOperandsMatchTheInterpreter) {
  struct Case {
    uint32_t insn;
    uint64_t value;
  };
  const Case cases[] = {
      {rv::r_type(0x53, 1, 0, 2, 3, 0x08), 0xffffffff21800001ULL},  // fmul.s: 2^-120 (1 + 2^-22)
      {rv::r_type(0x53, 1, 0, 2, 3, 0x09), 0x20b0000000000001ULL},  // fmul.d: 2^-1000 (1 + 2^-51)
      {rv::r_type(0x53, 1, 0, 2, 0, 0x21), 0xffffffff7f800001ULL},  // fcvt.d.s of a signalling NaN
      {rv::r_type(0x53, 1, 0, 2, 0, 0x21), 0xffffffff7fc00001ULL},  // fcvt.d.s of a quiet NaN
      {rv::r_type(0x53, 1, 0, 2, 0, 0x21), 0xffffffff7f800000ULL},  // fcvt.d.s of +inf
      {rv::r_type(0x53, 1, 0, 2, 1, 0x20), 0x7ff0000000000001ULL},  // fcvt.s.d of a signalling NaN
      {rv::r_type(0x53, 1, 0, 2, 1, 0x20), 0x47f0000000000000ULL},  // fcvt.s.d of 2^128
      {rv::r_type(0x53, 1, 1, 2, 0, 0x61), 0x7ff8000000000000ULL},  // fcvt.w.d of a NaN
      {rv::r_type(0x53, 1, 1, 2, 2, 0x61), 0xc3e0000000000000ULL},  // fcvt.l.d of -2^63
      {rv::r_type(0x53, 1, 0, 2, 0, 0x61), 0x41dfffffffe00000ULL},  // fcvt.w.d of 2^31 - 0.5
      {rv::r_type(0x53, 1, 0, 2, 3, 0x00), 0xffffffff7f800000ULL},  // fadd.s of +inf
  };
  for (const Case& c : cases) {
    for (const uint8_t fflags : {0, 1}) {
      check_fp({c.insn, rv::jal(zero, 0)}, fflags, 0, 3, [&c] { return c.value; });
    }
  }
}

// FMIN and FMAX (.S and .D) on every pair of zeros, NaNs (quiet and signalling), infinities and
// equal or different numbers: -0 is below +0, a NaN gives the other operand (and NV when
// signalling), two NaNs give the canonical NaN.
TEST_F(JitFloat, MinimumAndMaximumMatchTheInterpreter) {
  const uint64_t doubles[] = {0,
                              1ULL << 63,
                              0x3ff0000000000000ULL,
                              0xbff0000000000000ULL,
                              0x7ff0000000000000ULL,
                              0x7ff8000000000000ULL,
                              0x7ff0000000000001ULL};
  const uint64_t singles[] = {0xffffffff00000000ULL, 0xffffffff80000000ULL, 0xffffffff3f800000ULL,
                              0xffffffffbf800000ULL, 0xffffffff7f800000ULL, 0xffffffff7fc00000ULL,
                              0xffffffff7f800001ULL, 0x000000003f800000ULL};  // the last is unboxed
  for (const bool single : {false, true}) {
    const uint64_t* values = single ? singles : doubles;
    const size_t count = single ? std::size(singles) : std::size(doubles);
    for (size_t a = 0; a < count; ++a) {
      for (size_t b = 0; b < count; ++b) {
        for (const unsigned max : {0U, 1U}) {
          // Even f registers hold a, odd ones b: fmin/fmax f1, f2, f3 reads a and b.
          unsigned index = 0;
          const auto pair = [&] { return values[index++ % 2 == 0 ? a : b]; };
          const uint32_t insn = rv::r_type(0x53, 1, max, 2, 3, single ? 0x14 : 0x15);
          check_fp({insn, rv::jal(zero, 0)}, 0, 0, 3, pair);
        }
      }
    }
  }
}

// FCVT.W.D, FCVT.L.D, FCVT.W.S and FCVT.L.S (inline rounding toward zero or to nearest-even)
// against the interpreter: results, NX, NV (NaN, out of range), the int32 and int64 limits and
// halves, under static RNE and RTZ, DYN with frm RNE, RTZ or RUP, and static RUP (the handler).
TEST_F(JitFloat, ConversionsToIntegerMatchTheInterpreter) {
  const unsigned rms[] = {0, 1, 7, 3};
  const uint8_t frms[] = {0, 1, 3};
  for (unsigned n = 0; n < 2400; ++n) {
    const unsigned rd = rng_() % 32;
    const unsigned rs1 = rng_() % 32;
    const unsigned rm = rms[rng_() % std::size(rms)];
    const uint32_t funct7 = n % 2 == 0 ? 0x61 : 0x60;  // from .D, from .S
    const unsigned kind = (n / 2) % 2 == 0 ? 0 : 2;    // to W, to L
    const uint32_t insn = rv::r_type(0x53, rd, rm, rs1, kind, funct7);
    const uint8_t fflags = rng_() % 2 == 0 ? 0 : 1;
    check_fp({insn, rv::jal(zero, 0)}, fflags, frms[rng_() % std::size(frms)], fs_for(n),
             [this] { return conversion_operand(); });
  }
}

// FCVT.D.L, FCVT.S.W and FCVT.S.L (inline in round-to-nearest-even) against the interpreter:
// exact and rounded results (NX), the int32 and int64 limits, under static RNE and RTZ, DYN with
// frm RNE, RTZ or RUP, and static RUP.
TEST_F(JitFloat, ConversionsFromIntegerMatchTheInterpreter) {
  const unsigned rms[] = {0, 1, 7, 3};
  const uint8_t frms[] = {0, 1, 3};
  const uint32_t forms[][2] = {{0x69, 2}, {0x68, 0}, {0x68, 2}};  // funct7 and rs2 of each
  for (unsigned n = 0; n < 1800; ++n) {
    const uint32_t* form = forms[n % 3];
    const uint32_t insn =
        rv::r_type(0x53, rng_() % 32, rms[rng_() % std::size(rms)], rng_() % 32, form[1], form[0]);
    const uint8_t fflags = rng_() % 2 == 0 ? 0 : 1;
    check_fp({insn, rv::jal(zero, 0)}, fflags, frms[rng_() % std::size(frms)], fs_for(n));
  }
}

// Chains of FP instructions in one block, where later ones read earlier results: these come from
// the xmm copies of f registers (FpCopies), which must equal HartState after every kind of write
// (double and boxed single results, loads, moves, sign injection, conversions), survive a slow
// path (NX clear or frm not RNE sends FDIV, FSQRT and FMADD to their handlers, which then
// resume), be dropped by a handler call (FCLASS) and be evicted when more than 12 registers are
// written. A single read of a double result and a double read of a boxed single are among them.
TEST_F(JitFloat, ChainsOfFpInstructionsMatchTheInterpreter) {
  const auto r4 = [](uint32_t opcode, unsigned rd, unsigned rm, unsigned rs1, unsigned rs2,
                     unsigned rs3) {
    return (rs3 << 27) | (rs2 << 20) | (rs1 << 15) | (rm << 12) | (rd << 7) | opcode;
  };
  const unsigned rms[] = {0, 0, 7, 1};
  const uint8_t frms[] = {0, 0, 3};
  for (unsigned n = 0; n < 1500; ++n) {
    // Few registers make long dependency chains; 16 or 20 of them overflow the 12 copies.
    const unsigned registers = std::array{4U, 6U, 16U, 20U}[n % 4];
    const auto reg = [&] { return static_cast<unsigned>(rng_() % registers); };
    // An integer destination: any but x5, the data pointer.
    const auto x_reg = [&] {
      const auto r = static_cast<unsigned>(rng_() % 32);
      return r == 5 ? 6 : r;
    };
    std::vector<uint32_t> code;
    // Long ones write the registers in turn, more than there are copies, and read evicted ones
    // (with no FCLASS, whose handler call would drop the copies).
    const bool spill = n % 8 == 3;
    const unsigned length = spill ? 24 + rng_() % 40 : 4 + rng_() % 24;
    while (code.size() < length) {
      const unsigned rd = spill ? static_cast<unsigned>(code.size()) % registers : reg();
      const unsigned rs1 = reg();
      const unsigned rs2 = reg();
      const unsigned rm = rms[rng_() % std::size(rms)];
      const uint32_t dbl = rng_() % 2;  // the format bit of funct7: double
      uint32_t insn = 0;
      switch (rng_() % 16) {
        case 0: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x00 | dbl); break;  // fadd
        case 1: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x04 | dbl); break;  // fsub
        case 2: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x08 | dbl); break;  // fmul
        case 3: insn = rv::r_type(0x53, rd, rm, rs1, rs2, 0x0c | dbl); break;  // fdiv
        case 4: insn = rv::r_type(0x53, rd, rm, rs1, 0, 0x2c | dbl); break;    // fsqrt
        case 5:  // fmadd, fmsub, fnmsub, fnmadd
          insn = r4(0x43 + 4 * (rng_() % 4), rd, rm, rs1, rs2, reg()) | dbl << 25;
          break;
        case 6: insn = rv::r_type(0x53, rd, rng_() % 3, rs1, rs2, 0x10 | dbl); break;  // fsgnj
        case 7: insn = rv::r_type(0x53, rd, rng_() % 2, rs1, rs2, 0x14 | dbl); break;  // fmin
        case 8: insn = rv::r_type(0x53, rd, rm, rs1, 1 - dbl, 0x20 | dbl); break;      // fcvt
        case 9: insn = rv::r_type(0x53, rd, rm, rng_() % 32, 0, 0x68 | dbl); break;    // from w
        case 10: insn = rv::r_type(0x53, rd, 0, rng_() % 32, 0, 0x78 | dbl); break;    // fmv.?.x
        case 11: insn = rv::r_type(0x53, x_reg(), 1, rs1, 0, 0x70 | dbl); break;       // fclass
        case 12: insn = rv::r_type(0x53, x_reg(), 2, rs1, rs2, 0x50 | dbl); break;     // feq
        case 13: insn = rv::i_type(0x07, rd, 2 + dbl, 5, 8 * (rng_() % 8)); break;     // fld/flw
        case 14: insn = rv::s_type(0x27, 2 + dbl, 5, rs2, 8 * (rng_() % 8)); break;    // fsd/fsw
        default: insn = rv::r_type(0x53, x_reg(), rm, rs1, 0, 0x60 | dbl); break;      // to w
      }
      const isa::Op op = isa::decode(insn).op;
      if (op != isa::Op::kIllegal &&
          (!spill || (op != isa::Op::kFclassS && op != isa::Op::kFclassD))) {
        code.push_back(insn);
      }
    }
    code.push_back(rv::jal(zero, 0));
    std::string sequence;
    for (size_t i = 0; i + 1 < code.size(); ++i) {
      sequence += isa::disassemble(isa::decode(code[i]), 0) + "; ";
    }
    SCOPED_TRACE(sequence);
    const uint8_t fflags = rng_() % 3 == 0 ? 0 : 1;
    check_fp(code, fflags, frms[rng_() % std::size(frms)], 3,
             [this] { return rng_() % 2 == 0 ? operand() : single_operand(); });
  }
}

// More results than there are copies: the oldest are evicted, and reading them afterwards (and
// writing them again) must find their own values.
TEST_F(JitFloat, EvictedCopiesKeepTheirValues) {
  for (const uint32_t dbl : {0U, 1U}) {
    std::vector<uint32_t> code;
    for (unsigned r = 0; r < 16; ++r) code.push_back(rv::r_type(0x53, r, 0, r, 31, 0x00 | dbl));
    for (unsigned r = 0; r < 16; ++r) code.push_back(rv::r_type(0x53, 16 + r, 0, r, r, 0x08 | dbl));
    for (unsigned r = 0; r < 8; ++r) code.push_back(rv::r_type(0x53, r, 0, r + 8, r, 0x00 | dbl));
    for (unsigned r = 0; r < 16; ++r)
      code.push_back(rv::r_type(0x53, 16 + r, 0, r, 16 + r, 0x00 | dbl));
    code.push_back(rv::jal(zero, 0));
    check_fp(code, 1, 0, 3, [this, dbl] {
      return dbl != 0 ? 0x3ff0000000000000ULL + (rng_() >> 12)
                      : 0xffffffff3f800000ULL + (rng_() >> 41);
    });
  }
}

// Translated FP instructions check mstatus.FS once per block, not once per instruction: a CSR
// write inside a loop that makes FS Initial or Off is still seen by the next FP instruction (it
// dirties FS again, or raises the illegal-instruction exception), as in the interpreter.
TEST(JitFpState, FsWrittenInsideALoopIsSeenByTheNextFpInstruction) {
  const uint64_t one = 0x3ff0000000000000ULL;
  const unsigned kIterations = 3;
  const std::vector<uint32_t> loop = {rv::r_type(0x53, 1, 0, 1, 2, 0x01),  // fadd.d f1, f1, f2
                                      rv::csrrc(zero, csr::kMstatus, t1),  //
                                      rv::r_type(0x53, 3, 0, 3, 2, 0x01),  // fadd.d f3, f3, f2
                                      rv::addi(t0, t0, -1),                //
                                      rv::bne(t0, zero, -16),  // back to the first fadd.d
                                      rv::jal(zero, 0)};
  const uint64_t handler = kRamBase + 0x800;
  // Clearing FS's upper bit turns Dirty into Initial; clearing both turns it Off.
  for (const uint64_t cleared : {uint64_t{2} << cpu::mstatus::kFSShift, cpu::mstatus::kFS}) {
    for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
      EngineMachine m(kind);
      cpu::Hart& h = m.hart();
      m.place(kRamBase, loop);
      m.place(handler, {rv::jal(zero, 0)});
      h.s.mtvec = handler;
      h.s.mstatus |= cpu::mstatus::kFS;
      h.s.x[t0] = kIterations;
      h.s.x[t1] = cleared;
      h.s.f[2] = one;
      m.run(5 * kIterations + 1);
      const std::string what = fmt::format("{} clearing {:#x}", exec::engine_name(kind), cleared);
      if (cleared == cpu::mstatus::kFS) {  // Off: the second fadd.d traps
        EXPECT_EQ(h.s.mcause, cause(cpu::Exception::kIllegalInstruction)) << what;
        EXPECT_EQ(h.s.mepc, kRamBase + 8) << what;
        EXPECT_EQ(h.s.f[1], one) << what;
        EXPECT_EQ(h.s.f[3], 0U) << what;
      } else {  // Initial: every fadd.d makes it Dirty again
        EXPECT_EQ(h.s.mstatus & cpu::mstatus::kFS, cpu::mstatus::kFS) << what;
        EXPECT_EQ(h.s.x[t0], 0U) << what;
        EXPECT_EQ(h.s.f[3], 0x4008000000000000ULL) << what;  // 3.0
      }
    }
  }
}

// A fault in the middle of a block is precise: the faulting instruction's pc is mepc, the
// instructions before it retired and wrote their registers, the ones after it did not run.
TEST(JitPrecise, FaultInTheMiddleOfABlock) {
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    cpu::Hart& h = m.hart();
    const uint64_t handler = kRamBase + 0x800;
    m.place(handler, {rv::csrr(t0, csr::kMinstret), rv::jal(zero, 0)});
    h.s.mtvec = handler;
    std::vector<uint32_t> p = rv::li(s0, 0x1000);  // no RAM, no device: an access fault
    p.push_back(rv::addi(a0, zero, 1));
    p.push_back(rv::sd(a0, s0, 8));  // faults
    p.push_back(rv::addi(a1, zero, 2));
    p.push_back(rv::jal(zero, 0));
    m.place(kRamBase, p);
    h.s.x[a1] = 7;
    m.run(p.size() + 2);
    const uint64_t fault_pc = kRamBase + 4 * (p.size() - 3);
    EXPECT_EQ(h.s.mepc, fault_pc) << exec::engine_name(kind);
    EXPECT_EQ(h.s.mcause, cause(cpu::Exception::kStoreAccessFault));
    EXPECT_EQ(h.s.mtval, 0x1008U);
    EXPECT_EQ(h.s.x[a0], 1U);
    EXPECT_EQ(h.s.x[a1], 7U);
    EXPECT_EQ(h.s.x[t0], p.size() - 3);  // li, addi; the store did not retire
    EXPECT_EQ(h.s.pc, handler + 4);
  }
}

// An unlocked PMP entry over the last page of RAM: M-mode may still access everything, but not
// uniformly, so its loads take the TLB instead of the direct path.
void take_loads_through_the_tlb(EngineMachine& m, uint64_t ram_size) {
  cpu::Hart& h = m.hart();
  const uint64_t last_page = kRamBase + ram_size - 4096;
  ASSERT_TRUE(h.csr_write(csr::kPmpAddr0, (last_page >> 2) | 0x1ff, 0));
  ASSERT_TRUE(h.csr_write(csr::kPmpCfg0,
                          cpu::pmpcfg::kR | cpu::pmpcfg::kW | cpu::pmpcfg::kX |
                              (cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift),
                          0));
  ASSERT_FALSE(h.direct_loads());
}

// A machine whose loads take the direct path (`direct`) or the TLB, with two words at kData.
std::unique_ptr<EngineMachine> machine_with_data(bool direct) {
  auto m = std::make_unique<EngineMachine>(EngineKind::kJit);
  if (!direct) take_loads_through_the_tlb(*m, 8ULL << 20);
  m->poke<uint64_t>(kData, 0x8877665544332211ULL);
  m->poke<uint64_t>(kData + 8, 0xffeeddccbbaa9988ULL);
  return m;
}

// A load from a page the TLB has cached (the inline fast path) and the first one (the helper)
// give the same values; a misaligned access inside a page goes to the helper and works. The
// same with loads through the direct path (M-mode, PMP off), where a misaligned load is direct.
TEST(JitMemory, FastPathAndHelperAgree) {
  for (const bool direct : {true, false}) {
    const std::unique_ptr<EngineMachine> machine = machine_with_data(direct);
    EngineMachine& m = *machine;
    cpu::Hart& h = m.hart();
    std::vector<uint32_t> p = rv::li(s0, kData);
    p.push_back(rv::ld(a0, s0, 0));  // first touch: the helper fills the TLB
    p.push_back(rv::ld(a1, s0, 0));  // cached
    p.push_back(rv::ld(a2, s0, 3));  // misaligned: the helper
    p.push_back(rv::lw(a3, s0, 12));
    p.push_back(rv::sd(a2, s0, 16));
    p.push_back(rv::ld(a4, s0, 16));
    p.push_back(rv::jal(zero, 0));
    m.place(kRamBase, p);
    m.run(p.size() + 1);
    EXPECT_EQ(h.s.x[a0], 0x8877665544332211ULL);
    EXPECT_EQ(h.s.x[a1], 0x8877665544332211ULL);
    EXPECT_EQ(h.s.x[a2], 0xaa99888877665544ULL);
    EXPECT_EQ(h.s.x[a3], 0xffffffffffeeddccULL);
    EXPECT_EQ(h.s.x[a4], 0xaa99888877665544ULL);
    EXPECT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1));
  }
}

// A load into a register kept in HartState leaves the value in rax for the next instruction, so
// that a branch on it need not read back the store just made. Each block here loads a3 and
// branches on it at once (a3 in HartState: as many filler registers as the pool has host
// registers, used more often, take them), from the TLB's first miss (the slow path, after which rax
// must hold the value again), a cached entry, a misaligned address (the slow path again), and with
// an instruction between that uses rax for a register in HartState (the branch must not take rax
// then). Then the next instruction reads a3 as the source of an addition, and as the base of a load
// (whose address paths use rax for scratch). The same with loads through the direct path. t2 counts
// the branches that went the wrong way.
TEST(JitMemory, ABranchOnAJustLoadedValueSeesTheValue) {
  for (const bool direct : {true, false}) {
    const std::unique_ptr<EngineMachine> machine = machine_with_data(direct);
    EngineMachine& m = *machine;
    cpu::Hart& h = m.hart();
    m.poke<uint64_t>(kData + 16, kData + 32);  // a pointer
    m.poke<uint64_t>(kData + 32, 0x1234);
    m.poke<uint64_t>(kData + 40, 0x5678);
    std::vector<uint32_t> p = rv::li(s0, kData);
    const auto append = [&p](const std::vector<uint32_t>& code) {
      p.insert(p.end(), code.begin(), code.end());
    };
    const auto block = [&p, &append](const std::vector<uint32_t>& body, unsigned rs1,
                                     unsigned rs2) {
      for (unsigned pass = 0; pass < 5; ++pass) {
        for (unsigned k = 0; k < jit::kPool; ++k) p.push_back(rv::addi(16 + k, 16 + k, 1));
      }
      append(body);
      p.push_back(rv::beq(rs1, rs2, 8));
      p.push_back(rv::addi(t2, t2, 1));  // the branch went the wrong way
    };
    append(rv::li(a4, 0x8877665544332211ULL));
    block({rv::ld(a3, s0, 0)}, a3, a4);  // the first touch (TLB: the slow path)
    block({rv::ld(a3, s0, 0)}, a4, a3);  // cached, the loaded value on the other side
    block({rv::ld(a3, s0, 0), rv::addi(t3, t4, 1)}, a3, a4);  // rax used in between
    append(rv::li(a4, 0xaa99888877665544ULL));
    block({rv::ld(a3, s0, 3)}, a3, a4);  // misaligned (TLB: the slow path)
    block({rv::ld(a3, s0, 0), rv::addi(t5, a3, 1)}, zero, zero);
    append(rv::li(a5, 0x1234));
    block({rv::ld(a3, s0, 16), rv::ld(t6, a3, 0)}, t6, a5);
    append(rv::li(a5, 0x5678));
    block({rv::ld(a3, s0, 16), rv::ld(t6, a3, 8)}, t6, a5);
    p.push_back(rv::jal(zero, 0));
    m.place(kRamBase, p);
    h.s.x[t4] = 41;
    m.run(p.size());
    EXPECT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1)) << "direct " << direct;
    EXPECT_EQ(h.s.x[t2], 0U) << "direct " << direct;
    EXPECT_EQ(h.s.x[t3], 42U);
    EXPECT_EQ(h.s.x[t5], 0x8877665544332212ULL);
    EXPECT_EQ(h.s.x[t6], 0x5678U);
    EXPECT_EQ(h.s.x[a3], kData + 32);
  }
}

// Loads and stores whose base, and stored value, live in HartState (as many filler registers as
// the pool has host registers, used more often, take those): the base goes through a scratch
// register and the value through another once the address is checked, and the offset is folded
// into every use of the base. Every size, the value the base itself, offsets at both ends of the
// 12-bit range, FP loads and stores (FLW NaN-boxes its value after the load, and copies it from
// memory through the base), through the direct paths and through the TLB, in three passes (the
// first fills the TLB or opens the store window from the slow path). The engines' registers and
// the data must agree.
TEST(JitMemory, AccessesWithOperandsInHartStateMatchTheInterpreter) {
  constexpr uint64_t kHandler = kRamBase + 0x8000;
  constexpr unsigned kFlw = 2;  // FLW/FSW; FLD/FSD are funct3 3
  std::vector<uint32_t> p = rv::li(t3, 3);
  const std::vector<uint32_t> base = rv::li(t0, kData + 4080);  // the offsets reach two pages
  p.insert(p.end(), base.begin(), base.end());
  const size_t loop = p.size();
  const auto fill = [&p] {
    for (unsigned pass = 0; pass < 3; ++pass) {
      for (unsigned k = 0; k < jit::kPool; ++k) p.push_back(rv::addi(16 + k, 16 + k, 1));
    }
  };
  for (const int32_t offset : {-2048, -5, 0, 7, 2040}) {
    for (const unsigned funct3 : {0U, 1U, 2U, 3U}) {  // SB SH SW SD, then the loads
      for (const unsigned value : {t1, t0}) {
        fill();
        p.push_back(rv::s_type(0x23, funct3, t0, value, offset));
        p.push_back(rv::i_type(0x03, t2, funct3, t0, offset));
        p.push_back(rv::add(t1, t1, t2));
        if (funct3 < 3) {  // LBU LHU LWU
          p.push_back(rv::i_type(0x03, t2, funct3 | 4U, t0, offset));
          p.push_back(rv::add(t1, t1, t2));
        }
      }
    }
    for (const unsigned funct3 : {kFlw, kFlw + 1}) {
      fill();
      p.push_back(rv::s_type(0x27, funct3, t0, 1, offset));
      p.push_back(rv::i_type(0x07, 2, funct3, t0, offset));
      p.push_back(rv::r_type(0x53, 1, 0, 1, 2, funct3 == kFlw ? 0x00 : 0x01));  // FADD f1 += f2
    }
  }
  close_counted_loop(p, loop);
  ASSERT_LT(4 * p.size(), kHandler - kRamBase);
  for (const bool direct : {true, false}) {
    std::vector<std::array<uint64_t, 64>> results;
    std::vector<std::vector<uint64_t>> data;
    for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
      EngineMachine m(kind);
      if (!direct) take_loads_through_the_tlb(m, 8ULL << 20);
      cpu::Hart& h = m.hart();
      h.s.x[t1] = 0x0123456789abcdefULL;
      h.s.f[1] = 0x3ff8000000000000ULL;  // 1.5, and a NaN as a single (no box)
      h.s.mstatus |= cpu::mstatus::kFS;
      ASSERT_TRUE(run_counting_faults(m, p, kHandler)) << exec::engine_name(kind);
      EXPECT_EQ(h.s.x[s11], 0U) << exec::engine_name(kind);  // nothing faults
      EXPECT_EQ(h.direct_loads(), direct);
      results.emplace_back();
      std::copy_n(h.s.x.begin(), 32, results.back().begin());
      std::copy_n(h.s.f.begin(), 32, results.back().begin() + 32);
      data.emplace_back();
      for (uint64_t at = kData; at < kData + 8192; at += 8) {
        data.back().push_back(m.peek<uint64_t>(at));
      }
    }
    EXPECT_EQ(results[0], results[1]) << "direct " << direct;
    EXPECT_EQ(data[0], data[1]) << "direct " << direct;
  }
}

// A walk over more pages than the software TLB starts with: the TLB grows while translated code
// runs (the inline lookups read its size), the loads see what the stores wrote, both engines end
// alike, and the later passes over the pages hit in the grown TLB (at its first size, every
// access of every pass would miss).
TEST(JitMemory, TheTlbGrowsUnderTranslatedCode) {
  constexpr unsigned kPages = 3000;
  std::vector<uint32_t> p = rv::li(s0, kRamBase + 0x100000);
  const std::vector<uint32_t> page_size = rv::li(t2, 4096);
  p.insert(p.end(), page_size.begin(), page_size.end());
  for (int pass = 0; pass < 4; ++pass) {
    const std::vector<uint32_t> count = rv::li(a5, kPages);
    p.insert(p.end(), count.begin(), count.end());
    p.push_back(rv::mv(t0, s0));
    if (pass == 0) {
      p.push_back(rv::sd(a5, t0, 8));  // each page gets its number
    } else {
      p.push_back(rv::ld(a1, t0, 8));
      p.push_back(rv::add(a0, a0, a1));
    }
    p.push_back(rv::add(t0, t0, t2));
    p.push_back(rv::addi(a5, a5, -1));
    p.push_back(rv::bne(a5, zero, pass == 0 ? -12 : -16));
  }
  p.push_back(rv::jal(zero, 0));
  std::vector<std::array<uint64_t, 32>> results;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, 32ULL << 20);
    cpu::Hart& h = m.hart();
    take_loads_through_the_tlb(m, 32ULL << 20);
    m.place(kRamBase, p);
    m.run(100000);
    ASSERT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1));
    EXPECT_EQ(h.s.x[a0], 3ULL * kPages * (kPages + 1) / 2);
    EXPECT_GT(h.tlb_size(), kPages);
    // The stores and the first loads miss on every page (reads and writes have entries of their
    // own, and each growth empties the TLB); the last two passes hardly miss.
    EXPECT_LT(h.counters.tlb_misses, 3 * kPages);
    results.emplace_back();
    std::copy_n(h.s.x.begin(), 32, results.back().begin());
  }
  EXPECT_EQ(results[0], results[1]);
}

// Loads in M-mode with PMP off take the direct path (no TLB): every size, aligned and not, at
// the start and the end of RAM, straddling its end, below it and far above it, three times over
// (translated from the first run). Both engines must load the same values and take the same
// faults.
TEST(JitMemory, DirectLoadsMatchTheInterpreterAtRamsEdges) {
  constexpr uint64_t kRamSize = 8ULL << 20;
  constexpr uint64_t kHandler = kRamBase + 0x8000;
  const uint64_t end = kRamBase + kRamSize;
  std::vector<uint32_t> p = rv::li(t3, 3);
  const size_t loop = p.size();
  for (const uint64_t base : {kData, kRamBase, end - 8, end - 16, uint64_t{0x1000}, uint64_t{0},
                              ~uint64_t{0} - 7, end, kRamBase - 8}) {
    for (const unsigned funct3 : {0U, 1U, 2U, 3U, 4U, 5U, 6U}) {  // LB LH LW LD LBU LHU LWU
      for (const int32_t offset : {0, 1, 2, 3, 4, 6, 7}) {
        const std::vector<uint32_t> address = rv::li(t0, base);
        p.insert(p.end(), address.begin(), address.end());
        p.push_back(rv::addi(a0, zero, 0));
        p.push_back(rv::i_type(0x03, a0, funct3, t0, offset));
        p.push_back(rv::add(s2, s2, s2));
        p.push_back(rv::add(s2, s2, a0));
      }
    }
  }
  close_counted_loop(p, loop);
  ASSERT_LT(4 * p.size(), kHandler - kRamBase);
  std::vector<std::array<uint64_t, 32>> results;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind, 1, exec::kDefaultJitCacheBytes, kRamSize);
    const cpu::Hart& h = m.hart();
    ASSERT_TRUE(h.direct_loads());
    for (uint64_t i = 0; i < 16; ++i) {
      m.poke<uint64_t>(kData + 8 * i, 0x0123456789abcdefULL * (i + 1));
      m.poke<uint64_t>(end - 16 + (8 * i) % 16, 0xfedcba9876543210ULL ^ i);
    }
    ASSERT_TRUE(run_counting_faults(m, p, kHandler)) << exec::engine_name(kind);
    EXPECT_GT(h.s.x[s11], 0U);  // some loads fault
    results.emplace_back();
    std::copy_n(h.s.x.begin(), 32, results.back().begin());
  }
  EXPECT_EQ(results[0], results[1]);
}

// Translated code whose loads or stores were direct keeps running after M-mode loses the right
// to them: a locked PMP entry that denies access to the data page, or MPRV with MPP = S (then U
// after each MRET), whose accesses PMP denies. Every access after the change must fault (for the
// stores, the direct-store window that the first pass opened over the page must close).
TEST(JitMemory, DirectAccessesStopWhenPmpOrMprvTakeThemAway) {
  constexpr uint64_t kHandler = kRamBase + 0x8000;
  constexpr unsigned kAccesses = 100;
  for (const bool store : {false, true}) {
    for (const bool pmp : {true, false}) {
      // s5 = what is written to s6 between the passes (mstatus or pmpcfg0).
      const uint64_t locked_no_access =
          cpu::pmpcfg::kLocked | (cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift);
      const uint64_t mprv_mpp_s = (1ULL << 17) | (1ULL << 11);
      const std::vector<uint32_t> p =
          two_passes(rv::li(s0, kData),
                     {rv::addi(t3, zero, kAccesses),  // the loop: kAccesses accesses
                      store ? rv::sd(t3, s0, 0) : rv::ld(a0, s0, 0), rv::add(s2, s2, a0),
                      rv::addi(t3, t3, -1), rv::bne(t3, zero, -12)},
                     {pmp ? rv::csrw(csr::kPmpAddr0, s4) : rv::nop(),
                      rv::csrw(pmp ? csr::kPmpCfg0 : csr::kMstatus, s5)});
      std::vector<std::array<uint64_t, 32>> results;
      for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
        EngineMachine m(kind);
        cpu::Hart& h = m.hart();
        m.poke<uint64_t>(kData, 5);
        h.s.x[s4] = (kData >> 2) | 0x1ff;  // NAPOT: the 4 KiB page at kData
        h.s.x[s5] = pmp ? locked_no_access : mprv_mpp_s;
        ASSERT_TRUE(run_counting_faults(m, p, kHandler)) << exec::engine_name(kind);
        EXPECT_EQ(h.s.x[s11], kAccesses)
            << exec::engine_name(kind) << " pmp " << pmp << " store " << store;
        EXPECT_EQ(m.peek<uint64_t>(kData), store ? 1 : 5) << exec::engine_name(kind);
        EXPECT_EQ(h.store_window().pages(), 0U);
        results.emplace_back();
        std::copy_n(h.s.x.begin(), 32, results.back().begin());
      }
      EXPECT_EQ(results[0], results[1]) << "pmp " << pmp << " store " << store;
    }
  }
}

// Code translated while loads were direct, run again after a locked PMP entry has denied M-mode
// one page of RAM (another than the data's): its loads take the TLB from their cold paths, with
// the address in the base's own host register (offset 0); rsi holds the address of a store on
// another page, whose read entry stays empty. Once a miss has filled the entry, the loads hit: no
// more slow paths than misses.
TEST(JitMemory, DirectLoadsFallBackToTheTlbWhenPmpTakesThemAway) {
  constexpr unsigned kLoads = 100;
  constexpr uint64_t kDenied = kRamBase + 0x300000;
  std::vector<uint32_t> bases;
  for (const auto& [reg, address] : {std::pair{s0, kData}, std::pair{s1, kData + 4096}}) {
    const std::vector<uint32_t> li = rv::li(reg, address);
    bases.insert(bases.end(), li.begin(), li.end());
  }
  const std::vector<uint32_t> p =
      two_passes(bases,
                 {rv::addi(t3, zero, kLoads), rv::ld(a0, s0, 0), rv::add(s2, s2, a0),
                  rv::sd(s2, s1, 8),  // its address, in rsi, is on another page than a0's
                  rv::addi(t3, t3, -1), rv::bne(t3, zero, -16)},
                 {rv::csrw(csr::kPmpAddr0, s4), rv::csrw(csr::kPmpCfg0, s5)});
  std::vector<std::array<uint64_t, 32>> results;
  for (const EngineKind kind : {EngineKind::kInterp, EngineKind::kJit}) {
    EngineMachine m(kind);
    cpu::Hart& h = m.hart();
    m.poke<uint64_t>(kData, 5);
    h.s.x[s4] = (kDenied >> 2) | 0x1ff;  // NAPOT: the 4 KiB page at kDenied
    h.s.x[s5] = cpu::pmpcfg::kLocked | (cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift);
    m.place(kRamBase, p);
    m.run(20000);
    ASSERT_EQ(h.s.pc, kRamBase + 4 * (p.size() - 1)) << exec::engine_name(kind);
    EXPECT_FALSE(h.direct_loads());
    EXPECT_EQ(h.s.x[s2], 2 * kLoads * 5) << exec::engine_name(kind);
    EXPECT_EQ(m.peek<uint64_t>(kData + 4096 + 8), 2 * kLoads * 5) << exec::engine_name(kind);
    if (kind == EngineKind::kJit) {
      EXPECT_LE(m.engine().stats().slow_paths, h.counters.tlb_misses);
    }
    results.emplace_back();
    std::copy_n(h.s.x.begin(), 32, results.back().begin());
  }
  EXPECT_EQ(results[0], results[1]);
}

}  // namespace
}  // namespace strata::test
