#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (clang-16, ASan+UBSan) in build/fuzz and runs each
# for SECONDS (default 60). Corpora persist in build/fuzz/corpus/<harness>; a crash leaves its
# input in build/fuzz/artifacts/ and makes this script fail.
#   tools/fuzz.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${root}/build/fuzz
command -v clang++-16 >/dev/null || { echo "fuzz.sh: clang++-16 is not installed" >&2; exit 1; }
cmake -S "$root" -B "$build" -G Ninja -DSTRATA_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-16 >/dev/null
cmake --build "$build" -j2
mkdir -p "${build}/artifacts"
status=0
for harness in "$build"/fuzz_*; do
  [[ -x $harness ]] || continue
  name=$(basename "$harness")
  mkdir -p "${build}/corpus/${name}"
  echo "fuzz.sh: ${name} for ${seconds} s"
  if ! "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="${build}/artifacts/${name}-" "${build}/corpus/${name}" \
    >"${build}/${name}.log" 2>&1; then
    echo "fuzz.sh: ${name} FAILED; see ${build}/${name}.log" >&2
    tail -n 40 "${build}/${name}.log" >&2
    status=1
  else
    grep -E 'stat::number_of_executed_units|cov:' "${build}/${name}.log" | tail -n 2
  fi
done
exit "$status"
