// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl, run in-process on argument vectors against a stand-in for the
 * control API: what each command line asks of the library, its usage errors
 * (exit 2, and the kernel never asked), how kernel errors are reported
 * (exit 1), and the text and JSON it prints for given replies; batch files
 * (words, comments, quotes, line numbers, -force) and what save writes,
 * read back by a batch.  The filter parsers and enum names are the
 * library's own.
 */
#define main tpctl_main
#include "../../tools/tpctl.c"
#include "../../tools/version.c"
#include "../../lib/version.c"
#undef main
#include "../../tools/tpctl_print.c"
#include "../../tools/tpctl_port.c"
#include "../../tools/tpctl_feed.c"
#include "../../tools/tpctl_sub.c"
#include "../../tools/tpctl_batch.c"
#include "../../tools/tpctl_save.c"
#include "../../lib/names.c"
#include "../../lib/filter.c"
#include "check.h"

#include <sanitizer/common_interface_defs.h>
#include <stdarg.h>
#include <unistd.h>

/* The stand-in: records each call, answers with canned replies. */
static struct tp_ctl fake;
static struct {
	unsigned int opens;
	char call[64];			/* the last call and its name argument */
	char log[512];			/* every call, "call name;" each */
	struct tp_feed_config feed;
	char feed_strings[4][64];	/* the config's strings, copied */
	struct tp_sub_config sub;
	char sub_strings[3][64];
	char locates[128];		/* as tp_locates_format() gives them */
	char symbols[128];		/* padded, one after the other */
	unsigned int mask;
	enum tickpath_port_mode mode;
} seen;
static int open_ret, call_ret;
static const char *call_error;
static const char *fail_name;		/* only calls on it fail, if set */
static struct tp_port_info port_reply[2];
static struct tp_feed_info feed_reply[2];
static struct tp_sub_info sub_reply[2];
static unsigned int nr_replies;

int tp_ctl_open(struct tp_ctl **ctlp)
{
	seen.opens++;
	*ctlp = &fake;
	snprintf(fake.error, sizeof(fake.error), "%s", open_ret ? call_error : "");
	return open_ret;
}

void tp_ctl_close(struct tp_ctl *c)
{
	CHECK(!c || c == &fake);
}

const char *tp_ctl_error(const struct tp_ctl *c)
{
	return c->error;
}

static int answer(const char *call, const char *name)
{
	int ret = fail_name && (!name || strcmp(name, fail_name)) ? 0 : call_ret;

	snprintf(seen.call, sizeof(seen.call), "%s %s", call, name ? name : "-");
	snprintf(seen.log + strlen(seen.log), sizeof(seen.log) - strlen(seen.log), "%s;",
		 seen.call);
	snprintf(fake.error, sizeof(fake.error), "%s", ret && call_error ? call_error : "");
	return ret;
}

static const char *keep(char *copy, const char *s)
{
	if (!s)
		return NULL;
	snprintf(copy, 64, "%s", s);
	return copy;
}

int tp_ctl_port_attach(struct tp_ctl *c, const char *ifname, enum tickpath_port_mode mode)
{
	(void)c;
	seen.mode = mode;
	return answer("port_attach", ifname);
}

int tp_ctl_port_replace(struct tp_ctl *c, const char *ifname, enum tickpath_port_mode mode)
{
	(void)c;
	seen.mode = mode;
	return answer("port_replace", ifname);
}

int tp_ctl_port_detach(struct tp_ctl *c, const char *ifname)
{
	(void)c;
	return answer("port_detach", ifname);
}

int tp_ctl_port_get(struct tp_ctl *c, const char *ifname, struct tp_port_info *port)
{
	(void)c;
	*port = port_reply[0];
	return answer("port_get", ifname);
}

int tp_ctl_port_dump(struct tp_ctl *c, int (*fn)(const struct tp_port_info *, void *),
		     void *arg)
{
	int ret = 0;

	(void)c;
	for (unsigned int i = 0; i < nr_replies && !ret; i++)
		ret = fn(&port_reply[i], arg);
	return ret ?: answer("port_dump", NULL);
}

static void keep_feed(const struct tp_feed_config *feed)
{
	seen.feed = *feed;
	seen.feed.name = keep(seen.feed_strings[0], feed->name);
	seen.feed.channel = keep(seen.feed_strings[1], feed->channel);
	seen.feed.ifname = keep(seen.feed_strings[2], feed->ifname);
}

int tp_ctl_feed_add(struct tp_ctl *c, const struct tp_feed_config *feed)
{
	(void)c;
	keep_feed(feed);
	return answer("feed_add", feed->name);
}

int tp_ctl_feed_replace(struct tp_ctl *c, const struct tp_feed_config *feed)
{
	(void)c;
	keep_feed(feed);
	return answer("feed_replace", feed->name);
}

int tp_ctl_feed_del(struct tp_ctl *c, const char *name)
{
	(void)c;
	return answer("feed_del", name);
}

int tp_ctl_feed_get(struct tp_ctl *c, const char *name, struct tp_feed_info *feed)
{
	(void)c;
	*feed = feed_reply[0];
	return answer("feed_get", name);
}

int tp_ctl_feed_dump(struct tp_ctl *c, int (*fn)(const struct tp_feed_info *, void *),
		     void *arg)
{
	int ret = 0;

	(void)c;
	for (unsigned int i = 0; i < nr_replies && !ret; i++)
		ret = fn(&feed_reply[i], arg);
	return ret ?: answer("feed_dump", NULL);
}

