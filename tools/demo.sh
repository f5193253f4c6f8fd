#!/usr/bin/env bash
# README's first command: installs what is missing, builds strata (Release) and the default Linux
# guest (kernel + BusyBox initramfs, cached after the first build), and boots it to a shell.
# Leave the shell with `poweroff` (or Ctrl-A x). Extra arguments go to `strata run`, e.g. --cpus 4.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
eval "$(tools/guest/build-all.sh)"
exec build/release/strata run --kernel "$KERNEL" --initrd "$INITRD" "$@"
