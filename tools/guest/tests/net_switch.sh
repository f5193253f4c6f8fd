#!/bin/sh
# TCP transfers between two VMs (or a VM and the host), for the switch test and bench/net.sh.
# Kernel command line:
#   strata.net.ip=A.B.C.D/N|dhcp   this VM's address (dhcp: ask the user-mode network)
#   strata.net.peer=E.F.G.H        the other end; pinged first (retried until it answers)
#   strata.net.port=P              TCP port (default 5000)
#   strata.net.mb=M                MiB to send (default 100)
#   strata.net.role=
#     receive  listen on the port, say STRATA-NET-LISTENING, print the MD5 of what arrives
#     send     say STRATA-NET-SEND-READY, wait for a line on the console (the host saw the
#              receiver listening), send a random 1 MiB block M times, print the MD5 sent
#     sink, blast   the same without the MD5s (throughput: zeros from dd, discarded)
# "CHECK key=value" lines (mac, ping, md5, seconds: guest time of the transfer),
# STRATA-TEST-DONE at the end.

ip= peer= role= mb=100 port=5000
read -r cmdline </proc/cmdline
for arg in $cmdline; do
  case $arg in
    strata.net.ip=*) ip=${arg#strata.net.ip=} ;;
    strata.net.peer=*) peer=${arg#strata.net.peer=} ;;
    strata.net.role=*) role=${arg#strata.net.role=} ;;
    strata.net.mb=*) mb=${arg#strata.net.mb=} ;;
    strata.net.port=*) port=${arg#strata.net.port=} ;;
  esac
done

ip link set eth0 up
if [ "$ip" = dhcp ]; then
  udhcpc -i eth0 -n -q -t 5 -T 2 >/dev/null 2>&1 || echo "CHECK dhcp=failed"
else
  ip addr add "$ip" dev eth0
fi
echo "CHECK mac=$(cat /sys/class/net/eth0/address)"

# The peer may still be booting: retry for up to two minutes.
tries=0
until ping -c 1 -W 1 "$peer" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 120 ]; then
    echo "CHECK ping=unreachable"
    echo "STRATA-TEST-DONE"
    exit 1
  fi
done
echo "CHECK ping=$(ping -c 3 -W 2 "$peer" 2>&1 | awk '/packets transmitted/ { print $4 }')/3"

uptime_now() { cut -d' ' -f1 /proc/uptime; }

case $role in
  receive|sink)
    # nc must not see end-of-file on its stdin: it would half-close the connection, and the
    # sender's nc stops when its peer does. A FIFO held open read-write here never ends.
    mkfifo /tmp/hold
    exec 3<>/tmp/hold
    if [ "$role" = receive ]; then
      nc -l -p "$port" <&3 | md5sum | cut -d' ' -f1 >/tmp/received.md5 &
    else
      nc -l -p "$port" <&3 >/dev/null &
    fi
    receiver=$!
    until netstat -ltn 2>/dev/null | grep -q ":${port} "; do sleep 0.1; done
    echo "STRATA-NET-LISTENING"
    start=$(uptime_now)
    wait "$receiver"
    end=$(uptime_now)
    [ "$role" = sink ] || echo "CHECK md5=$(cat /tmp/received.md5)"
    ;;
  send)
    dd if=/dev/urandom of=/tmp/block bs=1024 count=1024 2>/dev/null
    send_blocks() {
      i=0
      while [ "$i" -lt "$mb" ]; do
        cat /tmp/block
        i=$((i + 1))
      done
    }
    mkfifo /tmp/sent
    md5sum </tmp/sent | cut -d' ' -f1 >/tmp/sent.md5 &
    summer=$!
    echo "STRATA-NET-SEND-READY"
    read -r _
    start=$(uptime_now)
    send_blocks | tee /tmp/sent | nc "$peer" "$port"
    wait "$summer"
    end=$(uptime_now)
    echo "CHECK md5=$(cat /tmp/sent.md5)"
    ;;
  blast)
    echo "STRATA-NET-SEND-READY"
    read -r _
    start=$(uptime_now)
    dd if=/dev/zero bs=65536 count=$((mb * 16)) 2>/dev/null | nc "$peer" "$port"
    end=$(uptime_now)
    ;;
esac
echo "CHECK seconds=$(awk "BEGIN { print ${end} - ${start} }")"
echo "STRATA-TEST-DONE"
