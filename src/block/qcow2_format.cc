#include "block/qcow2_format.h"

#include <algorithm>
#include <vector>

#include "block/big_endian.h"

namespace strata::block::qcow2 {

namespace {

constexpr uint64_t kMaxSnapshots = 65536;

bool aligned(uint64_t offset, uint64_t cluster_size) {
  return (offset & (cluster_size - 1)) == 0;
}

// A table of `bytes` bytes at `offset` must be cluster aligned and lie inside the file.
Result<void> check_table(std::string_view what, uint64_t offset, uint64_t bytes,
                         uint64_t cluster_size, uint64_t file_size) {
  if (!aligned(offset, cluster_size)) {
    return fail("qcow2: the {} offset {:#x} is not cluster aligned", what, offset);
  }
  if (offset > file_size || bytes > file_size - offset) {
    return fail("qcow2: the {} ({} bytes at {:#x}) lies beyond the end of the file ({} bytes)",
                what, bytes, offset, file_size);
  }
  return {};
}

Result<void> parse_extensions(std::span<const uint8_t> start, Header& h) {
  uint64_t pos = h.header_length;
  const uint64_t limit = std::min<uint64_t>(start.size(), h.cluster_size());
  while (true) {
    if (pos + 8 > limit) {
      // Version 2 images from old tools may end the header without an end marker.
      if (pos >= limit && h.version == 2) return {};
      return fail("qcow2: header extensions run past the first cluster");
    }
    const auto type = load_be<uint32_t>(&start[pos]);
    const auto length = load_be<uint32_t>(&start[pos + 4]);
    pos += 8;
    if (type == kExtEnd) return {};
    if (length > limit - pos) {
      return fail("qcow2: header extension {:#x} ({} bytes) runs past the first cluster", type,
                  length);
    }
    if (type == kExtBackingFormat) {
      h.backing_format.assign(reinterpret_cast<const char*>(&start[pos]), length);
    }
    pos += (static_cast<uint64_t>(length) + 7) & ~7ULL;
  }
}

}  // namespace

uint64_t l1_entries_for(uint64_t size, uint32_t cluster_bits) {
  const uint64_t bytes_per_l2 = (1ULL << cluster_bits) * ((1ULL << cluster_bits) / 8);
  return (size + bytes_per_l2 - 1) / bytes_per_l2;
}

bool has_magic(std::span<const uint8_t> start) {
  return start.size() >= 4 && load_be<uint32_t>(start.data()) == kMagic;
}

Result<Header> parse_header(std::span<const uint8_t> start, uint64_t file_size) {
  if (start.size() < kV2HeaderLength) return fail("qcow2: the file is too short for a header");
  if (!has_magic(start)) return fail("qcow2: bad magic (not a qcow2 image)");
  const uint8_t* p = start.data();
  Header h;
  h.version = load_be<uint32_t>(p + 4);
  if (h.version != 2 && h.version != 3) {
    return fail("qcow2: unsupported version {} (2 and 3 are supported)", h.version);
  }
  const auto backing_offset = load_be<uint64_t>(p + 8);
  const auto backing_size = load_be<uint32_t>(p + 16);
  h.cluster_bits = load_be<uint32_t>(p + 20);
  h.size = load_be<uint64_t>(p + 24);
  const auto crypt_method = load_be<uint32_t>(p + 32);
  h.l1_size = load_be<uint32_t>(p + 36);
  h.l1_table_offset = load_be<uint64_t>(p + 40);
  h.refcount_table_offset = load_be<uint64_t>(p + 48);
  h.refcount_table_clusters = load_be<uint32_t>(p + 56);
  h.nb_snapshots = load_be<uint32_t>(p + 60);
  h.snapshots_offset = load_be<uint64_t>(p + 64);
  h.refcount_order = 4;
  h.header_length = kV2HeaderLength;
  if (h.version == 3) {
    if (start.size() < kV3HeaderLength) return fail("qcow2: the file is too short for a header");
    h.incompatible_features = load_be<uint64_t>(p + 72);
    h.compatible_features = load_be<uint64_t>(p + 80);
    h.autoclear_features = load_be<uint64_t>(p + 88);
    h.refcount_order = load_be<uint32_t>(p + 96);
    h.header_length = load_be<uint32_t>(p + 100);
  }

  if (h.cluster_bits < kMinClusterBits || h.cluster_bits > kMaxClusterBits) {
    return fail("qcow2: cluster_bits {} out of range ({}..{})", h.cluster_bits, kMinClusterBits,
                kMaxClusterBits);
  }
  const uint64_t cs = h.cluster_size();
  if (h.version == 3) {
    if (h.header_length < kV3HeaderLength || h.header_length > cs || h.header_length % 8 != 0) {
      return fail("qcow2: bad header_length {}", h.header_length);
    }
    if (h.refcount_order > 6) return fail("qcow2: refcount_order {} > 6", h.refcount_order);
    if ((h.incompatible_features & ~kIncompatKnown) != 0) {
      return fail(
          "qcow2: unsupported incompatible features {:#x} (external data file, "
          "compression type or extended L2 entries)",
          h.incompatible_features & ~kIncompatKnown);
    }
    if (h.header_length > kV3HeaderLength && start.size() > kV3HeaderLength && p[104] != 0) {
      return fail("qcow2: unsupported compression type {}", p[104]);
    }
  }
  if (crypt_method != 0) return fail("qcow2: encrypted images are not supported");
  if (h.size > kMaxImageSize) return fail("qcow2: virtual size {} is too large", h.size);
  if (h.l1_size < l1_entries_for(h.size, h.cluster_bits)) {
    return fail("qcow2: the L1 table ({} entries) is too small for the size {}", h.l1_size, h.size);
  }
  if (static_cast<uint64_t>(h.l1_size) * 8 > kMaxL1Bytes) {
    return fail("qcow2: the L1 table ({} entries) is too large", h.l1_size);
  }
  if (h.l1_size != 0) {
    if (auto ok =
            check_table("L1 table", h.l1_table_offset, uint64_t{h.l1_size} * 8, cs, file_size);
        !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (h.refcount_table_clusters == 0) return fail("qcow2: the refcount table is empty");
  if (uint64_t{h.refcount_table_clusters} * cs > kMaxRefcountTableBytes) {
    return fail("qcow2: the refcount table ({} clusters) is too large", h.refcount_table_clusters);
  }
  if (auto ok = check_table("refcount table", h.refcount_table_offset,
                            uint64_t{h.refcount_table_clusters} * cs, cs, file_size);
      !ok) {
    return std::unexpected(ok.error());
  }
  if (h.nb_snapshots > kMaxSnapshots) return fail("qcow2: too many snapshots ({})", h.nb_snapshots);
  if (h.nb_snapshots != 0 && !aligned(h.snapshots_offset, cs)) {
    return fail("qcow2: the snapshot table offset {:#x} is not cluster aligned",
                h.snapshots_offset);
  }
  if (backing_offset != 0) {
    if (backing_size == 0 || backing_size > kMaxBackingNameLength) {
      return fail("qcow2: bad backing file name length {}", backing_size);
    }
    if (backing_offset > std::min<uint64_t>(start.size(), cs) ||
        backing_size > std::min<uint64_t>(start.size(), cs) - backing_offset) {
      return fail("qcow2: the backing file name lies outside the first cluster");
    }
    h.backing_file.assign(reinterpret_cast<const char*>(p + backing_offset), backing_size);
    if (h.backing_file.find('\0') != std::string::npos) {
      return fail("qcow2: the backing file name contains a NUL byte");
    }
  }
  if (auto ok = parse_extensions(start, h); !ok) return std::unexpected(ok.error());
  return h;
}

std::vector<uint8_t> serialize_header(const Header& h) {
  std::vector<uint8_t> out(h.cluster_size(), 0);
  uint8_t* p = out.data();
  store_be<uint32_t>(p, kMagic);
  store_be<uint32_t>(p + 4, h.version);
  store_be<uint32_t>(p + 20, h.cluster_bits);
  store_be<uint64_t>(p + 24, h.size);
  store_be<uint32_t>(p + 36, h.l1_size);
  store_be<uint64_t>(p + 40, h.l1_table_offset);
  store_be<uint64_t>(p + 48, h.refcount_table_offset);
  store_be<uint32_t>(p + 56, h.refcount_table_clusters);
  store_be<uint32_t>(p + 60, h.nb_snapshots);
  store_be<uint64_t>(p + 64, h.snapshots_offset);
  uint64_t pos = kV2HeaderLength;
  if (h.version == 3) {
    store_be<uint64_t>(p + 72, h.incompatible_features);
    store_be<uint64_t>(p + 80, h.compatible_features);
    store_be<uint64_t>(p + 88, h.autoclear_features);
    store_be<uint32_t>(p + 96, h.refcount_order);
    store_be<uint32_t>(p + 100, kV3HeaderLength);
    pos = kV3HeaderLength;
  }
  if (!h.backing_format.empty()) {
    store_be<uint32_t>(p + pos, kExtBackingFormat);
    store_be<uint32_t>(p + pos + 4, static_cast<uint32_t>(h.backing_format.size()));
    std::copy(h.backing_format.begin(), h.backing_format.end(), p + pos + 8);
    pos += 8 + ((h.backing_format.size() + 7) & ~size_t{7});
  }
  pos += 8;  // the end-of-extensions marker: type 0, length 0
  if (!h.backing_file.empty()) {
    store_be<uint64_t>(p + 8, pos);
    store_be<uint32_t>(p + 16, static_cast<uint32_t>(h.backing_file.size()));
    std::copy(h.backing_file.begin(), h.backing_file.end(), p + pos);
  }
  return out;
}

}  // namespace strata::block::qcow2
