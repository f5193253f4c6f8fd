#!/usr/bin/env bash
# Network benchmark (docs/network.md, "Speed"): TCP throughput of the default Linux guest, strata
# next to QEMU with the same kernel and initramfs, one hart and 256 MiB each.
#   vm-to-vm       two VMs on one host: strata's `strata switch` (--net switch:SOCKET) against
#                  QEMU's `-netdev socket` (listen/connect); the sender streams zeros with
#                  `dd | nc` to `nc -l` in the other VM; MiB/s from the sender's guest time.
#   guest-to-host  one VM streams to a TCP sink on the host's 127.0.0.1 through user networking
#                  (strata's libslirp back end against QEMU's `-netdev user`), reached as
#                  10.0.2.2:PORT; MiB/s measured by the sink (first byte to end of stream).
# The guest side is tools/guest/tests/net_switch.sh (roles blast and sink).
#
# usage: bench/net.sh [--strata PATH] [--kernel FILE --initrd FILE] [--mb MB] [--no-qemu]
#                     [--out DIR] [--timeout S]
#   --mb MB      MiB per transfer (default 16)
#   --out DIR    consoles and results.csv (default build/bench-net)
# env STRATA_FLAGS: extra arguments for `strata run`; QEMU: the QEMU binary.
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRATA=${STRATA:-$ROOT/build/release/strata}
STRATA_FLAGS=${STRATA_FLAGS:-}
QEMU=${QEMU:-qemu-system-riscv64}
KERNEL='' INITRD='' MB=16 OUT=$ROOT/build/bench-net TIMEOUT=900 WITH_QEMU=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --strata) STRATA=$2; shift 2 ;;
    --kernel) KERNEL=$2; shift 2 ;;
    --initrd) INITRD=$2; shift 2 ;;
    --mb) MB=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --no-qemu) WITH_QEMU=0; shift ;;
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/net.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -z $KERNEL || -z $INITRD ]]; then
  eval "$("$ROOT/tools/guest/build-all.sh")" || exit 2
  KERNEL=${KERNEL:-} INITRD=${INITRD:-}
fi
[[ -x $STRATA ]] || { echo "bench/net.sh: no strata at $STRATA" >&2; exit 2; }
if [[ $WITH_QEMU -eq 1 ]] && ! command -v "$QEMU" >/dev/null; then
  echo "bench/net.sh: $QEMU not found; running strata only" >&2
  WITH_QEMU=0