/* The tool frees its lists after the call: keep them as text. */
static void keep_sub(const struct tp_sub_config *sub)
{
	seen.sub = *sub;
	seen.sub.name = keep(seen.sub_strings[0], sub->name);
	seen.sub.channel = keep(seen.sub_strings[1], sub->channel);
	seen.sub.types = keep(seen.sub_strings[2], sub->types);
	tp_locates_format(seen.locates, sizeof(seen.locates), sub->locates, sub->nr_locates);
	seen.symbols[0] = '\0';
	for (size_t i = 0; i < sub->nr_symbols && i < 8; i++)
		strncat(seen.symbols, sub->symbols[i].name, TP_SYMBOL_LEN);
	seen.sub.locates = NULL;
	seen.sub.symbols = NULL;
}

int tp_ctl_sub_add(struct tp_ctl *c, const struct tp_sub_config *sub)
{
	(void)c;
	keep_sub(sub);
	return answer("sub_add", sub->name);
}

int tp_ctl_sub_replace(struct tp_ctl *c, const struct tp_sub_config *sub)
{
	(void)c;
	keep_sub(sub);
	return answer("sub_replace", sub->name);
}

int tp_ctl_sub_set(struct tp_ctl *c, const struct tp_sub_config *sub, unsigned int mask)
{
	(void)c;
	keep_sub(sub);
	seen.mask = mask;
	return answer("sub_set", sub->name);
}

int tp_ctl_sub_del(struct tp_ctl *c, const char *name)
{
	(void)c;
	return answer("sub_del", name);
}

int tp_ctl_sub_get(struct tp_ctl *c, const char *name, struct tp_sub_info *sub)
{
	(void)c;
	*sub = sub_reply[0];
	return answer("sub_get", name);
}

int tp_ctl_sub_dump(struct tp_ctl *c, int (*fn)(const struct tp_sub_info *, void *),
		    void *arg)
{
	int ret = 0;

	(void)c;
	for (unsigned int i = 0; i < nr_replies && !ret; i++)
		ret = fn(&sub_reply[i], arg);
	return ret ?: answer("sub_dump", NULL);
}

/* What one run printed. */
static char out[8192], err[4096];
/* What it reads on standard input, if not NULL. */
static const char *input;

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t len;

	rewind(f);
	len = fread(buf, 1, size - 1, f);
	buf[len] = '\0';
	fclose(f);
}

/* Runs tpctl on the NULL-terminated arguments; returns its exit status. */
static int tpctl(const char *arg, ...)
{
	char *argv[32] = { "tpctl" };
	FILE *fout = tmpfile(), *ferr = tmpfile(), *fin = tmpfile();
	int argc = 1, saved_out = dup(1), saved_err = dup(2), saved_in = dup(0), ret;
	va_list ap;

	va_start(ap, arg);
	for (; arg && argc < 31; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	va_end(ap);
	memset(&seen, 0, sizeof(seen));
	json = false;
	show_stats = false;
	optind = 0;
	fflush(stdout);
	fputs(input ? input : "", fin);
	rewind(fin);
	dup2(fileno(fin), 0);
	dup2(fileno(fout), 1);
	dup2(fileno(ferr), 2);
	ret = tpctl_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_in, 0);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	clearerr(stdin);
	close(saved_in);
	close(saved_out);
	close(saved_err);
	fclose(fin);
	slurp(fout, out, sizeof(out));
	slurp(ferr, err, sizeof(err));
	return ret;
}

static int out_is(const char *expect)
{
	if (!strcmp(out, expect))
		return 1;
	fprintf(stderr, "expected on stdout:\n%s\ngot:\n%s\n", expect, out);
	return 0;
}

/* A usage error: exit 2, the message on stderr, and no handle opened. */
static int usage_fails(const char *message)
{
	return strstr(err, message) && !seen.opens && !out[0];
}

