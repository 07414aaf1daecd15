// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl sub: subscriptions, the filters that fill the rings.  An empty
 * value clears a filter; "all" (types) and "none" (locates, symbols) say the
 * same in words.
 */
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpctl.h"

/* The filters as given on the command line. */
struct filter_args {
	const char *types;
	const char *locates;
	const char *symbols;
};

static const char *cleared(const char *text, const char *word)
{
	return strcmp(text, word) ? text : "";
}

static int parse_types(const char *text, struct tp_sub_config *sub)
{
	const char *bad;

	sub->types = cleared(text, "all");
	if (!tp_types_check(sub->types, &bad))
		return 0;
	if (strchr(TP_ITCH_TYPE_CHARS, *bad))
		return usage_error("types '%s': '%c' is listed twice", text, *bad);
	return usage_error("types '%s': '%c' is not an ITCH 5.0 message type (%s)",
			   text, *bad, TP_ITCH_TYPE_CHARS);
}

static int parse_locates(const char *text, struct tp_sub_config *sub)
{
	uint16_t *locates;
	const char *bad;
	int ret = tp_locates_parse(cleared(text, "none"), &locates,
				   &sub->nr_locates, &bad);

	sub->locates = locates;
	if (ret == -EINVAL)
		return usage_error("locates '%s': bad item '%s' (locates are 1 to 65535, %s)",
				   text, bad, "ranges LOW-HIGH");
	return ret ? finish(ret) : 0;
}

static int parse_symbols(const char *text, struct tp_sub_config *sub)
{
	struct tp_symbol *symbols;
	const char *bad;
	int ret = tp_symbols_parse(cleared(text, "none"), &symbols,
				   &sub->nr_symbols, &bad);

	sub->symbols = symbols;
	if (ret == -EINVAL)
		return usage_error("symbols '%s': bad symbol '%s' (1 to 8 printable characters)",
				   text, bad);
	return ret ? finish(ret) : 0;
}

/* Fills @sub with the filters given and sets *mask to which they are. */
static int parse_filters(const struct filter_args *args, struct tp_sub_config *sub,
			 unsigned int *mask)
{
	int ret = 0;

	*mask = 0;
	if (args->types) {
		*mask |= TP_SUB_SET_TYPES;
		ret = parse_types(args->types, sub);
	}
	if (!ret && args->locates) {
		*mask |= TP_SUB_SET_LOCATES;
		ret = parse_locates(args->locates, sub);
	}
	if (!ret && args->symbols) {
		*mask |= TP_SUB_SET_SYMBOLS;
		ret = parse_symbols(args->symbols, sub);
	}
	return ret;
}

static void free_filters(struct tp_sub_config *sub)
{
	free((void *)sub->locates);
	free((void *)sub->symbols);
}

static int parse_slots(const char *text, uint32_t *slots)
{
	if (!text)
		return 0;
	if (parse_u32(text, TICKPATH_RING_SLOTS_MIN, TICKPATH_RING_SLOTS_MAX, slots) ||
	    (*slots & (*slots - 1)))
		return usage_error("slots '%s' is not a power of two from %u to %u",
				   text, TICKPATH_RING_SLOTS_MIN, TICKPATH_RING_SLOTS_MAX);
	return 0;
}

static int user_id(const char *name, uint32_t *id)
{
	const struct passwd *pw = getpwnam(name);

	if (pw)
		*id = pw->pw_uid;
	return pw ? 0 : -ENOENT;
}

static int group_id(const char *name, uint32_t *id)
{
	const struct group *gr = getgrnam(name);

	if (gr)
		*id = gr->gr_gid;
	return gr ? 0 : -ENOENT;
}

/* A user or group by number, else by name (so that the ids tpctl save
 * writes mean them whatever names exist); (uint32_t)-1 is no id (chown()
 * reads it as "leave as it is").
 */
static int parse_owner_id(const char *what, const char *text,
			  int (*by_name)(const char *, uint32_t *), bool *has,
			  uint32_t *id)
{
	if (!text)
		return 0;
	*has = true;
	if (!parse_u32(text, 0, UINT32_MAX - 1, id) || !by_name(text, id))
		return 0;
	return usage_error("%s '%s': no such %s", what, text, what);
}

/* add, or replace through @call. */
static int sub_add_by(int argc, char **argv, const char *cmd,
		      int (*call)(struct tp_ctl *ctl, const struct tp_sub_config *sub))
{
	const char *name = NULL, *channel = NULL, *slots = NULL;
	const char *user = NULL, *group = NULL;
	struct filter_args filters = { 0 };
	const struct arg args[] = {
		{ "channel", &channel }, { "types", &filters.types },
		{ "locates", &filters.locates }, { "symbols", &filters.symbols },
		{ "slots", &slots }, { "user", &user }, { "group", &group },
	};
	struct tp_sub_config sub = { 0 };
	unsigned int mask;
	int ret;

	ret = parse_args(argc, argv, &name, args, ARRAY_SIZE(args)) ?:
	      check_name(cmd, "name", name, TICKPATH_NAME_MAX) ?:
	      check_name(cmd, "channel", channel, TICKPATH_NAME_MAX) ?:
	      parse_slots(slots, &sub.ring_slots) ?:
	      parse_owner_id("user", user, user_id, &sub.owner.has_uid, &sub.owner.uid) ?:
	      parse_owner_id("group", group, group_id, &sub.owner.has_gid,
			     &sub.owner.gid) ?:
	      parse_filters(&filters, &sub, &mask);
	if (!ret) {
		sub.name = name;
		sub.channel = channel;
		ret = ctl_open() ?: finish(call(ctl, &sub));
	}
	free_filters(&sub);
	return ret;
}

