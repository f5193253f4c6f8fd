/*
 * Native reference driver: runs the same kernel as the guest, on the host CPU, and reports
 * the wall time of bench_run() alone plus the checksum (which must equal the guest's).
 */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "../kernels/bench.h"

static double now_seconds(void) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void) {
  const double start = now_seconds();
  const uint64_t checksum = bench_run();
  const double end = now_seconds();
  printf("workload=%s seconds=%.6f checksum=%016" PRIx64 "\n", bench_name, end - start, checksum);
  return 0;
}
