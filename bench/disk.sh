#!/usr/bin/env bash
# Disk benchmark: sequential write and read MB/s and 4 KiB random-read IOPS (1 and 8 requests in
# flight), measured inside the default Linux guest by bench/disk/diskbench.c (O_DIRECT on
# /dev/vda), on strata and on QEMU side by side, with the same kernel, initramfs and image, on a
# raw and on a qcow2 image. See bench/README.md ("Disk").
#
# The image: a 16 MiB ext4 file system holding diskbench, followed by the range the benchmark
# uses (SIZE MiB), so the program reaches the guest on the disk under test.
#
# Engines (256 MiB, 1 hart, console on the UART):
#   strata  strata run --kernel Image --initrd cpio.gz --disk IMG,format=F
#   qemu    qemu-system-riscv64 -M virt -bios default ... -drive if=none,id=d0,file=IMG,format=F
#           -device virtio-blk-device,drive=d0   (cache=writeback, QEMU's default)
#
# usage: bench/disk.sh [--strata PATH] [--kernel FILE --initrd FILE] [--size MiB] [--seconds S]
#                      [--formats "raw qcow2"] [--no-qemu] [--out DIR]
# Results: a table on stdout and DIR/results.csv (default build/bench-disk).
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRATA=${STRATA:-$ROOT/build/release/strata}
QEMU=${QEMU:-qemu-system-riscv64}
KERNEL=${KERNEL:-}
INITRD=${INITRD:-}
SIZE=64
SECONDS_PER_TEST=5
FORMATS="raw qcow2"
DO_QEMU=1
OUT=$ROOT/build/bench-disk
while [ $# -gt 0 ]; do
  case "$1" in
    --strata) STRATA=$2; shift 2 ;;
    --kernel) KERNEL=$2; shift 2 ;;
    --initrd) INITRD=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --seconds) SECONDS_PER_TEST=$2; shift 2 ;;
    --formats) FORMATS=$2; shift 2 ;;
    --no-qemu) DO_QEMU=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "disk.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$KERNEL" ] || [ -z "$INITRD" ]; then
  eval "$("$ROOT/tools/guest/build-all.sh")" || exit 2
fi
for tool in riscv64-linux-gnu-gcc mkfs.ext4 qemu-img; do
  command -v "$tool" >/dev/null || { echo "disk.sh: $tool is not installed" >&2; exit 2; }
done
[ -x "$STRATA" ] || { echo "disk.sh: $STRATA is not built" >&2; exit 2; }

# shellcheck source-path=SCRIPTDIR source=../tests/integration/lib.sh
source "$ROOT/tests/integration/lib.sh"
mkdir -p "$OUT"
export STRATA_IT_LOG_DIR=$OUT
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/root"
riscv64-linux-gnu-gcc -static -O2 -pthread -o "$work/root/diskbench" "$ROOT/bench/disk/diskbench.c" ||
  exit 2
mkfs.ext4 -q -F -d "$work/root" "$work/fs.raw" 16M || exit 2

# run_one ENGINE FORMAT: boots, runs diskbench, appends a CSV line.
run_one() {
  local engine=$1 format=$2 image=$work/disk.$2
  cp "$work/fs.raw" "$work/disk.raw"
  truncate -s $((16 + SIZE))M "$work/disk.raw"
  if [ "$format" = qcow2 ]; then
    qemu-img convert -f raw -O qcow2 "$work/disk.raw" "$image" || return 1
  fi
  local cmd
  if [ "$engine" = strata ]; then
    cmd=("$STRATA" run --kernel "$KERNEL" --initrd "$INITRD" --mem 256M --append console=ttyS0
      --disk "${image},format=${format}" --timeout 600)
  else
    cmd=("$QEMU" -M virt -bios default -m 256M -smp 1 -display none -monitor none -serial stdio
      -kernel "$KERNEL" -initrd "$INITRD" -append console=ttyS0
      -drive "if=none,id=d0,file=${image},format=${format}" -device virtio-blk-device,drive=d0)
  fi
  vm_start "disk_${engine}_${format}" "${cmd[@]}"
  vm_expect '^strata-guest: starting a shell' 300 || return 1
  vm_send "mount -o ro /dev/vda /mnt && cp /mnt/diskbench /tmp/ && umount /mnt && /tmp/diskbench /dev/vda 16 ${SIZE} ${SECONDS_PER_TEST}"
  vm_expect '^CHECK bench_done=1' 300 || { vm_kill; return 1; }
  vm_send 'poweroff -f'
  vm_wait_exit 60 || vm_kill
  printf '%s,%s,%s,%s,%s,%s\n' "$engine" "$format" "$(check_value seq_write_mbs)" \
    "$(check_value seq_read_mbs)" "$(check_value randread_iops_qd1)" \
    "$(check_value randread_iops_qd8)" >>"$OUT/results.csv"
}

echo "engine,format,seq_write_MBps,seq_read_MBps,randread_4k_iops_qd1,randread_4k_iops_qd8" \
  >"$OUT/results.csv"
status=0
for format in $FORMATS; do
  run_one strata "$format" || { echo "disk.sh: strata ($format) failed" >&2; status=1; }
  if [ "$DO_QEMU" = 1 ]; then
    run_one qemu "$format" || { echo "disk.sh: qemu ($format) failed" >&2; status=1; }
  fi
done
column -t -s, "$OUT/results.csv"
exit "$status"
