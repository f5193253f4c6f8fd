#!/usr/bin/env bash
# Installs the Debian 12 packages strata needs to build, test and benchmark. Idempotent and quick
# when everything is already there; needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config ccache  # the build
  libfmt-dev libcli11-dev                  # formatting, command line
  libfdt-dev device-tree-compiler          # device trees (dtc checks the generated ones)
  libxbyak-dev                             # the binary translator's x86-64 code emitter
  libabsl-dev                              # flat hash maps (the decode cache's block index)
  libslirp-dev libglib2.0-dev liburing-dev # user-mode networking (its .pc needs glib), disk I/O
  qemu-utils e2fsprogs                     # disk image interop checks, ext4 images for tests
  zlib1g-dev                               # compressed qcow2 clusters
  clang-16 libclang-rt-16-dev              # libFuzzer harnesses
  nlohmann-json3-dev                       # the control socket's JSON protocol
  libgtest-dev libgmock-dev                # unit tests
  gcc-riscv64-unknown-elf                  # guest test programs, examples, benchmark guests
  clang-format clang-tidy-16               # style and lint checks
  opensbi u-boot-qemu                      # firmware boots (--bios default) and their tests
  qemu-system-misc                         # the benchmarks' side-by-side comparison
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}"
