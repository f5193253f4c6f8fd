#include "machine/linux_image.h"

namespace strata::machine {
namespace {

// Header field offsets.
constexpr size_t kTextOffset = 8;
constexpr size_t kImageSize = 16;
constexpr size_t kFlags = 24;
constexpr size_t kVersion = 32;
constexpr size_t kMagic = 48;
constexpr size_t kMagic2 = 56;

constexpr uint64_t kFlagBigEndian = 1;
constexpr uint32_t kVersion02 = 2;  // 0.2: the first header with magic2

template <typename T>
T load_le(std::span<const uint8_t> bytes, size_t offset) {
  T value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(bytes[offset + i]) << (8 * i);
  return value;
}

}  // namespace

bool has_linux_image_magic(std::span<const uint8_t> bytes) {
  return bytes.size() >= kLinuxImageHeaderSize &&
         (load_le<uint64_t>(bytes, kMagic) == kLinuxImageMagic ||
          load_le<uint32_t>(bytes, kMagic2) == kLinuxImageMagic2);
}

Result<LinuxImageHeader> parse_linux_image(std::span<const uint8_t> bytes, std::string_view name) {
  if (bytes.size() < kLinuxImageHeaderSize) {
    return fail("{} is too short ({} bytes) for a RISC-V Linux Image header", name, bytes.size());
  }
  LinuxImageHeader h;
  h.text_offset = load_le<uint64_t>(bytes, kTextOffset);
  h.image_size = load_le<uint64_t>(bytes, kImageSize);
  h.flags = load_le<uint64_t>(bytes, kFlags);
  h.version = load_le<uint32_t>(bytes, kVersion);
  const bool magic = load_le<uint64_t>(bytes, kMagic) == kLinuxImageMagic;
  const bool magic2 = load_le<uint32_t>(bytes, kMagic2) == kLinuxImageMagic2;
  if (!magic && !magic2) {
    return fail(R"({} is not a RISC-V Linux Image (no "RISCV" or "RSC\x05" magic))", name);
  }
  // Headers since 0.2 always carry magic2; one without it has been damaged.
  if (!magic2 && h.version >= kVersion02) {
    return fail(R"({} has a corrupt Image header: version {}.{} without the "RSC\x05" magic)", name,
                h.version >> 16, h.version & 0xffff);
  }
  if (h.flags & kFlagBigEndian)
    return fail("{} is a big-endian kernel; strata is little-endian", name);
  if (h.text_offset % kKernelAlign != 0) {
    return fail("{}: text_offset {:#x} is not a multiple of 2 MiB, where RV64 kernels must start",
                name, h.text_offset);
  }
  return h;
}

}  // namespace strata::machine
