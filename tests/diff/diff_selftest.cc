// The differential test's own tests: its encoders agree with the decoder, generated programs
// terminate and agree between two interpreters, and the runner notices (and shrinks) a
// difference an engine introduces.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstring>

#include "encoder.h"
#include "exec/interpreter.h"
#include "generator.h"
#include "isa/decoder.h"
#include "isa/disassembler.h"
#include "runner.h"

namespace strata::diff {
namespace {

TEST(DiffEncoder, CompressedAndBranchImmediatesRoundTrip) {
  for (int32_t off = -256; off < 256; off += 2) {
    const isa::Decoded d = isa::decode(enc::c_branch(true, 9, off));
    EXPECT_EQ(d.imm, off);
    EXPECT_EQ(d.rs1, 9);
  }
  for (int32_t off = -2048; off < 2048; off += 2) {
    EXPECT_EQ(isa::decode(enc::c_j(off)).imm, off);
  }
  for (int32_t off = -4096; off < 4096; off += 2) {
    EXPECT_EQ(isa::decode(enc::b_type(1, 5, 6, off)).imm, off);
  }
  for (int32_t off = -(1 << 20); off < (1 << 20); off += 2046) {
    EXPECT_EQ(isa::decode(enc::jal(1, off)).imm, off);
  }
  for (unsigned off = 0; off < 128; off += 4) {
    EXPECT_EQ(isa::decode(enc::c_mem_w(2, 10, 8, off)).imm, off);
    EXPECT_EQ(isa::decode(enc::c_lwsp(5, off * 2)).imm, off * 2);
    EXPECT_EQ(isa::decode(enc::c_swsp(5, off * 2)).imm, off * 2);
  }
  for (unsigned off = 0; off < 256; off += 8) {
    EXPECT_EQ(isa::decode(enc::c_mem_d(3, 10, 8, off)).imm, off);
    EXPECT_EQ(isa::decode(enc::c_ldsp(3, 5, off * 2)).imm, off * 2);
    EXPECT_EQ(isa::decode(enc::c_sdsp(7, 5, off * 2)).imm, off * 2);
  }
  for (unsigned imm = 4; imm < 1024; imm += 4) {
    EXPECT_EQ(isa::decode(enc::c_addi4spn(11, imm)).imm, imm);
  }
  for (unsigned shamt = 1; shamt < 64; ++shamt) {
    EXPECT_EQ(isa::decode(enc::c_shift_right(true, 12, shamt)).imm, shamt);
    EXPECT_EQ(isa::decode(enc::c_slli(12, shamt)).imm, shamt);
  }
}

TEST(DiffGenerator, ProgramsTerminateAndTwoInterpretersAgree) {
  Runner runner("interp", engine_factory("interp"), "interp", engine_factory("interp"));
  unsigned paged = 0;
  uint64_t traps = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const Program program = generate(seed);
    const Outcome outcome = runner.check(program);
    ASSERT_TRUE(outcome.laid_out) << outcome.layout_error;
    EXPECT_TRUE(outcome.a.at_sentinel) << "seed " << seed << "\n"
                                       << runner.report(program, outcome);
    EXPECT_FALSE(outcome.mismatch()) << runner.report(program, outcome);
    EXPECT_GT(runner.last_end_instret(), 0U);
    traps += runner.last_trap_count();
    if (program.initial.paging) ++paged;
  }
  EXPECT_GT(paged, 5U);
  EXPECT_GT(traps, 60U);  // traps in the middle of blocks are the common case
}

TEST(DiffGenerator, ProgramsCoverEveryInstructionButWfi) {
  std::vector<bool> seen(static_cast<size_t>(isa::Op::kCount), false);
  bool compressed = false;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const Program program = generate(seed);
    Image image;
    std::string error;
    ASSERT_TRUE(lay_out(program, image, error)) << error;
    for (size_t off = 0; off < image.bytes.size();) {
      uint32_t raw = 0;
      std::memcpy(&raw, &image.bytes[off], std::min<size_t>(4, image.bytes.size() - off));
      const isa::Decoded d = isa::decode(raw);
      seen[static_cast<size_t>(d.op)] = true;
      compressed |= d.length == 2;
      off += d.length;
    }
  }
  EXPECT_TRUE(compressed);
  for (size_t op = 0; op < seen.size(); ++op) {
    if (static_cast<isa::Op>(op) == isa::Op::kWfi) continue;  // would idle until the deadline
    EXPECT_TRUE(seen[op]) << isa::mnemonic(static_cast<isa::Op>(op));
  }
}

TEST(DiffGenerator, SameSeedSameProgram) {
  const Program a = generate(42);
  const Program b = generate(42);
  Image ia;
  Image ib;
  std::string error;
  ASSERT_TRUE(lay_out(a, ia, error));
  ASSERT_TRUE(lay_out(b, ib, error));
  EXPECT_EQ(ia.bytes, ib.bytes);
  EXPECT_EQ(a.initial.x, b.initial.x);
  EXPECT_NE(generate(43).initial.x, a.initial.x);
}

