#include "jit/translator.h"

#include <xbyak/xbyak.h>
#include <xbyak/xbyak_util.h>

#include <array>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include "exec/handlers.h"
#include "isa/decoder.h"
#include "jit/region.h"

namespace strata::jit {
namespace {

using isa::Op;
using Xbyak::Label;
using Xbyak::Reg64;
using Xbyak::util::Cpu;
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
constexpr int32_t kTlbAccessStride = kTlbEntryBytes * cpu::Hart::kTlbEntries;
constexpr int kTlbEntryShift = 5;
static_assert(sizeof(cpu::TlbEntry) == 1 << kTlbEntryShift && offsetof(cpu::TlbEntry, addend) == 8);
// mstatus.FS: any non-zero value enables the FPU; writing an f register makes it Dirty (all ones).
constexpr uint32_t kFsMask = static_cast<uint32_t>(cpu::mstatus::kFS);
static_assert(cpu::mstatus::kFS == kFsMask);
// Handler operands are copied into the code buffer as whole 8-byte words.
static_assert(sizeof(exec::Insn) % sizeof(uint64_t) == 0 &&
              std::is_trivially_copyable_v<exec::Insn>);
constexpr uint64_t kNanBox = 0xffffffff00000000ULL;
constexpr uint64_t kDoubleExponent = 0x7ff0000000000000ULL;
constexpr int kDoublePrecision = 53;  // significand bits, hidden bit included
constexpr uint8_t kRoundNearestEven = 0;
constexpr uint8_t kLastValidRoundingMode = 4;  // RMM; 5 and 6 are reserved
constexpr uint8_t kRoundDynamic = 7;
constexpr uint8_t kInexactFlag = 1;  // fflags.NX
constexpr unsigned kNoRegister = ~0U;

// The lookup of Prologue's jump-target code when its inline path misses: the same answer for the
// hart's pc, found the slow way (a fetch TLB miss, or a block not in the recent table). Never
// translates (the buffer may not change under running code).
const void* lookup_from_code(cpu::Hart* hart, JitContext* context) {
  uint64_t paddr = 0;
  bool cacheable = false;
  if (hart->fetch_translate(hart->s.pc, paddr, cacheable) != cpu::MemStatus::kOk || !cacheable) {
    return nullptr;  // the dispatcher redoes the fetch and delivers any fault
  }
  const exec::Block* block = context->cache->find(paddr);
  if (block == nullptr || block->host_code == nullptr) return nullptr;
  ++context->lookup_hits;
  return block->host_code;
}

// The trampoline from C++ into host code, the common exit back, and the lookup that continues
// at a jump target without the dispatcher.
class Prologue final : public Xbyak::CodeGenerator {
 public:
  Prologue(uint8_t* at, size_t room, const HartLayout& l, const exec::CodeCache& cache)
      : CodeGenerator(room, at) {
    // uintptr_t enter(Hart* rdi, const void* code rsi, uint64_t budget rdx, JitContext* rcx)
    for (const Reg64& r : {rbx, rbp, r12, r13, r14, r15}) push(r);
    // Six pushes and the return address: one more slot realigns the stack to 16 for calls, and
    // holds the JitContext (generated code reaches it as qword[rsp]).
    sub(rsp, 8);
    mov(qword[rsp], rcx);
    mov(rbx, rdi);
    mov(r13, rdx);
    mov(r15, qword[rbx + l.pc]);
    xor_(r14d, r14d);
    jmp(rsi);
    align(16);
    exit_offset = getSize();
    L(exit_);
    mov(qword[rbx + l.pc], r15);
    add(qword[rbx + l.instret], r14);
    mov(rcx, qword[rsp]);
    mov(qword[rcx + offsetof(JitContext, budget)], r13);
    add(rsp, 8);
    for (const Reg64& r : {r15, r14, r13, r12, rbp, rbx}) pop(r);
    ret();
    align(16);
    lookup_offset = getSize();
    emit_lookup(l, cache);
  }
  size_t exit_offset = 0;
  size_t lookup_offset = 0;

 private:
  // Jumps to the host code of the block at the guest pc in r15, with the guest registers in
  // HartState and instret still counting in r14: an indirect jump's target, or a direct one on
  // another page (whose mapping may have changed since the jump was translated, so it is looked
  // up like an indirect one). The host code of a block whose page the fetch TLB holds (execute
  // permission uniform on the page) may be entered without the dispatcher, as a chained jump
  // would; the target's own checks (exit request, budget) follow. Inline: the fetch TLB, then
  // the code cache's recent table. Anything else asks lookup_from_code, and returns to the
  // dispatcher if that finds no host code.
  void emit_lookup(const HartLayout& l, const exec::CodeCache& cache) {
    Label slow;
    const int32_t entry = l.tlb + static_cast<int32_t>(cpu::Access::kExecute) * kTlbAccessStride;
    mov(rsi, qword[rsp]);  // JitContext
    inc(qword[rsi + offsetof(JitContext, lookups)]);
    mov(eax, r15d);
    shr(eax, 12 - kTlbEntryShift);
    and_(eax, (cpu::Hart::kTlbEntries - 1) << kTlbEntryShift);
    add(eax, dword[rbx + l.fetch_tlb_offset]);
    mov(rdx, r15);
    and_(rdx, ~static_cast<int32_t>(kPageSize - 1));
    cmp(rdx, qword[rbx + rax + entry + offsetof(cpu::TlbEntry, tag)]);
    jne(slow);
    mov(rdx, qword[rbx + rax + entry + offsetof(cpu::TlbEntry, page)]);
    mov(ecx, r15d);
    and_(ecx, static_cast<int32_t>(kPageSize - 1));
    or_(rdx, rcx);  // the target's physical address
    mov(ecx, edx);
    shr(ecx, 1);
    and_(ecx, exec::CodeCache::kRecentSlots - 1);
    static_assert(exec::CodeCache::kRecentSlots <= 1U << 31);
    mov(rax, reinterpret_cast<uintptr_t>(cache.recent_blocks()));
    mov(rax, qword[rax + rcx * 8]);
    test(rax, rax);
    jz(slow);
    cmp(qword[rax + offsetof(exec::Block, paddr)], rdx);
    jne(slow);
    mov(rax, qword[rax + offsetof(exec::Block, host_code)]);
    test(rax, rax);
    jz(slow);
    inc(qword[rsi + offsetof(JitContext, lookup_hits)]);
    jmp(rax);
    L(slow);
    mov(qword[rbx + l.pc], r15);
    mov(rdi, rbx);
    mov(rax, reinterpret_cast<uintptr_t>(&lookup_from_code));
    call(rax);
    test(rax, rax);
    jz(exit_, T_NEAR);  // rax = 0: not a chainable exit
    jmp(rax);
  }

