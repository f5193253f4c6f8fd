// The reference interpreter running small hand-assembled programs: x0, retirement counting, traps
// with their causes and tvals, self-modifying code, page-straddling instructions, exact
// instruction limits, and timer interrupts with WFI.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "test_machine.h"

namespace strata::test {
namespace {

using cpu::Exception;
using cpu::Interrupt;
using cpu::Priv;
using exec::StopReason;
namespace csr = cpu::csr;
namespace ms = cpu::mstatus;
namespace mip = cpu::mip;

constexpr uint64_t kCode = kRamBase;
constexpr uint64_t kTrap = kRamBase + 0x8000;  // the M-mode trap vector: a self-loop

class Interp : public ::testing::Test {
 protected:
  void SetUp() override {
    m.place(kTrap, {rv::jal(zero, 0)});
    h.s.mtvec = kTrap;
    h.s.pc = kCode;
  }

  TestMachine m;
  cpu::Hart& h = m.hart();
};

TEST_F(Interp, X0StaysZero) {
  const std::vector<uint32_t> p = {
      rv::addi(zero, zero, 5),
      rv::lui(zero, 0x12345),
      rv::add(zero, a5, a5),
      rv::ld(zero, s0, 0),
      rv::csrrs(zero, csr::kMscratch, zero),
      rv::addi(a0, zero, 0),  // reads x0
      rv::jal(zero, 8),       // no link: x0 stays 0
      rv::nop(),
      (uint32_t{rv::c_nop()} << 16) | rv::c_li(zero, 9),  // c.li x0 is a HINT
      rv::addi(a1, zero, 0),
      rv::jal(zero, 0),
  };
  m.place(kCode, p);
  h.s.x[a0] = h.s.x[a1] = 0x5555;
  h.s.x[a5] = 21;
  h.s.x[s0] = kRamBase + 0x100;
  h.s.mscratch = 0x77;
  EXPECT_EQ(m.run(10), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.pc, kCode + 4 * (p.size() - 1));
  EXPECT_EQ(h.s.x[0], 0U);
  EXPECT_EQ(h.s.x[a0], 0U);
  EXPECT_EQ(h.s.x[a1], 0U);
  EXPECT_EQ(h.s.instret, 10U);  // the skipped nop did not run; c.li and c.nop did
}

TEST_F(Interp, InstretIsExactAcrossBlocksAndTraps) {
  const uint64_t handler = kCode + 0x400;
  const std::vector<uint32_t> p = {
      rv::addi(a0, zero, 3),         // 1
      rv::addi(a0, a0, -1),          // 3 times
      rv::bne(a0, zero, -4),         // 3 times
      rv::ecall(),                   // traps: not retired
      rv::addi(a1, zero, 7),         // 1
      rv::csrr(a2, csr::kMinstret),  // reads 1 + 6 + 4 (handler) + 1 = 12
      rv::csrr(a3, csr::kInstret),   // 13
      rv::jal(zero, 0),
  };
  m.place(kCode, p);
  m.place(handler,
          {rv::csrr(t0, csr::kMepc), rv::addi(t0, t0, 4), rv::csrw(csr::kMepc, t0), rv::mret()});
  h.s.mtvec = handler;
  EXPECT_EQ(m.run(14), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.pc, kCode + 4 * 7);
  EXPECT_EQ(h.s.x[a2], 12U);
  EXPECT_EQ(h.s.x[a3], 13U);
  EXPECT_EQ(h.s.instret, 14U);
  EXPECT_EQ(h.s.mcause, cause(Exception::kEcallFromM));
  EXPECT_EQ(h.s.mepc, kCode + 4 * 4);  // mepc as the handler left it
}

TEST_F(Interp, RunLimitStopsExactly) {
  std::vector<uint32_t> p(50, rv::addi(a0, a0, 1));
  p.push_back(rv::jal(zero, 0));
  m.place(kCode, p);
  EXPECT_EQ(m.run(7), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.instret, 7U);
  EXPECT_EQ(h.s.x[a0], 7U);
  EXPECT_EQ(h.s.pc, kCode + 28);
  EXPECT_EQ(m.run(20), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.instret, 27U);
  EXPECT_EQ(h.s.x[a0], 27U);
  EXPECT_EQ(h.s.pc, kCode + 27 * 4);
  EXPECT_EQ(m.run(0), StopReason::kInstructionLimit);  // nothing runs
  EXPECT_EQ(h.s.instret, 27U);
  EXPECT_EQ(m.run(100), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.instret, 127U);
  EXPECT_EQ(h.s.x[a0], 50U);
  EXPECT_EQ(h.s.pc, kCode + 50 * 4);
  // One at a time, the same program gives the same result.
  TestMachine single;
  single.place(kCode, p);
  single.s().pc = kCode;
  for (int i = 0; i < 27; ++i) single.run(1);
  EXPECT_EQ(single.s().instret, 27U);
  EXPECT_EQ(single.s().x[a0], 27U);
  EXPECT_EQ(single.s().pc, kCode + 27 * 4);
}

TEST_F(Interp, IllegalInstructionsTrapWithTheirBits) {
  // A 32-bit illegal instruction (custom-0 opcode).
  constexpr uint32_t kCustom = 0x1234'500b;
  m.place(kCode, {rv::nop(), kCustom});
  m.run(2);  // the nop, then the trap vector's jump
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, kCustom);
  EXPECT_EQ(h.s.mepc, kCode + 4);
  EXPECT_EQ(h.s.instret, 2U);  // the illegal one did not retire

