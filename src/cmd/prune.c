/* lrprep prune DB --plan plan.json: remove exactly the planned objects with
 * Liferay's cascade, journaled (src/prune/), after re-checking each object. */
#include "cmds.h"
#include "cli.h"
#include "target.h"
#include "../backup/files.h"
#include "../backup/liveness.h"
#include "../prune/apply.h"
#include "../prune/cascade.h"
#include "../prune/journal.h"
#include "../checks/checks.h"
#include "../report/report.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage_text[] =
	"usage: lrprep prune DB --plan plan.json [--dry-run] [--journal DIR]\n"
	"                       [--store DIR | --liferay-home H] [--force] [--json]\n"
	"\n"
	"Remove exactly the objects of a plan ('lrprep plan') with everything Liferay\n"
	"removes with them: dependent rows in every table and the document store files.\n"
	"Every row is written to a journal (compressed, checksummed, fsync'd) before it\n"
	"is deleted, and files are moved into the journal: 'lrprep undo' puts it all back.\n"
	"Each object is re-checked first: objects that changed since the plan, or that\n"
	"no longer qualify, are skipped and listed. A plan from another database is refused.\n"
	"\n"
	"options:\n"
	"  --plan FILE         the plan (JSON written by 'lrprep plan', edited or not)\n"
	"  --dry-run           print which rows per table and which files would go; change nothing\n"
	"  --journal DIR       where to write the journal (default ./prune-journal-YYYYMMDD-HHMMSS)\n"
	"  --store DIR         the document store root (FileSystemStore / AdvancedFileSystemStore)\n"
	"  --liferay-home H    read the connection and the store location from Liferay Home\n"
	"  --force             run even though the portal looks alive (see docs/prune.md)\n"
	"  --batch N           rows per delete transaction, kept fixed (default: start at\n"
	"                      1000 and adapt to keep each transaction around half a second)\n"
	"  --json              print the summary as JSON\n"
	"  -h, --help          this help\n"
	"\n"
	"examples:\n"
	"  lrprep prune copy.db --plan plan.json --dry-run\n"
	"  lrprep prune copy.db --plan plan.json --store copy.store --journal j1\n"
	"  lrprep prune mysql://admin@db1/lportal --plan plan.json --liferay-home /opt/liferay\n"
	"\n"
	"exit codes: 0 done, 1 done but some objects no longer qualified and were skipped,\n"
	"            2 refused (portal alive),\n"
	"            3 usage error or bad plan, 4 cannot connect / read,\n"
	"            5 failed (the failing batch was rolled back; undo restores the rest)\n";

struct prune_args {
	const char *plan, *journal, *store;
	int dry_run, force, json, batch;
	struct target_opts to;
};

static int parse(int argc, char **argv, struct prune_args *a, struct lr_err *err)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "journal", required_argument, NULL, 'j' },
		{ "store", required_argument, NULL, 's' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "force", no_argument, NULL, 'f' },
		{ "batch", required_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cl;
	int c;
	cli_init(&cl, "prune", argc, argv, "h", opts, err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'p': a->plan = optarg; break;
		case 'n': a->dry_run = 1; break;
		case 'j': a->journal = optarg; break;
		case 's': a->store = optarg; break;
		case 'L': a->to.liferay_home = optarg; break;
		case 'f': a->force = 1; break;
		case 'b': cli_int(&cl, 0, 1000000, &a->batch); break;
		case 'J': a->json = 1; break;
		case 'h': fputs(usage_text, stdout); return 1;
		}
	}
	if (err->code || cli_target(&cl, &a->to) < 0)
		return -1;
	if (!a->plan)
		return cli_usage(&cl, "no plan given (--plan FILE)");
	a->to.readonly = a->dry_run;
	return 0;
}

static void print_counts(const char *title, const json_t *counts)
{
	report_heading(stdout, title);
	const char *hdr[] = { "table", "rows" };
	struct text_table *t = text_table_new(2, hdr);
	text_table_right(t, 1);
	const char *k;
	json_t *v;
	long long total = 0;
	json_object_foreach((json_t *)counts, k, v) {
		text_table_rowf(t, "%s\t%lld", k, (long long)json_integer_value(v));
		total += json_integer_value(v);
	}
	text_table_rowf(t, "total\t%lld", total);
	text_table_print(t, stdout, "  ");
	text_table_free(t);
}

