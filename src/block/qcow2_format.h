// The qcow2 on-disk format (QEMU's docs/interop/qcow2.txt), versions 2 and 3: constants, the
// header with its extensions, and its validation. Parsing is a pure function of the image's first
// cluster so a hostile image can only yield an error message.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "util/error.h"

namespace strata::block::qcow2 {

constexpr uint32_t kMagic = 0x514649fb;  // "QFI\xfb"
constexpr uint32_t kMinClusterBits = 9;
constexpr uint32_t kMaxClusterBits = 21;
constexpr uint32_t kV2HeaderLength = 72;
constexpr uint32_t kV3HeaderLength = 104;
constexpr uint32_t kMaxBackingNameLength = 1023;
// Limits QEMU also enforces, so a hostile header cannot make us allocate gigabytes of tables.
constexpr uint64_t kMaxL1Bytes = 32ULL << 20;
constexpr uint64_t kMaxRefcountTableBytes = 8ULL << 20;
constexpr uint64_t kMaxImageSize = 1ULL << 55;

// Header field offsets.
constexpr uint64_t kOffsetRefcountTable = 48;  // u64 offset then u32 clusters
constexpr uint64_t kOffsetAutoclearFeatures = 88;

// L1, L2 and refcount table entries.
constexpr uint64_t kOffsetMask = 0x00fffffffffffe00ULL;  // bits 9..55
constexpr uint64_t kRefcountTableOffsetMask = 0xfffffffffffffe00ULL;
constexpr uint64_t kFlagCopied = 1ULL << 63;      // refcount is exactly one
constexpr uint64_t kFlagCompressed = 1ULL << 62;  // L2: compressed cluster descriptor
constexpr uint64_t kFlagZero = 1ULL;              // L2 (version 3): reads as zeros

// Incompatible feature bits.
constexpr uint64_t kIncompatDirty = 1ULL << 0;
constexpr uint64_t kIncompatCorrupt = 1ULL << 1;
constexpr uint64_t kIncompatKnown = kIncompatDirty | kIncompatCorrupt;

// Header extension types.
constexpr uint32_t kExtEnd = 0;
constexpr uint32_t kExtBackingFormat = 0xe2792aca;
constexpr uint32_t kExtFeatureTable = 0x6803f857;

struct Header {
  uint32_t version = 3;
  uint32_t cluster_bits = 16;
  uint64_t size = 0;
  uint32_t l1_size = 0;
  uint64_t l1_table_offset = 0;
  uint64_t refcount_table_offset = 0;
  uint32_t refcount_table_clusters = 0;
  uint32_t nb_snapshots = 0;
  uint64_t snapshots_offset = 0;
  uint64_t incompatible_features = 0;
  uint64_t compatible_features = 0;
  uint64_t autoclear_features = 0;
  uint32_t refcount_order = 4;
  uint32_t header_length = kV3HeaderLength;
  std::string backing_file;    // empty: none
  std::string backing_format;  // from the backing-format extension; empty: probe

  uint64_t cluster_size() const { return 1ULL << cluster_bits; }
  uint64_t l2_entries() const { return cluster_size() / 8; }
  uint64_t refcount_bits() const { return 1ULL << refcount_order; }
  uint64_t refblock_entries() const { return cluster_size() * 8 / refcount_bits(); }
};

// L1 entries needed to map `size` bytes with 2^cluster_bits clusters.
uint64_t l1_entries_for(uint64_t size, uint32_t cluster_bits);

// True if the bytes start with the qcow2 magic.
bool has_magic(std::span<const uint8_t> start);

// Parses and validates the header from the image's first cluster (`start` may be shorter when
// the file is) given the file's size. Errors name the offending field.
[[nodiscard]] Result<Header> parse_header(std::span<const uint8_t> start, uint64_t file_size);

// Serializes a fresh header with its extensions (backing format) and backing file name into one
// cluster-sized buffer; used by image creation.
std::vector<uint8_t> serialize_header(const Header& header);

}  // namespace strata::block::qcow2
