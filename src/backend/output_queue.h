// A bounded byte FIFO between the threads that produce guest output and the I/O thread that writes
// it to the host. Not synchronized itself: the owner locks around push()/pop(). The bytes front()
// returns are never touched by push() (it only fills free space), so the I/O thread may write them
// out with the lock released and pop() afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace strata::backend {

class OutputQueue final {
 public:
  // A capacity of 0 is taken as 1.
  explicit OutputQueue(size_t capacity) : storage_(capacity == 0 ? 1 : capacity) {}

  // Appends as much of `bytes` as fits; returns how many bytes were appended.
  size_t push(std::span<const uint8_t> bytes);
  // The oldest queued bytes that are contiguous in storage (empty when the queue is).
  std::span<const uint8_t> front() const;
  // Removes the `count` oldest bytes (at most size()).
  void pop(size_t count);
  void clear() { head_ = size_ = 0; }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return storage_.size(); }

 private:
  std::vector<uint8_t> storage_;
  size_t head_ = 0;  // index of the oldest byte
  size_t size_ = 0;
};

}  // namespace strata::backend
