/* The database dump: every table in parallel inside one snapshot, large
 * tables cut into primary-key ranges, each piece a standalone zstd file of
 * multi-row INSERTs. Row counts and checksums (db/checksum.h definition)
 * are computed from the very rows written, so they are taken inside the
 * snapshot at no extra scan. */
#include "dbpart.h"
#include "../db/checksum.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zstd.h>

#define STMT_BYTES (1u << 20)  /* one INSERT: well under max_allowed_packet */
#define MAX_CHUNKS 256

/* ---- zstd file writer that hashes what it writes ------------------------- */

/* Each put is one zstd frame, compressed in one call straight from the
 * caller's buffer: the streaming API copies all its input into a window
 * buffer first (7 % of a dump's client instructions). A file is then a
 * series of frames, which zstd -d, the zstd library and restore.sh read as
 * one stream; frames of about 1 MB lose nothing measurable of the ratio. */
struct zout {
	int fd;
	ZSTD_CCtx *z;
	EVP_MD_CTX *md;
	unsigned char *buf;
	size_t cap;
	int64_t size;
	int frames;
	const char *path;
};

static int zout_open(struct zout *o, const char *path, struct lr_err *err)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (o->fd < 0)
		return lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", path, strerror(errno));
	o->z = ZSTD_createCCtx();
	/* level -1 ("--fast=1"): the dump is CPU-bound (client and server share
	 * the cores); 1.6x zstd -1's speed for 8x instead of 12x on dump text */
	ZSTD_CCtx_setParameter(o->z, ZSTD_c_compressionLevel, -1);
	/* a 2048-entry match table stays in the core's L1/L2 while the
	 * server and the other worker share the cache: 5 % less CPU for the
	 * whole dump, files 0.1 % larger (bench/backup.sh data) */
	ZSTD_CCtx_setParameter(o->z, ZSTD_c_hashLog, 11);
	/* no frame checksum (an XXH64 of every byte): the manifest's SHA-256
	 * of the file and the restore's row checksums prove it */
	o->md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(o->md, EVP_sha256(), NULL);
	return 0;
}

/* One frame of len bytes (len may be 0: an empty frame). */
static int zout_put(struct zout *o, const void *data, size_t len, struct lr_err *err)
{
	size_t need = ZSTD_compressBound(len);
	if (need > o->cap) {
		free(o->buf);
		o->cap = need;
		o->buf = xmalloc(o->cap);
	}
	size_t r = ZSTD_compress2(o->z, o->buf, o->cap, data, len);
	if (ZSTD_isError(r))
		return lr_fail(err, LR_EXIT_FAILED, "compressing %s: %s", o->path, ZSTD_getErrorName(r));
	for (size_t off = 0; off < r;) {
		ssize_t w = write(o->fd, o->buf + off, r - off);
		if (w < 0)
			return lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", o->path, strerror(errno));
		off += (size_t)w;
	}
	EVP_DigestUpdate(o->md, o->buf, r);
	o->size += (int64_t)r;
	o->frames++;
	return 0;
}

