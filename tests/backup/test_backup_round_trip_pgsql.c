/* Round trip on PostgreSQL: backup with an exported snapshot imported by
 * 3 connections, restore by verify --restore-into
 * and by the psql client through restore.sh: every table's checksum
 * identical; the store rebuilt byte-identical. */
#include "bkfx.h"

static void round_trip(void **state)
{
	(void)state;
	tl_pg_uri();
	bkfx_server_round_trip(DB_PGSQL, "t_backup_rt", tl_pg_client_args());
}

static void generated_database_and_store(void **state)
{
	(void)state;
	char a[4200], b[4200];
	bkfx_fresh_db(tl_pg_uri(), "t_backup_gen_src");
	bkfx_fresh_db(tl_pg_uri(), "t_backup_gen_rst");
	tl_pg_db_uri("t_backup_gen_src", a, sizeof a);
	tl_pg_db_uri("t_backup_gen_rst", b, sizeof b);
	bkfx_sample_round_trip(a, b, "gen");
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(round_trip), cmocka_unit_test(generated_database_and_store) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