  Label exit_;
};

// The host registers that hold a region's guest registers: none is a scratch register of the
// emitter (rax, rcx, rdx, rsi) or holds engine state (rbx, r13-r15). Calls happen only with the
// registers written back; the callee-saved rbp and r12 come first, for the most used guest
// registers, because they survive the call and the others are reloaded after it.
constexpr unsigned kPool = 7;
const std::array<Reg64, kPool> kPoolRegs = {rbp, r12, rdi, r8, r9, r10, r11};
constexpr uint32_t kCalleeSavedSlots = 0b11;

class RegionEmitter final : public Xbyak::CodeGenerator {
 public:
  RegionEmitter(uint8_t* at, size_t room, const HartLayout& layout, const void* exit,
                const void* lookup, const Region& region, bool lzcnt, bool bmi1, bool popcnt,
                bool fma)
      : CodeGenerator(room, at),
        l_(layout),
        exit_(exit),
        lookup_(lookup),
        region_(region),
        heads_(std::make_unique<Label[]>(region.blocks.size())),
        budget_heads_(std::make_unique<Label[]>(region.blocks.size())),
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

  void emit() {
    // Entered from the dispatcher or a chained exit: load the region's registers, then run the
    // entry block's checks like any other block's.
    reload(all_slots());
    for (size_t i = 0; i < region_.blocks.size(); ++i) emit_block(i);

    // Every path here has HartState's registers current; pc and instret are in r15 and r14.
    L(exit0_);
    xor_(eax, eax);
    jmp(exit_, T_NEAR);
    L(leave_region_);
    write_back(written_);
    jmp(exit0_, T_NEAR);
    // Cold paths may add more cold paths while they are emitted: an index, and a copy.
    for (size_t k = 0; k < cold_.size(); ++k) {  // NOLINT(modernize-loop-convert)
      const ColdPath path = cold_[k];
      emit_cold(path);
    }
    emit_handler_operands();
    ready();
  }

 private:
  void emit_block(size_t index) {
    block_ = region_.blocks[index];
    index_ = index;
    L(heads_[index]);
    // Reached from the region's entry or from any of its blocks: assume every register the
    // region writes is newer than HartState, and nothing about mstatus.FS.
    dirty_ = written_;
    fs_known_ = FsKnown::kUnknown;
    // Leave at once if another thread wants the hart, or if the whole block would not fit in the
    // budget (the instruction limit and the timer poll are exact to the block). Jumps forward
    // inside the region skip the first check: every loop has a jump backward (or to itself),
    // which makes it.
    cmp(dword[rbx + l_.exit_request], 0);
    jne(leave_region_, T_NEAR);
    L(budget_heads_[index]);
    sub(r13, block_->instructions);
    const size_t undo = add_cold(ColdPath::Kind::kUndoBudget);
    cold_[undo].instructions = block_->instructions;
    jump_to_cold(kBelow, undo);

    bool ended = false;
    for (uint32_t i = 0; i < block_->instructions && !ended; ++i) {
      const exec::Insn& insn = block_->insns[i];
      const isa::Decoded d = isa::decode(insn.raw);
      ended = exec::ends_block(d.op);
      if (!emit_inline(insn, d.op)) emit_handler(insn);
    }
    if (!ended) {
      // The block stopped at its size limit or at the page end: fall through to the next pc.
      const exec::Insn& sentinel = block_->insns[block_->instructions];
      exit_edge(sentinel.offset, block_->instructions);
    }
  }

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
  void def(unsigned rd, const Reg64& value) {
    if (rd == cpu::HartState::kSinkRegister) return;
    const int slot = slot_of(rd);
    if (slot < 0) {
      mov(x(rd), value);
      return;
    }
    mov(kPoolRegs[slot], value);
    dirty_ |= 1U << slot;
  }
  int slot_of(unsigned r) const { return slot_of_[r] - 1; }
  uint32_t all_slots() const { return (1U << region_.registers.size()) - 1; }
  const Xbyak::Address& memory(unsigned r, int bits) {
    scratch_address_ = bits == 64 ? x(r) : dword[rbx + l_.x + static_cast<int32_t>(8 * r)];
    return scratch_address_;
  }
  // Stores the host copies of the slots in `slots` to HartState (the host registers keep them).
  void write_back(uint32_t slots) {
    for (unsigned slot = 0; slot < region_.registers.size(); ++slot) {
      if ((slots & (1U << slot)) != 0) mov(x(region_.registers[slot]), kPoolRegs[slot]);
    }
  }
  // Loads the slots in `slots` from HartState.
  void reload(uint32_t slots) {
    for (unsigned slot = 0; slot < region_.registers.size(); ++slot) {
      if ((slots & (1U << slot)) != 0) mov(kPoolRegs[slot], x(region_.registers[slot]));
    }
  }
  // After a handler that returned kNext: the call clobbered the caller-saved host registers, and
  // an instruction writes at most one integer register, its rd (reloading that slot is harmless
  // if rd named an f register: HartState was made current before the call).
  void reload_after_call(const exec::Insn& insn) {
    uint32_t slots = all_slots() & ~kCalleeSavedSlots;
    if (const int slot = slot_of(insn.rd); slot >= 0) slots |= 1U << slot;
    reload(slots);
  }
  // Makes HartState current for a helper: the registers in `dirty`, pc, and the instructions
  // retired by the blocks run since the last sync.
  void sync_for_call(uint32_t dirty) {
    write_back(dirty);
    mov(pc(), r15);
    add(instret(), r14);
    xor_(r14d, r14d);
  }

  bool same_page(int64_t delta) const {
    const int64_t target = static_cast<int64_t>(block_->paddr & (kPageSize - 1)) + delta;
    return target >= 0 && target < static_cast<int64_t>(kPageSize);
  }

  void add_imm(const Reg64& r, int64_t imm) {
    if (imm == 0) return;
    if (imm >= INT32_MIN && imm <= INT32_MAX) {
      add(r, static_cast<int32_t>(imm));
    } else {
      mov(rdx, imm);
      add(r, rdx);
    }
  }
  // Continues at the pc `delta` bytes from the current block's start, with `retired` of its
  // instructions done: a jump to that block's head when it is in the region (registers stay in
  // place), else an exit with the registers written back: chainable on the same page, looked up
  // like an indirect jump on another.
  void exit_edge(int64_t delta, uint32_t retired) {
    const int target = same_page(delta) ? region_.index_of(block_->paddr + delta) : -1;
    add_imm(r15, delta);
    add(r14, static_cast<int32_t>(retired));
    if (target >= 0) {
      jmp(static_cast<size_t>(target) > index_ ? budget_heads_[target] : heads_[target], T_NEAR);
      return;
    }
    write_back(dirty_);
    if (!same_page(delta)) {
      jmp(lookup_, T_NEAR);
      return;
    }
    // A chainable exit: a 5-byte rel32 jump, first to a stub that returns to the dispatcher, later
    // patched by the dispatcher to go straight to the target's code.
    const size_t stub = add_cold(ColdPath::Kind::kChainStub);
    cold_[stub].chain_site = reinterpret_cast<uintptr_t>(getCurr());
    cold_[stub].page = block_->paddr & ~(kPageSize - 1);
    jump_to_cold(kAlways, stub);
  }
  // The JitContext, kept in the entry trampoline's stack slot.
  Xbyak::Address context() const { return qword[rsp]; }

