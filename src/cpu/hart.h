// One RISC-V hart: its architectural state plus the trap-and-emulate layer every engine calls —
// memory access through the MMU and software TLB, CSR access with privilege checks, trap entry,
// xRET, and interrupt selection.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "cpu/clock.h"
#include "cpu/hart_state.h"
#include "cpu/hypercall.h"
#include "cpu/pmp.h"
#include "cpu/soft_tlb.h"
#include "cpu/store_window.h"
#include "mem/bus.h"
#include "state/stream.h"

namespace strata::cpu {

enum class MemStatus : uint8_t {
  kOk,
  kFault,    // an exception is recorded; deliver it with take_exception()
  kWatched,  // the store landed on a watched page: the engine should leave its block
};

// The fields are in groups by use, not by size.
class Hart final {  // NOLINT(clang-analyzer-optin.performance.Padding): see above
 public:
  Hart(uint64_t hartid, mem::Bus& bus, const Clock& clock);

  HartState s;
  // Set by WFI: the engine idles the hart until an interrupt is pending.
  bool waiting_for_interrupt = false;
  // PAUSEs executed, counted to give the host CPU away at every kPausesPerYield-th (exec_Pause).
  uint32_t pauses = 0;
  static constexpr uint32_t kPausesPerYield = 8;
  // When set, S-mode ECALLs go to the monitor instead of trapping to M-mode.
  HypercallHandler* hypercalls = nullptr;

  // What --stats reports: traps taken by cause (exception codes and interrupt codes), and
  // software-TLB misses (walks and permission checks of the slow path). Own thread only.
  struct Counters {
    std::array<uint64_t, 16> exceptions{};
    std::array<uint64_t, 16> interrupts{};
    uint64_t tlb_misses = 0;
  };
  Counters counters;

  // Translation regimes, indexing the TLB: an access's effective privilege, with SUM folded in
  // so Linux toggling SUM around user copies does not flush anything.
  enum Regime : uint8_t { kRegimeMachine, kRegimeSupervisor, kRegimeSupervisorSum, kRegimeUser };
  static constexpr unsigned kRegimes = SoftTlb::kRegimes;
  static_assert(kRegimes <= 4, "the fetch epoch holds the regime in two bits");

  // Data accesses. `T` is an unsigned integer of 1, 2, 4 or 8 bytes.
  template <typename T>
  [[nodiscard]] MemStatus load(uint64_t va, T& out) {
    const TlbEntry& e = data_tlb_[tlb_slot(Access::kRead, va)];
    if (e.load_tag() == (va & (~0xfffULL | (sizeof(T) - 1)))) [[likely]] {
      std::memcpy(&out, reinterpret_cast<const void*>(va + e.addend), sizeof(T));
      return MemStatus::kOk;
    }
    uint64_t value = 0;
    const MemStatus status = load_slow(va, sizeof(T), value);
    out = static_cast<T>(value);
    return status;
  }
  template <typename T>
  [[nodiscard]] MemStatus store(uint64_t va, T value) {
    const TlbEntry& e = data_tlb_[tlb_slot(Access::kWrite, va)];
    if (e.load_tag() == (va & (~0xfffULL | (sizeof(T) - 1)))) [[likely]] {
      std::memcpy(reinterpret_cast<void*>(va + e.addend), &value, sizeof(T));
      return MemStatus::kOk;
    }
    return store_slow(va, sizeof(T), value);
  }
  // An aligned host pointer for an atomic access (LR: read, SC and AMOs: write), after the
  // misalignment, translation, PMP and RAM checks. Atomics to device memory take access faults.
  [[nodiscard]] MemStatus atomic_pointer(uint64_t va, unsigned size, Access access, void*& host);
  // The guest physical address of a host pointer into guest RAM (from atomic_pointer).
  uint64_t physical_address_of(const void* host) const {
    const mem::GuestRam& ram = bus_.ram();
    return ram.base() +
           static_cast<uint64_t>(static_cast<const uint8_t*>(host) - ram.host(ram.base()));
  }
  // Reports an atomic store to a watched page, as store_slow does for plain stores.
  [[nodiscard]] MemStatus after_atomic_store(void* host, unsigned size);

  // Instruction fetch: the guest physical address of `va`, and whether execute permission is the
  // same across its whole page (so decoded code from it may be cached).
  [[nodiscard]] MemStatus fetch_translate(uint64_t va, uint64_t& paddr, bool& cacheable);
  [[nodiscard]] MemStatus fetch16(uint64_t va, uint16_t& half);

