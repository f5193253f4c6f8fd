#!/usr/bin/env bash
# CPU benchmark under Linux: the CPU workloads of bench/cpu.sh built as static riscv64 Linux
# programs and run inside the default Linux guest (U-mode, Sv39 paging, timer interrupts), on
# strata and on QEMU side by side, with the same kernel, initramfs and disk image. bench/cpu.sh
# runs the same kernels bare-metal in M-mode. See bench/README.md ("CPU benchmark under Linux").
#
# Each workload's program (bench/native/main.c driving bench/kernels/W.c, cross-compiled with the
# flags bench/cpu.sh uses) times bench_run() itself with the guest's clock and prints its
# checksum, which must equal the native build's.
#
# --program runs a static riscv64 Linux program of your own the same way (a public benchmark, a
# test suite): bench/linux/timeit.c times each run with the guest's clock, and every run must exit
# with status 0. Its standard output goes to a file; the last run's last lines are in the log.
#
# Engines (256 MiB, 1 hart, console on the UART, the programs on a virtio disk):
#   strata  strata run --kernel Image --initrd cpio.gz --disk IMG,format=raw
#   qemu    qemu-system-riscv64 -M virt -bios default ... -drive if=none,id=d0,file=IMG,format=raw
#           -device virtio-blk-device,drive=d0
#
# usage: bench/cpu-linux.sh [--strata PATH] [--kernel FILE --initrd FILE] [--runs N] [--quick]
#                           [--no-qemu] [--out DIR] [--program 'FILE [ARG...]']... [workload...]
#   workloads: int branch mem fp fp32 (default: all, or none when a --program is given); --runs N
#   runs each N times in one boot and keeps the fastest (default 3); --quick builds 1/16 of the
#   work, for smoke tests; --program (repeatable) adds a static riscv64 Linux program, run with
#   the arguments after its path (split by the guest's shell), its working directory /tmp.
# Results: a table on stdout and DIR/results.csv (default build/bench-cpu-linux).
# Exit status: 0 when every run finished with the native checksum (a --program: exited with 0);
# 1 otherwise; 2 on a usage or build error (also a --program that is no static riscv64 executable).
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRATA=${STRATA:-$ROOT/build/release/strata}
QEMU=${QEMU:-qemu-system-riscv64}
KERNEL=${KERNEL:-}
INITRD=${INITRD:-}
RUNS=3
QUICK=0
DO_QEMU=1
OUT=$ROOT/build/bench-cpu-linux
WORKLOADS=()
PROGRAM_SPECS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --strata) STRATA=${2:?--strata needs a path}; shift 2 ;;
    --kernel) KERNEL=${2:?--kernel needs a file}; shift 2 ;;
    --initrd) INITRD=${2:?--initrd needs a file}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a count}; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --no-qemu) DO_QEMU=0; shift ;;
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    --program) PROGRAM_SPECS+=("${2:?--program needs a file}"); shift 2 ;;
    -h | --help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    int | branch | mem | fp | fp32) WORKLOADS+=("$1"); shift ;;
    *) echo "cpu-linux.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[ ${#WORKLOADS[@]} -gt 0 ] || [ ${#PROGRAM_SPECS[@]} -gt 0 ] || WORKLOADS=(int branch mem fp fp32)
case "$RUNS" in '' | *[!0-9]* | 0) echo "cpu-linux.sh: --runs needs a positive count" >&2; exit 2 ;; esac
for tool in riscv64-linux-gnu-gcc riscv64-linux-gnu-readelf gcc mkfs.ext4; do
  command -v "$tool" >/dev/null || { echo "cpu-linux.sh: $tool is not installed" >&2; exit 2; }
done

