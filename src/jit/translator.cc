#include "jit/translator.h"

#include <xbyak/xbyak.h>
#include <xbyak/xbyak_util.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "jit/region.h"
#include "jit/region_emitter.h"
#include "mem/guest_ram.h"

namespace strata::jit {
namespace {

using Xbyak::util::Cpu;

// The lookup of Prologue's jump-target code when its inline path misses: the same answer for the
// hart's pc, found the slow way (a fetch TLB miss, or a block not in the recent table). Never
// translates (the buffer may not change under running code).
const void* lookup_from_code(cpu::Hart* hart, JitContext* context) {
  uint64_t paddr = 0;
  bool cacheable = false;
  const exec::Block* block = nullptr;
  // A failed fetch goes back to the dispatcher, which redoes it and delivers any fault.
  if (hart->fetch_translate(hart->s.pc, paddr, cacheable) == cpu::MemStatus::kOk && cacheable) {
    block = context->cache->find(paddr);
  }
  if (block == nullptr || block->host_code == nullptr) {
    ++context->lookup_misses;
    return nullptr;
  }
  return block->host_code;
}

// The trampoline from C++ into host code, the common exit back, and the lookup that continues
// at a jump target without the dispatcher.
class Prologue final : public Xbyak::CodeGenerator {
 public:
  Prologue(uint8_t* at, size_t room, const HartLayout& l, const exec::CodeCache& cache,
           JumpCache& jump_cache)
      : CodeGenerator(room, at) {
    // uintptr_t enter(Hart* rdi, const void* code rsi, uint64_t budget rdx, JitContext* rcx)
    for (const Reg64& r : {rbx, rbp, r12, r13, r14, r15}) push(r);
    // Six pushes and the return address: three more slots realign the stack to 16 for calls, and
    // hold the JitContext and the budget mark (kContextSlot, kBudgetMarkSlot).
    sub(rsp, kFrameBytes);
    mov(qword[rsp + kContextSlot], rcx);
    mov(qword[rsp + kBudgetMarkSlot], rdx);
    mov(rbx, rdi);
    mov(r13, rdx);
    mov(r15, qword[rbx + l.pc]);
    jmp(rsi);
    align(16);
    exit_offset = getSize();
    L(exit_);
    mov(qword[rbx + l.pc], r15);
    mov(rdx, qword[rsp + kBudgetMarkSlot]);
    sub(rdx, r13);
    add(qword[rbx + l.instret], rdx);
    mov(rcx, qword[rsp + kContextSlot]);
    mov(qword[rcx + offsetof(JitContext, budget)], r13);
    add(rsp, kFrameBytes);
    for (const Reg64& r : {r15, r14, r13, r12, rbp, rbx}) pop(r);
    ret();
    align(16);
    lookup_offset = getSize();
    emit_lookup(l, cache, jump_cache, /*fill_site=*/false);
    align(16);
    lookup_and_fill_offset = getSize();
    emit_lookup(l, cache, jump_cache, /*fill_site=*/true);
  }
  size_t exit_offset = 0;
  size_t lookup_offset = 0;
  size_t lookup_and_fill_offset = 0;

