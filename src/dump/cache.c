/* The dump cache: a dump given where a database is expected is imported
 * once into <cache>/<sha256 of the dump bytes>.db. Concurrent runs are safe:
 * each imports into its own temp file and the rename is atomic, so a
 * reader only ever sees a complete copy. */
#include "cache.h"
#include "input.h"
#include "input_peek.h"
#include "load.h"
#include "reader.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

int dump_is_dump_file(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	unsigned char m[16] = { 0 };
	ssize_t n = read(fd, m, sizeof m);
	close(fd);
	if (n == 16 && !memcmp(m, "SQLite format 3", 16))
		return 0;
	if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		return 1;
	if (n >= 6 && !memcmp(m, "\xfd" "7zXZ\0", 6))
		return 1;
	if (n >= 4 && !memcmp(m, "\x28\xb5\x2f\xfd", 4))
		return 1;
	/* plain text: ask the readers */
	struct input *in = NULL;
	struct lr_err e = LR_ERR_INIT;
	if (input_open(path, &in, &e) < 0)
		return 0;
	const char *head;
	long k = input_peek(in, 64 * 1024, &head, &e);
	int score = k > 0 ? dump_reader_find(NULL)->sniff(head, (size_t)k) : 0;
	input_close(in);
	return score >= 20;
}

static int mkdirs(const char *dir, struct lr_err *err)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			lr_fail(err, LR_EXIT_FAILED, "cannot create %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = 0;
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = lr_fail(err, LR_EXIT_FAILED, "cannot create %s: %s", p, strerror(errno));
	free(p);
	return rc;
}

static char *cache_dir(void)
{
	const char *d = getenv("LRPREP_CACHE");
	if (d && *d)
		return xstrdup(d);
	struct strbuf sb = STRBUF_INIT;
	d = getenv("XDG_CACHE_HOME");
	if (d && *d) {
		strbuf_addf(&sb, "%s/lrprep", d);
	} else {
		const char *home = getenv("HOME");
		strbuf_addf(&sb, "%s/.cache/lrprep", home && *home ? home : "/tmp");
	}
	return strbuf_detach(&sb, NULL);
}

/* SHA-256 of the file's bytes (as stored: compressed bytes for .xz). */
static int hash_file(const char *path, char hex[65], struct lr_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lr_fail(err, LR_EXIT_INPUT, "cannot open %s: %s", path, strerror(errno));
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t cap = 1 << 20;
	char *buf = xmalloc(cap);
	int rc = 0;
	if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
		rc = lr_fail(err, LR_EXIT_FAILED, "cannot start SHA-256");
	while (rc == 0) {
		ssize_t n = read(fd, buf, cap);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = lr_fail(err, LR_EXIT_INPUT, "%s: read error: %s", path, strerror(errno));
		if (n <= 0)
			break;
		EVP_DigestUpdate(md, buf, (size_t)n);
	}
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned hl = 0;
	if (rc == 0 && !EVP_DigestFinal_ex(md, h, &hl))
		rc = lr_fail(err, LR_EXIT_FAILED, "SHA-256 failed");
	for (unsigned i = 0; rc == 0 && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	EVP_MD_CTX_free(md);
	free(buf);
	close(fd);
	return rc;
}

int dump_cache_get(const char *dump_path, char **sqlite_path, struct lr_err *err)
{
	*sqlite_path = NULL;
	char hex[65];
	if (hash_file(dump_path, hex, err) < 0)
		return -1;
	char *dir = cache_dir();
	if (mkdirs(dir, err) < 0) {
		free(dir);
		return -1;
	}
	struct strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/%s.db", dir, hex);
	free(dir);
	if (access(path.buf, R_OK) == 0) {
		lr_verbose("using the cached copy %s of %s", path.buf, dump_path);
		*sqlite_path = strbuf_detach(&path, NULL);
		return 0;
	}
	lr_info("importing %s (cached for the next run)...", dump_path);
	struct dump_load_stats st;
	if (dump_import_sqlite(dump_path, NULL, path.buf, NULL, &st, NULL, err) < 0) {
		lr_err_prefix(err, "importing %s", dump_path);
		strbuf_release(&path);
		return -1;
	}
	*sqlite_path = strbuf_detach(&path, NULL);
	return 0;
}
