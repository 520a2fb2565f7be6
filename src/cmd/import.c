/* lrprep import: a backup dump (mysqldump, pg_dump plain, HSQLDB script;
 * plain or .gz/.xz/.zst) into a new SQLite copy, or into a server database
 * with --into. The copy is written under a temp name and renamed only when
 * the import succeeded and the tables are Liferay's. */
#include "cmds.h"
#include "cli.h"
#include "../util/clock.h"
#include "../db/db.h"
#include "../db/uri.h"
#include "../dump/load.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: lrprep import DUMP [-o COPY.db] [--into URI] [--format FORMAT] [--force] [-q] [--json]\n"
		"\n"
		"Load a Liferay database backup into a working copy: an SQLite file (default)\n"
		"or a MariaDB/MySQL/PostgreSQL database. Streams: memory stays bounded\n"
		"whatever the dump's size.\n"
		"\n"
		"DUMP is a mysqldump (also SQLyog, phpMyAdmin, MySQL Workbench), a pg_dump\n"
		"plain-format dump or an HSQLDB lportal.script, plain or compressed with\n"
		"gzip, xz or zstd (detected from the content), or - for standard input.\n"
		"\n"
		"options:\n"
		"  -o, --output FILE  SQLite copy to write (default: the dump's name with its\n"
		"                     extensions replaced by .db, in the current directory)\n"
		"  --into URI         load into this existing server database instead\n"
		"                     (mysql://, mariadb://, postgresql://)\n"
		"  --format FORMAT    mysqldump, pg_dump or hsqldb (default: detected)\n"
		"  --force            overwrite an existing output file\n"
		"  -q, --quiet        no progress bar, notices or summary\n"
		"  --json             print the summary as JSON on stdout\n"
		"  -h, --help         this help\n"
		"\n"
		"examples:\n"
		"  lrprep import lportal.sql.xz                  # -> ./lportal.db\n"
		"  lrprep import backup.sql.gz -o copy.db --force\n"
		"  lrprep import lportal.script --format hsqldb\n"
		"  xz -dc dump.sql.xz | lrprep import - -o copy.db\n"
		"  lrprep import lportal.sql --into postgresql://me@localhost/lrcopy\n"
		"\n"
		"exit codes: 0 imported, 3 usage error (or the output exists without --force),\n"
		"            4 cannot read the dump (message names file:line:col) or it is\n"
		"              not a Liferay database (no copy is kept),\n"
		"            5 the import failed (nothing is left behind)\n");
}

struct ui {
	int tty, quiet, json;
	struct timespec t0;
	double last;
	int drew;
};

static void on_notice(void *ctx, const struct dump_loc *loc, const char *msg)
{
	struct ui *u = ctx;
	if (u->quiet)
		return;
	if (u->drew) {
		fputs("\r\033[K", stderr);
		u->drew = 0;
	}
	if (loc && loc->line)
		lr_notice("%s:%llu:%llu: %s", loc->file, (unsigned long long)loc->line,
			  (unsigned long long)loc->col, msg);
	else
		lr_notice("%s", msg);
}

static void on_progress(void *ctx, uint64_t raw, uint64_t total, int64_t rows)
{
	struct ui *u = ctx;
	double t = lr_now();
	if (!u->tty || u->quiet || t - u->last < 0.1)
		return;
	u->last = t;
	double el = t - ((double)u->t0.tv_sec + (double)u->t0.tv_nsec / 1e9);
	if (el <= 0)
		el = 1e-9;
	double mb = (double)raw / 1e6;
	char bar[32] = "";
	if (total) {
		int w = 24, f = (int)((double)raw * w / (double)total);
		for (int i = 0; i < w; i++)
			bar[i] = i < f ? '#' : '.';
		bar[w] = '\0';
		fprintf(stderr, "\r\033[K[%s] %5.1f%% %.1f/%.1f MB  %.1f MB/s  %.0f rows/s", bar,
			100.0 * (double)raw / (double)total, mb, (double)total / 1e6, mb / el, (double)rows / el);
	} else {
		fprintf(stderr, "\r\033[K%.1f MB  %.1f MB/s  %.0f rows/s", mb, mb / el, (double)rows / el);
	}
	u->drew = 1;
}

/* "dir/lportal.sql.xz" -> "lportal.db" */
static char *default_output(const char *dump)
{
	static const char *const exts[] = { ".gz", ".xz", ".zst", ".sql", ".script", ".dump", ".txt",
					    ".mysql", ".pgsql", ".psql", NULL };
	const char *base = strrchr(dump, '/');
	base = base ? base + 1 : dump;
	char *s = xstrdup(base);
	for (int again = 1; again;) {
		again = 0;
		size_t n = strlen(s);
		for (int i = 0; exts[i]; i++) {
			size_t e = strlen(exts[i]);
			if (n > e && !strcasecmp(s + n - e, exts[i])) {
				s[n - e] = '\0';
				again = 1;
				break;
			}
		}
	}
	size_t n = strlen(s);
	char *out = xmalloc(n + 4);
	memcpy(out, s, n);
	memcpy(out + n, ".db", 4);
	free(s);
	return out;
}

