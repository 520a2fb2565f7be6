/* The prune journal (journal.h): write sealed, checksummed, compressed row
 * batches before deleting; move files aside; replay idempotently. */
#include "journal.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#define JOURNAL_MAGIC "LRJ1"

struct journal {
	char *dir;
	int last_batch;
	int files_seq;
	json_t *meta;
};

struct journal_batch {
	struct journal *j;
	int no;
	int fd;
	char *tmp_path;
	ZSTD_CCtx *zc;
	EVP_MD_CTX *sha;
	struct strbuf raw;  /* uncompressed bytes not yet compressed */
	struct strbuf out;  /* compressed bytes not yet written */
	uint64_t rows;
	int ncols;
};

/* --- small file helpers ----------------------------------------------------- */

static int fsync_dir(const char *dir, struct lr_err *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return lr_fail(err, LR_EXIT_FAILED, "opening journal directory %s: %s", dir, strerror(errno));
	int rc = fsync(fd);
	close(fd);
	if (rc < 0)
		return lr_fail(err, LR_EXIT_FAILED, "syncing %s: %s", dir, strerror(errno));
	return 0;
}

static int write_all(int fd, const void *p, size_t n, const char *what, struct lr_err *err)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", what, strerror(errno));
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write a whole file durably: tmp, fsync, rename, fsync dir. */
static int write_file_durable(const char *dir, const char *name, const void *data, size_t len,
			      struct lr_err *err)
{
	struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s", dir, name);
	strbuf_addf(&tmp, "%s/%s.tmp", dir, name);
	int rc = -1;
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	if (write_all(fd, data, len, tmp.buf, err) < 0 || fsync(fd) < 0) {
		lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", tmp.buf, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	if (rename(tmp.buf, path.buf) < 0) {
		lr_fail(err, LR_EXIT_FAILED, "renaming %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	rc = fsync_dir(dir, err);
out:
	strbuf_release(&path);
	strbuf_release(&tmp);
	return rc;
}

static int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int scan_batches(struct journal *j)
{
	DIR *d = opendir(j->dir);
	if (!d)
		return -1;
	struct dirent *e;
	int maxno = 0;
	while ((e = readdir(d))) {
		int no;
		char tail[64];
		if (sscanf(e->d_name, "batch-%d.%63s", &no, tail) == 2 && no > maxno &&
		    !strcmp(tail, "rows.zst"))
			maxno = no;
	}
	closedir(d);
	j->last_batch = maxno;
	return 0;
}

/* --- create / open ------------------------------------------------------------ */

int journal_create(const char *dir, const json_t *meta, struct journal **out, struct lr_err *err)
{
	*out = NULL;
	if (mkdir(dir, 0700) < 0) {
		if (errno != EEXIST)
			return lr_fail(err, LR_EXIT_USAGE, "cannot create journal directory %s: %s", dir,
				       strerror(errno));
		if (!dir_is_empty(dir))
			return lr_fail(err, LR_EXIT_USAGE,
				       "journal directory %s is not empty: it may hold an earlier prune's "
				       "journal; undo it or choose another --journal", dir);
		chmod(dir, 0700);
	}
	char *text = json_dumps(meta, JSON_INDENT(2) | JSON_SORT_KEYS);
	int rc = write_file_durable(dir, "meta.json", text, strlen(text), err);
	free(text);
	if (rc < 0)
		return -1;
	struct strbuf parent = STRBUF_INIT;
	strbuf_addf(&parent, "%s/..", dir);
	fsync_dir(parent.buf, NULL); /* best effort: the directory entry itself */
	strbuf_release(&parent);
	struct journal *j = xcalloc(1, sizeof *j);
	j->dir = xstrdup(dir);
	j->meta = json_deep_copy(meta);
	*out = j;
	return 0;
}

int journal_open(const char *dir, struct journal **out, struct lr_err *err)
{
	*out = NULL;
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/meta.json", dir);
	json_error_t je;
	json_t *meta = json_load_file(p.buf, 0, &je);
	strbuf_release(&p);
	if (!meta)
		return lr_fail(err, LR_EXIT_INPUT, "%s is not a readable lrprep journal (meta.json: %s)", dir,
			       je.text);
	struct journal *j = xcalloc(1, sizeof *j);
	j->dir = xstrdup(dir);
	j->meta = meta;
	scan_batches(j);
	/* continue file numbering after what is there */
	struct strbuf fl = STRBUF_INIT;
	strbuf_addf(&fl, "%s/files.tsv", dir);
	FILE *f = fopen(fl.buf, "r");
	if (f) {
		char line[PATH_MAX + 64];
		while (fgets(line, sizeof line, f))
			j->files_seq++;
		fclose(f);
	}
	strbuf_release(&fl);
	*out = j;
	return 0;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	json_decref(j->meta);
	free(j->dir);
	free(j);
}

const char *journal_dir(const struct journal *j) { return j->dir; }
json_t *journal_meta(struct journal *j) { return j->meta; }
int journal_last_batch(struct journal *j)
{
	scan_batches(j);
	return j->last_batch;
}

/* --- encoding ------------------------------------------------------------------ */

static void put_u8(struct strbuf *sb, unsigned v) { strbuf_addch(sb, (int)(v & 0xff)); }

static void put_u64(struct strbuf *sb, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	strbuf_add(sb, b, 8);
}

static void put_bytes(struct strbuf *sb, const void *p, size_t n)
{
	put_u64(sb, n);
	strbuf_add(sb, p, n);
}

static void put_str(struct strbuf *sb, const char *s) { put_bytes(sb, s ? s : "", s ? strlen(s) : 0); }

static void put_value(struct strbuf *sb, const struct db_value *v)
{
	put_u8(sb, (unsigned)v->kind);
	switch (v->kind) {
	case DB_NULL:
		break;
	case DB_INT:
	case DB_BOOL:
		put_u64(sb, (uint64_t)v->i);
		break;
	case DB_REAL: {
		uint64_t bits;
		memcpy(&bits, &v->r, 8);
		put_u64(sb, bits);
		break;
	}
	default:
		put_bytes(sb, v->s ? v->s : "", v->s ? v->len : 0);
		break;
	}
}

/* Compress what is in raw and write it out. */
static int flush_batch(struct journal_batch *b, int end, struct lr_err *err)
{
	EVP_DigestUpdate(b->sha, b->raw.buf ? b->raw.buf : "", b->raw.len);
	ZSTD_inBuffer in = { b->raw.buf, b->raw.len, 0 };
	char chunk[1 << 16];
	for (;;) {
		ZSTD_outBuffer o = { chunk, sizeof chunk, 0 };
		size_t r = ZSTD_compressStream2(b->zc, &o, &in, end ? ZSTD_e_end : ZSTD_e_continue);
		if (ZSTD_isError(r))
			return lr_fail(err, LR_EXIT_FAILED, "compressing journal: %s", ZSTD_getErrorName(r));
		if (o.pos && write_all(b->fd, chunk, o.pos, b->tmp_path, err) < 0)
			return -1;
		if (end ? r == 0 : in.pos == in.size)
			break;
	}
	strbuf_reset(&b->raw);
	return 0;
}

int journal_batch_begin(struct journal *j, const struct db_table *t, struct journal_batch **out,
			struct lr_err *err)
{
	*out = NULL;
	scan_batches(j);
	struct journal_batch *b = xcalloc(1, sizeof *b);
	b->j = j;
	b->no = j->last_batch + 1;
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/batch-%06d.rows.zst.tmp", j->dir, b->no);
	b->tmp_path = strbuf_detach(&p, NULL);
	b->fd = open(b->tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (b->fd < 0) {
		lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", b->tmp_path, strerror(errno));
		free(b->tmp_path);
		free(b);
		return -1;
	}
	b->zc = ZSTD_createCCtx();
	/* level 1: the journal is written on the critical path of every batch */
	ZSTD_CCtx_setParameter(b->zc, ZSTD_c_compressionLevel, 1);
	b->sha = EVP_MD_CTX_new();
	EVP_DigestInit_ex(b->sha, EVP_sha256(), NULL);
	b->ncols = t->ncols;
	strbuf_add(&b->raw, JOURNAL_MAGIC, 4);
	put_str(&b->raw, t->name);
	put_u64(&b->raw, (uint64_t)t->ncols);
	for (int i = 0; i < t->ncols; i++) {
		put_str(&b->raw, t->cols[i].name);
		put_str(&b->raw, t->cols[i].decl);
		put_u8(&b->raw, (unsigned)t->cols[i].kind);
		put_u8(&b->raw, (unsigned)t->cols[i].pk);
	}
	*out = b;
	return 0;
}

int journal_batch_row(struct journal_batch *b, const struct db_value *vals, struct lr_err *err)
{
	put_u8(&b->raw, 'R');
	for (int i = 0; i < b->ncols; i++)
		put_value(&b->raw, &vals[i]);
	b->rows++;
	if (b->raw.len >= (1u << 20))
		return flush_batch(b, 0, err);
	return 0;
}

static void batch_free(struct journal_batch *b)
{
	if (b->fd >= 0)
		close(b->fd);
	ZSTD_freeCCtx(b->zc);
	EVP_MD_CTX_free(b->sha);
	strbuf_release(&b->raw);
	strbuf_release(&b->out);
	free(b->tmp_path);
	free(b);
}

void journal_batch_abort(struct journal_batch *b)
{
	if (!b)
		return;
	unlink(b->tmp_path);
	batch_free(b);
}

int journal_batch_seal(struct journal_batch *b, int *no, struct lr_err *err)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned dlen = 0;
	put_u8(&b->raw, 'E');
	put_u64(&b->raw, b->rows);
	/* the digest covers every byte before it */
	EVP_DigestUpdate(b->sha, b->raw.buf, b->raw.len);
	EVP_DigestFinal_ex(b->sha, digest, &dlen);
	struct strbuf tail = STRBUF_INIT;
	strbuf_add(&tail, digest, dlen);
	/* flush_batch hashes raw again: hash a copy into a throwaway context */
	EVP_MD_CTX_free(b->sha);
	b->sha = EVP_MD_CTX_new();
	EVP_DigestInit_ex(b->sha, EVP_sha256(), NULL);
	strbuf_add(&b->raw, tail.buf, tail.len);
	strbuf_release(&tail);
	int rc = flush_batch(b, 1, err);
	if (rc == 0 && fsync(b->fd) < 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "syncing %s: %s", b->tmp_path, strerror(errno));
	if (rc == 0) {
		close(b->fd);
		b->fd = -1;
		struct strbuf final = STRBUF_INIT;
		strbuf_addf(&final, "%s/batch-%06d.rows.zst", b->j->dir, b->no);
		if (rename(b->tmp_path, final.buf) < 0)
			rc = lr_fail(err, LR_EXIT_FAILED, "sealing %s: %s", final.buf, strerror(errno));
		strbuf_release(&final);
	}
	if (rc == 0)
		rc = fsync_dir(b->j->dir, err);
	if (rc == 0) {
		b->j->last_batch = b->no;
		if (no)
			*no = b->no;
		batch_free(b);
		return 0;
	}
	journal_batch_abort(b);
	return -1;
}

int journal_batch_done(struct journal *j, int no, struct lr_err *err)
{
	char name[64];
	snprintf(name, sizeof name, "batch-%06d.done", no);
	return write_file_durable(j->dir, name, "done\n", 5, err);
}

/* --- files ------------------------------------------------------------------- */

static int copy_file(const char *from, const char *to, struct lr_err *err)
{
	int in = open(from, O_RDONLY);
	if (in < 0)
		return lr_fail(err, LR_EXIT_FAILED, "reading %s: %s", from, strerror(errno));
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		close(in);
		return lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", to, strerror(errno));
	}
	char buf[1 << 16];
	ssize_t r;
	int rc = 0;
	while ((r = read(in, buf, sizeof buf)) > 0)
		if ((rc = write_all(out, buf, (size_t)r, to, err)) < 0)
			break;
	if (r < 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "reading %s: %s", from, strerror(errno));
	if (rc == 0 && fsync(out) < 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "syncing %s: %s", to, strerror(errno));
	close(in);
	close(out);
	return rc;
}

/* Move a file; across filesystems copy durably, then unlink. */
int journal_move(const char *from, const char *to, struct lr_err *err)
{
	if (rename(from, to) == 0)
		return 0;
	if (errno != EXDEV)
		return lr_fail(err, LR_EXIT_FAILED, "moving %s: %s", from, strerror(errno));
	if (copy_file(from, to, err) < 0)
		return -1;
	if (unlink(from) < 0)
		return lr_fail(err, LR_EXIT_FAILED, "removing %s: %s", from, strerror(errno));
	return 0;
}

int journal_move_file(struct journal *j, const char *path, struct lr_err *err)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 1 : lr_fail(err, LR_EXIT_FAILED, "%s: %s", path, strerror(errno));
	char abs[PATH_MAX];
	if (!realpath(path, abs))
		return lr_fail(err, LR_EXIT_FAILED, "%s: %s", path, strerror(errno));
	if (strchr(abs, '\t') || strchr(abs, '\n'))
		return lr_fail(err, LR_EXIT_FAILED, "refusing to journal a file name with a tab or newline: %s", abs);
	struct strbuf dir = STRBUF_INIT, line = STRBUF_INIT, dest = STRBUF_INIT, log = STRBUF_INIT;
	int rc = -1;
	strbuf_addf(&dir, "%s/files", j->dir);
	if (mkdir(dir.buf, 0700) < 0 && errno != EEXIST) {
		lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", dir.buf, strerror(errno));
		goto out;
	}
	int seq = ++j->files_seq;
	strbuf_addf(&dest, "%s/%06d", dir.buf, seq);
	strbuf_addf(&line, "%d\t%s\tfiles/%06d\n", seq, abs, seq);
	/* the intent is durable before the file moves */
	strbuf_addf(&log, "%s/files.tsv", j->dir);
	int fd = open(log.buf, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd < 0) {
		lr_fail(err, LR_EXIT_FAILED, "opening %s: %s", log.buf, strerror(errno));
		goto out;
	}
	if (write_all(fd, line.buf, line.len, log.buf, err) < 0 || fsync(fd) < 0) {
		close(fd);
		lr_fail(err, LR_EXIT_FAILED, "writing %s", log.buf);
		goto out;
	}
	close(fd);
	if (journal_move(abs, dest.buf, err) < 0 || fsync_dir(dir.buf, err) < 0)
		goto out;
	rc = 0;
out:
	strbuf_release(&dir);
	strbuf_release(&line);
	strbuf_release(&dest);
	strbuf_release(&log);
	return rc;
}

