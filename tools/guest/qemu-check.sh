#!/usr/bin/env bash
# Boots strata's default guest under QEMU (qemu-system-riscv64 -M virt with QEMU's bundled OpenSBI)
# as a reference for strata: runs every in-guest test (tests/*.sh, via strata.test=NAME) and
# checks that each ends with STRATA-TEST-DONE and powers the machine off; drives the interactive
# shell (prompt, controlling tty, ctrl-c, exit powers off); and measures the time from launching
# QEMU to the init's first line.
#
# Usage: tools/guest/qemu-check.sh [--smp "1 4"] [--runs N] [--kernel Image --initrd cpio.gz]
# Without --kernel/--initrd, builds (or finds in the cache) the images with build-all.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

smp_list="1 4"
runs=5
kernel=
initrd=
while (($# > 0)); do
  case $1 in
    --smp)
      smp_list=$2
      shift 2
      ;;
    --runs)
      runs=$2
      shift 2
      ;;
    --kernel)
      kernel=$2
      shift 2
      ;;
    --initrd)
      initrd=$2
      shift 2
      ;;
    *) die "unknown argument: $1 (see the comment at the top of $0)" ;;
  esac
done
ensure_packages qemu-system-misc
if [[ -z $kernel || -z $initrd ]]; then
  while IFS='=' read -r k v; do
    case $k in KERNEL) kernel=$v ;; INITRD) initrd=$v ;; esac
  done < <("${guest_dir}/build-all.sh")
fi
[[ -f $kernel && -f $initrd ]] || die "missing kernel (${kernel}) or initrd (${initrd})"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-riscv64 -M virt -nographic -m 256M -bios default
  -kernel "$kernel" -initrd "$initrd")
failures=0
fail() {
  log "FAIL: $*"
  failures=$((failures + 1))
}
ms_since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", (b - a) * 1000 }'; }

# run_test NAME SMP: boots with strata.test=NAME; the guest must finish the test and power off.
run_test() {
  local name=$1 smp=$2 out=${work}/test-$1-$2.log status=0
  timeout 600 "${qemu[@]}" -smp "$smp" -append "console=ttyS0 strata.test=${name}" \
    </dev/null >"$out" 2>&1 || status=$?
  tr -d '\r' <"$out" >"${out}.txt"
  if ((status != 0)); then
    fail "test ${name} at ${smp} harts: QEMU exit status ${status} (124: timeout)"
  elif ! grep -qx 'STRATA-TEST-DONE' "${out}.txt" ||
    ! grep -q "strata-guest: test ${name} exit status 0" "${out}.txt"; then
    fail "test ${name} at ${smp} harts: no STRATA-TEST-DONE or a failing exit status"
  else
    log "test ${name} at ${smp} harts: ok"
  fi
  grep -E '^(CHECK |worker |cpu[0-9]+ busy)' "${out}.txt" |
    sed "s/^/  [${name} smp=${smp}] /" >&2 || true
  if grep -qE '^CHECK .*=fail' "${out}.txt"; then
    fail "test ${name} at ${smp} harts reports a failure"
  fi
  if [[ $status != 0 || ${STRATA_GUEST_VERBOSE:-0} == 1 ]]; then
    sed 's/^/    | /' "${out}.txt" >&2
  fi
}

# boot_time SMP: milliseconds from launching QEMU to the init's first line, and to power-off.
boot_time() {
  local smp=$1 line start first='' end
  start=$EPOCHREALTIME
  while IFS= read -r line; do
    if [[ -z $first && $line == *"strata-guest: init started"* ]]; then first=$EPOCHREALTIME; fi
  done < <(timeout 120 "${qemu[@]}" -smp "$smp" -append "console=ttyS0 strata.test=boot" \
    </dev/null 2>&1)
  end=$EPOCHREALTIME
  if [[ -z $first ]]; then
    echo "none $(ms_since "$start" "$end")"
  else
    echo "$(ms_since "$start" "$first") $(ms_since "$start" "$end")"
  fi
}

# interactive SMP: the shell on the console: prompt, controlling tty, ctrl-c, and exit powers off.
interactive() {
  local smp=$1 out=${work}/shell-$1.log line state=boot t0=0 saw_tty=0 status=0
  coproc QEMU { exec timeout 300 "${qemu[@]}" -smp "$smp" -append "console=ttyS0" 2>&1; }
  local qin=${QEMU[1]} qout=${QEMU[0]} qpid=$QEMU_PID
  while IFS= read -r -t 120 line <&"$qout"; do
    line=${line%$'\r'}
    printf '%s\n' "$line" >>"$out"
    [[ $line == /dev/ttyS0 ]] && saw_tty=1
    case ${state}:${line} in
      boot:*"starting a shell"*)
        sleep 1
        # shellcheck disable=SC2016 # expanded by the guest's shell
        printf 'tty; echo MARK-$((6 * 7))\n' >&"$qin"
        state=mark
        ;;
      mark:MARK-42)
        printf 'sleep 60\n' >&"$qin"
        sleep 2
        printf '\003' >&"$qin"
        sleep 0.5
        # shellcheck disable=SC2016 # expanded by the guest's shell
        printf 'echo INT-$((1 + 1))\n' >&"$qin"
        t0=$EPOCHREALTIME
        state=int
        ;;
      int:INT-2)
        if (($(ms_since "$t0" "$EPOCHREALTIME") > 20000)); then
          fail "shell at ${smp} harts: ctrl-c did not interrupt sleep"
        fi
        printf 'exit\n' >&"$qin"
        state=finished
        ;;
    esac
  done
  wait "$qpid" || status=$?
  if [[ $state != finished || $status != 0 || $saw_tty != 1 ]]; then
    fail "shell at ${smp} harts: reached '${state}', QEMU status ${status}, tty seen ${saw_tty}"
    sed 's/^/    | /' "$out" >&2
  else
    log "shell at ${smp} harts: prompt, /dev/ttyS0 as controlling tty, ctrl-c, exit powers off: ok"
  fi
}

# median: the median, min and max of the numbers on stdin.
median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] " (min " v[1] ", max " v[NR] ")" }'
}

log "kernel ${kernel}"
log "initrd ${initrd}"
for smp in $smp_list; do
  for t in "${guest_dir}"/tests/*.sh; do
    run_test "$(basename "$t" .sh)" "$smp"
  done
  interactive "$smp"
  times=()
  for ((i = 0; i < runs; i++)); do times+=("$(boot_time "$smp")"); done
  to_init=$(printf '%s\n' "${times[@]}" | cut -d' ' -f1 | median)
  to_off=$(printf '%s\n' "${times[@]}" | cut -d' ' -f2 | median)
  log "boot at ${smp} harts, ${runs} runs: launch to 'init started' ${to_init} ms;" \
    "launch to power-off ${to_off} ms (median, min, max)"
done
if ((failures > 0)); then
  log "${failures} failure(s)"
  exit 1
fi
log "all checks passed"
