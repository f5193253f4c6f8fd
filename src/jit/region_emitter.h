// The x86-64 code of one region (region.h), emitted with Xbyak: internal to the translator, which
// creates one RegionEmitter per region it translates (translator.cc). Its methods live in files by
// what they emit: region_emitter.cc (blocks, the guest register cache, exits, handler calls, cold
// paths), emit_integer.cc (computational instructions and branches), emit_memory.cc (loads and
// stores through the software TLB) and emit_float.cc (FP instructions inline).
#pragma once

#include <xbyak/xbyak.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "cpu/hart.h"
#include "exec/code_cache.h"
#include "isa/decoder.h"
#include "jit/region.h"
#include "jit/translator.h"

namespace strata::jit {

using isa::Op;
using Xbyak::Label;
using Xbyak::Reg64;
// NOLINTBEGIN(misc-unused-using-decls): the register names Xbyak code reads like assembly with
using Xbyak::util::al;
using Xbyak::util::ax;
using Xbyak::util::byte;
using Xbyak::util::cl;
using Xbyak::util::cx;
using Xbyak::util::dword;
using Xbyak::util::eax;
using Xbyak::util::ecx;
using Xbyak::util::edx;
using Xbyak::util::esi;
using Xbyak::util::ptr;
using Xbyak::util::qword;
using Xbyak::util::r10;
using Xbyak::util::r11;
using Xbyak::util::r12;
using Xbyak::util::r13;
using Xbyak::util::r14;
using Xbyak::util::r14d;
using Xbyak::util::r15;
using Xbyak::util::r8;
using Xbyak::util::r9;
using Xbyak::util::rax;
using Xbyak::util::rbp;
using Xbyak::util::rbx;
using Xbyak::util::rcx;
using Xbyak::util::rdi;
using Xbyak::util::rdx;
using Xbyak::util::rsi;
using Xbyak::util::rsp;
using Xbyak::util::word;
using Xbyak::util::xmm0;
using Xbyak::util::xmm1;
using Xbyak::util::xmm2;
using Xbyak::util::xmm3;
// NOLINTEND(misc-unused-using-decls)

constexpr uint64_t kPageSize = 4096;
constexpr int32_t kTlbEntryBytes = sizeof(cpu::TlbEntry);
constexpr int32_t kTlbAccessStride = kTlbEntryBytes * cpu::SoftTlb::kAccessStride;
constexpr int kTlbEntryShift = 5;
static_assert(sizeof(cpu::TlbEntry) == 1 << kTlbEntryShift && offsetof(cpu::TlbEntry, addend) == 8);

// rax = the address of the read entry for the virtual address whose low 32 bits are in `address`
// (SoftTlb::index, scaled by the mask at [rbx + `index_mask`]), in the regime whose TLB the
// pointer at [rbx + `regime_pointer`] points to; the write and execute entries follow at
// kTlbAccessStride. The generated loads and stores and the jump lookup index the software TLB
// alike. The TLB's size changes at run time, so the mask is read, not built in.
inline void emit_tlb_entry(Xbyak::CodeGenerator& code, const Xbyak::Reg32& address,
                           int32_t regime_pointer, int32_t index_mask) {
  if (address.getIdx() != code.eax.getIdx()) code.mov(code.eax, address);
  code.shr(code.eax, 12 - kTlbEntryShift);
  code.and_(code.eax, code.dword[code.rbx + index_mask]);
  code.add(code.rax, code.qword[code.rbx + regime_pointer]);
}
constexpr unsigned kNoRegister = ~0U;
constexpr size_t kLoopHeadAlignment = 32;

// The host registers that hold a region's guest registers: none is a scratch register of the
// emitter (rax, rcx, rdx) or holds engine state (rbx, r13, r15). Calls happen only with the
// registers written back; the callee-saved rbp, r12 and r14 come first, for the most used guest
// registers, because they survive the call and the others are reloaded after it.
constexpr unsigned kPool = 9;
inline const std::array<Reg64, kPool> kPoolRegs = {rbp, r12, r14, rdi, rsi, r8, r9, r10, r11};
constexpr uint32_t kCalleeSavedSlots = 0b111;
// A region whose loads or stores go through the software TLB keeps the current data regime's
// TLB (Hart::data_tlb_location) and the index mask in the pool's last two registers, and guest
// registers in the others: each access then loads only its entry, where it also loaded both of
// these. Fewer guest registers in host registers cost less (they stay in HartState, in the L1
// cache). Only calls change the regime or the mask (CSR writes, traps, a fill that resizes the
// TLB), and the registers are loaded again after each (both are caller-saved).
constexpr unsigned kTlbRegisters = 2;
inline const Reg64& kTlbBase = kPoolRegs[kPool - 2];
inline const Reg64& kTlbMask = kPoolRegs[kPool - 1];

// The host xmm registers that keep copies of f registers (RegionEmitter::FpCopies); xmm0-xmm3
// are the FP paths' scratch registers.
constexpr unsigned kFirstCopyXmm = 4;
constexpr unsigned kCopyXmms = 12;

// f registers whose current value is also in an xmm register, so that an FP instruction reading
// the result of an earlier one in its block takes it from there rather than through a store and
// a load of HartState (a store-to-load round trip on the dependency chain). HartState stays
// current: every result is still stored. The copies are forgotten at block heads (paths join
// there) and after handler calls (which clobber every xmm register and may write f registers);
// a slow path loads them again before it resumes.
struct FpCopies {
  std::array<uint8_t, 32> xmm{};           // f register -> its copy's xmm index, 0 when none
  std::array<uint8_t, kCopyXmms> owner{};  // xmm index - kFirstCopyXmm -> f register + 1, or 0
  uint32_t boxed = 0;                      // bit r: the copy of f register r is a boxed single
  uint8_t victim = 0;                      // the next copy register to reuse, round robin
};
// Where a region's code goes when it leaves: Prologue's routines (translator.cc), and the place
// of its site caches.
struct RegionLinks {
  const void* exit = nullptr;             // the common exit: rax holds the return value
  const void* lookup = nullptr;           // continues at the block at the pc in r15
  const void* lookup_and_fill = nullptr;  // the same, filling the site cache at r9 with the code
  // The region's site caches go below this address (CodeBuffer::site_caches), one per jump to
  // another page; the translator takes and clears them once the region fits.
  const uint8_t* site_caches_end = nullptr;
};

class RegionEmitter final : public Xbyak::CodeGenerator {
 public:
  RegionEmitter(uint8_t* at, size_t room, const HartLayout& layout, const RegionLinks& links,
                const Region& region, bool lzcnt, bool bmi1, bool popcnt, bool fma)
      : CodeGenerator(room, at),
        l_(layout),
        links_(links),
        region_(region),
        heads_(std::make_unique<Label[]>(region.blocks.size())),
        lzcnt_(lzcnt),
        bmi1_(bmi1),
        popcnt_(popcnt),
        fma_(fma) {
    for (unsigned slot = 0; slot < region.registers.size(); ++slot) {
      const uint8_t r = region.registers[slot];
      slot_of_[r] = static_cast<int8_t>(slot + 1);
      if ((region.written & (1ULL << r)) != 0) written_ |= 1U << slot;
    }
  }

