// In-guest disk benchmark (static riscv64 Linux binary, built by bench/disk.sh): on the block
// device DEVICE, in the range [OFFSET_MB, OFFSET_MB + SIZE_MB) MiB, with O_DIRECT so the guest's
// page cache is out of the picture:
//   sequential write of 1 MiB blocks, then fdatasync (the flush is part of the time);
//   sequential read of 1 MiB blocks;
//   4 KiB random reads for SECONDS seconds with 1 and with 8 requests in flight (threads).
// Prints "CHECK key=value" lines (MB/s with MB = 10^6 bytes; IOPS).
//   diskbench DEVICE OFFSET_MB SIZE_MB SECONDS
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char* device;
static uint64_t base, span;
static double seconds;

// The system call rather than the vDSO: strata's harts trap U-mode reads of the time CSR, which
// the vDSO's clock_gettime uses.
static double now(void) {
  struct timespec t;
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void* aligned(size_t size) {
  void* p = NULL;
  if (posix_memalign(&p, 4096, size) != 0) exit(3);
  memset(p, 0x5a, size);
  return p;
}

static int open_device(int flags) {
  int fd = open(device, flags | O_DIRECT);
  if (fd < 0) {
    perror(device);
    exit(2);
  }
  return fd;
}

static double sequential(int write_mode) {
  const size_t block = 1 << 20;
  char* buffer = aligned(block);
  int fd = open_device(write_mode ? O_WRONLY : O_RDONLY);
  double start = now();
  for (uint64_t done = 0; done < span; done += block) {
    ssize_t n = write_mode ? pwrite(fd, buffer, block, (off_t)(base + done))
                           : pread(fd, buffer, block, (off_t)(base + done));
    if (n != (ssize_t)block) {
      perror("sequential I/O");
      exit(4);
    }
  }
  if (write_mode && fdatasync(fd) != 0) exit(5);
  double elapsed = now() - start;
  close(fd);
  free(buffer);
  return (double)span / 1e6 / elapsed;
}

struct worker {
  unsigned seed;
  uint64_t ops;
  double end;
};

static void* random_reads(void* arg) {
  struct worker* w = arg;
  char* buffer = aligned(4096);
  int fd = open_device(O_RDONLY);
  const uint64_t blocks = span / 4096;
  while (now() < w->end) {
    for (int i = 0; i < 64; ++i) {
      uint64_t block = (uint64_t)rand_r(&w->seed) % blocks;
      if (pread(fd, buffer, 4096, (off_t)(base + block * 4096)) != 4096) {
        perror("random read");
        exit(6);
      }
      ++w->ops;
    }
  }
  close(fd);
  free(buffer);
  return NULL;
}

static double iops(int threads) {
  pthread_t ids[16];
  struct worker workers[16];
  double start = now();
  for (int i = 0; i < threads; ++i) {
    workers[i] = (struct worker){.seed = 1234u + (unsigned)i, .ops = 0, .end = start + seconds};
    pthread_create(&ids[i], NULL, random_reads, &workers[i]);
  }
  uint64_t ops = 0;
  for (int i = 0; i < threads; ++i) {
    pthread_join(ids[i], NULL);
    ops += workers[i].ops;
  }
  return (double)ops / (now() - start);
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: diskbench DEVICE OFFSET_MB SIZE_MB SECONDS\n");
    return 1;
  }
  device = argv[1];
  base = strtoull(argv[2], NULL, 10) << 20;
  span = strtoull(argv[3], NULL, 10) << 20;
  seconds = atof(argv[4]);
  printf("CHECK seq_write_mbs=%.1f\n", sequential(1));
  fflush(stdout);
  printf("CHECK seq_read_mbs=%.1f\n", sequential(0));
  fflush(stdout);
  printf("CHECK randread_iops_qd1=%.0f\n", iops(1));
  fflush(stdout);
  printf("CHECK randread_iops_qd8=%.0f\n", iops(8));
  printf("CHECK bench_done=1\n");
  return 0;
}
