/*
 * Floating-point workload (double precision):
 *   - n-body simulation of five bodies (add/mul/div/sqrt),
 *   - dense matrix multiply (mul/add streams),
 *   - Mandelbrot escape counts (compare-heavy loop, int<->double conversion),
 *   - spectral-norm style power iteration (division, conversions),
 *   - polynomial evaluation by Horner's rule with explicit fused multiply-add.
 * Every build uses -ffp-contract=off so the compiler never fuses a*b+c on its own: the only
 * fused operations are the explicit __builtin_fma calls, and the result is bit-identical on
 * every engine and on the host. The checksum mixes the raw bits of the results.
 */
#include "bench.h"

const char bench_name[] = "fp";

enum {
  kReps = BENCH_REPS(32),
  kBodies = 5,
  kNbodySteps = 40000,
  kMatN = 64,
  kMandelSize = 96,
  kMandelIters = 200,
  kSpectralN = 64,
  kSpectralIters = 4,
  kPolyPoints = 40000,
  kPolyDegree = 12,
};

static uint64_t bits_of(double d) {
  union {
    double d;
    uint64_t u;
  } v;
  v.d = d;
  return v.u;
}

struct Body {
  double x, y, z, vx, vy, vz, mass;
};

static double fp_sqrt(double x) {
  return __builtin_sqrt(x);
}

