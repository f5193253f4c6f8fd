#!/usr/bin/env bash
# README's second command: the whole test suite. Builds the default Linux guest (cached), then
# builds and tests the Release build and the AddressSanitizer + UndefinedBehaviorSanitizer build
# (unit, guest ISA, CLI, example and Linux integration tests), then checks formatting and lint.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)

echo "=== guest image"
eval "$(tools/guest/build-all.sh)"

for preset in release sanitize; do
  echo "=== ${preset}: build"
  cmake --preset "${preset}" -DSTRATA_GUEST_KERNEL="${KERNEL}" -DSTRATA_GUEST_INITRD="${INITRD}" \
    >/dev/null
  cmake --build --preset "${preset}"
  echo "=== ${preset}: test"
  ctest --preset "${preset}" -j "${jobs}"
done

echo "=== lint"
tools/lint.sh
