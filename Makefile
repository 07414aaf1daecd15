# tickpath: see README.md.
#
# Production:  make module [KDIR=...]; make; make install [DESTDIR=] [PREFIX=]
# Development: make demo, make check, make bench: they fetch the packages and
#              kernels they need themselves (vm-test/deps.sh, vm-test/kernel.sh),
#              caching them under ~/.cache/tickpath.

VERSION := $(shell cat VERSION)
SOVERSION := 0
BUILD := build

# The caller's CFLAGS, CPPFLAGS and LDFLAGS (dpkg-buildflags' hardening, say)
# apply to everything built for user space; the project's own come after.
CFLAGS ?= -O2 -g
TP_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Iuapi -Ilib -Ikmod \
	     -DTP_VERSION='"$(VERSION)"'
USER_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(TP_CFLAGS)
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDLIBS := -lmnl

# Where make install puts things.  The module goes under the kernel's own
# modules tree, whatever PREFIX says.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/tickpath
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
SYSCONFDIR ?= /etc
UDEVRULESDIR ?= $(SYSCONFDIR)/udev/rules.d
KDIR ?= /lib/modules/$(shell uname -r)/build
INSTALL ?= install

# The ITCH decoder is the module's own source, built freestanding.
LIB_SRCS := lib/ctl.c lib/ctl_port.c lib/ctl_feed.c lib/ctl_sub.c lib/names.c \
	    lib/filter.c lib/reader.c lib/itch_encode.c lib/version.c kmod/itch.c
