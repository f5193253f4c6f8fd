// The execution engine interface: what runs a hart's guest code. The interpreter is the reference
// engine; the binary translator (src/jit) and the lockstep checker implement the same interface,
// so the machine, the tests and the command line pick one with make_engine().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cpu/hart.h"

namespace strata::exec {

class CodeCache;

// Why run() returned.
enum class StopReason : uint8_t {
  kStopRequested,     // the machine asked (guest power-off, HTIF exit, a signal)
  kInstructionLimit,  // --max-insns reached
  kTimeout,           // --timeout reached
  kParked,            // the hart stopped itself (SBI HSM hart_stop)
  kDivergence,        // lockstep: the engines disagreed (the report went to the error sink)
};

struct RunLimits {
  uint64_t max_instructions = ~0ULL;
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

enum class EngineKind : uint8_t {
  kInterp,    // the reference interpreter
  kJit,       // the x86-64 binary translator
  kLockstep,  // the translator checked block by block against the interpreter
};

// "interp", "jit" or "lockstep"; nullopt for anything else.
std::optional<EngineKind> parse_engine_kind(std::string_view name);
const char* engine_name(EngineKind kind);
// The engine `strata run` uses without --engine.
EngineKind default_engine_kind();
// Whether this build and host can run `kind` (the translator needs an x86-64 host).
bool engine_available(EngineKind kind);

// The translator's code buffer size when --jit-cache is not given.
inline constexpr uint64_t kDefaultJitCacheBytes = 64ULL << 20;
// The smallest accepted --jit-cache: room for a handful of the largest blocks.
inline constexpr uint64_t kMinJitCacheBytes = 64ULL << 10;
// The largest: generated code reaches the buffer's shared routines (at its start) and its site
// caches (at its end) with 32-bit displacements.
inline constexpr uint64_t kMaxJitCacheBytes = 1ULL << 30;
// How many times the translator lets the interpreter run a block before translating it when
// --jit-hot is not given: most blocks of a boot run only a few times, and translating one costs
// as much as interpreting it hundreds of times.
inline constexpr uint32_t kDefaultJitHot = 64;
// How many of a region's indirect jumps leave it for a block on its own page before the
// translator forms it again with their targets (docs/jit.md, "Jump targets"): a switch's cases
// have run by then. It forms once more after 16 times as many.
inline constexpr uint32_t kDefaultJitFormAgainAfter = 256;

struct EngineOptions {
  uint64_t jit_cache_bytes = kDefaultJitCacheBytes;
  // The translator translates a block on its jit_hot-th run (1: on its first).
  uint32_t jit_hot = kDefaultJitHot;
  uint32_t jit_form_again_after = kDefaultJitFormAgainAfter;  // at least 1
  // A line of trace output per executed instruction goes here when set.
  std::function<void(const std::string&)> trace;
  // Where lockstep writes its divergence report (default: stderr).
  std::function<void(const std::string&)> report;
  // The translator calls this, on the hart's thread, after each region it translates: its host
  // code, the code's size, and the guest physical address of its entry (--perf-map).
  std::function<void(const void* code, size_t bytes, uint64_t paddr)> on_translated;
};

// What an engine counts. Fields an engine does not have stay zero.
struct EngineStats {
  uint64_t blocks_decoded = 0;        // interpreter blocks (the decode cache)
  uint64_t blocks_swept = 0;          // of those, dropped by the decode cache for not running
  uint64_t blocks_held = 0;           // decoded blocks the cache holds now
  uint64_t blocks_translated = 0;     // translator: regions generated (one per entry block)
  uint64_t region_blocks = 0;         // translator: blocks in those regions, entries included
  uint64_t regions_formed_again = 0;  // translator: of those, formed again with jump targets
  uint64_t blocks_interpreted = 0;    // translator: runs of blocks not hot enough to translate
  uint64_t cache_flushes = 0;         // translator: whole code buffer flushes
  uint64_t code_bytes = 0;            // translator: host code bytes currently in use
  uint64_t dispatches = 0;            // translator: entries from the dispatcher into host code
  uint64_t chain_exits = 0;           // translator: block exits that could be chained
  uint64_t chains_patched = 0;        // translator: direct jumps patched to their target block
  uint64_t lookups = 0;               // translator: indirect-jump lookups in generated code
  uint64_t lookup_hits = 0;
  uint64_t slow_paths = 0;          // translator: inline fast paths that called their handler
  uint64_t translate_ns = 0;        // host time spent generating code
  uint64_t lockstep_blocks = 0;     // lockstep: dispatches re-executed by the interpreter
  uint64_t lockstep_unchecked = 0;  // lockstep: of those, not comparable (devices, time CSR)
};

class Engine {
 public:
  Engine() = default;
  virtual ~Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs the hart until a limit, a stop request or an HSM stop.
  virtual StopReason run(const RunLimits& limits) = 0;
  // Serves what other threads asked of this hart: code invalidations and remote fences. Own
  // thread only; also called while this hart waits for another one's remote fence.
  virtual void service_requests() = 0;
  // The decoded-block cache, whose page watches make stores invalidate code (the machine routes
  // watched writes to it and installs the cross-hart write revoker).
  virtual CodeCache& code_cache() = 0;
  virtual EngineStats stats() const = 0;
};

// Builds an engine of `kind` for `hart`. `stop` is shared with whoever may end the run; it is
// checked whenever the hart's exit_request is raised.
std::unique_ptr<Engine> make_engine(EngineKind kind, cpu::Hart& hart, const std::atomic<bool>& stop,
                                    const EngineOptions& options);

}  // namespace strata::exec
