#!/bin/sh
# Boot: the smallest test, for boot-time measurements and as a first check that the guest runs.
# Prints "CHECK key=value" lines for the host and ends with STRATA-TEST-DONE.

read -r up _ </proc/uptime
echo "CHECK uptime=${up}"
echo "CHECK kernel=$(uname -r)"
echo "CHECK machine=$(uname -m)"
echo "CHECK hart_count=$(grep -c '^processor' /proc/cpuinfo)"
echo "CHECK isa=$(awk -F': ' '/^isa/ { print $2; exit }' /proc/cpuinfo)"
echo "CHECK mmu=$(awk -F': ' '/^mmu/ { print $2; exit }' /proc/cpuinfo)"
echo "CHECK mem_total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
echo "STRATA-TEST-DONE"
