// Builds the flattened device tree (DTB) strata hands the guest. The node and property layout
// mirrors QEMU's riscv `virt` machine, so kernels and firmware that boot there find the same
// devices, at the same addresses and under the same names, here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "machine/phys_range.h"
#include "util/error.h"

namespace strata::machine {

// The physical map of the virt board (QEMU's hw/riscv/virt.c). The board maps its devices at
// these addresses; the tree describes them from the same constants.
namespace virt {
inline constexpr uint64_t kTestBase = 0x0010'0000;  // SiFive test finisher / syscon
inline constexpr uint64_t kTestSize = 0x1000;
inline constexpr uint64_t kRtcBase = 0x0010'1000;  // goldfish RTC
inline constexpr uint64_t kRtcSize = 0x1000;
inline constexpr uint64_t kClintBase = 0x0200'0000;
inline constexpr uint64_t kClintSize = 0x10000;
inline constexpr uint64_t kPlicBase = 0x0C00'0000;
inline constexpr uint64_t kPlicSize = 0x60'0000;
inline constexpr uint64_t kUartBase = 0x1000'0000;  // NS16550A
inline constexpr uint64_t kUartSize = 0x100;
inline constexpr uint64_t kVirtioBase = 0x1000'1000;  // slot i at kVirtioBase + i * kVirtioSize
inline constexpr uint64_t kVirtioSize = 0x1000;
inline constexpr unsigned kVirtioSlots = 8;
inline constexpr uint64_t kRamBase = 0x8000'0000;

// PLIC sources: 1..8 are the virtio slots, then the UART and the RTC.
inline constexpr unsigned kPlicSources = 95;
inline constexpr unsigned kVirtioFirstIrq = 1;
inline constexpr unsigned kUartIrq = 10;
inline constexpr unsigned kRtcIrq = 11;

inline constexpr uint32_t kUartClockHz = 0x38'4000;
inline constexpr uint64_t kTimebaseHz = 10'000'000;
// Values written to the test finisher by syscon-poweroff and syscon-reboot.
inline constexpr uint32_t kPoweroffValue = 0x5555;
inline constexpr uint32_t kRebootValue = 0x7777;
}  // namespace virt

struct VirtioSlot {
  uint64_t base = 0;
  uint64_t size = virt::kVirtioSize;
  unsigned irq = 0;  // PLIC source
};

// The virtio-mmio slot `index` (0..7) of the virt board.
inline VirtioSlot virtio_slot(unsigned index) {
  return {virt::kVirtioBase + index * virt::kVirtioSize, virt::kVirtioSize,
          virt::kVirtioFirstIrq + index};
}

// Everything the tree says about the board. Devices left out (false, or no virtio slot) get no
// node; a device with an interrupt needs the PLIC.
struct BoardDescription {
  unsigned harts = 1;
  // The riscv,isa string; riscv,isa-base and riscv,isa-extensions are derived from it. Lower case,
  // single-letter extensions first ("g" is expanded), then '_'-separated multi-letter ones.
  std::string isa = "rv64imafdc_zicsr_zifencei";
  std::string mmu_type = "riscv,sv57";
  uint64_t ram_base = virt::kRamBase;
  uint64_t ram_size = 0;
  uint64_t timebase_hz = virt::kTimebaseHz;
  bool clint = true;
  bool plic = true;
  bool uart = true;
  bool rtc = true;
  bool test_finisher = true;  // also adds the /poweroff and /reboot syscon nodes
  std::vector<VirtioSlot> virtio;
  std::string bootargs;             // empty: no /chosen/bootargs
  std::optional<PhysRange> initrd;  // /chosen/linux,initrd-start and -end
  std::string stdout_path;          // empty: the UART node, when there is one
};

// Returns a packed, valid DTB describing `board`, or an error naming the inconsistency (a device
// interrupt without a PLIC, a virtio IRQ out of range, an ISA string that cannot be parsed...).
[[nodiscard]] Result<std::vector<uint8_t>> build_fdt(const BoardDescription& board);

}  // namespace strata::machine
