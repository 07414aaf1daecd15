// SPDX-License-Identifier: GPL-2.0
/*
 * tpctl save: the running configuration as a batch file for tpctl -batch.
 * Every setting is written out, defaults too, so that a restore does not
 * depend on what the defaults are then.  Objects come in dependency order
 * (ports, feeds, subscriptions), each kind in the order the kernel lists
 * it, which a restore reproduces.  Lines are replaces: a restore run again,
 * or over a configuration partly there, converges instead of failing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpctl.h"

/* One command being written: a line is printed whole or not at all. */
struct save_line {
	FILE *out;
	char *text;
	size_t len;
	bool bad;		/* a word no quoting can hold */
	int err;		/* a failure of tpctl's own */
};

static int save_start(struct save_line *line, const char *command)
{
	*line = (struct save_line){ 0 };
	line->out = open_memstream(&line->text, &line->len);
	if (!line->out)
		return -errno;
	fputs(command, line->out);
	return 0;
}

/* As it reads back through batch_split(): plain if it can be, else quoted. */
static void save_word(struct save_line *line, const char *word)
{
	bool plain = *word && !strchr("#\"'", *word) && !word[strcspn(word, BATCH_BLANKS)];

	if (plain)
		fprintf(line->out, " %s", word);
	else if (!strchr(word, '\n') && !strchr(word, '"'))
		fprintf(line->out, " \"%s\"", word);
	else if (!strchr(word, '\n') && !strchr(word, '\''))
		fprintf(line->out, " '%s'", word);
	else
		line->bad = true;
}

static void save_arg(struct save_line *line, const char *keyword, const char *word)
{
	fprintf(line->out, " %s", keyword);
	save_word(line, word);
}

/* Prints the line; a line that cannot be written is an error, and the
 * others are still saved.
 */
static int save_end(struct save_line *line, const char *what, const char *name)
{
	int ret = 0;

	if (fclose(line->out) || line->err) {
		ret = finish(line->err ?: -ENOMEM);
	} else if (line->bad) {
		fprintf(stderr, "Error: %s %s cannot be saved: a word of it holds a newline, or both quotes and a blank\n",
			what, name);
		ret = 1;
	} else {
		printf("%s\n", line->text);
	}
	free(line->text);
	return ret;
}

/* The dumps go on through objects that cannot be saved: @arg counts them. */
static int save_port(const struct tp_port_info *port, void *arg)
{
	struct save_line line;
	int ret = save_start(&line, "port replace");

	if (ret)
		return ret;
	save_arg(&line, "dev", port->ifname);
	save_arg(&line, "mode", tp_port_mode_name(port->mode));
	*(int *)arg |= save_end(&line, "port", port->ifname);
	return 0;
}

static int save_feed(const struct tp_feed_info *feed, void *arg)
{
	char addr[INET_ADDRSTRLEN], port[sizeof("65535")];
	struct save_line line;
	int ret = save_start(&line, "feed replace");

	if (ret)
		return ret;
	save_word(&line, feed->name);
	save_arg(&line, "dev", feed->ifname);
	save_arg(&line, "group", inet_ntop(AF_INET, &feed->group, addr, sizeof(addr)));
	snprintf(port, sizeof(port), "%u", feed->udp_port);
	save_arg(&line, "port", port);
	if (feed->source.s_addr != htonl(INADDR_ANY))
		save_arg(&line, "source",
			 inet_ntop(AF_INET, &feed->source, addr, sizeof(addr)));
	save_arg(&line, "proto", tp_proto_name(feed->proto));
	save_arg(&line, "channel", feed->channel);
	*(int *)arg |= save_end(&line, "feed", feed->name);
	return 0;
}

/* "1,5,7-9" and "AAPL,MSFT", as the sub commands take them. */
static void save_lists(struct save_line *line, const struct tp_sub_info *sub)
{
	char *text, *end;

	if (sub->nr_locates) {
		text = locates_text(sub->locates, sub->nr_locates);
		if (!text) {
			line->err = -ENOMEM;
			return;
		}
		save_arg(line, "locates", text);
		free(text);
	}
	if (sub->nr_symbols) {
		text = malloc(sub->nr_symbols * (TP_SYMBOL_LEN + 1));
		if (!text) {
			line->err = -ENOMEM;
			return;
		}
		end = text;
		for (size_t i = 0; i < sub->nr_symbols; i++) {
			if (i)
				*end++ = ',';
			symbol_text(&sub->symbols[i], end);
			end += strlen(end);
		}
		save_arg(line, "symbols", text);
		free(text);
	}
}

static int save_sub(const struct tp_sub_info *sub, void *arg)
{
	struct save_line line;
	int ret = save_start(&line, "sub replace");

	if (ret)
		return ret;
	save_word(&line, sub->name);
	save_arg(&line, "channel", sub->channel);
	if (sub->types[0])
		save_arg(&line, "types", sub->types);
	save_lists(&line, sub);
	fprintf(line.out, " slots %" PRIu32, sub->ring_slots);
	if (sub->owner.has_uid)
		fprintf(line.out, " user %" PRIu32, sub->owner.uid);
	if (sub->owner.has_gid)
		fprintf(line.out, " group %" PRIu32, sub->owner.gid);
	*(int *)arg |= save_end(&line, "subscription", sub->name);
	return 0;
}

/* Arguments never reach it: none is a command of "save". */
static int save(int argc, char **argv)
{
	int unsaved = 0, ret;

	(void)argc;
	(void)argv;
	ret = ctl_open();
	if (ret)
		return ret;
	printf("# tickpath configuration (tpctl save); restore it with tpctl -batch FILE\n");
	ret = finish(tp_ctl_port_dump(ctl, save_port, &unsaved) ?:
		     tp_ctl_feed_dump(ctl, save_feed, &unsaved) ?:
		     tp_ctl_sub_dump(ctl, save_sub, &unsaved));
	return ret ?: unsaved;
}

static const struct cmd save_cmds[] = {
	{ "", save },
};

const struct object save_object = { "save", save_cmds, ARRAY_SIZE(save_cmds) };
