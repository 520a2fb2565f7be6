#include "rtest.h"
#include "util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

const char *rt_sample(const char *name)
{
	static char path[4200];
	snprintf(path, sizeof path, "%s/%s", tl_tmpdir(), name);
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_run(&out, &err, "sample", "-o", path, NULL);
	if (rc != 0)
		fail_msg("lrprep sample exit %d: %s", rc, strbuf_str(&err));
	strbuf_release(&out);
	strbuf_release(&err);
	return path;
}

char *rt_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	strbuf_addstr(&sb, "");
	return strbuf_detach(&sb, NULL);
}

int rt_count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

json_t *rt_json(int *rc, const char *arg0, ...)
{
	const char *argv[32];
	int n = 0;
	va_list ap;
	va_start(ap, arg0);
	for (const char *a = arg0; a && n < 31; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	*rc = tl_runv(&out, &err, argv);
	json_error_t je;
	json_t *doc = json_loads(strbuf_str(&out), 0, &je);
	if (!doc)
		fail_msg("lrprep %s: exit %d, stdout is not JSON (%s): %.300s / %.300s", arg0, *rc, je.text,
			 strbuf_str(&out), strbuf_str(&err));
	strbuf_release(&out);
	strbuf_release(&err);
	return doc;
}


static void names_add(struct names *l, const char *s, size_t len)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && !strncmp(l->v[i], s, len))
			return;
	l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = strndup(s, len);
}

void names_free(struct names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

int optch(int c)
{
	return islower(c) || isdigit(c) || c == '-';
}

/* Entries { "name", ..._argument, ... } of the struct option tables in src
 * (with value_only, only those with required_argument); returns the number
 * of tables. */
static int table_options(const char *src, int value_only, struct names *out)
{
	int ntables = 0;
	for (const char *p = strstr(src, "struct option"); p; p = strstr(p + 1, "struct option")) {
		const char *end = strstr(p, "};"), *first = strstr(p, "{ \"");
		ntables += end && first && first < end;
		for (const char *q = first; q && end && q < end; q = strstr(q + 1, "{ \"")) {
			const char *s = q + 3, *e = s;
			while (optch((unsigned char)*e))
				e++;
			const char *close = strchr(e, '}'), *kind = strstr(e, "_argument");
			const char *req = strstr(e, "required_argument");
			if (*e == '"' && e > s && kind && kind < close && (!value_only || (req && req < close)))
				names_add(out, s, (size_t)(e - s));
		}
	}
	return ntables;
}

int value_options_of(const char *src, struct names *out)
{
	return table_options(src, 1, out);
}

/* Long options a command's source accepts. */
void options_of(const char *src, struct names *out)
{
	/* "--name" or "--name=" string literals (not inside help text: those
	 * start with spaces) */
	for (const char *p = strstr(src, "\"--"); p; p = strstr(p + 1, "\"--")) {
		const char *s = p + 3, *e = s;
		while (optch((unsigned char)*e))
			e++;
		if (e > s && (*e == '"' || (*e == '=' && e[1] == '"')))
			names_add(out, s, (size_t)(e - s));
	}
	table_options(src, 0, out);
}


void rt_commands(struct names *out)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/src/main.c", tl_src());
	char *mainc = rt_slurp(path);
	/* the command table: { "name", cmd_name, "summary" }, */
	for (const char *p = strstr(mainc, "{ \""); p; p = strstr(p + 1, "{ \"")) {
		const char *s = p + 3, *e = strchr(s, '"');
		if (e && !strncmp(e, "\", cmd_", 7))
			names_add(out, s, (size_t)(e - s));
	}
	free(mainc);
}
