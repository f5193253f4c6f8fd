#!/usr/bin/env bash
# README's second command: the whole test suite. Builds and tests the Release build and the
# AddressSanitizer + UndefinedBehaviorSanitizer build, then checks formatting and lint.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)

for preset in release sanitize; do
  echo "=== ${preset}: build"
  cmake --preset "${preset}" >/dev/null
  cmake --build --preset "${preset}"
  echo "=== ${preset}: test"
  ctest --preset "${preset}" -j "${jobs}"
done

echo "=== lint"
tools/lint.sh
