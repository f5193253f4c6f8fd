// Private to the FPU: integer-only IEEE 754 arithmetic, correct in all five RISC-V rounding modes.
//
// The host fast paths cover RNE, RTZ, RDN and RUP; this is what runs for RMM (which x86 cannot
// do), for FMA on a host without FMA3, and for the rounding steps of conversions. It is written
// for clarity first; it is still only a few dozen integer operations per call.
#pragma once

#include <cstdint>

#include "cpu/fpu/format.h"
#include "cpu/fpu/fpu.h"

namespace strata::fpu::soft {

// Rounds sig * 2^(exp - 62) to format F, including overflow, subnormal results and after-rounding
// tininess. `sig` must be nonzero and may sit anywhere in its 64 bits. When the value it stands
// for was truncated, bit 0 must be a sticky bit (set because nonzero bits were dropped) and sig
// must have at least 62 significant bits, which keeps the sticky bit well below the rounding
// position, so that rounding the truncated value gives the same result as rounding the exact one.
template <class F>
typename F::Bits round_pack(bool sign, int exp, uint64_t sig, RoundingMode rm, Flags& flags);

template <class F>
typename F::Bits add(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags);
template <class F>
typename F::Bits mul(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags);
template <class F>
typename F::Bits div(typename F::Bits a, typename F::Bits b, RoundingMode rm, Flags& flags);
template <class F>
typename F::Bits fma(typename F::Bits a, typename F::Bits b, typename F::Bits c, RoundingMode rm,
                     Flags& flags);

// binary64 to binary32.
uint32_t narrow(uint64_t a, RoundingMode rm, Flags& flags);

extern template F32::Bits round_pack<F32>(bool, int, uint64_t, RoundingMode, Flags&);
extern template F64::Bits round_pack<F64>(bool, int, uint64_t, RoundingMode, Flags&);
extern template F32::Bits add<F32>(F32::Bits, F32::Bits, RoundingMode, Flags&);
extern template F64::Bits add<F64>(F64::Bits, F64::Bits, RoundingMode, Flags&);
extern template F32::Bits mul<F32>(F32::Bits, F32::Bits, RoundingMode, Flags&);
extern template F64::Bits mul<F64>(F64::Bits, F64::Bits, RoundingMode, Flags&);
extern template F32::Bits div<F32>(F32::Bits, F32::Bits, RoundingMode, Flags&);
extern template F64::Bits div<F64>(F64::Bits, F64::Bits, RoundingMode, Flags&);
extern template F32::Bits fma<F32>(F32::Bits, F32::Bits, F32::Bits, RoundingMode, Flags&);
extern template F64::Bits fma<F64>(F64::Bits, F64::Bits, F64::Bits, RoundingMode, Flags&);

}  // namespace strata::fpu::soft
