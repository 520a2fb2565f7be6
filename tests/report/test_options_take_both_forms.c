/* Every command of src/main.c's table takes each long option that has a
 * value (required_argument in the struct option table of src/cmd/CMD.c,
 * read as test_help_mentions_every_option reads the option names) both as
 * --opt=VALUE and as --opt VALUE: with a value and a database that do not
 * exist, the two runs fail the same way (exit code and stderr) and neither
 * calls the option unknown. The option without its value, and an option no
 * command has, are each one usage line, exit 3:
 *   lrprep: error: --opt needs a value; see 'lrprep CMD --help'
 *   lrprep: error: unknown option --no-such-option; see 'lrprep CMD --help'
 * A failure lists every problem at once. */
#include "rtest.h"
#include "backup/backup.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Run argv; the exit code, stderr into err. */
static int run(struct strbuf *err, const char *const *argv, const char *val)
{
	strbuf_reset(err);
	int rc = tl_runv(NULL, err, argv);
	bk_rm_rf(val); /* backup --to, import -o ... may have created it */
	return rc;
}

/* stderr for a problem line: its first line, and how many more there are. */
static const char *shown(const struct strbuf *err)
{
	static char buf[2][1024];
	static int k;
	const char *e = strbuf_str(err), *nl = strchr(e, '\n');
	int more = 0;
	for (const char *p = nl; p && p[1]; p = strchr(p + 1, '\n'))
		more++;
	k ^= 1;
	if (more)
		snprintf(buf[k], sizeof buf[k], "\"%.*s\" (+%d lines)", (int)(nl - e), e, more);
	else
		snprintf(buf[k], sizeof buf[k], "\"%.*s\"", (int)(nl ? nl - e : (long)strlen(e)), e);
	return buf[k];
}

/* lrprep CMD ARG exits 3 with exactly the usage line "lrprep: error: WHAT; see ...". */
static void expect_usage(struct strbuf *problems, const char *cmd, const char *arg, const char *what)
{
	struct strbuf err = STRBUF_INIT;
	const char *argv[] = { cmd, arg, NULL };
	int rc = tl_runv(NULL, &err, argv);
	char want[512];
	snprintf(want, sizeof want, "lrprep: error: %s; see 'lrprep %s --help'\n", what, cmd);
	if (rc != 3 || strcmp(strbuf_str(&err), want))
		strbuf_addf(problems, "  lrprep %s %s: exit %d, stderr %s; want exit 3, \"%.*s\"\n", cmd, arg,
			    rc, shown(&err), (int)strlen(want) - 1, want);
	strbuf_release(&err);
}

static void both_forms_fail_alike(struct strbuf *problems, const char *cmd, const char *opt)
{
	char val[4300], db[4300], eq[4400], name[128];
	snprintf(val, sizeof val, "%s/value-of-%s-%s", tl_tmpdir(), cmd, opt);
	snprintf(db, sizeof db, "%s/no-such-database.db", tl_tmpdir());
	snprintf(name, sizeof name, "--%s", opt);
	snprintf(eq, sizeof eq, "--%s=%s", opt, val);
	const char *joined[] = { cmd, eq, db, NULL };
	const char *split[] = { cmd, name, val, db, NULL };
	struct strbuf e1 = STRBUF_INIT, e2 = STRBUF_INIT;
	int rc1 = run(&e1, joined, val), rc2 = run(&e2, split, val);
	if (rc1 != rc2 || strcmp(strbuf_str(&e1), strbuf_str(&e2)))
		strbuf_addf(problems, "  lrprep %s %s=VALUE DB: exit %d, stderr %s; but %s VALUE DB: exit %d, "
			    "stderr %s\n", cmd, name, rc1, shown(&e1), name, rc2, shown(&e2));
	else if (rc1 <= 0)
		strbuf_addf(problems, "  lrprep %s %s VALUE DB (a database that does not exist): exit %d\n", cmd,
			    name, rc1);
	if (strstr(strbuf_str(&e1), "unknown option") || strstr(strbuf_str(&e2), "unknown option"))
		strbuf_addf(problems, "  lrprep %s %s: called unknown: %s / %s\n", cmd, name, shown(&e1),
			    shown(&e2));
	strbuf_release(&e1);
	strbuf_release(&e2);
	char what[160];
	snprintf(what, sizeof what, "%s needs a value", name);
	expect_usage(problems, cmd, name, what);
}

static void every_value_option_takes_both_forms(void **state)
{
	(void)state;
	struct names cmds = { 0 };
	rt_commands(&cmds);
	assert_true(cmds.n >= 13);
	struct strbuf problems = STRBUF_INIT;
	int nopt = 0;
	for (size_t c = 0; c < cmds.n; c++) {
		const char *cmd = cmds.v[c];
		char path[4200];
		snprintf(path, sizeof path, "%s/src/cmd/%s.c", tl_src(), cmd);
		char *src = rt_slurp(path);
		struct names opts = { 0 };
		if (!value_options_of(src, &opts))
			strbuf_addf(&problems, "  src/cmd/%s.c: no struct option table (its options are not "
				    "parsed by getopt_long)\n", cmd);
		for (size_t i = 0; i < opts.n; i++, nopt++)
			both_forms_fail_alike(&problems, cmd, opts.v[i]);
		expect_usage(&problems, cmd, "--no-such-option", "unknown option --no-such-option");
		names_free(&opts);
		free(src);
	}
	print_message("%zu commands, %d options taking a value\n", cmds.n, nopt);
	names_free(&cmds);
	if (problems.len) {
		/* all of them (fail_msg's text is cut short); fail_msg does not
		 * return: free the buffer first (ASan) */
		fprintf(stderr, "options not taken the same way:\n%s", strbuf_str(&problems));
		strbuf_release(&problems);
		fail_msg("options not taken the same way (listed above)");
	}
	strbuf_release(&problems);
	assert_true(nopt >= 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(every_value_option_takes_both_forms) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
