/* Small file-system helpers of the backup: directories, fsync, hashing,
 * the crash hook used by the tests, and the progress line. */
#include "backup.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void bk_crash_point(const char *name)
{
	const char *want = getenv("LRPREP_TEST_CRASH_AT");
	if (want && !strcmp(want, name))
		raise(SIGKILL);
}

void bk_crash_point_n(const char *name, int64_t n)
{
	const char *want = getenv("LRPREP_TEST_CRASH_AT");
	if (!want)
		return;
	size_t l = strlen(name);
	if (!strncmp(want, name, l) && want[l] == ':' && strtoll(want + l + 1, NULL, 10) == n)
		raise(SIGKILL);
}

int bk_mkdir_p(const char *path, struct lr_err *err)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = 0;
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", p, strerror(errno));
	free(p);
	return rc;
}

int bk_fsync_path(const char *path, int dir, struct lr_err *err)
{
	int fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lr_fail(err, LR_EXIT_FAILED, "opening %s: %s", path, strerror(errno));
	int rc = 0;
	if (fsync(fd) != 0)
		rc = lr_fail(err, LR_EXIT_FAILED, "fsync %s: %s", path, strerror(errno));
	close(fd);
	return rc;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

int bk_rm_rf(const char *path)
{
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

void bk_hex(const unsigned char *b, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[b[i] >> 4];
		out[2 * i + 1] = hx[b[i] & 15];
	}
	out[2 * n] = 0;
}

int bk_hash_file(const char *path, char hex[65], int64_t *size, struct lr_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lr_fail(err, LR_EXIT_INPUT, "%s: %s", path, strerror(errno));
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	size_t bufsz = 1 << 20;
	unsigned char *buf = xmalloc(bufsz);
	int64_t total = 0;
	ssize_t n;
	while ((n = read(fd, buf, bufsz)) > 0) {
		EVP_DigestUpdate(ctx, buf, (size_t)n);
		total += n;
	}
	int rc = 0;
	if (n < 0) {
		rc = lr_fail(err, LR_EXIT_INPUT, "reading %s: %s", path, strerror(errno));
	} else {
		unsigned char md[32];
		EVP_DigestFinal_ex(ctx, md, NULL);
		bk_hex(md, 32, hex);
		if (size)
			*size = total;
	}
	free(buf);
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

void bk_object_path(const char *dir, const char *hex, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%s/objects/%.2s/%s", dir, hex, hex + 2);
}

void bk_utc_iso(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- manifest text and its self-checksum ------------------------------ */

static const char ck_key[] = "\"manifestChecksum\": \"";

char *bk_manifest_text(json_t *m)
{
	json_object_del(m, "manifestChecksum");
	char *body = json_dumps(m, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	/* body ends with "\n}": reopen the object and add the checksum line */
	size_t bl = strlen(body);
	while (bl && body[bl - 1] != '}')
		bl--;
	if (bl)
		bl--;
	while (bl && (body[bl - 1] == '\n' || body[bl - 1] == ' '))
		bl--;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, body, bl);
	strbuf_addstr(&sb, ",\n");
	free(body);
	unsigned char md[32];
	char hex[65];
	EVP_Digest(sb.buf, sb.len, md, NULL, EVP_sha256(), NULL);
	bk_hex(md, 32, hex);
	strbuf_addf(&sb, "%s%s\"\n}\n", ck_key, hex);
	return strbuf_detach(&sb, NULL);
}

json_t *bk_manifest_load(const char *path, struct lr_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		lr_fail(err, LR_EXIT_INPUT, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	json_t *m = NULL;
	/* the checksum line is the last line that starts with the key */
	const char *line = NULL;
	for (const char *p = sb.buf; p && (p = strstr(p, ck_key)); p++)
		if (p == sb.buf || p[-1] == '\n')
			line = p;
	if (!line || line + sizeof ck_key - 1 + 64 > sb.buf + sb.len) {
		lr_fail(err, LR_EXIT_ERRORS, "%s: no manifestChecksum: not a complete lrprep backup manifest", path);
		goto out;
	}
	unsigned char md[32];
	char hex[65];
	EVP_Digest(sb.buf, (size_t)(line - sb.buf), md, NULL, EVP_sha256(), NULL);
	bk_hex(md, 32, hex);
	if (strncmp(line + sizeof ck_key - 1, hex, 64) != 0) {
		lr_fail(err, LR_EXIT_ERRORS, "%s: manifest self-checksum does not match its content "
			"(the manifest was edited or damaged)", path);
		goto out;
	}
	json_error_t je;
	m = json_loadb(sb.buf, sb.len, 0, &je);
	if (!m) {
		lr_fail(err, LR_EXIT_ERRORS, "%s: line %d: %s", path, je.line, je.text);
		goto out;
	}
	const char *fmt = json_string_value(json_object_get(m, "format"));
	json_int_t ver = json_integer_value(json_object_get(m, "formatVersion"));
	if (!fmt || strcmp(fmt, BK_MANIFEST_FORMAT) != 0 || ver < 1) {
		lr_fail(err, LR_EXIT_ERRORS, "%s: not an lrprep backup manifest", path);
		json_decref(m);
		m = NULL;
	} else if (ver > BK_MANIFEST_VERSION) {
		lr_fail(err, LR_EXIT_USAGE, "%s: manifest format %d is newer than this lrprep reads (%d)",
			path, (int)ver, BK_MANIFEST_VERSION);
		json_decref(m);
		m = NULL;
	}
out:
	strbuf_release(&sb);
	return m;
}

int bk_write_atomic(const char *dir, const char *name, const char *text, size_t len,
		    const char *crash_before_rename, struct lr_err *err)
{
	struct strbuf tmp = STRBUF_INIT, dst = STRBUF_INIT;
	strbuf_addf(&tmp, "%s/%s.tmp", dir, name);
	strbuf_addf(&dst, "%s/%s", dir, name);
	int rc = -1;
	int fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		lr_fail(err, LR_EXIT_FAILED, "creating %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0) {
			lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", tmp.buf, strerror(errno));
			close(fd);
			goto out;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	if (crash_before_rename)
		bk_crash_point(crash_before_rename);
	if (rename(tmp.buf, dst.buf) != 0) {
		lr_fail(err, LR_EXIT_FAILED, "renaming %s: %s", tmp.buf, strerror(errno));
		goto out;
	}
	rc = bk_fsync_path(dir, 1, err);
out:
	strbuf_release(&tmp);
	strbuf_release(&dst);
	return rc;
}

/* ---- progress ----------------------------------------------------------- */

void bk_progress_start(struct bk_progress *p, int enabled, const char *what)
{
	p->enabled = enabled && lr_verbosity > 0 && isatty(2);
	p->what = what;
	p->t0 = p->last = lr_now();
}

void bk_progress_update(struct bk_progress *p, int64_t done, int64_t total, int64_t bytes, int force)
{
	if (!p->enabled)
		return;
	double now = lr_now();
	if (!force && now - p->last < 0.2)
		return;
	p->last = now;
	double mbs = (double)bytes / 1048576.0 / (now - p->t0 > 0.001 ? now - p->t0 : 0.001);
	char bar[31];
	int fill = total > 0 ? (int)(30 * done / total) : 0;
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = 0;
	fprintf(stderr, "\r%-6s [%s] %" PRId64 "/%" PRId64 "  %.1f MB  %.1f MB/s ", p->what, bar, done,
		total, (double)bytes / 1048576.0, mbs);
	fflush(stderr);
}

void bk_progress_end(struct bk_progress *p, int64_t done, int64_t bytes)
{
	if (!p->enabled)
		return;
	bk_progress_update(p, done, done, bytes, 1);
	fputc('\n', stderr);
}

/* ---- waiting for workers -------------------------------------------------- */

void bk_waiter_init(struct bk_waiter *w)
{
	pthread_mutex_init(&w->m, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->running = 0;
}

void bk_waiter_destroy(struct bk_waiter *w)
{
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->m);
}

int bk_waiter_start(struct bk_waiter *w, pthread_t *th, void *(*fn)(void *), void *arg)
{
	pthread_mutex_lock(&w->m);
	w->running++;
	pthread_mutex_unlock(&w->m);
	if (pthread_create(th, NULL, fn, arg) == 0)
		return 0;
	bk_waiter_leave(w);
	return -1;
}

void bk_waiter_leave(struct bk_waiter *w)
{
	pthread_mutex_lock(&w->m);
	w->running--;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->m);
}

void bk_waiter_wait(struct bk_waiter *w, void (*tick)(void *), void *ctx)
{
	pthread_mutex_lock(&w->m);
	while (w->running > 0) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&w->cv, &w->m, &ts);
		if (tick && w->running > 0) {
			pthread_mutex_unlock(&w->m);
			tick(ctx);
			pthread_mutex_lock(&w->m);
		}
	}
	pthread_mutex_unlock(&w->m);
}
