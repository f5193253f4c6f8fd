// Physical memory protection (privileged spec 1.12, section 3.7): address matching, priority,
// locking, and enforcement through the hart.
#include <gtest/gtest.h>

#include <string>

#include "test_machine.h"

namespace strata::test {
namespace {

using cpu::Access;
using cpu::Exception;
using cpu::MemStatus;
using cpu::pmp_allows;
using cpu::PmpState;
using cpu::Priv;
namespace pmpcfg = cpu::pmpcfg;

constexpr uint8_t kR = pmpcfg::kR;
constexpr uint8_t kW = pmpcfg::kW;
constexpr uint8_t kX = pmpcfg::kX;
constexpr uint8_t kL = pmpcfg::kLocked;
constexpr uint8_t kRwx = kR | kW | kX;

constexpr uint8_t mode(pmpcfg::Mode m) {
  return static_cast<uint8_t>(m << pmpcfg::kAShift);
}
constexpr uint8_t kTor = mode(pmpcfg::kTor);
constexpr uint8_t kNa4 = mode(pmpcfg::kNa4);
constexpr uint8_t kNapot = mode(pmpcfg::kNapot);

// pmpaddr for a naturally aligned power-of-two region of `size` >= 8 bytes at `base`.
constexpr uint64_t napot(uint64_t base, uint64_t size) {
  return (base >> 2) | ((size >> 3) - 1);
}

void set(PmpState& p, unsigned i, uint8_t cfg, uint64_t addr) {
  p.cfg[i] = cfg;
  p.addr[i] = addr;
}

bool s_reads(const PmpState& p, uint64_t addr, uint64_t size = 1) {
  return pmp_allows(p, addr, size, Access::kRead, Priv::kSupervisor);
}

// --- Matching ---

TEST(Pmp, NoEntriesAllowsMachineOnly) {
  const PmpState p;
  for (const Access a : {Access::kRead, Access::kWrite, Access::kExecute}) {
    EXPECT_TRUE(pmp_allows(p, 0x8000'0000, 8, a, Priv::kMachine));
    EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 8, a, Priv::kSupervisor));
    EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 8, a, Priv::kUser));
  }
}

