// Software add, multiply, divide and fused multiply-add. Each computes the exact result, or the
// exact result truncated with a sticky bit, and hands it to round_pack for the one rounding.
#include <cstdint>
#include <utility>

#include "cpu/fpu/format.h"
#include "cpu/fpu/soft.h"
#include "cpu/fpu/soft_util.h"

namespace strata::fpu::soft {
namespace {

template <class F>
typename F::Bits signed_zero(bool sign) {
  return sign ? F::kSign : 0;
}

template <class F>
typename F::Bits signed_inf(bool sign) {
  return (sign ? F::kSign : 0) | F::kInfinity;
}

}  // namespace

template <class F>
typename F::Bits add(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags) {
  if (F::is_nan(a) || F::is_nan(b)) return propagate_nan<F>(F::is_snan(a) || F::is_snan(b), flags);
  if (F::is_inf(a)) {
    if (F::is_inf(b) && F::sign(a) != F::sign(b)) return propagate_nan<F>(true, flags);
    return a;
  }
  if (F::is_inf(b)) return b;
  if (F::is_zero(a) && F::is_zero(b)) {
    return signed_zero<F>(zero_sum_sign(F::sign(a), F::sign(b), rm));
  }
  if (F::is_zero(a)) return b;
  if (F::is_zero(b)) return a;

  Unpacked x = unpack<F>(a);
  Unpacked y = unpack<F>(b);
  if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) std::swap(x, y);  // |x| >= |y|.
  // With an exponent gap of two or more the difference keeps at least 61 significant bits, so
  // the sticky bit stays far below the rounding position; a gap of zero or one loses no bits.
  const uint64_t y_sig = shift_right_jam(y.sig, x.exp - y.exp);
  if (x.sign == y.sign) return round_pack<F>(x.sign, x.exp, x.sig + y_sig, rm, flags);
  const uint64_t diff = x.sig - y_sig;
  if (diff == 0) return signed_zero<F>(zero_sum_sign(x.sign, y.sign, rm));
  return round_pack<F>(x.sign, x.exp, diff, rm, flags);
}

template <class F>
typename F::Bits mul(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags) {
  if (F::is_nan(a) || F::is_nan(b)) return propagate_nan<F>(F::is_snan(a) || F::is_snan(b), flags);
  const bool sign = F::sign(a) != F::sign(b);
  if (F::is_inf(a) || F::is_inf(b)) {
    if (F::is_zero(a) || F::is_zero(b)) return propagate_nan<F>(true, flags);
    return signed_inf<F>(sign);
  }
  if (F::is_zero(a) || F::is_zero(b)) return signed_zero<F>(sign);

  const Unpacked x = unpack<F>(a);
  const Unpacked y = unpack<F>(b);
  // The exact product lies in [2^124, 2^126) scaled by 2^(x.exp + y.exp - 124).
  const u128 product = static_cast<u128>(x.sig) * y.sig;
  const auto sig = static_cast<uint64_t>(shift_right_jam(product, 62));
  return round_pack<F>(sign, x.exp + y.exp, sig, rm, flags);
}

template <class F>
typename F::Bits div(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags) {
  if (F::is_nan(a) || F::is_nan(b)) return propagate_nan<F>(F::is_snan(a) || F::is_snan(b), flags);
  const bool sign = F::sign(a) != F::sign(b);
  if (F::is_inf(a)) {
    if (F::is_inf(b)) return propagate_nan<F>(true, flags);
    return signed_inf<F>(sign);
  }
  if (F::is_inf(b)) return signed_zero<F>(sign);
  if (F::is_zero(b)) {
    if (F::is_zero(a)) return propagate_nan<F>(true, flags);
    flags |= kDivByZero;
    return signed_inf<F>(sign);
  }
  if (F::is_zero(a)) return signed_zero<F>(sign);

  const Unpacked x = unpack<F>(a);
  const Unpacked y = unpack<F>(b);
  // x.sig / y.sig is in (1/2, 2), so the quotient scaled by 2^63 is in (2^62, 2^64): at least 62
  // significant bits, plus a sticky bit for a nonzero remainder.
  const u128 dividend = static_cast<u128>(x.sig) << 63;
  const auto quotient = static_cast<uint64_t>(dividend / y.sig);
  const bool remainder = dividend % y.sig != 0;
  return round_pack<F>(sign, x.exp - y.exp - 1, quotient | (remainder ? 1 : 0), rm, flags);
}

