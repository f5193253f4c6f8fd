# Shared by run-on-qemu.sh (sourced).  Keep in sync with CMakeLists.txt.
guest_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GUEST_CFLAGS=(-march=rv64gc_zba_zbb_zbs -mabi=lp64d -mcmodel=medany -nostdlib -nostartfiles
              -static -ffreestanding -fno-builtin -fno-pic -O2 -g -Wall
              -I "$guest_dir/include" -T "$guest_dir/common/link.ld" -Wl,--no-warn-rwx-segments)
guest_compile() { # src out   (extra flags in $GUEST_EXTRA_FLAGS)
  # shellcheck disable=SC2086
  "$CC" "${GUEST_CFLAGS[@]}" ${GUEST_EXTRA_FLAGS:-} -o "$2" "$guest_dir/common/crt.S" "$1"
}
