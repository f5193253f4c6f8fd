#!/usr/bin/env bash
# Builds the initramfs of strata's default guest (cpio newc, gzip): a static riscv64 BusyBox (from
# build-busybox.sh) with its links, the files of tools/guest/rootfs/ (/init, /etc) and the in-guest
# test scripts of tools/guest/tests/ under /tests. Cached by a hash of all of these; prints the
# path of the .cpio.gz on stdout (all else goes to stderr).
#
# Environment: STRATA_GUEST_CACHE (default ~/.cache/strata/guest); see also build-busybox.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The rest is one compound command, which bash reads whole before running it: editing this file
# while it runs cannot derail a build.
{

ensure_packages cpio gzip findutils
bb=$("${guest_dir}/build-busybox.sh")

mapfile -t inputs < <(find "${guest_dir}/rootfs" "${guest_dir}/tests" -type f | LC_ALL=C sort)
key=$(hash_of "${bb}/busybox" "${bb}/busybox.links" "${guest_dir}/build-initramfs.sh" \
  "${guest_dir}/common.sh" "${inputs[@]}")
out=${cache_root}/initramfs-${key}.cpio.gz

if [[ -f $out ]]; then
  log "cached: initramfs ${key}"
  echo "$out"
  exit 0
fi

mkdir -p "$cache_root"
work=$(mktemp -d "${cache_root}/.build-initramfs-${key}-XXXXXX")
build_dir=$work
root=${work}/root

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,root,mnt,tests,var/log}
chmod 1777 "${root}/tmp"
chmod 700 "${root}/root"
install -m 755 "${bb}/busybox" "${root}/bin/busybox"
while IFS= read -r link; do
  [[ $link == /* && $link != /bin/busybox ]] || continue
  mkdir -p "$(dirname "${root}${link}")"
  ln -sfn /bin/busybox "${root}${link}"
done <"${bb}/busybox.links"
cp -R "${guest_dir}/rootfs/." "$root/"
install -m 755 "${guest_dir}"/tests/*.sh "${root}/tests/"
chmod 755 "${root}/init"
find "$root" -path "${root}/bin/busybox" -prune -o -type f -print0 | xargs -0 chmod go-w

# newc_entry NAME MODE(octal) MAJOR MINOR: a cpio newc entry without data (a directory or device
# node: GNU cpio archives only what exists on the host, and making device nodes there takes root).
ino=1
newc_entry() {
  local name=$1 mode=$2 major=$3 minor=$4 namesize pad
  namesize=$((${#name} + 1))
  printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
    "$ino" "$((8#$mode))" 0 0 1 0 0 0 0 "$major" "$minor" "$namesize" 0
  printf '%s\0' "$name"
  pad=$(((4 - (110 + namesize) % 4) % 4))
  head -c "$pad" /dev/zero
  ino=$((ino + 1))
}

# /dev/console must exist before /init runs (the kernel opens it for init's stdio). The files go
# in a first archive (GNU cpio, owned by root), the node in a second one: the kernel unpacks both.
find "$root" -exec touch -h -d @0 {} +
{
  (cd "$root" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort |
    cpio -o -H newc -R 0:0 --reproducible --quiet)
  newc_entry dev 040755 0 0
  newc_entry dev/console 020600 5 1
  newc_entry TRAILER!!! 0 0 0
} | gzip -9 -n >"${work}/initramfs.cpio.gz"
mv -f "${work}/initramfs.cpio.gz" "$out"
log "built: $(find "$root" -mindepth 1 | wc -l) entries, $(stat -c %s "$out") bytes"
echo "$out"
exit
}
