/* Connection URIs: scheme://[user[:password]@][host][:port][/dbname][?k=v&...]
 * for MariaDB/MySQL and PostgreSQL, sqlite:///path or sqlite:path for SQLite;
 * and where a password comes from when the URI has none (LRPREP_PASSWORD,
 * ~/.my.cnf, ~/.pgpass). JDBC URLs and Liferay Home live in jdbc.c. */
#include "uri.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const struct {
	const char *scheme;
	enum db_engine engine;
} schemes[] = {
	{ "mariadb", DB_MARIADB },
	{ "mysql", DB_MARIADB },
	{ "postgresql", DB_PGSQL },
	{ "postgres", DB_PGSQL },
	{ "sqlite", DB_SQLITE },
};
#define KNOWN_SCHEMES "mariadb://, mysql://, postgresql://, postgres://, sqlite:"

static size_t scheme_len(const char *arg)
{
	size_t n = 0;
	if (!arg || !isalpha((unsigned char)arg[0]))
		return 0;
	while (isalnum((unsigned char)arg[n]) || arg[n] == '+' || arg[n] == '-' || arg[n] == '.')
		n++;
	return n;
}

int db_is_uri(const char *arg)
{
	size_t n = scheme_len(arg);
	if (n == 0)
		return 0;
	if (!strncmp(arg + n, "://", 3))
		return 1;
	return n == 6 && !strncasecmp(arg, "sqlite", 6) && arg[6] == ':';
}

static int hexv(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode s[0..n) into a new string; NULL on a bad escape or a NUL. */
static char *pct_decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi = i + 2 < n ? hexv((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexv((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				free(out);
				return NULL;
			}
			out[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[j++] = s[i];
		}
	}
	out[j] = '\0';
	return out;
}

static int decode_into(char **dst, const char *s, size_t n, const char *what, struct lr_err *err)
{
	char *v = pct_decode(s, n);
	if (!v)
		return lr_fail(err, LR_EXIT_USAGE, "bad percent-encoding in the %s of the database URI",
			       what);
	free(*dst);
	*dst = v;
	return 0;
}

static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	return h && *h ? h : NULL;
}

/* --- ~/.my.cnf -------------------------------------------------------------- */

/* Value of an option-file line: quotes stripped (with \ escapes inside),
 * otherwise cut at an inline # comment and trimmed. Caller frees. */
static char *cnf_value(const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	struct strbuf sb = STRBUF_INIT;
	if (*v == '\'' || *v == '"') {
		char q = *v++;
		for (; *v && *v != q; v++) {
			if (*v == '\\' && v[1]) {
				v++;
				switch (*v) {
				case 'n': strbuf_addch(&sb, '\n'); break;
				case 't': strbuf_addch(&sb, '\t'); break;
				case 's': strbuf_addch(&sb, ' '); break;
				default: strbuf_addch(&sb, *v); break;
				}
			} else {
				strbuf_addch(&sb, *v);
			}
		}
	} else {
		size_t n = strcspn(v, "#");
		while (n > 0 && isspace((unsigned char)v[n - 1]))
			n--;
		strbuf_add(&sb, v, n);
	}
	return strbuf_detach(&sb, NULL);
}

/* password= (and user= when the URI has none) from [client] and the
 * MariaDB client groups; later lines win, as in the MariaDB client. */
static void read_my_cnf(struct db_conninfo *ci)
{
	const char *home = home_dir();
	if (!home)
		return;
	char path[4096];
	snprintf(path, sizeof path, "%s/.my.cnf", home);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[4096];
	int in_group = 0;
	char *pw = NULL, *user = NULL;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#' || *p == ';' || *p == '!' || !*p)
			continue;
		if (*p == '[') {
			char *e = strchr(p, ']');
			if (e)
				*e = '\0';
			const char *g = p + 1;
			in_group = !strcasecmp(g, "client") || !strcasecmp(g, "client-mariadb") ||
				   !strcasecmp(g, "mysql") || !strcasecmp(g, "mariadb") ||
				   !strcasecmp(g, "mariadb-client");
			continue;
		}
		if (!in_group)
			continue;
		char *eq = strchr(p, '=');
		size_t kl = eq ? (size_t)(eq - p) : strlen(p);
		while (kl > 0 && isspace((unsigned char)p[kl - 1]))
			kl--;
		char key[64];
		if (kl == 0 || kl >= sizeof key)
			continue;
		for (size_t i = 0; i < kl; i++)
			key[i] = p[i] == '-' ? '_' : (char)tolower((unsigned char)p[i]);
		key[kl] = '\0';
		if (!eq)
			continue;
		if (!strcmp(key, "password")) {
			free(pw);
			pw = cnf_value(eq + 1);
		} else if (!strcmp(key, "user")) {
			free(user);
			user = cnf_value(eq + 1);
		}
	}
	fclose(f);
	if (!ci->user && user) {
		ci->user = user;
		user = NULL;
	}
	if (pw && !ci->password) {
		ci->password = pw;
		pw = NULL;
	}
	free(user);
	free(pw);
}

