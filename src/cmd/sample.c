/* lrprep sample: write a realistic Liferay database (6.2, 7.0 or 7.1) with a
 * document store and a ground-truth file (docs/sample.md, docs/ground-truth.md). */
#include "cmds.h"
#include "cli.h"
#include "../report/report.h"
#include "../db/db.h"
#include "../db/ddl.h"
#include "../sample/schema.h"
#include "../sample/truth.h"
#include "../db/uri.h"
#include "../sample/sample.h"
#include "../util/error.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
	"usage: lrprep sample [-o FILE | --into URI] [options]\n"
	"\n"
	"Write a realistic Liferay database with planted conditions (unused sites,\n"
	"pages, users and instance, intermediate versions, orphans, staged sites with\n"
	"unpublished changes, failed apps, missing and extra store files) and a\n"
	"ground-truth JSON file that lists each of them. Deterministic for a seed.\n"
	"\n"
	"  -o, --output FILE     SQLite file to write (default sample.db)\n"
	"      --into URI        write into an empty mysql:// mariadb:// postgresql:// database\n"
	"      --liferay V       6.2 (default), 7.0 or 7.1\n"
	"      --seed N          random seed (default 1)\n"
	"      --sites N         regular sites with content (default 6)\n"
	"      --articles N      web content articles per site (default 8)\n"
	"      --versions N      average versions per article (default 6)\n"
	"      --documents N     documents per site (default 5)\n"
	"      --users N         active users (default 12)\n"
	"      --rows N          target total rows; scales all of the above\n"
	"      --store DIR       document store root (default <output>.store next to FILE)\n"
	"      --no-store        do not write a document store\n"
	"      --store-layout L  fs (FileSystemStore, default) or advanced (AdvancedFileSystemStore)\n"
	"      --truth FILE      ground truth (default <output>.truth.json)\n"
	"      --no-indexes      skip the product's secondary indexes\n"
	"      --force           overwrite an existing output, store and truth\n"
	"      --json            print the summary as JSON\n"
	"  -h, --help            this help\n"
	"\n"
	"examples:\n"
	"  lrprep sample                                  # sample.db, sample.store/, sample.truth.json\n"
	"  lrprep sample -o s71.db --liferay 7.1 --seed 7\n"
	"  lrprep sample --into mysql://root@localhost/lrsample --rows 1000000\n"
	"\n"
	"exit codes: 0 written, 3 usage error, 4 cannot connect / write, 5 failed\n";

/* "sample.db" -> "sample" + suffix */
static char *beside(const char *path, const char *suffix)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(path);
	if (n > 3 && !strcmp(path + n - 3, ".db"))
		n -= 3;
	strbuf_add(&sb, path, n);
	strbuf_addstr(&sb, suffix);
	return strbuf_detach(&sb, NULL);
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

/* Remove a previous store (only with --force, only the directory named). */
static int remove_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int dir_nonempty(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n > 0;
}

