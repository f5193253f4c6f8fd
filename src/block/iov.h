// Helpers over scatter-gather lists (struct iovec), the shape in which guest buffers reach the
// block layer: slicing, zero-filling and copying to and from flat buffers.
#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <span>
#include <vector>

namespace strata::block {

using IoVec = std::span<const iovec>;

uint64_t iov_length(IoVec iov);
// The part of `iov` from byte `offset`, `length` bytes long (shorter if the list ends first).
std::vector<iovec> iov_slice(IoVec iov, uint64_t offset, uint64_t length);
void iov_zero(IoVec iov);
// Copies between a list and a flat buffer; return the bytes copied.
uint64_t iov_to_buffer(IoVec iov, std::span<uint8_t> out);
uint64_t iov_from_buffer(IoVec iov, std::span<const uint8_t> in);
// A one-element list over a flat buffer.
inline iovec as_iovec(std::span<const uint8_t> buffer) {
  // iovec has no const variant; the block layer never writes through a list built from `in`.
  return iovec{const_cast<uint8_t*>(buffer.data()), buffer.size()};  // NOLINT
}

}  // namespace strata::block
