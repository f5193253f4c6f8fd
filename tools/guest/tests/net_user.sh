#!/bin/sh
# User-mode networking (--net user): a DHCP lease from slirp, a TCP service on the host's
# 127.0.0.1 reached through the gateway 10.0.2.2, and a web server in the guest that the host
# fetches through a forwarded port. Kernel command line: strata.net.port=PORT, the host service.
# Prints "CHECK key=value" lines, STRATA-NET-READY when the web server is up, then waits for a
# line on the console (the host has fetched the page) and ends with STRATA-TEST-DONE.

port=
read -r cmdline </proc/cmdline
for arg in $cmdline; do
  case $arg in
    strata.net.port=*) port=${arg#strata.net.port=} ;;
  esac
done

ip link set eth0 up
udhcpc -i eth0 -n -q -t 5 -T 2 >/dev/null 2>&1 || echo "CHECK dhcp=failed"
echo "CHECK ip=$(ip -4 addr show dev eth0 | awk '/inet / { print $2 }')"
echo "CHECK gateway=$(ip route | awk '/^default/ { print $3 }')"
echo "CHECK dns=$(awk '/^nameserver/ { print $2; exit }' /etc/resolv.conf)"
echo "CHECK host_reply=$(nc 10.0.2.2 "$port" </dev/null | head -n 1)"

token=guest-$(cat /proc/sys/kernel/random/uuid)
mkdir -p /tmp/www
echo "$token" >/tmp/www/index.html
httpd -p 8080 -h /tmp/www
echo "CHECK guest_token=${token}"
echo "STRATA-NET-READY"
read -r _
echo "STRATA-TEST-DONE"
