# The compiler flags of the CPU benchmarks' kernels, for the scripts that build them (cpu.sh,
# cpu-linux.sh, int-parts.sh): sourced, with $BENCH set to this directory. bench/CMakeLists.txt
# has its own copy (keep them in step); bench/README.md says why each flag is there.
# shellcheck shell=bash disable=SC2034 # the arrays are the sourcing script's

# Guest (riscv64) and native builds alike.
BENCH_KERNEL_CFLAGS=(-O2 -fno-tree-loop-distribute-patterns -ffp-contract=off -fno-math-errno
  -std=c11)
BENCH_WARNING_CFLAGS=(-Wall -Wextra -Wpedantic -Werror)
# Bare-metal guests: riscv64-unknown-elf-gcc, linked with guest/.
# shellcheck disable=SC2054 # -Wl,... is one argument
BENCH_GUEST_CFLAGS=(-march=rv64gc -mabi=lp64d -mcmodel=medany -nostdlib -nostartfiles -ffreestanding
  -T "$BENCH/guest/link.ld" -Wl,--no-warn-rwx-segments)
