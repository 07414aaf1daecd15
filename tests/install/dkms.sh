#!/bin/bash
# DKMS builds the module from the tree `make dkms-src` lays out, for each of
# Debian 12's kernels whose headers are installed (6.1 and 6.12), as it does
# on a kernel update.  A private DKMS tree keeps the host's untouched; DKMS
# signs with its own key (/var/lib/dkms/mok.*), making one if there is none.
. "$(dirname "$0")/../tools/lib.bash"

version=$(cat "$src/VERSION")

# abi META: the kernel release of the headers a meta-package depends on.
abi() {
	dpkg-query -W -f='${Depends}' "$1" | grep -o 'linux-headers-[0-9][^ ,]*-amd64' |
		head -n1 | sed 's/^linux-headers-//'
}

check "dkms.conf's PACKAGE_VERSION is VERSION" \
	grep -qx "PACKAGE_VERSION=\"$version\"" "$src/dkms.conf"

check "make dkms-src" logged "$work/src.log" make -s -C "$src" dkms-src DESTDIR="$work"
mkdir -p "$work/dkms"
dkms=(-m tickpath -v "$version" --sourcetree "$work/usr/src" --dkmstree "$work/dkms")
check "dkms add" logged "$work/add.log" dkms add "${dkms[@]}" || cat "$work/add.log"

for meta in linux-headers-amd64 linux-headers-6.12-amd64; do
	kver=$(abi "$meta")
	if ! check "dkms build for $kver" \
			logged "$work/build-$kver.log" dkms build "${dkms[@]}" -k "$kver"; then
		tail -n 20 "$work/build-$kver.log"
		find "$work/dkms" -name make.log -exec tail -n 20 {} +
		continue
	fi
	ko=$(echo "$work/dkms/tickpath/$version/$kver"/*/module/tickpath.ko*)
	check "$kver: tickpath.ko built" test -e "$ko"
	check "$kver: its vermagic is the kernel's" \
		grep -q "^$kver " <(modinfo -F vermagic "$ko")
	check "$kver: its version is VERSION" test "$(modinfo -F version "$ko")" = "$version"
done

finish
