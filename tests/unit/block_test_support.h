// Shared helpers for the block layer tests: a scratch directory, running host tools (qemu-img,
// qemu-io), hashing files, and a deterministic byte pattern.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "block/block_backend.h"
#include "block/image_create.h"

namespace strata::block::test {

class ScratchDir final {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::path(testing::TempDir()) / "strata-block-XXXXXX");
    path_ = ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string file(const std::string& name) const { return fmt::format("{}/{}", path_, name); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs a shell command, returns its exit status (-1 if it did not exit normally).
inline int run_command(const std::string& command) {
  const int status = std::system(command.c_str());  // NOLINT(cert-env33-c): test tool runs
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline bool have_qemu_img() {
  return run_command("qemu-img --version >/dev/null 2>&1") == 0;
}

// qemu-img check's exit status (0 clean, 2 corrupt, 3 leaks).
inline int qemu_img_check(const std::string& path) {
  return run_command(fmt::format("qemu-img check -q '{}' >/dev/null 2>&1", path));
}

inline std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Bytes that differ at every position and from one seed to another.
inline std::vector<uint8_t> pattern(size_t length, uint32_t seed) {
  std::vector<uint8_t> out(length);
  uint32_t x = seed * 2654435761U + 1;
  for (auto& b : out) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    b = static_cast<uint8_t>(x);
  }
  return out;
}

inline CreateOptions raw_options(uint64_t size) {
  CreateOptions o;
  o.format = "raw";
  o.size = size;
  return o;
}

inline CreateOptions qcow2_options(uint64_t size, uint32_t version = 3,
                                   uint32_t cluster_bits = 16) {
  CreateOptions o;
  o.size = size;
  o.qcow2_version = version;
  o.cluster_bits = cluster_bits;
  return o;
}

inline CreateOptions overlay_options(const std::string& backing, const std::string& format = "",
                                     uint32_t version = 3) {
  CreateOptions o;
  o.backing_file = backing;
  o.backing_format = format;
  o.qcow2_version = version;
  return o;
}

}  // namespace strata::block::test
