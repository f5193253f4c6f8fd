#include "block/image_create.h"

#include <filesystem>
#include <vector>

#include "block/big_endian.h"
#include "block/host_file.h"
#include "block/image.h"
#include "block/qcow2_format.h"
#include "block/qcow2_tables.h"

namespace strata::block {

namespace {

Result<void> io(const IoResult<void>& r) {
  if (!r) return strata::fail("{}", r.error().message);
  return {};
}

// Layout: header, refcount table, refcount blocks, L1 table; everything else is allocated on
// demand.
Result<void> create_qcow2(const std::string& path, CreateOptions options) {
  if (options.qcow2_version != 2 && options.qcow2_version != 3) {
    return strata::fail("qcow2 version must be 2 or 3, not {}", options.qcow2_version);
  }
  if (options.cluster_bits < qcow2::kMinClusterBits ||
      options.cluster_bits > qcow2::kMaxClusterBits) {
    return strata::fail("the cluster size must be a power of two from 512 bytes to 2 MiB");
  }
  qcow2::Header h;
  h.version = options.qcow2_version;
  h.cluster_bits = options.cluster_bits;
  h.refcount_order = 4;
  if (!options.backing_file.empty()) {
    const std::string resolved = resolve_backing_path(path, options.backing_file);
    std::error_code ignored;
    if (std::filesystem::equivalent(resolved, path, ignored)) {
      return strata::fail("the image cannot be its own backing file");
    }
    auto backing = open_image(resolved, options.backing_format, Access::kReadOnly);
    if (!backing) return strata::fail("backing file: {}", backing.error().message);
    if (options.size == 0) options.size = (*backing)->size();
    h.backing_file = options.backing_file;
    h.backing_format = std::string((*backing)->format());
  }
  if (options.size == 0) return strata::fail("the image size must be given (and not zero)");
  if (options.size > qcow2::kMaxImageSize) return strata::fail("the image size is too large");
  h.size = options.size;
  const uint64_t cs = h.cluster_size();
  if (qcow2::kV3HeaderLength + 16 + h.backing_format.size() + 8 + h.backing_file.size() > cs) {
    return strata::fail("the backing file name does not fit in the image's first cluster");
  }

  const uint64_t l1_entries = qcow2::l1_entries_for(h.size, h.cluster_bits);
  if (l1_entries * 8 > qcow2::kMaxL1Bytes) {
    return strata::fail("the image size is too large for {}-byte clusters", cs);
  }
  const uint64_t l1_clusters = std::max<uint64_t>(1, (l1_entries * 8 + cs - 1) / cs);
  const uint64_t per_block = h.refblock_entries();
  uint64_t blocks = 1;
  uint64_t table_clusters = 1;
  uint64_t total = 0;
  while (true) {
    total = 1 + table_clusters + blocks + l1_clusters;
    const uint64_t need_blocks = (total + per_block - 1) / per_block;
    const uint64_t need_table = (need_blocks * 8 + cs - 1) / cs;
    if (need_blocks == blocks && need_table == table_clusters) break;
    blocks = need_blocks;
    table_clusters = need_table;
  }
  h.refcount_table_offset = cs;
  h.refcount_table_clusters = static_cast<uint32_t>(table_clusters);
  h.l1_table_offset = (1 + table_clusters + blocks) * cs;
  h.l1_size = static_cast<uint32_t>(l1_entries);

  auto file = HostFile::create(path);
  if (!file) return std::unexpected(file.error());
  if (auto r = io(file->write(0, qcow2::serialize_header(h))); !r) return r;
  std::vector<uint8_t> table(table_clusters * cs, 0);
  for (uint64_t b = 0; b < blocks; ++b)
    store_be<uint64_t>(&table[b * 8], (1 + table_clusters + b) * cs);
  if (auto r = io(file->write(cs, table)); !r) return r;
  for (uint64_t b = 0; b < blocks; ++b) {
    RefcountBlock block;
    block.order = h.refcount_order;
    block.bytes.assign(cs, 0);
    for (uint64_t c = b * per_block; c < std::min(total, (b + 1) * per_block); ++c) {
      block.set(c % per_block, 1);
    }
    if (auto r = io(file->write((1 + table_clusters + b) * cs, block.bytes)); !r) return r;
  }
  if (auto r = io(file->truncate(total * cs)); !r) return r;
  return io(file->sync());
}

}  // namespace

Result<void> create_image(const std::string& path, const CreateOptions& options) {
  if (options.size % 512 != 0) {
    return strata::fail("the image size {} is not a multiple of 512 bytes", options.size);
  }
  if (options.format == "qcow2") return create_qcow2(path, options);
  if (options.format != "raw") {
    return strata::fail("unknown image format '{}' (raw or qcow2)", options.format);
  }
  if (!options.backing_file.empty()) return strata::fail("raw images cannot have a backing file");
  if (options.size == 0) return strata::fail("the image size must be given (and not zero)");
  auto file = HostFile::create(path);
  if (!file) return std::unexpected(file.error());
  if (auto r = io(file->truncate(options.size)); !r) return r;
  return io(file->sync());
}

}  // namespace strata::block