  // A reserved compressed encoding (c.lwsp with rd = x0): tval holds its 16 bits only.
  m.poke<uint16_t>(kCode + 0x100, 0x4002);
  m.poke<uint16_t>(kCode + 0x102, 0xffff);
  h.s.pc = kCode + 0x100;
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, 0x4002U);
  EXPECT_EQ(h.s.mepc, kCode + 0x100);

  // c.addi4spn with a zero immediate is reserved too.
  m.poke<uint16_t>(kCode + 0x200, rv::c_nop());
  m.poke<uint16_t>(kCode + 0x202, 0x001c);
  m.poke<uint16_t>(kCode + 0x204, 0x1234);
  h.s.pc = kCode + 0x200;
  m.run(2);
  EXPECT_EQ(h.s.mtval, 0x001cU);
  EXPECT_EQ(h.s.mepc, kCode + 0x202);

  // An illegal CSR access from U-mode.
  m.allow_all_pmp();
  m.place(kCode + 0x300, {rv::csrr(a0, csr::kMstatus)});
  h.s.pc = kCode + 0x300;
  h.set_priv(Priv::kUser);
  m.run(1);
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, rv::csrr(a0, csr::kMstatus));
  EXPECT_EQ(h.s.mstatus & ms::kMPP, 0U);
}

TEST_F(Interp, EcallCausesPerPrivilege) {
  m.allow_all_pmp();
  m.place(kCode, {rv::ecall()});
  struct Case {
    Priv priv;
    Exception expected;
  };
  for (const Case c : {Case{Priv::kMachine, Exception::kEcallFromM},
                       Case{Priv::kSupervisor, Exception::kEcallFromS},
                       Case{Priv::kUser, Exception::kEcallFromU}}) {
    h.s.pc = kCode;
    h.set_priv(c.priv);
    const uint64_t instret = h.s.instret;
    m.run(1);
    EXPECT_EQ(h.s.priv, Priv::kMachine);
    EXPECT_EQ(h.s.mcause, cause(c.expected));
    EXPECT_EQ(h.s.mepc, kCode);
    EXPECT_EQ(h.s.mtval, 0U);
    EXPECT_EQ(h.s.instret, instret + 1);  // only the trap vector's jump retired
    EXPECT_EQ((h.s.mstatus & ms::kMPP) >> ms::kMPPShift, static_cast<uint64_t>(c.priv));
  }
  // Delegated: ecall from U to S.
  const uint64_t strap = kRamBase + 0x9000;
  m.place(strap, {rv::jal(zero, 0)});
  h.s.stvec = strap;
  h.s.medeleg = 1U << 8;
  h.s.pc = kCode;
  h.set_priv(Priv::kUser);
  m.run(1);
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
  EXPECT_EQ(h.s.scause, cause(Exception::kEcallFromU));
  EXPECT_EQ(h.s.sepc, kCode);
  EXPECT_EQ(h.s.pc, strap);
  // ebreak: cause 3, tval 0 or the pc.
  m.place(kCode, {rv::ebreak()});
  h.s.pc = kCode;
  h.set_priv(Priv::kMachine);
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kBreakpoint));
  EXPECT_TRUE(h.s.mtval == 0 || h.s.mtval == kCode);
  EXPECT_EQ(h.s.mepc, kCode);
}

