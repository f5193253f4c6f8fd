// The RISC-V Linux `Image` format (Documentation/arch/riscv/boot-image-header.rst): a flat binary
// whose first 64 bytes are a header saying where it wants to be loaded and how much memory it
// occupies once running.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "util/error.h"

namespace strata::machine {

inline constexpr size_t kLinuxImageHeaderSize = 64;
inline constexpr uint64_t kLinuxImageMagic = 0x5643534952;  // "RISCV\0\0\0", deprecated in 0.2
inline constexpr uint32_t kLinuxImageMagic2 = 0x05435352;   // "RSC\x05"
// RV64 kernels map themselves with 2 MiB pages, so they must start on a 2 MiB boundary.
inline constexpr uint64_t kKernelAlign = 2 * 1024 * 1024;

struct LinuxImageHeader {
  uint64_t text_offset = 0;  // load offset from the start of RAM
  uint64_t image_size = 0;   // memory the running kernel occupies (0 in very old headers)
  uint64_t flags = 0;
  uint32_t version = 0;  // major << 16 | minor
};

// Whether `bytes` carry either Image magic: the sign that this is meant to be an Image, so its
// header is then validated strictly rather than the file being taken for a raw binary.
bool has_linux_image_magic(std::span<const uint8_t> bytes);

// Parses and validates the header of `bytes` (the whole file; `name` names it in errors): magic,
// little-endian flag, and text_offset on a 2 MiB boundary.
[[nodiscard]] Result<LinuxImageHeader> parse_linux_image(std::span<const uint8_t> bytes,
                                                         std::string_view name);

// The memory the image occupies once loaded: image_size, or the file itself when that is larger
// (a header without image_size, or data appended after the kernel).
inline uint64_t linux_image_footprint(const LinuxImageHeader& header, uint64_t file_size) {
  return header.image_size > file_size ? header.image_size : file_size;
}

}  // namespace strata::machine
