#include "machine/boot_image.h"

#include <elf.h>

#include <cstring>
#include <span>
#include <vector>

#include "machine/boot_file.h"
#include "machine/boot_layout.h"
#include "machine/elf_loader.h"
#include "machine/linux_image.h"

namespace strata::machine {
namespace {

bool is_elf(std::span<const uint8_t> bytes) {
  return bytes.size() >= SELFMAG && std::memcmp(bytes.data(), ELFMAG, SELFMAG) == 0;
}

bool is_gzip(std::span<const uint8_t> bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

Result<LoadedImage> load_elf_image(const std::string& path, mem::GuestRam& ram) {
  auto elf = load_elf(path, ram);
  if (!elf) return std::unexpected(elf.error());
  return LoadedImage{
      ImageFormat::kElf, elf->entry, {elf->lowest, elf->highest}, elf->tohost, elf->fromhost};
}

// Streams a flat image of `size` bytes to `address`, which must have room for `footprint` bytes
// (>= the file), in chunks: a kernel is megabytes, and a whole copy of it in host memory first
// cost every boot its page faults and zeroing (a tenth of a 1-hart boot's page faults).
Result<LoadedImage> load_flat(std::string_view what, const std::string& path, uint64_t size,
                              ImageFormat format, uint64_t address, uint64_t footprint,
                              mem::GuestRam& ram) {
  if (!ram.contains(address, footprint)) {
    const uint64_t ram_end = ram.base() + ram.size();
    return fail("{} {} needs {} bytes at {:#x}, but RAM ends at {:#x} ({} bytes there)", what, path,
                footprint, address, ram_end, address < ram_end ? ram_end - address : 0);
  }
  if (auto r = copy_host_file_to_ram(path, what, address, size, ram); !r) {
    return std::unexpected(r.error());
  }
  return LoadedImage{format, address, {address, address + footprint}, {}, {}};
}

}  // namespace

std::string_view image_format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::kElf: return "ELF";
    case ImageFormat::kLinuxImage: return "Linux Image";
    case ImageFormat::kRaw: return "raw binary";
  }
  return "?";
}

Result<LoadedImage> load_firmware_image(const std::string& path, mem::GuestRam& ram) {
  auto head = read_host_file_head(path, ram.size(), "firmware");
  if (!head) return std::unexpected(head.error());
  if (head->size == 0) return fail("firmware {} is empty", path);
  if (is_elf(head->bytes)) return load_elf_image(path, ram);
  return load_flat("firmware", path, head->size, ImageFormat::kRaw, ram.base(), head->size, ram);
}

Result<LoadedImage> load_kernel_image(const std::string& path, mem::GuestRam& ram,
                                      const std::optional<PhysRange>& firmware) {
  auto head = read_host_file_head(path, ram.size(), "kernel");
  if (!head) return std::unexpected(head.error());
  if (head->size == 0) return fail("kernel {} is empty", path);
  const std::vector<uint8_t>& bytes = head->bytes;
  if (is_elf(bytes)) {
    auto image = load_elf_image(path, ram);
    if (image && firmware && image->range.overlaps(*firmware)) {
      return fail("kernel {} ({:#x}..{:#x}) overlaps the firmware ({:#x}..{:#x})", path,
                  image->range.start, image->range.end, firmware->start, firmware->end);
    }
    return image;
  }
  if (is_gzip(bytes)) {
    return fail("kernel {} is gzip-compressed; give the uncompressed Image (gunzip it)", path);
  }
  if (has_linux_image_magic(bytes)) {
    auto header = parse_linux_image(bytes, path);
    if (!header) return std::unexpected(header.error());
    if (header->text_offset >= ram.size()) {
      return fail("kernel {}: text_offset {:#x} is beyond the {} bytes of RAM", path,
                  header->text_offset, ram.size());
    }
    return load_flat("kernel", path, head->size, ImageFormat::kLinuxImage,
                     flat_kernel_address(ram.base(), header->text_offset, firmware),
                     linux_image_footprint(*header, head->size), ram);
  }
  // A raw binary is a firmware payload (U-Boot's u-boot.bin); booted directly or bare-metal, a
  // file that is neither ELF nor Image is far more likely a mistake than a kernel.
  if (!firmware) {
    return fail(
        "{} is not a kernel: neither an ELF file nor a RISC-V Linux Image (a raw binary "
        "loads only as the payload of --bios firmware)",
        path);
  }
  return load_flat("kernel", path, head->size, ImageFormat::kRaw,
                   flat_kernel_address(ram.base(), kDefaultKernelOffset, firmware), head->size,
                   ram);
}

}  // namespace strata::machine