/* Finish; hex receives the SHA-256 of the compressed file. */
static int zout_close(struct zout *o, char hex[65], struct lr_err *err)
{
	int rc = 0;
	if (o->fd >= 0) {
		if (!o->frames) /* a zstd file holds at least one frame */
			rc = zout_put(o, "", 0, err);
		unsigned char md[32];
		EVP_DigestFinal_ex(o->md, md, NULL);
		if (hex)
			bk_hex(md, 32, hex);
		/* write-back starts now: the fsync before the manifest is then short */
		if (rc == 0)
			sync_file_range(o->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		if (close(o->fd) != 0 && rc == 0)
			rc = lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", o->path, strerror(errno));
	}
	ZSTD_freeCCtx(o->z);
	EVP_MD_CTX_free(o->md);
	free(o->buf);
	o->fd = -1;
	return rc;
}

/* ---- plan ------------------------------------------------------------------ */

struct unit {
	int table;
	int chunk;
	int ranged;
	int64_t lo, hi;      /* pk >= lo AND pk < hi */
	int64_t est;
	/* results */
	int64_t rows;
	uint64_t sum;
	int64_t size;
	char sha[65];
	char *rel;           /* path inside DIR */
};

struct tinfo {
	const struct db_table *t;
	char *fname;         /* file-name stem */
	int *perm;           /* column indexes in checksum order */
	const char *pk;      /* single integer pk column, or NULL */
};

struct job {
	struct bk_snap *s;
	const char *dir, *gen;
	struct tinfo *ti;
	struct unit *units;
	int nunits;
	atomic_int next;
	atomic_int done;
	atomic_llong bytes;
	atomic_int failed;
	pthread_mutex_t lock;
	struct lr_err err;   /* first error, under lock */
	struct bk_waiter wt;
	struct bk_progress pg;
	double t0;           /* workers started */
};

/* Row and byte estimates of every table, to plan the pieces: one catalog
 * query on a server (one per table took a third of the planning), the
 * exact counts on SQLite. -1 where unknown. */
static void estimate_all(struct db *db, const struct db_catalog *cat, int64_t *rows, int64_t *bytes)
{
	for (int i = 0; i < cat->ntables; i++)
		rows[i] = bytes[i] = -1;
	const char *sql = NULL;
	switch (db_engine(db)) {
	case DB_MARIADB:
		sql = "SELECT TABLE_NAME, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES "
		      "WHERE TABLE_SCHEMA = DATABASE()";
		break;
	case DB_PGSQL:
		sql = "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c "
		      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
		      "AND c.relkind IN ('r', 'p')";
		break;
	case DB_SQLITE:
		for (int i = 0; i < cat->ntables; i++) {
			struct lr_err e = LR_ERR_INIT;
			if (db_table_rows(db, cat->tables[i].name, &rows[i], &e) < 0)
				rows[i] = -1;
			bytes[i] = db_table_bytes(db, cat->tables[i].name);
		}
		return;
	}
	struct db_cursor *c;
	struct lr_err e = LR_ERR_INIT;
	if (db_query(db, sql, NULL, 0, &c, &e) < 0)
		return; /* estimates only: one piece per table then */
	while (db_next(c, &e) == 1) {
		struct db_value v;
		db_get(c, 0, &v);
		for (int i = 0; i < cat->ntables && v.s; i++)
			if (strlen(cat->tables[i].name) == v.len && !memcmp(cat->tables[i].name, v.s, v.len)) {
				rows[i] = db_is_null(c, 1) ? -1 : db_get_int(c, 1);
				bytes[i] = db_is_null(c, 2) ? -1 : db_get_int(c, 2);
				break;
			}
	}
	db_cursor_close(c);
}

static const char *const *g_names; /* qsort context: column names */
static int by_lower_name(const void *a, const void *b)
{
	return strcasecmp(g_names[*(const int *)a], g_names[*(const int *)b]);
}

static void tinfo_init(struct tinfo *ti, const struct db_table *t, int idx, struct tinfo *all)
{
	ti->t = t;
	struct strbuf fn = STRBUF_INIT;
	for (const char *p = t->name; *p; p++)
		strbuf_addch(&fn, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
					  (*p >= '0' && *p <= '9') || *p == '_' ? *p : '_');
	/* case-insensitive file systems: two tables may not share a stem */
	for (int i = 0; i < idx; i++)
		if (!strcasecmp(all[i].fname, fn.buf)) {
			strbuf_addf(&fn, "-%d", idx);
			break;
		}
	ti->fname = strbuf_detach(&fn, NULL);
	ti->perm = xmalloc(sizeof(int) * (size_t)(t->ncols ? t->ncols : 1));
	const char **names = xmalloc(sizeof(char *) * (size_t)(t->ncols ? t->ncols : 1));
	int npk = 0;
	for (int c = 0; c < t->ncols; c++) {
		ti->perm[c] = c;
		names[c] = t->cols[c].name;
		if (t->cols[c].pk)
			npk++;
	}
	g_names = names;
	qsort(ti->perm, (size_t)t->ncols, sizeof(int), by_lower_name);
	g_names = NULL;
	free(names);
	ti->pk = NULL;
	for (int c = 0; c < t->ncols && npk == 1; c++)
		if (t->cols[c].pk && t->cols[c].kind == DB_INT)
			ti->pk = t->cols[c].name;
}

static int64_t chunk_rows(void)
{
	const char *e = getenv("LRPREP_BACKUP_CHUNK_ROWS"); /* tests force splitting */
	long long v = e ? atoll(e) : 0;
	return v > 0 ? v : 250000;
}

/* Units of one table: one, or pk ranges when the table is large. */
static int plan_table(struct job *J, int ti, int64_t est, int64_t bytes, struct unit **units, size_t *cap,
		      struct lr_err *err)
{
	struct tinfo *T = &J->ti[ti];
	if (est < 0)
		est = 0;
	int n = 1;
	int64_t lo = 0, hi = 0;
	int64_t per = chunk_rows();
	/* wide rows (article content) are cut by size too: about 64 MB a piece */
	int64_t by_size = bytes > 0 ? (bytes >> 26) + 1 : 1;
	int64_t by_rows = (est + per - 1) / per;
	int64_t want = by_rows > by_size ? by_rows : by_size;
	if (T->pk && want > 1) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "SELECT MIN(");
		db_quote_ident(J->s->coord, &sql, T->pk);
		strbuf_addstr(&sql, "), MAX(");
		db_quote_ident(J->s->coord, &sql, T->pk);
		strbuf_addstr(&sql, ") FROM ");
		db_quote_ident(J->s->coord, &sql, T->t->name);
		struct db_cursor *c;
		int rc = db_query(J->s->coord, sql.buf, NULL, 0, &c, err);
		strbuf_release(&sql);
		if (rc < 0)
			return -1;
		if (db_next(c, err) == 1 && !db_is_null(c, 0)) {
			lo = db_get_int(c, 0);
			hi = db_get_int(c, 1);
			n = want > MAX_CHUNKS ? MAX_CHUNKS : (int)want;
			if ((__int128)hi - lo + 1 < n)
				n = 1;
		}
		db_cursor_close(c);
	}
	__int128 span = (__int128)hi - lo + 1;
	for (int k = 0; k < n; k++) {
		XGROW(*units, *cap, (size_t)J->nunits + 1);
		struct unit *u = &(*units)[J->nunits++];
		memset(u, 0, sizeof *u);
		u->table = ti;
		u->chunk = k;
		u->est = est / n;
		if (n > 1) {
			u->ranged = 1;
			u->lo = (int64_t)(lo + span * k / n);
			u->hi = (int64_t)(lo + span * (k + 1) / n);
		}
	}
	return 0;
}