template <class F>
typename F::Bits fma(typename F::Bits a, typename F::Bits b, typename F::Bits c, RoundingMode rm,
                     Flags& flags) {
  const bool inf_times_zero = (F::is_inf(a) && F::is_zero(b)) || (F::is_zero(a) && F::is_inf(b));
  if (F::is_nan(a) || F::is_nan(b) || F::is_nan(c)) {
    // RISC-V raises NV for inf * 0 even when the addend is a quiet NaN.
    return propagate_nan<F>(F::is_snan(a) || F::is_snan(b) || F::is_snan(c) || inf_times_zero,
                            flags);
  }
  if (inf_times_zero) return propagate_nan<F>(true, flags);
  const bool product_sign = F::sign(a) != F::sign(b);
  if (F::is_inf(a) || F::is_inf(b)) {
    if (F::is_inf(c) && F::sign(c) != product_sign) return propagate_nan<F>(true, flags);
    return signed_inf<F>(product_sign);
  }
  if (F::is_inf(c)) return c;
  if (F::is_zero(a) || F::is_zero(b)) {
    if (F::is_zero(c)) return signed_zero<F>(zero_sum_sign(product_sign, F::sign(c), rm));
    return c;
  }
  // Adding zero changes nothing, so the exactly rounded product is the answer (including its
  // sign when it underflows to zero).
  if (F::is_zero(c)) return mul<F>(a, b, rm, flags);

  // Work in 128 bits: each term is S * 2^(e - 125) with S in [2^125, 2^126).
  struct Term {
    bool sign;
    int exp;
    u128 sig;
  };
  const Unpacked x = unpack<F>(a);
  const Unpacked y = unpack<F>(b);
  const Unpacked z = unpack<F>(c);
  const u128 product = static_cast<u128>(x.sig) * y.sig;  // In [2^124, 2^126).
  Term big = (product >> 125) != 0 ? Term{product_sign, x.exp + y.exp + 1, product}
                                   : Term{product_sign, x.exp + y.exp, product << 1};
  Term small{z.sign, z.exp, static_cast<u128>(z.sig) << 63};
  if (big.exp < small.exp || (big.exp == small.exp && big.sig < small.sig)) std::swap(big, small);

  // Both significands have dozens of trailing zero bits, so a shift by one is exact and a larger
  // shift leaves the difference with at least 124 significant bits: the sticky bit cannot reach
  // the rounding position.
  const u128 aligned = shift_right_jam(small.sig, big.exp - small.exp);
  u128 sum;
  if (big.sign == small.sign) {
    sum = big.sig + aligned;
  } else {
    sum = big.sig - aligned;
    if (sum == 0) return signed_zero<F>(zero_sum_sign(big.sign, small.sign, rm));
  }
  // Bring the leading one to bit 62 of a 64-bit significand.
  const int msb = 127 - countl_zero(sum);
  const uint64_t sig = msb > 62 ? static_cast<uint64_t>(shift_right_jam(sum, msb - 62))
                                : static_cast<uint64_t>(sum) << (62 - msb);
  return round_pack<F>(big.sign, big.exp - 125 + msb, sig, rm, flags);
}

template F32::Bits add<F32>(F32::Bits, F32::Bits, RoundingMode, Flags&);
template F64::Bits add<F64>(F64::Bits, F64::Bits, RoundingMode, Flags&);
template F32::Bits mul<F32>(F32::Bits, F32::Bits, RoundingMode, Flags&);
template F64::Bits mul<F64>(F64::Bits, F64::Bits, RoundingMode, Flags&);
template F32::Bits div<F32>(F32::Bits, F32::Bits, RoundingMode, Flags&);
template F64::Bits div<F64>(F64::Bits, F64::Bits, RoundingMode, Flags&);
template F32::Bits fma<F32>(F32::Bits, F32::Bits, F32::Bits, RoundingMode, Flags&);
template F64::Bits fma<F64>(F64::Bits, F64::Bits, F64::Bits, RoundingMode, Flags&);

}  // namespace strata::fpu::soft