  // Leaves the block after an indirect jump to the pc in rcx: the lookup cache may continue at
  // once. The caller has written the registers back.
  void exit_indirect(uint32_t retired) {
    mov(r15, rcx);
    add(r14, static_cast<int32_t>(retired));
    jmp(lookup_, T_NEAR);
  }

  // Calls the interpreter's handler for `insn` and follows its Flow: kNext continues, kRetired
  // and kTrap leave with instret counted.
  void emit_handler(const exec::Insn& insn) {
    sync_for_call(dirty_);
    dirty_ = 0;
    fs_known_ = FsKnown::kUnknown;  // a CSR write may have changed mstatus.FS
    call_handler(insn);
    reload_after_call(insn);
  }
  void call_handler(const exec::Insn& insn) {
    mov(rdi, rbx);
    // lea rsi, [rip + rel32]: the handler's operand, a copy of `insn` placed after the code.
    db(0x48);
    db(0x8d);
    db(0x35);
    handler_operands_.push_back({static_cast<uint32_t>(getSize()), &insn});
    dd(0);
    mov(rax, reinterpret_cast<uintptr_t>(insn.handler));
    call(rax);
    test(al, al);
    const size_t leave = add_cold(ColdPath::Kind::kLeave);
    cold_[leave].insn = &insn;
    jump_to_cold(kNotZero, leave);
  }

  // Code kept out of the hot path, emitted after the region's blocks, reached by rel32 forward
  // jumps that are patched once it is placed (no Xbyak label: each costs hash-map work, and
  // translation speed is what a boot waits for).
  struct ColdPath {
    enum class Kind : uint8_t {
      kUndoBudget,  // the block did not fit in the budget: give it back and leave
      kChainStub,   // a chainable exit not yet patched: back to the dispatcher with its site
      kLeave,       // a handler returned kRetired or kTrap: count instret and leave
      kSlowPath,    // an inline fast path gave up: run the handler, then resume
    } kind;
    uint8_t sites = 0;                 // how many jumps lead here
    std::array<uint32_t, 4> site{};    // their rel32 fields, as offsets in the code
    uint32_t instructions = 0;         // kUndoBudget
    uint32_t dirty = 0;                // kSlowPath: the slots to write back first
    size_t resume = 0;                 // kSlowPath: where the fast path goes on
    const exec::Insn* insn = nullptr;  // kLeave, kSlowPath
    uintptr_t chain_site = 0;          // kChainStub
    uint64_t page = 0;                 // kChainStub
  };
  // x86 condition codes for jump_to_cold, and kAlways for an unconditional jump.
  static constexpr uint8_t kBelow = 0x2;
  static constexpr uint8_t kZero = 0x4;
  static constexpr uint8_t kNotZero = 0x5;
  static constexpr uint8_t kBelowOrEqual = 0x6;
  static constexpr uint8_t kAbove = 0x7;
  static constexpr uint8_t kParity = 0xa;
  static constexpr uint8_t kAlways = 0xff;

  // Adds a cold path; returns its index (cold_ may grow while it is referred to).
  size_t add_cold(ColdPath::Kind kind) {
    cold_.push_back(ColdPath{.kind = kind});
    return cold_.size() - 1;
  }
  // Emits a jump with condition `cc` to cold path `index`, whose address emit_cold fills in.
  void jump_to_cold(uint8_t cc, size_t index) {
    ColdPath& path = cold_[index];
    if (cc == kAlways) {
      db(0xe9);
    } else {
      db(0x0f);
      db(0x80 | cc);
    }
    path.site.at(path.sites++) = static_cast<uint32_t>(getSize());
    dd(0);
  }
  // Emits a slow path for the instruction just emitted inline: the jumps to it come from
  // `path`'s sites, and it resumes here.
  void finish_slow_path(size_t index, const exec::Insn& in, uint32_t dirty_before) {
    ColdPath& path = cold_[index];
    path.insn = &in;
    path.dirty = dirty_before;
    path.resume = getSize();
  }

  // The instructions handlers are called with, after the code: the code then depends on the
  // decode cache for nothing, and the cache may move or drop its blocks (see CodeCache::sweep).
  void emit_handler_operands() {
    align(alignof(exec::Insn));
    for (const HandlerOperand& operand : handler_operands_) {
      point_here(operand.site);
      std::array<uint64_t, sizeof(exec::Insn) / sizeof(uint64_t)> words{};
      std::memcpy(words.data(), operand.insn, sizeof(exec::Insn));
      for (const uint64_t word : words) dq(word);
    }
  }

  // Patches the rel32 field at offset `site` of the code to reach the current emission point.
  void point_here(uint32_t site) {
    const auto rel = static_cast<int32_t>(getSize() - (site + 4));
    std::memcpy(const_cast<uint8_t*>(getCode()) + site, &rel, sizeof rel);
  }

  void emit_cold(const ColdPath& path) {
    auto* code = const_cast<uint8_t*>(getCode());
    for (unsigned i = 0; i < path.sites; ++i) point_here(path.site[i]);
    switch (path.kind) {
      case ColdPath::Kind::kUndoBudget:
        add(r13, path.instructions);
        jmp(leave_region_, T_NEAR);
        break;
      case ColdPath::Kind::kChainStub:
        mov(rax, path.chain_site);
        mov(rdx, path.page);
        mov(rcx, context());
        mov(qword[rcx + offsetof(JitContext, exit_page)], rdx);
        jmp(exit_, T_NEAR);
        break;
      case ColdPath::Kind::kLeave:
        // The handler set pc; nothing is pending any more. A retired instruction counts itself.
        mov(r15, pc());
        xor_(ecx, ecx);
        cmp(al, static_cast<uint8_t>(exec::Flow::kRetired));
        sete(cl);
        add(ecx, path.insn->index);
        add(instret(), rcx);
        jmp(exit0_, T_NEAR);
        break;
      case ColdPath::Kind::kSlowPath: {
        sync_for_call(path.dirty);
        call_handler(*path.insn);
        reload_after_call(*path.insn);
        jmp(code + path.resume, T_NEAR);
        break;
      }
    }
  }

