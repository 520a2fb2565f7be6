/* Remote staging on a real 6.2 database with lowercase table names (juyee):
 * site 20608 (/zhxx) becomes the staging side of remote staging (the
 * typeSettings keys Liferay writes), its public pages published on
 * 2024-01-01 and its private pages a day later; site 20731 becomes the live
 * side of another remote staging (remoteStagingGroupCount). A public page
 * edited between the two dates is unpublished; a private one is not. */
#include "staging_scenario.h"

#define FX "lr62-mysql-juyee.sql.xz"
#define REMOTE 20608
#define LIVE_SIDE 20731
#define DAY_MS 86400000LL

static void plant(struct db *db)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT typeSettings FROM %s WHERE groupId = %d",
		 db_table_name(db, "Group_"), REMOTE);
	struct db_cursor *c;
	struct lr_err err = LR_ERR_INIT;
	if (db_query(db, sql, NULL, 0, &c, &err) < 0 || db_next(c, &err) != 1)
		fail_msg("%s", err.msg);
	char ts[2048];
	snprintf(ts, sizeof ts,
		 "%sstaged=true\nstagedRemotely=true\nremoteAddress=live.example.com\nremotePort=8080\n"
		 "remotePathContext=/portal\nsecureConnection=false\nremoteGroupId=20195\n"
		 "branchingPublic=false\nbranchingPrivate=false\nstaged-portlet_15=true\n",
		 db_get_text(c, 0));
	db_cursor_close(c);
	struct db_value p[2] = { db_text(ts), db_int(REMOTE) };
	ta_sql(db, "UPDATE {Group_} SET typeSettings = ? WHERE groupId = ?", p, 2);
	char s0[64], s1[64];
	snprintf(s0, sizeof s0, "last-publish-date=%lld\n", T_PUB_MS);
	snprintf(s1, sizeof s1, "last-publish-date=%lld\n", T_PUB_MS + DAY_MS);
	struct db_value l0[2] = { db_text(s0), db_int(REMOTE) }, l1[2] = { db_text(s1), db_int(REMOTE) };
	ta_sql(db, "UPDATE {LayoutSet} SET settings_ = ? WHERE groupId = ? AND privateLayout = 0", l0, 2);
	ta_sql(db, "UPDATE {LayoutSet} SET settings_ = ? WHERE groupId = ? AND privateLayout = 1", l1, 2);
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-01-01 12:00:00', userName = '李雷' "
		   "WHERE plid = 20615", NULL, 0);
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-01-01 12:00:00' WHERE plid = 20621", NULL, 0);
	ta_sql(db, "UPDATE {Group_} SET remoteStagingGroupCount = 1 WHERE groupId = 20731", NULL, 0);
}

static void check(struct db *db)
{
	struct lr_version v;
	ta_version(db, &v);
	struct lr_staging st;
	struct lr_err err = LR_ERR_INIT;
	if (lr_staging_analyze(db, &v, &st, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(st.nsites, 2);
	struct lr_stg_site *s = site_of(&st, REMOTE);
	assert_int_equal(s->kind, LR_STG_REMOTE);
	assert_string_equal(s->name, "综合信息服务系统");
	assert_int_equal(s->source_group_id, REMOTE);
	assert_int_equal(s->staging_group_id, 0);
	assert_string_equal(s->remote_address, "live.example.com");
	assert_int_equal(s->remote_port, 8080);
	assert_string_equal(s->remote_path_context, "/portal");
	assert_int_equal(s->secure_connection, 0);
	assert_int_equal(s->remote_group_id, 20195);
	assert_int_equal(s->last_publish[0], T_PUB_MS);
	assert_int_equal(s->last_publish[1], T_PUB_MS + DAY_MS);
	static const struct want_change w[] = {
		{ "page", "登录", "李雷", "2024-01-01 12:00:00", "modified after the last publish" },
	};
	expect_changes(s, w, 1);
	s = site_of(&st, LIVE_SIDE);
	assert_int_equal(s->kind, LR_STG_REMOTE_LIVE);
	assert_int_equal(s->remote_staging_count, 1);
	assert_string_equal(s->name, "工程项目管理系统");
	assert_int_equal(s->nch, 0);
	assert_int_equal(st.unpublished, 1);
	lr_staging_free(&st);
}

static void on_mariadb(void **state)
{
	(void)state;
	char uri[512];
	struct db *db = tl_open(ta_scratch_mariadb(FX, "stgremote", uri, sizeof uri));
	plant(db);
	check(db);
	db_close(db);
}

static void on_sqlite(void **state)
{
	(void)state;
	struct db *db = tl_open(ta_fixture_copy(FX, "stgremote"));
	plant(db);
	check(db);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(on_mariadb),
		cmocka_unit_test(on_sqlite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