static void test_usage_errors(void)
{
	CHECK(tpctl(NULL) == 2 && usage_fails("an OBJECT is needed"));
	CHECK(tpctl("bogus", NULL) == 2 && usage_fails("unknown object 'bogus'"));
	CHECK(tpctl("-x", "feed", NULL) == 2 && usage_fails("Usage:"));
	CHECK(tpctl("feed", "bogus", NULL) == 2 && usage_fails("unknown feed command 'bogus'"));
	CHECK(tpctl("feed", "add", NULL) == 2 && usage_fails("feed add needs a name"));
	CHECK(tpctl("feed", "add", "f", "group", "239.1.1.1", "port", "1", NULL) == 2 &&
	      usage_fails("feed add needs a device"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "port", "1", NULL) == 2 &&
	      usage_fails("feed add needs a group and a port"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "1.2.3.4", "port", "1",
		    NULL) == 2 && usage_fails("group '1.2.3.4' is not a multicast address"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1", "port", "1",
		    NULL) == 2 && usage_fails("group '239.1.1' is not an IPv4 address"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1.1", "port", "0",
		    NULL) == 2 && usage_fails("port '0' is not a UDP port"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1.1", "port", "65536",
		    NULL) == 2 && usage_fails("port '65536' is not a UDP port"));
	/* Options may come anywhere, so this is one. */
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1.1", "port", "-1",
		    NULL) == 2 && usage_fails("unrecognized option '-1'"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1.1", "port", "0x10",
		    NULL) == 2 && usage_fails("port '0x10' is not a UDP port"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1.1", "port", "1",
		    "source", "x", NULL) == 2 && usage_fails("source 'x' is not an IPv4 address"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "group", "239.1.1.1", "port", "1",
		    "proto", "pitch", NULL) == 2 && usage_fails("unknown proto 'pitch'"));
	CHECK(tpctl("feed", "add", "f", "dev", "eth1", "dev", "eth2", NULL) == 2 &&
	      usage_fails("'dev' is given twice"));
	CHECK(tpctl("feed", "add", "f", "dev", NULL) == 2 && usage_fails("'dev' needs a value"));
	CHECK(tpctl("feed", "add", "0123456789abcdef0123456789abcdef", "dev", "eth1", NULL) == 2 &&
	      usage_fails("name '0123456789abcdef0123456789abcdef' is not 1 to 31 bytes long"));
	CHECK(tpctl("feed", "add", "", "dev", "eth1", NULL) == 2 &&
	      usage_fails("name '' is not 1 to 31 bytes long"));
	CHECK(tpctl("feed", "add", "f", "dev", "a-very-long-ifname", NULL) == 2 &&
	      usage_fails("device 'a-very-long-ifname' is not 1 to 15 bytes long"));
	CHECK(tpctl("feed", "del", NULL) == 2 && usage_fails("feed del needs a name"));
	CHECK(tpctl("feed", "del", "f", "g", NULL) == 2 && usage_fails("unknown argument 'g'"));
	CHECK(tpctl("feed", "show", "f", "extra", NULL) == 2 && usage_fails("unknown argument"));

	CHECK(tpctl("sub", "add", "q", NULL) == 2 && usage_fails("sub add needs a channel"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "types", "AZ", NULL) == 2 &&
	      usage_fails("types 'AZ': 'Z' is not an ITCH 5.0 message type"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "types", "AFA", NULL) == 2 &&
	      usage_fails("types 'AFA': 'A' is listed twice"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "types", "none", NULL) == 2 &&
	      usage_fails("'n' is not an ITCH 5.0 message type"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "locates", "1,9-7", NULL) == 2 &&
	      usage_fails("locates '1,9-7': bad item '9-7'"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "locates", "all", NULL) == 2 &&
	      usage_fails("bad item 'all'"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "symbols", "AAPL,TOOLONGXX", NULL) == 2 &&
	      usage_fails("symbols 'AAPL,TOOLONGXX': bad symbol 'TOOLONGXX'"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "slots", "100", NULL) == 2 &&
	      usage_fails("slots '100' is not a power of two from 64 to 16777216"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "slots", "32", NULL) == 2 &&
	      usage_fails("slots '32'"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "slots", "33554432", NULL) == 2 &&
	      usage_fails("slots '33554432'"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "user", "no-such-user", NULL) == 2 &&
	      usage_fails("user 'no-such-user': no such user"));
	CHECK(tpctl("sub", "add", "q", "channel", "c", "group", "4294967295", NULL) == 2 &&
	      usage_fails("group '4294967295': no such group"));
	CHECK(tpctl("sub", "set", "q", "user", "root", NULL) == 2 &&
	      usage_fails("unknown argument 'user'"));
	CHECK(tpctl("sub", "set", "q", NULL) == 2 &&
	      usage_fails("sub set needs types, locates or symbols"));
	CHECK(tpctl("sub", "set", "q", "channel", "c", NULL) == 2 &&
	      usage_fails("unknown argument 'channel'"));
	CHECK(tpctl("port", "attach", NULL) == 2 && usage_fails("port attach needs a device"));
	CHECK(tpctl("port", "attach", "dev", "eth1", "mode", "copy", NULL) == 2 &&
	      usage_fails("unknown mode 'copy'"));
	CHECK(tpctl("port", "show", "dev", "eth1", "mode", "steal", NULL) == 2 &&
	      usage_fails("unknown argument 'mode'"));
}

static void test_feed_add(void)
{
	CHECK(tpctl("feed", "add", "itch-a", "dev", "eth1", "group", "233.54.12.111",
		    "port", "26477", NULL) == 0);
	CHECK(!strcmp(seen.call, "feed_add itch-a") && !out[0] && !err[0]);
	CHECK(!strcmp(seen.feed.ifname, "eth1"));
	CHECK(seen.feed.group.s_addr == inet_addr("233.54.12.111"));
	CHECK(seen.feed.udp_port == 26477);
	CHECK(seen.feed.source.s_addr == htonl(INADDR_ANY));
	CHECK(!seen.feed.channel);
	CHECK(seen.feed.proto == TICKPATH_PROTO_MOLDUDP64_ITCH50);

	/* Abbreviated, and -j among the arguments: the first keyword wins. */
	CHECK(tpctl("f", "a", "itch-b", "d", "eth2", "g", "233.54.12.112", "p", "26478",
		    "s", "10.1.2.3", "c", "nasdaq", "pr", "moldudp64-itch50", "-j", NULL) == 0);
	CHECK(!strcmp(seen.call, "feed_add itch-b"));
	CHECK(!strcmp(seen.feed.ifname, "eth2"));
	CHECK(seen.feed.udp_port == 26478);
	CHECK(seen.feed.source.s_addr == inet_addr("10.1.2.3"));
	CHECK(seen.feed.channel && !strcmp(seen.feed.channel, "nasdaq"));

	CHECK(tpctl("feed", "del", "itch-a", NULL) == 0 && !strcmp(seen.call, "feed_del itch-a"));
	CHECK(tpctl("feed", "delete", "itch-a", NULL) == 0 &&
	      !strcmp(seen.call, "feed_del itch-a"));
}