  // Emits the region's code: its blocks in region order, then the exits they share, the cold
  // paths and the handler operands.
  void emit();
  // Loads take the direct path (Hart::direct_load_limits_location) first, the TLB when it
  // fails; `ram_base` is guest RAM's physical address, `addend` Hart::direct_addend.
  void use_direct_loads(uint64_t ram_base, int64_t addend) {
    direct_loads_ = true;
    ram_base_ = ram_base;
    direct_addend_ = addend;
  }
  // Stores take the direct path (Hart::store_window) first, the TLB when it fails. Only with
  // use_direct_loads (direct stores imply direct loads), whose addend they share.
  void use_direct_stores() { direct_stores_ = true; }
  // Keeps the TLB in kTlbBase and kTlbMask; the region's registers must leave them free.
  void keep_tlb_in_registers() { tlb_registers_ = true; }
  // Counts the region's indirect jumps to its own page it does not hold, in the site cache
  // countdown_slot() names (count_jumps_left_on_page); `formation` is how many times the region
  // has been formed, this one included.
  void watch_jumps_left_on_page(uint8_t formation) { formation_ = formation; }
  // How many site caches the code uses, below links.site_caches_end.
  size_t site_caches() const { return site_caches_; }
  // Which of them, counted from links.site_caches_end down from 1, holds the countdown of
  // count_jumps_left_on_page (a FormAgainCountdown); 0 if none.
  size_t countdown_slot() const { return countdown_slot_; }

