// The translator's executable memory: one fixed-size mapping per hart, filled front to back and
// emptied whole when full. Its first bytes hold the code that is never flushed (the entry
// trampoline and the common exit), so flushing only rewinds the fill pointer to after them. Its
// last bytes hold the regions' site caches (jump_cache.h), taken from the end downward: data that
// generated code writes stays away from the code it runs (a store into a cache line the host is
// executing from costs a pipeline flush).
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
  // The room between the code and the site caches.
  size_t available() const { return caches_from_ - used_; }
  size_t used() const { return used_; }
  size_t size() const { return size_; }
  // Code starts 16-byte aligned: `bytes` of code take this much room.
  static size_t rounded(size_t bytes) { return (bytes + 15) & ~size_t{15}; }
  // Takes `bytes` from the front of the free space (just written at cursor()).
  void commit(size_t bytes) { used_ += rounded(bytes); }
  // The end of the free room: the site caches taken so far start here.
  uint8_t* site_caches() const { return base_ + caches_from_; }
  // Takes `bytes` from the end of the free room (site caches written below site_caches()).
  void take_site_caches(size_t bytes) { caches_from_ -= bytes; }
  // Marks everything written so far as permanent: flush() keeps it.
  void seal() { sealed_ = used_; }
  // Forgets every translation (everything after the sealed prefix) and site cache.
  void flush() {
    used_ = sealed_;
    caches_from_ = size_;
  }

 private:
  CodeBuffer(uint8_t* base, size_t size) : base_(base), size_(size), caches_from_(size) {}

  uint8_t* base_ = nullptr;
  size_t size_ = 0;
  size_t used_ = 0;
  size_t sealed_ = 0;
  size_t caches_from_ = 0;
};

}  // namespace strata::jit
