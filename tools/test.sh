#!/usr/bin/env bash
# README's second command: the whole test suite. Builds the default Linux guest (cached), then
# builds and tests the Release build and the AddressSanitizer + UndefinedBehaviorSanitizer build
# (unit, guest ISA, differential, CLI, example and Linux integration tests), runs the fuzzers for a
# bounded time, then checks formatting (everywhere) and clang-tidy (src/).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
jobs=$(nproc)

echo "=== guest image"
eval "$(tools/guest/build-all.sh)"

# The sanitizer run skips what only repeats engine coverage there: lockstep (the translator and
# the interpreter, each already run on its own) and the translator's twins of the Linux boots
# (the device integration tests already boot Linux on the translator, the default engine).
for preset in release sanitize; do
  echo "=== ${preset}: build"
  cmake --preset "${preset}" -DSTRATA_GUEST_KERNEL="${KERNEL}" -DSTRATA_GUEST_INITRD="${INITRD}" \
    >/dev/null
  cmake --build --preset "${preset}"
  echo "=== ${preset}: test"
  filter=()
  [[ $preset == sanitize ]] && filter=(-LE lockstep -E '^integration\..*-jit$')
  ctest --preset "${preset}" -j "${jobs}" "${filter[@]}"
done

echo "=== fuzz (libFuzzer: the virtqueue parser, qcow2 images)"
tools/fuzz.sh 45

# clang-format over everything; clang-tidy over the product code (src/). Over the tests too it
# takes about 45 minutes of the 2 cores CI has: run `tools/lint.sh` for the full check.
echo "=== lint"
LINT_TIDY=0 tools/lint.sh
tools/lint.sh src
