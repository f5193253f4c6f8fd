#include "jit/code_buffer.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "exec/engine.h"

namespace strata::jit {

Result<CodeBuffer> CodeBuffer::create(size_t size) {
  if (size < exec::kMinJitCacheBytes || size > exec::kMaxJitCacheBytes) {
    return fail("a translated-code buffer of {} bytes: it must be {} KiB to {} MiB", size,
                exec::kMinJitCacheBytes >> 10, exec::kMaxJitCacheBytes >> 20);
  }
  // MAP_NORESERVE: only the part the guest's code actually fills costs host memory.
  void* memory = mmap(nullptr, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (memory == MAP_FAILED) {
    return fail("cannot map {} bytes of translated-code memory: {}", size, std::strerror(errno));
  }
  return CodeBuffer(static_cast<uint8_t*>(memory), size);
}

CodeBuffer::CodeBuffer(CodeBuffer&& other) noexcept
    : base_(std::exchange(other.base_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      used_(std::exchange(other.used_, 0)),
      sealed_(std::exchange(other.sealed_, 0)),
      caches_from_(std::exchange(other.caches_from_, 0)) {}

CodeBuffer& CodeBuffer::operator=(CodeBuffer&& other) noexcept {
  if (this != &other) {
    if (base_ != nullptr) munmap(base_, size_);
    base_ = std::exchange(other.base_, nullptr);
    size_ = std::exchange(other.size_, 0);
    used_ = std::exchange(other.used_, 0);
    sealed_ = std::exchange(other.sealed_, 0);
    caches_from_ = std::exchange(other.caches_from_, 0);
  }
  return *this;
}

CodeBuffer::~CodeBuffer() {
  if (base_ != nullptr) munmap(base_, size_);
}

}  // namespace strata::jit
