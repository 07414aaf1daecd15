#!/bin/bash
# make install and make uninstall, as a deployer runs them, into a DESTDIR:
# every file in its place, a shared library that exports only its API and
# resolves by SONAME, a pkg-config file that a third-party program builds
# with, the caller's hardening flags applied, and nothing left after
# uninstall.  Runs on a copy of the tree: make install builds the module
# where its sources are, as out-of-tree modules do.
. "$(dirname "$0")/../tools/lib.bash"

version=$(cat "$src/VERSION")
kdir=/lib/modules/$(dpkg-query -W -f='${Depends}' linux-headers-amd64 |
	grep -o 'linux-headers-[0-9][^ ,]*-amd64' | head -n1 | sed 's/^linux-headers-//')/build
kver=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")

tree=$work/src
mkdir -p "$tree"
git -C "$src" ls-files -z | (cd "$src" && xargs -0 cp --parents -t "$tree")

# Debian's hardening flags, all of them, as a package build would pass them.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
hardening=(CFLAGS="$(dpkg-buildflags --get CFLAGS)" CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)"
	   LDFLAGS="$(dpkg-buildflags --get LDFLAGS)")

dest=$work/root
check "make install DESTDIR PREFIX=/usr KDIR" \
	logged "$work/install.log" make -s -C "$tree" "${hardening[@]}" install \
	DESTDIR="$dest" PREFIX=/usr KDIR="$kdir" || { tail -n 30 "$work/install.log"; finish; exit; }

exists() { [ -e "$dest$1" ] || { echo "missing: $1"; return 1; }; }
for f in /lib/modules/$kver/updates/tickpath.ko \
	 /usr/bin/tpctl /usr/bin/tpcat /usr/bin/tpgen \
	 /usr/lib/libtickpath.so.$version /usr/lib/libtickpath.a \
	 /usr/include/tickpath.h /usr/include/tickpath_reader.h \
	 /usr/include/linux/tickpath.h /usr/include/linux/tickpath_ring.h \
	 /usr/lib/pkgconfig/libtickpath.pc \
	 /usr/share/man/man8/tpctl.8 /usr/share/man/man1/tpcat.1 /usr/share/man/man1/tpgen.1 \
	 /usr/share/man/man3/libtickpath.3 /usr/share/man/man4/tickpath.4 \
	 /etc/udev/rules.d/60-tickpath.rules /usr/lib/sysusers.d/tickpath.conf \
	 /usr/lib/systemd/system/tickpath.service \
	 /usr/share/doc/tickpath/examples/modprobe.d/tickpath.conf \
	 /usr/share/doc/tickpath/examples/modules-load.d/tickpath.conf \
	 /usr/share/doc/tickpath/LICENSE; do
	check "installed $f" exists "$f"
done

check "depmod knows the module" \
	grep -q "^updates/tickpath.ko:" "$dest/lib/modules/$kver/modules.dep"
check "the module's version is VERSION" \
	test "$(modinfo -F version "$dest/lib/modules/$kver/updates/tickpath.ko")" = "$version"
check "the module is built for KDIR's kernel" \
	grep -q "^$kver " <(modinfo -F vermagic "$dest/lib/modules/$kver/updates/tickpath.ko")

lib=$dest/usr/lib
check "libtickpath.so.0 -> libtickpath.so.$version" \
	test "$(readlink "$lib/libtickpath.so.0")" = "libtickpath.so.$version"
check "libtickpath.so -> libtickpath.so.0" \
	test "$(readlink "$lib/libtickpath.so")" = "libtickpath.so.0"
check "SONAME is libtickpath.so.0" \
	grep -q 'SONAME.*\[libtickpath.so.0\]' <(readelf -d "$lib/libtickpath.so.$version")
# The API is what tickpath.h and tickpath_reader.h declare, less the inline
# functions; the decoder and the netlink helpers stay inside.
api=$(sed -n 's/^[a-z].*[ *]\(tp_[a-z_]*\)(.*/\1/p' "$src/lib/tickpath.h" "$src/lib/tickpath_reader.h" |
	grep -vx 'tp_sub_next\|tp_sub_done' | sort)
exported=$(nm -D --defined-only "$lib/libtickpath.so.$version" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort)
check "the shared library exports exactly the API" test "$api" = "$exported"
[ "$api" = "$exported" ] || diff <(echo "$api") <(echo "$exported")

check "udev gives /dev/tickpath to group tickpath, mode 0640" \
	grep -q 'KERNEL=="tickpath".*GROUP="tickpath".*MODE="0640"' "$dest/etc/udev/rules.d/60-tickpath.rules"
check "the unit restores with the installed tpctl" \
	grep -qx 'ExecStart=/usr/bin/tpctl -batch /etc/tickpath/tickpath.conf' \
	"$dest/usr/lib/systemd/system/tickpath.service"

# The caller's hardening flags took: full RELRO and fortified calls.
check "tpctl is linked with -z now (LDFLAGS honoured)" \
	grep -q 'BIND_NOW' <(readelf -d "$dest/usr/bin/tpctl")
check "tpcat calls fortified functions (CPPFLAGS honoured)" \
	grep -q '__.*_chk' <(nm -D "$dest/usr/bin/tpcat")

# A third-party program, built as its author would: pkg-config only.
cat > "$work/client.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <tickpath.h>
#include <linux/tickpath_ring.h>

int main(void)
{
	const char *bad = NULL;

	if (tp_types_check("AFECXDUP", &bad) || !tp_types_check("AA", &bad))
		return 1;
	printf("%s %zu\n", tp_version(), sizeof(struct tickpath_ring_hdr));
	return 0;
}
EOF
export PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_PATH=$lib/pkgconfig
check "the pkg-config file names the prefix" \
	grep -qx 'libdir=/usr/lib' "$lib/pkgconfig/libtickpath.pc"
check "pkg-config --modversion is VERSION" \
	test "$(pkg-config --modversion libtickpath)" = "$version"
# shellcheck disable=SC2046
check "a third-party program builds with pkg-config --cflags --libs" \
	cc -Wall -Werror -o "$work/client" "$work/client.c" $(pkg-config --cflags --libs libtickpath)
check "it runs against the installed library" \
	test "$(LD_LIBRARY_PATH=$lib "$work/client")" = "$version 128"
check "the SONAME resolves to the installed file" \
	grep -q "libtickpath.so.0 => $lib/libtickpath.so.0 " <(LD_LIBRARY_PATH=$lib ldd "$work/client")

# Another prefix: the pkg-config file follows it.
check "make install-user PREFIX=/opt/tp" \
	logged "$work/opt.log" make -s -C "$tree" install-user DESTDIR="$work/opt" PREFIX=/opt/tp
check "pkg-config file of PREFIX=/opt/tp" \
	grep -qx 'includedir=/opt/tp/include' "$work/opt/opt/tp/lib/pkgconfig/libtickpath.pc"

check "make uninstall" \
	logged "$work/uninstall.log" make -s -C "$tree" uninstall DESTDIR="$dest" PREFIX=/usr KDIR="$kdir"
left=$(cd "$dest" && find . -type f -o -type l | grep -v "^./lib/modules/$kver/modules\.")
check "nothing is left but depmod's indexes" test -z "$left"
[ -z "$left" ] || echo "$left"

finish
