#include "testlib.h"
#include "db/uri.h"
#include "util/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[4096];

static void rm_tmpdir(void)
{
	if (!tmpdir[0] || getenv("LRPREP_KEEP_TMP"))
		return;
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *tl_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/lrprep-test-XXXXXX", base ? base : "/tmp");
		if (!mkdtemp(tmpdir))
			fail_msg("mkdtemp: %s", strerror(errno));
		atexit(rm_tmpdir);
	}
	return tmpdir;
}

void tl_unavailable(const char *what)
{
	const char *req = getenv("LRPREP_TEST_REQUIRE");
	if (req && !strcmp(req, "1"))
		fail_msg("required but unavailable: %s", what);
	fprintf(stderr, "skipping: %s unavailable\n", what);
	skip();
}

const char *tl_src(void)
{
	const char *s = getenv("LRPREP_SRC");
	return s ? s : ".";
}

const char *tl_fixture(const char *name)
{
	static char path[4096];
	const char *dir = getenv("LRPREP_FIXTURES");
	if (!dir)
		dir = "../shared/fixtures";
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (access(path, R_OK) != 0)
		tl_unavailable(path);
	return path;
}

const char *tl_mysql_uri(void)
{
	const char *u = getenv("LRPREP_TEST_MYSQL_URI");
	if (!u || !*u)
		tl_unavailable("MariaDB test server (LRPREP_TEST_MYSQL_URI)");
	return u;
}

const char *tl_pg_uri(void)
{
	const char *u = getenv("LRPREP_TEST_PG_URI");
	if (!u || !*u)
		tl_unavailable("PostgreSQL test server (LRPREP_TEST_PG_URI)");
	return u;
}

const char *tl_fixture_dbname(const char *fixture, char *buf, size_t n)
{
	size_t j = 0;
	const char *pre = "fx_";
	for (const char *p = pre; *p && j + 1 < n; p++)
		buf[j++] = *p;
	for (const char *p = fixture; *p && *p != '.' && j + 1 < n; p++)
		buf[j++] = (*p == '-') ? '_' : *p;
	buf[j] = '\0';
	return buf;
}

/* Replace the path part of a server URI (scheme://auth@host/PATH?query). */
static const char *with_db(const char *uri, const char *dbname, char *buf, size_t n)
{
	const char *scheme_end = strstr(uri, "://");
	const char *slash = scheme_end ? strchr(scheme_end + 3, '/') : NULL;
	const char *q = strchr(uri, '?');
	if (!slash || (q && slash > q))
		slash = q ? q : uri + strlen(uri);
	snprintf(buf, n, "%.*s/%s%s", (int)(slash - uri), uri, dbname, q ? q : "");
	return buf;
}

const char *tl_mysql_db_uri(const char *dbname, char *buf, size_t n)
{
	return with_db(tl_mysql_uri(), dbname, buf, n);
}

const char *tl_pg_db_uri(const char *dbname, char *buf, size_t n)
{
	return with_db(tl_pg_uri(), dbname, buf, n);
}

static int uri_port(const char *uri, int dflt)
{
	struct db_conninfo ci;
	struct lr_err err = LR_ERR_INIT;
	if (db_uri_parse(uri, &ci, &err) < 0)
		fail_msg("test server URI: %s", err.msg);
	int port = ci.port ? ci.port : dflt;
	db_conninfo_release(&ci);
	return port;
}

int tl_mysql_port(void)
{
	return uri_port(tl_mysql_uri(), 3306);
}

int tl_pg_port(void)
{
	return uri_port(tl_pg_uri(), 5432);
}

const char *tl_mysql_client_args(void)
{
	static char buf[128];
	snprintf(buf, sizeof buf, "-h127.0.0.1 -P%d -ulrprep -plrtest", tl_mysql_port());
	return buf;
}

const char *tl_pg_client_args(void)
{
	static char buf[128];
	snprintf(buf, sizeof buf, "-h 127.0.0.1 -p %d -U lrprep", tl_pg_port());
	return buf;
}

static void slurp_fd(int fd, struct strbuf *sb)
{
	char b[65536];
	ssize_t r;
	while ((r = read(fd, b, sizeof b)) > 0)
		if (sb)
			strbuf_add(sb, b, (size_t)r);
}

int tl_runv(struct strbuf *out, struct strbuf *err, const char *const *argv)
{
	const char *bin = getenv("LRPREP_BIN");
	if (!bin)
		bin = "./lrprep";
	char outp[4200], errp[4200];
	snprintf(outp, sizeof outp, "%s/.stdout", tl_tmpdir());
	snprintf(errp, sizeof errp, "%s/.stderr", tl_tmpdir());
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int in = open("/dev/null", O_RDONLY);
		if (o < 0 || e < 0 || in < 0)
			_exit(127);
		dup2(o, 1);
		dup2(e, 2);
		dup2(in, 0);
		int n = 0;
		while (argv[n])
			n++;
		char **av = xcalloc((size_t)n + 2, sizeof(char *));
		av[0] = (char *)bin;
		for (int i = 0; i < n; i++)
			av[i + 1] = (char *)argv[i];
		execv(bin, av);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	int fo = open(outp, O_RDONLY), fe = open(errp, O_RDONLY);
	if (fo >= 0) {
		slurp_fd(fo, out);
		close(fo);
	}
	if (fe >= 0) {
		struct strbuf tmp = STRBUF_INIT;
		slurp_fd(fe, &tmp);
		if (err)
			strbuf_add(err, tmp.buf ? tmp.buf : "", tmp.len);
		else if (tmp.len)
			fprintf(stderr, "%s", strbuf_str(&tmp));
		strbuf_release(&tmp);
		close(fe);
	}
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return -1;
}

int tl_run(struct strbuf *out, struct strbuf *err, const char *arg0, ...)
{
	const char *argv[64];
	int n = 0;
	va_list ap;
	va_start(ap, arg0);
	for (const char *a = arg0; a && n < 63; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return tl_runv(out, err, argv);
}

struct db *tl_open(const char *spec)
{
	struct db_conninfo ci = { 0 };
	struct lr_err err = LR_ERR_INIT;
	struct db *db = NULL;
	if (db_is_uri(spec)) {
		if (db_uri_parse(spec, &ci, &err) < 0)
			fail_msg("parse %s: %s", spec, err.msg);
	} else {
		ci.engine = DB_SQLITE;
		ci.path = xstrdup(spec);
		ci.create = 1;
	}
	if (db_open(&ci, &db, &err) < 0)
		fail_msg("open %s: %s", spec, err.msg);
	db_conninfo_release(&ci);
	return db;
}

int64_t tl_int(struct db *db, const char *sql)
{
	struct lr_err err = LR_ERR_INIT;
	int64_t v = 0;
	if (db_query_int(db, sql, NULL, 0, &v, &err) < 0)
		fail_msg("%s: %s", sql, err.msg);
	return v;
}
