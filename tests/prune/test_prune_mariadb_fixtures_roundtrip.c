/* On every real MySQL fixture loaded in MariaDB: a plan with the default
 * rules, prune, every orphan check at zero, undo, every per-table checksum
 * back to the original. Works on a scratch copy of each fixture database. */
#include "prunetest.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *fixtures[] = {
	"lr61-mysql-openquote.sql.xz", "lr61-mysql-viking.sql.xz", "lr62-mysql-openunderwriter.sql.xz",
	"lr62-mysql-openncp.sql.xz", "lr62ee-mysql-migratetools.sql.xz", "lr62-mysql-juyee.sql.xz",
	"lr71-mysql-formsdemo.sql.xz",
};

/* Copy database src to dst on the test server (mariadb-dump | mariadb). */
static void copy_db(const char *src, const char *dst)
{
	const char *sock = getenv("LRPREP_TEST_MYSQL_SOCKET");
	if (!sock)
		tl_unavailable("LRPREP_TEST_MYSQL_SOCKET");
	pt_sh("mariadb --socket='%s' -uroot -e 'DROP DATABASE IF EXISTS `%s`; CREATE DATABASE `%s`' && "
	      "mariadb-dump --socket='%s' -uroot --max-allowed-packet=256M '%s' | "
	      "mariadb --socket='%s' -uroot --max-allowed-packet=256M '%s'",
	      sock, dst, dst, sock, src, sock, dst);
}

static void roundtrip(const char *fixture)
{
	char src[128], dst[160], uri[600], plan[4400], jdir[4400];
	tl_fixture(fixture);
	tl_fixture_dbname(fixture, src, sizeof src);
	snprintf(dst, sizeof dst, "t_prune_%s", src + 3);
	copy_db(src, dst);
	tl_mysql_db_uri(dst, uri, sizeof uri);
	snprintf(plan, sizeof plan, "%.3000s/%s.plan.json", tl_tmpdir(), dst);
	snprintf(jdir, sizeof jdir, "%.3000s/%s.journal", tl_tmpdir(), dst);

	struct db *d = tl_open(uri);
	json_t *before = pt_checksums(d);
	db_close(d);

	pt_run(0, 0, "plan", uri, "-o", plan, NULL);
	json_t *res = pt_run(0, 1, "prune", uri, "--plan", plan, "--journal", jdir, "--json", NULL);
	json_decref(res);
	json_t *after_prune = pt_run(0, 1, "inspect", uri, "--json", "--skip", "unused", "--skip", "blocker", NULL);
	assert_int_equal(pt_orphans(after_prune), 0);
	json_decref(after_prune);

	pt_run(0, 0, "undo", uri, "--journal", jdir, NULL);
	d = tl_open(uri);
	json_t *after = pt_checksums(d);
	db_close(d);
	if (!json_equal(before, after)) {
		const char *k;
		json_t *v;
		json_object_foreach(before, k, v)
			if (!json_equal(v, json_object_get(after, k)))
				fail_msg("%s: %s differs after undo: %s vs %s", fixture, k, json_string_value(v),
					 json_string_value(json_object_get(after, k)));
		fail_msg("%s: table sets differ after undo", fixture);
	}
	json_decref(before);
	json_decref(after);
}

static void each_fixture(void **state)
{
	(void)state;
	tl_mysql_uri();
	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
		roundtrip(fixtures[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
