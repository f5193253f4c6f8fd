#!/usr/bin/env bash
# Dumps the device tree strata generates (--dump-dtb) and checks that dtc decompiles it without a
# single warning. usage: dtb_check.sh STRATA KERNEL OUT_DIR [extra strata args...]
set -euo pipefail
strata=$1
kernel=$2
out=$3
shift 3
dtb="$out/dump-$$.dtb"
"$strata" run --bios none --kernel "$kernel" --max-insns 1 --dump-dtb "$dtb" "$@" 2>/dev/null || true
[[ -s $dtb ]] || { echo "no device tree was written"; exit 1; }
if ! command -v dtc >/dev/null; then echo "dtc is not installed"; exit 1; fi
warnings=$(dtc -I dtb -O dts -o "$out/dump-$$.dts" "$dtb" 2>&1)
rm -f "$dtb"
if [[ -n $warnings ]]; then printf 'dtc reports:\n%s\n' "$warnings"; exit 1; fi
grep -q 'compatible = "ns16550a"' "$out/dump-$$.dts" || { echo "no UART node"; exit 1; }
rm -f "$out/dump-$$.dts"
echo "device tree clean"
