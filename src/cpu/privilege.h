// Privilege modes, trap causes and the architectural constants of the privileged spec 1.12.
#pragma once

#include <cstdint>

namespace strata::cpu {

enum class Priv : uint8_t { kUser = 0, kSupervisor = 1, kMachine = 3 };

// Exception codes (mcause with the interrupt bit clear).
enum class Exception : uint8_t {
  kInstructionMisaligned = 0,
  kInstructionAccessFault = 1,
  kIllegalInstruction = 2,
  kBreakpoint = 3,
  kLoadMisaligned = 4,
  kLoadAccessFault = 5,
  kStoreMisaligned = 6,
  kStoreAccessFault = 7,
  kEcallFromU = 8,
  kEcallFromS = 9,
  kEcallFromM = 11,
  kInstructionPageFault = 12,
  kLoadPageFault = 13,
  kStorePageFault = 15,
};

// Interrupt codes (mcause with the interrupt bit set) double as bit positions in mip/mie.
enum class Interrupt : uint8_t {
  kSupervisorSoftware = 1,
  kMachineSoftware = 3,
  kSupervisorTimer = 5,
  kMachineTimer = 7,
  kSupervisorExternal = 9,
  kMachineExternal = 11,
};

inline constexpr uint64_t kInterruptBit = 1ULL << 63;

namespace mip {
inline constexpr uint64_t kSSIP = 1ULL << 1;
inline constexpr uint64_t kMSIP = 1ULL << 3;
inline constexpr uint64_t kSTIP = 1ULL << 5;
inline constexpr uint64_t kMTIP = 1ULL << 7;
inline constexpr uint64_t kSEIP = 1ULL << 9;
inline constexpr uint64_t kMEIP = 1ULL << 11;
inline constexpr uint64_t kSupervisorMask = kSSIP | kSTIP | kSEIP;
inline constexpr uint64_t kAll = kSupervisorMask | kMSIP | kMTIP | kMEIP;
}  // namespace mip

namespace mstatus {
inline constexpr uint64_t kSIE = 1ULL << 1;
inline constexpr uint64_t kMIE = 1ULL << 3;
inline constexpr uint64_t kSPIE = 1ULL << 5;
inline constexpr uint64_t kMPIE = 1ULL << 7;
inline constexpr uint64_t kSPP = 1ULL << 8;
inline constexpr unsigned kMPPShift = 11;
inline constexpr uint64_t kMPP = 3ULL << kMPPShift;
inline constexpr unsigned kFSShift = 13;
inline constexpr uint64_t kFS = 3ULL << kFSShift;
inline constexpr uint64_t kMPRV = 1ULL << 17;
inline constexpr uint64_t kSUM = 1ULL << 18;
inline constexpr uint64_t kMXR = 1ULL << 19;
inline constexpr uint64_t kTVM = 1ULL << 20;
inline constexpr uint64_t kTW = 1ULL << 21;
inline constexpr uint64_t kTSR = 1ULL << 22;
inline constexpr uint64_t kUXL = 3ULL << 32;
inline constexpr uint64_t kSXL = 3ULL << 34;
inline constexpr uint64_t kSD = 1ULL << 63;
// XLEN is fixed at 64 for S and U mode: UXL = SXL = 2, read-only.
inline constexpr uint64_t kXlen64 = (2ULL << 32) | (2ULL << 34);
inline constexpr uint64_t kWritable =
    kSIE | kMIE | kSPIE | kMPIE | kSPP | kMPP | kFS | kMPRV | kSUM | kMXR | kTVM | kTW | kTSR;
// The subset visible through sstatus.
inline constexpr uint64_t kSstatusMask = kSIE | kSPIE | kSPP | kFS | kSUM | kMXR | kUXL | kSD;
inline constexpr uint64_t kFsOff = 0;
inline constexpr uint64_t kFsDirty = 3;
}  // namespace mstatus

// misa: RV64 with A, C, D, F, I, M, S, U. Read-only in strata (a legal WARL choice).
inline constexpr uint64_t kMisa = (2ULL << 62) | (1U << 0) | (1U << 2) | (1U << 3) | (1U << 5) |
                                  (1U << 8) | (1U << 12) | (1U << 18) | (1U << 20);

// Exceptions that medeleg may delegate: codes 0-9, 12, 13 and 15 (not ecall from M, not the
// reserved codes).
inline constexpr uint64_t kDelegableExceptions = 0xb3ffULL;
inline constexpr uint64_t kDelegableInterrupts = mip::kSupervisorMask;

}  // namespace strata::cpu
