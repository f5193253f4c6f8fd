/*
 * Integer workload: a mix of classic CPU-bound kernels, each small enough to stay in cache so
 * the figure is dominated by instruction execution, not memory:
 *   - sieve of Eratosthenes (byte array, tight store loops),
 *   - heapsort of pseudo-random 32-bit keys (branchy, data-dependent loads),
 *   - table-driven CRC-32 and bitwise CRC-32C (shifts, table lookups),
 *   - an open-addressing hash table with inserts and lookups (multiply hashing, probing),
 *   - a character-class state machine that tokenises generated text (switch dispatch),
 *   - a 32-bit integer matrix multiply (mul/add chains),
 *   - linked-list build, reversal and search through index links (pointer chasing in cache),
 *   - 64-bit division and remainder (gcd-style loops).
 * Every repetition starts from a different seed so no part can be hoisted out of the loop.
 */
#include "bench.h"

const char bench_name[] = "int";

/*
 * INT_PART=k (bench/int-parts.sh) runs only the k-th kernel of bench_run, in order from 0, five
 * times as often so that the short ones outlast the timing noise; INT_PART=-1 runs none (the
 * emulators' start-up). Without it every kernel runs, and the code is the same as before.
 */
#ifdef INT_PART
#define INT_RUNS(k) ((k) == INT_PART)
#define INT_REPS_FACTOR 5
#else
#define INT_RUNS(k) 1
#define INT_REPS_FACTOR 1
#endif

enum {
  kReps = INT_REPS_FACTOR * BENCH_REPS(400),
  kSieveLimit = 1 << 18,
  kSortCount = 1 << 13,
  kCrcBytes = 1 << 14,
  kHashBits = 13,
  kHashSlots = 1 << kHashBits,
  kHashInserts = (kHashSlots * 3) / 4,
  kTextBytes = 1 << 14,
  kMatN = 40,
  kListNodes = 1 << 12,
  kDivIters = 1 << 13,
};

static uint8_t g_sieve[kSieveLimit];
static uint32_t g_keys[kSortCount];
static uint8_t g_bytes[kCrcBytes > kTextBytes ? kCrcBytes : kTextBytes];
static uint32_t g_crc_table[256];
static uint64_t g_hash_keys[kHashSlots];
static uint32_t g_hash_vals[kHashSlots];
static uint32_t g_mat_a[kMatN][kMatN];
static uint32_t g_mat_b[kMatN][kMatN];
static uint32_t g_mat_c[kMatN][kMatN];
static uint32_t g_list_next[kListNodes];
static uint32_t g_list_val[kListNodes];

static uint64_t sieve(uint64_t seed) {
  /* The limit varies a little per repetition. */
  const uint32_t limit = kSieveLimit - (uint32_t)(seed & 1023);
  for (uint32_t i = 0; i < limit; ++i) {
    g_sieve[i] = 1;
  }
  g_sieve[0] = 0;
  g_sieve[1] = 0;
  for (uint32_t i = 2; i * i < limit; ++i) {
    if (g_sieve[i] != 0) {
      for (uint32_t j = i * i; j < limit; j += i) {
        g_sieve[j] = 0;
      }
    }
  }
  uint64_t count = 0;
  uint64_t sum = 0;
  for (uint32_t i = 0; i < limit; ++i) {
    if (g_sieve[i] != 0) {
      ++count;
      sum += i;
    }
  }
  return bench_mix(count, sum);
}

