#!/usr/bin/env bash
# Boot benchmark: time from launch to the first line of the default Linux guest's /init
# ("strata-guest: init started"), strata next to QEMU, with the same kernel and initramfs; and the
# host CPU an idle booted guest uses. See bench/README.md ("Boot").
#
# Engines:
#   strata-E          strata run --engine E --kernel Image --initrd cpio.gz (strata serves SBI
#                     itself), for each --engine E (default: jit and interp)
#   strata+opensbi-E  the same with --bios default (Debian's OpenSBI, like QEMU), first engine only
#   qemu              qemu-system-riscv64 -M virt -bios default -m 256M -smp N -nographic ...
# All get -append "console=ttyS0" and 256 MiB.
#
# usage: bench/boot.sh [options]
#   --strata PATH        strata binary (env STRATA; default build/release/strata)
#   --engine NAME        strata engine (interp, jit); repeat for several (env STRATA_ENGINES,
#                        space-separated; default "jit interp")
#   --kernel FILE, --initrd FILE   the guest (default: what tools/guest/build-all.sh prints)
#   --runs N             boots per engine and hart count; the best (fastest) is reported
#                        (env RUNS; default 3)
#   --smp "1 4"          hart counts (env SMP; default "1 4")
#   --idle-seconds S     length of the idle CPU sample (env IDLE_SECONDS; default 10)
#   --settle S           wait this long after the shell starts before sampling (env SETTLE;
#                        default 5)
#   --timeout S          give up on a boot after S seconds (env TIMEOUT; default 180)
#   --out DIR            logs and results.csv (env BENCH_OUT; default build/bench-boot)
#   --no-qemu, --no-opensbi, --no-idle, --no-boot   leave a part out
# env STRATA_FLAGS: extra arguments for `strata run`; QEMU: the QEMU binary.
#
# Exit status: 0 when every boot that was attempted reached the init line, 1 otherwise, 2 on a
# usage error or a missing guest.
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

STRATA=${STRATA:-$ROOT/build/release/strata}
STRATA_FLAGS=${STRATA_FLAGS:-}
QEMU=${QEMU:-qemu-system-riscv64}
RUNS=${RUNS:-3}
SMP=${SMP:-1 4}
IDLE_SECONDS=${IDLE_SECONDS:-10}
SETTLE=${SETTLE:-5}
TIMEOUT=${TIMEOUT:-180}
OUT=${BENCH_OUT:-$ROOT/build/bench-boot}
KERNEL=${KERNEL:-}
INITRD=${INITRD:-}
read -r -a STRATA_ENGINES <<<"${STRATA_ENGINES:-}"
DO_QEMU=1
DO_OPENSBI=1
DO_IDLE=1
DO_BOOT=1
readonly INIT_LINE='strata-guest: init started'
readonly SHELL_LINE='strata-guest: starting a shell'

die() {
  echo "boot.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --strata) STRATA=${2:?--strata needs a path}; shift 2 ;;
    --engine) STRATA_ENGINES+=("${2:?--engine needs a name}"); shift 2 ;;
    --kernel) KERNEL=${2:?--kernel needs a file}; shift 2 ;;
    --initrd) INITRD=${2:?--initrd needs a file}; shift 2 ;;
    --runs) RUNS=${2:?--runs needs a count}; shift 2 ;;
    --smp) SMP=${2:?--smp needs hart counts}; shift 2 ;;
    --idle-seconds) IDLE_SECONDS=${2:?--idle-seconds needs seconds}; shift 2 ;;
    --settle) SETTLE=${2:?--settle needs seconds}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    --no-qemu) DO_QEMU=0; shift ;;
    --no-opensbi) DO_OPENSBI=0; shift ;;
    --no-idle) DO_IDLE=0; shift ;;
    --no-boot) DO_BOOT=0; shift ;;
    -h | --help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
for n in $SMP; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "--smp: '$n' is not a hart count"; done
[[ $IDLE_SECONDS =~ ^[0-9]+(\.[0-9]+)?$ && $SETTLE =~ ^[0-9]+(\.[0-9]+)?$ ]] ||
  die "--idle-seconds and --settle take seconds"

