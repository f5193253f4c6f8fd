// Turns the boot options (--bios, --kernel, --initrd, --append, --dtb, --dump-dtb) into guest RAM
// contents and a BootPlan: the reset state the board gives its harts. The board calls
// prepare_boot once after creating RAM and then follows hart_reset_state for every hart.
//
// Three ways to boot:
//  - Firmware (--bios, with or without --kernel): every hart starts at the firmware's entry in
//    M-mode with a0 = hartid, a1 = DTB, a2 = fw_dynamic_info (QEMU's reset vector does the same).
//    fw_dynamic_info tells OpenSBI to enter the kernel in S-mode; without --kernel its next_addr
//    is 0, as under QEMU.
//  - Direct (--kernel without --bios): the monitor serves SBI itself. Hart 0 starts at the
//    kernel's entry in S-mode with a0 = 0, a1 = DTB; the other harts wait, stopped, for an SBI
//    HSM hart_start.
//  - Bare metal (--bios none): every hart starts at the kernel's entry in M-mode with
//    a0 = hartid, a1 = DTB, as QEMU does with -bios none (xv6, the RISC-V test programs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cpu/privilege.h"
#include "machine/boot_image.h"
#include "machine/fdt_builder.h"
#include "machine/phys_range.h"
#include "mem/guest_ram.h"
#include "util/error.h"

namespace strata::machine {

struct BootConfig {
  std::string bios;      // "": SBI in the monitor; "none": bare metal; "default": OpenSBI; a path
  std::string kernel;    // ELF, RISC-V Linux Image, or raw binary
  std::string initrd;    // needs a kernel
  std::string append;    // kernel command line (/chosen/bootargs); needs a kernel
  std::string dtb;       // a device tree to use instead of the generated one
  std::string dump_dtb;  // write the final device tree here
};

struct BootPlan {
  uint64_t entry = 0;             // where the starting harts begin
  bool supervisor_entry = false;  // direct kernel boot in S-mode; false: M-mode
  unsigned boot_hart = 0;         // direct boot: the only hart running at reset
  uint64_t dtb_address = 0;
  std::optional<uint64_t> fw_dynamic_info;  // firmware boots: its address, passed in a2
  // What was loaded where, for messages and debugging.
  uint64_t dtb_size = 0;
  std::optional<LoadedImage> firmware;
  std::optional<LoadedImage> kernel;
  std::optional<PhysRange> initrd;
};

// The reset state of one hart under a plan.
struct HartReset {
  bool running = false;  // false: stopped until SBI HSM hart_start
  cpu::Priv mode = cpu::Priv::kMachine;
  uint64_t pc = 0;
  uint64_t a0 = 0;  // hartid
  uint64_t a1 = 0;  // DTB address
  uint64_t a2 = 0;  // fw_dynamic_info address (firmware boots)
};

[[nodiscard]] HartReset hart_reset_state(const BootPlan& plan, unsigned hartid);

// Loads firmware, kernel and initrd into `ram`, builds the device tree from `board` (or takes
// --dtb, patching /chosen for --append and --initrd), places everything by the rules in
// boot_layout.h, writes the tree and fw_dynamic_info, and dumps the tree if asked. `board`
// describes the devices; its bootargs are replaced by --append when that is given, and its
// initrd by where the initrd landed. Fails with a message for the user on any bad input.
[[nodiscard]] Result<BootPlan> prepare_boot(const BootConfig& config, const BoardDescription& board,
                                            mem::GuestRam& ram);

}  // namespace strata::machine
