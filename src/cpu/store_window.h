// A hart's direct-store window, for the binary translator: one run of guest RAM pages that its
// generated code may store to without the software TLB, while the hart's stores use M-mode and PMP
// lets M-mode write all of RAM (Hart::direct_stores). It is the stores' counterpart of direct
// loads, which may read all of RAM at once: a store needs more than a load does.
//  - A store to a page holding decoded code must reach the slow path that reports it (GuestRam's
//    watched pages): the window holds no watched page, and a page leaves it when it becomes
//    watched (exclude(), from the thread that starts watching, as it drops TLB write entries).
//  - A store makes its page dirty: a page is marked dirty when it joins the window, as when a TLB
//    write entry is filled for it (so clearing dirty bits must close every window as well).
// So the window grows one page at a time: each time a store takes the slow path (a TLB miss, which
// then fills a write entry) to a page at or near its ends (widen()). An array's first pass widens
// it once per page; the pages it skips over (a hash table's) join with the first page past them.
// One run rather than a set of pages keeps the inline check to two compares with the hart.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>

#include "mem/guest_ram.h"

namespace strata::cpu {

class StoreWindow final {
 public:
  // How many pages a store may land beyond an end of the window for the pages between to join it
  // (64 KiB: a hash table's first stores are this far apart at most; bridging farther would mark
  // pages dirty that the guest may never write).
  static constexpr uint64_t kMaxGapPages = 16;

  StoreWindow() = default;
  StoreWindow(const StoreWindow&) = delete;
  StoreWindow& operator=(const StoreWindow&) = delete;

  // For generated code: the window's first guest physical address, and the limits: entry k is
  // how many addresses from there a store of 2^k bytes may start at (the window's size - 2^k + 1),
  // or 0 while the window is empty. The owner's code reads them without the lock: only the owner
  // moves the start, and another thread only lowers the limits (exclude()), so whatever mix of
  // old and new values it reads describes pages that were in the window.
  const std::atomic<uint64_t>* start_location() const { return &start_; }
  const std::atomic<uint64_t>* limits_location() const { return limits_.data(); }

  // Whether a store of `size` bytes at guest physical `paddr` may go direct.
  bool contains(uint64_t paddr, unsigned size) const;
  // How many pages the window holds.
  uint64_t pages() const;

  // Own thread, after a store to guest physical `page` (in RAM) got a TLB write entry: the page
  // joins the window when nobody watches it and it borders the window or lies at most
  // kMaxGapPages beyond an end with no watched page between (those join too, marked dirty). A
  // window of at most kMaxGapPages pages that the page cannot join moves to the page instead: the
  // stores that opened it may have been a few, and the program's array is elsewhere.
  void widen(mem::GuestRam& ram, uint64_t page);
  // Any thread, after setting guest physical `page`'s watch bit: the window keeps only the pages
  // below it (only the owner may move the start, see start_location()).
  void exclude(uint64_t page);
  // Own thread: empties the window (direct stores stop, or the hart's state was restored).
  void close();

 private:
  // Under mutex_: makes the window [start, end) (end == start: empty).
  void set(uint64_t start, uint64_t end);
  // Under mutex_: whether the pages of [from, to) are all unwatched; if so, marks them dirty.
  static bool take(mem::GuestRam& ram, uint64_t from, uint64_t to);

  std::mutex mutex_;  // orders widen() and exclude(): see widen() in store_window.cc
  std::atomic<uint64_t> start_{0};
  std::atomic<uint64_t> end_{0};
  std::array<std::atomic<uint64_t>, 4> limits_{};
};

}  // namespace strata::cpu