static int sub_add(int argc, char **argv)
{
	return sub_add_by(argc, argv, "sub add", tp_ctl_sub_add);
}

static int sub_replace(int argc, char **argv)
{
	return sub_add_by(argc, argv, "sub replace", tp_ctl_sub_replace);
}

static int sub_set(int argc, char **argv)
{
	const char *name = NULL;
	struct filter_args filters = { 0 };
	const struct arg args[] = {
		{ "types", &filters.types }, { "locates", &filters.locates },
		{ "symbols", &filters.symbols },
	};
	struct tp_sub_config sub = { 0 };
	unsigned int mask = 0;
	int ret;

	ret = parse_args(argc, argv, &name, args, ARRAY_SIZE(args)) ?:
	      check_name("sub set", "name", name, TICKPATH_NAME_MAX) ?:
	      parse_filters(&filters, &sub, &mask);
	if (!ret && !mask)
		ret = usage_error("sub set needs types, locates or symbols");
	if (!ret) {
		sub.name = name;
		ret = ctl_open() ?: finish(tp_ctl_sub_set(ctl, &sub, mask));
	}
	free_filters(&sub);
	return ret;
}

static int sub_del(int argc, char **argv)
{
	const char *name = NULL;

	return parse_args(argc, argv, &name, NULL, 0) ?:
	       check_name("sub del", "name", name, TICKPATH_NAME_MAX) ?:
	       ctl_open() ?: finish(tp_ctl_sub_del(ctl, name));
}

char *locates_text(const uint16_t *locates, size_t nr)
{
	int len = tp_locates_format(NULL, 0, locates, nr);
	char *text = malloc(len + 1);

	if (text)
		tp_locates_format(text, len + 1, locates, nr);
	return text;
}

void symbol_text(const struct tp_symbol *symbol, char text[TP_SYMBOL_LEN + 1])
{
	size_t len = tp_symbol_len(symbol);

	memcpy(text, symbol->name, len);
	text[len] = '\0';
}

static int print_locates(const uint16_t *locates, size_t nr)
{
	char *text;

	if (json) {
		print_open("locates", '[');
		for (size_t i = 0; i < nr; i++)
			print_u64(NULL, NULL, locates[i]);
		print_close(']');
		return 0;
	}
	if (!nr)
		return 0;
	text = locates_text(locates, nr);
	if (!text)
		return -ENOMEM;
	printf(" locates %s", text);
	free(text);
	return 0;
}

static void print_symbols(const struct tp_symbol *symbols, size_t nr)
{
	char name[TP_SYMBOL_LEN + 1];

	print_open("symbols", '[');
	for (size_t i = 0; i < nr; i++) {
		symbol_text(&symbols[i], name);
		print_str(NULL, i ? ",%s" : " symbols %s", name);
	}
	print_close(']');
}

static int print_sub(const struct tp_sub_info *sub, void *arg)
{
	const struct counter stats[] = {
		{ "records", sub->stats.records },
		{ "filtered", sub->stats.filtered },
		{ "slots", sub->stats.slots },
	};
	int ret;

	(void)arg;
	print_open(NULL, '{');
	print_str("name", "%s:", sub->name);
	print_str("channel", " channel %s", sub->channel);
	print_u64("slots", " slots %" PRIu64, sub->ring_slots);
	if (sub->owner.has_uid)
		print_u64("user", " user %" PRIu64, sub->owner.uid);
	if (sub->owner.has_gid)
		print_u64("group", " group %" PRIu64, sub->owner.gid);
	print_str("types", sub->types[0] ? " types %s" : NULL, sub->types);
	ret = print_locates(sub->locates, sub->nr_locates);
	print_symbols(sub->symbols, sub->nr_symbols);
	print_u64("resolved", sub->nr_symbols ? " resolved %" PRIu64 : NULL,
		  sub->resolved);
	print_text("\n");
	if (show_stats) {
		print_open("stats", '{');
		print_table(stats, ARRAY_SIZE(stats));
		print_close('}');
	}
	print_close('}');
	return ret;
}

static int sub_show(int argc, char **argv)
{
	const char *name = NULL;
	struct tp_sub_info sub;
	int ret = parse_args(argc, argv, &name, NULL, 0) ?:
		  check_name(NULL, "name", name, TICKPATH_NAME_MAX) ?:
		  ctl_open();

	if (ret)
		return ret;
	show_begin();
	if (name)
		ret = tp_ctl_sub_get(ctl, name, &sub) ?: print_sub(&sub, NULL);
	else
		ret = tp_ctl_sub_dump(ctl, print_sub, NULL);
	return show_end(ret);
}

/* "show" before "set": an abbreviation that could be either only looks. */
static const struct cmd sub_cmds[] = {
	{ "show", sub_show },
	{ "add", sub_add },
	{ "set", sub_set },
	{ "delete", sub_del },
	{ "list", sub_show },
	{ "replace", sub_replace },
};

const struct object sub_object = { "sub", sub_cmds, ARRAY_SIZE(sub_cmds) };
