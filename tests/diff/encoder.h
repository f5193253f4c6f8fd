// RV64GC instruction encoders for the differential-test program generator: one function per
// instruction format, and named constants for the opcode fields the generator picks from.
#pragma once

#include <cstdint>

namespace strata::diff::enc {

// Major opcodes.
inline constexpr uint32_t kLoad = 0x03;
inline constexpr uint32_t kLoadFp = 0x07;
inline constexpr uint32_t kMiscMem = 0x0f;
inline constexpr uint32_t kOpImm = 0x13;
inline constexpr uint32_t kAuipc = 0x17;
inline constexpr uint32_t kOpImm32 = 0x1b;
inline constexpr uint32_t kStore = 0x23;
inline constexpr uint32_t kStoreFp = 0x27;
inline constexpr uint32_t kAmo = 0x2f;
inline constexpr uint32_t kOp = 0x33;
inline constexpr uint32_t kLui = 0x37;
inline constexpr uint32_t kOp32 = 0x3b;
inline constexpr uint32_t kMadd = 0x43;
inline constexpr uint32_t kOpFp = 0x53;
inline constexpr uint32_t kBranch = 0x63;
inline constexpr uint32_t kJalr = 0x67;
inline constexpr uint32_t kJal = 0x6f;
inline constexpr uint32_t kSystem = 0x73;

constexpr uint32_t r_type(uint32_t opcode, unsigned rd, unsigned funct3, unsigned rs1, unsigned rs2,
                          uint32_t funct7) {
  return opcode | (rd << 7) | (funct3 << 12) | (rs1 << 15) | (rs2 << 20) | (funct7 << 25);
}
constexpr uint32_t r4_type(uint32_t opcode, unsigned rd, unsigned rm, unsigned rs1, unsigned rs2,
                           unsigned rs3, unsigned fmt) {
  return opcode | (rd << 7) | (rm << 12) | (rs1 << 15) | (rs2 << 20) | (fmt << 25) | (rs3 << 27);
}
constexpr uint32_t i_type(uint32_t opcode, unsigned rd, unsigned funct3, unsigned rs1,
                          int32_t imm) {
  return opcode | (rd << 7) | (funct3 << 12) | (rs1 << 15) |
         ((static_cast<uint32_t>(imm) & 0xfffU) << 20);
}
constexpr uint32_t s_type(uint32_t opcode, unsigned funct3, unsigned rs1, unsigned rs2,
                          int32_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return opcode | ((u & 0x1fU) << 7) | (funct3 << 12) | (rs1 << 15) | (rs2 << 20) |
         (((u >> 5) & 0x7fU) << 25);
}
constexpr uint32_t b_type(unsigned funct3, unsigned rs1, unsigned rs2, int32_t offset) {
  const auto u = static_cast<uint32_t>(offset);
  return kBranch | (((u >> 11) & 1U) << 7) | (((u >> 1) & 0xfU) << 8) | (funct3 << 12) |
         (rs1 << 15) | (rs2 << 20) | (((u >> 5) & 0x3fU) << 25) | (((u >> 12) & 1U) << 31);
}
constexpr uint32_t u_type(uint32_t opcode, unsigned rd, int32_t imm20) {
  return opcode | (rd << 7) | ((static_cast<uint32_t>(imm20) & 0xfffffU) << 12);
}
constexpr uint32_t jal(unsigned rd, int32_t offset) {
  const auto u = static_cast<uint32_t>(offset);
  return kJal | (rd << 7) | (((u >> 12) & 0xffU) << 12) | (((u >> 11) & 1U) << 20) |
         (((u >> 1) & 0x3ffU) << 21) | (((u >> 20) & 1U) << 31);
}
constexpr uint32_t jalr(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(kJalr, rd, 0, rs1, imm);
}
constexpr uint32_t addi(unsigned rd, unsigned rs1, int32_t imm) {
  return i_type(kOpImm, rd, 0, rs1, imm);
}
constexpr uint32_t csr(unsigned funct3, unsigned rd, uint16_t number, unsigned rs1_or_uimm) {
  return i_type(kSystem, rd, funct3, rs1_or_uimm, number);
}
inline constexpr uint32_t kEcall = 0x00000073;
inline constexpr uint32_t kEbreak = 0x00100073;
inline constexpr uint32_t kMret = 0x30200073;
inline constexpr uint32_t kFenceI = 0x0000100f;
inline constexpr uint32_t kFenceRwRw = 0x0330000f;
constexpr uint32_t sfence_vma(unsigned rs1, unsigned rs2) {
  return r_type(kSystem, 0, 0, rs1, rs2, 0x09);
}
// An atomic: `funct5` names the operation, `width` is 2 (.w) or 3 (.d).
constexpr uint32_t amo(unsigned funct5, unsigned width, unsigned rd, unsigned rs1, unsigned rs2,
                       bool aq, bool rl) {
  return r_type(kAmo, rd, width, rs1, rs2, (funct5 << 2) | (aq ? 2U : 0U) | (rl ? 1U : 0U));
}

// Compressed formats (registers named x8..x15 are passed as full numbers).
constexpr uint16_t c_reg(unsigned r) {
  return static_cast<uint16_t>(r - 8);
}
constexpr uint16_t c_addi(unsigned rd, int32_t imm6) {
  const auto u = static_cast<uint32_t>(imm6);
  return static_cast<uint16_t>(0x0001U | (((u >> 5) & 1U) << 12) | (rd << 7) | ((u & 0x1fU) << 2));
}
constexpr uint16_t c_addiw(unsigned rd, int32_t imm6) {
  return static_cast<uint16_t>(c_addi(rd, imm6) | 0x2000U);
}
constexpr uint16_t c_li(unsigned rd, int32_t imm6) {
  return static_cast<uint16_t>(c_addi(rd, imm6) | 0x4000U);
}
// c.lui: `imm6` is bits 17:12 of the immediate, non-zero; rd not x0 or x2.
constexpr uint16_t c_lui(unsigned rd, int32_t imm6) {
  return static_cast<uint16_t>(c_addi(rd, imm6) | 0x6000U);
}
// c.slli/c.srli/c.srai (shamt 1..63).
constexpr uint16_t c_slli(unsigned rd, unsigned shamt) {
  return static_cast<uint16_t>(0x0002U | (((shamt >> 5) & 1U) << 12) | (rd << 7) |
                               ((shamt & 0x1fU) << 2));
}
constexpr uint16_t c_shift_right(bool arithmetic, unsigned rd, unsigned shamt) {
  return static_cast<uint16_t>(0x8001U | (((shamt >> 5) & 1U) << 12) |
                               ((arithmetic ? 1U : 0U) << 10) | (c_reg(rd) << 7) |
                               ((shamt & 0x1fU) << 2));
}
constexpr uint16_t c_andi(unsigned rd, int32_t imm6) {
  const auto u = static_cast<uint32_t>(imm6);
  return static_cast<uint16_t>(0x8801U | (((u >> 5) & 1U) << 12) | (c_reg(rd) << 7) |
                               ((u & 0x1fU) << 2));
}
// c.sub/c.xor/c.or/c.and (funct2 0..3) and c.subw/c.addw (funct2 0..1 with `word`).
constexpr uint16_t c_arith(bool word, unsigned funct2, unsigned rd, unsigned rs2) {
  return static_cast<uint16_t>(0x8c01U | ((word ? 1U : 0U) << 12) | (c_reg(rd) << 7) |
                               (funct2 << 5) | (c_reg(rs2) << 2));
}
constexpr uint16_t c_mv(unsigned rd, unsigned rs2) {
  return static_cast<uint16_t>(0x8002U | (rd << 7) | (rs2 << 2));
}
constexpr uint16_t c_add(unsigned rd, unsigned rs2) {
  return static_cast<uint16_t>(0x9002U | (rd << 7) | (rs2 << 2));
}
constexpr uint16_t c_jr(unsigned rs1) {
  return static_cast<uint16_t>(0x8002U | (rs1 << 7));
}
constexpr uint16_t c_jalr(unsigned rs1) {
  return static_cast<uint16_t>(0x9002U | (rs1 << 7));
}
inline constexpr uint16_t kCEbreak = 0x9002;
inline constexpr uint16_t kCNop = 0x0001;
// c.addi4spn: rd' = sp + nzuimm (a multiple of 4, 4..1020).
constexpr uint16_t c_addi4spn(unsigned rd, unsigned nzuimm) {
  return static_cast<uint16_t>((((nzuimm >> 4) & 3U) << 11) | (((nzuimm >> 6) & 0xfU) << 7) |
                               (((nzuimm >> 2) & 1U) << 6) | (((nzuimm >> 3) & 1U) << 5) |
                               (c_reg(rd) << 2));
}
// c.lw/c.sw (funct3 2/6; offset a multiple of 4 below 128) and c.ld/c.sd/c.fld/c.fsd (funct3
// 3/7/1/5; offset a multiple of 8 below 256).
constexpr uint16_t c_mem_w(unsigned funct3, unsigned r, unsigned base, unsigned offset) {
  return static_cast<uint16_t>((funct3 << 13) | (((offset >> 3) & 7U) << 10) | (c_reg(base) << 7) |
                               (((offset >> 2) & 1U) << 6) | (((offset >> 6) & 1U) << 5) |
                               (c_reg(r) << 2));
}
constexpr uint16_t c_mem_d(unsigned funct3, unsigned r, unsigned base, unsigned offset) {
  return static_cast<uint16_t>((funct3 << 13) | (((offset >> 3) & 7U) << 10) | (c_reg(base) << 7) |
                               (((offset >> 6) & 3U) << 5) | (c_reg(r) << 2));
}
// c.ldsp/c.fldsp (funct3 3/1; offset a multiple of 8 below 512) and c.sdsp/c.fsdsp (7/5).
constexpr uint16_t c_ldsp(unsigned funct3, unsigned rd, unsigned offset) {
  return static_cast<uint16_t>((funct3 << 13) | 0x2U | (((offset >> 5) & 1U) << 12) | (rd << 7) |
                               (((offset >> 3) & 3U) << 5) | (((offset >> 6) & 7U) << 2));
}
constexpr uint16_t c_sdsp(unsigned funct3, unsigned rs2, unsigned offset) {
  return static_cast<uint16_t>((funct3 << 13) | 0x2U | (((offset >> 3) & 7U) << 10) |
                               (((offset >> 6) & 7U) << 7) | (rs2 << 2));
}
// c.lwsp (offset a multiple of 4 below 256) and c.swsp.
constexpr uint16_t c_lwsp(unsigned rd, unsigned offset) {
  return static_cast<uint16_t>(0x4002U | (((offset >> 5) & 1U) << 12) | (rd << 7) |
                               (((offset >> 2) & 7U) << 4) | (((offset >> 6) & 3U) << 2));
}
constexpr uint16_t c_swsp(unsigned rs2, unsigned offset) {
  return static_cast<uint16_t>(0xc002U | (((offset >> 2) & 0xfU) << 9) |
                               (((offset >> 6) & 3U) << 7) | (rs2 << 2));
}
constexpr uint16_t c_j(int32_t offset) {
  const auto u = static_cast<uint32_t>(offset);
  return static_cast<uint16_t>(0xa001U | (((u >> 11) & 1U) << 12) | (((u >> 4) & 1U) << 11) |
                               (((u >> 8) & 3U) << 9) | (((u >> 10) & 1U) << 8) |
                               (((u >> 6) & 1U) << 7) | (((u >> 7) & 1U) << 6) |
                               (((u >> 1) & 7U) << 3) | (((u >> 5) & 1U) << 2));
}
// c.beqz (bnez = false) / c.bnez.
constexpr uint16_t c_branch(bool bnez, unsigned rs1, int32_t offset) {
  const auto u = static_cast<uint32_t>(offset);
  return static_cast<uint16_t>(
      (bnez ? 0xe001U : 0xc001U) | (((u >> 8) & 1U) << 12) | (((u >> 3) & 3U) << 10) |
      (c_reg(rs1) << 7) | (((u >> 6) & 3U) << 5) | (((u >> 1) & 3U) << 3) | (((u >> 5) & 1U) << 2));
}

}  // namespace strata::diff::enc
