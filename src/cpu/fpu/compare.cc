// Comparisons, FMIN/FMAX and FCLASS: pure bit manipulation, no rounding involved.
#include <cstdint>

#include "cpu/fpu/format.h"
#include "cpu/fpu/fpu.h"

namespace strata::fpu {
namespace {

// Maps a non-NaN encoding to an unsigned key whose order is the numeric order, with
// -0 < +0: negative values are flipped so a larger magnitude sorts lower.
template <class F>
typename F::Bits order_key(typename F::Bits x) {
  return F::sign(x) ? static_cast<typename F::Bits>(~x)
                    : static_cast<typename F::Bits>(x | F::kSign);
}

template <class F>
typename F::Bits min_max(typename F::Bits a, typename F::Bits b, bool want_max, Flags& flags) {
  // IEEE 754-2019 minimumNumber/maximumNumber: a NaN loses to a number, but a signalling NaN
  // still raises NV.
  if (F::is_snan(a) || F::is_snan(b)) flags |= kInvalid;
  const bool a_nan = F::is_nan(a);
  const bool b_nan = F::is_nan(b);
  if (a_nan && b_nan) return F::kCanonicalNan;
  if (a_nan) return b;
  if (b_nan) return a;
  const bool a_less = order_key<F>(a) < order_key<F>(b);
  return a_less != want_max ? a : b;
}

template <class F>
bool eq(typename F::Bits a, typename F::Bits b, Flags& flags) {
  if (F::is_nan(a) || F::is_nan(b)) {
    if (F::is_snan(a) || F::is_snan(b)) flags |= kInvalid;  // FEQ is a quiet comparison.
    return false;
  }
  return a == b || (F::is_zero(a) && F::is_zero(b));
}

template <class F>
bool less(typename F::Bits a, typename F::Bits b, bool or_equal, Flags& flags) {
  if (F::is_nan(a) || F::is_nan(b)) {
    flags |= kInvalid;  // FLT and FLE are signalling comparisons.
    return false;
  }
  if (F::is_zero(a) && F::is_zero(b)) return or_equal;  // -0 == +0 here.
  const typename F::Bits ka = order_key<F>(a);
  const typename F::Bits kb = order_key<F>(b);
  return or_equal ? ka <= kb : ka < kb;
}

template <class F>
uint64_t classify(typename F::Bits a) {
  const bool sign = F::sign(a);
  const int biased = F::biased_exp(a);
  const bool frac_zero = (a & F::kFracMask) == 0;
  int bit;
  if (biased == F::kMaxBiasedExp) {
    if (frac_zero) {
      bit = sign ? 0 : 7;
    } else {
      bit = (a & F::kQuietBit) != 0 ? 9 : 8;
    }
  } else if (biased == 0) {
    if (frac_zero) {
      bit = sign ? 3 : 4;
    } else {
      bit = sign ? 2 : 5;
    }
  } else {
    bit = sign ? 1 : 6;
  }
  return uint64_t{1} << bit;
}

}  // namespace

uint32_t min32(uint32_t a, uint32_t b, Flags& flags) {
  return min_max<F32>(a, b, false, flags);
}
uint32_t max32(uint32_t a, uint32_t b, Flags& flags) {
  return min_max<F32>(a, b, true, flags);
}
uint64_t min64(uint64_t a, uint64_t b, Flags& flags) {
  return min_max<F64>(a, b, false, flags);
}
uint64_t max64(uint64_t a, uint64_t b, Flags& flags) {
  return min_max<F64>(a, b, true, flags);
}

bool eq32(uint32_t a, uint32_t b, Flags& flags) {
  return eq<F32>(a, b, flags);
}
bool lt32(uint32_t a, uint32_t b, Flags& flags) {
  return less<F32>(a, b, false, flags);
}
bool le32(uint32_t a, uint32_t b, Flags& flags) {
  return less<F32>(a, b, true, flags);
}
bool eq64(uint64_t a, uint64_t b, Flags& flags) {
  return eq<F64>(a, b, flags);
}
bool lt64(uint64_t a, uint64_t b, Flags& flags) {
  return less<F64>(a, b, false, flags);
}
bool le64(uint64_t a, uint64_t b, Flags& flags) {
  return less<F64>(a, b, true, flags);
}

uint64_t classify32(uint32_t a) {
  return classify<F32>(a);
}
uint64_t classify64(uint64_t a) {
  return classify<F64>(a);
}

}  // namespace strata::fpu
