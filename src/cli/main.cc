// The strata command. `strata run` boots a guest on the virt board; see README.md for the
// options and docs/cli.md for exit statuses.
#include <pthread.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigwait

#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "backend/char_backend_factory.h"
#include "cli/img_command.h"
#include "cli/switch_command.h"
#include "control/control_client.h"
#include "control/vm_control.h"
#include "jit/perf_map.h"
#include "machine/machine.h"
#include "machine/virtio_config.h"
#include "util/size.h"

namespace {

constexpr int kExitError = 2;
constexpr int kExitTimeout = 124;
constexpr int kExitInstructionLimit = 125;
constexpr int kExitDivergence = 3;
constexpr int kExitSignalBase = 128;

struct RunOptions {
  strata::machine::BootConfig boot;
  std::string memory = "256M";
  unsigned cpus = 1;
  std::string serial = "stdio";
  bool no_reboot = false;
  uint64_t max_instructions = 0;
  double timeout_seconds = 0;
  bool trace = false;
  bool stats = false;
  bool perf_map = false;
  strata::machine::VirtioConfig virtio;
  std::string engine = strata::exec::engine_name(strata::exec::default_engine_kind());
  std::string jit_cache = "64M";
  std::string control;  // --control unix:PATH
  uint32_t jit_hot = strata::exec::kDefaultJitHot;
};

// The virtio flags, each repeatable; slots follow their order on the command line.
class VirtioFlags final {
 public:
  explicit VirtioFlags(CLI::App& command) {
    add(command, kDisk, "PATH[,format=raw|qcow2][,readonly=on][,serial=S][,legacy=on]",
        "A virtio-blk disk (repeatable)");
    add(command, kNet,
        "user[,hostfwd=tcp::HOSTPORT-:GUESTPORT...]|tap:NAME|switch:SOCKET[,mac=M][,legacy=on]",
        "A virtio-net NIC (repeatable)");
    add(command, kRng, "[=legacy=on]", "A virtio-rng entropy device fed by the host");
    add(command, kBalloon, "[=legacy=on][,reporting=off][,deflate-on-oom=off]",
        "A virtio-balloon device, driven through --control (docs/balloon.md)");
    add(command, kConsole, "[=BACKEND][,legacy=on]",
        "A virtio-console (hvc1 in the default guest) on a back end as for --serial (default "
        "stdio)");
  }

  // Parses the values in command-line order into `config`; false after printing the error.
  bool parse(const CLI::App& command, strata::machine::VirtioConfig& config) {
    for (const CLI::Option* option : command.parse_order()) {
      for (Flag& flag : flags_) {
        if (flag.option != option) continue;
        // parse_order() lists an option once per occurrence; a bare --rng has an empty value.
        const size_t occurrence = flag.next_occurrence++;
        const std::string value = occurrence < flag.values.size() ? flag.values[occurrence] : "";
        auto device = parse_one(flag.kind, value);
        if (!device) {
          fmt::print(stderr, "strata: {} {}: {}\n", flag.option->get_name(), value,
                     device.error().message);
          return false;
        }
        config.devices.push_back(*device);
      }
    }
    return true;
  }

 private:
  enum Kind : uint8_t { kDisk, kNet, kRng, kBalloon, kConsole };
  struct Flag {
    Kind kind;
    CLI::Option* option = nullptr;
    std::vector<std::string> values;
    size_t next_occurrence = 0;
  };

  void add(CLI::App& command, Kind kind, const char* value_help, const char* help) {
    static constexpr const char* kNames[] = {"--disk", "--net", "--rng", "--balloon", "--vconsole"};
    Flag& flag = flags_[kind];
    flag.kind = kind;
    flag.option = command.add_option(kNames[kind], flag.values, help)->type_name(value_help);
    // The device flags without a main argument take an optional value, given as --rng=legacy=on
    // so a bare --rng never swallows the next argument.
    if (kind == kRng || kind == kBalloon || kind == kConsole) flag.option->expected(0, 1);
    flag.option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }

  static strata::Result<strata::machine::VirtioDeviceConfig> parse_one(Kind kind,
                                                                       const std::string& value) {
    using strata::machine::VirtioDeviceConfig;
    auto wrap = [](auto parsed) -> strata::Result<VirtioDeviceConfig> {
      if (!parsed) return std::unexpected(parsed.error());
      return VirtioDeviceConfig{*parsed};
    };
    switch (kind) {
      case kDisk: return wrap(strata::machine::parse_disk(value));
      case kNet: return wrap(strata::machine::parse_net(value));
      case kRng: return wrap(strata::machine::parse_rng(value));
      case kBalloon: return wrap(strata::machine::parse_balloon(value));
      case kConsole: return wrap(strata::machine::parse_console(value));
    }
    return wrap(strata::machine::parse_rng(value));
  }

