/* Helpers shared by the sample tests: run `lrprep sample` into the test's
 * temp directory and read the ground truth it wrote. */
#ifndef LR_TEST_SAMPLE_H
#define LR_TEST_SAMPLE_H
#include "testlib.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Generate <tmp>/<name>.db (+ .truth.json, .store) with extra options;
 * returns the database path (static, one per call site's buffer). */
static inline void ts_generate(const char *name, char *dbpath, size_t n, const char *const *extra)
{
	snprintf(dbpath, n, "%s/%s.db", tl_tmpdir(), name);
	const char *argv[32] = { "sample", "-o", dbpath, "--force" };
	int k = 4;
	for (int i = 0; extra && extra[i] && k < 31; i++)
		argv[k++] = extra[i];
	argv[k] = NULL;
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_runv(&out, &err, argv);
	if (rc != 0)
		fail_msg("lrprep sample %s exited %d: %s", name, rc, strbuf_str(&err));
	strbuf_release(&out);
	strbuf_release(&err);
}

/* "<tmp>/x.db" -> "<tmp>/x" + suffix */
static inline void ts_beside(const char *dbpath, const char *suffix, char *out, size_t n)
{
	size_t l = strlen(dbpath) - 3;
	snprintf(out, n, "%.*s%s", (int)l, dbpath, suffix);
}

static inline json_t *ts_truth(const char *dbpath)
{
	char p[4200];
	ts_beside(dbpath, ".truth.json", p, sizeof p);
	json_error_t e;
	json_t *t = json_load_file(p, 0, &e);
	if (!t)
		fail_msg("%s: %s (line %d)", p, e.text, e.line);
	return t;
}

static inline int64_t ts_count(json_t *truth, const char *section)
{
	return (int64_t)json_array_size(json_object_get(truth, section));
}

/* One integer from SQL with bound integer parameters. */
static inline int64_t ts_int(struct db *db, const char *sql, int n, const int64_t *p)
{
	struct db_value v[8];
	for (int i = 0; i < n; i++)
		v[i] = db_int(p[i]);
	struct lr_err err = LR_ERR_INIT;
	int64_t out = 0;
	if (db_query_int(db, sql, v, n, &out, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
	return out;
}
#endif
