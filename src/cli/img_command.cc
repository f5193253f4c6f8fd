#include "cli/img_command.h"

#include <bit>
#include <cstdio>

#include <fmt/format.h>

#include "block/image_check.h"
#include "block/image_info.h"
#include "util/size.h"

namespace strata::cli {

namespace {

constexpr int kExitError = 1;
constexpr int kExitCorrupt = 2;
constexpr int kExitLeaks = 3;

std::string human(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  auto value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.3g} {}", value, kUnits[unit]);
}

}  // namespace

ImgCommand::ImgCommand(CLI::App& app) {
  img_ = app.add_subcommand("img", "Create and inspect disk images (raw, qcow2)");
  img_->require_subcommand(1);

  create_ = img_->add_subcommand("create",
                                 "Create an image: strata img create [-f FMT] "
                                 "[-b BACKING [-F FMT]] PATH [SIZE]");
  create_->add_option("-f,--format", options_.format, "raw or qcow2")
      ->check(CLI::IsMember({"raw", "qcow2"}))
      ->capture_default_str();
  create_->add_option("-b,--backing", options_.backing_file,
                      "Backing image (qcow2 only; a relative name is relative to PATH)");
  create_
      ->add_option("-F,--backing-format", options_.backing_format,
                   "Format of the backing image (raw or qcow2; probed if not given)")
      ->check(CLI::IsMember({"raw", "qcow2"}));
  create_->add_option("--compat", compat_, "qcow2 version: 0.10 (version 2) or 1.1 (version 3)")
      ->check(CLI::IsMember({"0.10", "1.1"}))
      ->capture_default_str();
  create_->add_option("--cluster-size", cluster_size_, "qcow2 cluster size (512 to 2M)")
      ->capture_default_str();
  create_->add_option("PATH", path_, "The image file to create")->required();
  create_->add_option("SIZE", size_, "Virtual size, e.g. 1G (default with -b: the backing's)");

  info_ = img_->add_subcommand("info", "Show an image's format, sizes and backing file");
  info_->add_option("PATH", path_, "The image")->required();

  check_ = img_->add_subcommand(
      "check", "Check an image's refcounts; exit 0 clean, 2 corrupt, 3 leaked clusters only");
  check_->add_option("PATH", path_, "The image")->required();
}

int ImgCommand::run() const {
  if (create_->parsed()) return create();
  if (info_->parsed()) return info();
  return check();
}

int ImgCommand::create() const {
  block::CreateOptions options = options_;
  if (!size_.empty()) {
    auto size = parse_size(size_);
    if (!size) {
      fmt::print(stderr, "strata: img create: SIZE: {}\n", size.error().message);
      return kExitError;
    }
    options.size = *size;
  }
  auto cluster = parse_size(cluster_size_);
  if (!cluster || !std::has_single_bit(*cluster)) {
    fmt::print(stderr, "strata: img create: --cluster-size {}: not a power of two\n",
               cluster_size_);
    return kExitError;
  }
  options.cluster_bits = static_cast<uint32_t>(std::countr_zero(*cluster));
  options.qcow2_version = compat_ == "0.10" ? 2 : 3;
  if (auto r = block::create_image(path_, options); !r) {
    fmt::print(stderr, "strata: img create: {}: {}\n", path_, r.error().message);
    return kExitError;
  }
  return 0;
}

int ImgCommand::info() const {
  auto info = block::image_info(path_);
  if (!info) {
    fmt::print(stderr, "strata: img info: {}\n", info.error().message);
    return kExitError;
  }
  fmt::print("image: {}\nfile format: {}\nvirtual size: {} ({} bytes)\ndisk size: {}\n", path_,
             info->format, human(info->virtual_size), info->virtual_size, human(info->disk_size));
  if (info->format == "qcow2") {
    fmt::print("cluster_size: {}\n", info->cluster_size);
    if (!info->backing_file.empty()) {
      fmt::print("backing file: {}", info->backing_file);
      if (info->backing_file_path != info->backing_file) {
        fmt::print(" (actual path: {})", info->backing_file_path);
      }
      fmt::print("\n");
      if (!info->backing_format.empty()) {
        fmt::print("backing file format: {}\n", info->backing_format);
      }
    }
    fmt::print("Format specific information:\n    compat: {}\n    refcount bits: {}\n",
               info->version == 2 ? "0.10" : "1.1", info->refcount_bits);
    if (info->snapshots != 0) fmt::print("    internal snapshots: {}\n", info->snapshots);
    if (info->dirty) fmt::print("    dirty: true (lazy refcounts need repair)\n");
    if (info->corrupt) fmt::print("    corrupt: true\n");
  }
  return 0;
}

int ImgCommand::check() const {
  auto report = block::check_image(path_);
  if (!report) {
    fmt::print(stderr, "strata: img check: {}\n", report.error().message);
    return kExitError;
  }
  if (report->format == "raw") {
    fmt::print("{}: raw images have no metadata to check.\n", path_);
    return 0;
  }
  for (const std::string& line : report->problems) fmt::print("{}\n", line);
  if (report->corruptions == 0 && report->leaks == 0) {
    fmt::print("No errors were found on the image.\n");
    return 0;
  }
  if (report->corruptions != 0) {
    fmt::print(
        "\n{} errors were found on the image.\nData may be corrupted, or further writes "
        "to the image may corrupt it.\n",
        report->corruptions);
  }
  if (report->leaks != 0) {
    fmt::print(
        "\n{} leaked clusters were found on the image.\nThis means waste of disk space, "
        "but no harm to data.\n",
        report->leaks);
  }
  return report->corruptions != 0 ? kExitCorrupt : kExitLeaks;
}

}  // namespace strata::cli
