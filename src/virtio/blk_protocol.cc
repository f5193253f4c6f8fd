#include "virtio/blk_protocol.h"

#include <cstring>
#include <vector>

namespace strata::virtio::blk {

namespace {

template <typename T>
void put_le(std::span<uint8_t> out, size_t offset, T value) {
  std::memcpy(&out[offset], &value, sizeof value);  // the host is little-endian, like virtio
}

template <typename T>
T get_le(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

// Whether [sector, sector + sectors) lies on the disk, without overflowing.
bool in_range(const Geometry& g, uint64_t sector, uint64_t sectors) {
  return sector <= g.capacity_sectors && sectors <= g.capacity_sectors - sector;
}

struct Outcome {
  uint8_t status = kStatusOk;
  uint32_t data_written = 0;
};

Outcome io_result(const block::IoResult<void>& r, std::string* error_message) {
  if (r) return {};
  if (error_message != nullptr && error_message->empty()) *error_message = r.error().message;
  return {kStatusIoErr, 0};
}

Outcome read_request(block::BlockBackend& backend, const Geometry& g, const Header& h,
                     DescriptorChain& chain, std::string* error_message) {
  const uint64_t length = chain.writable_bytes() - 1;
  if (length % kSectorSize != 0 || !in_range(g, h.sector, length / kSectorSize)) {
    return {kStatusIoErr, 0};
  }
  const std::vector<iovec> iov = chain.writable_iovecs(0, length);
  Outcome outcome = io_result(backend.readv(h.sector * kSectorSize, iov), error_message);
  if (outcome.status == kStatusOk) outcome.data_written = static_cast<uint32_t>(length);
  return outcome;
}

Outcome write_request(block::BlockBackend& backend, const Geometry& g, uint64_t features,
                      const Header& h, DescriptorChain& chain, std::string* error_message) {
  // §5.2.6.2: a read-only device fails writes with IOERR and writes nothing.
  if (g.read_only) return {kStatusIoErr, 0};
  const uint64_t length = chain.readable_bytes() - kHeaderBytes;
  if (length % kSectorSize != 0 || !in_range(g, h.sector, length / kSectorSize)) {
    return {kStatusIoErr, 0};
  }
  const std::vector<iovec> iov = chain.readable_iovecs(kHeaderBytes, length);
  Outcome outcome = io_result(backend.writev(h.sector * kSectorSize, iov), error_message);
  // Without VIRTIO_BLK_F_FLUSH the driver has no way to ask for durability: every write is
  // written through (§5.2.6.2).
  if (outcome.status == kStatusOk && (features & kFeatureFlush) == 0) {
    outcome = io_result(backend.flush(), error_message);
  }
  return outcome;
}

Outcome ranges_request(block::BlockBackend& backend, const Geometry& g, uint64_t features,
                       const Header& h, DescriptorChain& chain, std::string* error_message) {
  const bool discard = h.type == kTypeDiscard;
  if ((features & (discard ? kFeatureDiscard : kFeatureWriteZeroes)) == 0 || g.read_only) {
    return {kStatusUnsupp, 0};
  }
  const uint64_t bytes = chain.readable_bytes() - kHeaderBytes;
  if (bytes == 0 || bytes % kRangeBytes != 0 || bytes / kRangeBytes > kMaxRanges) {
    return {kStatusIoErr, 0};
  }
  std::vector<uint8_t> ranges(bytes);
  chain.read(kHeaderBytes, ranges);
  // Check every range before acting on any.
  for (uint64_t i = 0; i < bytes; i += kRangeBytes) {
    const auto sector = get_le<uint64_t>(&ranges[i]);
    const auto sectors = get_le<uint32_t>(&ranges[i + 8]);
    const auto flags = get_le<uint32_t>(&ranges[i + 12]);
    // §5.2.6.2: unknown flags, and the unmap flag on a discard, are unsupported.
    if ((discard && flags != 0) || (!discard && (flags & ~kWriteZeroesUnmap) != 0)) {
      return {kStatusUnsupp, 0};
    }
    if (sectors > kMaxRangeSectors || !in_range(g, sector, sectors)) return {kStatusIoErr, 0};
  }
  for (uint64_t i = 0; i < bytes; i += kRangeBytes) {
    const uint64_t offset = get_le<uint64_t>(&ranges[i]) * kSectorSize;
    const uint64_t length = uint64_t{get_le<uint32_t>(&ranges[i + 8])} * kSectorSize;
    const auto flags = get_le<uint32_t>(&ranges[i + 12]);
    if (length == 0) continue;
    block::IoResult<void> r;
    if (discard) {
      r = backend.discard(offset, length);
      // Discard is a hint: a host file system that cannot punch holes just keeps the data.
      if (!r && (r.error().code == EOPNOTSUPP || r.error().code == ENOSYS)) r = {};
    } else {
      r = backend.write_zeroes(offset, length,
                               (flags & kWriteZeroesUnmap) != 0 ? block::ZeroMode::kMayUnmap
                                                                : block::ZeroMode::kKeepAllocated);
    }
    if (!r) return io_result(r, error_message);
  }
  if ((features & kFeatureFlush) == 0 && !discard) return io_result(backend.flush(), error_message);
  return {};
}

Outcome get_id_request(const std::string& serial, DescriptorChain& chain) {
  std::array<uint8_t, kIdBytes> id{};
  std::memcpy(id.data(), serial.data(), std::min<size_t>(serial.size(), kIdBytes));
  const uint64_t room = std::min<uint64_t>(chain.writable_bytes() - 1, kIdBytes);
  chain.write(0, std::span(id).first(room));
  return {kStatusOk, static_cast<uint32_t>(room)};
}

}  // namespace

uint64_t offered_features(const Geometry& g) {
  const uint64_t features = kFeatureSegMax | kFeatureBlkSize | kFeatureFlush;
  if (g.read_only) return features | kFeatureRo;
  return features | kFeatureDiscard | kFeatureWriteZeroes;
}

std::array<uint8_t, kConfigBytes> config_space(const Geometry& g) {
  std::array<uint8_t, kConfigBytes> c{};
  put_le<uint64_t>(c, 0, g.capacity_sectors);
  put_le<uint32_t>(c, 12, g.seg_max);
  put_le<uint32_t>(c, 20, static_cast<uint32_t>(kSectorSize));  // blk_size
  put_le<uint16_t>(c, 34, 1);                                   // num_queues
  put_le<uint32_t>(c, 36, kMaxRangeSectors);                    // max_discard_sectors
  put_le<uint32_t>(c, 40, kMaxRanges);                          // max_discard_seg
  put_le<uint32_t>(c, 44, g.discard_alignment_sectors);
  put_le<uint32_t>(c, 48, kMaxRangeSectors);  // max_write_zeroes_sectors
  put_le<uint32_t>(c, 52, kMaxRanges);        // max_write_zeroes_seg
  c[56] = 1;                                  // write_zeroes_may_unmap
  return c;
}

uint32_t execute(block::BlockBackend& backend, const Geometry& geometry, uint64_t features,
                 const std::string& serial, const Header& header, DescriptorChain& chain,
                 std::string* error_message) {
  Outcome outcome;
  switch (header.type) {
    case kTypeIn: outcome = read_request(backend, geometry, header, chain, error_message); break;
    case kTypeOut:
      outcome = write_request(backend, geometry, features, header, chain, error_message);
      break;
    case kTypeFlush: outcome = io_result(backend.flush(), error_message); break;
    case kTypeGetId: outcome = get_id_request(serial, chain); break;
    case kTypeDiscard:
    case kTypeWriteZeroes:
      outcome = ranges_request(backend, geometry, features, header, chain, error_message);
      break;
    default: outcome = {kStatusUnsupp, 0};
  }
  const uint8_t status = outcome.status;
  chain.write(chain.writable_bytes() - 1, {&status, 1});
  return outcome.data_written + 1;
}

}  // namespace strata::virtio::blk
