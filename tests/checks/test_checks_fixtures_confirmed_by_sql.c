/* On every real fixture, the counts of several checks equal what an
 * independent, hand-written SQL query computes with the same rule (MariaDB
 * fx_* databases; table spelling per fixture, written @Table@ below). */
#include "testlib.h"
#include "checks_testlib.h"
#include <stdio.h>
#include <string.h>

static struct db *db;

/* Replace @Name@ by the fixture's spelling of table Name. */
static int64_t hand(const char *tmpl)
{
	struct strbuf sql = STRBUF_INIT;
	for (const char *p = tmpl; *p; p++) {
		const char *e;
		if (*p == '@' && (e = strchr(p + 1, '@'))) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(e - p - 1), p + 1);
			const char *real = db_table_name(db, name);
			if (!real)
				fail_msg("table %s missing", name);
			strbuf_addf(&sql, "`%s`", real);
			p = e;
		} else {
			strbuf_addch(&sql, *p);
		}
	}
	int64_t n = tl_int(db, strbuf_str(&sql));
	strbuf_release(&sql);
	return n;
}

static int has(const char *t) { return db_table_name(db, t) != NULL; }

/* Latest approved version of each entry kept, the entry's version, the PWC and
 * every non-approved version kept: the rest is intermediate. */
static int64_t doc_versions(void)
{
	return hand("SELECT COUNT(*) FROM @DLFileVersion@ v"
		    " JOIN @DLFileEntry@ e ON e.fileEntryId = v.fileEntryId"
		    " JOIN (SELECT fileEntryId, MAX(fileVersionId) AS latest FROM @DLFileVersion@"
		    "       WHERE status = 0 GROUP BY fileEntryId) la ON la.fileEntryId = v.fileEntryId"
		    " WHERE v.status = 0 AND v.version <> 'PWC' AND v.version <> e.version"
		    " AND v.fileVersionId < la.latest");
}

/* Administrators: listed only while another active administrator of the
 * company remains; if none logged in within the period, the one seen last
 * stays. Written with a ranking instead of the checks' NOT EXISTS chain. */
static int64_t inactive_users(void)
{
	return hand("SELECT COUNT(*) FROM @User_@ u WHERE u.defaultUser = 0"
		    " AND (u.status = 5 OR COALESCE(u.lastLoginDate, u.createDate)"
		    "      < UTC_TIMESTAMP() - INTERVAL 365 DAY)"
		    " AND u.userId NOT IN (SELECT a.userId FROM (SELECT x.userId, x.companyId,"
		    "     COUNT(*) OVER (PARTITION BY x.companyId) AS nactive,"
		    "     ROW_NUMBER() OVER (PARTITION BY x.companyId ORDER BY"
		    "       COALESCE(x.lastLoginDate, x.createDate) DESC, x.userId) AS rn,"
		    "     SUM(x.lastLoginDate >= UTC_TIMESTAMP() - INTERVAL 365 DAY)"
		    "       OVER (PARTITION BY x.companyId) AS nrecent"
		    "   FROM @User_@ x JOIN @Users_Roles@ ur ON ur.userId = x.userId"
		    "   JOIN @Role_@ r ON r.roleId = ur.roleId AND r.name = 'Administrator'"
		    "   WHERE x.status = 0) a WHERE a.rn = 1 AND COALESCE(a.nrecent, 0) = 0)"
		    /* an inactive (status 5) administrator with no active one left */
		    " AND NOT (u.userId IN (SELECT ur.userId FROM @Users_Roles@ ur JOIN @Role_@ r"
		    "     ON r.roleId = ur.roleId WHERE r.name = 'Administrator')"
		    "   AND NOT EXISTS (SELECT 1 FROM @User_@ o JOIN @Users_Roles@ ur ON ur.userId = o.userId"
		    "     JOIN @Role_@ r ON r.roleId = ur.roleId AND r.name = 'Administrator'"
		    "     WHERE o.companyId = u.companyId AND o.status = 0 AND o.userId <> u.userId))");
}

/* companyId sweep written from information_schema, table by table. */
static int64_t companyid_orphans(void)
{
	struct lr_err err = LR_ERR_INIT;
	struct db_cursor *c;
	int64_t total = 0;
	char **tables = NULL;
	int n = 0;
	if (db_query(db, "SELECT table_name FROM information_schema.columns WHERE"
		     " table_schema = DATABASE() AND LOWER(column_name) = 'companyid'"
		     " AND data_type IN ('bigint', 'int') AND LOWER(table_name) NOT IN"
		     " ('company', 'audit_auditevent', 'cyrususer', 'cyrusvirtual', 'systemevent')",
		     NULL, 0, &c, &err) < 0)
		fail_msg("%s", err.msg);
	while (db_next(c, &err) > 0) {
		tables = realloc(tables, (size_t)(n + 1) * sizeof *tables);
		tables[n++] = strdup(db_get_text(c, 0));
	}
	db_cursor_close(c);
	for (int i = 0; i < n; i++) {
		char sql[512];
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM `%s` t LEFT JOIN @Company@ c"
			 " ON c.companyId = t.companyId WHERE t.companyId <> 0 AND c.companyId IS NULL",
			 tables[i]);
		total += hand(sql);
		free(tables[i]);
	}
	free(tables);
	return total;
}

static int64_t too_old(void)
{
	return hand("SELECT COUNT(*) FROM @Release_@ WHERE servletContextName = 'portal'"
		    " AND buildNumber < 6200");
}

