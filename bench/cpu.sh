#!/usr/bin/env bash
# CPU benchmark: guest instructions per second of strata on CPU-bound bare-metal RV64GC programs,
# side by side with QEMU TCG (qemu-system-riscv64 -M spike) and a native x86-64 build of the same
# kernels. See bench/README.md.
#
# usage: bench/cpu.sh [options] [workload...]   workloads: int branch mem fp fp32 (default: all)
#   --strata PATH   strata binary (env STRATA; default build/release/strata)
#   --engine NAME   strata engine to measure (interp, jit); repeat for several (env ENGINES,
#                   space-separated; default "jit interp": one row per engine)
#   --runs N        run each engine N times and keep the fastest (env RUNS; default 1)
#   --quick         1/16 of the work per workload, for smoke tests (env QUICK=1)
#   --out DIR       where the ELFs, native binaries and logs go (env BENCH_OUT;
#                   default build/bench-cpu)
#   --timeout S     per-run time limit in seconds (env TIMEOUT; default 900)
#   --no-strata, --no-qemu, --no-native   skip an engine
#   --strict        exit non-zero when a strata run fails (default: report it and go on)
# env STRATA_FLAGS: extra arguments for `strata run` (e.g. "--engine jit"), QEMU: the QEMU binary.
#
# Exit status: 0 when every run that was attempted agreed on the checksum (a missing or failing
# strata is reported, not fatal, unless --strict); 1 on a checksum mismatch or a failed QEMU or
# native run; 2 on a usage or build error.
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

STRATA=${STRATA:-$ROOT/build/release/strata}
STRATA_FLAGS=${STRATA_FLAGS:-}
QEMU=${QEMU:-qemu-system-riscv64}
RUNS=${RUNS:-1}
QUICK=${QUICK:-0}
OUT=${BENCH_OUT:-$ROOT/build/bench-cpu}
TIMEOUT=${TIMEOUT:-900}
DO_STRATA=1
DO_QEMU=1
DO_NATIVE=1
STRICT=0
WORKLOADS=()
read -r -a ENGINES <<<"${ENGINES:-}"

