// What `strata img info` reports about an image.
#pragma once

#include <cstdint>
#include <string>

#include "util/error.h"

namespace strata::block {

struct ImageInfo {
  std::string format;
  uint64_t virtual_size = 0;
  uint64_t disk_size = 0;     // bytes the file occupies on the host
  uint64_t cluster_size = 0;  // qcow2 only from here on
  uint32_t version = 0;
  uint32_t refcount_bits = 0;
  std::string backing_file;       // as recorded
  std::string backing_file_path;  // resolved
  std::string backing_format;
  bool dirty = false;
  bool corrupt = false;
  uint32_t snapshots = 0;
};

[[nodiscard]] Result<ImageInfo> image_info(const std::string& path);

}  // namespace strata::block
