// Creating raw and qcow2 images (`strata img create`).
#pragma once

#include <cstdint>
#include <string>

#include "util/error.h"

namespace strata::block {

struct CreateOptions {
  std::string format = "qcow2";  // "raw" or "qcow2"
  uint64_t size = 0;             // bytes; 0 with a backing file means the backing image's size
  std::string backing_file;      // qcow2 only; recorded as given, relative to the new image
  std::string backing_format;    // empty: probed and recorded
  uint32_t qcow2_version = 3;    // 2 (QEMU's compat=0.10) or 3 (compat=1.1)
  uint32_t cluster_bits = 16;
};

[[nodiscard]] Result<void> create_image(const std::string& path, const CreateOptions& options);

}  // namespace strata::block
