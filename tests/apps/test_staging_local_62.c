/* Local staging on a real 6.2 database (openunderwriter): the site OpenQuote
 * (group 22705, /oq) gets a staging group, published on 2024-01-01; then a
 * page, an article and a document change, an article is deleted and a
 * publication fails. Exactly those are reported; what happened before the
 * publish, in the live group, or in an unstaged portlet is not. A second site
 * (OpenActuary, 22701) is staged but never published: everything counts.
 * Runs on a scratch MariaDB copy and on an SQLite copy. */
#include "staging_scenario.h"

#define FX "lr62-mysql-openunderwriter.sql.xz"
#define OQ 22705
#define OQ_STG 90001
#define OA 22701
#define OA_STG 90002
#define OFF "+ 1000000"

static void copy_content(struct db *db, int64_t live, int64_t stg)
{
	struct db_value g = db_int(stg), old = db_text("2023-12-31 12:00:00");
	struct ta_set lay[] = { { "plid", "plid " OFF, { 0 } }, { "groupId", NULL, g },
				{ "modifiedDate", NULL, old } };
	ta_copy_rows(db, "Layout", "groupId", live, lay, 3);
	struct ta_set ja[] = { { "id_", "id_ " OFF, { 0 } }, { "resourcePrimKey", "resourcePrimKey " OFF, { 0 } },
			       { "groupId", NULL, g }, { "modifiedDate", NULL, old } };
	ta_copy_rows(db, "JournalArticle", "groupId", live, ja, 4);
	struct ta_set fe[] = { { "fileEntryId", "fileEntryId " OFF, { 0 } }, { "groupId", NULL, g },
			       { "modifiedDate", NULL, old } };
	ta_copy_rows(db, "DLFileEntry", "groupId", live, fe, 3);
	struct ta_set fv[] = { { "fileVersionId", "fileVersionId " OFF, { 0 } },
			       { "fileEntryId", "fileEntryId " OFF, { 0 } }, { "groupId", NULL, g },
			       { "modifiedDate", NULL, old } };
	ta_copy_rows(db, "DLFileVersion", "groupId", live, fv, 4);
}

static void plant(struct db *db)
{
	stage_locally(db, OQ, OQ_STG, "OpenQuote (Staging)", "/oq-staging",
		      "staged-portlet_15=true\nstaged-portlet_20=true\nstaged-portlet_33=false\n",
		      T_PUB_MS, "2024-01-01 00:00:02"); /* stamped by the publish itself */
	copy_content(db, OQ, OQ_STG);
	/* after the publish: a page, an article, a document */
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-02-01 10:00:00', userName = 'Jane Editor' "
		   "WHERE plid = 1025245", NULL, 0);
	ta_sql(db, "UPDATE {JournalArticle} SET modifiedDate = '2024-02-02 11:00:00', "
		   "statusByUserName = 'Ann Writer' WHERE id_ = 1040805", NULL, 0);
	ta_sql(db, "UPDATE {DLFileEntry} SET modifiedDate = '2024-02-03 12:00:00', userName = 'Dan Docs' "
		   "WHERE fileEntryId = 1023194", NULL, 0);
	/* not staged content: the live site's own page, changed after the publish */
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-03-01 00:00:00' WHERE plid = 25245", NULL, 0);
	/* deletions: one after the publish (reported), one before, one non-delete event */
	static const char *se = "INSERT INTO {SystemEvent} (systemEventId, groupId, companyId, userId, "
				"userName, createDate, classNameId, classPK, classUuid, referrerClassNameId, "
				"parentSystemEventId, systemEventSetKey, type_, extraData) VALUES (?, ?, 10157, "
				"10196, ?, ?, (SELECT classNameId FROM {ClassName_} WHERE value = "
				"'com.liferay.portlet.journal.model.JournalArticle'), 777, 'u-777', 0, 0, 0, ?, '')";
	struct db_value e1[5] = { db_int(900001), db_int(OQ_STG), db_text("Bob Deleter"),
				  db_text("2024-02-04 09:00:00"), db_int(1) };
	struct db_value e2[5] = { db_int(900002), db_int(OQ_STG), db_text("Old Deleter"),
				  db_text("2023-12-01 09:00:00"), db_int(1) };
	struct db_value e3[5] = { db_int(900003), db_int(OQ_STG), db_text("Not A Delete"),
				  db_text("2024-02-04 10:00:00"), db_int(0) };
	ta_sql(db, se, e1, 5);
	ta_sql(db, se, e2, 5);
	ta_sql(db, se, e3, 5);
	/* publications: an old failure superseded by a success, then a new failure */
	static const char *bt = "INSERT INTO {BackgroundTask} (backgroundTaskId, companyId, groupId, userId, "
				"userName, createDate, modifiedDate, name, servletContextNames, "
				"taskExecutorClassName, completed, completionDate, status, statusMessage) "
				"VALUES (?, 10157, ?, 10196, 'Adam OpenUnderwriter', ?, ?, 'publish', '', "
				"'com.liferay.portal.lar.backgroundtask.LayoutStagingBackgroundTaskExecutor', 1, ?, ?, ?)";
	struct db_value b1[7] = { db_int(800001), db_int(OQ_STG), db_text("2023-11-01 10:00:00"),
				  db_text("2023-11-01 10:00:00"), db_text("2023-11-01 10:05:00"), db_int(2),
				  db_text("old failure") };
	struct db_value b2[7] = { db_int(800002), db_int(OQ_STG), db_text("2023-12-31 23:59:00"),
				  db_text("2023-12-31 23:59:00"), db_text("2024-01-01 00:00:01"), db_int(3),
				  db_text("") };
	struct db_value b3[7] = { db_int(800003), db_int(OQ_STG), db_text("2024-02-05 08:00:00"),
				  db_text("2024-02-05 08:00:00"), db_text("2024-02-05 08:01:00"), db_int(2),
				  db_text("com.liferay.portal.kernel.lar.PortletDataException") };
	ta_sql(db, bt, b1, 7);
	ta_sql(db, bt, b2, 7);
	ta_sql(db, bt, b3, 7);

	/* second site: staged, content in the staging group, never published */
	stage_locally(db, OA, OA_STG, "OpenActuary (Staging)", "/oa-staging",
		      "staged-portlet_15=true\nstaged-portlet_20=false\n", -1, "2023-06-01 00:00:00");
	struct db_value g = db_int(OA_STG), old = db_text("2023-06-02 00:00:00");
	struct ta_set lay[] = { { "plid", "plid " OFF, { 0 } }, { "groupId", NULL, g },
				{ "modifiedDate", NULL, old }, { "userName", NULL, db_text("Olga") } };
	assert_int_equal(ta_copy_rows(db, "Layout", "groupId", OA, lay, 4), 8);
	struct ta_set ja[] = { { "id_", "id_ " OFF, { 0 } }, { "resourcePrimKey", "resourcePrimKey " OFF, { 0 } },
			       { "groupId", NULL, g }, { "modifiedDate", NULL, old },
			       { "statusByUserName", NULL, db_text("Olga") } };
	assert_int_equal(ta_copy_rows(db, "JournalArticle", "groupId", OA, ja, 5), 2);
}

