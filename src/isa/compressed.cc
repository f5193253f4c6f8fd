// RV64C: each compressed instruction is rewritten as the 32-bit instruction it abbreviates
// (unprivileged spec, "C" chapter, RVC instruction set listings).
#include <cstdint>

#include "isa/decoder.h"
#include "util/bits.h"

namespace strata::isa {
namespace {

// 32-bit instruction encoders, one per base format.
constexpr uint32_t encode_r(uint32_t opcode, uint32_t rd, uint32_t funct3, uint32_t rs1,
                            uint32_t rs2, uint32_t funct7) {
  return opcode | (rd << 7) | (funct3 << 12) | (rs1 << 15) | (rs2 << 20) | (funct7 << 25);
}
constexpr uint32_t encode_i(uint32_t opcode, uint32_t rd, uint32_t funct3, uint32_t rs1,
                            int64_t imm) {
  return opcode | (rd << 7) | (funct3 << 12) | (rs1 << 15) |
         ((static_cast<uint32_t>(imm) & 0xfffU) << 20);
}
constexpr uint32_t encode_s(uint32_t opcode, uint32_t funct3, uint32_t rs1, uint32_t rs2,
                            int64_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return opcode | ((u & 0x1fU) << 7) | (funct3 << 12) | (rs1 << 15) | (rs2 << 20) |
         (((u >> 5) & 0x7fU) << 25);
}
constexpr uint32_t encode_b(uint32_t funct3, uint32_t rs1, uint32_t rs2, int64_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return 0x63U | (((u >> 11) & 1U) << 7) | (((u >> 1) & 0xfU) << 8) | (funct3 << 12) | (rs1 << 15) |
         (rs2 << 20) | (((u >> 5) & 0x3fU) << 25) | (((u >> 12) & 1U) << 31);
}
constexpr uint32_t encode_j(uint32_t rd, int64_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return 0x6fU | (rd << 7) | (((u >> 12) & 0xffU) << 12) | (((u >> 11) & 1U) << 20) |
         (((u >> 1) & 0x3ffU) << 21) | (((u >> 20) & 1U) << 31);
}

constexpr uint32_t kOpImm = 0x13;
constexpr uint32_t kOpImm32 = 0x1b;
constexpr uint32_t kOp = 0x33;
constexpr uint32_t kOp32 = 0x3b;
constexpr uint32_t kLoad = 0x03;
constexpr uint32_t kStore = 0x23;
constexpr uint32_t kLoadFp = 0x07;
constexpr uint32_t kStoreFp = 0x27;
constexpr uint32_t kJalr = 0x67;
constexpr uint32_t kLui = 0x37;
constexpr uint32_t kSp = 2;

// The three-bit register fields of the CL/CS/CB formats name x8..x15.
constexpr uint32_t reg_prime(uint32_t h, unsigned lo) {
  return 8 + static_cast<uint32_t>(bits(h, lo + 2, lo));
}

uint32_t expand_quadrant0(uint32_t h) {
  const uint32_t rd_p = reg_prime(h, 2);
  const uint32_t rs1_p = reg_prime(h, 7);
  // Offsets of the doubleword (ld/sd/fld/fsd) and word (lw/sw) forms.
  const uint64_t off_d = (bits(h, 12, 10) << 3) | (bits(h, 6, 5) << 6);
  const uint64_t off_w = (bits(h, 12, 10) << 3) | (bit(h, 6) << 2) | (bit(h, 5) << 6);
  switch (bits(h, 15, 13)) {
    case 0: {  // c.addi4spn
      const uint64_t imm =
          (bits(h, 12, 11) << 4) | (bits(h, 10, 7) << 6) | (bit(h, 6) << 2) | (bit(h, 5) << 3);
      if (imm == 0) return 0;
      return encode_i(kOpImm, rd_p, 0, kSp, static_cast<int64_t>(imm));
    }
    case 1: return encode_i(kLoadFp, rd_p, 3, rs1_p, static_cast<int64_t>(off_d));   // c.fld
    case 2: return encode_i(kLoad, rd_p, 2, rs1_p, static_cast<int64_t>(off_w));     // c.lw
    case 3: return encode_i(kLoad, rd_p, 3, rs1_p, static_cast<int64_t>(off_d));     // c.ld
    case 5: return encode_s(kStoreFp, 3, rs1_p, rd_p, static_cast<int64_t>(off_d));  // c.fsd
    case 6: return encode_s(kStore, 2, rs1_p, rd_p, static_cast<int64_t>(off_w));    // c.sw
    case 7: return encode_s(kStore, 3, rs1_p, rd_p, static_cast<int64_t>(off_d));    // c.sd
    default: return 0;
  }
}

uint32_t expand_quadrant1(uint32_t h) {
  const auto rd = static_cast<uint32_t>(bits(h, 11, 7));
  const int64_t imm6 = sign_extend((bit(h, 12) << 5) | bits(h, 6, 2), 6);
  const uint32_t rs1_p = reg_prime(h, 7);
  const uint32_t rs2_p = reg_prime(h, 2);
  switch (bits(h, 15, 13)) {
    case 0: return encode_i(kOpImm, rd, 0, rd, imm6);  // c.addi (c.nop when rd = 0)
    case 1:                                            // c.addiw
      if (rd == 0) return 0;
      return encode_i(kOpImm32, rd, 0, rd, imm6);
    case 2: return encode_i(kOpImm, rd, 0, 0, imm6);  // c.li
    case 3: {
      if (rd == kSp) {  // c.addi16sp
        const int64_t imm = sign_extend((bit(h, 12) << 9) | (bits(h, 4, 3) << 7) |
                                            (bit(h, 5) << 6) | (bit(h, 2) << 5) | (bit(h, 6) << 4),
                                        10);
        if (imm == 0) return 0;
        return encode_i(kOpImm, kSp, 0, kSp, imm);
      }
      if (imm6 == 0) return 0;  // c.lui with a zero immediate is reserved
      return kLui | (rd << 7) | ((static_cast<uint32_t>(imm6) & 0xfffffU) << 12);
    }
    case 4: {
      const auto shamt = static_cast<uint32_t>((bit(h, 12) << 5) | bits(h, 6, 2));
      switch (bits(h, 11, 10)) {
        case 0: return encode_r(kOpImm, rs1_p, 5, rs1_p, shamt & 0x1fU, shamt >> 5);  // c.srli
        case 1:                                                                       // c.srai
          return encode_r(kOpImm, rs1_p, 5, rs1_p, shamt & 0x1fU, (shamt >> 5) | 0x20U);
        case 2: return encode_i(kOpImm, rs1_p, 7, rs1_p, imm6);  // c.andi
        default: {
          static constexpr uint32_t kFunct3[4] = {0, 4, 6, 7};  // sub, xor, or, and
          const auto sel = static_cast<unsigned>(bits(h, 6, 5));
          if (bit(h, 12) == 0) {
            return encode_r(kOp, rs1_p, kFunct3[sel], rs1_p, rs2_p, sel == 0 ? 0x20U : 0U);
          }
          if (sel == 0) return encode_r(kOp32, rs1_p, 0, rs1_p, rs2_p, 0x20);  // c.subw
          if (sel == 1) return encode_r(kOp32, rs1_p, 0, rs1_p, rs2_p, 0);     // c.addw
          return 0;
        }
      }
    }
    case 5: {  // c.j
      const int64_t imm = sign_extend(
          (bit(h, 12) << 11) | (bit(h, 11) << 4) | (bits(h, 10, 9) << 8) | (bit(h, 8) << 10) |
              (bit(h, 7) << 6) | (bit(h, 6) << 7) | (bits(h, 5, 3) << 1) | (bit(h, 2) << 5),
          12);
      return encode_j(0, imm);
    }
    default: {  // c.beqz, c.bnez
      const int64_t imm =
          sign_extend((bit(h, 12) << 8) | (bits(h, 11, 10) << 3) | (bits(h, 6, 5) << 6) |
                          (bits(h, 4, 3) << 1) | (bit(h, 2) << 5),
                      9);
      return encode_b(bits(h, 15, 13) == 6 ? 0U : 1U, rs1_p, 0, imm);
    }
  }
}

uint32_t expand_quadrant2(uint32_t h) {
  const auto rd = static_cast<uint32_t>(bits(h, 11, 7));
  const auto rs2 = static_cast<uint32_t>(bits(h, 6, 2));
  const uint64_t off_ldsp = (bit(h, 12) << 5) | (bits(h, 6, 5) << 3) | (bits(h, 4, 2) << 6);
  const uint64_t off_lwsp = (bit(h, 12) << 5) | (bits(h, 6, 4) << 2) | (bits(h, 3, 2) << 6);
  const uint64_t off_sdsp = (bits(h, 12, 10) << 3) | (bits(h, 9, 7) << 6);
  const uint64_t off_swsp = (bits(h, 12, 9) << 2) | (bits(h, 8, 7) << 6);
  switch (bits(h, 15, 13)) {
    case 0: {  // c.slli
      const auto shamt = static_cast<uint32_t>((bit(h, 12) << 5) | rs2);
      return encode_r(kOpImm, rd, 1, rd, shamt & 0x1fU, shamt >> 5);
    }
    case 1: return encode_i(kLoadFp, rd, 3, kSp, static_cast<int64_t>(off_ldsp));  // c.fldsp
    case 2:                                                                        // c.lwsp
      if (rd == 0) return 0;
      return encode_i(kLoad, rd, 2, kSp, static_cast<int64_t>(off_lwsp));
    case 3:  // c.ldsp
      if (rd == 0) return 0;
      return encode_i(kLoad, rd, 3, kSp, static_cast<int64_t>(off_ldsp));
    case 4:
      if (bit(h, 12) == 0) {
        if (rs2 == 0) return rd == 0 ? 0 : encode_i(kJalr, 0, 0, rd, 0);  // c.jr
        return encode_r(kOp, rd, 0, 0, rs2, 0);                           // c.mv
      }
      if (rs2 == 0) {
        if (rd == 0) return 0x00100073;       // c.ebreak
        return encode_i(kJalr, 1, 0, rd, 0);  // c.jalr
      }
      return encode_r(kOp, rd, 0, rd, rs2, 0);                                       // c.add
    case 5: return encode_s(kStoreFp, 3, kSp, rs2, static_cast<int64_t>(off_sdsp));  // c.fsdsp
    case 6: return encode_s(kStore, 2, kSp, rs2, static_cast<int64_t>(off_swsp));    // c.swsp
    default: return encode_s(kStore, 3, kSp, rs2, static_cast<int64_t>(off_sdsp));   // c.sdsp
  }
}

}  // namespace

uint32_t expand_compressed(uint16_t half) {
  const uint32_t h = half;
  switch (h & 3U) {
    case 0: return expand_quadrant0(h);
    case 1: return expand_quadrant1(h);
    case 2: return expand_quadrant2(h);
    default: return 0;
  }
}

}  // namespace strata::isa
