#!/usr/bin/env bash
# clang-format and clang-tidy over strata's own C++ sources (src/, tests/unit/, tests/diff/).
# Uses build/release's compilation database (run `cmake --preset release` first). Exits 0 only
# when both are clean, 1 on any finding, 2 if the tools or the database are missing.
#
# Usage: tools/lint.sh [FILE|DIR...]  (relative to the repository root; default: src/,
# tests/unit/ and tests/diff/). A header alone is only format-checked: clang-tidy sees headers
# through the .cc files that include them.
# LINT_JOBS sets how many clang-tidy processes run at once (default: nproc); LINT_TIDY=0 skips
# clang-tidy. clang-tidy-16 takes
# 10-40 s of CPU per translation unit here, most of it in the standard library, fmt and GoogleTest
# headers, so the run takes minutes.
set -uo pipefail
cd "$(dirname "$0")/.."

clang_format=${CLANG_FORMAT:-clang-format}
clang_tidy=clang-tidy-16  # see .clang-tidy: other versions disagree with this configuration
jobs=${LINT_JOBS:-$(nproc)}
database=build/release/compile_commands.json

for tool in "$clang_format" "$clang_tidy"; do
  command -v "$tool" >/dev/null || { echo "lint: $tool not found" >&2; exit 2; }
done
if [[ ! -f $database ]]; then
  echo "lint: $database missing: run 'cmake --preset release' first" >&2
  exit 2
fi

# Tracked files plus new ones not yet added, so a local run covers work in progress; arguments
# (files or directories) narrow it down.
mapfile -t sources < <(git ls-files --cached --others --exclude-standard -- "${@:-.}" |
                       grep -E '^(src|tests/unit|tests/diff)/.*\.(cc|h)$' | sort -u |
                       while read -r f; do [[ -f $f ]] && echo "$f"; done)
mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep -E '\.cc$' || true)
# LINT_TIDY=0 checks formatting only (fast): tools/test.sh runs clang-tidy over src/ alone.
[[ ${LINT_TIDY:-1} == 0 ]] && units=()
if [[ ${#sources[@]} -eq 0 ]]; then
  echo "lint: no sources found" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$SECONDS

# --- clang-format ---------------------------------------------------------------------------
unformatted=()
for f in "${sources[@]}"; do
  "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if [[ ${#unformatted[@]} -gt 0 ]]; then
  "$clang_format" --dry-run --Werror "${unformatted[@]}" 2>&1 | head -n 60
  echo
fi

# --- clang-tidy -----------------------------------------------------------------------------
# One process per translation unit, each with its own log and exit status, so parallel output
# does not interleave and a crash or a compile error counts as a failure even without a
# diagnostic line (xargs would only say that some run failed). The unit tests go first: they are
# the slowest (GoogleTest), and starting them early keeps one long run from finishing alone.
[[ ${#units[@]} -gt 0 ]] && echo "lint: clang-tidy over ${#units[@]} translation units, $jobs at a time"
[[ ${#units[@]} -gt 0 ]] && printf '%s\n' "${units[@]}" |
  awk '{ print ($0 ~ /^tests\//) ? 0 : 1, NR, $0 }' | sort -s -n -k1,1 | cut -d' ' -f2- |
  xargs -P "$jobs" -L 1 bash -c '
    begin=${EPOCHREALTIME:-0}
    "$0" -p "$(dirname "$1")" --quiet "$4" >"$2/$3.log" 2>&1
    echo "$? $4 $begin ${EPOCHREALTIME:-0}" >"$2/$3.status"' "$clang_tidy" "$database" "$work" \
    2>/dev/null

failed_units=()
crashed_units=()
for ((i = 1; i <= ${#units[@]}; ++i)); do
  if ! grep -qF "\"file\": \"$PWD/${units[i - 1]}\"" "$database"; then
    echo "lint: ${units[i - 1]} is not in $database: run 'cmake --preset release' again"
  fi
done
for ((i = 1; i <= ${#units[@]}; ++i)); do
  status_file=$work/$i.status
  if [[ ! -f $status_file ]]; then
    crashed_units+=("${units[i - 1]}")
    continue
  fi
  read -r status unit begin end <"$status_file"
  echo "$unit $begin $end" >>"$work/times"
  [[ $status -eq 0 ]] && continue
  failed_units+=("$unit")
  if ! grep -qE '^([^ ].*:[0-9]+:[0-9]+: )?(warning|error): ' "$work/$i.log"; then
    crashed_units+=("$unit")
  fi
done

# Findings in a header come once per translation unit that includes it: print each once.
findings=0
if [[ ${#units[@]} -gt 0 ]]; then
  for ((i = 1; i <= ${#units[@]}; ++i)); do
    [[ -f $work/$i.log ]] && cat "$work/$i.log"
  done | awk -v out="$work/checks" '
    /^([^ ].*:[0-9]+:[0-9]+: )?(warning|error): / {
      printing = !(($0) in seen)
      seen[$0] = 1
      if (printing && match($0, /\[[^]]*\]$/)) {
        check = substr($0, RSTART + 1, RLENGTH - 2)
        sub(/,-warnings-as-errors$/, "", check)
        print check >> out
      }
    }
    /^[0-9]+ (warnings?|errors?|warnings? and [0-9]+ errors?) generated\.$/ { printing = 0; next }
    /^Error while processing / { printing = 0; next }
    printing { print }'
  [[ -f $work/checks ]] && findings=$(wc -l <"$work/checks")
fi

# --- summary --------------------------------------------------------------------------------
elapsed=$((SECONDS - start))
duration=$(printf '%dm%02ds' $((elapsed / 60)) $((elapsed % 60)))
echo
echo "lint: clang-format ($("$clang_format" --version | grep -oE 'version [0-9.]+')):" \
  "${#unformatted[@]} of ${#sources[@]} files need formatting"
for f in "${unformatted[@]}"; do echo "  $f"; done
echo "lint: clang-tidy-16: $findings distinct findings; ${#failed_units[@]} of ${#units[@]}" \
  "translation units failed"
if [[ -f $work/checks ]]; then
  sort "$work/checks" | uniq -c | sort -rn | sed 's/^ */  /'
fi
if [[ -f $work/times ]]; then
  awk '{ printf "%.0f %s\n", $3 - $2, $1 }' "$work/times" | sort -rn | head -n 5 |
    awk '{ s = s sep $2 " " $1 "s"; sep = ", " } END { print "lint: slowest: " s }'
fi
for f in "${crashed_units[@]}"; do
  echo "  $f: clang-tidy failed without a diagnostic (crash?); its output:"
  for ((i = 1; i <= ${#units[@]}; ++i)); do
    [[ ${units[i - 1]} == "$f" && -f $work/$i.log ]] && sed 's/^/    /' "$work/$i.log" | tail -n 40
  done
done
if [[ ${#unformatted[@]} -gt 0 || $findings -gt 0 || ${#failed_units[@]} -gt 0 ||
      ${#crashed_units[@]} -gt 0 ]]; then
  [[ ${#unformatted[@]} -gt 0 ]] && echo "lint: to reformat: $clang_format -i ${unformatted[*]}"
  echo "lint: FAILED ($duration)"
  exit 1
fi
echo "lint: clean (${#sources[@]} files, ${#units[@]} translation units, $duration)"
