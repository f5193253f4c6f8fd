#!/usr/bin/env bash
# The `int` workload kernel by kernel: strata next to QEMU and the native build, each kernel alone
# (built with -DINT_PART=k, five times its repetitions), so that the table shows where strata
# stands against QEMU, and whether half of QEMU's time is at all above the native time, kernel by
# kernel. See bench/README.md ("int, kernel by kernel").
#
# usage: bench/int-parts.sh [options]
#   --strata PATH   strata binary (env STRATA; default build/release/strata)
#   --runs N        runs per engine and kernel; the fastest counts (env RUNS; default 3)
#   --out DIR       ELFs, native binaries and logs (env BENCH_OUT; default build/bench-int-parts)
# env QEMU: the QEMU binary.
#
# Emulator times are of the whole process, less that of the same ELF built to run no kernel
# (INT_PART=-1: start-up, HTIF, the table that the CRC kernels share); native times are of the
# kernel alone, timed inside the program. Exit status 1 when a run fails or the engines disagree
# on a checksum, 2 on a usage or build error.
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
STRATA=${STRATA:-$ROOT/build/release/strata}
QEMU=${QEMU:-qemu-system-riscv64}
RUNS=${RUNS:-3}
OUT=${BENCH_OUT:-$ROOT/build/bench-int-parts}
PARTS=(sieve heapsort crc hash text matrix list div)

die() {
  echo "int-parts.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --strata) STRATA=${2:?--strata needs a path}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a count}; shift 2 ;;
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    -h | --help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[ -x "$STRATA" ] || die "no strata binary at $STRATA"
command -v "$QEMU" >/dev/null || die "$QEMU not found"
mkdir -p "$OUT" || die "cannot create $OUT"

# shellcheck source=flags.sh
source "$BENCH/flags.sh"
COMMON=("${BENCH_KERNEL_CFLAGS[@]}" "${BENCH_WARNING_CFLAGS[@]}")
GUEST=(riscv64-unknown-elf-gcc "${BENCH_GUEST_CFLAGS[@]}")
for k in -1 $(seq 0 $((${#PARTS[@]} - 1))); do
  "${GUEST[@]}" "${COMMON[@]}" -DINT_PART="$k" -o "$OUT/int$k.elf" "$BENCH/guest/start.S" \
    "$BENCH/guest/runtime.c" "$BENCH/kernels/int.c" -lgcc || die "building int$k.elf failed"
  gcc "${COMMON[@]}" -DINT_PART="$k" -o "$OUT/native$k" "$BENCH/native/main.c" \
    "$BENCH/kernels/int.c" -lm || die "building native$k failed"
done

field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1" | tail -n 1; }
# best command...: BEST_S = the fastest of RUNS runs (wall time, or the program's own seconds=
# for native builds), BEST_SUM = its checksum.
best() {
  local i start end secs log=$OUT/run.log
  BEST_S='' BEST_SUM=''
  for ((i = 1; i <= RUNS; i++)); do
    start=$(date +%s.%N)
    if ! timeout -k 5 900 "$@" </dev/null >"$log" 2>&1; then
      echo "int-parts.sh: $* failed:" >&2
      tail -n 5 "$log" >&2
      exit 1
    fi
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    [ -n "$(field "$log" seconds)" ] && secs=$(field "$log" seconds)
    BEST_SUM=$(field "$log" checksum)
    BEST_S=$(awk -v a="$secs" -v b="${BEST_S:-$secs}" 'BEGIN { print (a + 0 < b + 0) ? a : b }')
  done
}

S=() Q=() N=()  # in the order of k: -1 (start-up), then the kernels
for k in -1 $(seq 0 $((${#PARTS[@]} - 1))); do
  elf=$OUT/int$k.elf
  best "$STRATA" run --engine jit --bios none --kernel "$elf"
  S+=("$BEST_S") sums=$BEST_SUM
  best "$QEMU" -M spike -bios none -nographic -kernel "$elf"
  Q+=("$BEST_S") sums="$sums $BEST_SUM"
  best "$OUT/native$k"
  N+=("$BEST_S") sums="$sums $BEST_SUM"
  if [ "$(echo "$sums" | tr ' ' '\n' | sort -u | grep -c .)" != 1 ]; then
    echo "int-parts.sh: INT_PART=$k: the checksums differ (strata, qemu, native: $sums)" >&2
    exit 1
  fi
done

echo "strata: $STRATA; qemu: $($QEMU --version | head -n 1); best of $RUNS"
echo "start-up, subtracted below: strata ${S[0]} s, qemu ${Q[0]} s"
fmt="%-9s %9s %9s %9s %12s %12s %11s\n"
# shellcheck disable=SC2059
printf "$fmt" kernel strata_s qemu_s native_s strata/qemu strata/nat "qemu/2/nat"
awk -v parts="${PARTS[*]}" -v s="${S[*]}" -v q="${Q[*]}" -v n="${N[*]}" -v fmt="$fmt" '
BEGIN {
  split(parts, name, " "); split(s, S, " "); split(q, Q, " "); split(n, N, " ")
  # S[1], Q[1], N[1] are INT_PART=-1: the start-up.
  for (i = 1; i <= length(name); i++) {
    st = S[i + 1] - S[1]; qt = Q[i + 1] - Q[1]; nt = N[i + 1]
    printf fmt, name[i], sprintf("%.3f", st), sprintf("%.3f", qt), sprintf("%.3f", nt),
      sprintf("%.2f", st / qt), sprintf("%.2f", st / nt), sprintf("%.2f", qt / 2 / nt)
    ts += st; tq += qt; tn += nt
  }
  printf fmt, "all", sprintf("%.3f", ts), sprintf("%.3f", tq), sprintf("%.3f", tn),
    sprintf("%.2f", ts / tq), sprintf("%.2f", ts / tn), sprintf("%.2f", tq / 2 / tn)
}'
echo "(qemu/2/nat below 1: half of QEMU's time is less than the native build's, for that kernel)"
