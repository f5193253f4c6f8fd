#!/bin/sh
# Real-time clock: the RTC's time (seconds since the epoch, UTC) next to the system time, twice,
# 2 s apart. The host compares them with its own time.
# Prints "CHECK key=value" lines for the host and ends with STRATA-TEST-DONE.

rtc=/sys/class/rtc/rtc0
read_rtc() {
  if [ -r "${rtc}/since_epoch" ]; then
    cat "${rtc}/since_epoch"
  else
    echo none
  fi
}

if [ -d "$rtc" ]; then
  echo "CHECK rtc_name=$(cat "${rtc}/name")"
else
  echo "CHECK rtc_name=none"
fi
r0=$(read_rtc)
echo "CHECK rtc_since_epoch=${r0}"
echo "CHECK system_date=$(date +%s)"
if [ -e /dev/rtc0 ] && hwclock -r -u >/tmp/rtc.hwclock 2>&1; then
  echo "CHECK rtc_hwclock=$(cat /tmp/rtc.hwclock)"
fi
rm -f /tmp/rtc.hwclock
sleep 2
r1=$(read_rtc)
echo "CHECK rtc_since_epoch_after_2s=${r1}"
if [ "$r0" != none ] && [ "$r1" != none ]; then
  echo "CHECK rtc_advance=$((r1 - r0))"
fi
echo "STRATA-TEST-DONE"
