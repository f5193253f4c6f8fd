// CSR access rules, trap entry and return, and interrupt selection of cpu::Hart, checked against
// the RISC-V privileged spec 1.12 (chapters 2-4) and the Sstc extension.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "test_machine.h"

namespace strata::test {
namespace {

using cpu::Exception;
using cpu::Interrupt;
using cpu::Priv;
namespace csr = cpu::csr;
namespace ms = cpu::mstatus;
namespace mip = cpu::mip;

constexpr uint64_t kMppS = 1ULL << ms::kMPPShift;
constexpr uint64_t kMppM = 3ULL << ms::kMPPShift;
constexpr uint64_t kStce = 1ULL << 63;

class HartCsr : public ::testing::Test {
 protected:
  std::optional<uint64_t> read(uint16_t number) {
    uint64_t value = 0;
    if (!h.csr_read(number, value, 0)) return std::nullopt;
    return value;
  }
  bool write(uint16_t number, uint64_t value) { return h.csr_write(number, value, 0); }
  // Reads in M-mode whatever the current privilege.
  uint64_t mread(uint16_t number) {
    const Priv saved = h.s.priv;
    h.set_priv(Priv::kMachine);
    const std::optional<uint64_t> v = read(number);
    h.set_priv(saved);
    EXPECT_TRUE(v.has_value()) << std::hex << number;
    return v.value_or(0);
  }
  void mwrite(uint16_t number, uint64_t value) {
    const Priv saved = h.s.priv;
    h.set_priv(Priv::kMachine);
    EXPECT_TRUE(write(number, value)) << std::hex << number;
    h.set_priv(saved);
  }
  void as(Priv p) { h.set_priv(p); }

  TestMachine m;
  cpu::Hart& h = m.hart();
};

// --- Privilege and read-only rules encoded in the CSR number (section 2.1) ---

TEST_F(HartCsr, MachineCsrsAreInaccessibleBelowMachineMode) {
  const std::vector<uint16_t> machine = {
      csr::kMstatus, csr::kMisa,       csr::kMedeleg, csr::kMideleg, csr::kMie,
      csr::kMtvec,   csr::kMscratch,   csr::kMepc,    csr::kMcause,  csr::kMtval,
      csr::kMip,     csr::kMcounteren, csr::kMenvcfg, csr::kPmpCfg0, csr::kPmpAddr0,
      csr::kMcycle,  csr::kMinstret,   csr::kMhartid};
  for (const Priv p : {Priv::kSupervisor, Priv::kUser}) {
    as(p);
    for (const uint16_t c : machine) {
      uint64_t v = 0;
      EXPECT_FALSE(h.csr_read(c, v, 0)) << std::hex << c << " priv " << static_cast<int>(p);
      EXPECT_FALSE(h.csr_write(c, 0, 0)) << std::hex << c << " priv " << static_cast<int>(p);
    }
  }
  as(Priv::kMachine);
  for (const uint16_t c : machine) EXPECT_TRUE(read(c).has_value()) << std::hex << c;
}

TEST_F(HartCsr, SupervisorCsrsAreInaccessibleFromUserMode) {
  const std::vector<uint16_t> supervisor = {
      csr::kSstatus, csr::kSie,    csr::kStvec, csr::kScounteren, csr::kSenvcfg, csr::kSscratch,
      csr::kSepc,    csr::kScause, csr::kStval, csr::kSip,        csr::kSatp};
  as(Priv::kUser);
  for (const uint16_t c : supervisor) {
    uint64_t v = 0;
    EXPECT_FALSE(h.csr_read(c, v, 0)) << std::hex << c;
    EXPECT_FALSE(h.csr_write(c, 0, 0)) << std::hex << c;
  }
  as(Priv::kSupervisor);
  for (const uint16_t c : supervisor) {
    EXPECT_TRUE(read(c).has_value()) << std::hex << c;
    EXPECT_TRUE(write(c, *read(c))) << std::hex << c;
  }
}

TEST_F(HartCsr, ReadOnlyCsrsRejectWritesEvenInMachineMode) {
  h.s.mcounteren = h.s.scounteren = 0xffffffff;
  for (const uint16_t c :
       {csr::kMvendorid, csr::kMarchid, csr::kMimpid, csr::kMhartid, csr::kMconfigptr, csr::kCycle,
        csr::kTime, csr::kInstret, csr::kHpmCounter3, csr::kHpmCounter31}) {
    EXPECT_TRUE(read(c).has_value()) << std::hex << c;
    EXPECT_FALSE(write(c, 0)) << std::hex << c;
    EXPECT_FALSE(write(c, *read(c))) << std::hex << c;  // even writing the same value
  }
}

TEST_F(HartCsr, MhartidReportsTheHartsId) {
  cpu::Hart other(7, h.bus(), m.clock());
  uint64_t v = 0;
  ASSERT_TRUE(other.csr_read(csr::kMhartid, v, 0));
  EXPECT_EQ(v, 7U);
  ASSERT_TRUE(h.csr_read(csr::kMhartid, v, 0));
  EXPECT_EQ(v, 0U);
}

TEST_F(HartCsr, NonexistentCsrsAreIllegal) {
  for (const uint16_t c : {0x150, 0x3f0, 0x7f0, 0xc80, 0xfff}) {
    uint64_t v = 0;
    EXPECT_FALSE(h.csr_read(static_cast<uint16_t>(c), v, 0)) << std::hex << c;
  }
}

// csrrs/csrrc with rs1 = x0 (and the immediate forms with uimm = 0) do not write, so they may
// read a read-only CSR; any other form writes and is illegal (Zicsr, section 9.1).
TEST_F(HartCsr, ReadOnlyCsrReadsThroughInstructions) {
  const uint64_t code = kRamBase;
  const uint64_t trap = kRamBase + 0x800;
  std::vector<uint32_t> program = {
      rv::csrrs(a0, csr::kMhartid, zero),  // reads, no write
      rv::csrrsi(a1, csr::kMvendorid, 0),  // reads, no write
      rv::csrrc(a2, csr::kMarchid, zero),  // reads, no write
      rv::csrrs(a3, csr::kMhartid, t0),    // t0 = 0, but rs1 != x0: a write, illegal
  };
  m.place(code, program);
  m.place(trap, {rv::jal(zero, 0)});
  h.s.mtvec = trap;
  h.s.x[a3] = 0x55;
  m.run(3);
  EXPECT_EQ(h.s.pc, code + 12);
  EXPECT_EQ(h.s.x[a0], 0U);
  m.run(1);
  EXPECT_EQ(h.s.pc, trap);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, program[3]);
  EXPECT_EQ(h.s.mepc, code + 12);
  EXPECT_EQ(h.s.x[a3], 0x55U);  // rd untouched by the trapping instruction