static int by_est_desc(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	return x->est < y->est ? 1 : x->est > y->est ? -1 : 0;
}

/* ---- workers --------------------------------------------------------------- */

/* Is s (len n), an integer column's text from the server (digits after an
 * optional '-'), the decimal its canonical text would be? Not with a
 * leading zero (a ZEROFILL column) nor as "-0". */
static int canonical_int(const char *s, size_t n)
{
	size_t k = n > 0 && s[0] == '-';
	return n > k && !(s[k] == '0' && (k || n > 1));
}

/* A text cursor's integer (db_mariadb_get_row: text only): as the
 * canonical text when it already is (not ZEROFILL), else parsed. */
static struct db_value int_of_text(struct db_value v)
{
	if (canonical_int(v.s, v.len)) {
		v.kind = DB_TEXT;
		return v;
	}
	uint64_t u = 0;
	for (size_t k = v.len > 0 && v.s[0] == '-'; k < v.len; k++)
		u = u * 10 + (uint64_t)(v.s[k] - '0');
	v.i = (int64_t)(v.len > 0 && v.s[0] == '-' ? 0 - u : u);
	return v;
}

/* A text cursor's real (db_mariadb_get_row: text only): as the canonical
 * text when it already is, else parsed. */
static struct db_value real_of_text(struct db_value v)
{
	if (db_real_text_is_canonical(v.s, v.len)) {
		v.kind = DB_TEXT;
		return v;
	}
	char tmp[64];
	size_t k = v.len < sizeof tmp - 1 ? v.len : sizeof tmp - 1;
	memcpy(tmp, v.s, k);
	tmp[k] = 0;
	v.r = strtod(tmp, NULL);
	return v;
}

