#!/usr/bin/env bash
# Build the strata guest tests with the cross compiler and run them on QEMU's
# spike machine, the reference oracle for the suite.
#
#   tests/guest/run-on-qemu.sh                 build every src/*.S into $OUT and run them
#   tests/guest/run-on-qemu.sh NAME...         only these tests (e.g. rv64i_alu rvc)
#   tests/guest/run-on-qemu.sh path/x.elf...   run already built QEMU-flavoured ELFs
#                                              (<build>/tests/guest/qemu/*.elf, -DSTRATA_GUEST_QEMU=ON)
#
# Environment: CC (default riscv64-unknown-elf-gcc), QEMU (qemu-system-riscv64),
# OUT (build directory, default /tmp/strata-guest-qemu), TIMEOUT (seconds, 20).
# Tests whose source contains the marker STRATA-ONLY check behaviour QEMU does
# not implement (see README.md) and are skipped here.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CC="${CC:-riscv64-unknown-elf-gcc}"
QEMU="${QEMU:-qemu-system-riscv64}"
OUT="${OUT:-/tmp/strata-guest-qemu}"
TIMEOUT="${TIMEOUT:-20}"
# H is switched off so misa matches strata's RV64ACDFIMSU; -icount makes
# instret exact (and time deterministic: 1 ns per instruction).
QEMU_CPU=rv64,h=false,zba=true,zbb=true,zbs=true,sstc=true
QEMU_COMMON=(-cpu "$QEMU_CPU" -bios none -nographic -monitor none -serial stdio)
QEMU_ICOUNT=(-icount shift=0)

source "$here/flags.sh"

# Tests marked "QEMU-MACHINE: virt" need the time CSR / Sstc, which QEMU's
# spike machine does not provide; they are built with -DQEMU_VIRT (exit via
# the SiFive test device, console on the UART) and run on -M virt instead.
machine_of() { # src -> spike|virt
  if grep -q 'QEMU-MACHINE: virt' "$1"; then echo virt; else echo spike; fi
}

build_one() { # name -> path of elf
  local name="$1" src
  for src in "$here/src/$name.S"; do
    [ -f "$src" ] || continue
    mkdir -p "$OUT"
    local GUEST_EXTRA_FLAGS="-DQEMU_ORACLE"
    [ "$(machine_of "$src")" = virt ] && GUEST_EXTRA_FLAGS="$GUEST_EXTRA_FLAGS -DQEMU_VIRT"
    if ! guest_compile "$src" "$OUT/$name.elf"; then
      return 1
    fi
    echo "$OUT/$name.elf"
    return 0
  done
  echo "no source for test '$name'" >&2
  return 1
}

elfs=()
names=()
if [ $# -eq 0 ]; then
  for src in "$here"/src/*.S; do
    [ -f "$src" ] || continue
    b="$(basename "$src")"
    names+=("${b%.*}")
  done
else
  for a in "$@"; do
    if [[ "$a" == *.elf ]]; then elfs+=("$a"); else names+=("$a"); fi
  done
fi

pass=0 fail=0 skipped=0
failed=()
build_failed=0
for n in "${names[@]}"; do
  if e="$(build_one "$n")"; then elfs+=("$e"); else
    echo "BUILD FAIL $n"; fail=$((fail+1)); failed+=("$n(build)")
  fi
done

for e in "${elfs[@]}"; do
  n="$(basename "$e" .elf)"
  src=""
  for s in "$here/src/$n.S"; do [ -f "$s" ] && src="$s"; done
  if [ -n "$src" ] && grep -q 'STRATA-ONLY' "$src"; then
    echo "SKIP $n (strata-only)"; skipped=$((skipped+1)); continue
  fi
  m=spike
  [ -n "$src" ] && m="$(machine_of "$src")"
  extra=()
  # "QEMU-ARGS: ..." in a source: more QEMU options (e.g. -smp 2).
  [ -n "$src" ] && read -r -a extra <<<"$(sed -n 's/.*QEMU-ARGS: //p' "$src" | head -1)"
  # "QEMU-NO-ICOUNT": a multi-hart test that needs QEMU's parallel (MTTCG) mode;
  # with -icount QEMU runs the harts round-robin and can starve one of them.
  if [ -z "$src" ] || ! grep -q 'QEMU-NO-ICOUNT' "$src"; then extra+=("${QEMU_ICOUNT[@]}"); fi
  log="$(timeout "$TIMEOUT" "$QEMU" -M "$m" "${QEMU_COMMON[@]}" "${extra[@]}" -kernel "$e" </dev/null 2>&1)"
  rc=$?
  if [ $rc -eq 0 ] && [ -n "$src" ] && grep -q 'EXPECT-OUTPUT: ' "$src"; then
    want="$(sed -n 's/.*EXPECT-OUTPUT: //p' "$src" | head -1)"
    if ! grep -qF -- "$want" <<<"$log"; then rc=1; log="$log (missing output '$want')"; fi
  fi
  if [ $rc -eq 0 ]; then
    echo "PASS $n"; pass=$((pass+1))
  else
    [ $rc -eq 124 ] && log="$log (timeout)"
    echo "FAIL $n (exit $rc) ${log//$'\n'/ | }"; fail=$((fail+1)); failed+=("$n")
  fi
done
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
