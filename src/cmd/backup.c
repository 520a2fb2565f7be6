/* lrprep backup: options, then backup_run (src/backup), then the summary. */
#include "cmds.h"
#include "cli.h"
#include "../report/report.h"
#include "../backup/backup.h"
#include "../util/error.h"
#include "../util/log.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep backup DB --to DIR [options]\n"
	      "       lrprep backup --liferay-home H --to DIR [options]\n"
	      "\n"
	      "Synchronized backup of the database, the document store and Liferay Home under\n"
	      "one self-checksummed manifest (DIR/manifest.json, DIR/SHA256SUMS). The database\n"
	      "is dumped in parallel from one consistent snapshot as zstd-compressed SQL in\n"
	      "the engine's own dialect (DIR/db-ID/restore.sh restores it with mariadb, psql\n"
	      "or sqlite3); store and Home files are stored once per content (SHA-256). Run it\n"
	      "again into the same DIR: only new or changed files are copied. The backup is\n"
	      "complete once manifest.json exists; an interrupted run is resumed by running\n"
	      "it again. Refuses while the portal looks alive (docs/backup.md).\n"
	      "\n"
	      "options:\n"
	      "  --to DIR            backup directory (created; files 0600, directories 0700)\n"
	      "  --liferay-home H    Liferay Home: connection, store location, configuration\n"
	      "  --store DIR         document store root (default: from Liferay Home's\n"
	      "                      properties / osgi/configs, else H/data/document_library)\n"
	      "  --jobs N            parallel dump connections and file threads (default 2)\n"
	      "  --include-logs      also back up logs/\n"
	      "  --include-work      also back up work/, osgi/state and temp/ caches\n"
	      "  --include-index     also back up the search index (data/elasticsearch*)\n"
	      "  --checksum          read and hash every store / Home file, even those whose\n"
	      "                      size, mtime and ctime match the previous backup\n"
	      "  --force             back up although the portal looks alive (warns)\n"
	      "  --json              print the manifest summary as JSON\n"
	      "  -h, --help          this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep backup copy.db --to /backups/copy --store copy.store\n"
	      "  lrprep backup mysql://admin@db1/lportal --liferay-home /opt/liferay --to /backups/pre-upgrade\n"
	      "  lrprep backup --liferay-home /opt/liferay --to /backups/pre-upgrade --jobs 4   # re-run: only changes\n"
	      "\n"
	      "exit codes: 0 complete, 1 complete with warnings (forced, store files missing),\n"
	      "            2 refused (portal alive), 3 usage error, 4 cannot connect / read,\n"
	      "            5 failed (no complete backup was written)\n",
	      f);
}

static void print_text(const struct backup_stats *st, json_t *m, const char *dir)
{
	json_t *dbj = json_object_get(m, "database"), *s = json_object_get(m, "store");
	json_t *lr = json_object_get(m, "liferay");
	printf("backup %s complete: %s\n", json_string_value(json_object_get(m, "id")), dir);
	printf("  snapshot   %s  %s %s\n", json_string_value(json_object_get(m, "snapshotTime")),
	       json_string_value(json_object_get(dbj, "engine")),
	       json_string_value(json_object_get(dbj, "serverVersion")));
	if (json_is_object(lr))
		printf("  liferay    %s (build %d)\n", json_string_value(json_object_get(lr, "label")),
		       (int)json_integer_value(json_object_get(lr, "buildNumber")));
	printf("  database   %d tables, %lld rows, %d files, %.1f MB compressed, %.1f s\n", st->tables,
	       (long long)st->rows, st->db_files, (double)st->db_bytes / 1048576.0, st->seconds_db);
	printf("  store      %s %s: %lld files\n", json_string_value(json_object_get(s, "type")),
	       json_is_string(json_object_get(s, "root")) ? json_string_value(json_object_get(s, "root")) : "-",
	       (long long)st->store_files);
	if (json_object_get(json_object_get(s, "check"), "missingCount"))
		printf("             %lld referenced but missing, %lld unreferenced\n", (long long)st->store_missing,
		       (long long)st->store_unreferenced);
	printf("  home       %lld files\n", (long long)st->home_files);
	printf("  transfer   %lld copied (%.1f MB), %lld already stored, %lld hashed, %.1f s\n",
	       (long long)st->files_copied, (double)st->bytes_copied / 1048576.0, (long long)st->files_reused,
	       (long long)st->files_hashed, st->seconds_files);
	printf("  restore    %s/%s (see docs/backup.md)\n", dir, json_string_value(json_object_get(dbj, "restore")));
}

int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "store", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "include-logs", no_argument, NULL, 'g' },
		{ "include-work", no_argument, NULL, 'w' },
		{ "include-index", no_argument, NULL, 'x' },
		{ "checksum", no_argument, NULL, 'c' },
		{ "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct backup_opts o = { .jobs = 2 };
	struct lr_err err = LR_ERR_INIT;
	int json = 0, c;
	struct cli cl;
	cli_init(&cl, "backup", argc, argv, "h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 't': o.to = optarg; break;
		case 'L': o.liferay_home = optarg; break;
		case 's': o.store = optarg; break;
		case 'j': cli_int(&cl, 1, 64, &o.jobs); break;
		case 'g': o.include_logs = 1; break;
		case 'w': o.include_work = 1; break;
		case 'x': o.include_index = 1; break;
		case 'c': o.checksum = 1; break;
		case 'f': o.force = 1; break;
		case 'J': json = 1; break;
		case 'h': usage(stdout); return 0;
		}
	}
	/* a database and a Liferay Home both: the Home gives the store */
	if (err.code || cli_database(&cl, &o.db_arg, o.liferay_home) < 0)
		return lr_err_print(&err);
	if (!o.to) {
		cli_usage(&cl, "no backup directory given (--to DIR)");
		return lr_err_print(&err);
	}
	o.progress = 1;
	struct backup_stats st;
	int warnings = 0;
	json_t *m = NULL;
	if (backup_run(&o, &st, &warnings, &m, &err) < 0)
		return lr_err_print(&err);
	if (json) {
		json_t *out = report_new("backup");
		json_object_set_new(out, "dir", json_string(o.to));
		json_object_set(out, "id", json_object_get(m, "id"));
		json_object_set(out, "snapshotTime", json_object_get(m, "snapshotTime"));
		json_object_set(out, "liferay", json_object_get(m, "liferay"));
		json_object_set(out, "liveness", json_object_get(m, "liveness"));
		json_t *dbj = json_deep_copy(json_object_get(m, "database"));
		json_object_set(out, "database", dbj);
		json_decref(dbj);
		json_object_set(out, "store", json_object_get(m, "store"));
		json_t *home = json_deep_copy(json_object_get(m, "home"));
		json_object_set(out, "home", home);
		json_decref(home);
		json_object_set(out, "stats", json_object_get(m, "stats"));
		report_set_counts(out, 0, warnings, 0);
		int prc = report_print_json(stdout, out, &err);
		json_decref(out);
		if (prc < 0) {
			json_decref(m);
			return lr_err_print(&err);
		}
	} else {
		print_text(&st, m, o.to);
	}
	json_decref(m);
	return warnings ? LR_EXIT_WARNINGS : LR_EXIT_CLEAN;
}