/* --- ~/.pgpass ---------------------------------------------------------------- */

/* Next ':'-separated field with \: and \\ unescaped; advances *p. */
static char *pgpass_field(const char **p, int last)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = *p;
	while (*s && (last || *s != ':')) {
		if (*s == '\\' && s[1])
			s++;
		strbuf_addch(&sb, *s++);
	}
	if (*s == ':')
		s++;
	*p = s;
	return strbuf_detach(&sb, NULL);
}

static int pgpass_match(const char *pat, const char *val)
{
	return !strcmp(pat, "*") || (val && !strcmp(pat, val));
}

static void read_pgpass(struct db_conninfo *ci)
{
	char path[4096];
	const char *pf = getenv("PGPASSFILE");
	if (pf && *pf) {
		snprintf(path, sizeof path, "%s", pf);
	} else {
		const char *home = home_dir();
		if (!home)
			return;
		snprintf(path, sizeof path, "%s/.pgpass", home);
	}
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		/* what libpq does: a readable secret is not used */
		lr_warn("password file \"%s\" has group or world access; permissions should be u=rw "
			"(0600) or less; ignoring it", path);
		return;
	}
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	/* libpq's defaults: local sockets match "localhost", the database
	 * defaults to the user name */
	const char *host = ci->host && *ci->host && !(ci->socket && *ci->socket) ? ci->host
										  : "localhost";
	char port[16];
	snprintf(port, sizeof port, "%d", ci->port ? ci->port : 5432);
	const char *user = ci->user ? ci->user : getenv("USER");
	const char *db = ci->dbname && *ci->dbname ? ci->dbname : user;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		const char *p = line;
		char *fl[5];
		for (int i = 0; i < 5; i++)
			fl[i] = pgpass_field(&p, i == 4);
		int ok = pgpass_match(fl[0], host) && pgpass_match(fl[1], port) &&
			 pgpass_match(fl[2], db) && pgpass_match(fl[3], user);
		if (ok && !ci->password) {
			ci->password = fl[4];
			fl[4] = NULL;
		}
		for (int i = 0; i < 5; i++)
			free(fl[i]);
		if (ok)
			break;
	}
	fclose(f);
}

/* --- parsing ------------------------------------------------------------------ */

static int parse_query(const char *q, struct db_conninfo *ci, struct lr_err *err)
{
	while (*q) {
		size_t n = strcspn(q, "&");
		const char *eq = memchr(q, '=', n);
		char *key = NULL, *val = NULL;
		if (decode_into(&key, q, eq ? (size_t)(eq - q) : n, "query", err) < 0)
			return -1;
		if (decode_into(&val, eq ? eq + 1 : q + n, eq ? n - (size_t)(eq - q) - 1 : 0, "query",
				err) < 0) {
			free(key);
			return -1;
		}
		int used = 1;
		if (!strcmp(key, "socket")) {
			free(ci->socket);
			ci->socket = val;
		} else if (!strcmp(key, "host")) {
			/* libpq style: a directory means a Unix socket */
			if (val[0] == '/') {
				free(ci->socket);
				ci->socket = val;
			} else {
				free(ci->host);
				ci->host = val;
			}
		} else if (!strcmp(key, "user")) {
			free(ci->user);
			ci->user = val;
		} else if (!strcmp(key, "password")) {
			free(ci->password);
			ci->password = val;
		} else if (!strcmp(key, "dbname") || !strcmp(key, "database")) {
			free(ci->dbname);
			ci->dbname = val;
		} else if (!strcmp(key, "port")) {
			char *e;
			long p = strtol(val, &e, 10);
			if (*e || p <= 0 || p > 65535) {
				lr_fail(err, LR_EXIT_USAGE, "bad port '%s' in the database URI", val);
				free(key);
				free(val);
				return -1;
			}
			ci->port = (int)p;
			used = 0;
		} else if (!strcmp(key, "mode") && ci->engine == DB_SQLITE) {
			ci->readonly = !strcmp(val, "ro");
			used = 0;
		} else {
			/* sslmode, connect_timeout, charset ...: the driver chooses */
			if (strcmp(key, "sslmode") && strcmp(key, "connect_timeout"))
				lr_warn("ignoring database URI parameter '%s'", key);
			used = 0;
		}
		if (!used)
			free(val);
		free(key);
		q += n;
		if (*q == '&')
			q++;
	}
	return 0;
}

