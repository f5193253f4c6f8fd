// Address translation of cpu::Hart: Sv39/Sv48/Sv57 page walks built in guest RAM, the permission
// rules, A/D updates, MPRV, the software TLB and page-crossing accesses (privileged spec 1.12,
// sections 3.1.6.3, 4.3-4.5).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_machine.h"

namespace strata::test {
namespace {

using cpu::Exception;
using cpu::MemStatus;
using cpu::Priv;
namespace ms = cpu::mstatus;

constexpr uint64_t kTablePool = kRamBase + 0x10'0000;
constexpr uint64_t kRwx = pte::kR | pte::kW | pte::kX;
constexpr uint64_t kAD = pte::kA | pte::kD;

class Mmu : public ::testing::Test {
 protected:
  void SetUp() override { m.allow_all_pmp(); }

  // Switches to paging with `tables` and privilege `p`.
  void use(const PageTables<TestMachine>& tables, Priv p = Priv::kSupervisor) {
    ASSERT_TRUE(h.csr_write(cpu::csr::kSatp, tables.satp(), 0));
    h.set_priv(p);
  }
  void set_status(uint64_t bits, bool on) {
    if (on) {
      h.s.mstatus |= bits;
    } else {
      h.s.mstatus &= ~bits;
    }
    h.set_priv(h.s.priv);
    h.flush_tlb();
  }
  MemStatus fetch(uint64_t va, uint64_t& paddr) {
    bool cacheable = false;
    return h.fetch_translate(va, paddr, cacheable);
  }
  void expect_fault(MemStatus status, Exception e, uint64_t tval, const std::string& what = "") {
    ASSERT_EQ(status, MemStatus::kFault) << what;
    const Fault f = deliver(h);
    EXPECT_EQ(f.cause, cause(e)) << what;
    EXPECT_EQ(f.tval, tval) << what;
  }

