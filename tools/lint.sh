#!/usr/bin/env bash
# clang-format and clang-tidy over strata's own C++ sources. Uses build/release's compilation
# database (run a release configure first).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cc' '*.h' | grep -E '^(src|tests/unit)/')
clang-format --dry-run --Werror "${sources[@]}"
mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep -E '\.cc$')
printf '%s\n' "${units[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy-16 -p build/release --quiet
echo "lint: clean (${#sources[@]} files)"
