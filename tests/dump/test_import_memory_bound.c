/* Import streams: peak memory does not grow with the dump. A fixture is
 * scaled 10x and 30x (tools/scale-dump: rows repeated with renumbered
 * keys) and both are imported; the peak RSS of lrprep stays under a fixed
 * bound, and the big one needs no more than a few MB over the small one.
 * argv[1]: the scale-dump program. */
#include "dumptest.h"
#include <stdlib.h>
#include <sys/resource.h>

static const char *scale_dump;

static long import_rss_kb(int copies, int64_t *rows)
{
	char dump[4300], out[4300], cmd[16384];
	snprintf(dump, sizeof dump, "%s/big%d.sql", tl_tmpdir(), copies);
	snprintf(out, sizeof out, "%s/big%d.db", tl_tmpdir(), copies);
	snprintf(cmd, sizeof cmd, "xz -dc '%s' | '%s' %d > '%s'", tl_fixture("lr62-mysql-openunderwriter.sql.xz"),
		 scale_dump, copies, dump);
	assert_int_equal(system(cmd), 0);
	struct strbuf so = STRBUF_INIT;
	assert_int_equal(tl_run(&so, NULL, "import", dump, "-o", out, "-q", "--json", NULL), 0);
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	struct db *db = tl_open(out);
	*rows = tl_int(db, "SELECT COUNT(*) FROM DLFileVersion");
	db_close(db);
	remove(dump);
	remove(out);
	strbuf_release(&so);
	return ru.ru_maxrss; /* largest child so far, in KB */
}

static void peak_memory_does_not_grow_with_the_dump(void **state)
{
	(void)state;
	/* sanitizer builds: keep ASan's free-memory quarantine small so it
	 * does not pose as growth */
	const char *asan = getenv("ASAN_OPTIONS");
	char opts[1024];
	snprintf(opts, sizeof opts, "%s%squarantine_size_mb=4", asan ? asan : "", asan ? ":" : "");
	setenv("ASAN_OPTIONS", opts, 1);
	int64_t rows_small, rows_big;
	long small = import_rss_kb(10, &rows_small);
	long big = import_rss_kb(30, &rows_big);
	/* the renumbered copies are all there: 472 versions per copy */
	assert_int_equal(rows_small, 10 * 472);
	assert_int_equal(rows_big, 30 * 472);
	fprintf(stderr, "peak RSS: 10 copies %ld KB, 30 copies (about 125 MB of SQL) %ld KB\n", small, big);
	/* SQLite's page cache is capped at 64 MB; the reader holds one row */
	assert_in_range(big, 1, 200 * 1024);
	assert_in_range(big - small, 0, 16 * 1024);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s SCALE-DUMP\n", argv[0]);
		return 2;
	}
	scale_dump = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(peak_memory_does_not_grow_with_the_dump),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
