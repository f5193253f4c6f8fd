#include "machine/machine.h"

#include <fmt/format.h>

#include "cpu/pmp.h"
#include "exec/code_cache.h"
#include "machine/fdt_builder.h"

namespace strata::machine {
namespace {

constexpr uint32_t kMachineSection = state::tag("MACH");
constexpr uint32_t kMachineVersion = 1;

// What the hart offers, as the device tree's riscv,isa string.
constexpr const char* kIsaString = "rv64imafdc_zicsr_zifencei_zicntr_zihintpause_zba_zbb_zbs_sstc";

// The machine-level state a directly booted kernel expects to find, as OpenSBI would leave it:
// exceptions and supervisor interrupts delegated to S-mode (S-mode ECALLs are hypercalls, so
// they never trap), counters readable from S-mode, Sstc on, and PMP opening all of memory.
void set_up_supervisor_environment(cpu::Hart& hart) {
  hart.s.medeleg = cpu::kDelegableExceptions & ~(1ULL << 9);
  hart.s.mideleg = cpu::kDelegableInterrupts;
  hart.s.mcounteren = 0x7;  // CY, TM, IR
  // TM for U-mode too: the vDSO's clock_gettime reads `time`. Linux 6.1 only opens it in its SBI
  // PMU driver, which this SBI (no PMU extension) does not start, so user programs got SIGILL.
  hart.s.scounteren = 0x2;
  hart.s.menvcfg = 1ULL << 63;       // STCE: the kernel may program stimecmp itself
  hart.s.pmp.addr[0] = ~0ULL >> 10;  // NAPOT over the whole physical address space
  hart.s.pmp.cfg[0] = cpu::pmpcfg::kR | cpu::pmpcfg::kW | cpu::pmpcfg::kX |
                      (cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift);
}

}  // namespace

Result<std::unique_ptr<Machine>> Machine::create(const MachineConfig& config,
                                                 std::unique_ptr<backend::CharBackend> console) {
  if (config.harts == 0 || config.harts > kMaxHarts) {
    return fail("--cpus {}: strata runs 1 to {} harts", config.harts, kMaxHarts);
  }
  if (!exec::engine_available(config.engine)) {
    return fail("--engine {}: not available on this host", exec::engine_name(config.engine));
  }
  if (config.engine == exec::EngineKind::kLockstep && config.harts != 1) {
    return fail("--engine lockstep runs one hart only (--cpus 1)");
  }
  std::unique_ptr<Machine> m(new Machine(config));
  m->console_ = std::move(console);
  if (!config.perf_map.empty()) {
    auto map = jit::PerfMap::create(config.perf_map);
    if (!map) return std::unexpected(map.error());
    m->perf_map_ = std::move(*map);
  }
  auto ram = mem::GuestRam::create(kRamBase, config.ram_size);
  if (!ram) return std::unexpected(ram.error());
  m->ram_ = std::move(*ram);
  m->ram_->set_watch_handler([self = m.get()](uint64_t paddr, uint64_t length, int source_hart) {
    self->on_watched_write(paddr, length, source_hart);
  });
  auto devices = make_virtio_devices(
      config.virtio,
      VirtioEnvironment{m->ram_.get(), config.boot.kernel + '\n' + config.boot.append,
                        [self = m.get()] { self->request_stop(StopCause::kQuit, 0); }});
  if (!devices) return std::unexpected(devices.error());
  m->virtio_devices_ = std::move(*devices);
  if (auto r = m->build(); !r) return std::unexpected(r.error());
  return m;
}

Machine::~Machine() {
  request_stop(StopCause::kQuit, 0);
  if (ram_) ram_->set_watch_handler(nullptr);
}

Result<void> Machine::build() {
  // Tear down in dependency order: engines use their harts and the bus (their code caches drop
  // their watch bits), devices point at harts, harts at the bus.
  engines_.clear();
  virtio_transports_.clear();  // resets the devices' front ends
  htif_.reset();
  finisher_.reset();
  rtc_.reset();
  uart_.reset();
  plic_.reset();
  clint_.reset();
  bus_.reset();
  harts_.clear();

  const unsigned n = config_.harts;
  bus_ = std::make_unique<mem::Bus>(*ram_);
  std::vector<cpu::Hart*> hart_pointers;
  for (unsigned h = 0; h < n; ++h) {
    harts_.push_back(std::make_unique<cpu::Hart>(h, *bus_, clock_));
    hart_pointers.push_back(harts_.back().get());
  }
  for (unsigned h = 0; h < n; ++h) {
    exec::EngineOptions options;
    options.jit_cache_bytes = config_.jit_cache_bytes;
    options.jit_hot = config_.jit_hot;
    if (perf_map_) {
      options.on_translated = [map = perf_map_.get(), h](const void* code, size_t bytes,
                                                         uint64_t paddr) {
        map->add(code, bytes, h, paddr);
      };
    }
    if (config_.trace) {
      options.trace = [h, n](const std::string& line) {
        if (n == 1) {
          fmt::print(stderr, "{}\n", line);
        } else {
          fmt::print(stderr, "[{}] {}\n", h, line);
        }
      };
    }
    engines_.push_back(exec::make_engine(config_.engine, *harts_[h], stop_, options));
    // A page that becomes code on one hart loses its cached write permission on every hart.
    engines_.back()->code_cache().set_write_revoker([this](uint64_t page) {
      for (auto& hart : harts_) hart->drop_write_permission(page);
    });
  }
  control_ = std::make_unique<HartControl[]>(n);

  clint_ = std::make_unique<dev::Clint>(hart_pointers, clock_);
  plic_ = std::make_unique<dev::Plic>(hart_pointers);
  uart_ = std::make_unique<dev::Uart16550>(console_.get(),
                                           dev::IrqLine{plic_.get(), dev::Uart16550::kIrq});
  rtc_ = std::make_unique<dev::GoldfishRtc>(dev::IrqLine{plic_.get(), dev::GoldfishRtc::kIrq},
                                            &timers_);
  finisher_ = std::make_unique<dev::TestFinisher>(
      [this](dev::TestFinisher::Event event, int code) { on_finisher(event, code); });
  struct Mapping {
    uint64_t base;
    uint64_t size;
    dev::MmioDevice& device;
  };
  for (const Mapping& mapping :
       {Mapping{dev::Clint::kBase, dev::Clint::kSize, *clint_},
        Mapping{dev::Plic::kBase, dev::Plic::kSize, *plic_},
        Mapping{dev::Uart16550::kBase, dev::Uart16550::kSize, *uart_},
        Mapping{dev::GoldfishRtc::kBase, dev::GoldfishRtc::kSize, *rtc_},
        Mapping{dev::TestFinisher::kBase, dev::TestFinisher::kSize, *finisher_}}) {
    if (auto r = bus_->map(mapping.base, mapping.size, mapping.device); !r) return r;
  }
  std::vector<VirtioSlot> virtio_slots;
  for (size_t i = 0; i < virtio_devices_.size(); ++i) {
    const VirtioSlot slot = virtio_slot(static_cast<unsigned>(i));
    virtio_transports_.push_back(std::make_unique<virtio::MmioTransport>(
        *ram_, dev::IrqLine{plic_.get(), slot.irq}, *virtio_devices_[i].device,
        virtio_devices_[i].version));
    if (auto r = bus_->map(slot.base, slot.size, *virtio_transports_.back()); !r) return r;
    virtio_slots.push_back(slot);
  }

  BoardDescription board;
  board.harts = n;
  board.isa = kIsaString;
  board.mmu_type = "riscv,sv57";
  board.ram_base = ram_->base();
  board.ram_size = ram_->size();
  board.timebase_hz = cpu::Clock::kFrequency;
  board.virtio = virtio_slots;
  // Without --append the kernel's console is the UART only: Linux would otherwise also enable
  // the SBI console and print everything twice.
  board.bootargs = "console=ttyS0";
  auto plan = prepare_boot(config_.boot, board, *ram_);
  if (!plan) return std::unexpected(plan.error());
  plan_ = *plan;

  if (plan_.kernel && plan_.kernel->tohost) {
    const uint64_t tohost = *plan_.kernel->tohost;
    if (!ram_->contains(tohost, 8)) {
      return fail("{}: tohost at {:#x} is outside guest RAM", config_.boot.kernel, tohost);
    }
    htif_ = std::make_unique<dev::Htif>(
        *ram_, tohost, plan_.kernel->fromhost,
        [this](int status) { request_stop(StopCause::kPowerOff, status); },
        [this](int /*fd*/, const std::string& text) {
          console_->write(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
        });
  }
  apply_reset_state();
  return {};
}

void Machine::apply_reset_state() {
  for (unsigned h = 0; h < harts(); ++h) {
    cpu::Hart& hart = *harts_[h];
    const HartReset reset = hart_reset_state(plan_, h);
    hart.s.pc = reset.pc;
    hart.s.x[10] = reset.a0;
    hart.s.x[11] = reset.a1;
    hart.s.x[12] = reset.a2;
    if (plan_.supervisor_entry) {
      set_up_supervisor_environment(hart);
      hart.hypercalls = &sbi_;
    }
    hart.set_priv(reset.mode);
    hart.flush_tlb();
    control_[h].state = reset.running ? HsmState::kStarted : HsmState::kStopped;
  }
}

RunOutcome Machine::run(const exec::RunLimits& limits) {
  for (;;) {
    std::vector<std::thread> threads;
    threads.reserve(harts());
    for (unsigned h = 0; h < harts(); ++h) {
      threads.emplace_back([this, h, &limits] { hart_thread(h, limits); });
    }
    for (std::thread& t : threads) t.join();
    // A stop (power-off, timeout, quit) wins over a reset requested at the same time, and a
    // guest that keeps resetting is still bounded by --timeout.
    if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
      request_stop(StopCause::kTimeout, 0);
    }
    if (stopping_.load() || !reset_requested_.exchange(false)) break;
    // A guest reboot: fresh RAM, devices and harts, the same boot images.
    stop_.store(false);
    // Devices stop touching RAM before it is wiped.
    for (auto& transport : virtio_transports_) transport->reset();
    ram_->discard();
    if (auto r = build(); !r) {
      fmt::print(stderr, "strata: reset failed: {}\n", r.error().message);
      return {StopCause::kPowerOff, 1};
    }
  }
  return {stop_cause_.load(), exit_status_.load()};
}

void Machine::hart_thread(unsigned index, const exec::RunLimits& limits) {
  cpu::Hart& hart = *harts_[index];
  HartControl& control = control_[index];
  for (;;) {
    {
      std::unique_lock lock(control_mutex_);
      const auto runnable = [&] {
        const HsmState state = control.state.load();
        return stop_.load() || state == HsmState::kStarted || state == HsmState::kStartPending;
      };
      if (limits.deadline) {
        if (!control_changed_.wait_until(lock, *limits.deadline, runnable)) {
          lock.unlock();
          request_stop(StopCause::kTimeout, 0);
          return;
        }
      } else {
        control_changed_.wait(lock, runnable);
      }
      if (stop_.load()) return;
      if (control.state.load() == HsmState::kStartPending) {
        // SBI HSM hart_start: S-mode at start_addr, a0 = hartid, a1 = opaque, translation off.
        hart.s.pc = control.start_address;
        hart.s.x[10] = index;
        hart.s.x[11] = control.start_opaque;
        hart.s.satp = 0;
        hart.set_priv(cpu::Priv::kSupervisor);
        control.state.store(HsmState::kStarted);
      }
    }
    // Whatever was requested of this hart while it was stopped is served before it runs.
    engines_[index]->service_requests();
    hart.flush_tlb();
    switch (engines_[index]->run(limits)) {
      case exec::StopReason::kParked:
        control.state.store(HsmState::kStopped);
        control_changed_.notify_all();
        continue;
      case exec::StopReason::kStopRequested: return;
      case exec::StopReason::kTimeout: request_stop(StopCause::kTimeout, 0); return;
      case exec::StopReason::kInstructionLimit:
        request_stop(StopCause::kInstructionLimit, 0);
        return;
      case exec::StopReason::kDivergence: request_stop(StopCause::kDivergence, 0); return;
    }
  }
}

void Machine::request_stop(StopCause cause, int exit_status) {
  if (!stopping_.exchange(true)) {
    stop_cause_.store(cause);
    exit_status_.store(exit_status);
  }
  stop_.store(true);
  for (auto& hart : harts_) hart->wake();
  const std::lock_guard lock(control_mutex_);
  control_changed_.notify_all();
}

void Machine::on_finisher(dev::TestFinisher::Event event, int code) {
  switch (event) {
    case dev::TestFinisher::Event::kPass: request_stop(StopCause::kPowerOff, 0); break;
    case dev::TestFinisher::Event::kFail: request_stop(StopCause::kPowerOff, code); break;
    case dev::TestFinisher::Event::kReset: system_reset(ResetType::kColdReboot, 0); break;
  }
}

void Machine::on_watched_write(uint64_t paddr, uint64_t length, int source_hart) {
  bool device_page = false;
  for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
       page += mem::kPageSize) {
    const uint64_t watchers = ram_->watchers(page);
    device_page = device_page || (watchers & mem::GuestRam::kWatchDevice) != 0;
    for (unsigned h = 0; h < engines_.size(); ++h) {
      if ((watchers & mem::GuestRam::code_watch_bit(h)) == 0) continue;
      // The storing hart drops its own blocks now; another hart may be executing its blocks, so
      // it drops them itself at its next block boundary.
      if (static_cast<int>(h) == source_hart) {
        engines_[h]->code_cache().invalidate_page(page);
      } else {
        engines_[h]->code_cache().request_invalidation(page);
      }
    }
  }
  if (htif_ && device_page) htif_->on_write(paddr, length);
}

