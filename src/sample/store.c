/* Document store writer: FileSystemStore and AdvancedFileSystemStore layouts
 * (6.2 FileSystemStore.java / AdvancedFileSystemStore.java, as described in
 * liferay-domain.md §5.3). */
#include "store.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Files are written by one background thread, so creating them (slow on
 * many file systems) overlaps the database load on another core. */
struct job {
	char *rel;
	char *data;
	size_t len;
};

/* Large enough to hold the files of a ten-million-row sample (157,000):
 * they are written after the rows, while the indexes are built (store_go). */
#define QCAP (1u << 18)

static void *writer(void *arg);

struct store {
	char *root;
	int advanced;
	int64_t files;
	struct strbuf path;
	struct strbuf lastdir;  /* last directory known to exist (writer thread) */
	int failed;
	char msg[512];
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t nonempty, nonfull;
	struct job *q;          /* ring of QCAP */
	size_t head, count;
	int closing;
	int go;                 /* writing allowed (store_go, a full queue, close) */
	pid_t tid;              /* writer thread, for its priority; 0 until it runs */
};

/* AdvancedFileSystemStore.buildPath: the stem cut into 2-character
 * directories, never the last (partial or complete) pair, none for stems of
 * 2 characters or fewer, stopping once the path has more than 3 segments. */
static void afs_chunks(const char *stem, struct strbuf *sb, int depth0)
{
	size_t n = strlen(stem);
	int depth = depth0;
	if (n <= 2 || depth > 3)
		return;
	for (size_t i = 0; i < n; i += 2) {
		if (i + 2 < n) {
			strbuf_add(sb, stem + i, 2);
			strbuf_addch(sb, '/');
			if (++depth > 3)
				return;
		}
	}
}

void store_rel_path(int advanced, int64_t companyId, int64_t repositoryId, const char *name,
		    const char *version, struct strbuf *out)
{
	strbuf_addf(out, "%lld/%lld/", (long long)companyId, (long long)repositoryId);
	if (!advanced) {
		strbuf_addf(out, "%s/%s", name, version);
		return;
	}
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	const char *dot = strrchr(base, '.');
	char ext[32];
	snprintf(ext, sizeof ext, "%s", dot ? dot : ".afsh");
	size_t stemlen = dot ? (size_t)(dot - name) : strlen(name);
	char *stem = xstrndup(name, stemlen);
	if (slash) {
		/* names with '/' (previews, thumbnails): plain directories */
		const char *last = strrchr(stem, '/') + 1;
		strbuf_addf(out, "%s%s/%s_%s%s", stem, ext, last, version, ext);
	} else {
		const char *s = stem;
		int depth = 0;
		if (!strncmp(s, "DLFE-", 5)) {
			s += 5;
			strbuf_addstr(out, "DLFE/");
			depth = 1;
		}
		afs_chunks(s, out, depth);
		strbuf_addf(out, "%s%s/%s_%s%s", s, ext, s, version, ext);
	}
	free(stem);
}

static int mkdirs(struct store *s, const char *dir)
{
	if (s->lastdir.len && !strcmp(s->lastdir.buf, dir))
		return 0;
	char *p = xstrdup(dir);
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			goto fail;
		*q = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		goto fail;
	strbuf_reset(&s->lastdir);
	strbuf_addstr(&s->lastdir, dir);
	free(p);
	return 0;
fail:
	snprintf(s->msg, sizeof s->msg, "cannot create %s: %s", p, strerror(errno));
	free(p);
	return -1;
}

int store_open(const char *root, int advanced, struct store **out, struct lr_err *err)
{
	if (mkdir(root, 0755) < 0 && errno != EEXIST)
		return lr_fail(err, LR_EXIT_FAILED, "cannot create store %s: %s", root, strerror(errno));
	struct store *s = xcalloc(1, sizeof *s);
	s->root = xstrdup(root);
	s->advanced = advanced;
	strbuf_init(&s->path, 256);
	strbuf_init(&s->lastdir, 256);
	s->q = xcalloc(QCAP, sizeof *s->q);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->nonempty, NULL);
	pthread_cond_init(&s->nonfull, NULL);
	if (pthread_create(&s->thread, NULL, writer, s) != 0) {
		int e = errno;
		strbuf_release(&s->path);
		strbuf_release(&s->lastdir);
		free(s->q);
		free(s->root);
		free(s);
		return lr_fail(err, LR_EXIT_FAILED, "cannot start the store writer: %s", strerror(e));
	}
	*out = s;
	return 0;
}

