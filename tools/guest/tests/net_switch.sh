#!/bin/sh
# Two VMs on one `strata switch`. Kernel command line:
#   strata.net.ip=A.B.C.D/N strata.net.peer=E.F.G.H strata.net.role=send|receive strata.net.mb=M
# Both configure eth0 statically and ping the peer (retrying until it is up). The receiver
# listens on TCP port 5000, says STRATA-NET-LISTENING once the socket listens, and prints the MD5
# of everything it receives; the sender says STRATA-NET-SEND-READY, waits for a line on its
# console (the host saw the receiver listening), sends M MiB (a random 1 MiB block M times) and
# prints the MD5 of what it sent. "CHECK key=value" lines, STRATA-TEST-DONE at the end.

ip= peer= role= mb=100
read -r cmdline </proc/cmdline
for arg in $cmdline; do
  case $arg in
    strata.net.ip=*) ip=${arg#strata.net.ip=} ;;
    strata.net.peer=*) peer=${arg#strata.net.peer=} ;;
    strata.net.role=*) role=${arg#strata.net.role=} ;;
    strata.net.mb=*) mb=${arg#strata.net.mb=} ;;
  esac
done

ip addr add "$ip" dev eth0
ip link set eth0 up
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

if [ "$role" = receive ]; then
  # nc must not see end-of-file on its stdin: it would half-close the connection, and the
  # sender's nc stops when its peer does. A FIFO held open read-write here never ends.
  mkfifo /tmp/hold
  exec 3<>/tmp/hold
  nc -l -p 5000 <&3 | md5sum | cut -d' ' -f1 >/tmp/received.md5 &
  receiver=$!
  until netstat -ltn 2>/dev/null | grep -q ':5000 '; do sleep 0.1; done
  echo "STRATA-NET-LISTENING"
  start=$(cut -d' ' -f1 /proc/uptime)
  wait "$receiver"
  end=$(cut -d' ' -f1 /proc/uptime)
  echo "CHECK md5=$(cat /tmp/received.md5)"
else
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
  start=$(cut -d' ' -f1 /proc/uptime)
  send_blocks | tee /tmp/sent | nc "$peer" 5000
  wait "$summer"
  end=$(cut -d' ' -f1 /proc/uptime)
  echo "CHECK md5=$(cat /tmp/sent.md5)"
fi
echo "CHECK seconds=$(awk "BEGIN { print ${end} - ${start} }")"
echo "STRATA-TEST-DONE"
