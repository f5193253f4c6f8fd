#include "block/image_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "block/host_file.h"
#include "block/image.h"
#include "block/qcow2_format.h"
#include "block/qcow2_tables.h"

namespace strata::block {

namespace {

using qcow2::kFlagCompressed;
using qcow2::kFlagCopied;
using qcow2::kOffsetMask;

// 128 Mi clusters (8 TiB of 64 KiB clusters) keep the check's tables under 1 GiB.
constexpr uint64_t kMaxCheckedClusters = 1ULL << 27;

class Qcow2Checker final {
 public:
  Qcow2Checker(const HostFile& file, const qcow2::Header& h, uint64_t file_size)
      : file_(file),
        h_(h),
        cs_(h.cluster_size()),
        file_clusters_((file_size + cs_ - 1) / cs_),
        references_(file_clusters_, 0) {}

  Result<CheckReport> run() {
    reference(0, cs_, "header");
    reference(h_.l1_table_offset, uint64_t{h_.l1_size} * 8, "L1 table");
    if (auto r = check_l1(); !r) return std::unexpected(r.error());
    reference(h_.refcount_table_offset, uint64_t{h_.refcount_table_clusters} * cs_,
              "refcount table");
    if (auto r = load_refcounts(); !r) return std::unexpected(r.error());
    compare_refcounts();
    check_copied_flags();
    return std::move(report_);
  }

 private:
  struct CopiedCheck {
    std::string what;
    uint64_t entry;
    uint64_t cluster;
  };

  void corruption(std::string line) {
    ++report_.corruptions;
    report_.problems.push_back(std::move(line));
  }

  // Counts one reference to every cluster of [offset, offset + bytes).
  void reference(uint64_t offset, uint64_t bytes, std::string_view what) {
    if (bytes == 0) return;
    const uint64_t first = offset / cs_;
    const uint64_t last = (offset + bytes - 1) / cs_;
    for (uint64_t c = first; c <= last; ++c) {
      if (c >= file_clusters_) {
        corruption(fmt::format("ERROR {} cluster at {:#x} lies beyond the end of the file", what,
                               c * cs_));
        return;
      }
      ++references_[c];
    }
  }

  Result<std::vector<uint64_t>> read_table(uint64_t offset, uint64_t entries) {
    std::vector<uint8_t> bytes(entries * 8);
    if (auto r = file_.read(offset, bytes); !r) return strata::fail("{}", r.error().message);
    std::vector<uint64_t> table(entries);
    for (uint64_t i = 0; i < entries; ++i) table[i] = load_be<uint64_t>(&bytes[i * 8]);
    return table;
  }

  Result<void> check_l1() {
    auto l1 = read_table(h_.l1_table_offset, h_.l1_size);
    if (!l1) return std::unexpected(l1.error());
    for (uint64_t i = 0; i < l1->size(); ++i) {
      const uint64_t l2_offset = (*l1)[i] & kOffsetMask;
      if (l2_offset == 0) continue;
      if ((l2_offset & (cs_ - 1)) != 0) {
        corruption(fmt::format("ERROR L2 table offset {:#x} (L1 index {}) is not cluster aligned",
                               l2_offset, i));
        continue;
      }
      if (l2_offset / cs_ >= file_clusters_) {
        corruption(
            fmt::format("ERROR L2 table at {:#x} (L1 index {}) lies beyond the end of the "
                        "file",
                        l2_offset, i));
        continue;
      }
      reference(l2_offset, cs_, "L2 table");
      copied_.push_back({fmt::format("L1 index {}", i), (*l1)[i], l2_offset / cs_});
      auto l2 = read_table(l2_offset, h_.l2_entries());
      if (!l2) return std::unexpected(l2.error());
      for (uint64_t j = 0; j < l2->size(); ++j) check_l2_entry((*l2)[j], i, j);
    }
    return {};
  }

