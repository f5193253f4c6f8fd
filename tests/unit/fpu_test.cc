// FPU tests: hand-computed vectors for every operation and rounding mode, and a randomized
// cross-check against an exact reference written here independently of the implementation (big
// integer arithmetic, rounding by looking at the bits of the exact result).
//
// STRATA_FPU_ITERATIONS (per operation and rounding mode) and STRATA_FPU_SEED override the
// randomized tests' defaults for a longer local run.
#include "cpu/fpu/fpu.h"

#include <gtest/gtest.h>
#include <xmmintrin.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <ostream>
#include <random>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cpu/fpu/format.h"
#include "cpu/fpu/soft.h"

namespace strata::fpu {
namespace {

__extension__ using u128 = unsigned __int128;
__extension__ using i128 = __int128;

using RM = RoundingMode;
constexpr RM kRne = RM::NearestEven;
constexpr RM kRtz = RM::TowardZero;
constexpr RM kRdn = RM::Down;
constexpr RM kRup = RM::Up;
constexpr RM kRmm = RM::NearestMaxMagnitude;
constexpr std::array<RM, 5> kAllModes = {kRne, kRtz, kRdn, kRup, kRmm};

constexpr Flags NX = kInexact;
constexpr Flags UF = kUnderflow;
constexpr Flags OF = kOverflow;
constexpr Flags DZ = kDivByZero;
constexpr Flags NV = kInvalid;

const char* mode_name(RM rm) {
  switch (rm) {
    case kRne: return "RNE";
    case kRtz: return "RTZ";
    case kRdn: return "RDN";
    case kRup: return "RUP";
    case kRmm: return "RMM";
  }
  return "?";
}

std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string flag_names(Flags f) {
  std::string s;
  for (auto [bit, name] : {std::pair{NV, "NV"}, {DZ, "DZ"}, {OF, "OF"}, {UF, "UF"}, {NX, "NX"}}) {
    if ((f & bit) != 0) s += s.empty() ? name : std::string("|") + name;
  }
  return s.empty() ? "-" : s;
}

// A result and the flags it raised.
struct Out {
  uint64_t bits;
  Flags flags;
  friend bool operator==(const Out&, const Out&) = default;
};

void PrintTo(const Out& o, std::ostream* os) {
  *os << hex(o.bits) << " " << flag_names(o.flags);
}

Out R(uint64_t bits, Flags flags = 0) {
  return {bits, flags};
}

// Adapters that run one implementation call and capture its flags.
Out Add32(uint32_t a, uint32_t b, RM rm) {
  Flags f = 0;
  const uint32_t r = add32(a, b, rm, f);
  return {r, f};
}
Out Sub32(uint32_t a, uint32_t b, RM rm) {
  Flags f = 0;
  const uint32_t r = sub32(a, b, rm, f);
  return {r, f};
}
Out Mul32(uint32_t a, uint32_t b, RM rm) {
  Flags f = 0;
  const uint32_t r = mul32(a, b, rm, f);
  return {r, f};
}
Out Div32(uint32_t a, uint32_t b, RM rm) {
  Flags f = 0;
  const uint32_t r = div32(a, b, rm, f);
  return {r, f};
}
Out Sqrt32(uint32_t a, RM rm) {
  Flags f = 0;
  const uint32_t r = sqrt32(a, rm, f);
  return {r, f};
}
Out Fma32(uint32_t a, uint32_t b, uint32_t c, RM rm) {
  Flags f = 0;
  const uint32_t r = fma32(a, b, c, rm, f);
  return {r, f};
}
Out Add64(uint64_t a, uint64_t b, RM rm) {
  Flags f = 0;
  const uint64_t r = add64(a, b, rm, f);
  return {r, f};
}
Out Mul64(uint64_t a, uint64_t b, RM rm) {
  Flags f = 0;
  const uint64_t r = mul64(a, b, rm, f);
  return {r, f};
}
Out Div64(uint64_t a, uint64_t b, RM rm) {
  Flags f = 0;
  const uint64_t r = div64(a, b, rm, f);
  return {r, f};
}
Out Sqrt64(uint64_t a, RM rm) {
  Flags f = 0;
  const uint64_t r = sqrt64(a, rm, f);
  return {r, f};
}
Out Fma64(uint64_t a, uint64_t b, uint64_t c, RM rm) {
  Flags f = 0;
  const uint64_t r = fma64(a, b, c, rm, f);
  return {r, f};
}
// Runs one operation with a fresh flags accumulator.
Out run(const std::function<uint64_t(Flags&)>& op) {
  Flags flags = 0;
  const uint64_t bits = op(flags);
  return {bits, flags};
}

// Calls fn(args..., flags), zero-extending an integer result to 64 bits.
template <class Fn, class... Args>
Out Call(Fn fn, Args... args) {
  return run([&](Flags& f) {
    const auto r = fn(args..., f);
    return static_cast<uint64_t>(static_cast<std::make_unsigned_t<decltype(r)>>(r));
  });
}

// binary32 constants.
constexpr uint32_t kZeroS = 0x00000000;
constexpr uint32_t kNegZeroS = 0x80000000;
constexpr uint32_t kOneS = 0x3f800000;
constexpr uint32_t kNegOneS = 0xbf800000;
constexpr uint32_t kTwoS = 0x40000000;
constexpr uint32_t kThreeS = 0x40400000;
constexpr uint32_t kFourS = 0x40800000;
constexpr uint32_t kInfS = 0x7f800000;
constexpr uint32_t kNegInfS = 0xff800000;
constexpr uint32_t kMaxS = 0x7f7fffff;
constexpr uint32_t kMinNormalS = 0x00800000;
constexpr uint32_t kMaxSubnormalS = 0x007fffff;
constexpr uint32_t kMinSubnormalS = 0x00000001;
constexpr uint32_t kQNanS = 0x7fc00000;
constexpr uint32_t kQNanPayloadS = 0x7fc12345;
constexpr uint32_t kNegQNanS = 0xffc00000;
constexpr uint32_t kSNanS = 0x7f800001;
constexpr uint32_t kSNanPayloadS = 0xffa00000;
constexpr uint32_t kTwoM24S = 0x33800000;  // 2^-24: half an ulp of 1.0.
constexpr uint32_t kTwoM25S = 0x33000000;

// binary64 constants.
constexpr uint64_t kZeroD = 0;
constexpr uint64_t kNegZeroD = 0x8000000000000000;
constexpr uint64_t kOneD = 0x3ff0000000000000;
constexpr uint64_t kNegOneD = 0xbff0000000000000;
constexpr uint64_t kTwoD = 0x4000000000000000;
constexpr uint64_t kThreeD = 0x4008000000000000;
constexpr uint64_t kInfD = 0x7ff0000000000000;
constexpr uint64_t kNegInfD = 0xfff0000000000000;
constexpr uint64_t kMaxD = 0x7fefffffffffffff;
constexpr uint64_t kMinNormalD = 0x0010000000000000;
constexpr uint64_t kMaxSubnormalD = 0x000fffffffffffff;
constexpr uint64_t kMinSubnormalD = 0x0000000000000001;
constexpr uint64_t kQNanD = 0x7ff8000000000000;
constexpr uint64_t kQNanPayloadD = 0x7ff8000000abcdef;
constexpr uint64_t kSNanD = 0x7ff0000000000001;
constexpr uint64_t kTwoM53D = 0x3ca0000000000000;  // Half an ulp of 1.0.

uint64_t d(double v) {
  return std::bit_cast<uint64_t>(v);
}
uint32_t s(float v) {
  return std::bit_cast<uint32_t>(v);
}

// ---------------------------------------------------------------------------------------------
// Hand-computed vectors.

TEST(FpuAdd, TieBreaksInEveryMode) {
  // 1 + 2^-24 is exactly halfway between 1 and 1 + 2^-23; 1.0 is the even neighbour.
  EXPECT_EQ(Add32(kOneS, kTwoM24S, kRne), R(kOneS, NX));
  EXPECT_EQ(Add32(kOneS, kTwoM24S, kRtz), R(kOneS, NX));
  EXPECT_EQ(Add32(kOneS, kTwoM24S, kRdn), R(kOneS, NX));
  EXPECT_EQ(Add32(kOneS, kTwoM24S, kRup), R(0x3f800001, NX));
  EXPECT_EQ(Add32(kOneS, kTwoM24S, kRmm), R(0x3f800001, NX));
  // The same tie with an odd lower neighbour: RNE now rounds up too.
  EXPECT_EQ(Add32(0x3f800001, kTwoM24S, kRne), R(0x3f800002, NX));
  EXPECT_EQ(Add32(0x3f800001, kTwoM24S, kRmm), R(0x3f800002, NX));
  EXPECT_EQ(Add32(0x3f800001, kTwoM24S, kRtz), R(0x3f800001, NX));
  // Negative tie: RMM goes away from zero, RDN toward -inf.
  EXPECT_EQ(Add32(kNegOneS, 0xb3800000, kRne), R(0xbf800000, NX));
  EXPECT_EQ(Add32(kNegOneS, 0xb3800000, kRmm), R(0xbf800001, NX));
  EXPECT_EQ(Add32(kNegOneS, 0xb3800000, kRdn), R(0xbf800001, NX));
  EXPECT_EQ(Add32(kNegOneS, 0xb3800000, kRup), R(0xbf800000, NX));
  EXPECT_EQ(Add32(kNegOneS, 0xb3800000, kRtz), R(0xbf800000, NX));
  // binary64: 1 + 2^-53.
  EXPECT_EQ(Add64(kOneD, kTwoM53D, kRne), R(kOneD, NX));
  EXPECT_EQ(Add64(kOneD, kTwoM53D, kRmm), R(kOneD + 1, NX));
  EXPECT_EQ(Add64(kOneD, kTwoM53D, kRup), R(kOneD + 1, NX));
  EXPECT_EQ(Add64(kOneD, kTwoM53D, kRtz), R(kOneD, NX));
  EXPECT_EQ(Add64(kOneD + 1, kTwoM53D, kRne), R(kOneD + 2, NX));
}

TEST(FpuAdd, ExactResultsRaiseNothing) {
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Add32(kOneS, kTwoS, rm), R(kThreeS)) << mode_name(rm);
    EXPECT_EQ(Add64(kOneD, kTwoD, rm), R(kThreeD)) << mode_name(rm);
    // Sums of subnormals are exact: no underflow.
    EXPECT_EQ(Add32(kMinSubnormalS, kMinSubnormalS, rm), R(0x00000002)) << mode_name(rm);
    EXPECT_EQ(Add32(kMinNormalS, 0x80000001, rm), R(kMaxSubnormalS)) << mode_name(rm);
    EXPECT_EQ(Add64(kMinNormalD, 0x8000000000000001, rm), R(kMaxSubnormalD)) << mode_name(rm);
    EXPECT_EQ(Add32(kOneS, kZeroS, rm), R(kOneS)) << mode_name(rm);
    EXPECT_EQ(Add32(kMinSubnormalS, kNegZeroS, rm), R(kMinSubnormalS)) << mode_name(rm);
  }
}