static int dump_unit(struct job *J, struct db *db, struct unit *u, struct lr_err *err)
{
	struct tinfo *T = &J->ti[u->table];
	const struct db_table *t = T->t;
	enum db_engine e = J->s->engine;
	struct strbuf path = STRBUF_INIT, sql = STRBUF_INIT, stmt = STRBUF_INIT, ins = STRBUF_INIT;
	struct strbuf rel = STRBUF_INIT;
	/* MariaDB: text protocol; numbers are written as the server spelled
	 * them (exact: a DOUBLE's text is its shortest round-trip form) */
	int text = e == DB_MARIADB;
	strbuf_addf(&rel, "%s/data/%s.%04d.sql.zst", J->gen, T->fname, u->chunk);
	strbuf_addf(&path, "%s/%s", J->dir, rel.buf);
	u->rel = strbuf_detach(&rel, NULL);

	strbuf_addstr(&ins, "INSERT INTO ");
	db_quote_ident(db, &ins, t->name);
	strbuf_addstr(&ins, " (");
	strbuf_addstr(&sql, "SELECT ");
	/* columns in checksum order (lower-cased names): the row hash then
	 * takes each value as it is written */
	for (int i = 0; i < t->ncols; i++) {
		int c = T->perm[i];
		if (i) {
			strbuf_addch(&ins, ',');
			strbuf_addch(&sql, ',');
		}
		db_quote_ident(db, &ins, t->cols[c].name);
		if (text && t->cols[c].kind == DB_REAL && strcasecmp(t->cols[c].decl, "double") != 0) {
			/* the text protocol spells FLOAT with 6 digits only */
			strbuf_addstr(&sql, "CAST(");
			db_quote_ident(db, &sql, t->cols[c].name);
			strbuf_addstr(&sql, " AS DOUBLE)");
		} else {
			db_quote_ident(db, &sql, t->cols[c].name);
		}
	}
	strbuf_addstr(&ins, ") VALUES\n");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	struct db_value p[2];
	int np = 0;
	if (u->ranged) {
		strbuf_addstr(&sql, " WHERE ");
		db_quote_ident(db, &sql, T->pk);
		strbuf_addstr(&sql, " >= ? AND ");
		db_quote_ident(db, &sql, T->pk);
		strbuf_addstr(&sql, " < ?");
		p[0] = db_int(u->lo);
		p[1] = db_int(u->hi);
		np = 2;
	}

	struct zout zo;
	struct row_hasher *rh = row_hasher_new();
	struct db_cursor *c = NULL;
	struct db_value *vals = xcalloc((size_t)t->ncols + 1, sizeof *vals);
	enum db_kind *kinds = xcalloc((size_t)t->ncols + 1, sizeof *kinds);
	for (int k = 0; k < t->ncols; k++)
		kinds[k] = t->cols[T->perm[k]].kind;
	int rc = -1;
	if (zout_open(&zo, path.buf, err) < 0)
		goto out;
	strbuf_addf(&stmt, "-- lrprep backup: table %s, part %d\n", t->name, u->chunk);
	bk_sql_header(e, &stmt);
	if ((text ? db_mariadb_query_text(db, sql.buf, p, np, &c, err) : db_query(db, sql.buf, p, np, &c, err)) < 0)
		goto out_z;
	int r;
	int64_t inrow = 0;
	while ((r = db_next(c, err)) == 1) {
		if (inrow)
			strbuf_add(&stmt, ",\n(", 3);
		else {
			strbuf_add(&stmt, ins.buf, ins.len);
			strbuf_addch(&stmt, '(');
		}
		if (text)
			db_mariadb_get_row(c, vals);
		else
			for (int k = 0; k < t->ncols; k++)
				db_get(c, k, &vals[k]);
		/* SQL text and row checksum (src/db/checksum.h) in one pass */
		row_hasher_begin(rh);
		for (int k = 0; k < t->ncols; k++) {
			struct db_value *v = &vals[k];
			if (text && v->s && (v->kind == DB_INT || v->kind == DB_BOOL || v->kind == DB_REAL)) {
				/* the hottest path of a dump: no call per byte run */
				strbuf_grow(&stmt, v->len + 1);
				char *o = stmt.buf + stmt.len;
				if (k)
					*o++ = ',';
				memcpy(o, v->s, v->len);
				stmt.len = (size_t)(o - stmt.buf) + v->len;
				stmt.buf[stmt.len] = 0;
				/* a number's canonical text is most often the
				 * server's: hash it instead of printing again */
				struct db_value x = v->kind == DB_REAL ? real_of_text(*v) : int_of_text(*v);
				if (x.kind == DB_TEXT)
					row_hasher_text(rh, x.s, x.len);
				else
					row_hasher_value(rh, &x, kinds[k]);
				continue;
			}
			if (k)
				strbuf_addch(&stmt, ',');
			if (v->kind == DB_TEXT && kinds[k] == DB_TEXT) {
				/* most of the bytes: the text is its own canonical value */
				bk_sql_quote(e, &stmt, v->s, v->len);
				row_hasher_text(rh, v->s, v->len);
				continue;
			}
			bk_sql_value(e, v, &stmt);
			row_hasher_value(rh, v, kinds[k]);
		}
		strbuf_addch(&stmt, ')');
		uint64_t h = row_hasher_end(rh);
		u->sum += h;
		u->rows++;
		inrow++;
		if (stmt.len >= STMT_BYTES) {
			strbuf_addstr(&stmt, ";\n");
			atomic_fetch_add(&J->bytes, (long long)stmt.len);
			if (zout_put(&zo, stmt.buf, stmt.len, err) < 0)
				goto out_z;
			strbuf_reset(&stmt);
			inrow = 0;
		}
	}
	if (r < 0)
		goto out_z;
	if (inrow)
		strbuf_addstr(&stmt, ";\n");
	bk_sql_footer(e, &stmt);
	atomic_fetch_add(&J->bytes, (long long)stmt.len);
	if (zout_put(&zo, stmt.buf, stmt.len, err) < 0)
		goto out_z;
	rc = 0;
out_z:
	if (c)
		db_cursor_close(c);
	if (zout_close(&zo, u->sha, err) < 0)
		rc = -1;
	u->size = zo.size;
out:
	row_hasher_free(rh);
	free(vals);
	free(kinds);
	strbuf_release(&path);
	strbuf_release(&sql);
	strbuf_release(&stmt);
	strbuf_release(&ins);
	return rc;
}

