#include "jit/perf_map.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace strata::jit {

std::string PerfMap::default_path() {
  return fmt::format("/tmp/perf-{}.map", getpid());
}

Result<std::unique_ptr<PerfMap>> PerfMap::create(const std::string& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return fail("--perf-map: cannot create {}: {}", path, std::strerror(errno));
  std::FILE* file = fdopen(fd, "w");
  if (file == nullptr) {
    const int err = errno;
    close(fd);
    return fail("--perf-map: cannot write {}: {}", path, std::strerror(err));
  }
  return std::unique_ptr<PerfMap>(new PerfMap(file));
}

PerfMap::~PerfMap() {
  std::fclose(file_);
}

void PerfMap::add(const void* code, size_t bytes, unsigned hart, uint64_t paddr) {
  const std::lock_guard lock(mutex_);
  fmt::print(file_, "{:x} {:x} strata:hart{}:pa=0x{:x}\n", reinterpret_cast<uintptr_t>(code), bytes,
             hart, paddr);
  std::fflush(file_);
}

}  // namespace strata::jit
