#include "exec/block_arena.h"

#include <sys/mman.h>

#include <new>
#include <utility>

namespace strata::exec {

BlockArena::BlockArena(BlockArena&& other) noexcept
    : chunks_(std::exchange(other.chunks_, {})),
      chunk_used_(std::exchange(other.chunk_used_, kChunkBytes)),
      allocated_(std::exchange(other.allocated_, 0)) {}

BlockArena& BlockArena::operator=(BlockArena&& other) noexcept {
  if (this != &other) {
    release();
    chunks_ = std::exchange(other.chunks_, {});
    chunk_used_ = std::exchange(other.chunk_used_, kChunkBytes);
    allocated_ = std::exchange(other.allocated_, 0);
  }
  return *this;
}

BlockArena::~BlockArena() {
  release();
}

void BlockArena::release() {
  for (std::byte* chunk : chunks_) munmap(chunk, kChunkBytes);
  chunks_.clear();
  allocated_ = 0;
}

void* BlockArena::allocate(size_t bytes) {
  bytes = footprint(bytes);
  if (bytes > kChunkBytes) throw std::bad_alloc();
  if (kChunkBytes - chunk_used_ < bytes) {
    chunks_.reserve(chunks_.size() + 1);  // so that recording the chunk cannot throw
    void* chunk =
        mmap(nullptr, kChunkBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (chunk == MAP_FAILED) throw std::bad_alloc();
    chunks_.push_back(static_cast<std::byte*>(chunk));
    chunk_used_ = 0;
  }
  std::byte* at = chunks_.back() + chunk_used_;
  chunk_used_ += bytes;
  allocated_ += bytes;
  return at;
}

}  // namespace strata::exec