static void sift_down(uint32_t* a, uint32_t start, uint32_t end) {
  uint32_t root = start;
  for (;;) {
    uint32_t child = 2 * root + 1;
    if (child >= end) {
      return;
    }
    if (child + 1 < end && a[child] < a[child + 1]) {
      ++child;
    }
    if (a[root] >= a[child]) {
      return;
    }
    const uint32_t t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

static uint64_t heapsort_keys(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kSortCount; ++i) {
    g_keys[i] = (uint32_t)(bench_xorshift64(&rng) >> 16);
  }
  for (uint32_t i = kSortCount / 2; i-- > 0;) {
    sift_down(g_keys, i, kSortCount);
  }
  for (uint32_t end = kSortCount - 1; end > 0; --end) {
    const uint32_t t = g_keys[0];
    g_keys[0] = g_keys[end];
    g_keys[end] = t;
    sift_down(g_keys, 0, end);
  }
  uint64_t h = 0;
  uint32_t unsorted = 0;
  for (uint32_t i = 0; i < kSortCount; ++i) {
    if (i > 0 && g_keys[i - 1] > g_keys[i]) {
      ++unsorted;
    }
    if ((i & 255) == 0) {
      h = bench_mix(h, g_keys[i]);
    }
  }
  return bench_mix(h, unsorted);
}

static void crc_init(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) {
      c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    g_crc_table[i] = c;
  }
}

static uint64_t crc_kernel(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kCrcBytes; i += 8) {
    const uint64_t r = bench_xorshift64(&rng);
    for (uint32_t k = 0; k < 8; ++k) {
      g_bytes[i + k] = (uint8_t)(r >> (8 * k));
    }
  }
  /* CRC-32 (IEEE), table-driven, over the whole buffer. */
  uint32_t crc = 0xffffffffu;
  for (uint32_t i = 0; i < kCrcBytes; ++i) {
    crc = g_crc_table[(crc ^ g_bytes[i]) & 0xff] ^ (crc >> 8);
  }
  crc = ~crc;
  /* CRC-32C (Castagnoli), bit at a time, over the first quarter. */
  uint32_t crcc = 0xffffffffu;
  for (uint32_t i = 0; i < kCrcBytes / 4; ++i) {
    crcc ^= g_bytes[i];
    for (int k = 0; k < 8; ++k) {
      crcc = (crcc >> 1) ^ (0x82f63b78u & (0u - (crcc & 1)));
    }
  }
  return bench_mix(crc, ~crcc);
}

static uint32_t hash_slot(uint64_t key) {
  return (uint32_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - kHashBits));
}

static uint64_t hash_kernel(uint64_t seed) {
  for (uint32_t i = 0; i < kHashSlots; ++i) {
    g_hash_keys[i] = 0;
  }
  uint64_t rng = seed | 1;
  uint64_t probes = 0;
  for (uint32_t i = 0; i < kHashInserts; ++i) {
    const uint64_t key = (bench_xorshift64(&rng) % 100000u) + 1;
    uint32_t s = hash_slot(key);
    while (g_hash_keys[s] != 0 && g_hash_keys[s] != key) {
      s = (s + 1) & (kHashSlots - 1);
      ++probes;
    }
    if (g_hash_keys[s] == key) {
      g_hash_vals[s] += 1;
    } else {
      g_hash_keys[s] = key;
      g_hash_vals[s] = i;
    }
  }
  uint64_t found = 0;
  uint64_t acc = 0;
  for (uint32_t i = 0; i < 2 * kHashInserts; ++i) {
    const uint64_t key = (bench_xorshift64(&rng) % 100000u) + 1;
    uint32_t s = hash_slot(key);
    while (g_hash_keys[s] != 0) {
      if (g_hash_keys[s] == key) {
        ++found;
        acc += g_hash_vals[s];
        break;
      }
      s = (s + 1) & (kHashSlots - 1);
      ++probes;
    }
  }
  return bench_mix(bench_mix(found, acc), probes);
}

enum Token { kTokInt, kTokHex, kTokFloat, kTokIdent, kTokPunct, kTokBad, kTokCount };
enum State { kStStart, kStZero, kStInt, kStHexPrefix, kStHex, kStFrac, kStIdent, kStBad };