  // csrrw to a read-only CSR with rd = x0 (no read) is still a write.
  m.place(code, {rv::csrrw(zero, csr::kCycle, zero)});
  h.s.pc = code;
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mepc, code);
}

// --- mstatus and sstatus (sections 3.1.6, 4.1.1) ---

TEST_F(HartCsr, SstatusIsARestrictedViewOfMstatus) {
  constexpr uint64_t kSBits = ms::kSIE | ms::kSPIE | ms::kSPP | ms::kFS | ms::kSUM | ms::kMXR;
  constexpr uint64_t kMOnly =
      ms::kMIE | ms::kMPIE | ms::kMPP | ms::kMPRV | ms::kTVM | ms::kTW | ms::kTSR;
  ASSERT_TRUE(write(csr::kMstatus, kMOnly));
  const uint64_t mstatus_before = *read(csr::kMstatus);
  ASSERT_EQ(mstatus_before & kMOnly, kMOnly);
  // The M-only bits are invisible through sstatus.
  EXPECT_EQ(*read(csr::kSstatus) & kMOnly, 0U);
  // Writing all ones through sstatus sets exactly the S bits.
  as(Priv::kSupervisor);
  ASSERT_TRUE(write(csr::kSstatus, ~0ULL));
  as(Priv::kMachine);
  const uint64_t mstatus_after = *read(csr::kMstatus);
  EXPECT_EQ(mstatus_after & kSBits, kSBits);
  EXPECT_EQ(mstatus_after & kMOnly, kMOnly);
  EXPECT_EQ(mstatus_after & ~(kSBits | kMOnly | ms::kSD), ms::kXlen64);
  // Writing zero through sstatus clears only the S bits.
  ASSERT_TRUE(write(csr::kSstatus, 0));
  EXPECT_EQ(*read(csr::kMstatus), mstatus_before);
  EXPECT_EQ(*read(csr::kSstatus) & ms::kUXL, 2ULL << 32);  // UXL = 64, read-only
  EXPECT_EQ(*read(csr::kSstatus) & ms::kSXL, 0U);          // SXL is not in sstatus
}

TEST_F(HartCsr, SdSummarizesFsDirty) {
  for (uint64_t fs = 0; fs < 4; ++fs) {
    ASSERT_TRUE(write(csr::kMstatus, fs << ms::kFSShift));
    const bool dirty = fs == 3;
    EXPECT_EQ((*read(csr::kMstatus) & ms::kSD) != 0, dirty) << fs;
    EXPECT_EQ((*read(csr::kSstatus) & ms::kSD) != 0, dirty) << fs;
    EXPECT_EQ((*read(csr::kSstatus) & ms::kFS) >> ms::kFSShift, fs);
  }
  // SD itself is read-only.
  ASSERT_TRUE(write(csr::kMstatus, ms::kSD));
  EXPECT_EQ(*read(csr::kMstatus) & ms::kSD, 0U);
}

TEST_F(HartCsr, MstatusMppIsWarlAndXlenFieldsAreFixed) {
  ASSERT_TRUE(write(csr::kMstatus, kMppS));
  EXPECT_EQ(*read(csr::kMstatus) & ms::kMPP, kMppS);
  ASSERT_TRUE(write(csr::kMstatus, 2ULL << ms::kMPPShift));  // reserved: MPP keeps S
  EXPECT_EQ(*read(csr::kMstatus) & ms::kMPP, kMppS);
  ASSERT_TRUE(write(csr::kMstatus, kMppM));
  EXPECT_EQ(*read(csr::kMstatus) & ms::kMPP, kMppM);
  ASSERT_TRUE(write(csr::kMstatus, 2ULL << ms::kMPPShift | ms::kMIE));
  EXPECT_EQ(*read(csr::kMstatus) & ms::kMPP, kMppM);
  EXPECT_NE(*read(csr::kMstatus) & ms::kMIE, 0U);  // the rest of the write still lands
  ASSERT_TRUE(write(csr::kMstatus, 0));
  EXPECT_EQ(*read(csr::kMstatus) & ms::kMPP, 0U);
  // UXL and SXL stay 2 (XLEN 64) whatever is written.
  EXPECT_EQ(*read(csr::kMstatus) & (ms::kUXL | ms::kSXL), ms::kXlen64);
  ASSERT_TRUE(write(csr::kMstatus, ~0ULL));
  EXPECT_EQ(*read(csr::kMstatus) & (ms::kUXL | ms::kSXL), ms::kXlen64);
}