/* --- reading ------------------------------------------------------------------- */

struct rd {
	const unsigned char *p, *end;
};

static int get_u8(struct rd *r, unsigned *v)
{
	if (r->p >= r->end)
		return -1;
	*v = *r->p++;
	return 0;
}

static int get_u64(struct rd *r, uint64_t *v)
{
	if (r->end - r->p < 8)
		return -1;
	uint64_t x = 0;
	for (int i = 0; i < 8; i++)
		x |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	*v = x;
	return 0;
}

static int get_bytes(struct rd *r, const char **s, size_t *n)
{
	uint64_t len;
	if (get_u64(r, &len) < 0 || (uint64_t)(r->end - r->p) < len)
		return -1;
	*s = (const char *)r->p;
	*n = (size_t)len;
	r->p += len;
	return 0;
}

static int load_batch(struct journal *j, int no, struct strbuf *raw, struct lr_err *err)
{
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/batch-%06d.rows.zst", j->dir, no);
	int fd = open(path.buf, O_RDONLY);
	if (fd < 0) {
		int e = errno;
		strbuf_release(&path);
		if (e == ENOENT)
			return 1;
		return lr_fail(err, LR_EXIT_INPUT, "reading journal batch %d: %s", no, strerror(e));
	}
	ZSTD_DCtx *dc = ZSTD_createDCtx();
	char in[1 << 16], outb[1 << 17];
	ssize_t n;
	int rc = 0;
	size_t last = 1;
	while ((n = read(fd, in, sizeof in)) > 0) {
		ZSTD_inBuffer ib = { in, (size_t)n, 0 };
		while (ib.pos < ib.size) {
			ZSTD_outBuffer ob = { outb, sizeof outb, 0 };
			last = ZSTD_decompressStream(dc, &ob, &ib);
			if (ZSTD_isError(last)) {
				rc = lr_fail(err, LR_EXIT_INPUT, "journal batch %s is corrupt: %s", path.buf,
					     ZSTD_getErrorName(last));
				goto done;
			}
			strbuf_add(raw, outb, ob.pos);
		}
	}
	if (n < 0)
		rc = lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", path.buf, strerror(errno));
	else if (last != 0)
		rc = lr_fail(err, LR_EXIT_INPUT, "journal batch %s is truncated", path.buf);
done:
	ZSTD_freeDCtx(dc);
	close(fd);
	/* verify the trailer digest over everything before it */
	if (rc == 0) {
		unsigned char dg[EVP_MAX_MD_SIZE];
		unsigned dl = 0;
		if (raw->len < 32 + 4) {
			rc = lr_fail(err, LR_EXIT_INPUT, "journal batch %s is truncated", path.buf);
		} else {
			EVP_Digest(raw->buf, raw->len - 32, dg, &dl, EVP_sha256(), NULL);
			if (dl != 32 || memcmp(dg, raw->buf + raw->len - 32, 32) != 0)
				rc = lr_fail(err, LR_EXIT_INPUT, "journal batch %s fails its checksum", path.buf);
		}
	}
	strbuf_release(&path);
	return rc;
}