# check_program FILE: a static riscv64 executable, or a clear error: the default guest has
# BusyBox but no riscv64 libc.
check_program() {
  local file=$1 header
  if [ ! -f "$file" ] || [ ! -r "$file" ]; then
    echo "cpu-linux.sh: --program: no readable file '$file'" >&2
    return 1
  fi
  header=$(riscv64-linux-gnu-readelf -h "$file" 2>/dev/null) || {
    echo "cpu-linux.sh: --program: '$file' is not an ELF file" >&2
    return 1
  }
  if ! grep -q 'Class: *ELF64' <<<"$header" || ! grep -q 'Machine: *RISC-V' <<<"$header" ||
    ! grep -Eq 'Type: *(EXEC|DYN)' <<<"$header"; then
    echo "cpu-linux.sh: --program: '$file' is not a riscv64 executable" >&2
    return 1
  fi
  if riscv64-linux-gnu-readelf -l "$file" 2>/dev/null | grep -q 'INTERP'; then
    echo "cpu-linux.sh: --program: '$file' is dynamically linked, and the guest has no riscv64" \
      "libc: link it with -static" >&2
    return 1
  fi
}
for spec in "${PROGRAM_SPECS[@]}"; do
  case "$spec" in *$'\n'*) echo "cpu-linux.sh: --program: one line, please: '$spec'" >&2; exit 2 ;; esac
  read -r file _ <<<"$spec"
  check_program "$file" || exit 2
done
if [ -z "$KERNEL" ] || [ -z "$INITRD" ]; then
  eval "$("$ROOT/tools/guest/build-all.sh")" || exit 2
fi
[ -x "$STRATA" ] || { echo "cpu-linux.sh: $STRATA is not built" >&2; exit 2; }
if [ "$DO_QEMU" = 1 ] && ! command -v "$QEMU" >/dev/null; then
  echo "cpu-linux.sh: $QEMU not found: the QEMU column is left out" >&2
  DO_QEMU=0
fi

# shellcheck source-path=SCRIPTDIR source=../tests/integration/lib.sh
source "$ROOT/tests/integration/lib.sh"
mkdir -p "$OUT"
export STRATA_IT_LOG_DIR=$OUT
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The kernels' flags of bench/cpu.sh (bench/flags.sh): see bench/README.md for why.
BENCH=$ROOT/bench
# shellcheck source=flags.sh
source "$BENCH/flags.sh"
FLAGS=("${BENCH_KERNEL_CFLAGS[@]}")
[ "$QUICK" = 1 ] && FLAGS+=(-DBENCH_QUICK=1)
mkdir "$work/root"
declare -A native_checksum native_seconds
for w in "${WORKLOADS[@]}"; do
  sources=("$ROOT/bench/native/main.c" "$ROOT/bench/kernels/$w.c")
  riscv64-linux-gnu-gcc -static "${FLAGS[@]}" -o "$work/root/$w" "${sources[@]}" -lm || exit 2
  gcc "${FLAGS[@]}" -o "$work/native_$w" "${sources[@]}" -lm || exit 2
  line=$("$work/native_$w") || exit 2
  native_checksum[$w]=$(sed -n 's/.*checksum=\([0-9a-f]*\).*/\1/p' <<<"$line")
  native_seconds[$w]=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")
done

# Your own programs (checked above) go in as /tmp/NAME, the file's name made unique, with the
# timer.
PROGRAMS=()
declare -A program_args
for spec in "${PROGRAM_SPECS[@]}"; do
  read -r file args <<<"$spec"
  base=$(basename "$file" | tr -c 'A-Za-z0-9._\n-' '_')
  name=$base
  n=1
  while [ "$name" = timeit ] || [ -e "$work/root/$name" ]; do
    n=$((n + 1))
    name=$base.$n
  done
  cp "$file" "$work/root/$name" && chmod +x "$work/root/$name" || exit 2
  PROGRAMS+=("$name")
  program_args[$name]=$args