TEST_F(HartCsr, MstatusWriteOfSumChangesSupervisorTranslationImmediately) {
  // SUM is folded into the TLB regime, so flipping it through sstatus must take effect without
  // an sfence (section 4.1.1.2 does not require one).
  m.allow_all_pmp();
  PageTables pt(m, 3, kRamBase + 0x10'0000);
  const uint64_t va = 0x4000'0000;
  pt.map(va, kRamBase + 0x20'0000, pte::kR | pte::kW | pte::kU | pte::kA | pte::kD);
  h.s.satp = pt.satp();
  h.flush_tlb();
  as(Priv::kSupervisor);
  uint64_t v = 0;
  ASSERT_TRUE(write(csr::kSstatus, ms::kSUM));
  EXPECT_EQ(h.load<uint64_t>(va, v), cpu::MemStatus::kOk);
  ASSERT_TRUE(write(csr::kSstatus, 0));
  EXPECT_EQ(h.load<uint64_t>(va, v), cpu::MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kLoadPageFault));
}

// --- misa, medeleg, mideleg, mie, mip (sections 3.1.1, 3.1.8, 3.1.9) ---

TEST_F(HartCsr, MisaIsReadOnlyRv64Imafdcsu) {
  const uint64_t expected = (2ULL << 62) | (1U << ('A' - 'A')) | (1U << ('C' - 'A')) |
                            (1U << ('D' - 'A')) | (1U << ('F' - 'A')) | (1U << ('I' - 'A')) |
                            (1U << ('M' - 'A')) | (1U << ('S' - 'A')) | (1U << ('U' - 'A'));
  EXPECT_EQ(*read(csr::kMisa), expected);
  EXPECT_TRUE(write(csr::kMisa, 0));  // WARL: the write is legal and ignored
  EXPECT_EQ(*read(csr::kMisa), expected);
  EXPECT_TRUE(write(csr::kMisa, expected & ~(1ULL << ('C' - 'A'))));
  EXPECT_EQ(*read(csr::kMisa), expected);
}

TEST_F(HartCsr, MedelegAndMidelegWritableMasks) {
  ASSERT_TRUE(write(csr::kMedeleg, ~0ULL));
  const uint64_t medeleg = *read(csr::kMedeleg);
  // Codes 0-9, 12, 13, 15 delegable; ecall from M (11) never; reserved 10 and 14 read zero.
  EXPECT_EQ(medeleg, 0xb3ffULL);
  EXPECT_EQ(medeleg & (1ULL << 11), 0U);
  ASSERT_TRUE(write(csr::kMedeleg, 0));
  EXPECT_EQ(*read(csr::kMedeleg), 0U);

  ASSERT_TRUE(write(csr::kMideleg, ~0ULL));
  // Only the S-level interrupts can be delegated; MSI/MTI/MEI are read-only zero.
  EXPECT_EQ(*read(csr::kMideleg), mip::kSSIP | mip::kSTIP | mip::kSEIP);
}

TEST_F(HartCsr, MieAndSieAreMaskedByMideleg) {
  ASSERT_TRUE(write(csr::kMie, ~0ULL));
  EXPECT_EQ(*read(csr::kMie), mip::kAll);
  // Nothing delegated: sie reads zero and ignores writes.
  EXPECT_EQ(*read(csr::kSie), 0U);
  ASSERT_TRUE(write(csr::kMie, 0));
  as(Priv::kSupervisor);
  ASSERT_TRUE(write(csr::kSie, ~0ULL));
  EXPECT_EQ(*read(csr::kSie), 0U);
  EXPECT_EQ(mread(csr::kMie), 0U);
  // Delegate SSI and STI: exactly those bits become visible and writable through sie.
  mwrite(csr::kMideleg, mip::kSSIP | mip::kSTIP);
  ASSERT_TRUE(write(csr::kSie, ~0ULL));
  EXPECT_EQ(*read(csr::kSie), mip::kSSIP | mip::kSTIP);
  EXPECT_EQ(mread(csr::kMie), mip::kSSIP | mip::kSTIP);
  // sie writes leave the non-delegated bits of mie alone.
  mwrite(csr::kMie, mip::kAll);
  ASSERT_TRUE(write(csr::kSie, 0));
  EXPECT_EQ(mread(csr::kMie), mip::kAll & ~(mip::kSSIP | mip::kSTIP));
}

TEST_F(HartCsr, MipMachineBitsAreReadOnly) {
  ASSERT_TRUE(write(csr::kMip, mip::kMSIP | mip::kMTIP | mip::kMEIP));
  EXPECT_EQ(*read(csr::kMip), 0U);
  ASSERT_TRUE(write(csr::kMip, mip::kSSIP | mip::kSEIP | mip::kSTIP));
  EXPECT_EQ(*read(csr::kMip), mip::kSSIP | mip::kSEIP | mip::kSTIP);
  // Device lines show up in mip but cannot be cleared through it.
  h.raise_external(mip::kMEIP | mip::kMSIP);
  ASSERT_TRUE(write(csr::kMip, 0));
  EXPECT_EQ(*read(csr::kMip), mip::kMEIP | mip::kMSIP);
}

TEST_F(HartCsr, SipIsMipMaskedByMideleg) {
  ASSERT_TRUE(write(csr::kMip, mip::kSSIP | mip::kSTIP | mip::kSEIP));
  EXPECT_EQ(*read(csr::kSip), 0U);
  ASSERT_TRUE(write(csr::kMideleg, mip::kSTIP));
  EXPECT_EQ(*read(csr::kSip), mip::kSTIP);
  ASSERT_TRUE(write(csr::kMideleg, mip::kSSIP | mip::kSTIP | mip::kSEIP));
  EXPECT_EQ(*read(csr::kSip), mip::kSSIP | mip::kSTIP | mip::kSEIP);
}

TEST_F(HartCsr, SsipIsWritableThroughSipOnlyWhenDelegated) {
  as(Priv::kSupervisor);
  ASSERT_TRUE(write(csr::kSip, mip::kSSIP));
  EXPECT_EQ(mread(csr::kMip) & mip::kSSIP, 0U);
  mwrite(csr::kMideleg, mip::kSSIP | mip::kSTIP | mip::kSEIP);
  ASSERT_TRUE(write(csr::kSip, mip::kSSIP));
  EXPECT_EQ(mread(csr::kMip), mip::kSSIP);
  ASSERT_TRUE(write(csr::kSip, 0));
  EXPECT_EQ(mread(csr::kMip), 0U);
  // STIP and SEIP are read-only in sip even when delegated.
  ASSERT_TRUE(write(csr::kSip, mip::kSTIP | mip::kSEIP));
  EXPECT_EQ(mread(csr::kMip), 0U);
  mwrite(csr::kMip, mip::kSTIP | mip::kSEIP);
  ASSERT_TRUE(write(csr::kSip, 0));
  EXPECT_EQ(mread(csr::kMip), mip::kSTIP | mip::kSEIP);
}

TEST_F(HartCsr, StipIsWritableInMipOnlyWithoutSstc) {
  ASSERT_TRUE(write(csr::kMip, mip::kSTIP));
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, mip::kSTIP);
  // menvcfg.STCE hands STIP to stimecmp: the software bit goes, and writes are ignored.
  ASSERT_TRUE(write(csr::kMenvcfg, kStce));
  EXPECT_EQ(*read(csr::kMenvcfg) & kStce, kStce);
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, 0U);
  ASSERT_TRUE(write(csr::kMip, mip::kSTIP));
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, 0U);
  // STIP now follows stimecmp against time.
  ASSERT_TRUE(write(csr::kStimecmp, 0));
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, mip::kSTIP);
  ASSERT_TRUE(write(csr::kMip, 0));  // cannot be cleared by software either
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, mip::kSTIP);
  ASSERT_TRUE(write(csr::kStimecmp, ~0ULL));
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, 0U);
  // Turning Sstc off again makes STIP software-writable.
  ASSERT_TRUE(write(csr::kMenvcfg, 0));
  ASSERT_TRUE(write(csr::kMip, mip::kSTIP));
  EXPECT_EQ(*read(csr::kMip) & mip::kSTIP, mip::kSTIP);
}