TEST(FpuAdd, SignOfZero) {
  for (const RM rm : kAllModes) {
    const uint32_t zero32 = rm == kRdn ? kNegZeroS : kZeroS;
    const uint64_t zero64 = rm == kRdn ? kNegZeroD : kZeroD;
    EXPECT_EQ(Add32(kOneS, kNegOneS, rm), R(zero32)) << mode_name(rm);
    EXPECT_EQ(Sub32(kOneS, kOneS, rm), R(zero32)) << mode_name(rm);
    EXPECT_EQ(Add32(kZeroS, kNegZeroS, rm), R(zero32)) << mode_name(rm);
    EXPECT_EQ(Add32(kNegZeroS, kNegZeroS, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Add32(kZeroS, kZeroS, rm), R(kZeroS)) << mode_name(rm);
    EXPECT_EQ(Sub32(kNegZeroS, kZeroS, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Add64(kOneD, kNegOneD, rm), R(zero64)) << mode_name(rm);
    EXPECT_EQ(Add64(kMaxSubnormalD, kMaxSubnormalD | kNegZeroD, rm), R(zero64)) << mode_name(rm);
    EXPECT_EQ(Add64(kNegZeroD, kNegZeroD, rm), R(kNegZeroD)) << mode_name(rm);
  }
}

TEST(FpuAdd, OverflowDependsOnMode) {
  // max + max overflows in every mode; directed modes stop at max-finite on their side.
  EXPECT_EQ(Add32(kMaxS, kMaxS, kRne), R(kInfS, OF | NX));
  EXPECT_EQ(Add32(kMaxS, kMaxS, kRmm), R(kInfS, OF | NX));
  EXPECT_EQ(Add32(kMaxS, kMaxS, kRtz), R(kMaxS, OF | NX));
  EXPECT_EQ(Add32(kMaxS, kMaxS, kRdn), R(kMaxS, OF | NX));
  EXPECT_EQ(Add32(kMaxS, kMaxS, kRup), R(kInfS, OF | NX));
  const uint32_t neg_max = kMaxS | kNegZeroS;
  EXPECT_EQ(Add32(neg_max, neg_max, kRne), R(kNegInfS, OF | NX));
  EXPECT_EQ(Add32(neg_max, neg_max, kRtz), R(neg_max, OF | NX));
  EXPECT_EQ(Add32(neg_max, neg_max, kRdn), R(kNegInfS, OF | NX));
  EXPECT_EQ(Add32(neg_max, neg_max, kRup), R(neg_max, OF | NX));
  EXPECT_EQ(Add32(neg_max, neg_max, kRmm), R(kNegInfS, OF | NX));
  // max + half an ulp (2^103): a tie between max and 2^128. Overflow is decided on the result
  // rounded with an unbounded exponent, so RTZ and RDN see max and do not overflow.
  EXPECT_EQ(Add32(kMaxS, 0x73000000, kRne), R(kInfS, OF | NX));
  EXPECT_EQ(Add32(kMaxS, 0x73000000, kRmm), R(kInfS, OF | NX));
  EXPECT_EQ(Add32(kMaxS, 0x73000000, kRtz), R(kMaxS, NX));
  EXPECT_EQ(Add32(kMaxS, 0x73000000, kRdn), R(kMaxS, NX));
  EXPECT_EQ(Add32(kMaxS, 0x73000000, kRup), R(kInfS, OF | NX));
  // A quarter ulp: only RUP overflows.
  EXPECT_EQ(Add32(kMaxS, 0x72800000, kRne), R(kMaxS, NX));
  EXPECT_EQ(Add32(kMaxS, 0x72800000, kRmm), R(kMaxS, NX));
  EXPECT_EQ(Add32(kMaxS, 0x72800000, kRup), R(kInfS, OF | NX));
  EXPECT_EQ(Add64(kMaxD, kMaxD, kRne), R(kInfD, OF | NX));
  EXPECT_EQ(Add64(kMaxD, kMaxD, kRtz), R(kMaxD, OF | NX));
  EXPECT_EQ(Add64(kMaxD, kMaxD, kRmm), R(kInfD, OF | NX));
}

TEST(FpuAdd, InfinitiesAndNaNs) {
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Add32(kInfS, kNegInfS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Sub32(kInfS, kInfS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Add32(kInfS, kInfS, rm), R(kInfS)) << mode_name(rm);
    EXPECT_EQ(Add32(kNegInfS, kMaxS, rm), R(kNegInfS)) << mode_name(rm);
    EXPECT_EQ(Add32(kQNanPayloadS, kOneS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Add32(kOneS, kNegQNanS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Add32(kSNanS, kOneS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Add32(kQNanS, kSNanPayloadS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Sub32(kOneS, kSNanS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Add64(kQNanPayloadD, kOneD, rm), R(kQNanD)) << mode_name(rm);
    EXPECT_EQ(Add64(kSNanD, kInfD, rm), R(kQNanD, NV)) << mode_name(rm);
    EXPECT_EQ(Add64(kInfD, kNegInfD, rm), R(kQNanD, NV)) << mode_name(rm);
  }
}

TEST(FpuSub, TieBelowOne) {
  // 1 - 2^-25 is halfway between 1 - 2^-24 (odd) and 1 (even).
  EXPECT_EQ(Sub32(kOneS, kTwoM25S, kRne), R(kOneS, NX));
  EXPECT_EQ(Sub32(kOneS, kTwoM25S, kRmm), R(kOneS, NX));
  EXPECT_EQ(Sub32(kOneS, kTwoM25S, kRup), R(kOneS, NX));
  EXPECT_EQ(Sub32(kOneS, kTwoM25S, kRtz), R(0x3f7fffff, NX));
  EXPECT_EQ(Sub32(kOneS, kTwoM25S, kRdn), R(0x3f7fffff, NX));
  EXPECT_EQ(Call(sub64, kThreeD, kOneD, kRne), R(kTwoD));
}

TEST(FpuMul, TiesAndDirectedModes) {
  // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: a tie above the even 1 + 2^-11.
  const uint32_t a = 0x3f800800;
  EXPECT_EQ(Mul32(a, a, kRne), R(0x3f801000, NX));
  EXPECT_EQ(Mul32(a, a, kRtz), R(0x3f801000, NX));
  EXPECT_EQ(Mul32(a, a, kRdn), R(0x3f801000, NX));
  EXPECT_EQ(Mul32(a, a, kRup), R(0x3f801001, NX));
  EXPECT_EQ(Mul32(a, a, kRmm), R(0x3f801001, NX));
  EXPECT_EQ(Mul32(a | kNegZeroS, a, kRmm), R(0xbf801001, NX));
  EXPECT_EQ(Mul32(a | kNegZeroS, a, kRdn), R(0xbf801001, NX));
  EXPECT_EQ(Mul32(a | kNegZeroS, a, kRup), R(0xbf801000, NX));
  // binary64: (1 + 2^-26)^2 = 1 + 2^-25 + 2^-52, exactly representable.
  const uint64_t b = 0x3ff0000004000000;
  for (const RM rm : kAllModes) EXPECT_EQ(Mul64(b, b, rm), R(0x3ff0000008000001)) << mode_name(rm);
  // (1 + 2^-27)^2 = 1 + 2^-26 + 2^-54: a quarter ulp above the even 1 + 2^-26.
  const uint64_t c = 0x3ff0000002000000;
  EXPECT_EQ(Mul64(c, c, kRne), R(0x3ff0000004000000, NX));
  EXPECT_EQ(Mul64(c, c, kRmm), R(0x3ff0000004000000, NX));
  EXPECT_EQ(Mul64(c, c, kRup), R(0x3ff0000004000001, NX));
}

TEST(FpuMul, UnderflowIsDetectedAfterRounding) {
  // (1 + 2^-13) * (2^-126 - 2^-139) = 2^-126 - 2^-152: rounds to the smallest normal both with
  // the subnormal precision and with an unbounded exponent, so it is not tiny: NX only.
  EXPECT_EQ(Mul32(0x3f800400, 0x007ffc00, kRne), R(kMinNormalS, NX));
  EXPECT_EQ(Mul32(0x3f800400, 0x007ffc00, kRmm), R(kMinNormalS, NX));
  EXPECT_EQ(Mul32(0x3f800400, 0x007ffc00, kRup), R(kMinNormalS, NX));
  EXPECT_EQ(Mul32(0x3f800400, 0x007ffc00, kRtz), R(kMaxSubnormalS, NX | UF));
  EXPECT_EQ(Mul32(0x3f800400, 0x007ffc00, kRdn), R(kMaxSubnormalS, NX | UF));
  // 0xb504f2 * 0xb504f4 * 2^-173 lies in [2^-126 - 2^-150, 2^-126 - 2^-151): rounds up to the
  // smallest normal at subnormal precision, but down (tiny) with an unbounded exponent, so UF is
  // raised even though the result is normal.
  EXPECT_EQ(Mul32(0x203504f2, 0x1fb504f4, kRne), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Mul32(0x203504f2, 0x1fb504f4, kRmm), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Mul32(0x203504f2, 0x1fb504f4, kRup), R(kMinNormalS, NX));
  EXPECT_EQ(Mul32(0x203504f2, 0x1fb504f4, kRtz), R(kMaxSubnormalS, NX | UF));
  EXPECT_EQ(Mul32(0x203504f2, 0x1fb504f4, kRdn), R(kMaxSubnormalS, NX | UF));
  // The binary64 equivalent.
  EXPECT_EQ(Mul64(0x2006a09e68bff86d, 0x1ff6a09e643e7f2c, kRne), R(kMinNormalD, NX | UF));
  EXPECT_EQ(Mul64(0x2006a09e68bff86d, 0x1ff6a09e643e7f2c, kRmm), R(kMinNormalD, NX | UF));
  EXPECT_EQ(Mul64(0x2006a09e68bff86d, 0x1ff6a09e643e7f2c, kRup), R(kMinNormalD, NX));
  EXPECT_EQ(Mul64(0x2006a09e68bff86d, 0x1ff6a09e643e7f2c, kRtz), R(kMaxSubnormalD, NX | UF));
  // Exact subnormal products raise nothing; ones that lose bits raise UF and NX.
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Mul32(kMinNormalS, 0x3f000000, rm), R(0x00400000)) << mode_name(rm);
    EXPECT_EQ(Mul64(kMinNormalD, 0x3fe0000000000000, rm), R(0x0008000000000000)) << mode_name(rm);
  }
  EXPECT_EQ(Mul32(kMinSubnormalS, 0x3f000000, kRne), R(kZeroS, NX | UF));  // Tie to even (0).
  EXPECT_EQ(Mul32(kMinSubnormalS, 0x3f000000, kRmm), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(Mul32(kMinSubnormalS, 0x3f000000, kRup), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(Mul32(kMinSubnormalS | kNegZeroS, 0x3f000000, kRdn), R(0x80000001, NX | UF));
  EXPECT_EQ(Mul32(kMinSubnormalS | kNegZeroS, 0x3f000000, kRtz), R(kNegZeroS, NX | UF));
}

TEST(FpuMul, OverflowAndSpecials) {
  const uint32_t two_127 = 0x7f000000;
  EXPECT_EQ(Mul32(two_127, kTwoS, kRne), R(kInfS, OF | NX));
  EXPECT_EQ(Mul32(two_127, kTwoS, kRtz), R(kMaxS, OF | NX));
  EXPECT_EQ(Mul32(two_127, kTwoS, kRdn), R(kMaxS, OF | NX));
  EXPECT_EQ(Mul32(two_127, kTwoS, kRup), R(kInfS, OF | NX));
  EXPECT_EQ(Mul32(two_127, kTwoS, kRmm), R(kInfS, OF | NX));
  EXPECT_EQ(Mul32(two_127, 0xc0000000, kRdn), R(kNegInfS, OF | NX));
  EXPECT_EQ(Mul32(two_127, 0xc0000000, kRup), R(kMaxS | kNegZeroS, OF | NX));
  EXPECT_EQ(Mul64(0x7fe0000000000000, kTwoD, kRtz), R(kMaxD, OF | NX));
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Mul32(kInfS, kZeroS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Mul32(kNegZeroS, kInfS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Mul32(kInfS, kNegOneS, rm), R(kNegInfS)) << mode_name(rm);
    EXPECT_EQ(Mul32(kZeroS, 0xc0a00000, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Mul32(kSNanS, kZeroS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Mul32(kQNanPayloadS, kInfS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Mul64(kInfD, kZeroD, rm), R(kQNanD, NV)) << mode_name(rm);
    EXPECT_EQ(Mul64(kQNanPayloadD, kOneD, rm), R(kQNanD)) << mode_name(rm);
  }
}

TEST(FpuDiv, RoundingModes) {
  EXPECT_EQ(Div32(kOneS, kThreeS, kRne), R(0x3eaaaaab, NX));
  EXPECT_EQ(Div32(kOneS, kThreeS, kRtz), R(0x3eaaaaaa, NX));
  EXPECT_EQ(Div32(kOneS, kThreeS, kRdn), R(0x3eaaaaaa, NX));
  EXPECT_EQ(Div32(kOneS, kThreeS, kRup), R(0x3eaaaaab, NX));
  EXPECT_EQ(Div32(kOneS, kThreeS, kRmm), R(0x3eaaaaab, NX));
  EXPECT_EQ(Div32(kNegOneS, kThreeS, kRdn), R(0xbeaaaaab, NX));
  EXPECT_EQ(Div32(kNegOneS, kThreeS, kRup), R(0xbeaaaaaa, NX));
  EXPECT_EQ(Div64(kOneD, kThreeD, kRne), R(0x3fd5555555555555, NX));
  EXPECT_EQ(Div64(kOneD, kThreeD, kRup), R(0x3fd5555555555556, NX));
  EXPECT_EQ(Div64(kOneD, kThreeD, kRmm), R(0x3fd5555555555555, NX));
  EXPECT_EQ(Div64(kTwoD | kNegZeroD, kThreeD, kRne), R(0xbfe5555555555555, NX));
  EXPECT_EQ(Div64(kTwoD | kNegZeroD, kThreeD, kRdn), R(0xbfe5555555555556, NX));
  for (const RM rm : kAllModes)
    EXPECT_EQ(Div32(kThreeS, kTwoS, rm), R(0x3fc00000)) << mode_name(rm);
}

TEST(FpuDiv, SubnormalTies) {
  // Division can only produce a tie when the result is subnormal.
  // 2^-149 / 2 = 2^-150: halfway between 0 and the smallest subnormal.
  EXPECT_EQ(Div32(kMinSubnormalS, kTwoS, kRne), R(kZeroS, NX | UF));
  EXPECT_EQ(Div32(kMinSubnormalS, kTwoS, kRmm), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(Div32(kMinSubnormalS, kTwoS, kRup), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(Div32(kMinSubnormalS, kTwoS, kRtz), R(kZeroS, NX | UF));
  EXPECT_EQ(Div32(kMinSubnormalS, 0xc0000000, kRmm), R(0x80000001, NX | UF));
  // 3 * 2^-149 / 2: halfway between 1 and 2 (even) subnormal units.
  EXPECT_EQ(Div32(0x00000003, kTwoS, kRne), R(0x00000002, NX | UF));
  EXPECT_EQ(Div32(0x00000003, kTwoS, kRmm), R(0x00000002, NX | UF));
  EXPECT_EQ(Div32(0x00000003, kTwoS, kRtz), R(0x00000001, NX | UF));
  EXPECT_EQ(Div32(0x00000005, kTwoS, kRne), R(0x00000002, NX | UF));
  EXPECT_EQ(Div32(0x00000005, kTwoS, kRmm), R(0x00000003, NX | UF));
  EXPECT_EQ(Div64(kMinSubnormalD, kTwoD, kRmm), R(kMinSubnormalD, NX | UF));
  EXPECT_EQ(Div64(kMinSubnormalD, kTwoD, kRne), R(kZeroD, NX | UF));
}

TEST(FpuDiv, SpecialCases) {
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Div32(kOneS, kZeroS, rm), R(kInfS, DZ)) << mode_name(rm);
    EXPECT_EQ(Div32(kNegOneS, kZeroS, rm), R(kNegInfS, DZ)) << mode_name(rm);
    EXPECT_EQ(Div32(kOneS, kNegZeroS, rm), R(kNegInfS, DZ)) << mode_name(rm);
    EXPECT_EQ(Div32(kZeroS, kZeroS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Div32(kInfS, kNegInfS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Div32(kInfS, kZeroS, rm), R(kInfS)) << mode_name(rm);  // No DZ for infinity.
    EXPECT_EQ(Div32(kNegZeroS, kThreeS, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Div32(kOneS, kNegInfS, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Div32(kQNanS, kZeroS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Div32(kSNanS, kOneS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Div64(kOneD, kZeroD, rm), R(kInfD, DZ)) << mode_name(rm);
    EXPECT_EQ(Div64(kZeroD, kZeroD, rm), R(kQNanD, NV)) << mode_name(rm);
  }
  // Overflow and underflow.
  EXPECT_EQ(Div32(kMaxS, 0x3f000000, kRne), R(kInfS, OF | NX));
  EXPECT_EQ(Div32(kMaxS, 0x3f000000, kRtz), R(kMaxS, OF | NX));
  EXPECT_EQ(Div32(kMinNormalS, 0x4b800000, kRne), R(kZeroS, NX | UF));  // 2^-150: tie to 0.
  EXPECT_EQ(Div64(kMaxD, 0x3fe0000000000000, kRup), R(kInfD, OF | NX));
}

TEST(FpuSqrt, RoundingModes) {
  // sqrt(2) lies between 0x3fb504f3 and 0x3fb504f4, nearer the first.
  EXPECT_EQ(Sqrt32(kTwoS, kRne), R(0x3fb504f3, NX));
  EXPECT_EQ(Sqrt32(kTwoS, kRtz), R(0x3fb504f3, NX));
  EXPECT_EQ(Sqrt32(kTwoS, kRdn), R(0x3fb504f3, NX));
  EXPECT_EQ(Sqrt32(kTwoS, kRup), R(0x3fb504f4, NX));
  EXPECT_EQ(Sqrt32(kTwoS, kRmm), R(0x3fb504f3, NX));
  // In binary64 the nearest is the upper neighbour.
  EXPECT_EQ(Sqrt64(kTwoD, kRne), R(0x3ff6a09e667f3bcd, NX));
  EXPECT_EQ(Sqrt64(kTwoD, kRtz), R(0x3ff6a09e667f3bcc, NX));
  EXPECT_EQ(Sqrt64(kTwoD, kRdn), R(0x3ff6a09e667f3bcc, NX));
  EXPECT_EQ(Sqrt64(kTwoD, kRup), R(0x3ff6a09e667f3bcd, NX));
  EXPECT_EQ(Sqrt64(kTwoD, kRmm), R(0x3ff6a09e667f3bcd, NX));
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Sqrt32(kFourS, rm), R(kTwoS)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(0x00000002, rm), R(0x1a800000)) << mode_name(rm);  // sqrt(2^-148).
    EXPECT_EQ(Sqrt64(0x3fd0000000000000, rm), R(0x3fe0000000000000)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kNegZeroS, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kZeroS, rm), R(kZeroS)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kInfS, rm), R(kInfS)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kNegInfS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kNegOneS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(0x80000001, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kQNanPayloadS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kNegQNanS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Sqrt32(kSNanS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Sqrt64(kNegZeroD, rm), R(kNegZeroD)) << mode_name(rm);
    EXPECT_EQ(Sqrt64(kNegOneD, rm), R(kQNanD, NV)) << mode_name(rm);
    EXPECT_EQ(Sqrt64(kSNanD, rm), R(kQNanD, NV)) << mode_name(rm);
    EXPECT_EQ(Sqrt64(kMinSubnormalD, rm), R(0x1e60000000000000)) << mode_name(rm);  // 2^-537.
  }
}

TEST(FpuFma, SingleRounding) {
  // (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 exactly; rounding the product first would lose 2^-24.
  const uint32_t a = 0x3f800800;
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Fma32(a, a, kNegOneS, rm), R(0x3a000400)) << mode_name(rm);
  }
  // (1 + 2^-12)^2 - 2^-11 = 1 + 2^-24: a tie, seen only without an intermediate rounding.
  EXPECT_EQ(Fma32(a, a, 0xba000000, kRne), R(kOneS, NX));
  EXPECT_EQ(Fma32(a, a, 0xba000000, kRmm), R(0x3f800001, NX));
  EXPECT_EQ(Fma32(a, a, 0xba000000, kRup), R(0x3f800001, NX));
  EXPECT_EQ(Fma32(a, a, 0xba000000, kRtz), R(kOneS, NX));
  // binary64: (1 + 2^-27)^2 - 1 = 2^-26 + 2^-54, exact.
  const uint64_t b = 0x3ff0000002000000;
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Fma64(b, b, kNegOneD, rm), R(0x3e50000001000000)) << mode_name(rm);
  }
  // (1 + 2^-27)^2 - 2^-26 = 1 + 2^-54: a quarter ulp above 1.
  EXPECT_EQ(Fma64(b, b, 0xbe50000000000000, kRne), R(kOneD, NX));
  EXPECT_EQ(Fma64(b, b, 0xbe50000000000000, kRmm), R(kOneD, NX));
  EXPECT_EQ(Fma64(b, b, 0xbe50000000000000, kRup), R(kOneD + 1, NX));
  // 1 * 1 + 2^-53 in binary64: a tie.
  EXPECT_EQ(Fma64(kOneD, kOneD, kTwoM53D, kRne), R(kOneD, NX));
  EXPECT_EQ(Fma64(kOneD, kOneD, kTwoM53D, kRmm), R(kOneD + 1, NX));
}

TEST(FpuFma, InvalidAndNaN) {
  for (const RM rm : kAllModes) {
    // RISC-V requires NV for inf * 0 even when the addend is a quiet NaN.
    EXPECT_EQ(Fma32(kInfS, kZeroS, kQNanS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Fma32(kNegZeroS, kNegInfS, kQNanPayloadS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Fma64(kZeroD, kInfD, kQNanD, rm), R(kQNanD, NV)) << mode_name(rm);
    EXPECT_EQ(Fma64(kInfD, kNegZeroD, kQNanPayloadD, rm), R(kQNanD, NV)) << mode_name(rm);
    EXPECT_EQ(Fma32(kInfS, kZeroS, kOneS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Fma32(kInfS, kOneS, kNegInfS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Fma32(kInfS, kNegOneS, kNegInfS, rm), R(kNegInfS)) << mode_name(rm);
    EXPECT_EQ(Fma32(kOneS, kOneS, kNegInfS, rm), R(kNegInfS)) << mode_name(rm);
    EXPECT_EQ(Fma32(kOneS, kOneS, kQNanPayloadS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Fma32(kQNanS, kZeroS, kOneS, rm), R(kQNanS)) << mode_name(rm);
    EXPECT_EQ(Fma32(kOneS, kOneS, kSNanS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Fma32(kSNanS, kOneS, kQNanS, rm), R(kQNanS, NV)) << mode_name(rm);
    EXPECT_EQ(Fma64(kOneD, kSNanD, kOneD, rm), R(kQNanD, NV)) << mode_name(rm);
  }
}

TEST(FpuFma, ZeroSignsAndUnderflow) {
  for (const RM rm : kAllModes) {
    const uint32_t zero32 = rm == kRdn ? kNegZeroS : kZeroS;
    EXPECT_EQ(Fma32(kOneS, kOneS, kNegOneS, rm), R(zero32)) << mode_name(rm);
    EXPECT_EQ(Fma32(kOneS, kNegZeroS, kZeroS, rm), R(zero32)) << mode_name(rm);
    EXPECT_EQ(Fma32(kNegZeroS, kOneS, kNegZeroS, rm), R(kNegZeroS)) << mode_name(rm);
    EXPECT_EQ(Fma32(kZeroS, kOneS, kZeroS, rm), R(kZeroS)) << mode_name(rm);
    EXPECT_EQ(Fma32(kZeroS, kNegOneS, kTwoS, rm), R(kTwoS)) << mode_name(rm);
    const uint64_t zero64 = rm == kRdn ? kNegZeroD : kZeroD;
    EXPECT_EQ(Fma64(kTwoD, kThreeD, 0xc018000000000000, rm), R(zero64)) << mode_name(rm);
  }
  // A product that underflows to zero keeps its sign when the addend is zero.
  EXPECT_EQ(Fma32(kMinSubnormalS, 0xbf000000, kZeroS, kRne), R(kNegZeroS, NX | UF));
  EXPECT_EQ(Fma32(kMinSubnormalS, 0xbf000000, kZeroS, kRdn), R(0x80000001, NX | UF));
  // 2^-126 - 0.75 * 2^-150: normal after rounding at subnormal precision, tiny with an
  // unbounded exponent (UF), except in RUP, where both roundings give 2^-126.
  EXPECT_EQ(Fma32(0x19c00000, 0x9a000000, kMinNormalS, kRne), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Fma32(0x19c00000, 0x9a000000, kMinNormalS, kRmm), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Fma32(0x19c00000, 0x9a000000, kMinNormalS, kRup), R(kMinNormalS, NX));
  EXPECT_EQ(Fma32(0x19c00000, 0x9a000000, kMinNormalS, kRtz), R(kMaxSubnormalS, NX | UF));
  EXPECT_EQ(Fma32(0x19c00000, 0x9a000000, kMinNormalS, kRdn), R(kMaxSubnormalS, NX | UF));
  // 2^-126 - 2^-150: a tie at subnormal precision (to even: 2^-126) but exactly representable
  // with an unbounded exponent, hence tiny in every mode.
  EXPECT_EQ(Fma32(0x1a000000, 0x9a000000, kMinNormalS, kRne), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Fma32(0x1a000000, 0x9a000000, kMinNormalS, kRmm), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Fma32(0x1a000000, 0x9a000000, kMinNormalS, kRup), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Fma32(0x1a000000, 0x9a000000, kMinNormalS, kRtz), R(kMaxSubnormalS, NX | UF));
  // 2^-126 - 2^-151: a tie with an unbounded exponent that RNE and RMM round up: not tiny.
  EXPECT_EQ(Fma32(0x1a000000, 0x99800000, kMinNormalS, kRne), R(kMinNormalS, NX));
  EXPECT_EQ(Fma32(0x1a000000, 0x99800000, kMinNormalS, kRmm), R(kMinNormalS, NX));
  EXPECT_EQ(Fma32(0x1a000000, 0x99800000, kMinNormalS, kRdn), R(kMaxSubnormalS, NX | UF));
  // Overflow.
  EXPECT_EQ(Fma32(kMaxS, kTwoS, kNegOneS, kRne), R(kInfS, OF | NX));
  EXPECT_EQ(Fma32(kMaxS, kTwoS, kNegOneS, kRtz), R(kMaxS, OF | NX));
  EXPECT_EQ(Fma64(kMaxD, kTwoD, kNegOneD, kRmm), R(kInfD, OF | NX));
  EXPECT_EQ(Fma64(kMaxD, kTwoD, kNegOneD, kRdn), R(kMaxD, OF | NX));
  // max * 1 + 2^969 (a quarter ulp): only RUP overflows.
  EXPECT_EQ(Fma64(kMaxD, kOneD, 0x7c80000000000000, kRne), R(kMaxD, NX));
  EXPECT_EQ(Fma64(kMaxD, kOneD, 0x7c80000000000000, kRup), R(kInfD, OF | NX));
}

TEST(FpuConvert, FloatToIntRounding) {
  const uint32_t two_and_half = 0x40200000;
  EXPECT_EQ(Call(f32_to_i32, two_and_half, kRne), R(2, NX));
  EXPECT_EQ(Call(f32_to_i32, two_and_half, kRtz), R(2, NX));
  EXPECT_EQ(Call(f32_to_i32, two_and_half, kRdn), R(2, NX));
  EXPECT_EQ(Call(f32_to_i32, two_and_half, kRup), R(3, NX));
  EXPECT_EQ(Call(f32_to_i32, two_and_half, kRmm), R(3, NX));
  const uint32_t neg = two_and_half | kNegZeroS;
  EXPECT_EQ(Call(f32_to_i32, neg, kRne), R(0xfffffffe, NX));
  EXPECT_EQ(Call(f32_to_i32, neg, kRtz), R(0xfffffffe, NX));
  EXPECT_EQ(Call(f32_to_i32, neg, kRdn), R(0xfffffffd, NX));
  EXPECT_EQ(Call(f32_to_i32, neg, kRup), R(0xfffffffe, NX));
  EXPECT_EQ(Call(f32_to_i32, neg, kRmm), R(0xfffffffd, NX));
  EXPECT_EQ(Call(f32_to_i32, 0x40600000, kRne), R(4, NX));  // 3.5 ties to even 4.
  EXPECT_EQ(Call(f64_to_i64, d(0.4999999999999999), kRmm), R(0, NX));
  EXPECT_EQ(Call(f64_to_i64, d(0.5), kRmm), R(1, NX));
  EXPECT_EQ(Call(f64_to_i64, d(0.5), kRne), R(0, NX));
  EXPECT_EQ(Call(f64_to_i64, d(-0.5), kRdn), R(~uint64_t{0}, NX));
  EXPECT_EQ(Call(f64_to_i64, d(1e-300), kRup), R(1, NX));
  EXPECT_EQ(Call(f64_to_i64, kMinSubnormalD, kRup), R(1, NX));
  EXPECT_EQ(Call(f64_to_i64, kMinSubnormalD, kRne), R(0, NX));
  for (const RM rm : kAllModes) {
    EXPECT_EQ(Call(f32_to_i32, kNegZeroS, rm), R(0)) << mode_name(rm);
    EXPECT_EQ(Call(f64_to_u64, d(12345.0), rm), R(12345)) << mode_name(rm);
    EXPECT_EQ(Call(f32_to_i64, s(-7.0F), rm), R(static_cast<uint64_t>(-7))) << mode_name(rm);
  }
}

TEST(FpuConvert, FloatToIntSaturation) {
  // The RISC-V table: NaN and +inf give the largest value, -inf the smallest; out of range
  // raises NV (never NX) and saturates.
  for (const RM rm : kAllModes) {
    SCOPED_TRACE(mode_name(rm));
    EXPECT_EQ(Call(f32_to_i32, kQNanS, rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f32_to_i32, kNegQNanS, rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f32_to_i32, kSNanS, rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f32_to_i32, kInfS, rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f32_to_i32, kNegInfS, rm), R(0x80000000, NV));
    EXPECT_EQ(Call(f32_to_i32, 0x4f000000, rm), R(0x7fffffff, NV));  // 2^31.
    EXPECT_EQ(Call(f32_to_i32, 0xcf000000, rm), R(0x80000000));      // -2^31 is valid.
    EXPECT_EQ(Call(f32_to_i32, 0xcf000001, rm), R(0x80000000, NV));
    EXPECT_EQ(Call(f32_to_i32, kMaxS, rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f32_to_u32, kQNanS, rm), R(0xffffffff, NV));
    EXPECT_EQ(Call(f32_to_u32, kInfS, rm), R(0xffffffff, NV));
    EXPECT_EQ(Call(f32_to_u32, kNegInfS, rm), R(0, NV));
    EXPECT_EQ(Call(f32_to_u32, kNegOneS, rm), R(0, NV));
    EXPECT_EQ(Call(f32_to_u32, 0x4f800000, rm), R(0xffffffff, NV));  // 2^32.
    EXPECT_EQ(Call(f32_to_u32, 0x4f7fffff, rm), R(0xffffff00));
    EXPECT_EQ(Call(f32_to_i64, kQNanS, rm), R(0x7fffffffffffffff, NV));
    EXPECT_EQ(Call(f32_to_i64, kNegInfS, rm), R(0x8000000000000000, NV));
    EXPECT_EQ(Call(f32_to_i64, 0xdf000000, rm), R(0x8000000000000000));  // -2^63.
    EXPECT_EQ(Call(f32_to_i64, 0x5f000000, rm), R(0x7fffffffffffffff, NV));
    EXPECT_EQ(Call(f32_to_u64, kQNanS, rm), R(~uint64_t{0}, NV));
    EXPECT_EQ(Call(f32_to_u64, kNegInfS, rm), R(0, NV));
    EXPECT_EQ(Call(f32_to_u64, 0x5f800000, rm), R(~uint64_t{0}, NV));  // 2^64.
    EXPECT_EQ(Call(f32_to_u64, 0x5f7fffff, rm), R(0xffffff0000000000));
    EXPECT_EQ(Call(f64_to_i32, kQNanD, rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f64_to_i32, kNegInfD, rm), R(0x80000000, NV));
    EXPECT_EQ(Call(f64_to_i32, d(-2147483648.0), rm), R(0x80000000));
    EXPECT_EQ(Call(f64_to_i32, d(2147483647.0), rm), R(0x7fffffff));
    EXPECT_EQ(Call(f64_to_i32, d(2147483648.0), rm), R(0x7fffffff, NV));
    EXPECT_EQ(Call(f64_to_i32, d(-1e300), rm), R(0x80000000, NV));
    EXPECT_EQ(Call(f64_to_u32, d(4294967295.0), rm), R(0xffffffff));
    EXPECT_EQ(Call(f64_to_u32, d(4294967296.0), rm), R(0xffffffff, NV));
    EXPECT_EQ(Call(f64_to_u32, kSNanD, rm), R(0xffffffff, NV));
    EXPECT_EQ(Call(f64_to_i64, d(9223372036854775808.0), rm), R(0x7fffffffffffffff, NV));
    EXPECT_EQ(Call(f64_to_i64, d(-9223372036854775808.0), rm), R(0x8000000000000000));
    EXPECT_EQ(Call(f64_to_i64, d(9223372036854774784.0), rm), R(0x7ffffffffffffc00));
    EXPECT_EQ(Call(f64_to_u64, d(18446744073709551616.0), rm), R(~uint64_t{0}, NV));
    EXPECT_EQ(Call(f64_to_u64, d(18446744073709549568.0), rm), R(0xfffffffffffff800));
    EXPECT_EQ(Call(f64_to_u64, kNegInfD, rm), R(0, NV));
    EXPECT_EQ(Call(f64_to_u64, kQNanPayloadD, rm), R(~uint64_t{0}, NV));
    EXPECT_EQ(Call(f64_to_u64, kNegOneD, rm), R(0, NV));
  }
  // The range check applies after rounding.
  EXPECT_EQ(Call(f64_to_i32, d(2147483647.5), kRne), R(0x7fffffff, NV));
  EXPECT_EQ(Call(f64_to_i32, d(2147483647.5), kRmm), R(0x7fffffff, NV));
  EXPECT_EQ(Call(f64_to_i32, d(2147483647.5), kRup), R(0x7fffffff, NV));
  EXPECT_EQ(Call(f64_to_i32, d(2147483647.5), kRtz), R(0x7fffffff, NX));
  EXPECT_EQ(Call(f64_to_i32, d(2147483647.5), kRdn), R(0x7fffffff, NX));
  EXPECT_EQ(Call(f64_to_i32, d(-2147483648.5), kRne), R(0x80000000, NX));
  EXPECT_EQ(Call(f64_to_i32, d(-2147483648.5), kRup), R(0x80000000, NX));
  EXPECT_EQ(Call(f64_to_i32, d(-2147483648.5), kRmm), R(0x80000000, NV));
  EXPECT_EQ(Call(f64_to_i32, d(-2147483648.5), kRdn), R(0x80000000, NV));
  EXPECT_EQ(Call(f64_to_u32, d(4294967295.5), kRne), R(0xffffffff, NV));
  EXPECT_EQ(Call(f64_to_u32, d(4294967295.5), kRtz), R(0xffffffff, NX));
  // Negative values that round to zero are inexact, not invalid, for unsigned results.
  EXPECT_EQ(Call(f32_to_u32, s(-0.3F), kRtz), R(0, NX));
  EXPECT_EQ(Call(f32_to_u32, s(-0.3F), kRne), R(0, NX));
  EXPECT_EQ(Call(f32_to_u32, s(-0.3F), kRup), R(0, NX));
  EXPECT_EQ(Call(f32_to_u32, s(-0.3F), kRmm), R(0, NX));
  EXPECT_EQ(Call(f32_to_u32, s(-0.3F), kRdn), R(0, NV));
  EXPECT_EQ(Call(f32_to_u32, s(-0.5F), kRne), R(0, NX));
  EXPECT_EQ(Call(f32_to_u32, s(-0.5F), kRmm), R(0, NV));
  EXPECT_EQ(Call(f32_to_u32, s(-0.7F), kRne), R(0, NV));
  EXPECT_EQ(Call(f32_to_u32, s(-0.7F), kRtz), R(0, NX));
  EXPECT_EQ(Call(f64_to_u64, d(-0.9), kRup), R(0, NX));
  EXPECT_EQ(Call(f64_to_u64, kNegZeroD, kRdn), R(0));
  EXPECT_EQ(Call(f64_to_u64, 0x8000000000000001, kRdn), R(0, NV));
}

TEST(FpuConvert, IntToFloat) {
  // 2^24 + 1 is halfway between 2^24 (even) and 2^24 + 2.
  EXPECT_EQ(Call(i32_to_f32, 16777217, kRne), R(0x4b800000, NX));
  EXPECT_EQ(Call(i32_to_f32, 16777217, kRtz), R(0x4b800000, NX));
  EXPECT_EQ(Call(i32_to_f32, 16777217, kRdn), R(0x4b800000, NX));
  EXPECT_EQ(Call(i32_to_f32, 16777217, kRup), R(0x4b800001, NX));
  EXPECT_EQ(Call(i32_to_f32, 16777217, kRmm), R(0x4b800001, NX));
  EXPECT_EQ(Call(i32_to_f32, -16777217, kRdn), R(0xcb800001, NX));
  EXPECT_EQ(Call(i32_to_f32, -16777217, kRup), R(0xcb800000, NX));
  EXPECT_EQ(Call(i32_to_f32, -16777217, kRmm), R(0xcb800001, NX));
  EXPECT_EQ(Call(u64_to_f64, ~uint64_t{0}, kRne), R(0x43f0000000000000, NX));
  EXPECT_EQ(Call(u64_to_f64, ~uint64_t{0}, kRtz), R(0x43efffffffffffff, NX));
  EXPECT_EQ(Call(u64_to_f64, ~uint64_t{0}, kRdn), R(0x43efffffffffffff, NX));
  EXPECT_EQ(Call(u64_to_f64, ~uint64_t{0}, kRup), R(0x43f0000000000000, NX));
  EXPECT_EQ(Call(u64_to_f64, ~uint64_t{0}, kRmm), R(0x43f0000000000000, NX));
  EXPECT_EQ(Call(u64_to_f32, ~uint64_t{0}, kRne), R(0x5f800000, NX));
  EXPECT_EQ(Call(u64_to_f32, ~uint64_t{0}, kRtz), R(0x5f7fffff, NX));
  EXPECT_EQ(Call(i64_to_f64, (int64_t{1} << 53) + 1, kRne), R(0x4340000000000000, NX));
  EXPECT_EQ(Call(i64_to_f64, (int64_t{1} << 53) + 1, kRmm), R(0x4340000000000001, NX));
  EXPECT_EQ(Call(i64_to_f64, (int64_t{1} << 53) + 3, kRne), R(0x4340000000000002, NX));
  EXPECT_EQ(Call(u32_to_f32, 0xffffffffU, kRne), R(0x4f800000, NX));
  EXPECT_EQ(Call(u32_to_f32, 0xffffffffU, kRtz), R(0x4f7fffff, NX));
  for (const RM rm : kAllModes) {
    SCOPED_TRACE(mode_name(rm));
    EXPECT_EQ(Call(i32_to_f32, 0, rm), R(kZeroS));
    EXPECT_EQ(Call(i64_to_f64, 0, rm), R(kZeroD));
    EXPECT_EQ(Call(i32_to_f32, -1, rm), R(kNegOneS));
    EXPECT_EQ(Call(i32_to_f64, std::numeric_limits<int32_t>::min(), rm), R(0xc1e0000000000000));
    EXPECT_EQ(Call(u32_to_f64, 0xffffffffU, rm), R(d(4294967295.0)));
    EXPECT_EQ(Call(i64_to_f64, std::numeric_limits<int64_t>::min(), rm), R(0xc3e0000000000000));
    EXPECT_EQ(Call(i64_to_f32, std::numeric_limits<int64_t>::min(), rm), R(0xdf000000));
    EXPECT_EQ(Call(u64_to_f64, uint64_t{1} << 63, rm), R(0x43e0000000000000));
    EXPECT_EQ(Call(i32_to_f32, 16777216, rm), R(0x4b800000));
  }
}

TEST(FpuConvert, BetweenFormats) {
  Flags f = 0;
  EXPECT_EQ(f32_to_f64(kSNanS, f), kQNanD);
  EXPECT_EQ(f, NV);
  f = 0;
  EXPECT_EQ(f32_to_f64(kQNanPayloadS, f), kQNanD);
  EXPECT_EQ(f32_to_f64(kNegQNanS, f), kQNanD);
  EXPECT_EQ(f32_to_f64(kMinSubnormalS, f), 0x36a0000000000000U);  // 2^-149.
  EXPECT_EQ(f32_to_f64(kNegInfS, f), kNegInfD);
  EXPECT_EQ(f32_to_f64(kNegZeroS, f), kNegZeroD);
  EXPECT_EQ(f32_to_f64(kMaxS, f), d(static_cast<double>(std::bit_cast<float>(kMaxS))));
  EXPECT_EQ(f, 0);

  const uint64_t one_plus_half_ulp = 0x3ff0000010000000;  // 1 + 2^-24.
  EXPECT_EQ(Call(f64_to_f32, one_plus_half_ulp, kRne), R(kOneS, NX));
  EXPECT_EQ(Call(f64_to_f32, one_plus_half_ulp, kRtz), R(kOneS, NX));
  EXPECT_EQ(Call(f64_to_f32, one_plus_half_ulp, kRdn), R(kOneS, NX));
  EXPECT_EQ(Call(f64_to_f32, one_plus_half_ulp, kRup), R(0x3f800001, NX));
  EXPECT_EQ(Call(f64_to_f32, one_plus_half_ulp, kRmm), R(0x3f800001, NX));
  EXPECT_EQ(Call(f64_to_f32, d(1e39), kRne), R(kInfS, OF | NX));
  EXPECT_EQ(Call(f64_to_f32, d(1e39), kRtz), R(kMaxS, OF | NX));
  EXPECT_EQ(Call(f64_to_f32, d(1e39), kRdn), R(kMaxS, OF | NX));
  EXPECT_EQ(Call(f64_to_f32, d(1e39), kRmm), R(kInfS, OF | NX));
  EXPECT_EQ(Call(f64_to_f32, d(-1e39), kRup), R(kMaxS | kNegZeroS, OF | NX));
  // 2^-150: half the smallest subnormal.
  EXPECT_EQ(Call(f64_to_f32, 0x3690000000000000, kRne), R(kZeroS, NX | UF));
  EXPECT_EQ(Call(f64_to_f32, 0x3690000000000000, kRmm), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(Call(f64_to_f32, 0x3690000000000000, kRup), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(Call(f64_to_f32, 0x3690000000000000, kRtz), R(kZeroS, NX | UF));
  // Tininess after rounding at the bottom of the normal range.
  const uint64_t unbounded_tie = d(0x1p-126 - 0x1p-151);
  EXPECT_EQ(Call(f64_to_f32, unbounded_tie, kRne), R(kMinNormalS, NX));
  EXPECT_EQ(Call(f64_to_f32, unbounded_tie, kRmm), R(kMinNormalS, NX));
  EXPECT_EQ(Call(f64_to_f32, unbounded_tie, kRtz), R(kMaxSubnormalS, NX | UF));
  const uint64_t below_tie = d(0x1p-126 - 0x1p-151 - 0x1p-160);
  EXPECT_EQ(Call(f64_to_f32, below_tie, kRne), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Call(f64_to_f32, below_tie, kRmm), R(kMinNormalS, NX | UF));
  EXPECT_EQ(Call(f64_to_f32, below_tie, kRup), R(kMinNormalS, NX));
  EXPECT_EQ(Call(f64_to_f32, below_tie, kRdn), R(kMaxSubnormalS, NX | UF));
  for (const RM rm : kAllModes) {
    SCOPED_TRACE(mode_name(rm));
    EXPECT_EQ(Call(f64_to_f32, kSNanD, rm), R(kQNanS, NV));
    EXPECT_EQ(Call(f64_to_f32, kQNanPayloadD, rm), R(kQNanS));
    EXPECT_EQ(Call(f64_to_f32, kNegInfD, rm), R(kNegInfS));
    EXPECT_EQ(Call(f64_to_f32, kNegZeroD, rm), R(kNegZeroS));
    EXPECT_EQ(Call(f64_to_f32, d(0.375), rm), R(s(0.375F)));
    EXPECT_EQ(Call(f64_to_f32, 0x36a0000000000000, rm), R(kMinSubnormalS));  // Exact subnormal.
  }
}

TEST(FpuMinMax, SignedZerosAndNaNs) {
  Flags f = 0;
  EXPECT_EQ(min32(kZeroS, kNegZeroS, f), kNegZeroS);
  EXPECT_EQ(min32(kNegZeroS, kZeroS, f), kNegZeroS);
  EXPECT_EQ(max32(kZeroS, kNegZeroS, f), kZeroS);
  EXPECT_EQ(max32(kNegZeroS, kZeroS, f), kZeroS);
  EXPECT_EQ(min64(kZeroD, kNegZeroD, f), kNegZeroD);
  EXPECT_EQ(max64(kNegZeroD, kZeroD, f), kZeroD);
  EXPECT_EQ(min32(kOneS, kNegOneS, f), kNegOneS);
  EXPECT_EQ(max32(kOneS, kNegOneS, f), kOneS);
  EXPECT_EQ(min32(kNegInfS, kMaxS, f), kNegInfS);
  EXPECT_EQ(max32(kNegInfS, kInfS, f), kInfS);
  EXPECT_EQ(min32(0xc0000000, kNegOneS, f), 0xc0000000U);  // -2 < -1.
  EXPECT_EQ(max64(kThreeD, kTwoD, f), kThreeD);
  // A quiet NaN loses quietly.
  EXPECT_EQ(min32(kQNanPayloadS, kOneS, f), kOneS);
  EXPECT_EQ(max32(kOneS, kNegQNanS, f), kOneS);
  EXPECT_EQ(min64(kQNanD, kNegOneD, f), kNegOneD);
  EXPECT_EQ(f, 0);
  // Both NaN: the canonical NaN.
  EXPECT_EQ(min32(kQNanPayloadS, kNegQNanS, f), kQNanS);
  EXPECT_EQ(max64(kQNanPayloadD, kQNanPayloadD, f), kQNanD);
  EXPECT_EQ(f, 0);
  // A signalling NaN still loses, but raises NV.
  EXPECT_EQ(min32(kSNanS, kOneS, f), kOneS);
  EXPECT_EQ(f, NV);
  f = 0;
  EXPECT_EQ(max64(kTwoD, kSNanD, f), kTwoD);
  EXPECT_EQ(f, NV);
  f = 0;
  EXPECT_EQ(max32(kSNanS, kQNanS, f), kQNanS);
  EXPECT_EQ(f, NV);
}

TEST(FpuCompare, QuietAndSignalling) {
  Flags f = 0;
  EXPECT_TRUE(eq32(kZeroS, kNegZeroS, f));
  EXPECT_FALSE(lt32(kNegZeroS, kZeroS, f));
  EXPECT_TRUE(le32(kZeroS, kNegZeroS, f));
  EXPECT_TRUE(lt32(kNegOneS, kOneS, f));
  EXPECT_TRUE(lt32(0xc0000000, kNegOneS, f));
  EXPECT_FALSE(lt32(kNegOneS, 0xc0000000, f));
  EXPECT_TRUE(lt32(kMinSubnormalS, kOneS, f));
  EXPECT_FALSE(lt32(kOneS, kOneS, f));
  EXPECT_TRUE(le32(kOneS, kOneS, f));
  EXPECT_TRUE(lt32(kNegInfS, kNegOneS, f));
  EXPECT_TRUE(eq64(kOneD, kOneD, f));
  EXPECT_FALSE(eq64(kOneD, kOneD + 1, f));
  EXPECT_TRUE(lt64(kNegInfD, kMaxD | kNegZeroD, f));
  EXPECT_TRUE(le64(kNegZeroD, kZeroD, f));
  EXPECT_FALSE(lt64(kZeroD, kNegZeroD, f));
  EXPECT_EQ(f, 0);
  // FEQ with a quiet NaN: false, no flag.
  EXPECT_FALSE(eq32(kQNanS, kQNanS, f));
  EXPECT_FALSE(eq64(kOneD, kQNanPayloadD, f));
  EXPECT_EQ(f, 0);
  // FEQ with a signalling NaN raises NV.
  EXPECT_FALSE(eq32(kSNanS, kOneS, f));
  EXPECT_EQ(f, NV);
  // FLT/FLE raise NV for any NaN.
  f = 0;
  EXPECT_FALSE(lt32(kQNanS, kOneS, f));
  EXPECT_EQ(f, NV);
  f = 0;
  EXPECT_FALSE(le64(kOneD, kQNanD, f));
  EXPECT_EQ(f, NV);
  f = 0;
  EXPECT_FALSE(le32(kSNanS, kSNanS, f));
  EXPECT_EQ(f, NV);
}

TEST(FpuClassify, EveryClass) {
  EXPECT_EQ(classify32(kNegInfS), 1U << 0);
  EXPECT_EQ(classify32(kNegOneS), 1U << 1);
  EXPECT_EQ(classify32(0x807fffff), 1U << 2);
  EXPECT_EQ(classify32(kNegZeroS), 1U << 3);
  EXPECT_EQ(classify32(kZeroS), 1U << 4);
  EXPECT_EQ(classify32(kMinSubnormalS), 1U << 5);
  EXPECT_EQ(classify32(kMinNormalS), 1U << 6);
  EXPECT_EQ(classify32(kInfS), 1U << 7);
  EXPECT_EQ(classify32(kSNanS), 1U << 8);
  EXPECT_EQ(classify32(kSNanPayloadS), 1U << 8);
  EXPECT_EQ(classify32(kQNanS), 1U << 9);
  EXPECT_EQ(classify32(kNegQNanS), 1U << 9);
  EXPECT_EQ(classify64(kNegInfD), 1U << 0);
  EXPECT_EQ(classify64(kMaxD | kNegZeroD), 1U << 1);
  EXPECT_EQ(classify64(kMinSubnormalD | kNegZeroD), 1U << 2);
  EXPECT_EQ(classify64(kNegZeroD), 1U << 3);
  EXPECT_EQ(classify64(kZeroD), 1U << 4);
  EXPECT_EQ(classify64(kMaxSubnormalD), 1U << 5);
  EXPECT_EQ(classify64(kMaxD), 1U << 6);
  EXPECT_EQ(classify64(kInfD), 1U << 7);
  EXPECT_EQ(classify64(kSNanD), 1U << 8);
  EXPECT_EQ(classify64(kQNanPayloadD), 1U << 9);
}

TEST(FpuHost, EnvironmentIsRestored) {
  // The rest of the VMM's C++ (and the RNE fast paths) rely on the host staying in round to
  // nearest without flush-to-zero, whatever mode the guest asked for.
  Flags f = 0;
  for (const RM rm : kAllModes) {
    add64(kOneD, kTwoM53D, rm, f);
    fma32(kMaxS, kTwoS, kOneS, rm, f);
    f64_to_f32(0x3690000000000000, rm, f);
    sqrt64(kTwoD, rm, f);
    EXPECT_EQ(_mm_getcsr() & ~0x3fU, 0x1f80U) << mode_name(rm);
  }
  // The host still computes in round to nearest.
  const volatile double one = 1.0;
  const volatile double tiny = 0x1p-53;
  EXPECT_EQ(one + tiny, 1.0);
  const volatile double three = 3.0;
  EXPECT_EQ(d(one / three), 0x3fd5555555555555U);
}

// ---------------------------------------------------------------------------------------------
// Exact reference. Every finite operand is m * 2^q with integer m; sums and products are formed
// exactly as big integers, quotients and square roots with enough bits plus a sticky bit, and
// rounding reads the bits of the exact result directly, applying the definitions: tininess after
// rounding to p bits with an unbounded exponent, overflow when that rounded value exceeds the
// largest finite number.

namespace ref {

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fpu reference: %s\n", what);
    std::abort();
  }
}

struct Fmt {
  int exp_bits;
  int frac_bits;
  int p() const { return frac_bits + 1; }
  int bias() const { return (1 << (exp_bits - 1)) - 1; }
  int emin() const { return 1 - bias(); }
  int emax() const { return bias(); }
  int max_biased() const { return (1 << exp_bits) - 1; }
  uint64_t sign_bit() const { return uint64_t{1} << (exp_bits + frac_bits); }
  uint64_t frac_mask() const { return (uint64_t{1} << frac_bits) - 1; }
  uint64_t inf() const { return static_cast<uint64_t>(max_biased()) << frac_bits; }
  uint64_t max_finite() const { return inf() - 1; }
  uint64_t canonical_nan() const { return inf() | (uint64_t{1} << (frac_bits - 1)); }
};
constexpr Fmt kS{8, 23};
constexpr Fmt kD{11, 52};

class BigUint {
 public:
  static constexpr int kLimbs = 72;  // 4608 bits: a binary64 FMA spans under 3300.

  BigUint() = default;
  explicit BigUint(u128 v) {
    limb_[0] = static_cast<uint64_t>(v);
    limb_[1] = static_cast<uint64_t>(v >> 64);
    size_ = 2;
    trim();
  }

  bool is_zero() const { return size_ == 0; }
  int bit_length() const {
    return size_ == 0 ? 0 : 64 * (size_ - 1) + 64 - std::countl_zero(limb_[size_ - 1]);
  }
  bool bit(int i) const {
    if (i < 0 || i / 64 >= size_) return false;
    return ((limb_[i / 64] >> (i % 64)) & 1) != 0;
  }
  // Whether any of bits [0, i) is set.
  bool any_below(int i) const {
    for (int j = 0; j < i; ++j) {
      if (bit(j)) return true;
    }
    return false;
  }
  // Bits [lo, lo + 64).
  uint64_t extract(int lo) const {
    uint64_t r = 0;
    for (int j = 0; j < 64; ++j) r |= static_cast<uint64_t>(bit(lo + j)) << j;
    return r;
  }

  BigUint shifted_left(int n) const {
    require(n >= 0 && bit_length() + n <= kLimbs * 64, "shift out of range");
    BigUint r;
    const int limbs = n / 64;
    const int bits = n % 64;
    for (int i = 0; i < size_; ++i) {
      r.limb_[i + limbs] |= limb_[i] << bits;
      if (bits != 0 && i + limbs + 1 < kLimbs) r.limb_[i + limbs + 1] |= limb_[i] >> (64 - bits);
    }
    r.size_ = std::min(kLimbs, size_ + limbs + 1);
    r.trim();
    return r;
  }

  friend BigUint operator+(const BigUint& a, const BigUint& b) {
    BigUint r;
    const int n = std::max(a.size_, b.size_);
    require(n < kLimbs, "sum overflow");
    uint64_t carry = 0;
    for (int i = 0; i <= n; ++i) {
      const u128 t = static_cast<u128>(a.limb_[i]) + b.limb_[i] + carry;
      r.limb_[i] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    r.size_ = n + 1;
    r.trim();
    return r;
  }

  // Requires a >= b.
  friend BigUint operator-(const BigUint& a, const BigUint& b) {
    BigUint r;
    uint64_t borrow = 0;
    for (int i = 0; i < a.size_; ++i) {
      const uint64_t bi = b.limb_[i];
      const uint64_t t = a.limb_[i] - bi - borrow;
      borrow = (a.limb_[i] < bi || (a.limb_[i] == bi && borrow != 0)) ? 1 : 0;
      r.limb_[i] = t;
    }
    require(borrow == 0, "negative difference");
    r.size_ = a.size_;
    r.trim();
    return r;
  }

  friend int compare(const BigUint& a, const BigUint& b) {
    if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
    for (int i = a.size_ - 1; i >= 0; --i) {
      if (a.limb_[i] != b.limb_[i]) return a.limb_[i] < b.limb_[i] ? -1 : 1;
    }
    return 0;
  }

 private:
  void trim() {
    while (size_ > 0 && limb_[size_ - 1] == 0) --size_;
  }

  std::array<uint64_t, kLimbs> limb_{};
  int size_ = 0;
};

struct Decoded {
  enum class Kind { kZero, kFinite, kInf, kQNaN, kSNaN } kind;
  bool sign;
  uint64_t m;  // value = m * 2^q
  int q;
  bool nan() const { return kind == Kind::kQNaN || kind == Kind::kSNaN; }
  bool snan() const { return kind == Kind::kSNaN; }
  bool inf() const { return kind == Kind::kInf; }
  bool zero() const { return kind == Kind::kZero; }
};

Decoded decode(Fmt f, uint64_t x) {
  const bool sign = (x & f.sign_bit()) != 0;
  const int biased = static_cast<int>((x >> f.frac_bits) & static_cast<uint64_t>(f.max_biased()));
  const uint64_t frac = x & f.frac_mask();
  const int q_sub = f.emin() - f.frac_bits;
  if (biased == f.max_biased()) {
    if (frac == 0) return {Decoded::Kind::kInf, sign, 0, 0};
    const bool quiet = (frac >> (f.frac_bits - 1)) != 0;
    return {quiet ? Decoded::Kind::kQNaN : Decoded::Kind::kSNaN, sign, 0, 0};
  }
  if (biased == 0) {
    return {frac == 0 ? Decoded::Kind::kZero : Decoded::Kind::kFinite, sign, frac, q_sub};
  }
  return {Decoded::Kind::kFinite, sign, frac | (uint64_t{1} << f.frac_bits),
          biased - f.bias() - f.frac_bits};
}

int bit_length(u128 v) {
  int n = 0;
  while (v != 0) {
    v >>= 1;
    ++n;
  }
  return n;
}

struct Rounded {
  uint64_t m;
  bool inexact;
};

// Rounds n * 2^e (plus a sticky amount below 2^e) to an integer multiple of 2^q.
Rounded round_at(const BigUint& n, int e, bool sticky, int q, bool sign, RM rm) {
  const int k = q - e;  // Bits to discard.
  if (k <= 0) {
    require(!sticky, "sticky bit above the rounding position");
    require(n.bit_length() - k <= 63, "exact result too wide");
    return {n.extract(0) << -k, false};
  }
  require(n.bit_length() - k <= 62, "rounded result too wide");
  const uint64_t m = n.extract(k);
  const bool half = n.bit(k - 1);
  const bool below = sticky || n.any_below(k - 1);
  const bool inexact = half || below;
  bool up = false;
  switch (rm) {
    case kRne: up = half && (below || (m & 1) != 0); break;
    case kRmm: up = half; break;
    case kRtz: up = false; break;
    case kRdn: up = sign && inexact; break;
    case kRup: up = !sign && inexact; break;
  }
  return {m + (up ? 1 : 0), inexact};
}

// Rounds the nonzero value (-1)^sign * (n + sticky) * 2^e to format f.
Out round(Fmt f, bool sign, const BigUint& n, int e, bool sticky, RM rm) {
  require(!n.is_zero(), "rounding zero");
  const int p = f.p();
  const int top = e + n.bit_length() - 1;
  const int q_unbounded = top - (p - 1);
  const Rounded unbounded = round_at(n, e, sticky, q_unbounded, sign, rm);
  const bool tiny = q_unbounded + bit_length(unbounded.m) - 1 < f.emin();

  int q = std::max(q_unbounded, f.emin() - (p - 1));
  Rounded r = round_at(n, e, sticky, q, sign, rm);
  const uint64_t s = sign ? f.sign_bit() : 0;
  Flags flags = 0;
  if (r.inexact) flags |= NX;
  if (r.inexact && tiny) flags |= UF;
  if (r.m == 0) return {s, flags};
  if (bit_length(r.m) > p) {
    r.m >>= 1;
    q += 1;
  }
  const int len = bit_length(r.m);
  const int result_exp = q + len - 1;
  // Unbounded rounding reaches the same value here whenever it overflows.
  if (result_exp > f.emax()) {
    const bool to_inf = rm == kRne || rm == kRmm || (rm == kRdn && sign) || (rm == kRup && !sign);
    return {s | (to_inf ? f.inf() : f.max_finite()), OF | NX};
  }
  if (len < p) {
    require(q == f.emin() - (p - 1), "short significand outside the subnormal range");
    return {s | r.m, flags};
  }
  return {s | (static_cast<uint64_t>(result_exp + f.bias()) << f.frac_bits) | (r.m & f.frac_mask()),
          flags};
}

Out nan(Fmt f, bool invalid) {
  return {f.canonical_nan(), invalid ? NV : Flags{0}};
}
Out inf(Fmt f, bool sign) {
  return {(sign ? f.sign_bit() : 0) | f.inf(), 0};
}
Out zero(Fmt f, bool sign) {
  return {sign ? f.sign_bit() : 0, 0};
}

// (-1)^sa * na * 2^ea + (-1)^sb * nb * 2^eb, rounded once.
Out sum(Fmt f, bool sa, const BigUint& na, int ea, bool sb, const BigUint& nb, int eb, RM rm) {
  const int e = std::min(ea, eb);
  const BigUint a = na.shifted_left(ea - e);
  const BigUint b = nb.shifted_left(eb - e);
  BigUint n;
  bool sign = sa;
  if (sa == sb) {
    n = a + b;
  } else if (compare(a, b) >= 0) {
    n = a - b;
  } else {
    n = b - a;
    sign = sb;
  }
  // An exact zero: the common sign, else +0 except when rounding down.
  if (n.is_zero()) return zero(f, sa == sb ? sa : rm == kRdn);
  return round(f, sign, n, e, false, rm);
}

Out add(Fmt f, uint64_t a, uint64_t b, RM rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  if (x.nan() || y.nan()) return nan(f, x.snan() || y.snan());
  if (x.inf() && y.inf() && x.sign != y.sign) return nan(f, true);
  if (x.inf()) return inf(f, x.sign);
  if (y.inf()) return inf(f, y.sign);
  return sum(f, x.sign, BigUint(x.m), x.q, y.sign, BigUint(y.m), y.q, rm);
}

Out mul(Fmt f, uint64_t a, uint64_t b, RM rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  if (x.nan() || y.nan()) return nan(f, x.snan() || y.snan());
  const bool sign = x.sign != y.sign;
  if (x.inf() || y.inf()) return (x.zero() || y.zero()) ? nan(f, true) : inf(f, sign);
  if (x.zero() || y.zero()) return zero(f, sign);
  return round(f, sign, BigUint(static_cast<u128>(x.m) * y.m), x.q + y.q, false, rm);
}

// Shifts m left until it has exactly p bits, adjusting q.
void normalize(Fmt f, uint64_t& m, int& q) {
  while (bit_length(m) < f.p()) {
    m <<= 1;
    --q;
  }
}

Out div(Fmt f, uint64_t a, uint64_t b, RM rm) {
  Decoded x = decode(f, a);
  Decoded y = decode(f, b);
  if (x.nan() || y.nan()) return nan(f, x.snan() || y.snan());
  const bool sign = x.sign != y.sign;
  if (x.inf() && y.inf()) return nan(f, true);
  if (x.zero() && y.zero()) return nan(f, true);
  if (x.inf()) return inf(f, sign);
  if (y.inf()) return zero(f, sign);
  if (y.zero()) return {inf(f, sign).bits, DZ};
  if (x.zero()) return zero(f, sign);
  normalize(f, x.m, x.q);
  normalize(f, y.m, y.q);
  // At least 2^69 / 2 in the quotient: far more bits than needed, plus a sticky remainder.
  const u128 num = static_cast<u128>(x.m) << 70;
  const u128 quotient = num / y.m;
  const bool remainder = num % y.m != 0;
  return round(f, sign, BigUint(quotient), x.q - y.q - 70, remainder, rm);
}

// Integer square root with remainder, one bit pair at a time.
std::pair<u128, u128> isqrt(u128 n) {
  u128 rem = n;
  u128 root = 0;
  u128 bit = static_cast<u128>(1) << 126;
  while (bit > n) bit >>= 2;
  while (bit != 0) {
    if (rem >= root + bit) {
      rem -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  require(root * root + rem == n && rem <= 2 * root, "isqrt");
  return {root, rem};
}

Out sqrt(Fmt f, uint64_t a, RM rm) {
  Decoded x = decode(f, a);
  if (x.nan()) return nan(f, x.snan());
  if (x.zero()) return zero(f, x.sign);
  if (x.sign) return nan(f, true);
  if (x.inf()) return inf(f, false);
  normalize(f, x.m, x.q);
  const int k = ((x.q - 70) & 1) != 0 ? 71 : 70;  // Make the exponent even.
  const auto [root, rem] = isqrt(static_cast<u128>(x.m) << k);
  return round(f, false, BigUint(root), (x.q - k) / 2, rem != 0, rm);
}

Out fma(Fmt f, uint64_t a, uint64_t b, uint64_t c, RM rm) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  const Decoded z = decode(f, c);
  const bool inf_times_zero = (x.inf() && y.zero()) || (x.zero() && y.inf());
  if (x.nan() || y.nan() || z.nan()) {
    return nan(f, x.snan() || y.snan() || z.snan() || inf_times_zero);
  }
  if (inf_times_zero) return nan(f, true);
  const bool product_sign = x.sign != y.sign;
  if (x.inf() || y.inf()) {
    if (z.inf() && z.sign != product_sign) return nan(f, true);
    return inf(f, product_sign);
  }
  if (z.inf()) return inf(f, z.sign);
  return sum(f, product_sign, BigUint(static_cast<u128>(x.m) * y.m), x.q + y.q, z.sign,
             BigUint(z.m), z.q, rm);
}

// Float to integer of type Int; the result is returned zero-extended from Int's width.
template <class Int>
Out to_int(Fmt f, uint64_t a, RM rm) {
  using Unsigned = std::make_unsigned_t<Int>;
  constexpr i128 kMin = std::numeric_limits<Int>::min();
  constexpr i128 kMax = std::numeric_limits<Int>::max();
  auto out = [](i128 v, Flags flags) {
    return Out{static_cast<uint64_t>(static_cast<Unsigned>(static_cast<Int>(v))), flags};
  };
  const Decoded x = decode(f, a);
  if (x.nan()) return out(kMax, NV);
  if (x.inf()) return out(x.sign ? kMin : kMax, NV);
  if (x.zero()) return out(0, 0);
  i128 magnitude;
  bool inexact = false;
  if (x.q >= 0) {
    if (bit_length(x.m) + x.q > 100) return out(x.sign ? kMin : kMax, NV);
    magnitude = static_cast<i128>(x.m) << x.q;
  } else {
    const Rounded r = round_at(BigUint(x.m), x.q, false, 0, x.sign, rm);
    magnitude = r.m;
    inexact = r.inexact;
  }
  const i128 v = x.sign ? -magnitude : magnitude;
  if (v < kMin) return out(kMin, NV);
  if (v > kMax) return out(kMax, NV);
  return out(v, inexact ? NX : 0);
}

Out from_int(Fmt f, bool negative, u128 magnitude, RM rm) {
  if (magnitude == 0) return zero(f, false);
  return round(f, negative, BigUint(magnitude), 0, false, rm);
}

Out convert(Fmt from, Fmt to, uint64_t a, RM rm) {
  const Decoded x = decode(from, a);
  if (x.nan()) return nan(to, x.snan());
  if (x.inf()) return inf(to, x.sign);
  if (x.zero()) return zero(to, x.sign);
  return round(to, x.sign, BigUint(x.m), x.q, false, rm);
}

// Comparisons and min/max through host comparisons of the (exactly converted) values.
double host_value(Fmt f, uint64_t a) {
  if (f.exp_bits == kS.exp_bits) {
    return static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(a)));
  }
  return std::bit_cast<double>(a);
}

Out min_max(Fmt f, uint64_t a, uint64_t b, bool want_max) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  const Flags flags = (x.snan() || y.snan()) ? NV : 0;
  if (x.nan() && y.nan()) return {f.canonical_nan(), flags};
  if (x.nan()) return {b, flags};
  if (y.nan()) return {a, flags};
  const double va = host_value(f, a);
  const double vb = host_value(f, b);
  if (va < vb) return {want_max ? b : a, flags};
  if (vb < va) return {want_max ? a : b, flags};
  if (va == 0 && x.sign != y.sign) return {(x.sign != want_max) ? a : b, flags};
  return {a, flags};
}

enum class Cmp { kEq, kLt, kLe };
Out compare_values(Fmt f, uint64_t a, uint64_t b, Cmp op) {
  const Decoded x = decode(f, a);
  const Decoded y = decode(f, b);
  if (x.nan() || y.nan()) {
    const bool signal = op != Cmp::kEq || x.snan() || y.snan();
    return {0, signal ? NV : Flags{0}};
  }
  const double va = host_value(f, a);
  const double vb = host_value(f, b);
  const bool r = op == Cmp::kEq ? va == vb : op == Cmp::kLt ? va < vb : va <= vb;
  return {r ? 1U : 0U, 0};
}

uint64_t classify(Fmt f, uint64_t a) {
  const Decoded x = decode(f, a);
  if (x.snan()) return 1U << 8;
  if (x.nan()) return 1U << 9;
  const double v = host_value(f, a);
  const bool neg = std::signbit(v);
  int bit = 0;
  const int host_class =
      f.exp_bits == kS.exp_bits ? std::fpclassify(static_cast<float>(v)) : std::fpclassify(v);
  switch (host_class) {
    case FP_INFINITE: bit = neg ? 0 : 7; break;
    case FP_NORMAL: bit = neg ? 1 : 6; break;
    case FP_SUBNORMAL: bit = neg ? 2 : 5; break;
    case FP_ZERO: bit = neg ? 3 : 4; break;
    default: require(false, "unexpected class");
  }
  return uint64_t{1} << bit;
}

}  // namespace ref

// Spot checks that the reference itself agrees with known answers, so that a broken reference
// cannot hide behind agreement with a broken implementation.
TEST(FpuReference, KnownAnswers) {
  EXPECT_EQ(ref::add(ref::kS, kOneS, kTwoM24S, kRmm), R(0x3f800001, NX));
  EXPECT_EQ(ref::add(ref::kS, kOneS, kTwoM24S, kRne), R(kOneS, NX));
  EXPECT_EQ(ref::add(ref::kS, kMaxS, 0x73000000, kRtz), R(kMaxS, NX));
  EXPECT_EQ(ref::add(ref::kS, kMaxS, 0x73000000, kRup), R(kInfS, OF | NX));
  EXPECT_EQ(ref::add(ref::kD, kOneD, kNegOneD, kRdn), R(kNegZeroD));
  EXPECT_EQ(ref::mul(ref::kS, 0x203504f2, 0x1fb504f4, kRne), R(kMinNormalS, NX | UF));
  EXPECT_EQ(ref::mul(ref::kS, 0x3f800400, 0x007ffc00, kRne), R(kMinNormalS, NX));
  EXPECT_EQ(ref::div(ref::kS, kOneS, kThreeS, kRne), R(0x3eaaaaab, NX));
  EXPECT_EQ(ref::div(ref::kD, kOneD, kThreeD, kRup), R(0x3fd5555555555556, NX));
  EXPECT_EQ(ref::div(ref::kS, kMinSubnormalS, kTwoS, kRmm), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(ref::sqrt(ref::kD, kTwoD, kRne), R(0x3ff6a09e667f3bcd, NX));
  EXPECT_EQ(ref::sqrt(ref::kS, kTwoS, kRup), R(0x3fb504f4, NX));
  EXPECT_EQ(ref::sqrt(ref::kS, 0x00000002, kRne), R(0x1a800000));
  EXPECT_EQ(ref::fma(ref::kS, 0x3f800800, 0x3f800800, kNegOneS, kRne), R(0x3a000400));
  EXPECT_EQ(ref::fma(ref::kS, kInfS, kZeroS, kQNanS, kRne), R(kQNanS, NV));
  EXPECT_EQ(ref::fma(ref::kD, kMaxD, kMaxD, kNegInfD, kRne), R(kNegInfD));
  EXPECT_EQ(ref::to_int<int32_t>(ref::kS, 0x40200000, kRmm), R(3, NX));
  EXPECT_EQ(ref::to_int<uint32_t>(ref::kS, s(-0.3F), kRtz), R(0, NX));
  EXPECT_EQ(ref::to_int<int64_t>(ref::kD, kNegInfD, kRne), R(0x8000000000000000, NV));
  EXPECT_EQ(ref::from_int(ref::kD, false, ~uint64_t{0}, kRtz), R(0x43efffffffffffff, NX));
  EXPECT_EQ(ref::convert(ref::kD, ref::kS, 0x3690000000000000, kRmm), R(kMinSubnormalS, NX | UF));
  EXPECT_EQ(ref::min_max(ref::kS, kZeroS, kNegZeroS, false), R(kNegZeroS));
  EXPECT_EQ(ref::classify(ref::kD, kMaxSubnormalD), 1U << 5);
}

// ---------------------------------------------------------------------------------------------
// Randomized cross-check.

int iterations() {
  const char* env = std::getenv("STRATA_FPU_ITERATIONS");
  return env != nullptr ? std::atoi(env) : 8000;
}

uint64_t seed() {
  const char* env = std::getenv("STRATA_FPU_SEED");
  return env != nullptr ? std::strtoull(env, nullptr, 0) : 0x5eed'f00d'1234'5678ULL;
}

// Operands biased toward the interesting places: specials, subnormals, the ends of the exponent
// range, significands with long runs of zeros or ones (which make exact results and ties), and
// pairs whose exponents interact (cancellation, results at the underflow and overflow
// thresholds).
class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  uint64_t below(uint64_t n) { return rng_() % n; }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
  uint64_t bits() { return rng_(); }

  uint64_t frac(ref::Fmt f) {
    const uint64_t mask = f.frac_mask();
    const int shift = static_cast<int>(below(static_cast<uint64_t>(f.frac_bits) + 1));
    switch (below(8)) {
      case 0: return 0;
      case 1: return mask;
      case 2: return (rng_() & mask) >> shift << shift;     // Trailing zeros.
      case 3: return uint64_t{1} << below(f.frac_bits);     // One bit.
      case 4: return mask & ~((uint64_t{1} << shift) - 1);  // Leading ones.
      case 5: return (rng_() & mask) >> shift;              // Leading zeros.
      default: return rng_() & mask;
    }
  }

  int biased_exp(ref::Fmt f) {
    const int max = f.max_biased();
    switch (below(12)) {
      case 0: return 0;
      case 1: return max;
      case 2: return 1 + static_cast<int>(below(3));
      case 3: return max - 1 - static_cast<int>(below(3));
      case 4:
      case 5: return 1 + static_cast<int>(below(static_cast<uint64_t>(max) - 1));
      default: return f.bias() - 30 + static_cast<int>(below(61));
    }
  }

  static uint64_t make(ref::Fmt f, bool sign, int biased, uint64_t frac) {
    biased = std::clamp(biased, 0, f.max_biased());
    return (sign ? f.sign_bit() : 0) | (static_cast<uint64_t>(biased) << f.frac_bits) |
           (frac & f.frac_mask());
  }

  uint64_t operand(ref::Fmt f) { return make(f, chance(50), biased_exp(f), frac(f)); }
  uint64_t with_exp(ref::Fmt f, int biased) { return make(f, chance(50), biased, frac(f)); }

  static int exp_of(ref::Fmt f, uint64_t x) {
    return static_cast<int>((x >> f.frac_bits) & static_cast<uint64_t>(f.max_biased()));
  }

  std::array<uint64_t, 3> add_operands(ref::Fmt f) {
    const uint64_t a = operand(f);
    const int ea = exp_of(f, a);
    const int p = f.p();
    switch (below(4)) {
      case 0: return {a, operand(f), 0};
      case 1:  // Close exponents: rounding of the shifted-out bits, ties.
        return {a, with_exp(f, ea - p - 3 + static_cast<int>(below(2 * p + 7))), 0};
      case 2:  // Near-total cancellation.
        return {a, a ^ f.sign_bit() ^ below(4), 0};
      default: return {a, with_exp(f, ea + static_cast<int>(below(5)) - 2) ^ f.sign_bit(), 0};
    }
  }

  // Exponent for b so that a op b lands near the underflow or overflow threshold.
  int threshold_exp(ref::Fmt f, int ea, bool for_division) {
    const int p = f.p();
    const int target = chance(60) ? 1 - p - 2 + static_cast<int>(below(p + 6))  // Underflow.
                                  : f.max_biased() - 3 + static_cast<int>(below(5));
    return for_division ? ea - target + f.bias() : target - ea + f.bias();
  }

  std::array<uint64_t, 3> mul_operands(ref::Fmt f, bool for_division) {
    const uint64_t a = operand(f);
    switch (below(3)) {
      case 0: return {a, operand(f), 0};
      case 1: return {a, with_exp(f, threshold_exp(f, exp_of(f, a), for_division)), 0};
      default: return {a, with_exp(f, f.bias() - 2 + static_cast<int>(below(5))), 0};
    }
  }

  std::array<uint64_t, 3> fma_operands(ref::Fmt f) {
    auto [a, b, unused] = mul_operands(f, false);
    const int product_exp = exp_of(f, a) + exp_of(f, b) - f.bias();
    uint64_t c;
    switch (below(4)) {
      case 0: c = operand(f); break;
      case 1:
        c = with_exp(f, product_exp - f.p() - 3 + static_cast<int>(below(2 * f.p() + 7)));
        break;
      case 2:  // Cancel the rounded product, leaving (mostly) its rounding error.
        c = ref::mul(f, a, b, kRne).bits ^ f.sign_bit() ^ below(3);
        break;
      default: c = make(f, chance(50), static_cast<int>(below(3)), frac(f)); break;
    }
    return {a, b, c};
  }

  std::array<uint64_t, 3> sqrt_operand(ref::Fmt f) {
    uint64_t a = operand(f);
    if (chance(85)) a &= ~f.sign_bit();
    return {a, 0, 0};
  }

  // A float near the interesting points of an int_bits-wide integer conversion.
  std::array<uint64_t, 3> float_for_int(ref::Fmt f, int int_bits) {
    int biased;
    switch (below(4)) {
      case 0: return {operand(f), 0, 0};
      case 1: biased = f.bias() + int_bits - 3 + static_cast<int>(below(5)); break;
      case 2: biased = f.bias() - 3 + static_cast<int>(below(6)); break;
      default: biased = f.bias() + static_cast<int>(below(static_cast<uint64_t>(int_bits) + 2));
    }
    return {make(f, chance(50), biased, frac(f)), 0, 0};
  }

  // A 64-bit pattern whose magnitude has a random bit length, sometimes just above 2^p.
  uint64_t integer(int p) {
    uint64_t v = rng_() >> below(64);
    if (chance(20)) v = ((uint64_t{1} << p) + below(8)) << below(64 - p);
    if (chance(10)) v = ~v;
    return v;
  }

 private:
  std::mt19937_64 rng_;
};

using Inputs = std::array<uint64_t, 3>;

struct Case {
  const char* name;
  std::function<Inputs(Gen&)> generate;
  std::function<Out(const Inputs&, RM)> implementation;
  std::function<Out(const Inputs&, RM)> reference;
};

void cross_check(const Case& c, std::span<const RM> modes) {
  Gen gen(seed() ^ std::hash<std::string>{}(c.name));
  int failures = 0;
  const int n = iterations();
  for (const RM rm : modes) {
    for (int i = 0; i < n; ++i) {
      const Inputs in = c.generate(gen);
      const Out got = c.implementation(in, rm);
      const Out want = c.reference(in, rm);
      if (got != want) {
        ADD_FAILURE() << c.name << " " << mode_name(rm) << " (" << hex(in[0]) << ", " << hex(in[1])
                      << ", " << hex(in[2]) << "): got " << testing::PrintToString(got) << ", want "
                      << testing::PrintToString(want);
        if (++failures >= 10) return;
      }
    }
  }
}

constexpr std::array<RM, 1> kRneOnly = {kRne};

template <class Fn>
std::function<Out(const Inputs&, RM)> binary32(Fn fn) {
  return [fn](const Inputs& in, RM rm) {
    return run([&](Flags& f) {
      return fn(static_cast<uint32_t>(in[0]), static_cast<uint32_t>(in[1]), rm, f);
    });
  };
}
template <class Fn>
std::function<Out(const Inputs&, RM)> binary64(Fn fn) {
  return [fn](const Inputs& in, RM rm) {
    return run([&](Flags& f) { return fn(in[0], in[1], rm, f); });
  };
}

std::vector<Case> arithmetic_cases() {
  using ref::kD;
  using ref::kS;
  std::vector<Case> cases;
  auto add_case = [&](const char* name, auto gen, auto impl, auto reference) {
    cases.push_back({name, gen, impl, reference});
  };
  for (const auto& [f, is32] : {std::pair{kS, true}, std::pair{kD, false}}) {
    const ref::Fmt fmt = f;
    auto add_gen = [fmt](Gen& g) { return g.add_operands(fmt); };
    auto mul_gen = [fmt](Gen& g) { return g.mul_operands(fmt, false); };
    auto div_gen = [fmt](Gen& g) { return g.mul_operands(fmt, true); };
    auto fma_gen = [fmt](Gen& g) { return g.fma_operands(fmt); };
    auto sqrt_gen = [fmt](Gen& g) { return g.sqrt_operand(fmt); };
    auto ref_add = [fmt](const Inputs& in, RM rm) { return ref::add(fmt, in[0], in[1], rm); };
    auto ref_sub = [fmt](const Inputs& in, RM rm) {
      return ref::add(fmt, in[0], in[1] ^ fmt.sign_bit(), rm);
    };
    auto ref_mul = [fmt](const Inputs& in, RM rm) { return ref::mul(fmt, in[0], in[1], rm); };
    auto ref_div = [fmt](const Inputs& in, RM rm) { return ref::div(fmt, in[0], in[1], rm); };
    auto ref_sqrt = [fmt](const Inputs& in, RM rm) { return ref::sqrt(fmt, in[0], rm); };
    auto ref_fma = [fmt](const Inputs& in, RM rm) {
      return ref::fma(fmt, in[0], in[1], in[2], rm);
    };
    if (is32) {
      add_case("add32", add_gen, binary32(add32), ref_add);
      add_case("sub32", add_gen, binary32(sub32), ref_sub);
      add_case("mul32", mul_gen, binary32(mul32), ref_mul);
      add_case("div32", div_gen, binary32(div32), ref_div);
      add_case("sqrt32", sqrt_gen,
               binary32([](uint32_t a, uint32_t, RM rm, Flags& fl) { return sqrt32(a, rm, fl); }),
               ref_sqrt);
      add_case(
          "fma32", fma_gen,
          [](const Inputs& in, RM rm) {
            return Fma32(static_cast<uint32_t>(in[0]), static_cast<uint32_t>(in[1]),
                         static_cast<uint32_t>(in[2]), rm);
          },
          ref_fma);
      // The software implementation on its own, in every mode (the public functions use it
      // only for RMM, and for FMA on hosts without FMA3).
      add_case("soft::add32", add_gen, binary32(soft::add<F32>), ref_add);
      add_case("soft::mul32", mul_gen, binary32(soft::mul<F32>), ref_mul);
      add_case("soft::div32", div_gen, binary32(soft::div<F32>), ref_div);
      add_case(
          "soft::fma32", fma_gen,
          [](const Inputs& in, RM rm) {
            Flags fl = 0;
            const uint32_t r =
                soft::fma<F32>(static_cast<uint32_t>(in[0]), static_cast<uint32_t>(in[1]),
                               static_cast<uint32_t>(in[2]), rm, fl);
            return Out{r, fl};
          },
          ref_fma);
    } else {
      add_case("add64", add_gen, binary64(add64), ref_add);
      add_case("sub64", add_gen, binary64(sub64), ref_sub);
      add_case("mul64", mul_gen, binary64(mul64), ref_mul);
      add_case("div64", div_gen, binary64(div64), ref_div);
      add_case("sqrt64", sqrt_gen,
               binary64([](uint64_t a, uint64_t, RM rm, Flags& fl) { return sqrt64(a, rm, fl); }),
               ref_sqrt);
      add_case(
          "fma64", fma_gen, [](const Inputs& in, RM rm) { return Fma64(in[0], in[1], in[2], rm); },
          ref_fma);
      add_case("soft::add64", add_gen, binary64(soft::add<F64>), ref_add);
      add_case("soft::mul64", mul_gen, binary64(soft::mul<F64>), ref_mul);
      add_case("soft::div64", div_gen, binary64(soft::div<F64>), ref_div);
      add_case(
          "soft::fma64", fma_gen,
          [](const Inputs& in, RM rm) {
            Flags fl = 0;
            const uint64_t r = soft::fma<F64>(in[0], in[1], in[2], rm, fl);
            return Out{r, fl};
          },
          ref_fma);
    }
  }
  return cases;
}

TEST(FpuRandom, ArithmeticMatchesReference) {
  for (const Case& c : arithmetic_cases()) {
    SCOPED_TRACE(c.name);
    cross_check(c, kAllModes);
  }
}

template <class Int, class Bits>
Case float_to_int_case(const char* name, ref::Fmt f, Int (*fn)(Bits, RM, Flags&)) {
  constexpr int kBits = std::numeric_limits<std::make_unsigned_t<Int>>::digits;
  return {name, [f](Gen& g) { return g.float_for_int(f, kBits); },
          [fn](const Inputs& in, RM rm) { return Call(fn, static_cast<Bits>(in[0]), rm); },
          [f](const Inputs& in, RM rm) { return ref::to_int<Int>(f, in[0], rm); }};
}

template <class Int, class Bits>
Case int_to_float_case(const char* name, ref::Fmt f, Bits (*fn)(Int, RM, Flags&)) {
  return {name,
          [f](Gen& g) {
            return Inputs{g.integer(f.p()), 0, 0};
          },
          [fn](const Inputs& in, RM rm) { return Call(fn, static_cast<Int>(in[0]), rm); },
          [f](const Inputs& in, RM rm) {
            const auto v = static_cast<Int>(in[0]);
            const bool negative = v < 0;
            const u128 magnitude =
                negative ? static_cast<u128>(-static_cast<i128>(v)) : static_cast<u128>(v);
            return ref::from_int(f, negative, magnitude, rm);
          }};
}

TEST(FpuRandom, ConversionsMatchReference) {
  using ref::kD;
  using ref::kS;
  const std::vector<Case> cases = {
      float_to_int_case<int32_t>("f32_to_i32", kS, f32_to_i32),
      float_to_int_case<uint32_t>("f32_to_u32", kS, f32_to_u32),
      float_to_int_case<int64_t>("f32_to_i64", kS, f32_to_i64),
      float_to_int_case<uint64_t>("f32_to_u64", kS, f32_to_u64),
      float_to_int_case<int32_t>("f64_to_i32", kD, f64_to_i32),
      float_to_int_case<uint32_t>("f64_to_u32", kD, f64_to_u32),
      float_to_int_case<int64_t>("f64_to_i64", kD, f64_to_i64),
      float_to_int_case<uint64_t>("f64_to_u64", kD, f64_to_u64),
      int_to_float_case<int32_t>("i32_to_f32", kS, i32_to_f32),
      int_to_float_case<uint32_t>("u32_to_f32", kS, u32_to_f32),
      int_to_float_case<int64_t>("i64_to_f32", kS, i64_to_f32),
      int_to_float_case<uint64_t>("u64_to_f32", kS, u64_to_f32),
      int_to_float_case<int32_t>("i32_to_f64", kD, i32_to_f64),
      int_to_float_case<uint32_t>("u32_to_f64", kD, u32_to_f64),
      int_to_float_case<int64_t>("i64_to_f64", kD, i64_to_f64),
      int_to_float_case<uint64_t>("u64_to_f64", kD, u64_to_f64),
      {"f64_to_f32",
       [](Gen& g) {
         // Values around the binary32 range, including its subnormals and overflow threshold.
         int biased = g.chance(70) ? 1023 - 160 + static_cast<int>(g.below(300)) : g.biased_exp(kD);
         uint64_t frac = g.frac(kD);
         if (g.chance(30)) frac = (frac >> 29 << 29) | (g.chance(50) ? (uint64_t{1} << 28) : 0);
         if (g.chance(25)) {
           // Just below a binary32 threshold (smallest normal, smallest subnormal, overflow),
           // where the tininess and overflow decisions hinge on the bits past the 24th.
           constexpr std::array<int, 5> kEdges = {1023 - 127, 1023 - 150, 1023 - 151, 1023 - 149,
                                                  1023 + 127};
           biased = kEdges[g.below(kEdges.size())];
           const uint64_t top = g.chance(70) ? (uint64_t{1} << 23) - 1 : g.bits() >> 41;
           frac = (top << 29) | (g.below(2) << 28) | (g.chance(50) ? g.bits() >> 36 : 0);
         }
         return Inputs{g.make(kD, g.chance(50), biased, frac), 0, 0};
       },
       [](const Inputs& in, RM rm) {
         Flags fl = 0;
         const uint32_t r = f64_to_f32(in[0], rm, fl);
         return Out{r, fl};
       },
       [](const Inputs& in, RM rm) { return ref::convert(kD, kS, in[0], rm); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    cross_check(c, kAllModes);
  }
  const Case widen = {"f32_to_f64",
                      [](Gen& g) {
                        return Inputs{g.operand(kS), 0, 0};
                      },
                      [](const Inputs& in, RM) {
                        Flags fl = 0;
                        const uint64_t r = f32_to_f64(static_cast<uint32_t>(in[0]), fl);
                        return Out{r, fl};
                      },
                      [](const Inputs& in, RM) { return ref::convert(kS, kD, in[0], kRne); }};
  cross_check(widen, kRneOnly);
}

TEST(FpuRandom, ComparisonsMatchReference) {
  using ref::kD;
  using ref::kS;
  std::vector<Case> cases;
  for (const auto& [f, is32] : {std::pair{kS, true}, std::pair{kD, false}}) {
    const ref::Fmt fmt = f;
    // Half the pairs share an exponent so that equal and adjacent values show up.
    auto gen = [fmt](Gen& g) {
      Inputs in = g.add_operands(fmt);
      if (g.chance(10)) in[1] = in[0];
      if (g.chance(10)) in[1] = in[0] ^ fmt.sign_bit();
      return in;
    };
    auto wrap_bool = [](auto fn) {
      return [fn](const Inputs& in, RM) {
        return run([&](Flags& fl) { return fn(in[0], in[1], fl) ? uint64_t{1} : uint64_t{0}; });
      };
    };
    auto wrap_bits = [](auto fn) {
      return [fn](const Inputs& in, RM) {
        return run([&](Flags& fl) { return uint64_t{fn(in[0], in[1], fl)}; });
      };
    };
    auto ref_cmp = [fmt](ref::Cmp op) {
      return [fmt, op](const Inputs& in, RM) { return ref::compare_values(fmt, in[0], in[1], op); };
    };
    auto ref_mm = [fmt](bool want_max) {
      return [fmt, want_max](const Inputs& in, RM) {
        return ref::min_max(fmt, in[0], in[1], want_max);
      };
    };
    auto ref_class = [fmt](const Inputs& in, RM) { return Out{ref::classify(fmt, in[0]), 0}; };
    if (is32) {
      auto n32 = [](auto fn) {
        return [fn](uint64_t a, uint64_t b, Flags& fl) {
          return fn(static_cast<uint32_t>(a), static_cast<uint32_t>(b), fl);
        };
      };
      cases.push_back({"eq32", gen, wrap_bool(n32(eq32)), ref_cmp(ref::Cmp::kEq)});
      cases.push_back({"lt32", gen, wrap_bool(n32(lt32)), ref_cmp(ref::Cmp::kLt)});
      cases.push_back({"le32", gen, wrap_bool(n32(le32)), ref_cmp(ref::Cmp::kLe)});
      cases.push_back({"min32", gen, wrap_bits(n32(min32)), ref_mm(false)});
      cases.push_back({"max32", gen, wrap_bits(n32(max32)), ref_mm(true)});
      cases.push_back({"classify32", gen,
                       [](const Inputs& in, RM) {
                         return Out{classify32(static_cast<uint32_t>(in[0])), 0};
                       },
                       ref_class});
    } else {
      cases.push_back({"eq64", gen, wrap_bool(eq64), ref_cmp(ref::Cmp::kEq)});
      cases.push_back({"lt64", gen, wrap_bool(lt64), ref_cmp(ref::Cmp::kLt)});
      cases.push_back({"le64", gen, wrap_bool(le64), ref_cmp(ref::Cmp::kLe)});
      cases.push_back({"min64", gen, wrap_bits(min64), ref_mm(false)});
      cases.push_back({"max64", gen, wrap_bits(max64), ref_mm(true)});
      cases.push_back({"classify64", gen,
                       [](const Inputs& in, RM) {
                         return Out{classify64(in[0]), 0};
                       },
                       ref_class});
    }
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    cross_check(c, kRneOnly);
  }
}

}  // namespace
}  // namespace strata::fpu
