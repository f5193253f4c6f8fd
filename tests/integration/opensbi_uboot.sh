#!/usr/bin/env bash
# Firmware boot of U-Boot: strata --bios default (Debian's OpenSBI) with Debian's S-mode U-Boot
# for QEMU's virt board (package u-boot-qemu) as the payload. U-Boot must reach its "=>" prompt
# (the autoboot countdown is interrupted with a key press), answer `version` with its "U-Boot"
# banner, and end the run through `poweroff` (exit status 0); if this U-Boot has no `poweroff`,
# `reset` under --no-reboot must end it with status 0 instead. Skips (status 77) when OpenSBI or
# U-Boot is not installed.
#
# usage: opensbi_uboot.sh --strata BIN [--uboot u-boot.bin] [--cpus N] [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' uboot=/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin cpus=1 timeout=600
parse_options strata uboot cpus timeout -- "$@"
require_strata "$strata"
[[ -r $uboot ]] || skip "U-Boot $uboot is not installed (apt-get install u-boot-qemu)"

vm_start "opensbi_uboot_${cpus}" "$strata" run --bios default --kernel "$uboot" --cpus "$cpus" \
  --no-reboot --timeout "$timeout"

vm_expect_opensbi

vm_expect '^U-Boot [0-9]{4}\.[0-9]{2}' 120
check_ok "U-Boot started: $LINE"
# Stop the autoboot (it would try the distro boot devices first) with a key press.
vm_expect 'Hit any key to stop autoboot' 120 partial
vm_send ''
vm_expect '^=> ?$' 60 partial
check_ok "U-Boot prompt after $(calc "$LINE_TIME - $VM_START") s"

vm_send 'version'
vm_expect '^=> ?version$' 30
vm_expect '^U-Boot [0-9]{4}\.[0-9]{2}' 30
check_ok "version: $LINE"
vm_expect '^=> ?$' 30 partial

# Power off, or reset (--no-reboot: a reboot ends the run) if there is no poweroff command.
vm_send 'poweroff'
vm_wait_for "^(Unknown command 'poweroff'.*)\$" 5
case $? in
  0)
    note "this U-Boot has no poweroff command: using reset"
    vm_expect '^=> ?$' 30 partial
    vm_send 'reset'
    action=reset
    ;;
  1) action=poweroff ;;
  *) action=poweroff ;;
esac
vm_check_exit 60 "U-Boot's ${action}"
finish