static void print_skipped(const json_t *skipped)
{
	if (!json_array_size(skipped))
		return;
	report_heading(stdout, "Skipped objects (left in place)");
	size_t i;
	json_t *s;
	json_array_foreach((json_t *)skipped, i, s) {
		json_t *o = json_object_get(s, "object");
		char *key = json_dumps(json_object_get(o, "key"), JSON_COMPACT | JSON_SORT_KEYS);
		printf("  %s %s %s: %s\n", json_string_value(json_object_get(o, "kind")),
		       json_string_value(json_object_get(o, "table")), key,
		       json_string_value(json_object_get(s, "why")));
		free(key);
	}
}

/* Skips that deserve a warning: not the ones a plan asks for by design
 * (rows to reassign rather than remove). */
static size_t unexpected_skips(const json_t *skipped)
{
	size_t n = 0, i;
	json_t *s;
	json_array_foreach((json_t *)skipped, i, s)
		if (!json_is_true(json_object_get(s, "byDesign")))
			n++;
	return n;
}

/* The JSON summary both a dry run and a real run print; printed and freed. */
static int print_summary(json_t *doc, const json_t *rows, const json_t *skipped, size_t objects,
			 struct lr_err *err)
{
	json_object_set(doc, "rows", (json_t *)rows);
	json_object_set(doc, "skipped", (json_t *)skipped);
	json_object_set_new(doc, "objects", json_integer((json_int_t)objects));
	report_set_counts(doc, 0, (long long)unexpected_skips(skipped), 0);
	int rc = report_print_json(stdout, doc, err);
	json_decref(doc);
	return rc;
}

static char *default_journal(void)
{
	char buf[64];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "prune-journal-%Y%m%d-%H%M%S", &tm);
	return xstrdup(buf);
}