/* AssetEntry rows whose entity is gone, class by class, with the traps:
 * articles by resourcePrimKey or id_, documents by fileEntryId or fileVersionId. */
static int64_t asset_orphans(void)
{
	struct strbuf q = STRBUF_INIT;
	static const struct { const char *cls, *table, *col, *alt_table, *alt_col; } r[] = {
		{ ".journal.model.JournalArticle", "JournalArticle", "resourcePrimKey", "JournalArticle", "id_" },
		{ ".model.DLFileEntry", "DLFileEntry", "fileEntryId", "DLFileVersion", "fileVersionId" },
		{ ".model.DLFolder", "DLFolder", "folderId", NULL, NULL },
		{ ".journal.model.JournalFolder", "JournalFolder", "folderId", NULL, NULL },
		{ ".model.Layout", "Layout", "plid", NULL, NULL },
		{ ".model.User", "User_", "userId", NULL, NULL },
		{ ".model.Group", "Group_", "groupId", NULL, NULL },
		{ ".model.Organization", "Organization_", "organizationId", NULL, NULL },
		{ ".model.BlogsEntry", "BlogsEntry", "entryId", NULL, NULL },
		{ ".model.MBMessage", "MBMessage", "messageId", NULL, NULL },
		{ ".model.WikiPage", "WikiPage", "resourcePrimKey", NULL, NULL },
		{ ".model.DDLRecord", "DDLRecord", "recordId", "DDLRecordVersion", "recordVersionId" },
	};
	strbuf_addstr(&q, "SELECT COUNT(*) FROM @AssetEntry@ e JOIN @ClassName_@ cn"
		      " ON cn.classNameId = e.classNameId WHERE 1 = 0");
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
		if (!has(r[i].table))
			continue;
		strbuf_addf(&q, " OR (cn.value LIKE '%%%s' AND e.classPK NOT IN (SELECT %s FROM @%s@)",
			    r[i].cls, r[i].col, r[i].table);
		if (r[i].alt_table)
			strbuf_addf(&q, " AND e.classPK NOT IN (SELECT %s FROM @%s@)", r[i].alt_col,
				    r[i].alt_table);
		strbuf_addch(&q, ')');
	}
	int64_t n = hand(strbuf_str(&q));
	strbuf_release(&q);
	return n;
}

struct fx {
	const char *name;
	int64_t docs, users, companyid, old, assets; /* exact values of these databases */
};

static const struct fx fixtures[] = {
	{ "lr61-mysql-openquote.sql.xz", 866, 4, 0, 1, 23 },
	{ "lr61-mysql-viking.sql.xz", 0, 0, 0, 1, 0 },
	{ "lr62-mysql-openunderwriter.sql.xz", 26, 18, 88, 0, 890 },
	{ "lr62-mysql-openncp.sql.xz", 0, 105, 0, 0, 0 },
	{ "lr62ee-mysql-migratetools.sql.xz", 0, 0, 0, 0, 0 },
	{ "lr62-mysql-juyee.sql.xz", 0, 1, 0, 0, 0 },
	{ "lr71-mysql-formsdemo.sql.xz", 3, 0, 0, 0, 3 },
};

static void confirmed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		const struct fx *x = &fixtures[i];
		char name[256], uri[1024];
		tl_fixture_dbname(x->name, name, sizeof name);
		db = tl_open(tl_mysql_db_uri(name, uri, sizeof uri));
		json_t *f = ct_run(db, NULL);
		fprintf(stderr, "%s\n", x->name);
		assert_int_equal(ct_count(f, "unused.document.intermediate-version"), doc_versions());
		assert_int_equal(ct_count(f, "unused.document.intermediate-version"), x->docs);
		assert_int_equal(ct_count(f, "unused.user.inactive"), inactive_users());
		assert_int_equal(ct_count(f, "unused.user.inactive"), x->users);
		assert_int_equal(ct_count(f, "orphan.companyid"), companyid_orphans());
		assert_int_equal(ct_count(f, "orphan.companyid"), x->companyid);
		assert_int_equal(ct_count(f, "blocker.version.too-old"), too_old());
		assert_int_equal(ct_count(f, "blocker.version.too-old"), x->old);
		assert_int_equal(ct_count(f, "orphan.assetentry.classpk"), asset_orphans());
		assert_int_equal(ct_count(f, "orphan.assetentry.classpk"), x->assets);
		json_decref(f);
		db_close(db);
	}
}

/* The rule behind the openquote figure of the fixtures README: 333 entries
 * with 1201 versions; every entry keeps one version (its current one). */
static void openquote_versions(void **state)
{
	(void)state;
	char name[256], uri[1024];
	tl_fixture_dbname("lr61-mysql-openquote.sql.xz", name, sizeof name);
	db = tl_open(tl_mysql_db_uri(name, uri, sizeof uri));
	assert_int_equal(hand("SELECT COUNT(*) FROM @DLFileEntry@"), 333);
	assert_int_equal(hand("SELECT COUNT(*) FROM @DLFileVersion@"), 1201);
	json_t *rows = ct_rows(db, "unused.document.intermediate-version", NULL);
	assert_int_equal(json_array_size(rows), 866);
	/* the identity of one: fileVersionId|fileEntryId|title|version */
	assert_string_equal(json_string_value(json_array_get(rows, 0)),
			    "11547|11546|\"Translations.xml\"|\"1.0\"");
	json_decref(rows);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(confirmed),
		cmocka_unit_test(openquote_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
