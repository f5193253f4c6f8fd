#!/usr/bin/env bash
# virtio-console as the guest's console: strata runs with the UART on `--serial null` and a
# virtio-console on stdio, Linux gets console=hvc1 (hvc0 is the kernel's SBI console in the
# default guest), and the test drives the guest's shell through the virtio-console alone:
#   - the kernel log and /init's lines arrive over virtio-console (nothing goes to the UART);
#   - the shell answers typed commands, /dev/hvc1 is the virtio port (sysfs names virtio_console);
#   - a 1.3 MiB burst of input (more than the driver's receive buffers hold at once) reaches the
#     guest intact: flow control holds input back rather than dropping it (md5 compares);
#   - `poweroff -f` ends strata with exit status 0.
#
# usage: virtio_console.sh --strata BIN --kernel IMAGE --initrd CPIO [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' timeout=600
parse_options strata kernel initrd timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"

vm_start virtio_console "$strata" run --kernel "$kernel" --initrd "$initrd" \
  --append "console=hvc1" --serial null --vconsole=stdio --timeout "$timeout"

vm_expect '^\[ *[0-9]+\.[0-9]+\] ' 300
check_ok "kernel messages arrive over virtio-console"
vm_expect '^strata-guest: init started$' 300
vm_await_shell 120
check_ok "the shell answers over virtio-console"

# shellcheck disable=SC2016 # expanded by the guest's shell
vm_send 'echo "TTY=$(tty) PORT=$(cat /sys/class/virtio-ports/vport*p0/name 2>/dev/null; ls /sys/class/virtio-ports)"'
vm_expect '^TTY=([^ ]*) PORT=(.*)$' 30
check "the shell's tty is ${BASH_REMATCH[1]} (virtio port ${BASH_REMATCH[2]})" \
  test "${BASH_REMATCH[1]}" = /dev/hvc1 -a -n "${BASH_REMATCH[2]}"

# A burst of input larger than all the receive buffers the driver posts (256 pages): the device
# must hold input back while the guest's tty is throttled and resume when buffers come back.
# `head -c` in the foreground reads exactly the burst; the guest prints its size and checksum.
payload_file=$VM_DIR/burst
head -c 1000000 /dev/urandom | base64 -w 76 >"$payload_file"
size=$(wc -c <"$payload_file")
expected_sum=$(md5sum <"$payload_file" | cut -d' ' -f1)
# shellcheck disable=SC2016 # expanded by the guest's shell
vm_send "stty -echo; head -c $size > /tmp/burst; stty echo; echo \"SUM=\$(wc -c < /tmp/burst) \$(md5sum < /tmp/burst)\""
sleep 1
burst_start=$EPOCHREALTIME
cat "$payload_file" >&"$VM_IN" || die "cannot write the burst"
vm_expect '^SUM=([0-9]+) ([0-9a-f]+)' 120
check "a ${size}-byte burst arrives intact in $(calc "$LINE_TIME - $burst_start") s (${BASH_REMATCH[1]} bytes, md5 ${BASH_REMATCH[2]})" \
  test "${BASH_REMATCH[1]}" = "$size" -a "${BASH_REMATCH[2]}" = "$expected_sum"

vm_poweroff 60
finish