  // Where to compute rd's new value: rd's own host register when it has one and writing it
  // early cannot clobber `later`, a guest register the computation reads after `first`; else rax.
  // Loads `first` into it (nothing when it is already there).
  const Reg64& begin(unsigned rd, unsigned first, unsigned later = kNoRegister) {
    const int slot = slot_of(rd);
    out_ = slot >= 0 && (rd != later || rd == first) ? kPoolRegs[slot] : rax;
    if (first == 0) {
      xor_(out_.cvt32(), out_.cvt32());
    } else if (slot_of(first) < 0 || kPoolRegs[slot_of(first)].getIdx() != out_.getIdx()) {
      mov(out_, src(first));
    }
    return out_;
  }
  // Where to compute rd's new value when no guest register is read.
  const Reg64& target(unsigned rd) {
    const int slot = slot_of(rd);
    out_ = slot >= 0 ? kPoolRegs[slot] : rax;
    return out_;
  }
  // Completes rd = out_.
  void finish(unsigned rd) {
    if (out_.getIdx() == rax.getIdx()) {
      def(rd, rax);
    } else {
      dirty_ |= 1U << slot_of(rd);
    }
  }
  Xbyak::Reg32 out32() const { return out_.cvt32(); }

  // Computes rd in out_ (begin/target, or rax) and stores it with finish().
  bool emit_inline(const exec::Insn& in, Op op) {
    const unsigned rd = in.rd;
    const unsigned rs1 = in.rs1;
    const unsigned rs2 = in.rs2;
    const int64_t imm = in.imm;
    const auto imm32 = static_cast<int32_t>(imm);
    const bool small = imm >= INT32_MIN && imm <= INT32_MAX;
    out_ = rax;
    switch (op) {
      case Op::kLui: mov(target(rd), imm); break;
      case Op::kAuipc:
        mov(target(rd), r15);
        add_imm(out_, static_cast<int64_t>(in.offset) + imm);
        break;
      case Op::kAddi:
        if (rs1 == 0) {
          mov(target(rd), imm);
        } else {
          add_imm(begin(rd, rs1), imm);
        }
        break;
      case Op::kSlti:
      case Op::kSltiu:
        if (!small) return false;
        mov(rcx, src(rs1));
        xor_(eax, eax);
        cmp(rcx, imm32);
        if (op == Op::kSlti) {
          setl(al);
        } else {
          setb(al);
        }
        break;
      case Op::kXori:
      case Op::kOri:
      case Op::kAndi:
        if (!small) return false;
        begin(rd, rs1);
        if (op == Op::kXori) xor_(out_, imm32);
        if (op == Op::kOri) or_(out_, imm32);
        if (op == Op::kAndi) and_(out_, imm32);
        break;
      case Op::kSlli:
      case Op::kSrli:
      case Op::kSrai:
      case Op::kRori:
        begin(rd, rs1);
        if (op == Op::kSlli) shl(out_, static_cast<int>(imm & 63));
        if (op == Op::kSrli) shr(out_, static_cast<int>(imm & 63));
        if (op == Op::kSrai) sar(out_, static_cast<int>(imm & 63));
        if (op == Op::kRori) ror(out_, static_cast<int>(imm & 63));
        break;
      case Op::kAddiw:
        begin(rd, rs1);
        add(out32(), imm32);
        movsxd(out_, out32());
        break;
      case Op::kSlliw:
      case Op::kSrliw:
      case Op::kSraiw:
      case Op::kRoriw:
        begin(rd, rs1);
        if (op == Op::kSlliw) shl(out32(), static_cast<int>(imm & 31));
        if (op == Op::kSrliw) shr(out32(), static_cast<int>(imm & 31));
        if (op == Op::kSraiw) sar(out32(), static_cast<int>(imm & 31));
        if (op == Op::kRoriw) ror(out32(), static_cast<int>(imm & 31));
        movsxd(out_, out32());
        break;
      case Op::kAdd:
      case Op::kSub:
      case Op::kXor:
      case Op::kOr:
      case Op::kAnd:
      case Op::kMul:
        begin(rd, rs1, rs2);
        if (op == Op::kAdd) add(out_, src(rs2));
        if (op == Op::kSub) sub(out_, src(rs2));
        if (op == Op::kXor) xor_(out_, src(rs2));
        if (op == Op::kOr) or_(out_, src(rs2));
        if (op == Op::kAnd) and_(out_, src(rs2));
        if (op == Op::kMul) imul(out_, src(rs2));
        break;
      case Op::kSlt:
      case Op::kSltu:
        mov(rcx, src(rs1));
        xor_(eax, eax);
        cmp(rcx, src(rs2));
        if (op == Op::kSlt) {
          setl(al);
        } else {
          setb(al);
        }
        break;
      case Op::kSll:
      case Op::kSrl:
      case Op::kSra:
      case Op::kRol:
      case Op::kRor:
        // x86 masks 64-bit shift counts to 6 bits, as RISC-V does.
        mov(rcx, src(rs2));
        begin(rd, rs1);
        if (op == Op::kSll) shl(out_, cl);
        if (op == Op::kSrl) shr(out_, cl);
        if (op == Op::kSra) sar(out_, cl);
        if (op == Op::kRol) rol(out_, cl);
        if (op == Op::kRor) ror(out_, cl);
        break;
      case Op::kAddw:
      case Op::kSubw:
      case Op::kMulw:
        begin(rd, rs1, rs2);
        if (op == Op::kAddw) add(out32(), src32(rs2));
        if (op == Op::kSubw) sub(out32(), src32(rs2));
        if (op == Op::kMulw) imul(out32(), src32(rs2));
        movsxd(out_, out32());
        break;
      case Op::kSllw:
      case Op::kSrlw:
      case Op::kSraw:
      case Op::kRolw:
      case Op::kRorw:
        // ...and 32-bit ones to 5 bits, as the W forms do.
        mov(rcx, src(rs2));
        begin(rd, rs1);
        if (op == Op::kSllw) shl(out32(), cl);
        if (op == Op::kSrlw) shr(out32(), cl);
        if (op == Op::kSraw) sar(out32(), cl);
        if (op == Op::kRolw) rol(out32(), cl);
        if (op == Op::kRorw) ror(out32(), cl);
        movsxd(out_, out32());
        break;
      case Op::kMulh:
        mov(rax, src(rs1));
        imul(src(rs2));
        mov(rax, rdx);
        break;
      case Op::kMulhu:
        mov(rax, src(rs1));
        mul(src(rs2));
        mov(rax, rdx);
        break;
      case Op::kMulhsu:
        // The unsigned high half, less rs2 when rs1 is negative (its unsigned reading is 2^64
        // more).
        mov(rax, src(rs1));
        mov(rcx, rax);
        sar(rcx, 63);
        and_(rcx, src(rs2));
        mul(src(rs2));
        sub(rdx, rcx);
        mov(rax, rdx);
        break;
      case Op::kDiv:
      case Op::kDivu:
      case Op::kRem:
      case Op::kRemu:
      case Op::kDivw:
      case Op::kDivuw:
      case Op::kRemw:
      case Op::kRemuw: emit_divide(op, rs1, rs2); break;
      case Op::kAddUw:
        mov(eax, src32(rs1));
        add(rax, src(rs2));
        break;
      case Op::kSh1add:
      case Op::kSh2add:
      case Op::kSh3add:
        mov(rax, src(rs1));
        mov(rcx, src(rs2));
        lea(rax, ptr[ptr_scaled(op == Op::kSh1add ? 2 : op == Op::kSh2add ? 4 : 8)]);
        break;
      case Op::kSh1addUw:
      case Op::kSh2addUw:
      case Op::kSh3addUw:
        mov(eax, src32(rs1));
        mov(rcx, src(rs2));
        lea(rax, ptr[ptr_scaled(op == Op::kSh1addUw ? 2 : op == Op::kSh2addUw ? 4 : 8)]);
        break;
      case Op::kSlliUw:
        mov(eax, src32(rs1));
        shl(rax, static_cast<int>(imm & 63));
        break;
      case Op::kAndn:
      case Op::kOrn:
        mov(rax, src(rs2));
        not_(rax);
        if (op == Op::kAndn) {
          and_(rax, src(rs1));
        } else {
          or_(rax, src(rs1));
        }
        break;
      case Op::kXnor:
        mov(rax, src(rs1));
        xor_(rax, src(rs2));
        not_(rax);
        break;
      case Op::kClz:
      case Op::kClzw:
        if (!lzcnt_) return false;
        if (op == Op::kClz) {
          lzcnt(rax, src(rs1));
        } else {
          lzcnt(eax, src32(rs1));
        }
        break;
      case Op::kCtz:
      case Op::kCtzw:
        if (!bmi1_) return false;
        if (op == Op::kCtz) {
          tzcnt(rax, src(rs1));
        } else {
          tzcnt(eax, src32(rs1));
        }
        break;
      case Op::kCpop:
      case Op::kCpopw:
        if (!popcnt_) return false;
        if (op == Op::kCpop) {
          popcnt(rax, src(rs1));
        } else {
          popcnt(eax, src32(rs1));
        }
        break;
      case Op::kMax:
      case Op::kMin:
      case Op::kMaxu:
      case Op::kMinu:
        mov(rax, src(rs1));
        mov(rcx, src(rs2));
        cmp(rax, rcx);
        if (op == Op::kMax) cmovl(rax, rcx);
        if (op == Op::kMin) cmovg(rax, rcx);
        if (op == Op::kMaxu) cmovb(rax, rcx);
        if (op == Op::kMinu) cmova(rax, rcx);
        break;
      case Op::kSextB:
        mov(rax, src(rs1));
        movsx(rax, al);
        break;
      case Op::kSextH:
        mov(rax, src(rs1));
        movsx(rax, ax);
        break;
      case Op::kZextH:
        mov(rax, src(rs1));
        movzx(eax, ax);
        break;
      case Op::kRev8:
        mov(rax, src(rs1));
        bswap(rax);
        break;
      case Op::kBclr:
      case Op::kBset:
      case Op::kBinv:
      case Op::kBext:
        mov(rax, src(rs1));
        mov(rcx, src(rs2));
        and_(ecx, 63);
        emit_bit_op(op, [this] { return rcx; });
        break;
      case Op::kBclri:
      case Op::kBseti:
      case Op::kBinvi:
      case Op::kBexti:
        mov(rax, src(rs1));
        emit_bit_op_imm(op, static_cast<uint8_t>(imm & 63));
        break;
      case Op::kFence: mfence(); return true;
      case Op::kPause: return true;
      case Op::kLb:
      case Op::kLh:
      case Op::kLw:
      case Op::kLd:
      case Op::kLbu:
      case Op::kLhu:
      case Op::kLwu:
      case Op::kSb:
      case Op::kSh:
      case Op::kSw:
      case Op::kSd:
      case Op::kFlw:
      case Op::kFld:
      case Op::kFsw:
      case Op::kFsd: emit_memory(in, op); return true;
      case Op::kFaddD:
      case Op::kFsubD:
      case Op::kFmulD: return emit_fp_arithmetic(in, op);
      case Op::kFmaddD:
      case Op::kFmsubD:
      case Op::kFnmsubD:
      case Op::kFnmaddD:
      case Op::kFdivD:
      case Op::kFsqrtD: return emit_fp_rounded(in, op);
      case Op::kFeqD:
      case Op::kFltD:
      case Op::kFleD:
      case Op::kFmvXD:
      case Op::kFmvDX:
      case Op::kFsgnjD:
      case Op::kFsgnjnD:
      case Op::kFsgnjxD:
      case Op::kFcvtDW:
      case Op::kFcvtDWu: return emit_fp_exact(in, op);
      case Op::kJal:
        mov(rax, r15);
        add(rax, in.offset + in.length);
        def(rd, rax);
        exit_edge(static_cast<int64_t>(in.offset) + imm, in.index + 1U);
        return true;
      case Op::kJalr:
        mov(rcx, src(rs1));
        add_imm(rcx, imm);
        and_(rcx, -2);
        mov(rax, r15);
        add(rax, in.offset + in.length);
        def(rd, rax);
        write_back(dirty_);
        exit_indirect(in.index + 1U);
        return true;
      case Op::kBeq:
      case Op::kBne:
      case Op::kBlt:
      case Op::kBge:
      case Op::kBltu:
      case Op::kBgeu: emit_branch(in, op); return true;
      default: return false;
    }
    finish(rd);
    return true;
  }

