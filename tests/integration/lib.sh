# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file
# Helpers for the integration tests (sourced, bash 4.4+): run `strata run` with its console on
# two FIFOs, read the console line by line with the host time at which each line arrived, wait
# for patterns (also in an unfinished line such as a prompt), type commands, and collect the exit
# status. Every console line goes to a log file, "<host seconds since launch> <line>"; on a
# failure the end of the log is printed.
#
# Environment: STRATA_IT_LOG_DIR (where logs go; default a temporary directory),
# STRATA_IT_VERBOSE=1 (echo every console line to stdout as it arrives).

readonly SKIP_STATUS=77

VM_PID=
VM_IN=
VM_OUT=
VM_DIR=
VM_LOG=
VM_START=
VM_START_US=
NOW_US=
SINCE_START=
VM_EOF=0
VM_STATUS=
LINE=
LINE_TIME=
PARTIAL=
FAILURES=0
KEEP_LOG=0
EXIT_HOOKS=()

# Host time without forks: reading the console must keep up with it, or the arrival times of
# lines would lag. now_us sets NOW_US to the host's wall-clock time in microseconds.
now_us() {
  local t=$EPOCHREALTIME
  NOW_US=$((10#${t%.*} * 1000000 + 10#${t#*.}))
}
# Sets SINCE_START to the seconds since strata was started, for the log.
since_start() {
  now_us
  local us=$((NOW_US - VM_START_US))
  printf -v SINCE_START '%d.%06d' "$((us / 1000000))" "$((us % 1000000))"
}

# Floating-point arithmetic through awk: calc EXPR prints its value, float_true EXPR succeeds when
# it is true.
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
float_true() { awk "BEGIN { exit !($1) }"; }

note() { printf '%s\n' "$*"; }

# Prints the end of the console log.
show_log() {
  [[ -n $VM_LOG && -f $VM_LOG ]] || return 0
  printf -- '--- last 80 console lines (%s) ---\n' "$VM_LOG"
  tail -n 80 "$VM_LOG"
  [[ -z $PARTIAL ]] || printf '(unfinished line) %q\n' "$PARTIAL"
  printf -- '--- end of console ---\n'
}

vm_kill() {
  if [[ -n $VM_PID ]] && kill -0 "$VM_PID" 2>/dev/null; then
    kill -TERM "$VM_PID" 2>/dev/null
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$VM_PID" 2>/dev/null || break
      sleep 0.2
      [[ $i -lt 10 ]] || kill -KILL "$VM_PID" 2>/dev/null
    done
    wait "$VM_PID" 2>/dev/null
  fi
  VM_PID=
}

# at_exit COMMAND [ARGS...]: cleanup runs COMMAND ARGS (after strata is stopped): servers,
# switches and scratch files a test makes must go however it ends, and bash keeps only one EXIT
# trap. The arguments are expanded now; a function (stop_server) reads its variables at exit.
at_exit() { EXIT_HOOKS+=("${*@Q}"); }

cleanup() {
  vm_kill
  local hook
  for hook in "${EXIT_HOOKS[@]}"; do eval "$hook"; done
  EXIT_HOOKS=()
  [[ -z $VM_IN ]] || exec {VM_IN}>&-
  [[ -z $VM_OUT ]] || exec {VM_OUT}<&-
  VM_IN=
  VM_OUT=
  if [[ -n $VM_DIR ]]; then
    rm -f "$VM_DIR/in" "$VM_DIR/out"
    # The log stays when it is in there and something failed (the failure message names it).
    if [[ $VM_LOG != "$VM_DIR"/* || ($FAILURES -eq 0 && $KEEP_LOG -eq 0) ]]; then
      rm -rf "$VM_DIR"
    fi
    VM_DIR=
  fi
}
trap cleanup EXIT

# A fatal failure: says why, shows the console, stops the machine, exits 1.
die() {
  KEEP_LOG=1
  printf 'FAIL: %s\n' "$*"
  show_log
  cleanup
  exit 1
}

skip() {
  printf 'SKIP: %s\n' "$*"
  cleanup
  exit "$SKIP_STATUS"
}

# A failed check that does not stop the test: counted, reported at the end by finish.
check_fail() {
  printf 'FAIL: %s\n' "$*"
  FAILURES=$((FAILURES + 1))
}
check_ok() { printf 'ok: %s\n' "$*"; }

# check COND_DESCRIPTION COMMAND...: runs the command; passes when it succeeds.
check() {
  local what=$1
  shift
  if "$@"; then check_ok "$what"; else check_fail "$what"; fi
}

finish() {
  if [[ $FAILURES -ne 0 ]]; then
    printf '%d check(s) failed\n' "$FAILURES"
    show_log
    exit 1
  fi
  printf 'PASS\n'
  exit 0
}

# vm_start NAME STRATA ARGS...: starts STRATA ARGS... with stdin and stdout+stderr on FIFOs.
# With STRATA_ENGINE set (CTest sets interp, or jit for the *-jit twins), `strata run` gets
# `--engine $STRATA_ENGINE` and
# the log name says which engine ran.
vm_start() {
  local name=$1
  shift
  if [[ -n ${STRATA_ENGINE:-} && ${2:-} == run ]]; then
    set -- "$1" run --engine "$STRATA_ENGINE" "${@:3}"
    name=$name-$STRATA_ENGINE
  fi
  local log_dir=${STRATA_IT_LOG_DIR:-}
  VM_DIR=$(mktemp -d "${TMPDIR:-/tmp}/strata-it.XXXXXX") || die "mktemp failed"
  if [[ -z $log_dir ]]; then log_dir=$VM_DIR; fi
  mkdir -p "$log_dir" || die "cannot create $log_dir"
  VM_LOG=$log_dir/$name.log
  mkfifo "$VM_DIR/in" "$VM_DIR/out" || die "mkfifo failed"
  printf '# %s\n' "$*" >"$VM_LOG"
  note "run: $*"
  VM_START=$EPOCHREALTIME
  now_us
  VM_START_US=$NOW_US
  # The child opens "in" (waits for our writer), then "out" (waits for our reader).
  "$@" <"$VM_DIR/in" >"$VM_DIR/out" 2>&1 &
  VM_PID=$!
  exec {VM_IN}>"$VM_DIR/in"
  exec {VM_OUT}<"$VM_DIR/out"
  VM_EOF=0
  VM_STATUS=
  PARTIAL=
}

# vm_read TIMEOUT: reads one console line into LINE (carriage returns removed) and its arrival
# time into LINE_TIME. Returns 0 for a line, 1 on timeout (the unfinished line is in PARTIAL), 2 at
# the end of the output.
vm_read() {
  local chunk='' status
  [[ $VM_EOF -eq 0 ]] || return 2
  IFS= read -r -t "$1" -u "$VM_OUT" chunk
  status=$?
  LINE_TIME=$EPOCHREALTIME
  if [[ $status -eq 0 ]]; then
    LINE=${PARTIAL}${chunk}
    LINE=${LINE//$'\r'/}
    PARTIAL=
    since_start
    printf '%s %s\n' "$SINCE_START" "$LINE" >>"$VM_LOG"
    [[ ${STRATA_IT_VERBOSE:-0} != 1 ]] || printf '| %s\n' "$LINE"
    return 0
  fi
  PARTIAL+=$chunk
  if [[ $status -gt 128 ]]; then return 1; fi
  # End of file: keep what is left as a last line.
  VM_EOF=1
  if [[ -n $PARTIAL ]]; then
    LINE=${PARTIAL//$'\r'/}
    PARTIAL=
    since_start
    printf '%s %s\n' "$SINCE_START" "$LINE" >>"$VM_LOG"
    return 0
  fi
  return 2
}

# vm_wait_for REGEX TIMEOUT [partial]: reads lines until one matches REGEX (bash ERE;
# BASH_REMATCH is set). With "partial", an unfinished line (a prompt) may match too. LINE and
# LINE_TIME are the matching line and its arrival time. Returns 0 on a match, 1 on timeout, 2 at
# the end of the output.
vm_wait_for() {
  local regex=$1 partial=${3:-} deadline left
  now_us
  deadline=$((NOW_US + $(calc "$2 * 1000000" | cut -d. -f1)))
  while :; do
    now_us
    left=$((deadline - NOW_US))
    ((left > 0)) || return 1
    ((left < 500000)) || left=500000
    printf -v left '%d.%06d' "$((left / 1000000))" "$((left % 1000000))"
    vm_read "$left"
    case $? in
      0) [[ $LINE =~ $regex ]] && return 0 ;;
      1)
        if [[ $partial == partial && ${PARTIAL//$'\r'/} =~ $regex ]]; then
          LINE=${PARTIAL//$'\r'/}
          return 0
        fi
        ;;
      *) return 2 ;;
    esac
  done
}

# vm_expect REGEX TIMEOUT [partial]: vm_wait_for, but dies when there is no match.
vm_expect() {
  vm_wait_for "$@"
  case $? in
    0) return 0 ;;
    1) die "no console line matching /$1/ within $2 s" ;;
    *)
      vm_wait_exit 10
      die "the machine stopped (exit status $VM_STATUS) before printing a line matching /$1/"
      ;;
  esac
}

# vm_send TEXT: types TEXT and a newline on the console.
vm_send() {
  printf '%s\n' "$1" >&"$VM_IN" || die "cannot write to strata's stdin"
  since_start
  printf '%s >>> %s\n' "$SINCE_START" "$1" >>"$VM_LOG"
}

# vm_wait_exit TIMEOUT: reads the console to its end, then collects the exit status in VM_STATUS.
# Returns 1 (and kills strata) if it has not exited within TIMEOUT seconds.
vm_wait_exit() {
  local deadline
  now_us
  deadline=$((NOW_US + $1 * 1000000))
  while [[ $VM_EOF -eq 0 ]]; do
    now_us
    if ((NOW_US > deadline)); then
      vm_kill
      VM_STATUS=killed
      return 1
    fi
    vm_read 0.5
    [[ $? -ne 2 ]] || break
  done
  if [[ -n $VM_PID ]]; then
    wait "$VM_PID"
    VM_STATUS=$?
    VM_PID=
  fi
  return 0
}

# The value of "CHECK key=value" in the log (the last one), or nothing.
check_value() {
  sed -n "s/^[0-9.]* CHECK $1=//p" "$VM_LOG" | tail -n 1
}

# require_file WHAT PATH: dies (not skips) when a file the test was configured with is missing.
require_file() {
  [[ -r $2 ]] || die "$1 $2 is not readable"
}

# parse_options NAME... -- ARGS...: sets the variable NAME to VALUE for each "--NAME VALUE" in ARGS
# (the script sets the defaults first). Anything else dies: a misspelt option in CMakeLists.txt
# must fail rather than run the test with a default.
parse_options() {
  local -a names=()
  while [[ $# -gt 0 && $1 != -- ]]; do
    names+=("$1")
    shift
  done
  shift
  local name known
  while [[ $# -gt 0 ]]; do
    known=
    for name in "${names[@]}"; do
      [[ $1 != "--$name" ]] || known=$name
    done
    [[ -n $known ]] || die "unknown argument $1"
    [[ $# -ge 2 ]] || die "$1 needs a value"
    printf -v "$known" '%s' "$2"
    shift 2
  done
}

# require_strata BIN: dies when the strata binary under test cannot run.
require_strata() {
  [[ -x $1 ]] || die "strata binary '$1' is not executable"
}

# require_guest BIN KERNEL INITRD: require_strata, and the Linux guest's kernel and initramfs.
require_guest() {
  require_strata "$1"
  require_file kernel "$2"
  require_file initrd "$3"
}

# vm_await_shell TIMEOUT: waits up to TIMEOUT s for the guest's /init to start its shell, then
# until the shell answers. Input typed earlier waits in the tty, but a test that times what
# follows, or reads replies, must know the shell reads the console. The token is typed split
# ("RE""ADY") so that the echo of the command line itself does not match.
vm_await_shell() {
  vm_expect '^strata-guest: starting a shell' "$1"
  local attempt status
  for attempt in 1 2 3 4; do
    vm_send "echo \"RE\"\"ADY-${attempt}\""
    vm_wait_for '^READY-[0-9]+$' 20
    status=$?
    [[ $status -ne 0 ]] || return 0
    # Not a timeout: the machine stopped; vm_expect says so and dies.
    [[ $status -eq 1 ]] || vm_expect '^READY-[0-9]+$' 0
  done
  die "the guest's shell does not answer on the console"
}

# vm_run_guest_test TIMEOUT COMMAND...: runs a script of the guest image (/tests/NAME.sh ARGS) in
# its shell and waits up to TIMEOUT s for its end marker; its "CHECK key=value" lines are then in
# the log for check_value.
vm_run_guest_test() {
  local timeout=$1
  shift
  vm_send "sh $*"
  vm_expect '^STRATA-TEST-DONE$' "$timeout"
}

# vm_expect_opensbi: waits for the banner of the firmware of --bios default; skips when strata says
# OpenSBI is not installed, dies when it stops first.
vm_expect_opensbi() {
  vm_wait_for '^(OpenSBI v[0-9.]+|strata: --bios default: OpenSBI is not installed.*)$' 120
  [[ $? -ne 1 ]] || die "no OpenSBI banner within 120 s"
  if [[ $LINE == *"is not installed"* ]]; then
    vm_wait_exit 10
    skip "$LINE"
  fi
  if [[ $LINE != OpenSBI* ]]; then
    vm_wait_exit 10
    die "strata stopped (exit status $VM_STATUS) before OpenSBI printed its banner"
  fi
  check_ok "firmware: $LINE"
}

# vm_check_exit TIMEOUT WHAT: WHAT (a power-off, a reset) has ended the run: strata must exit
# within TIMEOUT s with status 0.
vm_check_exit() {
  vm_wait_exit "$1" || check_fail "strata did not exit within $1 s of $2"
  check "exit status ${VM_STATUS} after $2 (want 0)" test "$VM_STATUS" = 0
}

# vm_poweroff TIMEOUT: powers the guest off from its shell; vm_check_exit.
vm_poweroff() {
  vm_send 'poweroff -f'
  vm_check_exit "$1" 'poweroff -f'
}

# vm_check_guest_test NAME: a guest booted with strata.test=NAME runs the test from /init and
# powers off: /init's exit status line must say 0, then vm_check_exit.
vm_check_guest_test() {
  vm_expect "^strata-guest: test $1 exit status ([0-9]+)\$" 60
  check "$1 test exit status ${BASH_REMATCH[1]}" test "${BASH_REMATCH[1]}" = 0
  vm_check_exit 120 "the guest's power-off"
}