  void check_l2_entry(uint64_t entry, uint64_t l1_index, uint64_t l2_index) {
    if ((entry & kFlagCompressed) != 0) {
      if ((entry & kFlagCopied) != 0) {
        corruption(fmt::format("ERROR compressed cluster (L1 {} L2 {}) has the COPIED flag",
                               l1_index, l2_index));
      }
      const uint32_t shift = 62 - (h_.cluster_bits - 8);
      const uint64_t offset = entry & ((1ULL << shift) - 1);
      const uint64_t sectors = ((entry >> shift) & ((1ULL << (h_.cluster_bits - 8)) - 1)) + 1;
      reference(offset, sectors * 512 - (offset & 511), "compressed data");
      return;
    }
    const uint64_t host = entry & kOffsetMask;
    if (host == 0) return;
    if ((host & (cs_ - 1)) != 0) {
      corruption(
          fmt::format("ERROR data cluster offset {:#x} (L1 {} L2 {}) is not cluster "
                      "aligned",
                      host, l1_index, l2_index));
      return;
    }
    reference(host, cs_, "data");
    copied_.push_back(
        {fmt::format("L1 index {} L2 index {}", l1_index, l2_index), entry, host / cs_});
  }

  Result<void> load_refcounts() {
    auto table = read_table(h_.refcount_table_offset, h_.refcount_table_clusters * cs_ / 8);
    if (!table) return std::unexpected(table.error());
    const uint64_t per_block = h_.refblock_entries();
    stored_.assign(file_clusters_, 0);
    for (uint64_t t = 0; t < table->size(); ++t) {
      const uint64_t offset = (*table)[t] & qcow2::kRefcountTableOffsetMask;
      if (offset == 0) continue;
      if ((offset & (cs_ - 1)) != 0 || offset / cs_ >= file_clusters_) {
        corruption(
            fmt::format("ERROR refcount block {} at {:#x} is unaligned or beyond the end "
                        "of the file",
                        t, offset));
        continue;
      }
      reference(offset, cs_, "refcount block");
      RefcountBlock block;
      block.order = h_.refcount_order;
      block.bytes.resize(cs_);
      if (auto r = file_.read(offset, block.bytes); !r) {
        return strata::fail("{}", r.error().message);
      }
      const uint64_t first = t * per_block;
      for (uint64_t i = 0; i < per_block; ++i) {
        const uint64_t count = block.get(i);
        if (first + i < file_clusters_) {
          stored_[first + i] = static_cast<uint32_t>(std::min<uint64_t>(count, UINT32_MAX));
        } else if (count != 0) {
          ++report_.leaks;
          report_.problems.push_back(fmt::format(
              "Leaked cluster {} (past the end of the file) refcount={}", first + i, count));
        }
      }
    }
    return {};
  }

  void compare_refcounts() {
    for (uint64_t c = 0; c < file_clusters_; ++c) {
      if (references_[c] > stored_[c]) {
        corruption(fmt::format("ERROR cluster {} refcount={} reference={}", c, stored_[c],
                               references_[c]));
      } else if (references_[c] < stored_[c]) {
        ++report_.leaks;
        report_.problems.push_back(fmt::format("Leaked cluster {} refcount={} reference={}", c,
                                               stored_[c], references_[c]));
      }
    }
  }

  void check_copied_flags() {
    for (const CopiedCheck& check : copied_) {
      const bool copied = (check.entry & kFlagCopied) != 0;
      const uint64_t count = check.cluster < stored_.size() ? stored_[check.cluster] : 0;
      if (copied != (count == 1)) {
        corruption(fmt::format("ERROR OFLAG_COPIED {}: entry={:#x} refcount={}", check.what,
                               check.entry, count));
      }
    }
  }

  const HostFile& file_;
  const qcow2::Header& h_;
  uint64_t cs_;
  uint64_t file_clusters_;
  std::vector<uint32_t> references_;
  std::vector<uint32_t> stored_;
  std::vector<CopiedCheck> copied_;
  CheckReport report_{"qcow2", 0, 0, {}};
};

}  // namespace

Result<CheckReport> check_image(const std::string& path) {
  auto format = probe_format(path);
  if (!format) return std::unexpected(format.error());
  if (*format == "raw") return CheckReport{"raw", 0, 0, {}};
  auto file = HostFile::open(path, Access::kReadOnly);
  if (!file) return std::unexpected(file.error());
  auto start = read_qcow2_start(*file);
  if (!start) return std::unexpected(start.error());
  const qcow2::Header& header = start->header;
  const uint64_t file_size = start->file_size;
  if (header.nb_snapshots != 0) {
    return strata::fail("{}: checking images with internal snapshots is not supported", path);
  }
  if (file_size / header.cluster_size() > kMaxCheckedClusters) {
    return strata::fail("{}: the file is too large to check ({} clusters)", path,
                        file_size / header.cluster_size());
  }
  return Qcow2Checker(*file, header, file_size).run();
}

}  // namespace strata::block
