// --engine lockstep: the translator runs the hart one dispatch at a time, and after each the
// interpreter re-executes the same dispatch on a shadow hart with its own copy of guest RAM,
// starting from the same state; the first difference in the architectural state stops the run
// with a report. Limits (docs/jit.md): one hart; device registers exist once, so a dispatch that
// reads one is taken over unchecked (device writes are not repeated); interrupts are delivered by
// the translator's dispatcher and copied to the shadow with the whole hart state; the two harts
// read the same clock, so a time CSR read that straddles a tick shows as a divergence.
#include <fmt/format.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cpu/csr.h"
#include "dev/mmio_device.h"
#include "exec/code_cache.h"
#include "exec/interpreter.h"
#include "isa/decoder.h"
#include "isa/disassembler.h"
#include "jit/dispatcher.h"
#include "jit/jit_engine.h"
#include "mem/bus.h"
#include "mem/guest_ram.h"
#include "state/stream.h"

namespace strata::jit {
namespace {

// Stands in for a device on the shadow's bus. The translator's hart already performed the
// access on the real device, whose answer and side effects (interrupt lines) the shadow cannot
// know: the access marks the dispatch as not replayable.
class ShadowDevice final : public dev::MmioDevice {
 public:
  explicit ShadowDevice(bool& touched) : touched_(touched) {}
  std::string_view name() const override { return "lockstep-shadow"; }
  uint64_t read(uint64_t /*offset*/, unsigned /*size*/) override {
    touched_ = true;
    return 0;
  }
  void write(uint64_t /*offset*/, unsigned /*size*/, uint64_t /*value*/) override {
    touched_ = true;
  }
  void save(state::Writer& /*out*/) const override {}
  [[nodiscard]] Result<void> restore(state::Reader& /*in*/) override { return {}; }

 private:
  bool& touched_;
};

// CSRs whose value depends on host time or on other threads: a block reading one is not
// replayable.
bool reads_volatile_csr(const isa::Decoded& d) {
  const bool csr_op = d.op == isa::Op::kCsrrw || d.op == isa::Op::kCsrrs ||
                      d.op == isa::Op::kCsrrc || d.op == isa::Op::kCsrrwi ||
                      d.op == isa::Op::kCsrrsi || d.op == isa::Op::kCsrrci;
  return csr_op && (d.csr == cpu::csr::kTime || d.csr == cpu::csr::kMip || d.csr == cpu::csr::kSip);
}

class Lockstep final : public exec::Engine {
 public:
  Lockstep(cpu::Hart& hart, const std::atomic<bool>& stop, CodeBuffer buffer,
           std::function<void(const std::string&)> report)
      : hart_(hart),
        main_(hart, stop, std::move(buffer), /*hot_runs=*/1),
        report_(std::move(report)) {
    const mem::GuestRam& ram = hart.bus().ram();
    auto shadow_ram = mem::GuestRam::create(ram.base(), ram.size());
    if (!shadow_ram) throw std::runtime_error(shadow_ram.error().message);
    shadow_ram_ = std::move(*shadow_ram);
    shadow_bus_ = std::make_unique<mem::Bus>(*shadow_ram_);

    shadow_ = std::make_unique<cpu::Hart>(hart.s.hartid, *shadow_bus_, hart.clock());
    shadow_cache_ = std::make_unique<exec::CodeCache>(*shadow_);
    shadow_ram_->set_watch_handler([this](uint64_t paddr, uint64_t length, int /*source*/) {
      for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
           page += mem::kPageSize) {
        shadow_cache_->invalidate_page(page);
        if ((shadow_ram_->watchers(page) & mem::GuestRam::kWatchDevice) != 0) device_store_ = true;
      }
    });
    main_.translate_single_blocks();
    main_.set_before_fetch([this] { before_fetch(); });
  }
  ~Lockstep() override { shadow_ram_->set_watch_handler(nullptr); }
  Lockstep(const Lockstep&) = delete;
  Lockstep& operator=(const Lockstep&) = delete;

