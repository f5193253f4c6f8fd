// libFuzzer harness for the qcow2 parser and mapper: the input is an image file. It is checked,
// opened (read-only and read-write), read across its whole virtual size in cluster steps, written,
// zeroed and discarded a little, and flushed. Any input must give errors, never a
// crash, a hang, a sanitizer report or an allocation beyond the header limits.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "block/image.h"
#include "block/image_check.h"

namespace {

std::string memfd_with(const uint8_t* data, size_t size, int& fd) {
  fd = memfd_create("qcow2-fuzz", 0);
  if (fd < 0) return {};
  size_t done = 0;
  while (done < size) {
    const ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

void exercise(strata::block::BlockBackend& disk) {
  std::vector<uint8_t> buffer(4096);
  const uint64_t size = disk.size();
  // At most 64 reads spread over the disk: enough to walk many L2 tables of a small image.
  const uint64_t step = std::max<uint64_t>(4096, size / 64);
  for (uint64_t offset = 0; offset + buffer.size() <= size; offset += step) {
    (void)disk.read(offset, buffer);
  }
  if (disk.read_only() || size < 8192) return;
  (void)disk.write(size / 3 & ~511ULL, buffer);
  (void)disk.write_zeroes(0, 4096, strata::block::ZeroMode::kMayUnmap);
  (void)disk.discard(0, size);
  (void)disk.flush();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int fd = -1;
  const std::string path = memfd_with(data, size, fd);
  if (fd < 0) return 0;
  (void)strata::block::check_image(path);
  for (const auto access : {strata::block::Access::kReadOnly, strata::block::Access::kReadWrite}) {
    auto disk = strata::block::open_image(path, "qcow2", access);
    if (disk) exercise(**disk);
  }
  close(fd);
  return 0;
}
