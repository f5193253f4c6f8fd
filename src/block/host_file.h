// An image file on the host: positioned, vectored, complete reads and writes (short transfers are
// retried; reads past the end of the file return zeros), durability (fdatasync) and the
// fallocate operations behind discard and write-zeroes. Safe to use from several threads at once.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "backend/unique_fd.h"
#include "block/io_error.h"
#include "block/iov.h"
#include "util/error.h"

namespace strata::block {

enum class Access { kReadOnly, kReadWrite };

class HostFile final {
 public:
  [[nodiscard]] static Result<HostFile> open(const std::string& path, Access access);
  // Creates (or truncates) `path` for writing.
  [[nodiscard]] static Result<HostFile> create(const std::string& path);

  const std::string& path() const { return path_; }
  bool read_only() const { return access_ == Access::kReadOnly; }

  [[nodiscard]] IoResult<void> readv(uint64_t offset, IoVec iov) const;
  [[nodiscard]] IoResult<void> writev(uint64_t offset, IoVec iov) const;
  [[nodiscard]] IoResult<void> read(uint64_t offset, std::span<uint8_t> out) const;
  [[nodiscard]] IoResult<void> write(uint64_t offset, std::span<const uint8_t> in) const;
  [[nodiscard]] IoResult<void> sync() const;
  [[nodiscard]] IoResult<uint64_t> size() const;
  [[nodiscard]] IoResult<void> truncate(uint64_t size) const;
  // Deallocates the range (reads then return zeros); EOPNOTSUPP when the file system cannot.
  [[nodiscard]] IoResult<void> punch_hole(uint64_t offset, uint64_t length) const;
  // Makes the range read as zeros, keeping it allocated where the file system can, else writing
  // zeros.
  [[nodiscard]] IoResult<void> zero_range(uint64_t offset, uint64_t length) const;

 private:
  HostFile(backend::UniqueFd fd, std::string path, Access access)
      : fd_(std::move(fd)), path_(std::move(path)), access_(access) {}
  [[nodiscard]] IoResult<void> write_zeros(uint64_t offset, uint64_t length) const;

  backend::UniqueFd fd_;
  std::string path_;
  Access access_;
};

}  // namespace strata::block