  std::array<Flag, 5> flags_{};
};

// Turns SIGINT/SIGTERM/SIGHUP into an orderly stop: the signals are blocked in every thread and
// one thread waits for them. (In a raw terminal Ctrl-C goes to the guest; Ctrl-A x quits.)
class SignalWatcher final {
 public:
  explicit SignalWatcher(strata::machine::Machine& machine) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGHUP);
    sigaddset(&set_, SIGUSR1);  // our own "stop watching"
    thread_ = std::thread([this, &machine] {
      int signal = 0;
      while (sigwait(&set_, &signal) == 0 && signal != SIGUSR1) {
        machine.request_stop(strata::machine::StopCause::kQuit, kExitSignalBase + signal);
      }
    });
  }
  ~SignalWatcher() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Blocks the watched signals in the calling thread and every thread it creates afterwards.
  static void block_in_this_thread() {
    sigset_t set;
    sigemptyset(&set);
    for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1}) sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

 private:
  sigset_t set_{};
  std::thread thread_;
};

double percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Trap counts by cause code, e.g. "exceptions: 8=12 13=40" (only the causes that occurred).
void print_causes(const char* what, const std::array<uint64_t, 16>& counts) {
  std::string line;
  for (unsigned code = 0; code < counts.size(); ++code) {
    if (counts[code] != 0) line += fmt::format(" {}={}", code, counts[code]);
  }
  if (!line.empty()) fmt::print(stderr, "    {} by cause:{}\n", what, line);
}

void print_stats(strata::machine::Machine& machine, double seconds) {
  uint64_t total = 0;
  fmt::print(stderr, "strata: stats after {:.3f} s\n", seconds);
  for (unsigned h = 0; h < machine.harts(); ++h) {
    const uint64_t instret = machine.hart(h).s.instret;
    total += instret;
    const strata::exec::EngineStats s = machine.engine(h).stats();
    const strata::cpu::Hart::Counters& c = machine.hart(h).counters;
    fmt::print(stderr,
               "  hart {}: {} instructions, {} blocks decoded ({} dropped idle, {} held), {} TLB "
               "misses (the TLB has {} entries now)\n",
               h, instret, s.blocks_decoded, s.blocks_swept, s.blocks_held, c.tlb_misses,
               machine.hart(h).tlb_size());
    print_causes("exceptions", c.exceptions);
    print_causes("interrupts", c.interrupts);
    if (s.blocks_translated == 0 && s.blocks_interpreted == 0) continue;
    fmt::print(stderr, "    interpreted {} runs of blocks not yet hot (--jit-hot)\n",
               s.blocks_interpreted);
    fmt::print(stderr,
               "    translated {} regions of {} blocks ({} formed again with the targets of "
               "their indirect jumps; {:.1f} KiB of host code in use, {} cache flushes) in "
               "{:.3f} s ({:.0f} regions/s, {:.1f}% of the run)\n",
               s.blocks_translated, s.region_blocks, s.regions_formed_again,
               static_cast<double>(s.code_bytes) / 1024.0, s.cache_flushes,
               static_cast<double>(s.translate_ns) / 1e9,
               s.translate_ns == 0 ? 0.0
                                   : static_cast<double>(s.blocks_translated) * 1e9 /
                                         static_cast<double>(s.translate_ns),
               seconds > 0 ? static_cast<double>(s.translate_ns) / 1e7 / seconds : 0.0);
    fmt::print(stderr,
               "    dispatcher entries {}, chainable exits {} ({} patched), lookups {} "
               "({:.1f}% hits), slow paths {}\n",
               s.dispatches, s.chain_exits, s.chains_patched, s.lookups,
               percent(s.lookup_hits, s.lookups), s.slow_paths);
    if (s.lockstep_blocks != 0) {
      fmt::print(stderr,
                 "    lockstep: {} dispatches re-executed by the interpreter, {} of them not "
                 "comparable (device access, time or pending-interrupt CSR read)\n",
                 s.lockstep_blocks, s.lockstep_unchecked);
    }
  }
  fmt::print(stderr, "  total: {} instructions, {:.1f} million per second\n", total,
             seconds > 0 ? static_cast<double>(total) / seconds / 1e6 : 0.0);
  fmt::print(stderr, "  SBI calls by extension:\n");
  for (const auto& counter : machine.sbi().counters()) {
    const uint64_t calls = counter.calls.load();
    if (calls != 0) fmt::print(stderr, "    {:<24} {}\n", counter.name, calls);
  }
}

