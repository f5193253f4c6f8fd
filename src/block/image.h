// Opening disk images by format: raw or qcow2, probed when not given, with their backing chains.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "block/block_backend.h"
#include "block/host_file.h"
#include "block/qcow2_format.h"
#include "util/error.h"

namespace strata::block {

// "qcow2" when the file starts with the qcow2 magic, else "raw".
[[nodiscard]] Result<std::string> probe_format(const std::string& path);

// Opens `path` as `format` ("raw", "qcow2", or empty to probe). A qcow2 image's backing file
// opens read-only, its relative name resolved against the directory of the image naming it, in
// the format the image records (probed if it records none); chains are at most 16 deep.
[[nodiscard]] Result<std::unique_ptr<BlockBackend>> open_image(const std::string& path,
                                                               std::string_view format,
                                                               Access access);

// The header of the qcow2 image open in `file`, read from its start and checked against the file's
// size; errors name the file. Also gives that size.
struct Qcow2Start {
  qcow2::Header header;
  uint64_t file_size = 0;
};
[[nodiscard]] Result<Qcow2Start> read_qcow2_start(const HostFile& file);

// The backing file name as the image records it, resolved against the image's directory.
std::string resolve_backing_path(const std::string& image_path, const std::string& backing);

}  // namespace strata::block