// Section 3.1.9: "Only the software-writable SEIP bit participates in the read-modify-write
// sequence of a CSRRS or CSRRC instruction" — the interrupt controller's line must not be latched
// into the software bit by an unrelated csrs/csrc on mip.
TEST_F(HartCsr, MipReadModifyWriteDoesNotLatchExternalSeip) {
  const uint64_t code = kRamBase;
  m.place(code, {rv::addi(t0, zero, static_cast<int32_t>(mip::kSSIP)),
                 rv::csrrs(a0, csr::kMip, t0),  // reads SEIP = 1 (line high), sets SSIP
                 rv::csrrc(a1, csr::kMip, t0),  // clears SSIP
                 rv::jal(zero, 0)});
  h.raise_external(mip::kSEIP);
  m.run(3);
  EXPECT_EQ(h.s.x[a0] & mip::kSEIP, mip::kSEIP);  // reads see the OR of line and software bit
  EXPECT_EQ(h.s.x[a1] & mip::kSSIP, mip::kSSIP);
  h.lower_external(mip::kSEIP);
  EXPECT_EQ(*read(csr::kMip), 0U);  // neither SSIP nor a latched SEIP remains
  // A csrs that names SEIP does set the software bit, which then outlives the line.
  ASSERT_TRUE(write(csr::kMip, mip::kSEIP));
  EXPECT_EQ(*read(csr::kMip), mip::kSEIP);
}

// --- Sstc stimecmp and the counters (Sstc 1.0, section 3.1.11) ---

TEST_F(HartCsr, StimecmpAccessRules) {
  // M-mode always.
  EXPECT_TRUE(read(csr::kStimecmp).has_value());
  EXPECT_TRUE(write(csr::kStimecmp, ~0ULL));
  for (const uint64_t menvcfg : {uint64_t{0}, kStce}) {
    for (const uint64_t tm : {uint64_t{0}, uint64_t{2}}) {
      mwrite(csr::kMenvcfg, menvcfg);
      mwrite(csr::kMcounteren, tm);
      const bool allowed = menvcfg != 0 && tm != 0;
      as(Priv::kSupervisor);
      EXPECT_EQ(read(csr::kStimecmp).has_value(), allowed) << menvcfg << " " << tm;
      EXPECT_EQ(write(csr::kStimecmp, ~0ULL), allowed) << menvcfg << " " << tm;
      as(Priv::kUser);
      h.s.scounteren = 0xffffffff;
      EXPECT_FALSE(read(csr::kStimecmp).has_value());
      EXPECT_FALSE(write(csr::kStimecmp, ~0ULL));
      as(Priv::kMachine);
    }
  }
}

TEST_F(HartCsr, CounterEnablesForSupervisorAndUser) {
  const std::vector<uint16_t> counters = {csr::kCycle, csr::kTime, csr::kInstret, csr::kHpmCounter3,
                                          csr::kHpmCounter31};
  for (const uint16_t c : counters) {
    const unsigned bit = c - csr::kCycle;
    for (const uint64_t mcounteren : {uint64_t{0}, uint64_t{1} << bit}) {
      for (const uint64_t scounteren : {uint64_t{0}, uint64_t{1} << bit}) {
        h.s.mcounteren = mcounteren;
        h.s.scounteren = scounteren;
        as(Priv::kMachine);
        EXPECT_TRUE(read(c).has_value());
        as(Priv::kSupervisor);
        EXPECT_EQ(read(c).has_value(), mcounteren != 0) << std::hex << c;
        as(Priv::kUser);
        EXPECT_EQ(read(c).has_value(), mcounteren != 0 && scounteren != 0) << std::hex << c;
        // Other counters' enable bits do not matter.
        h.s.mcounteren = ~mcounteren & 0xffffffff;
        h.s.scounteren = ~scounteren & 0xffffffff;
        as(Priv::kSupervisor);
        EXPECT_EQ(read(c).has_value(), mcounteren == 0) << std::hex << c;
      }
    }
  }
  as(Priv::kMachine);
  // Only 32 bits of the enable registers exist.
  ASSERT_TRUE(write(csr::kMcounteren, ~0ULL));
  EXPECT_EQ(*read(csr::kMcounteren), 0xffffffffU);
  ASSERT_TRUE(write(csr::kScounteren, ~0ULL));
  EXPECT_EQ(*read(csr::kScounteren), 0xffffffffU);
}

TEST_F(HartCsr, TimeReadsTheClock) {
  const uint64_t before = m.clock().now();
  const uint64_t time = *read(csr::kTime);
  const uint64_t after = m.clock().now();
  EXPECT_GE(time, before);
  EXPECT_LE(time, after);
}

// The value written to minstret or mcycle is what the next instruction reads: the writing
// instruction's own increment is suppressed (Zicsr, section 9.1 / privileged 3.1.11).
TEST_F(HartCsr, MinstretAndMcycleWritesAccountForTheBlock) {
  // As an engine does it: the CSR instruction is the 4th of its block (3 retired before it), and
  // the engine adds index + 1 once the block ends.
  ASSERT_TRUE(h.csr_write(csr::kMinstret, 1000, 3));
  h.s.instret += 3 + 1;
  EXPECT_EQ(*read(csr::kMinstret), 1000U);
  EXPECT_EQ(*read(csr::kInstret), 1000U);
  ASSERT_TRUE(h.csr_write(csr::kMcycle, 5000, 7));
  h.s.instret += 7 + 1;
  EXPECT_EQ(*read(csr::kMcycle), 5000U);
  EXPECT_EQ(*read(csr::kCycle), 5000U);
  // Reads inside a block see the instructions retired earlier in it.
  uint64_t v = 0;
  ASSERT_TRUE(h.csr_read(csr::kMinstret, v, 5));
  EXPECT_EQ(v, 1000U + 8 + 5);
}