  // Exceptions: raise() records one; take_exception() delivers it for the instruction at `epc`.
  void raise(Exception cause, uint64_t tval) {
    pending_cause_ = cause;
    pending_tval_ = tval;
  }
  void take_exception(uint64_t epc);
  // Takes the highest-priority pending and enabled interrupt, if any; true if one was taken.
  bool take_interrupt();
  // Pending bits as the guest sees them in mip.
  uint64_t mip() const {
    return s.mip.load(std::memory_order_relaxed) | s.mip_external.load(std::memory_order_relaxed) |
           timer_pending_;
  }
  bool interrupt_possible() const { return (mip() & s.mie) != 0; }

  // xRET and WFI; false means illegal instruction.
  [[nodiscard]] bool mret();
  [[nodiscard]] bool sret();
  [[nodiscard]] bool wfi_allowed() const;
  [[nodiscard]] bool sfence_allowed() const;

  // CSR access; false means illegal instruction. `instret_in_block` is how many instructions of
  // the current block retired before this one (engines count retirement per block).
  [[nodiscard]] bool csr_read(uint16_t csr, uint64_t& value, uint64_t instret_in_block);
  [[nodiscard]] bool csr_write(uint16_t csr, uint64_t value, uint64_t instret_in_block);

  bool fp_enabled() const { return (s.mstatus & mstatus::kFS) != 0; }
  void mark_fp_dirty() { s.mstatus |= mstatus::kFS; }

  // Recomputes MTIP and the Sstc STIP from the clock; returns the next time (in timebase ticks)
  // at which a timer interrupt becomes pending, or ~0 if none is armed.
  uint64_t update_timers() { return update_timers_at(clock_.now()); }
  // The same at host time `now`, which the caller has just read for its own use (the engines'
  // clock polls: a clock read is a good part of a poll's cost).
  uint64_t update_timers(std::chrono::steady_clock::time_point now) {
    return update_timers_at(clock_.at(now));
  }
  uint64_t time() const { return clock_.now(); }
  uint64_t nanoseconds_until(uint64_t ticks) const { return clock_.nanoseconds_until(ticks); }

  // Cross-thread signalling: devices and other harts raise or lower external interrupt lines and
  // wake a hart idling in WFI; wake() also makes the engine leave its inner loop promptly.
  void raise_external(uint64_t bits) {
    s.mip_external.fetch_or(bits, std::memory_order_release);
    wake();
  }
  void lower_external(uint64_t bits) { s.mip_external.fetch_and(~bits, std::memory_order_release); }
  void wake();
  // Sleeps until wake() or for at most `max_sleep`.
  void wait_for_wakeup(std::chrono::nanoseconds max_sleep);

  // Remote fences. Another hart asks this one to flush its TLB and apply the code invalidations
  // queued for it, and waits for the returned ticket to complete. The engine of this hart serves
  // requests at block boundaries and while idle.
  uint64_t request_sync() {
    const uint64_t ticket = sync_requested_.fetch_add(1, std::memory_order_acq_rel) + 1;
    wake();
    return ticket;
  }
  bool sync_completed(uint64_t ticket) const {
    return sync_completed_.load(std::memory_order_acquire) >= ticket;
  }
  uint64_t sync_requested() const { return sync_requested_.load(std::memory_order_acquire); }
  // Own thread, after applying code invalidations: flushes the TLB and completes every request
  // up to `requested`.
  void complete_sync(uint64_t requested) {
    flush_tlb();
    sync_completed_.store(requested, std::memory_order_release);
  }

  // HSM stop: makes the engine return (StopReason::kParked) at its next block boundary.
  void request_park() {
    park_requested_.store(true, std::memory_order_release);
    wake();
  }
  bool take_park_request() { return park_requested_.exchange(false, std::memory_order_acq_rel); }

  void flush_tlb();
  void flush_tlb_page(uint64_t va);
  // Drops cached write permission for a guest physical page that just became watched. Any thread
  // may call it.
  void drop_write_permission(uint64_t paddr_page);
  // Called whenever anything that changes address translation or privilege has changed.
  void set_priv(Priv priv);

  mem::Bus& bus() { return bus_; }
  const Clock& clock() const { return clock_; }

