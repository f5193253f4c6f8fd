/*
 * Interface shared by the benchmark kernels and their two drivers: the bare-metal RISC-V guest
 * runtime (guest/runtime.c) and the native reference (native/main.c). Each workload is one
 * source file defining bench_name and bench_run(); bench_run() returns a checksum of everything
 * it computed, which must be bit-identical on every engine and on the native build.
 */
#ifndef STRATA_BENCH_H
#define STRATA_BENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

extern const char bench_name[];
uint64_t bench_run(void);

#ifdef __cplusplus
}
#endif

/* Work multiplier: BENCH_QUICK builds (smoke tests) do about 1/16 of the work. */
#ifdef BENCH_QUICK
#define BENCH_REPS(n) (((n) + 15) / 16)
#else
#define BENCH_REPS(n) (n)
#endif

/* Large buffers the kernels initialise themselves: kept out of the guest's zeroed .bss. */
#if defined(__riscv)
#define BENCH_NOINIT __attribute__((section(".noinit")))
#else
#define BENCH_NOINIT
#endif

/* Keeps the compiler from proving a value unused or constant across repetitions. */
#define BENCH_OPAQUE(x) __asm__ volatile("" : "+r"(x))

static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
  h ^= v + UINT64_C(0x9e3779b97f4a7c15) + (h << 6) + (h >> 2);
  h *= UINT64_C(0xff51afd7ed558ccd);
  return h ^ (h >> 32);
}

static inline uint64_t bench_xorshift64(uint64_t* state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;
  return x;
}

#endif