struct warg {
	struct job *J;
	struct db *db;
};

static void *worker(void *arg)
{
	struct warg *w = arg;
	struct job *J = w->J;
	for (;;) {
		if (atomic_load(&J->failed))
			break;
		int i = atomic_fetch_add(&J->next, 1);
		if (i >= J->nunits)
			break;
		struct lr_err err = LR_ERR_INIT;
		if (dump_unit(J, w->db, &J->units[i], &err) < 0) {
			pthread_mutex_lock(&J->lock);
			if (!J->err.code)
				J->err = err;
			pthread_mutex_unlock(&J->lock);
			atomic_store(&J->failed, 1);
			break;
		}
		int d = atomic_fetch_add(&J->done, 1) + 1;
		bk_crash_point_n("db-unit", d);
	}
	lr_verbose("dump worker done after %.2f s", lr_now() - J->t0);
	bk_waiter_leave(&J->wt);
	return NULL;
}

static void dump_tick(void *ctx)
{
	struct job *J = ctx;
	bk_progress_update(&J->pg, atomic_load(&J->done), J->nunits, atomic_load(&J->bytes), 0);
}

static void add_file(json_t *files, const char *rel, int64_t size, const char *sha)
{
	json_array_append_new(files, json_pack("{s:s, s:s, s:I, s:s}", "kind", "db", "path", rel,
					       "size", (json_int_t)size, "sha256", sha));
}

static int write_text_file(const char *dir, const char *rel, const char *text, size_t len, json_t *files,
			   struct backup_stats *st, struct lr_err *err)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, rel);
	struct zout zo;
	char sha[65];
	int rc = zout_open(&zo, path.buf, err);
	if (rc == 0)
		rc = zout_put(&zo, text, len, err);
	if (zout_close(&zo, sha, err) < 0)
		rc = -1;
	if (rc == 0) {
		add_file(files, rel, zo.size, sha);
		st->db_files++;
		st->db_bytes += zo.size;
	}
	strbuf_release(&path);
	return rc;
}

