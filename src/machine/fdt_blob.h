// Device tree blobs that come from outside strata's builder: a user's --dtb file (validated before
// the guest sees it), its /chosen node patched for --append and --initrd, and --dump-dtb output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "machine/phys_range.h"
#include "util/error.h"

namespace strata::machine {

// The largest tree strata accepts or builds. Linux maps the DTB early through a 2 MiB window, and
// real trees are a few KiB, so anything larger is a mistake or an attack.
inline constexpr size_t kMaxDtbSize = 2 * 1024 * 1024;

// Checks that `blob` starts with a complete, structurally sound tree of at most kMaxDtbSize bytes
// (header, block offsets, and a full walk of the structure block). `name` names it in errors.
[[nodiscard]] Result<void> validate_dtb(std::span<const uint8_t> blob, std::string_view name);

// Reads and validates a user-supplied DTB; returns exactly the tree's bytes (its totalsize).
[[nodiscard]] Result<std::vector<uint8_t>> load_dtb_file(const std::string& path);

// What to set in /chosen; unset members leave the tree's own properties alone.
struct ChosenPatch {
  std::optional<std::string> bootargs;
  std::optional<PhysRange> initrd;  // written as 64-bit linux,initrd-start and -end
};

// Returns a packed copy of the valid tree `blob` with /chosen (created if missing) patched.
[[nodiscard]] Result<std::vector<uint8_t>> patch_chosen(std::span<const uint8_t> blob,
                                                        const ChosenPatch& patch);

// Writes `blob` to `path` (--dump-dtb), replacing the file.
[[nodiscard]] Result<void> write_dtb_file(const std::string& path, std::span<const uint8_t> blob);

}  // namespace strata::machine