 private:
  void emit_block(size_t index);
  // The current block's checks (exit request at the entry, budget at loop heads), and its take
  // from the budget.
  void emit_head_checks();

  Xbyak::Address x(unsigned r) const { return qword[rbx + l_.x + static_cast<int32_t>(8 * r)]; }
  Xbyak::Address f(unsigned r) const { return qword[rbx + l_.f + static_cast<int32_t>(8 * r)]; }
  Xbyak::Address pc() const { return qword[rbx + l_.pc]; }
  Xbyak::Address instret() const { return qword[rbx + l_.instret]; }

  // Guest register `r` as a source operand: its host register, or its HartState slot. x0 always
  // reads its (zero) HartState slot.
  const Xbyak::Operand& src(unsigned r) {
    if (const int slot = slot_of(r); slot >= 0) return kPoolRegs[slot];
    return memory(r, 64);
  }
  const Xbyak::Operand& src32(unsigned r) {
    if (const int slot = slot_of(r); slot >= 0) return reg32_[slot];
    return memory(r, 32);
  }
  // Writes `value` to guest register `rd` (nothing for x0's sink).
  void def(unsigned rd, const Reg64& value);
  int slot_of(unsigned r) const { return slot_of_[r] - 1; }
  uint32_t all_slots() const { return (1U << region_.registers.size()) - 1; }
  const Xbyak::Address& memory(unsigned r, int bits);
  // Stores the host copies of the slots in `slots` to HartState (the host registers keep them).
  void write_back(uint32_t slots);
  // Loads the slots in `slots` from HartState.
  void reload(uint32_t slots);
  // Loads kTlbBase and kTlbMask when the region keeps them (keep_tlb_in_registers).
  void reload_tlb_registers();
  // After a handler that returned kNext: the call clobbered the caller-saved host registers, and
  // an instruction writes at most one integer register, its rd (reloading that slot is harmless
  // if rd named an f register: HartState was made current before the call).
  void reload_after_call(const exec::Insn& insn);
  // Makes HartState current for a helper called from the current block: the registers in
  // `dirty`, pc (the block's), and instret (see sync_instret). Clobbers rax and rcx.
  void sync_for_call(uint32_t dirty);
  // instret += the instructions retired before the current block: the budget mark (`frame`
  // bytes further up the stack than in the blocks' code) minus r13, less the block, whose
  // instructions its head took from r13; `mark` = r13 plus the block's length, the new mark.
  // Clobbers rax and rcx.
  void sync_instret(const Xbyak::RegExp& mark, int32_t frame);

  // r15 holds the guest pc of the region's entry while the region runs: its blocks are on one
  // page, so the pc of any of them is r15 plus a constant, and jumps inside the region need not
  // update it. The pc of the current block, and of instruction `in` in it, relative to r15:
  int64_t block_offset() const {
    return static_cast<int64_t>(block_->paddr) - static_cast<int64_t>(region_.blocks[0]->paddr);
  }
  int64_t pc_offset(const exec::Insn& in) const { return block_offset() + in.offset; }

  bool same_page(int64_t delta) const {
    const int64_t target = static_cast<int64_t>(block_->paddr & (kPageSize - 1)) + delta;
    return target >= 0 && target < static_cast<int64_t>(kPageSize);
  }

