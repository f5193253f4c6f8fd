// Parsing of user-given sizes such as "256M", "1G", "16GiB" or "4096".
#pragma once

#include <cstdint>
#include <string_view>

#include "util/error.h"

namespace strata {

// Accepts a decimal number with an optional binary suffix K, M, G or T (optionally followed by
// "iB" or "B"; case-insensitive). Rejects empty input, junk and values that overflow 64 bits.
[[nodiscard]] Result<uint64_t> parse_size(std::string_view text);

}  // namespace strata
