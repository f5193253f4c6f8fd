#include "machine/boot_plan.h"

#include <vector>

#include "machine/boot_file.h"
#include "machine/boot_layout.h"
#include "machine/fdt_blob.h"
#include "machine/firmware.h"

namespace strata::machine {
namespace {

Result<void> check_options(const BootConfig& c, bool firmware) {
  if (c.kernel.empty() && !firmware) return fail("nothing to boot: give --kernel, --bios or both");
  if (c.kernel.empty() && !c.initrd.empty()) return fail("--initrd needs --kernel");
  if (c.kernel.empty() && !c.append.empty()) return fail("--append needs --kernel");
  return {};
}

// The final tree for an initrd at `initrd` (or none).
Result<std::vector<uint8_t>> make_dtb(const BootConfig& c, const BoardDescription& board,
                                      const std::optional<std::vector<uint8_t>>& user_dtb,
                                      const std::optional<PhysRange>& initrd) {
  if (user_dtb) {
    if (c.append.empty() && !initrd) return *user_dtb;
    ChosenPatch patch;
    if (!c.append.empty()) patch.bootargs = c.append;
    patch.initrd = initrd;
    return patch_chosen(*user_dtb, patch);
  }
  BoardDescription b = board;
  if (!c.append.empty()) b.bootargs = c.append;
  if (initrd) b.initrd = initrd;
  return build_fdt(b);
}

}  // namespace

HartReset hart_reset_state(const BootPlan& plan, unsigned hartid) {
  HartReset r;
  r.pc = plan.entry;
  r.a0 = hartid;
  r.a1 = plan.dtb_address;
  if (plan.supervisor_entry) {
    r.mode = cpu::Priv::kSupervisor;
    r.running = hartid == plan.boot_hart;
  } else {
    r.mode = cpu::Priv::kMachine;
    r.running = true;
    r.a2 = plan.fw_dynamic_info.value_or(0);
  }
  return r;
}

Result<BootPlan> prepare_boot(const BootConfig& config, const BoardDescription& board,
                              mem::GuestRam& ram) {
  if (board.ram_base != ram.base() || board.ram_size != ram.size()) {
    return fail("the board describes RAM {:#x}+{:#x} but guest RAM is {:#x}+{:#x}", board.ram_base,
                board.ram_size, ram.base(), ram.size());
  }
  auto firmware_path = resolve_firmware(config.bios);
  if (!firmware_path) return std::unexpected(firmware_path.error());
  if (auto r = check_options(config, firmware_path->has_value()); !r) {
    return std::unexpected(r.error());
  }

  BootPlan plan;
  std::optional<PhysRange> firmware_range;
  if (*firmware_path) {
    auto firmware = load_firmware_image(**firmware_path, ram);
    if (!firmware) return std::unexpected(firmware.error());
    plan.firmware = *firmware;
    firmware_range = firmware->range;
  }
  if (!config.kernel.empty()) {
    auto kernel = load_kernel_image(config.kernel, ram, firmware_range);
    if (!kernel) return std::unexpected(kernel.error());
    plan.kernel = *kernel;
  }
  std::optional<uint64_t> initrd_size;
  if (!config.initrd.empty()) {
    auto size = host_file_size(config.initrd, "initrd");
    if (!size) return std::unexpected(size.error());
    initrd_size = *size;
  }
  std::optional<std::vector<uint8_t>> user_dtb;
  if (!config.dtb.empty()) {
    auto blob = load_dtb_file(config.dtb);
    if (!blob) return std::unexpected(blob.error());
    user_dtb = std::move(*blob);
  }

  // The tree's size does not depend on where the initrd lands (its addresses are fixed-size
  // cells), so a tree with a placeholder range sizes it for the layout.
  std::optional<PhysRange> placeholder;
  if (initrd_size) placeholder = PhysRange{};
  auto sizing_dtb = make_dtb(config, board, user_dtb, placeholder);
  if (!sizing_dtb) return std::unexpected(sizing_dtb.error());

  LayoutRequest request;
  request.ram_base = ram.base();
  request.ram_size = ram.size();
  request.firmware = firmware_range;
  if (plan.kernel) request.kernel = plan.kernel->range;
  request.initrd_size = initrd_size;
  request.dtb_size = sizing_dtb->size();
  request.fw_dynamic_info = plan.firmware.has_value();
  auto layout = plan_boot_layout(request);
  if (!layout) return std::unexpected(layout.error());

  if (layout->initrd) {
    if (auto r = copy_host_file_to_ram(config.initrd, "initrd", layout->initrd->start,
                                       layout->initrd->size(), ram);
        !r) {
      return std::unexpected(r.error());
    }
  }
  auto dtb = make_dtb(config, board, user_dtb, layout->initrd);
  if (!dtb) return std::unexpected(dtb.error());
  if (dtb->size() != sizing_dtb->size()) {
    return fail("internal error: the device tree changed size from {} to {} bytes",
                sizing_dtb->size(), dtb->size());
  }
  if (auto r = ram.write(layout->dtb_address, dtb->data(), dtb->size()); !r) {
    return std::unexpected(r.error());
  }
  if (layout->fw_dynamic_info) {
    FwDynamicInfo info;
    info.next_addr = plan.kernel ? plan.kernel->entry : 0;
    const auto bytes = encode_fw_dynamic_info(info);
    if (auto r = ram.write(*layout->fw_dynamic_info, bytes.data(), bytes.size()); !r) {
      return std::unexpected(r.error());
    }
  }
  if (!config.dump_dtb.empty()) {
    if (auto r = write_dtb_file(config.dump_dtb, *dtb); !r) return std::unexpected(r.error());
  }

  plan.entry = plan.firmware ? plan.firmware->entry : plan.kernel->entry;
  plan.supervisor_entry = !plan.firmware && config.bios != "none";
  plan.dtb_address = layout->dtb_address;
  plan.dtb_size = dtb->size();
  plan.fw_dynamic_info = layout->fw_dynamic_info;
  plan.initrd = layout->initrd;
  return plan;
}

}  // namespace strata::machine
