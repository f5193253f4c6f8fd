// Refcounts and cluster allocation of a qcow2 image. Refcount blocks are written through (one
// entry at a time); a new refcount block and a grown refcount table are written and synced before
// anything points at them, so a crash in the middle leaks clusters at worst.
#include <algorithm>

#include "block/qcow2_backend.h"

namespace strata::block {

namespace {
// Bounds the allocator's retries after it had to add refcount structures.
constexpr int kMaxAllocationRounds = 16;
}  // namespace

IoResult<RefcountBlock*> Qcow2Backend::refblock(uint64_t table_index) {
  if (table_index >= refcount_table_.size()) return nullptr;
  const uint64_t offset = refcount_table_[table_index] & qcow2::kRefcountTableOffsetMask;
  if (offset == 0) return nullptr;
  if ((offset & (cluster_size_ - 1)) != 0) {
    return io_fail(EIO, "{}: corrupt image: unaligned refcount block offset {:#x}", path(), offset);
  }
  if (RefcountBlock* hit = refblock_cache_.find(offset)) return hit;
  RefcountBlock& slot = refblock_cache_.victim();
  slot.offset = 0;
  slot.order = header_.refcount_order;
  slot.bytes.resize(cluster_size_);
  if (auto r = file_.read(offset, slot.bytes); !r) return std::unexpected(r.error());
  slot.offset = offset;
  refblock_cache_.touch(slot);
  return &slot;
}

IoResult<uint64_t> Qcow2Backend::refcount(uint64_t cluster) {
  const uint64_t per_block = header_.refblock_entries();
  auto block = refblock(cluster / per_block);
  if (!block) return std::unexpected(block.error());
  return *block == nullptr ? 0 : (*block)->get(cluster % per_block);
}

IoResult<void> Qcow2Backend::set_refcount(uint64_t cluster, uint64_t value) {
  const uint64_t per_block = header_.refblock_entries();
  auto block = refblock(cluster / per_block);
  if (!block) return std::unexpected(block.error());
  RefcountBlock* b = *block;
  if (b == nullptr) {
    return io_fail(EIO, "{}: corrupt image: no refcount block for cluster {}", path(), cluster);
  }
  if (value > b->max_value()) {
    return io_fail(EIO, "{}: refcount overflow for cluster {}", path(), cluster);
  }
  const uint64_t index = cluster % per_block;
  const uint64_t old = b->get(index);
  b->set(index, value);
  const auto [first, count] = b->byte_range(index);
  if (auto r = file_.write(b->offset + first, std::span(b->bytes).subspan(first, count)); !r) {
    b->set(index, old);
    return r;
  }
  data_unsynced_ = true;
  return {};
}

IoResult<void> Qcow2Backend::free_cluster(uint64_t cluster) {
  auto count = refcount(cluster);
  if (!count) return std::unexpected(count.error());
  if (*count == 0) {
    return io_fail(EIO, "{}: corrupt image: freeing cluster {} whose refcount is 0", path(),
                   cluster);
  }
  if (auto r = set_refcount(cluster, *count - 1); !r) return r;
  if (*count == 1) free_hint_ = std::min(free_hint_, cluster);
  return {};
}

IoResult<uint64_t> Qcow2Backend::allocate_cluster() {
  const uint64_t per_block = header_.refblock_entries();
  auto file_size = file_.size();
  if (!file_size) return std::unexpected(file_size.error());
  // Past the end of the file every cluster is free; refcounts claiming otherwise are corrupt,
  // and must not make the search below walk a hostile refcount table for ever.
  const uint64_t search_limit = *file_size / cluster_size_ + per_block + 1;
  for (int round = 0; round < kMaxAllocationRounds; ++round) {
    // The first cluster at or after the hint whose refcount is zero.
    uint64_t cluster = free_hint_;
    while (true) {
      if (cluster > search_limit) {
        return io_fail(EIO, "{}: corrupt image: refcounts claim clusters past the end of the file",
                       path());
      }
      const uint64_t index = cluster / per_block;
      auto block = refblock(index);
      if (!block) return std::unexpected(block.error());
      if (*block == nullptr) break;
      uint64_t i = cluster % per_block;
      while (i < per_block && (*block)->get(i) != 0) ++i;
      cluster = index * per_block + i;
      if (i < per_block) break;
    }
    const uint64_t index = cluster / per_block;
    if (index >= refcount_table_.size()) {
      if (auto r = grow_refcount_table(index); !r) return std::unexpected(r.error());
      continue;  // the new structures may occupy the cluster we found
    }
    if ((refcount_table_[index] & qcow2::kRefcountTableOffsetMask) == 0) {
      if (auto r = add_refblock(index); !r) return std::unexpected(r.error());
      continue;
    }
    if (auto r = set_refcount(cluster, 1); !r) return std::unexpected(r.error());
    free_hint_ = cluster + 1;
    return cluster * cluster_size_;
  }
  return io_fail(EIO, "{}: cannot allocate a cluster", path());
}

IoResult<void> Qcow2Backend::add_refblock(uint64_t table_index) {
  // No block covers this range, so none of its clusters is in use: the block describes itself
  // from the first cluster of its range. That cluster must lie past the end of the file, or the
  // file holds clusters without refcounts: a corrupt image we must not write over.
  const uint64_t cluster = table_index * header_.refblock_entries();
  auto file_size = file_.size();
  if (!file_size) return std::unexpected(file_size.error());
  if (cluster * cluster_size_ < *file_size) {
    return io_fail(EIO, "{}: corrupt image: clusters at {:#x} have no refcount block", path(),
                   cluster * cluster_size_);
  }
  RefcountBlock block;
  block.order = header_.refcount_order;
  block.bytes.assign(cluster_size_, 0);
  block.set(0, 1);
  if (auto r = file_.write(cluster * cluster_size_, block.bytes); !r) return r;
  if (auto r = file_.sync(); !r) return r;
  uint8_t entry[8];
  store_be<uint64_t>(entry, cluster * cluster_size_);
  if (auto r = file_.write(header_.refcount_table_offset + table_index * 8, entry); !r) return r;
  refcount_table_[table_index] = cluster * cluster_size_;
  data_unsynced_ = true;
  return {};
}

IoResult<void> Qcow2Backend::grow_refcount_table(uint64_t needed_index) {
  const uint64_t per_block = header_.refblock_entries();
  const uint64_t old_entries = refcount_table_.size();
  auto file_size = file_.size();
  if (!file_size) return std::unexpected(file_size.error());
  // The new table and the blocks describing it go past both the file's end and the range the old
  // table covers, so they overlap nothing in use.
  const uint64_t start =
      std::max(old_entries * per_block, (*file_size + cluster_size_ - 1) / cluster_size_);
  uint64_t entries = std::max(needed_index + 1, old_entries * 2);
  uint64_t blocks = 1;
  uint64_t table_clusters = 0;
  uint64_t end = 0;
  for (int i = 0; i < 64; ++i) {
    table_clusters = (entries * 8 + cluster_size_ - 1) / cluster_size_;
    end = start + blocks + table_clusters;
    const uint64_t needed_blocks = (end - 1) / per_block - start / per_block + 1;
    const uint64_t needed_entries = std::max(entries, (end - 1) / per_block + 1);
    if (needed_blocks == blocks && needed_entries == entries) break;
    blocks = std::max(blocks, needed_blocks);
    entries = needed_entries;
  }
  entries = table_clusters * cluster_size_ / 8;
  if (table_clusters * cluster_size_ > qcow2::kMaxRefcountTableBytes) {
    return io_fail(EFBIG, "{}: the image cannot grow further (refcount table limit)", path());
  }

  std::vector<uint64_t> table(entries, 0);
  std::copy(refcount_table_.begin(), refcount_table_.end(), table.begin());
  for (uint64_t b = 0; b < blocks; ++b) {
    const uint64_t index = start / per_block + b;
    RefcountBlock block;
    block.order = header_.refcount_order;
    block.bytes.assign(cluster_size_, 0);
    for (uint64_t c = std::max(start, index * per_block);
         c < std::min(end, (index + 1) * per_block); ++c) {
      block.set(c % per_block, 1);
    }
    if (auto r = file_.write((start + b) * cluster_size_, block.bytes); !r) return r;
    table[index] = (start + b) * cluster_size_;
  }
  std::vector<uint8_t> bytes(table_clusters * cluster_size_);
  for (uint64_t i = 0; i < entries; ++i) store_be<uint64_t>(&bytes[i * 8], table[i]);
  const uint64_t table_offset = (start + blocks) * cluster_size_;
  if (auto r = file_.write(table_offset, bytes); !r) return r;
  if (auto r = file_.sync(); !r) return r;

  uint8_t header_fields[12];
  store_be<uint64_t>(header_fields, table_offset);
  store_be<uint32_t>(header_fields + 8, static_cast<uint32_t>(table_clusters));
  if (auto r = file_.write(qcow2::kOffsetRefcountTable, header_fields); !r) return r;
  if (auto r = file_.sync(); !r) return r;

  const uint64_t old_offset = header_.refcount_table_offset;
  const uint64_t old_clusters = header_.refcount_table_clusters;
  refcount_table_ = std::move(table);
  header_.refcount_table_offset = table_offset;
  header_.refcount_table_clusters = static_cast<uint32_t>(table_clusters);
  for (uint64_t c = 0; c < old_clusters; ++c) {
    if (auto r = free_cluster(old_offset / cluster_size_ + c); !r) return r;
  }
  return {};
}

}  // namespace strata::block
