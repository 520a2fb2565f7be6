/* lrprep plan: list every removable object (unused objects and orphan rows)
 * with its identity, the rule that selected it and what removing it frees.
 * The JSON is meant to be edited by hand and fed to `prune --plan`
 * (schema: docs/plan.md); --tsv prints one object per line. */
#include "cmds.h"
#include "cli.h"
#include "target.h"
#include "../checks/checks.h"
#include "../report/html.h"
#include "../liferay/version.h"
#include "../util/error.h"
#include "../util/log.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: lrprep plan [options] DB\n"
	      "       lrprep plan [options] --liferay-home DIR\n"
	      "\n"
	      "List every removable object of a Liferay database -- unused sites, pages,\n"
	      "users, instances, intermediate web content and document versions, unused\n"
	      "structures and templates, orphan rows -- with its identity (primary key plus\n"
	      "natural key, so it can be found again in production), the rule that selected\n"
	      "it, and the rows per table and bytes its removal frees (an estimate). Edit the\n"
	      "plan, then apply it with 'lrprep prune DB --plan plan.json'. Read-only.\n"
	      "The format is documented in docs/plan.md; rules and defaults in docs/checks.md.\n"
	      "\n"
	      "options:\n"
	      "  -o, --output FILE      write the plan to FILE (default: standard output)\n"
	      "  --tsv                  one object per line, tab-separated, instead of JSON\n"
	      "  --html FILE            also write the plan as a self-contained HTML report\n"
	      "  --keep-first N         web content versions kept at the start (default 1)\n"
	      "  --keep-last N          web content versions kept at the end (default 3)\n"
	      "  --inactive-days N      users not logged in for N days (default 365)\n"
	      "  --site-idle-days N     sites/instances with no activity for N days (default 365)\n"
	      "  --only KIND[,KIND...]  keep only these kinds: site page user instance\n"
	      "                         article-version file-version structure template orphan;\n"
	      "                         repeatable\n"
	      "  --no-orphans           leave orphan rows out\n"
	      "  --liferay-home DIR     read the connection from DIR's portal-ext.properties\n"
	      "  -h, --help             this help\n"
	      "\n"
	      "examples:\n"
	      "  lrprep plan copy.db -o plan.json\n"
	      "  lrprep plan --only article-version,file-version --keep-last 2 copy.db --tsv\n"
	      "  lrprep plan mariadb://liferay@db/lportal --only site,page -o sites.json\n"
	      "\n"
	      "exit codes: 0 plan written, 1 plan written but some rule could not run\n"
	      "            (listed under \"failures\"), 3 usage error, 4 cannot connect / read\n",
	      f);
}

static const char *const known_kinds[] = {
	"site", "page", "user", "instance", "article-version", "file-version", "structure",
	"template", "orphan", NULL
};

/* --only's items, each a known kind. */
static void kinds_add(struct cli_list *l, struct cli *c)
{
	for (size_t i = cli_list_add(l, optarg); i < l->n; i++) {
		int ok = 0;
		for (const char *const *k = known_kinds; *k; k++)
			ok |= !strcmp(*k, l->v[i]);
		if (!ok) {
			cli_usage(c, "--only: unknown kind '%s'", l->v[i]);
			return;
		}
	}
}

int cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "tsv", no_argument, NULL, 'T' },
		{ "html", required_argument, NULL, 'H' },
		{ "keep-first", required_argument, NULL, 'F' },
		{ "keep-last", required_argument, NULL, 'K' },
		{ "inactive-days", required_argument, NULL, 'I' },
		{ "site-idle-days", required_argument, NULL, 'S' },
		{ "only", required_argument, NULL, 'O' },
		{ "no-orphans", no_argument, NULL, 'N' },
		{ "liferay-home", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct lr_err err = LR_ERR_INIT;
	struct target_opts to = { .readonly = 1 };
	struct plan_opts po = { .with_orphans = 1 };
	struct cli_list kinds = { 0 };
	const char *out_path = NULL, *html = NULL;
	int tsv = 0, rc = 0, c;
	struct db *db = NULL;
	json_t *plan = NULL;
	struct cli cl;

	cli_init(&cl, "plan", argc, argv, "o:h", opts, &err);
	while ((c = cli_next(&cl)) != -1) {
		switch (c) {
		case 'o': out_path = optarg; break;
		case 'T': tsv = 1; break;
		case 'H': html = optarg; break;
		case 'F': cli_int(&cl, 1, 100000, &po.checks.keep_first); break;
		case 'K': cli_int(&cl, 1, 100000, &po.checks.keep_last); break;
		case 'I': cli_int(&cl, 1, 100000, &po.checks.inactive_days); break;
		case 'S': cli_int(&cl, 1, 100000, &po.checks.site_idle_days); break;
		case 'O': kinds_add(&kinds, &cl); break;
		case 'N': po.with_orphans = 0; break;
		case 'L': to.liferay_home = optarg; break;
		case 'h': usage(stdout); cli_list_free(&kinds); return 0;
		}
	}
	if (err.code || cli_target(&cl, &to) < 0) {
		cli_list_free(&kinds);
		return lr_err_print(&err);
	}
	po.kinds = kinds.n ? kinds.v : NULL;

	struct lr_version v;
	memset(&v, 0, sizeof v);
	if (target_open(&to, &db, &err) < 0)
		goto fail;
	if (lr_version_detect(db, &v, &err) < 0)
		goto fail;
	if (checks_plan(db, &v, &po, &plan, &err) < 0) {
		if (!err.code || err.code == LR_EXIT_FAILED)
			err.code = LR_EXIT_INPUT; /* nothing was changed: a read failed */
		goto fail;
	}
	size_t nfail = json_array_size(json_object_get(plan, "failures"));
	if (nfail) {
		size_t i;
		json_t *f;
		json_array_foreach(json_object_get(plan, "failures"), i, f)
			lr_warn("rule %s could not run: %s", json_string_value(json_object_get(f, "check")),
				json_string_value(json_object_get(f, "message")));
		rc = LR_EXIT_WARNINGS;
	}
	{
		struct strbuf text = STRBUF_INIT;
		if (tsv) {
			checks_plan_tsv(plan, &text);
		} else {
			char *s = json_dumps(plan, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			strbuf_addstr(&text, s);
			strbuf_addch(&text, '\n');
			free(s);
		}
		FILE *f = out_path ? fopen(out_path, "w") : stdout;
		if (!f || fwrite(text.buf, 1, text.len, f) != text.len || (out_path && fclose(f) != 0)) {
			if (f && out_path)
				fclose(f);
			lr_fail(&err, LR_EXIT_INPUT, "cannot write %s", out_path ? out_path : "standard output");
			strbuf_release(&text);
			goto fail;
		}
		if (!out_path)
			fflush(stdout);
		strbuf_release(&text);
	}
	if (html && report_write_html(html, plan, &err) < 0)
		goto fail;
	if (out_path)
		lr_info("plan: %zu objects -> %s",
			json_array_size(json_object_get(plan, "objects")), out_path);
	json_decref(plan);
	db_close(db);
	cli_list_free(&kinds);
	return rc;
fail:
	json_decref(plan);
	if (db)
		db_close(db);
	cli_list_free(&kinds);
	return lr_err_print(&err);
}
