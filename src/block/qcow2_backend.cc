#include "block/qcow2_backend.h"

#include <algorithm>

#include <fmt/format.h>

namespace strata::block {

namespace {

// 32 L2 tables map 32 x 512 MiB with 64 KiB clusters; 16 refcount blocks cover 32 GiB.
constexpr size_t kL2CacheTables = 32;
constexpr size_t kRefblockCacheBlocks = 16;

// Splits the request at `offset` over `iov` at cluster boundaries and calls
// `part(guest offset, that piece of iov)` for each piece in order, stopping at the first error.
template <typename Part>
IoResult<void> for_each_cluster(uint64_t cluster_size, uint64_t offset, IoVec iov, Part part) {
  const uint64_t length = iov_length(iov);
  uint64_t done = 0;
  while (done < length) {
    const uint64_t guest = offset + done;
    const uint64_t chunk = std::min(length - done, cluster_size - (guest & (cluster_size - 1)));
    if (auto r = part(guest, iov_slice(iov, done, chunk)); !r) return r;
    done += chunk;
  }
  return {};
}

}  // namespace

Qcow2Backend::Qcow2Backend(HostFile file, const qcow2::Header& header,
                           std::unique_ptr<BlockBackend> backing)
    : file_(std::move(file)),
      header_(header),
      backing_(std::move(backing)),
      cluster_size_(header.cluster_size()),
      l2_cache_(kL2CacheTables),
      refblock_cache_(kRefblockCacheBlocks),
      cluster_buffer_(header.cluster_size()) {}

Result<std::unique_ptr<Qcow2Backend>> Qcow2Backend::open(HostFile file, const qcow2::Header& header,
                                                         std::unique_ptr<BlockBackend> backing) {
  const std::string path = file.path();
  if (!file.read_only()) {
    if ((header.incompatible_features & qcow2::kIncompatCorrupt) != 0) {
      return strata::fail("{}: the image is marked corrupt; it can only be opened read-only", path);
    }
    if ((header.incompatible_features & qcow2::kIncompatDirty) != 0) {
      return strata::fail(
          "{}: the image is dirty (lazy refcounts); repair it first "
          "(qemu-img check -r all)",
          path);
    }
    if (header.nb_snapshots != 0) {
      return strata::fail("{}: images with internal snapshots can only be opened read-only", path);
    }
  }
  std::unique_ptr<Qcow2Backend> image(
      new Qcow2Backend(std::move(file), header, std::move(backing)));
  Qcow2Backend& q = *image;

  std::vector<uint8_t> bytes(uint64_t{header.l1_size} * 8);
  if (auto r = q.file_.read(header.l1_table_offset, bytes); !r) {
    return strata::fail("{}", r.error().message);
  }
  q.l1_.resize(header.l1_size);
  for (size_t i = 0; i < q.l1_.size(); ++i) q.l1_[i] = load_be<uint64_t>(&bytes[i * 8]);
  q.l1_dirty_.assign(q.l1_.size(), false);

  bytes.assign(uint64_t{header.refcount_table_clusters} * q.cluster_size_, 0);
  if (auto r = q.file_.read(header.refcount_table_offset, bytes); !r) {
    return strata::fail("{}", r.error().message);
  }
  q.refcount_table_.resize(bytes.size() / 8);
  for (size_t i = 0; i < q.refcount_table_.size(); ++i) {
    q.refcount_table_[i] = load_be<uint64_t>(&bytes[i * 8]);
  }

  // Autoclear bits describe structures (bitmaps, raw external data) that we would not keep in
  // sync with our writes: the format says a writer that does not know them must clear them.
  if (!q.read_only() && header.version == 3 && header.autoclear_features != 0) {
    const uint8_t zero[8] = {};
    if (auto r = q.file_.write(qcow2::kOffsetAutoclearFeatures, zero); !r) {
      return strata::fail("{}", r.error().message);
    }
    q.header_.autoclear_features = 0;
  }
  return image;
}

Qcow2Backend::~Qcow2Backend() {
  if (read_only()) return;
  if (auto r = flush(); !r) {
    fmt::print(stderr, "strata: {}: could not write back metadata: {}\n", path(),
               r.error().message);
  }
}

IoResult<void> Qcow2Backend::check_writable() const {
  if (read_only()) return io_fail(EROFS, "{}: the image is read-only", path());
  return {};
}

IoResult<void> Qcow2Backend::readv(uint64_t offset, IoVec iov) {
  const std::scoped_lock lock(mutex_);
  return for_each_cluster(cluster_size_, offset, iov,
                          [this](uint64_t guest, const std::vector<iovec>& part) -> IoResult<void> {
                            auto entry = read_entry(guest);
                            if (!entry) return std::unexpected(entry.error());
                            return read_cluster_part(*entry, guest, part);
                          });
}

IoResult<void> Qcow2Backend::writev(uint64_t offset, IoVec iov) {
  if (auto ok = check_writable(); !ok) return ok;
  const std::scoped_lock lock(mutex_);
  return for_each_cluster(cluster_size_, offset, iov,
                          [this](uint64_t guest, const std::vector<iovec>& part) {
                            return write_cluster_part(guest, part);
                          });
}

IoResult<void> Qcow2Backend::flush() {
  if (read_only()) return {};
  const std::scoped_lock lock(mutex_);
  if (auto r = write_back_tables(); !r) return r;
  if (data_unsynced_) {
    if (auto r = file_.sync(); !r) return r;
    data_unsynced_ = false;
  }
  return {};
}

IoResult<void> Qcow2Backend::discard(uint64_t offset, uint64_t length) {
  if (auto ok = check_writable(); !ok) return ok;
  const std::scoped_lock lock(mutex_);
  // Only whole clusters can be released; discard is advisory, so partial ones stay as they are.
  const uint64_t first = (offset + cluster_size_ - 1) & ~(cluster_size_ - 1);
  const uint64_t end = (offset + length) & ~(cluster_size_ - 1);
  for (uint64_t guest = first; guest < end; guest += cluster_size_) {
    if (auto r = change_cluster(guest, ClusterOp::kDiscard); !r) return r;
  }
  return {};
}

IoResult<void> Qcow2Backend::write_zeroes(uint64_t offset, uint64_t length, ZeroMode mode) {
  if (auto ok = check_writable(); !ok) return ok;
  const std::scoped_lock lock(mutex_);
  const std::vector<uint8_t> zeros(cluster_size_, 0);
  const ClusterOp op = mode == ZeroMode::kMayUnmap ? ClusterOp::kZeroUnmap : ClusterOp::kZero;
  uint64_t guest = offset;
  const uint64_t end = offset + length;
  while (guest < end) {
    const uint64_t in_cluster = guest & (cluster_size_ - 1);
    const uint64_t chunk = std::min(end - guest, cluster_size_ - in_cluster);
    if (chunk == cluster_size_) {
      if (auto r = change_cluster(guest, op); !r) return r;
    } else {
      const iovec v = as_iovec({zeros.data(), chunk});
      if (auto r = write_cluster_part(guest, {&v, 1}); !r) return r;
    }
    guest += chunk;
  }
  return {};
}

}  // namespace strata::block
