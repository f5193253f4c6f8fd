#include "mem/guest_ram.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

namespace strata::mem {

Result<std::unique_ptr<GuestRam>> GuestRam::create(uint64_t base, uint64_t size) {
  if (size == 0 || size % kPageSize != 0) {
    return fail("guest RAM size {:#x} is not a positive multiple of 4 KiB", size);
  }
  const int fd = memfd_create("strata-guest-ram", MFD_CLOEXEC);
  if (fd < 0) return fail("cannot create guest RAM: memfd_create: {}", std::strerror(errno));
  if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
    const int err = errno;
    close(fd);
    return fail("cannot size guest RAM to {} bytes: {}", size, std::strerror(err));
  }
  // MAP_NORESERVE: the guest may be given more RAM than the host could back at once; pages are
  // only materialized when touched.
  void* data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
  const int err = errno;
  close(fd);  // the mapping keeps the memory alive
  if (data == MAP_FAILED) {
    return fail("cannot map {} bytes of guest RAM: {}", size, std::strerror(err));
  }
  return std::unique_ptr<GuestRam>(new GuestRam(base, size, static_cast<uint8_t*>(data)));
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
  // MADV_REMOVE frees the pages of the shared memfd mapping; later reads see zeros. Should it
  // fail (it cannot for memfd), zeroing keeps the guarantee at the cost of touching every page.
  if (madvise(data_, size_, MADV_REMOVE) != 0) std::memset(data_, 0, size_);
  for (uint64_t i = 0; i < ((size_ >> kPageShift) + 63) / 64; ++i) dirty_[i].store(0);
}

Result<void> GuestRam::discard_range(uint64_t paddr, uint64_t length) {
  if (!contains(paddr, length) || paddr % kPageSize != 0 || length % kPageSize != 0) {
    return fail("cannot discard {:#x}+{:#x}: not whole pages inside RAM [{:#x}, {:#x})", paddr,
                length, base_, base_ + size_);
  }
  if (length == 0) return {};
  // As in discard(): zeroing keeps the "reads as zero" promise should MADV_REMOVE ever fail.
  if (madvise(host(paddr), length, MADV_REMOVE) != 0) std::memset(host(paddr), 0, length);
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
