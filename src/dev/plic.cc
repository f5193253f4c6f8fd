#include "dev/plic.h"

#include <bit>

#include "cpu/privilege.h"

namespace strata::dev {
namespace {

constexpr uint32_t kSection = state::tag("PLIC");
constexpr uint32_t kVersion = 1;

}  // namespace

Plic::Plic(std::vector<cpu::Hart*> harts) : harts_(std::move(harts)), contexts_(2 * harts_.size()) {
  claimer_.fill(kNobody);
}

void Plic::assign(Bits& bits, unsigned source, bool value) {
  const uint32_t mask = 1U << (source % 32);
  bits[source / 32] = value ? (bits[source / 32] | mask) : (bits[source / 32] & ~mask);
}

uint64_t Plic::read(uint64_t offset, unsigned size) {
  if (size != 4 || offset % 4 != 0) return 0;
  const std::lock_guard lock(mutex_);
  return read_register(offset);
}

void Plic::write(uint64_t offset, unsigned size, uint64_t value) {
  if (size != 4 || offset % 4 != 0) return;
  const std::lock_guard lock(mutex_);
  write_register(offset, static_cast<uint32_t>(value));
}

uint32_t Plic::read_register(uint64_t offset) {
  if (offset < kPending) {
    const uint64_t source = (offset - kPriority) / 4;
    return source < kSources ? priority_[source] : 0;
  }
  if (offset < kEnable) {
    const uint64_t word = (offset - kPending) / 4;
    return word < kWords ? pending_[word] : 0;
  }
  if (offset < kContext) {
    const uint64_t context = (offset - kEnable) / kEnableStride;
    const uint64_t word = (offset - kEnable) % kEnableStride / 4;
    return context < contexts_.size() && word < kWords ? contexts_[context].enable[word] : 0;
  }
  const uint64_t context = (offset - kContext) / kContextStride;
  if (context >= contexts_.size()) return 0;
  switch ((offset - kContext) % kContextStride) {
    case kThreshold: return contexts_[context].threshold;
    case kClaim: return claim(static_cast<unsigned>(context));
    default: return 0;
  }
}

void Plic::write_register(uint64_t offset, uint32_t value) {
  if (offset < kPending) {
    const uint64_t source = (offset - kPriority) / 4;
    if (source == 0 || source >= kSources) return;
    priority_[source] = value & kMaxPriority;
  } else if (offset < kEnable) {
    return;  // pending bits are read-only
  } else if (offset < kContext) {
    const uint64_t context = (offset - kEnable) / kEnableStride;
    const uint64_t word = (offset - kEnable) % kEnableStride / 4;
    if (context >= contexts_.size() || word >= kWords) return;
    contexts_[context].enable[word] = word == 0 ? value & ~1U : value;  // source 0 does not exist
  } else {
    const uint64_t context = (offset - kContext) / kContextStride;
    if (context >= contexts_.size()) return;
    switch ((offset - kContext) % kContextStride) {
      case kThreshold: contexts_[context].threshold = value & kMaxPriority; break;
      case kClaim: complete(static_cast<unsigned>(context), value); return;
      default: return;
    }
  }
  update_outputs();
}

unsigned Plic::best_source(const Context& context) const {
  unsigned best = 0;
  uint32_t best_priority = context.threshold;
  for (unsigned word = 0; word < kWords; ++word) {
    // Ascending ids, and a strict comparison: equal priorities go to the lowest id.
    for (uint32_t bits = pending_[word] & context.enable[word]; bits != 0; bits &= bits - 1) {
      const unsigned source = 32 * word + static_cast<unsigned>(std::countr_zero(bits));
      if (priority_[source] > best_priority) {
        best = source;
        best_priority = priority_[source];
      }
    }
  }
  return best;
}

uint32_t Plic::claim(unsigned context) {
  const unsigned source = best_source(contexts_[context]);
  if (source != 0) {
    assign(pending_, source, false);
    assign(claimed_, source, true);
    claimer_[source] = context;
    update_outputs();
  }
  return source;
}

void Plic::complete(unsigned context, uint32_t source) {
  if (source == 0 || source >= kSources) return;
  if (!test(contexts_[context].enable, source)) return;
  if (!test(claimed_, source) || claimer_[source] != context) return;
  assign(claimed_, source, false);
  claimer_[source] = kNobody;
  assign(pending_, source, test(level_, source));  // a level still high asks again
  update_outputs();
}

void Plic::set_level(unsigned source, bool asserted) {
  if (source == 0 || source >= kSources) return;
  const std::lock_guard lock(mutex_);
  assign(level_, source, asserted);
  if (!test(claimed_, source)) assign(pending_, source, asserted);
  update_outputs();
}

void Plic::update_outputs(bool force) {
  for (size_t index = 0; index < contexts_.size(); ++index) {
    Context& context = contexts_[index];
    const bool level = best_source(context) != 0;
    if (level == context.output && !force) continue;
    context.output = level;
    cpu::Hart& hart = *harts_[index / 2];
    const uint64_t bit = index % 2 == 0 ? cpu::mip::kMEIP : cpu::mip::kSEIP;
    if (level) {
      hart.raise_external(bit);
    } else {
      hart.lower_external(bit);
    }
  }
}

void Plic::save(state::Writer& out) const {
  const std::lock_guard lock(mutex_);
  out.begin(kSection, kVersion);
  out.put(static_cast<uint32_t>(kSources));
  out.put(static_cast<uint32_t>(contexts_.size()));
  for (const uint32_t priority : priority_) out.put(priority);
  for (unsigned word = 0; word < kWords; ++word) {
    out.put(level_[word]);
    out.put(pending_[word]);
    out.put(claimed_[word]);
  }
  for (const uint32_t context : claimer_) out.put(context);
  for (const Context& context : contexts_) {
    for (const uint32_t word : context.enable) out.put(word);
    out.put(context.threshold);
  }
  out.end();
}

// Everything read is masked or checked as a register write would be, so a damaged snapshot
// cannot put the controller in a state the guest could not have produced.
Result<void> Plic::restore(state::Reader& in) {
  if (auto version = in.begin(kSection, kVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto sources = in.get<uint32_t>();
  const auto contexts = in.get<uint32_t>();
  if (in.ok() && (sources != kSources || contexts != contexts_.size())) {
    return fail("PLIC state has {} sources and {} contexts, this machine has {} and {}", sources,
                contexts, kSources, contexts_.size());
  }
  std::array<uint32_t, kSources> priority{};
  Bits level{};
  Bits pending{};
  Bits claimed{};
  std::array<uint32_t, kSources> claimer{};
  std::vector<Context> saved(contexts_.size());
  for (uint32_t& p : priority) p = in.get<uint32_t>() & kMaxPriority;
  for (unsigned word = 0; word < kWords; ++word) {
    level[word] = in.get<uint32_t>();
    pending[word] = in.get<uint32_t>();
    claimed[word] = in.get<uint32_t>();
  }
  for (uint32_t& c : claimer) c = in.get<uint32_t>();
  for (Context& context : saved) {
    for (uint32_t& word : context.enable) word = in.get<uint32_t>();
    context.enable[0] &= ~1U;
    context.threshold = in.get<uint32_t>() & kMaxPriority;
  }
  if (auto end = in.end(); !end) return end;

  priority[0] = 0;
  for (Bits* bits : {&level, &pending, &claimed}) (*bits)[0] &= ~1U;
  for (unsigned source = 0; source < kSources; ++source) {
    if (!test(claimed, source) || claimer[source] >= contexts_.size()) {
      assign(claimed, source, false);
      claimer[source] = kNobody;
    }
    if (test(claimed, source)) assign(pending, source, false);
  }

  const std::lock_guard lock(mutex_);
  priority_ = priority;
  level_ = level;
  pending_ = pending;
  claimed_ = claimed;
  claimer_ = claimer;
  contexts_ = std::move(saved);
  update_outputs(/*force=*/true);
  return {};
}

}  // namespace strata::dev
