/* Walking the document store and Liferay Home: every regular file (a link
 * to a file counts as that file) with its size, times and mode, in a stable
 * order (names sorted per directory, depth first). A store keeps one
 * directory per document, so a walk is mostly opendir/getdents/fstatat:
 * the subtrees two levels down are walked by two threads and their lists
 * spliced back where the serial walk would have put them. */
#include "files.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WALK_THREADS 2
#define WALK_DEFER_DEPTH 2 /* store: <companyId>/<repositoryId>/… */

/* A subtree left for the parallel phase. */
struct deferred {
	int fd;                 /* its directory, open */
	char *abs, *rel;
	size_t pos;             /* where its files go in the output */
	struct bk_filelist fl;  /* its files */
	struct lr_err err;
	int rc;
};

struct walk {
	const char *prefix;
	bk_skip_fn skip;
	void *ctx;
	pthread_mutex_t lock;   /* the callback is not ours to make thread-safe */
	int defer_depth;        /* 0: walk everything in place */
	struct deferred *dv;
	size_t dn, dcap;
	atomic_size_t next;
	atomic_int failed;
};

static int call_skip(struct walk *W, const char *rel, int kind, dev_t dev, ino_t ino)
{
	if (!W->skip)
		return 0;
	pthread_mutex_lock(&W->lock);
	int r = W->skip(W->ctx, rel, kind, dev, ino);
	pthread_mutex_unlock(&W->lock);
	return r;
}

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

/* One directory, read through its descriptor: entries are looked up
 * relative to it (no path walk per entry) and readdir's d_type saves a stat
 * of every subdirectory, whose identity comes from the opened one. Takes
 * over dfd. */
static int walk_dir(struct walk *W, int dfd, const char *abs, const char *rel, int depth,
		    struct bk_filelist *out, struct lr_err *err)
{
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", abs, strerror(errno));
	}
	/* sorted names: the manifest lists files in a stable order */
	struct ent {
		char *name;
		unsigned char type;
	} *ents = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		XGROW(ents, cap, n + 1);
		ents[n].name = xstrdup(de->d_name);
		ents[n++].type = de->d_type;
	}
	qsort(ents, n, sizeof *ents, cmp_name);
	int rc = 0;
	struct strbuf a = STRBUF_INIT, r = STRBUF_INIT;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *name = ents[i].name;
		strbuf_reset(&a);
		strbuf_reset(&r);
		strbuf_addf(&a, "%s/%s", abs, name);
		if (*rel)
			strbuf_addf(&r, "%s/%s", rel, name);
		else
			strbuf_addstr(&r, name);
		struct stat st;
		int type = ents[i].type;
		if (type != DT_DIR && type != DT_REG) {
			if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue; /* vanished while we walked */
			if (S_ISLNK(st.st_mode)) {
				/* a link to a file is backed up as that file; a link
				 * to a directory is reported, never followed (loops,
				 * mounts) */
				struct stat t;
				if (fstatat(dirfd(d), name, &t, 0) != 0)
					continue; /* dangling */
				if (S_ISDIR(t.st_mode)) {
					call_skip(W, r.buf, 2, t.st_dev, t.st_ino);
					continue;
				}
				st = t;
				type = S_ISREG(t.st_mode) ? DT_REG : DT_UNKNOWN;
			} else {
				type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
			}
		} else if (type == DT_REG && fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			continue;
		}
		if (type == DT_DIR) {
			int fd = openat(dirfd(d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0 && (errno == ENOENT || errno == ELOOP || errno == ENOTDIR))
				continue; /* vanished or replaced while we walked */
			if (fd < 0 || fstat(fd, &st) != 0) {
				rc = lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", a.buf, strerror(errno));
				if (fd >= 0)
					close(fd);
				break;
			}
			if (call_skip(W, r.buf, 1, st.st_dev, st.st_ino)) {
				close(fd);
				continue;
			}
			if (depth + 1 == W->defer_depth) {
				/* walked later, in parallel; its files go here */
				XGROW(W->dv, W->dcap, W->dn + 1);
				struct deferred *dd = &W->dv[W->dn++];
				memset(dd, 0, sizeof *dd);
				dd->fd = fd;
				dd->abs = xstrdup(a.buf);
				dd->rel = xstrdup(r.buf);
				dd->pos = out->n;
				continue;
			}
			rc = walk_dir(W, fd, a.buf, r.buf, depth + 1, out, err);
		} else if (type == DT_REG && S_ISREG(st.st_mode)) {
			if (call_skip(W, r.buf, 0, st.st_dev, st.st_ino))
				continue;
			XGROW(out->v, out->cap, out->n + 1);
			struct bk_file *f = &out->v[out->n++];
			memset(f, 0, sizeof *f);
			struct strbuf m = STRBUF_INIT;
			strbuf_addf(&m, "%s/%s", W->prefix, r.buf);
			f->rel = strbuf_detach(&m, NULL);
			f->abs = xstrdup(a.buf);
			f->size = st.st_size;
			f->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
			f->ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
			f->mode = st.st_mode & 07777;
		}
	}
	closedir(d);
	strbuf_release(&a);
	strbuf_release(&r);
	for (size_t i = 0; i < n; i++)
		free(ents[i].name);
	free(ents);
	return rc;
}

