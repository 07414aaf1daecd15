// SPDX-License-Identifier: GPL-2.0
/*
 * Subscription filters as text: types, locate lists and ranges, symbols and
 * their padding; what is accepted, what is refused and where it points, and
 * that formatting reads back as it was parsed.
 */
#include "../../lib/filter.c"
#include "check.h"

static void test_types(void)
{
	const char *bad = NULL;
	const char *text;

	CHECK(tp_types_check("", &bad) == 0);
	CHECK(tp_types_check("AFECXDUP", &bad) == 0);
	CHECK(tp_types_check(TP_ITCH_TYPE_CHARS, &bad) == 0);
	CHECK(strlen(TP_ITCH_TYPE_CHARS) == 23);
	text = "AFZ";
	CHECK(tp_types_check(text, &bad) == -EINVAL && bad == text + 2);
	text = "AFEA";
	CHECK(tp_types_check(text, &bad) == -EINVAL && bad == text + 3);
	text = "ah";	/* 'h' is Operational Halt; 'a' is nothing */
	CHECK(tp_types_check(text, &bad) == -EINVAL && bad == text);
	CHECK(tp_types_check("h", NULL) == 0);
	CHECK(tp_types_check("A\x01", NULL) == -EINVAL);
}

/* Parses @text and compares with the @nr locates that follow. */
static int locates_are(const char *text, size_t nr, ...)
{
	uint16_t *locates;
	size_t got;
	va_list ap;
	int same;

	if (tp_locates_parse(text, &locates, &got, NULL))
		return 0;
	same = got == nr;
	va_start(ap, nr);
	for (size_t i = 0; same && i < nr; i++)
		same = locates[i] == va_arg(ap, int);
	va_end(ap);
	free(locates);
	return same;
}

/* Refused, with *bad at the item @at characters into @text. */
static int locates_bad(const char *text, size_t at)
{
	uint16_t *locates = (uint16_t *)1;
	const char *bad = NULL;
	size_t nr = 1;

	return tp_locates_parse(text, &locates, &nr, &bad) == -EINVAL &&
	       bad == text + at && !locates && !nr;
}

static void test_locates(void)
{
	uint16_t *locates;
	size_t nr;

	CHECK(locates_are("1,5,7-9", 5, 1, 5, 7, 8, 9));
	CHECK(locates_are("9,7-8,5,1", 5, 1, 5, 7, 8, 9));
	CHECK(locates_are("5-7,6,1-5", 7, 1, 2, 3, 4, 5, 6, 7));
	CHECK(locates_are("3-3", 1, 3));
	CHECK(locates_are("65535", 1, 65535));
	CHECK(locates_are("00012", 1, 12));
	CHECK(locates_are("", 0));

	CHECK(tp_locates_parse("1-65535", &locates, &nr, NULL) == 0);
	CHECK(nr == 65535 && locates[0] == 1 && locates[65534] == 65535);
	free(locates);

	CHECK(locates_bad("0", 0));
	CHECK(locates_bad("1,0-4", 2));
	CHECK(locates_bad("65536", 0));
	CHECK(locates_bad("99999999999999999999", 0));
	CHECK(locates_bad("1,9-7", 2));
	CHECK(locates_bad("1,", 0));
	CHECK(locates_bad(",1", 0));
	CHECK(locates_bad("1,,2", 2));
	CHECK(locates_bad("1-", 0));
	CHECK(locates_bad("-1", 0));
	CHECK(locates_bad("1-2-3", 0));
	CHECK(locates_bad("1, 2", 2));
	CHECK(locates_bad("4,AAPL", 2));
	CHECK(locates_bad("+5", 0));
}

static int formats_as(const char *text, const char *expect)
{
	uint16_t *locates;
	char buf[64];
	size_t nr;
	int len, same;

	if (tp_locates_parse(text, &locates, &nr, NULL))
		return 0;
	len = tp_locates_format(buf, sizeof(buf), locates, nr);
	same = len == (int)strlen(expect) && !strcmp(buf, expect);
	free(locates);
	return same;
}

