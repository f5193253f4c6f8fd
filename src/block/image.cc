#include "block/image.h"

#include <array>
#include <vector>

#include "block/qcow2_backend.h"
#include "block/raw_backend.h"

namespace strata::block {

namespace {

constexpr int kMaxBackingDepth = 16;

Result<std::unique_ptr<BlockBackend>> open_qcow2(const std::string& path, Access access,
                                                 int depth) {
  auto file = HostFile::open(path, access);
  if (!file) return std::unexpected(file.error());
  auto start = read_qcow2_start(*file);
  if (!start) return std::unexpected(start.error());
  const qcow2::Header& header = start->header;

  std::unique_ptr<BlockBackend> backing;
  if (!header.backing_file.empty()) {
    if (depth >= kMaxBackingDepth) {
      return strata::fail("{}: the backing chain is deeper than {} images (a loop?)", path,
                          kMaxBackingDepth);
    }
    const std::string backing_path = resolve_backing_path(path, header.backing_file);
    std::string backing_format = header.backing_format;
    if (backing_format.empty()) {
      auto probed = probe_format(backing_path);
      if (!probed) return strata::fail("{}: backing file: {}", path, probed.error().message);
      backing_format = *probed;
    }
    Result<std::unique_ptr<BlockBackend>> opened;
    if (backing_format == "qcow2") {
      opened = open_qcow2(backing_path, Access::kReadOnly, depth + 1);
    } else if (backing_format == "raw") {
      auto raw = RawBackend::open(backing_path, Access::kReadOnly);
      if (raw)
        opened = std::move(*raw);
      else
        opened = std::unexpected(raw.error());
    } else {
      return strata::fail("{}: unsupported backing format '{}'", path, backing_format);
    }
    if (!opened) return strata::fail("{}: backing file: {}", path, opened.error().message);
    backing = std::move(*opened);
  }
  auto image = Qcow2Backend::open(std::move(*file), header, std::move(backing));
  if (!image) return std::unexpected(image.error());
  return std::unique_ptr<BlockBackend>(std::move(*image));
}

}  // namespace

std::string resolve_backing_path(const std::string& image_path, const std::string& backing) {
  if (backing.starts_with('/')) return backing;
  const size_t slash = image_path.rfind('/');
  if (slash == std::string::npos) return backing;
  return image_path.substr(0, slash + 1) + backing;
}

Result<Qcow2Start> read_qcow2_start(const HostFile& file) {
  auto file_size = file.size();
  if (!file_size) return strata::fail("{}", file_size.error().message);
  std::vector<uint8_t> start(std::min<uint64_t>(*file_size, 1ULL << qcow2::kMaxClusterBits));
  if (auto r = file.read(0, start); !r) return strata::fail("{}", r.error().message);
  auto header = qcow2::parse_header(start, *file_size);
  if (!header) return strata::fail("{}: {}", file.path(), header.error().message);
  return Qcow2Start{std::move(*header), *file_size};
}

Result<std::string> probe_format(const std::string& path) {
  auto file = HostFile::open(path, Access::kReadOnly);
  if (!file) return std::unexpected(file.error());
  std::array<uint8_t, 4> magic{};
  if (auto r = file->read(0, magic); !r) return strata::fail("{}", r.error().message);
  return std::string(qcow2::has_magic(magic) ? "qcow2" : "raw");
}

Result<std::unique_ptr<BlockBackend>> open_image(const std::string& path, std::string_view format,
                                                 Access access) {
  std::string chosen(format);
  if (chosen.empty()) {
    auto probed = probe_format(path);
    if (!probed) return std::unexpected(probed.error());
    chosen = *probed;
  }
  if (chosen == "raw") {
    auto raw = RawBackend::open(path, access);
    if (!raw) return std::unexpected(raw.error());
    return std::unique_ptr<BlockBackend>(std::move(*raw));
  }
  if (chosen == "qcow2") return open_qcow2(path, access, 0);
  return strata::fail("{}: unknown image format '{}' (raw or qcow2)", path, chosen);
}

}  // namespace strata::block
