#!/usr/bin/env bash
# Builds (or finds in the cache) strata's default Linux guest: the kernel Image and the initramfs.
# Prints two lines, KERNEL=<path> and INITRD=<path>, on stdout; progress goes to stderr.
#   eval "$(tools/guest/build-all.sh)" && strata ... --kernel "$KERNEL" --initrd "$INITRD"
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kernel=$("${dir}/build-linux.sh")
initrd=$("${dir}/build-initramfs.sh")
echo "KERNEL=${kernel}"
echo "INITRD=${initrd}"
