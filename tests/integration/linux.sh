#!/usr/bin/env bash
# Boots the default Linux guest (tools/guest) on strata with N harts to its shell and drives it
# through the console (strata's stdin and stdout are pipes), checking on the host:
#   - /proc/cpuinfo shows N harts (and /tests/smp.sh agrees);
#   - /tests/smp.sh: a CPU workload on every hart and a stress of parallel forking pipelines
#     complete (with several harts, strata's --stats must show SBI IPI and RFENCE calls);
#   - the guest clock runs at the host's rate within 1 %: the guest's uptime and wall-clock time
#     (adjtimex, microseconds) are printed at two markers around a `sleep 10` in the guest, and
#     compared with the host times at which those lines arrive; /tests/clock.sh (5 s, with a
#     `date` fork between reading the clock and printing it) is held to 3 %;
#   - /tests/rtc.sh: the RTC and the system date match the host's date within 3 s and the RTC
#     advances;
#   - `poweroff` at the shell, as the README tells a user to leave, ends strata with exit
#     status 0 (the other tests use `poweroff -f`).
#
# usage: linux.sh --strata BIN --kernel IMAGE --initrd CPIO --cpus N [--timeout SECONDS]
#                 [--name NAME]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' cpus=1 timeout=1200 name=''
parse_options strata kernel initrd cpus timeout name -- "$@"
[[ -n $name ]] || name=linux_${cpus}
require_guest "$strata" "$kernel" "$initrd"

vm_start "$name" "$strata" run --kernel "$kernel" --initrd "$initrd" --append "console=ttyS0" \
  --cpus "$cpus" --timeout "$timeout" --stats

# --- Boot to the shell.
vm_expect '^strata-guest: init started$' 300
check_ok "init started after $(calc "$LINE_TIME - $VM_START") s"
vm_await_shell 120
check_ok "the shell answers"

# --- Hart count.
# shellcheck disable=SC2016 # expanded by the guest's shell
vm_send 'echo "HA""RTS=$(grep -c ^processor /proc/cpuinfo)"'
vm_expect '^HARTS=([0-9]+)$' 60
harts=${BASH_REMATCH[1]}
check "/proc/cpuinfo lists $harts hart(s), --cpus $cpus" test "$harts" -eq "$cpus"

# --- CPU workload on every hart and SMP stress.
vm_run_guest_test 600 /tests/smp.sh
smp_time=$(calc "$LINE_TIME - $VM_START")
check "smp.sh hart_count=$(check_value hart_count)" test "$(check_value hart_count)" = "$cpus"
online=0
[[ $cpus -eq 1 ]] || online=0-$((cpus - 1))
check "smp.sh cpus_online=$(check_value cpus_online)" test "$(check_value cpus_online)" = "$online"
check "smp.sh cpu_workers=$(check_value cpu_workers)" \
  test "$(check_value cpu_workers)" = "${cpus} ok=${cpus}"
check "smp.sh busy_harts=$(check_value busy_harts)" test "$(check_value busy_harts)" = "$cpus"
check "smp.sh stress_jobs=$(check_value stress_jobs)" \
  test "$(check_value stress_jobs)" = "$((2 * cpus)) ok=$((2 * cpus))"
check "smp.sh smp_result=$(check_value smp_result)" test "$(check_value smp_result)" = pass
note "smp.sh done at $smp_time s"

# --- Clock rate: two markers around a 10 s sleep in the guest. A marker reads /proc/uptime and
# prints it at once (shell builtins only), then adjtimex prints the wall-clock time in
# microseconds, then the uptime is printed again; the host notes when each line arrives.
#  - uptime: the guest's delta between the first lines of the markers against the host's delta
#    between their arrivals, within 1 %;
#  - wall clock: adjtimex read the time somewhere between the arrival of its marker's first line
#    (less 20 ms for the way out) and the arrival of its last line, so the host's delta lies in an
#    interval; the guest's delta must lie in that interval widened by 1 %.
declare -a up=() up_host=() rt=() end_host=()
read_marker() {
  local k=$1 sec
  vm_expect "^CLK${k} ([0-9]+\\.[0-9]+)\$" 120
  up[k]=${BASH_REMATCH[1]}
  up_host[k]=$LINE_TIME
  vm_expect '^ *time\.tv_sec: *([0-9]+)$' 60
  sec=${BASH_REMATCH[1]}
  vm_expect '^ *time\.tv_usec: *([0-9]+)$' 60
  rt[k]=$(calc "$sec + ${BASH_REMATCH[1]} / 1e6")
  vm_expect "^CLK${k}E ([0-9]+\\.[0-9]+)\$" 60
  end_host[k]=$LINE_TIME
}
# shellcheck disable=SC2016 # expanded by the guest's shell
vm_send 'm() { read u _ </proc/uptime; echo "CLK$1 $u"; adjtimex; echo "CLK$1E $u"; }'
vm_send 'm 0'
read_marker 0
vm_send 'sleep 10'
vm_send 'm 1'
read_marker 1
host_d=$(calc "${up_host[1]} - ${up_host[0]}")
guest_d=$(calc "${up[1]} - ${up[0]}")
err=$(calc "100 * ($guest_d - $host_d) / $host_d")
check "uptime: guest ${guest_d} s over host ${host_d} s (${err} %, limit 1 %)" \
  float_true "$host_d >= 9.5 && $err <= 1 && $err >= -1"
