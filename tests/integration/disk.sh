#!/usr/bin/env bash
# virtio-blk with the Linux guest. The host builds an ext4 image (mkfs.ext4 -d, no root needed)
# holding a text file, 1 MiB of random data and a file to delete; the guest runs /tests/disk.sh
# on /dev/vda and powers off; the host then checks the image.
#   --mode raw      the raw image read-write: e2fsck -fn clean, the guest's files (checksums
#                   printed by the guest) read back with debugfs
#   --mode overlay  a qcow2 overlay (strata img create -b) over the raw image: the same checks on
#                   the overlay's contents (qemu-img convert), strata img check and qemu-img check
#                   clean, and the base image byte-for-byte unchanged
#   --mode ro       the raw image with readonly=on: the guest sees a read-only disk, its writes
#                   fail, the image is unchanged
#   --mode full     a qcow2 overlay on a host file system that fills up (a 4 MiB tmpfs mounted in
#                   a user and mount namespace, `unshare -Urm`, so no root is needed): the guest's
#                   16 MiB synced write fails with an I/O error, the guest keeps running and
#                   powers off cleanly, and the overlay passes strata img check and qemu-img check
# usage: disk.sh --strata BIN --kernel IMAGE --initrd CPIO --mode raw|overlay|ro|full [--timeout S]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' mode='' timeout=300
parse_options strata kernel initrd mode timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"
[[ $mode =~ ^(raw|overlay|ro|full)$ ]] || die "--mode must be raw, overlay, ro or full"
command -v mkfs.ext4 >/dev/null || skip "mkfs.ext4 (e2fsprogs) is not installed"
[[ $mode != overlay && $mode != full ]] || command -v qemu-img >/dev/null || skip "qemu-img is not installed"

work=$(mktemp -d) || die "mktemp failed"
at_exit rm -rf "$work"
mkdir "$work/root"
echo "hello from the host" >"$work/root/host.txt"
head -c 1048576 /dev/urandom >"$work/root/host.bin"
head -c 2097152 /dev/urandom >"$work/root/delete-me.bin"
host_md5=$(md5sum <"$work/root/host.bin" | cut -d' ' -f1)
base=$work/base.raw
mkfs.ext4 -q -F -d "$work/root" -L strata "$base" 64M || die "mkfs.ext4 failed"
base_md5=$(md5sum <"$base" | cut -d' ' -f1)

disk=$base
disk_option=$base
guest_mode=rw
case $mode in
  overlay | full)
    disk=$work/overlay.qcow2
    "$strata" img create -f qcow2 -b base.raw -F raw "$disk" || die "strata img create failed"
    disk_option=$disk
    ;;
  ro)
    disk_option="${base},readonly=on"
    guest_mode=ro
    ;;
esac

if [[ $mode == full ]]; then
  guest_mode=full
  # The overlay names its base by absolute path so it can move to the small file system.
  "$strata" img create -f qcow2 -b "$base" -F raw "$disk" || die "strata img create failed"
  unshare -Urm true 2>/dev/null || skip "unshare -Urm (user namespaces) is not available"
  mkdir "$work/small"
  disk_option=$work/small/overlay.qcow2
fi
run=("$strata" run --kernel "$kernel" --initrd "$initrd" --append "console=ttyS0"
  --disk "${disk_option},serial=strata-disk-0" --timeout "$timeout")
if [[ $mode == full ]]; then
  # In namespaces of its own: mount a tmpfs 4 MiB larger than the overlay, move the overlay
  # there, run strata, move the overlay back for the checks, exit with strata's status.
  # shellcheck disable=SC2016 # expanded by the inner shell
  run=(unshare -Urm bash -c 'small=$0 disk=$1; shift
    mount -t tmpfs -o size=$(($(stat -c %s "$disk") + 4194304)) tmpfs "$small" || exit 70
    cp "$disk" "$small/overlay.qcow2" || exit 70
    "$@"; status=$?
    cp "$small/overlay.qcow2" "$disk"; exit $status' "$work/small" "$disk" "${run[@]}")
fi
vm_start "disk_${mode}" "${run[@]}"
vm_await_shell 120
vm_run_guest_test 120 /tests/disk.sh "$guest_mode"

check "capacity $(check_value disk_sectors) sectors (want 131072)" \
  test "$(check_value disk_sectors)" = 131072
check "serial '$(check_value disk_serial)'" test "$(check_value disk_serial)" = strata-disk-0
check "mounted" test "$(check_value mounted)" = yes
check "the host's data reads back in the guest" test "$(check_value host_md5)" = "$host_md5"
check "the host's text reads back" test "$(check_value host_text)" = "hello from the host"
check "unmounted" test "$(check_value unmounted)" = yes
if grep -q 'needs reset' "$VM_LOG"; then check_fail "a device reset"; fi
if [[ $mode != full ]] && grep -q 'I/O error' "$VM_LOG"; then check_fail "I/O errors"; fi
vm_poweroff 60

if [[ $mode == full ]]; then
  check "the write that fills the disk fails" test "$(check_value big_write)" = failed
  check "the guest kept running" test "$(check_value alive)" = yes
  check "the guest saw I/O errors" grep -q 'I/O error, dev vda' "$VM_LOG"
  check "strata img check: clean" "$strata" img check "$disk"
  check "qemu-img check: clean" qemu-img check -q "$disk"
  check "the base image is unchanged" test "$(md5sum <"$base" | cut -d' ' -f1)" = "$base_md5"
  finish
fi

if [[ $mode == ro ]]; then
  check "read-only in the guest" test "$(check_value disk_ro)" = 1
  check "file system writes refused" test "$(check_value fs_write)" = denied
  check "device writes refused" test "$(check_value device_write)" = denied
  check "the image is unchanged" test "$(md5sum <"$base" | cut -d' ' -f1)" = "$base_md5"
  finish
fi

check "read-write in the guest" test "$(check_value disk_ro)" = 0
check "synced" test "$(check_value synced)" = yes
flat=$base
if [[ $mode == overlay ]]; then
  check "the base image is unchanged" test "$(md5sum <"$base" | cut -d' ' -f1)" = "$base_md5"
  check "strata img check: clean" "$strata" img check "$disk"
  check "qemu-img check: clean" qemu-img check -q "$disk"
  flat=$work/flat.raw
  qemu-img convert -O raw "$disk" "$flat" || check_fail "qemu-img convert failed"
fi
check "e2fsck -fn: clean" e2fsck -fn "$flat"
debugfs -R "dump /guest.bin ${work}/guest.bin" "$flat" 2>/dev/null
check "the guest's 4 MiB file matches its checksum" \
  test "$(md5sum <"$work/guest.bin" | cut -d' ' -f1)" = "$(check_value guest_md5)"
check "the guest's text file" \
  test "$(debugfs -R 'cat /guest.txt' "$flat" 2>/dev/null)" = "written by the guest"
check "the guest's 20th small file" \
  test "$(debugfs -R 'cat /dir/f19' "$flat" 2>/dev/null)" = "file 19"
check "the deleted file is gone" \
  test -z "$(debugfs -R 'ls -l /' "$flat" 2>/dev/null | grep delete-me)"
finish
