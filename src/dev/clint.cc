#include "dev/clint.h"

namespace strata::dev {
namespace {

constexpr uint64_t kMsip = 0x0000;
constexpr uint64_t kMtimecmp = 0x4000;
constexpr uint64_t kMtime = 0xbff8;
constexpr uint32_t kSection = state::tag("CLNT");
constexpr uint32_t kVersion = 1;

// Reads `size` bytes at byte `offset` within a 64-bit register.
uint64_t extract(uint64_t reg, uint64_t offset, unsigned size) {
  const uint64_t value = reg >> (8 * offset);
  return size == 8 ? value : value & ((1ULL << (8 * size)) - 1);
}
// Replaces `size` bytes at byte `offset` within a 64-bit register.
uint64_t insert(uint64_t reg, uint64_t offset, unsigned size, uint64_t value) {
  const uint64_t mask = (size == 8 ? ~0ULL : ((1ULL << (8 * size)) - 1)) << (8 * offset);
  return (reg & ~mask) | ((value << (8 * offset)) & mask);
}

}  // namespace

Clint::Clint(std::vector<cpu::Hart*> harts, cpu::Clock& clock)
    : harts_(std::move(harts)), clock_(clock) {}

uint64_t Clint::read(uint64_t offset, unsigned size) {
  if (offset < kMsip + 4 * harts_.size()) {
    const cpu::Hart& hart = *harts_[offset / 4];
    const uint64_t msip = (hart.s.mip_external.load() & cpu::mip::kMSIP) != 0 ? 1 : 0;
    return extract(msip, offset % 4, size);
  }
  if (offset >= kMtimecmp && offset < kMtimecmp + 8 * harts_.size()) {
    return extract(harts_[(offset - kMtimecmp) / 8]->s.mtimecmp, (offset - kMtimecmp) % 8, size);
  }
  if (offset >= kMtime && offset < kMtime + 8) return extract(clock_.now(), offset - kMtime, size);
  return 0;
}

void Clint::write(uint64_t offset, unsigned size, uint64_t value) {
  if (offset < kMsip + 4 * harts_.size()) {
    if (offset % 4 != 0) return;  // only bit 0 of each msip word exists
    cpu::Hart& hart = *harts_[offset / 4];
    if ((value & 1U) != 0) {
      hart.raise_external(cpu::mip::kMSIP);
    } else {
      hart.lower_external(cpu::mip::kMSIP);
    }
    return;
  }
  if (offset >= kMtimecmp && offset < kMtimecmp + 8 * harts_.size()) {
    cpu::Hart& hart = *harts_[(offset - kMtimecmp) / 8];
    hart.s.mtimecmp = insert(hart.s.mtimecmp, (offset - kMtimecmp) % 8, size, value);
    hart.wake();  // the hart re-evaluates its timer interrupt at its next block boundary
    return;
  }
  if (offset >= kMtime && offset < kMtime + 8) {
    clock_.set(insert(clock_.now(), offset - kMtime, size, value));
    for (cpu::Hart* hart : harts_) hart->wake();
  }
}

// mtimecmp and msip live with the harts (and are saved with them); the CLINT saves mtime.
void Clint::save(state::Writer& out) const {
  out.begin(kSection, kVersion);
  out.put(clock_.now());
  out.end();
}

Result<void> Clint::restore(state::Reader& in) {
  if (auto version = in.begin(kSection, kVersion); !version)
    return std::unexpected(version.error());
  const auto mtime = in.get<uint64_t>();
  if (auto end = in.end(); !end) return end;
  clock_.set(mtime);
  return {};
}

}  // namespace strata::dev
