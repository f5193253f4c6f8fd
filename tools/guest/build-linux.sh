#!/usr/bin/env bash
# Builds the Linux kernel `Image` of strata's default guest from Debian's linux-source-6.1 package,
# configured from tinyconfig plus tools/guest/linux.config, and caches it. The cache key covers the
# config fragment, the linux-source and cross-compiler package versions and these scripts, so a
# second run finds the Image at once. Prints the Image's path on stdout (all else goes to stderr).
#
# Environment: STRATA_GUEST_CACHE (default ~/.cache/strata/guest), STRATA_GUEST_KEEP_BUILD=1 to keep
# the build tree (it is deleted otherwise), JOBS (default: nproc).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The rest is one compound command, which bash reads whole before running it: editing this file
# while it runs cannot derail a build.
{

ensure_packages linux-source-6.1 gcc-riscv64-linux-gnu libc6-dev-riscv64-cross \
  bc flex bison libelf-dev libssl-dev cpio make gcc libc6-dev xz-utils

fragment=${guest_dir}/linux.config
tarball=/usr/src/linux-source-6.1.tar.xz
[[ -f $tarball ]] || die "${tarball} missing (package linux-source-6.1)"
src_version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
cc_version=$(dpkg-query -W -f='${Version}' gcc-riscv64-linux-gnu)
key=$(hash_of "$fragment" "linux-source-6.1=${src_version}" "gcc-riscv64-linux-gnu=${cc_version}" \
  "${guest_dir}/build-linux.sh" "${guest_dir}/common.sh")
out=${cache_root}/linux-${key}

if [[ -f ${out}/Image ]]; then
  log "cached: linux-source-6.1 ${src_version}, config ${key}"
  echo "${out}/Image"
  exit 0
fi

mkdir -p "$cache_root"
work=$(mktemp -d "${cache_root}/.build-linux-${key}-XXXXXX")
build_dir=$work
start=$(date +%s)

log "unpacking linux-source-6.1 ${src_version} into ${work}"
tar -xaf "$tarball" -C "$work"
src=${work}/linux-source-6.1
export KBUILD_BUILD_USER=strata KBUILD_BUILD_HOST=strata
kmake=(make -C "$src" ARCH=riscv "CROSS_COMPILE=${cross}" -j"${JOBS:-$(nproc)}")

log "configuring: tinyconfig + ${fragment}"
"${kmake[@]}" -s tinyconfig >"${work}/config.log"
(cd "$src" && ARCH=riscv scripts/kconfig/merge_config.sh -m .config "$fragment") \
  >>"${work}/config.log"
"${kmake[@]}" -s olddefconfig >>"${work}/config.log"

# olddefconfig silently drops what it cannot satisfy: every line of the fragment must survive.
dropped=()
checked=0
while IFS= read -r line; do
  if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
    checked=$((checked + 1))
    if ! grep -qxF -- "$line" "${src}/.config"; then
      final=$(grep -E "^(# )?${BASH_REMATCH[1]}[= ]" "${src}/.config" || echo absent)
      dropped+=("${line} (final: ${final})")
    fi
  elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
    checked=$((checked + 1))
    if grep -qE "^${BASH_REMATCH[1]}=" "${src}/.config"; then
      dropped+=("${line} (final: $(grep -E "^${BASH_REMATCH[1]}=" "${src}/.config"))")
    fi
  fi
done <"$fragment"
if ((${#dropped[@]} > 0)); then
  log "error: ${#dropped[@]} option(s) of ${fragment} did not survive olddefconfig:"
  printf '  %s\n' "${dropped[@]}" >&2
  exit 1
fi
log "config verified: all ${checked} lines of the fragment hold in the final .config"

log "building Image (${kmake[*]:3} Image); log in ${work}/build.log"
if ! "${kmake[@]}" Image >"${work}/build.log" 2>&1; then
  tail -n 60 "${work}/build.log" >&2
  cp "${work}/build.log" "${out}.failed.log"
  die "kernel build failed (log: ${out}.failed.log)"
fi
seconds=$(($(date +%s) - start))

staging=${out}.tmp.$$
rm -rf "$staging"
mkdir -p "$staging"
cp "${src}/arch/riscv/boot/Image" "${src}/System.map" "$staging/"
cp "${src}/.config" "${staging}/config"
cat >"${staging}/build-info.txt" <<INFO
linux-source-6.1 ${src_version}
gcc-riscv64-linux-gnu ${cc_version}
fragment ${fragment}
key ${key}
built $(date -u +%Y-%m-%dT%H:%M:%SZ) in ${seconds} s with -j${JOBS:-$(nproc)} on $(nproc) cores
INFO
if ! mv -T "$staging" "$out" 2>/dev/null; then
  rm -rf "$staging" # another run finished first
fi
log "built in ${seconds} s: $(stat -c %s "${out}/Image") bytes"
echo "${out}/Image"
exit
}
