#include "machine/boot_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

namespace strata::machine {
namespace {

using File = std::unique_ptr<FILE, int (*)(FILE*)>;

Result<File> open_regular(const std::string& path, std::string_view what, uint64_t& size) {
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail("cannot open {} {}: {}", what, path, std::strerror(errno));
  struct stat st {};
  if (fstat(fileno(file.get()), &st) != 0) {
    return fail("cannot stat {} {}: {}", what, path, std::strerror(errno));
  }
  // A directory or a pipe has no meaningful size to place in guest RAM.
  if (!S_ISREG(st.st_mode)) return fail("{} {} is not a regular file", what, path);
  size = static_cast<uint64_t>(st.st_size);
  return file;
}

// The first `count` bytes of the file (all of a shorter one) and its size, refused without
// reading when the file is larger than `limit` bytes.
Result<FileHead> read_prefix(const std::string& path, uint64_t limit, std::string_view what,
                             uint64_t count) {
  FileHead head;
  auto file = open_regular(path, what, head.size);
  if (!file) return std::unexpected(file.error());
  if (head.size > limit) {
    return fail("{} {} is {} bytes, more than the {} bytes it may occupy", what, path, head.size,
                limit);
  }
  head.bytes.resize(std::min(head.size, count));
  if (std::fread(head.bytes.data(), 1, head.bytes.size(), file->get()) != head.bytes.size()) {
    return fail("cannot read {} {}: it is shorter than its size, or unreadable", what, path);
  }
  return head;
}

}  // namespace

Result<uint64_t> host_file_size(const std::string& path, std::string_view what) {
  uint64_t size = 0;
  if (auto file = open_regular(path, what, size); !file) return std::unexpected(file.error());
  return size;
}

Result<std::vector<uint8_t>> read_host_file(const std::string& path, uint64_t limit,
                                            std::string_view what) {
  auto whole = read_prefix(path, limit, what, limit);
  if (!whole) return std::unexpected(whole.error());
  return std::move(whole->bytes);
}

Result<FileHead> read_host_file_head(const std::string& path, uint64_t limit,
                                     std::string_view what) {
  return read_prefix(path, limit, what, kFileHeadBytes);
}

Result<void> copy_host_file_to_ram(const std::string& path, std::string_view what, uint64_t paddr,
                                   uint64_t expected_size, mem::GuestRam& ram) {
  uint64_t size = 0;
  auto file = open_regular(path, what, size);
  if (!file) return std::unexpected(file.error());
  if (size != expected_size) {
    return fail("{} {} changed size while loading ({} bytes, then {})", what, path, expected_size,
                size);
  }
  // Chunks through GuestRam::write keep the dirty and watch bookkeeping without holding a
  // second copy of a large initrd in host memory.
  std::vector<uint8_t> chunk(64 * 1024);
  for (uint64_t done = 0; done < size;) {
    const uint64_t n = std::min<uint64_t>(chunk.size(), size - done);
    if (std::fread(chunk.data(), 1, n, file->get()) != n) {
      return fail("cannot read {} {}: {}", what, path,
                  std::ferror(file->get()) ? std::strerror(errno) : "unexpected end of file");
    }
    if (auto r = ram.write(paddr + done, chunk.data(), n); !r) return r;
    done += n;
  }
  return {};
}

}  // namespace strata::machine
