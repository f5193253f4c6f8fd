#!/usr/bin/env bash
# virtio-balloon driven through the control socket (`strata ctl`), with the host's view of the
# VM's memory (RssAnon of the strata process: guest RAM is private anonymous memory, most of it).
#
# Mode "inflate" (--balloon=reporting=off, so that only the balloon returns memory):
#   - the guest fills most of its free RAM (a file on its RAM root file system), then deletes it:
#     the pages are free in the guest but resident on the host;
#   - `balloon` to half the RAM; the driver's `actual` reaches the target; RssAnon drops by at
#     least 80 % of the balloon's size;
#   - query-balloon returns the guest's statistics (total and free memory, plausible values);
#   - the guest's MemFree falls by the balloon's size;
#   - `balloon` to 0 (deflate): `actual` returns to 0, the guest fills as much memory as before,
#     and 1 MiB it writes reads back intact;
#   - power-off → exit status 0.
# Mode "reporting" (free page reporting on): after the guest fills and deletes the same file,
#   RssAnon drops by at least half of it within 30 s without any balloon target, and
#   query-balloon counts the discarded pages.
#
# usage: virtio_balloon.sh --strata BIN --kernel IMAGE --initrd CPIO --mode inflate|reporting
#                          [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' timeout=600 mode=inflate
parse_options strata kernel initrd mode timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"
[[ $mode == inflate || $mode == reporting ]] || die "--mode inflate or reporting"

# Inflate: a small guest keeps the fill short. Reporting: Linux reports only while more than 32
# blocks of 4 MiB (its PAGE_REPORTING_CAPACITY of pageblocks) stay free above the low watermark,
# so it needs a guest with well over 128 MiB free; it fills 64 MiB of it.
ram_mib=128
fill_expression='int(\$2 / 1024) - 32'
balloon_option=--balloon=reporting=off
if [[ $mode == reporting ]]; then
  ram_mib=256
  fill_expression=64
  balloon_option=--balloon
fi
socket_dir=$(mktemp -d "${TMPDIR:-/tmp}/strata-balloon.XXXXXX") || die "mktemp failed"
at_exit rm -rf "$socket_dir"
socket=$socket_dir/control.sock
vm_start "virtio_balloon_$mode" "$strata" run --kernel "$kernel" --initrd "$initrd" \
  --append "console=ttyS0" --mem "${ram_mib}M" "$balloon_option" --control "unix:$socket" \
  --timeout "$timeout"

