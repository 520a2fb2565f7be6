/* JDBC URLs as Liferay's properties hold them, and --liferay-home.
 *
 * Which file wins: Liferay's own portal.properties ends with
 *   include-and-override=portal-ext.properties
 *   include-and-override=${liferay.home}/portal-ext.properties
 *   include-and-override=portal-setup-wizard.properties
 *   include-and-override=${liferay.home}/portal-setup-wizard.properties
 * so portal-setup-wizard.properties (written by the setup wizard) overrides
 * portal-ext.properties. We read both in that order, and follow the
 * include-and-override value of each file (comma-separated paths, relative to
 * Liferay Home; as in java.util.Properties only the last such line counts).
 *
 * Password: a non-empty jdbc.default.password (or password= in the JDBC URL)
 * is what the portal uses, so it wins; when the files hold none, or an empty
 * one, LRPREP_PASSWORD is used if set. */
#include "uri.h"
#include "../util/props.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const struct jdbc_kind {
	const char *subprotocol;
	enum db_engine engine;
	int port;
} jdbc_kinds[] = {
	{ "mysql", DB_MARIADB, 3306 },
	{ "mariadb", DB_MARIADB, 3306 },
	{ "postgresql", DB_PGSQL, 5432 },
};

static char *pct_decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = { s[i + 1], s[i + 2], 0 };
			strbuf_addch(&sb, (int)strtol(hex, NULL, 16));
			i += 2;
		} else {
			strbuf_addch(&sb, s[i]);
		}
	}
	return strbuf_detach(&sb, NULL);
}

