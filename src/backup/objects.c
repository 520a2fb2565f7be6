/* Storing files content-addressed: each file is read once, hashed while it
 * is copied to .tmp/, and renamed to objects/ab/cdef… unless that object
 * exists (identical content stored once). A file that passes the quick
 * check against the previous manifest is not read at all. Write-back of a new object
 * starts as soon as it is written; bk_make_durable() then fsyncs the few
 * new objects of an incremental run, or syncfs() after a large copy. */
#include "files.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- storing objects ------------------------------------------------------ */

/* The objects already stored, read from objects/ with one readdir per
 * subdirectory instead of one stat per unchanged file. */
struct objindex {
	char (*sha)[65];
	size_t n, cap;
};

static int cmp_sha(const void *a, const void *b)
{
	return memcmp(a, b, 64);
}

void bk_objects_foreach(const char *dir, bk_object_fn fn, void *ctx)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/objects", dir);
	DIR *d = opendir(p.buf);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strlen(de->d_name) != 2 || de->d_name[0] == '.')
			continue;
		int fd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		DIR *s = fd >= 0 ? fdopendir(fd) : NULL;
		if (!s && fd >= 0)
			close(fd);
		struct dirent *oe;
		while (s && (oe = readdir(s))) {
			if (oe->d_name[0] == '.')
				continue;
			char sha[300];
			snprintf(sha, sizeof sha, "%.2s%.256s", de->d_name, oe->d_name);
			fn(ctx, dirfd(s), oe->d_name, sha);
		}
		if (s)
			closedir(s);
	}
	if (d)
		closedir(d);
	strbuf_release(&p);
}

static void objindex_add(void *ctx, int dfd, const char *name, const char *sha)
{
	struct objindex *ix = ctx;
	(void)dfd;
	(void)name;
	if (strlen(sha) != 64)
		return;
	XGROW(ix->sha, ix->cap, ix->n + 1);
	memcpy(ix->sha[ix->n++], sha, 65);
}

static void objindex_load(struct objindex *ix, const char *dir)
{
	bk_objects_foreach(dir, objindex_add, ix);
	qsort(ix->sha, ix->n, sizeof *ix->sha, cmp_sha);
}

static int objindex_has(const struct objindex *ix, const char *sha)
{
	return ix->n && bsearch(sha, ix->sha, ix->n, sizeof *ix->sha, cmp_sha) != NULL;
}

struct ojob {
	const char *dir;
	struct objindex ix;
	struct bk_filelist *fl;
	atomic_size_t next;
	atomic_llong done, bytes, copied, reused, hashed, bytes_copied, vanished;
	atomic_int failed;
	pthread_mutex_t lock;
	struct lr_err err;
	struct bk_waiter wt;
	struct bk_progress pg;
};

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Copy f into .tmp while hashing, then move it into objects/ (or drop it
 * when that content is already stored). */