// Store a new instruction over one that already ran (and so sits in the decoded-code cache),
// then jump to it: the new one runs. With `write_first`, the program stores to the code's page
// before the code is first decoded, so the hart holds a cached write permission for the page.
void self_modifying(TestMachine& m, uint64_t func, bool write_first = false) {
  std::vector<uint32_t> p;
  rv::li(p, t0, func);
  rv::li(p, t1, rv::addi(a0, zero, 2));
  if (write_first) p.push_back(rv::sd(zero, t0, 0x400));
  p.push_back(rv::jalr(ra, t0, 0));  // a0 = 1
  p.push_back(rv::mv(s0, a0));
  p.push_back(rv::sw(t1, t0, 0));    // rewrite func's first instruction
  p.push_back(rv::jalr(ra, t0, 0));  // a0 = 2
  p.push_back(rv::mv(s1, a0));
  p.push_back(rv::jal(zero, 0));
  const uint64_t end = m.place(kCode, p) - 4;
  m.place(func, {rv::addi(a0, zero, 1), rv::jalr(zero, ra, 0)});
  m.s().pc = kCode;
  m.run_until(end);
  EXPECT_EQ(m.s().x[s0], 1U);
  EXPECT_EQ(m.s().x[s1], 2U);
  EXPECT_EQ(m.peek<uint32_t>(func), rv::addi(a0, zero, 2));
}

TEST_F(Interp, SelfModifyingCodeOnAnotherPage) {
  self_modifying(m, kCode + 0x3000);
}

TEST_F(Interp, SelfModifyingCodeOnTheSamePage) {
  self_modifying(m, kCode + 0x100);
}

TEST_F(Interp, SelfModifyingCodeOnAPageWrittenBeforeItWasDecoded) {
  self_modifying(m, kCode + 0x3000, true);
}

TEST_F(Interp, SelfModifyingCodeInTheSameBlockAfterFenceI) {
  std::vector<uint32_t> p;
  rv::li(p, t1, rv::addi(a0, zero, 2));
  p.push_back(rv::auipc(t0, 0));
  const auto patched = static_cast<int32_t>(3 * 4);  // auipc, sw, fence.i, then the target
  p.push_back(rv::sw(t1, t0, patched));
  p.push_back(rv::fence_i());
  p.push_back(rv::addi(a0, zero, 1));  // replaced before it runs
  p.push_back(rv::jal(zero, 0));
  const uint64_t end = m.place(kCode, p) - 4;
  m.run_until(end);
  EXPECT_EQ(h.s.x[a0], 2U);
  // Again, with the whole page decoded from the first run.
  m.place(end - 4, {rv::addi(a0, zero, 1)});
  h.s.x[a0] = 0;
  h.s.pc = kCode;
  m.run_until(end);
  EXPECT_EQ(h.s.x[a0], 2U);
}

TEST_F(Interp, StoresFromAnotherAgentInvalidateDecodedCode) {
  // A loader or DMA write (GuestRam::write) over code that has been decoded.
  m.place(kCode, {rv::addi(a0, zero, 1), rv::jal(zero, 0)});
  m.run(1);
  EXPECT_EQ(h.s.x[a0], 1U);
  m.place(kCode, {rv::addi(a0, zero, 3)});
  h.s.pc = kCode;
  m.run(1);
  EXPECT_EQ(h.s.x[a0], 3U);
}

// Code around a page boundary: c.li, addi, c.nop, then a 32-bit addi whose halves lie on two
// pages, then a jump-to-self.
void place_straddling(TestMachine& m, uint64_t low_page, uint64_t high_page) {
  m.poke<uint16_t>(low_page + 0xff6, rv::c_li(a0, 5));
  m.poke<uint32_t>(low_page + 0xff8, rv::addi(a1, a0, 1));
  m.poke<uint16_t>(low_page + 0xffc, rv::c_nop());
  const uint32_t straddler = rv::addi(a2, a1, 10);
  m.poke<uint16_t>(low_page + 0xffe, static_cast<uint16_t>(straddler));
  m.poke<uint16_t>(high_page, static_cast<uint16_t>(straddler >> 16));
  m.poke<uint32_t>(high_page + 2, rv::jal(zero, 0));
}

