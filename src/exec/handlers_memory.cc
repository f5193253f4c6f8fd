// Loads, stores and the A extension's atomics.
#include <atomic>
#include <type_traits>

#include "exec/handlers.h"
#include "util/bits.h"

namespace strata::exec {
namespace {

using cpu::MemStatus;

template <typename T>
Flow load(cpu::Hart& hart, const Insn& insn) {
  using Unsigned = std::make_unsigned_t<T>;
  Unsigned value = 0;
  if (hart.load<Unsigned>(hart.s.x[insn.rs1] + static_cast<uint64_t>(insn.imm), value) !=
      MemStatus::kOk) [[unlikely]] {
    return trap(hart, insn);
  }
  // Widening through int64_t sign-extends the signed loads (lb, lh, lw).
  hart.s.x[insn.rd] = static_cast<uint64_t>(static_cast<int64_t>(static_cast<T>(value)));
  return Flow::kNext;
}

template <typename T>
Flow store_value(cpu::Hart& hart, const Insn& insn, T value) {
  const MemStatus status =
      hart.store<T>(hart.s.x[insn.rs1] + static_cast<uint64_t>(insn.imm), value);
  if (status == MemStatus::kOk) [[likely]]
    return Flow::kNext;
  if (status == MemStatus::kFault) return trap(hart, insn);
  return retire_and_leave(hart, insn);  // a watched page: the block itself may be stale now
}

template <typename T>
Flow store(cpu::Hart& hart, const Insn& insn) {
  return store_value<T>(hart, insn, static_cast<T>(hart.s.x[insn.rs2]));
}

// Sign-extends a W-sized result to 64 bits, or passes a D-sized one through.
template <typename T>
uint64_t widen(T value) {
  return static_cast<uint64_t>(static_cast<std::make_signed_t<T>>(value));
}

template <typename T>
Flow load_reserved(cpu::Hart& hart, const Insn& insn) {
  void* host = nullptr;
  if (hart.atomic_pointer(hart.s.x[insn.rs1], sizeof(T), cpu::Access::kRead, host) !=
      MemStatus::kOk) {
    return trap(hart, insn);
  }
  const T value = std::atomic_ref<T>(*static_cast<T*>(host)).load(std::memory_order_acquire);
  hart.s.reservation_valid = true;
  // The reservation names the guest physical address, so it survives a snapshot restored into
  // another process.
  hart.s.reservation_address = hart.physical_address_of(host);
  hart.s.reservation_value = value;
  hart.s.x[insn.rd] = widen(value);
  return Flow::kNext;
}

// SC succeeds if the reservation is for this address and the location still holds the value LR
// saw; the compare-and-swap makes that check and the store one atomic step across harts.
template <typename T>
Flow store_conditional(cpu::Hart& hart, const Insn& insn) {
  void* host = nullptr;
  if (hart.atomic_pointer(hart.s.x[insn.rs1], sizeof(T), cpu::Access::kWrite, host) !=
      MemStatus::kOk) {
    return trap(hart, insn);
  }
  bool success = false;
  if (hart.s.reservation_valid && hart.s.reservation_address == hart.physical_address_of(host)) {
    T expected = static_cast<T>(hart.s.reservation_value);
    success = std::atomic_ref<T>(*static_cast<T*>(host))
                  .compare_exchange_strong(expected, static_cast<T>(hart.s.x[insn.rs2]),
                                           std::memory_order_acq_rel);
  }
  hart.s.reservation_valid = false;
  hart.s.x[insn.rd] = success ? 0 : 1;
  if (success && hart.after_atomic_store(host, sizeof(T)) == MemStatus::kWatched) {
    return retire_and_leave(hart, insn);
  }
  return Flow::kNext;
}

template <typename T, typename Combine>
Flow amo(cpu::Hart& hart, const Insn& insn, Combine combine) {
  void* host = nullptr;
  if (hart.atomic_pointer(hart.s.x[insn.rs1], sizeof(T), cpu::Access::kWrite, host) !=
      MemStatus::kOk) {
    return trap(hart, insn);
  }
  const auto operand = static_cast<T>(hart.s.x[insn.rs2]);
  const std::atomic_ref<T> location(*static_cast<T*>(host));
  T old = location.load(std::memory_order_relaxed);
  while (!location.compare_exchange_weak(old, combine(old, operand), std::memory_order_acq_rel)) {
  }
  hart.s.x[insn.rd] = widen(old);
  if (hart.after_atomic_store(host, sizeof(T)) == MemStatus::kWatched) {
    return retire_and_leave(hart, insn);
  }
  return Flow::kNext;
}

template <typename T>
T signed_min(T a, T b) {
  using S = std::make_signed_t<T>;
  return static_cast<S>(a) < static_cast<S>(b) ? a : b;
}
template <typename T>
T signed_max(T a, T b) {
  using S = std::make_signed_t<T>;
  return static_cast<S>(a) > static_cast<S>(b) ? a : b;
}

template <typename T>
Flow fp_load(cpu::Hart& hart, const Insn& insn) {
  if (!hart.fp_enabled()) return illegal(hart, insn);
  T value = 0;
  if (hart.load<T>(hart.s.x[insn.rs1] + static_cast<uint64_t>(insn.imm), value) != MemStatus::kOk) {
    return trap(hart, insn);
  }
  // A single-precision value is NaN-boxed: the upper 32 bits of the register are all ones.
  hart.s.f[insn.rd] = sizeof(T) == 4 ? (0xffffffff00000000ULL | value) : value;
  hart.mark_fp_dirty();
  return Flow::kNext;
}

template <typename T>
Flow fp_store(cpu::Hart& hart, const Insn& insn) {
  if (!hart.fp_enabled()) return illegal(hart, insn);
  return store_value<T>(hart, insn, static_cast<T>(hart.s.f[insn.rs2]));
}

}  // namespace

Flow exec_Lb(cpu::Hart& h, const Insn& i) {
  return load<int8_t>(h, i);
}
Flow exec_Lh(cpu::Hart& h, const Insn& i) {
  return load<int16_t>(h, i);
}
Flow exec_Lw(cpu::Hart& h, const Insn& i) {
  return load<int32_t>(h, i);
}
Flow exec_Ld(cpu::Hart& h, const Insn& i) {
  return load<int64_t>(h, i);
}
Flow exec_Lbu(cpu::Hart& h, const Insn& i) {
  return load<uint8_t>(h, i);
}
Flow exec_Lhu(cpu::Hart& h, const Insn& i) {
  return load<uint16_t>(h, i);
}
Flow exec_Lwu(cpu::Hart& h, const Insn& i) {
  return load<uint32_t>(h, i);
}
Flow exec_Sb(cpu::Hart& h, const Insn& i) {
  return store<uint8_t>(h, i);
}
Flow exec_Sh(cpu::Hart& h, const Insn& i) {
  return store<uint16_t>(h, i);
}
Flow exec_Sw(cpu::Hart& h, const Insn& i) {
  return store<uint32_t>(h, i);
}
Flow exec_Sd(cpu::Hart& h, const Insn& i) {
  return store<uint64_t>(h, i);
}
Flow exec_Flw(cpu::Hart& h, const Insn& i) {
  return fp_load<uint32_t>(h, i);
}
Flow exec_Fld(cpu::Hart& h, const Insn& i) {
  return fp_load<uint64_t>(h, i);
}
Flow exec_Fsw(cpu::Hart& h, const Insn& i) {
  return fp_store<uint32_t>(h, i);
}
Flow exec_Fsd(cpu::Hart& h, const Insn& i) {
  return fp_store<uint64_t>(h, i);
}

Flow exec_LrW(cpu::Hart& h, const Insn& i) {
  return load_reserved<uint32_t>(h, i);
}
Flow exec_LrD(cpu::Hart& h, const Insn& i) {
  return load_reserved<uint64_t>(h, i);
}
Flow exec_ScW(cpu::Hart& h, const Insn& i) {
  return store_conditional<uint32_t>(h, i);
}
Flow exec_ScD(cpu::Hart& h, const Insn& i) {
  return store_conditional<uint64_t>(h, i);
}

#define STRATA_AMO(name, type, expression)                                       \
  Flow exec_##name(cpu::Hart& h, const Insn& i) {                                \
    return amo<type>(h, i, [](type a, type b) -> type { return (expression); }); \
  }
