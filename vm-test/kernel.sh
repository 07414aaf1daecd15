#!/bin/bash
# Provide a kernel for the test VMs, cached outside the clone.
#
#   vm-test/kernel.sh stock     Debian 12's kernel (6.1): the linux-image
#                               matching linux-headers-amd64 (same ABI),
#                               unpacked, not installed.
#   vm-test/kernel.sh stock612  the same for linux-headers-6.12-amd64
#                               (bookworm-security).
#   vm-test/kernel.sh debug     tinyconfig + vm-test/debug.config, built from
#                               Debian's linux-source-6.1.
#
# Prints two lines: the bzImage path, then the tree to build modules against
# (KDIR).  The cache key is a hash of everything that shapes the result, so a
# changed fragment or source package rebuilds and an unchanged one never does.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${TICKPATH_CACHE:-$HOME/.cache/tickpath}
mkdir -p "$cache"

# stock_abi META: the ABI of the one linux-headers-<abi> that the headers
# meta-package META depends on.
stock_abi() {
	dpkg-query -W -f='${Depends}\n' "$1" |
		grep -o 'linux-headers-[0-9][^ ,]*-amd64' | head -n1 |
		sed 's/^linux-headers-//'
}

# stock META
stock() {
	local abi dir
	abi=$(stock_abi "$1")
	dir=$cache/stock-$abi
	if [ ! -e "$dir/.done" ]; then
		rm -rf "$dir" && mkdir -p "$dir/pkg"
		(cd "$dir" && apt-get download -q "linux-image-$abi-unsigned" >&2)
		dpkg-deb -x "$dir"/linux-image-*.deb "$dir/pkg"
		rm -f "$dir"/linux-image-*.deb
		depmod -b "$dir/pkg" "$abi"
		touch "$dir/.done"
	fi
	echo "$dir/pkg/boot/vmlinuz-$abi"
	echo "/usr/src/linux-headers-$abi"
}

debug() {
	local ver key dir src
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
	key=$( (echo "$ver"; cat "$here/debug.config" "$0") | sha256sum | cut -c1-16)
	dir=$cache/debug-$key
	src=$dir/linux
	if [ ! -e "$dir/.done" ]; then
		rm -rf "$dir" && mkdir -p "$dir"
		echo "building the debug kernel in $dir (about 10 minutes, once)" >&2
		tar -C "$dir" -xaf /usr/src/linux-source-6.1.tar.xz
		mv "$dir"/linux-source-6.1 "$src"
		make -C "$src" -s tinyconfig >&2
		(cd "$src" && scripts/kconfig/merge_config.sh -m .config \
			"$here/debug.config" >&2)
		make -C "$src" -s olddefconfig >&2
		# Fail loudly if Kconfig dropped a line of the fragment.
		local missing=0 line
		while read -r line; do
			case "$line" in CONFIG_*=y) ;; *) continue ;; esac
			grep -qx "$line" "$src/.config" ||
				{ echo "debug kernel: $line did not stick" >&2; missing=1; }
		done < "$here/debug.config"
		[ "$missing" = 0 ]
		make -C "$src" -s -j"$(($(nproc) + 1))" bzImage modules >&2
		touch "$dir/.done"
	fi
	echo "$src/arch/x86/boot/bzImage"
	echo "$src"
}

case "${1:-}" in
stock) stock linux-headers-amd64 ;;
stock612) stock linux-headers-6.12-amd64 ;;
debug) debug ;;
*) echo "usage: $0 stock|stock612|debug" >&2; exit 2 ;;
esac