static void test_sub_add(void)
{
	CHECK(tpctl("sub", "add", "quotes", "channel", "nasdaq", "types", "AFE",
		    "locates", "9,1-3", "symbols", "MSFT,AAPL", "slots", "1024", NULL) == 0);
	CHECK(!strcmp(seen.call, "sub_add quotes"));
	CHECK(!strcmp(seen.sub.channel, "nasdaq"));
	CHECK(!strcmp(seen.sub.types, "AFE"));
	CHECK(!strcmp(seen.locates, "1-3,9") && seen.sub.nr_locates == 4);
	CHECK(!strcmp(seen.symbols, "AAPL    MSFT    ") && seen.sub.nr_symbols == 2);
	CHECK(seen.sub.ring_slots == 1024);

	/* "sy" is symbols, "sl" slots; the clearing words mean no filter. */
	CHECK(tpctl("sub", "add", "all", "ch", "nasdaq", "ty", "all", "sy", "none", "l", "",
		    NULL) == 0);
	CHECK(!strcmp(seen.sub.types, ""));
	CHECK(!seen.sub.nr_locates && !seen.sub.nr_symbols && !seen.sub.ring_slots);
	CHECK(tpctl("sub", "add", "plain", "channel", "nasdaq", NULL) == 0);
	CHECK(!seen.sub.types && !seen.sub.nr_locates && !seen.sub.nr_symbols);
	CHECK(!seen.sub.owner.has_uid && !seen.sub.owner.has_gid);

	/* Owners by name (every system has root) or by number. */
	CHECK(tpctl("sub", "add", "mine", "channel", "nasdaq", "user", "root",
		    "group", "4242", NULL) == 0);
	CHECK(seen.sub.owner.has_uid && seen.sub.owner.uid == 0);
	CHECK(seen.sub.owner.has_gid && seen.sub.owner.gid == 4242);
	CHECK(tpctl("sub", "add", "mine", "channel", "nasdaq", "group", "root", NULL) == 0);
	CHECK(!seen.sub.owner.has_uid && seen.sub.owner.has_gid && seen.sub.owner.gid == 0);
}

static void test_sub_set(void)
{
	CHECK(tpctl("sub", "set", "quotes", "types", "all", "locates", "none", NULL) == 0);
	CHECK(!strcmp(seen.call, "sub_set quotes"));
	CHECK(seen.mask == (TP_SUB_SET_TYPES | TP_SUB_SET_LOCATES));
	CHECK(!strcmp(seen.sub.types, "") && !seen.sub.nr_locates);

	CHECK(tpctl("sub", "set", "quotes", "symbols", "", NULL) == 0);
	CHECK(seen.mask == TP_SUB_SET_SYMBOLS && !seen.sub.nr_symbols);

	CHECK(tpctl("sub", "set", "quotes", "symbols", "QQQ", "types", "P", NULL) == 0);
	CHECK(seen.mask == (TP_SUB_SET_SYMBOLS | TP_SUB_SET_TYPES));
	CHECK(!strcmp(seen.symbols, "QQQ     ") && !strcmp(seen.sub.types, "P"));

	/* "s" alone is show, which only looks. */
	nr_replies = 0;
	CHECK(tpctl("sub", "s", NULL) == 0 && !strcmp(seen.call, "sub_dump -"));
	CHECK(tpctl("sub", "se", "quotes", "types", "A", NULL) == 0 &&
	      !strcmp(seen.call, "sub_set quotes"));
	CHECK(tpctl("sub", "del", "quotes", NULL) == 0 && !strcmp(seen.call, "sub_del quotes"));
}

static void test_port(void)
{
	CHECK(tpctl("port", "attach", "dev", "eth1", "mode", "mirror", NULL) == 0);
	CHECK(!strcmp(seen.call, "port_attach eth1") && seen.mode == TICKPATH_PORT_MODE_MIRROR);
	CHECK(tpctl("port", "attach", "dev", "eth1", NULL) == 0);
	CHECK(seen.mode == TICKPATH_PORT_MODE_STEAL);
	CHECK(tpctl("port", "detach", "dev", "eth1", NULL) == 0 &&
	      !strcmp(seen.call, "port_detach eth1"));

	/* The format vm-test/tests/port-count.sh reads. */
	port_reply[0] = (struct tp_port_info){ 2, "eth1", TICKPATH_PORT_MODE_STEAL, 1000, 128000 };
	port_reply[1] = (struct tp_port_info){ 3, "eth2", TICKPATH_PORT_MODE_MIRROR, 0, 0 };
	nr_replies = 2;
	CHECK(tpctl("port", NULL) == 0);
	CHECK(out_is("2: eth1: mode steal\n    packets 1000 bytes 128000\n"
			   "3: eth2: mode mirror\n    packets 0 bytes 0\n"));
	CHECK(tpctl("-j", "port", "show", "dev", "eth1", NULL) == 0);
	CHECK(!strcmp(seen.call, "port_get eth1"));
	CHECK(out_is("[{\"ifindex\":2,\"ifname\":\"eth1\",\"mode\":\"steal\","
			   "\"stats\":{\"packets\":1000,\"bytes\":128000}}]\n"));
	nr_replies = 0;
	CHECK(tpctl("-j", "port", "list", NULL) == 0 && out_is("[]\n"));
}

