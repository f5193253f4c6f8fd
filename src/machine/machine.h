// A whole virtual machine: guest RAM, the physical bus, the harts and their engines, and the
// devices. This is the bare-metal HTIF machine of the foundation: RAM at 0x8000_0000, the CLINT,
// and HTIF when the program defines `tohost`. The virt board builds on it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cpu/clock.h"
#include "cpu/hart.h"
#include "dev/clint.h"
#include "dev/htif.h"
#include "exec/interpreter.h"
#include "mem/bus.h"
#include "mem/guest_ram.h"
#include "util/error.h"

namespace strata::machine {

inline constexpr uint64_t kRamBase = 0x8000'0000;

struct MachineConfig {
  uint64_t ram_size = 256ULL << 20;
  std::string kernel;  // a bare-metal ELF, run in M-mode at its entry point
  bool trace = false;
};

struct RunOutcome {
  exec::StopReason reason = exec::StopReason::kStopRequested;
  int exit_status = 0;  // the guest's, when it asked to stop
};

class Machine final {
 public:
  using OutputHandler = dev::Htif::OutputHandler;

  [[nodiscard]] static Result<std::unique_ptr<Machine>> create(const MachineConfig& config,
                                                               OutputHandler output);
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;
  ~Machine();

  RunOutcome run(const exec::RunLimits& limits);
  // Ends the run from any thread (a signal handler thread, a test).
  void request_stop(int exit_status);

  cpu::Hart& hart(unsigned index) { return *harts_[index]; }
  mem::GuestRam& ram() { return *ram_; }
  exec::Interpreter& interpreter(unsigned index) { return *engines_[index]; }

  void save(state::Writer& out) const;
  [[nodiscard]] Result<void> restore(state::Reader& in);

 private:
  Machine() = default;
  void on_watched_write(uint64_t paddr, uint64_t length, int source_hart);

  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<mem::Bus> bus_;
  cpu::Clock clock_;
  std::vector<std::unique_ptr<cpu::Hart>> harts_;
  std::vector<std::unique_ptr<exec::Interpreter>> engines_;
  std::unique_ptr<dev::Clint> clint_;
  std::unique_ptr<dev::Htif> htif_;
  std::atomic<bool> stop_{false};
  std::atomic<int> exit_status_{0};
};

}  // namespace strata::machine
