#include "block/host_file.h"

#include <fcntl.h>
#include <linux/falloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <vector>

namespace strata::block {

namespace {

std::string describe(int code) {
  return std::strerror(code);
}  // NOLINT(concurrency-mt-unsafe)

// Drops the first `done` bytes from the list.
void advance(std::vector<iovec>& list, uint64_t done) {
  size_t i = 0;
  while (i < list.size() && done >= list[i].iov_len) done -= list[i++].iov_len;
  list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i));
  if (!list.empty() && done != 0) {
    list[0].iov_base = static_cast<uint8_t*>(list[0].iov_base) + done;
    list[0].iov_len -= done;
  }
}

}  // namespace

Result<HostFile> HostFile::open(const std::string& path, Access access) {
  const int flags = (access == Access::kReadOnly ? O_RDONLY : O_RDWR) | O_CLOEXEC;
  backend::UniqueFd fd(::open(path.c_str(), flags));
  if (!fd.valid()) return strata::fail("{}: {}", path, describe(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return strata::fail("{}: {}", path, describe(errno));
  if (S_ISDIR(st.st_mode)) return strata::fail("{}: is a directory", path);
  return HostFile(std::move(fd), path, access);
}

Result<HostFile> HostFile::create(const std::string& path) {
  backend::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) return strata::fail("{}: {}", path, describe(errno));
  return HostFile(std::move(fd), path, Access::kReadWrite);
}

IoResult<void> HostFile::readv(uint64_t offset, IoVec iov) const {
  std::vector<iovec> rest(iov.begin(), iov.end());
  while (!rest.empty()) {
    const int count = static_cast<int>(std::min<size_t>(rest.size(), IOV_MAX));
    const ssize_t n = ::preadv(fd_.get(), rest.data(), count, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_fail(errno, "{}: read at {}: {}", path_, offset, describe(errno));
    }
    if (n == 0) {  // end of file: the rest reads as zeros
      iov_zero(rest);
      return {};
    }
    offset += static_cast<uint64_t>(n);
    advance(rest, static_cast<uint64_t>(n));
  }
  return {};
}

IoResult<void> HostFile::writev(uint64_t offset, IoVec iov) const {
  std::vector<iovec> rest(iov.begin(), iov.end());
  while (!rest.empty()) {
    const int count = static_cast<int>(std::min<size_t>(rest.size(), IOV_MAX));
    const ssize_t n = ::pwritev(fd_.get(), rest.data(), count, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_fail(errno, "{}: write at {}: {}", path_, offset, describe(errno));
    }
    if (n == 0) return io_fail(ENOSPC, "{}: write at {}: no progress", path_, offset);
    offset += static_cast<uint64_t>(n);
    advance(rest, static_cast<uint64_t>(n));
  }
  return {};
}

IoResult<void> HostFile::read(uint64_t offset, std::span<uint8_t> out) const {
  const iovec v{out.data(), out.size()};
  return readv(offset, {&v, 1});
}

IoResult<void> HostFile::write(uint64_t offset, std::span<const uint8_t> in) const {
  const iovec v = as_iovec(in);
  return writev(offset, {&v, 1});
}

IoResult<void> HostFile::sync() const {
  if (::fdatasync(fd_.get()) != 0) {
    return io_fail(errno, "{}: fdatasync: {}", path_, describe(errno));
  }
  return {};
}

IoResult<uint64_t> HostFile::size() const {
  struct stat st {};
  if (::fstat(fd_.get(), &st) != 0) return io_fail(errno, "{}: {}", path_, describe(errno));
  if (S_ISBLK(st.st_mode)) {
    const off_t end = ::lseek(fd_.get(), 0, SEEK_END);
    if (end < 0) return io_fail(errno, "{}: {}", path_, describe(errno));
    return static_cast<uint64_t>(end);
  }
  return static_cast<uint64_t>(st.st_size);
}

IoResult<void> HostFile::truncate(uint64_t size) const {
  if (::ftruncate(fd_.get(), static_cast<off_t>(size)) != 0) {
    return io_fail(errno, "{}: truncate to {}: {}", path_, size, describe(errno));
  }
  return {};
}

IoResult<void> HostFile::punch_hole(uint64_t offset, uint64_t length) const {
  if (::fallocate(fd_.get(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset),
                  static_cast<off_t>(length)) != 0) {
    return io_fail(errno, "{}: punch hole at {}: {}", path_, offset, describe(errno));
  }
  return {};
}

IoResult<void> HostFile::zero_range(uint64_t offset, uint64_t length) const {
  if (::fallocate(fd_.get(), FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset),
                  static_cast<off_t>(length)) == 0) {
    return {};
  }
  if (errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL) {
    return io_fail(errno, "{}: zero range at {}: {}", path_, offset, describe(errno));
  }
  return write_zeros(offset, length);
}

IoResult<void> HostFile::write_zeros(uint64_t offset, uint64_t length) const {
  static constexpr uint64_t kChunk = 1 << 20;
  const std::vector<uint8_t> zeros(std::min(length, kChunk), 0);
  while (length != 0) {
    const uint64_t n = std::min<uint64_t>(length, zeros.size());
    if (auto r = write(offset, {zeros.data(), n}); !r) return r;
    offset += n;
    length -= n;
  }
  return {};
}

}  // namespace strata::block
