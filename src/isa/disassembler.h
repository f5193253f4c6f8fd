// Text form of decoded instructions, for --trace and for lockstep divergence reports.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "isa/decoder.h"

namespace strata::isa {

std::string_view mnemonic(Op op);
// ABI name of integer register `index` (x0..x31); index 32 (the x0 write sink) prints as zero.
std::string_view register_name(unsigned index);
std::string disassemble(const Decoded& decoded, uint64_t pc);

}  // namespace strata::isa