  // For the binary translator, which inlines the TLB fast path of loads and stores: where the
  // pointer to the TLB of the regime data accesses currently use is (SoftTlb::regime: the read
  // entries, then the write and execute ones at SoftTlb::kAccessStride), and the index mask.
  const TlbEntry* const* data_tlb_location() const { return &data_tlb_; }
  // The same for instruction fetch (generated code resolves jumps to other pages with it).
  const TlbEntry* const* fetch_tlb_location() const { return &fetch_tlb_; }
  const uint32_t* tlb_index_mask_location() const { return tlb_.index_mask_location(); }
  // Changes whenever a guest pc may stop meaning, to instruction fetch, what it meant: its low
  // two bits are the fetch regime, and the rest counts TLB flushes and new_fetch_epoch() calls.
  // Generated code tags its jump cache with it (jit/jump_cache.h).
  const uint64_t* fetch_epoch_location() const { return &fetch_epoch_; }
  // Own thread: translated code was dropped (a pc may now mean other host code).
  void new_fetch_epoch() { fetch_epoch_ = (((fetch_epoch_ >> 2) + 1) << 2) | fetch_regime_; }
  // Direct loads, for the binary translator: while data accesses use M-mode (MPRV clear, or MPP
  // = M) and PMP lets M-mode read all of RAM uniformly, a load from RAM needs neither translation
  // nor a permission check, and no TLB entry (whose load would lengthen every pointer chase).
  // Entry k of the limits is how many offsets into RAM an access of 2^k bytes may start at
  // (RAM's size - 2^k + 1), or 0 when loads must take the TLB; the addend turns a guest physical
  // address in RAM into its host address. A misaligned load inside RAM reads what the
  // interpreter's would: M-mode has no page boundary to cross.
  const uint64_t* direct_load_limits_location() const { return direct_load_limits_.data(); }
  int64_t direct_addend() const { return direct_addend_; }
  bool direct_loads() const { return direct_load_limits_[0] != 0; }
  // Direct stores, for the binary translator: while direct loads apply and PMP also lets M-mode
  // write all of RAM uniformly, a store into the hart's StoreWindow needs no TLB either.
  bool direct_stores() const { return direct_stores_; }
  const StoreWindow& store_window() const { return store_window_; }
  unsigned tlb_size() const { return tlb_.size(); }

  void save(state::Writer& out) const;
  [[nodiscard]] Result<void> restore(state::Reader& in);

 private:
  // `va`'s entry for `access` in a regime's TLB.
  unsigned tlb_slot(Access access, uint64_t va) const {
    return static_cast<unsigned>(access) * SoftTlb::kAccessStride + tlb_.index(va);
  }
  Regime regime_for(Priv priv) const;
  uint64_t update_timers_at(uint64_t now);
  // Called whenever the privilege, mstatus or PMP has changed.
  void update_regimes();

  struct Translation {
    uint64_t paddr;
    bool cacheable;  // the page's permission may be cached in the TLB
  };
  // Translates `va` for `access` in `regime`, checking permissions and PMP; records the fault.
  [[nodiscard]] bool translate(uint64_t va, Access access, Regime regime, Translation& out);
  [[nodiscard]] bool walk(uint64_t va, Access access, Regime regime, uint64_t& paddr);
  void fill_tlb(Regime regime, Access access, uint64_t va, uint64_t paddr);

  MemStatus load_slow(uint64_t va, unsigned size, uint64_t& value);
  MemStatus store_slow(uint64_t va, unsigned size, uint64_t value);
  MemStatus load_physical(uint64_t va, uint64_t paddr, unsigned size, uint64_t& value);
  MemStatus store_physical(uint64_t va, uint64_t paddr, unsigned size, uint64_t value);

  void trap_to(Priv target, uint64_t cause, uint64_t tval, uint64_t epc);
  bool counter_accessible(uint16_t csr) const;
  // Replaces the `mask` bits of the software-writable mip with those of `value`, atomically with
  // respect to other harts setting bits (IPIs).
  void update_software_mip(uint64_t mask, uint64_t value);

  mem::Bus& bus_;
  const Clock& clock_;
  Exception pending_cause_ = Exception::kIllegalInstruction;
  uint64_t pending_tval_ = 0;
  uint64_t timer_pending_ = 0;  // MTIP and the Sstc STIP, derived from the comparators
  Regime data_regime_ = kRegimeMachine;
  Regime fetch_regime_ = kRegimeMachine;
  bool tlb_has_superpages_ = false;
  SoftTlb tlb_;
  const TlbEntry* data_tlb_ = tlb_.regime(kRegimeMachine);   // tlb_.regime(data_regime_)
  const TlbEntry* fetch_tlb_ = tlb_.regime(kRegimeMachine);  // tlb_.regime(fetch_regime_)
  uint64_t fetch_epoch_ = kRegimeMachine;
  std::array<uint64_t, 4> direct_load_limits_{};  // see direct_load_limits_location()
  int64_t direct_addend_ = 0;
  bool direct_stores_ = false;  // see direct_stores()
  StoreWindow store_window_;
  std::atomic<uint64_t> sync_requested_{0};
  std::atomic<uint64_t> sync_completed_{0};
  std::atomic<bool> park_requested_{false};
  std::mutex wake_mutex_;
  std::condition_variable wake_signal_;
  bool wake_pending_ = false;
};

}  // namespace strata::cpu