static int do_prune(struct prune_args *a, struct lr_err *err)
{
	json_t *plan = NULL, *apply = NULL, *skipped = NULL, *counts = NULL, *files = json_array();
	json_t *deleted = json_object(), *left = NULL;
	struct db *db = NULL;
	struct cascade *c = NULL;
	struct journal *j = NULL;
	struct bk_store store = { 0 };
	char *jdir = NULL;
	int rc = -1, exit_code = 0;
	time_t w0 = time(NULL);
	double tp = lr_now();
	struct lr_version v;

	if (plan_load(a->plan, &plan, err) < 0)
		goto out;
	if (target_open_detect(&a->to, &db, &v, err) < 0)
		goto out;
	lr_phase("prune", "plan loaded, connected", &tp);
	if (plan_recheck(db, &v, plan, &apply, &skipped, err) < 0)
		goto out;
	lr_phase("prune", "objects re-checked", &tp);
	if (!a->dry_run && !a->force) {
		struct lr_liveness lv;
		if (lr_liveness_probe(db, LR_LIVENESS_WINDOW, &lv, err) < 0)
			goto out;
		if (lv.alive) {
			for (int i = 0; i < lv.nsignals; i++)
				fprintf(stderr, "lrprep: portal looks alive: %s\n", lv.signals[i]);
			lr_fail(err, LR_EXIT_ERRORS,
				"refusing to prune a database a running portal may be writing to: stop the portal "
				"(or use --force if you are sure)");
			goto out;
		}
	}
	if (a->store || a->to.liferay_home) {
		if (bk_store_locate(a->to.liferay_home, a->store, 0, &store, err) < 0)
			goto out;
	}
	if (cascade_new(db, &v, &c, err) < 0 || plan_seed(c, db, apply, err) < 0)
		goto out;
	lr_phase("prune", "objects seeded", &tp);
	if (cascade_expand(c, err) < 0)
		goto out;
	lr_phase("prune", "cascade expanded", &tp);
	counts = cascade_counts(c, err);
	if (store.root && (store.type == BK_STORE_FS || store.type == BK_STORE_AFS) &&
	    plan_doomed_files(c, db, store.type == BK_STORE_AFS, files, err) < 0)
		goto out;

	if (a->dry_run) {
		if (a->json) {
			json_t *doc = report_new("prune");
			json_object_set_new(doc, "dryRun", json_true());
			json_object_set(doc, "files", files);
			if (print_summary(doc, counts, skipped, json_array_size(apply), err) < 0)
				goto out;
		} else {
			printf("dry run: %zu objects of %zu would be removed\n", json_array_size(apply),
			       json_array_size(json_object_get(plan, "objects")));
			print_counts("Rows that would be deleted", counts);
			if (json_array_size(files)) {
				report_heading(stdout, "Store files that would be moved into the journal");
				size_t i;
				json_t *f;
				json_array_foreach(files, i, f)
					printf("  %s/%s\n", store.root, json_string_value(f));
			} else if (!store.root) {
				printf("\n(no --store given: document store files are not listed)\n");
			}
			print_skipped(skipped);
		}
		exit_code = unexpected_skips(skipped) ? LR_EXIT_WARNINGS : 0;
		rc = 0;
		goto out;
	}

	jdir = a->journal ? xstrdup(a->journal) : default_journal();
	json_t *meta = json_pack("{s:i, s:s, s:s, s:O, s:O, s:i}", "format", 1, "lrprepVersion", LRPREP_VERSION,
				 "engine", db_engine_name(db_engine(db)), "plan",
				 json_object_get(plan, "database"), "rows", counts, "createdAt", (int)w0);
	rc = journal_create(jdir, meta, &j, err);
	json_decref(meta);
	if (rc < 0)
		goto out;
	rc = -1;
	/* files first: a crash after this leaves rows pointing at files undo brings back */
	size_t i;
	json_t *f;
	int moved = 0;
	json_array_foreach(files, i, f) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", store.root, json_string_value(f));
		int m = journal_move_file(j, p.buf, err);
		strbuf_release(&p);
		if (m < 0)
			goto out;
		moved += (m == 0);
	}
	/* an explicit --batch is kept as given (reproducible runs) */
	struct delete_opts dopt = { .batch_rows = a->batch, .fixed = a->batch > 0 };
	if (cascade_delete(c, j, &dopt, deleted, err) < 0) {
		lr_err_prefix(err, "prune stopped (journal %s; 'lrprep undo' restores everything removed so far)",
			      jdir);
		goto out;
	}
	lr_phase("prune", "rows journaled and deleted", &tp);
	double secs = difftime(time(NULL), w0);
	/* what still points at removed rows, probing the removed keys only:
	 * reported, not removed (docs/prune.md) */
	if (!(left = cascade_dangling(c, err)))
		goto out;
	lr_phase("prune", "dangling references", &tp);
	if (a->json) {
		json_t *doc = report_new("prune");
		json_object_set_new(doc, "journal", json_string(jdir));
		json_object_set_new(doc, "files", json_integer(moved));
		json_object_set_new(doc, "seconds", json_real(secs));
		json_object_set(doc, "orphansAfter", left);
		if (print_summary(doc, deleted, skipped, json_array_size(apply), err) < 0)
			goto out;
	} else {
		printf("removed %zu objects; journal: %s (undo: lrprep undo DB --journal %s)\n",
		       json_array_size(apply), jdir, jdir);
		print_counts("Rows deleted", deleted);
		printf("\n  files moved into the journal: %d\n  seconds: %.0f\n", moved, secs);
		print_skipped(skipped);
		if (json_array_size(left)) {
			report_heading(stdout, "Still pointing at removed rows (reported, not removed)");
			size_t li;
			json_t *f;
			json_array_foreach(left, li, f)
				printf("  %-45s %6lld  %s\n", json_string_value(json_object_get(f, "id")),
				       (long long)json_integer_value(json_object_get(f, "count")),
				       json_string_value(json_object_get(f, "title")));
		}
	}
	exit_code = unexpected_skips(skipped) ? LR_EXIT_WARNINGS : 0;
	rc = 0;
out:
	json_decref(left);
	cascade_free(c);
	journal_close(j);
	db_close(db);
	bk_store_release(&store);
	json_decref(plan);
	json_decref(apply);
	json_decref(skipped);
	json_decref(counts);
	json_decref(files);
	json_decref(deleted);
	free(jdir);
	return rc < 0 ? -1 : exit_code;
}

int cmd_prune(int argc, char **argv)
{
	struct prune_args a = { 0 };
	struct lr_err err = LR_ERR_INIT;
	int p = parse(argc, argv, &a, &err);
	if (p)
		return p > 0 ? 0 : lr_err_print(&err);
	int rc = do_prune(&a, &err);
	if (rc < 0)
		return lr_err_print(&err);
	return rc;
}
