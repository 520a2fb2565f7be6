/* Every command's --json output follows docs/json-schema.md: the common
 * fields (schemaVersion 1, command, lrprepVersion; errorCount, warningCount,
 * noticeCount as integers where the command reports findings) and, for the
 * commands the document has a section for, every top-level field its tables
 * list. The fields are read from the document itself, so the test follows it.
 * A failure lists every problem at once. */
#include "rtest.h"
#include <stdlib.h>
#include <string.h>

struct section {
	char name[64];      /* "inspect", "inspect --list-checks" */
	char fields[64][48];
	int n;
};

static void add_field(struct section *s, const char *f, size_t len)
{
	if (s->n >= 64 || len >= sizeof s->fields[0])
		return;
	for (int i = 0; i < s->n; i++)
		if (strlen(s->fields[i]) == len && !strncmp(s->fields[i], f, len))
			return;
	snprintf(s->fields[s->n++], sizeof s->fields[0], "%.*s", (int)len, f);
}

/* "## inspect (schemaVersion 1)" sections; top-level names from the first
 * cell of each table row; "`a.b` / `c`": c is a sibling of b, not top-level.
 * JSON examples (```) list fields too: their top-level "keys" count. */
static int parse_doc(const char *doc, struct section *secs, int max)
{
	int n = 0;
	struct section *cur = NULL;
	int in_code = 0, depth = 0;
	for (const char *line = doc; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		size_t len = strcspn(line, "\n");
		if (!strncmp(line, "## ", 3) && n < max) {
			cur = &secs[n++];
			memset(cur, 0, sizeof *cur);
			size_t k = strcspn(line + 3, "(\n");
			while (k && line[3 + k - 1] == ' ')
				k--;
			snprintf(cur->name, sizeof cur->name, "%.*s", (int)k, line + 3);
			continue;
		}
		if (!strncmp(line, "```", 3)) {
			in_code = !in_code;
			depth = 0;
			continue;
		}
		if (!cur)
			continue;
		if (in_code) {
			/* "key": at depth 1 of the example object */
			for (size_t i = 0; i < len; i++) {
				char c = line[i];
				if (c == '{' || c == '[')
					depth++;
				else if (c == '}' || c == ']')
					depth--;
				else if (c == '"') {
					const char *e = memchr(line + i + 1, '"', len - i - 1);
					if (!e)
						break;
					if (depth == 1 && e[1] == ':')
						add_field(cur, line + i + 1, (size_t)(e - line - i - 1));
					i = (size_t)(e - line);
				}
			}
			continue;
		}
		if (line[0] != '|' || (line[1] == ' ' && line[2] == '-'))
			continue;
		const char *cell_end = memchr(line + 1, '|', len - 1);
		const char *p = memchr(line, '`', len);
		if (!p || !cell_end || p > cell_end || !strncmp(line, "| field", 7))
			continue;
		int first = 1, nested = 0;
		while (p && p < cell_end) {
			const char *e = memchr(p + 1, '`', (size_t)(cell_end - p - 1));
			if (!e)
				break;
			size_t k = strcspn(p + 1, ".[` ");
			if (first)
				nested = p[1 + k] == '.' || p[1 + k] == '[';
			if (first || !nested)
				add_field(cur, p + 1, k);
			first = 0;
			p = memchr(e + 1, '`', (size_t)(cell_end - e - 1));
		}
	}
	return n;
}

static void check_doc(struct strbuf *problems, struct strbuf *notes, const char *what, const json_t *doc, const char *command,
		      int counts, const struct section *secs, int nsec)
{
	if (!json_is_object(doc)) {
		strbuf_addf(problems, "  %s: not a JSON object\n", what);
		return;
	}
	const json_t *sv = json_object_get(doc, "schemaVersion");
	if (!json_is_integer(sv) || json_integer_value(sv) != 1)
		strbuf_addf(problems, "  %s: schemaVersion is not the integer 1\n", what);
	const char *c = json_string_value(json_object_get(doc, "command"));
	if (!c || strcmp(c, command))
		strbuf_addf(problems, "  %s: command is %s%s%s, expected \"%s\"\n", what, c ? "\"" : "",
			    c ? c : "missing", c ? "\"" : "", command);
	if (!json_is_string(json_object_get(doc, "lrprepVersion")))
		strbuf_addf(problems, "  %s: lrprepVersion missing\n", what);
	static const char *const cnt[] = { "errorCount", "warningCount", "noticeCount" };
	for (int i = 0; counts && i < 3; i++)
		if (!json_is_integer(json_object_get(doc, cnt[i])))
			strbuf_addf(problems, "  %s: %s missing or not an integer\n", what, cnt[i]);
	int documented = 0;
	for (int s = 0; s < nsec; s++) {
		if (strcmp(secs[s].name, command))
			continue;
		documented = 1;
		for (int f = 0; f < secs[s].n; f++)
			if (!json_object_get(doc, secs[s].fields[f]))
				strbuf_addf(problems, "  %s: documented field %s missing\n", what, secs[s].fields[f]);
		/* the other way round is allowed ("new fields may appear"): a note */
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)doc, k, v) {
			int known = 0;
			for (int f = 0; f < secs[s].n; f++)
				known |= !strcmp(k, secs[s].fields[f]);
			if (!known)
				strbuf_addf(notes, "  %s: field %s not in docs/json-schema.md\n", what, k);
		}
	}
	if (!documented)
		strbuf_addf(notes, "  %s: docs/json-schema.md has no section \"## %s\"\n", what, command);
}