LIB_OBJS := $(addprefix $(BUILD)/user/,$(notdir $(LIB_SRCS:.c=.o)))
LIB_SO := libtickpath.so.$(VERSION)
TOOLS := tpctl tpgen tpcat
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/*_test.c))
VM_PROGS := $(patsubst tests/vm/%.c,%,$(wildcard tests/vm/*.c))
HEADERS := $(wildcard lib/*.h uapi/linux/*.h kmod/itch*.h) VERSION
MANPAGES := $(wildcard docs/man/*.[0-9])

.PHONY: all user unit module modules deps check demo bench lint fuzz clean tools-san \
	install install-module install-user uninstall dkms-src compat
all: user

deps:
	vm-test/deps.sh

# User space: a static and a shared library, and the tools linked statically
# against it (they use the decoder, which the shared library keeps private),
# so they also run from the build tree inside the test VMs.
user: $(BUILD)/user/libtickpath.a $(BUILD)/user/$(LIB_SO) \
      $(TOOLS:%=$(BUILD)/user/%) \
      $(VM_PROGS:%=$(BUILD)/vmtest/%)

$(BUILD)/user/%.o: lib/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/user/%.o: kmod/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/user/libtickpath.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

# The shared library exports the API of tickpath.h and nothing else
# (lib/libtickpath.map).
$(BUILD)/user/$(LIB_SO): $(LIB_OBJS) lib/libtickpath.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libtickpath.so.$(SOVERSION) \
		-Wl,--version-script,lib/libtickpath.map -o $@ $(LIB_OBJS) $(LDLIBS)
	ln -sf $(LIB_SO) $(BUILD)/user/libtickpath.so.$(SOVERSION)
	ln -sf libtickpath.so.$(SOVERSION) $(BUILD)/user/libtickpath.so

# A tool is tools/NAME.c plus its NAME_SRCS, linked with the library.
tpctl_SRCS := $(wildcard tools/tpctl_*.c) tools/version.c
tpgen_SRCS := $(wildcard tools/tpgen_*.c) tools/pcap.c tools/recprint.c tools/version.c
tpcat_SRCS := tools/pcap.c tools/recprint.c tools/recfilter.c tools/version.c
TOOL_HEADERS := $(wildcard tools/*.h)
TOOL_CFLAGS = $(USER_CFLAGS) -Itools
TOOL_LDLIBS := $(LDLIBS) -lm

.SECONDEXPANSION:
$(BUILD)/user/%: tools/%.c $$(%_SRCS) $(BUILD)/user/libtickpath.a $(HEADERS) $(TOOL_HEADERS)
	$(CC) $(TOOL_CFLAGS) $(LDFLAGS) -o $@ $< $($*_SRCS) $(BUILD)/user/libtickpath.a \
		$(TOOL_LDLIBS)

# The host tests of tests/tools/ run tpgen and tpcat built with ASan and
# UBSan, the library's sources compiled in.
$(BUILD)/san/%: tools/%.c $$(%_SRCS) $(LIB_SRCS) $(HEADERS) $(TOOL_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) $(SANITIZE) -o $@ $< $($*_SRCS) $(LIB_SRCS) $(TOOL_LDLIBS)

tools-san: $(BUILD)/san/tpgen $(BUILD)/san/tpcat

# Programs the VM tests run, linked like the tools, with their NAME_SRCS.
tpverify_SRCS := tools/pcap.c tools/recprint.c
$(BUILD)/vmtest/%: tests/vm/%.c $$(%_SRCS) $(BUILD)/user/libtickpath.a $(HEADERS) \
		   $(TOOL_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) $(LDFLAGS) -o $@ $< $($*_SRCS) $(BUILD)/user/libtickpath.a $(LDLIBS)

# tpbench, the benchmark's reader (bench/): linked like the tools, and with
# libxdp and libbpf for its AF_XDP path (Debian: libxdp-dev, libbpf-dev).
BENCH_SRCS := $(wildcard bench/tpbench_*.c)
BENCH_HEADERS := $(wildcard bench/tpbench*.h)
BENCH_LDLIBS := $(LDLIBS) -lxdp -lbpf -lpthread

.PHONY: bench-progs
bench-progs: $(BUILD)/bench/tpbench

$(BUILD)/bench/tpbench: bench/tpbench.c $(BENCH_SRCS) $(BUILD)/user/libtickpath.a \
			$(HEADERS) $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -Ibench $(LDFLAGS) -o $@ $< $(BENCH_SRCS) \
		$(BUILD)/user/libtickpath.a $(BENCH_LDLIBS)

# Unit tests build with ASan and UBSan; they include the sources they test.
$(BUILD)/unit/%: tests/unit/%.c tests/unit/check.h $(wildcard tests/kunit/*.h) $(LIB_SRCS) \
		 $(wildcard tools/tpctl*.c) tools/version.c $(TOOL_HEADERS) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(SANITIZE) -o $@ $< $(LDLIBS)

unit: $(UNIT_TESTS:%=$(BUILD)/unit/%)

# libFuzzer on the decoder: make fuzz [FUZZ_TIME=seconds]
FUZZ_TIME ?= 60
$(BUILD)/fuzz/itch_fuzz: tests/fuzz/itch_fuzz.c kmod/itch.c lib/itch_encode.c $(HEADERS)
	@mkdir -p $(@D)/corpus
	clang $(USER_CFLAGS) $(SANITIZE) -fsanitize=fuzzer -o $@ $<

fuzz: $(BUILD)/fuzz/itch_fuzz
	$< -max_total_time=$(FUZZ_TIME) $(BUILD)/fuzz/corpus

# tickpath.ko for the running kernel, or for the headers tree KDIR names.
# Kbuild writes its objects beside the sources, as out-of-tree modules do.
module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# The kernel release of KDIR, as uname -r prints it (Debian's headers give
# the upstream version in kernel.release): where the module installs.
KVER ?= $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	  $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
MODDIR = /lib/modules/$(KVER)/updates

# The module for the test kernels (build/<kernel>/), with the KUnit suites
# for the debug one.
modules: deps
	vm-test/module.sh stock
	vm-test/module.sh stock612
	vm-test/module.sh debug

# The module (for KDIR), libraries, headers, pkg-config file, tools, man
# pages, and the files that give /dev/tickpath to the tickpath group and
# restore the configuration at boot.  install-user is all of it but the
# module, for hosts that build it with DKMS (make dkms-src).
install: install-module install-user

install-module: module
	@[ -n "$(KVER)" ] || { echo "no kernel release in $(KDIR): set KDIR" >&2; exit 1; }
	$(INSTALL) -D -m 0644 kmod/tickpath.ko $(DESTDIR)$(MODDIR)/tickpath.ko
	depmod $(if $(DESTDIR),-b $(DESTDIR)) $(KVER)

install-user: user
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR)/linux $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(SYSUSERSDIR) \
		$(DESTDIR)$(SYSCONFDIR)/tickpath \
		$(DESTDIR)$(DOCDIR)/examples/modprobe.d $(DESTDIR)$(DOCDIR)/examples/modules-load.d
	$(INSTALL) -m 0755 $(TOOLS:%=$(BUILD)/user/%) $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 0644 $(BUILD)/user/libtickpath.a $(DESTDIR)$(LIBDIR)
	$(INSTALL) -m 0755 $(BUILD)/user/$(LIB_SO) $(DESTDIR)$(LIBDIR)
	ln -sf $(LIB_SO) $(DESTDIR)$(LIBDIR)/libtickpath.so.$(SOVERSION)
	ln -sf libtickpath.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libtickpath.so
	sed -e 's|@VERSION@|$(VERSION)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' lib/libtickpath.pc.in \
	    > $(DESTDIR)$(PKGCONFIGDIR)/libtickpath.pc
	$(INSTALL) -m 0644 lib/tickpath.h lib/tickpath_reader.h $(DESTDIR)$(INCLUDEDIR)
	$(INSTALL) -m 0644 uapi/linux/tickpath.h uapi/linux/tickpath_ring.h \
		$(DESTDIR)$(INCLUDEDIR)/linux
	$(INSTALL) -m 0644 tools/dist/60-tickpath.rules $(DESTDIR)$(UDEVRULESDIR)
	$(INSTALL) -m 0644 tools/dist/sysusers.conf $(DESTDIR)$(SYSUSERSDIR)/tickpath.conf
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
		tools/dist/tickpath.service.in > $(DESTDIR)$(SYSTEMDDIR)/tickpath.service
	$(INSTALL) -m 0644 tools/dist/modprobe.conf \
		$(DESTDIR)$(DOCDIR)/examples/modprobe.d/tickpath.conf
	$(INSTALL) -m 0644 tools/dist/modules-load.conf \
		$(DESTDIR)$(DOCDIR)/examples/modules-load.d/tickpath.conf
	$(INSTALL) -m 0644 README.md CHANGELOG.md LICENSE $(DESTDIR)$(DOCDIR)
	set -e; for m in $(MANPAGES); do \
		s=$${m##*.}; $(INSTALL) -d $(DESTDIR)$(MANDIR)/man$$s; \
		$(INSTALL) -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s; \
	done
	@if [ -z "$(DESTDIR)" ]; then \
		getent group tickpath >/dev/null || groupadd --system tickpath; \
		ldconfig; \
		udevadm control --reload 2>/dev/null || true; \
	fi

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) \
	      $(DESTDIR)$(LIBDIR)/libtickpath.a $(DESTDIR)$(LIBDIR)/$(LIB_SO) \
	      $(DESTDIR)$(LIBDIR)/libtickpath.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libtickpath.so \
	      $(DESTDIR)$(PKGCONFIGDIR)/libtickpath.pc \
	      $(DESTDIR)$(INCLUDEDIR)/tickpath.h $(DESTDIR)$(INCLUDEDIR)/tickpath_reader.h \
	      $(DESTDIR)$(INCLUDEDIR)/linux/tickpath.h \
	      $(DESTDIR)$(INCLUDEDIR)/linux/tickpath_ring.h \
	      $(DESTDIR)$(UDEVRULESDIR)/60-tickpath.rules \
	      $(DESTDIR)$(SYSUSERSDIR)/tickpath.conf $(DESTDIR)$(SYSTEMDDIR)/tickpath.service \
	      $(foreach m,$(MANPAGES),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m)))
	rm -rf $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(MODDIR)/tickpath.ko
	[ ! -d $(DESTDIR)/lib/modules/$(KVER) ] || depmod $(if $(DESTDIR),-b $(DESTDIR)) $(KVER)

# The module's source as DKMS wants it, in $(DESTDIR)/usr/src/tickpath-VERSION;
# then: dkms add/build/install -m tickpath -v $(VERSION).
DKMS_SRC := $(DESTDIR)/usr/src/tickpath-$(VERSION)
DKMS_FILES := Kbuild VERSION dkms.conf kmod/Kbuild uapi/linux/tickpath.h \
	      uapi/linux/tickpath_ring.h $(filter-out %.mod.c,$(wildcard kmod/*.[ch]))
dkms-src:
	rm -rf $(DKMS_SRC)
	$(INSTALL) -d $(DKMS_SRC)
	cp --parents $(DKMS_FILES) $(DKMS_SRC)

# tickpath.ko compiled (W=1) against every other kernel headers tree that
# Debian's archive serves here; see vm-test/compat.sh.
compat: deps
	vm-test/compat.sh

# checkpatch --strict and sparse over kmod/, from the debug kernel's tree.
lint: deps
	vm-test/lint.sh

check: deps
	$(MAKE) user unit tools-san bench-progs
	vm-test/check

# The receive paths side by side, and the decoder (bench/run; about 30
# minutes, BENCH_REPS=1 for a quick look): bench/out/, docs/BENCHMARKS.md.
bench: deps
	$(MAKE) user bench-progs bench-decoder
	bench/run

demo: deps
	$(MAKE) user
	vm-test/demo

clean:
	rm -rf $(BUILD)
	rm -f kmod/*.o kmod/*.ko kmod/*.mod kmod/*.mod.c kmod/.*.cmd kmod/modules.order \
	      *.symvers modules.order .*.cmd

# make bench-decoder: the ITCH decoder alone (bench/decoder_bench.c), built
# with the library's own flags and linked like a tool; bench/decoder.sh
# times it and counts its instructions under callgrind.
.PHONY: bench-decoder
decoder_bench_SRCS := tools/pcap.c
$(BUILD)/bench/decoder_bench: bench/decoder_bench.c $(decoder_bench_SRCS) \
			      $(BUILD)/user/libtickpath.a $(HEADERS) $(TOOL_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(TOOL_CFLAGS) -DTP_BENCH_CFLAGS='"$(strip $(CFLAGS))"' $(LDFLAGS) \
		-o $@ $< $(decoder_bench_SRCS) $(BUILD)/user/libtickpath.a $(TOOL_LDLIBS)

bench-decoder: $(BUILD)/bench/decoder_bench $(BUILD)/user/tpgen