# ctl REQUEST: sends one request; the reply goes to REPLY (and the log).
REPLY=
ctl() {
  REPLY=$("$strata" ctl --socket "$socket" "$1") || {
    printf '%s ctl %s -> FAILED %s\n' "$SINCE_START" "$1" "$REPLY" >>"$VM_LOG"
    return 1
  }
  since_start
  printf '%s ctl %s -> %s\n' "$SINCE_START" "$1" "$REPLY" >>"$VM_LOG"
}
# json_number KEY: the first number after "KEY": in REPLY.
json_number() {
  [[ $REPLY =~ \"$1\":([0-9]+) ]] && printf '%s' "${BASH_REMATCH[1]}"
}
rss_anon_kib() { awk '/^RssAnon:/ { print $2 }' "/proc/$VM_PID/status"; }

vm_await_shell 300

ctl '{"execute":"query-balloon","refresh_stats":false}' || die "query-balloon failed: $REPLY"
[[ $REPLY == *'"driver_ready":true'* ]] || die "the balloon driver is not ready: $REPLY"
check_ok "the guest's balloon driver is up"

# Fill the guest's free memory (leaving 32 MiB) with a file on a tmpfs as large as RAM (the root
# file system stops at half of it), then delete it.
# shellcheck disable=SC2016 # expanded by the guest's shell
vm_send "mkdir -p /mnt/fill && mount -t tmpfs -o size=100% tmpfs /mnt/fill; F=\$(awk \"/^MemFree:/ { print $fill_expression }\" /proc/meminfo); "'dd if=/dev/zero of=/mnt/fill/f bs=1M count=$F 2>/dev/null; echo "FILLED=$(($(wc -c < /mnt/fill/f) >> 20))"; rm /mnt/fill/f'
vm_expect '^FILLED=([0-9]+)$' 400
filled_mib=${BASH_REMATCH[1]}
filled_rss=$(rss_anon_kib)
check_ok "the guest filled and freed ${filled_mib} MiB; RssAnon ${filled_rss} KiB"

if [[ $mode == reporting ]]; then
  # Linux reports free blocks of 4 MiB about 2 s after they accumulate.
  target_kib=$((filled_rss - filled_mib * 1024 / 2))
  rss=$filled_rss
  for _ in $(seq 1 60); do
    rss=$(rss_anon_kib)
    ((rss > target_kib)) || break
    sleep 0.5
  done
  check "free page reporting: RssAnon ${filled_rss} -> ${rss} KiB (at most ${target_kib})" \
    test "$rss" -le "$target_kib"
  ctl '{"execute":"query-balloon","refresh_stats":false}'
  discarded=$(json_number pages_discarded)
  check "query-balloon counts ${discarded:-no} discarded pages" test "${discarded:-0}" -ge $((filled_mib * 256 / 2))
else
  half_mib=$((ram_mib / 2))
  # shellcheck disable=SC2016 # expanded by the guest's shell
  vm_send 'echo "FREE=$(awk "/^MemFree:/ { print int(\$2 / 1024) }" /proc/meminfo)"'
  vm_expect '^FREE=([0-9]+)$' 30
  free_before_mib=${BASH_REMATCH[1]}
  ctl "{\"execute\":\"balloon\",\"target_mib\":${half_mib}}" || die "balloon failed: $REPLY"
  inflate_start=$EPOCHREALTIME
  actual=0
  for _ in $(seq 1 120); do
    ctl '{"execute":"query-balloon","refresh_stats":false}'
    actual=$(json_number actual_pages)
    ((actual < half_mib * 256)) || break
    sleep 0.5
  done
  check "actual reaches the target: ${actual} pages of $((half_mib * 256)) in $(calc "$EPOCHREALTIME - $inflate_start") s" \
    test "$actual" -eq $((half_mib * 256))
  inflated_rss=$(rss_anon_kib)
  dropped=$((filled_rss - inflated_rss))
  check "RssAnon dropped by ${dropped} KiB (${filled_rss} -> ${inflated_rss}), at least 80 % of $((half_mib * 1024))" \
    test "$dropped" -ge $((half_mib * 1024 * 8 / 10))

  # Statistics from the guest.
  ctl '{"execute":"query-balloon"}'
  total=$(json_number total-memory)
  free=$(json_number free-memory)
  check "statistics: total-memory ${total:-none}, free-memory ${free:-none}" \
    test -n "$total" -a -n "$free" -a "${total:-0}" -le $((ram_mib << 20)) -a \
    "${total:-0}" -gt $((ram_mib << 19)) -a "${free:-0}" -lt "${total:-0}"
  # The guest sees the memory gone.
  # shellcheck disable=SC2016 # expanded by the guest's shell
  vm_send 'echo "FREE=$(awk "/^MemFree:/ { print int(\$2 / 1024) }" /proc/meminfo)"'
  vm_expect '^FREE=([0-9]+)$' 30
  check "the guest's free memory fell from ${free_before_mib} to ${BASH_REMATCH[1]} MiB (by at least ${half_mib} - 8)" \
    test $((free_before_mib - BASH_REMATCH[1])) -ge $((half_mib - 8))

  # Deflate, and use the memory again.
  ctl '{"execute":"balloon","target_mib":0}' || die "deflate failed: $REPLY"
  for _ in $(seq 1 120); do
    ctl '{"execute":"query-balloon","refresh_stats":false}'
    actual=$(json_number actual_pages)
    ((actual > 0)) || break
    sleep 0.5
  done
  check "deflated: actual ${actual} pages" test "$actual" -eq 0
  # The memory is the guest's again: it fills as much as before, and data it writes reads back.
  # shellcheck disable=SC2016 # expanded by the guest's shell
  vm_send 'F=$(awk "/^MemFree:/ { print int(\$2 / 1024) - 32 }" /proc/meminfo); dd if=/dev/zero of=/mnt/fill/f bs=1M count=$F 2>/dev/null; echo "REFILL=$(($(wc -c < /mnt/fill/f) >> 20))"; rm /mnt/fill/f'
  vm_expect '^REFILL=([0-9]+)$' 400
  check "after deflating the guest fills ${BASH_REMATCH[1]} MiB again (at least ${filled_mib} - 8)" \
    test "${BASH_REMATCH[1]}" -ge $((filled_mib - 8))
  pattern_sum=$(yes strata | head -c 1048576 | md5sum | cut -d' ' -f1)
  vm_send 'yes strata | head -c 1048576 > /pattern; echo "PATTERN=$(md5sum < /pattern)"; rm /pattern'
  vm_expect '^PATTERN=([0-9a-f]+)' 120
  check "1 MiB written after deflating read back intact" test "${BASH_REMATCH[1]}" = "$pattern_sum"
fi

# Hostile control input on the same socket: the VM keeps running.
ctl '{"execute":"balloon","target_mib":99999}'
check "a target beyond RAM is refused" test "${REPLY//InvalidArgument/}" != "$REPLY"
ctl 'this is not json' || true
check "malformed JSON gets a ParseError" test "${REPLY//ParseError/}" != "$REPLY"
vm_send 'echo "AL""IVE"'
vm_expect '^ALIVE$' 30

vm_poweroff 60
check "the control socket is removed at exit" test ! -e "$socket"
finish
