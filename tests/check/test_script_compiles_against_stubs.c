/* lrprep script: the Groovy compiles (type-checked) against stubs of the
 * Liferay services of each version, makes exactly one removal call per plan
 * object, and embeds hostile values byte for byte without running them. */
#include "testlib.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Run a shell command (paths are the test's own temp dir), capture stdout. */
static int sh(struct strbuf *out, const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		if (out)
			strbuf_add(out, buf, n);
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int setup(void **s)
{
	(void)s;
	if (access("/usr/bin/groovyc", X_OK) != 0) {
		tl_unavailable("groovy (apt-get install groovy)");
		return 0;
	}
	/* Debian's groovy wants JAVA_HOME when default-java is absent */
	static const char *const jvms[] = { "/usr/lib/jvm/default-java", "/usr/lib/jvm/java-17-openjdk-amd64",
					    "/usr/lib/jvm/java-21-openjdk-amd64", NULL };
	for (int i = 0; jvms[i]; i++) {
		char p[256];
		snprintf(p, sizeof p, "%s/bin/java", jvms[i]);
		if (access(p, X_OK) == 0) {
			setenv("JAVA_HOME", jvms[i], 1);
			break;
		}
	}
	setenv("JAVA_OPTS", "-Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8", 1);
	return 0;
}

/* Compile the stubs of api ("6.2" or "7.x") once; returns the class dir. */
static const char *stubs(const char *api)
{
	static char dir[2][512];
	int k = !strcmp(api, "7.x");
	if (!dir[k][0]) {
		snprintf(dir[k], sizeof dir[k], "%s/stubs-%s", tl_tmpdir(), api);
		assert_int_equal(sh(NULL, "mkdir -p '%s' && groovyc -d '%s' $(find '%s/tests/check/groovy-stubs/%s' -name "
				    "'*.groovy') 2>&1",
				    dir[k], dir[k], tl_src(), api),
				 0);
	}
	return dir[k];
}

/* Write the script, compile it type-checked, run it with DRY_RUN false. */
static void script_run(const char *plan, const char *liferay, const char *api, struct strbuf *out)
{
	char g[512], cls[512];
	snprintf(g, sizeof g, "%s/prune-%s.groovy", tl_tmpdir(), liferay);
	snprintf(cls, sizeof cls, "%s/classes-%s", tl_tmpdir(), liferay);
	assert_int_equal(tl_run(NULL, NULL, "script", "--plan", plan, "--liferay", liferay, "-o", g, "--batch", "50",
				NULL),
			 0);
	struct strbuf log = STRBUF_INIT;
	int rc = sh(&log, "mkdir -p '%s' && groovyc --configscript '%s/tests/check/groovy-stubs/typecheck.groovy' "
			  "-cp '%s' -d '%s' '%s' 2>&1",
		    cls, tl_src(), stubs(api), cls, g);
	if (rc)
		fprintf(stderr, "%s\n", strbuf_str(&log));
	assert_int_equal(rc, 0);
	strbuf_release(&log);
	/* dry run first: no call at all */
	struct strbuf dry = STRBUF_INIT;
	assert_int_equal(sh(&dry, "groovy -cp '%s' '%s' 2>&1", stubs(api), g), 0);
	assert_null(strstr(strbuf_str(&dry), "CALL "));
	assert_non_null(strstr(strbuf_str(&dry), "dry run: nothing was changed"));
	strbuf_release(&dry);
	assert_int_equal(sh(NULL, "sed -i 's/^def DRY_RUN = true$/def DRY_RUN = false/' '%s'", g), 0);
	assert_int_equal(sh(out, "groovy -cp '%s' '%s' 2>&1", stubs(api), g), 0);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static int kind_count(const json_t *plan, const char *kind)
{
	int n = 0;
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(plan, "objects"), i, o)
		n += !strcmp(json_string_value(json_object_get(o, "kind")), kind);
	return n;
}

static void one_call_per_object(const char *line, const char *api)
{
	char db[512], plan[512];
	snprintf(db, sizeof db, "%s/s-%s.db", tl_tmpdir(), line);
	snprintf(plan, sizeof plan, "%s/p-%s.json", tl_tmpdir(), line);
	assert_int_equal(tl_run(NULL, NULL, "sample", "--liferay", line, "-o", db, "--no-store", NULL), 0);
	assert_int_equal(tl_run(NULL, NULL, "plan", db, "-o", plan, NULL), 0);
	json_error_t je;
	json_t *p = json_load_file(plan, 0, &je);
	assert_non_null(p);
	struct strbuf out = STRBUF_INIT;
	script_run(plan, line, api, &out);
	const char *s = strbuf_str(&out);
	static const char *const map[][2] = {
		{ "article-version", "CALL deleteArticle " }, { "file-version", "CALL deleteFileVersion " },
		{ "template", "CALL deleteTemplate " },      { "structure", "CALL deleteStructure " },
		{ "page", "CALL deleteLayout " },            { "site", "CALL deleteGroup " },
		{ "user", "CALL deleteUser " },              { "instance", "CALL deleteCompany " },
	};
	int total = 0;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		int want = kind_count(p, map[i][0]);
		total += want;
		if (count(s, map[i][1]) != want)
			fprintf(stderr, "%s: %s calls %d, plan objects %d\n", line, map[i][0], count(s, map[i][1]), want);
		assert_int_equal(count(s, map[i][1]), want);
	}
	assert_int_equal(count(s, "CALL "), total);
	int orphans = kind_count(p, "orphan-row");
	assert_int_equal(total + orphans, (int)json_array_size(json_object_get(p, "objects")));
	char summary[128];
	snprintf(summary, sizeof summary, "removed: %d, failed: 0, not removable here (orphan rows): %d", total, orphans);
	assert_non_null(strstr(s, summary));
	json_decref(p);
	strbuf_release(&out);
}

