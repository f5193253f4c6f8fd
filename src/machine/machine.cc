#include "machine/machine.h"

#include "machine/elf_loader.h"

namespace strata::machine {
namespace {
constexpr uint32_t kMachineSection = state::tag("MACH");
constexpr uint32_t kMachineVersion = 1;
}  // namespace

Result<std::unique_ptr<Machine>> Machine::create(const MachineConfig& config,
                                                 OutputHandler output) {
  std::unique_ptr<Machine> m(new Machine());
  auto ram = mem::GuestRam::create(kRamBase, config.ram_size);
  if (!ram) return std::unexpected(ram.error());
  m->ram_ = std::move(*ram);
  m->bus_ = std::make_unique<mem::Bus>(*m->ram_);

  m->harts_.push_back(std::make_unique<cpu::Hart>(0, *m->bus_, m->clock_));
  m->engines_.push_back(std::make_unique<exec::Interpreter>(*m->harts_[0], m->stop_));

  m->clint_ = std::make_unique<dev::Clint>(std::vector<cpu::Hart*>{m->harts_[0].get()}, m->clock_);
  if (auto r = m->bus_->map(dev::Clint::kBase, dev::Clint::kSize, *m->clint_); !r) {
    return std::unexpected(r.error());
  }

  auto elf = load_elf(config.kernel, *m->ram_);
  if (!elf) return std::unexpected(elf.error());
  if (const std::optional<uint64_t> tohost = elf->tohost; tohost) {
    if (!m->ram_->contains(*tohost, 8)) {
      return fail("{}: tohost at {:#x} is outside guest RAM", config.kernel, *tohost);
    }
    Machine* self = m.get();
    m->htif_ = std::make_unique<dev::Htif>(
        *m->ram_, *tohost, elf->fromhost, [self](int status) { self->request_stop(status); },
        std::move(output));
  }
  m->ram_->set_watch_handler([self = m.get()](uint64_t paddr, uint64_t length, int source_hart) {
    self->on_watched_write(paddr, length, source_hart);
  });

  cpu::Hart& boot = *m->harts_[0];
  boot.s.pc = elf->entry;
  if (config.trace) {
    m->engines_[0]->set_trace([](const std::string& line) { fmt::print(stderr, "{}\n", line); });
  }
  return m;
}

Machine::~Machine() {
  if (ram_) ram_->set_watch_handler(nullptr);
}

void Machine::on_watched_write(uint64_t paddr, uint64_t length, int source_hart) {
  bool device_page = false;
  for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
       page += mem::kPageSize) {
    const uint64_t watchers = ram_->watchers(page);
    device_page = device_page || (watchers & mem::GuestRam::kWatchDevice) != 0;
    for (unsigned h = 0; h < engines_.size(); ++h) {
      if ((watchers & mem::GuestRam::code_watch_bit(h)) == 0) continue;
      // The storing hart may drop its own blocks now; another hart may be executing its blocks,
      // so it drops them itself at its next block boundary.
      if (static_cast<int>(h) == source_hart) {
        engines_[h]->code_cache().invalidate_page(page);
      } else {
        engines_[h]->code_cache().request_invalidation(page);
      }
    }
  }
  if (htif_ && device_page) htif_->on_write(paddr, length);
}

void Machine::request_stop(int exit_status) {
  exit_status_.store(exit_status);
  stop_.store(true, std::memory_order_release);
  for (auto& hart : harts_) hart->wake();
}

RunOutcome Machine::run(const exec::RunLimits& limits) {
  RunOutcome outcome;
  outcome.reason = engines_[0]->run(limits);
  outcome.exit_status = exit_status_.load();
  return outcome;
}

void Machine::save(state::Writer& out) const {
  out.begin(kMachineSection, kMachineVersion);
  out.put(static_cast<uint32_t>(harts_.size()));
  out.put(ram_->size());
  out.end();
  for (const auto& hart : harts_) hart->save(out);
  clint_->save(out);
  if (htif_) htif_->save(out);
}

Result<void> Machine::restore(state::Reader& in) {
  if (auto version = in.begin(kMachineSection, kMachineVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto harts = in.get<uint32_t>();
  const auto ram_size = in.get<uint64_t>();
  if (auto end = in.end(); !end) return end;
  if (harts != harts_.size() || ram_size != ram_->size()) {
    return fail("state is for {} harts and {} bytes of RAM, this machine has {} and {}", harts,
                ram_size, harts_.size(), ram_->size());
  }
  for (auto& hart : harts_) {
    if (auto r = hart->restore(in); !r) return r;
  }
  if (auto r = clint_->restore(in); !r) return r;
  if (htif_) {
    if (auto r = htif_->restore(in); !r) return r;
  }
  return {};
}

}  // namespace strata::machine