static uint64_t nbody(uint64_t seed) {
  const double kPi = 3.141592653589793;
  const double kSolarMass = 4 * kPi * kPi;
  const double kDaysPerYear = 365.24;
  struct Body b[kBodies] = {
      {0, 0, 0, 0, 0, 0, kSolarMass},
      {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
       1.66007664274403694e-03 * kDaysPerYear, 7.69901118419740425e-03 * kDaysPerYear,
       -6.90460016972063023e-05 * kDaysPerYear, 9.54791938424326609e-04 * kSolarMass},
      {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
       -2.76742510726862411e-03 * kDaysPerYear, 4.99852801234917238e-03 * kDaysPerYear,
       2.30417297573763929e-05 * kDaysPerYear, 2.85885980666130812e-04 * kSolarMass},
      {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
       2.96460137564761618e-03 * kDaysPerYear, 2.37847173959480950e-03 * kDaysPerYear,
       -2.96589568540237556e-05 * kDaysPerYear, 4.36624404335156298e-05 * kSolarMass},
      {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
       2.68067772490389322e-03 * kDaysPerYear, 1.62824170038242295e-03 * kDaysPerYear,
       -9.51592254519715870e-05 * kDaysPerYear, 5.15138902046611451e-05 * kSolarMass},
  };
  /* Perturb the start a little per repetition. */
  b[1].x += (double)(seed & 0xff) * 1e-6;
  double px = 0;
  double py = 0;
  double pz = 0;
  for (int i = 0; i < kBodies; ++i) {
    px += b[i].vx * b[i].mass;
    py += b[i].vy * b[i].mass;
    pz += b[i].vz * b[i].mass;
  }
  b[0].vx = -px / kSolarMass;
  b[0].vy = -py / kSolarMass;
  b[0].vz = -pz / kSolarMass;

  const double dt = 0.01;
  for (int step = 0; step < kNbodySteps; ++step) {
    for (int i = 0; i < kBodies; ++i) {
      for (int j = i + 1; j < kBodies; ++j) {
        const double dx = b[i].x - b[j].x;
        const double dy = b[i].y - b[j].y;
        const double dz = b[i].z - b[j].z;
        const double d2 = dx * dx + dy * dy + dz * dz;
        const double mag = dt / (d2 * fp_sqrt(d2));
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
  double e = 0;
  for (int i = 0; i < kBodies; ++i) {
    e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    for (int j = i + 1; j < kBodies; ++j) {
      const double dx = b[i].x - b[j].x;
      const double dy = b[i].y - b[j].y;
      const double dz = b[i].z - b[j].z;
      e -= b[i].mass * b[j].mass / fp_sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return bench_mix(bits_of(e), bits_of(b[4].x));
}

static double g_a[kMatN][kMatN];
static double g_b[kMatN][kMatN];
static double g_c[kMatN][kMatN];

static uint64_t matmul(uint64_t seed) {
  uint64_t rng = seed | 1;
  for (int i = 0; i < kMatN; ++i) {
    for (int j = 0; j < kMatN; ++j) {
      /* Exactly representable inputs in [-1, 1). */
      g_a[i][j] = (double)(int32_t)(bench_xorshift64(&rng) >> 32) * (1.0 / 2147483648.0);
      g_b[i][j] = (double)(int32_t)(bench_xorshift64(&rng) >> 32) * (1.0 / 2147483648.0);
      g_c[i][j] = 0;
    }
  }
  for (int i = 0; i < kMatN; ++i) {
    for (int k = 0; k < kMatN; ++k) {
      const double aik = g_a[i][k];
      for (int j = 0; j < kMatN; ++j) {
        g_c[i][j] += aik * g_b[k][j];
      }
    }
  }
  double trace = 0;
  double corner = 0;
  for (int i = 0; i < kMatN; ++i) {
    trace += g_c[i][i];
    corner += g_c[i][kMatN - 1 - i] * (double)(i + 1);
  }
  return bench_mix(bits_of(trace), bits_of(corner));
}

static uint64_t mandelbrot(uint64_t seed) {
  const double cx0 = -2.0 + (double)(seed & 0xf) * 1e-3;
  const double cy0 = -1.25;
  const double step = 2.5 / kMandelSize;
  uint64_t total = 0;
  uint64_t h = 0;
  for (int py = 0; py < kMandelSize; ++py) {
    const double cy = cy0 + step * (double)py;
    uint64_t row = 0;
    for (int px = 0; px < kMandelSize; ++px) {
      const double cx = cx0 + step * (double)px;
      double x = 0;
      double y = 0;
      int it = 0;
      while (it < kMandelIters) {
        const double x2 = x * x;
        const double y2 = y * y;
        if (x2 + y2 > 4.0) {
          break;
        }
        y = 2.0 * x * y + cy;
        x = x2 - y2 + cx;
        ++it;
      }
      total += (uint64_t)it;
      row = row * 7 + (uint64_t)(int64_t)(x * 1000.0);
    }
    h = bench_mix(h, row);
  }
  return bench_mix(h, total);
}

static double spectral_a(int i, int j) {
  const int denominator = (i + j) * (i + j + 1) / 2 + i + 1;
  return 1.0 / (double)denominator;
}

static void spectral_mul_av(const double* v, double* out, int transpose) {
  for (int i = 0; i < kSpectralN; ++i) {
    double sum = 0;
    for (int j = 0; j < kSpectralN; ++j) {
      sum += (transpose != 0 ? spectral_a(j, i) : spectral_a(i, j)) * v[j];
    }
    out[i] = sum;
  }
}

static uint64_t spectral(uint64_t seed) {
  double u[kSpectralN];
  double v[kSpectralN];
  double t[kSpectralN];
  for (int i = 0; i < kSpectralN; ++i) {
    u[i] = 1.0 + (double)((seed >> (i & 31)) & 1) * 0.5;
  }
  for (int it = 0; it < kSpectralIters; ++it) {
    spectral_mul_av(u, t, 0);
    spectral_mul_av(t, v, 1);
    spectral_mul_av(v, t, 0);
    spectral_mul_av(t, u, 1);
  }
  double vbv = 0;
  double vv = 0;
  for (int i = 0; i < kSpectralN; ++i) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  return bench_mix(bits_of(fp_sqrt(vbv / vv)), bits_of(vv));
}

static uint64_t horner(uint64_t seed) {
  double coef[kPolyDegree + 1];
  for (int i = 0; i <= kPolyDegree; ++i) {
    coef[i] = 1.0 / (double)(i + 1 + (int)(seed & 3));
  }
  double acc = 0;
  double mn = 1e300;
  double mx = -1e300;
  for (int p = 0; p < kPolyPoints; ++p) {
    const double x = -1.0 + 2.0 * (double)p / kPolyPoints;
    double y = coef[kPolyDegree];
    for (int i = kPolyDegree - 1; i >= 0; --i) {
      y = __builtin_fma(y, x, coef[i]);
    }
    acc += y;
    mn = y < mn ? y : mn;
    mx = y > mx ? y : mx;
  }
  return bench_mix(bench_mix(bits_of(acc), bits_of(mn)), bits_of(mx));
}

uint64_t bench_run(void) {
  uint64_t checksum = 0;
  for (uint32_t rep = 0; rep < kReps; ++rep) {
    uint64_t seed = bench_mix(UINT64_C(0xa4093822299f31d0), rep);
    BENCH_OPAQUE(seed);
    checksum = bench_mix(checksum, nbody(seed));
    checksum = bench_mix(checksum, matmul(seed));
    checksum = bench_mix(checksum, mandelbrot(seed));
    checksum = bench_mix(checksum, spectral(seed));
    checksum = bench_mix(checksum, horner(seed));
  }
  return checksum;
}
