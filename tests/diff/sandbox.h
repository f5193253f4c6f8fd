// One isolated machine for the differential test: guest RAM, a bus with a scratch device that
// also ends the run, a hart and the engine under test, all in-process. Each program gets a fresh
// hart and engine; RAM is reused and cleared.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cpu/clock.h"
#include "cpu/hart.h"
#include "dev/mmio_device.h"
#include "exec/engine.h"
#include "mem/bus.h"
#include "mem/guest_ram.h"
#include "program.h"

namespace strata::diff {

using EngineFactory =
    std::function<std::unique_ptr<exec::Engine>(cpu::Hart& hart, const std::atomic<bool>& stop)>;

// Names accepted by engine_factory: exec's engines ("interp", "jit", "lockstep" where
// available), "jit-small" (the translator with the smallest code cache, so it flushes often)
// and "interp-trace" (the interpreter printing every instruction on stderr).
std::vector<std::string> engine_names();
// nullptr for an unknown name.
EngineFactory engine_factory(std::string_view name);

// Everything the comparison looks at after a run.
struct FinalState {
  std::array<uint64_t, 32> x{};
  std::array<uint64_t, 32> f{};
  uint64_t pc = 0;
  cpu::Priv priv = cpu::Priv::kMachine;
  uint8_t fflags = 0;
  uint8_t frm = 0;
  uint64_t mstatus = 0;
  uint64_t mcause = 0;
  uint64_t mepc = 0;
  uint64_t mtval = 0;
  uint64_t mscratch = 0;
  uint64_t sscratch = 0;
  uint64_t sepc = 0;
  uint64_t scause = 0;
  uint64_t stval = 0;
  uint64_t satp = 0;
  uint64_t instret = 0;
  uint64_t cycle_offset = 0;
  uint64_t memory_hash = 0;  // the program's part of RAM and the scratch device
  exec::StopReason stop = exec::StopReason::kStopRequested;
  bool at_sentinel = false;  // reached the final jump-to-self
};

class Sandbox {
 public:
  Sandbox(std::string engine, EngineFactory factory);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const std::string& engine_name() const { return engine_name_; }

  // Loads the program and its initial state into a fresh hart and engine, runs it for at most
  // `max_instructions`, and returns the final state.
  FinalState run(const Program& program, const Image& image, uint64_t max_instructions);

  // Guest RAM as the last run left it (for reporting differing words).
  const uint8_t* ram() const { return ram_->host(layout::kRamBase); }
  const std::vector<uint8_t>& device_bytes() const;
  // What the engine of the last run counted.
  exec::EngineStats engine_stats() const {
    return engine_ ? engine_->stats() : exec::EngineStats{};
  }

 private:
  class Device;
  void load(const Program& program, const Image& image);
  // Sv39 tables at `root` mapping the layout's pages (see program.h), optionally with two data
  // pages swapped.
  void build_page_tables(const Program& program, uint64_t root, bool swap_data);

  std::string engine_name_;
  EngineFactory factory_;
  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<mem::Bus> bus_;
  std::unique_ptr<Device> device_;
  cpu::Clock clock_;
  std::atomic<bool> stop_{false};
  std::unique_ptr<cpu::Hart> hart_;
  std::unique_ptr<exec::Engine> engine_;
};

}  // namespace strata::diff