static void test_script_62(void **st) { (void)st; one_call_per_object("6.2", "6.2"); }
static void test_script_70(void **st) { (void)st; one_call_per_object("7.0", "7.x"); }
static void test_script_71(void **st) { (void)st; one_call_per_object("7.1", "7.x"); }

static const char *const hostile[] = {
	"'; System.exit(1); '",
	"${System.exit(1)}",
	"\"${System.exit(2)}\" $x",
	"back\\slash \\' \\\\u0027 \\u0027 \\u000a end\\",
	"line1\nline2\r\n\ttab",
	"*/ /* // ''' \"\"\" caf\xc3\xa9 \xf0\x9f\x98\x80 \x01",
};
#define NH ((int)(sizeof hostile / sizeof hostile[0]))

static void hex(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		strbuf_addf(sb, "%02x", *p);
}

static void hostile_names(const char *line, const char *api)
{
	json_t *objs = json_array();
	for (int i = 0; i < NH; i++) {
		json_array_append_new(objs, json_pack("{s:s, s:s, s:{s:i}, s:{s:i, s:s, s:s}}", "kind", "site", "table",
						      "Group_", "key", "groupId", 30000 + i, "identity", "groupId",
						      30000 + i, "name", hostile[i], "friendlyURL", hostile[i]));
		json_array_append_new(objs, json_pack("{s:s, s:s, s:{s:i}, s:{s:i, s:s, s:f}}", "kind",
						      "article-version", "table", "JournalArticle", "key", "id_",
						      31000 + i, "identity", "groupId", 20181, "articleId", hostile[i],
						      "version", 1.1));
		json_array_append_new(objs, json_pack("{s:s, s:s, s:{s:i}, s:{s:i, s:s, s:s}}", "kind", "file-version",
						      "table", "DLFileVersion", "key", "fileVersionId", 32000 + i,
						      "identity", "fileEntryId", 33000 + i, "title", hostile[i],
						      "version", hostile[i]));
	}
	json_t *plan = json_pack("{s:i, s:{s:s, s:s}, s:o}", "planVersion", 1, "database", "line", line,
				 "fingerprint", hostile[0], "objects", objs);
	char path[512];
	snprintf(path, sizeof path, "%s/hostile-%s.json", tl_tmpdir(), line);
	assert_int_equal(json_dump_file(plan, path, JSON_INDENT(1)), 0);
	json_decref(plan);
	struct strbuf out = STRBUF_INIT;
	script_run(path, line, api, &out);
	const char *s = strbuf_str(&out);
	assert_int_equal(count(s, "CALL deleteGroup "), NH);
	assert_int_equal(count(s, "CALL deleteArticle "), NH);
	assert_int_equal(count(s, "CALL deleteFileVersion "), NH);
	for (int i = 0; i < NH; i++) {
		struct strbuf want = STRBUF_INIT;
		/* deleteArticle(groupId, articleId, version, articleURL, sc) */
		strbuf_addf(&want, "CALL deleteArticle N:20181 S:");
		hex(&want, hostile[i]);
		strbuf_addstr(&want, " N:1.1 N:null ");
		assert_non_null(strstr(s, want.buf));
		strbuf_reset(&want);
		strbuf_addf(&want, "CALL deleteFileVersion N:20199 N:%d S:", 33000 + i);
		hex(&want, hostile[i]);
		strbuf_addch(&want, '\n');
		assert_non_null(strstr(s, want.buf));
		/* the report line carries the site name as is */
		strbuf_reset(&want);
		strbuf_addf(&want, "removed site groupId=%d name=%s friendlyURL=%s\n", 30000 + i, hostile[i],
			    hostile[i]);
		assert_non_null(strstr(s, want.buf));
		strbuf_release(&want);
	}
	char summary[128];
	snprintf(summary, sizeof summary, "removed: %d, failed: 0, not removable here (orphan rows): 0", 3 * NH);
	assert_non_null(strstr(s, summary));
	strbuf_release(&out);
}

static void test_hostile_62(void **st) { (void)st; hostile_names("6.2", "6.2"); }
static void test_hostile_71(void **st) { (void)st; hostile_names("7.1", "7.x"); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_62), cmocka_unit_test(test_script_70), cmocka_unit_test(test_script_71),
		cmocka_unit_test(test_hostile_62), cmocka_unit_test(test_hostile_71),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