static void table_free(struct db_table *t)
{
	for (int i = 0; i < t->ncols; i++) {
		free(t->cols[i].name);
		free(t->cols[i].decl);
	}
	free(t->cols);
	free(t->name);
}

int journal_read_batch(struct journal *j, int no, journal_row_fn fn, void *ctx, struct lr_err *err)
{
	struct strbuf raw = STRBUF_INIT;
	int rc = load_batch(j, no, &raw, err);
	if (rc != 0) {
		strbuf_release(&raw);
		return rc;
	}
	struct rd r = { (const unsigned char *)raw.buf, (const unsigned char *)raw.buf + raw.len - 32 };
	struct db_table t = { 0 };
	struct db_value *vals = NULL;
	const char *s;
	size_t n;
	uint64_t ncols, count = 0;
	rc = -1;
	if (r.end - r.p < 4 || memcmp(r.p, JOURNAL_MAGIC, 4) != 0)
		goto bad;
	r.p += 4;
	if (get_bytes(&r, &s, &n) < 0)
		goto bad;
	t.name = xstrndup(s, n);
	if (get_u64(&r, &ncols) < 0 || ncols > 100000)
		goto bad;
	t.cols = xcalloc(ncols ? ncols : 1, sizeof *t.cols);
	for (uint64_t i = 0; i < ncols; i++) {
		unsigned k, pk;
		if (get_bytes(&r, &s, &n) < 0)
			goto bad;
		t.cols[i].name = xstrndup(s, n);
		t.ncols++;
		if (get_bytes(&r, &s, &n) < 0)
			goto bad;
		t.cols[i].decl = xstrndup(s, n);
		if (get_u8(&r, &k) < 0 || get_u8(&r, &pk) < 0 || k > DB_BLOB)
			goto bad;
		t.cols[i].kind = (enum db_kind)k;
		t.cols[i].pk = (int)pk;
	}
	vals = xcalloc(ncols ? ncols : 1, sizeof *vals);
	for (;;) {
		unsigned tag;
		if (get_u8(&r, &tag) < 0)
			goto bad;
		if (tag == 'E') {
			uint64_t expect;
			if (get_u64(&r, &expect) < 0 || expect != count)
				goto bad;
			/* end of batch: vals NULL, while t is still valid */
			if (fn(ctx, &t, NULL, err) < 0)
				goto out;
			break;
		}
		if (tag != 'R')
			goto bad;
		for (uint64_t i = 0; i < ncols; i++) {
			unsigned k;
			uint64_t u;
			memset(&vals[i], 0, sizeof vals[i]);
			if (get_u8(&r, &k) < 0 || k > DB_BLOB)
				goto bad;
			vals[i].kind = (enum db_kind)k;
			switch (vals[i].kind) {
			case DB_NULL:
				break;
			case DB_INT:
			case DB_BOOL:
				if (get_u64(&r, &u) < 0)
					goto bad;
				vals[i].i = (int64_t)u;
				break;
			case DB_REAL:
				if (get_u64(&r, &u) < 0)
					goto bad;
				memcpy(&vals[i].r, &u, 8);
				break;
			default:
				if (get_bytes(&r, &vals[i].s, &vals[i].len) < 0)
					goto bad;
				break;
			}
		}
		count++;
		if (fn(ctx, &t, vals, err) < 0)
			goto out;
	}
	rc = 0;
	goto out;
bad:
	rc = lr_fail(err, LR_EXIT_INPUT, "journal batch %d in %s is malformed", no, j->dir);
out:
	free(vals);
	table_free(&t);
	strbuf_release(&raw);
	return rc;
}
