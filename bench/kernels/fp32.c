/*
 * Single-precision floating-point workload (the float code of graphics, audio and embedded
 * programs):
 *   - n-body simulation of five bodies in float (add/mul/div/sqrt),
 *   - dense matrix multiply (mul/add streams),
 *   - a FIR filter over a generated signal, quantised to 16-bit samples (float -> int),
 *   - vector normalisation (sqrt and division per element),
 *   - polynomial evaluation by Horner's rule with explicit fused multiply-add.
 * As in fp.c, every build uses -ffp-contract=off, so the only fused operations are the
 * explicit __builtin_fmaf calls and the checksum is bit-identical on every engine and the host.
 */
#include "bench.h"

const char bench_name[] = "fp32";

enum {
  kReps = BENCH_REPS(24),
  kBodies = 5,
  kNbodySteps = 20000,
  kMatN = 64,
  kSignal = 8192,
  kTaps = 32,
  kVectors = 8192,
  kPolyPoints = 40000,
  kPolyDegree = 10,
};

static uint32_t bits_of(float f) {
  union {
    float f;
    uint32_t u;
  } v;
  v.f = f;
  return v.u;
}

static float random_unit(uint64_t* rng) {
  /* Exactly representable in [-1, 1). */
  return (float)(int32_t)(bench_xorshift64(rng) >> 40 << 8) * (1.0f / 2147483648.0f);
}

struct Body {
  float x, y, z, vx, vy, vz, mass;
};

static uint64_t nbody(uint64_t seed) {
  struct Body b[kBodies];
  uint64_t rng = seed | 1;
  for (int i = 0; i < kBodies; ++i) {
    b[i].x = 10.0f * random_unit(&rng) + (float)i;
    b[i].y = 10.0f * random_unit(&rng);
    b[i].z = random_unit(&rng);
    b[i].vx = 0.01f * random_unit(&rng);
    b[i].vy = 0.01f * random_unit(&rng);
    b[i].vz = 0.01f * random_unit(&rng);
    b[i].mass = i == 0 ? 40.0f : 0.01f + 0.001f * (float)i;
  }
  const float dt = 0.001f;
  for (int step = 0; step < kNbodySteps; ++step) {
    for (int i = 0; i < kBodies; ++i) {
      for (int j = i + 1; j < kBodies; ++j) {
        const float dx = b[i].x - b[j].x;
        const float dy = b[i].y - b[j].y;
        const float dz = b[i].z - b[j].z;
        const float d2 = dx * dx + dy * dy + dz * dz + 0.01f;
        const float mag = dt / (d2 * __builtin_sqrtf(d2));
        b[i].vx -= dx * b[j].mass * mag;
        b[i].vy -= dy * b[j].mass * mag;
        b[i].vz -= dz * b[j].mass * mag;
        b[j].vx += dx * b[i].mass * mag;
        b[j].vy += dy * b[i].mass * mag;
        b[j].vz += dz * b[i].mass * mag;
      }
    }
    for (int i = 0; i < kBodies; ++i) {
      b[i].x += dt * b[i].vx;
      b[i].y += dt * b[i].vy;
      b[i].z += dt * b[i].vz;
    }
  }
  return bench_mix(bits_of(b[1].x), bits_of(b[4].vz));
}

static float g_a[kMatN][kMatN];
static float g_b[kMatN][kMatN];
static float g_c[kMatN][kMatN];

static uint64_t matmul(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (int i = 0; i < kMatN; ++i) {
    for (int j = 0; j < kMatN; ++j) {
      g_a[i][j] = random_unit(&rng);
      g_b[i][j] = random_unit(&rng);
      g_c[i][j] = 0;
    }
  }
  for (int i = 0; i < kMatN; ++i) {
    for (int k = 0; k < kMatN; ++k) {
      const float aik = g_a[i][k];
      for (int j = 0; j < kMatN; ++j) {
        g_c[i][j] += aik * g_b[k][j];
      }
    }
  }
  float trace = 0;
  for (int i = 0; i < kMatN; ++i) {
    trace += g_c[i][i];
  }
  return bench_mix(bits_of(trace), bits_of(g_c[kMatN - 1][0]));
}

static float g_signal[kSignal];
static int16_t g_out[kSignal];

static uint64_t fir(uint64_t seed) {
  uint64_t rng = seed | 1;
  float taps[kTaps];
  for (int t = 0; t < kTaps; ++t) {
    taps[t] = random_unit(&rng) * (1.0f / kTaps);
  }
  float phase = 0;
  for (int i = 0; i < kSignal; ++i) {
    /* A triangle wave with noise. */
    phase += 0.013f;
    if (phase > 1.0f) {
      phase -= 2.0f;
    }
    g_signal[i] = (phase < 0 ? -phase : phase) + 0.1f * random_unit(&rng);
  }
  uint64_t h = 0;
  for (int i = kTaps; i < kSignal; ++i) {
    float acc = 0;
    for (int t = 0; t < kTaps; ++t) {
      acc += taps[t] * g_signal[i - t];
    }
    /* Clipped, as an audio path would, so the conversion is always in range. */
    if (acc > 1.0f) {
      acc = 1.0f;
    }
    if (acc < -1.0f) {
      acc = -1.0f;
    }
    g_out[i] = (int16_t)(int32_t)(acc * 32767.0f);
    h = h * 31 + (uint16_t)g_out[i];
  }
  return h;
}

static float g_vec[kVectors][3];

static uint64_t normalise(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (int i = 0; i < kVectors; ++i) {
    for (int c = 0; c < 3; ++c) {
      g_vec[i][c] = random_unit(&rng) + 0.001f;
    }
  }
  float sum = 0;
  for (int i = 0; i < kVectors; ++i) {
    const float len = __builtin_sqrtf(g_vec[i][0] * g_vec[i][0] + g_vec[i][1] * g_vec[i][1] +
                                      g_vec[i][2] * g_vec[i][2]);
    for (int c = 0; c < 3; ++c) {
      g_vec[i][c] /= len;
    }
    sum += g_vec[i][0] - g_vec[i][2];
  }
  return bits_of(sum);
}

static uint64_t horner(uint64_t seed) {
  float coef[kPolyDegree + 1];
  for (int i = 0; i <= kPolyDegree; ++i) {
    coef[i] = 1.0f / (float)(i + 1 + (int)(seed & 3));
  }
  float acc = 0;
  int32_t quantised = 0;
  for (int p = 0; p < kPolyPoints; ++p) {
    const float x = -1.0f + 2.0f * (float)p / kPolyPoints;
    float y = coef[kPolyDegree];
    for (int i = kPolyDegree - 1; i >= 0; --i) {
      y = __builtin_fmaf(y, x, coef[i]);
    }
    acc += y;
    quantised += (int32_t)(y * 1000.0f);
  }
  return bench_mix(bits_of(acc), (uint32_t)quantised);
}

uint64_t bench_run(void) {
  uint64_t checksum = 0;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    uint64_t seed = bench_mix(UINT64_C(0x5eed0f10a7f10a75), rep);
    BENCH_OPAQUE(seed);
    checksum = bench_mix(checksum, nbody(seed));
    checksum = bench_mix(checksum, matmul(seed));
    checksum = bench_mix(checksum, fir(seed));
    checksum = bench_mix(checksum, normalise(seed));
    checksum = bench_mix(checksum, horner(seed));
  }
  return checksum;
}
