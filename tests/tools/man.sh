#!/bin/bash
# The man pages of docs/man/: each renders without a single warning, as
# man-db shows it (80 columns, UTF-8) and under groff -ww (every warning),
# has a NAME line whatis can index, and documents every option that its
# tool's --help prints, long ones (--json) and iproute2-style single-dash
# words (-batch) alike.  Needs man-db and groff-base.
. "$(dirname "$0")/lib.bash"

man_dir=$src/docs/man
user=${TP_USER_BUILD:-$src/build/user}
pages=(tpctl.8 tpcat.1 tpgen.1 libtickpath.3 tickpath.4)

for page in "${pages[@]}"; do
	f=$man_dir/$page
	check "$page exists" [ -f "$f" ] || continue
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" > "$page.txt" 2> "$page.man.err"
	check "$page: man --warnings renders it" [ $? = 0 ]
	check "$page: man --warnings says nothing" [ ! -s "$page.man.err" ]
	check "$page: it has text" [ "$(lines "$page.txt")" -gt 20 ]
	LC_ALL=C.UTF-8 groff -ww -z -man -Tutf8 "$f" 2> "$page.groff.err"
	check "$page: groff -ww renders it" [ $? = 0 ]
	check "$page: groff -ww says nothing" [ ! -s "$page.groff.err" ]
	check "$page: whatis can index its NAME" \
		bash -c 'lexgrog "$0" | grep -q ": \"[a-z]* - "' "$f"
	[ -s "$page.man.err" ] && sed 's/^/# /' "$page.man.err"
	[ -s "$page.groff.err" ] && sed 's/^/# /' "$page.groff.err"
done

# The options a tool's --help prints: --long and -word (two letters or
# more, after a blank, a comma or a bracket), one a line, sorted.
help_options() {
	grep -Eo '(^|[[:space:],[(|])--?[A-Za-z][A-Za-z0-9]+(-[A-Za-z0-9]+)*' |
		sed -E 's/^[^-]*//' | grep -Ev '^-[A-Za-z]$' | sort -u
}

# The page's roff source as text: \- as -, font and zero-width escapes gone.
page_text() {
	sed -E -e 's/\\-/-/g' -e 's/\\f(\[[^]]*\]|\(..|.)//g' -e 's/\\[&%]//g' "$1"
}

for tool in tpctl:tpctl.8 tpcat:tpcat.1 tpgen:tpgen.1; do
	bin=$user/${tool%%:*}
	page=${tool#*:}
	"$bin" --help > "$page.help" 2>&1
	check "${tool%%:*} --help runs (build it with make user)" [ $? = 0 ]
	help_options < "$page.help" > "$page.options"
	check "${tool%%:*} --help lists long options" [ "$(lines "$page.options")" -gt 2 ]
	page_text "$man_dir/$page" > "$page.src"
	while read -r opt; do
		check "$page documents $opt" \
			grep -Eq -- "(^|[^-A-Za-z0-9])$opt([^-A-Za-z0-9]|\$)" "$page.src"
	done < "$page.options"
done
finish
