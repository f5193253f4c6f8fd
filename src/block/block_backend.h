// What a virtual disk front end sees of an image: a byte-addressed device of fixed size.
//
// Every request is checked against the size by the caller (the front end answers out-of-range
// requests itself). Back ends are safe to call from several threads at once; each request either
// completes or fails as a whole with an errno-carrying IoError (EROFS for writes to a read-only
// image, EOPNOTSUPP for operations the image cannot do, the host's errno otherwise). A failed
// request never damages the image's metadata.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "block/io_error.h"
#include "block/iov.h"

namespace strata::block {

enum class ZeroMode {
  kKeepAllocated,  // the range must stay allocated (write-zeroes without unmap)
  kMayUnmap,       // the back end may deallocate it (virtio-blk write-zeroes with the unmap flag)
};

class BlockBackend {
 public:
  virtual ~BlockBackend() = default;

  virtual std::string_view format() const = 0;  // "raw", "qcow2"
  virtual const std::string& path() const = 0;
  virtual uint64_t size() const = 0;
  virtual bool read_only() const = 0;
  // The granularity at which discard can release storage (a guest should align to it).
  virtual uint64_t discard_granularity() const { return 4096; }

  [[nodiscard]] virtual IoResult<void> readv(uint64_t offset, IoVec iov) = 0;
  [[nodiscard]] virtual IoResult<void> writev(uint64_t offset, IoVec iov) = 0;
  // Makes every completed write durable (it survives a host crash).
  [[nodiscard]] virtual IoResult<void> flush() = 0;
  // The range's contents become unspecified and its storage may be released.
  [[nodiscard]] virtual IoResult<void> discard(uint64_t offset, uint64_t length) = 0;
  // The range reads as zeros afterwards.
  [[nodiscard]] virtual IoResult<void> write_zeroes(uint64_t offset, uint64_t length,
                                                    ZeroMode mode) = 0;

  [[nodiscard]] IoResult<void> read(uint64_t offset, std::span<uint8_t> out) {
    const iovec v{out.data(), out.size()};
    return readv(offset, {&v, 1});
  }
  [[nodiscard]] IoResult<void> write(uint64_t offset, std::span<const uint8_t> in) {
    const iovec v = as_iovec(in);
    return writev(offset, {&v, 1});
  }
};

}  // namespace strata::block
