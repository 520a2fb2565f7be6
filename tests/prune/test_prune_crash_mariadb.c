/* kill -9 at 20 seeded points during a prune of a MariaDB sample, then undo:
 * every run ends with the original checksums and store files. The scratch
 * database is recreated from a pristine copy before each run. */
#include "prunetest2.h"
#include <stdio.h>

#define PRISTINE "t_prunetests_crash_orig"
#define SCRATCH "t_prunetests_crash"

static void restore(void *ctx)
{
	(void)ctx;
	pt2_mysql_clone(PRISTINE, SCRATCH);
}

static void crash_20_points(void **s)
{
	(void)s;
	char uri[600], store[4400];
	tl_mysql_uri();
	pt2_mysql_recreate(PRISTINE);
	tl_mysql_db_uri(PRISTINE, uri, sizeof uri);
	snprintf(store, sizeof store, "%.4000s/crash.store", tl_tmpdir());
	pt_run(0, 0, "sample", "--into", uri, "--liferay", "6.2", "--seed", "5", "--store", store, "--force", NULL);
	tl_mysql_db_uri(SCRATCH, uri, sizeof uri);
	pt2_crash_test(uri, store, restore, NULL, 20);
	pt2_mysql_drop(SCRATCH);
	pt2_mysql_drop(PRISTINE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crash_20_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
