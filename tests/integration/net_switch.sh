#!/usr/bin/env bash
# Two VMs on one `strata switch` (--net switch:SOCKET): static addresses 10.1.0.1 (sender) and
# 10.1.0.2 (receiver), MACs derived from their command lines (they must differ), ping both ways,
# then the sender streams MB MiB over TCP (nc) and both sides' MD5 sums must match. The switch
# must exit cleanly on SIGTERM and remove its socket. The receiver runs in the background with its
# console in <logs>/net_switch_receiver.log; the sender is driven through its console.
#
# usage: net_switch.sh --strata BIN --kernel IMAGE --initrd CPIO [--mb MB] [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' mb=8 timeout=600
parse_options strata kernel initrd mb timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"

work=$(mktemp -d "${TMPDIR:-/tmp}/strata-net-switch.XXXXXX")
socket=${work}/switch.sock
log_dir=${STRATA_IT_LOG_DIR:-$work}
mkdir -p "$log_dir"
receiver_log=${log_dir}/net_switch_receiver.log
switch_pid='' receiver_pid=''
stop_helpers() {
  [[ -z $receiver_pid ]] || kill "$receiver_pid" 2>/dev/null
  [[ -z $switch_pid ]] || kill "$switch_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
at_exit stop_helpers

"$strata" switch --socket "$socket" --verbose 2>"${log_dir}/net_switch_switch.log" &
switch_pid=$!
for _ in $(seq 50); do [[ -S $socket ]] && break; sleep 0.1; done
[[ -S $socket ]] || die "strata switch did not create $socket"

guest=(--kernel "$kernel" --initrd "$initrd" --net "switch:${socket}" --timeout "$timeout")
"$strata" run "${guest[@]}" --append "console=ttyS0 strata.test=net_switch \
strata.net.ip=10.1.0.2/24 strata.net.peer=10.1.0.1 strata.net.role=receive" \
  </dev/null >"$receiver_log" 2>&1 &
receiver_pid=$!

vm_start net_switch_sender "$strata" run "${guest[@]}" --append "console=ttyS0 \
strata.test=net_switch strata.net.ip=10.1.0.1/24 strata.net.peer=10.1.0.2 strata.net.role=send \
strata.net.mb=${mb}"

receiver_value() { tr -d '\r' <"$receiver_log" | sed -n "s/^CHECK $1=//p" | tail -n 1; }
# wait_receiver REGEX SECONDS: waits for a line of the receiver's console.
wait_receiver() {
  local i
  for ((i = 0; i < $2 * 10; ++i)); do
    tr -d '\r' <"$receiver_log" | grep -Eq "$1" && return 0
    kill -0 "$receiver_pid" 2>/dev/null || break
    sleep 0.1
  done
  tr -d '\r' <"$receiver_log" | grep -Eq "$1"
}

vm_expect '^CHECK ping=(.*)$' 300
check "sender pinged the receiver: ${BASH_REMATCH[1]} replies (want 3/3)" \
  test "${BASH_REMATCH[1]}" = 3/3
vm_expect '^STRATA-NET-SEND-READY$' 120
wait_receiver '^STRATA-NET-LISTENING$' 300 || die "the receiver never listened (see $receiver_log)"
check "receiver pinged the sender: $(receiver_value ping) replies (want 3/3)" \
  test "$(receiver_value ping)" = 3/3
check "the VMs have different MACs: $(check_value mac) and $(receiver_value mac)" \
  test -n "$(check_value mac)" -a "$(check_value mac)" != "$(receiver_value mac)"
vm_send "go"
vm_expect '^STRATA-TEST-DONE$' "$timeout"
wait_receiver '^STRATA-TEST-DONE$' 120 || check_fail "the receiver did not finish"
sent=$(check_value md5)
received=$(receiver_value md5)
seconds=$(check_value seconds)
check "MD5 of the ${mb} MiB sent (${sent}) = received (${received})" \
  test -n "$sent" -a "$sent" = "$received"
note "transfer: ${mb} MiB in ${seconds} s of guest time ($(calc "$mb / ($seconds + 0.000001)") MiB/s)"

vm_check_exit 120 "the sender's power-off"
wait "$receiver_pid"
status=$?
receiver_pid=
check "receiver exit status ${status} (want 0)" test "$status" = 0
kill -TERM "$switch_pid"
wait "$switch_pid"
status=$?
switch_pid=
check "strata switch exit status ${status} after SIGTERM (want 0)" test "$status" = 0
check "strata switch removed its socket" test ! -e "$socket"
finish