static int parse_args(int argc, char **argv, struct sample_opts *o, const char **output,
		      const char **into, const char **store, const char **truth, int *nostore,
		      int *force, int *json, struct lr_err *err)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "into", required_argument, NULL, 'i' },
		{ "liferay", required_argument, NULL, 'l' },
		{ "seed", required_argument, NULL, 'S' },
		{ "sites", required_argument, NULL, 's' },
		{ "articles", required_argument, NULL, 'a' },
		{ "versions", required_argument, NULL, 'v' },
		{ "documents", required_argument, NULL, 'd' },
		{ "users", required_argument, NULL, 'u' },
		{ "rows", required_argument, NULL, 'r' },
		{ "store", required_argument, NULL, 't' },
		{ "no-store", no_argument, NULL, 'n' },
		{ "store-layout", required_argument, NULL, 'y' },
		{ "truth", required_argument, NULL, 'T' },
		{ "no-indexes", no_argument, NULL, 'x' },
		{ "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cl;
	int c;
	long long n;
	char *end;
	cli_init(&cl, "sample", argc, argv, "o:h", opts, err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'o': *output = optarg; break;
		case 'i': *into = optarg; break;
		case 'l':
			if (!strcmp(optarg, "6.2"))
				o->ver = SV_62;
			else if (!strcmp(optarg, "7.0"))
				o->ver = SV_70;
			else if (!strcmp(optarg, "7.1"))
				o->ver = SV_71;
			else
				cli_usage(&cl, "--liferay takes 6.2, 7.0 or 7.1, not %s", optarg);
			break;
		case 'S':
			errno = 0;
			o->seed = strtoull(optarg, &end, 10);
			if (errno || *end || !*optarg)
				cli_usage(&cl, "--seed needs a number");
			break;
		case 's': cli_int(&cl, 0, 1000000, &o->sites); break;
		case 'a': cli_int(&cl, 0, 1000000, &o->articles); break;
		case 'v': cli_int(&cl, 1, 1000000, &o->versions); break;
		case 'd': cli_int(&cl, 0, 1000000, &o->documents); break;
		case 'u': cli_int(&cl, 0, 1000000, &o->users); break;
		case 'r':
			if (cli_number(&cl, 1000, LLONG_MAX, &n) == 0)
				o->rows = n;
			break;
		case 't': *store = optarg; break;
		case 'n': *nostore = 1; break;
		case 'y':
			if (!strcmp(optarg, "fs") || !strcmp(optarg, "advanced"))
				o->store_advanced = !strcmp(optarg, "advanced");
			else
				cli_usage(&cl, "--store-layout takes fs or advanced");
			break;
		case 'T': *truth = optarg; break;
		case 'x': o->indexes = 0; break;
		case 'f': *force = 1; break;
		case 'J': *json = 1; break;
		case 'h': fputs(usage_text, stdout); return 1;
		}
	}
	if (cli_operand(&cl, NULL, NULL) < 0)
		return -1;
	if (*output && *into)
		return cli_usage(&cl, "give either -o FILE or --into URI, not both");
	return 0;
}

/* A server database must be empty, or emptied of the sample's tables with --force. */
static int prepare_server(struct db *db, const struct sample_opts *o, int force, struct lr_err *err)
{
	const struct db_catalog *cat = db_catalog(db, err);
	if (!cat)
		return -1;
	if (!cat->ntables)
		return 0;
	if (!force)
		return lr_fail(err, LR_EXIT_USAGE, "the target database has %d tables; lrprep sample "
			       "writes only into an empty database (--force drops the sample's tables)",
			       cat->ntables);
	struct sample_schema s;
	sample_schema_load(o->ver, &s);
	int rc = 0;
	for (int i = 0; i < s.ntables && rc == 0; i++)
		rc = db_drop_table_if_exists(db, s.tables[i].name, err);
	sample_schema_free(&s);
	return rc < 0 ? -1 : db_catalog_reload(db, err);
}

