// Reading the host files a boot needs (kernel, initrd, firmware, DTB) with size limits checked
// before anything large is read, and errors that name the file and its role.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mem/guest_ram.h"
#include "util/error.h"

namespace strata::machine {

// The size of the regular file at `path`; `what` ("kernel", "initrd"...) names it in errors.
[[nodiscard]] Result<uint64_t> host_file_size(const std::string& path, std::string_view what);

// The whole file, refused without reading when it is larger than `limit` bytes.
[[nodiscard]] Result<std::vector<uint8_t>> read_host_file(const std::string& path, uint64_t limit,
                                                          std::string_view what);

// The first bytes of a file and its size: enough to tell what an image is before loading it.
struct FileHead {
  std::vector<uint8_t> bytes;  // the first kFileHeadBytes of the file, or all of a shorter one
  uint64_t size = 0;
};
inline constexpr uint64_t kFileHeadBytes = 4096;

// The head of the file, refused without reading when the file is larger than `limit` bytes.
[[nodiscard]] Result<FileHead> read_host_file_head(const std::string& path, uint64_t limit,
                                                   std::string_view what);

// Streams the file into guest RAM at `paddr`, which must hold `expected_size` bytes; fails if the
// file no longer has exactly that size (it changed after it was measured).
[[nodiscard]] Result<void> copy_host_file_to_ram(const std::string& path, std::string_view what,
                                                 uint64_t paddr, uint64_t expected_size,
                                                 mem::GuestRam& ram);

}  // namespace strata::machine
