/* Copied rows (src/prune/valrows.c), which prune keeps a batch's keys in
 * and undo a chunk of journaled rows: every value comes back as it was
 * given (kind, number, bytes, NUL after the bytes), whatever the mix of
 * small values and values larger than a block, after clearing and reuse,
 * and the copies do not depend on the caller's buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "prune/valrows.h"

static size_t len_of(int row, int col)
{
	/* mostly short, every 7th row one value of 100 KB (over a block) */
	return row % 7 == 3 && col == 1 ? 100000 + (size_t)row : (size_t)(row * 3 + col) % 40;
}

static void values_come_back_as_given(void **state)
{
	(void)state;
	struct valrows r;
	valrows_init(&r, 3);
	char *buf = malloc(200000);
	for (int round = 0; round < 3; round++) {
		int nrows = 50 + round * 30;
		for (int i = 0; i < nrows; i++) {
			struct db_value row[3];
			row[0] = db_int(i * 1000 + round);
			size_t n = len_of(i, 1);
			memset(buf, 'a' + (i + round) % 26, n);
			row[1] = (struct db_value){ .kind = DB_TEXT, .s = buf, .len = n };
			row[2] = i % 5 ? db_text("fixed") : db_null();
			valrows_add(&r, row);
			memset(buf, '#', n); /* the caller reuses its buffer */
		}
		assert_int_equal(r.nrows, nrows);
		for (int i = 0; i < nrows; i++) {
			const struct db_value *v = &r.v[i * 3];
			assert_int_equal(v[0].kind, DB_INT);
			assert_int_equal(v[0].i, i * 1000 + round);
			size_t n = len_of(i, 1);
			assert_int_equal(v[1].kind, DB_TEXT);
			assert_int_equal(v[1].len, n);
			for (size_t k = 0; k < n; k++)
				if (v[1].s[k] != 'a' + (i + round) % 26)
					fail_msg("row %d round %d: byte %zu changed", i, round, k);
			assert_int_equal(v[1].s[n], 0);
			if (i % 5) {
				assert_int_equal(v[2].kind, DB_TEXT);
				assert_string_equal(v[2].s, "fixed");
			} else {
				assert_int_equal(v[2].kind, DB_NULL);
				assert_null(v[2].s);
			}
		}
		valrows_clear(&r);
		assert_int_equal(r.nrows, 0);
	}
	free(buf);
	valrows_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(values_come_back_as_given) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
