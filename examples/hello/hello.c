/*
 * A bare-metal RISC-V program for strata's first run: it prints through HTIF, does a little
 * integer and floating-point work, reports how many instructions it retired, and exits with
 * status 0. It links with the benchmark guests' start-up code (bench/guest/start.S), which calls
 * guest_main() in M-mode and guest_trap() on any trap.
 */
#include <stddef.h>
#include <stdint.h>

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

enum { kSysWrite = 64 };

static size_t length_of(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

/* HTIF system-call proxy: write(1, text, length). */
static void print(const char* text) {
  static volatile uint64_t magic[8] __attribute__((aligned(64)));
  magic[0] = kSysWrite;
  magic[1] = 1;
  magic[2] = (uint64_t)(uintptr_t)text;
  magic[3] = length_of(text);
  __asm__ volatile("fence" ::: "memory");
  tohost = (uint64_t)(uintptr_t)magic;
  while (fromhost == 0) {
  }
  fromhost = 0;
}

static void print_number(uint64_t value) {
  char digits[24];
  char* p = digits + sizeof digits - 1;
  *p = '\0';
  do {
    *--p = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  print(p);
}

static void exit_with(uint64_t status) {
  for (;;) tohost = (status << 1) | 1;
}

void guest_trap(uint64_t cause, uint64_t epc, uint64_t tval) {
  (void)epc;
  (void)tval;
  print("unexpected trap, cause ");
  print_number(cause);
  print("\n");
  exit_with(3);
}

void guest_main(void) {
  print("Hello from a RISC-V guest running on strata.\n");

  unsigned primes = 0;
  for (unsigned n = 2; n < 10000; ++n) {
    unsigned d = 2;
    while (d * d <= n && n % d != 0) ++d;
    if (d * d > n) ++primes;
  }
  print("Primes below 10000: ");
  print_number(primes);
  print("\n");

  double x = 1.0;
  for (int i = 0; i < 30; ++i) x = 0.5 * (x + 2.0 / x); /* Newton's method for sqrt(2) */
  print("sqrt(2) * 10^9 = ");
  print_number((uint64_t)(x * 1e9));
  print("\n");

  uint64_t instret;
  __asm__ volatile("csrr %0, minstret" : "=r"(instret));
  print("Instructions retired: ");
  print_number(instret);
  print("\n");
  exit_with(0);
}