STRATA_AMO(AmoswapW, uint32_t, (static_cast<void>(a), b))
STRATA_AMO(AmoaddW, uint32_t, a + b)
STRATA_AMO(AmoxorW, uint32_t, a ^ b)
STRATA_AMO(AmoandW, uint32_t, a& b)
STRATA_AMO(AmoorW, uint32_t, a | b)
STRATA_AMO(AmominW, uint32_t, signed_min(a, b))
STRATA_AMO(AmomaxW, uint32_t, signed_max(a, b))
STRATA_AMO(AmominuW, uint32_t, a < b ? a : b)
STRATA_AMO(AmomaxuW, uint32_t, a > b ? a : b)
STRATA_AMO(AmoswapD, uint64_t, (static_cast<void>(a), b))
STRATA_AMO(AmoaddD, uint64_t, a + b)
STRATA_AMO(AmoxorD, uint64_t, a ^ b)
STRATA_AMO(AmoandD, uint64_t, a& b)
STRATA_AMO(AmoorD, uint64_t, a | b)
STRATA_AMO(AmominD, uint64_t, signed_min(a, b))
STRATA_AMO(AmomaxD, uint64_t, signed_max(a, b))
STRATA_AMO(AmominuD, uint64_t, a < b ? a : b)
STRATA_AMO(AmomaxuD, uint64_t, a > b ? a : b)
#undef STRATA_AMO

}  // namespace strata::exec