HsmState Machine::hart_state(unsigned hartid) const {
  return control_[hartid].state.load();
}

int64_t Machine::hart_start(unsigned hartid, uint64_t start_addr, uint64_t opaque) {
  {
    const std::lock_guard lock(control_mutex_);
    HartControl& control = control_[hartid];
    if (control.state.load() != HsmState::kStopped) return kSbiErrAlreadyAvailable;
    control.start_address = start_addr;
    control.start_opaque = opaque;
    control.state.store(HsmState::kStartPending);
  }
  control_changed_.notify_all();
  return kSbiSuccess;
}

void Machine::hart_stop(cpu::Hart& caller) {
  control_[caller.s.hartid].state.store(HsmState::kStopPending);
  caller.request_park();
}

void Machine::send_ipi(unsigned hartid) {
  harts_[hartid]->s.mip.fetch_or(cpu::mip::kSSIP);
  harts_[hartid]->wake();
}

void Machine::wait_for_sync(cpu::Hart& caller, unsigned target) {
  if (control_[target].state.load() != HsmState::kStarted) return;  // flushes when it starts
  const uint64_t ticket = harts_[target]->request_sync();
  while (!harts_[target]->sync_completed(ticket)) {
    if (stop_.load() || control_[target].state.load() != HsmState::kStarted) return;
    engines_[caller.s.hartid]->service_requests();
    std::this_thread::yield();
  }
}

