// The software TLB: guest-virtual page -> host pointer, per translation regime and access type.
// This is strata's shadow page table; anything that changes a translation flushes it.
//
// Its size adapts to the working set. A fixed size is wrong both ways: 256 entries (1 MiB of
// guest memory) make a program that walks tens of MiB miss on nearly every access, while 8192
// entries make every flush (each satp write and SFENCE.VMA, hundreds of thousands in a Linux
// boot) clear 32 times as much. So the TLB starts small, doubles when it has had more fills than
// entries without a flush (the working set is larger than it covers), and halves when a flush
// finds it mostly unused (fewer fills than an eighth of its entries). Its storage is reserved once
// at the largest size, and only the part in use is touched (and given back to the host when it
// shrinks).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "cpu/pmp.h"

namespace strata::cpu {

// Other harts may invalidate an entry concurrently (revoking write permission for a page that just
// became code), so the tag is read and written with relaxed atomic accesses: plain moves on x86.
// 32-byte aligned, a power of two, so the translator's inline lookup scales an index by a shift.
struct alignas(32) TlbEntry {
  uint64_t tag = ~0ULL;  // virtual page address; never matches while invalid
  uintptr_t addend = 0;  // host address = guest virtual address + addend
  uint64_t page = 0;     // guest physical page address

  uint64_t load_tag() const { return __atomic_load_n(&tag, __ATOMIC_RELAXED); }
  void invalidate() { __atomic_store_n(&tag, ~0ULL, __ATOMIC_RELAXED); }
};

class SoftTlb final {
 public:
  static constexpr unsigned kRegimes = 4;
  static constexpr unsigned kAccesses = 3;  // Access::kRead, kWrite, kExecute
  static constexpr unsigned kMinEntries = 256;
  static constexpr unsigned kMaxEntries = 8192;
  // Entries from one access type's array to the next within a regime (the arrays are reserved at
  // the largest size, so an entry's address does not depend on the current size).
  static constexpr unsigned kAccessStride = kMaxEntries;
  static constexpr unsigned kRegimeStride = kAccesses * kAccessStride;

  SoftTlb();
  ~SoftTlb();
  SoftTlb(const SoftTlb&) = delete;
  SoftTlb& operator=(const SoftTlb&) = delete;

  // The first entry of `regime`'s read array; the write and execute arrays follow it at
  // kAccessStride and twice that.
  TlbEntry* regime(unsigned regime) const { return entries_ + regime * kRegimeStride; }
  // `va`'s entry in an access array of the current size.
  unsigned index(uint64_t va) const {
    return static_cast<unsigned>(va >> 12) & (size_.load(std::memory_order_relaxed) - 1);
  }
  unsigned size() const { return size_.load(std::memory_order_relaxed); }
  // For generated code: the index mask scaled to bytes, (size - 1) * sizeof(TlbEntry).
  const uint32_t* index_mask_location() const { return &index_mask_; }

  // Own thread. Called before each fill: the TLB doubles (and is emptied) when it has had more
  // fills than entries since the last flush or resize.
  void before_fill();
  // Own thread: invalidates every entry in use; halves the TLB first when it was mostly unused
  // since the last flush.
  void flush();
  // Own thread, before a write entry for guest physical `page` is published (Hart::fill_tlb):
  // notes that the TLB may hold one, so that drop_write_permission() scans only when it might
  // find one. The fill reads the page's watch bits after publishing the entry, with a full fence
  // between: a revoker whose check missed the note had set its watch bit before, and the fill
  // sees it. The check before the atomic OR is only a shortcut for a note already made.
  void note_write_page(uint64_t page) {
    std::atomic<uint64_t>& word = write_pages_[write_page_word(page)];
    const uint64_t bit = write_page_bit(page);
    if ((word.load(std::memory_order_relaxed) & bit) == 0) word.fetch_or(bit);
  }
  // Any thread, after setting the page's watch bit: invalidates the write entries, in every
  // regime, that map guest physical `page` (const: the entries are storage the TLB points to,
  // and the size does not change). Scans the TLB only when a note for the page may exist.
  void drop_write_permission(uint64_t page) const;

 private:
  // The filter of pages with write entries: one bit per guest physical page number, modulo its
  // size (a 256 MiB guest shares each bit among 16 pages, 16 MiB apart).
  static constexpr unsigned kWritePageBits = 4096;
  // The index of the filter's word for guest physical `page`, and the page's bit in it.
  static unsigned write_page_word(uint64_t page) { return (page >> 12) % kWritePageBits / 64; }
  static uint64_t write_page_bit(uint64_t page) {
    return uint64_t{1} << ((page >> 12) % kWritePageBits % 64);
  }

  void resize(unsigned size);
  void invalidate_all();

  TlbEntry* entries_;
  std::atomic<unsigned> size_{kMinEntries};
  uint32_t index_mask_ = (kMinEntries - 1) * sizeof(TlbEntry);
  uint64_t fills_ = 0;  // since the last flush or resize
  // Set by note_write_page(); cleared only when every entry has been invalidated. Revoking a
  // page's write permission from every hart (each time a page becomes code) used to scan every
  // hart's TLB whole, in all regimes: 3 % of a 4-hart boot.
  std::array<std::atomic<uint64_t>, kWritePageBits / 64> write_pages_{};
};

}  // namespace strata::cpu
