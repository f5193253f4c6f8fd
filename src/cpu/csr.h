// CSR numbers (privileged spec 1.12, tables 2.2-2.6) and the access rules encoded in them.
#pragma once

#include <cstdint>
#include <string_view>

namespace strata::cpu::csr {

enum : uint16_t {
  kFflags = 0x001,
  kFrm = 0x002,
  kFcsr = 0x003,
  kCycle = 0xc00,
  kTime = 0xc01,
  kInstret = 0xc02,
  kHpmCounter3 = 0xc03,
  kHpmCounter31 = 0xc1f,
  kSstatus = 0x100,
  kSie = 0x104,
  kStvec = 0x105,
  kScounteren = 0x106,
  kSenvcfg = 0x10a,
  kSscratch = 0x140,
  kSepc = 0x141,
  kScause = 0x142,
  kStval = 0x143,
  kSip = 0x144,
  kStimecmp = 0x14d,
  kSatp = 0x180,
  kMvendorid = 0xf11,
  kMarchid = 0xf12,
  kMimpid = 0xf13,
  kMhartid = 0xf14,
  kMconfigptr = 0xf15,
  kMstatus = 0x300,
  kMisa = 0x301,
  kMedeleg = 0x302,
  kMideleg = 0x303,
  kMie = 0x304,
  kMtvec = 0x305,
  kMcounteren = 0x306,
  kMenvcfg = 0x30a,
  kMcountinhibit = 0x320,
  kMhpmEvent3 = 0x323,
  kMhpmEvent31 = 0x33f,
  kMscratch = 0x340,
  kMepc = 0x341,
  kMcause = 0x342,
  kMtval = 0x343,
  kMip = 0x344,
  kPmpCfg0 = 0x3a0,
  kPmpCfg15 = 0x3af,
  kPmpAddr0 = 0x3b0,
  kPmpAddr63 = 0x3ef,
  kTselect = 0x7a0,
  kTdata1 = 0x7a1,
  kTdata2 = 0x7a2,
  kTdata3 = 0x7a3,
  kMcycle = 0xb00,
  kMinstret = 0xb02,
  kMhpmCounter3 = 0xb03,
  kMhpmCounter31 = 0xb1f,
};

// Bits 9:8 of a CSR number give the lowest privilege that may access it; bits 11:10 = 3 mark
// it read-only.
constexpr unsigned min_privilege(uint16_t csr) {
  return (csr >> 8) & 3U;
}
constexpr bool is_read_only(uint16_t csr) {
  return ((csr >> 10) & 3U) == 3U;
}

// The CSR's name for disassembly, or an empty view if strata does not name it.
std::string_view name(uint16_t csr);

}  // namespace strata::cpu::csr
