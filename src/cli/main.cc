// The strata command.
//
// Exit status of `strata run`: the guest's own status when it ends the run (HTIF exit);
// 2 for an error in the command line or its inputs; 124 when --timeout expires; 125 when
// --max-insns is reached.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "machine/machine.h"
#include "util/size.h"

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitTimeout = 124;
constexpr int kExitInstructionLimit = 125;

struct RunOptions {
  std::string bios = "none";
  std::string kernel;
  std::string memory = "256M";
  uint64_t max_instructions = 0;
  double timeout_seconds = 0;
  bool trace = false;
};

void write_output(int fd, const std::string& text) {
  std::FILE* stream = fd == 2 ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

int run(const RunOptions& options) {
  if (options.bios != "none") {
    fmt::print(stderr, "strata: --bios {}: firmware boot is not available yet; use --bios none\n",
               options.bios);
    return kExitUsage;
  }
  auto ram_size = strata::parse_size(options.memory);
  if (!ram_size) {
    fmt::print(stderr, "strata: --mem: {}\n", ram_size.error().message);
    return kExitUsage;
  }
  if (*ram_size == 0 || *ram_size % 4096 != 0) {
    fmt::print(stderr, "strata: --mem {}: must be a positive multiple of 4 KiB\n", options.memory);
    return kExitUsage;
  }
  strata::machine::MachineConfig config;
  config.ram_size = *ram_size;
  config.kernel = options.kernel;
  config.trace = options.trace;
  auto machine = strata::machine::Machine::create(config, write_output);
  if (!machine) {
    fmt::print(stderr, "strata: {}\n", machine.error().message);
    return kExitUsage;
  }
  strata::exec::RunLimits limits;
  if (options.max_instructions != 0) limits.max_instructions = options.max_instructions;
  if (options.timeout_seconds > 0) {
    limits.deadline = std::chrono::steady_clock::now() +
                      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double>(options.timeout_seconds));
  }
  const strata::machine::RunOutcome outcome = (*machine)->run(limits);
  switch (outcome.reason) {
    case strata::exec::StopReason::kTimeout:
      fmt::print(stderr, "strata: timeout: the guest ran for {} s without finishing\n",
                 options.timeout_seconds);
      return kExitTimeout;
    case strata::exec::StopReason::kInstructionLimit:
      fmt::print(stderr, "strata: instruction limit: the guest retired {} instructions\n",
                 options.max_instructions);
      return kExitInstructionLimit;
    case strata::exec::StopReason::kStopRequested:
    case strata::exec::StopReason::kParked: break;
  }
  return outcome.exit_status;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"strata: a virtual machine monitor for RISC-V (RV64GC) guests"};
  app.require_subcommand(1);
  RunOptions options;
  CLI::App* run_command = app.add_subcommand("run", "Run a guest");
  run_command->add_option("--bios", options.bios, "Firmware: 'none' runs --kernel in M-mode")
      ->capture_default_str();
  run_command->add_option("--kernel", options.kernel, "The program or kernel to run")
      ->required()
      ->check(CLI::ExistingFile);
  run_command->add_option("--mem", options.memory, "Guest RAM size (e.g. 256M, 1G)")
      ->capture_default_str();
  run_command
      ->add_option("--max-insns", options.max_instructions,
                   "Stop after this many guest instructions (exit status 125)")
      ->check(CLI::PositiveNumber);
  run_command
      ->add_option("--timeout", options.timeout_seconds,
                   "Stop after this many seconds of wall time (exit status 124)")
      ->check(CLI::PositiveNumber);
  run_command->add_flag("--trace", options.trace,
                        "Print every executed instruction to stderr (pc, disassembly, result)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : kExitUsage;
  }
  return run(options);
} catch (const std::exception& e) {
  // Only host resource exhaustion (std::bad_alloc and the like) gets here; say so and stop.
  fmt::print(stderr, "strata: {}\n", e.what());
  return 1;
}