static void test_locates_format(void)
{
	static const uint16_t unsorted[] = { 9, 8, 7, 1, 2 };
	static const uint16_t top[] = { 65534, 65535 };
	char buf[8];

	CHECK(formats_as("1,5,7-9", "1,5,7-9"));
	CHECK(formats_as("2,1", "1-2"));
	CHECK(formats_as("", ""));
	CHECK(formats_as("1-65535", "1-65535"));
	CHECK(formats_as("10-12,14,16-20,22", "10-12,14,16-20,22"));

	/* As given: only ascending runs are ranges. */
	CHECK(tp_locates_format(buf, sizeof(buf), unsorted, 5) == 9);
	CHECK(!strcmp(buf, "9,8,7,1"));	/* truncated, terminated */
	CHECK(tp_locates_format(NULL, 0, top, 2) == 11);
	CHECK(tp_locates_format(buf, 1, top, 2) == 11 && buf[0] == '\0');
}

static void test_symbol_pad(void)
{
	struct tp_symbol sym;

	CHECK(tp_symbol_pad(&sym, "AAPL", 4) == 0 && !memcmp(sym.name, "AAPL    ", 8));
	CHECK(tp_symbol_len(&sym) == 4);
	CHECK(tp_symbol_pad(&sym, "ABCDEFGH", 8) == 0 && !memcmp(sym.name, "ABCDEFGH", 8));
	CHECK(tp_symbol_len(&sym) == 8);
	CHECK(tp_symbol_pad(&sym, "BRK A", 5) == 0 && !memcmp(sym.name, "BRK A   ", 8));
	CHECK(tp_symbol_len(&sym) == 5);
	CHECK(tp_symbol_pad(&sym, "MSFT,X", 4) == 0 && !memcmp(sym.name, "MSFT    ", 8));

	CHECK(tp_symbol_pad(&sym, "ABCDEFGHI", 9) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, "", 0) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, " AAPL", 5) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, "AAPL ", 5) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, "A,B", 3) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, "A\tB", 3) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, "A\x80", 2) == -EINVAL);
	CHECK(tp_symbol_pad(&sym, "A\x7f", 2) == -EINVAL);

	memset(sym.name, ' ', sizeof(sym.name));
	CHECK(tp_symbol_len(&sym) == 0);
}

static void test_symbols(void)
{
	struct tp_symbol *symbols = (struct tp_symbol *)1;
	const char *bad, *text;
	size_t nr = 1;

	CHECK(tp_symbols_parse("MSFT,AAPL,MSFT,QQQ", &symbols, &nr, &bad) == 0);
	CHECK(nr == 3);
	CHECK(nr == 3 && !memcmp(symbols[0].name, "AAPL    ", 8) &&
	      !memcmp(symbols[1].name, "MSFT    ", 8) &&
	      !memcmp(symbols[2].name, "QQQ     ", 8));
	free(symbols);

	CHECK(tp_symbols_parse("", &symbols, &nr, &bad) == 0 && !nr && !symbols);

	text = "AAPL,,MSFT";
	CHECK(tp_symbols_parse(text, &symbols, &nr, &bad) == -EINVAL);
	CHECK(bad == text + 5 && !symbols && !nr);
	text = "AAPL,";
	CHECK(tp_symbols_parse(text, &symbols, &nr, &bad) == -EINVAL && bad == text + 5);
	text = ",AAPL";
	CHECK(tp_symbols_parse(text, &symbols, &nr, &bad) == -EINVAL && bad == text);
	text = "AAPL,TOOLONGXX";
	CHECK(tp_symbols_parse(text, &symbols, &nr, &bad) == -EINVAL && bad == text + 5);
}

int main(void)
{
	test_types();
	test_locates();
	test_locates_format();
	test_symbol_pad();
	test_symbols();
	return check_done();
}