void Machine::remote_sfence_vma(cpu::Hart& caller, unsigned hartid, uint64_t start, uint64_t size) {
  if (hartid != caller.s.hartid) {
    wait_for_sync(caller, hartid);
    return;
  }
  // The whole TLB for large ranges (and size = -1, "everything"), else page by page.
  constexpr uint64_t kPageByPageLimit = 64 * mem::kPageSize;
  if (size == 0 || size > kPageByPageLimit) {
    caller.flush_tlb();
    return;
  }
  for (uint64_t va = start & ~(mem::kPageSize - 1); va < start + size; va += mem::kPageSize) {
    caller.flush_tlb_page(va);
  }
}

void Machine::remote_fence_i(cpu::Hart& caller, unsigned hartid) {
  // The caller's own code cache is already coherent: its stores invalidate synchronously.
  if (hartid != caller.s.hartid) wait_for_sync(caller, hartid);
}

void Machine::system_reset(ResetType type, uint32_t /*reason*/) {
  if (type == ResetType::kShutdown) {
    request_stop(StopCause::kPowerOff, 0);
    return;
  }
  if (config_.no_reboot) {
    request_stop(StopCause::kReboot, 0);
    return;
  }
  reset_requested_.store(true);
  for (auto& hart : harts_) hart->wake();
  stop_.store(true);
  const std::lock_guard lock(control_mutex_);
  control_changed_.notify_all();
}

