// One request popped from a virtqueue: the guest buffers of a descriptor chain, already validated
// by Queue::pop(). Every segment lies inside guest RAM (never MMIO), the chain length and total
// size are bounded, readable segments come before writable ones (virtio 1.2 §2.7.4.2) and indirect
// tables are expanded. A device therefore never checks a guest address itself.
#pragma once

#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "mem/guest_ram.h"

namespace strata::virtio {

// A guest physical buffer, inside RAM.
struct Segment {
  uint64_t paddr;
  uint32_t length;
};

class DescriptorChain {
 public:
  // Built by Queue from checked segments: `segments` holds the readable ones first, then from
  // `first_writable` on the writable ones, all inside `ram`.
  DescriptorChain(mem::GuestRam& ram, uint16_t head, std::vector<Segment> segments,
                  size_t first_writable);

  // The index of the chain's first descriptor: what the used ring reports back.
  uint16_t head() const { return head_; }
  std::span<const Segment> readable() const { return std::span(segments_).first(first_writable_); }
  std::span<const Segment> writable() const {
    return std::span(segments_).subspan(first_writable_);
  }
  uint64_t readable_bytes() const { return readable_bytes_; }
  uint64_t writable_bytes() const { return writable_bytes_; }

  // Copies between the chain and host buffers, starting `offset` bytes into the readable
  // (resp. writable) part; return the number of bytes copied (short at the end of the chain).
  // Writes mark pages dirty and report stores to watched pages (code caches, HTIF).
  size_t read(uint64_t offset, std::span<uint8_t> out) const;
  size_t write(uint64_t offset, std::span<const uint8_t> in);

  // Host iovecs over `length` bytes of the segments from `offset` on, for preadv/pwritev/io_uring
  // without copies (guest RAM is one host mapping). Data written through writable_iovecs() is
  // marked dirty and reported to watchers by Queue::push() (for the `written` bytes it is given).
  std::vector<iovec> readable_iovecs(uint64_t offset = 0, uint64_t length = ~0ULL) const;
  std::vector<iovec> writable_iovecs(uint64_t offset = 0, uint64_t length = ~0ULL) const;

  // Marks the first `length` writable bytes dirty and reports them to page watchers.
  void mark_written(uint64_t length) const;

 private:
  std::vector<iovec> iovecs(std::span<const Segment> part, uint64_t offset, uint64_t length) const;
  void mark_range(uint64_t paddr, uint64_t length) const;

  mem::GuestRam* ram_;
  uint16_t head_;
  std::vector<Segment> segments_;
  size_t first_writable_;
  uint64_t readable_bytes_ = 0;
  uint64_t writable_bytes_ = 0;
};

}  // namespace strata::virtio