host_lo=$(calc "${up_host[1]} - 0.02 - ${end_host[0]}")
host_hi=$(calc "${end_host[1]} - ${up_host[0]} + 0.02")
guest_d=$(calc "${rt[1]} - ${rt[0]}")
check "wall clock: guest ${guest_d} s, host ${host_lo} to ${host_hi} s (limit 1 %)" \
  float_true "$guest_d >= 0.99 * $host_lo && $guest_d <= 1.01 * $host_hi"
offset=$(calc "${rt[0]} - ${up_host[0]}")
check "guest wall clock - host wall clock = ${offset} s (limit 3 s)" \
  float_true "$offset <= 3 && $offset >= -3"

# /tests/clock.sh: its own uptime and date deltas, and its uptime delta against the host.
vm_send 'sh /tests/clock.sh'
vm_expect '^CHECK clock_start_uptime=([0-9.]+)$' 60
clock_host0=$LINE_TIME
vm_expect '^CHECK clock_end_uptime=([0-9.]+)$' 60
clock_host1=$LINE_TIME
vm_expect '^STRATA-TEST-DONE$' 60
u0=$(check_value clock_start_uptime)
u1=$(check_value clock_end_uptime)
d0=$(check_value clock_start_date)
d1=$(check_value clock_end_date)
host_d=$(calc "$clock_host1 - $clock_host0")
guest_d=$(calc "$u1 - $u0")
err=$(calc "100 * ($guest_d - $host_d) / $host_d")
check "clock.sh: uptime delta ${guest_d} s over host ${host_d} s (${err} %, limit 3 %)" \
  float_true "$err <= 3 && $err >= -3"
check "clock.sh: sleep 5 took ${guest_d} s of uptime (5 to 6 s)" \
  float_true "$guest_d >= 5 && $guest_d <= 6"
check "clock.sh: date delta $((d1 - d0)) s matches the uptime delta ${guest_d} s within 1 s" \
  float_true "($d1 - $d0) - $guest_d <= 1 && ($d1 - $d0) - $guest_d >= -1"

# --- RTC.
vm_send 'sh /tests/rtc.sh'
vm_expect '^CHECK rtc_since_epoch=(.*)$' 60
rtc0=${BASH_REMATCH[1]}
rtc_host=$LINE_TIME
vm_expect '^CHECK system_date=([0-9]+)$' 60
sys_date=${BASH_REMATCH[1]}
sys_host=$LINE_TIME
vm_expect '^STRATA-TEST-DONE$' 60
check "rtc.sh: rtc_name=$(check_value rtc_name)" test "$(check_value rtc_name)" != none
if [[ $rtc0 =~ ^[0-9]+$ ]]; then
  diff=$(calc "$rtc0 - $rtc_host")
  check "RTC ${rtc0} - host date ${rtc_host} = ${diff} s (limit 3 s)" \
    float_true "$diff <= 3 && $diff >= -3"
else
  check_fail "rtc.sh: rtc_since_epoch=${rtc0} is not a number"
fi
diff=$(calc "$sys_date - $sys_host")
check "system date ${sys_date} - host date ${sys_host} = ${diff} s (limit 3 s)" \
  float_true "$diff <= 3 && $diff >= -3"
advance=$(check_value rtc_advance)
check "rtc.sh: the RTC advanced ${advance:-?} s over a 2 s sleep (1 to 3)" \
  float_true "${advance:-0} >= 1 && ${advance:-0} <= 3"

# --- Power-off, the way the README tells a user to leave the shell.
vm_send 'poweroff'
vm_check_exit 120 'poweroff'

# --- SBI traffic (strata --stats): IPIs and remote fences with several harts.
sbi_calls() {
  sed -n "s/^[0-9.]* *$1 *\\([0-9][0-9]*\\)\$/\\1/p" "$VM_LOG" | tail -n 1
}
if grep -q 'SBI calls by extension' "$VM_LOG"; then
  ipi=$(sbi_calls IPI)
  rfence=$(sbi_calls RFENCE)
  note "SBI calls: IPI ${ipi:-0}, RFENCE ${rfence:-0}"
  if [[ $cpus -gt 1 ]]; then
    check "SBI IPI calls ${ipi:-0} > 0" test "${ipi:-0}" -gt 0
    check "SBI RFENCE calls ${rfence:-0} > 0" test "${rfence:-0}" -gt 0
  fi
else
  note "no --stats output with SBI counters; IPI/RFENCE counts not checked"
fi

finish
