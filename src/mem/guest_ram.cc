#include "mem/guest_ram.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

namespace strata::mem {

Result<std::unique_ptr<GuestRam>> GuestRam::create(uint64_t base, uint64_t size) {
  if (size == 0 || size % kPageSize != 0) {
    return fail("guest RAM size {:#x} is not a positive multiple of 4 KiB", size);
  }
  // MAP_NORESERVE: the guest may be given more RAM than the host could back at once; pages are
  // only materialized when touched. One huge page more than needed, to start on its boundary.
  const uint64_t mapped = size + kHostHugePageSize;
  void* reserved = mmap(nullptr, mapped, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (reserved == MAP_FAILED) {
    return fail("cannot map {} bytes of guest RAM: {}", size, std::strerror(errno));
  }
  auto* const first = static_cast<uint8_t*>(reserved);
  const uint64_t skip =
      (kHostHugePageSize - reinterpret_cast<uintptr_t>(first) % kHostHugePageSize) %
      kHostHugePageSize;
  auto* const data = first + skip;
  if (skip != 0) munmap(first, skip);
  munmap(data + size, mapped - skip - size);
  // Advice only: a host without transparent huge pages maps 4 KiB pages, as before.
  madvise(data, size, MADV_HUGEPAGE);
  return std::unique_ptr<GuestRam>(new GuestRam(base, size, data));
}

GuestRam::GuestRam(uint64_t base, uint64_t size, uint8_t* data)
    : base_(base),
      size_(size),
      data_(data),
      watched_(make_word_array(size >> kPageShift)),
      dirty_(make_word_array(((size >> kPageShift) + 63) / 64)) {}

GuestRam::WordArray GuestRam::make_word_array(size_t count) {
  // Zero-filled on first touch. std::atomic<uint64_t> is a plain 8-byte word, so zeroed memory
  // is a valid array of zero-valued atomics.
  static_assert(sizeof(std::atomic<uint64_t>) == sizeof(uint64_t));
  const size_t bytes = std::max<size_t>(count, 1) * sizeof(uint64_t);
  void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) throw std::bad_alloc();
  return WordArray(static_cast<std::atomic<uint64_t>*>(memory), WordArrayDeleter{bytes});
}

void GuestRam::WordArrayDeleter::operator()(std::atomic<uint64_t>* words) const {
  munmap(words, bytes);
}

GuestRam::~GuestRam() {
  munmap(data_, size_);
}

void GuestRam::discard() {
  // MADV_DONTNEED frees the pages of the private anonymous mapping; later reads see zeros. Should
  // it fail (it cannot here), zeroing keeps the guarantee at the cost of touching every page.
  if (madvise(data_, size_, MADV_DONTNEED) != 0) std::memset(data_, 0, size_);
  for (uint64_t i = 0; i < ((size_ >> kPageShift) + 63) / 64; ++i) dirty_[i].store(0);
}

Result<void> GuestRam::discard_range(uint64_t paddr, uint64_t length) {
  if (!contains(paddr, length) || paddr % kPageSize != 0 || length % kPageSize != 0) {
    return fail("cannot discard {:#x}+{:#x}: not whole pages inside RAM [{:#x}, {:#x})", paddr,
                length, base_, base_ + size_);
  }
  if (length == 0) return {};
  // As in discard(): zeroing keeps the "reads as zero" promise should MADV_DONTNEED ever fail.
  // Inside a huge page, the host splits it and frees the range's 4 KiB pages.
  if (madvise(host(paddr), length, MADV_DONTNEED) != 0) std::memset(host(paddr), 0, length);
  std::atomic_thread_fence(std::memory_order_seq_cst);  // as write(): content, then watch bits
  bool watched = false;
  for (uint64_t page = paddr; page < paddr + length; page += kPageSize) {
    mark_dirty(page);
    watched = watched || is_watched(page);
  }
  if (watched) notify_watched_write(paddr, length, kNoHart);
  return {};
}

Result<void> GuestRam::write(uint64_t paddr, const void* src, uint64_t length) {
  if (!contains(paddr, length)) {
    return fail("guest physical range {:#x}+{:#x} is outside RAM [{:#x}, {:#x})", paddr, length,
                base_, base_ + size_);
  }
  std::memcpy(host(paddr), src, length);
  // Publish the bytes before reading the watch bits (see watchers()).
  std::atomic_thread_fence(std::memory_order_seq_cst);
  bool watched = false;
  for (uint64_t page = paddr & ~(kPageSize - 1); page < paddr + length; page += kPageSize) {
    mark_dirty(page);
    watched = watched || is_watched(page);
  }
  // DMA and loaders can overwrite code too; watchers hear about it as they do about CPU stores.
  if (watched) notify_watched_write(paddr, length, kNoHart);
  return {};
}

Result<void> GuestRam::read(uint64_t paddr, void* dst, uint64_t length) const {
  if (!contains(paddr, length)) {
    return fail("guest physical range {:#x}+{:#x} is outside RAM [{:#x}, {:#x})", paddr, length,
                base_, base_ + size_);
  }
  std::memcpy(dst, host(paddr), length);
  return {};
}

}  // namespace strata::mem