  Xbyak::RegExp ptr_scaled(int scale) const { return rcx + rax * scale; }

  template <typename Reg>
  void emit_bit_op(Op op, Reg bit) {
    if (op == Op::kBclr) btr(rax, bit());
    if (op == Op::kBset) bts(rax, bit());
    if (op == Op::kBinv) btc(rax, bit());
    if (op == Op::kBext) {
      bt(rax, bit());
      setc(al);
      movzx(eax, al);
    }
  }
  void emit_bit_op_imm(Op op, uint8_t bit) {
    if (op == Op::kBclri) btr(rax, bit);
    if (op == Op::kBseti) bts(rax, bit);
    if (op == Op::kBinvi) btc(rax, bit);
    if (op == Op::kBexti) {
      bt(rax, bit);
      setc(al);
      movzx(eax, al);
    }
  }

  // RISC-V division never traps: x/0 gives all ones (quotient) or x (remainder), and the one
  // signed overflow gives the dividend (quotient) or 0 (remainder). x86 idiv faults on both, so
  // they take a branch around it. The W forms divide the low 32 bits and sign-extend the 32-bit
  // result (DIVUW by zero too: 2^32 - 1 becomes all ones).
  void emit_divide(Op op, unsigned rs1, unsigned rs2) {
    const bool is_signed = op == Op::kDiv || op == Op::kRem || op == Op::kDivw || op == Op::kRemw;
    const bool remainder = op == Op::kRem || op == Op::kRemu || op == Op::kRemw || op == Op::kRemuw;
    const bool word = op == Op::kDivw || op == Op::kDivuw || op == Op::kRemw || op == Op::kRemuw;
    const Xbyak::Reg divisor = word ? static_cast<const Xbyak::Reg&>(ecx) : rcx;
    Label by_zero;
    Label special;
    Label done;
    if (word) {
      mov(eax, src32(rs1));
      mov(ecx, src32(rs2));
    } else {
      mov(rax, src(rs1));
      mov(rcx, src(rs2));
    }
    test(divisor, divisor);
    jz(by_zero, T_NEAR);
    if (is_signed) {
      cmp(divisor, -1);
      je(special, T_NEAR);  // x / -1 is -x (wrapping), x % -1 is 0
      if (word) {
        cdq();
      } else {
        cqo();
      }
      idiv(divisor);
    } else {
      xor_(edx, edx);
      div(divisor);
    }
    if (remainder) mov(rax, rdx);
    jmp(done, T_NEAR);
    L(by_zero);
    if (!remainder) mov(rax, -1);
    jmp(done, T_NEAR);
    L(special);
    if (remainder) {
      xor_(eax, eax);
    } else if (word) {
      neg(eax);
    } else {
      neg(rax);
    }
    L(done);
    if (word) movsxd(rax, eax);
  }

