/* The shared progress bar: exact line format (bar, percentage, amounts,
 * throughput, ETA), unknown totals, bytes, and that it draws with \r and
 * erases itself at the end, only when enabled. */
#include "rtest.h"
#include "report/progress.h"
#include <stdlib.h>
#include <string.h>

static void formats(void **state)
{
	(void)state;
	char b[256];
	lr_progress_format(b, sizeof b, "importing", 250, 1000, LR_PROGRESS_ITEMS, 5.0, 80);
	assert_string_equal(b, "importing  [########...........................]  25%  250/1000  50/s  ETA 0:15");
	lr_progress_format(b, sizeof b, "backup", 1500000000, 3000000000LL, LR_PROGRESS_BYTES, 10.0, 80);
	assert_string_equal(b, "backup  [#############..............]  50%  1.5 GB/3.0 GB  150.0 MB/s  ETA 0:10");
	/* under half a second: no rate, no ETA yet */
	lr_progress_format(b, sizeof b, "plan", 3, 6, LR_PROGRESS_ITEMS, 0.1, 80);
	assert_string_equal(b, "plan  [####################....................]  50%  3/6");
	/* unknown total: a counter and the rate */
	lr_progress_format(b, sizeof b, "rows", 12345, 0, LR_PROGRESS_ITEMS, 2.0, 80);
	assert_string_equal(b, "rows  12345  6172/s");
	/* done: 100%, no ETA */
	lr_progress_format(b, sizeof b, "x", 10, 10, LR_PROGRESS_ITEMS, 1.0, 40);
	assert_string_equal(b, "x  [################] 100%  10/10  10/s");
	/* the bar gets what the text leaves of the width (35 of 80 above, at most 40);
	 * a narrow terminal drops it */
	lr_progress_format(b, sizeof b, "a-very-long-label-for-a-narrow-terminal", 1, 2, LR_PROGRESS_ITEMS, 0, 40);
	assert_string_equal(b, "a-very-long-label-for-a-narrow-terminal  50%  1/2");
}

static void draws_and_erases(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/bar.txt", tl_tmpdir());
	FILE *f = fopen(path, "w+");
	assert_non_null(f);
	assert_null(lr_progress_new(f, 0, "off", 10, LR_PROGRESS_ITEMS));
	lr_progress_add(NULL, 1); /* NULL is a no-op everywhere */
	lr_progress_end(NULL);
	struct lr_progress *p = lr_progress_new(f, 1, "on", 4, LR_PROGRESS_ITEMS);
	assert_non_null(p);
	lr_progress_add(p, 1); /* first draw */
	lr_progress_add(p, 1); /* within 0.1 s: rate-limited, not drawn */
	lr_progress_end(p);
	fclose(f);
	char *s = rt_slurp(path);
	assert_string_equal(s, "\ron  [##########..............................]  25%  1/4\033[K\r\033[K");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(formats), cmocka_unit_test(draws_and_erases) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
