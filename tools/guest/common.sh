# shellcheck shell=bash
# Shared helpers for tools/guest/build-*.sh (sourced, not run).
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file

guest_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_root=${STRATA_GUEST_CACHE:-${HOME}/.cache/strata/guest}
cross=riscv64-linux-gnu-

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# as_root CMD...: runs CMD as root (directly, or through sudo).
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  else
    command -v sudo >/dev/null || die "need root or sudo to run: $*"
    sudo "$@"
  fi
}

apt_updated=0
apt_update() {
  if ((apt_updated == 0)); then
    as_root apt-get update -qq >&2
    apt_updated=1
  fi
}

# ensure_packages PKG...: installs the Debian packages that are missing; quick when all are there.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing: ${missing[*]}"
  apt_update
  # apt and dpkg talk on stdout, which the scripts keep for the paths they print.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
}

# hash_of FILE-OR-STRING...: a short hash over the names and contents of the given files (or, for
# arguments that are not files, the strings themselves), in order. Files under tools/guest/ are
# named by their path there, others by their base name, so the hash does not depend on where the
# checkout or the cache is.
hash_of() {
  local a name
  for a in "$@"; do
    if [[ -f $a ]]; then
      name=${a#"${guest_dir}"/}
      [[ $name == "$a" ]] && name=$(basename "$a")
      printf 'file:%s\n' "$name"
      cat "$a"
    else
      printf '%s\n' "str:$a"
    fi
  done | sha256sum | cut -c1-16
}

# A script's build tree: set build_dir, and it goes on exit (kept if STRATA_GUEST_KEEP_BUILD=1).
build_dir=
remove_build_dir() {
  [[ -n $build_dir && -d $build_dir ]] || return 0
  if [[ ${STRATA_GUEST_KEEP_BUILD:-0} == 1 ]]; then
    log "build tree kept in ${build_dir}"
  else
    rm -rf "$build_dir"
  fi
}
trap remove_build_dir EXIT
