// A whole virtual machine on the virt board: guest RAM, the physical bus, N harts (one host thread
// each, running an exec::Engine), the devices (CLINT, PLIC, NS16550A UART, goldfish RTC, SiFive
// test finisher; HTIF for programs that define `tohost`), the device tree, and the SBI the monitor
// serves to directly booted kernels.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "backend/char_backend.h"
#include "cpu/clock.h"
#include "cpu/hart.h"
#include "dev/clint.h"
#include "dev/goldfish_rtc.h"
#include "dev/htif.h"
#include "dev/plic.h"
#include "dev/test_finisher.h"
#include "dev/timer_queue.h"
#include "dev/uart16550.h"
#include "exec/engine.h"
#include "jit/perf_map.h"
#include "machine/boot_plan.h"
#include "machine/sbi.h"
#include "machine/virtio_config.h"
#include "machine/virtio_devices.h"
#include "mem/bus.h"
#include "mem/guest_ram.h"
#include "util/error.h"
#include "virtio/mmio_transport.h"

namespace strata::machine {

inline constexpr uint64_t kRamBase = 0x8000'0000;
inline constexpr unsigned kMaxHarts = 32;

struct MachineConfig {
  uint64_t ram_size = 256ULL << 20;
  unsigned harts = 1;
  BootConfig boot;
  bool trace = false;  // print every executed instruction to stderr
  exec::EngineKind engine = exec::default_engine_kind();
  uint64_t jit_cache_bytes = exec::kDefaultJitCacheBytes;
  uint32_t jit_hot = exec::kDefaultJitHot;
  bool no_reboot = false;  // a guest reboot ends the run instead of resetting the machine
  // Name translated code for Linux perf in this file (jit/perf_map.h); empty: no map.
  std::string perf_map;
  VirtioConfig virtio;  // virtio devices, slot i = virtio.devices[i]
};

// Why a run ended.
enum class StopCause : uint8_t {
  kPowerOff,          // the guest powered off (finisher, SBI SRST, HTIF exit): see exit_status
  kReboot,            // the guest asked for a reset under --no-reboot
  kQuit,              // the user quit (Ctrl-A x, a signal)
  kTimeout,           // --timeout expired
  kInstructionLimit,  // a hart reached --max-insns
  kDivergence,        // --engine lockstep found the engines disagreeing
};

struct RunOutcome {
  StopCause cause = StopCause::kPowerOff;
  int exit_status = 0;  // the guest's, for kPowerOff
};

class Machine final : public SbiPlatform {
 public:
  // `console` is the UART's back end (and the SBI console's); the machine keeps it.
  [[nodiscard]] static Result<std::unique_ptr<Machine>> create(
      const MachineConfig& config, std::unique_ptr<backend::CharBackend> console);
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;
  ~Machine() override;

  // Runs every hart on its own thread until the guest or the user ends the run; a guest reboot
  // resets the machine and continues (unless --no-reboot).
  RunOutcome run(const exec::RunLimits& limits);
  // Ends the run from any thread.
  void request_stop(StopCause cause, int exit_status);

  unsigned harts() const { return static_cast<unsigned>(harts_.size()); }
  cpu::Hart& hart(unsigned index) { return *harts_[index]; }
  exec::Engine& engine(unsigned index) { return *engines_[index]; }
  mem::GuestRam& ram() { return *ram_; }
  // The virtio-mmio transport in slot `index` (< virtio_count()).
  size_t virtio_count() const { return virtio_transports_.size(); }
  virtio::MmioTransport& virtio_transport(size_t index) { return *virtio_transports_[index]; }
  const Sbi& sbi() const { return sbi_; }
  const BootPlan& boot_plan() const { return plan_; }

  void save(state::Writer& out) const;
  [[nodiscard]] Result<void> restore(state::Reader& in);

  // SbiPlatform.
  unsigned hart_count() const override { return harts(); }
  HsmState hart_state(unsigned hartid) const override;
  int64_t hart_start(unsigned hartid, uint64_t start_addr, uint64_t opaque) override;
  void hart_stop(cpu::Hart& caller) override;
  void send_ipi(unsigned hartid) override;
  void remote_sfence_vma(cpu::Hart& caller, unsigned hartid, uint64_t start,
                         uint64_t size) override;
  void remote_fence_i(cpu::Hart& caller, unsigned hartid) override;
  void system_reset(ResetType type, uint32_t reason) override;
  void console_write(std::span<const uint8_t> bytes) override;
  size_t console_read(std::span<uint8_t> buffer) override;

 private:
  explicit Machine(MachineConfig config) : config_(std::move(config)), sbi_(*this) {}

  // Builds the harts, devices and boot images; run again on reset.
  [[nodiscard]] Result<void> build();
  void apply_reset_state();
  void hart_thread(unsigned index, const exec::RunLimits& limits);
  // Waits until `target` has served a remote fence, serving the caller's own requests meanwhile
  // so two harts fencing each other cannot deadlock.
  void wait_for_sync(cpu::Hart& caller, unsigned target);
  void on_watched_write(uint64_t paddr, uint64_t length, int source_hart);
  void on_finisher(dev::TestFinisher::Event event, int code);

  MachineConfig config_;
  std::unique_ptr<backend::CharBackend> console_;
  std::unique_ptr<mem::GuestRam> ram_;
  std::unique_ptr<mem::Bus> bus_;
  // Virtio devices and their back ends live as long as the machine; their transports (the front
  // ends' register files, wired to this build's PLIC) are rebuilt with the board on reset.
  std::vector<VirtioDeviceInstance> virtio_devices_;
  cpu::Clock clock_;
  dev::TimerQueue timers_;
  std::vector<std::unique_ptr<cpu::Hart>> harts_;
  std::unique_ptr<jit::PerfMap> perf_map_;  // declared first: outlives the engines that write it
  std::vector<std::unique_ptr<exec::Engine>> engines_;
  std::unique_ptr<dev::Clint> clint_;
  std::unique_ptr<dev::Plic> plic_;
  std::unique_ptr<dev::Uart16550> uart_;
  std::unique_ptr<dev::GoldfishRtc> rtc_;
  std::unique_ptr<dev::TestFinisher> finisher_;
  std::unique_ptr<dev::Htif> htif_;
  std::vector<std::unique_ptr<virtio::MmioTransport>> virtio_transports_;
  Sbi sbi_;
  BootPlan plan_;

  // HSM: each hart's state, and the start request a stopped hart waits for.
  struct HartControl {
    std::atomic<HsmState> state{HsmState::kStopped};
    uint64_t start_address = 0;
    uint64_t start_opaque = 0;
  };
  std::unique_ptr<HartControl[]> control_;
  std::mutex control_mutex_;
  std::condition_variable control_changed_;

  // stop_ makes the engines return (for a stop or a reset); stopping_ records that the run is
  // really ending, with stop_cause_ and exit_status_ from the first request.
  std::atomic<bool> stop_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> reset_requested_{false};
  std::atomic<StopCause> stop_cause_{StopCause::kPowerOff};
  std::atomic<int> exit_status_{0};
};

}  // namespace strata::machine