static void set_str(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/* key=value&key=value (after "&amp;" was undone); user, password and the
 * MariaDB localSocket are the ones that matter for connecting. */
static void parse_params(const char *q, struct db_conninfo *ci)
{
	while (q && *q) {
		const char *amp = strchr(q, '&');
		size_t n = amp ? (size_t)(amp - q) : strlen(q);
		const char *eq = memchr(q, '=', n);
		if (eq) {
			size_t kl = (size_t)(eq - q);
			char *val = pct_decode(eq + 1, n - kl - 1);
			if (kl == 4 && !strncasecmp(q, "user", 4))
				set_str(&ci->user, val);
			else if (kl == 8 && !strncasecmp(q, "password", 8))
				set_str(&ci->password, val);
			else if (kl == 11 && !strncasecmp(q, "localSocket", 11))
				set_str(&ci->socket, val);
			else
				free(val);
		}
		q = amp ? amp + 1 : NULL;
	}
}

/* host[:port] or [v6]:port; the first of a comma-separated host list. */
static int parse_host(const char *s, size_t n, struct db_conninfo *ci, const char *url, struct lr_err *err)
{
	const char *comma = memchr(s, ',', n);
	if (comma)
		n = (size_t)(comma - s); /* failover lists: the first host is the primary */
	const char *port = NULL;
	size_t hl = n;
	if (n && s[0] == '[') {
		const char *rb = memchr(s, ']', n);
		if (!rb)
			return lr_fail(err, LR_EXIT_USAGE, "bad host in JDBC URL %s", url);
		ci->host = xstrndup(s + 1, (size_t)(rb - s - 1));
		if ((size_t)(rb - s + 1) < n && rb[1] == ':')
			port = rb + 2;
	} else {
		const char *colon = memchr(s, ':', n);
		if (colon) {
			hl = (size_t)(colon - s);
			port = colon + 1;
		}
		if (hl)
			ci->host = xstrndup(s, hl);
	}
	if (port && port < s + n) {
		char *end;
		long p = strtol(port, &end, 10);
		if (end != s + n || p <= 0 || p > 65535)
			return lr_fail(err, LR_EXIT_USAGE, "bad port in JDBC URL %s", url);
		ci->port = (int)p;
	}
	return 0;
}

static int jdbc_parse(const char *url, struct db_conninfo *ci, struct lr_err *err)
{
	if (strncasecmp(url, "jdbc:", 5) != 0)
		return lr_fail(err, LR_EXIT_USAGE, "not a JDBC URL: %s", url);
	const char *sub = url + 5;
	size_t sl = strcspn(sub, ":");
	if (!strncasecmp(sub, "hsqldb", sl) && sl == 6)
		return lr_fail(err, LR_EXIT_USAGE,
			       "HSQLDB: point lrprep at the lportal.script file (%s is Liferay's embedded "
			       "database, in data/hsql/ of Liferay Home)", url);
	const struct jdbc_kind *k = NULL;
	for (size_t i = 0; i < sizeof jdbc_kinds / sizeof jdbc_kinds[0]; i++)
		if (strlen(jdbc_kinds[i].subprotocol) == sl && !strncasecmp(sub, jdbc_kinds[i].subprotocol, sl))
			k = &jdbc_kinds[i];
	if (!k)
		return lr_fail(err, LR_EXIT_USAGE,
			       "unsupported JDBC URL %.*s: lrprep reads MySQL, MariaDB and PostgreSQL databases",
			       (int)(sl + 5), url);
	ci->engine = k->engine;
	ci->port = k->port;
	const char *rest = sub + sl;
	if (*rest != ':')
		return lr_fail(err, LR_EXIT_USAGE, "bad JDBC URL %s", url);
	rest++;
	/* jdbc:mysql:loadbalance://h1,h2/db and the like: skip to "//" */
	const char *slashes = strstr(rest, "//");
	const char *query = strchr(rest, '?');
	const char *path;
	if (slashes && (!query || slashes < query)) {
		const char *hs = slashes + 2;
		size_t hn = strcspn(hs, "/?");
		if (parse_host(hs, hn, ci, url, err) < 0)
			return -1;
		path = hs + hn;
		if (*path == '/')
			path++;
	} else {
		/* jdbc:postgresql:dbname (local server) */
		path = rest;
	}
	size_t pn = strcspn(path, "?;");
	if (pn)
		ci->dbname = pct_decode(path, pn);
	if (query)
		parse_params(query + 1, ci);
	if (!ci->dbname)
		return lr_fail(err, LR_EXIT_USAGE, "JDBC URL names no database: %s", url);
	return 0;
}

int db_jdbc_parse(const char *jdbc_url, struct db_conninfo *ci, struct lr_err *err)
{
	memset(ci, 0, sizeof *ci);
	/* URLs copied out of XML (context.xml, Tomcat resources) keep "&amp;" */
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = jdbc_url; *p; p++) {
		if (!strncmp(p, "&amp;", 5)) {
			strbuf_addch(&sb, '&');
			p += 4;
		} else if (!isspace((unsigned char)*p)) {
			strbuf_addch(&sb, *p);
		}
	}
	int rc = jdbc_parse(strbuf_str(&sb), ci, err);
	strbuf_release(&sb);
	if (rc < 0)
		db_conninfo_release(ci);
	return rc;
}

/* ---- Liferay Home ---------------------------------------------------- */

static void path_in_home(struct strbuf *out, const char *dir, const char *name)
{
	static const char lh[] = "${liferay.home}";
	strbuf_reset(out);
	if (!strncmp(name, lh, sizeof lh - 1)) {
		strbuf_addstr(out, dir);
		strbuf_addstr(out, name + sizeof lh - 1);
	} else if (name[0] == '/') {
		strbuf_addstr(out, name);
	} else {
		strbuf_addf(out, "%s/%s", dir, name);
	}
}

/* Load path into p, then what its include-and-override names. Returns 1 if
 * the file exists, 0 if not, -1 on a read error. */
