#!/usr/bin/env bash
# Firmware boot of Linux: strata --bios default (Debian's OpenSBI, M-mode) + the default guest's
# kernel and initramfs with strata.test=boot. The kernel must reach /init's first line, the boot
# test must finish with the expected hart count, and the guest's power-off (through OpenSBI's
# SRST) must end strata with exit status 0. Skips (status 77) when OpenSBI is not installed.
#
# usage: opensbi_linux.sh --strata BIN --kernel IMAGE --initrd CPIO [--cpus N] [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' cpus=1 timeout=900
while [[ $# -gt 0 ]]; do
  case $1 in
    --strata) strata=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --initrd) initrd=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ -x $strata ]] || die "strata binary '$strata' is not executable"
require_file kernel "$kernel"
require_file initrd "$initrd"

vm_start "opensbi_linux_${cpus}" "$strata" run --bios default --kernel "$kernel" \
  --initrd "$initrd" --append "console=ttyS0 strata.test=boot" --cpus "$cpus" --timeout "$timeout"
exec {VM_IN}>&-  # no console input: stdin at its end from the start
VM_IN=

vm_wait_for '^(OpenSBI v[0-9.]+|strata: --bios default: OpenSBI is not installed.*)$' 120
case $? in
  0) ;;
  1) die "no OpenSBI banner within 120 s" ;;
  *) ;;
esac
if [[ $LINE == *"is not installed"* ]]; then
  vm_wait_exit 10
  skip "$LINE"
fi
[[ $LINE == OpenSBI* ]] || {
  vm_wait_exit 10
  die "strata stopped (exit status $VM_STATUS) before OpenSBI printed its banner"
}
check_ok "firmware: $LINE"
vm_expect '^Platform HART Count *: *([0-9]+)$' 60
check "OpenSBI sees ${BASH_REMATCH[1]} hart(s), --cpus $cpus" test "${BASH_REMATCH[1]}" = "$cpus"
vm_expect '^strata-guest: init started$' 300
check_ok "init started after $(calc "$LINE_TIME - $VM_START") s"
vm_expect '^STRATA-TEST-DONE$' 300
check "boot test: hart_count=$(check_value hart_count)" test "$(check_value hart_count)" = "$cpus"
vm_expect '^strata-guest: test boot exit status ([0-9]+)$' 60
check "boot test exit status ${BASH_REMATCH[1]}" test "${BASH_REMATCH[1]}" = 0
vm_wait_exit 120 || check_fail "strata did not exit within 120 s of the guest's power-off"
check "exit status ${VM_STATUS} after the guest powered off (want 0)" test "$VM_STATUS" = 0
finish
