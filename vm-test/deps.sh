#!/bin/bash
# Install every Debian package tickpath needs to build and test, once.
# Idempotent: it calls apt-get only when something is missing.
set -euo pipefail

packages=(
	build-essential pkg-config libmnl-dev	# user space
	linux-headers-amd64 linux-headers-6.12-amd64	# Debian 12's kernels' module ABIs
	dkms xz-utils				# the DKMS test; 6.12's modules are .ko.xz
	man-db groff-base			# the man pages' test
	linux-source-6.1 bc bison flex libelf-dev libssl-dev dwarves	# debug kernel
	qemu-system-x86 busybox-static cpio kmod iproute2 util-linux	# test VMs
	python3 sparse tshark clang		# tests, fuzzing and lint
	libxdp-dev libbpf-dev gnuplot-nox valgrind	# the bench: AF_XDP, plots, callgrind
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