fi
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench-net.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_vm NAME ENGINE APPEND NETWORK-ARGS...: boots the guest with its console on NAME.in (a FIFO
# kept open) and NAME.log.
start_vm() {
  local name=$1 engine=$2 append="console=ttyS0 $3"
  shift 3
  mkfifo "$WORK/$name.in"
  sleep 100000 >"$WORK/$name.in" &
  PIDS+=($!)
  if [[ $engine == strata ]]; then
    # shellcheck disable=SC2086 # STRATA_FLAGS is a list of words
    "$STRATA" run $STRATA_FLAGS --kernel "$KERNEL" --initrd "$INITRD" --mem 256M --append "$append" \
      --timeout "$TIMEOUT" "$@" <"$WORK/$name.in" >"$OUT/$name.log" 2>&1 &
  else
    timeout "$TIMEOUT" "$QEMU" -M virt -m 256M -smp 1 -bios default -display none -monitor none \
      -serial stdio -kernel "$KERNEL" -initrd "$INITRD" -append "$append" "$@" \
      <"$WORK/$name.in" >"$OUT/$name.log" 2>&1 &
  fi
  PIDS+=($!)
}

# wait_line NAME REGEX: waits (up to TIMEOUT) for a console line of NAME.
wait_line() {
  local i
  for ((i = 0; i < TIMEOUT * 10; ++i)); do
    tr -d '\r' <"$OUT/$1.log" | grep -Eq "$2" && return 0
    sleep 0.1
  done
  echo "bench/net.sh: $1: no line matching '$2' (see $OUT/$1.log)" >&2
  return 1
}
value() { tr -d '\r' <"$OUT/$1.log" | sed -n "s/^CHECK $2=//p" | tail -n 1; }
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  PIDS=()
  rm -f "$WORK"/*.in
}

# vm_to_vm ENGINE: prints MiB/s.
vm_to_vm() {
  local engine=$1 rx tx port seconds
  local peer_args=(strata.net.mb="$MB" strata.test=net_switch)
  if [[ $engine == strata ]]; then
    "$STRATA" switch --socket "$WORK/switch.sock" 2>/dev/null &
    PIDS+=($!)
    for _ in $(seq 50); do [[ -S $WORK/switch.sock ]] && break; sleep 0.1; done
    rx=(--net "switch:$WORK/switch.sock")
    tx=(--net "switch:$WORK/switch.sock")
  else
    port=$(free_port)
    rx=(-netdev "socket,id=n0,listen=127.0.0.1:$port" -device virtio-net-device,netdev=n0,mac=52:54:00:00:01:02)
    tx=(-netdev "socket,id=n0,connect=127.0.0.1:$port" -device virtio-net-device,netdev=n0,mac=52:54:00:00:01:01)
  fi
  start_vm "vm-to-vm-$engine-receiver" "$engine" \
    "${peer_args[*]} strata.net.role=sink strata.net.ip=10.1.0.2/24 strata.net.peer=10.1.0.1" "${rx[@]}"
  sleep 1  # QEMU's connecting side needs the listener
  start_vm "vm-to-vm-$engine-sender" "$engine" \
    "${peer_args[*]} strata.net.role=blast strata.net.ip=10.1.0.1/24 strata.net.peer=10.1.0.2" "${tx[@]}"
  wait_line "vm-to-vm-$engine-receiver" '^STRATA-NET-LISTENING$' &&
    wait_line "vm-to-vm-$engine-sender" '^STRATA-NET-SEND-READY$' || { stop_all; echo failed; return; }
  echo go >"$WORK/vm-to-vm-$engine-sender.in"
  wait_line "vm-to-vm-$engine-sender" '^STRATA-TEST-DONE$' || { stop_all; echo failed; return; }
  seconds=$(value "vm-to-vm-$engine-sender" seconds)
  stop_all
  awk "BEGIN { printf \"%.3f\", $MB / $seconds }"
}

# guest_to_host ENGINE: prints MiB/s as the host's sink measured it.
guest_to_host() {
  local engine=$1 port net
  port=$(free_port)
  python3 -c '
import socket, sys, time
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(1)
connection, _ = server.accept()
total, first = 0, None
while True:
    data = connection.recv(1 << 20)
    if not data:
        break
    first = first or time.monotonic()
    total += len(data)
elapsed = time.monotonic() - first if first else 0
print(f"{total} {elapsed:.6f}", flush=True)
' "$port" >"$WORK/sink" &
  PIDS+=($!)
  if [[ $engine == strata ]]; then
    net=(--net user)
  else
    net=(-netdev user,id=n0 -device virtio-net-device,netdev=n0)
  fi
  start_vm "guest-to-host-$engine" "$engine" "strata.test=net_switch strata.net.role=blast \
strata.net.ip=dhcp strata.net.peer=10.0.2.2 strata.net.port=$port strata.net.mb=$MB" "${net[@]}"
  wait_line "guest-to-host-$engine" '^STRATA-NET-SEND-READY$' || { stop_all; echo failed; return; }
  echo go >"$WORK/guest-to-host-$engine.in"
  wait_line "guest-to-host-$engine" '^STRATA-TEST-DONE$' || { stop_all; echo failed; return; }
  for _ in $(seq 100); do [[ -s $WORK/sink ]] && break; sleep 0.1; done
  stop_all
  read -r bytes seconds <"$WORK/sink"
  if [[ ${bytes:-0} -ne $((MB * 1048576)) ]]; then
    echo "short(${bytes:-0})"
    return
  fi
  awk "BEGIN { printf \"%.3f\", $bytes / 1048576 / $seconds }"
}

ratio() { awk "BEGIN { if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"-\" }" 2>/dev/null || echo -; }

echo "test,engine,mib_per_s" >"$OUT/results.csv"
printf '%-15s %14s %14s %12s\n' test "strata MiB/s" "qemu MiB/s" strata/qemu
for test in vm_to_vm guest_to_host; do
  s=$($test strata)
  q=-
  [[ $WITH_QEMU -eq 0 ]] || q=$($test qemu)
  printf '%s,strata,%s\n%s,qemu,%s\n' "$test" "$s" "$test" "$q" >>"$OUT/results.csv"
  r=-
  [[ $s =~ ^[0-9.]+$ && $q =~ ^[0-9.]+$ ]] && r=$(ratio "$s" "$q")
  printf '%-15s %14s %14s %12s\n' "${test//_/-}" "$s" "$q" "$r"
done
echo "($MB MiB per transfer; consoles and results.csv in $OUT)"