static int load_with_includes(struct props *p, const char *dir, const char *path, int depth,
			      struct lr_err *err)
{
	/* a scratch set tells this file's own includes (p may hold an older one) */
	struct props *own = props_new();
	int rc = props_load_file(own, path, err);
	const char *inc = rc == 0 ? props_get(own, "include-and-override") : NULL;
	char *includes = inc ? xstrdup(inc) : NULL;
	props_free(own);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (props_load_file(p, path, err) < 0) {
		free(includes);
		return -1;
	}
	if (includes && depth < 4) {
		struct strbuf ip = STRBUF_INIT;
		char *save = NULL;
		for (char *tok = strtok_r(includes, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			while (isspace((unsigned char)*tok))
				tok++;
			if (!*tok)
				continue;
			path_in_home(&ip, dir, tok);
			if (strcmp(strbuf_str(&ip), path) != 0 &&
			    load_with_includes(p, dir, strbuf_str(&ip), depth + 1, err) < 0) {
				strbuf_release(&ip);
				free(includes);
				return -1;
			}
		}
		strbuf_release(&ip);
	}
	free(includes);
	return 1;
}

int db_conninfo_from_liferay_home(const char *dir, struct db_conninfo *ci, struct lr_err *err)
{
	memset(ci, 0, sizeof *ci);
	struct stat st;
	if (stat(dir, &st) != 0)
		return lr_fail(err, LR_EXIT_INPUT, "--liferay-home %s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return lr_fail(err, LR_EXIT_USAGE, "--liferay-home %s: not a directory", dir);
	static const char *const files[] = { "portal-ext.properties", "portal-setup-wizard.properties" };
	struct props *p = props_new();
	struct strbuf path = STRBUF_INIT;
	int nfound = 0;
	for (size_t i = 0; i < 2; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, files[i]);
		int rc = load_with_includes(p, dir, strbuf_str(&path), 0, err);
		if (rc < 0)
			goto fail;
		nfound += rc;
	}
	if (!nfound) {
		lr_fail(err, LR_EXIT_INPUT, "--liferay-home %s: no portal-ext.properties or "
			"portal-setup-wizard.properties there", dir);
		goto fail;
	}
	const char *url = props_get(p, "jdbc.default.url");
	const char *jndi = props_get(p, "jdbc.default.jndi.name");
	const char *drv = props_get(p, "jdbc.default.driverClassName");
	if (!url || !*url) {
		if (jndi && *jndi)
			lr_fail(err, LR_EXIT_USAGE,
				"--liferay-home %s: the database is the application server's JNDI data source "
				"'%s' (jdbc.default.jndi.name): give lrprep its URI instead", dir, jndi);
		else if (drv && strstr(drv, "hsqldb"))
			lr_fail(err, LR_EXIT_USAGE, "--liferay-home %s: HSQLDB: point lrprep at the "
				"lportal.script file (%s/data/hsql/lportal.script)", dir, dir);
		else
			lr_fail(err, LR_EXIT_USAGE, "--liferay-home %s: no jdbc.default.url in its properties "
				"(Liferay then uses its embedded HSQLDB: point lrprep at %s/data/hsql/lportal.script)",
				dir, dir);
		goto fail;
	}
	if (db_jdbc_parse(url, ci, err) < 0) {
		lr_err_prefix(err, "--liferay-home %s: ", dir);
		goto fail;
	}
	const char *user = props_get(p, "jdbc.default.username");
	if (user && *user) {
		free(ci->user);
		ci->user = xstrdup(user);
	}
	const char *pw = props_get(p, "jdbc.default.password");
	if (pw && *pw) {
		free(ci->password);
		ci->password = xstrdup(pw);
	} else if (!ci->password || !*ci->password) {
		const char *env = getenv("LRPREP_PASSWORD");
		if (env || pw) {
			free(ci->password);
			ci->password = xstrdup(env ? env : pw);
		}
	}
	strbuf_release(&path);
	props_free(p);
	return 0;
fail:
	strbuf_release(&path);
	props_free(p);
	db_conninfo_release(ci);
	return -1;
}