TEST_F(HartCsr, MinstretAndMcycleWritesThroughInstructions) {
  const uint64_t code = kRamBase;
  std::vector<uint32_t> p;
  p.push_back(rv::nop());
  p.push_back(rv::nop());
  rv::li(p, t0, 1000);
  p.push_back(rv::csrw(csr::kMinstret, t0));
  p.push_back(rv::csrr(a0, csr::kMinstret));  // reads 1000
  p.push_back(rv::nop());
  p.push_back(rv::csrr(a1, csr::kMinstret));  // reads 1002
  rv::li(p, t0, 70000);
  p.push_back(rv::csrw(csr::kMcycle, t0));
  p.push_back(rv::csrr(a2, csr::kMcycle));  // reads 70000
  p.push_back(rv::csrr(a3, csr::kMcycle));  // reads 70001
  // A minstret write must not move mcycle: they are independent counters.
  p.push_back(rv::csrw(csr::kMinstret, zero));
  p.push_back(rv::csrr(a4, csr::kMcycle));  // reads 70003 (one cycle per instruction)
  p.push_back(rv::csrr(a5, csr::kMinstret));
  p.push_back(rv::jal(zero, 0));
  const uint64_t end = m.place(code, p) - 4;
  // minstret is rewritten on the way, so run to the final self-loop rather than by count.
  m.run_until(end);
  EXPECT_EQ(h.s.x[a0], 1000U);
  EXPECT_EQ(h.s.x[a1], 1002U);
  EXPECT_EQ(h.s.x[a2], 70000U);
  EXPECT_EQ(h.s.x[a3], 70001U);
  EXPECT_EQ(h.s.x[a4], 70003U);
  EXPECT_EQ(h.s.x[a5], 1U);
}

// --- satp (section 4.1.11) ---

TEST_F(HartCsr, SatpIgnoresWritesWithUnsupportedModes) {
  const uint64_t sv39 = (8ULL << 60) | (0x1234ULL << 44) | 0x80123;
  ASSERT_TRUE(write(csr::kSatp, sv39));
  EXPECT_EQ(*read(csr::kSatp), sv39);
  for (uint64_t mode = 1; mode < 16; ++mode) {
    if (mode >= 8 && mode <= 10) continue;
    ASSERT_TRUE(write(csr::kSatp, (mode << 60) | 0x999));
    EXPECT_EQ(*read(csr::kSatp), sv39) << mode;  // the whole write has no effect
  }
  for (const uint64_t mode : {9ULL, 10ULL, 0ULL}) {
    ASSERT_TRUE(write(csr::kSatp, (mode << 60) | 0x80555));
    EXPECT_EQ(*read(csr::kSatp) >> 60, mode);
  }
}

TEST_F(HartCsr, TvmTrapsSatpAndSfenceInSupervisorMode) {
  ASSERT_TRUE(write(csr::kMstatus, ms::kTVM));
  as(Priv::kSupervisor);
  EXPECT_FALSE(read(csr::kSatp).has_value());
  EXPECT_FALSE(write(csr::kSatp, 0));
  EXPECT_FALSE(h.sfence_allowed());
  as(Priv::kMachine);
  EXPECT_TRUE(read(csr::kSatp).has_value());
  EXPECT_TRUE(write(csr::kSatp, 0));
  EXPECT_TRUE(h.sfence_allowed());
  ASSERT_TRUE(write(csr::kMstatus, 0));
  as(Priv::kSupervisor);
  EXPECT_TRUE(read(csr::kSatp).has_value());
  EXPECT_TRUE(write(csr::kSatp, 0));
  EXPECT_TRUE(h.sfence_allowed());
  as(Priv::kUser);
  EXPECT_FALSE(h.sfence_allowed());
}

// --- trap vectors, epc, FP CSRs, PMP CSR numbering ---

TEST_F(HartCsr, TvecModeIsWarl) {
  for (const uint16_t tvec : {csr::kMtvec, csr::kStvec}) {
    const uint64_t base = 0x8000'1000;
    ASSERT_TRUE(write(tvec, base | 0));
    EXPECT_EQ(*read(tvec), base);
    ASSERT_TRUE(write(tvec, base | 1));
    EXPECT_EQ(*read(tvec), base | 1);
    // Modes 2 and 3 are reserved: whatever is kept must be a legal mode (0 or 1).
    ASSERT_TRUE(write(tvec, base | 2));
    EXPECT_LE(*read(tvec) & 3U, 1U);
    EXPECT_EQ(*read(tvec) & ~3ULL, base);
    ASSERT_TRUE(write(tvec, base | 3));
    EXPECT_LE(*read(tvec) & 3U, 1U);
    EXPECT_EQ(*read(tvec) & ~3ULL, base);
  }
}

