// strata_diff: the randomized differential test of the execution engines. Generates programs from
// a seed, runs each in two engines, and stops at the first difference with a report (shrunk to a
// small failing program). See docs/testing.md.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>

#include "exec/engine.h"
#include "generator.h"
#include "runner.h"

namespace {

// Program i of a run with master seed s gets seed mix(s, i): programs are independent, so any
// one of them can be rerun alone with --program-seed.
uint64_t program_seed(uint64_t master, uint64_t index) {
  uint64_t z = master + (index + 1) * 0x9e37'79b9'7f4a'7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58'476d'1ce4'e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d0'49bb'1331'11ebULL;
  return z ^ (z >> 31);
}

int run(int argc, char** argv) {
  using namespace strata::diff;
  CLI::App app{"Randomized differential test of strata's execution engines"};
  // The translator against the reference where this host has it.
  std::string engines = strata::exec::engine_available(strata::exec::EngineKind::kJit)
                            ? "interp,jit"
                            : "interp,interp";
  std::string seed_text = "1";
  double seconds = 20;
  uint64_t programs = 0;
  uint64_t only_program = 0;
  bool have_program = false;
  bool shrink = true;
  uint64_t max_instructions = 2'000'000;
  unsigned cut_percent = 10;
  GeneratorOptions generator;
  if (const char* env = std::getenv("STRATA_DIFF_SECONDS")) seconds = std::strtod(env, nullptr);
  if (const char* env = std::getenv("STRATA_DIFF_SEED")) seed_text = env;
  app.add_option("--engines", engines, "Two engines to compare, e.g. interp,jit")
      ->capture_default_str();
  app.add_option("--seed", seed_text, "Master seed (a number, or 'random'); env STRATA_DIFF_SEED")
      ->capture_default_str();
  app.add_option("--seconds", seconds, "Run programs for this long; env STRATA_DIFF_SECONDS")
      ->capture_default_str();
  app.add_option("--programs", programs, "Stop after this many programs (0: no limit)");
  app.add_option_function<uint64_t>(
      "--program-seed",
      [&](uint64_t seed) {
        only_program = seed;
        have_program = true;
      },
      "Run only the program with this seed (as printed in a report)");
  app.add_flag("!--no-shrink", shrink, "Report the failing program as generated");
  app.add_option("--max-insns", max_instructions, "Instruction limit per run")
      ->capture_default_str();
  app.add_option("--cut-percent", cut_percent,
                 "Share of runs stopped by a small random instruction limit mid-program")
      ->capture_default_str();
  app.add_option("--max-items", generator.max_body_items, "Largest random body, in items")
      ->capture_default_str();
  app.add_option("--paged-percent", generator.paged_percent,
                 "Share of programs in S/U mode with Sv39")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const size_t comma = engines.find(',');
  if (comma == std::string::npos) {
    fmt::print(stderr, "strata_diff: --engines needs two names separated by a comma\n");
    return 2;
  }
  const std::string name_a = engines.substr(0, comma);
  const std::string name_b = engines.substr(comma + 1);
  EngineFactory factory_a = engine_factory(name_a);
  EngineFactory factory_b = engine_factory(name_b);
  if (!factory_a || !factory_b) {
    fmt::print(stderr, "strata_diff: unknown engine in '{}' (known: {})\n", engines,
               fmt::join(engine_names(), ", "));
    return 2;
  }
  uint64_t master = 0;
  if (seed_text == "random") {
    master = std::random_device{}();
    master = (master << 32) | std::random_device{}();
  } else {
    try {
      master = std::stoull(seed_text, nullptr, 0);
    } catch (const std::exception&) {
      fmt::print(stderr, "strata_diff: bad seed '{}'\n", seed_text);
      return 2;
    }
  }
  if (generator.max_body_items < generator.min_body_items) {
    generator.max_body_items = generator.min_body_items;
  }

  Runner runner(name_a, std::move(factory_a), name_b, std::move(factory_b), max_instructions);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  uint64_t count = 0;
  uint64_t instructions = 0;
  uint64_t traps = 0;
  uint64_t finished = 0;
  uint64_t paged = 0;
  strata::exec::EngineStats totals;
  fmt::print("strata_diff: {} vs {}, master seed {:#x}\n", name_a, name_b, master);
  for (uint64_t i = 0;; ++i) {
    if (have_program && i > 0) break;
    if (!have_program && programs != 0 && i >= programs) break;
    if (!have_program && programs == 0 && std::chrono::steady_clock::now() >= deadline) break;
    const uint64_t seed = have_program ? only_program : program_seed(master, i);
    const Program program = generate(seed, generator);
    // Some runs end at a random instruction limit instead, wherever it falls.
    const uint64_t limit = seed % 100 < cut_percent ? 1 + (seed >> 8) % 4000 : max_instructions;
    const Outcome outcome = runner.check(program, limit);
    if (!outcome.laid_out) {
      fmt::print(stderr, "strata_diff: program seed {:#x} does not lay out: {}\n", seed,
                 outcome.layout_error);
      return 1;
    }
    ++count;
    instructions += outcome.a.instret;
    traps += runner.last_trap_count();
    if (outcome.a.at_sentinel || limit != max_instructions) {
      ++finished;
    } else if (count - finished <= 5) {
      fmt::print(
          "program seed {:#x} did not reach its end ({})\n", seed,
          outcome.a.stop == strata::exec::StopReason::kTimeout ? "timeout" : "instruction limit");
    }
    if (program.initial.paging) ++paged;
    const strata::exec::EngineStats stats = runner.last_stats_b();
    totals.blocks_decoded += stats.blocks_decoded;
    totals.blocks_translated += stats.blocks_translated;
    totals.regions_formed_again += stats.regions_formed_again;
    totals.cache_flushes += stats.cache_flushes;
    totals.chains_patched += stats.chains_patched;
    if (outcome.mismatch()) {
      fmt::print("MISMATCH in program {} (master seed {:#x}, program seed {:#x})\n", i, master,
                 seed);
      fmt::print("rerun: strata_diff --engines {} --program-seed {:#x} --cut-percent {}\n", engines,
                 seed, cut_percent);
      if (limit != max_instructions) fmt::print("(cut at {} instructions)\n", limit);
      fmt::print("{}", runner.report(program, outcome));
      if (shrink) {
        const Program small = runner.shrink(program, limit);
        const Outcome again = runner.check(small, limit);
        fmt::print("=== shrunk to {} items\n{}", small.items.size(), runner.report(small, again));
      }
      return 1;
    }
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      "strata_diff: {} programs agree ({} paged, {} ran to the end or their cut), {} instructions "
      "and {} traps "
      "each, {:.1f} s\n",
      count, paged, finished, instructions, traps, elapsed);
  fmt::print(
      "strata_diff: {} ran {} blocks decoded, {} translated ({} regions formed again), {} chains, "
      "{} cache flushes\n",
      name_b, totals.blocks_decoded, totals.blocks_translated, totals.regions_formed_again,
      totals.chains_patched, totals.cache_flushes);
  if (runner.timeout_reruns() != 0) {
    fmt::print("strata_diff: {} programs passed their deadline once and agreed when run again\n",
               runner.timeout_reruns());
  }
  if (finished != count) {
    fmt::print("strata_diff: {} programs did not reach their end (generator bug)\n",
               count - finished);
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // a sandbox that cannot be set up (guest RAM, the bus)
    fmt::print(stderr, "strata_diff: {}\n", e.what());
    return 2;
  }
}
