#include "block/image_info.h"

#include <sys/stat.h>

#include <vector>

#include "block/host_file.h"
#include "block/image.h"
#include "block/qcow2_format.h"

namespace strata::block {

Result<ImageInfo> image_info(const std::string& path) {
  auto format = probe_format(path);
  if (!format) return std::unexpected(format.error());
  auto file = HostFile::open(path, Access::kReadOnly);
  if (!file) return std::unexpected(file.error());
  auto file_size = file->size();
  if (!file_size) return strata::fail("{}", file_size.error().message);
  ImageInfo info;
  info.format = *format;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) info.disk_size = static_cast<uint64_t>(st.st_blocks) * 512;
  if (*format == "raw") {
    info.virtual_size = *file_size;
    return info;
  }
  std::vector<uint8_t> start(std::min<uint64_t>(*file_size, 1ULL << qcow2::kMaxClusterBits));
  if (auto r = file->read(0, start); !r) return strata::fail("{}", r.error().message);
  auto h = qcow2::parse_header(start, *file_size);
  if (!h) return strata::fail("{}: {}", path, h.error().message);
  info.virtual_size = h->size;
  info.cluster_size = h->cluster_size();
  info.version = h->version;
  info.refcount_bits = static_cast<uint32_t>(h->refcount_bits());
  info.backing_file = h->backing_file;
  if (!h->backing_file.empty()) {
    info.backing_file_path = resolve_backing_path(path, h->backing_file);
  }
  info.backing_format = h->backing_format;
  info.dirty = (h->incompatible_features & qcow2::kIncompatDirty) != 0;
  info.corrupt = (h->incompatible_features & qcow2::kIncompatCorrupt) != 0;
  info.snapshots = h->nb_snapshots;
  return info;
}

}  // namespace strata::block