  void add_imm(const Reg64& r, int64_t imm);
  // The index of the region's block at the pc `delta` bytes from the current block's start, or -1.
  int region_target(int64_t delta) const {
    return same_page(delta) ? region_.index_of(block_->paddr + delta) : -1;
  }
  // Continues at the pc `delta` bytes from the current block's start, the block done: a jump to
  // that block's head when it is in the region (registers stay in place; nothing at all when it
  // is the next block emitted and this is the block's `last` code), else an exit with the
  // registers written back: chainable on the same page, through a site cache to another.
  void exit_edge(int64_t delta, bool last);
  // Continues at the block at the pc in r15, on another page than the current block's, with the
  // registers written back. The page's mapping, or its code, may change while this code lives,
  // so the jump cannot be chained. Its own site cache holds the target's code while the fetch
  // epoch is the one it was found in: a hit is a compare and a jump the host predicts, where the
  // lookup would take a dozen instructions and one indirect jump shared by all the guest's
  // jumps. A miss takes the lookup, which fills the site cache.
  void jump_to_other_page();
  // The entry trampoline's stack slots (translator.h): the JitContext, and the budget mark.
  Xbyak::Address context() const { return qword[rsp + kContextSlot]; }

  // An indirect jump to the pc in rcx that is a return site of the region (Region::return_sites:
  // a callee in the region returning) or one of its jump targets (Region::jump_targets) goes
  // there with the registers in place. Up to kMaxTargetCompares of them are compared in turn;
  // more take a table of the region's head for each 2-byte offset their span covers, and one
  // indirect jump of the site's own (as a native switch does). Clobbers rax and rdx.
  static constexpr unsigned kMaxTargetCompares = 4;
  void jump_to_region_targets();
  // The tables of jump_to_region_targets, after the code: for each 2 bytes from the first target
  // to the last, the head there as an offset from the table, or `elsewhere`'s.
  struct TargetTable {
    Label at;
    Label elsewhere;
    std::vector<int> heads;  // a block's index, or -1
  };
  void emit_target_tables();
  // Counts the region's indirect jumps to its own page that it does not hold; the one that ends
  // the countdown leaves with a request to form the region again (JitContext::form_again), now
  // that their targets are known. The registers are written back; clobbers rax.
  void count_jumps_left_on_page();
  // Leaves the block after an indirect jump to the pc in rcx: the lookup cache may continue at
  // once. The caller has written the registers back.
  void exit_indirect();

  // Calls the interpreter's handler for `insn` and follows its Flow: kNext continues, kRetired
  // and kTrap leave with instret counted.
  void emit_handler(const exec::Insn& insn);
  void call_handler(const exec::Insn& insn);
  // `to` = the handler's operand for `insn`.
  void lea_handler_operand(const Reg64& to, const exec::Insn& insn);