  void emit_branch(const exec::Insn& in, Op op) {
    Label taken;
    const Reg64& lhs = in.rs1 != 0 && slot_of(in.rs1) >= 0 ? kPoolRegs[slot_of(in.rs1)] : rax;
    if (lhs.getIdx() == rax.getIdx()) mov(rax, src(in.rs1));
    if (in.rs2 == 0) {
      test(lhs, lhs);  // the flags of cmp lhs, 0
    } else {
      cmp(lhs, src(in.rs2));
    }
    switch (op) {
      case Op::kBeq: je(taken, T_NEAR); break;
      case Op::kBne: jne(taken, T_NEAR); break;
      case Op::kBlt: jl(taken, T_NEAR); break;
      case Op::kBge: jge(taken, T_NEAR); break;
      case Op::kBltu: jb(taken, T_NEAR); break;
      default: jae(taken, T_NEAR); break;
    }
    const int64_t fall = static_cast<int64_t>(in.offset) + in.length;
    exit_edge(fall, in.index + 1U);
    L(taken);
    exit_edge(static_cast<int64_t>(in.offset) + in.imm, in.index + 1U);
  }

  // Loads and stores: the software TLB's fast path inline (the entry for this access type in the
  // current data regime, whose tag also rejects misaligned addresses); anything else runs the
  // interpreter's handler, which takes the slow path and delivers faults precisely.
  void emit_memory(const exec::Insn& in, Op op) {
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
    const int32_t access = store ? static_cast<int32_t>(cpu::Access::kWrite)
                                 : static_cast<int32_t>(cpu::Access::kRead);
    const int32_t entry = l_.tlb + access * kTlbAccessStride;
    const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
    if (slot_of(in.rs1) >= 0 && in.imm >= INT32_MIN && in.imm <= INT32_MAX) {
      lea(rsi, ptr[kPoolRegs[slot_of(in.rs1)] + static_cast<int32_t>(in.imm)]);
    } else {
      mov(rsi, src(in.rs1));
      add_imm(rsi, in.imm);
    }
    // Loading an f register dirties FS; a store only needs the FPU on.
    if (fp && store) require_fs(slow);
    if (fp && !store) require_fs_dirty(slow);
    // rax = the entry's offset in the current data regime's TLB.
    mov(eax, esi);
    shr(eax, 12 - kTlbEntryShift);
    and_(eax, (cpu::Hart::kTlbEntries - 1) << kTlbEntryShift);
    add(eax, dword[rbx + l_.data_tlb_offset]);
    mov(rdx, rsi);
    and_(rdx, static_cast<int32_t>(~0xfffU | (size - 1)));
    cmp(rdx, qword[rbx + rax + entry]);
    jump_to_cold(kNotZero, slow);
    const uint32_t dirty_before = dirty_;
    add(rsi, qword[rbx + rax + entry + 8]);
    if (fp && store) {
      if (size == 4) {
        mov(ecx, dword[rbx + l_.f + static_cast<int32_t>(8 * in.rs2)]);
        mov(dword[rsi], ecx);
      } else {
        mov(rcx, f(in.rs2));
        mov(qword[rsi], rcx);
      }
    } else if (fp) {
      if (size == 4) {
        // NaN-boxed: the upper half all ones.
        mov(eax, dword[rsi]);
        mov(rcx, kNanBox);
        or_(rax, rcx);
      } else {
        mov(rax, qword[rsi]);
      }
      mov(f(in.rd), rax);
    } else if (store && in.rs2 == 0) {
      if (size == 1) mov(byte[rsi], 0);
      if (size == 2) mov(word[rsi], 0);
      if (size == 4) mov(dword[rsi], 0);
      if (size == 8) mov(qword[rsi], 0);
    } else if (store) {
      const Reg64& value = slot_of(in.rs2) >= 0 ? kPoolRegs[slot_of(in.rs2)] : rcx;
      if (value.getIdx() == rcx.getIdx()) mov(rcx, src(in.rs2));
      if (size == 1) mov(byte[rsi], value.cvt8());
      if (size == 2) mov(word[rsi], value.cvt16());
      if (size == 4) mov(dword[rsi], value.cvt32());
      if (size == 8) mov(qword[rsi], value);
    } else {
      const Reg64& value = target(in.rd);
      switch (op) {
        case Op::kLb: movsx(value, byte[rsi]); break;
        case Op::kLbu: movzx(value.cvt32(), byte[rsi]); break;
        case Op::kLh: movsx(value, word[rsi]); break;
        case Op::kLhu: movzx(value.cvt32(), word[rsi]); break;
        case Op::kLw: movsxd(value, dword[rsi]); break;
        case Op::kLwu: mov(value.cvt32(), dword[rsi]); break;
        default: mov(value, qword[rsi]); break;
      }
      finish(in.rd);
    }
    finish_slow_path(slow, in, dirty_before);
  }

