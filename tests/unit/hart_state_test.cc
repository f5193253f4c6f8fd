// Saving and restoring a hart's architectural state: complete, byte-stable, bit-exact on resume,
// and refusing malformed streams cleanly.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <span>
#include <vector>

#include "state/stream.h"
#include "test_machine.h"

namespace strata::test {
namespace {

using cpu::HartState;
using cpu::Priv;
namespace ms = cpu::mstatus;
namespace mip = cpu::mip;

// Header of a state section: tag, version, payload length.
constexpr size_t kHeaderBytes = 4 + 4 + 8;
// Offset of the privilege byte: header, x0-x31, f0-f31, pc.
constexpr size_t kPrivOffset = kHeaderBytes + 32 * 8 + 32 * 8 + 8;

// Every field of the hart set to a legal value distinct from its neighbours.
void fill(cpu::Hart& hart) {
  HartState& s = hart.s;
  for (unsigned i = 1; i < 32; ++i) s.x[i] = 0x1000'0000'0000'0000ULL + i * 0x1111;
  for (unsigned i = 0; i < 32; ++i) s.f[i] = 0xffff'ffff'0000'0000ULL + i * 0x2222;
  s.pc = 0x8000'1234;
  s.fflags = 0x15;
  s.frm = 3;
  s.hartid = 0x42;
  s.mstatus = ms::kXlen64 | ms::kSIE | ms::kSPIE | ms::kSPP | (1ULL << ms::kMPPShift) |
              (1ULL << ms::kFSShift) | ms::kSUM | ms::kTW;
  s.medeleg = 0xb1ff;
  s.mideleg = mip::kSSIP | mip::kSTIP;
  s.mie = mip::kMTIP | mip::kSSIP;
  s.mip = mip::kSEIP;
  s.mtvec = 0x8000'0101;
  s.mcounteren = 0x7;
  s.menvcfg = 1;
  s.mscratch = 0x1111'0001;
  s.mepc = 0x1111'0002;
  s.mcause = 0x1111'0003;
  s.mtval = 0x1111'0004;
  s.stvec = 0x1111'0005 & ~2ULL;
  s.scounteren = 0x5;
  s.senvcfg = 1;
  s.sscratch = 0x1111'0006;
  s.sepc = 0x1111'0008;
  s.scause = 0x1111'0009;
  s.stval = 0x1111'000a;
  s.satp = (8ULL << 60) | 0x8'0123;
  s.stimecmp = 0x1111'000b;
  s.mtimecmp = 0x1111'000c;
  s.instret = 0x1111'000d;
  s.cycle_offset = 0x1111'000e;
  for (unsigned i = 0; i < cpu::kPmpEntries; ++i) {
    static constexpr uint8_t kCfg[] = {0x19, 0x1b, 0x1d, 0x0f};  // NAPOT R, RW, RX; TOR RWX
    s.pmp.cfg[i] = kCfg[i % 4];
    s.pmp.addr[i] = 0x2000'0000 + i * 0x100;
  }
  s.reservation_address = 0x1111'000f;
  s.reservation_value = 0x1111'0010;
  s.reservation_valid = true;
  s.mip_external.store(mip::kMEIP);
  hart.set_priv(Priv::kSupervisor);
}

std::vector<uint8_t> save(const cpu::Hart& hart) {
  state::Writer w;
  hart.save(w);
  return w.bytes();
}

Result<void> restore(cpu::Hart& hart, std::span<const uint8_t> bytes) {
  state::Reader r(bytes);
  return hart.restore(r);
}

void expect_same(const HartState& a, const HartState& b) {
  for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(a.x[i], b.x[i]) << "x" << i;
  for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(a.f[i], b.f[i]) << "f" << i;
  EXPECT_EQ(a.pc, b.pc);
  EXPECT_EQ(a.priv, b.priv);
  EXPECT_EQ(a.fflags, b.fflags);
  EXPECT_EQ(a.frm, b.frm);
  EXPECT_EQ(a.hartid, b.hartid);
  EXPECT_EQ(a.mstatus, b.mstatus);
  EXPECT_EQ(a.medeleg, b.medeleg);
  EXPECT_EQ(a.mideleg, b.mideleg);
  EXPECT_EQ(a.mie, b.mie);
  EXPECT_EQ(a.mip, b.mip);
  EXPECT_EQ(a.mtvec, b.mtvec);
  EXPECT_EQ(a.mcounteren, b.mcounteren);
  EXPECT_EQ(a.menvcfg, b.menvcfg);
  EXPECT_EQ(a.mscratch, b.mscratch);
  EXPECT_EQ(a.mepc, b.mepc);
  EXPECT_EQ(a.mcause, b.mcause);
  EXPECT_EQ(a.mtval, b.mtval);
  EXPECT_EQ(a.stvec, b.stvec);
  EXPECT_EQ(a.scounteren, b.scounteren);
  EXPECT_EQ(a.senvcfg, b.senvcfg);
  EXPECT_EQ(a.sscratch, b.sscratch);
  EXPECT_EQ(a.sepc, b.sepc);
  EXPECT_EQ(a.scause, b.scause);
  EXPECT_EQ(a.stval, b.stval);
  EXPECT_EQ(a.satp, b.satp);
  EXPECT_EQ(a.stimecmp, b.stimecmp);
  EXPECT_EQ(a.mtimecmp, b.mtimecmp);
  EXPECT_EQ(a.instret, b.instret);
  EXPECT_EQ(a.cycle_offset, b.cycle_offset);
  EXPECT_EQ(a.pmp.cfg, b.pmp.cfg);
  EXPECT_EQ(a.pmp.addr, b.pmp.addr);
  EXPECT_EQ(a.reservation_address, b.reservation_address);
  EXPECT_EQ(a.reservation_value, b.reservation_value);
  EXPECT_EQ(a.reservation_valid, b.reservation_valid);
  EXPECT_EQ(a.mip_external.load(), b.mip_external.load());
}

TEST(HartState, SaveRestoreSaveIsByteIdentical) {
  TestMachine a;
  fill(a.hart());
  const std::vector<uint8_t> first = save(a.hart());
  TestMachine b;
  state::Reader reader(first);
  ASSERT_TRUE(b.hart().restore(reader)) << "restore failed";
  EXPECT_TRUE(reader.at_end());
  expect_same(a.s(), b.s());
  EXPECT_EQ(save(b.hart()), first);
  // The CSR view agrees too (derived state such as SD and the external lines).
  for (const uint16_t c : {cpu::csr::kMstatus, cpu::csr::kMip, cpu::csr::kSip, cpu::csr::kSatp}) {
    uint64_t va = 0;
    uint64_t vb = 0;
    a.hart().set_priv(Priv::kMachine);
    b.hart().set_priv(Priv::kMachine);
    ASSERT_TRUE(a.hart().csr_read(c, va, 0));
    ASSERT_TRUE(b.hart().csr_read(c, vb, 0));
    EXPECT_EQ(va, vb) << std::hex << c;
  }
}

// Changing any single field changes the stream: nothing is left out of the snapshot.
TEST(HartState, EveryFieldIsSaved) {
  const std::vector<std::function<void(HartState&)>> mutations = {
      [](HartState& s) { s.x[1] ^= 1; },
      [](HartState& s) { s.x[31] ^= 1; },
      [](HartState& s) { s.f[0] ^= 1; },
      [](HartState& s) { s.f[31] ^= 1; },
      [](HartState& s) { s.pc ^= 4; },
      [](HartState& s) { s.priv = Priv::kUser; },
      [](HartState& s) { s.fflags ^= 1; },
      [](HartState& s) { s.frm ^= 1; },
      [](HartState& s) { s.hartid ^= 1; },
      [](HartState& s) { s.mstatus ^= ms::kMIE; },
      [](HartState& s) { s.medeleg ^= 1; },
      [](HartState& s) { s.mideleg ^= 2; },
      [](HartState& s) { s.mie ^= 8; },
      [](HartState& s) { s.mip ^= 2; },
      [](HartState& s) { s.mtvec ^= 4; },
      [](HartState& s) { s.mcounteren ^= 1; },
      [](HartState& s) { s.menvcfg ^= 1; },
      [](HartState& s) { s.mscratch ^= 1; },
      [](HartState& s) { s.mepc ^= 2; },
      [](HartState& s) { s.mcause ^= 1; },
      [](HartState& s) { s.mtval ^= 1; },
      [](HartState& s) { s.stvec ^= 4; },
      [](HartState& s) { s.scounteren ^= 1; },
      [](HartState& s) { s.senvcfg ^= 1; },
      [](HartState& s) { s.sscratch ^= 1; },
      [](HartState& s) { s.sepc ^= 2; },
      [](HartState& s) { s.scause ^= 1; },
      [](HartState& s) { s.stval ^= 1; },
      [](HartState& s) { s.satp ^= 1; },
      [](HartState& s) { s.stimecmp ^= 1; },
      [](HartState& s) { s.mtimecmp ^= 1; },
      [](HartState& s) { s.instret ^= 1; },
      [](HartState& s) { s.cycle_offset ^= 1; },
      [](HartState& s) { s.pmp.cfg[0] ^= 1; },
      [](HartState& s) { s.pmp.cfg[15] ^= 1; },
      [](HartState& s) { s.pmp.addr[0] ^= 1; },
      [](HartState& s) { s.pmp.addr[15] ^= 1; },
      [](HartState& s) { s.reservation_address ^= 8; },
      [](HartState& s) { s.reservation_value ^= 1; },
      [](HartState& s) { s.reservation_valid = !s.reservation_valid; },
      [](HartState& s) { s.mip_external.fetch_xor(mip::kMSIP); },
  };
  TestMachine m;
  fill(m.hart());
  const std::vector<uint8_t> base = save(m.hart());
  for (size_t i = 0; i < mutations.size(); ++i) {
    TestMachine other;
    fill(other.hart());
    mutations[i](other.s());
    const std::vector<uint8_t> changed = save(other.hart());
    EXPECT_NE(changed, base) << "mutation " << i << " is not saved";
    // And the changed value survives a restore.
    TestMachine restored;
    ASSERT_TRUE(restore(restored.hart(), changed)) << i;
    EXPECT_EQ(save(restored.hart()), changed) << i;
  }
}

// A program that touches registers, memory, CSRs, traps and compressed code.
std::vector<uint32_t> workload(uint64_t data, uint64_t handler_offset) {
  std::vector<uint32_t> p;
  rv::li(p, s0, data);
  p.push_back(rv::addi(s1, zero, 0));
  p.push_back(rv::addi(a0, zero, 1));
  const auto loop = static_cast<int32_t>(p.size() * 4);
  p.push_back(rv::addi(s1, s1, 1));
  p.push_back(rv::add(a0, a0, s1));
  p.push_back(rv::slli(a5, a0, 3));
  p.push_back(rv::sd(a0, s0, 0));
  p.push_back(rv::ld(a1, s0, 0));
  p.push_back(rv::add(a1, a1, a5));
  p.push_back(rv::csrrw(a2, cpu::csr::kMscratch, s1));
  p.push_back(rv::csrr(a3, cpu::csr::kMinstret));
  p.push_back(rv::csrr(a4, cpu::csr::kMcycle));
  p.push_back(rv::csrrw(zero, cpu::csr::kFflags, s1));
  p.push_back(rv::ecall());
  p.push_back(rv::addi(s0, s0, 8));
  p.push_back(rv::jal(zero, loop - static_cast<int32_t>(p.size() * 4)));
  p.resize(handler_offset / 4, rv::nop());
  p.push_back(rv::csrr(t0, cpu::csr::kMepc));
  p.push_back(rv::addi(t0, t0, 4));
  p.push_back(rv::csrw(cpu::csr::kMepc, t0));
  p.push_back(rv::csrr(t1, cpu::csr::kMcause));
  p.push_back(rv::add(s2, s2, t1));
  p.push_back(rv::mret());
  return p;
}

TEST(HartState, RestoredHartContinuesBitExactly) {
  constexpr uint64_t kData = kRamBase + 0x10'0000;
  constexpr uint64_t kHandler = 0x200;
  constexpr uint64_t kBefore = 137;  // mid-block, mid-iteration
  constexpr uint64_t kAfter = 1000;
  TestMachine a;
  a.place(kRamBase, workload(kData, kHandler));
  a.s().mtvec = kRamBase + kHandler;
  a.s().mstatus |= 1ULL << ms::kFSShift;
  ASSERT_EQ(a.run(kBefore), exec::StopReason::kInstructionLimit);
  ASSERT_EQ(a.s().instret, kBefore);
  const std::vector<uint8_t> snapshot = save(a.hart());
  std::vector<uint8_t> ram(a.ram().size());
  ASSERT_TRUE(a.ram().read(kRamBase, ram.data(), ram.size()));

  ASSERT_EQ(a.run(kAfter), exec::StopReason::kInstructionLimit);
  EXPECT_EQ(a.s().instret, kBefore + kAfter);

  TestMachine b;
  ASSERT_TRUE(b.ram().write(kRamBase, ram.data(), ram.size()));
  ASSERT_TRUE(restore(b.hart(), snapshot));
  ASSERT_EQ(b.run(kAfter), exec::StopReason::kInstructionLimit);
  expect_same(a.s(), b.s());
  EXPECT_EQ(save(a.hart()), save(b.hart()));
  std::vector<uint8_t> ram_a(0x1'0000);
  std::vector<uint8_t> ram_b(0x1'0000);
  ASSERT_TRUE(a.ram().read(kData, ram_a.data(), ram_a.size()));
  ASSERT_TRUE(b.ram().read(kData, ram_b.data(), ram_b.size()));
  EXPECT_EQ(ram_a, ram_b);
  EXPECT_GT(a.s().x[s2], 0U);  // the traps did happen
}

// An LR before the snapshot and its SC after it: the SC must behave the same in the restored
// machine. The reservation is kept as a host pointer (HartState::reservation_address), which
// means nothing in another machine's RAM, so the restored SC fails where the original succeeds.
// Disabled until the reservation is kept as a guest physical address; see the report.
TEST(HartState, ReservationSurvivesRestoreIntoAnotherMachine) {
  constexpr uint64_t kData = kRamBase + 0x10'0000;
  std::vector<uint32_t> p;
  rv::li(p, s0, kData);
  p.push_back(rv::lr_d(a0, s0));
  p.push_back(rv::addi(a0, a0, 1));
  p.push_back(rv::sc_d(a1, s0, a0));
  p.push_back(rv::jal(zero, 0));
  TestMachine a;
  a.place(kRamBase, p);
  a.poke<uint64_t>(kData, 41);
  a.run(p.size() - 2);  // through the LR and the addi
  const std::vector<uint8_t> snapshot = save(a.hart());
  std::vector<uint8_t> ram(a.ram().size());
  ASSERT_TRUE(a.ram().read(kRamBase, ram.data(), ram.size()));
  a.run(1);
  ASSERT_EQ(a.s().x[a1], 0U);  // SC succeeded
  TestMachine b;
  ASSERT_TRUE(b.ram().write(kRamBase, ram.data(), ram.size()));
  ASSERT_TRUE(restore(b.hart(), snapshot));
  b.run(1);
  EXPECT_EQ(b.s().x[a1], 0U);
  EXPECT_EQ(b.peek<uint64_t>(kData), 42U);
}

TEST(HartState, RestoreResetsTranslationCaches) {
  TestMachine m;
  m.allow_all_pmp();
  const uint64_t va = 0x4000'0000;
  PageTables old_tables(m, 3, kRamBase + 0x10'0000);
  old_tables.map(va, kRamBase + 0x20'0000, pte::kR | pte::kW | pte::kA | pte::kD);
  PageTables new_tables(m, 3, kRamBase + 0x18'0000);
  new_tables.map(va, kRamBase + 0x30'0000, pte::kR | pte::kW | pte::kA | pte::kD);
  m.poke<uint64_t>(kRamBase + 0x20'0000, 0x11);
  m.poke<uint64_t>(kRamBase + 0x30'0000, 0x77);
  // The target hart runs in S-mode under the old tables and has the translation cached.
  m.s().satp = old_tables.satp();
  m.hart().flush_tlb();
  m.hart().set_priv(Priv::kSupervisor);
  uint64_t v = 0;
  ASSERT_EQ(m.hart().load<uint64_t>(va, v), cpu::MemStatus::kOk);
  ASSERT_EQ(v, 0x11U);
  // The snapshot: the same privilege and address, under the new tables.
  TestMachine source;
  source.allow_all_pmp();
  source.s().satp = new_tables.satp();
  source.hart().set_priv(Priv::kSupervisor);
  ASSERT_TRUE(restore(m.hart(), save(source.hart())));
  ASSERT_EQ(m.hart().load<uint64_t>(va, v), cpu::MemStatus::kOk);
  EXPECT_EQ(v, 0x77U);
  ASSERT_EQ(m.hart().store<uint64_t>(va, 0x99), cpu::MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(kRamBase + 0x30'0000), 0x99U);
  EXPECT_EQ(m.peek<uint64_t>(kRamBase + 0x20'0000), 0x11U);
  // A restored M-mode hart with MPRV = 1, MPP = S translates its loads.
  source.s().mstatus |= ms::kMPRV | (1ULL << ms::kMPPShift);
  source.hart().set_priv(Priv::kMachine);
  ASSERT_TRUE(restore(m.hart(), save(source.hart())));
  ASSERT_EQ(m.hart().load<uint64_t>(va, v), cpu::MemStatus::kOk);
  EXPECT_EQ(v, 0x99U);
}

// --- Malformed streams ---

class HartStateErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    fill(source.hart());
    good = save(source.hart());
    target.s().pc = 0x1234;
    before = save(target.hart());
  }
  // The restore failed with a message, and left the hart as it was.
  void expect_rejected(const Result<void>& result, const std::string& needle = "") {
    ASSERT_FALSE(result);
    EXPECT_FALSE(result.error().message.empty());
    if (!needle.empty()) {
      EXPECT_NE(result.error().message.find(needle), std::string::npos) << result.error().message;
    }
    EXPECT_EQ(save(target.hart()), before);
  }

  TestMachine source;
  TestMachine target;
  std::vector<uint8_t> good;
  std::vector<uint8_t> before;
};

TEST_F(HartStateErrors, WrongTag) {
  std::vector<uint8_t> bytes = good;
  std::memcpy(bytes.data(), "CLNT", 4);
  expect_rejected(restore(target.hart(), bytes), "HART");
  state::Writer w;
  w.begin(state::tag("MACH"), 1);
  w.put(uint64_t{1});
  w.end();
  expect_rejected(restore(target.hart(), w.bytes()), "MACH");
}

TEST_F(HartStateErrors, NewerVersion) {
  std::vector<uint8_t> bytes = good;
  const uint32_t version = 2;
  std::memcpy(bytes.data() + 4, &version, 4);
  expect_rejected(restore(target.hart(), bytes), "version");
  const uint32_t zero_version = 0;
  std::memcpy(bytes.data() + 4, &zero_version, 4);
  expect_rejected(restore(target.hart(), bytes));
}

TEST_F(HartStateErrors, TruncatedAtEveryLength) {
  for (size_t length = 0; length < good.size(); ++length) {
    SCOPED_TRACE(length);
    expect_rejected(restore(target.hart(), std::span<const uint8_t>(good.data(), length)));
    if (HasFatalFailure()) return;
  }
  // The section header claims the full payload but the payload is cut: also refused when the
  // length field is patched to match.
  std::vector<uint8_t> bytes(good.begin(), good.end() - 8);
  const uint64_t length = bytes.size() - kHeaderBytes;
  std::memcpy(bytes.data() + 8, &length, 8);
  expect_rejected(restore(target.hart(), bytes));
}

TEST_F(HartStateErrors, InvalidPrivilegeMode) {
  std::vector<uint8_t> bytes = good;
  ASSERT_EQ(bytes[kPrivOffset], static_cast<uint8_t>(Priv::kSupervisor));  // layout check
  bytes[kPrivOffset] = 2;
  expect_rejected(restore(target.hart(), bytes), "privilege");
}

TEST_F(HartStateErrors, TrailingFieldsFromANewerWriterAreSkipped) {
  std::vector<uint8_t> bytes = good;
  const uint64_t extra = 0xfeed'face;
  bytes.insert(bytes.end(), reinterpret_cast<const uint8_t*>(&extra),
               reinterpret_cast<const uint8_t*>(&extra) + 8);
  const uint64_t length = bytes.size() - kHeaderBytes;
  std::memcpy(bytes.data() + 8, &length, 8);
  bytes.push_back(0xaa);  // the next section's first byte, which must not be consumed
  state::Reader reader(bytes);
  ASSERT_TRUE(target.hart().restore(reader));
  EXPECT_FALSE(reader.at_end());
  EXPECT_EQ(save(target.hart()), good);
}

}  // namespace
}  // namespace strata::test
