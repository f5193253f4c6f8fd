// Where the decode cache keeps its blocks: a bump allocator over chunks mapped straight from the
// host. Blocks are never freed one by one; the cache's sweep copies the blocks it keeps into a
// fresh arena and drops the old one whole, so the memory of every block it drops goes back to the
// host (with malloc, the survivors of a sweep would stay scattered over the heap and hold most of
// its pages resident).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace strata::exec {

class BlockArena final {
 public:
  // Large enough for the biggest block (128 instructions and the sentinel) many times over.
  static constexpr size_t kChunkBytes = 256 * 1024;

  BlockArena() = default;
  BlockArena(BlockArena&& other) noexcept;
  BlockArena& operator=(BlockArena&& other) noexcept;
  BlockArena(const BlockArena&) = delete;
  BlockArena& operator=(const BlockArena&) = delete;
  ~BlockArena();

  // `bytes` (at most kChunkBytes), aligned to 16. Throws std::bad_alloc when the host has no
  // memory left, as operator new does.
  void* allocate(size_t bytes);
  // What allocate(bytes) takes from the arena.
  static constexpr size_t footprint(size_t bytes) { return (bytes + 15) & ~size_t{15}; }
  // What the arena has handed out, in bytes (with the padding footprint() counts).
  size_t allocated() const { return allocated_; }

 private:
  void release();

  std::vector<std::byte*> chunks_;
  size_t chunk_used_ = kChunkBytes;  // in the last chunk; a full one makes the first allocate map
  size_t allocated_ = 0;
};

}  // namespace strata::exec
