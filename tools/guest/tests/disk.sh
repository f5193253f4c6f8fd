#!/bin/sh
# virtio-blk: mounts the ext4 file system on /dev/vda, reports what the host put there, and in
# "rw" mode writes files (4 MiB of random data, text, a directory of small files), deletes one
# (mounted with -o discard, so the deletion sends discards), syncs and unmounts; in "ro" mode
# tries to write (the file system and the raw device must refuse). The host checks the numbers
# and the image afterwards. In "full" mode the host's disk fills up under the guest: a large
# synced write must fail with an I/O error and the guest must keep running. Prints
# "CHECK key=value" lines and ends with STRATA-TEST-DONE.
#   sh /tests/disk.sh rw|ro|full
mode=${1:-rw}
echo "CHECK disk_ro=$(cat /sys/block/vda/ro 2>/dev/null)"
echo "CHECK disk_sectors=$(cat /sys/block/vda/size 2>/dev/null)"
echo "CHECK disk_serial=$(cat /sys/block/vda/serial 2>/dev/null)"
options=discard
[ "$mode" = ro ] && options=ro
if mount -t ext4 -o "$options" /dev/vda /mnt; then
  echo "CHECK mounted=yes"
else
  echo "CHECK mounted=no"
fi
echo "CHECK host_md5=$(md5sum </mnt/host.bin | cut -d' ' -f1)"
echo "CHECK host_text=$(cat /mnt/host.txt)"
if [ "$mode" = full ]; then
  if dd if=/dev/urandom of=/mnt/big.bin bs=64k count=256 conv=fsync 2>/dev/null; then
    echo "CHECK big_write=succeeded"
  else
    echo "CHECK big_write=failed"
  fi
  rm -f /mnt/big.bin
  sync
  echo "CHECK alive=yes"
elif [ "$mode" = rw ]; then
  dd if=/dev/urandom of=/mnt/guest.bin bs=64k count=64 2>/dev/null
  echo "CHECK guest_md5=$(md5sum </mnt/guest.bin | cut -d' ' -f1)"
  echo "written by the guest" >/mnt/guest.txt
  mkdir /mnt/dir
  i=0
  while [ $i -lt 20 ]; do
    echo "file $i" >"/mnt/dir/f$i"
    i=$((i + 1))
  done
  rm /mnt/delete-me.bin
  sync
  echo "CHECK synced=yes"
else
  if echo x >/mnt/x 2>/dev/null; then echo "CHECK fs_write=allowed"; else echo "CHECK fs_write=denied"; fi
  if dd if=/dev/zero of=/dev/vda bs=512 count=1 conv=fsync 2>/dev/null; then
    echo "CHECK device_write=allowed"
  else
    echo "CHECK device_write=denied"
  fi
fi
if umount /mnt; then echo "CHECK unmounted=yes"; else echo "CHECK unmounted=no"; fi
echo "STRATA-TEST-DONE"
