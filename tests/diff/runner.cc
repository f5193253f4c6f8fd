#include "runner.h"

#include <fmt/format.h>

#include <cstring>

namespace strata::diff {
namespace {

const char* stop_name(exec::StopReason reason) {
  switch (reason) {
    case exec::StopReason::kStopRequested: return "stop requested";
    case exec::StopReason::kInstructionLimit: return "instruction limit";
    case exec::StopReason::kTimeout: return "timeout";
    case exec::StopReason::kParked: return "parked";
    case exec::StopReason::kDivergence: return "lockstep divergence";
  }
  return "?";
}

uint64_t read_ram(const Sandbox& sandbox, uint64_t paddr) {
  uint64_t v = 0;
  std::memcpy(&v, sandbox.ram() + (paddr - layout::kRamBase), sizeof v);
  return v;
}

}  // namespace

std::vector<Difference> compare(const FinalState& a, const FinalState& b) {
  std::vector<Difference> out;
  const auto check = [&](std::string what, uint64_t va, uint64_t vb) {
    if (va != vb) out.push_back({std::move(what), va, vb});
  };
  for (unsigned r = 0; r < 32; ++r) check(fmt::format("x{}", r), a.x[r], b.x[r]);
  for (unsigned r = 0; r < 32; ++r) check(fmt::format("f{}", r), a.f[r], b.f[r]);
  check("pc", a.pc, b.pc);
  check("priv", static_cast<uint64_t>(a.priv), static_cast<uint64_t>(b.priv));
  check("fflags", a.fflags, b.fflags);
  check("frm", a.frm, b.frm);
  check("mstatus", a.mstatus, b.mstatus);
  check("mcause", a.mcause, b.mcause);
  check("mepc", a.mepc, b.mepc);
  check("mtval", a.mtval, b.mtval);
  check("mscratch", a.mscratch, b.mscratch);
  check("sscratch", a.sscratch, b.sscratch);
  check("sepc", a.sepc, b.sepc);
  check("scause", a.scause, b.scause);
  check("stval", a.stval, b.stval);
  check("satp", a.satp, b.satp);
  check("cycle-instret", a.cycle_offset, b.cycle_offset);
  check("at sentinel", a.at_sentinel, b.at_sentinel);
  if (!a.at_sentinel || !b.at_sentinel) {
    check("instret", a.instret, b.instret);
    check("stop reason", static_cast<uint64_t>(a.stop), static_cast<uint64_t>(b.stop));
  }
  check("memory hash", a.memory_hash, b.memory_hash);
  return out;
}

std::string format_state(const FinalState& s) {
  std::string out;
  for (unsigned r = 0; r < 32; ++r) {
    out += fmt::format("x{:<2} {:016x}{}", r, s.x[r], r % 4 == 3 ? "\n" : "  ");
  }
  for (unsigned r = 0; r < 32; ++r) {
    out += fmt::format("f{:<2} {:016x}{}", r, s.f[r], r % 4 == 3 ? "\n" : "  ");
  }
  out += fmt::format(
      "pc {:016x} priv {} fflags {:#x} frm {} mstatus {:#x}\n"
      "mcause {:#x} mepc {:#x} mtval {:#x} mscratch {:#x}\n"
      "sscratch {:#x} sepc {:#x} scause {:#x} stval {:#x} satp {:#x}\n"
      "instret {} cycle-instret {:#x} memory hash {:016x} stop: {}{}\n",
      s.pc, static_cast<unsigned>(s.priv), s.fflags, s.frm, s.mstatus, s.mcause, s.mepc, s.mtval,
      s.mscratch, s.sscratch, s.sepc, s.scause, s.stval, s.satp, s.instret, s.cycle_offset,
      s.memory_hash, stop_name(s.stop), s.at_sentinel ? " (at the sentinel)" : "");
  return out;
}

Runner::Runner(std::string name_a, EngineFactory a, std::string name_b, EngineFactory b,
               uint64_t max_instructions)
    : a_(std::move(name_a), std::move(a)),
      b_(std::move(name_b), std::move(b)),
      max_instructions_(max_instructions) {}

Outcome Runner::check(const Program& program, uint64_t max_instructions) {
  if (max_instructions == 0) max_instructions = max_instructions_;
  Outcome outcome;
  Image image;
  outcome.laid_out = lay_out(program, image, outcome.layout_error);
  if (!outcome.laid_out) return outcome;
  // Each run has a wall-clock deadline (Sandbox::run), which a host that stalls the process (load,
  // a debugger, SIGSTOP) can pass in the middle of a program: such a mismatch is run once more. A
  // second timeout, or a mismatch without one, is the engines'.
  for (int attempt = 0; attempt < 2; ++attempt) {
    outcome.a = a_.run(program, image, max_instructions);
    outcome.b = b_.run(program, image, max_instructions);
    outcome.differences = compare(outcome.a, outcome.b);
    const bool timed_out = outcome.a.stop == exec::StopReason::kTimeout ||
                           outcome.b.stop == exec::StopReason::kTimeout;
    if (!outcome.mismatch() || !timed_out || attempt == 1) break;
    ++timeout_reruns_;
  }
  return outcome;
}

Program Runner::shrink(const Program& program, uint64_t max_instructions) {
  const auto fails = [&](const Program& p) {
    const Outcome o = check(p, max_instructions);
    return o.laid_out && o.mismatch();
  };
  const size_t body = program.end_item - program.body_begin;
  Program best = program;
  for (size_t count = 0; count < body; ++count) {
    Program candidate = truncated(program, count);
    if (fails(candidate)) {
      best = std::move(candidate);
      break;
    }
  }
  // Then drop single items, last first, while it still fails.
  std::vector<size_t> dropped;
  for (size_t i = best.end_item; i-- > best.body_begin;) {
    if (!best.items[i].removable) continue;
    dropped.push_back(i);
    if (!fails(truncated(best, best.end_item - best.body_begin, dropped))) dropped.pop_back();
  }
  return truncated(best, best.end_item - best.body_begin, dropped);
}

std::string Runner::report(const Program& program, const Outcome& outcome) {
  Image image;
  std::string error;
  if (!lay_out(program, image, error)) return "layout failed: " + error + "\n";
  std::string out = fmt::format(
      "program seed {:#x}: {} vs {}, mode {}{}\n", program.seed, a_.engine_name(), b_.engine_name(),
      static_cast<unsigned>(program.initial.priv), program.initial.paging ? " with Sv39" : "");
  out += disassemble(program, image);
  out += fmt::format("--- differences ({} = {}, {} = {})\n", "a", a_.engine_name(), "b",
                     b_.engine_name());
  for (const Difference& d : outcome.differences) {
    out += fmt::format("  {:<14} a {:016x}  b {:016x}\n", d.what, d.a, d.b);
  }
  unsigned shown = 0;
  for (const auto& [begin, end] : layout::kHashedRanges) {
    for (uint64_t paddr = begin; paddr < end && shown < 16; paddr += 8) {
      const uint64_t va = read_ram(a_, paddr);
      const uint64_t vb = read_ram(b_, paddr);
      if (va != vb) {
        out += fmt::format("  mem {:08x}   a {:016x}  b {:016x}\n", paddr, va, vb);
        ++shown;
      }
    }
  }
  for (size_t off = 0; off < layout::kDeviceSize && shown < 16; ++off) {
    if (a_.device_bytes()[off] != b_.device_bytes()[off]) {
      out += fmt::format("  device +{:#x}  a {:02x}  b {:02x}\n", off, a_.device_bytes()[off],
                         b_.device_bytes()[off]);
      ++shown;
    }
  }
  out += fmt::format("--- final state of a ({})\n{}", a_.engine_name(), format_state(outcome.a));
  out += fmt::format("--- final state of b ({})\n{}", b_.engine_name(), format_state(outcome.b));
  return out;
}

uint64_t Runner::last_trap_count() const {
  return read_ram(a_, layout::kTrapArea + layout::kTrapCount);
}

uint64_t Runner::last_end_instret() const {
  return read_ram(a_, layout::kTrapArea + layout::kEndInstret);
}

}  // namespace strata::diff
