#include "cpu/soft_tlb.h"

#include <sys/mman.h>

#include <new>

namespace strata::cpu {
namespace {

constexpr size_t kStorageBytes =
    static_cast<size_t>(SoftTlb::kRegimes) * SoftTlb::kRegimeStride * sizeof(TlbEntry);
constexpr size_t kHostPage = 4096;
// Halving never leaves less than kMinEntries in use, which fill whole host pages, so the half
// given back starts on a page boundary.
static_assert(SoftTlb::kMinEntries * sizeof(TlbEntry) % kHostPage == 0);

}  // namespace

SoftTlb::SoftTlb() {
  // Reserved, not touched: the kernel supplies zeroed pages as the size grows into them (a zero
  // tag is a valid tag, so every entry in use is invalidated first).
  void* memory = mmap(nullptr, kStorageBytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) throw std::bad_alloc();
  entries_ = static_cast<TlbEntry*>(memory);
  invalidate_all();
}

SoftTlb::~SoftTlb() {
  munmap(entries_, kStorageBytes);
}

void SoftTlb::before_fill() {
  const unsigned current = size();
  if (++fills_ <= current || current == kMaxEntries) return;
  resize(current * 2);
}

void SoftTlb::flush() {
  const unsigned current = size();
  if (fills_ < current / 8 && current > kMinEntries) {
    resize(current / 2);  // invalidates what stays in use
    // The upper half goes back to the host: a TLB that grew for one program does not keep its
    // memory for the rest of the run.
    const size_t half = static_cast<size_t>(current / 2) * sizeof(TlbEntry);
    for (unsigned array = 0; array < kRegimes * kAccesses; ++array) {
      madvise(reinterpret_cast<uint8_t*>(entries_ + array * kAccessStride) + half, half,
              MADV_DONTNEED);
    }
    return;
  }
  invalidate_all();
  fills_ = 0;
}

void SoftTlb::drop_write_permission(uint64_t page) const {
  if ((write_pages_[write_page_word(page)].load() & write_page_bit(page)) == 0) return;
  // The owner may resize meanwhile: entries it fills after that check the page's watch bit
  // themselves (Hart::fill_tlb), so scanning the size read here is enough.
  const unsigned entries = size();
  for (unsigned r = 0; r < kRegimes; ++r) {
    TlbEntry* writes = regime(r) + static_cast<unsigned>(Access::kWrite) * kAccessStride;
    for (unsigned i = 0; i < entries; ++i) {
      if (writes[i].page == page) writes[i].invalidate();
    }
  }
}

void SoftTlb::resize(unsigned size) {
  size_.store(size, std::memory_order_relaxed);
  index_mask_ = (size - 1) * static_cast<uint32_t>(sizeof(TlbEntry));
  invalidate_all();
  fills_ = 0;
}

void SoftTlb::invalidate_all() {
  const unsigned entries = size();
  for (unsigned array = 0; array < kRegimes * kAccesses; ++array) {
    TlbEntry* first = entries_ + array * kAccessStride;
    for (unsigned i = 0; i < entries; ++i) first[i].invalidate();
  }
  // After the entries: a revoker that sees a note gone sees its entries gone.
  for (std::atomic<uint64_t>& word : write_pages_) word.store(0, std::memory_order_release);
}

}  // namespace strata::cpu
