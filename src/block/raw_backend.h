// A raw image: the file's bytes are the disk's bytes. Requests go straight to the host file, so
// any number may run at once.
#pragma once

#include <memory>

#include "block/block_backend.h"
#include "block/host_file.h"

namespace strata::block {

class RawBackend final : public BlockBackend {
 public:
  [[nodiscard]] static Result<std::unique_ptr<RawBackend>> open(const std::string& path,
                                                                Access access);

  std::string_view format() const override { return "raw"; }
  const std::string& path() const override { return file_.path(); }
  uint64_t size() const override { return size_; }
  bool read_only() const override { return file_.read_only(); }

  [[nodiscard]] IoResult<void> readv(uint64_t offset, IoVec iov) override;
  [[nodiscard]] IoResult<void> writev(uint64_t offset, IoVec iov) override;
  [[nodiscard]] IoResult<void> flush() override;
  [[nodiscard]] IoResult<void> discard(uint64_t offset, uint64_t length) override;
  [[nodiscard]] IoResult<void> write_zeroes(uint64_t offset, uint64_t length,
                                            ZeroMode mode) override;

 private:
  RawBackend(HostFile file, uint64_t size) : file_(std::move(file)), size_(size) {}
  [[nodiscard]] IoResult<void> check_writable() const;

  HostFile file_;
  uint64_t size_;
};

}  // namespace strata::block