TEST_F(Interp, InstructionStraddlingAPageBoundaryExecutes) {
  const uint64_t page = kRamBase + 0x4000;
  place_straddling(m, page, page + 0x1000);
  h.s.pc = page + 0xff6;
  EXPECT_EQ(m.run(4), StopReason::kInstructionLimit);
  EXPECT_EQ(h.s.pc, page + 0x1002);
  EXPECT_EQ(h.s.x[a0], 5U);
  EXPECT_EQ(h.s.x[a1], 6U);
  EXPECT_EQ(h.s.x[a2], 16U);
  EXPECT_EQ(h.s.instret, 4U);
  // Run it again: the second time, earlier instructions come from the decoded-code cache.
  h.s.pc = page + 0xff6;
  h.s.x[a2] = 0;
  m.run_until(page + 0x1002);
  EXPECT_EQ(h.s.x[a2], 16U);
  // Rewrite the upper half only: the straddling instruction must see it.
  const uint32_t replacement = rv::addi(a2, a1, 100);
  ASSERT_EQ(static_cast<uint16_t>(replacement), static_cast<uint16_t>(rv::addi(a2, a1, 10)));
  m.poke<uint16_t>(page + 0x1000, static_cast<uint16_t>(replacement >> 16));
  h.s.pc = page + 0xff6;
  m.run_until(page + 0x1002);
  EXPECT_EQ(h.s.x[a2], 106U);
}

TEST_F(Interp, StraddlingInstructionWithPagingUsesBothTranslations) {
  m.allow_all_pmp();
  PageTables pt(m, 3, kRamBase + 0x10'0000);
  const uint64_t va = 0x4000'0000;
  const uint64_t low = kRamBase + 0x25'0000;
  const uint64_t high = kRamBase + 0x21'0000;  // physically below and apart
  pt.map(va, low, pte::kX | pte::kA);
  pt.map(va + 0x1000, high, pte::kX | pte::kA);
  place_straddling(m, low, high);
  h.s.satp = pt.satp();
  h.flush_tlb();
  h.set_priv(Priv::kSupervisor);
  h.s.pc = va + 0xff6;
  m.run_until(va + 0x1002);
  EXPECT_EQ(h.s.x[a2], 16U);
  // With the second page unmapped: a fetch page fault at the second half, mepc at the start.
  m.poke<uint64_t>(pt.leaf_slot(va + 0x1000, 0), 0);
  h.flush_tlb();
  h.s.pc = va + 0xff6;
  h.s.x[a1] = h.s.x[a2] = 0;
  const uint64_t instret = h.s.instret;
  m.run(4);  // c.li, addi, c.nop retire; the straddler faults; the vector's jump retires
  EXPECT_EQ(h.s.priv, Priv::kMachine);
  EXPECT_EQ(h.s.mcause, cause(Exception::kInstructionPageFault));
  EXPECT_EQ(h.s.mepc, va + 0xffe);
  EXPECT_EQ(h.s.mtval, va + 0x1000);
  EXPECT_EQ(h.s.x[a1], 6U);
  EXPECT_EQ(h.s.x[a2], 0U);
  EXPECT_EQ(h.s.instret, instret + 4);
}

// --- Timer interrupts and WFI ---

std::vector<uint32_t> timer_handler() {
  return {rv::csrr(s0, csr::kMcause), rv::csrr(s1, csr::kMepc),
          rv::addi(t0, zero, static_cast<int32_t>(mip::kMTIP)),
          rv::csrrc(zero, csr::kMie, t0),  // no second interrupt
          rv::jal(zero, 0)};
}

TEST_F(Interp, TimerInterruptIsTakenWhenEnabled) {
  const uint64_t handler = kRamBase + 0x400;
  m.place(handler, timer_handler());
  h.s.mtvec = handler;
  const std::vector<uint32_t> p = {
      rv::addi(t0, zero, static_cast<int32_t>(mip::kMTIP)),
      rv::csrrs(zero, csr::kMie, t0),
      rv::csrrsi(zero, csr::kMstatus, static_cast<unsigned>(ms::kMIE)),
      rv::addi(a0, a0, 1),  // loop
      rv::jal(zero, -4),
  };
  m.place(kCode, p);
  h.s.mtimecmp = m.clock().now() + 1000;  // 100 us from now
  const auto start = std::chrono::steady_clock::now();
  while (h.s.x[s0] == 0 && std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
    m.run(10'000);
  }
  EXPECT_EQ(h.s.x[s0], irq_cause(Interrupt::kMachineTimer));
  EXPECT_TRUE(h.s.x[s1] == kCode + 12 || h.s.x[s1] == kCode + 16) << std::hex << h.s.x[s1];
  EXPECT_GT(h.s.x[a0], 0U);
  EXPECT_GE(m.clock().now(), h.s.mtimecmp);
  EXPECT_EQ(h.s.mstatus & ms::kMIE, 0U);
  EXPECT_NE(h.s.mstatus & ms::kMPIE, 0U);

  // Not enabled in mie: the loop just runs.
  TestMachine quiet;
  quiet.place(kCode, {rv::addi(a0, a0, 1), rv::jal(zero, -4)});
  quiet.s().pc = kCode;
  quiet.s().mstatus |= ms::kMIE;
  quiet.s().mtimecmp = 0;
  quiet.s().mtvec = kRamBase + 0x400;
  quiet.run(5000);
  EXPECT_EQ(quiet.s().mcause, 0U);
  EXPECT_EQ(quiet.s().x[a0], 2500U);
}

TEST_F(Interp, WfiWakesForTheTimerInterrupt) {
  const uint64_t handler = kRamBase + 0x400;
  m.place(handler, timer_handler());
  h.s.mtvec = handler;
  m.place(kCode,
          {rv::addi(t0, zero, static_cast<int32_t>(mip::kMTIP)), rv::csrrs(zero, csr::kMie, t0),
           rv::csrrsi(zero, csr::kMstatus, static_cast<unsigned>(ms::kMIE)), rv::wfi(),
           rv::addi(a1, zero, 1), rv::jal(zero, 0)});
  h.s.mtimecmp = m.clock().now() + 20'000;  // 2 ms from now
  const auto start = std::chrono::steady_clock::now();
  m.run(8);  // 4 instructions, the interrupt, the handler's 5
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1));
  EXPECT_EQ(h.s.x[s0], irq_cause(Interrupt::kMachineTimer));
  EXPECT_EQ(h.s.x[s1], kCode + 16);  // the instruction after WFI
  EXPECT_EQ(h.s.x[a1], 0U);
  EXPECT_GE(m.clock().now(), h.s.mtimecmp);
}

