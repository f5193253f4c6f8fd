#include "dev/test_finisher.h"

namespace strata::dev {
namespace {

constexpr uint32_t kSection = state::tag("TFIN");
constexpr uint32_t kVersion = 1;

}  // namespace

void TestFinisher::write(uint64_t offset, unsigned size, uint64_t value) {
  if (offset != 0 || (size != 2 && size != 4) || !handler_) return;
  const auto word = static_cast<uint32_t>(size == 2 ? value & 0xffff : value & 0xffff'ffff);
  const int code = static_cast<int>(word >> 16);
  switch (word & 0xffff) {
    case kPass: handler_(Event::kPass, 0); break;
    case kFail: handler_(Event::kFail, code); break;
    case kReset: handler_(Event::kReset, 0); break;
    default: break;
  }
}

// The device has no state; the empty section keeps the snapshot layout uniform and versioned.
void TestFinisher::save(state::Writer& out) const {
  out.begin(kSection, kVersion);
  out.end();
}

Result<void> TestFinisher::restore(state::Reader& in) {
  if (auto version = in.begin(kSection, kVersion); !version) {
    return std::unexpected(version.error());
  }
  return in.end();
}

}  // namespace strata::dev
