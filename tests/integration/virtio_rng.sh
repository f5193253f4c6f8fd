#!/usr/bin/env bash
# Boots the default Linux guest with two virtio-rng devices, the first on the modern virtio-mmio
# transport (version 2), the second on the legacy one (version 1), and checks through
# /tests/rng.sh that Linux's virtio_mmio and virtio-rng drivers bind both and read random bytes
# from each: 256 bytes per device with at least 64 distinct byte values. Then `poweroff -f` must
# end strata with status 0.
#
# usage: virtio_rng.sh --strata BIN --kernel IMAGE --initrd CPIO [--timeout SECONDS]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

strata='' kernel='' initrd='' timeout=600
parse_options strata kernel initrd timeout -- "$@"
require_guest "$strata" "$kernel" "$initrd"

vm_start virtio_rng "$strata" run --kernel "$kernel" --initrd "$initrd" --append "console=ttyS0" \
  --rng --rng=legacy=on --timeout "$timeout"

vm_await_shell 300
vm_run_guest_test 120 /tests/rng.sh

check "two virtio_rng sources: $(check_value virtio_rng_count)" \
  test "$(check_value virtio_rng_count)" = 2
for n in 0 1; do
  result=$(check_value "rng_${n}")
  transport=modern
  [[ $n -eq 0 ]] || transport=legacy
  if [[ $result =~ ^virtio_rng\.[0-9]+\ bytes=([0-9]+)\ distinct=([0-9]+)$ ]]; then
    check "rng ${n} (${transport}): ${BASH_REMATCH[1]} bytes (want 256)" \
      test "${BASH_REMATCH[1]}" -eq 256
    check "rng ${n} (${transport}): ${BASH_REMATCH[2]} distinct byte values (want >= 64)" \
      test "${BASH_REMATCH[2]}" -ge 64
  else
    check_fail "rng ${n} (${transport}): no result ('${result}')"
  fi
done
if grep -q 'device needs reset' "$VM_LOG"; then check_fail "strata reported a device reset"; fi

vm_poweroff 60
finish
