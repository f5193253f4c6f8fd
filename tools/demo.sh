#!/usr/bin/env bash
# README's first command: installs what is missing, builds strata (Release) with its example
# guest, and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/strata run --bios none --kernel build/release/examples/hello.elf
