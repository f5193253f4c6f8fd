// Loads a RISC-V ELF64 executable into guest RAM, checking everything the file claims.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "mem/guest_ram.h"
#include "util/error.h"

namespace strata::machine {

struct LoadedElf {
  uint64_t entry = 0;
  uint64_t lowest = 0;   // lowest physical address loaded
  uint64_t highest = 0;  // one past the highest physical address loaded
  // The HTIF mailboxes, when the program defines them (the riscv-tests convention).
  std::optional<uint64_t> tohost;
  std::optional<uint64_t> fromhost;
};

[[nodiscard]] Result<LoadedElf> load_elf(const std::string& path, mem::GuestRam& ram);

}  // namespace strata::machine
