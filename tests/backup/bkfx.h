/* Test fixture of the backup tests: a small Liferay database (Release_,
 * Company, Group_, DLFileEntry, DLFileVersion, Image and two tables with
 * awkward values) on any engine, a FileSystemStore tree whose files match
 * the DLFileVersion rows (one version deliberately missing, one stray file,
 * previews), and a Liferay Home around it. Counts are fixed, so tests
 * assert exact numbers:
 *   documents  BKFX_DOCS entries, each version 1.0; every 4th also 1.1
 *   missing    the last document's 1.0 file (so 1 missing)
 *   stray      10154/10180/99999/1.0 (so 1 unreferenced)
 *   images     1 (0/0/501.jpg/1.0)
 *   previews   2 files under 10154/0/document_preview (not unreferenced) */
#ifndef BKFX_H
#define BKFX_H
#include "testlib.h"
#include "db/checksum.h"
#include "db/uri.h"
#include "util/xalloc.h"
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* printf into one of 16 rotating static buffers (test paths and commands) */
static const char *bkfx_f(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *bkfx_f(const char *fmt, ...)
{
	static char pool[16][9000];
	static int next;
	char *b = pool[next++ % 16];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof pool[0], fmt, ap);
	va_end(ap);
	return b;
}

#define BKFX_DOCS 200
#define BKFX_BIGROWS 1000

