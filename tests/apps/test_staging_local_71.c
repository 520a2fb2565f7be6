/* Local staging on the real 7.1 database (formsdemo): the Guest site (group
 * 20126) gets a staging group published on 2024-01-01, every copied row
 * carrying lastPublishDate. Then a page changes after the publish, an article
 * has no lastPublishDate, a document changed after its own lastPublishDate, a
 * document is deleted and a publication is still running. A blog entry
 * (portlet not staged) changes too and must not count. */
#include "staging_scenario.h"

#define FX "lr71-mysql-formsdemo.sql.xz"
#define LIVE 20126
#define STG 90101
#define OFF "+ 1000000"
#define P7 "staged-portlet_com_liferay_"

static void plant(struct db *db)
{
	stage_locally(db, LIVE, STG,
		      "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" "
		      "default-locale=\"en_US\"><Name language-id=\"en_US\">Guest (Staging)</Name></root>",
		      "/guest-staging",
		      P7 "journal_web_portlet_JournalPortlet=true\n"
		      P7 "document_library_web_portlet_DLAdminPortlet=true\n"
		      P7 "blogs_web_portlet_BlogsAdminPortlet=false\n",
		      T_PUB_MS, "2024-01-01 00:00:02");
	struct db_value g = db_int(STG), old = db_text("2023-12-31 12:00:00"),
			pub = db_text("2024-01-01 00:00:00");
	struct ta_set lay[] = { { "plid", "plid " OFF, { 0 } }, { "groupId", NULL, g },
				{ "modifiedDate", NULL, old }, { "lastPublishDate", NULL, pub } };
	assert_int_equal(ta_copy_rows(db, "Layout", "groupId", LIVE, lay, 4), 5);
	struct ta_set ja[] = { { "id_", "id_ " OFF, { 0 } }, { "resourcePrimKey", "resourcePrimKey " OFF, { 0 } },
			       { "groupId", NULL, g }, { "modifiedDate", NULL, old },
			       { "lastPublishDate", NULL, pub } };
	assert_int_equal(ta_copy_rows(db, "JournalArticle", "groupId", LIVE, ja, 5), 8);
	struct ta_set fe[] = { { "fileEntryId", "fileEntryId " OFF, { 0 } }, { "groupId", NULL, g },
			       { "modifiedDate", NULL, old }, { "lastPublishDate", NULL, pub } };
	assert_int_equal(ta_copy_rows(db, "DLFileEntry", "groupId", LIVE, fe, 4), 25);

	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-02-01 10:00:00', userName = 'Jane Editor' "
		   "WHERE plid = 1020178", NULL, 0);
	ta_sql(db, "UPDATE {JournalArticle} SET lastPublishDate = NULL WHERE id_ = 1038206", NULL, 0);
	ta_sql(db, "UPDATE {DLFileEntry} SET lastPublishDate = '2023-06-01 00:00:00', "
		   "modifiedDate = '2023-07-01 00:00:00', userName = 'Dan Docs' WHERE fileEntryId = 1036254",
	       NULL, 0);
	ta_sql(db, "UPDATE {BlogsEntry} SET groupId = 90101, modifiedDate = '2024-03-01 00:00:00'", NULL, 0);
	struct db_value e[2] = { db_int(900101), db_int(STG) };
	ta_sql(db, "INSERT INTO {SystemEvent} (mvccVersion, systemEventId, groupId, companyId, userId, "
		   "userName, createDate, classNameId, classPK, classUuid, referrerClassNameId, "
		   "parentSystemEventId, systemEventSetKey, type_, extraData) VALUES (0, ?, ?, 20099, 20139, "
		   "'Bob Deleter', '2024-02-04 09:00:00', (SELECT classNameId FROM {ClassName_} WHERE value = "
		   "'com.liferay.document.library.kernel.model.DLFileEntry'), 555, 'u-555', 0, 0, 0, 1, '')",
	       e, 2);
	struct db_value b[2] = { db_int(800101), db_int(LIVE) };
	ta_sql(db, "INSERT INTO {BackgroundTask} (mvccVersion, backgroundTaskId, companyId, groupId, userId, "
		   "userName, createDate, modifiedDate, name, servletContextNames, taskExecutorClassName, "
		   "completed, status, statusMessage) VALUES (0, ?, 20099, ?, 20139, 'Victor Oliveira', "
		   "'2024-02-05 08:00:00', '2024-02-05 08:00:00', 'publish', '', "
		   "'com.liferay.exportimport.internal.background.task.LayoutStagingBackgroundTaskExecutor', "
		   "0, 1, '')", b, 2);
}

static void check(struct db *db)
{
	struct lr_version v;
	ta_version(db, &v);
	struct lr_staging st;
	struct lr_err err = LR_ERR_INIT;
	if (lr_staging_analyze(db, &v, &st, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(st.is7, 1);
	assert_int_equal(st.nsites, 1);
	struct lr_stg_site *s = site_of(&st, LIVE);
	assert_int_equal(s->kind, LR_STG_LOCAL);
	assert_int_equal(s->staging_group_id, STG);
	assert_string_equal(s->name, "Guest");
	assert_int_equal(s->nportlets, 2);
	static const struct want_change w[] = {
		{ "page", "Search", "Jane Editor", "2024-02-01 10:00:00", "modified after the last publish" },
		{ "web content", "tutorial", "Victor Oliveira", "2023-12-31 12:00:00",
		  "never published (lastPublishDate empty)" },
		{ "document", "PHOTO3866545671189281865.jpg", "Dan Docs", "2023-07-01 00:00:00",
		  "modified after its lastPublishDate" },
		{ "document", "DLFileEntry 555", "Bob Deleter", "2024-02-04 09:00:00",
		  "deleted after the last publish" },
	};
	expect_changes(s, w, 4);
	assert_int_equal(s->ntasks, 1);
	assert_int_equal(s->tasks[0].id, 800101);
	assert_int_equal(s->tasks[0].status, 1);
	assert_int_equal(st.tasks_pending, 1);
	assert_int_equal(st.tasks_failed, 0);
	assert_int_equal(st.unpublished, 4);
	lr_staging_free(&st);
}

static void on_mariadb(void **state)
{
	(void)state;
	char uri[512];
	struct db *db = tl_open(ta_scratch_mariadb(FX, "stg71", uri, sizeof uri));
	plant(db);
	check(db);
	db_close(db);
}

static void on_sqlite(void **state)
{
	(void)state;
	struct db *db = tl_open(ta_fixture_copy(FX, "stg71"));
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