static uint64_t text_kernel(uint64_t seed) {
  static const char alphabet[] = "0123456789abcdefxyz_.+-*/ ,;xX0.1e9 \n";
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kTextBytes; ++i) {
    g_bytes[i] = (uint8_t)alphabet[(bench_xorshift64(&rng) >> 20) % (sizeof alphabet - 1)];
  }
  uint32_t counts[kTokCount] = {0};
  uint64_t value_sum = 0;
  uint64_t value = 0;
  enum State st = kStStart;
  for (uint32_t i = 0; i <= kTextBytes; ++i) {
    const int c = i < kTextBytes ? g_bytes[i] : ' ';
    const int digit = c >= '0' && c <= '9';
    const int hexalpha = c >= 'a' && c <= 'f';
    const int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const int sep = c == ' ' || c == '\n' || c == ',' || c == ';';
    switch (st) {
      case kStStart:
        if (c == '0') {
          st = kStZero;
          value = 0;
        } else if (digit) {
          st = kStInt;
          value = (uint64_t)(c - '0');
        } else if (alpha) {
          st = kStIdent;
          value = (uint64_t)c;
        } else if (c == '.') {
          st = kStFrac;
        } else if (!sep) {
          ++counts[kTokPunct];
        }
        break;
      case kStZero:
        if (c == 'x' || c == 'X') {
          st = kStHexPrefix;
        } else if (digit) {
          st = kStInt;
          value = (uint64_t)(c - '0');
        } else if (c == '.') {
          st = kStFrac;
        } else if (sep) {
          ++counts[kTokInt];
          st = kStStart;
        } else {
          st = kStBad;
        }
        break;
      case kStInt:
        if (digit) {
          value = value * 10 + (uint64_t)(c - '0');
        } else if (c == '.') {
          st = kStFrac;
        } else if (sep) {
          ++counts[kTokInt];
          value_sum += value;
          st = kStStart;
        } else {
          st = kStBad;
        }
        break;
      case kStHexPrefix:
      case kStHex:
        if (digit || hexalpha) {
          value = (value << 4) | (uint64_t)(digit ? c - '0' : c - 'a' + 10);
          st = kStHex;
        } else if (sep && st == kStHex) {
          ++counts[kTokHex];
          value_sum ^= value;
          st = kStStart;
        } else {
          st = kStBad;
        }
        break;
      case kStFrac:
        if (digit || c == 'e') {
          value += (uint64_t)c;
        } else if (sep) {
          ++counts[kTokFloat];
          st = kStStart;
        } else {
          st = kStBad;
        }
        break;
      case kStIdent:
        if (alpha || digit) {
          value = value * 31 + (uint64_t)c;
        } else if (sep) {
          ++counts[kTokIdent];
          value_sum += value & 0xffff;
          st = kStStart;
        } else {
          st = kStBad;
        }
        break;
      case kStBad:
        if (sep) {
          ++counts[kTokBad];
          st = kStStart;
        }
        break;
    }
  }
  uint64_t h = value_sum;
  for (int t = 0; t < kTokCount; ++t) {
    h = bench_mix(h, counts[t]);
  }
  return h;
}

static uint64_t matrix_kernel(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kMatN; ++i) {
    for (uint32_t j = 0; j < kMatN; ++j) {
      const uint64_t r = bench_xorshift64(&rng);
      g_mat_a[i][j] = (uint32_t)r;
      g_mat_b[i][j] = (uint32_t)(r >> 32);
    }
  }
  for (uint32_t i = 0; i < kMatN; ++i) {
    for (uint32_t j = 0; j < kMatN; ++j) {
      uint32_t sum = 0;
      for (uint32_t k = 0; k < kMatN; ++k) {
        sum += g_mat_a[i][k] * g_mat_b[k][j];
      }
      g_mat_c[i][j] = sum;
    }
  }
  uint64_t h = 0;
  for (uint32_t i = 0; i < kMatN; ++i) {
    uint64_t row = 0;
    for (uint32_t j = 0; j < kMatN; ++j) {
      row = row * 3 + g_mat_c[i][j];
    }
    h = bench_mix(h, row);
  }
  return h;
}