  // FADD.D, FSUB.D and FMUL.D when they round to nearest-even (static RNE, or DYN with frm = RNE)
  // and the result is well inside the normal range: one SSE instruction, and while fflags.NX is
  // clear, an error-free transformation (as cpu/fpu/arithmetic.cc does) tells whether it was
  // exact, NX being the only flag such a result can raise. Anything else (FS not Dirty, another
  // rounding mode, NaN, infinity, overflow, a tiny product) runs the handler. False when the
  // instruction is not inlined.
  bool emit_fp_arithmetic(const exec::Insn& in, Op op) {
    if (!inlinable_rounding(in, /*rne=*/true)) return false;
    if (op == Op::kFmulD && !fma_) return false;
    const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
    const uint32_t dirty_before = dirty_;
    fp_guard(in, slow, /*rne=*/true);
    Label inexact_known;
    movq(xmm0, f(in.rs1));
    mov(rdx, f(in.rs2));
    if (op == Op::kFsubD) btc(rdx, 63);  // a - b is a + (-b), exactly
    movq(xmm1, rdx);
    movapd(xmm2, xmm0);
    if (op == Op::kFmulD) {
      mulsd(xmm2, xmm1);
      movq(rax, xmm2);
      // A finite product of magnitude >= 2^(emin + p) neither overflows nor is tiny, and the FMA
      // computes its rounding error exactly.
      mov(rcx, rax);
      shr(rcx, 52);
      and_(ecx, 0x7ff);
      cmp(ecx, kDoublePrecision);
      jump_to_cold(kBelowOrEqual, slow);
      cmp(ecx, 0x7ff);
      jump_to_cold(kZero, slow);
      skip_if_inexact_known(inexact_known);
      mov(rcx, rax);
      btc(rcx, 63);
      movq(xmm3, rcx);
      vfmadd231sd(xmm3, xmm0, xmm1);  // x * y - product
      movq(rcx, xmm3);
      add(rcx, rcx);  // drops the sign: zero for +-0, which means exact
      jz(inexact_known);
    } else {
      addsd(xmm2, xmm1);
      movq(rax, xmm2);
      // A finite sum means finite operands and no overflow, and a sum is never inexactly tiny.
      mov(rcx, kDoubleExponent);
      mov(rdx, rax);
      and_(rdx, rcx);
      cmp(rdx, rcx);
      jump_to_cold(kZero, slow);
      skip_if_inexact_known(inexact_known);
      // Fast2Sum: with |big| >= |small|, sum - big is exact, and equals small iff sum is exact.
      Label ordered;
      movq(rcx, xmm0);
      movq(rdx, xmm1);
      btr(rcx, 63);
      btr(rdx, 63);
      cmp(rcx, rdx);
      jae(ordered);
      movapd(xmm3, xmm0);
      movapd(xmm0, xmm1);
      movapd(xmm1, xmm3);
      L(ordered);
      movapd(xmm3, xmm2);
      subsd(xmm3, xmm0);
      ucomisd(xmm3, xmm1);  // both finite: ZF is set exactly when they are equal
      je(inexact_known);
    }
    or_(byte[rbx + l_.fflags], kInexactFlag);
    L(inexact_known);
    mov(f(in.rd), rax);
    finish_slow_path(slow, in, dirty_before);
    return true;
  }
  // Jumps to `known` when fflags.NX is already set: it is sticky, so whether the result was exact
  // no longer matters, and in steady state no FP instruction stores to fflags (a store there
  // followed by the next instruction's loads of fflags and frm stalled the FP loops on AMD hosts).
  void skip_if_inexact_known(Label& known) {
    test(byte[rbx + l_.fflags], kInexactFlag);
    jnz(known);
  }

  // FS must be Dirty (see require_fs_dirty), and a dynamic rounding mode must be valid (`rne`:
  // must be round-to-nearest-even, the host's mode).
  void fp_guard(const exec::Insn& in, size_t slow, bool rne) {
    require_fs_dirty(slow);
    if (in.rm != kRoundDynamic) return;
    // Checked every time: a failed check runs the handler in the rounding mode frm names, and
    // the next instruction finds frm unchanged.
    cmp(byte[rbx + l_.frm], rne ? kRoundNearestEven : kLastValidRoundingMode);
    jump_to_cold(rne ? kNotZero : kAbove, slow);
  }
  // Whether a static rounding mode lets the instruction be inlined.
  static bool inlinable_rounding(const exec::Insn& in, bool rne) {
    if (rne) return in.rm == kRoundNearestEven || in.rm == kRoundDynamic;
    return in.rm <= kLastValidRoundingMode || in.rm == kRoundDynamic;
  }
  // FS Off: the handler raises the illegal-instruction exception. Enough for instructions that
  // only read f registers.
  void require_fs(size_t slow) {
    if (fs_known_ >= FsKnown::kOn) return;
    test(dword[rbx + l_.mstatus], kFsMask);
    jump_to_cold(kZero, slow);
    fs_known_ = FsKnown::kOn;
  }
  // Instructions that make FS Dirty run inline only when it already is: the handler takes the
  // first one after FS was set Off, Initial or Clean, raising the exception or dirtying FS. Either
  // way FS is Dirty after the instruction, so the rest of the block needs no check and no store.
  void require_fs_dirty(size_t slow) {
    if (fs_known_ == FsKnown::kDirty) return;
    mov(eax, dword[rbx + l_.mstatus]);
    and_(eax, kFsMask);
    cmp(eax, kFsMask);
    jump_to_cold(kNotZero, slow);
    fs_known_ = FsKnown::kDirty;
  }

  // FMADD.D and its sign variants, FDIV.D and FSQRT.D in round-to-nearest-even, once fflags.NX is
  // already set (it is sticky, so an inexact result changes nothing) and when the result is a
  // normal number clear of the subnormal range: then no other flag can be raised (NaN results,
  // infinities, overflow and tiny results all take the handler, as does a clear NX).
  bool emit_fp_rounded(const exec::Insn& in, Op op) {
    if (!inlinable_rounding(in, /*rne=*/true)) return false;
    const bool fused = op != Op::kFdivD && op != Op::kFsqrtD;
    if (fused && !fma_) return false;
    const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
    const uint32_t dirty_before = dirty_;
    fp_guard(in, slow, /*rne=*/true);
    test(byte[rbx + l_.fflags], kInexactFlag);
    jump_to_cold(kZero, slow);
    if (fused) {
      // -(a*b) is (-a)*b and RNE is symmetric, so each variant is one FMA on negated inputs.
      mov(rax, f(in.rs1));
      if (op == Op::kFnmsubD || op == Op::kFnmaddD) btc(rax, 63);
      movq(xmm0, rax);
      mov(rax, f(in.rs3));
      if (op == Op::kFmsubD || op == Op::kFnmaddD) btc(rax, 63);
      movq(xmm2, rax);
      movq(xmm1, f(in.rs2));
      vfmadd231sd(xmm2, xmm0, xmm1);
    } else if (op == Op::kFdivD) {
      movq(xmm2, f(in.rs1));
      divsd(xmm2, f(in.rs2));
    } else {
      sqrtsd(xmm2, f(in.rs1));
    }
    movq(rax, xmm2);
    // Biased exponent in [2, 2046]: finite, normal and not tiny.
    mov(rcx, rax);
    shr(rcx, 52);
    and_(ecx, 0x7ff);
    sub(ecx, 2);
    cmp(ecx, 2044);
    jump_to_cold(kAbove, slow);
    mov(f(in.rd), rax);
    finish_slow_path(slow, in, dirty_before);
    return true;
  }

