// In-memory copies of qcow2 metadata clusters and the small LRU cache that holds them, so a guest
// request does not pay a metadata read once its tables are warm.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "block/big_endian.h"

namespace strata::block {

// An L2 table: cluster_size / 8 entries, kept in host byte order.
struct L2Table {
  uint64_t offset = 0;  // host offset of the table; 0 for an empty cache slot
  uint64_t last_use = 0;
  bool dirty = false;  // changed since it was last written
  std::vector<uint64_t> entries;

  void decode(std::span<const uint8_t> bytes) {
    entries.resize(bytes.size() / 8);
    for (size_t i = 0; i < entries.size(); ++i) entries[i] = load_be<uint64_t>(&bytes[i * 8]);
  }
  void encode(std::span<uint8_t> bytes) const {
    for (size_t i = 0; i < entries.size(); ++i) store_be<uint64_t>(&bytes[i * 8], entries[i]);
  }
};

// A refcount block in its on-disk form: entries of 2^order bits, big-endian, packed from the least
// significant bit of each byte for orders below 3 (as QEMU lays them out).
struct RefcountBlock {
  uint64_t offset = 0;
  uint64_t last_use = 0;
  bool dirty = false;  // refcount blocks are written through: never dirty in the cache
  uint32_t order = 4;
  std::vector<uint8_t> bytes;

  uint64_t get(uint64_t index) const {
    const uint32_t bits = 1U << order;
    if (bits >= 8) {
      const uint8_t* p = &bytes[index * (bits / 8)];
      uint64_t value = 0;
      for (uint32_t i = 0; i < bits / 8; ++i) value = (value << 8) | p[i];
      return value;
    }
    const uint64_t bit = index * bits;
    const auto shift = static_cast<uint32_t>(bit % 8);
    return (bytes[bit / 8] >> shift) & ((1U << bits) - 1);
  }
  void set(uint64_t index, uint64_t value) {
    const uint32_t bits = 1U << order;
    if (bits >= 8) {
      uint8_t* p = &bytes[index * (bits / 8)];
      for (uint32_t i = bits / 8; i-- > 0; value >>= 8) p[i] = static_cast<uint8_t>(value);
      return;
    }
    const uint64_t bit = index * bits;
    const auto shift = static_cast<uint32_t>(bit % 8);
    const auto mask = static_cast<uint8_t>(((1U << bits) - 1) << shift);
    bytes[bit / 8] = static_cast<uint8_t>((bytes[bit / 8] & ~mask) | ((value << shift) & mask));
  }
  // The bytes of the block holding entry `index` (to write one entry through).
  std::pair<uint64_t, uint64_t> byte_range(uint64_t index) const {
    const uint64_t bits = 1ULL << order;
    const uint64_t first = index * bits / 8;
    return {first, bits >= 8 ? bits / 8 : 1};
  }
  uint64_t max_value() const { return order == 6 ? ~0ULL : (1ULL << (1U << order)) - 1; }
};

template <typename Table>
class TableCache final {
 public:
  explicit TableCache(size_t capacity) : slots_(capacity) {}

  Table* find(uint64_t offset) {
    for (Table& t : slots_) {
      if (t.offset == offset && offset != 0) {
        t.last_use = ++clock_;
        return &t;
      }
    }
    return nullptr;
  }
  // The slot a newly loaded table goes into: an empty one, else the least recently used. The
  // caller writes a dirty victim back before reusing it.
  Table& victim() {
    Table* best = slots_.data();
    for (Table& t : slots_) {
      if (t.offset == 0) return t;
      if (t.last_use < best->last_use) best = &t;
    }
    return *best;
  }
  void touch(Table& t) { t.last_use = ++clock_; }
  std::span<Table> slots() { return slots_; }

 private:
  std::vector<Table> slots_;
  uint64_t clock_ = 0;
};

}  // namespace strata::block