static __attribute__((unused)) void bkfx_mkdirs(const char *path)
{
	char p[4096];
	snprintf(p, sizeof p, "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

static __attribute__((unused)) void bkfx_write(const char *path, const void *data, size_t len)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *sl = strrchr(dir, '/');
	*sl = 0;
	bkfx_mkdirs(dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Deterministic content of document i; every 10th shares one content. */
static __attribute__((unused)) size_t bkfx_content(int i, const char *ver, unsigned char *buf, size_t cap)
{
	int seed = (i % 10 == 0) ? 7 : i * 31 + (int)strlen(ver) + ver[2];
	size_t len = 100 + (size_t)((seed * 7919) % 4000);
	if (len > cap)
		len = cap;
	uint32_t x = (uint32_t)seed * 2654435761u + 1;
	for (size_t k = 0; k < len; k++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[k] = (unsigned char)x;
	}
	return len;
}

static __attribute__((unused)) int64_t bkfx_repo(int i)
{
	return i % 3 == 0 ? 20000 + i % 5 : 10180; /* folder, or the site */
}

static __attribute__((unused)) void bkfx_exec(struct db *db, const char *sql)
{
	struct lr_err err = LR_ERR_INIT;
	int64_t n;
	if (db_exec(db, sql, NULL, 0, &n, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
}

/* Types per engine: date, bool, text, blob, double. */
static __attribute__((unused)) void bkfx_schema(struct db *db)
{
	enum db_engine e = db_engine(db);
	const char *D = e == DB_PGSQL ? "TIMESTAMP" : "DATETIME";
	const char *B = e == DB_PGSQL ? "BOOLEAN" : e == DB_MARIADB ? "TINYINT(1)" : "BOOLEAN";
	const char *T = e == DB_MARIADB ? "LONGTEXT" : "TEXT";
	const char *L = e == DB_PGSQL ? "BYTEA" : e == DB_MARIADB ? "LONGBLOB" : "BLOB";
	const char *R = e == DB_PGSQL ? "DOUBLE PRECISION" : "DOUBLE";
	char sql[2048];
	snprintf(sql, sizeof sql,
		 "CREATE TABLE Release_ (releaseId BIGINT NOT NULL PRIMARY KEY, createDate %s NULL, "
		 "modifiedDate %s NULL, servletContextName VARCHAR(75), schemaVersion VARCHAR(75), "
		 "buildNumber INTEGER, buildDate %s NULL, verified %s, state_ INTEGER, testString VARCHAR(1024))",
		 D, D, D, B);
	bkfx_exec(db, sql);
	bkfx_exec(db, "CREATE TABLE Company (companyId BIGINT NOT NULL PRIMARY KEY, accountId BIGINT, "
		      "webId VARCHAR(75), mx VARCHAR(75))");
	snprintf(sql, sizeof sql,
		 "CREATE TABLE Group_ (groupId BIGINT NOT NULL PRIMARY KEY, companyId BIGINT, "
		 "name VARCHAR(150), friendlyURL VARCHAR(255), site %s, description %s)", B, T);
	bkfx_exec(db, sql);
	snprintf(sql, sizeof sql,
		 "CREATE TABLE DLFileEntry (uuid_ VARCHAR(75), fileEntryId BIGINT NOT NULL PRIMARY KEY, "
		 "groupId BIGINT, companyId BIGINT, repositoryId BIGINT, folderId BIGINT, name VARCHAR(255), "
		 "title VARCHAR(255), extension VARCHAR(75), size_ BIGINT, version VARCHAR(75), "
		 "modifiedDate %s NULL, description %s)", D, T);
	bkfx_exec(db, sql);
	bkfx_exec(db, "CREATE INDEX IX_DLFE_G ON DLFileEntry (groupId, folderId)");
	snprintf(sql, sizeof sql,
		 "CREATE TABLE DLFileVersion (fileVersionId BIGINT NOT NULL PRIMARY KEY, fileEntryId BIGINT, "
		 "groupId BIGINT, companyId BIGINT, version VARCHAR(75), size_ BIGINT, modifiedDate %s NULL)", D);
	bkfx_exec(db, sql);
	snprintf(sql, sizeof sql,
		 "CREATE TABLE Image (imageId BIGINT NOT NULL PRIMARY KEY, modifiedDate %s NULL, "
		 "type_ VARCHAR(75), height INTEGER, width INTEGER, size_ INTEGER)", D);
	bkfx_exec(db, sql);
	snprintf(sql, sizeof sql,
		 "CREATE TABLE Odd_ (k INTEGER, r %s, d DECIMAL(30,16), b %s, t %s, dt %s NULL, f %s)", R, L, T, D, B);
	bkfx_exec(db, sql);
	bkfx_exec(db, "CREATE TABLE Big_ (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(100), n BIGINT)");
	bkfx_exec(db, "CREATE TABLE Lock_ (lockId BIGINT NOT NULL PRIMARY KEY, createDate TIMESTAMP NULL, "
		      "expirationDate TIMESTAMP NULL)");
}

static __attribute__((unused)) void bkfx_rows(struct db *db)
{
	struct lr_err err = LR_ERR_INIT;
	int64_t n;
	const char *old = "2016-07-06 09:43:01";
	struct db_value rel[] = { db_int(1), db_text(old), db_text(old), db_text("portal"), db_text("6.2.0"),
				  db_int(6205), db_text("2016-01-15 00:00:00"), { DB_BOOL, 1, 0, 0, 0 }, db_int(0),
				  db_text("You take the blue pill, the story ends.") };
	assert_int_equal(db_exec(db, "INSERT INTO Release_ VALUES (?,?,?,?,?,?,?,?,?,?)", rel, 10, &n, &err), 0);
	struct db_value co[] = { db_int(10154), db_int(10156), db_text("liferay.com"), db_text("liferay.com") };
	assert_int_equal(db_exec(db, "INSERT INTO Company VALUES (?,?,?,?)", co, 4, &n, &err), 0);
	struct db_value gr[] = { db_int(10180), db_int(10154), db_text("Guest"), db_text("/guest"),
				 { DB_BOOL, 1, 0, 0, 0 }, db_text("it's a \"site\"\\ with\nnewlines\r\tand ünïcödé") };
	assert_int_equal(db_exec(db, "INSERT INTO Group_ VALUES (?,?,?,?,?,?)", gr, 6, &n, &err), 0);
	assert_int_equal(db_begin(db, &err), 0);
	int64_t fv = 40000;
	for (int i = 1; i <= BKFX_DOCS; i++) {
		char name[32], title[64];
		snprintf(name, sizeof name, "%d", 30000 + i);
		snprintf(title, sizeof title, "doc %d.pdf", i);
		int64_t folder = i % 3 == 0 ? 20000 + i % 5 : 0;
		struct db_value fe[] = { db_text("uuid"), db_int(i), db_int(10180), db_int(10154), db_int(10180),
					 db_int(folder), db_text(name), db_text(title), db_text("pdf"), db_int(1000 + i),
					 db_text(i % 4 == 0 ? "1.1" : "1.0"), db_text(old),
					 i % 2 ? db_null() : db_text("d'escription; DROP TABLE x;--") };
		assert_int_equal(db_exec(db, "INSERT INTO DLFileEntry VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", fe, 13,
					 &n, &err), 0);
		for (int v = 0; v < (i % 4 == 0 ? 2 : 1); v++) {
			struct db_value vr[] = { db_int(fv++), db_int(i), db_int(10180), db_int(10154),
						 db_text(v ? "1.1" : "1.0"), db_int(1000 + i), db_text(old) };
			assert_int_equal(db_exec(db, "INSERT INTO DLFileVersion VALUES (?,?,?,?,?,?,?)", vr, 7, &n, &err),
					 0);
		}
	}
	struct db_value im[] = { db_int(501), db_text(old), db_text("jpg"), db_int(10), db_int(20), db_int(300) };
	assert_int_equal(db_exec(db, "INSERT INTO Image VALUES (?,?,?,?,?,?)", im, 6, &n, &err), 0);
	for (int i = 0; i < 6; i++) {
		struct db_value od[7] = { db_int(i), { DB_REAL, 0, i == 0 ? 0.1 : i == 1 ? -1e300 : 1.5 * i, 0, 0 },
					  { DB_DECIMAL, 0, 0, i % 2 ? "12345.6789000000000000" : "-0.5000000000000000",
					    i % 2 ? 22 : 19 },
					  { DB_BLOB, 0, 0, "\0\1'\\\n\xff", (size_t)(i == 2 ? 0 : 6) },
					  db_text(i == 3 ? "" : "back\\slash 'quote' ; -- not a comment"),
					  db_text("2020-02-29 23:59:59"), { DB_BOOL, i % 2, 0, 0, 0 } };
		if (i == 4)
			for (int k = 1; k < 7; k++)
				od[k] = db_null();
		assert_int_equal(db_exec(db, "INSERT INTO Odd_ VALUES (?,?,?,?,?,?,?)", od, 7, &n, &err), 0);
	}
	for (int i = 1; i <= BKFX_BIGROWS; i++) {
		char v[64];
		snprintf(v, sizeof v, "row %d", i);
		struct db_value b[] = { db_int(i * 7), db_text(v), db_int((int64_t)i * i) };
		assert_int_equal(db_exec(db, "INSERT INTO Big_ VALUES (?,?,?)", b, 3, &n, &err), 0);
	}
	assert_int_equal(db_commit(db, &err), 0);
}

/* FileSystemStore tree under store/. */
static __attribute__((unused)) void bkfx_store(const char *where)
{
	unsigned char buf[8192];
	char store[9000];
	snprintf(store, sizeof store, "%s", where); /* where may be a bkfx_f buffer */
	for (int i = 1; i <= BKFX_DOCS; i++)
		for (int v = 0; v < (i % 4 == 0 ? 2 : 1); v++) {
			if (i == BKFX_DOCS && v == 0)
				continue; /* the missing one */
			const char *ver = v ? "1.1" : "1.0";
			bkfx_write(bkfx_f("%s/10154/%lld/%d/%s", store, (long long)bkfx_repo(i), 30000 + i, ver), buf, bkfx_content(i, ver, buf, sizeof buf));
		}
	bkfx_write(bkfx_f("%s/10154/10180/99999/1.0", store), "stray", 5);
	bkfx_write(bkfx_f("%s/0/0/501.jpg/1.0", store), "\xff\xd8\xff jpeg", 8);
	bkfx_write(bkfx_f("%s/10154/0/document_preview/10180/1/40000.pdf/1.0", store), "preview", 7);
	bkfx_write(bkfx_f("%s/10154/0/document_thumbnail/10180/1/40000.png/1.0", store), "thumb", 5);
}

/* store files the fixture writes (referenced + stray + image + previews) */
/* every 10th document shares one content: 20 versions 1.0 (less the
 * missing one of document 200) and 10 versions 1.1 = 29 files, 1 object */
#define BKFX_SAME_CONTENT 29
#define BKFX_STORE_FILES (BKFX_DOCS + BKFX_DOCS / 4 - 1 + 1 + 1 + 2)

/* Liferay Home with the store at its default place. Included by default:
 * portal-ext.properties, osgi/configs/…, data/license/…, osgi/modules/… (4);
 * left out: logs/, work/, osgi/state/, data/elasticsearch7/. */
#define BKFX_HOME_FILES 4
static __attribute__((unused)) void bkfx_home(const char *home)
{
	const char *props = "dl.store.impl=com.liferay.portlet.documentlibrary.store.FileSystemStore\n"
			    "jdbc.default.username=lportal\n";
	bkfx_write(bkfx_f("%s/portal-ext.properties", home), props, strlen(props));
	bkfx_write(bkfx_f("%s/osgi/configs/com.liferay.x.config", home), "a=\"b\"\n", 6);
	bkfx_write(bkfx_f("%s/data/license/portal.li", home), "license", 7);
	bkfx_write(bkfx_f("%s/osgi/modules/app.jar", home), "PK\3\4jar", 7);
	bkfx_write(bkfx_f("%s/logs/liferay.log", home), "log", 3);
	bkfx_write(bkfx_f("%s/work/x/y.class", home), "work", 4);
	bkfx_write(bkfx_f("%s/osgi/state/org.eclipse.osgi/cache", home), "state", 5);
	bkfx_write(bkfx_f("%s/data/elasticsearch7/nodes/0/index", home), "index", 5);
	bkfx_store(bkfx_f("%s/data/document_library", home));
}

/* Every table's checksum and row count, as "name rows hex\n" lines. */
static __attribute__((unused)) void bkfx_sums(struct db *db, struct strbuf *out)
{
	struct lr_err err = LR_ERR_INIT;
	const struct db_catalog *cat = db_catalog(db, &err);
	assert_non_null(cat);
	for (int i = 0; i < cat->ntables; i++) {
		struct table_sum ts;
		if (db_table_checksum(db, cat->tables[i].name, &ts, &err) < 0)
			fail_msg("checksum %s: %s", cat->tables[i].name, err.msg);
		strbuf_addf(out, "%s %lld %s\n", cat->tables[i].name, (long long)ts.rows, ts.hex);
	}
}

static __attribute__((unused)) int bkfx_files_equal(const char *a, const char *b)
{
	return system(bkfx_f("diff -r '%s' '%s' >/dev/null 2>&1", a, b)) == 0;
}

/* One integer out of a JSON text: the first "key": N with a number. */
static __attribute__((unused)) long long bkfx_json_int(const char *json, const char *key)
{
	char k[128];
	snprintf(k, sizeof k, "\"%s\": ", key);
	for (const char *p = json; (p = strstr(p, k)); p++) {
		const char *v = p + strlen(k);
		if ((*v >= '0' && *v <= '9') || *v == '-')
			return atoll(v);
	}
	fail_msg("no number %s in %s", key, json);
	return -1;
}
/* An SQLite source (tmp/src.db) and a Liferay Home (tmp/home) with its
 * store at the default place; returns nothing, paths are fixed. */
static __attribute__((unused)) void bkfx_sqlite_setup(const char *tmp)
{
	if (access(bkfx_f("%s/src.db", tmp), F_OK) == 0)
		return; /* an earlier test of this file made it */
	struct db *db = tl_open(bkfx_f("%s/src.db", tmp));
	bkfx_schema(db);
	bkfx_rows(db);
	db_close(db);
	bkfx_home(bkfx_f("%s/home", tmp));
}

/* lrprep backup of the SQLite setup into tmp/NAME; returns the exit code,
 * stdout in out (if non-NULL). */
static __attribute__((unused)) int bkfx_backup(const char *tmp, const char *name, struct strbuf *out)
{
	char src[4200], home[4200], dir[4200];
	snprintf(src, sizeof src, "%s", bkfx_f("%s/src.db", tmp));
	snprintf(home, sizeof home, "%s", bkfx_f("%s/home", tmp));
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/%s", tmp, name));
	struct strbuf err = STRBUF_INIT;
	int rc = tl_run(out, &err, "backup", src, "--liferay-home", home, "--to", dir, "--json", NULL);
	if (rc != 1 && rc >= 0 && rc != 0)
		fprintf(stderr, "backup exit %d: %s\n", rc, strbuf_str(&err));
	strbuf_release(&err);
	return rc;
}
/* The SQLite setup backed up a first time into tmp/bk (exit 1: the store
 * misses a file): store and dir (n bytes each) receive the store root and
 * the backup directory, out the JSON summary. Returns tmp. */
static __attribute__((unused)) const char *bkfx_first_backup(char *store, char *dir, size_t n, struct strbuf *out)
{
	const char *tmp = tl_tmpdir();
	bkfx_sqlite_setup(tmp);
	snprintf(store, n, "%s", bkfx_f("%s/home/data/document_library", tmp));
	snprintf(dir, n, "%s", bkfx_f("%s/bk", tmp));
	assert_int_equal(bkfx_backup(tmp, "bk", out), 1);
	return tmp;
}

/* Create (drop first) database name on the server of base_uri. */
static __attribute__((unused)) void bkfx_fresh_db(const char *base_uri, const char *name)
{
	struct db *db = tl_open(base_uri);
	bkfx_exec(db, bkfx_f("DROP DATABASE IF EXISTS %s", name));
	bkfx_exec(db, bkfx_f("CREATE DATABASE %s", name));
	db_close(db);
}

/* The database of the backup in dir restored on a server twice, each time
 * with the checksums want (bkfx_sums): by verify --restore-into rst (an
 * empty database; ntables compared) and by restore.sh with the engine's own
 * client (client_args) into the empty database cliname. gen receives the
 * backup's db-<ID> directory. */
static __attribute__((unused)) void bkfx_restores_match(enum db_engine e, const char *dir, const char *rst,
							int ntables, const char *client_args, const char *cliname,
							const char *want, char *gen, size_t gensz)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT, got = STRBUF_INIT;
	int rc = tl_run(&out, &err, "verify", dir, "--restore-into", rst, NULL);
	if (rc != 0)
		fail_msg("verify exit %d: %s%s", rc, out.buf, err.buf);
	assert_non_null(strstr(out.buf, bkfx_f("%d tables compared, 0 differ", ntables)));
	struct db *db = tl_open(rst);
	bkfx_sums(db, &got);
	db_close(db);
	assert_string_equal(got.buf, want);

	glob_t g;
	assert_int_equal(glob(bkfx_f("%s/db-*", dir), 0, NULL, &g), 0);
	snprintf(gen, gensz, "%s", g.gl_pathv[0]);
	globfree(&g);
	assert_int_equal(system(bkfx_f("sh '%s/restore.sh' db %s %s >/dev/null", gen, client_args, cliname)), 0);
	char uri[4200];
	db = tl_open(e == DB_MARIADB ? tl_mysql_db_uri(cliname, uri, sizeof uri) : tl_pg_db_uri(cliname, uri, sizeof uri));
	strbuf_reset(&got);
	bkfx_sums(db, &got);
	db_close(db);
	assert_string_equal(got.buf, want);
	strbuf_release(&out);
	strbuf_release(&err);
	strbuf_release(&got);
}

/* The round trip on a server: backup (3 connections in one snapshot, Big_
 * split into ranges), verify --restore-into a scratch database, the
 * engine's own client through restore.sh, and the store through
 * restore.sh; checksums and bytes identical. client_args: the client's
 * connection options for restore.sh. */
static __attribute__((unused)) void bkfx_server_round_trip(enum db_engine e, const char *prefix,
							    const char *client_args)
{
	const char *tmp = tl_tmpdir();
	char base[4200], src[4200], rst[4200], store[4200], dir[4200], storeout[4200], gen[4200];
	char srcname[128], rstname[128], cliname[128];
	snprintf(srcname, sizeof srcname, "%.100s_src", prefix);
	snprintf(rstname, sizeof rstname, "%.100s_rst", prefix);
	snprintf(cliname, sizeof cliname, "%.100s_cli", prefix);
	snprintf(base, sizeof base, "%s", e == DB_MARIADB ? tl_mysql_uri() : tl_pg_uri());
	bkfx_fresh_db(base, srcname);
	bkfx_fresh_db(base, rstname);
	bkfx_fresh_db(base, cliname);
	if (e == DB_MARIADB) {
		tl_mysql_db_uri(srcname, src, sizeof src);
		tl_mysql_db_uri(rstname, rst, sizeof rst);
	} else {
		tl_pg_db_uri(srcname, src, sizeof src);
		tl_pg_db_uri(rstname, rst, sizeof rst);
	}
	snprintf(store, sizeof store, "%s", bkfx_f("%s/store", tmp));
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/bk", tmp));
	snprintf(storeout, sizeof storeout, "%s", bkfx_f("%s/storeout", tmp));
	struct db *db = tl_open(src);
	bkfx_schema(db);
	bkfx_rows(db);
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	bkfx_sums(db, &want);
	db_close(db);
	bkfx_store(store);

	setenv("LRPREP_BACKUP_CHUNK_ROWS", "100", 1);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "backup", src, "--store", store, "--to", dir, "--jobs", "3", "--json", NULL);
	if (rc != 1)
		fail_msg("backup exit %d: %s%s", rc, out.buf, err.buf);
	assert_int_equal(bkfx_json_int(out.buf, "tables"), 9);
	assert_int_equal(bkfx_json_int(out.buf, "jobs"), 3);
	assert_int_equal(bkfx_json_int(out.buf, "missingCount"), 1);
	assert_int_equal(bkfx_json_int(out.buf, "unreferencedCount"), 1);
	assert_non_null(strstr(out.buf, "\"label\": \"6.2 CE GA6\""));
	assert_non_null(strstr(out.buf, e == DB_MARIADB ? "FLUSH TABLES WITH READ LOCK" : "pg_export_snapshot"));
	/* table row counts recorded inside the snapshot */
	assert_non_null(strcasestr(out.buf, "\"name\": \"Big_\",\n        \"rows\": 1000,"));

	bkfx_restores_match(e, dir, rst, 9, client_args, cliname, want.buf, gen, sizeof gen);
	assert_int_equal(system(bkfx_f("sh '%s/restore.sh' store '%s'", gen, storeout)), 0);
	assert_true(bkfx_files_equal(store, storeout));
	strbuf_release(&want);
	strbuf_release(&got);
	strbuf_release(&out);
	strbuf_release(&err);
}
/* The acceptance round trip on what lrprep sample generates: a database
 * (SQLite file, or --into the server database name) and its store; backup,
 * restore into a scratch database, every checksum identical, store rebuilt
 * byte-identical. uri_or_path: the sample's target; scratch: where verify
 * restores (new SQLite file or empty server database URI). */
static __attribute__((unused)) void bkfx_sample_round_trip(const char *target, const char *scratch, const char *tag)
{
	const char *tmp = tl_tmpdir();
	char store[4200], dir[4200], storeout[4200], gen[4200], tg[4200], sc[4200];
	snprintf(tg, sizeof tg, "%s", target);
	snprintf(sc, sizeof sc, "%s", scratch);
	snprintf(store, sizeof store, "%s", bkfx_f("%s/%s.store", tmp, tag));
	snprintf(dir, sizeof dir, "%s", bkfx_f("%s/%s.bk", tmp, tag));
	snprintf(storeout, sizeof storeout, "%s", bkfx_f("%s/%s.storeout", tmp, tag));
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "sample", db_is_uri(tg) ? "--into" : "-o", tg, "--store", store, "--truth",
			bkfx_f("%s/%s.truth.json", tmp, tag), "--seed", "3", NULL);
	if (rc != 0)
		fail_msg("sample exit %d: %s", rc, err.buf);
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	struct db *db = tl_open(tg);
	bkfx_sums(db, &want);
	db_close(db);
	strbuf_reset(&out);
	strbuf_reset(&err);
	/* exit 1: the generator plants missing store files */
	rc = tl_run(&out, &err, "backup", tg, "--store", store, "--to", dir, "--jobs", "2", "--json", NULL);
	if (rc != 1)
		fail_msg("backup exit %d: %s%s", rc, out.buf, err.buf);
	strbuf_reset(&out);
	strbuf_reset(&err);
	rc = tl_run(&out, &err, "verify", dir, "--restore-into", sc, NULL);
	if (rc != 0)
		fail_msg("verify exit %d: %s%s", rc, out.buf, err.buf);
	assert_non_null(strstr(out.buf, ", 0 differ"));
	db = tl_open(sc);
	bkfx_sums(db, &got);
	db_close(db);
	assert_string_equal(got.buf, want.buf);
	glob_t g;
	assert_int_equal(glob(bkfx_f("%s/db-*", dir), 0, NULL, &g), 0);
	snprintf(gen, sizeof gen, "%s", g.gl_pathv[0]);
	globfree(&g);
	assert_int_equal(system(bkfx_f("sh '%s/restore.sh' store '%s'", gen, storeout)), 0);
	assert_true(bkfx_files_equal(store, storeout));
	strbuf_release(&want);
	strbuf_release(&got);
	strbuf_release(&out);
	strbuf_release(&err);
}
#endif
