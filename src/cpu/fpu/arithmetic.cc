// Add, subtract, multiply, divide, square root and fused multiply-add.
//
// Three paths, cheapest first:
//  - RNE with operands and result well inside the normal range: the host computes the result in
//    its default (round-to-nearest) environment, and an error-free transformation tells whether
//    it was exact. In that range NX is the only flag an operation can raise, so this needs no
//    MXCSR access, which costs more than the arithmetic itself.
//  - RNE outside that range, RTZ, RDN and RUP: the host computes under the requested MXCSR
//    rounding mode and reports its flags (host.h); NaN results are made canonical.
//  - RMM, and FMA on a host without FMA3: the integer implementation in soft.h.
#include <bit>
#include <cstdint>

#include "cpu/fpu/format.h"
#include "cpu/fpu/fpu.h"
#include "cpu/fpu/host.h"
#include "cpu/fpu/soft.h"

namespace strata::fpu {
namespace {

template <class F>
typename F::Host to_host(typename F::Bits x) {
  return std::bit_cast<typename F::Host>(x);
}

template <class F>
typename F::Bits to_bits(typename F::Host x) {
  return std::bit_cast<typename F::Bits>(x);
}

// Completes a host-computed operation. x86's invalid flag already covers signalling operands
// and invalid operations, so only the NaN itself needs replacing.
template <class F>
typename F::Bits finish(typename F::Host r, uint32_t mxcsr, Flags& flags) {
  flags |= host::flags_from_mxcsr(mxcsr);
  const typename F::Bits bits = to_bits<F>(r);
  return F::is_nan(bits) ? F::kCanonicalNan : bits;
}

template <class F>
typename F::Bits add(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags) {
  const typename F::Host x = to_host<F>(a);
  const typename F::Host y = to_host<F>(b);
  if (rm == RoundingMode::NearestEven) {
    const typename F::Host sum = x + y;
    if (F::is_finite(to_bits<F>(sum))) [[likely]] {
      // A finite sum means finite operands and no overflow, and a sum never underflows
      // inexactly (a subnormal sum is exact), so only NX is in question. Fast2Sum: with
      // |big| >= |small|, sum - big is computed exactly, so it equals small iff sum is exact.
      const bool a_bigger = F::magnitude(a) >= F::magnitude(b);
      const typename F::Host big = a_bigger ? x : y;
      const typename F::Host small = a_bigger ? y : x;
      if (sum - big != small) flags |= kInexact;
      return to_bits<F>(sum);
    }
  } else if (rm == RoundingMode::NearestMaxMagnitude) {
    return soft::add<F>(a, b, rm, flags);
  }
  uint32_t mxcsr;
  const typename F::Host r = host::add(x, y, host::control_word(rm), mxcsr);
  return finish<F>(r, mxcsr, flags);
}

template <class F>
typename F::Bits mul(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags) {
  const typename F::Host x = to_host<F>(a);
  const typename F::Host y = to_host<F>(b);
  if (rm == RoundingMode::NearestEven && host::kHasFma) {
    const typename F::Host product = x * y;
    const int exp = F::biased_exp(to_bits<F>(product));
    // A finite product of magnitude >= 2^(emin + p) can neither overflow nor be tiny, and its
    // rounding error is a multiple of the smallest subnormal, so the FMA computes it exactly.
    if (exp > F::kPrecision && exp < F::kMaxBiasedExp) [[likely]] {
      if (host::fma_nearest(x, y, -product) != 0) flags |= kInexact;
      return to_bits<F>(product);
    }
  } else if (rm == RoundingMode::NearestMaxMagnitude) {
    return soft::mul<F>(a, b, rm, flags);
  }
  uint32_t mxcsr;
  const typename F::Host r = host::mul(x, y, host::control_word(rm), mxcsr);
  return finish<F>(r, mxcsr, flags);
}

template <class F>
typename F::Bits div(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags) {
  const typename F::Host x = to_host<F>(a);
  const typename F::Host y = to_host<F>(b);
  if (rm == RoundingMode::NearestEven && host::kHasFma) {
    const typename F::Host quotient = x / y;
    const int exp = F::biased_exp(to_bits<F>(quotient));
    // With a normal divisor, a dividend >= 2^(emin + p + 1) and a quotient >= 2^(emin + p) (and
    // finite), nothing is tiny or overflows, and the remainder x - q*y is a representable
    // multiple of ulp(q)*ulp(y), so the FMA computes it exactly: zero iff q is exact.
    if (exp > F::kPrecision && exp < F::kMaxBiasedExp && F::biased_exp(a) >= F::kPrecision + 2 &&
        F::biased_exp(b) != 0) [[likely]] {
      if (host::fma_nearest(-quotient, y, x) != 0) flags |= kInexact;
      return to_bits<F>(quotient);
    }
  } else if (rm == RoundingMode::NearestMaxMagnitude) {
    return soft::div<F>(a, b, rm, flags);
  }
  uint32_t mxcsr;
  const typename F::Host r = host::div(x, y, host::control_word(rm), mxcsr);
  return finish<F>(r, mxcsr, flags);
}

template <class F>
typename F::Bits sqrt(typename F::Bits a, RoundingMode rm, Flags& flags) {
  // An exact square root is never halfway between two floating-point numbers (its square would
  // need 2p+1 significant bits), so ties never arise and RMM rounds exactly like RNE.
  if (rm == RoundingMode::NearestMaxMagnitude) rm = RoundingMode::NearestEven;
  const typename F::Host x = to_host<F>(a);
  const int exp = F::biased_exp(a);
  // For a positive input >= 2^(emin + 2p), r*r - x is a representable multiple of ulp(r)^2, so
  // the FMA computes it exactly; a square root never overflows or underflows.
  if (rm == RoundingMode::NearestEven && host::kHasFma && !F::sign(a) && exp > 2 * F::kPrecision &&
      exp < F::kMaxBiasedExp) [[likely]] {
    const typename F::Host root = host::sqrt_nearest(x);
    if (host::fma_nearest(-root, root, x) != 0) flags |= kInexact;
    return to_bits<F>(root);
  }
  uint32_t mxcsr;
  const typename F::Host r = host::sqrt(x, host::control_word(rm), mxcsr);
  return finish<F>(r, mxcsr, flags);
}

template <class F>
typename F::Bits fma(typename F::Bits a, typename F::Bits b, typename F::Bits c, RoundingMode rm,
                     Flags& flags) {
  if (rm == RoundingMode::NearestMaxMagnitude || !host::kHasFma) {
    return soft::fma<F>(a, b, c, rm, flags);
  }
  uint32_t mxcsr;
  const typename F::Host r =
      host::fma(to_host<F>(a), to_host<F>(b), to_host<F>(c), host::control_word(rm), mxcsr);
  const typename F::Bits result = finish<F>(r, mxcsr, flags);
  // x86 returns the quiet NaN addend of inf * 0 + qNaN without raising invalid; RISC-V raises it.
  if (F::is_nan(c) && ((F::is_inf(a) && F::is_zero(b)) || (F::is_zero(a) && F::is_inf(b)))) {
    flags |= kInvalid;
  }
  return result;
}

}  // namespace

uint32_t add32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags) {
  return add<F32>(a, b, rm, flags);
}
uint32_t sub32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags) {
  return add<F32>(a, b ^ F32::kSign, rm, flags);
}
uint32_t mul32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags) {
  return mul<F32>(a, b, rm, flags);
}
uint32_t div32(uint32_t a, uint32_t b, RoundingMode rm, Flags& flags) {
  return div<F32>(a, b, rm, flags);
}
uint32_t sqrt32(uint32_t a, RoundingMode rm, Flags& flags) {
  return sqrt<F32>(a, rm, flags);
}
uint32_t fma32(uint32_t a, uint32_t b, uint32_t c, RoundingMode rm, Flags& flags) {
  return fma<F32>(a, b, c, rm, flags);
}

uint64_t add64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags) {
  return add<F64>(a, b, rm, flags);
}
uint64_t sub64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags) {
  return add<F64>(a, b ^ F64::kSign, rm, flags);
}
uint64_t mul64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags) {
  return mul<F64>(a, b, rm, flags);
}
uint64_t div64(uint64_t a, uint64_t b, RoundingMode rm, Flags& flags) {
  return div<F64>(a, b, rm, flags);
}
uint64_t sqrt64(uint64_t a, RoundingMode rm, Flags& flags) {
  return sqrt<F64>(a, rm, flags);
}
uint64_t fma64(uint64_t a, uint64_t b, uint64_t c, RoundingMode rm, Flags& flags) {
  return fma<F64>(a, b, c, rm, flags);
}

}  // namespace strata::fpu
