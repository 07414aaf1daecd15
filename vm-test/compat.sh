#!/bin/bash
# make compat: tickpath.ko compiled with W=1 against every Debian kernel
# headers tree this machine can get, other than the two make check builds
# for (bookworm's stock 6.1 linux-headers-amd64 and bookworm-security's
# linux-headers-6.12-amd64).  Compile only: nothing is loaded.
#
#   vm-test/compat.sh [NAME...]   only the trees whose name (SUITE/ABI)
#                                 contains a NAME; a chroot suite's trees
#                                 need its name in NAME (sid, sid/7.2)
#
# Two kinds of tree, both cached under ${TICKPATH_CACHE:-~/.cache/tickpath}:
#
#  - bookworm's other flavours (cloud, rt: PREEMPT_RT) of 6.1 and 6.12, and
#    bookworm-backports: built by bookworm's own gcc-12, so the host compiles
#    for them.  The headers package, its -common and its linux-kbuild are
#    unpacked (apt-get download, dpkg-deb -x) into compat-<abi>-<key>,
#    keyed by their versions.  A private apt state (compat-apt) resolves them,
#    so that the host's sources stay untouched.
#
#  - trixie, forky and sid: built by gcc-14 and later, against their own
#    glibc, so each is a debootstrap chroot (minbase, plus make, gcc,
#    libc6-dev, dwarves, perl and the trees behind the suite's
#    linux-headers-amd64), in compat-<suite>-<key>, keyed by a hash of what
#    shapes it.  The chroots are prepared in the background while the
#    bookworm trees build.
#
# A release or suite the mirror does not serve is skipped ("# skip").
# Package lists and chroots are refreshed when older than
# TICKPATH_COMPAT_MAXAGE days (7), or on every run with
# TICKPATH_COMPAT_REFRESH=1.  Each tree builds in its own copy of the module
# source (the files of make dkms-src), its log in build/compat/.  One
# "ok - compat/<suite>/<abi>" or "not ok" line per tree, the warnings under a
# failure, then "N passed, N failed"; exits non-zero on any failure or
# warning.
set -uo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
cache=${TICKPATH_CACHE:-$HOME/.cache/tickpath}
out=$src/build/compat
mirror=${TICKPATH_MIRROR:-http://deb.debian.org/debian}
secmirror=${TICKPATH_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
maxage=${TICKPATH_COMPAT_MAXAGE:-7}
refresh=${TICKPATH_COMPAT_REFRESH:-0}
jobs=$(nproc)

# RELEASE META: the tree META depends on.  RELEASE "bookworm" takes apt's
# candidate (bookworm-security's, the newest), others are passed to apt -t.
fetched=(
	"bookworm linux-headers-cloud-amd64"
	"bookworm linux-headers-rt-amd64"
	"bookworm linux-headers-6.12-cloud-amd64"
	"bookworm linux-headers-6.12-rt-amd64"
	"bookworm-backports linux-headers-amd64"
)
# SUITE META...: a chroot of SUITE with these headers.  trixie's rt tree is
# left out: its 6.12 PREEMPT_RT config is bookworm-security's, with a
# newer gcc, and it costs another 50 MB -common-rt package.
chroots=(
	"trixie linux-headers-amd64"
	"forky linux-headers-amd64"
	"sid linux-headers-amd64 linux-headers-rt-amd64"
)
# What the chroots hold besides the headers: make, a compiler and libc for
# kbuild's host programs, pahole for the modules' BTF, perl for the
# kernel-doc check that W=1 runs (6.12).
chroot_packages=(make gcc libc6-dev dwarves perl)

filters=("$@")
passed=0 failed=0 start=$SECONDS
used=()

# wanted NAME: NAME (RELEASE/ABI) contains one of the arguments, or there
# are none.
wanted() {
	local f
	[ ${#filters[@]} = 0 ] && return 0
	for f in "${filters[@]}"; do
		case "$1" in *"$f"*) return 0 ;; esac
	done
	return 1
}

# wanted_suite SUITE: an argument names SUITE, or one of its trees.
wanted_suite() {
	local f
	[ ${#filters[@]} = 0 ] && return 0
	for f in "${filters[@]}"; do
		case "$1/" in *"$f"*) return 0 ;; esac
		case "$f" in "$1/"*) return 0 ;; esac
	done
	return 1
}

hash16() {
	sha256sum | cut -c1-16
}

# stale FILE: FILE is missing, older than $maxage days, or a refresh is asked.
stale() {
	[ "$refresh" = 1 ] || [ ! -e "$1" ] || [ -n "$(find "$1" -mtime +"$maxage")" ]
}

say() {
	echo "# $*"
}

# The private apt state for bookworm and its backports.
aptdir=$cache/compat-apt

apt_setup() {
	mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
	sources="deb [signed-by=$keyring] $mirror bookworm main
deb [signed-by=$keyring] $secmirror bookworm-security main
deb [signed-by=$keyring] $mirror bookworm-backports main"
	if [ "$sources" != "$(cat "$aptdir/sources.wanted" 2>/dev/null)" ]; then
		echo "$sources" > "$aptdir/sources.wanted"
		rm -f "$aptdir/updated"
	fi
	touch "$aptdir/status"
	cat > "$aptdir/apt.conf" <<-EOF
	Dir::State::Lists "$aptdir/lists";
	Dir::State::status "$aptdir/status";
	Dir::Cache "$aptdir/cache";
	Dir::Etc::SourceList "$aptdir/sources.list";
	Dir::Etc::SourceParts "$aptdir/none";
	Dir::Etc::Preferences "$aptdir/none";
	Dir::Etc::PreferencesParts "$aptdir/none";
	APT::Architecture "amd64";
	APT::Sandbox::User "root";
	Acquire::Languages "none";
	EOF
	export APT_CONFIG=$aptdir/apt.conf
	if stale "$aptdir/updated"; then
		apt_update || return 1
	fi
}

# apt_update: the package lists; without bookworm-backports if the mirror
# does not serve it.
apt_update() {
	say "apt-get update (bookworm, bookworm-security, bookworm-backports)"
	cp "$aptdir/sources.wanted" "$aptdir/sources.list"
	if ! apt-get update -q > "$out/apt-update.log" 2>&1; then
		grep -q bookworm-backports "$out/apt-update.log" || {
			cat "$out/apt-update.log" >&2
			return 1
		}
		say "the mirror serves no bookworm-backports"
		grep -v bookworm-backports "$aptdir/sources.wanted" > "$aptdir/sources.list"
		apt-get update -q > "$out/apt-update.log" 2>&1 ||
			{ cat "$out/apt-update.log" >&2; return 1; }
	fi
	touch "$aptdir/updated"
}

# The kernels make check builds for, left out here.
check_abis=()

# dep PACKAGE PATTERN [RELEASE]: the dependencies of PACKAGE's candidate
# that match PATTERN, one a line.
dep() {
	local t=()
	[ "${3:-bookworm}" = bookworm ] || t=(-t "$3")
	apt-cache "${t[@]}" depends "$1" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: //p' | grep -E "^($2)\$"
}

candidate() {
	local t=()
	[ "${2:-bookworm}" = bookworm ] || t=(-t "$2")
	apt-cache "${t[@]}" policy "$1" | sed -n 's/^  Candidate: //p'
}

# resolve RELEASE META: sets abi and pkgver, of the headers package that
# META depends on.
resolve() {
	local hdr
	hdr=$(dep "$2" 'linux-headers-.*' "$1" | head -n1)
	[ -n "$hdr" ] || { echo "no headers package behind $2 in $1" >&2; return 1; }
	abi=${hdr#linux-headers-}
	pkgver=$(candidate "$hdr" "$1")
}

# fetch_tree RELEASE: unpacks the headers tree of $abi, with its -common and
# linux-kbuild packages, under the cache.  Sets kdir.
fetch_tree() {
	local rel=$1 hdr=linux-headers-$abi pkgs=() p v spec=() key dir l tgt
	mapfile -t pkgs < <(echo "$hdr"; dep "$hdr" 'linux-headers-.*-common(-rt)?|linux-kbuild-.*' "$rel")
	for p in "${pkgs[@]}"; do
		v=$(candidate "$p" "$rel")
		if [ -z "$v" ] || [ "$v" = "(none)" ]; then
			echo "no version of $p" >&2
			return 1
		fi
		spec+=("$p=$v")
	done
	key=$( (printf '%s\n' "${spec[@]}"; declare -f fetch_tree) | hash16)
	dir=$cache/compat-$abi-$key
	used+=("$dir")
	kdir=$dir/usr/src/linux-headers-$abi
	[ -e "$dir/.done" ] && return 0

	say "fetching ${spec[*]}"
	rm -rf "$dir" && mkdir -p "$dir/debs"
	if ! (cd "$dir/debs" && apt-get download -q "${spec[@]}"); then
		# The lists may be older than the mirror: once more, updated.
		apt_update && (cd "$dir/debs" && apt-get download -q "${spec[@]}") || return 1
	fi
	for p in "$dir"/debs/*.deb; do
		dpkg-deb -x "$p" "$dir" || return 1
	done
	rm -rf "$dir/debs"
	# The flavour's Makefile includes the -common one by its absolute
	# path, and absolute links would leave the tree too.
	sed -i "s|^include /usr/src/|include $dir/usr/src/|" "$kdir/Makefile"
	while read -r l; do
		tgt=$(readlink "$l")
		ln -sfn "$dir$tgt" "$l"
	done < <(find "$dir" -type l -lname '/*')
	if [ ! -e "$kdir/Makefile" ] || [ ! -e "$kdir/scripts/Makefile.build" ]; then
		echo "$kdir: incomplete tree" >&2
		return 1
	fi
	touch "$dir/.done"
}

# The chroots.  chroot_path SUITE METAS...: sets croot, its directory.
chroot_path() {
	local suite=$1
	shift
	croot=$cache/compat-$suite-$( (echo "$suite $mirror"; echo "$*";
		echo "${chroot_packages[*]}";
		declare -f chroot_prepare chroot_headers chroot_apt) | hash16)
}

# chroot_run COMMAND...: COMMAND in the chroot, with a clean environment and
# a /proc (objtool reads it) that lives in a mount namespace of its own, so
# that nothing stays mounted whatever happens.
chroot_run() {
	unshare --mount --pid --fork --mount-proc="$croot/proc" \
		chroot "$croot" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LC_ALL=C DEBIAN_FRONTEND=noninteractive "$@"
}

chroot_apt() {
	cp /etc/resolv.conf "$croot/etc/resolv.conf" 2>/dev/null
	chroot_run apt-get -q -y "$@"
}

# chroot_headers METAS...: the headers trees the metapackages depend on,
# each with its -common and linux-kbuild packages, unpacked (dpkg-deb -x)
# rather than installed: trixie's headers depend on the kernel image, whose
# installation would build an initramfs.  What they need besides (the
# suite's gcc, pahole, kbuild's libraries) is installed.  The trees are
# listed in .tickpath-trees, "ABI VERSION" a line.
chroot_headers() {
	local m hdr pkgs=() all=() deps=() p
	rm -rf "$croot"/usr/src/linux-headers-* "$croot"/usr/lib/linux-kbuild-* \
		"$croot"/usr/lib/modules "$croot/var/cache/tickpath"
	: > "$croot/.tickpath-trees.new"
	for m in "$@"; do
		hdr=$(chroot_run apt-cache depends "$m" |
			sed -n 's/^ *|\{0,1\}Depends: \(linux-headers-[0-9].*\)$/\1/p' | head -n1)
		[ -n "$hdr" ] || { echo "no headers package behind $m" >&2; return 1; }
		mapfile -t pkgs < <(echo "$hdr"; chroot_run apt-cache depends "$hdr" |
			sed -n 's/^ *|\{0,1\}Depends: //p' |
			grep -E '^linux-(headers-.*-common(-rt)?|kbuild-.*)$')
		all+=("${pkgs[@]}")
		echo "${hdr#linux-headers-} $(chroot_run apt-cache policy "$hdr" |
			sed -n 's/^  Candidate: //p')" >> "$croot/.tickpath-trees.new"
	done
	mapfile -t deps < <(for p in "${all[@]}"; do
		chroot_run apt-cache depends "$p" | sed -n 's/^ *|\{0,1\}Depends: //p'
	done | tr -d '<>' | grep -v '^linux-' | sort -u)
	chroot_apt install "${chroot_packages[@]}" "${deps[@]}" || return 1
	mkdir -p "$croot/var/cache/tickpath"
	mapfile -t all < <(printf '%s\n' "${all[@]}" | sort -u)
	chroot_run sh -c 'cd /var/cache/tickpath &&
		apt-get -q -o APT::Sandbox::User=root download "$@"' sh "${all[@]}" || return 1
	for p in "$croot"/var/cache/tickpath/*.deb; do
		chroot_run dpkg-deb -x "/var/cache/tickpath/${p##*/}" / || return 1
	done
	rm -rf "$croot/var/cache/tickpath"
	mv "$croot/.tickpath-trees.new" "$croot/.tickpath-trees"
}

# chroot_prepare SUITE METAS...: debootstraps the chroot, or refreshes it
# when stale.  Its output goes to a log; the caller waits for it.
chroot_prepare() {
	local suite=$1
	shift
	chroot_path "$suite" "$@"
	if [ -e "$croot/.tickpath-compat" ]; then
		stale "$croot/.tickpath-compat" || return 0
		echo "refreshing $croot"
		chroot_apt update && chroot_apt full-upgrade && chroot_headers "$@" &&
			chroot_apt autoremove --purge && chroot_apt clean || return 1
		touch "$croot/.tickpath-compat"
		return 0
	fi
	echo "debootstrap $suite into $croot"
	rm -rf "$croot"
	# bookworm's debootstrap knows no suite after trixie: sid's script
	# serves them all.
	debootstrap --variant=minbase --keyring="$keyring" "$suite" "$croot" "$mirror" \
		/usr/share/debootstrap/scripts/sid || return 1
	# The archive here may be a frozen copy whose testing and unstable
	# Release files have expired (as the host's apt configuration allows).
	cat > "$croot/etc/apt/apt.conf.d/99tickpath-compat" <<-EOF
	Acquire::Check-Valid-Until "false";
	Acquire::Languages "none";
	APT::Install-Recommends "false";
	Dpkg::Use-Pty "false";
	EOF
	chroot_apt update && chroot_headers "$@" && chroot_apt clean || return 1
	touch "$croot/.tickpath-compat"
}

# build NAME KDIR [CHROOT]: the module, W=1, in a fresh copy of its source;
# KDIR is inside CHROOT when there is one, $pkgver the headers' version.
build() {
	local name=$1 kdir=$2 root=${3:-} rc work log ver cc
	log=$out/${name//\//_}.log
	work=$out/src/${name//\//_}
	[ -n "$root" ] && work=$root/tmp/tickpath-${name//\//_}
	rm -rf "$work" && mkdir -p "$work"
	(cd "$src" && cp -R --parents Kbuild VERSION kmod/Kbuild kmod/*.[ch] uapi/linux/*.h "$work")
	ver=$pkgver
	cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT=".* \([0-9][0-9.]*\)"$/\1/p' "$root$kdir/.config")
	local mk=(make -C "$kdir" M="${work#"$root"}" W=1 -j"$jobs" modules)
	if [ -n "$root" ]; then
		croot=$root chroot_run "${mk[@]}" > "$log" 2>&1
	else
		LC_ALL=C "${mk[@]}" > "$log" 2>&1
	fi
	rc=$?
	if [ "$rc" = 0 ] && [ -e "$work/kmod/tickpath.ko" ] &&
		! grep -Eq '(warning|error):|WARNING|ERROR' "$log"; then
		echo "ok - compat/$name ($ver, gcc $cc)"
		passed=$((passed + 1))
	else
		echo "not ok - compat/$name ($ver, gcc $cc; log: $log)"
		if grep -Eq '(warning|error):|WARNING|ERROR' "$log"; then
			grep -E -A3 '(warning|error):|WARNING|ERROR' "$log" | head -n 60
		else
			tail -n 20 "$log"
		fi | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
	[ -n "$root" ] && rm -rf "$work"
	return 0
}

fail() {
	echo "not ok - compat/$1"
	sed 's/^/#   /' "${2:-/dev/null}" 2>/dev/null | tail -n 20
	failed=$((failed + 1))
}

mkdir -p "$out" "$cache"
rm -rf "$out/src"
command -v debootstrap > /dev/null || {
	say "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		debootstrap > "$out/debootstrap-install.log" 2>&1 ||
		{ cat "$out/debootstrap-install.log"; exit 1; }
}

# The chroots first, in the background: they take the longest.
declare -A prep
for spec in "${chroots[@]}"; do
	read -r suite metas <<< "$spec"
	wanted_suite "$suite" || continue
	# shellcheck disable=SC2086 # metas is a list
	chroot_prepare "$suite" $metas > "$out/chroot-$suite.log" 2>&1 &
	prep[$suite]=$!
done

if apt_setup; then
	# As vm-test/kernel.sh finds them: what the installed metapackages
	# depend on.
	for m in linux-headers-amd64 linux-headers-6.12-amd64; do
		check_abis+=("$(dpkg-query -W -f='${Depends}\n' "$m" 2>/dev/null |
			grep -o 'linux-headers-[0-9][^ ,]*-amd64' | head -n1 |
			sed 's/^linux-headers-//')")
	done
	for spec in "${fetched[@]}"; do
		read -r rel meta <<< "$spec"
		if [ "$rel" != bookworm ] && ! grep -q "$rel" "$aptdir/sources.list"; then
			wanted "$rel" && say "skip $rel: not on the mirror"
			continue
		fi
		if ! resolve "$rel" "$meta" 2> "$out/fetch.log"; then
			wanted "$rel" && fail "$rel/$meta (not found)" "$out/fetch.log"
			continue
		fi
		wanted "$rel/$abi" || continue
		case " ${check_abis[*]} " in
		*" $abi "*) say "$rel/$abi: make check builds for it"; continue ;;
		esac
		if ! fetch_tree "$rel" > "$out/fetch-$abi.log" 2>&1; then
			fail "$rel/$abi (fetch failed)" "$out/fetch-$abi.log"
			continue
		fi
		build "$rel/$abi" "$kdir"
	done
else
	fail "bookworm (apt-get update failed)"
fi

for spec in "${chroots[@]}"; do
	read -r suite metas <<< "$spec"
	wanted_suite "$suite" || continue
	# shellcheck disable=SC2086
	chroot_path "$suite" $metas
	used+=("$croot")
	if ! wait "${prep[$suite]}"; then
		if grep -q "^E: Failed getting release file" "$out/chroot-$suite.log"; then
			say "skip $suite: not on the mirror"
		else
			fail "$suite (chroot: see $out/chroot-$suite.log)" "$out/chroot-$suite.log"
		fi
		continue
	fi
	while read -r abi pkgver; do
		wanted "$suite/$abi" || continue
		build "$suite/$abi" "/usr/src/linux-headers-$abi" "$croot"
	done < "$croot/.tickpath-trees"
done

# Trees and chroots no longer used (older versions, changed recipes) go,
# after a complete run.
if [ ${#filters[@]} = 0 ] && [ "$failed" = 0 ]; then
	for d in "$cache"/compat-*; do
		{ [ -d "$d" ] && [ "$d" != "$aptdir" ]; } || continue
		case " ${used[*]} " in *" $d "*) continue ;; esac
		say "removing unused $d"
		rm -rf "$d"
	done
fi

echo "$passed passed, $failed failed ($((SECONDS - start)) s)"
[ "$failed" = 0 ]
