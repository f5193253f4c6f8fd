// M-mode firmware (--bios): finding it, and the fw_dynamic_info block OpenSBI's fw_dynamic reads
// (pointed to by a2 at reset) to learn where the next stage is and in which mode to enter it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

namespace strata::machine {

// What `--bios default` means: Debian's OpenSBI (package opensbi), generic platform, fw_dynamic.
inline constexpr std::string_view kDefaultFirmware =
    "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin";

// Resolves --bios: "" or "none" is no firmware, "default" is kDefaultFirmware, anything else a
// path. The file must exist; the error for a missing default says which package provides it.
[[nodiscard]] Result<std::optional<std::string>> resolve_firmware(std::string_view bios);

// struct fw_dynamic_info of OpenSBI (include/sbi/fw_dynamic.h), version 2: six XLEN (here 64-bit)
// little-endian words.
inline constexpr uint64_t kFwDynamicInfoMagic = 0x4942534f;  // "OSBI"
inline constexpr uint64_t kFwDynamicInfoVersion = 2;
inline constexpr uint64_t kFwDynamicNextModeSupervisor = 1;
inline constexpr uint64_t kFwDynamicBootHartAny = ~0ULL;  // OpenSBI's lottery picks the boot hart
inline constexpr size_t kFwDynamicInfoSize = 6 * 8;

struct FwDynamicInfo {
  uint64_t magic = kFwDynamicInfoMagic;
  uint64_t version = kFwDynamicInfoVersion;
  uint64_t next_addr = 0;
  uint64_t next_mode = kFwDynamicNextModeSupervisor;
  uint64_t options = 0;
  uint64_t boot_hart = kFwDynamicBootHartAny;
};

// The guest-memory image of `info`.
std::array<uint8_t, kFwDynamicInfoSize> encode_fw_dynamic_info(const FwDynamicInfo& info);

}  // namespace strata::machine