  exec::StopReason run(const exec::RunLimits& limits) override {
    // The machine maps its devices after building the engines: mirror them at the first run.
    if (shadow_devices_.empty()) {
      for (const mem::Bus::Window& window : hart_.bus().windows()) {
        shadow_devices_.push_back(std::make_unique<ShadowDevice>(device_touched_));
        if (auto r = shadow_bus_->map(window.base, window.size, *shadow_devices_.back()); !r) {
          throw std::runtime_error(r.error().message);
        }
      }
    }
    copy_ram();
    for (;;) {
      fetched_ = false;
      if (const auto stop = main_.step(limits)) return *stop;
      if (!fetched_) continue;
      ++stats_.lockstep_blocks;
      device_touched_ = false;
      device_store_ = false;
      replay(limits);
      if (device_touched_ || block_reads_volatile_csr()) {
        ++stats_.lockstep_unchecked;  // the translator's result is taken over at the next copy
      } else if (!same_state()) {
        report_(divergence_report());
        return exec::StopReason::kDivergence;
      }
      // A store to a device's RAM page (HTIF tohost) may have made the device write anywhere in
      // RAM (HTIF system calls): take RAM over.
      if (device_store_) copy_ram_contents();
    }
  }
  void service_requests() override { main_.service_requests(); }
  exec::CodeCache& code_cache() override { return main_.code_cache(); }
  exec::EngineStats stats() const override {
    exec::EngineStats stats = main_.stats();
    stats.lockstep_blocks = stats_.lockstep_blocks;
    stats.lockstep_unchecked = stats_.lockstep_unchecked;
    return stats;
  }

 private:
  // Each dispatch is checked from the translator's state right before it fetches: interrupts
  // (delivered by the translator's dispatcher), timer state and CSRs carry over, so the shadow
  // re-executes exactly the instructions the translator is about to run.
  void before_fetch() {
    copy_state();
    fetched_ = true;
    start_pc_ = hart_.s.pc;
  }

  // The shadow starts from a copy of guest RAM. Pages a device watches (HTIF's tohost) are
  // watched on the shadow too, so a store there ends the shadow's block where it ends the
  // translator's.
  void copy_ram() {
    const mem::GuestRam& ram = hart_.bus().ram();
    for (uint64_t a = ram.base(); a < ram.base() + ram.size(); a += mem::kPageSize) {
      copy_page(a);
      if ((ram.watchers(a) & mem::GuestRam::kWatchDevice) != 0) {
        shadow_ram_->add_watch(a, mem::GuestRam::kWatchDevice);
      }
    }
  }
  void copy_page(uint64_t address) {
    std::array<uint8_t, mem::kPageSize> page{};
    if (!hart_.bus().ram().read(address, page.data(), page.size()) ||
        !shadow_ram_->write(address, page.data(), page.size())) {
      throw std::runtime_error("lockstep: cannot copy guest RAM");
    }
  }
  void copy_ram_contents() {
    const mem::GuestRam& ram = hart_.bus().ram();
    for (uint64_t a = ram.base(); a < ram.base() + ram.size(); a += mem::kPageSize) copy_page(a);
  }

  // Decodes the block the last dispatch ran (as the shadow sees it), calling `visit` for each
  // instruction with its pc.
  template <typename Visit>
  void for_each_instruction(Visit visit) const {
    uint64_t paddr = 0;
    bool cacheable = false;
    uint64_t pc = start_pc_;
    for (unsigned n = 0;
         n < 128 && shadow_->fetch_translate(pc, paddr, cacheable) == cpu::MemStatus::kOk; ++n) {
      uint32_t raw = 0;
      if (!shadow_ram_->read(paddr, &raw, 4)) break;
      const isa::Decoded d = isa::decode(raw);
      visit(pc, d);
      pc += d.length;
      if (exec::ends_block(d.op) || (pc & (mem::kPageSize - 1)) == 0) break;
    }
  }
  bool block_reads_volatile_csr() const {
    bool found = false;
    for_each_instruction([&found](uint64_t /*pc*/, const isa::Decoded& d) {
      found = found || reads_volatile_csr(d);
    });
    return found;
  }

  void copy_state() {
    state::Writer out;
    hart_.save(out);
    state::Reader in(out.bytes());
    if (auto r = shadow_->restore(in); !r) throw std::runtime_error(r.error().message);
    shadow_->hypercalls = hart_.hypercalls;
  }

