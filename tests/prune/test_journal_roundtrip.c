/* Journaled delete + undo: what prune removes comes back byte for byte,
 * undo is idempotent, a damaged journal is refused, moved files return, and
 * kill -9 at any crash point leaves a database undo restores exactly. */
#include "testlib.h"
#include "prune/delete.h"
#include "prune/journal.h"
#include "util/xalloc.h"
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NROWS 5000
/* a call that must succeed; on failure show the message */
#define OK(call) do { if ((call) < 0) fail_msg("%s: %s", #call, err.msg); } while (0)

static char dbpath[4200];

/* Everything in the table in key order, as text: the reference state. */
static char *table_text(struct db *db, const char *table)
{
	struct strbuf sb = STRBUF_INIT, sql = STRBUF_INIT;
	struct lr_err err = LR_ERR_INIT;
	strbuf_addf(&sql, "SELECT * FROM %s ORDER BY 1, 2", table);
	struct db_cursor *c;
	assert_int_equal(db_query(db, sql.buf, NULL, 0, &c, &err), 0);
	while (db_next(c, &err) == 1) {
		for (int i = 0; i < db_ncols(c); i++) {
			struct db_value v;
			db_get(c, i, &v);
			strbuf_addf(&sb, "%d:", (int)v.kind);
			const char *t = db_get_text(c, i);
			if (v.kind == DB_BLOB)
				for (size_t k = 0; k < v.len; k++)
					strbuf_addf(&sb, "%02x", (unsigned char)v.s[k]);
			else
				strbuf_addstr(&sb, t ? t : "NULL");
			strbuf_addch(&sb, '|');
		}
		strbuf_addch(&sb, '\n');
	}
	db_cursor_close(c);
	strbuf_release(&sql);
	return strbuf_detach(&sb, NULL);
}

static struct db *make_db(void)
{
	snprintf(dbpath, sizeof dbpath, "%s/j.db", tl_tmpdir());
	remove(dbpath);
	struct db *db = tl_open(dbpath);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(db, "CREATE TABLE JournalArticle (id_ bigint(20) PRIMARY KEY, groupId bigint(20),"
				 " title varchar(300), content longtext, modifiedDate datetime, version double,"
				 " smallImage tinyint(1), data_ longblob);"
				 "CREATE TABLE Users_Groups (groupId bigint(20), userId bigint(20),"
				 " PRIMARY KEY (groupId, userId))", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_begin(db, &err), 0);
	for (int i = 1; i <= NROWS; i++) {
		char title[64], date[32], blob[4] = { (char)i, 0, (char)0xff, '\'' };
		snprintf(title, sizeof title, "Article %d 'quoted' \\ é", i);
		snprintf(date, sizeof date, "2016-07-%02d 09:43:%02d", 1 + i % 28, i % 60);
		struct db_value v[8] = { db_int(i), db_int(20000 + i % 7), db_text(title),
					 i % 5 ? db_text("<root><x>content</x></root>") : db_null(),
					 { DB_DATE, 0, 0, date, strlen(date) }, { DB_REAL, 0, 1.0 + (i % 4) / 10.0, 0, 0 },
					 { DB_BOOL, i % 2, 0, 0, 0 }, { DB_BLOB, 0, 0, blob, 4 } };
		assert_int_equal(db_exec(db, "INSERT INTO JournalArticle VALUES (?,?,?,?,?,?,?,?)", v, 8, NULL, &err), 0);
		struct db_value m[2] = { db_int(20000 + i % 7), db_int(i) };
		assert_int_equal(db_exec(db, "INSERT INTO Users_Groups VALUES (?,?)", m, 2, NULL, &err), 0);
	}
	assert_int_equal(db_commit(db, &err), 0);
	return db;
}

static json_t *meta(void)
{
	return json_pack("{s:i, s:s}", "format", 1, "database", "test");
}

static void delete_then_undo_restores_exactly(void **state)
{
	(void)state;
	struct db *db = make_db();
	char *before_a = table_text(db, "JournalArticle"), *before_m = table_text(db, "Users_Groups");
	char jdir[4300];
	snprintf(jdir, sizeof jdir, "%s/journal1", tl_tmpdir());
	struct journal *j;
	struct lr_err err = LR_ERR_INIT;
	json_t *m = meta();
	assert_int_equal(journal_create(jdir, m, &j, &err), 0);
	json_decref(m);
	int64_t n;
	struct delete_opts o = { .batch_rows = 100, .max_batch_rows = 400 };
	struct db_value g = db_int(20003);
	assert_int_equal(prune_delete_where(db, j, "journalarticle", "groupId = ?", &g, 1, &o, &n, &err), 0);
	assert_int_equal(n, 714); /* #{i in 1..5000 : i % 7 == 3} */
	assert_int_equal(prune_delete_where(db, j, "USERS_GROUPS", "userId % 2 = 0", NULL, 0, &o, &n, &err), 0);
	assert_int_equal(n, NROWS / 2);
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM JournalArticle WHERE groupId = 20003"), 0);
	assert_true(journal_last_batch(j) > 10); /* batches really were used */
	journal_close(j);

	/* undo twice: the second run must change nothing */
	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(journal_open(jdir, &j, &err), 0);
		struct undo_stats st;
		OK(journal_undo(j, db, &st, &err));
		journal_close(j);
		assert_int_equal(st.rows, 714 + NROWS / 2); /* 714 = #{i in 1..5000 : i % 7 == 3} */
		char *after_a = table_text(db, "JournalArticle"), *after_m = table_text(db, "Users_Groups");
		assert_string_equal(after_a, before_a);
		assert_string_equal(after_m, before_m);
		free(after_a);
		free(after_m);
	}
	free(before_a);
	free(before_m);
	db_close(db);
}