static int parse_hostport(const char *s, size_t n, struct db_conninfo *ci, struct lr_err *err)
{
	const char *portp = NULL;
	size_t hl;
	if (n > 0 && s[0] == '[') {
		const char *rb = memchr(s, ']', n);
		if (!rb)
			return lr_fail(err, LR_EXIT_USAGE, "unterminated [IPv6 address] in the database URI");
		if (decode_into(&ci->host, s + 1, (size_t)(rb - s - 1), "host", err) < 0)
			return -1;
		size_t rest = n - (size_t)(rb - s) - 1;
		if (rest > 0) {
			if (rb[1] != ':')
				return lr_fail(err, LR_EXIT_USAGE, "unexpected text after ] in the database URI");
			portp = rb + 2;
		}
		hl = 0;
	} else {
		const char *colon = memchr(s, ':', n);
		if (colon && memchr(colon + 1, ':', n - (size_t)(colon - s) - 1))
			return lr_fail(err, LR_EXIT_USAGE,
				       "IPv6 addresses in a database URI must be in brackets: [::1]");
		hl = colon ? (size_t)(colon - s) : n;
		portp = colon ? colon + 1 : NULL;
		if (hl > 0 && decode_into(&ci->host, s, hl, "host", err) < 0)
			return -1;
	}
	if (portp) {
		size_t pl = n - (size_t)(portp - s);
		long p = 0;
		for (size_t i = 0; i < pl; i++) {
			if (!isdigit((unsigned char)portp[i]) || p > 65535) {
				p = -1;
				break;
			}
			p = p * 10 + (portp[i] - '0');
		}
		if (pl > 0 && (p <= 0 || p > 65535))
			return lr_fail(err, LR_EXIT_USAGE, "bad port '%.*s' in the database URI", (int)pl,
				       portp);
		ci->port = (int)p;
	}
	return 0;
}

static int parse_sqlite(const char *rest, struct db_conninfo *ci, struct lr_err *err)
{
	/* sqlite:///abs/path, sqlite://rel/path, sqlite:path */
	if (!strncmp(rest, "//", 2))
		rest += 2;
	size_t n = strcspn(rest, "?");
	if (n == 0)
		return lr_fail(err, LR_EXIT_USAGE, "no file in the SQLite URI");
	if (decode_into(&ci->path, rest, n, "path", err) < 0)
		return -1;
	return rest[n] == '?' ? parse_query(rest + n + 1, ci, err) : 0;
}

