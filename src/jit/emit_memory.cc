// RegionEmitter: loads and stores, through the software TLB.
#include "jit/region_emitter.h"

namespace strata::jit {

void RegionEmitter::emit_memory(const exec::Insn& in, Op op) {
  unsigned size = 8;
  bool store = false;
  switch (op) {
    case Op::kLb:
    case Op::kLbu: size = 1; break;
    case Op::kLh:
    case Op::kLhu: size = 2; break;
    case Op::kLw:
    case Op::kLwu: size = 4; break;
    case Op::kSb: size = 1, store = true; break;
    case Op::kSh: size = 2, store = true; break;
    case Op::kSw: size = 4, store = true; break;
    case Op::kSd: store = true; break;
    case Op::kFlw: size = 4; break;
    case Op::kFsw: size = 4, store = true; break;
    case Op::kFsd: store = true; break;
    default: break;
  }
  const bool fp = op == Op::kFlw || op == Op::kFld || op == Op::kFsw || op == Op::kFsd;
  const bool direct = store ? direct_stores_ : direct_loads_;
  // The TLB path's cold path comes before the slow path's: it jumps there.
  const size_t fallback = direct ? add_cold(ColdPath::Kind::kTlbFallback) : 0;
  const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
  // The base in rcx when it is in HartState, or in rax (which the paths below take for scratch).
  // The offset is 12 bits.
  const Reg64* base = in_register_or_rax(in.rs1);
  if (base == nullptr || base->getIdx() == rax.getIdx()) {
    mov(rcx, base == nullptr ? src(in.rs1) : rax);
    base = &rcx;
  }
  const GuestAddress address{*base, static_cast<int32_t>(in.imm)};
  const Xbyak::RegExp host = address.base + rdx + address.displacement;
  // Loading an f register dirties FS; a store only needs the FPU on.
  if (fp && store) require_fs(slow);
  if (fp && !store) require_fs_dirty(slow);
  if (direct) {
    ColdPath& path = cold_[fallback];
    path.access_size = static_cast<uint8_t>(size);
    path.access = store ? cpu::Access::kWrite : cpu::Access::kRead;
    path.address_register = static_cast<uint8_t>(address.base.getIdx());
    path.address_displacement = address.displacement;
    path.slow_path = slow;
    emit_direct_address(address, size, store, fallback);
    cold_[fallback].resume = getSize();
  } else {
    emit_tlb_address(address, size, store ? cpu::Access::kWrite : cpu::Access::kRead, slow);
  }
  // A stored value kept in HartState goes through rax, free once the address is checked (a
  // direct access's fallback resumes before the value's load).
  if (fp && store) {
    if (size == 4) {
      mov(eax, dword[rbx + l_.f + static_cast<int32_t>(8 * in.rs2)]);
      mov(dword[host], eax);
    } else {
      mov(rax, f(in.rs2));
      mov(qword[host], rax);
    }
  } else if (fp) {
    if (size == 4) {
      mov(eax, dword[host]);
    } else {
      mov(rax, qword[host]);
    }
    store_fp(size == 4 ? kSingle : kDouble, in.rd);  // FLW NaN-boxes
    keep_copy(in.rd, size == 4 ? dword[host] : qword[host], /*single=*/size == 4);
  } else if (store && in.rs2 == 0) {
    if (size == 1) mov(byte[host], 0);
    if (size == 2) mov(word[host], 0);
    if (size == 4) mov(dword[host], 0);
    if (size == 8) mov(qword[host], 0);
  } else if (store) {
    const Reg64& value = slot_of(in.rs2) >= 0 ? kPoolRegs[slot_of(in.rs2)] : rax;
    if (value.getIdx() == rax.getIdx()) mov(rax, src(in.rs2));
    if (size == 1) mov(byte[host], value.cvt8());
    if (size == 2) mov(word[host], value.cvt16());
    if (size == 4) mov(dword[host], value.cvt32());
    if (size == 8) mov(qword[host], value);
  } else {
    const Reg64& value = target(in.rd);
    switch (op) {
      case Op::kLb: movsx(value, byte[host]); break;
      case Op::kLbu: movzx(value.cvt32(), byte[host]); break;
      case Op::kLh: movsx(value, word[host]); break;
      case Op::kLhu: movzx(value.cvt32(), word[host]); break;
      case Op::kLw: movsxd(value, dword[host]); break;
      case Op::kLwu: mov(value.cvt32(), dword[host]); break;
      default: mov(value, qword[host]); break;
    }
    finish(in.rd);
    if (value.getIdx() == rax.getIdx() && in.rd != cpu::HartState::kSinkRegister) {
      next_rax_copy_ = in.rd;
      cold_[slow].rax_copy = static_cast<uint8_t>(in.rd);
    }
  }
  finish_slow_path(slow, in);
}

void RegionEmitter::load_address(const Xbyak::Reg& to, const GuestAddress& address) {
  if (address.displacement == 0) {
    mov(to, address.base.changeBit(to.getBit()));
  } else {
    lea(to, ptr[address.base + address.displacement]);
  }
}

void RegionEmitter::emit_direct_address(const GuestAddress& address, unsigned size, bool store,
                                        size_t fallback) {
  // rax = the offset into RAM, or into the store window (whose start moves); an address below
  // either wraps around to a huge offset.
  const int64_t displacement = address.displacement - static_cast<int64_t>(ram_base_);
  if (store) {
    load_address(rax, address);
    sub(rax, qword[rbx + l_.store_window_start]);
  } else if (displacement >= INT32_MIN && displacement <= INT32_MAX) {
    lea(rax, ptr[address.base + static_cast<int32_t>(displacement)]);
  } else {
    mov(rax, displacement);
    add(rax, address.base);
  }
  const int32_t log2_size = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
  const int32_t limits = store ? l_.store_window_limits : l_.direct_load_limits;
  cmp(rax, qword[rbx + limits + 8 * log2_size]);
  jump_to_cold(kNotBelow, fallback);
  // An immediate, not a load: these paths ran out of load ports before ALUs (docs/jit.md).
  mov(rdx, direct_addend_);
}

void RegionEmitter::emit_tlb_address(const GuestAddress& address, unsigned size, cpu::Access access,
                                     size_t slow) {
  const int32_t entry = static_cast<int32_t>(access) * kTlbAccessStride;
  Xbyak::RegExp at = rax + entry;
  load_address(eax, address);
  if (tlb_registers_) {
    // emit_tlb_entry's index, with the mask and the TLB at hand.
    shr(eax, 12 - kTlbEntryShift);
    and_(eax, kTlbMask.cvt32());
    at = kTlbBase + rax + entry;
  } else {
    emit_tlb_entry(*this, eax, l_.data_tlb, l_.tlb_index_mask);
  }
  load_address(rdx, address);
  and_(rdx, static_cast<int32_t>(~0xfffU | (size - 1)));
  cmp(rdx, qword[at]);
  jump_to_cold(kNotZero, slow);
  mov(rdx, qword[at + 8]);
}

}  // namespace strata::jit
