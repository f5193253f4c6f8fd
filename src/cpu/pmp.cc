#include "cpu/pmp.h"

#include <bit>
#include <cstring>

#include "util/bits.h"

namespace strata::cpu {
namespace {

constexpr uint64_t kAddrMask = (1ULL << 54) - 1;  // pmpaddr holds physical address bits 55:2

pmpcfg::Mode mode_of(uint8_t cfg) {
  return static_cast<pmpcfg::Mode>((cfg & pmpcfg::kA) >> pmpcfg::kAShift);
}

// The byte range [lo, hi) entry `i` covers; hi may be 2^56, so it is held as uint128.
struct Range {
  uint128 lo;
  uint128 hi;
};

Range range_of(const PmpState& pmp, unsigned i) {
  const uint64_t addr = pmp.addr[i];
  switch (mode_of(pmp.cfg[i])) {
    case pmpcfg::kTor: {
      const uint64_t lo = i == 0 ? 0 : pmp.addr[i - 1] << 2;
      // With pmpaddr[i-1] >= pmpaddr[i] the entry matches no address (section 3.7.1).
      if (lo >= static_cast<uint128>(addr) << 2) return {0, 0};
      return {lo, static_cast<uint128>(addr) << 2};
    }
    case pmpcfg::kNa4:
      return {static_cast<uint128>(addr) << 2, (static_cast<uint128>(addr) << 2) + 4};
    case pmpcfg::kNapot: {
      const auto ones = static_cast<unsigned>(std::countr_one(addr));
      const uint128 size = static_cast<uint128>(8) << ones;
      const uint128 base = (static_cast<uint128>(addr) << 2) & ~(size - 1);
      return {base, base + size};
    }
    default: return {0, 0};
  }
}

bool permits(uint8_t cfg, Access access, Priv priv) {
  if (priv == Priv::kMachine && (cfg & pmpcfg::kLocked) == 0) return true;
  switch (access) {
    case Access::kRead: return (cfg & pmpcfg::kR) != 0;
    case Access::kWrite: return (cfg & pmpcfg::kW) != 0;
    default: return (cfg & pmpcfg::kX) != 0;
  }
}

// Whether entries i..i+7 (i a multiple of 8) are all off: one load instead of eight, as a
// software TLB miss scans the entries up to three times and most of them are usually off.
constexpr uint64_t kModeBitsOfEight = 0x0101010101010101ULL * pmpcfg::kA;
static_assert(kPmpEntries % 8 == 0);
bool eight_off(const PmpState& pmp, unsigned i) {
  uint64_t cfgs = 0;
  std::memcpy(&cfgs, &pmp.cfg[i], sizeof cfgs);
  return (cfgs & kModeBitsOfEight) == 0;
}

bool is_locked(const PmpState& pmp, unsigned i) {
  return (pmp.cfg[i] & pmpcfg::kLocked) != 0;
}

}  // namespace

bool pmp_allows(const PmpState& pmp, uint64_t paddr, uint64_t size, Access access, Priv priv) {
  const uint128 lo = paddr;
  const uint128 hi = lo + size;
  for (unsigned i = 0; i < kPmpEntries; ++i) {
    if (i % 8 == 0 && eight_off(pmp, i)) {
      i += 7;
      continue;
    }
    if (mode_of(pmp.cfg[i]) == pmpcfg::kOff) continue;
    const Range r = range_of(pmp, i);
    if (hi <= r.lo || lo >= r.hi) continue;
    // The lowest-numbered entry that matches any byte decides, and must match all of them.
    if (lo < r.lo || hi > r.hi) return false;
    return permits(pmp.cfg[i], access, priv);
  }
  return priv == Priv::kMachine;
}

bool pmp_uniform_over_page(const PmpState& pmp, uint64_t page) {
  const uint128 lo = page;
  const uint128 hi = lo + 4096;
  for (unsigned i = 0; i < kPmpEntries; ++i) {
    if (i % 8 == 0 && eight_off(pmp, i)) {
      i += 7;
      continue;
    }
    if (mode_of(pmp.cfg[i]) == pmpcfg::kOff) continue;
    const Range r = range_of(pmp, i);
    if (hi <= r.lo || lo >= r.hi) continue;
    return lo >= r.lo && hi <= r.hi;
  }
  return true;
}

void pmp_write_cfg(PmpState& pmp, unsigned csr_index, uint64_t value) {
  const unsigned first = csr_index * 4;  // pmpcfg0 holds entries 0-7, pmpcfg2 entries 8-15
  for (unsigned j = 0; j < 8; ++j) {
    const unsigned i = first + j;
    if (i >= kPmpEntries || is_locked(pmp, i)) continue;
    auto cfg = static_cast<uint8_t>(value >> (8 * j));
    cfg &= static_cast<uint8_t>(~0x60U);  // bits 6:5 are reserved, read as zero
    // W without R is reserved; strata stores it as no access for both.
    if ((cfg & pmpcfg::kW) != 0 && (cfg & pmpcfg::kR) == 0) {
      cfg &= static_cast<uint8_t>(~pmpcfg::kW);
    }
    pmp.cfg[i] = cfg;
  }
}

uint64_t pmp_read_cfg(const PmpState& pmp, unsigned csr_index) {
  uint64_t value = 0;
  for (unsigned j = 0; j < 8; ++j) {
    const unsigned i = csr_index * 4 + j;
    if (i < kPmpEntries) value |= static_cast<uint64_t>(pmp.cfg[i]) << (8 * j);
  }
  return value;
}

void pmp_write_addr(PmpState& pmp, unsigned entry, uint64_t value) {
  if (entry >= kPmpEntries || is_locked(pmp, entry)) return;
  // A locked TOR entry also freezes the address below it, which is its base.
  if (entry + 1 < kPmpEntries && is_locked(pmp, entry + 1) &&
      mode_of(pmp.cfg[entry + 1]) == pmpcfg::kTor) {
    return;
  }
  pmp.addr[entry] = value & kAddrMask;
}

}  // namespace strata::cpu
