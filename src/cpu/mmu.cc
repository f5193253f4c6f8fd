// Address translation (Sv39/Sv48/Sv57 with hardware A/D updates), PMP enforcement, the software
// TLB, and the slow paths of loads, stores, atomics and instruction fetch.
#include <atomic>

#include "cpu/hart.h"
#include "cpu/pte.h"
#include "util/bits.h"

namespace strata::cpu {
namespace {

constexpr uint64_t kPageMask = ~0xfffULL;
constexpr uint64_t kPpnMask = (1ULL << 44) - 1;

Exception page_fault(Access access) {
  switch (access) {
    case Access::kRead: return Exception::kLoadPageFault;
    case Access::kWrite: return Exception::kStorePageFault;
    default: return Exception::kInstructionPageFault;
  }
}

Exception access_fault(Access access) {
  switch (access) {
    case Access::kRead: return Exception::kLoadAccessFault;
    case Access::kWrite: return Exception::kStoreAccessFault;
    default: return Exception::kInstructionAccessFault;
  }
}

Priv regime_priv(Hart::Regime regime) {
  switch (regime) {
    case Hart::kRegimeMachine: return Priv::kMachine;
    case Hart::kRegimeUser: return Priv::kUser;
    default: return Priv::kSupervisor;
  }
}

}  // namespace

bool Hart::walk(uint64_t va, Access access, Regime regime, uint64_t& paddr) {
  const uint64_t mode = s.satp >> 60;
  const unsigned levels = mode == 8 ? 3 : mode == 9 ? 4 : 5;
  const unsigned va_bits = 12 + 9 * levels;
  if (static_cast<uint64_t>(sign_extend(va, va_bits)) != va) {
    raise(page_fault(access), va);
    return false;
  }
  mem::GuestRam& ram = bus_.ram();
  uint64_t table = (s.satp & kPpnMask) << 12;
  for (int level = static_cast<int>(levels) - 1; level >= 0; --level) {
    const unsigned shift = 12 + 9 * static_cast<unsigned>(level);
    const uint64_t pte_address = table + ((va >> shift) & 0x1ffU) * 8;
    // Page-table reads are S-mode accesses for PMP, and must hit RAM.
    if (!ram.contains(pte_address, 8) ||
        !pmp_allows(s.pmp, pte_address, 8, Access::kRead, Priv::kSupervisor)) {
      raise(access_fault(access), va);
      return false;
    }
    const std::atomic_ref<uint64_t> entry(*reinterpret_cast<uint64_t*>(ram.host(pte_address)));
    uint64_t value = entry.load(std::memory_order_acquire);
    for (;;) {
      const bool readable = (value & pte::kR) != 0;
      const bool writable = (value & pte::kW) != 0;
      const bool executable = (value & pte::kX) != 0;
      if ((value & pte::kV) == 0 || (!readable && writable) ||
          (value >> pte::kReservedShift) != 0) {
        raise(page_fault(access), va);
        return false;
      }
      if (!readable && !executable) break;  // a pointer to the next level
      const uint64_t ppn = (value >> 10) & kPpnMask;
      const uint64_t superpage_mask = (1ULL << (9 * static_cast<unsigned>(level))) - 1;
      if ((ppn & superpage_mask) != 0) {  // misaligned superpage
        raise(page_fault(access), va);
        return false;
      }
      const bool user_page = (value & pte::kU) != 0;
      bool allowed = false;
      if (access == Access::kExecute) {
        allowed = executable && (regime == kRegimeUser ? user_page : !user_page);
      } else {
        const bool privilege_ok = regime == kRegimeUser            ? user_page
                                  : regime == kRegimeSupervisorSum ? true
                                                                   : !user_page;
        const bool mxr = (s.mstatus & mstatus::kMXR) != 0;
        const bool permission_ok =
            access == Access::kRead ? (readable || (mxr && executable)) : writable;
        allowed = privilege_ok && permission_ok;
      }
      if (!allowed) {
        raise(page_fault(access), va);
        return false;
      }
      // Hardware A/D update, atomically: if the PTE changed under us, evaluate it again.
      const uint64_t needed = pte::kA | (access == Access::kWrite ? pte::kD : 0);
      if ((value & needed) != needed) {
        if (!pmp_allows(s.pmp, pte_address, 8, Access::kWrite, Priv::kSupervisor)) {
          raise(access_fault(access), va);
          return false;
        }
        if (!entry.compare_exchange_weak(value, value | needed, std::memory_order_acq_rel)) {
          continue;
        }
        ram.mark_dirty(pte_address);
      }
      paddr = ((ppn & ~superpage_mask) << 12) | (va & ((1ULL << shift) - 1));
      // The TLB holds 4 KiB slices of superpages; an SFENCE.VMA naming one address of a
      // superpage must drop all of them, so remember that such slices exist.
      if (level > 0) tlb_has_superpages_ = true;
      return true;
    }
    if (level == 0) {
      raise(page_fault(access), va);
      return false;
    }
    table = ((value >> 10) & kPpnMask) << 12;
  }
  raise(page_fault(access), va);
  return false;
}

bool Hart::translate(uint64_t va, Access access, Regime regime, Translation& out) {
  ++counters.tlb_misses;
  uint64_t paddr = va;
  const bool paged = regime != kRegimeMachine && (s.satp >> 60) != 0;
  if (paged && !walk(va, access, regime, paddr)) return false;
  const Priv priv = regime_priv(regime);
  if (!pmp_allows(s.pmp, paddr, 1, access, priv)) {
    raise(access_fault(access), va);
    return false;
  }
  out.paddr = paddr;
  out.cacheable = pmp_uniform_over_page(s.pmp, paddr & kPageMask);
  return true;
}

void Hart::fill_tlb(Regime regime, Access access, uint64_t va, uint64_t paddr) {
  mem::GuestRam& ram = bus_.ram();
  const uint64_t page = paddr & kPageMask;
  if (!ram.contains(page, mem::kPageSize)) return;
  if (access == Access::kWrite) {
    if (ram.is_watched(page)) return;
    ram.mark_dirty(page);
  }
  tlb_.before_fill();  // may resize, which moves the entry
  if (access == Access::kWrite) tlb_.note_write_page(page);
  TlbEntry& e = tlb_.regime(regime)[tlb_slot(access, va)];
  e.invalidate();
  e.addend = reinterpret_cast<uintptr_t>(ram.host(page)) - (va & kPageMask);
  e.page = page;
  __atomic_store_n(&e.tag, va & kPageMask, __ATOMIC_RELEASE);
  // A hart that starts watching the page revokes write entries after setting its watch bit; one
  // filled concurrently is caught here, after the fence, by reading the bit (see GuestRam).
  if (access == Access::kWrite) {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (ram.is_watched(page)) {
      e.invalidate();
    } else if (direct_stores_) {
      store_window_.widen(ram, page);
    }
  }
}

MemStatus Hart::load_physical(uint64_t va, uint64_t paddr, unsigned size, uint64_t& value) {
  const mem::GuestRam& ram = bus_.ram();
  if (ram.contains(paddr, size)) {
    value = 0;
    std::memcpy(&value, ram.host(paddr), size);
    return MemStatus::kOk;
  }
  if (bus_.mmio_read(paddr, size, value)) return MemStatus::kOk;
  raise(Exception::kLoadAccessFault, va);
  return MemStatus::kFault;
}

MemStatus Hart::store_physical(uint64_t va, uint64_t paddr, unsigned size, uint64_t value) {
  mem::GuestRam& ram = bus_.ram();
  if (ram.contains(paddr, size)) {
    std::memcpy(ram.host(paddr), &value, size);
    ram.mark_dirty(paddr);
    std::atomic_thread_fence(std::memory_order_seq_cst);  // publish before reading watchers
    if (ram.is_watched(paddr)) {
      ram.notify_watched_write(paddr, size, static_cast<int>(s.hartid));
      return MemStatus::kWatched;
    }
    return MemStatus::kOk;
  }
  if (bus_.mmio_write(paddr, size, value)) return MemStatus::kOk;
  raise(Exception::kStoreAccessFault, va);
  return MemStatus::kFault;
}

MemStatus Hart::load_slow(uint64_t va, unsigned size, uint64_t& value) {
  Translation t{};
  if ((va & (size - 1)) != 0 && ((va + size - 1) & kPageMask) != (va & kPageMask)) {
    // A misaligned load across a page boundary: strata emulates it one byte at a time.
    value = 0;
    for (unsigned i = 0; i < size; ++i) {
      uint64_t byte = 0;
      if (!translate(va + i, Access::kRead, data_regime_, t)) return MemStatus::kFault;
      if (load_physical(va + i, t.paddr, 1, byte) != MemStatus::kOk) return MemStatus::kFault;
      value |= byte << (8 * i);
    }
    return MemStatus::kOk;
  }
  if (!translate(va, Access::kRead, data_regime_, t)) return MemStatus::kFault;
  if (!pmp_allows(s.pmp, t.paddr, size, Access::kRead, regime_priv(data_regime_))) {
    raise(Exception::kLoadAccessFault, va);
    return MemStatus::kFault;
  }
  const MemStatus status = load_physical(va, t.paddr, size, value);
  if (status == MemStatus::kOk && t.cacheable) fill_tlb(data_regime_, Access::kRead, va, t.paddr);
  return status;
}

MemStatus Hart::store_slow(uint64_t va, unsigned size, uint64_t value) {
  Translation t{};
  if ((va & (size - 1)) != 0 && ((va + size - 1) & kPageMask) != (va & kPageMask)) {
    // Across a page boundary: translate every byte before writing any, so a fault leaves memory
    // untouched and the exception stays precise.
    std::array<uint64_t, 8> paddrs{};
    for (unsigned i = 0; i < size; ++i) {
      if (!translate(va + i, Access::kWrite, data_regime_, t)) return MemStatus::kFault;
      paddrs[i] = t.paddr;
    }
    MemStatus result = MemStatus::kOk;
    for (unsigned i = 0; i < size; ++i) {
      const MemStatus status = store_physical(va + i, paddrs[i], 1, (value >> (8 * i)) & 0xffU);
      if (status == MemStatus::kFault) return status;
      if (status == MemStatus::kWatched) result = status;
    }
    return result;
  }
  if (!translate(va, Access::kWrite, data_regime_, t)) return MemStatus::kFault;
  if (!pmp_allows(s.pmp, t.paddr, size, Access::kWrite, regime_priv(data_regime_))) {
    raise(Exception::kStoreAccessFault, va);
    return MemStatus::kFault;
  }
  const MemStatus status = store_physical(va, t.paddr, size, value);
  if (status == MemStatus::kOk && t.cacheable) fill_tlb(data_regime_, Access::kWrite, va, t.paddr);
  return status;
}

MemStatus Hart::atomic_pointer(uint64_t va, unsigned size, Access access, void*& host) {
  if ((va & (size - 1)) != 0) {
    raise(access == Access::kRead ? Exception::kLoadMisaligned : Exception::kStoreMisaligned, va);
    return MemStatus::kFault;
  }
  const TlbEntry& e = data_tlb_[tlb_slot(access, va)];
  if (e.load_tag() == (va & kPageMask)) {
    host = reinterpret_cast<void*>(va + e.addend);
    return MemStatus::kOk;
  }
  Translation t{};
  if (!translate(va, access, data_regime_, t)) return MemStatus::kFault;
  mem::GuestRam& ram = bus_.ram();
  if (!ram.contains(t.paddr, size) ||
      !pmp_allows(s.pmp, t.paddr, size, access, regime_priv(data_regime_))) {
    raise(access == Access::kRead ? Exception::kLoadAccessFault : Exception::kStoreAccessFault, va);
    return MemStatus::kFault;
  }
  if (access == Access::kWrite) ram.mark_dirty(t.paddr);
  if (t.cacheable) fill_tlb(data_regime_, access, va, t.paddr);
  host = ram.host(t.paddr);
  return MemStatus::kOk;
}

MemStatus Hart::after_atomic_store(void* host, unsigned size) {
  const mem::GuestRam& ram = bus_.ram();
  const uint64_t paddr = physical_address_of(host);
  if (!ram.is_watched(paddr)) return MemStatus::kOk;
  ram.notify_watched_write(paddr, size, static_cast<int>(s.hartid));
  return MemStatus::kWatched;
}

MemStatus Hart::fetch_translate(uint64_t va, uint64_t& paddr, bool& cacheable) {
  const TlbEntry& e = fetch_tlb_[tlb_slot(Access::kExecute, va)];
  if (e.load_tag() == (va & kPageMask)) [[likely]] {
    paddr = e.page | (va & 0xfffU);
    cacheable = true;
    return MemStatus::kOk;
  }
  Translation t{};
  if (!translate(va, Access::kExecute, fetch_regime_, t)) return MemStatus::kFault;
  if (!bus_.ram().contains(t.paddr, 2)) {  // strata does not execute from device memory
    raise(Exception::kInstructionAccessFault, va);
    return MemStatus::kFault;
  }
  paddr = t.paddr;
  cacheable = t.cacheable;
  if (cacheable) fill_tlb(fetch_regime_, Access::kExecute, va, t.paddr);
  return MemStatus::kOk;
}

MemStatus Hart::fetch16(uint64_t va, uint16_t& half) {
  uint64_t paddr = 0;
  bool cacheable = false;
  if (fetch_translate(va, paddr, cacheable) != MemStatus::kOk) return MemStatus::kFault;
  if (!cacheable && !pmp_allows(s.pmp, paddr, 2, Access::kExecute, regime_priv(fetch_regime_))) {
    raise(Exception::kInstructionAccessFault, va);
    return MemStatus::kFault;
  }
  std::memcpy(&half, bus_.ram().host(paddr), 2);
  return MemStatus::kOk;
}

void Hart::flush_tlb() {
  tlb_has_superpages_ = false;
  tlb_.flush();
  new_fetch_epoch();
}

void Hart::flush_tlb_page(uint64_t va) {
  if (tlb_has_superpages_) {
    flush_tlb();
    return;
  }
  new_fetch_epoch();
  for (unsigned regime = 0; regime < kRegimes; ++regime) {
    for (unsigned access = 0; access < SoftTlb::kAccesses; ++access) {
      TlbEntry& e = tlb_.regime(regime)[tlb_slot(static_cast<Access>(access), va)];
      if (e.load_tag() == (va & kPageMask)) e.invalidate();
    }
  }
}

void Hart::drop_write_permission(uint64_t paddr_page) {
  tlb_.drop_write_permission(paddr_page & kPageMask);
  store_window_.exclude(paddr_page & kPageMask);
}

}  // namespace strata::cpu
