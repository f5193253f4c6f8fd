#include "machine/boot_layout.h"

#include <algorithm>
#include <array>

#include "machine/fdt_blob.h"
#include "machine/linux_image.h"

namespace strata::machine {
namespace {

// Whether [start, start + size) lies in [ram_base, top) and clear of everything loaded.
bool initrd_fits(const LayoutRequest& r, uint64_t top, uint64_t start, uint64_t size) {
  if (start < r.ram_base || start > top || size > top - start) return false;
  const PhysRange range{start, start + size};
  const auto clear_of = [&range](const std::optional<PhysRange>& taken) {
    return !taken || !taken->overlaps(range);
  };
  return clear_of(r.firmware) && clear_of(r.kernel);
}

Result<PhysRange> place_initrd(const LayoutRequest& r, uint64_t size, uint64_t top) {
  if (size == 0) return fail("the initrd is empty");
  const uint64_t kernel_start = r.kernel ? r.kernel->start : r.ram_base;
  const uint64_t kernel_end = r.kernel ? r.kernel->end : r.ram_base;
  const uint64_t firmware_end = r.firmware ? r.firmware->end : r.ram_base;
  const uint64_t preferred = std::max(kernel_start + std::min(r.ram_size / 2, kInitrdMaxGap),
                                      align_up(kernel_end, kKernelAlign));
  const std::array<uint64_t, 3> candidates = {preferred, align_up(kernel_end, kInitrdFallbackAlign),
                                              align_up(firmware_end, kInitrdFallbackAlign)};
  for (const uint64_t start : candidates) {
    if (initrd_fits(r, top, start, size)) return PhysRange{start, start + size};
  }
  const uint64_t low = align_up(std::max(kernel_end, firmware_end), kInitrdFallbackAlign);
  return fail(
      "initrd of {} bytes does not fit in RAM above the kernel ({} bytes free between {:#x} and "
      "the device tree at {:#x})",
      size, top > low ? top - low : 0, low, top);
}

}  // namespace

uint64_t flat_kernel_address(uint64_t ram_base, uint64_t text_offset,
                             const std::optional<PhysRange>& firmware) {
  const uint64_t wanted = ram_base + text_offset;
  return firmware ? std::max(wanted, align_up(firmware->end, kKernelAlign)) : wanted;
}

Result<BootLayout> plan_boot_layout(const LayoutRequest& r) {
  if (r.ram_size == 0 || r.ram_base + r.ram_size < r.ram_base) {
    return fail("RAM {:#x}+{:#x} is empty or wraps around", r.ram_base, r.ram_size);
  }
  if (r.dtb_size == 0 || r.dtb_size > kMaxDtbSize) {
    return fail("device tree of {} bytes: not between 1 and {} bytes", r.dtb_size, kMaxDtbSize);
  }
  const uint64_t ram_end = r.ram_base + r.ram_size;
  const uint64_t needed = r.dtb_size + kDtbGrowthRoom + kFwDynamicInfoSlot;
  if (needed > r.ram_size) {
    return fail("device tree of {} bytes does not fit in {} bytes of RAM", r.dtb_size, r.ram_size);
  }
  BootLayout layout;
  layout.dtb_address = align_down(ram_end - r.dtb_size - kDtbGrowthRoom, kDtbAlign);
  uint64_t top = layout.dtb_address;  // everything else stays below this
  if (r.fw_dynamic_info) {
    layout.fw_dynamic_info = layout.dtb_address - kFwDynamicInfoSlot;
    top = *layout.fw_dynamic_info;
  }
  if (top < r.ram_base) {
    return fail("device tree of {} bytes does not fit in {} bytes of RAM", r.dtb_size, r.ram_size);
  }
  const PhysRange reserved{top, ram_end};
  for (const auto& [taken, what] : {std::pair{r.kernel, "kernel"}, {r.firmware, "firmware"}}) {
    if (taken && taken->overlaps(reserved)) {
      return fail(
          "no room for the device tree of {} bytes above the {}: the {} ends at {:#x}, the device "
          "tree needs {:#x}..{:#x}",
          r.dtb_size, what, what, taken->end, reserved.start, reserved.end);
    }
  }
  if (r.initrd_size) {
    auto initrd = place_initrd(r, *r.initrd_size, top);
    if (!initrd) return std::unexpected(initrd.error());
    layout.initrd = *initrd;
  }
  return layout;
}

}  // namespace strata::machine
