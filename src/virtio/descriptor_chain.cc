#include "virtio/descriptor_chain.h"

#include <algorithm>
#include <cstring>

namespace strata::virtio {

DescriptorChain::DescriptorChain(mem::GuestRam& ram, uint16_t head, std::vector<Segment> segments,
                                 size_t first_writable)
    : ram_(&ram), head_(head), segments_(std::move(segments)), first_writable_(first_writable) {
  for (size_t i = 0; i < segments_.size(); ++i) {
    (i < first_writable_ ? readable_bytes_ : writable_bytes_) += segments_[i].length;
  }
}

size_t DescriptorChain::read(uint64_t offset, std::span<uint8_t> out) const {
  size_t copied = 0;
  for (const iovec& v : iovecs(readable(), offset, out.size())) {
    std::memcpy(out.data() + copied, v.iov_base, v.iov_len);
    copied += v.iov_len;
  }
  return copied;
}

size_t DescriptorChain::write(uint64_t offset, std::span<const uint8_t> in) {
  size_t copied = 0;
  for (const iovec& v : iovecs(writable(), offset, in.size())) {
    std::memcpy(v.iov_base, in.data() + copied, v.iov_len);
    copied += v.iov_len;
  }
  // Dirty tracking and watchers for exactly the bytes stored.
  uint64_t skip = offset;
  uint64_t left = copied;
  for (const Segment& s : writable()) {
    if (left == 0) break;
    if (skip >= s.length) {
      skip -= s.length;
      continue;
    }
    const uint64_t n = std::min<uint64_t>(s.length - skip, left);
    mark_range(s.paddr + skip, n);
    left -= n;
    skip = 0;
  }
  return copied;
}

std::vector<iovec> DescriptorChain::readable_iovecs(uint64_t offset, uint64_t length) const {
  return iovecs(readable(), offset, length);
}

std::vector<iovec> DescriptorChain::writable_iovecs(uint64_t offset, uint64_t length) const {
  return iovecs(writable(), offset, length);
}

void DescriptorChain::mark_written(uint64_t length) const {
  for (const Segment& s : writable()) {
    if (length == 0) break;
    const uint64_t n = std::min<uint64_t>(s.length, length);
    mark_range(s.paddr, n);
    length -= n;
  }
}

void DescriptorChain::mark_range(uint64_t paddr, uint64_t length) const {
  if (length == 0) return;
  // Publish the bytes before reading the watch bits (see GuestRam::watchers()).
  std::atomic_thread_fence(std::memory_order_seq_cst);
  bool watched = false;
  for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
       page += mem::kPageSize) {
    ram_->mark_dirty(page);
    watched = watched || ram_->is_watched(page);
  }
  if (watched) ram_->notify_watched_write(paddr, length, mem::GuestRam::kNoHart);
}

std::vector<iovec> DescriptorChain::iovecs(std::span<const Segment> part, uint64_t offset,
                                           uint64_t length) const {
  std::vector<iovec> out;
  for (const Segment& s : part) {
    if (length == 0) break;
    if (offset >= s.length) {
      offset -= s.length;
      continue;
    }
    const uint64_t n = std::min<uint64_t>(s.length - offset, length);
    out.push_back({ram_->host(s.paddr + offset), n});
    length -= n;
    offset = 0;
  }
  return out;
}

}  // namespace strata::virtio
