/* On generated databases in PostgreSQL (6.2 and 7.1): prune the full plan;
 * every orphan check then reports zero; the surviving rows are the original
 * rows minus exactly the reported ones, unchanged; undo brings every
 * per-table checksum and every store file back. */
#include "prunetest2.h"
#include <stdio.h>

static void roundtrip(const char *version, const char *seed, const char *layout)
{
	char name[64], uri[600];
	snprintf(name, sizeof name, "t_prunetests_pg%c%c_%s", version[0], version[2], seed);
	tl_pg_uri();
	pt2_pg_recreate(name);
	tl_pg_db_uri(name, uri, sizeof uri);
	pt2_roundtrip(uri, name, version, seed, layout);
	pt2_pg_drop(name);
}

static void v62_seed1_fs(void **s) { (void)s; roundtrip("6.2", "1", "fs"); }
static void v71_seed3_advanced(void **s) { (void)s; roundtrip("7.1", "3", "advanced"); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(v62_seed1_fs),
		cmocka_unit_test(v71_seed3_advanced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