static void check(struct db *db)
{
	struct lr_version v;
	ta_version(db, &v);
	struct lr_staging st;
	struct lr_err err = LR_ERR_INIT;
	if (lr_staging_analyze(db, &v, &st, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(st.is7, 0);
	assert_int_equal(st.nsites, 2);

	struct lr_stg_site *s = site_of(&st, OQ);
	assert_int_equal(s->kind, LR_STG_LOCAL);
	assert_int_equal(s->staging_group_id, OQ_STG);
	assert_int_equal(s->source_group_id, OQ_STG);
	assert_string_equal(s->name, "OpenQuote");
	assert_string_equal(s->friendly_url, "/oq");
	assert_int_equal(s->last_publish[0], T_PUB_MS);
	assert_int_equal(s->last_publish[1], T_PUB_MS);
	assert_int_equal(s->never_published, 0);
	assert_int_equal(s->nportlets, 2);
	static const struct want_change w[] = {
		{ "page", "Dashboard", "Jane Editor", "2024-02-01 10:00:00", "modified after the last publish" },
		{ "web content", "Welcome", "Ann Writer", "2024-02-02 11:00:00", "modified after the last publish" },
		{ "document", "OpenQuote User Guide.pdf", "Dan Docs", "2024-02-03 12:00:00",
		  "modified after the last publish" },
		{ "web content", "JournalArticle 777", "Bob Deleter", "2024-02-04 09:00:00",
		  "deleted after the last publish" },
	};
	expect_changes(s, w, 4);
	assert_int_equal(s->ch[3].deleted, 1);
	assert_int_equal(s->ch[0].private_layout, 0);
	assert_int_equal(s->ntasks, 1);
	assert_int_equal(s->tasks[0].id, 800003);
	assert_int_equal(s->tasks[0].status, 2);
	assert_string_equal(s->tasks[0].message, "com.liferay.portal.kernel.lar.PortletDataException");

	s = site_of(&st, OA);
	assert_int_equal(s->never_published, 1);
	assert_int_equal(s->last_publish[0], -1);
	assert_int_equal(s->nch, 12); /* 8 pages, its 2 layout sets, 2 articles */
	int pages = 0, sets = 0, articles = 0;
	for (int i = 0; i < s->nch; i++) {
		assert_string_equal(s->ch[i].why, "never published");
		pages += !strcmp(s->ch[i].type, "page");
		sets += !strcmp(s->ch[i].type, "layout set");
		articles += !strcmp(s->ch[i].type, "web content");
	}
	assert_int_equal(pages, 8);
	assert_int_equal(sets, 2);
	assert_int_equal(articles, 2);
	assert_int_equal(s->ntasks, 0);
	assert_int_equal(st.unpublished, 16);
	assert_int_equal(st.tasks_failed, 1);
	assert_int_equal(st.tasks_pending, 0);
	lr_staging_free(&st);
}

static void on_mariadb(void **state)
{
	(void)state;
	char uri[512];
	struct db *db = tl_open(ta_scratch_mariadb(FX, "stg62", uri, sizeof uri));
	plant(db);
	check(db);
	db_close(db);
}

static void on_sqlite(void **state)
{
	(void)state;
	struct db *db = tl_open(ta_fixture_copy(FX, "stg62"));
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