  TestMachine m;
  cpu::Hart& h = m.hart();
};

// --- Walks of every mode and page size ---

struct WalkCase {
  unsigned levels;   // 3, 4, 5
  unsigned level;    // leaf level: 0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB, 4 = 256 TiB
  uint64_t va_page;  // page-aligned, canonical
};

class MmuWalk : public Mmu, public ::testing::WithParamInterface<WalkCase> {};

TEST_P(MmuWalk, TranslatesLoadsStoresAndFetches) {
  const WalkCase c = GetParam();
  PageTables pt(m, c.levels, kTablePool);
  const uint64_t target = kRamBase + 0x50'1238;  // the byte the access must reach
  const uint64_t page_size = 4096ULL << (9 * c.level);
  const uint64_t pa_page = target & ~(page_size - 1);
  const uint64_t va = c.va_page + (target - pa_page);
  pt.map(c.va_page, pa_page, kRwx | kAD, c.level);
  m.poke<uint64_t>(target, 0x1122'3344'5566'7788);
  use(pt);

  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x1122'3344'5566'7788U);
  ASSERT_EQ(h.store<uint32_t>(va + 4, 0xcafe'f00d), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(target), 0xcafe'f00d'5566'7788U);
  uint64_t paddr = 0;
  ASSERT_EQ(fetch(va, paddr), MemStatus::kOk);
  EXPECT_EQ(paddr, target);
  // The neighbouring virtual page (outside a 4 KiB mapping) is not mapped.
  if (c.level == 0) {
    expect_fault(h.load<uint64_t>(c.va_page + 4096, v), Exception::kLoadPageFault,
                 c.va_page + 4096);
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, MmuWalk,
    ::testing::Values(WalkCase{3, 0, 0x25'4000'0000}, WalkCase{3, 1, 0x25'4000'0000},
                      WalkCase{3, 2, 0x25'4000'0000},
                      WalkCase{3, 0, 0xffff'ffff'c000'0000},  // upper half of the space
                      WalkCase{3, 2, 0xffff'ffc0'0000'0000},  // the lowest upper-half address
                      WalkCase{4, 0, 0x1280'0000'0000}, WalkCase{4, 1, 0x1280'0000'0000},
                      WalkCase{4, 2, 0x1280'0000'0000}, WalkCase{4, 3, 0x1280'0000'0000},
                      WalkCase{4, 0, 0xffff'8000'0000'0000}, WalkCase{5, 0, 0xab'0000'0000'0000},
                      WalkCase{5, 1, 0xab'0000'0000'0000}, WalkCase{5, 2, 0xab'0000'0000'0000},
                      WalkCase{5, 3, 0xab'0000'0000'0000}, WalkCase{5, 4, 0xab'0000'0000'0000},
                      WalkCase{5, 0, 0xff00'0000'0000'0000}),
    [](const ::testing::TestParamInfo<WalkCase>& info) {
      return "Sv" + std::to_string(12 + 9 * info.param.levels) + "_Level" +
             std::to_string(info.param.level) + "_" + std::to_string(info.index);
    });

// --- The permission matrix (section 4.3.1, table 4.5, and 3.1.6.3) ---

enum class Mode { kS, kSSum, kU };
enum class Kind { kLoad, kStore, kFetch };

// What the spec allows, written independently of the implementation.
bool spec_allows(uint64_t flags, Mode mode, bool mxr, Kind kind) {
  const bool r = (flags & pte::kR) != 0;
  const bool w = (flags & pte::kW) != 0;
  const bool x = (flags & pte::kX) != 0;
  const bool u = (flags & pte::kU) != 0;
  if (w && !r) return false;         // reserved encoding
  if (!r && !w && !x) return false;  // a pointer at level 0
  bool privilege_ok = false;
  if (mode == Mode::kU) {
    privilege_ok = u;
  } else if (kind == Kind::kFetch) {
    privilege_ok = !u;  // S never executes user pages, SUM or not
  } else {
    privilege_ok = !u || mode == Mode::kSSum;
  }
  if (!privilege_ok) return false;
  switch (kind) {
    case Kind::kLoad: return r || (mxr && x);
    case Kind::kStore: return w;
    case Kind::kFetch: return x;
  }
  return false;
}

TEST_F(Mmu, PermissionMatrix) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t pa = kRamBase + 0x40'0000;
  const uint64_t slot = pt.map(va, pa, 0);
  use(pt);
  unsigned allowed_count = 0;
  for (uint64_t bits = 0; bits < 16; ++bits) {
    const uint64_t flags = ((bits & 1) != 0 ? pte::kR : 0) | ((bits & 2) != 0 ? pte::kW : 0) |
                           ((bits & 4) != 0 ? pte::kX : 0) | ((bits & 8) != 0 ? pte::kU : 0);
    m.poke<uint64_t>(slot, ((pa >> 12) << 10) | flags | kAD | pte::kV);
    for (const Mode mode : {Mode::kS, Mode::kSSum, Mode::kU}) {
      for (const bool mxr : {false, true}) {
        h.set_priv(mode == Mode::kU ? Priv::kUser : Priv::kSupervisor);
        set_status(ms::kSUM, mode == Mode::kSSum);
        set_status(ms::kMXR, mxr);
        const std::string what = "flags " + std::to_string(flags) + " mode " +
                                 std::to_string(static_cast<int>(mode)) + " mxr " +
                                 std::to_string(mxr);
        m.poke<uint64_t>(pa + 8, 0xabcdef);
        uint64_t v = 0;
        const MemStatus load = h.load<uint64_t>(va + 8, v);
        if (spec_allows(flags, mode, mxr, Kind::kLoad)) {
          ++allowed_count;
          EXPECT_EQ(load, MemStatus::kOk) << what;
          EXPECT_EQ(v, 0xabcdefU) << what;
        } else {
          expect_fault(load, Exception::kLoadPageFault, va + 8, "load " + what);
        }
        const MemStatus store = h.store<uint64_t>(va + 16, 0x5555);
        if (spec_allows(flags, mode, mxr, Kind::kStore)) {
          ++allowed_count;
          EXPECT_EQ(store, MemStatus::kOk) << what;
          EXPECT_EQ(m.peek<uint64_t>(pa + 16), 0x5555U) << what;
        } else {
          expect_fault(store, Exception::kStorePageFault, va + 16, "store " + what);
        }
        m.poke<uint64_t>(pa + 16, 0);
        uint64_t paddr = 0;
        const MemStatus fetched = fetch(va + 0x20, paddr);
        if (spec_allows(flags, mode, mxr, Kind::kFetch)) {
          ++allowed_count;
          EXPECT_EQ(fetched, MemStatus::kOk) << what;
          EXPECT_EQ(paddr, pa + 0x20) << what;
        } else {
          expect_fault(fetched, Exception::kInstructionPageFault, va + 0x20, "fetch " + what);
        }
      }
    }
  }
  EXPECT_GT(allowed_count, 30U);  // the matrix did exercise successful accesses
}

TEST_F(Mmu, InvalidPtesFault) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t slot = pt.map(va, kRamBase + 0x40'0000, kRwx | kAD);
  m.poke<uint64_t>(slot, m.peek<uint64_t>(slot) & ~pte::kV);  // RWX, but V = 0
  use(pt);
  uint64_t v = 0;
  uint64_t paddr = 0;
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadPageFault, va);
  expect_fault(h.store<uint64_t>(va, 1), Exception::kStorePageFault, va);
  expect_fault(fetch(va, paddr), Exception::kInstructionPageFault, va);
  // An invalid entry higher up: a VA whose root entry was never set.
  expect_fault(h.load<uint64_t>(0x30'0000'0000, v), Exception::kLoadPageFault, 0x30'0000'0000);
}

TEST_F(Mmu, NonLeafAtLevelZeroFaults) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t slot = pt.map(va, kRamBase + 0x40'0000, 0);
  m.poke<uint64_t>(slot, ((kTablePool >> 12) << 10) | pte::kV);  // a pointer, at level 0
  use(pt);
  uint64_t v = 0;
  uint64_t paddr = 0;
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadPageFault, va);
  expect_fault(h.store<uint64_t>(va, 1), Exception::kStorePageFault, va);
  expect_fault(fetch(va, paddr), Exception::kInstructionPageFault, va);
}

TEST_F(Mmu, MisalignedSuperpagesFault) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va2m = 0x4000'0000;
  const uint64_t va1g = 0x40'0000'0000 - 0x4000'0000;  // the last GiB below the Sv39 hole
  pt.map(va2m, kRamBase + 0x40'1000, kRwx | kAD, 1);   // 2 MiB leaf, PPN[0] != 0
  pt.map(va1g, kRamBase + 0x20'0000, kRwx | kAD, 2);   // 1 GiB leaf, PPN[1] != 0
  use(pt);
  uint64_t v = 0;
  uint64_t paddr = 0;
  expect_fault(h.load<uint64_t>(va2m + 8, v), Exception::kLoadPageFault, va2m + 8);
  expect_fault(h.store<uint64_t>(va2m + 8, 1), Exception::kStorePageFault, va2m + 8);
  expect_fault(fetch(va2m + 8, paddr), Exception::kInstructionPageFault, va2m + 8);
  expect_fault(h.load<uint64_t>(va1g, v), Exception::kLoadPageFault, va1g);
  // Aligned, the same mappings work.
  pt.map(va2m, kRamBase + 0x40'0000, kRwx | kAD, 1);
  pt.map(va1g, kRamBase, kRwx | kAD, 2);
  h.flush_tlb();
  EXPECT_EQ(h.load<uint64_t>(va2m + 8, v), MemStatus::kOk);
  EXPECT_EQ(h.load<uint64_t>(va1g, v), MemStatus::kOk);
}

TEST_F(Mmu, ReservedHighPteBitsFault) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t slot = pt.map(va, kRamBase + 0x40'0000, kRwx | kAD);
  const auto good = m.peek<uint64_t>(slot);
  use(pt);
  uint64_t v = 0;
  // Bits 63 (N, no Svnapot), 62:61 (PBMT, no Svpbmt) and 60:54 (reserved).
  for (const unsigned bit : {54U, 57U, 60U, 61U, 62U, 63U}) {
    m.poke<uint64_t>(slot, good | (1ULL << bit));
    h.flush_tlb();
    expect_fault(h.load<uint64_t>(va, v), Exception::kLoadPageFault, va,
                 "bit " + std::to_string(bit));
  }
  // In a non-leaf entry too.
  m.poke<uint64_t>(slot, good);
  const uint64_t root_slot = pt.root() + ((va >> 30) & 0x1ff) * 8;
  m.poke<uint64_t>(root_slot, m.peek<uint64_t>(root_slot) | (1ULL << 63));
  h.flush_tlb();
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadPageFault, va);
  m.poke<uint64_t>(root_slot, m.peek<uint64_t>(root_slot) & ~(1ULL << 63));
  h.flush_tlb();
  EXPECT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
}

TEST_F(Mmu, NonCanonicalAddressesFault) {
  struct Case {
    unsigned levels;
    uint64_t va;
  };
  for (const Case c :
       {Case{3, 1ULL << 38}, Case{3, 0x0000'0080'0000'0000}, Case{3, 0xffff'ff00'0000'0000},
        Case{3, 0x8000'0000'0000'0000}, Case{4, 1ULL << 47}, Case{4, 0xfff0'0000'0000'0000},
        Case{5, 1ULL << 56}, Case{5, 0x8000'0000'0000'0000}}) {
    PageTables pt(m, c.levels, kTablePool);
    // Map the address with its upper bits dropped, so only canonicality can fail.
    pt.map(c.va & ((1ULL << (12 + 9 * c.levels)) - 1) & ~0xfffULL, kRamBase + 0x40'0000,
           kRwx | kAD);
    use(pt);
    const std::string what = "Sv" + std::to_string(12 + 9 * c.levels) + " " + std::to_string(c.va);
    uint64_t v = 0;
    uint64_t paddr = 0;
    expect_fault(h.load<uint64_t>(c.va, v), Exception::kLoadPageFault, c.va, what);
    expect_fault(h.store<uint64_t>(c.va, 1), Exception::kStorePageFault, c.va, what);
    expect_fault(fetch(c.va, paddr), Exception::kInstructionPageFault, c.va, what);
    h.set_priv(Priv::kMachine);
  }
}

// --- A and D (section 4.3.1) ---

TEST_F(Mmu, HardwareSetsAccessedAndDirty) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t data = 0x1000'0000;
  const uint64_t code = 0x1000'1000;
  const uint64_t readonly = 0x1000'2000;
  const uint64_t data_slot = pt.map(data, kRamBase + 0x40'0000, pte::kR | pte::kW);
  const uint64_t code_slot = pt.map(code, kRamBase + 0x40'1000, pte::kX);
  const uint64_t ro_slot = pt.map(readonly, kRamBase + 0x40'2000, pte::kR);
  use(pt);
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(data, v), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(data_slot) & kAD, pte::kA);  // a load sets A only
  ASSERT_EQ(h.store<uint64_t>(data, 1), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(data_slot) & kAD, kAD);
  uint64_t paddr = 0;
  ASSERT_EQ(fetch(code, paddr), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(code_slot) & kAD, pte::kA);
  // A store to a fresh writable page sets both at once.
  const uint64_t fresh_slot = pt.map(0x1000'3000, kRamBase + 0x40'3000, pte::kR | pte::kW);
  ASSERT_EQ(h.store<uint8_t>(0x1000'3000, 1), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(fresh_slot) & kAD, kAD);
  // A faulting access sets neither.
  expect_fault(h.store<uint64_t>(readonly, 1), Exception::kStorePageFault, readonly);
  EXPECT_EQ(m.peek<uint64_t>(ro_slot) & kAD, 0U);
  h.set_priv(Priv::kUser);
  expect_fault(h.load<uint64_t>(readonly, v), Exception::kLoadPageFault, readonly);
  EXPECT_EQ(m.peek<uint64_t>(ro_slot) & kAD, 0U);
  // Superpage leaves get A/D too.
  h.set_priv(Priv::kSupervisor);
  const uint64_t super_slot =
      pt.map(0x20'0000'0000 - 0x20'0000, kRamBase + 0x60'0000, pte::kR | pte::kW, 1);
  ASSERT_EQ(h.store<uint64_t>(0x20'0000'0000 - 0x20'0000 + 0x1238, 1), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(super_slot) & kAD, kAD);
  EXPECT_EQ(m.peek<uint64_t>(kRamBase + 0x60'1238), 1U);
}

// --- Access faults during the walk (sections 3.7.1, 4.3.2 step 2) ---

TEST_F(Mmu, PageTableOutsideRamGivesAccessFaults) {
  // Root table at a physical address with nothing behind it.
  h.s.satp = (8ULL << 60) | (0x10'0000 >> 12);
  h.flush_tlb();
  h.set_priv(Priv::kSupervisor);
  const uint64_t va = 0x1000'0000;
  uint64_t v = 0;
  uint64_t paddr = 0;
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadAccessFault, va);
  expect_fault(h.store<uint64_t>(va, 1), Exception::kStoreAccessFault, va);
  expect_fault(fetch(va, paddr), Exception::kInstructionAccessFault, va);
  // A valid root whose next-level pointer leaves RAM.
  h.set_priv(Priv::kMachine);
  const PageTables pt(m, 3, kTablePool);
  m.poke<uint64_t>(pt.root() + ((va >> 30) & 0x1ff) * 8, ((0x2000ULL >> 12) << 10) | pte::kV);
  use(pt);
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadAccessFault, va);
  // A leaf whose page is outside RAM: the translation succeeds, the access faults.
  h.set_priv(Priv::kMachine);
  PageTables pt2(m, 3, kTablePool + 0x10'0000);
  pt2.map(va, 0x4000'0000, kRwx | kAD);
  use(pt2);
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadAccessFault, va);
  expect_fault(h.store<uint64_t>(va, 1), Exception::kStoreAccessFault, va);
  expect_fault(fetch(va, paddr), Exception::kInstructionAccessFault, va);
}

TEST_F(Mmu, PageTableAccessesAreCheckedByPmp) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  pt.map(va, kRamBase + 0x40'0000, kRwx | kAD);
  // Entry 0 (higher priority than the allow-all entry) denies the table pool to S/U.
  h.s.pmp.addr[0] = (kTablePool >> 2) | ((0x10'0000 >> 3) - 1);  // NAPOT 1 MiB
  h.s.pmp.cfg[0] = cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift;
  h.flush_tlb();
  use(pt);
  uint64_t v = 0;
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadAccessFault, va);
  expect_fault(h.store<uint64_t>(va, 1), Exception::kStoreAccessFault, va);
}

// --- MPRV (section 3.1.6.3) ---

TEST_F(Mmu, MprvTranslatesMachineLoadsAndStoresButNotFetches) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t spage = 0x1000'0000;
  const uint64_t upage = 0x1000'1000;
  const uint64_t xpage = 0x1000'2000;
  pt.map(spage, kRamBase + 0x40'0000, pte::kR | pte::kW | kAD);
  pt.map(upage, kRamBase + 0x40'1000, pte::kR | pte::kW | pte::kU | kAD);
  pt.map(xpage, kRamBase + 0x40'2000, pte::kX | kAD);
  m.poke<uint64_t>(kRamBase + 0x40'0000, 0x5555);
  m.poke<uint64_t>(kRamBase + 0x40'1000, 0x7777);
  m.poke<uint64_t>(kRamBase + 0x40'2000, 0x9999);
  use(pt, Priv::kMachine);
  uint64_t v = 0;
  // Without MPRV, M-mode addresses are physical: the VA is not RAM.
  expect_fault(h.load<uint64_t>(spage, v), Exception::kLoadAccessFault, spage);

  set_status(ms::kMPRV | (1ULL << ms::kMPPShift), true);  // MPP = S
  ASSERT_EQ(h.load<uint64_t>(spage, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x5555U);
  ASSERT_EQ(h.store<uint64_t>(spage + 8, 0x66), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(kRamBase + 0x40'0008), 0x66U);
  expect_fault(h.load<uint64_t>(upage, v), Exception::kLoadPageFault, upage);
  set_status(ms::kSUM, true);  // SUM applies to the effective S-mode access
  ASSERT_EQ(h.load<uint64_t>(upage, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x7777U);
  set_status(ms::kSUM, false);
  expect_fault(h.load<uint64_t>(xpage, v), Exception::kLoadPageFault, xpage);
  set_status(ms::kMXR, true);  // and MXR
  ASSERT_EQ(h.load<uint64_t>(xpage, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x9999U);
  set_status(ms::kMXR, false);
  // Fetches still use M-mode: physical addresses.
  uint64_t paddr = 0;
  ASSERT_EQ(fetch(kRamBase + 0x40'2000, paddr), MemStatus::kOk);
  EXPECT_EQ(paddr, kRamBase + 0x40'2000);

  // MPP = U.
  set_status(ms::kMPP, false);
  ASSERT_EQ(h.load<uint64_t>(upage, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x7777U);
  expect_fault(h.load<uint64_t>(spage, v), Exception::kLoadPageFault, spage);
  expect_fault(h.store<uint64_t>(spage, 1), Exception::kStorePageFault, spage);

  // MPP = M: untranslated again.
  set_status(ms::kMPP, true);
  expect_fault(h.load<uint64_t>(spage, v), Exception::kLoadAccessFault, spage);
  ASSERT_EQ(h.load<uint64_t>(kRamBase + 0x40'1000, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x7777U);
  // And MPRV off with MPP = S: physical.
  set_status(ms::kMPP, false);
  set_status(1ULL << ms::kMPPShift, true);
  set_status(ms::kMPRV, false);
  ASSERT_EQ(h.load<uint64_t>(kRamBase + 0x40'1000, v), MemStatus::kOk);
}

// MXR and SUM are mstatus fields, not page-table contents: changing them through a CSR write
// takes effect for the next access without an SFENCE.VMA.
TEST_F(Mmu, MxrAndSumChangesTakeEffectWithoutSfence) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t xpage = 0x1000'0000;
  const uint64_t upage = 0x1000'1000;
  pt.map(xpage, kRamBase + 0x40'0000, pte::kX | kAD);
  pt.map(upage, kRamBase + 0x40'1000, pte::kR | pte::kU | kAD);
  use(pt);
  uint64_t v = 0;
  const auto write_status = [&](uint16_t status, uint64_t value) {
    h.set_priv(status == cpu::csr::kSstatus ? Priv::kSupervisor : Priv::kMachine);
    ASSERT_TRUE(h.csr_write(status, value | (1ULL << ms::kMPPShift), 0));
    h.set_priv(Priv::kSupervisor);
  };
  for (const uint16_t status : {cpu::csr::kSstatus, cpu::csr::kMstatus}) {
    // MXR alone (SUM stays clear).
    write_status(status, ms::kMXR);
    ASSERT_EQ(h.load<uint64_t>(xpage, v), MemStatus::kOk);  // now cached
    write_status(status, 0);
    expect_fault(h.load<uint64_t>(xpage, v), Exception::kLoadPageFault, xpage);
    // SUM alone.
    write_status(status, ms::kSUM);
    ASSERT_EQ(h.load<uint64_t>(upage, v), MemStatus::kOk);
    write_status(status, 0);
    expect_fault(h.load<uint64_t>(upage, v), Exception::kLoadPageFault, upage);
    // MXR with SUM set.
    write_status(status, ms::kSUM | ms::kMXR);
    ASSERT_EQ(h.load<uint64_t>(xpage, v), MemStatus::kOk);
    write_status(status, ms::kSUM);
    expect_fault(h.load<uint64_t>(xpage, v), Exception::kLoadPageFault, xpage);
  }
}

// --- The TLB (section 4.2.1) ---

TEST_F(Mmu, ChangedPteTakesEffectAfterSfence) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t pa1 = kRamBase + 0x40'0000;
  const uint64_t pa2 = kRamBase + 0x40'1000;
  m.poke<uint64_t>(pa1, 1);
  m.poke<uint64_t>(pa2, 2);
  pt.map(va, pa1, kRwx | kAD);
  use(pt);
  uint64_t v = 0;
  uint64_t paddr = 0;
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  ASSERT_EQ(v, 1U);
  ASSERT_EQ(h.store<uint64_t>(va + 8, 0x11), MemStatus::kOk);
  ASSERT_EQ(fetch(va, paddr), MemStatus::kOk);
  pt.map(va, pa2, kRwx | kAD);
  // Without a fence the old translation may stay; strata's TLB keeps it (this checks the test
  // really exercises cached translations).
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  ASSERT_EQ(v, 1U) << "the TLB did not cache the translation";
  h.flush_tlb_page(va);
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  EXPECT_EQ(v, 2U);
  ASSERT_EQ(h.store<uint64_t>(va + 8, 0x22), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(pa2 + 8), 0x22U);
  EXPECT_EQ(m.peek<uint64_t>(pa1 + 8), 0x11U);
  ASSERT_EQ(fetch(va, paddr), MemStatus::kOk);
  EXPECT_EQ(paddr, pa2);
  // A global flush, and a U-mode (different regime) view.
  pt.map(va, pa1, kRwx | pte::kU | kAD);
  h.flush_tlb();
  h.set_priv(Priv::kUser);
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  EXPECT_EQ(v, 1U);
}

TEST_F(Mmu, PermissionDowngradeTakesEffectAfterSfence) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t pa = kRamBase + 0x40'0000;
  pt.map(va, pa, pte::kR | pte::kW | kAD);
  use(pt);
  ASSERT_EQ(h.store<uint64_t>(va, 1), MemStatus::kOk);
  pt.map(va, pa, pte::kR | kAD);
  h.flush_tlb_page(va + 0x123);  // any address within the page names it
  expect_fault(h.store<uint64_t>(va, 2), Exception::kStorePageFault, va);
  EXPECT_EQ(m.peek<uint64_t>(pa), 1U);
  // Unmapping entirely.
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  pt.map(va, pa, 0);
  m.poke<uint64_t>(pt.leaf_slot(va, 0), 0);
  h.flush_tlb_page(va);
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadPageFault, va);
}

TEST_F(Mmu, SatpWriteFlushes) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  m.poke<uint64_t>(kRamBase + 0x40'0000, 1);
  m.poke<uint64_t>(kRamBase + 0x40'1000, 2);
  pt.map(va, kRamBase + 0x40'0000, kRwx | kAD);
  use(pt);
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  ASSERT_EQ(v, 1U);
  pt.map(va, kRamBase + 0x40'1000, kRwx | kAD);
  ASSERT_TRUE(h.csr_write(cpu::csr::kSatp, pt.satp(), 0));  // same value: still a flush
  ASSERT_EQ(h.load<uint64_t>(va, v), MemStatus::kOk);
  EXPECT_EQ(v, 2U);
  // Switching to Bare: S-mode addresses become physical.
  ASSERT_TRUE(h.csr_write(cpu::csr::kSatp, 0, 0));
  expect_fault(h.load<uint64_t>(va, v), Exception::kLoadAccessFault, va);
}

TEST_F(Mmu, SfenceOfOneAddressDropsTheWholeSuperpage) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x4000'0000;  // a 2 MiB page
  const uint64_t old_pa = kRamBase + 0x40'0000;
  const uint64_t new_pa = kRamBase + 0x60'0000;
  m.poke<uint64_t>(old_pa + 0x5000, 0x01d);
  m.poke<uint64_t>(new_pa + 0x5000, 0x2e3);
  m.poke<uint64_t>(old_pa + 0x1000, 0x01d);
  m.poke<uint64_t>(new_pa + 0x1000, 0x2e3);
  pt.map(va, old_pa, kRwx | kAD, 1);
  use(pt);
  uint64_t v = 0;
  uint64_t paddr = 0;
  ASSERT_EQ(h.load<uint64_t>(va + 0x1000, v), MemStatus::kOk);
  ASSERT_EQ(h.load<uint64_t>(va + 0x5000, v), MemStatus::kOk);
  ASSERT_EQ(v, 0x01dU);
  ASSERT_EQ(h.store<uint64_t>(va + 0x5008, 7), MemStatus::kOk);
  ASSERT_EQ(fetch(va + 0x5000, paddr), MemStatus::kOk);
  pt.map(va, new_pa, kRwx | kAD, 1);
  ASSERT_EQ(h.load<uint64_t>(va + 0x5000, v), MemStatus::kOk);
  ASSERT_EQ(v, 0x01dU) << "the TLB did not cache the superpage slice";
  h.flush_tlb_page(va + 0x1000);  // names the superpage by another of its 4 KiB slices
  ASSERT_EQ(h.load<uint64_t>(va + 0x5000, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x2e3U);
  ASSERT_EQ(h.store<uint64_t>(va + 0x5008, 9), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(new_pa + 0x5008), 9U);
  ASSERT_EQ(fetch(va + 0x5000, paddr), MemStatus::kOk);
  EXPECT_EQ(paddr, new_pa + 0x5000);
}

// --- Misaligned accesses across a page boundary (section 2.6 of the unprivileged spec) ---

TEST_F(Mmu, MisalignedAccessesCrossPagesBetweenDisjointFrames) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t pa_low = kRamBase + 0x45'0000;   // backs va
  const uint64_t pa_high = kRamBase + 0x41'0000;  // backs va + 4096, below pa_low
  pt.map(va, pa_low, pte::kR | pte::kW | kAD);
  pt.map(va + 0x1000, pa_high, pte::kR | pte::kW | kAD);
  m.poke<uint32_t>(pa_low + 0xffc, 0x4433'2211);
  m.poke<uint32_t>(pa_high, 0x8877'6655);
  use(pt);
  uint64_t v64 = 0;
  ASSERT_EQ(h.load<uint64_t>(va + 0xffc, v64), MemStatus::kOk);
  EXPECT_EQ(v64, 0x8877'6655'4433'2211U);
  uint32_t v32 = 0;
  ASSERT_EQ(h.load<uint32_t>(va + 0xffe, v32), MemStatus::kOk);
  EXPECT_EQ(v32, 0x6655'4433U);
  uint16_t v16 = 0;
  ASSERT_EQ(h.load<uint16_t>(va + 0xfff, v16), MemStatus::kOk);
  EXPECT_EQ(v16, 0x5544U);
  ASSERT_EQ(h.store<uint64_t>(va + 0xffb, 0x0807'0605'0403'0201), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint8_t>(pa_low + 0xffb), 0x01U);
  EXPECT_EQ(m.peek<uint32_t>(pa_low + 0xffc), 0x0504'0302U);
  EXPECT_EQ(m.peek<uint32_t>(pa_high), 0x8808'0706U);
}

TEST_F(Mmu, StoreCrossingIntoAFaultingPageWritesNothing) {
  PageTables pt(m, 3, kTablePool);
  const uint64_t va = 0x1000'0000;
  const uint64_t pa = kRamBase + 0x45'0000;
  pt.map(va, pa, pte::kR | pte::kW | kAD);  // va + 4096 unmapped
  pt.map(va + 0x2000, pa + 0x2000, pte::kR | pte::kW | kAD);
  pt.map(va + 0x3000, pa + 0x3000, pte::kR | kAD);  // read-only
  m.poke<uint64_t>(pa + 0xff8, 0x1111'1111'1111'1111);
  m.poke<uint64_t>(pa + 0x2ff8, 0x2222'2222'2222'2222);
  use(pt);
  const MemStatus status = h.store<uint64_t>(va + 0xffc, 0xffff'ffff'ffff'ffff);
  ASSERT_EQ(status, MemStatus::kFault);
  Fault f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kStorePageFault));
  // tval names the faulting part of the access (va + 4096) or its start.
  EXPECT_TRUE(f.tval == va + 0x1000 || f.tval == va + 0xffc) << std::hex << f.tval;
  EXPECT_EQ(m.peek<uint64_t>(pa + 0xff8), 0x1111'1111'1111'1111U);
  // Into a read-only page: also nothing written.
  ASSERT_EQ(h.store<uint32_t>(va + 0x2ffe, 0xffff'ffff), MemStatus::kFault);
  f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kStorePageFault));
  EXPECT_EQ(m.peek<uint64_t>(pa + 0x2ff8), 0x2222'2222'2222'2222U);
  // A load crossing into the unmapped page faults too.
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(va + 0xffc, v), MemStatus::kFault);
  f = deliver(h);
  EXPECT_EQ(f.cause, cause(Exception::kLoadPageFault));
  EXPECT_TRUE(f.tval == va + 0x1000 || f.tval == va + 0xffc) << std::hex << f.tval;
}

TEST_F(Mmu, MisalignedAccessesInMachineMode) {
  const uint64_t pa = kRamBase + 0x45'0ffc;
  m.poke<uint64_t>(pa, 0x0102'0304'0506'0708);
  uint64_t v = 0;
  ASSERT_EQ(h.load<uint64_t>(pa, v), MemStatus::kOk);
  EXPECT_EQ(v, 0x0102'0304'0506'0708U);
  ASSERT_EQ(h.store<uint64_t>(pa + 1, 0xa1a2'a3a4'a5a6'a7a8), MemStatus::kOk);
  EXPECT_EQ(m.peek<uint64_t>(pa + 1), 0xa1a2'a3a4'a5a6'a7a8U);
  // Running off the end of RAM: an access fault.
  const uint64_t end = kRamBase + m.ram().size();
  ASSERT_EQ(h.store<uint64_t>(end - 4, 0), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kStoreAccessFault));
  ASSERT_EQ(h.load<uint64_t>(end - 4, v), MemStatus::kFault);
  EXPECT_EQ(deliver(h).cause, cause(Exception::kLoadAccessFault));
}

}  // namespace
}  // namespace strata::test
