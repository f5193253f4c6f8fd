// The platform-level interrupt controller, laid out like the SiFive PLIC of QEMU's virt machine:
// 96 sources (1-95; 0 means "none"), priorities 0-7, two contexts per hart.
//   0x00'0000 + 4*source   priority        0 never interrupts
//   0x00'1000 + 4*word     pending bits    read-only
//   0x00'2000 + 0x80*ctx   enable bits     per context, 3 words
//   0x20'0000 + 0x1000*ctx threshold       a context sees sources with priority > threshold
//   0x20'0004 + 0x1000*ctx claim/complete  read: claim; write an id: complete
// Context 2h is hart h's M-mode (drives MEIP), 2h+1 its S-mode (drives SEIP).
//
// Sources are level-triggered. The gateway keeps a source's pending bit equal to its level while
// it is not in flight (as QEMU does, so a device that lowered its line before anyone claimed it is
// not reported); a claim clears the bit and puts the source in flight; the claiming context's
// completion ends the flight and samples the level again. Completions of sources the context did
// not claim, or has not enabled, are ignored. Claims, like interrupt notification, consider only
// sources above the context's threshold (ties go to the lowest id).
//
// Registers are 32 bits wide; other access sizes and misaligned accesses read 0 and are ignored.
// Devices call set_level() from any thread and harts access registers from theirs: one mutex
// guards everything, and each context's MEIP/SEIP follows every change under it.
#pragma once

#include <array>
#include <mutex>
#include <vector>

#include "cpu/hart.h"
#include "dev/irq.h"
#include "dev/mmio_device.h"

namespace strata::dev {

class Plic final : public MmioDevice, public InterruptController {
 public:
  static constexpr uint64_t kBase = 0x0c00'0000;
  static constexpr uint64_t kSize = 0x60'0000;
  static constexpr unsigned kSources = 96;  // including the reserved source 0
  static constexpr uint32_t kMaxPriority = 7;

  // Register offsets.
  static constexpr uint64_t kPriority = 0x0;
  static constexpr uint64_t kPending = 0x1000;
  static constexpr uint64_t kEnable = 0x2000;
  static constexpr uint64_t kEnableStride = 0x80;
  static constexpr uint64_t kContext = 0x20'0000;
  static constexpr uint64_t kContextStride = 0x1000;
  static constexpr uint64_t kThreshold = 0x0;  // within a context's block
  static constexpr uint64_t kClaim = 0x4;

  explicit Plic(std::vector<cpu::Hart*> harts);

  std::string_view name() const override { return "plic"; }
  uint64_t read(uint64_t offset, unsigned size) override;
  void write(uint64_t offset, unsigned size, uint64_t value) override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

  void set_level(unsigned source, bool asserted) override;

  unsigned contexts() const { return static_cast<unsigned>(contexts_.size()); }

 private:
  static constexpr unsigned kWords = kSources / 32;
  static constexpr uint32_t kNobody = ~0U;
  using Bits = std::array<uint32_t, kWords>;

  struct Context {
    Bits enable{};
    uint32_t threshold = 0;
    bool output = false;  // the MEIP/SEIP level last given to the hart
  };

  static bool test(const Bits& bits, unsigned source) {
    return ((bits[source / 32] >> (source % 32)) & 1U) != 0;
  }
  static void assign(Bits& bits, unsigned source, bool value);

  uint32_t read_register(uint64_t offset);
  void write_register(uint64_t offset, uint32_t value);
  // The highest-priority pending, enabled source above the context's threshold, or 0.
  unsigned best_source(const Context& context) const;
  uint32_t claim(unsigned context);
  void complete(unsigned context, uint32_t source);
  // Brings every context's MEIP/SEIP up to date; `force` writes them even if unchanged.
  void update_outputs(bool force = false);

  std::vector<cpu::Hart*> harts_;
  mutable std::mutex mutex_;
  std::array<uint32_t, kSources> priority_{};
  Bits level_{};                              // the input lines
  Bits pending_{};                            // the gateways' requests
  Bits claimed_{};                            // in flight: claimed, not completed
  std::array<uint32_t, kSources> claimer_{};  // the context that claimed an in-flight source
  std::vector<Context> contexts_;
};

}  // namespace strata::dev
