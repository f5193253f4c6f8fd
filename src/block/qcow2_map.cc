// Guest-to-host mapping of a qcow2 image: L1/L2 lookup and the L2 cache, reading each kind of
// cluster, allocating writes with copy-on-write, zeroing and discarding, and the ordered
// write-back of tables on flush.
#include <zlib.h>

#include <algorithm>

#include "block/qcow2_backend.h"

namespace strata::block {

using qcow2::kFlagCompressed;
using qcow2::kFlagCopied;
using qcow2::kFlagZero;
using qcow2::kOffsetMask;

IoResult<uint64_t> Qcow2Backend::checked_host_offset(uint64_t entry) const {
  const uint64_t host = entry & kOffsetMask;
  if ((host & (cluster_size_ - 1)) != 0) {
    return io_fail(EIO, "{}: corrupt image: unaligned cluster offset {:#x}", path(), host);
  }
  return host;
}

std::pair<uint64_t, uint64_t> Qcow2Backend::clusters_of(uint64_t entry) const {
  if ((entry & kFlagCompressed) != 0) {
    const uint32_t shift = 62 - (header_.cluster_bits - 8);
    const uint64_t offset = entry & ((1ULL << shift) - 1);
    const uint64_t sectors = ((entry >> shift) & ((1ULL << (header_.cluster_bits - 8)) - 1)) + 1;
    const uint64_t end = (offset & ~511ULL) + sectors * 512;
    const uint64_t first = offset / cluster_size_;
    return {first, (end - 1) / cluster_size_ - first + 1};
  }
  const uint64_t host = entry & kOffsetMask;
  if (host == 0 || (host & (cluster_size_ - 1)) != 0) return {0, 0};
  return {host / cluster_size_, 1};
}

IoResult<void> Qcow2Backend::write_l2(L2Table& table) {
  // The table may point at clusters whose data and refcounts are still only in the page cache:
  // they must be durable before the table that references them is.
  if (data_unsynced_) {
    if (auto r = file_.sync(); !r) return r;
    data_unsynced_ = false;
  }
  table.encode(cluster_buffer_);
  if (auto r = file_.write(table.offset, cluster_buffer_); !r) return r;
  table.dirty = false;
  return {};
}

IoResult<L2Table*> Qcow2Backend::load_l2(uint64_t offset, bool fresh) {
  if (L2Table* hit = l2_cache_.find(offset)) return hit;
  L2Table& slot = l2_cache_.victim();
  if (slot.dirty) {
    if (auto r = write_l2(slot); !r) return std::unexpected(r.error());
  }
  slot.offset = 0;
  if (fresh) {
    slot.entries.assign(header_.l2_entries(), 0);
  } else {
    if (auto r = file_.read(offset, cluster_buffer_); !r) return std::unexpected(r.error());
    slot.decode(cluster_buffer_);
  }
  slot.offset = offset;
  slot.dirty = false;
  l2_cache_.touch(slot);
  return &slot;
}

IoResult<Qcow2Backend::L2Slot> Qcow2Backend::l2_slot(uint64_t guest_offset, bool allocate) {
  const uint64_t l2_bits = header_.cluster_bits - 3;
  const uint64_t l1_index = guest_offset >> (header_.cluster_bits + l2_bits);
  const uint64_t l2_index = (guest_offset >> header_.cluster_bits) & ((1ULL << l2_bits) - 1);
  if (l1_index >= l1_.size()) {
    return io_fail(EIO, "{}: offset {} lies beyond the L1 table", path(), guest_offset);
  }
  uint64_t table_offset = l1_[l1_index] & kOffsetMask;
  if (table_offset == 0) {
    if (!allocate) return L2Slot{};
    // A new L2 table is written (as zeros) before anything points at it, so running out of
    // space fails here, with nothing to undo but the allocation.
    auto cluster = allocate_cluster();
    if (!cluster) return std::unexpected(cluster.error());
    const std::vector<uint8_t> zeros(cluster_size_, 0);
    if (auto r = file_.write(*cluster, zeros); !r) {
      (void)free_cluster(*cluster / cluster_size_);
      return std::unexpected(r.error());
    }
    auto table = load_l2(*cluster, /*fresh=*/true);
    if (!table) return std::unexpected(table.error());
    l1_[l1_index] = *cluster | kFlagCopied;
    l1_dirty_[l1_index] = true;
    any_l1_dirty_ = true;
    return L2Slot{*table, l2_index};
  }
  if ((table_offset & (cluster_size_ - 1)) != 0) {
    return io_fail(EIO, "{}: corrupt image: unaligned L2 table offset {:#x}", path(), table_offset);
  }
  auto table = load_l2(table_offset, /*fresh=*/false);
  if (!table) return std::unexpected(table.error());
  return L2Slot{*table, l2_index};
}

IoResult<uint64_t> Qcow2Backend::read_entry(uint64_t guest_offset) {
  auto slot = l2_slot(guest_offset, false);
  if (!slot) return std::unexpected(slot.error());
  return slot->table == nullptr ? 0 : slot->entry();
}

IoResult<void> Qcow2Backend::read_backing(uint64_t guest_offset, IoVec iov) {
  const uint64_t length = iov_length(iov);
  const uint64_t backing_size = backing_ ? backing_->size() : 0;
  const uint64_t from_backing =
      guest_offset >= backing_size ? 0 : std::min(length, backing_size - guest_offset);
  if (from_backing != 0) {
    if (auto r = backing_->readv(guest_offset, iov_slice(iov, 0, from_backing)); !r) return r;
  }
  iov_zero(iov_slice(iov, from_backing, length - from_backing));
  return {};
}

IoResult<void> Qcow2Backend::decompress(uint64_t entry, std::span<uint8_t> out) {
  const uint32_t shift = 62 - (header_.cluster_bits - 8);
  const uint64_t offset = entry & ((1ULL << shift) - 1);
  const uint64_t sectors = ((entry >> shift) & ((1ULL << (header_.cluster_bits - 8)) - 1)) + 1;
  const uint64_t length = sectors * 512 - (offset & 511);
  std::vector<uint8_t> compressed(length);
  if (auto r = file_.read(offset, compressed); !r) return r;
  z_stream z{};
  if (inflateInit2(&z, -12) != Z_OK) return io_fail(ENOMEM, "{}: zlib init failed", path());
  z.next_in = compressed.data();
  z.avail_in = static_cast<uInt>(compressed.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&z, Z_FINISH);
  const bool complete =
      z.avail_out == 0 && (status == Z_STREAM_END || status == Z_BUF_ERROR || status == Z_OK);
  inflateEnd(&z);
  if (!complete) {
    return io_fail(EIO, "{}: corrupt compressed cluster at {:#x}", path(), offset);
  }
  return {};
}

IoResult<void> Qcow2Backend::read_cluster_part(uint64_t entry, uint64_t guest_offset, IoVec iov) {
  const uint64_t in_cluster = guest_offset & (cluster_size_ - 1);
  if ((entry & kFlagCompressed) != 0) {
    std::vector<uint8_t> cluster(cluster_size_);
    if (auto r = decompress(entry, cluster); !r) return r;
    iov_from_buffer(iov, std::span(cluster).subspan(in_cluster));
    return {};
  }
  if ((entry & kFlagZero) != 0) {
    iov_zero(iov);
    return {};
  }
  auto host = checked_host_offset(entry);
  if (!host) return std::unexpected(host.error());
  if (*host == 0) return read_backing(guest_offset, iov);
  return file_.readv(*host + in_cluster, iov);
}

IoResult<void> Qcow2Backend::write_cluster_part(uint64_t guest_offset, IoVec iov) {
  auto slot = l2_slot(guest_offset, true);
  if (!slot) return std::unexpected(slot.error());
  const uint64_t entry = slot->entry();
  const uint64_t in_cluster = guest_offset & (cluster_size_ - 1);
  const uint64_t length = iov_length(iov);

  if ((entry & (kFlagCompressed | kFlagZero)) == 0) {
    auto host = checked_host_offset(entry);
    if (!host) return std::unexpected(host.error());
    if (*host != 0) {
      bool exclusive = (entry & kFlagCopied) != 0;
      if (!exclusive) {
        auto count = refcount(*host / cluster_size_);
        if (!count) return std::unexpected(count.error());
        exclusive = *count == 1;
      }
      if (exclusive) {
        data_unsynced_ = true;
        return file_.writev(*host + in_cluster, iov);
      }
    }
  }

  // A new cluster: its content is the old one's (backing, zeros, compressed, shared) with the
  // request's bytes on top, written whole before the L2 entry points at it.
  std::vector<uint8_t> merged;
  if (length != cluster_size_) {
    merged.resize(cluster_size_);
    const iovec whole{merged.data(), merged.size()};
    if (auto r = read_cluster_part(entry, guest_offset - in_cluster, {&whole, 1}); !r) return r;
    iov_to_buffer(iov, std::span(merged).subspan(in_cluster));
  }
  auto cluster = allocate_cluster();
  if (!cluster) return std::unexpected(cluster.error());
  data_unsynced_ = true;
  const IoResult<void> written =
      merged.empty() ? file_.writev(*cluster, iov) : file_.write(*cluster, merged);
  if (!written) {
    (void)free_cluster(*cluster / cluster_size_);  // unreferenced: at worst it leaks
    return written;
  }
  release_later(entry);
  slot->entry() = *cluster | kFlagCopied;
  slot->table->dirty = true;
  return {};
}

IoResult<void> Qcow2Backend::change_cluster(uint64_t guest_offset, ClusterOp op) {
  const bool v3 = header_.version >= 3;
  if (!v3 && backing_ && op != ClusterOp::kDiscard) {
    // Version 2 has no zero flag: over a backing image, zeros must be written out.
    const std::vector<uint8_t> zeros(cluster_size_, 0);
    const iovec v = as_iovec(zeros);
    return write_cluster_part(guest_offset, {&v, 1});
  }
  // Without a backing image an unmapped cluster already reads as zeros.
  const bool need_table = v3 && backing_ && op != ClusterOp::kDiscard;
  auto slot = l2_slot(guest_offset, need_table);
  if (!slot) return std::unexpected(slot.error());
  if (slot->table == nullptr) return {};
  const uint64_t entry = slot->entry();
  const uint64_t host = entry & kOffsetMask;
  const bool plain = (entry & kFlagCompressed) == 0 && host != 0;

  uint64_t updated = 0;
  if (op == ClusterOp::kDiscard) {
    updated = v3 && backing_ ? kFlagZero : 0;
  } else if (op == ClusterOp::kZero && plain) {
    if (v3) {
      updated = (entry & (kOffsetMask | kFlagCopied)) | kFlagZero;  // preallocated zero cluster
    } else {
      data_unsynced_ = true;
      return file_.zero_range(host, cluster_size_);
    }
  } else {
    updated = v3 ? kFlagZero : 0;
  }
  if (updated == entry) return {};
  if ((updated & kOffsetMask) == 0) release_later(entry);
  slot->entry() = updated;
  slot->table->dirty = true;
  return {};
}

void Qcow2Backend::release_later(uint64_t entry) {
  if (clusters_of(entry).second != 0) pending_release_.push_back(entry);
}

IoResult<void> Qcow2Backend::release_pending() {
  std::vector<uint64_t> entries;
  entries.swap(pending_release_);
  for (const uint64_t entry : entries) {
    const auto [first, count] = clusters_of(entry);
    for (uint64_t c = first; c < first + count; ++c) {
      if (auto r = free_cluster(c); !r) return r;  // the rest leak: never a corruption
    }
  }
  return {};
}

IoResult<void> Qcow2Backend::write_back_tables() {
  bool any_l2 = false;
  for (const L2Table& t : l2_cache_.slots()) any_l2 = any_l2 || t.dirty;
  if (!any_l2 && !any_l1_dirty_ && pending_release_.empty()) return {};
  if (data_unsynced_) {
    if (auto r = file_.sync(); !r) return r;
    data_unsynced_ = false;
  }
  for (L2Table& t : l2_cache_.slots()) {
    if (!t.dirty) continue;
    if (auto r = write_l2(t); !r) return r;
  }
  if (any_l2 || any_l1_dirty_) {
    if (auto r = file_.sync(); !r) return r;
  }
  if (any_l1_dirty_) {
    for (size_t i = 0; i < l1_.size(); ++i) {
      if (!l1_dirty_[i]) continue;
      uint8_t bytes[8];
      store_be<uint64_t>(bytes, l1_[i]);
      if (auto r = file_.write(header_.l1_table_offset + i * 8, bytes); !r) return r;
      l1_dirty_[i] = false;
    }
    any_l1_dirty_ = false;
    if (auto r = file_.sync(); !r) return r;
  }
  // Nothing durable points at the released clusters any more.
  data_unsynced_ = true;
  return release_pending();
}

}  // namespace strata::block