if [ -z "$KERNEL" ] || [ -z "$INITRD" ]; then
  echo "boot.sh: building or finding the guest with tools/guest/build-all.sh" >&2
  guest=$("$ROOT/tools/guest/build-all.sh") || die "tools/guest/build-all.sh failed"
  [ -n "$KERNEL" ] || KERNEL=$(sed -n 's/^KERNEL=//p' <<<"$guest")
  [ -n "$INITRD" ] || INITRD=$(sed -n 's/^INITRD=//p' <<<"$guest")
fi
[ -r "$KERNEL" ] || die "kernel '$KERNEL' is not readable"
[ -r "$INITRD" ] || die "initrd '$INITRD' is not readable"
[ -x "$STRATA" ] || die "no strata binary at $STRATA (build it, or --strata PATH)"
if [ $DO_QEMU = 1 ] && ! command -v "$QEMU" >/dev/null; then
  echo "boot.sh: $QEMU not found: skipping QEMU (apt-get install qemu-system-misc)" >&2
  DO_QEMU=0
fi
mkdir -p "$OUT/logs" || die "cannot create $OUT"

# mawk reads its input in whole buffers unless told otherwise; the reader must see each line as it
# arrives.
AWK=(awk)
if awk -W version 2>&1 | grep -q mawk; then AWK=(awk -W interactive); fi
CLK_TCK=$(getconf CLK_TCK)

[ ${#STRATA_ENGINES[@]} -gt 0 ] || STRATA_ENGINES=(jit interp)
ENGINES=()
for e in "${STRATA_ENGINES[@]}"; do ENGINES+=("strata-$e"); done
FIRST=${STRATA_ENGINES[0]}
[ $DO_OPENSBI = 1 ] && ENGINES+=("strata+opensbi-$FIRST")
[ $DO_QEMU = 1 ] && ENGINES+=(qemu)

# engine_cmd ENGINE HARTS: sets CMD to the command line.
engine_cmd() {
  local flags=()
  read -r -a flags <<<"$STRATA_FLAGS"
  case $1 in
    strata-*)
      CMD=("$STRATA" run --engine "${1#strata-}" --kernel "$KERNEL" --initrd "$INITRD"
        --append console=ttyS0 --mem 256M --cpus "$2" "${flags[@]}") ;;
    strata+opensbi-*)
      CMD=("$STRATA" run --engine "${1#strata+opensbi-}" --bios default --kernel "$KERNEL"
        --initrd "$INITRD" --append console=ttyS0 --mem 256M --cpus "$2" "${flags[@]}") ;;
    qemu)
      CMD=("$QEMU" -M virt -bios default -m 256M -smp "$2" -nographic -kernel "$KERNEL"
        -initrd "$INITRD" -append console=ttyS0) ;;
  esac
}

VM_PID=
READER=
stop_vm() {
  if [ -n "$VM_PID" ]; then
    kill -TERM "$VM_PID" 2>/dev/null
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$VM_PID" 2>/dev/null || break
      sleep 0.2
      [ "$i" -lt 10 ] || kill -KILL "$VM_PID" 2>/dev/null
    done
    wait "$VM_PID" 2>/dev/null
  fi
  VM_PID=
  if [ -n "$READER" ]; then exec {READER}<&-; fi
  READER=
}
trap 'stop_vm; rm -rf "${WORK:-}"' EXIT
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-boot.XXXXXX") || die "mktemp failed"

