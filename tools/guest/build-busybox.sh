#!/usr/bin/env bash
# Builds a static riscv64 BusyBox from Debian's busybox source package with Debian's own static
# configuration (debian/config/pkg/static) and caches it. The source comes from `apt-get source`,
# for which a deb-src entry mirroring the machine's Debian archive entries is added when none is
# configured (/etc/apt/sources.list.d/strata-deb-src.{sources,list}). Prints the directory holding
# `busybox` and `busybox.links` on stdout (all else goes to stderr). Used by build-initramfs.sh.
#
# Environment: STRATA_GUEST_CACHE (default ~/.cache/strata/guest), STRATA_GUEST_KEEP_BUILD=1 to keep
# the build tree, JOBS (default: nproc).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The rest is one compound command, which bash reads whole before running it: editing this file
# while it runs cannot derail a build.
{

ensure_packages gcc-riscv64-linux-gnu libc6-dev-riscv64-cross make gcc libc6-dev dpkg-dev

have_busybox_source() { apt-cache showsrc busybox 2>/dev/null | grep -q '^Package: busybox$'; }

# Prints deb-src entries that mirror the Debian archive's deb entries: deb822 stanzas from
# *.sources files on stdout, one-line entries from *.list files on fd 3.
debian_deb_src_entries() {
  local files=() f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f && $(basename "$f") != strata-deb-src.sources ]] && files+=("$f")
  done
  if ((${#files[@]} > 0)); then
    # One stanza at a time: keep enabled stanzas of type deb whose URIs are Debian's archive
    # (a *.debian.org host, a proxy path naming one, or a mirror's /debian or /debian-security).
    awk '
      function flush() {
        if (n > 0 && types ~ /(^|[ \t])deb([ \t]|$)/ && uris ~ debian &&
            enabled !~ /^[ \t]*(no|false)/) {
          print "Types: deb-src"
          for (i = 1; i <= n; i++) if (tolower(name[i]) != "types") print text[i]
          print ""
        }
        n = 0; types = ""; uris = ""; enabled = ""
      }
      BEGIN { debian = "(debian\\.org|://[^/ ]+/debian(-security)?/?([ \t]|$))" }
      /^[ \t]*$/ { flush(); next }
      /^#/ { next }
      /^[ \t]/ { text[n] = text[n] "\n" $0; next }
      {
        n++; name[n] = $0; sub(/:.*/, "", name[n]); text[n] = $0
        value = $0; sub(/^[^:]*:[ \t]*/, "", value)
        key = tolower(name[n])
        if (key == "types") types = value
        else if (key == "uris") uris = value
        else if (key == "enabled") enabled = tolower(value)
      }
      END { flush() }
    ' "${files[@]}"
  fi
  files=()
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f && $(basename "$f") != strata-deb-src.list ]] && files+=("$f")
  done
  if ((${#files[@]} > 0)); then
    local uri='[a-z+]+://([^ \t]*debian\.org|[^/ \t]+/debian(-security)?/?)([ \t]|$)'
    sed -nE "\\%^[ \\t]*deb[ \\t]+([[][^]]*[]][ \\t]+)?${uri}% s/^[ \\t]*deb([ \\t])/deb-src\\1/p" \
      "${files[@]}" >&3
  fi
}

# Adds deb-src entries for the machine's Debian archive, unless busybox's source is already known.
ensure_deb_src() {
  have_busybox_source && return 0
  local tmp sources list
  tmp=$(mktemp -d)
  debian_deb_src_entries >"${tmp}/sources" 3>"${tmp}/list"
  sources=/etc/apt/sources.list.d/strata-deb-src.sources
  list=/etc/apt/sources.list.d/strata-deb-src.list
  if [[ ! -s ${tmp}/sources && ! -s ${tmp}/list ]]; then
    rm -rf "$tmp"
    die "no Debian archive 'deb' entry found in /etc/apt/sources.list{,.d/} to mirror as deb-src"
  fi
  log "adding deb-src entries for the Debian archive:"
  cat "${tmp}/sources" "${tmp}/list" >&2
  if [[ -s ${tmp}/sources ]]; then as_root install -m 644 "${tmp}/sources" "$sources"; fi
  if [[ -s ${tmp}/list ]]; then as_root install -m 644 "${tmp}/list" "$list"; fi
  rm -rf "$tmp"
  if ! as_root apt-get update -qq >&2 || ! have_busybox_source; then
    as_root rm -f "$sources" "$list"
    as_root apt-get update -qq >&2 || true
    die "apt-get finds no busybox source with the added deb-src entries (removed them again)"
  fi
  apt_updated=1
}

ensure_deb_src
# The newest version of the source package known to apt (the one `apt-get source` fetches).
bb_version=
while read -r v; do
  if [[ -z $bb_version ]] || dpkg --compare-versions "$v" gt "$bb_version"; then bb_version=$v; fi
done < <(apt-cache showsrc --only-source busybox | awk '/^Version:/ { print $2 }')
[[ -n $bb_version ]] || die "apt knows no version of the busybox source package"
cc_version=$(dpkg-query -W -f='${Version}' gcc-riscv64-linux-gnu)
libc_version=$(dpkg-query -W -f='${Version}' libc6-dev-riscv64-cross)
key=$(hash_of "busybox=${bb_version}" "gcc-riscv64-linux-gnu=${cc_version}" \
  "libc6-dev-riscv64-cross=${libc_version}" \
  "${guest_dir}/build-busybox.sh" "${guest_dir}/common.sh")
out=${cache_root}/busybox-${key}

if [[ -x ${out}/busybox && -f ${out}/busybox.links ]]; then
  log "cached: busybox ${bb_version} (${key})"
  echo "$out"
  exit 0
fi

mkdir -p "$cache_root"
work=$(mktemp -d "${cache_root}/.build-busybox-${key}-XXXXXX")
build_dir=$work
start=$(date +%s)

log "fetching busybox ${bb_version} source (apt-get source)"
(cd "$work" && apt-get source -qq "busybox=${bb_version}" >"${work}/source.log" 2>&1) || {
  cat "${work}/source.log" >&2
  die "apt-get source busybox=${bb_version} failed"
}
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'busybox-*' | head -n 1)
[[ -n $src && -f ${src}/debian/config/pkg/static ]] ||
  die "unexpected busybox source layout in ${work}"

log "configuring: debian/config/pkg/static with CONFIG_CROSS_COMPILER_PREFIX=\"${cross}\""
sed -E "s|^#? ?CONFIG_CROSS_COMPILER_PREFIX[= ].*|CONFIG_CROSS_COMPILER_PREFIX=\"${cross}\"|" \
  "${src}/debian/config/pkg/static" >"${src}/.config"
grep -qxF "CONFIG_CROSS_COMPILER_PREFIX=\"${cross}\"" "${src}/.config" ||
  echo "CONFIG_CROSS_COMPILER_PREFIX=\"${cross}\"" >>"${src}/.config"
bbmake=(make -C "$src" "CROSS_COMPILE=${cross}" -j"${JOBS:-$(nproc)}")
{ yes "" || true; } | "${bbmake[@]}" oldconfig >"${work}/config.log" 2>&1 || {
  cat "${work}/config.log" >&2
  die "busybox oldconfig failed"
}
for opt in CONFIG_STATIC=y "CONFIG_CROSS_COMPILER_PREFIX=\"${cross}\""; do
  grep -qxF "$opt" "${src}/.config" || die "busybox .config lacks ${opt}"
done

log "building busybox; log in ${work}/build.log"
if ! "${bbmake[@]}" busybox busybox.links >"${work}/build.log" 2>&1; then
  tail -n 60 "${work}/build.log" >&2
  cp "${work}/build.log" "${out}.failed.log"
  die "busybox build failed (log: ${out}.failed.log)"
fi
header=$("${cross}readelf" -h -l "${src}/busybox")
grep -q 'Machine:.*RISC-V' <<<"$header" || die "busybox is not a RISC-V binary"
if grep -q 'INTERP' <<<"$header"; then die "busybox is not static"; fi
seconds=$(($(date +%s) - start))

staging=${out}.tmp.$$
rm -rf "$staging"
mkdir -p "$staging"
cp "${src}/busybox" "${src}/busybox.links" "$staging/"
cp "${src}/.config" "${staging}/config"
printf 'busybox %s\ngcc-riscv64-linux-gnu %s\nlibc6-dev-riscv64-cross %s\nbuilt in %s s\n' \
  "$bb_version" "$cc_version" "$libc_version" "$seconds" >"${staging}/build-info.txt"
if ! mv -T "$staging" "$out" 2>/dev/null; then
  rm -rf "$staging"
fi
log "built busybox ${bb_version} in ${seconds} s: $(stat -c %s "${out}/busybox") bytes"
echo "$out"
exit
}
