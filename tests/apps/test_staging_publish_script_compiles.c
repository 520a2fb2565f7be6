/* staging --script writes a Groovy script that groovyc type-checks against
 * stubs of the Liferay classes (tests/apps/groovy-stubs), for 6.2 and 7.x;
 * run against the stubs it makes one publish call per staged site and
 * prints a line per site and a summary. A hostile site name (quotes,
 * backslashes, ${...}, a newline) stays an inert string. */
#include "staging_scenario.h"
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define OFF "+ 1000000"
#define HOSTILE "Evil ' \\ ${System.exit(7)} \" $x\nline2 é'''"

static char stubs[4200];
static char stubsrc[4200];

/* Run a shell command, output into *out; returns the exit status. */
static int sh(const char *cmd, struct strbuf *out)
{
	char file[4300], full[16384];
	snprintf(file, sizeof file, "%s/.sh-out", tl_tmpdir());
	snprintf(full, sizeof full, "( %s ) > '%s' 2>&1", cmd, file);
	int st = system(full);
	FILE *f = fopen(file, "r");
	char buf[4096];
	size_t n;
	strbuf_reset(out);
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(out, buf, n);
	if (f)
		fclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* groovyc needs a JAVA_HOME; Debian's default-java link may be missing. */
static int setup(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	if (sh("command -v groovyc && command -v groovy", &out) != 0) {
		strbuf_release(&out);
		return 0;
	}
	const char *jh = getenv("JAVA_HOME");
	char probe[4200];
	snprintf(probe, sizeof probe, "%s/bin/java", jh ? jh : "");
	if (!jh || access(probe, X_OK) != 0) {
		if (sh("dirname \"$(dirname \"$(readlink -f \"$(command -v java)\")\")\" | tr -d '\\n'", &out) == 0)
			setenv("JAVA_HOME", strbuf_str(&out), 1);
	}
	setenv("JAVA_OPTS", "-Dfile.encoding=UTF-8", 1);
	snprintf(stubs, sizeof stubs, "%s/stubs", tl_tmpdir());
	snprintf(stubsrc, sizeof stubsrc, "%s/tests/apps/groovy-stubs", tl_src());
	char cmd[16384];
	snprintf(cmd, sizeof cmd,
		 "groovyc -d '%s' $(find '%s' -name '*.groovy' ! -name typechecked.groovy)", stubs, stubsrc);
	int rc = sh(cmd, &out);
	if (rc != 0)
		fprintf(stderr, "%s\n", strbuf_str(&out));
	strbuf_release(&out);
	return rc;
}

static void need_groovy(void)
{
	if (!stubs[0])
		tl_unavailable("groovyc (Debian package groovy)");
}

/* Write the script for db, compile it type-checked, run it with DRY_RUN
 * false against the stubs; returns its output in out. */
static void script_run(const char *dbpath, const char *name, struct strbuf *script, struct strbuf *out)
{
	char path[4300], cmd[16384];
	snprintf(path, sizeof path, "%s/%s.groovy", tl_tmpdir(), name);
	struct strbuf o = STRBUF_INIT, e = STRBUF_INIT;
	assert_int_equal(tl_run(&o, &e, "staging", "--script", path, dbpath, NULL), 2);
	strbuf_release(&o);
	strbuf_release(&e);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(script, buf, n);
	fclose(f);
	snprintf(cmd, sizeof cmd, "groovyc -cp '%s' -d '%s/%s.classes' --configscript '%s/typechecked.groovy' '%s'",
		 stubs, tl_tmpdir(), name, stubsrc, path);
	if (sh(cmd, out) != 0)
		fail_msg("groovyc: %s", strbuf_str(out));
	/* dry run: reports, publishes nothing */
	snprintf(cmd, sizeof cmd, "groovy -cp '%s' '%s'", stubs, path);
	assert_int_equal(sh(cmd, out), 0);
	assert_null(strstr(strbuf_str(out), "CALL "));
	assert_non_null(strstr(strbuf_str(out), "(dry run)\n"));
	snprintf(cmd, sizeof cmd, "sed 's/^boolean DRY_RUN = true/boolean DRY_RUN = false/' '%s' > '%s/run-%s.groovy' && "
		 "groovy -cp '%s' '%s/run-%s.groovy'", path, tl_tmpdir(), name, stubs, tl_tmpdir(), name);
	assert_int_equal(sh(cmd, out), 0);
}

static void script_62(void **state)
{
	(void)state;
	need_groovy();
	const char *path = ta_fixture_copy("lr62-mysql-juyee.sql.xz", "gv62");
	struct db *db = tl_open(path);
	/* local staging of 20731 with one private page changed after the publish */
	stage_locally(db, 20731, 90011, "工程项目管理系统 (Staging)", "/gcxm-staging",
		      "staged-portlet_15=true\n", T_PUB_MS, "2024-01-01 00:00:02");
	struct ta_set lay[] = { { "plid", "plid " OFF, { 0 } }, { "groupId", NULL, db_int(90011) },
				{ "modifiedDate", NULL, db_text("2023-12-31 00:00:00") } };
	assert_int_equal(ta_copy_rows(db, "Layout", "groupId", 20731, lay, 3), 11);
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-02-01 00:00:00' WHERE plid = 1020783", NULL, 0);
	/* remote staging of 20608, renamed to something hostile */
	char ts[1024];
	snprintf(ts, sizeof ts, "staged=true\nstagedRemotely=true\nremoteAddress=live.example.com\n"
				"remotePort=8080\nremotePathContext=/portal\nsecureConnection=false\n"
				"remoteGroupId=20195\nstaged-portlet_15=true\n");
	struct db_value p[3] = { db_text(ts), db_text(HOSTILE), db_int(20608) };
	ta_sql(db, "UPDATE {Group_} SET typeSettings = ?, name = ? WHERE groupId = ?", p, 3);
	char s0[64];
	snprintf(s0, sizeof s0, "last-publish-date=%lld\n", T_PUB_MS);
	struct db_value l0[2] = { db_text(s0), db_int(20608) };
	ta_sql(db, "UPDATE {LayoutSet} SET settings_ = ? WHERE groupId = ?", l0, 2);
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-01-01 12:00:00' WHERE plid = 20615", NULL, 0);
	db_close(db);

	struct strbuf script = STRBUF_INIT, out = STRBUF_INIT;
	script_run(path, "pub62", &script, &out);
	/* the name travels only as an escaped single-quoted literal */
	assert_non_null(strstr(strbuf_str(&script),
			       "site = 'Evil \\' \\\\ ${System.exit(7)} \" $x\\nline2 \\u00E9\\'\\'\\''\n"));
	assert_non_null(strstr(strbuf_str(&script), "import com.liferay.portal.kernel.staging.StagingUtil\n"));
	assert_string_equal(strbuf_str(&out),
			    "CALL copyRemoteLayouts62 20608 false 2 live.example.com:8080/portal false 20195 1704067200000\n"
			    "published " HOSTILE ": 1 change(s)\n"
			    "CALL publishLayouts62 10196 90011 20731 true 1704067200000\n"
			    "published 工程项目管理系统: 1 change(s)\n"
			    "summary: 2 published, 0 failed, 0 skipped, of 2 staged site(s)\n");
	strbuf_release(&script);
	strbuf_release(&out);
}

static void script_71(void **state)
{
	(void)state;
	need_groovy();
	const char *path = ta_fixture_copy("lr71-mysql-formsdemo.sql.xz", "gv71");
	struct db *db = tl_open(path);
	stage_locally(db, 20126, 90101, "Guest (Staging)", "/guest-staging",
		      "staged-portlet_com_liferay_journal_web_portlet_JournalPortlet=true\n", T_PUB_MS,
		      "2024-01-01 00:00:02");
	struct ta_set lay[] = { { "plid", "plid " OFF, { 0 } }, { "groupId", NULL, db_int(90101) },
				{ "modifiedDate", NULL, db_text("2023-12-31 00:00:00") },
				{ "lastPublishDate", NULL, db_text("2024-01-01 00:00:00") } };
	assert_int_equal(ta_copy_rows(db, "Layout", "groupId", 20126, lay, 4), 5);
	ta_sql(db, "UPDATE {Layout} SET modifiedDate = '2024-02-01 00:00:00' WHERE plid = 1020178", NULL, 0);
	db_close(db);

	struct strbuf script = STRBUF_INIT, out = STRBUF_INIT;
	script_run(path, "pub71", &script, &out);
	assert_non_null(strstr(strbuf_str(&script),
			       "import com.liferay.exportimport.kernel.staging.StagingUtil\n"));
	assert_string_equal(strbuf_str(&out),
			    "CALL publishLayouts7 20139 90101 20126 false fromLastPublishDate\n"
			    "started background task 4242\n"
			    "published Guest: 1 change(s)\n"
			    "summary: 1 published, 0 failed, 0 skipped, of 1 staged site(s)\n");
	strbuf_release(&script);
	strbuf_release(&out);
}

static void quoting_is_inert(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	lr_groovy_quote(&sb, "a'b\\c${d}\n\t\x01" "é中\xF0\x9F\x98\x80\xFF");
	assert_string_equal(strbuf_str(&sb),
			    "'a\\'b\\\\c${d}\\n\\t\\u0001\\u00E9\\u4E2D\\uD83D\\uDE00\\uFFFD'");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting_is_inert),
		cmocka_unit_test(script_62),
		cmocka_unit_test(script_71),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