TEST_F(HartCsr, EpcBitZeroIsAlwaysClear) {
  for (const uint16_t epc : {csr::kMepc, csr::kSepc}) {
    ASSERT_TRUE(write(epc, 0x8000'0003));
    EXPECT_EQ(*read(epc), 0x8000'0002U);  // IALIGN = 16: bit 1 stays
    ASSERT_TRUE(write(epc, ~0ULL));
    EXPECT_EQ(*read(epc), ~1ULL);
  }
}

TEST_F(HartCsr, FloatingPointCsrsNeedFsEnabled) {
  ASSERT_TRUE(write(csr::kMstatus, 0));  // FS = Off
  for (const uint16_t c : {csr::kFflags, csr::kFrm, csr::kFcsr}) {
    for (const Priv p : {Priv::kMachine, Priv::kSupervisor, Priv::kUser}) {
      as(p);
      EXPECT_FALSE(read(c).has_value()) << std::hex << c;
      EXPECT_FALSE(write(c, 0)) << std::hex << c;
    }
    as(Priv::kMachine);
  }
  ASSERT_TRUE(write(csr::kMstatus, 1ULL << ms::kFSShift));  // Initial
  as(Priv::kUser);                                          // fflags/frm/fcsr are user CSRs
  ASSERT_TRUE(write(csr::kFflags, 0xff));
  EXPECT_EQ(*read(csr::kFflags), 0x1fU);
  EXPECT_EQ(mread(csr::kMstatus) & ms::kFS, ms::kFS);  // a write makes the state Dirty
  EXPECT_NE(mread(csr::kMstatus) & ms::kSD, 0U);
  ASSERT_TRUE(write(csr::kFrm, 0xff));
  EXPECT_EQ(*read(csr::kFrm), 7U);
  EXPECT_EQ(*read(csr::kFcsr), 0xffU);
  ASSERT_TRUE(write(csr::kFcsr, 0x123456));  // bits above 7 are not part of fcsr
  EXPECT_EQ(*read(csr::kFcsr), 0x56U);
  EXPECT_EQ(*read(csr::kFflags), 0x16U);
  EXPECT_EQ(*read(csr::kFrm), 2U);
}

TEST_F(HartCsr, OddPmpcfgRegistersDoNotExistOnRv64) {
  for (uint16_t c = csr::kPmpCfg0; c <= csr::kPmpCfg15; ++c) {
    const bool odd = (c & 1U) != 0;
    EXPECT_EQ(read(c).has_value(), !odd) << std::hex << c;
    EXPECT_EQ(write(c, 0), !odd) << std::hex << c;
  }
  // pmpcfg2 holds entries 8-15.
  ASSERT_TRUE(write(csr::kPmpCfg0 + 2, 0x0101010101010101ULL));
  EXPECT_EQ(h.s.pmp.cfg[8], 1U);
  EXPECT_EQ(h.s.pmp.cfg[15], 1U);
  EXPECT_EQ(h.s.pmp.cfg[7], 0U);
  // Entries beyond the 16 implemented are read-only zero.
  ASSERT_TRUE(write(csr::kPmpCfg0 + 4, ~0ULL));
  EXPECT_EQ(*read(csr::kPmpCfg0 + 4), 0U);
  ASSERT_TRUE(write(csr::kPmpAddr0 + 20, ~0ULL));
  EXPECT_EQ(*read(csr::kPmpAddr0 + 20), 0U);
  // pmpaddr holds bits 55:2 of an address: 54 bits.
  ASSERT_TRUE(write(csr::kPmpAddr0 + 3, ~0ULL));
  EXPECT_EQ(*read(csr::kPmpAddr0 + 3), (1ULL << 54) - 1);
}

TEST_F(HartCsr, EnvcfgWritableBits) {
  ASSERT_TRUE(write(csr::kMenvcfg, ~0ULL));
  const uint64_t menvcfg = *read(csr::kMenvcfg);
  EXPECT_EQ(menvcfg & kStce, kStce);
  EXPECT_EQ(menvcfg & 1U, 1U);  // FIOM
  as(Priv::kSupervisor);
  ASSERT_TRUE(write(csr::kSenvcfg, ~0ULL));
  EXPECT_EQ(*read(csr::kSenvcfg) & 1U, 1U);
  EXPECT_EQ(*read(csr::kSenvcfg) & kStce, 0U);  // senvcfg has no STCE
}

// --- Trap entry and xRET (sections 3.1.6.1, 3.3.2, 4.1.1) ---

TEST_F(HartCsr, ExceptionFromUserGoesToMachineWithoutDelegation) {
  h.s.mtvec = 0x8000'4001;  // vectored: exceptions still go to the base
  h.s.mstatus |= ms::kMIE | ms::kSIE;
  as(Priv::kUser);
  h.raise(Exception::kLoadPageFault, 0xdead'b000);
  h.take_exception(0x1234);
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.pc, 0x8000'4000U);
  EXPECT_EQ(h.s.mcause, cause(Exception::kLoadPageFault));
  EXPECT_EQ(h.s.mepc, 0x1234U);
  EXPECT_EQ(h.s.mtval, 0xdead'b000U);
  EXPECT_EQ(h.s.mstatus & ms::kMPP, 0U);
  EXPECT_NE(h.s.mstatus & ms::kMPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kMIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kSIE, 0U);  // S-level state untouched
  EXPECT_EQ(h.s.scause, 0U);

  // From S with MIE = 0: MPP = S and MPIE = 0.
  h.s.mstatus &= ~ms::kMIE;
  as(Priv::kSupervisor);
  h.raise(Exception::kBreakpoint, 0x42);
  h.take_exception(0x5678);
  EXPECT_EQ(h.s.mstatus & ms::kMPP, kMppS);
  EXPECT_EQ(h.s.mstatus & ms::kMPIE, 0U);
  EXPECT_EQ(h.s.mcause, cause(Exception::kBreakpoint));
  // From M: MPP = M.
  h.raise(Exception::kEcallFromM, 0);
  h.take_exception(0x9abc);
  EXPECT_EQ(h.s.mstatus & ms::kMPP, kMppM);
  EXPECT_EQ(h.s.mtval, 0U);
}

TEST_F(HartCsr, DelegatedExceptionGoesToSupervisor) {
  ASSERT_TRUE(write(csr::kMedeleg, 1ULL << cause(Exception::kEcallFromU) |
                                       1ULL << cause(Exception::kStorePageFault)));
  h.s.stvec = 0x8000'6001;
  h.s.mtvec = 0x8000'4000;
  h.s.mstatus |= ms::kSIE | ms::kMIE;
  h.s.mepc = 0x1111;
  as(Priv::kUser);
  h.raise(Exception::kEcallFromU, 0);
  h.take_exception(0x2000);
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.pc, 0x8000'6000U);
  EXPECT_EQ(h.s.scause, cause(Exception::kEcallFromU));
  EXPECT_EQ(h.s.sepc, 0x2000U);
  EXPECT_EQ(h.s.stval, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kSPP, 0U);  // came from U
  EXPECT_NE(h.s.mstatus & ms::kSPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kSIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kMIE, 0U);  // M-level state untouched
  EXPECT_EQ(h.s.mepc, 0x1111U);
  EXPECT_EQ(h.s.mcause, 0U);

  // From S, a delegated fault: SPP = S, SPIE = the (now clear) SIE.
  h.raise(Exception::kStorePageFault, 0x7000);
  h.take_exception(0x3000);
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.scause, cause(Exception::kStorePageFault));
  EXPECT_EQ(h.s.stval, 0x7000U);
  EXPECT_NE(h.s.mstatus & ms::kSPP, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kSPIE, 0U);

  // A cause not delegated goes to M even from S.
  h.raise(Exception::kLoadPageFault, 0x8000);
  h.take_exception(0x4000);
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.mcause, cause(Exception::kLoadPageFault));
  EXPECT_EQ(h.s.mstatus & ms::kMPP, kMppS);
}

TEST_F(HartCsr, ExceptionsInMachineModeAreNeverDelegated) {
  ASSERT_TRUE(write(csr::kMedeleg, ~0ULL));
  h.s.mtvec = 0x8000'4000;
  h.s.stvec = 0x8000'6000;
  h.raise(Exception::kIllegalInstruction, 0x13);
  h.take_exception(0x100);
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.pc, 0x8000'4000U);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.scause, 0U);
}

TEST_F(HartCsr, MretRestoresInterruptEnableAndPrivilege) {
  h.s.mepc = 0x8000'2000;
  h.s.mstatus = ms::kXlen64 | ms::kMPIE | kMppS | ms::kMPRV;
  ASSERT_TRUE(h.mret());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.pc, 0x8000'2000U);
  EXPECT_NE(h.s.mstatus & ms::kMIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kMPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kMPP, 0U);   // least-privileged mode: U
  EXPECT_EQ(h.s.mstatus & ms::kMPRV, 0U);  // returning below M clears MPRV

  // mret is illegal in S and U, and changes nothing.
  const uint64_t mstatus = h.s.mstatus;
  EXPECT_FALSE(h.mret());
  as(Priv::kUser);
  EXPECT_FALSE(h.mret());
  EXPECT_EQ(h.s.mstatus, mstatus);
  EXPECT_EQ(h.s.priv, Priv::kUser);

  // Returning to M keeps MPRV; MPIE = 0 gives MIE = 0.
  as(Priv::kMachine);
  h.s.mstatus = ms::kXlen64 | kMppM | ms::kMPRV | ms::kMIE;
  h.s.mepc = 0x8000'3000;
  ASSERT_TRUE(h.mret());
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_NE(h.s.mstatus & ms::kMPRV, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kMIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kMPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kMPP, 0U);

  // To U.
  h.s.mstatus = ms::kXlen64 | ms::kMPRV;
  ASSERT_TRUE(h.mret());
  EXPECT_EQ(h.s.priv, Priv::kUser);
  EXPECT_EQ(h.s.mstatus & ms::kMPRV, 0U);
}

TEST_F(HartCsr, SretRestoresInterruptEnableAndPrivilege) {
  as(Priv::kSupervisor);
  h.s.sepc = 0x4000;
  h.s.mstatus = ms::kXlen64 | ms::kSPIE | ms::kSPP | ms::kMPRV;
  ASSERT_TRUE(h.sret());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.pc, 0x4000U);
  EXPECT_NE(h.s.mstatus & ms::kSIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kSPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kSPP, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kMPRV, 0U);  // sret never returns to M: MPRV = 0

  // To U with SPIE = 0.
  h.s.mstatus = ms::kXlen64 | ms::kSIE;
  ASSERT_TRUE(h.sret());
  EXPECT_EQ(h.s.priv, Priv::kUser);
  EXPECT_EQ(h.s.mstatus & ms::kSIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kSPIE, 0U);

  // Illegal in U.
  EXPECT_FALSE(h.sret());
  EXPECT_EQ(h.s.priv, Priv::kUser);

  // TSR makes it illegal in S but not in M; M-mode sret with MPRV set clears it.
  as(Priv::kSupervisor);
  h.s.mstatus = ms::kXlen64 | ms::kTSR | ms::kSPP;
  EXPECT_FALSE(h.sret());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  as(Priv::kMachine);
  h.s.mstatus = ms::kXlen64 | ms::kTSR | ms::kSPP | ms::kMPRV;
  ASSERT_TRUE(h.sret());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.mstatus & ms::kMPRV, 0U);
}

TEST_F(HartCsr, XretThroughInstructionsAndTheirIllegalForms) {
  const uint64_t code = kRamBase;
  const uint64_t trap = kRamBase + 0x800;
  m.place(trap, {rv::jal(zero, 0)});
  h.s.mtvec = trap;
  m.allow_all_pmp();
  // mret in S traps as illegal with mtval = the instruction.
  m.place(code, {rv::mret()});
  h.s.pc = code;
  as(Priv::kSupervisor);
  m.run(1);
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, rv::mret());
  EXPECT_EQ(h.s.mepc, code);
  // sret in S with TSR.
  m.place(code, {rv::sret()});
  h.s.pc = code;
  h.s.mstatus |= ms::kTSR;
  as(Priv::kSupervisor);
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, rv::sret());
  // sret in U.
  h.s.mstatus &= ~ms::kTSR;
  h.s.pc = code;
  as(Priv::kUser);
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mstatus & ms::kMPP, 0U);
  // mret in M goes to mepc, counted as retired.
  m.place(code, {rv::mret()});
  h.s.pc = code;
  h.s.mepc = trap;
  h.s.mstatus = ms::kXlen64 | kMppM;
  const uint64_t instret = h.s.instret;
  m.run(1);
  EXPECT_EQ(h.s.pc, trap);
  EXPECT_EQ(h.s.instret, instret + 1);
}