TEST(Pmp, NoMatchingEntryAllowsMachineOnly) {
  PmpState p;
  set(p, 0, kNapot | kRwx, napot(0x8000'0000, 0x1000));
  EXPECT_TRUE(s_reads(p, 0x8000'0000));
  EXPECT_FALSE(s_reads(p, 0x8000'1000));
  EXPECT_FALSE(pmp_allows(p, 0x8000'1000, 4, Access::kRead, Priv::kUser));
  EXPECT_TRUE(pmp_allows(p, 0x8000'1000, 4, Access::kWrite, Priv::kMachine));
}

TEST(Pmp, OffEntriesNeverMatch) {
  PmpState p;
  set(p, 0, kRwx, napot(0x8000'0000, 0x1000));  // A = OFF, permissions irrelevant
  set(p, 1, kNapot | kR, napot(0x8000'0000, 0x10000));
  EXPECT_TRUE(s_reads(p, 0x8000'0000));
  EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 1, Access::kWrite, Priv::kSupervisor));
}

TEST(Pmp, TorUsesThePreviousAddressAsBase) {
  PmpState p;
  set(p, 0, kTor | kR, 0x8000'1000 >> 2);       // [0, 0x8000_1000)
  set(p, 1, kTor | kR | kW, 0x8000'3000 >> 2);  // [0x8000_1000, 0x8000_3000)
  EXPECT_TRUE(s_reads(p, 0));                   // entry 0 of TOR starts at address 0
  EXPECT_TRUE(s_reads(p, 0x8000'0ff8, 8));
  EXPECT_FALSE(pmp_allows(p, 0x8000'0ff8, 8, Access::kWrite, Priv::kSupervisor));
  EXPECT_TRUE(pmp_allows(p, 0x8000'1000, 8, Access::kWrite, Priv::kSupervisor));
  EXPECT_TRUE(pmp_allows(p, 0x8000'2ff8, 8, Access::kWrite, Priv::kSupervisor));
  EXPECT_FALSE(s_reads(p, 0x8000'3000));  // top is exclusive
  // An access straddling the two entries matches entry 0 partially: it fails.
  EXPECT_FALSE(s_reads(p, 0x8000'0ffc, 8));
  EXPECT_FALSE(pmp_allows(p, 0x8000'0ffc, 8, Access::kRead, Priv::kMachine));
}

TEST(Pmp, TorEntryZeroWithZeroTopMatchesNothing) {
  PmpState p;
  set(p, 0, kTor | kRwx, 0);  // [0, 0): empty
  EXPECT_FALSE(s_reads(p, 0));
  EXPECT_TRUE(pmp_allows(p, 0, 8, Access::kWrite, Priv::kMachine));
}

// "If pmpaddr[i-1] >= pmpaddr[i] and pmpcfg[i].A = TOR, then PMP entry i matches no address."
TEST(Pmp, TorWithBaseNotBelowTopMatchesNoAddress) {
  const uint64_t x = 0x8000'1000;
  // Equal base and top.
  PmpState equal;
  set(equal, 0, 0, x >> 2);  // OFF, but provides entry 1's base
  set(equal, 1, kTor, x >> 2);
  set(equal, 3, kNapot | kR, napot(0, 1ULL << 40));  // everything below 1 TiB
  EXPECT_TRUE(s_reads(equal, x - 4, 8)) << "an access straddling an empty TOR entry";
  EXPECT_TRUE(s_reads(equal, x, 8));
  EXPECT_TRUE(s_reads(equal, x - 8, 8));
  // Base above top.
  PmpState inverted;
  set(inverted, 0, 0, (x + 4) >> 2);
  set(inverted, 1, kTor, x >> 2);
  set(inverted, 3, kNapot | kR, napot(0, 1ULL << 40));
  EXPECT_TRUE(s_reads(inverted, x - 2, 8));
  EXPECT_TRUE(s_reads(inverted, x, 4));
}

TEST(Pmp, Na4CoversFourBytes) {
  PmpState p;
  set(p, 0, kNa4 | kR, 0x8000'1004 >> 2);
  EXPECT_TRUE(s_reads(p, 0x8000'1004, 4));
  EXPECT_TRUE(s_reads(p, 0x8000'1007, 1));
  EXPECT_FALSE(s_reads(p, 0x8000'1000, 4));
  EXPECT_FALSE(s_reads(p, 0x8000'1008, 1));
  EXPECT_FALSE(s_reads(p, 0x8000'1004, 8));  // partial
  EXPECT_FALSE(s_reads(p, 0x8000'1002, 4));  // partial
}

TEST(Pmp, NapotSizesFromEightBytesToTheWholeSpace) {
  for (unsigned k = 3; k <= 55; ++k) {
    const uint64_t size = 1ULL << k;
    const uint64_t base = size <= 0x4000'0000 ? 0x8000'0000 : size;  // aligned to size
    PmpState p;
    set(p, 0, kNapot | kR, napot(base, size));
    const std::string what = "size 2^" + std::to_string(k);
    EXPECT_TRUE(s_reads(p, base)) << what;
    EXPECT_TRUE(s_reads(p, base + size - 8, 8)) << what;
    EXPECT_FALSE(s_reads(p, base - 1)) << what;
    EXPECT_FALSE(s_reads(p, base + size)) << what;
    EXPECT_FALSE(s_reads(p, base + size - 4, 8)) << what;  // partial at the top
  }
  // All 54 address bits set: the whole physical address space (56 bits).
  PmpState p;
  set(p, 0, kNapot | kR, (1ULL << 54) - 1);
  EXPECT_TRUE(s_reads(p, 0, 8));
  EXPECT_TRUE(s_reads(p, 0x8000'0000, 8));
  EXPECT_TRUE(s_reads(p, (1ULL << 56) - 8, 8));
}

TEST(Pmp, LowestNumberedMatchingEntryWins) {
  PmpState p;
  set(p, 0, kNapot | kR, napot(0x8000'1000, 0x1000));
  set(p, 1, kNapot | kRwx, napot(0x8000'0000, 0x10000));
  EXPECT_FALSE(pmp_allows(p, 0x8000'1000, 8, Access::kWrite, Priv::kSupervisor));
  EXPECT_TRUE(pmp_allows(p, 0x8000'1000, 8, Access::kRead, Priv::kSupervisor));
  EXPECT_TRUE(pmp_allows(p, 0x8000'3000, 8, Access::kWrite, Priv::kSupervisor));
  // The other way round, the large entry wins everywhere.
  std::swap(p.cfg[0], p.cfg[1]);
  std::swap(p.addr[0], p.addr[1]);
  EXPECT_TRUE(pmp_allows(p, 0x8000'1000, 8, Access::kWrite, Priv::kSupervisor));
}

TEST(Pmp, PartialMatchFailsEvenWhenALaterEntryCoversTheAccess) {
  PmpState p;
  set(p, 0, kNapot | kRwx, napot(0x8000'1000, 8));
  set(p, 1, kNapot | kRwx, napot(0x8000'0000, 0x10000));
  for (const Priv priv : {Priv::kMachine, Priv::kSupervisor, Priv::kUser}) {
    EXPECT_FALSE(pmp_allows(p, 0x8000'1004, 8, Access::kRead, priv));
    EXPECT_FALSE(pmp_allows(p, 0x8000'0ffc, 8, Access::kWrite, priv));
    EXPECT_TRUE(pmp_allows(p, 0x8000'1000, 8, Access::kRead, priv));
  }
}

TEST(Pmp, PermissionsPerAccessType) {
  for (uint8_t perms = 0; perms < 8; ++perms) {
    PmpState p;
    set(p, 0, kNapot | perms, napot(0x8000'0000, 0x1000));
    for (const Priv priv : {Priv::kSupervisor, Priv::kUser}) {
      EXPECT_EQ(pmp_allows(p, 0x8000'0000, 4, Access::kRead, priv), (perms & kR) != 0);
      EXPECT_EQ(pmp_allows(p, 0x8000'0000, 4, Access::kWrite, priv), (perms & kW) != 0);
      EXPECT_EQ(pmp_allows(p, 0x8000'0000, 4, Access::kExecute, priv), (perms & kX) != 0);
    }
    // Unlocked entries do not restrict M-mode.
    EXPECT_TRUE(pmp_allows(p, 0x8000'0000, 4, Access::kWrite, Priv::kMachine));
  }
}

TEST(Pmp, LockedEntriesApplyToMachineMode) {
  PmpState p;
  set(p, 0, kNapot | kR | kX | kL, napot(0x8000'0000, 0x1000));
  EXPECT_TRUE(pmp_allows(p, 0x8000'0000, 8, Access::kRead, Priv::kMachine));
  EXPECT_TRUE(pmp_allows(p, 0x8000'0000, 8, Access::kExecute, Priv::kMachine));
  EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 8, Access::kWrite, Priv::kMachine));
  // Outside the locked entry, M-mode is unrestricted.
  EXPECT_TRUE(pmp_allows(p, 0x8000'1000, 8, Access::kWrite, Priv::kMachine));
}

// --- CSR writes: lock and WARL rules ---

TEST(Pmp, LockedEntriesIgnoreWrites) {
  PmpState p;
  cpu::pmp_write_cfg(p, 0, uint64_t{kNapot | kR | kL} | (uint64_t{kNapot | kR} << 8));
  cpu::pmp_write_addr(p, 0, napot(0x8000'0000, 0x1000));  // ignored: already locked
  EXPECT_EQ(p.addr[0], 0U);
  p.addr[0] = napot(0x8000'0000, 0x1000);  // (set behind the lock for the test)
  cpu::pmp_write_cfg(p, 0, uint64_t{kNapot | kRwx} | (uint64_t{kTor | kW | kR} << 8));
  EXPECT_EQ(p.cfg[0], kNapot | kR | kL);  // locked: unchanged
  EXPECT_EQ(p.cfg[1], kTor | kR | kW);    // its neighbour in the same CSR changes
  cpu::pmp_write_addr(p, 0, 0x1234);
  EXPECT_EQ(p.addr[0], napot(0x8000'0000, 0x1000));
  // A locked entry stays locked until reset: clearing L is ignored too.
  cpu::pmp_write_cfg(p, 0, 0);
  EXPECT_EQ(p.cfg[0], kNapot | kR | kL);
}

TEST(Pmp, LockedTorEntryFreezesTheAddressBelowIt) {
  PmpState p;
  cpu::pmp_write_addr(p, 2, 0x8000'0000 >> 2);
  cpu::pmp_write_addr(p, 3, 0x8000'4000 >> 2);
  cpu::pmp_write_cfg(p, 0, uint64_t{kTor | kR | kL} << 24);  // entry 3: locked TOR
  cpu::pmp_write_addr(p, 2, 0);
  EXPECT_EQ(p.addr[2], 0x8000'0000U >> 2);
  cpu::pmp_write_addr(p, 3, 0);
  EXPECT_EQ(p.addr[3], 0x8000'4000U >> 2);
  cpu::pmp_write_addr(p, 1, 0x1234);  // two below: unaffected
  EXPECT_EQ(p.addr[1], 0x1234U);
  // Below a locked NAPOT entry, the address stays writable.
  cpu::pmp_write_cfg(p, 0, uint64_t{kNapot | kR | kL} << 40);  // entry 5
  cpu::pmp_write_addr(p, 4, 0x5678);
  EXPECT_EQ(p.addr[4], 0x5678U);
  // The locked TOR region applies to M-mode.
  EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 8, Access::kWrite, Priv::kMachine));
  EXPECT_TRUE(pmp_allows(p, 0x8000'3ff8, 8, Access::kRead, Priv::kMachine));
}

TEST(Pmp, WriteWithoutReadIsStoredAsNoAccess) {
  PmpState p;
  cpu::pmp_write_cfg(p, 0, uint64_t{kNapot | kW} | (uint64_t{kNapot | kW | kX} << 8));
  EXPECT_EQ(p.cfg[0] & kRwx, 0U);
  EXPECT_EQ(p.cfg[1] & kRwx, kX);
  p.addr[0] = napot(0x8000'0000, 0x1000);
  EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 4, Access::kWrite, Priv::kSupervisor));
  EXPECT_FALSE(pmp_allows(p, 0x8000'0000, 4, Access::kRead, Priv::kSupervisor));
  // Bits 6:5 are reserved and read as zero.
  cpu::pmp_write_cfg(p, 0, 0x60U | kR);
  EXPECT_EQ(cpu::pmp_read_cfg(p, 0) & 0xffU, kR);
}

// --- Page uniformity, which lets the TLB cache permissions ---

TEST(Pmp, UniformOverPage) {
  const uint64_t page = 0x8000'2000;
  PmpState p;
  EXPECT_TRUE(cpu::pmp_uniform_over_page(p, page));
  set(p, 0, kNapot | kR, napot(page, 0x1000));
  EXPECT_TRUE(cpu::pmp_uniform_over_page(p, page));
  EXPECT_TRUE(cpu::pmp_uniform_over_page(p, page - 0x1000));  // no entry touches it
  set(p, 0, kNapot | kR, napot(page + 0x800, 0x800));         // second half only
  EXPECT_FALSE(cpu::pmp_uniform_over_page(p, page));
  set(p, 0, kNa4 | kR, (page + 0x10) >> 2);
  EXPECT_FALSE(cpu::pmp_uniform_over_page(p, page));
  set(p, 0, kTor | kR, (page + 0x100) >> 2);  // [0, page + 0x100)
  EXPECT_FALSE(cpu::pmp_uniform_over_page(p, page));
  // A higher-priority partial entry breaks uniformity even if a later one covers the page.
  set(p, 0, kNapot | kR, napot(page + 0x800, 8));
  set(p, 1, kNapot | kRwx, napot(0x8000'0000, 0x10'0000));
  EXPECT_FALSE(cpu::pmp_uniform_over_page(p, page));
  EXPECT_TRUE(cpu::pmp_uniform_over_page(p, page + 0x1000));
  // An entry covering several pages.
  PmpState q;
  set(q, 0, kNapot | kR, napot(0x8000'0000, 0x10'0000));
  EXPECT_TRUE(cpu::pmp_uniform_over_page(q, page));
  EXPECT_TRUE(cpu::pmp_uniform_over_page(q, 0x8010'0000));  // past it: no entry at all
}

// --- Through the hart ---

class PmpHart : public ::testing::Test {
 protected:
  void write_cfg0(uint64_t value) { ASSERT_TRUE(h.csr_write(cpu::csr::kPmpCfg0, value, 0)); }
  void write_addr(unsigned i, uint64_t value) {
    ASSERT_TRUE(h.csr_write(static_cast<uint16_t>(cpu::csr::kPmpAddr0 + i), value, 0));
  }
  MemStatus fetch(uint64_t va) {
    uint64_t paddr = 0;
    bool cacheable = false;
    return h.fetch_translate(va, paddr, cacheable);
  }

  TestMachine m;
  cpu::Hart& h = m.hart();
};

TEST_F(PmpHart, SupervisorAccessesDeniedByPmpRaiseAccessFaults) {
  const uint64_t ro = kRamBase + 0x10'0000;
  const uint64_t xo = kRamBase + 0x20'0000;
  const uint64_t none = kRamBase + 0x30'0000;
  write_addr(0, napot(ro, 0x1000));
  write_addr(1, napot(xo, 0x1000));
  write_cfg0(uint64_t{kNapot | kR} | (uint64_t{kNapot | kX} << 8));
  h.set_priv(Priv::kSupervisor);
  uint64_t v = 0;
  EXPECT_EQ(h.load<uint64_t>(ro, v), MemStatus::kOk);
  ASSERT_EQ(h.store<uint64_t>(ro + 8, 1), MemStatus::kFault);
  Fault f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kStoreAccessFault));
  EXPECT_EQ(f.tval, ro + 8);
  ASSERT_EQ(fetch(ro), MemStatus::kFault);
  f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kInstructionAccessFault));
  EXPECT_EQ(f.tval, ro);
  EXPECT_EQ(fetch(xo), MemStatus::kOk);
  ASSERT_EQ(h.load<uint64_t>(xo, v), MemStatus::kFault);
  f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kLoadAccessFault));
  EXPECT_EQ(f.tval, xo);
  // No entry matches: S and U denied, M allowed.
  ASSERT_EQ(h.load<uint64_t>(none, v), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kLoadAccessFault));
  h.set_priv(Priv::kUser);
  ASSERT_EQ(h.load<uint64_t>(ro, v), MemStatus::kOk);
  ASSERT_EQ(h.load<uint64_t>(none, v), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kLoadAccessFault));
  h.set_priv(Priv::kMachine);
  EXPECT_EQ(h.load<uint64_t>(none, v), MemStatus::kOk);
  EXPECT_EQ(h.store<uint64_t>(ro, 1), MemStatus::kOk);
}

TEST_F(PmpHart, PmpChangesAreNotHiddenByTheTlb) {
  const uint64_t region = kRamBase + 0x10'0000;
  write_addr(0, napot(region, 0x1000));
  write_cfg0(uint64_t{kNapot | kR | kW});
  h.set_priv(Priv::kSupervisor);
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(region, v), MemStatus::kOk);
  ASSERT_EQ(h.store<uint64_t>(region, 1), MemStatus::kOk);
  h.set_priv(Priv::kMachine);
  write_cfg0(uint64_t{kNapot | kR});
  h.set_priv(Priv::kSupervisor);
  ASSERT_EQ(h.store<uint64_t>(region, 2), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kStoreAccessFault));
  EXPECT_EQ(m.peek<uint64_t>(region), 1U);
  // And a locked entry now restricting M-mode takes effect at once too.
  h.set_priv(Priv::kMachine);
  ASSERT_EQ(h.store<uint64_t>(region, 3), MemStatus::kOk);
  write_cfg0(uint64_t{kNapot | kR | kL});
  ASSERT_EQ(h.store<uint64_t>(region, 4), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kStoreAccessFault));
  EXPECT_EQ(m.peek<uint64_t>(region), 3U);
}

TEST_F(PmpHart, AccessesWithinOnePageAreCheckedPerByteRange) {
  // A 4-byte NA4 hole in an otherwise readable page: the TLB must not cache the page.
  const uint64_t page = kRamBase + 0x10'0000;
  write_addr(0, (page + 0x100) >> 2);
  write_addr(1, napot(page, 0x1000));
  write_cfg0(uint64_t{kNa4} | (uint64_t{kNapot | kR} << 8));
  h.set_priv(Priv::kSupervisor);
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(page, v), MemStatus::kOk);
  ASSERT_EQ(h.load<uint64_t>(page + 0x100, v), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kLoadAccessFault));
  uint32_t w = 0;
  ASSERT_EQ(h.load<uint32_t>(page + 0xfe, w), MemStatus::kFault);  // straddles the hole
  EXPECT_EQ(deliver(h).cause, cause(Exception::kLoadAccessFault));
  EXPECT_EQ(h.load<uint32_t>(page + 0x104, w), MemStatus::kOk);
}

TEST_F(PmpHart, TranslatedAccessesAreCheckedOnThePhysicalAddress) {
  const uint64_t tables = kRamBase + 0x10'0000;
  const uint64_t frame = kRamBase + 0x20'0000;
  PageTables pt(m, 3, tables);
  const uint64_t va = 0x4000'0000;
  pt.map(va, frame, pte::kR | pte::kW | pte::kA | pte::kD);
  // Tables readable and writable (A/D), the frame read-only.
  write_addr(0, napot(tables, 0x10'0000));
  write_addr(1, napot(frame, 0x1000));
  write_cfg0(uint64_t{kNapot | kR | kW} | (uint64_t{kNapot | kR} << 8));
  ASSERT_TRUE(h.csr_write(cpu::csr::kSatp, pt.satp(), 0));
  h.set_priv(Priv::kSupervisor);
  uint64_t v = 0;
  EXPECT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  ASSERT_EQ(h.store<uint64_t>(va + 16, 1), MemStatus::kFault);
  const Fault f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kStoreAccessFault));  // the PTE allowed it: not a page fault
  EXPECT_EQ(f.tval, va + 16);
}

}  // namespace
}  // namespace strata::test