static int copy_hash(struct ojob *J, struct bk_file *f, int tid, unsigned char *buf, size_t bufsz,
		     struct lr_err *err)
{
	struct strbuf tmp = STRBUF_INIT, obj = STRBUF_INIT;
	strbuf_addf(&tmp, "%s/.tmp/obj.%d", J->dir, tid);
	int in = open(f->abs, O_RDONLY | O_CLOEXEC);
	int out = -1, rc = -1;
	if (in < 0 && errno == ENOENT) {
		/* deleted since the walk: not part of this backup */
		lr_warn("%s disappeared during the backup: left out", f->abs);
		f->state = 2;
		atomic_fetch_add(&J->vanished, 1);
		rc = 0;
		goto out;
	}
	if (in < 0) {
		lr_fail(err, LR_EXIT_INPUT, "%s: %s", f->abs, strerror(errno));
		goto out;
	}
	out = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	ssize_t n;
	int64_t total = 0;
	while ((n = read(in, buf, bufsz)) > 0) {
		EVP_DigestUpdate(md, buf, (size_t)n);
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0) {
				lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", tmp.buf, strerror(errno));
				EVP_MD_CTX_free(md);
				goto out;
			}
			off += w;
		}
		total += n;
		atomic_fetch_add(&J->bytes, (long long)n);
	}
	unsigned char h[32];
	EVP_DigestFinal_ex(md, h, NULL);
	EVP_MD_CTX_free(md);
	if (n < 0) {
		lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", f->abs, strerror(errno));
		goto out;
	}
	/* start write-back now, so the one syncfs() before the manifest is short */
	sync_file_range(out, 0, 0, SYNC_FILE_RANGE_WRITE);
	if (close(out) != 0) {
		out = -1;
		lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	out = -1;
	bk_hex(h, 32, f->sha);
	struct stat st;
	if (fstat(in, &st) == 0 && (st.st_size != total ||
				    (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec != f->mtime_ns))
		lr_warn("%s changed while it was copied: the portal is writing to the store", f->abs);
	f->size = total;
	atomic_fetch_add(&J->hashed, 1);
	bk_object_path(J->dir, f->sha, &obj);
	if (exists(obj.buf)) {
		unlink(tmp.buf);
		atomic_fetch_add(&J->reused, 1);
	} else {
		char *slash = strrchr(obj.buf, '/');
		*slash = 0;
		if (mkdir(obj.buf, 0700) != 0 && errno != EEXIST) {
			lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", obj.buf, strerror(errno));
			goto out;
		}
		*slash = '/';
		if (rename(tmp.buf, obj.buf) != 0) {
			lr_fail(err, LR_EXIT_FAILED, "storing %s: %s", obj.buf, strerror(errno));
			goto out;
		}
		f->stored = 1;
		atomic_fetch_add(&J->copied, 1);
		atomic_fetch_add(&J->bytes_copied, (long long)total);
	}
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	strbuf_release(&tmp);
	strbuf_release(&obj);
	return rc;
}

struct oarg {
	struct ojob *J;
	int tid;
};

static void *oworker(void *arg)
{
	struct oarg *a = arg;
	struct ojob *J = a->J;
	size_t bufsz = 1 << 20;
	unsigned char *buf = xmalloc(bufsz);
	struct strbuf obj = STRBUF_INIT;
	for (;;) {
		if (atomic_load(&J->failed))
			break;
		size_t i = atomic_fetch_add(&J->next, 1);
		if (i >= J->fl->n)
			break;
		struct bk_file *f = &J->fl->v[i];
		struct lr_err err = LR_ERR_INIT;
		int rc = 0;
		if (f->state == 1) {
			if (objindex_has(&J->ix, f->sha))
				atomic_fetch_add(&J->reused, 1);
			else
				rc = copy_hash(J, f, a->tid, buf, bufsz, &err);
		} else {
			rc = copy_hash(J, f, a->tid, buf, bufsz, &err);
		}
		if (rc < 0) {
			pthread_mutex_lock(&J->lock);
			if (!J->err.code)
				J->err = err;
			pthread_mutex_unlock(&J->lock);
			atomic_store(&J->failed, 1);
			break;
		}
		long long d = atomic_fetch_add(&J->done, 1) + 1;
		bk_crash_point_n("file", d);
	}
	strbuf_release(&obj);
	free(buf);
	bk_waiter_leave(&J->wt);
	return NULL;
}

static void objects_tick(void *ctx)
{
	struct ojob *J = ctx;
	bk_progress_update(&J->pg, atomic_load(&J->done), (int64_t)J->fl->n, atomic_load(&J->bytes), 0);
}

/* The quick check (as rsync's, plus the ctime): the previous manifest's
 * entry of the same path with the same size, mtime and ctime gives the
 * hash without reading the file. The ctime catches a rewrite whose mtime
 * was set back (cp -p, rsync -t, touch -d): only the kernel sets it. */
static void apply_prev(struct bk_filelist *fl, json_t *prev)
{
	json_t *files = json_object_get(prev, "files");
	if (!json_is_array(files))
		return;
	json_t *byp = json_object();
	size_t i;
	json_t *e;
	json_array_foreach(files, i, e) {
		const char *p = json_string_value(json_object_get(e, "path"));
		if (p && json_object_get(e, "mtimeNs"))
			json_object_set(byp, p, e);
	}
	for (size_t k = 0; k < fl->n; k++) {
		struct bk_file *f = &fl->v[k];
		json_t *o = json_object_get(byp, f->rel);
		const char *sha = json_string_value(json_object_get(o, "sha256"));
		if (o && sha && strlen(sha) == 64 &&
		    json_integer_value(json_object_get(o, "size")) == f->size &&
		    json_integer_value(json_object_get(o, "mtimeNs")) == f->mtime_ns &&
		    json_is_integer(json_object_get(o, "ctimeNs")) &&
		    json_integer_value(json_object_get(o, "ctimeNs")) == f->ctime_ns) {
			memcpy(f->sha, sha, 65);
			f->state = 1;
		}
	}
	json_decref(byp);
}

int bk_store_objects(const char *dir, struct bk_filelist *fl, json_t *prev, int jobs, int progress,
		     struct backup_stats *st, struct lr_err *err)
{
	struct ojob J;
	memset(&J, 0, sizeof J);
	J.dir = dir;
	J.fl = fl;
	pthread_mutex_init(&J.lock, NULL);
	bk_waiter_init(&J.wt);
	if (prev) {
		apply_prev(fl, prev);
		objindex_load(&J.ix, dir);
	}
	if (jobs < 1)
		jobs = 1;
	pthread_t *th = xcalloc((size_t)jobs, sizeof *th);
	struct oarg *oa = xcalloc((size_t)jobs, sizeof *oa);
	int started = 0;
	for (int i = 0; i < jobs; i++) {
		oa[i].J = &J;
		oa[i].tid = i;
		if (bk_waiter_start(&J.wt, &th[i], oworker, &oa[i]) != 0)
			break;
		started++;
	}
	bk_progress_start(&J.pg, progress, "files");
	bk_waiter_wait(&J.wt, objects_tick, &J);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	bk_progress_end(&J.pg, atomic_load(&J.done), atomic_load(&J.bytes));
	free(th);
	free(oa);
	st->files_copied += atomic_load(&J.copied);
	st->files_reused += atomic_load(&J.reused);
	st->files_hashed += atomic_load(&J.hashed);
	st->bytes_copied += atomic_load(&J.bytes_copied);
	st->files_vanished += atomic_load(&J.vanished);
	pthread_mutex_destroy(&J.lock);
	bk_waiter_destroy(&J.wt);
	free(J.ix.sha);
	if (!started)
		return lr_fail(err, LR_EXIT_FAILED, "cannot start a file thread");
	if (J.err.code) {
		*err = J.err;
		return -1;
	}
	return 0;
}

/* Above this many new objects one syncfs() beats one journal commit each. */
#define FSYNC_EACH_MAX 256

int bk_make_durable(const char *dir, const char *gen, json_t *files, const struct bk_filelist *fl,
		    struct lr_err *err)
{
	size_t nnew = 0;
	for (size_t i = 0; i < fl->n; i++)
		nnew += fl->v[i].stored != 0;
	struct strbuf p = STRBUF_INIT;
	int rc = 0;
	if (nnew > FSYNC_EACH_MAX) {
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0 || syncfs(dfd) != 0)
			rc = lr_fail(err, LR_EXIT_FAILED, "syncfs %s: %s", dir, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		strbuf_release(&p);
		return rc;
	}
	/* the dump files were written back as they were closed: the first
	 * fsync commits the journal, the others find little left to do */
	size_t i;
	json_t *e;
	json_array_foreach(files, i, e) {
		const char *kind = json_string_value(json_object_get(e, "kind"));
		const char *rel = json_string_value(json_object_get(e, "path"));
		if (rc < 0 || !kind || strcmp(kind, "db") != 0 || !rel)
			continue;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, rel);
		rc = bk_fsync_path(p.buf, 0, err);
	}
	char last_dir[3] = "";
	for (size_t k = 0; k < fl->n && rc == 0; k++) {
		if (!fl->v[k].stored)
			continue;
		bk_object_path(dir, fl->v[k].sha, &p);
		rc = bk_fsync_path(p.buf, 0, err);
		if (rc == 0 && memcmp(last_dir, fl->v[k].sha, 2) != 0) {
			memcpy(last_dir, fl->v[k].sha, 2);
			strbuf_setlen(&p, (size_t)(strrchr(p.buf, '/') - p.buf));
			rc = bk_fsync_path(p.buf, 1, err);
		}
	}
	/* the directories that gained entries */
	const char *dirs[] = { "%s/%s/data", "%s/%s", "%s/objects%.0s", "%s%.0s" };
	for (size_t k = 0; k < sizeof dirs / sizeof *dirs && rc == 0; k++) {
		strbuf_reset(&p);
		strbuf_addf(&p, dirs[k], dir, gen);
		rc = bk_fsync_path(p.buf, 1, err);
	}
	strbuf_release(&p);
	return rc;
}
