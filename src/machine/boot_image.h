// Loading the images a boot starts from — firmware and kernel — into guest RAM. The format is
// told by content, never by file name:
//  - ELF (by its magic): loaded at its own physical addresses by the ELF loader;
//  - RISC-V Linux Image (by either Image magic): header validated, loaded per its text_offset;
//  - anything else: a raw binary (kernels: 2 MiB into RAM; firmware: the start of RAM), the way
//    QEMU loads U-Boot's u-boot.bin. A raw kernel is accepted only as a firmware's payload, and a
//    gzip file is refused with a hint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "machine/phys_range.h"
#include "mem/guest_ram.h"
#include "util/error.h"

namespace strata::machine {

enum class ImageFormat : uint8_t { kElf, kLinuxImage, kRaw };

std::string_view image_format_name(ImageFormat format);

struct LoadedImage {
  ImageFormat format = ImageFormat::kRaw;
  uint64_t entry = 0;
  PhysRange range;  // what it occupies; a raw binary's BSS beyond the file is not known
  // The HTIF mailboxes of an ELF that defines them (the RISC-V test programs' convention).
  std::optional<uint64_t> tohost;
  std::optional<uint64_t> fromhost;
};

// Loads --bios: an ELF at its addresses, otherwise a raw binary at the start of RAM.
[[nodiscard]] Result<LoadedImage> load_firmware_image(const std::string& path, mem::GuestRam& ram);

// Loads --kernel: an ELF at its addresses, a Linux Image or a raw binary at the address the
// layout rules give (after `firmware` when there is one). An ELF that overlaps the firmware, or
// an image whose image_size does not fit in RAM, is an error.
[[nodiscard]] Result<LoadedImage> load_kernel_image(const std::string& path, mem::GuestRam& ram,
                                                    const std::optional<PhysRange>& firmware);

}  // namespace strata::machine
