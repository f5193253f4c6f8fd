#!/bin/sh
# Clock rate: the wall-clock time and the uptime, before and after `sleep 5`. The host compares
# the deltas with its own clock (the guest clock must run at the host's rate within 1 %).
# Prints "CHECK key=value" lines for the host and ends with STRATA-TEST-DONE.

read -r up0 _ </proc/uptime
echo "CHECK clock_start_date=$(date +%s)"
echo "CHECK clock_start_uptime=${up0}"
sleep 5
read -r up1 _ </proc/uptime
echo "CHECK clock_end_date=$(date +%s)"
echo "CHECK clock_end_uptime=${up1}"
echo "CHECK clock_uptime_delta=$(awk -v a="$up0" -v b="$up1" 'BEGIN { printf "%.2f", b - a }')"
echo "STRATA-TEST-DONE"
