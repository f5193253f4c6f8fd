/*
 * Memory workload: loads and stores over buffers far larger than any cache, so the figure is
 * dominated by the engine's memory access path (address translation, bounds checks, TLB):
 *   - pointer chasing through a random single-cycle permutation of 1 Mi 8-byte links (8 MiB),
 *   - memcpy/memset-like streams over two 4 MiB buffers (64-bit words and single bytes),
 *   - a strided walk (one word per 4 KiB page) across the streams,
 *   - random read-modify-write updates (GUPS-style) to a 32 MiB table.
 * The buffers total 48 MiB; the kernels initialise them, so they live outside the zeroed .bss.
 */
#include "bench.h"

const char bench_name[] = "mem";

enum {
  kReps = BENCH_REPS(16),
  kChaseNodes = 1 << 20,
  kChaseSteps = 1 << 18,
  kStreamWords = 1 << 19,
  kTableWords = 1 << 22,
  kTableUpdates = 1 << 18,
  kPageWords = 4096 / 8,
};

static uint64_t g_chase[kChaseNodes] BENCH_NOINIT;
static uint64_t g_src[kStreamWords] BENCH_NOINIT;
static uint64_t g_dst[kStreamWords] BENCH_NOINIT;
static uint64_t g_table[kTableWords] BENCH_NOINIT;

static void chase_init(uint64_t seed) {
  /* Sattolo's algorithm: a uniformly random permutation that is a single cycle. */
  uint64_t rng = seed | 1;
  for (uint64_t i = 0; i < kChaseNodes; ++i) {
    g_chase[i] = i;
  }
  for (uint64_t i = kChaseNodes - 1; i > 0; --i) {
    const uint64_t j = bench_xorshift64(&rng) % i;
    const uint64_t t = g_chase[i];
    g_chase[i] = g_chase[j];
    g_chase[j] = t;
  }
}

static uint64_t chase(uint64_t start) {
  uint64_t p = start & (kChaseNodes - 1);
  uint64_t sum = 0;
  for (uint32_t i = 0; i < kChaseSteps; ++i) {
    p = g_chase[p];
    sum += p;
  }
  return bench_mix(p, sum);
}

static uint64_t streams(uint64_t seed) {
  /* memset-like fill of the source with a seeded pattern. */
  uint64_t v = seed;
  for (uint32_t i = 0; i < kStreamWords; ++i) {
    g_src[i] = v;
    v += UINT64_C(0x9e3779b97f4a7c15);
  }
  /* memcpy-like word copy. */
  for (uint32_t i = 0; i < kStreamWords; ++i) {
    g_dst[i] = g_src[i];
  }
  /* Read-modify-write stream (a triad). */
  for (uint32_t i = 0; i < kStreamWords; ++i) {
    g_src[i] = g_dst[i] + 3 * g_src[(i + 1) & (kStreamWords - 1)];
  }
  /* Byte-wise copy and byte-wise fill of a 1 MiB window. */
  unsigned char* db = (unsigned char*)g_dst;
  const unsigned char* sb = (const unsigned char*)g_src;
  const uint32_t window = 1 << 20;
  const uint32_t offset = (uint32_t)(seed & 0xffff);
  for (uint32_t i = 0; i < window; ++i) {
    db[offset + i] = sb[i];
  }
  for (uint32_t i = 0; i < window / 2; ++i) {
    db[window + offset + i] = (unsigned char)(i ^ (uint32_t)seed);
  }
  /* Strided walk: one word per page, many passes at shifting offsets. */
  uint64_t stride_sum = 0;
  for (uint32_t pass = 0; pass < 64; ++pass) {
    for (uint32_t i = pass; i < kStreamWords; i += kPageWords) {
      stride_sum += g_dst[i] ^ g_src[i];
      g_src[i] = stride_sum;
    }
  }
  /* Reduce everything. */
  uint64_t h = stride_sum;
  for (uint32_t i = 0; i < kStreamWords; i += 4) {
    h += g_dst[i] ^ (g_src[i + 1] >> 3) ^ (g_dst[i + 2] << 1) ^ g_src[i + 3];
  }
  return h;
}

static void table_init(uint64_t seed) {
  for (uint32_t i = 0; i < kTableWords; ++i) {
    g_table[i] = i ^ seed;
  }
}

static uint64_t table_updates(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kTableUpdates; ++i) {
    const uint64_t r = bench_xorshift64(&rng);
    const uint64_t idx = r & (kTableWords - 1);
    g_table[idx] = (g_table[idx] ^ r) + i;
  }
  /* Random reads, dependent on the values read. */
  uint64_t idx = seed & (kTableWords - 1);
  uint64_t sum = 0;
  for (uint32_t i = 0; i < kTableUpdates / 2; ++i) {
    const uint64_t v = g_table[idx];
    sum += v;
    idx = (v * UINT64_C(0x9e3779b97f4a7c15) + i) >> (64 - 22);
  }
  return sum;
}

uint64_t bench_run(void) {
  uint64_t seed = UINT64_C(0x13198a2e03707344);
  BENCH_OPAQUE(seed);
  chase_init(seed);
  table_init(seed);
  uint64_t checksum = 0;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    uint64_t s = bench_mix(seed, rep);
    BENCH_OPAQUE(s);
    checksum = bench_mix(checksum, chase(s));
    checksum = bench_mix(checksum, streams(s));
    checksum = bench_mix(checksum, table_updates(s));
  }
  uint64_t h = 0;
  for (uint32_t i = 0; i < kTableWords; i += 64) {
    h += g_table[i];
  }
  return bench_mix(checksum, h);
}