  // Code kept out of the hot path, emitted after the region's blocks, reached by rel32 forward
  // jumps that are patched once it is placed (no Xbyak label: each costs hash-map work, and
  // translation speed is what a boot waits for).
  struct ColdPath {
    enum class Kind : uint8_t {
      kUndoBudget,   // a loop head that needs only its own length: give it back and leave
      kLeaveAtHead,  // too little budget at a loop head, not the entry
      kChainStub,    // a chainable exit not yet patched: back to the dispatcher with its site
      kLeave,        // a handler returned kRetired or kTrap: give back the rest of the budget
      kSlowPath,     // an inline fast path gave up: run the handler, then resume
      kSiteMiss,     // a site cache does not hold the code: the lookup, which fills it
      kTlbFallback,  // a direct access's address is out of its range, or none is: the TLB
      kFormAgain,    // count_jumps_left_on_page's count ran out: leave, asking for a new region
    } kind;
    uint8_t sites = 0;                    // how many jumps lead here
    std::array<uint32_t, 8> site{};       // their rel32 fields, as offsets in the code
    uint32_t instructions = 0;            // the length of the block it belongs to
    int64_t block_offset = 0;             // the block's (see block_offset())
    size_t resume = 0;                    // kSlowPath, kTlbFallback: where the fast path goes on
    const exec::Insn* insn = nullptr;     // kLeave, kSlowPath
    uintptr_t chain_site = 0;             // kChainStub
    uint64_t page = 0;                    // kChainStub
    const uint8_t* site_cache = nullptr;  // kSiteMiss
    uint8_t access_size = 0;              // kTlbFallback: the access's size in bytes
    cpu::Access access = cpu::Access::kRead;  // kTlbFallback
    uint8_t address_register = 0;             // kTlbFallback: the address's host register...
    int32_t address_displacement = 0;         // ...and what to add to it (GuestAddress)
    uint8_t rax_copy = kNoCopy;  // kSlowPath: the x register to load into rax on return
    size_t slow_path = 0;        // kTlbFallback: the cold path when the TLB misses too
    FpCopies fp_copies;          // kSlowPath: the copies to load again before resuming
  };
  // x86 condition codes for jump_to_cold, and kAlways for an unconditional jump.
  static constexpr uint8_t kBelow = 0x2;
  static constexpr uint8_t kNotBelow = 0x3;
  static constexpr uint8_t kZero = 0x4;
  static constexpr uint8_t kNotZero = 0x5;
  static constexpr uint8_t kBelowOrEqual = 0x6;
  static constexpr uint8_t kAbove = 0x7;
  static constexpr uint8_t kParity = 0xa;
  static constexpr uint8_t kAlways = 0xff;

  // Adds a cold path; returns its index (cold_ may grow while it is referred to).
  size_t add_cold(ColdPath::Kind kind);
  // Emits a jump with condition `cc` to cold path `index`, whose address emit_cold fills in.
  void jump_to_cold(uint8_t cc, size_t index);
  // Emits a slow path for the instruction just emitted inline: the jumps to it come from
  // `path`'s sites, and it resumes here.
  void finish_slow_path(size_t index, const exec::Insn& in);
  // The region's one routine that its slow paths call: it makes HartState current (every
  // written slot, pc, instret), calls the handler of the instruction whose operand is in rcx,
  // and either returns with every slot loaded again (kNext) or leaves the region as a kLeave
  // path does. Sharing it keeps each slow path to three instructions and its jump back, where
  // each used to carry its own write-backs, reloads and leave path (a quarter of the code a boot
  // translates). Handler calls inline (emit_handler) keep their precise write-backs and
  // reloads: they run every time, and sharing the stub would barely shrink the code.
  void emit_slow_stub();
  // Calls it for `insn`, of the block `block_offset` bytes from the region's entry and
  // `instructions` long.
  void call_slow_stub(const exec::Insn& insn, int64_t block_offset, uint32_t instructions);

  // The instructions handlers are called with, after the code: the code then depends on the
  // decode cache for nothing, and the cache may move or drop its blocks (see CodeCache::sweep).
  void emit_handler_operands();

  // Patches the rel32 field at offset `site` of the code to reach the current emission point.
  void point_here(uint32_t site);

  void emit_cold(const ColdPath& path);

  // Where to compute rd's new value: rd's own host register when it has one and writing it
  // early cannot clobber `later`, a guest register the computation reads after `first`; else rax.
  // Loads `first` into it (nothing when it is already there).
  const Reg64& begin(unsigned rd, unsigned first, unsigned later = kNoRegister);
  // Where to compute rd's new value when no guest register is read.
  const Reg64& target(unsigned rd);
  // The host register guest register `r` lives in, or nullptr when it is in HartState.
  const Reg64* in_register(unsigned r) const {
    const int slot = slot_of(r);
    return slot >= 0 ? &kPoolRegs[slot] : nullptr;
  }
  // The same, or rax when `r` is in HartState and rax still holds the value the previous
  // instruction loaded into it (rax_copy_).
  const Reg64* in_register_or_rax(unsigned r) const {
    const Reg64* reg = in_register(r);
    return reg == nullptr && r == rax_copy_ ? &rax : reg;
  }
  // rd = `sum` of host registers (and a displacement) in one `lea`, where a `mov` of the first
  // and an `add` would take two; `word` sign-extends the low 32 bits (the W forms).
  void lea_sum(unsigned rd, const Xbyak::RegExp& sum, bool word);
  // SLT, SLTU, SLTI, SLTIU: rd = (rs1 < rs2, or < `imm` when rs2 is kNoRegister) as 0 or 1,
  // computed in rd's own register when that is no source.
  void emit_set_less(unsigned rd, unsigned rs1, unsigned rs2, int32_t imm, bool is_signed);
  // Completes rd = out_.
  void finish(unsigned rd);
  Xbyak::Reg32 out32() const { return out_.cvt32(); }

