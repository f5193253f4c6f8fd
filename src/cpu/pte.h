// Sv39/48/57 page-table entry bits (privileged spec, "Virtual Address Translation"): shared by the
// MMU's walker and by everything that builds page tables for a guest (tests, the differential
// test's program generator).
#pragma once

#include <cstdint>

namespace strata::cpu::pte {

inline constexpr uint64_t kV = 1U << 0;
inline constexpr uint64_t kR = 1U << 1;
inline constexpr uint64_t kW = 1U << 2;
inline constexpr uint64_t kX = 1U << 3;
inline constexpr uint64_t kU = 1U << 4;
inline constexpr uint64_t kG = 1U << 5;
inline constexpr uint64_t kA = 1U << 6;
inline constexpr uint64_t kD = 1U << 7;
inline constexpr unsigned kReservedShift = 54;  // bits 63:54 (N, PBMT, reserved) must be zero

}  // namespace strata::cpu::pte
