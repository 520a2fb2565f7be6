/* lrprep verify: the manifest's self-checksum, then every file (or a random
 * sample) present with the size and SHA-256 the manifest gives; optionally
 * the dump restored into a scratch database and compared table by table. */
#include "backup.h"
#include "dbpart.h"
#include "../db/checksum.h"
#include "../db/uri.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

void verify_result_release(struct verify_result *r)
{
	json_decref(r->problems);
	json_decref(r->tables);
	memset(r, 0, sizeof *r);
}

static void problem(struct verify_result *r, const char *path, const char *what)
{
	json_array_append_new(r->problems, json_pack("{s:s, s:s}", "path", path, "problem", what));
	r->bad++;
}

static uint64_t rng_state;
static uint64_t rnd(void)
{
	/* xorshift64*: sampling needs spread, not secrecy */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

/* One file to check; objects named by several paths are checked once. */
struct vitem {
	char *path;        /* where it is */
	const char *sha;   /* expected (points into the manifest) */
	int64_t size;
	const char *bad;   /* result: "" or the problem */
	int64_t bytes;     /* bytes read */
};

struct vjob {
	struct vitem *v;
	size_t n;
	atomic_size_t next, done;
	atomic_llong bytes;
	struct bk_waiter wt;
	struct bk_progress pg;
};

static void check_one(struct vitem *it)
{
	struct stat st;
	char got[65];
	it->bad = "";
	if (stat(it->path, &st) != 0) {
		it->bad = "missing";
	} else if (st.st_size != it->size) {
		it->bad = "wrong size";
	} else {
		struct lr_err herr = LR_ERR_INIT;
		int64_t sz;
		if (bk_hash_file(it->path, got, &sz, &herr) < 0)
			it->bad = "unreadable";
		else if (strcmp(got, it->sha) != 0)
			it->bad = "SHA-256 differs (damaged)";
		it->bytes = st.st_size;
	}
}

static void *vworker(void *arg)
{
	struct vjob *J = arg;
	size_t i;
	while ((i = atomic_fetch_add(&J->next, 1)) < J->n) {
		check_one(&J->v[i]);
		atomic_fetch_add(&J->bytes, (long long)J->v[i].bytes);
		atomic_fetch_add(&J->done, 1);
	}
	bk_waiter_leave(&J->wt);
	return NULL;
}

static void verify_tick(void *ctx)
{
	struct vjob *J = ctx;
	bk_progress_update(&J->pg, (int64_t)atomic_load(&J->done), (int64_t)J->n, atomic_load(&J->bytes), 0);
}

#define VERIFY_THREADS 2

static int check_files(const struct verify_opts *o, json_t *m, struct verify_result *r)
{
	json_t *files = json_object_get(m, "files");
	if (getrandom(&rng_state, sizeof rng_state, 0) != sizeof rng_state || !rng_state)
		rng_state = (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL + 1;
	size_t i, n = json_array_size(files);
	json_t *e;
	r->files_total = (int64_t)n;
	/* 1: choose the files (sample), one item per distinct file on disk */
	struct vjob J;
	memset(&J, 0, sizeof J);
	J.v = xcalloc(n ? n : 1, sizeof *J.v);
	size_t *item_of = xcalloc(n ? n : 1, sizeof *item_of); /* entry -> item + 1, 0: skipped */
	json_t *byobj = json_object();                          /* sha -> item index */
	struct strbuf path = STRBUF_INIT;
	json_array_foreach(files, i, e) {
		if (o->sample_pct < 100.0 && (double)(rnd() % 1000000) >= o->sample_pct * 10000.0)
			continue;
		const char *kind = json_string_value(json_object_get(e, "kind"));
		const char *rel = json_string_value(json_object_get(e, "path"));
		const char *sha = json_string_value(json_object_get(e, "sha256"));
		if (!kind || !rel || !sha || strlen(sha) != 64) {
			problem(r, rel ? rel : "?", "manifest entry incomplete");
			continue;
		}
		r->files_checked++;
		int object = strcmp(kind, "db") != 0;
		json_t *seen = object ? json_object_get(byobj, sha) : NULL;
		if (seen) {
			item_of[i] = (size_t)json_integer_value(seen) + 1;
			continue;
		}
		if (object) {
			bk_object_path(o->dir, sha, &path);
			json_object_set_new(byobj, sha, json_integer((json_int_t)J.n));
		} else {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", o->dir, rel);
		}
		struct vitem *it = &J.v[J.n];
		it->path = xstrdup(path.buf);
		it->sha = sha;
		it->size = json_integer_value(json_object_get(e, "size"));
		item_of[i] = ++J.n;
	}
	/* 2: hash in parallel */
	pthread_t th[VERIFY_THREADS];
	int started = 0;
	bk_waiter_init(&J.wt);
	bk_progress_start(&J.pg, o->progress, "verify");
	for (int k = 0; k < VERIFY_THREADS; k++)
		if (bk_waiter_start(&J.wt, &th[k], vworker, &J) == 0)
			started++;
	if (!started) {
		J.wt.running = 1; /* vworker leaves the waiter when it ends */
		vworker(&J);
	}
	bk_waiter_wait(&J.wt, verify_tick, &J);
	for (int k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	bk_waiter_destroy(&J.wt);
	r->bytes_checked = atomic_load(&J.bytes);
	bk_progress_end(&J.pg, (int64_t)J.n, r->bytes_checked);
	/* 3: report in manifest order, naming every path of a bad object */
	struct strbuf shown = STRBUF_INIT;
	json_array_foreach(files, i, e) {
		if (!item_of[i])
			continue;
		struct vitem *it = &J.v[item_of[i] - 1];
		if (!*it->bad)
			continue;
		const char *kind = json_string_value(json_object_get(e, "kind"));
		const char *rel = json_string_value(json_object_get(e, "path"));
		strbuf_reset(&shown);
		if (strcmp(kind, "db") != 0)
			strbuf_addf(&shown, "%s (objects/%.2s/%s)", rel, it->sha, it->sha + 2);
		else
			strbuf_addstr(&shown, rel);
		problem(r, shown.buf, it->bad);
	}
	for (size_t k = 0; k < J.n; k++)
		free(J.v[k].path);
	free(J.v);
	free(item_of);
	json_decref(byobj);
	strbuf_release(&path);
	strbuf_release(&shown);
	return 0;
}

static int open_scratch(const char *target, enum db_engine want, struct db **db, struct lr_err *err)
{
	struct db_conninfo ci;
	memset(&ci, 0, sizeof ci);
	if (db_is_uri(target)) {
		if (db_uri_parse(target, &ci, err) < 0)
			return -1;
	} else {
		if (access(target, F_OK) == 0)
			return lr_fail(err, LR_EXIT_USAGE, "--restore-into %s: the file exists; name a new SQLite file",
				       target);
		ci.engine = DB_SQLITE;
		ci.path = xstrdup(target);
		ci.create = 1;
	}
	if (ci.engine != want) {
		db_conninfo_release(&ci);
		return lr_fail(err, LR_EXIT_USAGE, "--restore-into: the dump is in %s's dialect; restore it into "
			       "a %s database", db_engine_name(want), db_engine_name(want));
	}
	int rc = db_open(&ci, db, err);
	db_conninfo_release(&ci);
	if (rc < 0)
		return -1;
	const struct db_catalog *cat = db_catalog(*db, err);
	if (!cat)
		return -1;
	if (cat->ntables > 0) {
		struct strbuf where = STRBUF_INIT;
		db_target_redact(target, &where);
		lr_fail(err, LR_EXIT_USAGE, "--restore-into %s: the database is not empty (%d tables); "
			"restore into a new scratch database", where.buf, cat->ntables);
		strbuf_release(&where);
		return -1;
	}
	return 0;
}

static int restore_compare(const struct verify_opts *o, json_t *m, struct verify_result *r, struct lr_err *err)
{
	json_t *dbj = json_object_get(m, "database");
	const char *eng = json_string_value(json_object_get(dbj, "engine"));
	enum db_engine want = !eng ? 0 : !strcmp(eng, "mariadb") ? DB_MARIADB : !strcmp(eng, "postgresql") ? DB_PGSQL
							       : DB_SQLITE;
	struct db *db = NULL;
	int rc = open_scratch(o->restore_into, want, &db, err);
	if (rc == 0)
		rc = bk_restore(db, o->dir, m, o->progress, err);
	if (rc < 0) {
		db_close(db);
		return -1;
	}
	/* sums of another checksum definition (docs/checksum.md, Version)
	 * cannot be compared: row counts still are */
	json_t *cv = json_object_get(dbj, "checksumVersion");
	int sums = (cv ? json_integer_value(cv) : 1) == DB_CHECKSUM_VERSION;
	if (!sums)
		lr_warn("%s: row checksums of definition %d (this lrprep computes %d): row counts compared, "
			"checksums not", o->dir, cv ? (int)json_integer_value(cv) : 1, DB_CHECKSUM_VERSION);
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(dbj, "tables"), i, t) {
		const char *name = json_string_value(json_object_get(t, "name"));
		json_int_t rows = json_integer_value(json_object_get(t, "rows"));
		const char *sum = json_string_value(json_object_get(t, "checksum"));
		const char *real = name ? db_table_name(db, name) : NULL;
		struct table_sum ts = { 0 };
		struct lr_err cerr = LR_ERR_INIT;
		int ok = real && db_table_checksum(db, real, &ts, &cerr) == 0 && ts.rows == rows &&
			 (!sums || (sum && !strcmp(ts.hex, sum)));
		r->tables_compared++;
		if (!ok)
			r->tables_bad++;
		json_array_append_new(r->tables,
				      json_pack("{s:s, s:I, s:I, s:s, s:s, s:b, s:s}", "name", name ? name : "?", "rows",
						(json_int_t)ts.rows, "expectedRows", rows, "checksum", ts.hex,
						"expected", sum ? sum : "", "ok", ok, "error",
						!real ? "table missing after restore" : cerr.msg));
	}
	db_close(db);
	return 0;
}

int verify_run(const struct verify_opts *o, struct verify_result *r, json_t **manifest_out, struct lr_err *err)
{
	memset(r, 0, sizeof *r);
	r->problems = json_array();
	r->tables = json_array();
	struct stat st;
	if (stat(o->dir, &st) != 0)
		return lr_fail(err, LR_EXIT_INPUT, "%s: %s", o->dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return lr_fail(err, LR_EXIT_USAGE, "%s: not a directory", o->dir);
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/manifest.json", o->dir);
	if (stat(p.buf, &st) != 0) {
		int rc = lr_fail(err, errno == ENOENT ? LR_EXIT_ERRORS : LR_EXIT_INPUT,
				 "%s: no manifest.json: not a complete backup (a backup that was interrupted "
				 "never gets one; run lrprep backup again)", o->dir);
		strbuf_release(&p);
		return rc;
	}
	json_t *m = bk_manifest_load(p.buf, err);
	strbuf_release(&p);
	if (!m)
		return -1;
	int rc = check_files(o, m, r);
	if (rc == 0 && o->restore_into)
		rc = restore_compare(o, m, r, err);
	if (rc == 0 && manifest_out)
		*manifest_out = m;
	else
		json_decref(m);
	return rc;
}
