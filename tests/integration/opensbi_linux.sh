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
parse_options strata kernel initrd cpus timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"

vm_start "opensbi_linux_${cpus}" "$strata" run --bios default --kernel "$kernel" \
  --initrd "$initrd" --append "console=ttyS0 strata.test=boot" --cpus "$cpus" --timeout "$timeout"
exec {VM_IN}>&-  # no console input: stdin at its end from the start
VM_IN=

vm_expect_opensbi
vm_expect '^Platform HART Count *: *([0-9]+)$' 60
check "OpenSBI sees ${BASH_REMATCH[1]} hart(s), --cpus $cpus" test "${BASH_REMATCH[1]}" = "$cpus"
vm_expect '^strata-guest: init started$' 300
check_ok "init started after $(calc "$LINE_TIME - $VM_START") s"
vm_expect '^STRATA-TEST-DONE$' 300
check "boot test: hart_count=$(check_value hart_count)" test "$(check_value hart_count)" = "$cpus"
vm_check_guest_test boot
finish