static int write_now(struct store *s, const char *rel, const void *data, size_t len)
{
	if (s->failed)
		return -1;
	strbuf_reset(&s->path);
	strbuf_addf(&s->path, "%s/%s", s->root, rel);
	char *slash = strrchr(s->path.buf, '/');
	*slash = '\0';
	if (mkdirs(s, s->path.buf) < 0) {
		s->failed = 1;
		return -1;
	}
	*slash = '/';
	int fd = open(s->path.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		snprintf(s->msg, sizeof s->msg, "cannot write %s: %s", s->path.buf, strerror(errno));
		if (fd >= 0)
			close(fd);
		s->failed = 1;
		return -1;
	}
	close(fd);
	s->files++;
	return 0;
}

static void *writer(void *arg)
{
	struct store *s = arg;
	/* Creating files is kernel time that would compete with the SQLite
	 * threads: a lower priority (Linux: per thread) lets the writer use the
	 * cycles the index builds leave. Best effort. */
	pid_t tid = (pid_t)syscall(SYS_gettid);
	setpriority(PRIO_PROCESS, (id_t)tid, 10);
	pthread_mutex_lock(&s->mu);
	s->tid = tid;
	for (;;) {
		while ((!s->count || !s->go) && !s->closing)
			pthread_cond_wait(&s->nonempty, &s->mu);
		if (!s->count && s->closing)
			break;
		struct job j = s->q[s->head];
		s->head = (s->head + 1) % QCAP;
		s->count--;
		pthread_cond_signal(&s->nonfull);
		pthread_mutex_unlock(&s->mu);
		write_now(s, j.rel, j.data, j.len);
		free(j.rel);
		free(j.data);
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

int store_put_rel(struct store *s, const char *rel, const void *data, size_t len)
{
	struct job j = { xstrdup(rel), xmalloc(len ? len : 1), len };
	memcpy(j.data, data, len);
	pthread_mutex_lock(&s->mu);
	while (s->count == QCAP) {
		s->go = 1; /* a very large sample: write now rather than wait */
		pthread_cond_signal(&s->nonempty);
		pthread_cond_wait(&s->nonfull, &s->mu);
	}
	s->q[(s->head + s->count) % QCAP] = j;
	s->count++;
	pthread_cond_signal(&s->nonempty);
	pthread_mutex_unlock(&s->mu);
	return 0;
}

int store_put(struct store *s, int64_t companyId, int64_t repositoryId, const char *name,
	      const char *version, const void *data, size_t len)
{
	struct strbuf rel = STRBUF_INIT;
	store_rel_path(s->advanced, companyId, repositoryId, name, version, &rel);
	int rc = store_put_rel(s, rel.buf, data, len);
	strbuf_release(&rel);
	return rc;
}

int store_advanced(const struct store *s) { return s && s->advanced; }

void store_go(struct store *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->go = 1;
	pthread_cond_signal(&s->nonempty);
	pthread_mutex_unlock(&s->mu);
}

int store_close(struct store *s, int64_t *files, struct lr_err *err)
{
	int rc = 0;
	if (files)
		*files = 0;
	if (!s)
		return 0;
	pthread_mutex_lock(&s->mu);
	/* waited for from here on: back to normal priority where allowed */
	if (s->tid)
		setpriority(PRIO_PROCESS, (id_t)s->tid, 0);
	s->closing = 1;
	pthread_cond_signal(&s->nonempty);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->nonempty);
	pthread_cond_destroy(&s->nonfull);
	if (files)
		*files = s->files;
	if (s->failed)
		rc = lr_fail(err, LR_EXIT_FAILED, "%s", s->msg);
	strbuf_release(&s->path);
	strbuf_release(&s->lastdir);
	free(s->q);
	free(s->root);
	free(s);
	return rc;
}
