#include "cpu/store_window.h"

#include <bit>

#include "cpu/access_limit.h"

namespace strata::cpu {
namespace {
constexpr uint64_t kPageSize = mem::kPageSize;
constexpr uint64_t kMaxGap = StoreWindow::kMaxGapPages * kPageSize;
}  // namespace

bool StoreWindow::contains(uint64_t paddr, unsigned size) const {
  const auto log2_size = static_cast<unsigned>(std::countr_zero(size));
  return log2_size < limits_.size() && paddr - start_.load(std::memory_order_relaxed) <
                                           limits_[log2_size].load(std::memory_order_relaxed);
}

uint64_t StoreWindow::pages() const {
  return (end_.load(std::memory_order_relaxed) - start_.load(std::memory_order_relaxed)) /
         kPageSize;
}

// The lock makes the check of watch bits here and exclude() mutually exclusive. A thread that
// starts watching a page sets the watch bit, then calls exclude(): if exclude() takes the lock
// first, the bit was set before, and take() sees it; if widen() takes it first, exclude() comes
// after and finds the page in the window. Either way no watched page stays in.
void StoreWindow::widen(mem::GuestRam& ram, uint64_t page) {
  if (!ram.contains(page, kPageSize)) return;
  const std::lock_guard lock(mutex_);
  const uint64_t start = start_.load(std::memory_order_relaxed);
  const uint64_t end = end_.load(std::memory_order_relaxed);
  const uint64_t page_end = page + kPageSize;
  if (start != end) {
    if (page >= start && page < end) return;
    if (page >= end && page - end <= kMaxGap && take(ram, end, page_end)) {
      set(start, page_end);
      return;
    }
    if (page < start && start - page_end <= kMaxGap && take(ram, page, start)) {
      set(page, end);
      return;
    }
    if (end - start > kMaxGap) return;
  }
  if (take(ram, page, page_end)) set(page, page_end);
}

void StoreWindow::exclude(uint64_t page) {
  const std::lock_guard lock(mutex_);
  const uint64_t start = start_.load(std::memory_order_relaxed);
  const uint64_t end = end_.load(std::memory_order_relaxed);
  if (page >= start && page < end) set(start, page);
}

void StoreWindow::close() {
  const std::lock_guard lock(mutex_);
  set(0, 0);
}

void StoreWindow::set(uint64_t start, uint64_t end) {
  start_.store(start, std::memory_order_relaxed);
  end_.store(end, std::memory_order_relaxed);
  for (unsigned k = 0; k < limits_.size(); ++k) {
    limits_[k].store(access_limit(end - start, k), std::memory_order_relaxed);
  }
}

bool StoreWindow::take(mem::GuestRam& ram, uint64_t from, uint64_t to) {
  for (uint64_t page = from; page < to; page += kPageSize) {
    if (ram.is_watched(page)) return false;
  }
  for (uint64_t page = from; page < to; page += kPageSize) ram.mark_dirty(page);
  return true;
}

}  // namespace strata::cpu