/* --into: the same load into an existing server database. */
static int import_into(const char *dump, const char *format, const char *uri, const struct dump_load_hooks *h,
		       struct dump_load_stats *st, int *liferay, struct lr_err *err)
{
	const struct dump_reader *rd = dump_reader_find(format);
	if (!rd)
		return lr_fail(err, LR_EXIT_USAGE, "unknown dump format '%s' (mysqldump, pg_dump, hsqldb)", format);
	struct db_conninfo ci = { 0 };
	if (db_uri_parse(uri, &ci, err) < 0)
		return -1;
	struct db *db = NULL;
	struct input *in = NULL;
	struct dump_load *l = NULL;
	int rc = -1;
	if (db_open(&ci, &db, err) < 0)
		goto out;
	if (input_open(dump, &in, err) < 0)
		goto out;
	l = dump_load_new(db, h);
	if (rd->read(in, dump_load_sink(l), err) < 0 || dump_load_finish(l, err) < 0) {
		dump_load_abort(l);
		goto out;
	}
	*st = *dump_load_stats(l);
	*liferay = dump_load_is_liferay(l);
	if (!*liferay)
		dump_load_abort(l); /* do not keep what is not Liferay */
	rc = 0;
out:
	dump_load_free(l);
	input_close(in);
	db_close(db);
	db_conninfo_release(&ci);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "into", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'F' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dump = NULL, *output = NULL, *into = NULL, *format = NULL;
	int force = 0, json = 0, c;
	struct lr_err err = LR_ERR_INIT;
	struct cli cl;
	cli_init(&cl, "import", argc, argv, "o:qh", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'i': into = optarg; break;
		case 'F': format = optarg; break;
		case 'f': force = 1; break;
		case 'q': lr_verbosity = 0; break;
		case 'J': json = 1; break;
		case 'h': usage(stdout); return 0;
		}
	}
	if (cli_operand(&cl, "dump", &dump) < 0)
		return lr_err_print(&err);
	if (!dump)
		cli_usage(&cl, "no dump given (a file, or - for standard input)");
	else if (format && !dump_reader_find(format))
		cli_usage(&cl, "unknown format '%s' (mysqldump, pg_dump, hsqldb)", format);
	else if (into && output)
		cli_usage(&cl, "-o and --into exclude each other");
	else if (!into && !output && !strcmp(dump, "-"))
		cli_usage(&cl, "reading standard input needs -o FILE");
	if (err.code)
		return lr_err_print(&err);
	char *out = NULL;
	if (!into) {
		out = output ? xstrdup(output) : default_output(dump);
		struct stat st;
		if (!force && stat(out, &st) == 0) {
			fprintf(stderr, "lrprep import: %s exists; use --force to replace it\n", out);
			free(out);
			return LR_EXIT_USAGE;
		}
	}
	struct ui u = { isatty(STDERR_FILENO), lr_verbosity == 0, json, { 0, 0 }, 0, 0 };
	clock_gettime(CLOCK_MONOTONIC, &u.t0);
	struct dump_load_hooks hooks = { &u, on_notice, on_progress };
	struct dump_load_stats st = { 0 };
	int liferay = 0, rc;
	if (into)
		rc = import_into(dump, format, into, &hooks, &st, &liferay, &err);
	else
		rc = dump_import_sqlite(dump, format, out, &hooks, &st, &liferay, &err);
	if (u.drew)
		fputs("\r\033[K", stderr);
	double secs = lr_now() - ((double)u.t0.tv_sec + (double)u.t0.tv_nsec / 1e9);
	if (rc < 0) {
		free(out);
		return lr_err_print(&err);
	}
	struct stat sst;
	double mb = strcmp(dump, "-") && stat(dump, &sst) == 0 ? (double)sst.st_size / 1e6 : 0;
	const char *dest = into ? into : out;
	if (!liferay) {
		lr_fail(&err, LR_EXIT_INPUT,
			"%s is not a Liferay database (no Release_, Group_, Company and User_ tables among its "
			"%d tables); no copy was kept",
			dump, st.tables);
		free(out);
		return lr_err_print(&err);
	}
	if (json) {
		json_t *doc = report_new("import");
		json_object_set_new(doc, "dump", json_string(dump));
		struct strbuf where = STRBUF_INIT;
		if (into)
			db_target_redact(into, &where); /* never the password */
		json_object_set_new(doc, into ? "into" : "output", json_string(into ? where.buf : out));
		strbuf_release(&where);
		json_object_set_new(doc, "tables", json_integer(st.tables));
		json_object_set_new(doc, "rows", json_integer(st.rows));
		json_object_set_new(doc, "indexes", json_integer(st.indexes));
		report_set_counts(doc, 0, 0, st.notices);
		json_object_set_new(doc, "seconds", json_real(secs));
		json_object_set_new(doc, "dumpMB", json_real(mb));
		json_object_set_new(doc, "mbPerSecond", json_real(secs > 0 ? mb / secs : 0));
		int prc = report_print_json(stdout, doc, &err);
		json_decref(doc);
		if (prc < 0) {
			free(out);
			return lr_err_print(&err);
		}
	}
	if (!u.quiet)
		fprintf(stderr,
			"imported %d tables, %" PRId64 " rows, %d indexes in %.2f s (%.1f MB/s of dump file)%s%d notice%s -> %s\n",
			st.tables, st.rows, st.indexes, secs, secs > 0 ? mb / secs : 0.0, "; ", st.notices,
			st.notices == 1 ? "" : "s", into ? "server database" : dest);
	free(out);
	return 0;
}
