#include "backend/output_queue.h"

#include <algorithm>
#include <cstring>

namespace strata::backend {

size_t OutputQueue::push(std::span<const uint8_t> bytes) {
  const size_t count = std::min(bytes.size(), capacity() - size_);
  size_t done = 0;
  while (done < count) {
    const size_t tail = (head_ + size_) % capacity();
    const size_t chunk = std::min(count - done, capacity() - tail);
    std::memcpy(storage_.get() + tail, bytes.data() + done, chunk);
    size_ += chunk;
    done += chunk;
  }
  return count;
}

std::span<const uint8_t> OutputQueue::front() const {
  const size_t contiguous = std::min(size_, capacity() - head_);
  return {storage_.get() + head_, contiguous};
}

void OutputQueue::pop(size_t count) {
  count = std::min(count, size_);
  head_ = size_ == count ? 0 : (head_ + count) % capacity();
  size_ -= count;
}

}  // namespace strata::backend