static void *walk_worker(void *arg)
{
	struct walk *W = arg;
	size_t i;
	while ((i = atomic_fetch_add(&W->next, 1)) < W->dn) {
		struct deferred *d = &W->dv[i];
		if (atomic_load(&W->failed)) {
			close(d->fd);
			continue;
		}
		d->rc = walk_dir(W, d->fd, d->abs, d->rel, W->defer_depth, &d->fl, &d->err);
		if (d->rc < 0)
			atomic_store(&W->failed, 1);
	}
	return NULL;
}

int bk_walk(const char *root, const char *prefix, bk_skip_fn skip, void *ctx, struct bk_filelist *out,
	    struct lr_err *err)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", root, strerror(errno));
	struct walk W = { .prefix = prefix, .skip = skip, .ctx = ctx, .defer_depth = WALK_DEFER_DEPTH };
	pthread_mutex_init(&W.lock, NULL);
	int rc = walk_dir(&W, fd, root, "", 0, out, err);
	/* the deferred subtrees: in parallel, each into its own list */
	W.defer_depth = 0;
	if (rc < 0)
		atomic_store(&W.failed, 1); /* the workers only close what was deferred */
	pthread_t th[WALK_THREADS];
	int started = 0;
	for (int k = 0; k < WALK_THREADS && W.dn > 1 && rc == 0; k++)
		if (pthread_create(&th[k], NULL, walk_worker, &W) == 0)
			started++;
	walk_worker(&W); /* this thread helps, and walks alone if none started */
	for (int k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	/* splice: each subtree's files where the serial walk would have put them */
	size_t total = out->n;
	for (size_t i = 0; i < W.dn; i++) {
		total += W.dv[i].fl.n;
		if (rc == 0 && W.dv[i].rc < 0) {
			*err = W.dv[i].err;
			rc = -1;
		}
	}
	struct bk_file *v = xcalloc(total ? total : 1, sizeof *v);
	size_t n = 0, from = 0;
	for (size_t i = 0; i < W.dn; i++) {
		struct deferred *d = &W.dv[i];
		if (d->pos > from)
			memcpy(v + n, out->v + from, (d->pos - from) * sizeof *v);
		n += d->pos - from;
		from = d->pos;
		if (d->fl.n)
			memcpy(v + n, d->fl.v, d->fl.n * sizeof *v);
		n += d->fl.n;
		free(d->fl.v); /* the entries moved to v */
		free(d->abs);
		free(d->rel);
	}
	if (out->n > from)
		memcpy(v + n, out->v + from, (out->n - from) * sizeof *v);
	n += out->n - from;
	free(out->v);
	out->v = v;
	out->n = n;
	out->cap = total ? total : 1;
	free(W.dv);
	pthread_mutex_destroy(&W.lock);
	return rc;
}
