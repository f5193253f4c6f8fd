// A bounded byte FIFO between the threads that produce guest output and the I/O thread that writes
// it to the host. Not synchronized itself: the owner locks around push()/pop(). The bytes front()
// returns are never touched by push() (it only fills free space), so the I/O thread may write them
// out with the lock released and pop() afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace strata::backend {

class OutputQueue final {
 public:
  // A capacity of 0 is taken as 1. The storage is left uninitialized: a large queue (the default
  // is 1 MiB) then costs host memory only for the pages output actually passes through.
  explicit OutputQueue(size_t capacity)
      : capacity_(capacity == 0 ? 1 : capacity),
        storage_(std::make_unique_for_overwrite<uint8_t[]>(capacity_)) {}

  // Appends as much of `bytes` as fits; returns how many bytes were appended.
  size_t push(std::span<const uint8_t> bytes);
  // The oldest queued bytes that are contiguous in storage (empty when the queue is).
  std::span<const uint8_t> front() const;
  // Removes the `count` oldest bytes (at most size()).
  void pop(size_t count);
  void clear() { head_ = size_ = 0; }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }

 private:
  size_t capacity_;
  std::unique_ptr<uint8_t[]> storage_;
  size_t head_ = 0;  // index of the oldest byte
  size_t size_ = 0;
};

}  // namespace strata::backend