static void fill_feeds(void)
{
	struct tp_feed_info *feed = &feed_reply[0];

	memset(feed_reply, 0, sizeof(feed_reply));
	snprintf(feed->name, sizeof(feed->name), "itch-a");
	snprintf(feed->channel, sizeof(feed->channel), "nasdaq");
	snprintf(feed->ifname, sizeof(feed->ifname), "eth1");
	feed->ifindex = 2;
	feed->group.s_addr = inet_addr("233.54.12.111");
	feed->source.s_addr = inet_addr("10.1.2.3");
	feed->udp_port = 26477;
	feed->channel_id = 1;
	snprintf(feed->session, sizeof(feed->session), "000000001A");
	feed->next_seq = 35013;
	feed->stats = (struct tp_feed_stats){
		.packets = 1000, .bytes = 128000, .messages = 35012, .heartbeats = 12,
		.gaps = 1, .gap_messages = 3, .sessions = 1, .stale = 2,
	};
	feed->stats.types['A'] = 20000;
	feed->stats.types['D'] = 15000;
	feed->stats.types['S'] = 12;
	feed->stats.malformed[TICKPATH_MALFORMED_OVERRUN] = 2;

	feed = &feed_reply[1];
	snprintf(feed->name, sizeof(feed->name), "itch-\"b\"");
	snprintf(feed->channel, sizeof(feed->channel), "itch-\"b\"");
	snprintf(feed->ifname, sizeof(feed->ifname), "eth2");
	feed->ifindex = 3;
	feed->group.s_addr = inet_addr("233.54.12.112");
	feed->udp_port = 26478;
	feed->channel_id = 2;
	feed->next_seq = 1;
}

static void test_feed_show(void)
{
	fill_feeds();
	nr_replies = 2;
	CHECK(tpctl("feed", NULL) == 0 && !strcmp(seen.call, "feed_dump -"));
	CHECK(out_is("itch-a: dev eth1 group 233.54.12.111 port 26477 source 10.1.2.3"
		      " proto moldudp64-itch50 channel nasdaq\n"
		      "    channel-id 1 line 0 session 000000001A next-seq 35013\n"
		      "itch-\"b\": dev eth2 group 233.54.12.112 port 26478"
		      " proto moldudp64-itch50 channel itch-\"b\"\n"
		      "    channel-id 2 line 0 next-seq 1\n"));

	CHECK(tpctl("feed", "show", "itch-a", "-s", NULL) == 0 &&
	      !strcmp(seen.call, "feed_get itch-a"));
	CHECK(out_is("itch-a: dev eth1 group 233.54.12.111 port 26477 source 10.1.2.3"
		      " proto moldudp64-itch50 channel nasdaq\n"
		      "    channel-id 1 line 0 session 000000001A next-seq 35013\n"
		      "    packets  bytes messages heartbeats passed\n"
		      "       1000 128000    35012         12      0\n"
		      "    duplicates gaps gap_messages sessions stale end_of_session\n"
		      "             0    1            3        1     2              0\n"
		      "    types A 20000 D 15000 S 12\n"
		      "    malformed overrun 2\n"));

	CHECK(tpctl("-j", "-s", "feed", NULL) == 0);
	CHECK(out_is("[{\"name\":\"itch-a\",\"ifindex\":2,\"ifname\":\"eth1\","
		      "\"group\":\"233.54.12.111\",\"port\":26477,\"source\":\"10.1.2.3\","
		      "\"proto\":\"moldudp64-itch50\",\"channel\":\"nasdaq\",\"channel_id\":1,"
		      "\"line\":0,\"session\":\"000000001A\",\"next_seq\":35013,"
		      "\"stats\":{\"packets\":1000,\"bytes\":128000,\"messages\":35012,"
		      "\"heartbeats\":12,\"passed\":0,\"duplicates\":0,\"gaps\":1,"
		      "\"gap_messages\":3,\"sessions\":1,\"stale\":2,\"end_of_session\":0,"
		      "\"types\":{\"A\":20000,\"D\":15000,\"S\":12},"
		      "\"malformed\":{\"overrun\":2}}},"
		      "{\"name\":\"itch-\\\"b\\\"\",\"ifindex\":3,\"ifname\":\"eth2\","
		      "\"group\":\"233.54.12.112\",\"port\":26478,"
		      "\"proto\":\"moldudp64-itch50\",\"channel\":\"itch-\\\"b\\\"\","
		      "\"channel_id\":2,\"line\":0,\"next_seq\":1,"
		      "\"stats\":{\"packets\":0,\"bytes\":0,\"messages\":0,\"heartbeats\":0,"
		      "\"passed\":0,\"duplicates\":0,\"gaps\":0,\"gap_messages\":0,"
		      "\"sessions\":0,\"stale\":0,\"end_of_session\":0,\"types\":{},"
		      "\"malformed\":{}}}]\n"));
}

static void fill_subs(void)
{
	static const uint16_t locates[] = { 1, 5, 7, 8, 9 };
	static const struct tp_symbol symbols[] = { { "AAPL    " }, { "BRK A   " } };
	struct tp_sub_info *sub = &sub_reply[0];

	memset(sub_reply, 0, sizeof(sub_reply));
	snprintf(sub->name, sizeof(sub->name), "quotes");
	snprintf(sub->channel, sizeof(sub->channel), "nasdaq");
	snprintf(sub->types, sizeof(sub->types), "AFE");
	sub->locates = locates;
	sub->nr_locates = 5;
	sub->symbols = symbols;
	sub->nr_symbols = 2;
	sub->ring_slots = 65536;
	sub->resolved = 1;
	sub->stats = (struct tp_sub_stats){ .records = 1000, .filtered = 34012, .slots = 1000 };

	sub = &sub_reply[1];
	snprintf(sub->name, sizeof(sub->name), "everything");
	snprintf(sub->channel, sizeof(sub->channel), "nasdaq");
	sub->ring_slots = 1024;
	sub->owner = (struct tp_sub_owner){ .has_uid = true, .uid = 1000, .has_gid = true };
}