  // Computes rd in out_ (begin/target, or rax) and stores it with finish().
  bool emit_inline(const exec::Insn& in, Op op);

  Xbyak::RegExp ptr_scaled(int scale) const { return rcx + rax * scale; }

  template <typename Reg>
  void emit_bit_op(Op op, Reg bit);
  void emit_bit_op_imm(Op op, uint8_t bit);

  // RISC-V division never traps: x/0 gives all ones (quotient) or x (remainder), and the one
  // signed overflow gives the dividend (quotient) or 0 (remainder). x86 idiv faults on both, so
  // they take a branch around it. The W forms divide the low 32 bits and sign-extend the 32-bit
  // result (DIVUW by zero too: 2^32 - 1 becomes all ones).
  void emit_divide(Op op, unsigned rs1, unsigned rs2);

  void emit_branch(const exec::Insn& in, Op op);
  // SLLI rd, rs, 32 followed by SRLI rd, rd, k (how RV64 code without Zba zero-extends a 32-bit
  // index, then scales it): one 32-bit move and at most one shift. False, emitting nothing, for
  // any other pair.
  bool emit_zero_extension(const exec::Insn& first, Op op, const exec::Insn& second);
  // AUIPC rd, imm followed by ADDI rd, rd, imm (how RISC-V code takes the address of a symbol,
  // `la`): one `lea` from r15. False, emitting nothing, for any other pair.
  bool emit_pc_relative_address(const exec::Insn& first, Op op, const exec::Insn& second);
  // rd = the pc of the region's entry + `offset`: one `lea` when the offset fits in 32 bits.
  void load_pc_relative(unsigned rd, int64_t offset);

  // Loads and stores: the software TLB's fast path inline (the entry for this access type in the
  // current data regime, whose tag also rejects misaligned addresses); anything else runs the
  // interpreter's handler, which takes the slow path and delivers faults precisely.
  void emit_memory(const exec::Insn& in, Op op);
  // A load's or store's guest address as x86 adds it up inside an operand: the base's host
  // register (rcx when the base lives in HartState) plus the offset. Folding the offset into each
  // use, rather than adding it into a register of its own first, leaves that register to a guest
  // register.
  struct GuestAddress {
    Reg64 base;
    int32_t displacement = 0;
  };
  // `to` = the guest address (its low half for a 32-bit `to`).
  void load_address(const Xbyak::Reg& to, const GuestAddress& address);
  // Both give, for `address`, the addend in rdx: the access goes to [base + rdx + displacement],
  // so the data's load waits for the addend's load but not for an add.
  // The direct path inline, for a load of `size` bytes (anywhere in RAM) or a store (in the
  // store window); `fallback` (a kTlbFallback cold path) when it does not apply. Clobbers rax.
  void emit_direct_address(const GuestAddress& address, unsigned size, bool store, size_t fallback);
  // The TLB's fast path for `access`, or a jump to cold path `slow`. Clobbers rax. With the TLB
  // in registers, it loads only the entry's tag and addend.
  void emit_tlb_address(const GuestAddress& address, unsigned size, cpu::Access access,
                        size_t slow);

  // The inline FP paths (emit_float.cc) handle both formats; a single-precision operand must be
  // NaN-boxed (else it reads as the canonical NaN, and the handler runs), and a result is boxed.
  struct FpFormat;
  static const FpFormat kSingle;
  static const FpFormat kDouble;

