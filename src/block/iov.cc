#include "block/iov.h"

#include <algorithm>
#include <cstring>

namespace strata::block {

uint64_t iov_length(IoVec iov) {
  uint64_t total = 0;
  for (const iovec& v : iov) total += v.iov_len;
  return total;
}

std::vector<iovec> iov_slice(IoVec iov, uint64_t offset, uint64_t length) {
  std::vector<iovec> out;
  for (const iovec& v : iov) {
    if (length == 0) break;
    if (offset >= v.iov_len) {
      offset -= v.iov_len;
      continue;
    }
    const uint64_t take = std::min<uint64_t>(v.iov_len - offset, length);
    out.push_back(iovec{static_cast<uint8_t*>(v.iov_base) + offset, take});
    length -= take;
    offset = 0;
  }
  return out;
}

void iov_zero(IoVec iov) {
  for (const iovec& v : iov) {
    if (v.iov_len != 0) std::memset(v.iov_base, 0, v.iov_len);
  }
}

uint64_t iov_to_buffer(IoVec iov, std::span<uint8_t> out) {
  uint64_t done = 0;
  for (const iovec& v : iov) {
    if (done == out.size()) break;
    const uint64_t take = std::min<uint64_t>(v.iov_len, out.size() - done);
    if (take != 0) std::memcpy(out.data() + done, v.iov_base, take);
    done += take;
  }
  return done;
}

uint64_t iov_from_buffer(IoVec iov, std::span<const uint8_t> in) {
  uint64_t done = 0;
  for (const iovec& v : iov) {
    if (done == in.size()) break;
    const uint64_t take = std::min<uint64_t>(v.iov_len, in.size() - done);
    if (take != 0) std::memcpy(v.iov_base, in.data() + done, take);
    done += take;
  }
  return done;
}

}  // namespace strata::block