int cmd_sample(int argc, char **argv)
{
	struct lr_err err = LR_ERR_INIT;
	struct sample_opts o;
	sample_opts_default(&o);
	const char *output = NULL, *into = NULL, *store = NULL, *truth = NULL;
	int nostore = 0, force = 0, json = 0;
	int pr = parse_args(argc, argv, &o, &output, &into, &store, &truth, &nostore, &force,
			    &json, &err);
	if (pr > 0)
		return LR_EXIT_CLEAN;
	if (pr < 0)
		return lr_err_print(&err);

	const char *base = output ? output : "sample.db";
	char *tmp = NULL, *store_dir = NULL, *truth_path = NULL, *old_store = NULL;
	struct db *db = NULL;
	struct db_conninfo ci = { 0 };
	int rc = -1;
	store_dir = nostore ? NULL : store ? xstrdup(store) : beside(base, ".store");
	truth_path = truth ? xstrdup(truth) : beside(base, ".truth.json");
	struct stat st;
	if (!into && stat(base, &st) == 0 && !force) {
		lr_fail(&err, LR_EXIT_USAGE, "%s exists (use --force to overwrite it)", base);
		goto out;
	}
	if (store_dir && stat(store_dir, &st) == 0) {
		if (!force && dir_nonempty(store_dir)) {
			lr_fail(&err, LR_EXIT_USAGE, "store %s exists and is not empty (use --force)",
				store_dir);
			goto out;
		}
		/* moved aside and removed once the new sample is written: ext4
		 * without a journal skips recently freed inodes, so creating
		 * files just after deleting as many was several times slower; and
		 * a failed run gets the old store back */
		if (force) {
			struct strbuf t = STRBUF_INIT;
			strbuf_addf(&t, "%s.old-%ld", store_dir, (long)getpid());
			old_store = strbuf_detach(&t, NULL);
			if (rename(store_dir, old_store) < 0) {
				lr_fail(&err, LR_EXIT_FAILED, "cannot move %s aside: %s", store_dir,
					strerror(errno));
				free(old_store);
				old_store = NULL;
				goto out;
			}
		}
	}
	if (into) {
		if (db_uri_parse(into, &ci, &err) < 0)
			goto out;
		if (ci.engine == DB_SQLITE) {
			lr_fail(&err, LR_EXIT_USAGE, "--into takes a server URI; use -o for SQLite");
			goto out;
		}
	} else {
		struct strbuf t = STRBUF_INIT;
		strbuf_addf(&t, "%s.tmp-%ld", base, (long)getpid());
		tmp = strbuf_detach(&t, NULL);
		unlink(tmp);
		ci.engine = DB_SQLITE;
		ci.path = xstrdup(tmp);
		ci.create = 1;
	}
	o.store_dir = store_dir;
	if (!into)
		db_sqlite_bulk_init();
	if (db_open(&ci, &db, &err) < 0)
		goto out;
	if (into && prepare_server(db, &o, force, &err) < 0)
		goto out;

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct sample_result res;
	memset(&res, 0, sizeof res);
	if (sample_generate(db, &o, truth_path, &res, &err) < 0)
		goto out;
	db_close(db);
	db = NULL;
	if (tmp && rename(tmp, base) < 0) {
		lr_fail(&err, LR_EXIT_FAILED, "cannot rename %s to %s: %s", tmp, base, strerror(errno));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	struct strbuf where = STRBUF_INIT;
	if (into)
		db_conninfo_describe(&ci, &where);
	else
		strbuf_addstr(&where, base);
	if (json) {
		struct strbuf js = STRBUF_INIT;
		struct jw j = { &js, { 1 }, 0 };
		jw_begin(&j, NULL);
		/* the envelope every command's JSON carries (docs/json-schema.md) */
		jw_int(&j, "schemaVersion", LR_JSON_SCHEMA_VERSION);
		jw_str(&j, "command", "sample");
		jw_str(&j, "lrprepVersion", LRPREP_VERSION);
		jw_str(&j, "output", where.buf);
		jw_str(&j, "liferay", sample_ver_name(o.ver));
		jw_int(&j, "buildNumber", sample_build_number(o.ver));
		jw_int(&j, "seed", (int64_t)o.seed);
		jw_int(&j, "rows", res.rows);
		jw_int(&j, "files", res.files);
		jw_str(&j, "store", store_dir);
		jw_str(&j, "truth", truth_path);
		jw_num(&j, "seconds", secs);
		jw_int(&j, "rowsPerSecond", secs > 0 ? (int64_t)((double)res.rows / secs) : 0);
		jw_int(&j, "sites", res.sites);
		jw_int(&j, "articles", res.articles);
		jw_int(&j, "versions", res.versions);
		jw_int(&j, "documents", res.documents);
		jw_int(&j, "users", res.users);
		jw_end(&j);
		puts(js.buf);
		strbuf_release(&js);
	} else {
		printf("wrote %s: Liferay %s (build %d), seed %llu, %lld rows "
		       "(%d sites x %d articles x ~%d versions, %d documents each, %d users)\n",
		       where.buf, sample_ver_name(o.ver), sample_build_number(o.ver),
		       (unsigned long long)o.seed, (long long)res.rows, res.sites, res.articles,
		       res.versions, res.documents, res.users);
		if (store_dir)
			printf("document store %s (%s layout): %lld files\n", store_dir,
			       o.store_advanced ? "AdvancedFileSystemStore" : "FileSystemStore",
			       (long long)res.files);
		printf("ground truth %s\n%.2f s, %.0f rows/s\n", truth_path, secs,
		       secs > 0 ? (double)res.rows / secs : 0.0);
	}
	strbuf_release(&where);
	rc = 0;
out:
	if (db)
		db_close(db);
	if (rc < 0 && tmp)
		unlink(tmp);
	if (old_store) {
		if (rc < 0) {
			remove_tree(store_dir);
			rename(old_store, store_dir);
		} else if (remove_tree(old_store) < 0) {
			lr_warn("cannot remove the previous store %s: %s", old_store, strerror(errno));
		}
		free(old_store);
	}
	db_conninfo_release(&ci);
	free(tmp);
	free(store_dir);
	free(truth_path);
	return rc < 0 ? lr_err_print(&err) : LR_EXIT_CLEAN;
}
