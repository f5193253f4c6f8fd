// Guest physical RAM: one private anonymous mapping, aligned to and advised for transparent huge
// pages (as QEMU backs guest RAM). Pages are populated on first touch, so a large --mem costs
// nothing until the guest uses it. Snapshots and migration read it in place. It used to be a
// memfd (shared memory, for a device back end in another process, which strata does not have):
// the host gives shared memory no huge pages, and its 4 KiB faults cost a Linux boot 5,000 page
// faults, against a few dozen now. Private anonymous memory is also what KSM (content-based page
// sharing) can merge.
//
// GuestRam also keeps two page bitmaps every feature shares:
//  - dirty pages (for incremental snapshots and live migration): set by loaders and DMA, and by a
//    CPU when it caches write permission for a page, in a TLB entry or its direct-store window
//    (so clearing the bitmap must go with a flush of the CPUs' write permissions, windows too);
//  - watched pages: a store to a watched page is reported to the watch handler after it lands.
//    Each hart's decoded-code cache watches the pages it decoded (self-modifying and
//    cross-modifying code), with one bit per hart, and HTIF watches the page of `tohost`. CPUs
//    never cache a write permission for a watched page.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "util/error.h"

namespace strata::mem {

inline constexpr unsigned kPageShift = 12;
inline constexpr uint64_t kPageSize = 1ULL << kPageShift;
// The host's transparent huge page size: guest RAM starts on such a boundary.
inline constexpr uint64_t kHostHugePageSize = 2ULL << 20;

class GuestRam final {
 public:
  // Called after a store to a watched page has landed, with the guest physical range written and
  // the hart that stored (kNoHart for loaders and device DMA).
  static constexpr int kNoHart = -1;
  using WatchHandler = std::function<void(uint64_t paddr, uint64_t length, int source_hart)>;

  [[nodiscard]] static Result<std::unique_ptr<GuestRam>> create(uint64_t base, uint64_t size);
  ~GuestRam();
  GuestRam(const GuestRam&) = delete;
  GuestRam& operator=(const GuestRam&) = delete;

  uint64_t base() const { return base_; }
  uint64_t size() const { return size_; }
  bool contains(uint64_t paddr, uint64_t length) const {
    return paddr >= base_ && length <= size_ && paddr - base_ <= size_ - length;
  }
  // Host address of guest physical `paddr`; the caller has checked contains().
  uint8_t* host(uint64_t paddr) const { return data_ + (paddr - base_); }

  // Returns every page to the host and makes RAM read as zero again (a machine reset). Callers
  // make sure no hart or device is using RAM meanwhile.
  void discard();
  // Returns the pages of [paddr, paddr+length) to the host (they read as zero afterwards), as a
  // balloon does with pages its guest gave up: both ends must be page-aligned and the range inside
  // RAM, or nothing happens and it fails. The pages count as written: they are marked dirty (their
  // content changed) and watchers of any of them hear of it, as for a store. Any thread.
  [[nodiscard]] Result<void> discard_range(uint64_t paddr, uint64_t length);

  // Copies into and out of guest RAM with bounds checks; these are the paths of loaders and DMA.
  [[nodiscard]] Result<void> write(uint64_t paddr, const void* src, uint64_t length);
  [[nodiscard]] Result<void> read(uint64_t paddr, void* dst, uint64_t length) const;

  // Who watches a page, as a bit mask: bit h is hart h's code cache (harts 0..62), bit 63 a
  // device. The updates are sequentially consistent: a watcher that sets its bit and then reads
  // the page, and a writer that stores and then reads the bits, cannot both miss each other.
  static constexpr uint64_t kWatchDevice = 1ULL << 63;
  static constexpr unsigned kMaxCodeWatchers = 63;
  static constexpr uint64_t code_watch_bit(unsigned hart) { return 1ULL << hart; }
  uint64_t watchers(uint64_t paddr) const { return watched_[page_index(paddr)].load(); }
  bool is_watched(uint64_t paddr) const { return watchers(paddr) != 0; }
  void add_watch(uint64_t paddr, uint64_t bits) { watched_[page_index(paddr)].fetch_or(bits); }
  void remove_watch(uint64_t paddr, uint64_t bits) { watched_[page_index(paddr)].fetch_and(~bits); }
  // Registers the single handler for stores to watched pages, replacing any previous one.
  void set_watch_handler(WatchHandler handler) { watch_handler_ = std::move(handler); }
  // Reports a store to [paddr, paddr+length) that touched a watched page.
  void notify_watched_write(uint64_t paddr, uint64_t length, int source_hart) const {
    if (watch_handler_) watch_handler_(paddr, length, source_hart);
  }

  void mark_dirty(uint64_t paddr) {
    dirty_[page_index(paddr) / 64].fetch_or(1ULL << (page_index(paddr) % 64),
                                            std::memory_order_relaxed);
  }
  bool is_dirty(uint64_t paddr) const {
    return (dirty_[page_index(paddr) / 64].load(std::memory_order_relaxed) >>
            (page_index(paddr) % 64)) &
           1U;
  }

 private:
  GuestRam(uint64_t base, uint64_t size, uint8_t* data);
  uint64_t page_index(uint64_t paddr) const { return (paddr - base_) >> kPageShift; }

  uint64_t base_;
  uint64_t size_;
  uint8_t* data_;
  // Per-page words live in lazily backed anonymous memory: a 16 GiB guest would otherwise pay
  // 32 MiB of host memory up front for watch masks of pages it never touches.
  struct WordArrayDeleter {
    size_t bytes;
    void operator()(std::atomic<uint64_t>* words) const;
  };
  using WordArray = std::unique_ptr<std::atomic<uint64_t>[], WordArrayDeleter>;
  static WordArray make_word_array(size_t count);

  WordArray watched_;
  WordArray dirty_;
  WatchHandler watch_handler_;
};

}  // namespace strata::mem
