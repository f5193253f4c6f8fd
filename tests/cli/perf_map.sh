#!/usr/bin/env bash
# --perf-map: strata writes /tmp/perf-PID.map with a line per translated region, in the format
# Linux perf reads (START SIZE NAME, hex), naming the hart and the guest physical address.
# usage: perf_map.sh STRATA KERNEL
set -uo pipefail
strata=$1
kernel=$2
"$strata" run --bios none --kernel "$kernel" --engine jit --jit-hot 1 --max-insns 2000000 \
  --perf-map >/dev/null 2>&1 &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
[[ -f $map ]] || { echo "no $map"; exit 1; }
trap 'rm -f "$map"' EXIT
lines=$(wc -l <"$map")
bad=$(grep -cvE '^[0-9a-f]+ [0-9a-f]+ strata:hart0:pa=0x8[0-9a-f]{7}$' "$map")
if ((lines == 0 || bad != 0)); then
  printf '%s has %s lines, %s not in perf'"'"'s format:\n' "$map" "$lines" "$bad"
  head -5 "$map"
  exit 1
fi
# The program's entry (the ELF's, 0x80000000) was translated first.
first=$(head -1 "$map")
[[ $first == *" strata:hart0:pa=0x80000000" ]] || { echo "first region: $first"; exit 1; }
echo "$lines regions named"
