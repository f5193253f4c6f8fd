/*
 * Bare-metal runtime for the benchmark guests: HTIF console and exit, the few libc routines
 * GCC may call on its own, and the driver that times one workload with minstret.
 *
 * Output goes through the HTIF proxy syscall SYS_write (what strata and spike implement). Some
 * HTIF hosts (QEMU's spike machine before 8.0) do not proxy syscalls and never answer it; for
 * those the runtime gives up after a bounded spin and falls back to the HTIF console device
 * (device 1, command 1: putchar), which every HTIF host has. The probe runs after the measured
 * region, so it costs no measured instructions.
 */
#include <stddef.h>
#include <stdint.h>

#include "../kernels/bench.h"

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

void guest_main(void);
void guest_trap(uint64_t cause, uint64_t epc, uint64_t tval);

enum { kSysWrite = 64, kProbeSpins = 500000 };

/* 0: not probed yet, 1: SYS_write works, 2: use the console device. */
static int g_output_mode;

static void htif_exit(uint64_t code) {
  __asm__ volatile("fence" ::: "memory");
  for (;;) {
    tohost = (code << 1) | 1;
  }
}

static void htif_putchar(char c) {
  const uint64_t cmd = (UINT64_C(1) << 56) | (UINT64_C(1) << 48) | (uint8_t)c;
  while (tohost != 0) {
  }
  tohost = cmd;
  while (fromhost == 0) {
  }
  fromhost = 0;
}

static int htif_syscall_write(const char* buf, size_t len, long spins) {
  static volatile uint64_t magic[8] __attribute__((aligned(64)));
  magic[0] = kSysWrite;
  magic[1] = 1;
  magic[2] = (uint64_t)(uintptr_t)buf;
  magic[3] = len;
  __asm__ volatile("fence" ::: "memory");
  tohost = (uint64_t)(uintptr_t)magic;
  while (fromhost == 0) {
    if (spins >= 0 && spins-- == 0) {
      return 0;
    }
  }
  fromhost = 0;
  __asm__ volatile("fence" ::: "memory");
  return 1;
}

static void write_out(const char* buf, size_t len) {
  if (g_output_mode == 0) {
    g_output_mode = htif_syscall_write(buf, len, kProbeSpins) ? 1 : 2;
    if (g_output_mode == 1) {
      return;
    }
  } else if (g_output_mode == 1) {
    htif_syscall_write(buf, len, -1);
    return;
  }
  for (size_t i = 0; i < len; ++i) {
    htif_putchar(buf[i]);
  }
}

/* Tiny line builder. */
static char g_line[256];
static size_t g_len;

static void put_str(const char* s) {
  while (*s != '\0' && g_len < sizeof g_line) {
    g_line[g_len++] = *s++;
  }
}

static void put_dec(uint64_t v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0 && g_len < sizeof g_line) {
    g_line[g_len++] = tmp[--n];
  }
}

static void put_hex(uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0 && g_len < sizeof g_line; shift -= 4) {
    g_line[g_len++] = digits[(v >> shift) & 0xf];
  }
}

static void flush_line(void) {
  put_str("\n");
  write_out(g_line, g_len);
  g_len = 0;
}

static inline uint64_t read_minstret(void) {
  uint64_t v;
  __asm__ volatile("csrr %0, minstret" : "=r"(v));
  return v;
}

void guest_main(void) {
  const uint64_t start = read_minstret();
  const uint64_t checksum = bench_run();
  const uint64_t end = read_minstret();
  put_str("workload=");
  put_str(bench_name);
  put_str(" instret=");
  put_dec(end - start);
  put_str(" checksum=");
  put_hex(checksum);
  flush_line();
  htif_exit(0);
}

void guest_trap(uint64_t cause, uint64_t epc, uint64_t tval) {
  put_str("TRAP mcause=");
  put_hex(cause);
  put_str(" mepc=");
  put_hex(epc);
  put_str(" mtval=");
  put_hex(tval);
  flush_line();
  htif_exit(3);
}

/* GCC may emit calls to these for struct copies and zeroing loops. */
void* memcpy(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  while (n-- != 0) {
    *d++ = *s++;
  }
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  if (d < s) {
    while (n-- != 0) {
      *d++ = *s++;
    }
  } else {
    while (n-- != 0) {
      d[n] = s[n];
    }
  }
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  unsigned char* d = dst;
  while (n-- != 0) {
    *d++ = (unsigned char)c;
  }
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const unsigned char* x = a;
  const unsigned char* y = b;
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) {
      return x[i] < y[i] ? -1 : 1;
    }
  }
  return 0;
}
