#include <gtest/gtest.h>

#include "isa/decoder.h"
#include "isa/disassembler.h"

namespace strata::isa {
namespace {

TEST(Decoder, DecodesBaseFormatsAndImmediates) {
  // addi a0, a1, -1
  Decoded d = decode(0xfff58513);
  EXPECT_EQ(d.op, Op::kAddi);
  EXPECT_EQ(d.rd, 10);
  EXPECT_EQ(d.rs1, 11);
  EXPECT_EQ(d.imm, -1);
  EXPECT_EQ(d.length, 4);
  // sd ra, -8(sp)
  d = decode(0xfe113c23);
  EXPECT_EQ(d.op, Op::kSd);
  EXPECT_EQ(d.rs1, 2);
  EXPECT_EQ(d.rs2, 1);
  EXPECT_EQ(d.imm, -8);
  // beq a0, a1, -4096 (the most negative branch offset)
  d = decode(0x80b50063);
  EXPECT_EQ(d.op, Op::kBeq);
  EXPECT_EQ(d.imm, -4096);
  // jal ra, 0xffffe (the largest positive jump offset is 0xffffe)
  d = decode(0x7ffff0ef);
  EXPECT_EQ(d.op, Op::kJal);
  EXPECT_EQ(d.imm, 0xffffe);
  // lui a0, 0x80000: sign-extended on RV64
  d = decode(0x80000537);
  EXPECT_EQ(d.op, Op::kLui);
  EXPECT_EQ(d.imm, -0x80000000LL);
}

TEST(Decoder, ShiftsUseSixBitAmountsAndWFormsRejectBit5) {
  Decoded d = decode(0x03f51513);  // slli a0, a0, 63
  EXPECT_EQ(d.op, Op::kSlli);
  EXPECT_EQ(d.imm, 63);
  d = decode(0x43f55513);  // srai a0, a0, 63
  EXPECT_EQ(d.op, Op::kSrai);
  EXPECT_EQ(d.imm, 63);
  EXPECT_EQ(decode(0x0205151b).op, Op::kIllegal);  // slliw with shamt[5] set is reserved
}

TEST(Decoder, BitManipulation) {
  EXPECT_EQ(decode(0x60051513).op, Op::kClz);     // clz a0, a0
  EXPECT_EQ(decode(0x6b855513).op, Op::kRev8);    // rev8 a0, a0
  EXPECT_EQ(decode(0x28755513).op, Op::kOrcB);    // orc.b a0, a0
  EXPECT_EQ(decode(0x080545bb).op, Op::kZextH);   // zext.h a1, a0
  EXPECT_EQ(decode(0x20b52533).op, Op::kSh1add);  // sh1add a0, a0, a1
  EXPECT_EQ(decode(0x0805053b).op, Op::kAddUw);   // add.uw a0, a0, zero
  EXPECT_EQ(decode(0x48b51533).op, Op::kBclr);    // bclr a0, a0, a1
  EXPECT_EQ(decode(0x60b51533).op, Op::kRol);     // rol a0, a0, a1
}

TEST(Decoder, SystemAndCsr) {
  EXPECT_EQ(decode(0x00000073).op, Op::kEcall);
  EXPECT_EQ(decode(0x00100073).op, Op::kEbreak);
  EXPECT_EQ(decode(0x30200073).op, Op::kMret);
  EXPECT_EQ(decode(0x10200073).op, Op::kSret);
  EXPECT_EQ(decode(0x10500073).op, Op::kWfi);
  EXPECT_EQ(decode(0x12b50073).op, Op::kSfenceVma);
  const Decoded d = decode(0x30002573);  // csrr a0, mstatus
  EXPECT_EQ(d.op, Op::kCsrrs);
  EXPECT_EQ(d.csr, 0x300);
  EXPECT_EQ(d.rd, 10);
  EXPECT_EQ(decode(0x0100000f).op, Op::kPause);
  EXPECT_EQ(decode(0x0ff0000f).op, Op::kFence);
  EXPECT_EQ(decode(0x0000100f).op, Op::kFenceI);
}

TEST(Decoder, AtomicsAndFloatingPoint) {
  Decoded d = decode(0x1005272f);  // lr.w a4, (a0)
  EXPECT_EQ(d.op, Op::kLrW);
  d = decode(0x06e5b52f);  // amoadd.d.aqrl a0, a4, (a1)
  EXPECT_EQ(d.op, Op::kAmoaddD);
  EXPECT_EQ(d.rm, 3);
  EXPECT_EQ(decode(0x02b57553).op, Op::kFaddD);   // fadd.d fa0, fa0, fa1 (rm dyn)
  EXPECT_EQ(decode(0xe0050553).op, Op::kFmvXW);   // fmv.x.w a0, fa0
  EXPECT_EQ(decode(0xd2257553).op, Op::kFcvtDL);  // fcvt.d.l fa0, a0
  d = decode(0x68c5f543);                         // fmadd.s fa0, fa1, fa2, fa3
  EXPECT_EQ(d.op, Op::kFmaddS);
  EXPECT_EQ(d.rs3, 13);
  EXPECT_EQ(decode(0x6ac58543).op, Op::kFmaddD);   // fmadd.d, rne
  EXPECT_EQ(decode(0x6cc58543).op, Op::kIllegal);  // fmt = 2 (half precision): not implemented
}

TEST(Decoder, IllegalEncodings) {
  EXPECT_EQ(decode(0x00000000).op, Op::kIllegal);  // all-zero halfword is defined illegal
  EXPECT_EQ(decode(0xffffffff).op, Op::kIllegal);
  EXPECT_EQ(decode(0x00002003).op, Op::kLw);       // lw zero, 0(zero) is legal
  EXPECT_EQ(decode(0x00007003).op, Op::kIllegal);  // load funct3 7 is reserved
}

TEST(Compressed, ExpandsEveryQuadrant) {
  // c.addi4spn a0, sp, 8
  Decoded d = decode(0x0028);
  EXPECT_EQ(d.op, Op::kAddi);
  EXPECT_EQ(d.rd, 10);
  EXPECT_EQ(d.rs1, 2);
  EXPECT_EQ(d.imm, 8);
  EXPECT_EQ(d.length, 2);
  EXPECT_EQ(d.raw, 0x0028U);
  // c.li a0, -1
  d = decode(0x557d);
  EXPECT_EQ(d.op, Op::kAddi);
  EXPECT_EQ(d.rs1, 0);
  EXPECT_EQ(d.imm, -1);
  // c.addi16sp sp, -64
  d = decode(0x7139);
  EXPECT_EQ(d.op, Op::kAddi);
  EXPECT_EQ(d.rd, 2);
  EXPECT_EQ(d.imm, -64);
  // c.lui a5, 0xfffff (sign-extended 0x1f << 12)
  d = decode(0x77fd);
  EXPECT_EQ(d.op, Op::kLui);
  EXPECT_EQ(d.imm, -4096);
  // c.ldsp ra, 8(sp)
  d = decode(0x60a2);
  EXPECT_EQ(d.op, Op::kLd);
  EXPECT_EQ(d.rd, 1);
  EXPECT_EQ(d.imm, 8);
  // c.sdsp ra, 8(sp)
  d = decode(0xe406);
  EXPECT_EQ(d.op, Op::kSd);
  EXPECT_EQ(d.rs2, 1);
  EXPECT_EQ(d.imm, 8);
  // c.j -2 and c.beqz a0, -2
  EXPECT_EQ(decode(0xbffd).imm, -2);
  d = decode(0xdd7d);
  EXPECT_EQ(d.op, Op::kBeq);
  EXPECT_EQ(d.imm, -2);
  // c.jr ra, c.jalr a0, c.mv, c.add, c.ebreak
  EXPECT_EQ(decode(0x8082).op, Op::kJalr);
  d = decode(0x9502);
  EXPECT_EQ(d.op, Op::kJalr);
  EXPECT_EQ(d.rd, 1);
  EXPECT_EQ(decode(0x852e).op, Op::kAdd);
  EXPECT_EQ(decode(0x952e).op, Op::kAdd);
  EXPECT_EQ(decode(0x9002).op, Op::kEbreak);
  // c.srai a0, 63 and c.subw / c.addw
  d = decode(0x957d);
  EXPECT_EQ(d.op, Op::kSrai);
  EXPECT_EQ(d.imm, 63);
  EXPECT_EQ(decode(0x9d0d).op, Op::kSubw);
  EXPECT_EQ(decode(0x9d2d).op, Op::kAddw);
}

TEST(Compressed, ReservedEncodingsAreIllegal) {
  EXPECT_EQ(decode(0x0000).op, Op::kIllegal);  // c.addi4spn with a zero immediate
  EXPECT_EQ(decode(0x6101).op, Op::kIllegal);  // c.addi16sp with a zero immediate
  EXPECT_EQ(decode(0x6501).op, Op::kIllegal);  // c.lui with a zero immediate
  EXPECT_EQ(decode(0x2001).op, Op::kIllegal);  // c.addiw with rd = x0
  EXPECT_EQ(decode(0x4002).op, Op::kIllegal);  // c.lwsp with rd = x0
  EXPECT_EQ(decode(0x8002).op, Op::kIllegal);  // c.jr with rs1 = x0
  EXPECT_EQ(decode(0x9d41).op, Op::kIllegal);  // reserved c.subw-space encoding
  EXPECT_EQ(decode(0x8000).op, Op::kIllegal);  // quadrant 0, funct3 4 is reserved
}

TEST(Disassembler, PrintsAbiNamesAndTargets) {
  EXPECT_EQ(disassemble(decode(0xfff58513), 0), "addi a0, a1, -1");
  EXPECT_EQ(disassemble(decode(0x30002573), 0), "csrrs a0, mstatus, zero");
  EXPECT_EQ(disassemble(decode(0x80b50063), 0x80001000), "beq a0, a1, 0x80000000");
  EXPECT_EQ(disassemble(decode(0x02b57553), 0), "fadd.d fa0, fa0, fa1");
}

}  // namespace
}  // namespace strata::isa
