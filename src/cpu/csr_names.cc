#include <array>
#include <utility>

#include "cpu/csr.h"

namespace strata::cpu::csr {

std::string_view name(uint16_t csr) {
  static constexpr std::array<std::pair<uint16_t, std::string_view>, 51> kNames = {{
      {kFflags, "fflags"},
      {kFrm, "frm"},
      {kFcsr, "fcsr"},
      {kCycle, "cycle"},
      {kTime, "time"},
      {kInstret, "instret"},
      {kSstatus, "sstatus"},
      {kSie, "sie"},
      {kStvec, "stvec"},
      {kScounteren, "scounteren"},
      {kSenvcfg, "senvcfg"},
      {kSscratch, "sscratch"},
      {kSepc, "sepc"},
      {kScause, "scause"},
      {kStval, "stval"},
      {kSip, "sip"},
      {kStimecmp, "stimecmp"},
      {kSatp, "satp"},
      {kMvendorid, "mvendorid"},
      {kMarchid, "marchid"},
      {kMimpid, "mimpid"},
      {kMhartid, "mhartid"},
      {kMconfigptr, "mconfigptr"},
      {kMstatus, "mstatus"},
      {kMisa, "misa"},
      {kMedeleg, "medeleg"},
      {kMideleg, "mideleg"},
      {kMie, "mie"},
      {kMtvec, "mtvec"},
      {kMcounteren, "mcounteren"},
      {kMenvcfg, "menvcfg"},
      {kMcountinhibit, "mcountinhibit"},
      {kMscratch, "mscratch"},
      {kMepc, "mepc"},
      {kMcause, "mcause"},
      {kMtval, "mtval"},
      {kMip, "mip"},
      {kPmpCfg0, "pmpcfg0"},
      {kPmpAddr0, "pmpaddr0"},
      {kTselect, "tselect"},
      {kTdata1, "tdata1"},
      {kTdata2, "tdata2"},
      {kTdata3, "tdata3"},
      {kMcycle, "mcycle"},
      {kMinstret, "minstret"},
      {0x3a2, "pmpcfg2"},
      {0x3b1, "pmpaddr1"},
      {0x3b2, "pmpaddr2"},
      {0x3b3, "pmpaddr3"},
      {0xc03, "hpmcounter3"},
      {0xb03, "mhpmcounter3"},
  }};
  for (const auto& [number, text] : kNames) {
    if (number == csr) return text;
  }
  return {};
}

}  // namespace strata::cpu::csr
