#include "cpu/hart.h"

#include "cpu/access_limit.h"

namespace strata::cpu {
namespace {
constexpr uint32_t kHartSection = state::tag("HART");
constexpr uint32_t kHartVersion = 1;
}  // namespace

Hart::Hart(uint64_t hartid, mem::Bus& bus, const Clock& clock) : bus_(bus), clock_(clock) {
  s.hartid = hartid;
  const mem::GuestRam& ram = bus_.ram();
  direct_addend_ =
      reinterpret_cast<intptr_t>(ram.host(ram.base())) - static_cast<int64_t>(ram.base());
  update_regimes();
}

void Hart::wake() {
  s.exit_request.store(1, std::memory_order_release);
  {
    const std::lock_guard lock(wake_mutex_);
    wake_pending_ = true;
  }
  wake_signal_.notify_one();
}

void Hart::wait_for_wakeup(std::chrono::nanoseconds max_sleep) {
  std::unique_lock lock(wake_mutex_);
  wake_signal_.wait_for(lock, max_sleep, [this] { return wake_pending_; });
  wake_pending_ = false;
}

Hart::Regime Hart::regime_for(Priv priv) const {
  switch (priv) {
    case Priv::kMachine: return kRegimeMachine;
    case Priv::kUser: return kRegimeUser;
    default: return (s.mstatus & mstatus::kSUM) != 0 ? kRegimeSupervisorSum : kRegimeSupervisor;
  }
}

void Hart::set_priv(Priv priv) {
  s.priv = priv;
  update_regimes();
}

void Hart::update_regimes() {
  // Instruction fetch always uses the current privilege; loads and stores in M-mode use MPP
  // when MPRV is set.
  fetch_regime_ = regime_for(s.priv);
  Priv data_priv = s.priv;
  if (s.priv == Priv::kMachine && (s.mstatus & mstatus::kMPRV) != 0) {
    data_priv = static_cast<Priv>((s.mstatus & mstatus::kMPP) >> mstatus::kMPPShift);
  }
  data_regime_ = regime_for(data_priv);
  data_tlb_ = tlb_.regime(data_regime_);
  // S-mode can never fetch from user pages, so SUM does not change what it executes.
  if (fetch_regime_ == kRegimeSupervisorSum) fetch_regime_ = kRegimeSupervisor;
  fetch_tlb_ = tlb_.regime(fetch_regime_);
  fetch_epoch_ = (fetch_epoch_ & ~3ULL) | fetch_regime_;
  const mem::GuestRam& ram = bus_.ram();
  const bool direct = data_regime_ == kRegimeMachine &&
                      pmp_allows(s.pmp, ram.base(), ram.size(), Access::kRead, Priv::kMachine);
  for (unsigned k = 0; k < direct_load_limits_.size(); ++k) {
    direct_load_limits_[k] = direct ? access_limit(ram.size(), k) : 0;
  }
  const bool stores =
      direct && pmp_allows(s.pmp, ram.base(), ram.size(), Access::kWrite, Priv::kMachine);
  // Called at every trap and xRET: the window survives those that keep direct stores.
  if (direct_stores_ && !stores) store_window_.close();
  direct_stores_ = stores;
}

void Hart::save(state::Writer& out) const {
  out.begin(kHartSection, kHartVersion);
  for (unsigned i = 0; i < 32; ++i) out.put(s.x[i]);
  for (const uint64_t f : s.f) out.put(f);
  out.put(s.pc);
  out.put(s.priv);
  out.put(s.fflags);
  out.put(s.frm);
  for (const uint64_t v : {s.hartid,
                           s.mstatus,
                           s.medeleg,
                           s.mideleg,
                           s.mie,
                           s.mtvec,
                           s.mcounteren,
                           s.menvcfg,
                           s.mscratch,
                           s.mepc,
                           s.mcause,
                           s.mtval,
                           s.stvec,
                           s.scounteren,
                           s.senvcfg,
                           s.sscratch,
                           s.sepc,
                           s.scause,
                           s.stval,
                           s.satp,
                           s.stimecmp,
                           s.mtimecmp,
                           s.instret,
                           s.cycle_offset,
                           s.reservation_address,
                           s.reservation_value}) {
    out.put(v);
  }
  out.put(static_cast<uint8_t>(s.reservation_valid));
  for (const uint8_t cfg : s.pmp.cfg) out.put(cfg);
  for (const uint64_t addr : s.pmp.addr) out.put(addr);
  out.put(s.mip.load());
  out.put(s.mip_external.load());
  out.end();
}

Result<void> Hart::restore(state::Reader& in) {
  if (auto version = in.begin(kHartSection, kHartVersion); !version) {
    return std::unexpected(version.error());
  }
  HartState r;
  for (unsigned i = 0; i < 32; ++i) r.x[i] = in.get<uint64_t>();
  for (uint64_t& f : r.f) f = in.get<uint64_t>();
  r.pc = in.get<uint64_t>();
  r.priv = in.get<Priv>();
  r.fflags = in.get<uint8_t>();
  r.frm = in.get<uint8_t>();
  for (uint64_t* v : {&r.hartid,
                      &r.mstatus,
                      &r.medeleg,
                      &r.mideleg,
                      &r.mie,
                      &r.mtvec,
                      &r.mcounteren,
                      &r.menvcfg,
                      &r.mscratch,
                      &r.mepc,
                      &r.mcause,
                      &r.mtval,
                      &r.stvec,
                      &r.scounteren,
                      &r.senvcfg,
                      &r.sscratch,
                      &r.sepc,
                      &r.scause,
                      &r.stval,
                      &r.satp,
                      &r.stimecmp,
                      &r.mtimecmp,
                      &r.instret,
                      &r.cycle_offset,
                      &r.reservation_address,
                      &r.reservation_value}) {
    *v = in.get<uint64_t>();
  }
  r.reservation_valid = in.get<uint8_t>() != 0;
  for (uint8_t& cfg : r.pmp.cfg) cfg = in.get<uint8_t>();
  for (uint64_t& addr : r.pmp.addr) addr = in.get<uint64_t>();
  const auto software_mip = in.get<uint64_t>();
  const auto external = in.get<uint64_t>();
  if (auto end = in.end(); !end) return end;
  if (r.priv != Priv::kMachine && r.priv != Priv::kSupervisor && r.priv != Priv::kUser) {
    return fail("hart state has an invalid privilege mode {}", static_cast<unsigned>(r.priv));
  }
  // Copy field by field: the atomics cannot be assigned as part of the struct.
  r.x[HartState::kSinkRegister] = 0;
  s.x = r.x;
  s.f = r.f;
  s.pc = r.pc;
  s.fflags = r.fflags & 0x1fU;
  s.frm = r.frm & 7U;
  s.hartid = r.hartid;
  s.mstatus = r.mstatus;
  s.medeleg = r.medeleg;
  s.mideleg = r.mideleg;
  s.mie = r.mie;
  s.mip.store(software_mip);
  s.mtvec = r.mtvec;
  s.mcounteren = r.mcounteren;
  s.menvcfg = r.menvcfg;
  s.mscratch = r.mscratch;
  s.mepc = r.mepc;
  s.mcause = r.mcause;
  s.mtval = r.mtval;
  s.stvec = r.stvec;
  s.scounteren = r.scounteren;
  s.senvcfg = r.senvcfg;
  s.sscratch = r.sscratch;
  s.sepc = r.sepc;
  s.scause = r.scause;
  s.stval = r.stval;
  s.satp = r.satp;
  s.stimecmp = r.stimecmp;
  s.mtimecmp = r.mtimecmp;
  s.instret = r.instret;
  s.cycle_offset = r.cycle_offset;
  s.pmp = r.pmp;
  s.reservation_address = r.reservation_address;
  s.reservation_value = r.reservation_value;
  s.reservation_valid = r.reservation_valid;
  s.mip_external.store(external);
  set_priv(r.priv);
  flush_tlb();
  store_window_.close();
  update_timers();
  return {};
}

}  // namespace strata::cpu