  // FADD, FSUB and FMUL (.S and .D) when they round to nearest-even (static RNE, or DYN with
  // frm = RNE) and the result is well inside the normal range: one SSE instruction, and while
  // fflags.NX is clear, an error-free transformation (as cpu/fpu/arithmetic.cc does) tells
  // whether it was exact, NX being the only flag such a result can raise. Anything else (FS not
  // Dirty, another rounding mode, NaN, infinity, overflow, a tiny product) runs the handler.
  // False when the instruction is not inlined.
  bool emit_fp_arithmetic(const exec::Insn& in, Op op);
  // Jumps to `known` when fflags.NX is already set: it is sticky, so whether the result was exact
  // no longer matters, and in steady state no FP instruction stores to fflags (a store there
  // followed by the next instruction's loads of fflags and frm stalled the FP loops on AMD hosts).
  void skip_if_inexact_known(Label& known);

  // FS must be Dirty (see require_fs_dirty), and a dynamic rounding mode must be valid (`rne`:
  // must be round-to-nearest-even, the host's mode).
  void fp_guard(const exec::Insn& in, size_t slow, bool rne);
  // Whether a static rounding mode lets the instruction be inlined.
  static bool inlinable_rounding(const exec::Insn& in, bool rne);
  // FS Off: the handler raises the illegal-instruction exception. Enough for instructions that
  // only read f registers.
  void require_fs(size_t slow);
  // Instructions that make FS Dirty run inline only when it already is: the handler takes the
  // first one after FS was set Off, Initial or Clean, raising the exception or dirtying FS. Either
  // way FS is Dirty after the instruction, so the rest of the block needs no check and no store.
  void require_fs_dirty(size_t slow);
  // Single precision: f register `r` must hold a NaN-boxed value.
  void require_boxed(const FpFormat& format, unsigned r, size_t slow);
  // Loads f register `r` (negated when `negate`) into `to`, after require_boxed.
  void load_fp(const FpFormat& format, const Xbyak::Xmm& to, unsigned r, size_t slow,
               bool negate = false);
  // f[rd] = the result in rax (its low 32 bits, NaN-boxed, for single precision); `value`, when
  // given, holds the same result in an xmm register, which becomes f[rd]'s copy.
  void store_fp(const FpFormat& format, unsigned rd, const Xbyak::Xmm* value = nullptr);
  // f[rd] = the double in `value`, which becomes f[rd]'s copy.
  void store_double(unsigned rd, const Xbyak::Xmm& value);
  // Copies of f registers (FpCopies): the xmm register holding f[r], if any.
  bool has_copy(unsigned r) const { return fp_copies_.xmm[r] != 0; }
  Xbyak::Xmm copy_of(unsigned r) const { return Xbyak::Xmm(fp_copies_.xmm[r]); }
  // Makes `value` f[rd]'s copy (`boxed`: a NaN-boxed single); emits the move.
  void keep_copy(unsigned rd, const Xbyak::Xmm& value, bool boxed);
  // Makes f[rd]'s copy a load from `from` (single: a boxed single's low half).
  void keep_copy(unsigned rd, const Xbyak::Address& from, bool single);
  void forget_copy(unsigned rd);
  // Loads every copy in `copies` from HartState (after a slow path's handler call).
  void reload_copies(const FpCopies& copies);
  // The xmm register that is to hold f[rd]'s copy: its present one, else the next victim.
  unsigned copy_register_for(unsigned rd);

  // FMADD and its sign variants, FDIV and FSQRT (.S and .D), and FCVT.S.D, in
  // round-to-nearest-even, once fflags.NX is already set (it is sticky, so an inexact result
  // changes nothing) and when the result is a normal number clear of the subnormal range: then
  // no other flag can be raised (NaN results, infinities, overflow and tiny results all take the
  // handler, as does a clear NX).
  bool emit_fp_rounded(const exec::Insn& in, Op op);

