#include "sandbox.h"

#include <chrono>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "cpu/pmp.h"
#include "cpu/pte.h"
#include "exec/code_cache.h"
#include "generator.h"

namespace strata::diff {
namespace {

uint64_t mix(uint64_t hash, uint64_t value) {
  hash ^= value + 0x9e37'79b9'7f4a'7c15ULL + (hash << 6) + (hash >> 2);
  return hash * 0xff51'afd7'ed55'8ccdULL;
}

namespace pte = cpu::pte;

}  // namespace

std::vector<std::string> engine_names() {
  std::vector<std::string> names;
  for (const exec::EngineKind kind :
       {exec::EngineKind::kInterp, exec::EngineKind::kJit, exec::EngineKind::kLockstep}) {
    if (exec::engine_available(kind)) names.emplace_back(exec::engine_name(kind));
  }
  if (exec::engine_available(exec::EngineKind::kJit)) {
    names.emplace_back("jit-small");
    names.emplace_back("jit-tiered");
  }
  names.emplace_back("interp-trace");
  return names;
}

EngineFactory engine_factory(std::string_view name) {
  exec::EngineOptions options;
  // Translate every block on its first run, so the programs test the translator; jit-tiered
  // mixes interpreted and translated blocks as a real run does. A region is formed again with
  // its jump targets after its first indirect jump to its own page (then after 16), where a
  // program's loops reach it: short programs test it too.
  options.jit_hot = 1;
  options.jit_form_again_after = 1;
  std::optional<exec::EngineKind> kind = exec::parse_engine_kind(name);
  if (name == "jit-small") {
    kind = exec::EngineKind::kJit;
    options.jit_cache_bytes = exec::kMinJitCacheBytes;
  } else if (name == "jit-tiered") {
    kind = exec::EngineKind::kJit;
    options.jit_hot = 2;
    options.jit_form_again_after = 3;
  } else if (name == "interp-trace") {
    kind = exec::EngineKind::kInterp;
    options.trace = [](const std::string& line) { fmt::print(stderr, "{}\n", line); };
  }
  if (!kind || !exec::engine_available(*kind)) return nullptr;
  return [kind = *kind, options](cpu::Hart& hart, const std::atomic<bool>& stop) {
    return exec::make_engine(kind, hart, stop, options);
  };
}

// Offset 0 ends the run when written; everything else is byte-addressed scratch memory, so
// programs exercise the engines' MMIO paths with results the comparison can see.
class Sandbox::Device final : public dev::MmioDevice {
 public:
  explicit Device(std::atomic<bool>& stop) : stop_(stop), bytes_(layout::kDeviceSize, 0) {}

  void attach(cpu::Hart* hart) { hart_ = hart; }
  void clear() { std::fill(bytes_.begin(), bytes_.end(), 0); }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

  std::string_view name() const override { return "diff-device"; }
  uint64_t read(uint64_t offset, unsigned size) override {
    uint64_t value = 0;
    std::memcpy(&value, &bytes_[offset], size);
    return value;
  }
  void write(uint64_t offset, unsigned size, uint64_t value) override {
    if (offset == 0) {
      stop_.store(true, std::memory_order_release);
      if (hart_ != nullptr) {
        hart_->s.exit_request.store(1, std::memory_order_release);
        hart_->wake();
      }
      return;
    }
    std::memcpy(&bytes_[offset], &value, size);
  }
  void save(state::Writer& /*out*/) const override {}
  Result<void> restore(state::Reader& /*in*/) override { return {}; }