static void damaged_batch_is_refused(void **state)
{
	(void)state;
	struct db *db = make_db();
	char jdir[4300], batch[4400];
	snprintf(jdir, sizeof jdir, "%s/journal2", tl_tmpdir());
	struct journal *j;
	struct lr_err err = LR_ERR_INIT;
	json_t *m = meta();
	assert_int_equal(journal_create(jdir, m, &j, &err), 0);
	json_decref(m);
	int64_t n;
	assert_int_equal(prune_delete_where(db, j, "JournalArticle", "id_ <= 10", NULL, 0, NULL, &n, &err), 0);
	assert_int_equal(n, 10);
	journal_close(j);
	snprintf(batch, sizeof batch, "%s/batch-000001.rows.zst", jdir);
	FILE *f = fopen(batch, "r+b");
	assert_non_null(f);
	fseek(f, 20, SEEK_SET);
	int c = fgetc(f);
	fseek(f, 20, SEEK_SET);
	fputc(c ^ 0x40, f);
	fclose(f);
	assert_int_equal(journal_open(jdir, &j, &err), 0);
	struct undo_stats st;
	assert_int_equal(journal_undo(j, db, &st, &err), -1);
	assert_int_equal(err.code, LR_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "batch-000001"));
	journal_close(j);
	/* nothing half-restored */
	assert_int_equal(tl_int(db, "SELECT COUNT(*) FROM JournalArticle"), NROWS - 10);
	db_close(db);
}

static void moved_files_come_back(void **state)
{
	(void)state;
	char jdir[4300], f1[4400], d[4300];
	snprintf(jdir, sizeof jdir, "%s/journal3", tl_tmpdir());
	snprintf(d, sizeof d, "%s/store/10153/20182/1234", tl_tmpdir());
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", d);
	assert_int_equal(system(cmd), 0);
	snprintf(f1, sizeof f1, "%s/1.0", d);
	FILE *f = fopen(f1, "w");
	fputs("version 1.0 bytes", f);
	fclose(f);
	struct journal *j;
	struct lr_err err = LR_ERR_INIT;
	json_t *m = meta();
	assert_int_equal(journal_create(jdir, m, &j, &err), 0);
	json_decref(m);
	assert_int_equal(journal_move_file(j, f1, &err), 0);
	assert_int_equal(access(f1, F_OK), -1);
	assert_int_equal(journal_move_file(j, f1, &err), 1); /* already gone: not an error */
	rmdir(d); /* prune may leave the directory empty and remove it */
	struct db *db = make_db();
	struct undo_stats st;
	OK(journal_undo(j, db, &st, &err));
	assert_int_equal(st.files, 1);
	f = fopen(f1, "r");
	assert_non_null(f);
	char buf[64] = { 0 };
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "version 1.0 bytes");
	journal_close(j);
	db_close(db);
}

/* kill -9 at crash point k (after seal / after delete / after commit of some
 * batch), then undo: always the original rows. */
static void kill9_at_every_point_then_undo(void **state)
{
	(void)state;
	struct db *db = make_db();
	char *before = table_text(db, "JournalArticle");
	db_close(db);
	char orig[4300];
	snprintf(orig, sizeof orig, "%s.orig", dbpath);
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", dbpath, orig);
	assert_int_equal(system(cmd), 0);
	int killed = 0;
	for (int k = 1; k <= 20; k++) {
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", orig, dbpath);
		assert_int_equal(system(cmd), 0);
		char jdir[4300];
		snprintf(jdir, sizeof jdir, "%s/crash%d", tl_tmpdir(), k);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			char kv[16];
			snprintf(kv, sizeof kv, "%d", k);
			setenv("LRPREP_TEST_CRASH_AT", kv, 1);
			struct db *cdb = tl_open(dbpath);
			struct journal *cj;
			struct lr_err cerr = LR_ERR_INIT;
			json_t *m = meta();
			if (journal_create(jdir, m, &cj, &cerr) < 0)
				_exit(3);
			int64_t n;
			struct delete_opts o = { .batch_rows = 300, .max_batch_rows = 300 };
			if (prune_delete_where(cdb, cj, "JournalArticle", "id_ % 2 = 1", NULL, 0, &o, &n, &cerr) < 0)
				_exit(4);
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			killed++;
		else
			assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		db = tl_open(dbpath);
		struct journal *j;
		struct lr_err err = LR_ERR_INIT;
		assert_int_equal(journal_open(jdir, &j, &err), 0);
		struct undo_stats us;
		OK(journal_undo(j, db, &us, &err));
		journal_close(j);
		char *after = table_text(db, "JournalArticle");
		assert_string_equal(after, before);
		free(after);
		db_close(db);
	}
	/* 2500 odd rows in batches of 300 = 9 batches x 3 points: all 20 points are real kills */
	assert_int_equal(killed, 20);
	free(before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(delete_then_undo_restores_exactly),
		cmocka_unit_test(damaged_batch_is_refused),
		cmocka_unit_test(moved_files_come_back),
		cmocka_unit_test(kill9_at_every_point_then_undo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