  // Instructions that never round: compares and FMIN/FMAX (NaN operands take the handler),
  // moves, sign injection, int32 -> double and single -> double conversions (a NaN takes the
  // handler). Like the interpreter, every one needs and leaves FS Dirty, even those that
  // write only an x register (the spec allows a dirty FS that is not needed).
  bool emit_fp_exact(const exec::Insn& in, Op op);

  // FCVT.W and FCVT.L from .S and .D, rounding toward zero or to nearest-even: one SSE
  // conversion; a NaN or an out-of-range value (NV) takes the handler, and while NX is clear,
  // converting back tells whether the result was exact.
  bool emit_fp_to_integer(const exec::Insn& in, Op op);
  // FCVT.D.L, FCVT.S.W and FCVT.S.L in round-to-nearest-even: one SSE conversion, and while NX
  // is clear, converting back tells whether it was exact.
  bool emit_fp_from_integer(const exec::Insn& in, Op op);

  const HartLayout& l_;
  const std::array<Xbyak::Reg32, kPool> reg32_ = {
      kPoolRegs[0].cvt32(), kPoolRegs[1].cvt32(), kPoolRegs[2].cvt32(),
      kPoolRegs[3].cvt32(), kPoolRegs[4].cvt32(), kPoolRegs[5].cvt32(),
      kPoolRegs[6].cvt32(), kPoolRegs[7].cvt32(), kPoolRegs[8].cvt32()};
  Xbyak::Address scratch_address_ = qword[rbx];
  Reg64 out_ = rax;  // where emit_inline computes rd
  // A load into a register kept in HartState leaves the value in rax too. The next instruction
  // of the block may read it there (a branch on a loaded value, the common case, compares
  // without reading back the store it just made: a store-to-load forward on the way to a branch
  // that may mispredict). kNoCopy: rax holds no register. next_rax_copy_ is what the instruction
  // being emitted leaves for the next; emit_block passes it on.
  static constexpr uint8_t kNoCopy = 0xff;
  unsigned rax_copy_ = kNoCopy;
  unsigned next_rax_copy_ = kNoCopy;
  const RegionLinks& links_;
  const Region& region_;
  std::unique_ptr<Label[]> heads_;      // one per block of the region, in region order
  const exec::Block* block_ = nullptr;  // the block being emitted
  size_t index_ = 0;                    // its index in the region
  std::array<int8_t, cpu::HartState::kSinkRegister + 1> slot_of_{};  // guest register -> slot + 1
  uint32_t written_ = 0;                                             // slots the region may write
  uint32_t dirty_ = 0;  // slots that may differ from HartState at the current emission point
  // What the FS checks emitted so far in the block prove about mstatus.FS, so that later FP
  // instructions skip them. Forgotten at each block head (paths join there) and after a handler
  // call (a CSR write may change FS).
  enum class FsKnown : uint8_t { kUnknown, kOn, kDirty };
  FsKnown fs_known_ = FsKnown::kUnknown;
  FpCopies fp_copies_;
  bool lzcnt_;
  bool bmi1_;
  bool popcnt_;
  bool fma_;
  Label exit0_;
  Label leave_region_;  // writes back every written slot, then exit0_
  Label slow_stub_;     // emit_slow_stub
  bool has_slow_paths_ = false;
  bool direct_loads_ = false;
  bool direct_stores_ = false;
  bool tlb_registers_ = false;
  uint64_t ram_base_ = 0;
  int64_t direct_addend_ = 0;
  size_t site_caches_ = 0;  // taken so far
  uint8_t formation_ = 0;   // watch_jumps_left_on_page's, or 0 when it was not called
  size_t countdown_slot_ = 0;
  std::deque<TargetTable> target_tables_;  // a deque: Xbyak holds on to their labels
  std::vector<ColdPath> cold_;
  // A handler call's operand: the rel32 of its lea (an offset in the code) and the instruction.
  struct HandlerOperand {
    uint32_t site;
    const exec::Insn* insn;
  };
  std::vector<HandlerOperand> handler_operands_;
};

}  // namespace strata::jit