void Machine::console_write(std::span<const uint8_t> bytes) {
  console_->write(bytes);
}

// The UART owns console input; SBI console reads (legacy getchar, DBCN read) see none.
size_t Machine::console_read(std::span<uint8_t> /*buffer*/) {
  return 0;
}

void Machine::save(state::Writer& out) const {
  out.begin(kMachineSection, kMachineVersion);
  out.put(static_cast<uint32_t>(harts_.size()));
  out.put(ram_->size());
  for (unsigned h = 0; h < harts(); ++h) out.put(control_[h].state.load());
  out.end();
  for (const auto& hart : harts_) hart->save(out);
  clint_->save(out);
  plic_->save(out);
  uart_->save(out);
  rtc_->save(out);
  finisher_->save(out);
  if (htif_) htif_->save(out);
  for (const auto& transport : virtio_transports_) transport->save(out);
}

Result<void> Machine::restore(state::Reader& in) {
  if (auto version = in.begin(kMachineSection, kMachineVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto hart_count = in.get<uint32_t>();
  const auto ram_size = in.get<uint64_t>();
  if (hart_count != harts_.size() || ram_size != ram_->size()) {
    return fail("state is for {} harts and {} bytes of RAM, this machine has {} and {}", hart_count,
                ram_size, harts_.size(), ram_->size());
  }
  std::vector<HsmState> states(hart_count);
  for (HsmState& state : states) state = in.get<HsmState>();
  if (auto end = in.end(); !end) return end;
  for (auto& hart : harts_) {
    if (auto r = hart->restore(in); !r) return r;
  }
  for (dev::MmioDevice* device : std::initializer_list<dev::MmioDevice*>{
           clint_.get(), plic_.get(), uart_.get(), rtc_.get(), finisher_.get()}) {
    if (auto r = device->restore(in); !r) return r;
  }
  if (htif_) {
    if (auto r = htif_->restore(in); !r) return r;
  }
  for (auto& transport : virtio_transports_) {
    if (auto r = transport->restore(in); !r) return r;
  }
  for (unsigned h = 0; h < hart_count; ++h) control_[h].state.store(states[h]);
  return {};
}

}  // namespace strata::machine
