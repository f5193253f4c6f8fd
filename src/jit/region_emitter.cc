// RegionEmitter: blocks and their checks, the guest register cache, exits, handler calls and
// cold paths.
#include "jit/region_emitter.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <type_traits>
#include <utility>

#include "exec/handlers.h"
#include "jit/jump_cache.h"

namespace strata::jit {

// Handler operands are copied into the code buffer as whole 8-byte words.
static_assert(sizeof(exec::Insn) % sizeof(uint64_t) == 0 &&
              std::is_trivially_copyable_v<exec::Insn>);

void RegionEmitter::emit() {
  // Entered from the dispatcher or a chained exit: load the region's registers, then run the
  // entry block's checks like any other block's.
  reload(all_slots());
  reload_tlb_registers();
  // Translator::redirect may overwrite the first 5 bytes with a jump: no loop jumps into them.
  while (getSize() < kRedirectBytes) nop();
  for (size_t i = 0; i < region_.blocks.size(); ++i) emit_block(i);

  // Every path here has HartState's registers current, the pc in r15 and the budget in r13.
  L(exit0_);
  xor_(eax, eax);
  jmp(links_.exit, T_NEAR);
  L(leave_region_);
  write_back(written_);
  jmp(exit0_, T_NEAR);
  // Cold paths may add more cold paths while they are emitted: an index, and a copy.
  for (size_t k = 0; k < cold_.size(); ++k) {  // NOLINT(modernize-loop-convert)
    const ColdPath path = cold_[k];
    emit_cold(path);
  }
  if (has_slow_paths_) emit_slow_stub();
  emit_target_tables();
  emit_handler_operands();
  ready();
}

void RegionEmitter::emit_slow_stub() {
  // Called with rcx = the handler's operand and edx = the block's offset from the region's
  // entry times 256 plus its length (rsi may hold a guest register until it is written back).
  // The call and three slots keep the stack aligned for the handler call, and move the
  // trampoline's frame 32 bytes up.
  constexpr int32_t kFrame = 32;
  constexpr int32_t kOperandSlot = 16;
  L(slow_stub_);
  push(rcx);
  push(rdx);
  sub(rsp, 8);
  mov(rax, qword[rsp + kFrame + kContextSlot]);
  inc(qword[rax + offsetof(JitContext, slow_paths)]);
  // Every written slot, not only the dirty ones: the others hold what HartState holds, and one
  // routine serves every slow path of the region.
  write_back(written_);
  movsxd(rax, edx);
  sar(rax, 8);
  add(rax, r15);
  mov(pc(), rax);
  movzx(ecx, dl);
  sync_instret(r13 + rcx, kFrame);
  mov(rdi, rbx);
  mov(rsi, qword[rsp + kOperandSlot]);
  mov(rax, qword[rsi + offsetof(exec::Insn, handler)]);
  call(rax);
  add(rsp, 8);
  pop(rdx);
  pop(rsi);
  test(al, al);
  Label leave;
  jnz(leave, T_NEAR);
  // Every slot: the handler wrote at most the instruction's rd, and the call clobbered the
  // caller-saved registers.
  reload(all_slots());
  reload_tlb_registers();
  ret();
  L(leave);
  // As a kLeave path: the handler set pc; the block's instructions from this one on did not run
  // (a retired one counts itself), so their budget comes back.
  add(rsp, 8);  // the slow path's return address
  mov(r15, pc());
  xor_(ecx, ecx);
  cmp(al, static_cast<uint8_t>(exec::Flow::kRetired));
  sete(cl);
  movzx(eax, dl);
  movzx(edx, word[rsi + offsetof(exec::Insn, index)]);
  sub(eax, edx);
  sub(eax, ecx);
  add(r13, rax);
  jmp(exit0_, T_NEAR);
}

void RegionEmitter::emit_block(size_t index) {
  block_ = region_.blocks[index];
  index_ = index;
  // A loop's first instruction starts a 32-byte block of host code: the front end fetches and
  // caches decoded code by such blocks, and where a loop's head fell in them moved heapsort's
  // time by 4 % from one unrelated change to the next. The padding is multi-byte NOPs, run only
  // on the way into the loop from the block before it.
  if ((region_.loop_heads & (1U << index_)) != 0) align(kLoopHeadAlignment);
  L(heads_[index]);
  // Reached from the region's entry or from any of its blocks: assume every register the
  // region writes is newer than HartState, nothing about mstatus.FS, and no f register copies.
  dirty_ = written_;
  next_rax_copy_ = kNoCopy;
  fs_known_ = FsKnown::kUnknown;
  fp_copies_ = FpCopies{};
  emit_head_checks();

  bool ended = false;
  for (uint32_t i = 0; i < block_->instructions && !ended; ++i) {
    const exec::Insn& insn = block_->insns[i];
    const isa::Decoded d = isa::decode(insn.raw);
    ended = exec::ends_block(d.op);
    rax_copy_ = std::exchange(next_rax_copy_, kNoCopy);
    if (i + 1 < block_->instructions &&
        (emit_zero_extension(insn, d.op, block_->insns[i + 1]) ||
         emit_pc_relative_address(insn, d.op, block_->insns[i + 1]))) {
      ++i;  // the pair's second instruction is emitted too
      continue;
    }
    if (!emit_inline(insn, d.op)) emit_handler(insn);
  }
  if (!ended) {
    // The block stopped at its size limit or at the page end: fall through to the next pc.
    const exec::Insn& sentinel = block_->insns[block_->instructions];
    exit_edge(sentinel.offset, /*last=*/true);
  }
}

void RegionEmitter::emit_head_checks() {
  // Every block takes its length from the budget. The heads of loops first leave if the budget
  // does not cover every instruction the region may run before it passes a head again (the
  // instruction limit and the timer poll are exact to the block). The entry also leaves if
  // another thread wants the hart: every way into the region passes there, and so does every
  // loop through it. A loop that stays inside the region notices the request when its budget
  // runs out, within one quantum (dispatcher.h): checking at every loop head cost a load and a
  // branch per pass, 9 % of `int` on an Intel host (docs/jit.md).
  if ((region_.loop_heads & (1U << index_)) == 0) {
    sub(r13, block_->instructions);
    return;
  }
  const bool entry = index_ == 0;
  if (entry) {
    cmp(dword[rbx + l_.exit_request], 0);
    jne(leave_region_, T_NEAR);
  }
  const uint32_t needed = region_.budget_needed.at(index_);
  if (needed == block_->instructions) {
    // One instruction checks and takes; leaving gives the length back.
    sub(r13, block_->instructions);
    jump_to_cold(kBelow, add_cold(ColdPath::Kind::kUndoBudget));
    return;
  }
  cmp(r13, static_cast<int32_t>(needed));
  if (entry) {
    jb(leave_region_, T_NEAR);
  } else {
    jump_to_cold(kBelow, add_cold(ColdPath::Kind::kLeaveAtHead));
  }
  sub(r13, block_->instructions);
}

void RegionEmitter::def(unsigned rd, const Reg64& value) {
  if (rd == cpu::HartState::kSinkRegister) return;
  const int slot = slot_of(rd);
  if (slot < 0) {
    mov(x(rd), value);
    return;
  }
  mov(kPoolRegs[slot], value);
  dirty_ |= 1U << slot;
}

const Xbyak::Address& RegionEmitter::memory(unsigned r, int bits) {
  scratch_address_ = bits == 64 ? x(r) : dword[rbx + l_.x + static_cast<int32_t>(8 * r)];
  return scratch_address_;
}

void RegionEmitter::write_back(uint32_t slots) {
  for (unsigned slot = 0; slot < region_.registers.size(); ++slot) {
    if ((slots & (1U << slot)) != 0) mov(x(region_.registers[slot]), kPoolRegs[slot]);
  }
}

void RegionEmitter::reload(uint32_t slots) {
  for (unsigned slot = 0; slot < region_.registers.size(); ++slot) {
    if ((slots & (1U << slot)) != 0) mov(kPoolRegs[slot], x(region_.registers[slot]));
  }
}

void RegionEmitter::reload_tlb_registers() {
  if (!tlb_registers_) return;
  mov(kTlbBase, qword[rbx + l_.data_tlb]);
  mov(kTlbMask.cvt32(), dword[rbx + l_.tlb_index_mask]);
}

void RegionEmitter::reload_after_call(const exec::Insn& insn) {
  uint32_t slots = all_slots() & ~kCalleeSavedSlots;
  if (const int slot = slot_of(insn.rd); slot >= 0) slots |= 1U << slot;
  reload(slots);
  reload_tlb_registers();
}

void RegionEmitter::sync_for_call(uint32_t dirty) {
  write_back(dirty);
  if (block_offset() == 0) {
    mov(pc(), r15);
  } else {
    lea(rax, ptr[r15 + static_cast<int32_t>(block_offset())]);
    mov(pc(), rax);
  }
  sync_instret(r13 + static_cast<int32_t>(block_->instructions), 0);
}

void RegionEmitter::sync_instret(const Xbyak::RegExp& mark, int32_t frame) {
  const Xbyak::Address budget_mark = qword[rsp + frame + kBudgetMarkSlot];
  lea(rax, ptr[mark]);  // r13 before the block's head
  mov(rcx, budget_mark);
  mov(budget_mark, rax);
  sub(rcx, rax);
  add(instret(), rcx);
}

void RegionEmitter::add_imm(const Reg64& r, int64_t imm) {
  if (imm == 0) return;
  if (imm >= INT32_MIN && imm <= INT32_MAX) {
    add(r, static_cast<int32_t>(imm));
  } else {
    mov(rdx, imm);
    add(r, rdx);
  }
}

void RegionEmitter::exit_edge(int64_t delta, bool last) {
  if (const int target = region_target(delta); target >= 0) {
    if (!last || static_cast<size_t>(target) != index_ + 1) jmp(heads_[target], T_NEAR);
    return;
  }
  write_back(dirty_);
  add_imm(r15, block_offset() + delta);  // the target's pc, and the pc of the region it enters
  if (!same_page(delta)) {
    jump_to_other_page();
    return;
  }
  // A chainable exit: a 5-byte rel32 jump, first to a stub that returns to the dispatcher, later
  // patched by the dispatcher to go straight to the target's code.
  const size_t stub = add_cold(ColdPath::Kind::kChainStub);
  cold_[stub].chain_site = reinterpret_cast<uintptr_t>(getCurr());
  cold_[stub].page = block_->paddr & ~(kPageSize - 1);
  jump_to_cold(kAlways, stub);
}

void RegionEmitter::jump_to_other_page() {
  ++site_caches_;
  const uint8_t* cache = links_.site_caches_end - site_caches_ * sizeof(SiteCache);
  mov(rax, qword[rbx + l_.fetch_epoch]);
  cmp(rax, qword[rip + (cache + offsetof(SiteCache, epoch))]);
  const size_t miss = add_cold(ColdPath::Kind::kSiteMiss);
  cold_[miss].site_cache = cache;
  jump_to_cold(kNotZero, miss);
  jmp(qword[rip + (cache + offsetof(SiteCache, code))]);
}

void RegionEmitter::jump_to_region_targets() {
  // The targets' block indices, in region order, and their offsets from the entry.
  std::vector<size_t> sites;
  for (uint32_t targets = region_.return_sites | region_.jump_targets; targets != 0;
       targets &= targets - 1) {
    sites.push_back(static_cast<size_t>(std::countr_zero(targets)));
  }
  const auto offset_of = [this](size_t index) {
    return static_cast<int64_t>(region_.blocks[index]->paddr) -
           static_cast<int64_t>(region_.blocks[0]->paddr);
  };
  // Each target is a loop head: it checks the exit request and the budget.
  if (sites.size() <= kMaxTargetCompares) {
    for (const size_t site : sites) {
      lea(rax, ptr[r15 + static_cast<int32_t>(offset_of(site))]);
      cmp(rcx, rax);
      je(heads_[site], T_NEAR);
    }
    return;
  }
  const auto [low, high] =
      std::minmax_element(sites.begin(), sites.end(),
                          [&offset_of](size_t a, size_t b) { return offset_of(a) < offset_of(b); });
  const int64_t first = offset_of(*low);
  const int64_t last = offset_of(*high);
  TargetTable& table = target_tables_.emplace_back();
  table.heads.assign(static_cast<size_t>((last - first) / 2 + 1), -1);
  for (const size_t site : sites) {
    table.heads[static_cast<size_t>((offset_of(site) - first) / 2)] = static_cast<int>(site);
  }
  // rax = the target's offset from the first target's: the unsigned compare sends those before
  // the first and past the last to the lookup, the table those in between that are no target.
  mov(rax, rcx);
  sub(rax, r15);
  add_imm(rax, -first);
  cmp(rax, static_cast<int32_t>(last - first));
  ja(table.elsewhere, T_NEAR);
  lea(rdx, ptr[rip + table.at]);
  movsxd(rax, dword[rdx + rax * 2]);
  add(rax, rdx);
  jmp(rax);
  L(table.elsewhere);
}

void RegionEmitter::emit_target_tables() {
  for (TargetTable& table : target_tables_) {
    align(4);
    L(table.at);
    const uint8_t* at = getCurr();
    for (const int head : table.heads) {
      const Label& to = head >= 0 ? heads_[static_cast<size_t>(head)] : table.elsewhere;
      dd(static_cast<uint32_t>(to.getAddress() - at));
    }
  }
}

void RegionEmitter::count_jumps_left_on_page() {
  Label elsewhere;
  mov(rax, rcx);
  xor_(rax, r15);
  shr(rax, 12);
  jnz(elsewhere);
  if (countdown_slot_ == 0) countdown_slot_ = ++site_caches_;  // one for all the region's jumps
  const uint8_t* countdown = links_.site_caches_end - countdown_slot_ * sizeof(SiteCache);
  sub(dword[rip + (countdown + offsetof(FormAgainCountdown, left))], 1);
  jump_to_cold(kZero, add_cold(ColdPath::Kind::kFormAgain));
  L(elsewhere);
}

void RegionEmitter::exit_indirect() {
  mov(r15, rcx);
  jmp(links_.lookup, T_NEAR);
}

void RegionEmitter::emit_handler(const exec::Insn& insn) {
  sync_for_call(dirty_);
  dirty_ = 0;
  fs_known_ = FsKnown::kUnknown;  // a CSR write may have changed mstatus.FS
  fp_copies_ = FpCopies{};        // the call clobbers the xmm registers
  call_handler(insn);
  reload_after_call(insn);
}

void RegionEmitter::call_slow_stub(const exec::Insn& insn, int64_t block_offset,
                                   uint32_t instructions) {
  lea_handler_operand(rcx, insn);
  mov(edx, static_cast<int32_t>(block_offset * 256 + instructions));
  call(slow_stub_);
  has_slow_paths_ = true;
}

void RegionEmitter::lea_handler_operand(const Reg64& to, const exec::Insn& insn) {
  // lea to, [rip + rel32]: the handler's operand, a copy of `insn` placed after the code (its
  // place is known only then: the rel32 is filled in by emit_handler_operands).
  constexpr uint8_t kRexW = 0x48;
  constexpr uint8_t kRexR = 0x04;         // the ModRM reg field's fourth bit
  constexpr uint8_t kRipRelative = 0x05;  // ModRM with mod 00, r/m 101
  const auto index = static_cast<uint8_t>(to.getIdx());
  db(kRexW | ((index & 8U) != 0 ? kRexR : 0));
  db(0x8d);
  db(kRipRelative | ((index & 7U) << 3));
  handler_operands_.push_back({static_cast<uint32_t>(getSize()), &insn});
  dd(0);
}

void RegionEmitter::call_handler(const exec::Insn& insn) {
  mov(rdi, rbx);
  lea_handler_operand(rsi, insn);
  mov(rax, reinterpret_cast<uintptr_t>(insn.handler));
  call(rax);
  test(al, al);
  const size_t leave = add_cold(ColdPath::Kind::kLeave);
  cold_[leave].insn = &insn;  // of the current block, whose length add_cold records
  jump_to_cold(kNotZero, leave);
}

size_t RegionEmitter::add_cold(ColdPath::Kind kind) {
  cold_.push_back(ColdPath{.kind = kind,
                           .instructions = block_->instructions,
                           .block_offset = block_offset(),
                           .fp_copies = {}});
  return cold_.size() - 1;
}

void RegionEmitter::jump_to_cold(uint8_t cc, size_t index) {
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

void RegionEmitter::finish_slow_path(size_t index, const exec::Insn& in) {
  ColdPath& path = cold_[index];
  path.insn = &in;
  path.fp_copies = fp_copies_;
  path.resume = getSize();
}

void RegionEmitter::emit_handler_operands() {
  align(alignof(exec::Insn));
  for (const HandlerOperand& operand : handler_operands_) {
    point_here(operand.site);
    std::array<uint64_t, sizeof(exec::Insn) / sizeof(uint64_t)> words{};
    std::memcpy(words.data(), operand.insn, sizeof(exec::Insn));
    for (const uint64_t word : words) dq(word);
  }
}

void RegionEmitter::point_here(uint32_t site) {
  const auto rel = static_cast<int32_t>(getSize() - (site + 4));
  std::memcpy(const_cast<uint8_t*>(getCode()) + site, &rel, sizeof rel);
}

void RegionEmitter::emit_cold(const ColdPath& path) {
  auto* code = const_cast<uint8_t*>(getCode());
  for (unsigned i = 0; i < path.sites; ++i) point_here(path.site[i]);
  switch (path.kind) {
    case ColdPath::Kind::kUndoBudget:
      add(r13, path.instructions);
      add_imm(r15, path.block_offset);
      jmp(leave_region_, T_NEAR);
      break;
    case ColdPath::Kind::kLeaveAtHead:
      add_imm(r15, path.block_offset);
      jmp(leave_region_, T_NEAR);
      break;
    case ColdPath::Kind::kChainStub:
      mov(rax, path.chain_site);
      mov(rdx, path.page);
      mov(rcx, context());
      mov(qword[rcx + offsetof(JitContext, exit_page)], rdx);
      jmp(links_.exit, T_NEAR);
      break;
    case ColdPath::Kind::kLeave:
      // The handler set pc. The instructions of the block from this one on did not run (a
      // retired one counts itself): their budget comes back, and the exit counts the rest.
      mov(r15, pc());
      xor_(ecx, ecx);
      cmp(al, static_cast<uint8_t>(exec::Flow::kRetired));
      sete(cl);
      add(r13, static_cast<int32_t>(path.instructions - path.insn->index));
      sub(r13, rcx);
      jmp(exit0_, T_NEAR);
      break;
    case ColdPath::Kind::kTlbFallback:
      emit_tlb_address({Reg64(path.address_register), path.address_displacement}, path.access_size,
                       path.access, path.slow_path);
      jmp(code + path.resume, T_NEAR);
      break;
    case ColdPath::Kind::kFormAgain:
      mov(r15, rcx);
      mov(rax, context());
      mov(byte[rax + offsetof(JitContext, form_again)], formation_);
      mov(dword[rax + offsetof(JitContext, form_again_blocks)],
          static_cast<uint32_t>(region_.blocks.size()));
      mov(rdx, region_.blocks[0]->paddr);
      mov(qword[rax + offsetof(JitContext, form_again_paddr)], rdx);
      xor_(eax, eax);
      jmp(links_.exit, T_NEAR);
      break;
    case ColdPath::Kind::kSiteMiss:
      lea(r9, ptr[rip + path.site_cache]);
      jmp(links_.lookup_and_fill, T_NEAR);
      break;
    case ColdPath::Kind::kSlowPath: {
      call_slow_stub(*path.insn, path.block_offset, path.instructions);
      reload_copies(path.fp_copies);
      if (path.rax_copy != kNoCopy) mov(rax, x(path.rax_copy));
      jmp(code + path.resume, T_NEAR);
      break;
    }
  }
}

const Reg64& RegionEmitter::begin(unsigned rd, unsigned first, unsigned later) {
  const int slot = slot_of(rd);
  out_ = slot >= 0 && (rd != later || rd == first) ? kPoolRegs[slot] : rax;
  if (first == 0) {
    xor_(out_.cvt32(), out_.cvt32());
  } else if (const Reg64* from = in_register_or_rax(first); from != nullptr) {
    if (from->getIdx() != out_.getIdx()) mov(out_, *from);
  } else {
    mov(out_, src(first));
  }
  return out_;
}

const Reg64& RegionEmitter::target(unsigned rd) {
  const int slot = slot_of(rd);
  out_ = slot >= 0 ? kPoolRegs[slot] : rax;
  return out_;
}

void RegionEmitter::finish(unsigned rd) {
  if (out_.getIdx() == rax.getIdx()) {
    def(rd, rax);
  } else {
    dirty_ |= 1U << slot_of(rd);
  }
}

}  // namespace strata::jit
