/* lrprep script --plan plan.json: the same removal as `prune`, as a Groovy
 * script for Liferay's script console (docs/script.md). */
#include "cmds.h"
#include "cli.h"
#include "target.h"
#include "../liferay/groovy.h"
#include "../liferay/version.h"
#include "../prune/apply.h"
#include "../util/error.h"
#include "../util/strbuf.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: lrprep script --plan plan.json [-o prune.groovy] [--liferay 6.2|7.0|7.1 | DB]\n"
	"\n"
	"Write a Groovy script for Liferay's script console (Control Panel > Server\n"
	"Administration > Script) that removes the objects of a plan through Liferay's\n"
	"own services, one call per object, in batches, each in try/catch with a report\n"
	"line, then a summary. It starts with DRY_RUN = true: nothing changes until you\n"
	"set it to false. Orphan rows have no service: they are counted, not removed.\n"
	"The Liferay version comes from --liferay, else from DB, else from the plan.\n"
	"\n"
	"options:\n"
	"  --plan FILE         the plan ('lrprep plan')\n"
	"  -o, --output FILE   where to write the script (default: standard output)\n"
	"  --liferay V         6.2, 7.0 or 7.1\n"
	"  --batch N           objects per batch (default 200)\n"
	"  --liferay-home H    read the database connection from Liferay Home\n"
	"  -h, --help          this help\n"
	"\n"
	"examples:\n"
	"  lrprep script --plan plan.json -o prune.groovy\n"
	"  lrprep script --plan plan.json --liferay 7.0 > prune.groovy\n"
	"\n"
	"exit codes: 0 written, 3 usage error or bad plan, 4 cannot read / connect\n";

static enum lr_line parse_line(const char *s)
{
	if (!s)
		return LR_LINE_UNKNOWN;
	if (!strcmp(s, "6.2"))
		return LR_LINE_62;
	if (!strcmp(s, "7.0"))
		return LR_LINE_70;
	if (!strcmp(s, "7.1"))
		return LR_LINE_71;
	return LR_LINE_UNKNOWN;
}

struct script_args {
	const char *plan, *output, *liferay;
	int batch;
	struct target_opts to;
};

static int run(struct script_args *a, struct lr_err *err)
{
	json_t *plan = NULL;
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;
	enum lr_line line = LR_LINE_UNKNOWN;
	if (plan_load(a->plan, &plan, err) < 0)
		goto out;
	if (a->liferay) {
		line = parse_line(a->liferay);
	} else if (a->to.arg || a->to.liferay_home) {
		struct db *db = NULL;
		struct lr_version v;
		if (target_open(&a->to, &db, err) < 0)
			goto out;
		int d = lr_version_detect(db, &v, err);
		db_close(db);
		if (d < 0)
			goto out;
		line = v.line;
	} else {
		line = parse_line(json_string_value(json_object_get(json_object_get(plan, "database"), "line")));
	}
	const struct groovy_api *api = groovy_api_for(line);
	if (!api) {
		lr_fail(err, LR_EXIT_USAGE, "no script-console API known for Liferay %s (6.2, 7.0, 7.1 are)",
			line ? lr_line_name(line) : a->liferay ? a->liferay : "(unknown version)");
		goto out;
	}
	struct groovy_opts go = { .batch = a->batch, .source = a->plan };
	if (groovy_script(plan, api, &go, &sb, err) < 0)
		goto out;
	FILE *f = a->output ? fopen(a->output, "w") : stdout;
	if (!f) {
		lr_fail(err, LR_EXIT_INPUT, "cannot write %s: %m", a->output);
		goto out;
	}
	int bad = fwrite(sb.buf, 1, sb.len, f) != sb.len;
	bad |= a->output ? fclose(f) != 0 : fflush(f) != 0;
	if (bad) {
		lr_fail(err, LR_EXIT_FAILED, "cannot write %s", a->output ? a->output : "standard output");
		goto out;
	}
	if (a->output)
		fprintf(stderr, "script for Liferay %s: %zu plan objects -> %s\n", api->line,
			json_array_size(json_object_get(plan, "objects")), a->output);
	rc = 0;
out:
	json_decref(plan);
	strbuf_release(&sb);
	return rc;
}

int cmd_script(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "liferay", required_argument, NULL, 'l' },
		{ "batch", required_argument, NULL, 'b' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct script_args a = { 0 };
	struct lr_err err = LR_ERR_INIT;
	struct cli cl;
	int c;
	cli_init(&cl, "script", argc, argv, "o:h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'p': a.plan = optarg; break;
		case 'o': a.output = optarg; break;
		case 'l':
			a.liferay = optarg;
			if (parse_line(optarg) == LR_LINE_UNKNOWN)
				cli_usage(&cl, "--liferay takes 6.2, 7.0 or 7.1, not %s", optarg);
			break;
		case 'b': cli_int(&cl, 0, 1000000, &a.batch); break;
		case 'L': a.to.liferay_home = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		}
	}
	/* the database is optional: the Liferay line may come from --liferay or the plan */
	if (cli_operand(&cl, "database", &a.to.arg) == 0 && !a.plan)
		cli_usage(&cl, "no plan given (--plan FILE)");
	if (err.code)
		return lr_err_print(&err);
	a.to.readonly = 1;
	if (run(&a, &err) < 0)
		return lr_err_print(&err);
	return 0;
}
