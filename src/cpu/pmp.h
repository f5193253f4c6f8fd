// Physical memory protection (privileged spec 1.12, section 3.7): 16 entries, 4-byte granularity.
#pragma once

#include <cstdint>

#include "cpu/hart_state.h"

namespace strata::cpu {

enum class Access : uint8_t { kRead = 0, kWrite = 1, kExecute = 2 };

namespace pmpcfg {
inline constexpr uint8_t kR = 1U << 0;
inline constexpr uint8_t kW = 1U << 1;
inline constexpr uint8_t kX = 1U << 2;
inline constexpr unsigned kAShift = 3;
inline constexpr uint8_t kA = 3U << kAShift;
inline constexpr uint8_t kLocked = 1U << 7;
enum Mode : uint8_t { kOff = 0, kTor = 1, kNa4 = 2, kNapot = 3 };
}  // namespace pmpcfg

// Whether an access of `size` bytes at `paddr` by effective privilege `priv` is allowed.
[[nodiscard]] bool pmp_allows(const PmpState& pmp, uint64_t paddr, uint64_t size, Access access,
                              Priv priv);

// Whether every byte of the 4 KiB page at `page` gets the same answer for `access` as its first
// byte, so a TLB may cache the permission for the whole page.
[[nodiscard]] bool pmp_uniform_over_page(const PmpState& pmp, uint64_t page);

// CSR writes with the lock rules applied. `index` is the pmpcfg CSR's number (0, 2, ..., 14).
void pmp_write_cfg(PmpState& pmp, unsigned csr_index, uint64_t value);
uint64_t pmp_read_cfg(const PmpState& pmp, unsigned csr_index);
void pmp_write_addr(PmpState& pmp, unsigned entry, uint64_t value);

}  // namespace strata::cpu
