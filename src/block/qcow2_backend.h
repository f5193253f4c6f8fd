// A qcow2 image (versions 2 and 3) as a block back end.
//
// Reads map guest clusters through the L1 and L2 tables (L2 tables and refcount blocks are cached)
// to data clusters, zero clusters, compressed clusters (zlib, read and rewritten on write), or the
// backing image. Writes allocate clusters with their refcounts and copy-on-write from the backing
// image. Crash safety follows QEMU's rules: a refcount is raised (and the cluster's data written)
// before any table points at the cluster, and lowered only after the last pointer to it is
// durable; so a crash can leak clusters but never leave a table pointing at a free one. To make
// that cheap, L2 and L1 updates are written back on flush (the guest's cache flush) and when a
// dirty L2 table leaves the cache, each time after an fdatasync of the data and refcounts they
// depend on; freed clusters are released after that too.
//
// One mutex serializes requests on an image; several images (and raw images) run in parallel.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "block/block_backend.h"
#include "block/host_file.h"
#include "block/qcow2_format.h"
#include "block/qcow2_tables.h"

namespace strata::block {

class Qcow2Backend final : public BlockBackend {
 public:
  // `backing` is the opened backing image (read-only) when the header names one.
  [[nodiscard]] static Result<std::unique_ptr<Qcow2Backend>> open(
      HostFile file, const qcow2::Header& header, std::unique_ptr<BlockBackend> backing);
  ~Qcow2Backend() override;
  Qcow2Backend(const Qcow2Backend&) = delete;
  Qcow2Backend& operator=(const Qcow2Backend&) = delete;

  std::string_view format() const override { return "qcow2"; }
  const std::string& path() const override { return file_.path(); }
  uint64_t size() const override { return header_.size; }
  bool read_only() const override { return file_.read_only(); }
  uint64_t discard_granularity() const override { return cluster_size_; }
  const qcow2::Header& header() const { return header_; }
  const BlockBackend* backing() const { return backing_.get(); }

  [[nodiscard]] IoResult<void> readv(uint64_t offset, IoVec iov) override;
  [[nodiscard]] IoResult<void> writev(uint64_t offset, IoVec iov) override;
  [[nodiscard]] IoResult<void> flush() override;
  [[nodiscard]] IoResult<void> discard(uint64_t offset, uint64_t length) override;
  [[nodiscard]] IoResult<void> write_zeroes(uint64_t offset, uint64_t length,
                                            ZeroMode mode) override;

 private:
  enum class ClusterOp { kDiscard, kZero, kZeroUnmap };
  // Where a guest cluster's L2 entry lives; table is null when no L2 table maps it.
  struct L2Slot {
    L2Table* table = nullptr;
    size_t index = 0;
    uint64_t& entry() const { return table->entries[index]; }
  };

  Qcow2Backend(HostFile file, const qcow2::Header& header, std::unique_ptr<BlockBackend> backing);

  // Mapping (qcow2_map.cc).
  [[nodiscard]] IoResult<L2Slot> l2_slot(uint64_t guest_offset, bool allocate);
  [[nodiscard]] IoResult<L2Table*> load_l2(uint64_t offset, bool fresh);
  [[nodiscard]] IoResult<void> write_l2(L2Table& table);
  [[nodiscard]] IoResult<uint64_t> read_entry(uint64_t guest_offset);
  [[nodiscard]] IoResult<void> read_cluster_part(uint64_t entry, uint64_t guest_offset, IoVec iov);
  [[nodiscard]] IoResult<void> read_backing(uint64_t guest_offset, IoVec iov);
  [[nodiscard]] IoResult<void> decompress(uint64_t entry, std::span<uint8_t> out);
  [[nodiscard]] IoResult<void> write_cluster_part(uint64_t guest_offset, IoVec iov);
  [[nodiscard]] IoResult<void> change_cluster(uint64_t guest_offset, ClusterOp op);
  [[nodiscard]] IoResult<uint64_t> checked_host_offset(uint64_t entry) const;
  void release_later(uint64_t entry);
  [[nodiscard]] IoResult<void> release_pending();
  // The host clusters an L2 entry holds: first index and count (0 for none).
  std::pair<uint64_t, uint64_t> clusters_of(uint64_t entry) const;
  [[nodiscard]] IoResult<void> write_back_tables();
  [[nodiscard]] IoResult<void> check_writable() const;

  // Refcounts and allocation (qcow2_alloc.cc).
  [[nodiscard]] IoResult<uint64_t> refcount(uint64_t cluster);
  [[nodiscard]] IoResult<void> set_refcount(uint64_t cluster, uint64_t value);
  [[nodiscard]] IoResult<uint64_t> allocate_cluster();
  [[nodiscard]] IoResult<void> free_cluster(uint64_t cluster);
  [[nodiscard]] IoResult<void> add_refblock(uint64_t table_index);
  [[nodiscard]] IoResult<void> grow_refcount_table(uint64_t needed_index);
  [[nodiscard]] IoResult<RefcountBlock*> refblock(uint64_t table_index);

  HostFile file_;
  qcow2::Header header_;
  std::unique_ptr<BlockBackend> backing_;
  uint64_t cluster_size_;

  std::mutex mutex_;
  std::vector<uint64_t> l1_;
  std::vector<bool> l1_dirty_;
  bool any_l1_dirty_ = false;
  std::vector<uint64_t> refcount_table_;
  TableCache<L2Table> l2_cache_;
  TableCache<RefcountBlock> refblock_cache_;
  std::vector<uint64_t> pending_release_;  // L2 entries whose clusters to free after the next sync
  uint64_t free_hint_ = 0;                 // no free cluster below this index
  bool data_unsynced_ = false;             // writes since the last fdatasync
  std::vector<uint8_t> cluster_buffer_;
};

}  // namespace strata::block