static void test_sub_show(void)
{
	fill_subs();
	nr_replies = 2;
	CHECK(tpctl("sub", "-s", NULL) == 0);
	CHECK(out_is("quotes: channel nasdaq slots 65536 types AFE locates 1,5,7-9"
		      " symbols AAPL,BRK A resolved 1\n"
		      "    records filtered slots\n"
		      "       1000    34012  1000\n"
		      "everything: channel nasdaq slots 1024 user 1000 group 0\n"
		      "    records filtered slots\n"
		      "          0        0     0\n"));

	CHECK(tpctl("--json", "sub", "show", "quotes", NULL) == 0 &&
	      !strcmp(seen.call, "sub_get quotes"));
	CHECK(out_is("[{\"name\":\"quotes\",\"channel\":\"nasdaq\",\"slots\":65536,"
		      "\"types\":\"AFE\",\"locates\":[1,5,7,8,9],"
		      "\"symbols\":[\"AAPL\",\"BRK A\"],\"resolved\":1}]\n"));
	sub_reply[0] = sub_reply[1];
	CHECK(tpctl("-j", "sub", "show", "everything", NULL) == 0);
	CHECK(out_is("[{\"name\":\"everything\",\"channel\":\"nasdaq\",\"slots\":1024,"
		      "\"user\":1000,\"group\":0,\"types\":\"\",\"locates\":[],"
		      "\"symbols\":[],\"resolved\":0}]\n"));
}

static void test_kernel_errors(void)
{
	call_ret = -ENOENT;
	call_error = "tickpath: no such feed";
	CHECK(tpctl("feed", "del", "nope", NULL) == 1);
	CHECK(!strcmp(err, "Error: tickpath: no such feed\n"));

	call_ret = -EPERM;
	call_error = NULL;
	CHECK(tpctl("sub", "del", "quotes", NULL) == 1);
	CHECK(!strcmp(err, "Error: Operation not permitted (CAP_NET_ADMIN is needed)\n"));

	/* A failed show still closes its JSON array. */
	call_ret = -ENOENT;
	call_error = "tickpath: no such subscription";
	CHECK(tpctl("-j", "sub", "show", "nope", NULL) == 1);
	CHECK(out_is("[]\n"));
	CHECK(!strcmp(err, "Error: tickpath: no such subscription\n"));
	call_ret = 0;

	open_ret = -ENOENT;
	call_error = "the tickpath module is not loaded";
	CHECK(tpctl("feed", "show", NULL) == 1);
	CHECK(!strcmp(err, "Error: the tickpath module is not loaded\n") && !seen.call[0]);
	open_ret = 0;
	call_error = NULL;
}

/* The same arguments as add and attach, a call that may replace. */
static void test_replace(void)
{
	CHECK(tpctl("port", "replace", "dev", "eth1", "mode", "mirror", NULL) == 0);
	CHECK(!strcmp(seen.log, "port_replace eth1;") && seen.mode == TICKPATH_PORT_MODE_MIRROR);
	CHECK(tpctl("port", "rep", "dev", "eth1", NULL) == 0);
	CHECK(!strcmp(seen.call, "port_replace eth1") && seen.mode == TICKPATH_PORT_MODE_STEAL);
	CHECK(tpctl("port", "replace", NULL) == 2 && usage_fails("port replace needs a device"));

	CHECK(tpctl("feed", "replace", "itch-a", "dev", "eth1", "group", "233.54.12.111",
		    "port", "26477", "source", "10.1.2.3", "channel", "nasdaq", NULL) == 0);
	CHECK(!strcmp(seen.log, "feed_replace itch-a;"));
	CHECK(!strcmp(seen.feed.ifname, "eth1") && seen.feed.udp_port == 26477);
	CHECK(seen.feed.group.s_addr == inet_addr("233.54.12.111"));
	CHECK(seen.feed.source.s_addr == inet_addr("10.1.2.3"));
	CHECK(!strcmp(seen.feed.channel, "nasdaq"));
	CHECK(tpctl("feed", "replace", "f", "dev", "eth1", NULL) == 2 &&
	      usage_fails("feed replace needs a group and a port"));

	CHECK(tpctl("sub", "replace", "quotes", "channel", "nasdaq", "types", "AFE",
		    "locates", "9,1-3", "symbols", "MSFT,AAPL", "slots", "1024", "user", "1000",
		    "group", "0", NULL) == 0);
	CHECK(!strcmp(seen.log, "sub_replace quotes;"));
	CHECK(!strcmp(seen.sub.channel, "nasdaq") && !strcmp(seen.sub.types, "AFE"));
	CHECK(!strcmp(seen.locates, "1-3,9") && !strcmp(seen.symbols, "AAPL    MSFT    "));
	CHECK(seen.sub.ring_slots == 1024);
	CHECK(seen.sub.owner.has_uid && seen.sub.owner.uid == 1000);
	CHECK(seen.sub.owner.has_gid && seen.sub.owner.gid == 0);
	CHECK(tpctl("sub", "replace", "q", NULL) == 2 &&
	      usage_fails("sub replace needs a channel"));

	call_ret = -EOPNOTSUPP;
	call_error = "tickpath: a feed's group cannot change in place";
	CHECK(tpctl("feed", "replace", "itch-a", "dev", "eth1", "group", "233.54.12.112",
		    "port", "26477", NULL) == 1);
	CHECK(!strcmp(err, "Error: tickpath: a feed's group cannot change in place\n"));
	call_ret = 0;
	call_error = NULL;
}