static uint64_t list_kernel(uint64_t seed) {
  /* Build a list threaded through the nodes in a pseudo-random order. */
  uint64_t rng = seed | 1;
  for (uint32_t i = 0; i < kListNodes; ++i) {
    g_list_next[i] = i;
    g_list_val[i] = (uint32_t)bench_xorshift64(&rng) & 0xffff;
  }
  for (uint32_t i = kListNodes - 1; i > 0; --i) {
    const uint32_t j = (uint32_t)(bench_xorshift64(&rng) % i);
    const uint32_t t = g_list_next[i];
    g_list_next[i] = g_list_next[j];
    g_list_next[j] = t;
  }
  /* g_list_next is now a single cycle (Sattolo); cut it into a list starting at node 0. */
  uint32_t last = 0;
  while (g_list_next[last] != 0) {
    last = g_list_next[last];
  }
  const uint32_t kNil = 0xffffffffu;
  g_list_next[last] = kNil;

  /* Reverse it. */
  uint32_t prev = kNil;
  uint32_t cur = 0;
  while (cur != kNil) {
    const uint32_t next = g_list_next[cur];
    g_list_next[cur] = prev;
    prev = cur;
    cur = next;
  }
  const uint32_t head = prev;

  /* Several searches for values, plus a running sum weighted by position. */
  uint64_t h = head;
  for (uint32_t q = 0; q < 8; ++q) {
    const uint32_t want = (uint32_t)bench_xorshift64(&rng) & 0xffff;
    uint32_t pos = 0;
    uint32_t n = head;
    uint64_t weighted = 0;
    while (n != kNil && g_list_val[n] != want) {
      weighted += (uint64_t)g_list_val[n] * (pos & 7);
      ++pos;
      n = g_list_next[n];
    }
    h = bench_mix(h, bench_mix(pos, weighted));
  }
  return h;
}

static uint64_t div_kernel(uint64_t seed) {
  uint64_t rng = seed | 1;
  uint64_t acc = 0;
  for (uint32_t i = 0; i < kDivIters; ++i) {
    uint64_t a = bench_xorshift64(&rng) >> 8;
    uint64_t b = (bench_xorshift64(&rng) >> 40) + 1;
    acc += a / b;
    acc ^= a % b;
    const int64_t sa = (int64_t)(a ^ (acc << 60));
    const int64_t sb = ((int64_t)(b | 1) + 1) * ((i & 1) != 0 ? -1 : 1); /* |sb| >= 2 */
    acc += (uint64_t)(sa / sb) + (uint64_t)(sa % sb);
    const uint32_t wa = (uint32_t)a;
    const uint32_t wb = (uint32_t)b | 1;
    acc += wa / wb + wa % wb;
    /* A few Euclid steps. */
    for (int k = 0; k < 4 && b != 0; ++k) {
      const uint64_t t = a % b;
      a = b;
      b = t;
    }
    acc += a;
  }
  return acc;
}

uint64_t bench_run(void) {
  crc_init();
  uint64_t checksum = 0;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    uint64_t seed = bench_mix(UINT64_C(0x243f6a8885a308d3), rep);
    BENCH_OPAQUE(seed);
    if (INT_RUNS(0)) checksum = bench_mix(checksum, sieve(seed));
    if (INT_RUNS(1)) checksum = bench_mix(checksum, heapsort_keys(seed + 1));
    if (INT_RUNS(2)) checksum = bench_mix(checksum, crc_kernel(seed + 2));
    if (INT_RUNS(3)) checksum = bench_mix(checksum, hash_kernel(seed + 3));
    if (INT_RUNS(4)) checksum = bench_mix(checksum, text_kernel(seed + 4));
    if (INT_RUNS(5)) checksum = bench_mix(checksum, matrix_kernel(seed + 5));
    if (INT_RUNS(6)) checksum = bench_mix(checksum, list_kernel(seed + 6));
    if (INT_RUNS(7)) checksum = bench_mix(checksum, div_kernel(seed + 7));
  }
  return checksum;
}
