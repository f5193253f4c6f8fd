#!/bin/sh
# SMP: the hart count, a ~2 s CPU workload on every hart (each hart must be kept busy and every
# worker must finish with correct results), then a stress of parallel forking pipelines.
# Prints "CHECK key=value" lines for the host and ends with STRATA-TEST-DONE.

# Sets $now to the uptime in centiseconds (no fork).
now_cs() {
  read -r _up _ </proc/uptime
  now=$((${_up%.*} * 100 + 1${_up#*.} - 100))
}

# Per-hart busy and total jiffies from /proc/stat, one "cpuN busy total" line per hart.
cpu_times() {
  awk '/^cpu[0-9]/ {
    b = $2 + $3 + $4 + $7 + $8; t = 0; for (i = 2; i <= NF; i++) t += $i; print $1, b, t }' /proc/stat
}

harts=$(grep -c '^processor' /proc/cpuinfo)
echo "CHECK hart_count=${harts}"
echo "CHECK cpus_online=$(cat /sys/devices/system/cpu/online)"
[ "$harts" -ge 1 ] || harts=1
result=pass

# --- CPU workload: one worker per hart for about 2 s of guest time. Each round computes a sum of
# squares with shell arithmetic and compares it with awk's answer.
expected=$(awk 'BEGIN { s = 0; for (i = 0; i < 500; i++) s = (s + i * i) % 1000003; print s }')
worker() {
  rounds=0
  now_cs
  while [ "$now" -lt "$deadline" ]; do
    i=0
    s=0
    while [ $i -lt 500 ]; do
      s=$(((s + i * i) % 1000003))
      i=$((i + 1))
    done
    if [ "$s" != "$expected" ]; then
      echo "worker $1: wrong sum ${s} (expected ${expected})"
      return 1
    fi
    rounds=$((rounds + 1))
    now_cs
  done
  echo "worker $1: ${rounds} rounds"
}

cpu_times >/tmp/smp.before
now_cs
deadline=$((now + 200))
pids=
k=0
while [ $k -lt "$harts" ]; do
  worker $k &
  pids="$pids $!"
  k=$((k + 1))
done
ok=0
for pid in $pids; do
  if wait "$pid"; then ok=$((ok + 1)); fi
done
cpu_times >/tmp/smp.after
echo "CHECK cpu_workers=${harts} ok=${ok}"
[ "$ok" -eq "$harts" ] || result=fail

# A hart counts as busy when the workload kept it busy at least half of the time.
busy=$(awk 'NR == FNR { b[$1] = $2; t[$1] = $3; next }
  { db = $2 - b[$1]; dt = $3 - t[$1]; if (dt > 0 && 2 * db >= dt) n++
    printf "%s busy %d%%\n", $1, (dt > 0 ? 100 * db / dt : 0) > "/tmp/smp.busy" }
  END { print n + 0 }' /tmp/smp.before /tmp/smp.after)
cat /tmp/smp.busy
echo "CHECK busy_harts=${busy}"
[ "$busy" -eq "$harts" ] || result=fail

# --- Stress: 2 jobs per hart, each running pipelines of forked processes 3 times.
stress_job() {
  r=0
  while [ $r -lt 3 ]; do
    total=$(seq 1 200 | while read -r x; do echo $((x * 2)); done |
      awk '{ s += $1 } END { print s }')
    nested=$(sh -c 'sh -c "echo deep"' | cat | cat)
    if [ "$total" != 40200 ] || [ "$nested" != deep ]; then
      echo "stress $1: round $r got '${total}' '${nested}'"
      return 1
    fi
    r=$((r + 1))
  done
}
jobs_n=$((2 * harts))
pids=
k=0
while [ $k -lt $jobs_n ]; do
  stress_job $k &
  pids="$pids $!"
  k=$((k + 1))
done
ok=0
for pid in $pids; do
  if wait "$pid"; then ok=$((ok + 1)); fi
done
echo "CHECK stress_jobs=${jobs_n} ok=${ok}"
[ "$ok" -eq "$jobs_n" ] || result=fail

rm -f /tmp/smp.before /tmp/smp.after /tmp/smp.busy
echo "CHECK smp_result=${result}"
echo "STRATA-TEST-DONE"
