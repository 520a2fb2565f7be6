/* strbuf: growth, formatting, detach hands ownership over. */
#include "testlib.h"
#include "util/strbuf.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grows_and_formats),
		cmocka_unit_test(detach_transfers_ownership),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