 private:
  // Jumps to the host code of the block at the guest pc in r15, with the guest registers in
  // HartState: an indirect jump's target, or a direct one on
  // another page (whose mapping may have changed since the jump was translated, so it is looked
  // up like an indirect one). The host code of a block whose page the fetch TLB holds (execute
  // permission uniform on the page) may be entered without the dispatcher, as a chained jump
  // would; the target's own checks (exit request, budget) follow. Inline: the jump cache; then
  // the fetch TLB and the code cache's recent table, whose answer fills the jump cache. Anything
  // else asks lookup_from_code, and returns to the dispatcher if that finds no host code.
  // `fill_site`: r9 points to the site cache of the jump (to another page) that came here, and
  // the code found inline goes there too (what lookup_from_code finds does not: the next miss
  // finds it inline).
  void emit_lookup(const HartLayout& l, const exec::CodeCache& cache, JumpCache& jump_cache,
                   bool fill_site) {
    Label slow;
    Label probe;
    const int32_t entry = static_cast<int32_t>(cpu::Access::kExecute) * kTlbAccessStride;
    mov(rsi, qword[rsp + kContextSlot]);
    inc(qword[rsi + offsetof(JitContext, lookups)]);
    // r8 = the jump cache entry. Here every guest register is in HartState, so the registers of
    // the pool are free; r8 keeps the entry for the fill below.
    mov(r8d, r15d);
    shr(r8d, 1);
    and_(r8d, JumpCache::kSlots - 1);
    shl(r8d, JumpCache::kEntryShift);
    mov(rdx, reinterpret_cast<uintptr_t>(jump_cache.entries.data()));
    add(r8, rdx);
    cmp(r15, qword[r8 + offsetof(JumpCacheEntry, pc)]);
    jne(probe);
    mov(rdx, qword[rbx + l.fetch_epoch]);
    cmp(rdx, qword[r8 + offsetof(JumpCacheEntry, epoch)]);
    jne(probe);
    if (fill_site) {
      mov(rax, qword[r8 + offsetof(JumpCacheEntry, code)]);
      fill_site_cache();
      jmp(rax);
    } else {
      jmp(qword[r8 + offsetof(JumpCacheEntry, code)]);
    }
    L(probe);
    emit_tlb_entry(*this, r15d, l.fetch_tlb, l.tlb_index_mask);
    mov(rdx, r15);
    and_(rdx, ~static_cast<int32_t>(kPageSize - 1));
    cmp(rdx, qword[rax + entry + offsetof(cpu::TlbEntry, tag)]);
    jne(slow);
    mov(rdx, qword[rax + entry + offsetof(cpu::TlbEntry, page)]);
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
    mov(qword[r8 + offsetof(JumpCacheEntry, pc)], r15);
    mov(rdx, qword[rbx + l.fetch_epoch]);
    mov(qword[r8 + offsetof(JumpCacheEntry, epoch)], rdx);
    mov(qword[r8 + offsetof(JumpCacheEntry, code)], rax);
    if (fill_site) fill_site_cache();
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

  // The site cache at r9 = the code in rax, valid in the current fetch epoch (in rdx).
  void fill_site_cache() {
    mov(qword[r9 + offsetof(SiteCache, code)], rax);
    mov(qword[r9 + offsetof(SiteCache, epoch)], rdx);
  }

  Label exit_;
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
  l.data_tlb = offset(hart.data_tlb_location());
  l.fetch_tlb = offset(hart.fetch_tlb_location());
  l.tlb_index_mask = offset(hart.tlb_index_mask_location());
  l.fetch_epoch = offset(hart.fetch_epoch_location());
  l.direct_load_limits = offset(hart.direct_load_limits_location());
  l.store_window_start = offset(hart.store_window().start_location());
  l.store_window_limits = offset(hart.store_window().limits_location());
  l.f = offset(hart.s.f.data());
  l.fflags = offset(&hart.s.fflags);
  l.frm = offset(&hart.s.frm);
  l.mstatus = offset(&hart.s.mstatus);
  return l;
}

Translator::Translator(cpu::Hart& hart, CodeBuffer& buffer, const exec::CodeCache& cache)
    : hart_(hart), buffer_(buffer), layout_(HartLayout::of(hart)) {
  static_assert(sizeof(std::atomic<uint32_t>) == 4);
  const Prologue prologue(buffer_.cursor(), buffer_.available(), layout_, cache, jump_cache_);
  entry_ = reinterpret_cast<Entry>(const_cast<uint8_t*>(prologue.getCode()));
  exit_ = prologue.getCode() + prologue.exit_offset;
  lookup_ = prologue.getCode() + prologue.lookup_offset;
  lookup_and_fill_ = prologue.getCode() + prologue.lookup_and_fill_offset;
  buffer_.commit(prologue.getSize());
  buffer_.seal();
  const Cpu cpu;
  has_lzcnt_ = cpu.has(Cpu::tLZCNT);
  has_bmi1_ = cpu.has(Cpu::tBMI1);
  has_popcnt_ = cpu.has(Cpu::tPOPCNT);
  has_fma_ = cpu.has(Cpu::tFMA) && cpu.has(Cpu::tAVX);
}

const void* Translator::translate(const exec::Block& block, exec::CodeCache& cache) {
  Region region = form_region(block, cache, kPool, max_region_blocks_);
  return translate(region, /*formation=*/0);
}

std::optional<const void*> Translator::translate_again(const exec::Block& block,
                                                       exec::CodeCache& cache, uint64_t vpage,
                                                       unsigned formation, size_t blocks) {
  // The jump cache's entries of this fetch epoch for pcs on `vpage`: the epoch changes with the
  // mapping, so each is on the physical page the region is on.
  std::vector<uint64_t> targets;
  const uint64_t epoch = *hart_.fetch_epoch_location();
  const uint64_t page = block.paddr & ~(mem::kPageSize - 1);
  for (const JumpCacheEntry& entry : jump_cache_.entries) {
    if (entry.epoch == epoch && (entry.pc & ~(mem::kPageSize - 1)) == vpage) {
      targets.push_back(page | (entry.pc & (mem::kPageSize - 1)));
    }
  }
  Region region = form_region(block, cache, kPool, max_region_blocks_, targets);
  // Targets that fill the region without leading back to its entry are dropped with the blocks
  // they crowded out: such a region would run less in host registers than the one that asked.
  if (region.blocks.size() <= blocks) return std::nullopt;
  return translate(region, formation);
}

const void* Translator::translate(Region& region, unsigned formation) {
  // Whether an access goes through the TLB first (not the direct path).
  const bool tlb_registers =
      (region.stores && !hart_.direct_stores()) || (region.loads && !hart_.direct_loads());
  if (tlb_registers && region.registers.size() > kPool - kTlbRegisters) {
    region.registers.resize(kPool - kTlbRegisters);  // the least used go
  }
  const RegionLinks links{.exit = exit_,
                          .lookup = lookup_,
                          .lookup_and_fill = lookup_and_fill_,
                          .site_caches_end = buffer_.site_caches()};
  try {
    RegionEmitter emitter(buffer_.cursor(), buffer_.available(), layout_, links, region, has_lzcnt_,
                          has_bmi1_, has_popcnt_, has_fma_);
    // The regime at translation is the one the code will most likely run in (code rarely
    // changes privilege): direct loads and stores would all take their fallback in another.
    if (hart_.direct_loads()) {
      emitter.use_direct_loads(hart_.bus().ram().base(), hart_.direct_addend());
    }
    if (hart_.direct_stores()) emitter.use_direct_stores();
    if (tlb_registers) emitter.keep_tlb_in_registers();
    // Lockstep's single-block regions have no jump targets to gain.
    const bool may_ask_again =
        formation < FormAgainCountdown::kFormations && max_region_blocks_ > 1;
    if (may_ask_again) emitter.watch_jumps_left_on_page(static_cast<uint8_t>(formation + 1));
    emitter.emit();
    // The code may have run into the place of its own site caches (never into older ones).
    const size_t cache_bytes = emitter.site_caches() * sizeof(SiteCache);
    if (CodeBuffer::rounded(emitter.getSize()) + cache_bytes > buffer_.available()) return nullptr;
    buffer_.take_site_caches(cache_bytes);
    auto* caches = reinterpret_cast<SiteCache*>(buffer_.site_caches());
    std::fill_n(caches, emitter.site_caches(), SiteCache{});
    if (const size_t slot = emitter.countdown_slot(); slot != 0) {
      auto* countdown = reinterpret_cast<FormAgainCountdown*>(buffer_.site_caches() + cache_bytes -
                                                              slot * sizeof(SiteCache));
      const uint64_t jumps = formation == 0
                                 ? form_again_after_
                                 : uint64_t{form_again_after_} * FormAgainCountdown::kLater;
      *countdown =
          FormAgainCountdown{.left = static_cast<uint32_t>(std::min<uint64_t>(jumps, UINT32_MAX))};
    }
    const void* code = emitter.getCode();
    last_code_bytes_ = emitter.getSize();
    last_entry_budget_ = region.budget_needed[0];
    buffer_.commit(emitter.getSize());
    region_blocks_ += region.blocks.size();
    return code;
  } catch (const Xbyak::Error& error) {
    if (static_cast<int>(error) == Xbyak::ERR_CODE_IS_TOO_BIG) return nullptr;
    throw;
  }
}

void Translator::redirect(const void* from, const void* to) {
  const auto site = reinterpret_cast<uintptr_t>(from);
  const uint8_t jmp_rel32 = 0xe9;
  std::memcpy(reinterpret_cast<void*>(site), &jmp_rel32, 1);
  patch_chain(site, to);
}

void Translator::patch_chain(uintptr_t site, const void* target) {
  const auto rel =
      static_cast<int32_t>(reinterpret_cast<intptr_t>(target) - static_cast<intptr_t>(site + 5));
  // The code is this hart's own and not running while the dispatcher patches it.
  std::memcpy(reinterpret_cast<void*>(site + 1), &rel, sizeof rel);
}

}  // namespace strata::jit
