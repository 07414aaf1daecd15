# tickpath: see README.md.  Every target that needs packages or kernels
# fetches them itself (vm-test/deps.sh, vm-test/kernel.sh), caching them
# under ~/.cache/tickpath.

BUILD := build
USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Iuapi -Ilib -Ikmod
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDLIBS := -lmnl

# The ITCH decoder is the module's own source, built freestanding.
LIB_SRCS := lib/ctl.c lib/ctl_port.c lib/ctl_feed.c lib/ctl_sub.c lib/names.c \
	    lib/filter.c lib/reader.c lib/itch_encode.c kmod/itch.c
LIB_OBJS := $(addprefix $(BUILD)/user/,$(notdir $(LIB_SRCS:.c=.o)))
TOOLS := tpctl tpgen tpcat
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/*_test.c))
VM_PROGS := $(patsubst tests/vm/%.c,%,$(wildcard tests/vm/*.c))
HEADERS := $(wildcard lib/*.h uapi/linux/*.h kmod/itch*.h)

.PHONY: all user modules deps check demo lint fuzz clean tools-san
all: user modules

deps:
	vm-test/deps.sh

# User space: a static and a shared library, and the tools linked statically
# against it so they run from the build tree, also inside the test VMs.
user: $(BUILD)/user/libtickpath.a $(BUILD)/user/libtickpath.so \
      $(BUILD)/user/libtickpath.pc $(TOOLS:%=$(BUILD)/user/%) \
      $(VM_PROGS:%=$(BUILD)/vmtest/%)

$(BUILD)/user/%.o: lib/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/user/%.o: kmod/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/user/libtickpath.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

$(BUILD)/user/libtickpath.so: $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,libtickpath.so.0 -o $@ $^ $(LDLIBS)

$(BUILD)/user/libtickpath.pc: lib/libtickpath.pc.in
	sed 's|@PREFIX@|/usr/local|' $< > $@

# A tool is tools/NAME.c plus its NAME_SRCS, linked with the library.
tpctl_SRCS := $(wildcard tools/tpctl_*.c)
tpgen_SRCS := $(wildcard tools/tpgen_*.c) tools/pcap.c tools/recprint.c
tpcat_SRCS := tools/pcap.c tools/recprint.c tools/recfilter.c
TOOL_HEADERS := $(wildcard tools/*.h)
TOOL_CFLAGS := $(USER_CFLAGS) -Itools
TOOL_LDLIBS := $(LDLIBS) -lm

.SECONDEXPANSION:
$(BUILD)/user/%: tools/%.c $$(%_SRCS) $(BUILD)/user/libtickpath.a $(HEADERS) $(TOOL_HEADERS)
	$(CC) $(TOOL_CFLAGS) -o $@ $< $($*_SRCS) $(BUILD)/user/libtickpath.a $(TOOL_LDLIBS)

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
	$(CC) $(TOOL_CFLAGS) -o $@ $< $($*_SRCS) $(BUILD)/user/libtickpath.a $(LDLIBS)

# Unit tests build with ASan and UBSan; they include the sources they test.
$(BUILD)/unit/%: tests/unit/%.c tests/unit/check.h $(wildcard tests/kunit/*.h) $(LIB_SRCS) \
		 $(wildcard tools/tpctl*.c) $(TOOL_HEADERS) $(HEADERS)
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

modules: deps
	vm-test/module.sh stock
	vm-test/module.sh debug

# checkpatch --strict and sparse over kmod/, from the debug kernel's tree.
lint: deps
	vm-test/lint.sh

check: deps
	$(MAKE) user unit tools-san
	vm-test/check

demo: deps
	$(MAKE) user
	vm-test/demo

clean:
	rm -rf $(BUILD)
