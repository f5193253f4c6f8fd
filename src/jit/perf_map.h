// --perf-map: names translated code for Linux perf. perf finds samples in anonymous executable
// memory (JIT code) and looks their addresses up in /tmp/perf-PID.map, one "START SIZE NAME"
// line per piece of code (hex, no 0x). Each region the translator emits gets a line naming its
// hart and the guest physical address of its entry, so `perf record` + `perf report` on a strata
// process show where the guest spends its time, not only that it is in generated code.
//
// The file stays after strata exits (perf report reads it then); a later strata with the same
// PID replaces it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "util/error.h"

namespace strata::jit {

class PerfMap final {
 public:
  // perf's path for this process.
  static std::string default_path();
  // Creates (or truncates) the map at `path`; refuses to follow a symbolic link there.
  [[nodiscard]] static Result<std::unique_ptr<PerfMap>> create(const std::string& path);
  ~PerfMap();
  PerfMap(const PerfMap&) = delete;
  PerfMap& operator=(const PerfMap&) = delete;

  // Any thread: records `bytes` of host code at `code`, translated for `hart` from the guest code
  // at physical address `paddr`. Written through at once: strata may be killed at any time.
  void add(const void* code, size_t bytes, unsigned hart, uint64_t paddr);

 private:
  explicit PerfMap(std::FILE* file) : file_(file) {}

  std::mutex mutex_;
  std::FILE* file_;
};

}  // namespace strata::jit
