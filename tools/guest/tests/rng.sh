#!/bin/sh
# virtio-rng: reads 256 bytes through /dev/hwrng from every virtio_rng source in turn and reports,
# for each, how many bytes arrived and how many distinct byte values they hold (random data has
# about 160 of 256; a stuck or zero source has 1). The host checks the numbers.
# Prints "CHECK key=value" lines for the host and ends with STRATA-TEST-DONE.

dir=/sys/class/misc/hw_random
echo "CHECK rng_available=$(cat "${dir}/rng_available" 2>/dev/null)"
n=0
for rng in $(cat "${dir}/rng_available" 2>/dev/null); do
  case $rng in virtio_rng.*) ;; *) continue ;; esac
  echo "$rng" >"${dir}/rng_current"
  head -c 256 /dev/hwrng >/tmp/rng.bin
  bytes=$(wc -c </tmp/rng.bin)
  distinct=$(od -An -v -tx1 /tmp/rng.bin | tr -s ' ' '\n' | grep -v '^$' | sort -u | wc -l)
  echo "CHECK rng_${n}=$(cat "${dir}/rng_current") bytes=${bytes} distinct=${distinct}"
  n=$((n + 1))
done
rm -f /tmp/rng.bin
echo "CHECK virtio_rng_count=${n}"
echo "STRATA-TEST-DONE"
