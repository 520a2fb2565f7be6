/* Loading a backup's dump into a scratch database: the same files, in the
 * same order, that restore.sh pipes into the engine's client (schema, data,
 * indexes), split into statements and run one by one. */
#include "dbpart.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zstd.h>

struct rctx {
	struct db *db;
	struct strbuf stmt;
	int64_t statements;
	const char *file;
};

static int run_stmt(void *ctx, const char *sql, size_t len, struct lr_err *err)
{
	struct rctx *r = ctx;
	strbuf_reset(&r->stmt);
	strbuf_add(&r->stmt, sql, len);
	int64_t n;
	if (db_exec(r->db, r->stmt.buf, NULL, 0, &n, err) < 0) {
		lr_err_prefix(err, "restoring %s: ", r->file);
		return -1;
	}
	r->statements++;
	return 0;
}

static int restore_file(struct rctx *r, const char *path, struct lr_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return lr_fail(err, LR_EXIT_INPUT, "%s: %s", path, strerror(errno));
	r->file = path;
	ZSTD_DCtx *z = ZSTD_createDCtx();
	size_t incap = ZSTD_DStreamInSize(), outcap = ZSTD_DStreamOutSize();
	char *in = xmalloc(incap), *out = xmalloc(outcap);
	struct strbuf buf = STRBUF_INIT;
	enum db_engine e = db_engine(r->db);
	int rc = 0;
	size_t n, last = 1;
	while (rc == 0 && (n = fread(in, 1, incap, f)) > 0) {
		ZSTD_inBuffer ib = { in, n, 0 };
		while (ib.pos < ib.size) {
			ZSTD_outBuffer ob = { out, outcap, 0 };
			last = ZSTD_decompressStream(z, &ob, &ib);
			if (ZSTD_isError(last)) {
				rc = lr_fail(err, LR_EXIT_ERRORS, "%s: %s", path, ZSTD_getErrorName(last));
				break;
			}
			strbuf_add(&buf, out, ob.pos);
		}
		if (rc == 0 && buf.len >= (1u << 20))
			rc = bk_sql_split(e, &buf, 0, run_stmt, r, err);
	}
	if (rc == 0 && ferror(f))
		rc = lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", path, strerror(errno));
	if (rc == 0 && last != 0)
		rc = lr_fail(err, LR_EXIT_ERRORS, "%s: truncated zstd stream", path);
	if (rc == 0)
		rc = bk_sql_split(e, &buf, 1, run_stmt, r, err);
	strbuf_release(&buf);
	free(in);
	free(out);
	ZSTD_freeDCtx(z);
	fclose(f);
	return rc;
}

int bk_restore(struct db *db, const char *dir, json_t *manifest, int progress, struct lr_err *err)
{
	json_t *dbj = json_object_get(manifest, "database");
	const char *gen = json_string_value(json_object_get(dbj, "dir"));
	json_t *tables = json_object_get(dbj, "tables");
	if (!gen || !json_is_array(tables))
		return lr_fail(err, LR_EXIT_ERRORS, "the manifest has no database part");
	struct rctx r = { db, STRBUF_INIT, 0, NULL };
	struct strbuf path = STRBUF_INIT;
	struct bk_progress pg;
	int64_t total = (int64_t)json_array_size(tables) + 2, done = 0;
	bk_progress_start(&pg, progress, "restore");
	int rc = 0;
	strbuf_addf(&path, "%s/%s/schema.sql.zst", dir, gen);
	rc = restore_file(&r, path.buf, err);
	size_t i;
	json_t *t;
	json_array_foreach(tables, i, t) {
		size_t k;
		json_t *f;
		json_array_foreach(json_object_get(t, "files"), k, f) {
			if (rc < 0)
				break;
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", dir, json_string_value(f));
			rc = restore_file(&r, path.buf, err);
		}
		bk_progress_update(&pg, ++done, total, 0, 0);
		if (rc < 0)
			break;
	}
	if (rc == 0) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s/post.sql.zst", dir, gen);
		rc = restore_file(&r, path.buf, err);
	}
	bk_progress_end(&pg, total, 0);
	if (rc == 0)
		rc = db_catalog_reload(db, err);
	strbuf_release(&path);
	strbuf_release(&r.stmt);
	return rc;
}
