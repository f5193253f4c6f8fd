/*
 * Branchy workload: control flow the engine cannot lay out straight, so the figure is dominated
 * by how it handles branches, calls, returns and indirect jumps:
 *   - a bytecode interpreter for a small stack machine (a switch dispatched through a jump
 *     table: one indirect jump per bytecode),
 *   - calls through a table of function pointers chosen by data (indirect calls and returns),
 *   - deep recursion (a naive Fibonacci and a recursive tree walk: call/return chains),
 *   - an unbalanced binary search tree over pseudo-random keys (data-dependent branches).
 * Every repetition starts from a different seed so no part can be hoisted out of the loop.
 */
#include "bench.h"

const char bench_name[] = "branch";

enum {
  kReps = BENCH_REPS(60),
  kProgramOps = 4096,
  kVmSteps = 1 << 17,
  kCalls = 1 << 16,
  kFib = 22,
  kTreeNodes = 1 << 13,
  kLookups = 1 << 15,
};

enum Op { kPush, kAdd, kSub, kMul, kXor, kDup, kSwap, kJumpIfOdd, kPop, kShift, kOpCount };

static uint8_t g_program[kProgramOps];
static uint32_t g_left[kTreeNodes];
static uint32_t g_right[kTreeNodes];
static uint64_t g_key[kTreeNodes];

static void program_init(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kProgramOps; ++i) {
    g_program[i] = (uint8_t)(bench_xorshift64(&rng) % kOpCount);
  }
}

static uint64_t run_vm(uint64_t seed) {
  uint64_t stack[16] = {seed, seed >> 7, 3, 5};
  uint32_t sp = 4;
  uint32_t pc = 0;
  uint64_t acc = 0;
  for (uint32_t step = 0; step < kVmSteps; ++step) {
    const uint8_t op = g_program[pc];
    pc = (pc + 1) % kProgramOps;
    switch (op) {
      case kPush: stack[sp++ & 15] = acc + step; break;
      case kAdd: stack[(sp - 2) & 15] += stack[(sp - 1) & 15], --sp; break;
      case kSub: stack[(sp - 2) & 15] -= stack[(sp - 1) & 15], --sp; break;
      case kMul: stack[(sp - 2) & 15] *= stack[(sp - 1) & 15] | 1, --sp; break;
      case kXor: acc ^= stack[(sp - 1) & 15]; break;
      case kDup: stack[sp & 15] = stack[(sp - 1) & 15], ++sp; break;
      case kSwap: {
        const uint64_t t = stack[(sp - 1) & 15];
        stack[(sp - 1) & 15] = stack[(sp - 2) & 15];
        stack[(sp - 2) & 15] = t;
        break;
      }
      case kJumpIfOdd:
        if ((stack[(sp - 1) & 15] & 1) != 0) pc = (uint32_t)(stack[(sp - 1) & 15] % kProgramOps);
        break;
      case kPop: acc += stack[(sp - 1) & 15], --sp; break;
      default: stack[(sp - 1) & 15] >>= 1; break;
    }
    if (sp < 2 || sp > 14) sp = 4;
  }
  return acc ^ stack[(sp - 1) & 15];
}

static uint64_t f_add(uint64_t a, uint64_t b) { return a + b; }
static uint64_t f_xor(uint64_t a, uint64_t b) { return a ^ (b << 1); }
static uint64_t f_rot(uint64_t a, uint64_t b) { return (a << (b & 31)) | (a >> (64 - (b & 31) - 1)); }
static uint64_t f_mul(uint64_t a, uint64_t b) { return a * (b | 1); }
static uint64_t (*const g_functions[4])(uint64_t, uint64_t) = {f_add, f_xor, f_rot, f_mul};

static uint64_t indirect_calls(uint64_t seed) {
  uint64_t x = seed;
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kCalls; ++i) {
    x = g_functions[bench_xorshift64(&rng) & 3](x, i);
  }
  return x;
}

static uint64_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t g_tree_size;

static void tree_insert(uint64_t key) {
  uint32_t node = 0;
  for (;;) {
    uint32_t* next = key < g_key[node] ? &g_left[node] : &g_right[node];
    if (*next == 0) {
      *next = g_tree_size;
      g_key[g_tree_size] = key;
      g_left[g_tree_size] = g_right[g_tree_size] = 0;
      ++g_tree_size;
      return;
    }
    node = *next;
  }
}

static uint64_t tree_sum(uint32_t node, uint32_t depth) {
  if (node == 0 && depth > 0) return 0;
  return g_key[node] + depth + tree_sum(g_left[node], depth + 1) + tree_sum(g_right[node], depth + 1);
}

static uint64_t tree(uint64_t seed) {
  uint64_t rng = seed | 1;
  g_tree_size = 1;
  g_key[0] = UINT64_C(1) << 63;
  g_left[0] = g_right[0] = 0;
  for (uint32_t i = 1; i < kTreeNodes; ++i) tree_insert(bench_xorshift64(&rng));
  uint64_t found = 0;
  for (uint32_t i = 0; i < kLookups; ++i) {
    const uint64_t key = bench_xorshift64(&rng);
    uint32_t node = 0;
    uint32_t depth = 0;
    while (node != 0 || depth == 0) {
      ++depth;
      if (key < g_key[node]) {
        node = g_left[node];
      } else {
        node = g_right[node];
      }
    }
    found += depth;
  }
  return found + tree_sum(0, 0);
}

uint64_t bench_run(void) {
  uint64_t seed = UINT64_C(0x243f6a8885a308d3);
  BENCH_OPAQUE(seed);
  uint64_t checksum = 0;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    uint64_t s = bench_mix(seed, rep);
    BENCH_OPAQUE(s);
    program_init(s);
    checksum = bench_mix(checksum, run_vm(s));
    checksum = bench_mix(checksum, indirect_calls(s));
    uint32_t n = kFib + (uint32_t)(s & 1);
    BENCH_OPAQUE(n);
    checksum = bench_mix(checksum, fib(n));
    checksum = bench_mix(checksum, tree(s));
  }
  return checksum;
}
