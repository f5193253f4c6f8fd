// virtio-blk's wire format (virtio 1.2 §5.2): feature bits, the configuration layout, request
// types and statuses, and the execution of one request against a block back end. Kept apart from
// the device's threading so it can be tested directly.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "block/block_backend.h"
#include "virtio/descriptor_chain.h"

namespace strata::virtio::blk {

// Feature bits (§5.2.3).
inline constexpr uint64_t kFeatureSizeMax = 1ULL << 1;
inline constexpr uint64_t kFeatureSegMax = 1ULL << 2;
inline constexpr uint64_t kFeatureRo = 1ULL << 5;
inline constexpr uint64_t kFeatureBlkSize = 1ULL << 6;
inline constexpr uint64_t kFeatureFlush = 1ULL << 9;
inline constexpr uint64_t kFeatureDiscard = 1ULL << 13;
inline constexpr uint64_t kFeatureWriteZeroes = 1ULL << 14;

// Request types (§5.2.6).
inline constexpr uint32_t kTypeIn = 0;
inline constexpr uint32_t kTypeOut = 1;
inline constexpr uint32_t kTypeFlush = 4;
inline constexpr uint32_t kTypeGetId = 8;
inline constexpr uint32_t kTypeDiscard = 11;
inline constexpr uint32_t kTypeWriteZeroes = 13;

// Status byte values.
inline constexpr uint8_t kStatusOk = 0;
inline constexpr uint8_t kStatusIoErr = 1;
inline constexpr uint8_t kStatusUnsupp = 2;

inline constexpr uint64_t kSectorSize = 512;
inline constexpr uint32_t kHeaderBytes = 16;  // le32 type, le32 reserved, le64 sector
inline constexpr uint32_t kRangeBytes = 16;   // le64 sector, le32 num_sectors, le32 flags
inline constexpr uint32_t kIdBytes = 20;      // VIRTIO_BLK_ID_BYTES
inline constexpr uint32_t kWriteZeroesUnmap = 1;
inline constexpr uint32_t kMaxRanges = 32;              // max_discard_seg, max_write_zeroes_seg
inline constexpr uint32_t kMaxRangeSectors = 1U << 22;  // 2 GiB per range
inline constexpr uint32_t kConfigBytes = 60;  // through write_zeroes_may_unmap and its padding

// What the device is, as the configuration space and feature bits present it.
struct Geometry {
  uint64_t capacity_sectors = 0;
  uint32_t seg_max = 0;
  uint32_t discard_alignment_sectors = 8;
  bool read_only = false;
};

uint64_t offered_features(const Geometry& geometry);
std::array<uint8_t, kConfigBytes> config_space(const Geometry& geometry);

// The parsed fixed part of a request; a chain too short for it (or without a status byte)
// cannot be answered and fails the device instead.
struct Header {
  uint32_t type = 0;
  uint64_t sector = 0;
};

// Executes one request on the calling thread (a worker): moves the data, writes the status byte
// and returns how many bytes it wrote into the chain's writable part (status included).
// `features` are the negotiated ones. `first_error` receives the back end's message the first
// time a request fails, for the log.
uint32_t execute(block::BlockBackend& backend, const Geometry& geometry, uint64_t features,
                 const std::string& serial, const Header& header, DescriptorChain& chain,
                 std::string* error_message);

}  // namespace strata::virtio::blk
