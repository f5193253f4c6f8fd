// Where a boot puts things in guest RAM, as pure arithmetic (no files, no RAM), following QEMU's
// riscv boot code (hw/riscv/boot.c) so guests find things where they do under QEMU:
//
//  - Firmware (--bios): an ELF at its own addresses, a raw binary at the start of RAM.
//  - Kernel: an ELF at its own addresses; a flat kernel (Linux Image, raw binary) at RAM base +
//    text_offset (2 MiB for raw binaries), raised to the first 2 MiB boundary past the firmware:
//    0x8020_0000 in the usual case.
//  - Device tree: at the top of RAM, 2 MiB aligned, with at least kDtbGrowthRoom bytes free
//    above it, because firmware (OpenSBI's fdt fixups) grows the tree in place. This is QEMU's
//    riscv_compute_fdt_addr for 64-bit harts (QEMU only caps the address at 3 GiB for 32-bit
//    harts). It must lie above the kernel and initrd.
//  - fw_dynamic_info (firmware boots only): the kFwDynamicInfoSlot bytes just below the device
//    tree, out of the way of both the tree's growth and the kernel.
//  - Initrd: at kernel start + min(RAM / 2, 128 MiB), or 2 MiB past the kernel's end if that is
//    higher, so a kernel that decompresses or grows past its image does not clobber it. If it
//    does not fit there below the device tree, it goes right after the kernel (4 KiB aligned)
//    instead; only when that fails too is it an error.
#pragma once

#include <cstdint>
#include <optional>

#include "machine/phys_range.h"
#include "util/error.h"

namespace strata::machine {

inline constexpr uint64_t kDefaultKernelOffset = 0x20'0000;  // raw kernels: RAM base + 2 MiB
inline constexpr uint64_t kDtbAlign = 2 * 1024 * 1024;
inline constexpr uint64_t kDtbGrowthRoom = 64 * 1024;
inline constexpr uint64_t kFwDynamicInfoSlot = 64;
inline constexpr uint64_t kInitrdMaxGap = 128ULL * 1024 * 1024;
inline constexpr uint64_t kInitrdFallbackAlign = 4096;

constexpr uint64_t align_up(uint64_t value, uint64_t align) {
  return (value + align - 1) / align * align;
}
constexpr uint64_t align_down(uint64_t value, uint64_t align) {
  return value / align * align;
}

// The load address of a flat kernel (Linux Image or raw binary) that asks for `text_offset`.
[[nodiscard]] uint64_t flat_kernel_address(uint64_t ram_base, uint64_t text_offset,
                                           const std::optional<PhysRange>& firmware);

struct LayoutRequest {
  uint64_t ram_base = 0;
  uint64_t ram_size = 0;
  std::optional<PhysRange> firmware;  // what is already loaded, to stay clear of
  std::optional<PhysRange> kernel;
  std::optional<uint64_t> initrd_size;
  uint64_t dtb_size = 0;
  bool fw_dynamic_info = false;
};

struct BootLayout {
  std::optional<PhysRange> initrd;
  uint64_t dtb_address = 0;
  std::optional<uint64_t> fw_dynamic_info;
};

// Places the device tree, fw_dynamic_info and initrd by the rules above, or says what does not
// fit ("initrd of N bytes does not fit in RAM above the kernel ...").
[[nodiscard]] Result<BootLayout> plan_boot_layout(const LayoutRequest& request);

}  // namespace strata::machine
