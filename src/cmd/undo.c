/* lrprep undo DB --journal DIR: put back everything a prune removed. */
#include "cmds.h"
#include "cli.h"
#include "target.h"
#include "../prune/journal.h"
#include "../report/report.h"
#include "../util/error.h"
#include "../util/log.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: lrprep undo DB --journal DIR [--liferay-home H] [--json]\n"
	"\n"
	"Put back every row and file that 'lrprep prune' removed, from its journal.\n"
	"Works from whatever state the journal was left in, including a prune killed\n"
	"half-way; running it again changes nothing.\n"
	"\n"
	"options:\n"
	"  --journal DIR       the journal directory prune wrote (required)\n"
	"  --liferay-home H    read the database connection from H's portal-ext.properties\n"
	"  --json              print the summary as JSON\n"
	"  -h, --help          this help\n"
	"\n"
	"examples:\n"
	"  lrprep undo copy.db --journal prune-journal\n"
	"  lrprep undo mysql://admin@db1/lportal --journal /var/backups/prune-2026-11-25\n"
	"\n"
	"exit codes: 0 restored, 3 usage, 4 cannot connect / journal unreadable,\n"
	"            5 restore failed (the failing batch was rolled back)\n";

int cmd_undo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "journal", required_argument, NULL, 'j' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *jdir = NULL;
	int json = 0;
	struct target_opts to = { 0 };
	struct lr_err err = LR_ERR_INIT;
	struct cli cl;
	int c;
	cli_init(&cl, "undo", argc, argv, "h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'j': jdir = optarg; break;
		case 'L': to.liferay_home = optarg; break;
		case 'J': json = 1; break;
		case 'h': fputs(usage_text, stdout); return 0;
		}
	}
	if (cli_target(&cl, &to) == 0 && !jdir)
		cli_usage(&cl, "no journal given (--journal DIR)");
	if (err.code)
		return lr_err_print(&err);
	struct journal *j = NULL;
	struct db *db = NULL;
	if (journal_open(jdir, &j, &err) < 0)
		return lr_err_print(&err);
	if (target_open(&to, &db, &err) < 0) {
		journal_close(j);
		return lr_err_print(&err);
	}
	struct undo_stats st;
	int rc = journal_undo(j, db, &st, &err);
	db_close(db);
	journal_close(j);
	if (rc < 0)
		return lr_err_print(&err);
	if (json) {
		json_t *doc = report_new("undo");
		json_object_set_new(doc, "journal", json_string(jdir));
		json_object_set_new(doc, "batches", json_integer(st.batches));
		json_object_set_new(doc, "rows", json_integer(st.rows));
		json_object_set_new(doc, "files", json_integer(st.files));
		json_object_set_new(doc, "unsealedBatchesIgnored", json_integer(st.skipped_tmp));
		report_set_counts(doc, 0, 0, 0);
		rc = report_print_json(stdout, doc, &err);
		json_decref(doc);
		if (rc < 0)
			return lr_err_print(&err);
	} else {
		printf("restored %lld rows in %d batches and %d files from %s\n", (long long)st.rows,
		       st.batches, st.files, jdir);
		if (st.skipped_tmp)
			printf("%d unsealed batch(es) ignored: their deletes never ran\n", st.skipped_tmp);
	}
	return 0;
}