int bk_dump(struct bk_snap *s, const char *dir, const char *gen, int progress, json_t *tables,
	    json_t *files, struct backup_stats *st, struct lr_err *err)
{
	const struct db_catalog *cat = db_catalog(s->coord, err);
	if (!cat)
		return -1;
	struct job J;
	memset(&J, 0, sizeof J);
	J.s = s;
	J.dir = dir;
	J.gen = gen;
	pthread_mutex_init(&J.lock, NULL);
	bk_waiter_init(&J.wt);
	int nt = cat->ntables;
	J.ti = xcalloc((size_t)(nt ? nt : 1), sizeof *J.ti);
	struct strbuf create = STRBUF_INIT, post = STRBUF_INIT, path = STRBUF_INIT;
	size_t cap = 0;
	int rc = -1;
	pthread_t *th = NULL;
	struct warg *wa = NULL;
	int started = 0;
	int64_t *erows = xcalloc((size_t)nt + 1, sizeof *erows), *ebytes = xcalloc((size_t)nt + 1, sizeof *ebytes);

	double t0 = lr_now();
	strbuf_addf(&path, "%s/%s/data", dir, gen);
	if (bk_mkdir_p(path.buf, err) < 0)
		goto out;
	estimate_all(s->coord, cat, erows, ebytes);
	for (int i = 0; i < nt; i++) {
		tinfo_init(&J.ti[i], &cat->tables[i], i, J.ti);
		if (plan_table(&J, i, erows[i], ebytes[i], &J.units, &cap, err) < 0)
			goto out;
	}
	lr_verbose("plan: %d tables, %d pieces in %.2f s", nt, J.nunits, lr_now() - t0);
	qsort(J.units, (size_t)J.nunits, sizeof *J.units, by_est_desc);

	J.t0 = lr_now();
	th = xcalloc((size_t)s->njobs, sizeof *th);
	wa = xcalloc((size_t)s->njobs, sizeof *wa);
	for (int i = 0; i < s->njobs; i++) {
		wa[i].J = &J;
		wa[i].db = s->workers[i];
		if (bk_waiter_start(&J.wt, &th[i], worker, &wa[i]) != 0) {
			lr_fail(err, LR_EXIT_FAILED, "cannot start a dump thread");
			atomic_store(&J.failed, 1);
			break;
		}
		started++;
	}
	/* the schema meanwhile, on the coordinator's connection (in the same
	 * snapshot): its queries no longer hold the workers back */
	strbuf_addstr(&create, "-- lrprep backup: schema\n");
	bk_sql_header(s->engine, &create);
	strbuf_addstr(&post, "-- lrprep backup: indexes, after the data\n");
	bk_sql_header(s->engine, &post);
	struct lr_err serr = LR_ERR_INIT;
	int src = 0;
	for (int i = 0; i < nt && src == 0 && !atomic_load(&J.failed); i++)
		src = bk_sql_create(s->coord, cat->tables[i].name, &create, &post, &serr);
	bk_sql_footer(s->engine, &create);
	bk_sql_footer(s->engine, &post);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/schema.sql.zst", gen);
	if (src == 0)
		src = write_text_file(dir, path.buf, create.buf, create.len, files, st, &serr);
	if (src < 0) {
		pthread_mutex_lock(&J.lock);
		if (!J.err.code)
			J.err = serr;
		pthread_mutex_unlock(&J.lock);
		atomic_store(&J.failed, 1);
	} else {
		bk_crash_point("db-schema");
		lr_verbose("schema written after %.2f s", lr_now() - J.t0);
	}
	bk_progress_start(&J.pg, progress, "db");
	bk_waiter_wait(&J.wt, dump_tick, &J);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	bk_progress_end(&J.pg, atomic_load(&J.done), atomic_load(&J.bytes));
	lr_verbose("tables dumped in %.2f s, %.1f MB of SQL", lr_now() - t0, (double)atomic_load(&J.bytes) / 1048576.0);
	if (J.err.code) {
		*err = J.err;
		goto out;
	}
	if (started != s->njobs)
		goto out;

	strbuf_reset(&path);
	strbuf_addf(&path, "%s/post.sql.zst", gen);
	if (write_text_file(dir, path.buf, post.buf, post.len, files, st, err) < 0)
		goto out;
	/* results per table, in catalog order */
	for (int i = 0; i < nt; i++) {
		int64_t rows = 0;
		uint64_t sum = 0;
		json_t *tf = json_array();
		for (int k = 0; k < MAX_CHUNKS; k++)
			for (int u = 0; u < J.nunits; u++) {
				struct unit *x = &J.units[u];
				if (x->table != i || x->chunk != k)
					continue;
				rows += x->rows;
				sum += x->sum;
				json_array_append_new(tf, json_string(x->rel));
				add_file(files, x->rel, x->size, x->sha);
				st->db_files++;
				st->db_bytes += x->size;
			}
		char hex[17];
		snprintf(hex, sizeof hex, "%016" PRIx64, sum);
		json_array_append_new(tables, json_pack("{s:s, s:I, s:s, s:o}", "name", cat->tables[i].name,
							"rows", (json_int_t)rows, "checksum", hex, "files", tf));
		st->rows += rows;
	}
	st->tables = nt;
	rc = 0;
out:
	for (int i = 0; i < J.nunits; i++)
		free(J.units[i].rel);
	free(J.units);
	for (int i = 0; i < nt; i++) {
		free(J.ti[i].fname);
		free(J.ti[i].perm);
	}
	free(J.ti);
	free(erows);
	free(ebytes);
	free(th);
	free(wa);
	pthread_mutex_destroy(&J.lock);
	bk_waiter_destroy(&J.wt);
	strbuf_release(&create);
	strbuf_release(&post);
	strbuf_release(&path);
	return rc;
}
