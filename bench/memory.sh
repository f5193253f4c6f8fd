#!/usr/bin/env bash
# Memory benchmark: the monitor's own memory, next to QEMU's, with the default Linux guest booted to
# its shell on one hart. See bench/README.md ("Memory").
#
# For each VM, /proc/PID/smaps is read once the shell has started and settled:
#   rss       the whole process (every mapping's Rss)
#   guest     guest RAM the guest has touched: strata's anonymous mapping exactly the size of the
#             guest's RAM; for QEMU, its anonymous mappings at least as large
#   code      strata's translated-code buffer (its rwx anonymous mapping), excluded from the goal
#   overhead  rss - guest - code: what the monitor itself costs (goal: at most 10 MiB)
#
# usage: bench/memory.sh [options]
#   --strata PATH        strata binary (env STRATA; default build/release/strata)
#   --engine NAME        strata engine (default jit)
#   --kernel FILE, --initrd FILE   the guest (default: what tools/guest/build-all.sh prints)
#   --mem SIZE           guest RAM in MiB (default 256)
#   --settle S           wait this long after the shell starts (default 3)
#   --timeout S          give up on a boot after S seconds (default 120)
#   --no-qemu            strata only
# env STRATA_FLAGS: extra arguments for `strata run`; QEMU: the QEMU binary.
#
# Exit status: 0 when every VM reached its shell, 1 otherwise, 2 on a usage error.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRATA=${STRATA:-$ROOT/build/release/strata}
QEMU=${QEMU:-qemu-system-riscv64}
ENGINE=jit
MEM=256
SETTLE=3
TIMEOUT=120
DO_QEMU=1
KERNEL=
INITRD=
readonly SHELL_LINE='strata-guest: starting a shell'

die() {
  echo "memory.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --strata) STRATA=${2:?--strata needs a path}; shift 2 ;;
    --engine) ENGINE=${2:?--engine needs a name}; shift 2 ;;
    --kernel) KERNEL=${2:?--kernel needs a file}; shift 2 ;;
    --initrd) INITRD=${2:?--initrd needs a file}; shift 2 ;;
    --mem) MEM=${2:?--mem needs MiB}; shift 2 ;;
    --settle) SETTLE=${2:?--settle needs seconds}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift 2 ;;
    --no-qemu) DO_QEMU=0; shift ;;
    -h | --help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
done
[[ $MEM =~ ^[1-9][0-9]*$ ]] || die "--mem takes MiB"
[[ $SETTLE =~ ^[0-9]+(\.[0-9]+)?$ && $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "bad --settle/--timeout"
if [ -z "$KERNEL" ] || [ -z "$INITRD" ]; then
  guest=$("$ROOT/tools/guest/build-all.sh") || die "tools/guest/build-all.sh failed"
  [ -n "$KERNEL" ] || KERNEL=$(sed -n 's/^KERNEL=//p' <<<"$guest")
  [ -n "$INITRD" ] || INITRD=$(sed -n 's/^INITRD=//p' <<<"$guest")
fi
[ -r "$KERNEL" ] && [ -r "$INITRD" ] || die "guest kernel or initrd not readable"
[ -x "$STRATA" ] || die "no strata binary at $STRATA (build it, or --strata PATH)"
if [ $DO_QEMU = 1 ] && ! command -v "$QEMU" >/dev/null; then
  echo "memory.sh: $QEMU not found: skipping QEMU" >&2
  DO_QEMU=0
fi
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

# measure NAME CMD...: boots CMD, prints "NAME rss guest code overhead" in KiB, or NAME failed.
measure() {
  local name=$1
  shift
  "$@" </dev/null >"$LOG" 2>&1 &
  local pid=$! waited=0
  while ! grep -q "$SHELL_LINE" "$LOG" && kill -0 $pid 2>/dev/null && [ $waited -lt $((TIMEOUT * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if ! grep -q "$SHELL_LINE" "$LOG"; then
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    echo "$name failed"
    return 1
  fi
  sleep "$SETTLE"
  awk -v name="$name" -v mem_kib=$((MEM * 1024)) '
    /^[0-9a-f]+-[0-9a-f]+ / {
      kind = "other"
      anonymous = NF == 5
      if ($2 ~ /x/ && $2 ~ /w/ && anonymous) kind = "code"
      next
    }
    /^Size:/ {
      if (anonymous && kind == "other" && (name == "qemu" ? $2 >= mem_kib : $2 == mem_kib))
        kind = "guest"
    }
    /^Rss:/ { rss += $2; part[kind] += $2 }
    END {
      printf "%s %d %d %d %d\n", name, rss, part["guest"], part["code"],
        rss - part["guest"] - part["code"]
    }' "/proc/$pid/smaps"
  kill $pid 2>/dev/null
  wait $pid 2>/dev/null
}

read -r -a flags <<<"${STRATA_FLAGS:-}"
results=()
failed=0
line=$(measure "strata-$ENGINE" "$STRATA" run --engine "$ENGINE" --kernel "$KERNEL" \
  --initrd "$INITRD" --append console=ttyS0 --mem "${MEM}M" --cpus 1 "${flags[@]}") || failed=1
results+=("$line")
if [ $DO_QEMU = 1 ]; then
  line=$(measure qemu "$QEMU" -M virt -bios default -m "${MEM}M" -smp 1 -nographic \
    -kernel "$KERNEL" -initrd "$INITRD" -append console=ttyS0) || failed=1
  results+=("$line")
fi

echo "Memory after booting to the shell, 1 hart, ${MEM} MiB guest (MiB)"
printf '%-14s %9s %9s %9s %9s\n' vm rss guest code overhead
for r in "${results[@]}"; do
  read -r name rss guest code overhead <<<"$r"
  if [ "$rss" = failed ]; then
    printf '%-14s %9s\n' "$name" failed
  else
    awk -v n="$name" -v a="$rss" -v b="$guest" -v c="$code" -v d="$overhead" \
      'BEGIN { printf "%-14s %9.1f %9.1f %9.1f %9.1f\n", n, a/1024, b/1024, c/1024, d/1024 }'
  fi
done
exit $failed