die() {
  echo "cpu.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --strata) STRATA=${2:?--strata needs a path}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a count}; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
    --no-strata) DO_STRATA=0; shift ;;
    --no-qemu) DO_QEMU=0; shift ;;
    --no-native) DO_NATIVE=0; shift ;;
    --strict) STRICT=1; shift ;;
    --engine) ENGINES+=("${2:?--engine needs a name}"); shift 2 ;;
    -h | --help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    int | branch | mem | fp | fp32) WORKLOADS+=("$1"); shift ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[ ${#WORKLOADS[@]} -gt 0 ] || WORKLOADS=(int branch mem fp fp32)
[ ${#ENGINES[@]} -gt 0 ] || ENGINES=(jit interp)
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"

# shellcheck source=flags.sh
source "$BENCH/flags.sh"
COMMON_CFLAGS=("${BENCH_KERNEL_CFLAGS[@]}" "${BENCH_WARNING_CFLAGS[@]}")
GUEST_CC=${GUEST_CC:-riscv64-unknown-elf-gcc}
GUEST_CFLAGS=("${BENCH_GUEST_CFLAGS[@]}")
NATIVE_CC=${NATIVE_CC:-gcc}
if [ "$QUICK" = 1 ]; then
  COMMON_CFLAGS+=(-DBENCH_QUICK)
  OUT=$OUT/quick
fi
mkdir -p "$OUT/guest" "$OUT/native" "$OUT/logs" || die "cannot create $OUT"

# --- build -------------------------------------------------------------------------------------

# True when $1 is missing or older than any of the remaining files.
stale() {
  local target=$1 src
  shift
  [ -e "$target" ] || return 0
  for src in "$@"; do
    [ "$src" -nt "$target" ] && return 0
  done
  [ "${BASH_SOURCE[0]}" -nt "$target" ] || [ "$BENCH/flags.sh" -nt "$target" ]
}

build() {
  local w=$1
  local elf=$OUT/guest/$w.elf native=$OUT/native/$w
  local guest_srcs=("$BENCH/guest/start.S" "$BENCH/guest/runtime.c" "$BENCH/kernels/$w.c")
  local deps=("${guest_srcs[@]}" "$BENCH/guest/link.ld" "$BENCH/kernels/bench.h")
  if [ $DO_STRATA = 1 ] || [ $DO_QEMU = 1 ]; then
    if stale "$elf" "${deps[@]}"; then
      "$GUEST_CC" "${GUEST_CFLAGS[@]}" "${COMMON_CFLAGS[@]}" -o "$elf" "${guest_srcs[@]}" -lgcc \
        || die "building $elf failed"
    fi
  fi
  if [ $DO_NATIVE = 1 ]; then
    if stale "$native" "$BENCH/native/main.c" "$BENCH/kernels/$w.c" "$BENCH/kernels/bench.h"; then
      "$NATIVE_CC" "${COMMON_CFLAGS[@]}" -o "$native" "$BENCH/native/main.c" \
        "$BENCH/kernels/$w.c" -lm || die "building $native failed"
    fi
  fi
}

for w in "${WORKLOADS[@]}"; do build "$w"; done

if [ $DO_QEMU = 1 ] && ! command -v "$QEMU" >/dev/null; then
  echo "cpu.sh: $QEMU not found: skipping QEMU" >&2
  DO_QEMU=0
fi
if [ $DO_STRATA = 1 ] && [ ! -x "$STRATA" ]; then
  echo "cpu.sh: no strata binary at $STRATA: strata reported as missing" >&2
fi

# --- running -----------------------------------------------------------------------------------

now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
fmin() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 < b + 0) ? a : b }'; }
mips() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t / 1e6; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# The line every driver prints: "workload=<w> instret=<n> checksum=<hex>" (guest) or
# "workload=<w> seconds=<s> checksum=<hex>" (native).
field() { tr -d '\r' <"$1" | sed -n "s/.*workload=[a-z0-9]* .*$2=\([0-9a-fA-F.]*\).*/\1/p" | tail -n 1; }

# run_engine NAME WORKLOAD CMD... : runs CMD RUNS times (each under TIMEOUT). Sets R_STATUS
# (ok | failed | timeout), R_SECONDS (best wall time), R_CHECKSUM, R_INSTRET, R_LOG.
run_engine() {
  local name=$1 w=$2
  shift 2
  local i rc start end secs sum
  R_STATUS=ok R_SECONDS='' R_CHECKSUM='' R_INSTRET=''
  for ((i = 1; i <= RUNS; i++)); do
    R_LOG=$OUT/logs/$w.$name.$i.log
    start=$(now)
    timeout -k 5 "$TIMEOUT" "$@" </dev/null >"$R_LOG" 2>&1
    rc=$?
    end=$(now)
    secs=$(fsub "$end" "$start")
    sum=$(field "$R_LOG" checksum)
    if [ $rc = 124 ] || [ $rc = 137 ]; then
      R_STATUS=timeout
    elif [ $rc != 0 ] || [ -z "$sum" ]; then
      R_STATUS="failed(rc=$rc)"
    elif [ -n "$R_CHECKSUM" ] && [ "$sum" != "$R_CHECKSUM" ]; then
      R_STATUS="nondeterministic"
    fi
    if [ "$R_STATUS" != ok ]; then
      echo "  $name: $R_STATUS after ${secs}s; log $R_LOG:" >&2
      tail -n 5 "$R_LOG" | sed 's/^/    | /' >&2
      return 1
    fi
    R_CHECKSUM=$sum
    R_INSTRET=$(field "$R_LOG" instret)
    if [ "$name" = native ]; then secs=$(field "$R_LOG" seconds); fi
    R_SECONDS=$(fmin "${R_SECONDS:-$secs}" "$secs")
    echo "  $name run $i: ${secs}s checksum=$sum" >&2
  done
  return 0
}

# Exact guest instruction count between the two minstret reads, from QEMU with -icount shift=0
# (without -icount, QEMU's minstret is not an instruction count). Cached per ELF content.
exact_instret() {
  local w=$1 elf=$OUT/guest/$1.elf cache=$OUT/guest/$1.icount hash n
  hash=$(sha256sum "$elf" | cut -d' ' -f1)
  if [ -f "$cache" ] && [ "$(cut -d' ' -f1 "$cache")" = "$hash" ]; then
    cut -d' ' -f2 "$cache"
    return
  fi
  echo "  counting instructions (qemu -icount shift=0, once per ELF)..." >&2
  local log=$OUT/logs/$w.icount.log
  timeout -k 5 "$TIMEOUT" "$QEMU" -M spike -bios none -nographic -icount shift=0 -kernel "$elf" \
    </dev/null >"$log" 2>&1 || return 0
  n=$(field "$log" instret)
  [ -n "$n" ] && echo "$hash $n" >"$cache"
  echo "$n"
}

declare -A RES
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
FAILED=0
MISMATCH=0
STRATA_FAILED=0
read -r -a STRATA_EXTRA <<<"$STRATA_FLAGS"

for w in "${WORKLOADS[@]}"; do
  elf=$OUT/guest/$w.elf
  echo "[$w]" >&2
  if [ $DO_QEMU = 1 ]; then
    if run_engine qemu "$w" "$QEMU" -M spike -bios none -nographic -kernel "$elf"; then
      RES[$w.qemu.s]=$R_SECONDS RES[$w.qemu.sum]=$R_CHECKSUM
      RES[$w.count]=$(exact_instret "$w")
    else
      RES[$w.qemu.s]=$R_STATUS FAILED=1
    fi
  fi
  if [ $DO_STRATA = 1 ]; then
    for e in "${ENGINES[@]}"; do
      if [ ! -x "$STRATA" ]; then
        RES[$w.$e.s]=missing
      elif run_engine "strata-$e" "$w" "$STRATA" run --engine "$e" "${STRATA_EXTRA[@]}" \
        --bios none --kernel "$elf"; then
        RES[$w.$e.s]=$R_SECONDS RES[$w.$e.sum]=$R_CHECKSUM RES[$w.$e.n]=$R_INSTRET
        [ -n "${RES[$w.count]:-}" ] || RES[$w.count]=$R_INSTRET
      else
        RES[$w.$e.s]=$R_STATUS STRATA_FAILED=1
      fi
    done
  fi
  if [ $DO_NATIVE = 1 ]; then
    if run_engine native "$w" "$OUT/native/$w"; then
      RES[$w.native.s]=$R_SECONDS RES[$w.native.sum]=$R_CHECKSUM
    else
      RES[$w.native.s]=$R_STATUS FAILED=1
    fi
  fi
done

# --- report ------------------------------------------------------------------------------------

is_num() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

CSV=$OUT/results.csv
echo "workload,engine,instructions,strata_s,strata_mips,qemu_s,qemu_mips,strata_over_qemu,native_s,strata_over_native,checksum" >"$CSV"
echo
mode=full
[ "$QUICK" = 1 ] && mode="quick (1/16 of the work)"
echo "strata: $STRATA${STRATA_FLAGS:+ $STRATA_FLAGS}; qemu: $($QEMU --version 2>/dev/null | head -n 1)"
echo "workloads: $mode, best of $RUNS run(s); load average before: $LOAD_BEFORE"
fmt="%-8s %-7s %14s %10s %8s %10s %8s %9s %10s %9s  %s\n"
# shellcheck disable=SC2059
printf "$fmt" workload engine instructions strata_s MIPS qemu_s MIPS strata/qemu native_s strata/nat checksum
for w in "${WORKLOADS[@]}"; do
  n=${RES[$w.count]:-}
  qs=${RES[$w.qemu.s]:--} ns=${RES[$w.native.s]:--}
  for e in "${ENGINES[@]}"; do
    ss=${RES[$w.$e.s]:--}
    smips=- qmips=- sq=- sn=-
    if [ -n "$n" ] && is_num "$ss"; then smips=$(mips "$n" "$ss"); fi
    if [ -n "$n" ] && is_num "$qs"; then qmips=$(mips "$n" "$qs"); fi
    if is_num "$ss" && is_num "$qs"; then sq=$(ratio "$ss" "$qs"); fi
    if is_num "$ss" && is_num "$ns"; then sn=$(ratio "$ss" "$ns"); fi
    # Checksums: every engine that produced one must agree.
    sums=()
    for x in "$e" qemu native; do
      [ -n "${RES[$w.$x.sum]:-}" ] && sums+=("$x=${RES[$w.$x.sum]}")
    done
    distinct=$(printf '%s\n' "${sums[@]#*=}" | sort -u | grep -c .)
    if [ ${#sums[@]} -eq 0 ]; then
      verdict="none"
    elif [ "$distinct" -gt 1 ]; then
      verdict="MISMATCH ${sums[*]}"
      MISMATCH=1
    elif [ ${#sums[@]} -eq 1 ]; then
      verdict="${sums[0]#*=} (${sums[0]%%=*} only)"
    else
      verdict="match ${sums[0]#*=} ($(printf '%s ' "${sums[@]%%=*}" | sed 's/ $//; s/ /+/g'))"
    fi
    if [ -n "${RES[$w.$e.n]:-}" ] && [ -n "$n" ] && [ "${RES[$w.$e.n]}" != "$n" ]; then
      verdict="$verdict; strata minstret=${RES[$w.$e.n]} != $n"
    fi
    # shellcheck disable=SC2059
    printf "$fmt" "$w" "$e" "${n:--}" "$ss" "$smips" "$qs" "$qmips" "$sq" "$ns" "$sn" "$verdict"
    echo "$w,$e,${n},$ss,$smips,$qs,$qmips,$sq,$ns,$sn,\"$verdict\"" >>"$CSV"
  done
done
echo "(seconds are wall time of the whole emulator process, best of $RUNS; native_s times the" \
  "kernel alone; MIPS = guest instructions / seconds; results also in $CSV)"

if [ $MISMATCH = 1 ] || [ $FAILED = 1 ]; then exit 1; fi
if [ $STRICT = 1 ] && { [ $STRATA_FAILED = 1 ] || [ ! -x "$STRATA" ]; } && [ $DO_STRATA = 1 ]; then
  exit 1
fi
exit 0