static void test_batch_split(void)
{
	char line[] = "  sub\tadd \"my sub\" symbols 'BRK A,\"X\"' x#y \"\" # a comment\r\n";
	char comment[] = "# port show\n";
	char words60[200] = "";
	char *words[BATCH_WORDS_MAX];

	CHECK(batch_split(line, words, BATCH_WORDS_MAX) == 7);
	CHECK(!strcmp(words[0], "sub") && !strcmp(words[1], "add"));
	CHECK(!strcmp(words[2], "my sub") && !strcmp(words[3], "symbols"));
	CHECK(!strcmp(words[4], "BRK A,\"X\"") && !strcmp(words[5], "x#y"));
	CHECK(!strcmp(words[6], ""));
	CHECK(batch_split(comment, words, BATCH_WORDS_MAX) == 0);
	for (int i = 0; i < 60; i++)
		strcat(words60, "w ");
	CHECK(batch_split(words60, words, 60) == 60 && !strcmp(words[59], "w"));
}

static void test_batch(void)
{
	char name[] = "/tmp/tpctl_test.XXXXXX", many[2 * BATCH_WORDS_MAX + 8];
	FILE *f = fdopen(mkstemp(name), "w");

	fputs("# a configuration\n"
	      "port attach dev eth1 mode mirror\n"
	      "\n"
	      "   \n"
	      "feed add itch-a dev eth1 group 233.54.12.111 port 26477 # the A line\n"
	      "sub add \"my quotes\" channel itch-a symbols \"BRK A,AAPL\"\n"
	      "sub del quotes\n"
	      "sub set \"my quotes\" types AF\n", f);
	fclose(f);

	/* One handle for the whole batch. */
	CHECK(tpctl("-batch", name, NULL) == 0 && !err[0] && !out[0]);
	CHECK(!strcmp(seen.log, "port_attach eth1;feed_add itch-a;sub_add my quotes;"
		      "sub_del quotes;sub_set my quotes;"));
	CHECK(seen.opens == 1);
	CHECK(!strcmp(seen.sub.types, "AF"));

	/* The first failure stops it, with its line; -force goes on. */
	call_ret = -ENOENT;
	call_error = "tickpath: no such subscription";
	fail_name = "quotes";
	CHECK(tpctl("-b", name, NULL) == 1);
	CHECK(!strcmp(seen.log, "port_attach eth1;feed_add itch-a;sub_add my quotes;"
		      "sub_del quotes;"));
	CHECK(strstr(err, "Error: tickpath: no such subscription\nCommand failed ") &&
	      strstr(err, name) && strstr(err, ":7\n"));
	CHECK(tpctl("-force", "-batch", name, NULL) == 1);
	CHECK(!strcmp(seen.log, "port_attach eth1;feed_add itch-a;sub_add my quotes;"
		      "sub_del quotes;sub_set my quotes;"));
	CHECK(strstr(err, ":7\n") && !strstr(err, ":8\n"));
	fail_name = NULL;
	call_ret = 0;
	call_error = NULL;

	/* Usage errors and unreadable lines fail their line too; standard
	 * input is "-", and the options of the command line apply to every
	 * line.
	 */
	input = "port show\nfeed add f dev eth1\nsub del \"unended\nfeed del f\n";
	nr_replies = 0;
	CHECK(tpctl("-j", "-b", "-", "-force", NULL) == 1);
	CHECK(!strcmp(seen.log, "port_dump -;feed_del f;") && out_is("[]\n"));
	CHECK(strstr(err, "tpctl: feed add needs a group and a port\n"));
	CHECK(strstr(err, "Command failed -:2\n") && strstr(err, "a quoted word does not end\n") &&
	      strstr(err, "Command failed -:3\n") && !strstr(err, ":1\n") && !strstr(err, ":4\n"));
	input = "bogus\n";
	CHECK(tpctl("-b", "-", NULL) == 1 && strstr(err, "unknown object 'bogus'") &&
	      strstr(err, "Command failed -:1\n") && !seen.opens);
	memset(many, 0, sizeof(many));
	for (int i = 0; i < BATCH_WORDS_MAX + 1; i++)
		strcat(many, "w ");
	input = many;
	CHECK(tpctl("-b", "-", NULL) == 1 && strstr(err, "more than 64 words on a line\n") &&
	      strstr(err, "Command failed -:1\n") && !seen.opens);
	input = NULL;

	CHECK(tpctl("-batch", name, "port", "show", NULL) == 2 &&
	      usage_fails("-batch takes no OBJECT"));
	unlink(name);
	CHECK(tpctl("-b", name, NULL) == 1 && strstr(err, "cannot open") && !seen.opens);
}