static json_t *run_json(struct strbuf *problems, const char *what, const char *const *argv)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_runv(&out, &err, argv);
	json_t *doc = json_loads(strbuf_str(&out), 0, NULL);
	if (!doc)
		strbuf_addf(problems, "  %s: exit %d, stdout is not JSON: %.200s\n", what, rc, strbuf_str(&err));
	strbuf_release(&out);
	strbuf_release(&err);
	return doc;
}

static void every_command_follows_the_doc(void **state)
{
	(void)state;
	char path[4200];
	snprintf(path, sizeof path, "%s/docs/json-schema.md", tl_src());
	char *md = rt_slurp(path);
	struct section secs[16];
	int nsec = parse_doc(md, secs, 16);
	free(md);
	assert_int_equal(nsec, 2);
	assert_string_equal(secs[0].name, "inspect");
	assert_int_equal(secs[0].n, 21); /* the inspect example's top-level fields */

	const char *db = rt_sample("s.db");
	char html[4200], bk[4200], samp[4200], plan[4200], copy[4200], imp[4200];
	snprintf(plan, sizeof plan, "%s/plan.json", tl_tmpdir());
	snprintf(copy, sizeof copy, "%s/imported.db", tl_tmpdir());
	snprintf(imp, sizeof imp, "%s", tl_fixture("lr61-hsqldb-cognetics.script.xz"));
	struct strbuf ignore = STRBUF_INIT;
	assert_int_equal(tl_run(&ignore, NULL, "plan", db, "-o", plan, NULL), 0);
	strbuf_release(&ignore);
	snprintf(html, sizeof html, "%s/r.html", tl_tmpdir());
	snprintf(bk, sizeof bk, "%s/backup", tl_tmpdir());
	snprintf(samp, sizeof samp, "%s/j.db", tl_tmpdir());
	const struct {
		const char *command;
		int counts; /* reports findings */
		const char *argv[8];
	} runs[] = {
		{ "inspect", 1, { "inspect", db, "--json" } },
		{ "inspect --list-checks", 0, { "inspect", "--list-checks", "--json" } },
		{ "apps", 1, { "apps", db, "--json" } },
		{ "staging", 1, { "staging", db, "--json" } },
		{ "check", 1, { "check", db, "--json" } },
		{ "report", 1, { "report", db, "-o", html, "--json" } },
		{ "prune", 0, { "prune", db, "--plan", plan, "--dry-run", "--json" } },
		{ "import", 0, { "import", imp, "-o", copy, "--json" } },
		{ "sample", 0, { "sample", "-o", samp, "--json" } },
		{ "backup", 0, { "backup", db, "--to", bk, "--json" } },
		{ "verify", 0, { "verify", bk, "--json" } },
	};
	struct strbuf problems = STRBUF_INIT, notes = STRBUF_INIT;
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		char what[128];
		snprintf(what, sizeof what, "lrprep %s --json", runs[i].command);
		json_t *doc = run_json(&problems, what, runs[i].argv);
		if (doc)
			check_doc(&problems, &notes, what, doc, runs[i].command, runs[i].counts, secs, nsec);
		json_decref(doc);
	}
	if (notes.len)
		print_message("not documented (allowed, worth adding):\n%s", strbuf_str(&notes));
	strbuf_release(&notes);
	if (problems.len) {
		/* fail_msg does not return: keep the text, free the buffer (ASan) */
		static char text[16384];
		snprintf(text, sizeof text, "%s", strbuf_str(&problems));
		strbuf_release(&problems);
		fail_msg("JSON output and docs/json-schema.md disagree:\n%s", text);
	}
	strbuf_release(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(every_command_follows_the_doc) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