// --- Interrupts (section 3.1.9) ---

class HartInterrupts : public HartCsr {
 protected:
  void SetUp() override {
    h.s.mtvec = 0x8000'4000;
    h.s.stvec = 0x8000'6000;
    h.s.pc = 0x8000'0100;
  }
  // Pending via mip's software bits and the external lines.
  void pend(uint64_t bits) {
    h.s.mip |= bits & (mip::kSSIP | mip::kSTIP | mip::kSEIP);
    h.raise_external(bits & (mip::kMSIP | mip::kMEIP));
    if ((bits & mip::kMTIP) != 0) {
      h.s.mtimecmp = 0;
      h.update_timers();
    }
  }
  void unpend(uint64_t bits) {
    h.s.mip &= ~(bits & (mip::kSSIP | mip::kSTIP | mip::kSEIP));
    h.lower_external(bits & (mip::kMSIP | mip::kMEIP));
    if ((bits & mip::kMTIP) != 0) {
      h.s.mtimecmp = ~0ULL;
      h.update_timers();
    }
  }
  // Returns to `p` with the given global enables and pc, as after an xRET.
  void enter(Priv p, uint64_t enables) {
    h.s.mstatus = ms::kXlen64 | enables;
    h.s.pc = 0x8000'0100;
    as(p);
  }
};