static void test_save(void)
{
	static const char saved[] =
		"# tickpath configuration (tpctl save); restore it with tpctl -batch FILE\n"
		"port replace dev eth1 mode steal\n"
		"port replace dev eth2 mode mirror\n"
		"feed replace itch-a dev eth1 group 233.54.12.111 port 26477 source 10.1.2.3"
		" proto moldudp64-itch50 channel nasdaq\n"
		"feed replace itch-\"b\" dev eth2 group 233.54.12.112 port 26478"
		" proto moldudp64-itch50 channel itch-\"b\"\n"
		"sub replace quotes channel nasdaq types AFE locates 1,5,7-9"
		" symbols \"AAPL,BRK A\" slots 65536\n"
		"sub replace everything channel nasdaq slots 1024 user 1000 group 0\n";
	char line[sizeof(saved)];

	port_reply[0] = (struct tp_port_info){ 2, "eth1", TICKPATH_PORT_MODE_STEAL, 1000, 128000 };
	port_reply[1] = (struct tp_port_info){ 3, "eth2", TICKPATH_PORT_MODE_MIRROR, 0, 0 };
	fill_feeds();
	fill_subs();
	nr_replies = 2;
	/* Counters are not configuration, and -j does not apply. */
	CHECK(tpctl("-j", "-s", "save", NULL) == 0 && !err[0] && out_is(saved));
	CHECK(!strcmp(seen.log, "port_dump -;feed_dump -;sub_dump -;") && seen.opens == 1);
	CHECK(tpctl("sa", "extra", NULL) == 2 && usage_fails("unknown save command 'extra'"));

	/* Read back, it asks for the same again. */
	input = saved;
	CHECK(tpctl("-b", "-", NULL) == 0 && !err[0]);
	CHECK(!strcmp(seen.log, "port_replace eth1;port_replace eth2;feed_replace itch-a;"
		      "feed_replace itch-\"b\";sub_replace quotes;sub_replace everything;"));
	CHECK(!strcmp(seen.sub.channel, "nasdaq") && seen.sub.ring_slots == 1024 &&
	      !seen.sub.types && !seen.sub.nr_locates && !seen.sub.nr_symbols);
	CHECK(seen.sub.owner.has_uid && seen.sub.owner.uid == 1000);
	CHECK(seen.sub.owner.has_gid && seen.sub.owner.gid == 0);
	/* Each line alone: the last call is the one to look at. */
	snprintf(line, sizeof(line), "%s", strstr(saved, "sub replace quotes"));
	*strchr(line, '\n') = '\0';
	input = line;
	CHECK(tpctl("-b", "-", NULL) == 0 && !strcmp(seen.log, "sub_replace quotes;"));
	CHECK(!strcmp(seen.sub.types, "AFE") && !strcmp(seen.locates, "1,5,7-9") &&
	      !strcmp(seen.symbols, "AAPL    BRK A   ") && seen.sub.ring_slots == 65536 &&
	      !seen.sub.owner.has_uid && !seen.sub.owner.has_gid);
	snprintf(line, sizeof(line), "%s", strstr(saved, "feed replace itch-a"));
	*strchr(line, '\n') = '\0';
	CHECK(tpctl("-b", "-", NULL) == 0 && !strcmp(seen.log, "feed_replace itch-a;"));
	CHECK(!strcmp(seen.feed.ifname, "eth1") && seen.feed.udp_port == 26477 &&
	      seen.feed.group.s_addr == inet_addr("233.54.12.111") &&
	      seen.feed.source.s_addr == inet_addr("10.1.2.3") &&
	      !strcmp(seen.feed.channel, "nasdaq") &&
	      seen.feed.proto == TICKPATH_PROTO_MOLDUDP64_ITCH50);
	input = NULL;

	/* Names that need quotes get them; one that none can hold is an
	 * error, the rest still saved.
	 */
	snprintf(sub_reply[0].name, sizeof(sub_reply[0].name), "#1 \"x\"");
	sub_reply[0].nr_symbols = 0;
	snprintf(sub_reply[1].name, sizeof(sub_reply[1].name), "a\nb");
	nr_replies = 2;
	memset(port_reply, 0, sizeof(port_reply));
	memset(feed_reply, 0, sizeof(feed_reply));
	snprintf(port_reply[0].ifname, sizeof(port_reply[0].ifname), "e 1");
	snprintf(port_reply[1].ifname, sizeof(port_reply[1].ifname), "#2");
	fill_feeds();
	snprintf(feed_reply[1].name, sizeof(feed_reply[1].name), "'\" \"'");
	CHECK(tpctl("save", NULL) == 1);
	CHECK(strstr(out, "\nport replace dev \"e 1\" mode steal\n"
		     "port replace dev \"#2\" mode steal\nfeed replace itch-a "));
	CHECK(strstr(out, "\nsub replace '#1 \"x\"' channel nasdaq types AFE locates 1,5,7-9"
		     " slots 65536\n"));
	CHECK(!strstr(out, "a\nb") && !strstr(out, "feed replace '") &&
	      !strstr(out, "feed replace \"'"));
	CHECK(strstr(err, "Error: feed '\" \"' cannot be saved: a word of it holds a newline, "
		     "or both quotes and a blank\n"));
	CHECK(strstr(err, "Error: subscription a\nb cannot be saved: "));
	input = strchr(out, '\n') + 1;
	CHECK(tpctl("-b", "-", NULL) == 0);
	CHECK(!strcmp(seen.log, "port_replace e 1;port_replace #2;feed_replace itch-a;"
		      "sub_replace #1 \"x\";"));
	input = NULL;
}

static void test_help(void)
{
	CHECK(tpctl("--help", NULL) == 0 && strstr(out, "tpctl sub set NAME") && !err[0]);
	CHECK(!seen.opens);
}

int main(void)
{
	/* While a run's stderr is captured, sanitizer reports still show. */
	__sanitizer_set_report_fd((void *)(intptr_t)dup(2));
	test_usage_errors();
	test_feed_add();
	test_sub_add();
	test_sub_set();
	test_port();
	test_feed_show();
	test_sub_show();
	test_kernel_errors();
	test_replace();
	test_batch_split();
	test_batch();
	test_save();
	test_help();
	return check_done();
}
