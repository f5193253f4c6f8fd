#!/usr/bin/env bash
# User-mode networking (--net user, libslirp): the guest (strata.test=net_user) gets 10.0.2.15 by
# DHCP with gateway 10.0.2.2 and DNS 10.0.2.3, reads a token from a TCP server this script runs on
# the host's 127.0.0.1 (reached as 10.0.2.2:PORT), and serves a token of its own with httpd on
# port 8080, which this script fetches through a hostfwd port on the host's loopback.
#
# usage: net_user.sh --strata BIN --kernel IMAGE --initrd CPIO [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' timeout=600
parse_options strata kernel initrd timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"
command -v python3 >/dev/null || skip "python3 is needed for the host-side server"

server_pid=
stop_server() {
  [[ -z $server_pid ]] || kill "$server_pid" 2>/dev/null
  server_pid=
}
at_exit stop_server

# A TCP server on 127.0.0.1 that answers its first connection with a token and closes; prints its
# port once it listens.
token="host-token-${RANDOM}${RANDOM}"
ports=$(mktemp)
python3 -c '
import socket, sys
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
print(server.getsockname()[1], flush=True)
connection, _ = server.accept()
connection.sendall((sys.argv[1] + "\n").encode())
connection.close()
' "$token" >"$ports" &
server_pid=$!
for _ in $(seq 50); do [[ -s $ports ]] && break; sleep 0.1; done
host_port=$(head -n 1 "$ports")
rm -f "$ports"
[[ -n $host_port ]] || die "the host-side server did not start"
# A free port for the forward (bound and released: a small race, acceptable in a test).
forward_port=$(python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')

vm_start net_user "$strata" run --kernel "$kernel" --initrd "$initrd" \
  --append "console=ttyS0 strata.test=net_user strata.net.port=${host_port}" \
  --net "user,hostfwd=tcp:127.0.0.1:${forward_port}-:8080" --timeout "$timeout"

vm_expect '^STRATA-NET-READY$' 300
check "DHCP lease: $(check_value ip) (want 10.0.2.15/24)" test "$(check_value ip)" = 10.0.2.15/24
check "default gateway: $(check_value gateway) (want 10.0.2.2)" \
  test "$(check_value gateway)" = 10.0.2.2
check "DNS server: $(check_value dns) (want 10.0.2.3)" test "$(check_value dns)" = 10.0.2.3
check "guest reached the host's 127.0.0.1:${host_port} via 10.0.2.2: '$(check_value host_reply)'" \
  test "$(check_value host_reply)" = "$token"

guest_token=$(check_value guest_token)
page=
if exec {http}<>"/dev/tcp/127.0.0.1/${forward_port}"; then
  printf 'GET /index.html HTTP/1.0\r\n\r\n' >&"$http"
  page=$(timeout 30 cat <&"$http" | tr -d '\r' | tail -n 1)
  exec {http}<&-
fi
check "host fetched the guest's page through hostfwd 127.0.0.1:${forward_port}: '${page}'" \
  test -n "$guest_token" -a "$page" = "$guest_token"

vm_send "done"
vm_expect '^STRATA-TEST-DONE$' 60
vm_check_guest_test net_user
finish