TEST_F(HartInterrupts, MachineInterruptsAreAlwaysEnabledBelowMachineMode) {
  h.s.mie = mip::kMTIP;
  pend(mip::kMTIP);
  for (const Priv p : {Priv::kSupervisor, Priv::kUser}) {
    enter(p, 0);  // MIE = 0 does not matter below M
    ASSERT_TRUE(h.take_interrupt()) << static_cast<int>(p);
    EXPECT_EQ(h.s.priv, Priv::kMachine);
    EXPECT_EQ(h.s.mcause, irq_cause(Interrupt::kMachineTimer));
    EXPECT_EQ(h.s.mepc, 0x8000'0100U);
    EXPECT_EQ(h.s.mtval, 0U);
    EXPECT_EQ(h.s.pc, 0x8000'4000U);
    EXPECT_EQ((h.s.mstatus & ms::kMPP) >> ms::kMPPShift, static_cast<uint64_t>(p));
  }
  // In M it needs MIE.
  enter(Priv::kMachine, 0);
  EXPECT_FALSE(h.take_interrupt());
  EXPECT_EQ(h.s.pc, 0x8000'0100U);
  enter(Priv::kMachine, ms::kMIE);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.mstatus & ms::kMIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kMPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kMPP, kMppM);
  // Not enabled in mie: never taken.
  h.s.mie = 0;
  enter(Priv::kUser, ms::kMIE);
  EXPECT_FALSE(h.take_interrupt());
}

TEST_F(HartInterrupts, DelegatedInterruptsAreNeverTakenInMachineMode) {
  h.s.mideleg = mip::kSupervisorMask;
  h.s.mie = mip::kSupervisorMask;
  pend(mip::kSupervisorMask);
  enter(Priv::kMachine, ms::kMIE | ms::kSIE);
  EXPECT_FALSE(h.take_interrupt());
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.pc, 0x8000'0100U);
}

TEST_F(HartInterrupts, DelegatedInterruptsNeedSieInSupervisorButNotInUser) {
  h.s.mideleg = mip::kSSIP;
  h.s.mie = mip::kSSIP;
  pend(mip::kSSIP);
  enter(Priv::kSupervisor, ms::kMIE);
  EXPECT_FALSE(h.take_interrupt());
  enter(Priv::kSupervisor, ms::kSIE);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.scause, irq_cause(Interrupt::kSupervisorSoftware));
  EXPECT_EQ(h.s.sepc, 0x8000'0100U);
  EXPECT_EQ(h.s.pc, 0x8000'6000U);
  EXPECT_NE(h.s.mstatus & ms::kSPP, 0U);
  EXPECT_NE(h.s.mstatus & ms::kSPIE, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kSIE, 0U);
  EXPECT_EQ(h.s.mcause, 0U);
  enter(Priv::kUser, 0);  // SIE = 0 does not matter below S
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.mstatus & ms::kSPP, 0U);
  EXPECT_EQ(h.s.mstatus & ms::kSPIE, 0U);
}

TEST_F(HartInterrupts, MachinePriorityOrder) {
  h.s.mie = mip::kAll;
  const std::vector<std::pair<uint64_t, Interrupt>> order = {
      {mip::kMEIP, Interrupt::kMachineExternal},    {mip::kMSIP, Interrupt::kMachineSoftware},
      {mip::kMTIP, Interrupt::kMachineTimer},       {mip::kSEIP, Interrupt::kSupervisorExternal},
      {mip::kSSIP, Interrupt::kSupervisorSoftware}, {mip::kSTIP, Interrupt::kSupervisorTimer}};
  pend(mip::kAll);
  for (const auto& [bit, irq] : order) {
    enter(Priv::kSupervisor, 0);
    ASSERT_TRUE(h.take_interrupt());
    EXPECT_EQ(h.s.mcause, irq_cause(irq));
    unpend(bit);
  }
  enter(Priv::kSupervisor, 0);
  EXPECT_FALSE(h.take_interrupt());
}

TEST_F(HartInterrupts, SupervisorPriorityOrder) {
  h.s.mideleg = mip::kSupervisorMask;
  h.s.mie = mip::kSupervisorMask;
  const std::vector<std::pair<uint64_t, Interrupt>> order = {
      {mip::kSEIP, Interrupt::kSupervisorExternal},
      {mip::kSSIP, Interrupt::kSupervisorSoftware},
      {mip::kSTIP, Interrupt::kSupervisorTimer}};
  pend(mip::kSupervisorMask);
  for (const auto& [bit, irq] : order) {
    enter(Priv::kUser, 0);
    ASSERT_TRUE(h.take_interrupt());
    EXPECT_EQ(h.s.scause, irq_cause(irq));
    unpend(bit);
  }
}

TEST_F(HartInterrupts, MachineTargetedInterruptsBeatDelegatedOnes) {
  // SEI is delegated, STI is not: STI goes to M and is taken first, although SEI outranks it
  // within one privilege level.
  h.s.mideleg = mip::kSEIP;
  h.s.mie = mip::kSEIP | mip::kSTIP;
  pend(mip::kSEIP | mip::kSTIP);
  enter(Priv::kSupervisor, ms::kSIE);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.mcause, irq_cause(Interrupt::kSupervisorTimer));
  unpend(mip::kSTIP);
  enter(Priv::kSupervisor, ms::kSIE);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.scause, irq_cause(Interrupt::kSupervisorExternal));
}

TEST_F(HartInterrupts, VectoredModeAppliesToInterruptsOnly) {
  h.s.mtvec = 0x8000'4001;
  h.s.stvec = 0x8000'6001;
  h.s.mie = mip::kMEIP | mip::kMTIP;
  pend(mip::kMTIP);
  enter(Priv::kSupervisor, 0);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.pc, 0x8000'4000U + 4 * 7);
  unpend(mip::kMTIP);
  pend(mip::kMEIP);
  enter(Priv::kUser, 0);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.pc, 0x8000'4000U + 4 * 11);
  unpend(mip::kMEIP);
  // Delegated, to stvec.
  h.s.mideleg = mip::kSSIP;
  h.s.mie = mip::kSSIP;
  pend(mip::kSSIP);
  enter(Priv::kUser, 0);
  ASSERT_TRUE(h.take_interrupt());
  EXPECT_EQ(h.s.pc, 0x8000'6000U + 4 * 1);
  // Exceptions go to the base.
  enter(Priv::kUser, 0);
  h.raise(Exception::kEcallFromU, 0);
  h.take_exception(0x100);
  EXPECT_EQ(h.s.pc, 0x8000'4000U);
}

TEST_F(HartInterrupts, WfiRules) {
  for (const uint64_t tw : {uint64_t{0}, ms::kTW}) {
    h.s.mstatus = ms::kXlen64 | tw;
    as(Priv::kMachine);
    EXPECT_TRUE(h.wfi_allowed());  // TW does not apply to M
    as(Priv::kSupervisor);
    EXPECT_EQ(h.wfi_allowed(), tw == 0);
    as(Priv::kUser);  // S-mode exists, so WFI in U is illegal
    EXPECT_FALSE(h.wfi_allowed());
  }
}

}  // namespace
}  // namespace strata::test