done
if [ ${#PROGRAMS[@]} -gt 0 ]; then
  riscv64-linux-gnu-gcc -static -O2 -std=c11 -o "$work/root/timeit" "$ROOT/bench/linux/timeit.c" ||
    exit 2
fi
# The image holds the programs, so it grows with them (ext4 needs some room of its own).
image_mib=$(($(du -sm "$work/root" | cut -f1) * 2 + 64))
mkfs.ext4 -q -F -d "$work/root" "$work/fs.raw" "${image_mib}M" || exit 2

declare -A best
status=0
# keep_best KEY SECONDS: best[KEY] = the fastest run seen.
keep_best() {
  if [ -z "${best[$1]:-}" ] || awk -v a="$2" -v b="${best[$1]}" 'BEGIN { exit !(a < b) }'; then
    best[$1]=$2
  fi
}
# run_engine ENGINE: boots, runs every workload RUNS times, keeps the fastest of each.
run_engine() {
  local engine=$1 cmd
  if [ "$engine" = strata ]; then
    cmd=("$STRATA" run --kernel "$KERNEL" --initrd "$INITRD" --mem 256M --append console=ttyS0
      --disk "$work/fs.raw,format=raw" --timeout 3600)
  else
    cmd=("$QEMU" -M virt -bios default -m 256M -smp 1 -display none -monitor none -serial stdio
      -kernel "$KERNEL" -initrd "$INITRD" -append console=ttyS0
      -drive "if=none,id=d0,file=$work/fs.raw,format=raw" -device "virtio-blk-device,drive=d0")
  fi
  vm_start "cpu_linux_$engine" "${cmd[@]}"
  vm_expect '^strata-guest: starting a shell' 300 || { vm_kill; return 1; }
  local run_programs="" p
  for p in "${PROGRAMS[@]}"; do
    run_programs+="for r in \$(seq $RUNS); do /tmp/timeit $p /tmp/$p.out /tmp/$p ${program_args[$p]}; done; tail -n 20 /tmp/$p.out; "
  done
  vm_send "mount -o ro /dev/vda /mnt && cp -a /mnt/. /tmp/ && umount /mnt && cd /tmp && for w in ${WORKLOADS[*]}; do for r in \$(seq $RUNS); do /tmp/\$w; done; done; $run_programs cd / && echo CHECK cpu_linux_done=1"
  vm_expect '^CHECK cpu_linux_done=1' 3600 || { vm_kill; return 1; }
  vm_send 'poweroff -f'
  vm_wait_exit 60 || vm_kill
  local w line seconds checksum
  for w in "${WORKLOADS[@]}"; do
    while read -r line; do
      seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")
      checksum=$(sed -n 's/.*checksum=\([0-9a-f]*\).*/\1/p' <<<"$line")
      if [ "$checksum" != "${native_checksum[$w]}" ]; then
        echo "cpu-linux.sh: $engine $w: checksum $checksum, native ${native_checksum[$w]}" >&2
        status=1
        continue
      fi
      keep_best "$engine,$w" "$seconds"
    done < <(grep -a "workload=$w " "$VM_LOG" | tr -d '\r')
    [ -n "${best[$engine,$w]:-}" ] || { echo "cpu-linux.sh: $engine $w: no result" >&2; status=1; }
  done
  local code
  for p in "${PROGRAMS[@]}"; do
    while read -r line; do
      seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")
      code=$(sed -n 's/.*status=\([0-9]*\).*/\1/p' <<<"$line")
      if [ "$code" != 0 ]; then
        echo "cpu-linux.sh: $engine $p: exit status $code (its stderr is in $VM_LOG)" >&2
        status=1
        continue
      fi
      keep_best "$engine,$p" "$seconds"
    done < <(grep -aF "program=$p seconds=" "$VM_LOG" | tr -d '\r')
    [ -n "${best[$engine,$p]:-}" ] || { echo "cpu-linux.sh: $engine $p: no result" >&2; status=1; }
  done
}

engines=(strata)
[ "$DO_QEMU" = 1 ] && engines+=(qemu)
for engine in "${engines[@]}"; do
  run_engine "$engine" || { echo "cpu-linux.sh: $engine failed (log in $OUT)" >&2; status=1; }
done

# ratio A B: A / B to two decimals, or nothing when either is missing.
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "workload,strata_s,qemu_s,strata/qemu,native_s,strata/native" >"$OUT/results.csv"
for w in "${WORKLOADS[@]}" "${PROGRAMS[@]}"; do
  s=${best[strata,$w]:-}
  q=${best[qemu,$w]:-}
  n=${native_seconds[$w]:-}
  echo "$w,${s:--},${q:--},$(ratio "$s" "$q" || echo -),${n:--},$(ratio "$s" "$n" || echo -)" \
    >>"$OUT/results.csv"
done
column -t -s, "$OUT/results.csv"
exit "$status"