  // Double-precision instructions that never round: compares (unordered operands take the
  // handler, which raises NV), moves, sign injection and int32 -> double conversions. Like the
  // interpreter, every one needs and leaves FS Dirty, even those that write only an x register
  // (the spec allows a dirty FS that is not needed).
  bool emit_fp_exact(const exec::Insn& in, Op op) {
    if (!inlinable_rounding(in, /*rne=*/false)) return false;
    const size_t slow = add_cold(ColdPath::Kind::kSlowPath);
    const uint32_t dirty_before = dirty_;
    const bool converts = op == Op::kFcvtDW || op == Op::kFcvtDWu;
    if (converts) {
      fp_guard(in, slow, /*rne=*/false);
    } else {
      require_fs_dirty(slow);
    }
    switch (op) {
      case Op::kFeqD:
      case Op::kFltD:
      case Op::kFleD:
        movq(xmm0, f(in.rs1));
        ucomisd(xmm0, f(in.rs2));
        jump_to_cold(kParity, slow);
        if (op == Op::kFeqD) sete(al);
        if (op == Op::kFltD) setb(al);
        if (op == Op::kFleD) setbe(al);
        movzx(eax, al);
        def(in.rd, rax);
        break;
      case Op::kFmvXD:
        mov(rax, f(in.rs1));
        def(in.rd, rax);
        break;
      case Op::kFmvDX:
        mov(rax, src(in.rs1));
        mov(f(in.rd), rax);
        break;
      case Op::kFcvtDW:
      case Op::kFcvtDWu:
        // Every 32-bit integer is exact as a double.
        if (op == Op::kFcvtDW) {
          movsxd(rax, src32(in.rs1));
        } else {
          mov(eax, src32(in.rs1));
        }
        cvtsi2sd(xmm0, rax);
        movq(f(in.rd), xmm0);
        break;
      default:  // sign injection
        mov(rax, f(in.rs1));
        mov(rcx, f(in.rs2));
        if (op == Op::kFsgnjnD) not_(rcx);
        shr(rcx, 63);
        shl(rcx, 63);
        if (op == Op::kFsgnjxD) {
          xor_(rax, rcx);
        } else {
          btr(rax, 63);
          or_(rax, rcx);
        }
        mov(f(in.rd), rax);
        break;
    }
    finish_slow_path(slow, in, dirty_before);
    return true;
  }

  const HartLayout& l_;
  const std::array<Xbyak::Reg32, kPool> reg32_ = {
      kPoolRegs[0].cvt32(), kPoolRegs[1].cvt32(), kPoolRegs[2].cvt32(), kPoolRegs[3].cvt32(),
      kPoolRegs[4].cvt32(), kPoolRegs[5].cvt32(), kPoolRegs[6].cvt32()};
  Xbyak::Address scratch_address_ = qword[rbx];
  Reg64 out_ = rax;  // where emit_inline computes rd
  const void* exit_;
  const void* lookup_;  // Prologue's lookup of the block at the pc in r15
  const Region& region_;
  std::unique_ptr<Label[]> heads_;         // one per block of the region, in region order
  std::unique_ptr<Label[]> budget_heads_;  // the same, past the exit_request check
  const exec::Block* block_ = nullptr;     // the block being emitted
  size_t index_ = 0;                       // its index in the region
  std::array<int8_t, cpu::HartState::kSinkRegister + 1> slot_of_{};  // guest register -> slot + 1
  uint32_t written_ = 0;                                             // slots the region may write
  uint32_t dirty_ = 0;  // slots that may differ from HartState at the current emission point
  // What the FS checks emitted so far in the block prove about mstatus.FS, so that later FP
  // instructions skip them. Forgotten at each block head (paths join there) and after a handler
  // call (a CSR write may change FS).
  enum class FsKnown : uint8_t { kUnknown, kOn, kDirty };
  FsKnown fs_known_ = FsKnown::kUnknown;
  bool lzcnt_;
  bool bmi1_;
  bool popcnt_;
  bool fma_;
  Label exit0_;
  Label leave_region_;  // writes back every written slot, then exit0_
  std::vector<ColdPath> cold_;
  // A handler call's operand: the rel32 of its lea (an offset in the code) and the instruction.
  struct HandlerOperand {
    uint32_t site;
    const exec::Insn* insn;
  };
  std::vector<HandlerOperand> handler_operands_;
};

}  // namespace

HartLayout HartLayout::of(const cpu::Hart& hart) {
  const auto* base = reinterpret_cast<const uint8_t*>(&hart);
  const auto offset = [base](const void* field) {
    return static_cast<int32_t>(static_cast<const uint8_t*>(field) - base);
  };
  HartLayout l;
  l.x = offset(hart.s.x.data());
  l.pc = offset(&hart.s.pc);
  l.instret = offset(&hart.s.instret);
  l.exit_request = offset(&hart.s.exit_request);
  l.tlb = offset(hart.tlb_base());
  l.data_tlb_offset = offset(hart.data_tlb_offset_location());
  l.fetch_tlb_offset = offset(hart.fetch_tlb_offset_location());
  l.f = offset(hart.s.f.data());
  l.fflags = offset(&hart.s.fflags);
  l.frm = offset(&hart.s.frm);
  l.mstatus = offset(&hart.s.mstatus);
  return l;
}

Translator::Translator(cpu::Hart& hart, CodeBuffer& buffer, const exec::CodeCache& cache)
    : buffer_(buffer), layout_(HartLayout::of(hart)) {
  static_assert(sizeof(std::atomic<uint32_t>) == 4);
  const Prologue prologue(buffer_.cursor(), buffer_.available(), layout_, cache);
  entry_ = reinterpret_cast<Entry>(const_cast<uint8_t*>(prologue.getCode()));
  exit_ = prologue.getCode() + prologue.exit_offset;
  lookup_ = prologue.getCode() + prologue.lookup_offset;
  buffer_.commit(prologue.getSize());
  buffer_.seal();
  const Cpu cpu;
  has_lzcnt_ = cpu.has(Cpu::tLZCNT);
  has_bmi1_ = cpu.has(Cpu::tBMI1);
  has_popcnt_ = cpu.has(Cpu::tPOPCNT);
  has_fma_ = cpu.has(Cpu::tFMA) && cpu.has(Cpu::tAVX);
}

const void* Translator::translate(const exec::Block& block, exec::CodeCache& cache) {
  const Region region = form_region(block, cache, kPool);
  try {
    RegionEmitter emitter(buffer_.cursor(), buffer_.available(), layout_, exit_, lookup_, region,
                          has_lzcnt_, has_bmi1_, has_popcnt_, has_fma_);
    emitter.emit();
    const void* code = emitter.getCode();
    buffer_.commit(emitter.getSize());
    region_blocks_ += region.blocks.size();
    return code;
  } catch (const Xbyak::Error& error) {
    if (static_cast<int>(error) == Xbyak::ERR_CODE_IS_TOO_BIG) return nullptr;
    throw;
  }
}

void Translator::patch_chain(uintptr_t site, const void* target) {
  const auto rel =
      static_cast<int32_t>(reinterpret_cast<intptr_t>(target) - static_cast<intptr_t>(site + 5));
  // The code is this hart's own and not running while the dispatcher patches it.
  std::memcpy(reinterpret_cast<void*>(site + 1), &rel, sizeof rel);
}

}  // namespace strata::jit
