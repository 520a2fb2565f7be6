/* strbuf: growth, formatting, detach hands ownership over. */
#include "testlib.h"
#include "util/strbuf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grows_and_formats(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	assert_string_equal(sb.buf + sb.len - 4, "999,");
	strbuf_setlen(&sb, 2);
	assert_string_equal(sb.buf, "0,");
	strbuf_release(&sb);
}

static void detach_transfers_ownership(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "a\0b", 3);
	size_t n;
	char *p = strbuf_detach(&sb, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(p, "a\0b", 3);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	free(p);
}

/* strbuf_addf writes into the room there is and formats again only when
 * the text is longer: both paths give what snprintf gives. */
static void formats_past_the_room(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	char want[5000], piece[2100];
	size_t wl = 0;
	for (int i = 0; i < 40; i++) {
		size_t n = (size_t)(i * 53 % 2000);
		memset(piece, 'a' + i % 26, n);
		piece[n] = 0;
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "head:");
		strbuf_addf(&sb, "%s|%d|%.3f", piece, i, i / 8.0);
		wl = (size_t)snprintf(want, sizeof want, "head:%s|%d|%.3f", piece, i, i / 8.0);
		assert_int_equal(sb.len, wl);
		assert_string_equal(sb.buf, want);
	}
	strbuf_release(&sb);
}

static void doubles_in_their_shortest_exact_form(void **state)
{
	(void)state;
	static const struct { double r; const char *text; } cases[] = {
		{ 1.1, "1.1" }, { 1.2, "1.2" }, { 0.1 + 0.2, "0.30000000000000004" }, { 100, "100" },
		{ 1.5, "1.5" }, { -2.25, "-2.25" }, { 2.0 / 3, "0.6666666666666666" }, { 1e300, "1e+300" },
		{ 123456789012345678.0, "1.2345678901234568e+17" }, { 0, "0" }, { 1.5e10, "15000000000" },
		{ 12345.5, "12345.5" }, { 0.00001234, "1.234e-05" }, { -1e16, "-10000000000000000" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_add_double(&sb, cases[i].r);
		assert_string_equal(sb.buf, cases[i].text);
		assert_true(strtod(sb.buf, NULL) == cases[i].r);
		strbuf_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grows_and_formats),
		cmocka_unit_test(detach_transfers_ownership),
		cmocka_unit_test(formats_past_the_room),
		cmocka_unit_test(doubles_in_their_shortest_exact_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
