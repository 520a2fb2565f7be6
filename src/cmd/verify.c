/* lrprep verify: options, then verify_run (src/backup), then the report. */
#include "cmds.h"
#include "cli.h"
#include "../db/uri.h"
#include "../report/report.h"
#include "../backup/backup.h"
#include "../util/error.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep verify DIR [options]\n"
	      "\n"
	      "Check a backup written by lrprep backup: the manifest's self-checksum, then\n"
	      "every file present with the size and SHA-256 the manifest records. With\n"
	      "--restore-into, also load the database dump into a new scratch database and\n"
	      "compare every table's row count and checksum with the manifest's, which were\n"
	      "taken inside the backup's snapshot. Read-only on DIR.\n"
	      "\n"
	      "options:\n"
	      "  --restore-into DB   new SQLite file, or an empty mariadb:// / postgresql://\n"
	      "                      database (same engine as the backup)\n"
	      "  --sample PCT        check a random PCT %% of the files (default 100)\n"
	      "  --json              print the report as JSON\n"
	      "  -h, --help          this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep verify /backups/pre-upgrade\n"
	      "  lrprep verify /backups/pre-upgrade --sample 10\n"
	      "  lrprep verify /backups/pre-upgrade --restore-into /tmp/restored.db\n"
	      "\n"
	      "exit codes: 0 the backup is intact, 2 a file is missing or damaged, the\n"
	      "            manifest fails its self-check, or a restored table differs;\n"
	      "            3 usage error, 4 cannot read / connect\n",
	      f);
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "restore-into", required_argument, NULL, 'r' },
		{ "sample", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct verify_opts o = { .sample_pct = 100.0, .progress = 1 };
	struct lr_err err = LR_ERR_INIT;
	int json = 0, c;
	char *end;
	struct cli cl;
	cli_init(&cl, "verify", argc, argv, "h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'r': o.restore_into = optarg; break;
		case 's':
			o.sample_pct = strtod(optarg, &end);
			if (*end || end == optarg || !(o.sample_pct > 0 && o.sample_pct <= 100))
				cli_usage(&cl, "--sample takes a percentage in (0, 100]");
			break;
		case 'J': json = 1; break;
		case 'h': usage(stdout); return 0;
		}
	}
	if (cli_operand(&cl, "backup directory", &o.dir) == 0 && !o.dir)
		cli_usage(&cl, "no backup directory given");
	if (err.code)
		return lr_err_print(&err);
	struct verify_result r;
	json_t *m = NULL;
	if (verify_run(&o, &r, &m, &err) < 0) {
		if (json) {
			json_t *out = report_new("verify");
			json_object_update_new(out, json_pack("{s:s, s:b, s:s}", "dir", o.dir, "ok", 0, "error",
							       err.msg));
			report_set_counts(out, 1, 0, 0);
			json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
			json_decref(out);
		}
		verify_result_release(&r);
		return lr_err_print(&err);
	}
	int bad = r.bad || r.tables_bad;
	/* the scratch database as typed, without its password */
	struct strbuf where = STRBUF_INIT;
	if (o.restore_into)
		db_target_redact(o.restore_into, &where);
	if (json) {
		json_t *out = report_new("verify");
		json_object_set_new(out, "dir", json_string(o.dir));
		json_object_set(out, "id", json_object_get(m, "id"));
		json_object_set_new(out, "ok", json_boolean(!bad));
		json_object_set_new(out, "manifestChecksum", json_string("ok"));
		json_object_set_new(out, "filesTotal", json_integer(r.files_total));
		json_object_set_new(out, "filesChecked", json_integer(r.files_checked));
		json_object_set_new(out, "bytesChecked", json_integer(r.bytes_checked));
		json_object_set(out, "problems", r.problems);
		if (o.restore_into) {
			json_object_set_new(out, "restoredInto", json_string(where.buf ? where.buf : ""));
			json_object_set(out, "tables", r.tables);
		}
		report_set_counts(out, r.bad + r.tables_bad, 0, 0);
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(out);
	} else {
		size_t i;
		json_t *p;
		json_array_foreach(r.problems, i, p)
			printf("BAD  %s: %s\n", json_string_value(json_object_get(p, "path")),
			       json_string_value(json_object_get(p, "problem")));
		json_array_foreach(r.tables, i, p)
			if (!json_is_true(json_object_get(p, "ok")))
				printf("BAD  table %s: %lld rows (manifest %lld), checksum %s (manifest %s) %s\n",
				       json_string_value(json_object_get(p, "name")),
				       (long long)json_integer_value(json_object_get(p, "rows")),
				       (long long)json_integer_value(json_object_get(p, "expectedRows")),
				       json_string_value(json_object_get(p, "checksum")),
				       json_string_value(json_object_get(p, "expected")),
				       json_string_value(json_object_get(p, "error")));
		printf("manifest self-checksum ok; %lld of %lld files checked (%.1f MB), %lld bad\n",
		       (long long)r.files_checked, (long long)r.files_total, (double)r.bytes_checked / 1048576.0,
		       (long long)r.bad);
		if (o.restore_into)
			printf("restored into %s: %d tables compared, %d differ\n", where.buf ? where.buf : "",
			       r.tables_compared, r.tables_bad);
		printf("%s\n", bad ? "backup is NOT intact" : "backup is intact");
	}
	strbuf_release(&where);
	json_decref(m);
	verify_result_release(&r);
	return bad ? LR_EXIT_ERRORS : LR_EXIT_CLEAN;
}
