// Private to the FPU: single SSE/FMA instructions executed under a chosen x86 rounding mode,
// returning the MXCSR exception flags they raised.
//
// Each wrapper is one asm statement that loads the requested MXCSR, runs the instruction, stores
// MXCSR and loads the default control word back. Because the mode switch and the arithmetic sit
// in the same asm statement, the compiler can neither constant-fold the operation nor move it
// (or any of its own floating-point code) across the mode change, and every line of C++ outside
// these statements runs in the default environment: round to nearest, all exceptions masked, no
// flush-to-zero or denormals-are-zero. The RNE fast paths in arithmetic.cc rely on that.
//
// x86 and RISC-V agree on the rest of the IEEE semantics the flags depend on: both detect
// tininess after rounding, both raise underflow only for a tiny and inexact result when the
// exception is masked, and both return infinity or the largest finite number on overflow
// according to the rounding mode. What differs (NaN results, RMM, FMA's inf*0+qNaN) is fixed up
// by the callers.
#pragma once

#include <cstdint>

#include "cpu/fpu/fpu.h"

namespace strata::fpu::host {

// MXCSR: all six exception masks set, flags clear, round to nearest, FTZ and DAZ off.
inline constexpr uint32_t kMxcsrDefault = 0x1f80;

// The MXCSR value that selects `rm`. RMM has no x86 equivalent; callers never pass it.
inline uint32_t control_word(RoundingMode rm) {
  // Indexed by RoundingMode; x86 RC is 0 = nearest, 1 = down, 2 = up, 3 = toward zero.
  static constexpr uint32_t kRoundingControl[] = {0U << 13, 3U << 13, 1U << 13, 2U << 13, 0U << 13};
  return kMxcsrDefault | kRoundingControl[static_cast<unsigned>(rm)];
}

// Translates MXCSR's flag bits (IE, DE, ZE, OE, UE, PE) into fflags. DE (denormal operand) has
// no RISC-V counterpart and is dropped.
inline Flags flags_from_mxcsr(uint32_t mxcsr) {
  Flags f = 0;
  if (mxcsr & 0x01) f |= kInvalid;
  if (mxcsr & 0x04) f |= kDivByZero;
  if (mxcsr & 0x08) f |= kOverflow;
  if (mxcsr & 0x10) f |= kUnderflow;
  if (mxcsr & 0x20) f |= kInexact;
  return f;
}

// True when the host implements FMA3. Zero-initialised (false) until the FPU's static
// initialiser runs, so a caller that runs earlier just takes the software path.
extern const bool kHasFma;

#define STRATA_FPU_HOST_BINARY(name, type, insn)                                        \
  inline type name(type a, type b, uint32_t mode, uint32_t& status) {                   \
    asm("ldmxcsr %[mode]\n\t" insn " %[b], %[a]\n\tstmxcsr %[status]\n\tldmxcsr %[def]" \
        : [a] "+x"(a), [status] "=m"(status)                                            \
        : [b] "x"(b), [mode] "m"(mode), [def] "m"(kMxcsrDefault));                      \
    return a;                                                                           \
  }

#define STRATA_FPU_HOST_UNARY(name, to, from, insn)                                     \
  inline to name(from a, uint32_t mode, uint32_t& status) {                             \
    to r;                                                                               \
    asm("ldmxcsr %[mode]\n\t" insn " %[a], %[r]\n\tstmxcsr %[status]\n\tldmxcsr %[def]" \
        : [r] "=x"(r), [status] "=m"(status)                                            \
        : [a] "x"(a), [mode] "m"(mode), [def] "m"(kMxcsrDefault));                      \
    return r;                                                                           \
  }

// vfmadd231 computes c = a * b + c with one rounding. Only valid when kHasFma.
#define STRATA_FPU_HOST_FMA(type, insn)                                                       \
  inline type fma(type a, type b, type c, uint32_t mode, uint32_t& status) {                  \
    asm("ldmxcsr %[mode]\n\t" insn " %[b], %[a], %[c]\n\tstmxcsr %[status]\n\tldmxcsr %[def]" \
        : [c] "+x"(c), [status] "=m"(status)                                                  \
        : [a] "x"(a), [b] "x"(b), [mode] "m"(mode), [def] "m"(kMxcsrDefault));                \
    return c;                                                                                 \
  }                                                                                           \
  /* The same in the default environment, for the error-free transformations. */              \
  inline type fma_nearest(type a, type b, type c) {                                           \
    asm(insn " %[b], %[a], %[c]" : [c] "+x"(c) : [a] "x"(a), [b] "x"(b));                     \
    return c;                                                                                 \
  }

STRATA_FPU_HOST_BINARY(add, float, "addss")
STRATA_FPU_HOST_BINARY(add, double, "addsd")
STRATA_FPU_HOST_BINARY(mul, float, "mulss")
STRATA_FPU_HOST_BINARY(mul, double, "mulsd")
STRATA_FPU_HOST_BINARY(div, float, "divss")
STRATA_FPU_HOST_BINARY(div, double, "divsd")
STRATA_FPU_HOST_UNARY(sqrt, float, float, "sqrtss")
STRATA_FPU_HOST_UNARY(sqrt, double, double, "sqrtsd")
STRATA_FPU_HOST_UNARY(narrow, float, double, "cvtsd2ss")
STRATA_FPU_HOST_FMA(float, "vfmadd231ss")
STRATA_FPU_HOST_FMA(double, "vfmadd231sd")

#undef STRATA_FPU_HOST_BINARY
#undef STRATA_FPU_HOST_UNARY
#undef STRATA_FPU_HOST_FMA

// sqrt in the default environment (the compiler's own sqrt may detour through libm for errno).
inline float sqrt_nearest(float a) {
  asm("sqrtss %[a], %[a]" : [a] "+x"(a));
  return a;
}
inline double sqrt_nearest(double a) {
  asm("sqrtsd %[a], %[a]" : [a] "+x"(a));
  return a;
}

}  // namespace strata::fpu::host
