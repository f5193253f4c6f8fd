#!/usr/bin/env bash
# Runs a command and checks its exit status and that its combined output matches a regex.
# usage: expect.sh STATUS REGEX COMMAND [ARGS...]
set -u
want_status=$1
want_regex=$2
shift 2
output=$("$@" 2>&1)
status=$?
if [[ $status -ne $want_status ]]; then
  printf 'expected exit status %s, got %s\noutput:\n%s\n' "$want_status" "$status" "$output"
  exit 1
fi
if ! grep -Eq -- "$want_regex" <<<"$output"; then
  printf 'output does not match /%s/:\n%s\n' "$want_regex" "$output"
  exit 1
fi
exit 0
