/* kill -9 at 20 seeded points during a prune of a SQLite sample, then undo:
 * every run ends with the original checksums and store files. */
#include "prunetest2.h"
#include <stdio.h>

struct paths {
	char db[4400], orig[4400];
};

static void restore(void *ctx)
{
	struct paths *p = ctx;
	pt_sh("rm -f '%s' '%s-journal' '%s-wal' '%s-shm' && cp '%s' '%s'", p->db, p->db, p->db, p->db, p->orig, p->db);
}

static void crash_20_points(void **s)
{
	(void)s;
	struct paths p;
	char store[4400];
	snprintf(p.db, sizeof p.db, "%.4000s/crash.db", tl_tmpdir());
	snprintf(p.orig, sizeof p.orig, "%.4000s/crash.db.orig", tl_tmpdir());
	snprintf(store, sizeof store, "%.4000s/crash.store", tl_tmpdir());
	pt_run(0, 0, "sample", "-o", p.db, "--liferay", "7.1", "--seed", "5", "--store", store, "--force", NULL);
	pt_sh("cp '%s' '%s'", p.db, p.orig);
	pt2_crash_test(p.db, store, restore, &p, 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(crash_20_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
