/* lrprep: the subcommand table and dispatch, nothing else. */
#include "cmd/cmds.h"
#include "util/error.h"
#include "util/log.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

#ifndef LRPREP_VERSION
#define LRPREP_VERSION "0.0.0"
#endif

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "sample", cmd_sample, "generate a realistic Liferay database (and ground truth)" },
	{ "import", cmd_import, "load a mysqldump / pg_dump / HSQLDB script into an SQLite copy" },
	{ "inspect", cmd_inspect, "readiness report: version, sizes, sites, findings, verdict" },
	{ "plan", cmd_plan, "list the unused objects that can be removed" },
	{ "prune", cmd_prune, "remove the planned objects, journaled" },
	{ "undo", cmd_undo, "put back everything a prune removed" },
	{ "script", cmd_script, "write a Groovy script-console script for a plan" },
	{ "check", cmd_check, "integrity of a (pruned) database" },
	{ "snapshot", cmd_snapshot, "record row counts and checksums for a later check --before" },
	{ "apps", cmd_apps, "Release_ state of the portal, modules and Marketplace apps" },
	{ "staging", cmd_staging, "staged sites and their unpublished changes" },
	{ "report", cmd_report, "self-contained HTML report: inspect + plan + apps + staging" },
	{ "backup", cmd_backup, "synchronized backup: database, document store, Liferay Home" },
	{ "verify", cmd_verify, "check a backup against its manifest" },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
	fprintf(f, "usage: lrprep [-q|-v] COMMAND [options] [DB]\n\n"
		   "Get a Liferay Portal / DXP database ready for an upgrade.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nDB is a mysql:// mariadb:// postgresql:// URI, an SQLite file, a dump file\n"
		   "(.sql, .script, also .gz .xz .zst), or --liferay-home DIR.\n"
		   "Run 'lrprep COMMAND --help' for a command's options.\n\n"
		   "exit codes: 0 clean, 1 warnings only, 2 errors found (not ready),\n"
		   "            3 usage error, 4 cannot connect / read input,\n"
		   "            5 operation failed and was rolled back\n");
}

int main(int argc, char **argv)
{
	int i = 1;
	lr_log_init();
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			lr_verbosity = 0;
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			lr_verbosity = 2;
		else if (!strcmp(argv[i], "--version")) {
			printf("lrprep %s\n", LRPREP_VERSION);
			return 0;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "lrprep: unknown option %s\n", argv[i]);
			usage(stderr);
			return LR_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return LR_EXIT_USAGE;
	}
	for (size_t c = 0; c < NCOMMANDS; c++) {
		if (strcmp(argv[i], commands[c].name) != 0)
			continue;
		int rc = commands[c].fn(argc - i, argv + i);
		/* a full disk must not pass silently (git does the same) */
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "lrprep: error: writing output: %s\n", strerror(errno));
			return rc ? rc : LR_EXIT_FAILED;
		}
		return rc;
	}
	fprintf(stderr, "lrprep: '%s' is not a command; see 'lrprep --help'\n", argv[i]);
	return LR_EXIT_USAGE;
}
