/* The subcommands' command lines: getopt_long with getopt's own messages
 * off, its errors and the shared checks reported as one usage line. */
#include "cli.h"
#include "target.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_init(struct cli *c, const char *cmd, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, struct lr_err *err)
{
	c->cmd = cmd;
	c->argc = argc;
	c->argv = argv;
	c->longopts = longopts;
	c->err = err;
	/* ':' first: a missing value is told apart from an unknown option */
	snprintf(c->optstring, sizeof c->optstring, ":%s", shortopts);
	c->name[0] = '\0';
	opterr = 0;
	optind = 0; /* glibc: 0 starts a whole new scan (1 would keep its state) */
}

int cli_usage(struct cli *c, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return lr_fail(c->err, LR_EXIT_USAGE, "%s; see 'lrprep %s --help'", what, c->cmd);
}

/* c->name: "--name" of the option whose val getopt returned, or "-v" if it
 * has no long name. */
static void set_name(struct cli *c, int val)
{
	for (const struct option *o = c->longopts; o->name; o++)
		if (o->val == val) {
			snprintf(c->name, sizeof c->name, "--%s", o->name);
			return;
		}
	snprintf(c->name, sizeof c->name, "-%c", val);
}

/* A long option getopt did not take: typed as arg ("--x" or "--x=v"). */
static int bad_long(struct cli *c, const char *arg)
{
	size_t n = strcspn(arg + 2, "=");
	struct strbuf cand = STRBUF_INIT;
	int ncand = 0;
	for (const struct option *o = c->longopts; n && o->name; o++)
		if (!strncmp(o->name, arg + 2, n))
			strbuf_addf(&cand, "%s--%s", ncand++ ? ", " : "", o->name);
	if (ncand > 1)
		cli_usage(c, "ambiguous option --%.*s (%s)", (int)n, arg + 2, strbuf_str(&cand));
	else
		cli_usage(c, "unknown option --%.*s", (int)n, arg + 2);
	strbuf_release(&cand);
	return -1;
}

int cli_next(struct cli *c)
{
	if (c->err->code)
		return -1;
	int before = optind, idx = -1;
	int r = getopt_long(c->argc, c->argv, c->optstring, c->longopts, &idx);
	/* a long option was the argument getopt just stepped over; a short one
	 * inside a group (-qx) leaves optind where it was */
	const char *arg = optind > before && optind > 0 ? c->argv[optind - 1] : "";
	int islong = !strncmp(arg, "--", 2);
	if (r == -1)
		return -1;
	if (r == ':') {
		if (islong)
			set_name(c, optopt);
		else
			snprintf(c->name, sizeof c->name, "-%c", optopt);
		cli_usage(c, "%s needs a value", c->name);
		return -1;
	}
	if (r == '?') {
		if (islong && !optopt)
			return bad_long(c, arg);
		if (islong && strchr(arg, '=')) {
			set_name(c, optopt);
			cli_usage(c, "%s takes no value", c->name);
		} else {
			cli_usage(c, "unknown option -%c", optopt);
		}
		return -1;
	}
	if (idx >= 0)
		snprintf(c->name, sizeof c->name, "--%s", c->longopts[idx].name);
	else
		set_name(c, r);
	return r;
}

int cli_number(struct cli *c, long long min, long long max, long long *out)
{
	const char *v = optarg ? optarg : "";
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || errno || n < min || n > max) {
		if (max == LLONG_MAX)
			return cli_usage(c, "%s needs a number >= %lld, got '%s'", c->name, min, v);
		return cli_usage(c, "%s needs a number (%lld-%lld), got '%s'", c->name, min, max, v);
	}
	*out = n;
	return 0;
}

int cli_int(struct cli *c, int min, int max, int *out)
{
	long long n;
	if (cli_number(c, min, max, &n) < 0)
		return -1;
	*out = (int)n;
	return 0;
}

size_t cli_list_add(struct cli_list *l, const char *arg)
{
	size_t first = l->n;
	char *copy = xstrdup(arg), *save = NULL;
	XGROW(l->bufs, l->bufcap, l->nbufs + 1);
	l->bufs[l->nbufs++] = copy;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		XGROW(l->v, l->cap, l->n + 2);
		l->v[l->n++] = t;
		l->v[l->n] = NULL;
	}
	return first;
}

void cli_list_free(struct cli_list *l)
{
	for (size_t i = 0; i < l->nbufs; i++)
		free(l->bufs[i]);
	free(l->bufs);
	free(l->v);
}

int cli_operand(struct cli *c, const char *noun, const char **out)
{
	if (c->err->code || optind >= c->argc)
		return c->err->code ? -1 : 0;
	if (!noun)
		return cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
	if (optind + 1 < c->argc)
		return cli_usage(c, "more than one %s given ('%s' and '%s')", noun, c->argv[optind],
				 c->argv[optind + 1]);
	*out = c->argv[optind++];
	return 0;
}

int cli_database(struct cli *c, const char **db, const char *liferay_home)
{
	if (cli_operand(c, "database", db) < 0)
		return -1;
	if (!*db && !liferay_home)
		return cli_usage(c, "no database given (a URI, an SQLite file, a dump or --liferay-home DIR)");
	return 0;
}

int cli_target(struct cli *c, struct target_opts *to)
{
	if (cli_database(c, &to->arg, to->liferay_home) < 0)
		return -1;
	if (to->arg && to->liferay_home)
		return cli_usage(c, "give either a database or --liferay-home, not both");
	return 0;
}
