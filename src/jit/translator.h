// Translates decoded guest blocks (exec::Block) into x86-64 host code with Xbyak.
//
// Generated code runs with rbx = the Hart, r12 = the JitContext, r13 = the instruction budget.
// Guest registers live in HartState: every instruction reads its operands from memory and writes
// its result back, so helper calls and exits never have registers to flush. pc and instret follow
// the interpreter's conventions exactly (docs/jit.md): during a block s.pc holds the block's
// first pc, and each exit adds the pc delta and the number of retired instructions.
#pragma once

#include <cstdint>

#include "cpu/hart.h"
#include "exec/code_cache.h"
#include "jit/code_buffer.h"

namespace strata::jit {

// State generated code shares with the dispatcher; r12 points at it.
struct JitContext {
  uint64_t budget = 0;     // instructions left before the dispatcher must run (r13 on exit)
  uint64_t exit_page = 0;  // the source block's physical page, for a chainable exit
  exec::CodeCache* cache = nullptr;
  uint64_t lookups = 0;  // indirect jumps resolved in generated code
  uint64_t lookup_hits = 0;
};

// Where the hart's fields are, as byte offsets from the Hart object (measured at run time: Hart
// is not standard layout, and the translator generates code for one hart object anyway).
struct HartLayout {
  int32_t x = 0;
  int32_t pc = 0;
  int32_t instret = 0;
  int32_t exit_request = 0;
  int32_t tlb = 0;
  int32_t data_regime = 0;
  int32_t f = 0;
  int32_t fflags = 0;
  int32_t frm = 0;
  int32_t mstatus = 0;
  static HartLayout of(const cpu::Hart& hart);
};

class Translator final {
 public:
  // Enters host code at `code`; returns 0, or the address of a chainable jump that exited (with
  // JitContext::exit_page set).
  using Entry = uintptr_t (*)(cpu::Hart* hart, const void* code, uint64_t budget,
                              JitContext* context);

  // Writes the entry trampoline and the common exit at the start of `buffer` and seals them.
  Translator(cpu::Hart& hart, CodeBuffer& buffer);

  Entry entry() const { return entry_; }
  // Host code for `block`, or nullptr when the buffer has no room left for it.
  const void* translate(const exec::Block& block);
  // Points the chainable jump at `site` to `target`.
  static void patch_chain(uintptr_t site, const void* target);

 private:
  CodeBuffer& buffer_;
  HartLayout layout_;
  Entry entry_ = nullptr;
  const void* exit_ = nullptr;  // common exit: rax holds the return value
  bool has_lzcnt_ = false;
  bool has_bmi1_ = false;
  bool has_popcnt_ = false;
  bool has_fma_ = false;
};

}  // namespace strata::jit