 private:
  std::atomic<bool>& stop_;
  cpu::Hart* hart_ = nullptr;
  std::vector<uint8_t> bytes_;
};

Sandbox::Sandbox(std::string engine, EngineFactory factory)
    : engine_name_(std::move(engine)), factory_(std::move(factory)) {
  auto created = mem::GuestRam::create(layout::kRamBase, layout::kRamSize);
  if (!created) throw std::runtime_error(created.error().message);
  ram_ = std::move(*created);
  bus_ = std::make_unique<mem::Bus>(*ram_);
  device_ = std::make_unique<Device>(stop_);
  if (auto mapped = bus_->map(layout::kDevice, layout::kDeviceSize, *device_); !mapped) {
    throw std::runtime_error(mapped.error().message);
  }
  ram_->set_watch_handler([this](uint64_t paddr, uint64_t length, int /*source_hart*/) {
    if (!engine_) return;
    for (uint64_t page = paddr & ~(mem::kPageSize - 1); page < paddr + length;
         page += mem::kPageSize) {
      engine_->code_cache().invalidate_page(page);
    }
  });
}

Sandbox::~Sandbox() {
  ram_->set_watch_handler(nullptr);
  engine_.reset();
}

const std::vector<uint8_t>& Sandbox::device_bytes() const {
  return device_->bytes();
}

void Sandbox::build_page_tables(const Program& program, uint64_t root, bool swap_data) {
  using namespace layout;
  // U-mode code, and M-mode code with MPRV (MPP = U), needs U pages.
  const uint64_t user = program.initial.priv != cpu::Priv::kSupervisor ? pte::kU : 0;
  const uint64_t ram_l1 = root + 0x1000;
  const uint64_t ram_l0 = root + 0x2000;
  const uint64_t io_l1 = root + 0x3000;
  const auto put = [&](uint64_t slot, uint64_t value) {
    std::memcpy(ram_->host(slot), &value, sizeof value);
  };
  const auto table = [](uint64_t next) { return ((next >> 12) << 10) | pte::kV; };
  const auto leaf = [](uint64_t pa, uint64_t flags) {
    return ((pa >> 12) << 10) | flags | pte::kV;
  };
  put(root + 8 * ((kRamBase >> 30) & 0x1ff), table(ram_l1));
  put(ram_l1 + 8 * ((kRamBase >> 21) & 0x1ff), table(ram_l0));
  put(root + 8 * ((kDevice >> 30) & 0x1ff), table(io_l1));
  put(io_l1 + 8 * ((kDevice >> 21) & 0x1ff),
      leaf(kDevice & ~((1ULL << 21) - 1), pte::kR | pte::kW | pte::kA | pte::kD | user));
  const auto map = [&](uint64_t page, uint64_t flags) {
    // The second set of tables swaps the first and third data pages.
    uint64_t target = page;
    if (swap_data && page == kData) target = kData + 0x2000;
    if (swap_data && page == kData + 0x2000) target = kData;
    put(ram_l0 + 8 * ((page >> 12) & 0x1ff), leaf(target, flags));
  };
  map(kTrapArea, pte::kR | pte::kW | pte::kA | pte::kD | user);
  for (uint64_t page = kCode; page < kCodeLimit; page += 0x1000) {
    map(page, pte::kR | pte::kX | pte::kA | user);
  }
  for (uint64_t page = kData; page < kData + kDataSize; page += 0x1000) {
    uint64_t flags = pte::kR | pte::kW | pte::kA | pte::kD | user;
    // S-mode reaches the second data page only with SUM.
    if (page == kData + 0x1000 && user == 0) flags |= pte::kU;
    if (page == kData + 0x3000 && program.initial.data_page3_clean) flags &= ~(pte::kA | pte::kD);
    map(page, flags);
  }
  map(kReadOnlyPage, pte::kR | pte::kA | user);
  map(kSupervisorPage, pte::kR | pte::kW | pte::kA | pte::kD);
  map(kExecuteOnlyPage, pte::kX | pte::kA | user);
}

void Sandbox::load(const Program& program, const Image& image) {
  using namespace layout;
  std::memset(ram_->host(kRamBase), 0, kHashedBytes);
  device_->clear();
  const std::vector<uint32_t> handler = trap_handler();
  std::memcpy(ram_->host(kTrapHandler), handler.data(), handler.size() * sizeof(uint32_t));
  std::memcpy(ram_->host(image.base), image.bytes.data(), image.bytes.size());
  std::memcpy(ram_->host(kData), program.data.data(), program.data.size());
  // Fills the protected and special pages (read-only, supervisor, execute-only, unmapped) with
  // the data's pattern, so loads that succeed read something other than zeros.
  for (uint64_t page = kReadOnlyPage; page <= kUnmappedPage; page += 0x1000) {
    std::memcpy(ram_->host(page), program.data.data(), 0x1000);
  }
  std::memset(ram_->host(kLastPage), 0, kRamEnd - kLastPage);
  if (program.initial.paging) {
    build_page_tables(program, kPageTables, false);
    build_page_tables(program, kPageTables2, true);
  }
}

FinalState Sandbox::run(const Program& program, const Image& image, uint64_t max_instructions) {
  engine_.reset();
  device_->attach(nullptr);
  hart_.reset();
  stop_.store(false);
  load(program, image);

  hart_ = std::make_unique<cpu::Hart>(0, *bus_, clock_);
  cpu::HartState& s = hart_->s;
  const InitialState& init = program.initial;
  for (unsigned r = 1; r < 32; ++r) s.x[r] = init.x[r];
  s.f = init.f;
  s.pc = image.entry;
  s.fflags = init.fflags;
  s.frm = init.frm;
  s.mstatus = cpu::mstatus::kXlen64 | init.mstatus;
  s.mtvec = layout::kTrapHandler;
  s.mie = cpu::mip::kSSIP;  // programs raise supervisor software interrupts themselves
  s.mcounteren = 5;         // cycle and instret, not time (it would make runs differ)
  s.scounteren = 5;
  // PMP: the read-only page is locked read-only for every mode (M included), unless the program
  // asks for direct accesses; entry 15 opens everything else to S and U.
  if (!init.pmp_open) {
    s.pmp.addr[0] = (layout::kReadOnlyPage >> 2) | 0x1ff;
    s.pmp.cfg[0] = cpu::pmpcfg::kR | cpu::pmpcfg::kLocked |
                   static_cast<uint8_t>(cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift);
  }
  s.pmp.addr[15] = (1ULL << 54) - 1;
  s.pmp.cfg[15] = cpu::pmpcfg::kR | cpu::pmpcfg::kW | cpu::pmpcfg::kX |
                  static_cast<uint8_t>(cpu::pmpcfg::kNapot << cpu::pmpcfg::kAShift);
  if (init.paging) s.satp = (8ULL << 60) | (layout::kPageTables >> 12);
  hart_->set_priv(init.priv);
  hart_->flush_tlb();
  device_->attach(hart_.get());
  engine_ = factory_(*hart_, stop_);

  exec::RunLimits limits;
  limits.max_instructions = max_instructions;
  limits.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  FinalState out;
  out.stop = engine_->run(limits);

  out.x = {};
  for (unsigned r = 0; r < 32; ++r) out.x[r] = s.x[r];
  out.f = s.f;
  out.pc = s.pc;
  out.priv = s.priv;
  out.fflags = s.fflags;
  out.frm = s.frm;
  out.mstatus = s.mstatus;
  out.mcause = s.mcause;
  out.mepc = s.mepc;
  out.mtval = s.mtval;
  out.mscratch = s.mscratch;
  out.sscratch = s.sscratch;
  out.sepc = s.sepc;
  out.scause = s.scause;
  out.stval = s.stval;
  out.satp = s.satp;
  out.instret = s.instret;
  out.cycle_offset = s.cycle_offset;
  out.at_sentinel = s.pc == image.sentinel;
  uint64_t hash = 0;
  const uint8_t* bytes = ram();
  for (const auto& [begin, end] : layout::kHashedRanges) {
    for (uint64_t paddr = begin; paddr < end; paddr += 8) {
      uint64_t v = 0;
      std::memcpy(&v, bytes + (paddr - layout::kRamBase), 8);
      hash = mix(hash, v);
    }
  }
  for (const uint8_t b : device_->bytes()) hash = mix(hash, b);
  out.memory_hash = hash;
  return out;
}

}  // namespace strata::diff
