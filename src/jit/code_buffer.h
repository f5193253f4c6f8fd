// The translator's executable memory: one fixed-size mapping per hart, filled front to back and
// emptied whole when full. Its first bytes hold the code that is never flushed (the entry
// trampoline and the common exit), so flushing only rewinds the fill pointer to after them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/error.h"

namespace strata::jit {

class CodeBuffer final {
 public:
  // Maps `size` bytes readable, writable and executable (the translator patches chained jumps
  // in place, so the code stays writable).
  [[nodiscard]] static Result<CodeBuffer> create(size_t size);
  CodeBuffer(CodeBuffer&& other) noexcept;
  CodeBuffer& operator=(CodeBuffer&& other) noexcept;
  CodeBuffer(const CodeBuffer&) = delete;
  CodeBuffer& operator=(const CodeBuffer&) = delete;
  ~CodeBuffer();

  uint8_t* cursor() const { return base_ + used_; }
  size_t available() const { return size_ - used_; }
  size_t used() const { return used_; }
  size_t size() const { return size_; }
  // Takes `bytes` from the front of the free space (just written at cursor()).
  void commit(size_t bytes) { used_ += (bytes + 15) & ~size_t{15}; }
  // Marks everything written so far as permanent: flush() keeps it.
  void seal() { sealed_ = used_; }
  // Forgets every translation (everything after the sealed prefix).
  void flush() { used_ = sealed_; }

 private:
  CodeBuffer(uint8_t* base, size_t size) : base_(base), size_(size) {}

  uint8_t* base_ = nullptr;
  size_t size_ = 0;
  size_t used_ = 0;
  size_t sealed_ = 0;
};

}  // namespace strata::jit