  // The interpreter's version of the dispatch the translator just did.
  void replay(const exec::RunLimits& limits) {
    cpu::Hart& h = *shadow_;
    const uint64_t pc = h.s.pc;
    uint64_t paddr = 0;
    bool cacheable = false;
    if (h.fetch_translate(pc, paddr, cacheable) != cpu::MemStatus::kOk) {
      h.take_exception(pc);
      return;
    }
    exec::Block* block = nullptr;
    if (cacheable) {
      block = shadow_cache_->find(paddr);
      if (block == nullptr) block = shadow_cache_->build(paddr);
    }
    if (block == nullptr || block->instructions > limits.max_instructions - h.s.instret) {
      exec::step_uncached(h, {});
    } else {
      ++block->runs;  // keeps it from the cache's sweeps
      exec::execute_block(h, *block);
    }
    h.waiting_for_interrupt = false;
  }

  bool same_state() const {
    const cpu::HartState& a = hart_.s;
    const cpu::HartState& b = shadow_->s;
    for (unsigned r = 0; r < 32; ++r) {
      if (a.x[r] != b.x[r] || a.f[r] != b.f[r]) return false;
    }
    return a.pc == b.pc && a.priv == b.priv && a.instret == b.instret && a.fflags == b.fflags &&
           a.frm == b.frm && a.mstatus == b.mstatus && a.mepc == b.mepc && a.mcause == b.mcause &&
           a.mtval == b.mtval && a.sepc == b.sepc && a.scause == b.scause && a.stval == b.stval &&
           a.satp == b.satp && a.reservation_valid == b.reservation_valid;
  }

  std::string divergence_report() const {
    const cpu::HartState& a = hart_.s;
    const cpu::HartState& b = shadow_->s;
    std::string text = fmt::format(
        "lockstep: divergence after the block at pc {:#x} (jit on the left, interp on the "
        "right)\n",
        start_pc_);
    for_each_instruction([&text](uint64_t pc, const isa::Decoded& d) {
      text += fmt::format("  {:016x}  {}\n", pc, isa::disassemble(d, pc));
    });
    const auto line = [&text](std::string_view name, uint64_t x, uint64_t y) {
      text += fmt::format("  {:<8} {:016x} {:016x}{}\n", name, x, y, x != y ? "  <--" : "");
    };
    line("pc", a.pc, b.pc);
    line("priv", static_cast<uint64_t>(a.priv), static_cast<uint64_t>(b.priv));
    line("instret", a.instret, b.instret);
    for (unsigned r = 1; r < 32; ++r) line(isa::register_name(r), a.x[r], b.x[r]);
    for (unsigned r = 0; r < 32; ++r) line(fmt::format("f{}", r), a.f[r], b.f[r]);
    line("fflags", a.fflags, b.fflags);
    line("mstatus", a.mstatus, b.mstatus);
    line("mepc", a.mepc, b.mepc);
    line("mcause", a.mcause, b.mcause);
    line("mtval", a.mtval, b.mtval);
    line("sepc", a.sepc, b.sepc);
    line("scause", a.scause, b.scause);
    line("stval", a.stval, b.stval);
    line("satp", a.satp, b.satp);
    return text;
  }

  cpu::Hart& hart_;
  Dispatcher main_;
  std::function<void(const std::string&)> report_;
  std::unique_ptr<mem::GuestRam> shadow_ram_;
  std::unique_ptr<mem::Bus> shadow_bus_;
  std::vector<std::unique_ptr<ShadowDevice>> shadow_devices_;
  bool device_touched_ = false;
  bool device_store_ = false;
  std::unique_ptr<cpu::Hart> shadow_;
  std::unique_ptr<exec::CodeCache> shadow_cache_;
  bool fetched_ = false;
  uint64_t start_pc_ = 0;
  exec::EngineStats stats_;
};

}  // namespace

std::unique_ptr<exec::Engine> make_lockstep_engine(cpu::Hart& hart, const std::atomic<bool>& stop,
                                                   const exec::EngineOptions& options) {
  auto buffer = CodeBuffer::create(options.jit_cache_bytes);
  if (!buffer) throw std::runtime_error(buffer.error().message);
  auto report = options.report;
  if (!report) report = [](const std::string& text) { fmt::print(stderr, "{}", text); };
  return std::make_unique<Lockstep>(hart, stop, std::move(*buffer), std::move(report));
}

}  // namespace strata::jit