TEST(DiffCompare, EveryPerturbedFieldIsReported) {
  FinalState base;
  base.at_sentinel = true;
  const auto only = [&](const FinalState& changed, const std::string& what) {
    const std::vector<Difference> d = compare(base, changed);
    ASSERT_EQ(d.size(), 1U) << what;
    EXPECT_EQ(d[0].what, what);
  };
  for (unsigned r = 1; r < 32; ++r) {
    FinalState s = base;
    s.x[r] ^= 1;
    only(s, fmt::format("x{}", r));
    s = base;
    s.f[r] ^= 1ULL << 63;
    only(s, fmt::format("f{}", r));
  }
  FinalState s = base;
  s.pc += 2;
  only(s, "pc");
  s = base;
  s.fflags = 1;
  only(s, "fflags");
  s = base;
  s.frm = 3;
  only(s, "frm");
  s = base;
  s.mstatus ^= 1ULL << 13;
  only(s, "mstatus");
  s = base;
  s.mtval = 8;
  only(s, "mtval");
  s = base;
  s.memory_hash = 1;
  only(s, "memory hash");
  s = base;
  s.cycle_offset = 1;
  only(s, "cycle-instret");
  // instret counts spins at the sentinel: only compared when a run stopped elsewhere.
  s = base;
  s.instret = 5;
  EXPECT_TRUE(compare(base, s).empty());
  FinalState cut = base;
  cut.at_sentinel = false;
  s = cut;
  s.instret = 5;
  const std::vector<Difference> d = compare(cut, s);
  ASSERT_EQ(d.size(), 1U);
  EXPECT_EQ(d[0].what, "instret");
}

// An engine that is the interpreter except that, once the program has taken two traps, the final
// a0 is off by one: the runner must see it, and shrinking must keep it failing while making
// the program smaller.
class FaultyEngine final : public exec::Engine {
 public:
  FaultyEngine(cpu::Hart& hart, const std::atomic<bool>& stop)
      : hart_(hart), interpreter_(hart, stop) {}
  exec::CodeCache& code_cache() override { return interpreter_.code_cache(); }
  void service_requests() override { interpreter_.service_requests(); }
  exec::EngineStats stats() const override { return interpreter_.stats(); }
  exec::StopReason run(const exec::RunLimits& limits) override {
    const exec::StopReason reason = interpreter_.run(limits);
    uint64_t traps = 0;
    std::memcpy(&traps, hart_.bus().ram().host(layout::kTrapArea + layout::kTrapCount),
                sizeof traps);
    if (traps >= 2) hart_.s.x[10] += 1;
    return reason;
  }

 private:
  cpu::Hart& hart_;
  exec::Interpreter interpreter_;
};

TEST(DiffRunner, DetectsReportsAndShrinksADifference) {
  Runner runner(
      "interp", engine_factory("interp"), "faulty",
      [](cpu::Hart& hart, const std::atomic<bool>& stop) -> std::unique_ptr<exec::Engine> {
        return std::make_unique<FaultyEngine>(hart, stop);
      });
  std::optional<Program> failing;
  for (uint64_t seed = 1; seed < 50 && !failing; ++seed) {
    Program p = generate(seed);
    if (runner.check(p).mismatch()) failing = std::move(p);
  }
  ASSERT_TRUE(failing.has_value());
  const Outcome outcome = runner.check(*failing);
  ASSERT_EQ(outcome.differences.size(), 1U);
  EXPECT_EQ(outcome.differences[0].what, "x10");
  EXPECT_EQ(outcome.differences[0].b, outcome.differences[0].a + 1);
  const std::string report = runner.report(*failing, outcome);
  EXPECT_NE(report.find("program seed"), std::string::npos);
  EXPECT_NE(report.find("x10"), std::string::npos);
  EXPECT_NE(report.find("# end code"), std::string::npos);

  const Program small = runner.shrink(*failing);
  EXPECT_TRUE(runner.check(small).mismatch());
  const size_t before = failing->end_item - failing->body_begin;
  const size_t after = small.end_item - small.body_begin;
  EXPECT_LT(after, before);
  EXPECT_LE(after, 12U) << runner.report(small, runner.check(small));
  EXPECT_FALSE(runner.check(truncated(small, 0)).mismatch());
}

// An engine that is the interpreter, except that its first `stalls` runs stop at once with a
// timeout, as a run does when the host stalls the process past its deadline.
class StallingEngine final : public exec::Engine {
 public:
  StallingEngine(cpu::Hart& hart, const std::atomic<bool>& stop, int& stalls)
      : interpreter_(hart, stop), stalls_(stalls) {}
  exec::CodeCache& code_cache() override { return interpreter_.code_cache(); }
  void service_requests() override { interpreter_.service_requests(); }
  exec::EngineStats stats() const override { return interpreter_.stats(); }
  exec::StopReason run(const exec::RunLimits& limits) override {
    if (stalls_ > 0) {
      --stalls_;
      return exec::StopReason::kTimeout;
    }
    return interpreter_.run(limits);
  }

 private:
  exec::Interpreter interpreter_;
  int& stalls_;
};

TEST(DiffRunner, RunsAProgramAgainWhenARunPassedItsDeadline) {
  int stalls = 1;
  Runner runner(
      "interp", engine_factory("interp"), "stalling",
      [&stalls](cpu::Hart& hart, const std::atomic<bool>& stop) -> std::unique_ptr<exec::Engine> {
        return std::make_unique<StallingEngine>(hart, stop, stalls);
      });
  const Program program = generate(1);
  EXPECT_FALSE(runner.check(program).mismatch());
  EXPECT_EQ(runner.timeout_reruns(), 1U);

  // A timeout that comes back is reported: an engine that hangs is wrong.
  stalls = 2;
  const Outcome outcome = runner.check(program);
  ASSERT_TRUE(outcome.mismatch());
  EXPECT_EQ(outcome.b.stop, exec::StopReason::kTimeout);
  EXPECT_EQ(runner.timeout_reruns(), 2U);
}

}  // namespace
}  // namespace strata::diff
