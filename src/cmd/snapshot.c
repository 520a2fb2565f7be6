/* lrprep snapshot DB -o before.json: what check --before compares with
 * (format: docs/check.md "Snapshot format"). */
#include "cmds.h"
#include "cli.h"
#include "target.h"
#include "../checks/snapshot.h"
#include "../liferay/version.h"
#include "../util/error.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: lrprep snapshot DB -o before.json [--liferay-home H]\n"
	"\n"
	"Record, before a prune, what 'lrprep check --before' compares with: every\n"
	"table's row count and checksum, the keys of key Liferay tables (as ranges,\n"
	"grouped by owner), the articles shown on pages and the orphan rows already there.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE   where to write the snapshot (JSON; '-' = standard output)\n"
	"  --liferay-home H    read the connection from Liferay Home\n"
	"  -h, --help          this help\n"
	"\n"
	"example:\n"
	"  lrprep snapshot copy.db -o before.json && lrprep prune copy.db --plan plan.json\n"
	"  lrprep check copy.db --before before.json --plan plan.json\n"
	"\n"
	"exit codes: 0 written, 3 usage error, 4 cannot connect / read / write\n";

int cmd_snapshot(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct target_opts to = { .readonly = 1 };
	const char *output = NULL;
	struct lr_err err = LR_ERR_INIT;
	struct cli cl;
	int c;
	cli_init(&cl, "snapshot", argc, argv, "o:h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'L': to.liferay_home = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		}
	}
	if (cli_target(&cl, &to) == 0 && !output)
		cli_usage(&cl, "no output given (-o FILE, or -o - for standard output)");
	if (err.code)
		return lr_err_print(&err);
	struct db *db = NULL;
	struct lr_version v;
	json_t *snap = NULL;
	int rc = -1;
	if (target_open(&to, &db, &err) < 0 || lr_version_detect(db, &v, &err) < 0 ||
	    snapshot_take(db, &v, &snap, &err) < 0)
		goto out;
	int w = !strcmp(output, "-") ? json_dumpf(snap, stdout, JSON_INDENT(1) | JSON_SORT_KEYS)
				     : json_dump_file(snap, output, JSON_INDENT(1) | JSON_SORT_KEYS);
	if (w < 0) {
		lr_fail(&err, LR_EXIT_INPUT, "cannot write %s", output);
		goto out;
	}
	if (strcmp(output, "-"))
		fprintf(stderr, "snapshot: %zu tables, %zu key tables, %zu articles on pages -> %s\n",
			json_object_size(json_object_get(snap, "tables")),
			json_object_size(json_object_get(snap, "keys")),
			json_array_size(json_object_get(snap, "displayed")), output);
	rc = 0;
out:
	json_decref(snap);
	db_close(db);
	return rc < 0 ? lr_err_print(&err) : 0;
}