TEST_F(Interp, WfiWakesWithInterruptsGloballyDisabled) {
  // mie.MTIE set, mstatus.MIE clear: WFI resumes, but no trap is taken.
  m.place(kCode,
          {rv::addi(t0, zero, static_cast<int32_t>(mip::kMTIP)), rv::csrrs(zero, csr::kMie, t0),
           rv::wfi(), rv::addi(a1, zero, 1), rv::jal(zero, 0)});
  h.s.mtimecmp = m.clock().now() + 10'000;
  m.run_until(kCode + 16);
  EXPECT_EQ(h.s.x[a1], 1U);
  EXPECT_EQ(h.s.mcause, 0U);
  EXPECT_GE(m.clock().now(), h.s.mtimecmp);
}

TEST_F(Interp, WfiLegalityByPrivilege) {
  m.allow_all_pmp();
  m.place(kCode, {rv::wfi(), rv::addi(a1, zero, 1), rv::jal(zero, 0)});
  // U-mode: illegal.
  h.set_priv(Priv::kUser);
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  EXPECT_EQ(h.s.mtval, rv::wfi());
  EXPECT_EQ(h.s.mepc, kCode);
  // S-mode with TW: illegal.
  h.s.mcause = 0;
  h.s.pc = kCode;
  h.s.mstatus |= ms::kTW;
  h.set_priv(Priv::kSupervisor);
  m.run(1);
  EXPECT_EQ(h.s.mcause, cause(Exception::kIllegalInstruction));
  // S-mode without TW, with an interrupt already pending and locally enabled (but SIE clear):
  // WFI completes at once and execution continues.
  h.s.mcause = 0;
  h.s.pc = kCode;
  h.s.mstatus &= ~(ms::kTW | ms::kSIE);
  h.s.mideleg = mip::kSSIP;
  h.s.mie = mip::kSSIP;
  h.s.mip = mip::kSSIP;
  h.set_priv(Priv::kSupervisor);
  m.run_until(kCode + 8);
  EXPECT_EQ(h.s.mcause, 0U);
  EXPECT_EQ(h.s.scause, 0U);
  EXPECT_EQ(h.s.x[a1], 1U);
  EXPECT_EQ(h.s.priv, Priv::kSupervisor);
}

}  // namespace
}  // namespace strata::test
