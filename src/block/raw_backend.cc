#include "block/raw_backend.h"

namespace strata::block {

Result<std::unique_ptr<RawBackend>> RawBackend::open(const std::string& path, Access access) {
  auto file = HostFile::open(path, access);
  if (!file) return std::unexpected(file.error());
  auto size = file->size();
  if (!size) return strata::fail("{}", size.error().message);
  return std::unique_ptr<RawBackend>(new RawBackend(std::move(*file), *size));
}

IoResult<void> RawBackend::check_writable() const {
  if (read_only()) return io_fail(EROFS, "{}: the image is read-only", path());
  return {};
}

IoResult<void> RawBackend::readv(uint64_t offset, IoVec iov) {
  return file_.readv(offset, iov);
}

IoResult<void> RawBackend::writev(uint64_t offset, IoVec iov) {
  if (auto ok = check_writable(); !ok) return ok;
  return file_.writev(offset, iov);
}

IoResult<void> RawBackend::flush() {
  if (read_only()) return {};
  return file_.sync();
}

IoResult<void> RawBackend::discard(uint64_t offset, uint64_t length) {
  if (auto ok = check_writable(); !ok) return ok;
  return file_.punch_hole(offset, length);
}

IoResult<void> RawBackend::write_zeroes(uint64_t offset, uint64_t length, ZeroMode mode) {
  if (auto ok = check_writable(); !ok) return ok;
  if (mode == ZeroMode::kMayUnmap) {
    if (file_.punch_hole(offset, length)) return {};
  }
  return file_.zero_range(offset, length);
}

}  // namespace strata::block