# launch LOG CMD...: starts CMD with stdin at EOF and its output on a FIFO. An awk reader copies
# every line to LOG and writes "init" / "shell" on the READER descriptor when it sees /init's
# first line / the shell line. Sets T0 (launch time) and VM_PID.
launch() {
  local log=$1
  shift
  rm -f "$WORK/out"
  mkfifo "$WORK/out" || die "mkfifo failed"
  # shellcheck disable=SC2016 # an awk program
  exec {READER}< <("${AWK[@]}" -v logf="$log" -v init="$INIT_LINE" -v shell="$SHELL_LINE" '
    { sub(/\r$/, ""); print > logf; fflush(logf) }
    index($0, init) == 1 { print "init"; fflush() }
    index($0, shell) == 1 { print "shell"; fflush() }' <"$WORK/out")
  T0=$EPOCHREALTIME
  "$@" </dev/null >"$WORK/out" 2>&1 &
  VM_PID=$!
}

# wait_for WHAT: waits (up to TIMEOUT) for the reader to report WHAT; sets T1 to the time.
wait_for() {
  local what
  while IFS= read -r -t "$TIMEOUT" -u "$READER" what; do
    if [ "$what" = "$1" ]; then
      T1=$EPOCHREALTIME
      return 0
    fi
  done
  return 1
}

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# utime + stime of a process, in clock ticks.
cpu_ticks() {
  local stat
  stat=$(<"/proc/$1/stat") || return 1
  stat=${stat##*) }
  # After "pid (comm) ": state is field 1, utime field 12, stime field 13.
  awk '{ print $12 + $13 }' <<<"$stat"
}

declare -A BEST=() ALL=() IDLE=()
failures=0

boot_run() {
  local engine=$1 harts=$2 run=$3 log t
  log=$OUT/logs/boot-$engine-$harts-$run.log
  engine_cmd "$engine" "$harts"
  launch "$log" "${CMD[@]}"
  if wait_for init; then
    t=$(seconds "$T0" "$T1")
    ALL[$engine,$harts]+="${ALL[$engine,$harts]:+ }$t"
    if [ -z "${BEST[$engine,$harts]:-}" ] ||
      awk -v a="$t" -v b="${BEST[$engine,$harts]}" 'BEGIN { exit !(a < b) }'; then
      BEST[$engine,$harts]=$t
    fi
    printf '  %-15s %d hart(s) run %d: %s s\n' "$engine" "$harts" "$run" "$t" >&2
  else
    ALL[$engine,$harts]+="${ALL[$engine,$harts]:+ }failed"
    failures=$((failures + 1))
    printf '  %-15s %d hart(s) run %d: no "%s" within %s s; last lines of %s:\n' "$engine" \
      "$harts" "$run" "$INIT_LINE" "$TIMEOUT" "$log" >&2
    tail -n 15 "$log" >&2
  fi
  stop_vm
}

idle_run() {
  local engine=$1 harts=$2 log c0 c1 t0 t1
  log=$OUT/logs/idle-$engine-$harts.log
  engine_cmd "$engine" "$harts"
  launch "$log" "${CMD[@]}"
  if ! wait_for shell; then
    IDLE[$engine,$harts]=failed
    failures=$((failures + 1))
    printf '  %-15s %d hart(s): no shell within %s s; last lines of %s:\n' "$engine" "$harts" \
      "$TIMEOUT" "$log" >&2
    tail -n 15 "$log" >&2
    stop_vm
    return
  fi
  sleep "$SETTLE"
  t0=$EPOCHREALTIME
  c0=$(cpu_ticks "$VM_PID")
  sleep "$IDLE_SECONDS"
  c1=$(cpu_ticks "$VM_PID")
  t1=$EPOCHREALTIME
  if [ -n "$c0" ] && [ -n "$c1" ]; then
    IDLE[$engine,$harts]=$(awk -v c="$((c1 - c0))" -v hz="$CLK_TCK" -v a="$t0" -v b="$t1" \
      'BEGIN { printf "%.1f", 100 * c / hz / (b - a) }')
    printf '  %-15s %d hart(s): %s %% of one core over %s s\n' "$engine" "$harts" \
      "${IDLE[$engine,$harts]}" "$IDLE_SECONDS" >&2
  else
    IDLE[$engine,$harts]=exited
    failures=$((failures + 1))
    printf '  %-15s %d hart(s): the process exited while idle; see %s\n' "$engine" "$harts" \
      "$log" >&2
  fi
  stop_vm
}

echo "boot.sh: kernel $KERNEL" >&2
echo "boot.sh: initrd $INITRD" >&2
echo "boot.sh: host $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if [ $DO_BOOT = 1 ]; then
  echo "boot.sh: launch to \"$INIT_LINE\", $RUNS run(s) each" >&2
  for harts in $SMP; do
    for ((run = 1; run <= RUNS; run++)); do
      # Engines take turns, so a burst of load elsewhere on the host hits them alike.
      for engine in "${ENGINES[@]}"; do boot_run "$engine" "$harts" "$run"; done
    done
  done
fi
if [ $DO_IDLE = 1 ]; then
  echo "boot.sh: idle CPU: boot to the shell, wait ${SETTLE} s, sample ${IDLE_SECONDS} s" >&2
  for harts in $SMP; do
    for engine in "${ENGINES[@]}"; do idle_run "$engine" "$harts"; done
  done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ratio A B: A / B to two decimals, or "-".
ratio() {
  if [[ ${1:-} =~ ^[0-9.]+$ && ${2:-} =~ ^[0-9.]+$ ]]; then
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
  else
    echo -
  fi
}

csv=$OUT/results.csv
echo "measure,engine,harts,value,runs" >"$csv"
echo
if [ $DO_BOOT = 1 ]; then
  printf 'Boot: launch to "%s", best of %d (seconds)\n' "$INIT_LINE" "$RUNS"
  printf '%-6s' harts
  for engine in "${ENGINES[@]}"; do printf ' %18s' "$engine"; done
  for engine in "${ENGINES[@]}"; do
    [ "$engine" = qemu ] || [ $DO_QEMU = 0 ] || printf ' %18s' "$engine/qemu"
  done
  [ $DO_OPENSBI = 0 ] || printf ' %22s' "+opensbi/-$FIRST"
  printf '\n'
  for harts in $SMP; do
    printf '%-6s' "$harts"
    for engine in "${ENGINES[@]}"; do
      printf ' %18s' "${BEST[$engine,$harts]:-failed}"
      echo "boot_s,$engine,$harts,${BEST[$engine,$harts]:-failed},${ALL[$engine,$harts]:-}" >>"$csv"
    done
    for engine in "${ENGINES[@]}"; do
      [ "$engine" = qemu ] || [ $DO_QEMU = 0 ] ||
        printf ' %18s' "$(ratio "${BEST[$engine,$harts]:-}" "${BEST[qemu,$harts]:-}")"
    done
    [ $DO_OPENSBI = 0 ] ||
      printf ' %22s' "$(ratio "${BEST[strata+opensbi-$FIRST,$harts]:-}" \
        "${BEST[strata-$FIRST,$harts]:-}")"
    printf '\n'
  done
  for harts in $SMP; do
    for engine in "${ENGINES[@]}"; do
      printf '  all runs, %-15s %d hart(s): %s\n' "$engine" "$harts" "${ALL[$engine,$harts]:-}"
    done
  done
  echo
fi
if [ $DO_IDLE = 1 ]; then
  printf 'Idle: host CPU of a guest idle at its shell, over %s s (%% of one core)\n' \
    "$IDLE_SECONDS"
  printf '%-6s' harts
  for engine in "${ENGINES[@]}"; do printf ' %18s' "$engine"; done
  for engine in "${ENGINES[@]}"; do
    [ "$engine" = qemu ] || [ $DO_QEMU = 0 ] || printf ' %18s' "$engine/qemu"
  done
  printf '\n'
  for harts in $SMP; do
    printf '%-6s' "$harts"
    for engine in "${ENGINES[@]}"; do
      printf ' %18s' "${IDLE[$engine,$harts]:-failed}"
      echo "idle_cpu_pct,$engine,$harts,${IDLE[$engine,$harts]:-failed}," >>"$csv"
    done
    for engine in "${ENGINES[@]}"; do
      [ "$engine" = qemu ] || [ $DO_QEMU = 0 ] ||
        printf ' %18s' "$(ratio "${IDLE[$engine,$harts]:-}" "${IDLE[qemu,$harts]:-}")"
    done
    printf '\n'
  done
  echo
fi
echo "host: $(nproc) CPUs; load average after: $load_after; results: $csv; logs: $OUT/logs"
[ "$failures" -eq 0 ] || exit 1
exit 0