int db_uri_parse(const char *uri, struct db_conninfo *ci, struct lr_err *err)
{
	memset(ci, 0, sizeof *ci);
	size_t sl = scheme_len(uri);
	if (sl == 0 || uri[sl] != ':')
		return lr_fail(err, LR_EXIT_USAGE, "not a database URI (expected %s)", KNOWN_SCHEMES);
	int found = 0;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strlen(schemes[i].scheme) == sl && !strncasecmp(uri, schemes[i].scheme, sl)) {
			ci->engine = schemes[i].engine;
			found = 1;
		}
	if (!found)
		return lr_fail(err, LR_EXIT_USAGE, "unknown database URI scheme '%.*s' (known: %s)",
			       (int)(sl > 40 ? 40 : sl), uri, KNOWN_SCHEMES);
	int rc;
	if (ci->engine == DB_SQLITE) {
		rc = parse_sqlite(uri + sl + 1, ci, err);
	} else if (strncmp(uri + sl, "://", 3) != 0) {
		rc = lr_fail(err, LR_EXIT_USAGE, "a %.*s URI starts with %.*s://", (int)sl, uri, (int)sl,
			     uri);
	} else {
		const char *a = uri + sl + 3;
		size_t al = strcspn(a, "/?#");
		const char *at = NULL;
		for (size_t i = 0; i < al; i++)
			if (a[i] == '@')
				at = a + i; /* the last @: passwords may hold unescaped @ */
		rc = 0;
		const char *hp = a;
		if (at) {
			size_t ul = (size_t)(at - a);
			const char *colon = memchr(a, ':', ul);
			size_t nl = colon ? (size_t)(colon - a) : ul;
			if (nl > 0)
				rc = decode_into(&ci->user, a, nl, "user name", err);
			if (rc == 0 && colon)
				rc = decode_into(&ci->password, colon + 1, ul - nl - 1, "password", err);
			hp = at + 1;
		}
		if (rc == 0)
			rc = parse_hostport(hp, (size_t)(a + al - hp), ci, err);
		const char *p = a + al;
		if (rc == 0 && *p == '/') {
			size_t dl = strcspn(p + 1, "?#");
			if (dl > 0)
				rc = decode_into(&ci->dbname, p + 1, dl, "database name", err);
			p += 1 + dl;
		}
		if (rc == 0 && *p == '?') {
			size_t ql = strcspn(p + 1, "#");
			char *q = xstrndup(p + 1, ql);
			rc = parse_query(q, ci, err);
			free(q);
		}
	}
	if (rc < 0) {
		db_conninfo_release(ci);
		return -1;
	}
	if (ci->engine != DB_SQLITE && !ci->password) {
		const char *env = getenv("LRPREP_PASSWORD");
		if (env)
			ci->password = xstrdup(env);
		else if (ci->engine == DB_MARIADB)
			read_my_cnf(ci);
		else
			read_pgpass(ci);
	}
	return 0;
}

/* Percent-encode what would change the meaning of a URI part. */
static void add_encoded(struct strbuf *out, const char *s, const char *keep)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("-._~", *p) || (keep && strchr(keep, *p)))
			strbuf_addch(out, *p);
		else
			strbuf_addf(out, "%%%02X", *p);
	}
}

void db_conninfo_describe(const struct db_conninfo *ci, struct strbuf *out)
{
	if (ci->engine == DB_SQLITE) {
		strbuf_addstr(out, ci->path ? ci->path : "(no file)");
		return;
	}
	strbuf_addstr(out, ci->engine == DB_PGSQL ? "postgresql://" : "mariadb://");
	if (ci->user) {
		add_encoded(out, ci->user, NULL);
		strbuf_addch(out, '@');
	}
	if (ci->host) {
		int v6 = strchr(ci->host, ':') != NULL;
		if (v6)
			strbuf_addch(out, '[');
		add_encoded(out, ci->host, v6 ? ":" : NULL);
		if (v6)
			strbuf_addch(out, ']');
	}
	if (ci->port)
		strbuf_addf(out, ":%d", ci->port);
	strbuf_addch(out, '/');
	if (ci->dbname)
		add_encoded(out, ci->dbname, NULL);
	if (ci->socket) {
		strbuf_addstr(out, ci->engine == DB_PGSQL ? "?host=" : "?socket=");
		add_encoded(out, ci->socket, "/");
	}
}

/* "scheme://user:secret@host/db?password=x" -> without the secrets. */
void db_target_redact(const char *arg, struct strbuf *out)
{
	const char *s = strstr(arg, "://");
	if (!s) {
		strbuf_addstr(out, arg);
		return;
	}
	const char *auth = s + 3;
	const char *at = strchr(auth, '@');
	const char *slash = strchr(auth, '/');
	if (at && (!slash || at < slash)) {
		const char *colon = memchr(auth, ':', (size_t)(at - auth));
		strbuf_add(out, arg, (size_t)((colon ? colon : at) - arg));
		strbuf_addstr(out, at);
	} else {
		strbuf_addstr(out, arg);
	}
	char *pw = strstr(strbuf_str(out), "password=");
	if (pw) {
		size_t keep = (size_t)(pw - strbuf_str(out)) + 9;
		const char *rest = pw + 9 + strcspn(pw + 9, "&");
		char *tail = xstrdup(rest);
		strbuf_setlen(out, keep);
		strbuf_addstr(out, "***");
		strbuf_addstr(out, tail);
		free(tail);
	}
}
