/* Walking file trees and storing their files content-addressed: each file
 * is read once, hashed while it is copied to .tmp/, and renamed to
 * objects/ab/cdef… unless that object exists (identical content stored
 * once). A file whose size and mtime equal the previous manifest's is not
 * read at all when its object is present. Objects are not fsync'd one by
 * one: a single syncfs() before the manifest is written makes them durable. */
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

void bk_filelist_release(struct bk_filelist *fl)
{
	for (size_t i = 0; i < fl->n; i++) {
		free(fl->v[i].rel);
		free(fl->v[i].abs);
	}
	free(fl->v);
	memset(fl, 0, sizeof *fl);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *abs, const char *rel, const char *prefix, bk_skip_fn skip, void *ctx,
		    struct bk_filelist *out, struct lr_err *err)
{
	DIR *d = opendir(abs);
	if (!d)
		return lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", abs, strerror(errno));
	/* sorted names: the manifest lists files in a stable order */
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		XGROW(names, cap, n + 1);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_name);
	int rc = 0;
	struct strbuf a = STRBUF_INIT, r = STRBUF_INIT;
	for (size_t i = 0; i < n && rc == 0; i++) {
		strbuf_reset(&a);
		strbuf_reset(&r);
		strbuf_addf(&a, "%s/%s", abs, names[i]);
		if (*rel)
			strbuf_addf(&r, "%s/%s", rel, names[i]);
		else
			strbuf_addstr(&r, names[i]);
		struct stat st;
		if (lstat(a.buf, &st) != 0)
			continue; /* vanished while we walked */
		if (S_ISLNK(st.st_mode)) {
			/* a link to a file is backed up as that file; a link to a
			 * directory is reported, never followed (loops, mounts) */
			struct stat t;
			if (stat(a.buf, &t) != 0)
				continue; /* dangling */
			if (S_ISDIR(t.st_mode)) {
				if (skip)
					skip(ctx, r.buf, 2, t.st_dev, t.st_ino);
				continue;
			}
			st = t;
		}
		if (S_ISDIR(st.st_mode)) {
			if (skip && skip(ctx, r.buf, 1, st.st_dev, st.st_ino))
				continue;
			rc = walk_dir(a.buf, r.buf, prefix, skip, ctx, out, err);
		} else if (S_ISREG(st.st_mode)) {
			if (skip && skip(ctx, r.buf, 0, st.st_dev, st.st_ino))
				continue;
			XGROW(out->v, out->cap, out->n + 1);
			struct bk_file *f = &out->v[out->n++];
			memset(f, 0, sizeof *f);
			struct strbuf m = STRBUF_INIT;
			strbuf_addf(&m, "%s/%s", prefix, r.buf);
			f->rel = strbuf_detach(&m, NULL);
			f->abs = xstrdup(a.buf);
			f->size = st.st_size;
			f->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
			f->mode = st.st_mode & 07777;
		}
	}
	strbuf_release(&a);
	strbuf_release(&r);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int bk_walk(const char *root, const char *prefix, bk_skip_fn skip, void *ctx, struct bk_filelist *out,
	    struct lr_err *err)
{
	return walk_dir(root, "", prefix, skip, ctx, out, err);
}

/* ---- storing objects ------------------------------------------------------ */

struct ojob {
	const char *dir;
	struct bk_filelist *fl;
	atomic_size_t next;
	atomic_llong done, bytes, copied, reused, hashed, bytes_copied, vanished;
	atomic_int failed;
	pthread_mutex_t lock;
	struct lr_err err;
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
			bk_object_path(J->dir, f->sha, &obj);
			if (exists(obj.buf))
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
	return NULL;
}

/* The previous manifest's files, by path, to skip re-hashing. */
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
		    json_integer_value(json_object_get(o, "mtimeNs")) == f->mtime_ns) {
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
	if (prev)
		apply_prev(fl, prev);
	if (jobs < 1)
		jobs = 1;
	pthread_t *th = xcalloc((size_t)jobs, sizeof *th);
	struct oarg *oa = xcalloc((size_t)jobs, sizeof *oa);
	int started = 0;
	for (int i = 0; i < jobs; i++) {
		oa[i].J = &J;
		oa[i].tid = i;
		if (pthread_create(&th[i], NULL, oworker, &oa[i]) != 0)
			break;
		started++;
	}
	struct bk_progress pg;
	bk_progress_start(&pg, progress, "files");
	while (started && (size_t)atomic_load(&J.done) < fl->n && !atomic_load(&J.failed)) {
		bk_progress_update(&pg, atomic_load(&J.done), (int64_t)fl->n, atomic_load(&J.bytes), 0);
		usleep(100000);
	}
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	bk_progress_end(&pg, atomic_load(&J.done), atomic_load(&J.bytes));
	free(th);
	free(oa);
	st->files_copied += atomic_load(&J.copied);
	st->files_reused += atomic_load(&J.reused);
	st->files_hashed += atomic_load(&J.hashed);
	st->bytes_copied += atomic_load(&J.bytes_copied);
	st->files_vanished += atomic_load(&J.vanished);
	pthread_mutex_destroy(&J.lock);
	if (!started)
		return lr_fail(err, LR_EXIT_FAILED, "cannot start a file thread");
	if (J.err.code) {
		*err = J.err;
		return -1;
	}
	return 0;
}
