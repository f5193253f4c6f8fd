#include "machine/firmware.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace strata::machine {

Result<std::optional<std::string>> resolve_firmware(std::string_view bios) {
  if (bios.empty() || bios == "none") return std::optional<std::string>();
  const bool is_default = bios == "default";
  const std::string path(is_default ? kDefaultFirmware : bios);
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    if (is_default) {
      return fail("--bios default: OpenSBI is not installed at {} (apt-get install opensbi)", path);
    }
    return fail("firmware {}: {}", path, std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return fail("firmware {} is not a regular file", path);
  return std::optional<std::string>(path);
}

std::array<uint8_t, kFwDynamicInfoSize> encode_fw_dynamic_info(const FwDynamicInfo& info) {
  // The struct's field order.
  const std::array<uint64_t, 6> ordered = {info.magic,     info.version, info.next_addr,
                                           info.next_mode, info.options, info.boot_hart};
  std::array<uint8_t, kFwDynamicInfoSize> out{};
  for (size_t w = 0; w < ordered.size(); ++w) {
    for (size_t b = 0; b < 8; ++b) out[w * 8 + b] = static_cast<uint8_t>(ordered[w] >> (8 * b));
  }
  return out;
}

}  // namespace strata::machine