int run(const RunOptions& options) {
  auto ram_size = strata::parse_size(options.memory);
  if (!ram_size) {
    fmt::print(stderr, "strata: --mem: {}\n", ram_size.error().message);
    return kExitError;
  }
  if (*ram_size == 0 || *ram_size % 4096 != 0) {
    fmt::print(stderr, "strata: --mem {}: must be a positive multiple of 4 KiB\n", options.memory);
    return kExitError;
  }
  for (const auto& device : options.virtio.devices) {
    const auto* console = std::get_if<strata::machine::ConsoleConfig>(&device);
    if (console != nullptr && console->backend == "stdio" && options.serial == "stdio") {
      fmt::print(stderr,
                 "strata: --vconsole and --serial cannot both use stdio: give one of them "
                 "another back end (e.g. --serial null --vconsole, or --vconsole=pty)\n");
      return kExitError;
    }
  }
  SignalWatcher::block_in_this_thread();
  strata::machine::Machine* machine_for_quit = nullptr;
  strata::backend::CharBackendOptions console_options;
  console_options.on_quit = [&machine_for_quit] {
    if (machine_for_quit != nullptr) {
      machine_for_quit->request_stop(strata::machine::StopCause::kQuit, 0);
    }
  };
  auto console = strata::backend::make_char_backend(options.serial, console_options);
  if (!console) {
    fmt::print(stderr, "strata: --serial {}: {}\n", options.serial, console.error().message);
    return kExitError;
  }
  strata::machine::MachineConfig config;
  config.ram_size = *ram_size;
  config.harts = options.cpus;
  config.boot = options.boot;
  config.trace = options.trace;
  if (options.perf_map) config.perf_map = strata::jit::PerfMap::default_path();
  config.no_reboot = options.no_reboot;
  config.virtio = options.virtio;
  const auto engine = strata::exec::parse_engine_kind(options.engine);
  if (!engine) {
    fmt::print(stderr, "strata: --engine {}: expected interp, jit or lockstep\n", options.engine);
    return kExitError;
  }
  config.engine = *engine;
  auto jit_cache = strata::parse_size(options.jit_cache);
  if (!jit_cache) {
    fmt::print(stderr, "strata: --jit-cache: {}\n", jit_cache.error().message);
    return kExitError;
  }
  if (*jit_cache < strata::exec::kMinJitCacheBytes ||
      *jit_cache > strata::exec::kMaxJitCacheBytes) {
    fmt::print(stderr, "strata: --jit-cache {}: must be at least {} KiB and at most {} MiB\n",
               options.jit_cache, strata::exec::kMinJitCacheBytes >> 10,
               strata::exec::kMaxJitCacheBytes >> 20);
    return kExitError;
  }
  config.jit_cache_bytes = *jit_cache;
  config.jit_hot = options.jit_hot;
  auto created = strata::machine::Machine::create(config, std::move(*console));
  if (!created) {
    fmt::print(stderr, "strata: {}\n", created.error().message);
    return kExitError;
  }
  strata::machine::Machine& machine = **created;
  machine_for_quit = &machine;
  std::unique_ptr<strata::control::VmControl> control;
  if (!options.control.empty()) {
    auto started = strata::control::VmControl::start(options.control, machine);
    if (!started) {
      fmt::print(stderr, "strata: {}\n", started.error().message);
      return kExitError;
    }
    control = std::move(*started);
  }
  const SignalWatcher signals(machine);

  strata::exec::RunLimits limits;
  if (options.max_instructions != 0) limits.max_instructions = options.max_instructions;
  const auto start = std::chrono::steady_clock::now();
  if (options.timeout_seconds > 0) {
    limits.deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(options.timeout_seconds));
  }
  const strata::machine::RunOutcome outcome = machine.run(limits);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.stats) print_stats(machine, seconds);

  switch (outcome.cause) {
    case strata::machine::StopCause::kPowerOff:
    case strata::machine::StopCause::kQuit: return outcome.exit_status;
    case strata::machine::StopCause::kReboot:
      fmt::print(stderr, "strata: the guest asked for a reboot (--no-reboot)\n");
      return 0;
    case strata::machine::StopCause::kTimeout:
      fmt::print(stderr, "strata: timeout: the guest ran for {} s without finishing\n",
                 options.timeout_seconds);
      return kExitTimeout;
    case strata::machine::StopCause::kInstructionLimit:
      fmt::print(stderr, "strata: instruction limit: a hart retired {} instructions\n",
                 options.max_instructions);
      return kExitInstructionLimit;
    case strata::machine::StopCause::kDivergence:
      fmt::print(stderr, "strata: lockstep: the engines diverged (report above)\n");
      return kExitDivergence;
  }
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"strata: a virtual machine monitor for RISC-V (RV64GC) guests"};
  app.require_subcommand(1);
  RunOptions options;
  CLI::App* run_command = app.add_subcommand("run", "Run a guest on the virt board");
  run_command->add_option("--kernel", options.boot.kernel,
                          "Kernel or program: a Linux Image, an ELF or a raw binary");
  run_command->add_option("--bios", options.boot.bios,
                          "Firmware: unset = the monitor serves SBI to an S-mode kernel; "
                          "'none' = run --kernel in M-mode; 'default' = Debian's OpenSBI; or a "
                          "file");
  run_command->add_option("--initrd", options.boot.initrd, "Initial RAM disk for the kernel");
  run_command->add_option("--append", options.boot.append, "Kernel command line");
  run_command->add_option("--dtb", options.boot.dtb, "Use this device tree blob");
  run_command->add_option("--dump-dtb", options.boot.dump_dtb,
                          "Write the guest's device tree blob to this file");
  run_command->add_option("--mem", options.memory, "Guest RAM size (e.g. 256M, 1G)")
      ->capture_default_str();
  run_command->add_option("--cpus", options.cpus, "Number of harts (1 to 32)")
      ->capture_default_str();
  run_command
      ->add_option("--serial", options.serial,
                   "Console back end: stdio, null, pty, file:PATH, unix:PATH")
      ->capture_default_str();
  run_command->add_flag("--no-reboot", options.no_reboot,
                        "Exit (status 0) when the guest reboots instead of resetting");
  run_command
      ->add_option("--max-insns", options.max_instructions,
                   "Stop when a hart has retired this many instructions (exit status 125)")
      ->check(CLI::PositiveNumber);
  run_command
      ->add_option("--timeout", options.timeout_seconds,
                   "Stop after this many seconds of wall time (exit status 124)")
      ->check(CLI::PositiveNumber);
  run_command->add_flag("--trace", options.trace,
                        "Print every executed instruction to stderr (pc, disassembly, result)");
  run_command->add_flag("--stats", options.stats, "Print execution statistics at exit");
  run_command->add_flag("--perf-map", options.perf_map,
                        "Name translated code for Linux perf in /tmp/perf-PID.map (by hart and "
                        "guest physical address)");
  VirtioFlags virtio_flags(*run_command);
  run_command
      ->add_option("--engine", options.engine,
                   "Execution engine: interp (reference interpreter), jit (x86-64 binary "
                   "translator), lockstep (jit checked against interp, one hart)")
      ->capture_default_str();
  run_command
      ->add_option("--jit-cache", options.jit_cache,
                   "Translated-code buffer per hart (e.g. 64M); flushed whole when full")
      ->capture_default_str();
  run_command
      ->add_option("--jit-hot", options.jit_hot,
                   "Translate a block on its Nth run; the interpreter runs it before (1: at once)")
      ->check(CLI::Range(1U, 1U << 20))
      ->capture_default_str();
  const auto switch_options = strata::cli::add_switch_command(app);
  const strata::cli::ImgCommand img(app);
  run_command->add_option("--control", options.control,
                          "Control socket for JSON commands (balloon, stats...): unix:PATH");

  std::string ctl_socket;
  std::vector<std::string> ctl_requests;
  double ctl_timeout = 10;
  CLI::App* ctl_command =
      app.add_subcommand("ctl", "Send JSON commands to a running VM's --control socket");
  ctl_command->add_option("--socket", ctl_socket, "The PATH of the VM's --control unix:PATH")
      ->required();
  ctl_command->add_option("--timeout", ctl_timeout, "Seconds to wait for each reply")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  ctl_command
      ->add_option("request", ctl_requests,
                   R"(Requests, one JSON object each, e.g. '{"execute":"query-balloon"}')")
      ->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : kExitError;
  }
  if (app.got_subcommand("switch")) return strata::cli::run_switch(*switch_options);
  if (img.chosen()) return img.run();
  if (ctl_command->parsed()) return strata::control::run_ctl(ctl_socket, ctl_requests, ctl_timeout);
  if (!virtio_flags.parse(*run_command, options.virtio)) return kExitError;
  return run(options);
} catch (const std::exception& e) {
  // Only host resource exhaustion (std::bad_alloc and the like) gets here; say so and stop.
  fmt::print(stderr, "strata: {}\n", e.what());
  return 1;
}
