/* Every command's JSON follows docs/json-schema.md, strictly. Each command
 * that prints JSON is run on real data (a generated sample, a fixture dump,
 * the MariaDB test server): the common fields (schemaVersion 1, command,
 * lrprepVersion; errorCount, warningCount, noticeCount as integers where the
 * command reports them), the exit code, and the top-level fields of its
 * section. A missing section, an undocumented field, a documented field
 * missing, a field of the wrong type (the table's type column) or a section
 * no run checks is a failure. Fields a run must not print ("only with ...")
 * are listed per run. Values are checked against each other across commands
 * (report vs plan, sample vs inspect vs backup, prune vs its dry run vs undo,
 * import vs inspect of the copy). The fields are read from the document
 * itself, so the test follows it. A failure lists every problem at once. */
#include "rtest.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { T_STR = 1, T_INT = 2, T_NUM = 4, T_BOOL = 8, T_ARR = 16, T_OBJ = 32, T_NULL = 64 };

struct section {
	char name[64]; /* "inspect", "prune --dry-run" */
	char fields[64][48];
	unsigned types[64]; /* T_* from the table's type column; 0 = not stated */
	char in_table[64];  /* named by a table row (the example alone does not document a field) */
	int n, used;
};

static int add_field(struct section *s, const char *f, size_t len)
{
	if (s->n >= 64 || len >= sizeof s->fields[0])
		return -1;
	for (int i = 0; i < s->n; i++)
		if (strlen(s->fields[i]) == len && !strncmp(s->fields[i], f, len))
			return i;
	s->types[s->n] = 0;
	s->in_table[s->n] = 0;
	snprintf(s->fields[s->n], sizeof s->fields[0], "%.*s", (int)len, f);
	return s->n++;
}

/* "integer or null" -> T_INT | T_NULL */
static unsigned type_mask(const char *cell, size_t len)
{
	static const struct { const char *word; unsigned t; } w[] = {
		{ "string", T_STR }, { "integer", T_INT }, { "number", T_NUM }, { "boolean", T_BOOL },
		{ "array", T_ARR }, { "object", T_OBJ }, { "null", T_NULL },
	};
	unsigned m = 0;
	char buf[128];
	snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), cell);
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strstr(buf, w[i].word))
			m |= w[i].t;
	return m;
}

/* "## inspect (schemaVersion 1)" sections; top-level names from the first
 * cell of each table row; "`a.b` / `c`": c is a sibling of b, not top-level.
 * A row naming `x` or `x[]` gives x the type of its second cell.
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
		const char *type = cell_end + 1, *type_end = memchr(type, '|', len - (size_t)(type - line));
		unsigned mask = type_end ? type_mask(type, (size_t)(type_end - type)) : 0;
		int first = 1, nested = 0;
		while (p && p < cell_end) {
			const char *e = memchr(p + 1, '`', (size_t)(cell_end - p - 1));
			if (!e)
				break;
			size_t k = strcspn(p + 1, ".[` ");
			if (first)
				nested = p[1 + k] == '.' || p[1 + k] == '[';
			if (first || !nested) {
				int f = add_field(cur, p + 1, k);
				int whole = p[1 + k] == '`' || !strncmp(p + 1 + k, "[]`", 3);
				if (f >= 0)
					cur->in_table[f] = 1;
				if (f >= 0 && whole)
					cur->types[f] = mask;
			}
			first = 0;
			p = memchr(e + 1, '`', (size_t)(cell_end - e - 1));
		}
	}
	return n;
}

struct run {
	const char *section; /* heading in docs/json-schema.md */
	const char *command; /* the "command" value; NULL: a file format without the common fields */
	int counts;          /* errorCount, warningCount, noticeCount */
	int exit;
	const char *absent;  /* documented fields this run must not print, space-separated */
	const char *file;    /* the JSON is this file, not stdout */
	const char *argv[12];
};

static int listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list ? strstr(list, word) : NULL; p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* The fields of the "Common fields" table at the top: not repeated in each section. */
static int is_common(const char *f)
{
	return !strcmp(f, "schemaVersion") || !strcmp(f, "command") || !strcmp(f, "lrprepVersion");
}

static unsigned type_of(const json_t *v)
{
	return json_is_string(v) ? T_STR : json_is_integer(v) ? T_INT | T_NUM : json_is_real(v) ? T_NUM
	     : json_is_boolean(v) ? T_BOOL : json_is_array(v) ? T_ARR : json_is_object(v) ? T_OBJ : T_NULL;
}

static void check_doc(struct strbuf *problems, const char *what, const json_t *doc, const struct run *r,
		      struct section *secs, int nsec)
{
	if (!json_is_object(doc)) {
		strbuf_addf(problems, "  %s: not a JSON object\n", what);
		return;
	}
	if (r->command) {
		const json_t *sv = json_object_get(doc, "schemaVersion");
		if (!json_is_integer(sv) || json_integer_value(sv) != 1)
			strbuf_addf(problems, "  %s: schemaVersion is not the integer 1\n", what);
		const char *c = json_string_value(json_object_get(doc, "command"));
		if (!c || strcmp(c, r->command))
			strbuf_addf(problems, "  %s: command is %s%s%s, expected \"%s\"\n", what, c ? "\"" : "",
				    c ? c : "missing", c ? "\"" : "", r->command);
		if (!json_is_string(json_object_get(doc, "lrprepVersion")))
			strbuf_addf(problems, "  %s: lrprepVersion missing\n", what);
	}
	static const char *const cnt[] = { "errorCount", "warningCount", "noticeCount" };
	for (int i = 0; r->counts && i < 3; i++)
		if (!json_is_integer(json_object_get(doc, cnt[i])))
			strbuf_addf(problems, "  %s: %s missing or not an integer\n", what, cnt[i]);
	struct section *s = NULL;
	for (int i = 0; i < nsec && !s; i++)
		if (!strcmp(secs[i].name, r->section))
			s = &secs[i];
	if (!s) {
		strbuf_addf(problems, "  %s: docs/json-schema.md has no section \"## %s\"\n", what, r->section);
		return;
	}
	s->used = 1;
	for (int f = 0; f < s->n; f++) {
		if (!s->in_table[f] && !is_common(s->fields[f]))
			strbuf_addf(problems, "  %s: field %s is in the example of ## %s but has no table row\n",
				    what, s->fields[f], r->section);
		const json_t *v = json_object_get(doc, s->fields[f]);
		if (listed(r->absent, s->fields[f])) {
			if (v)
				strbuf_addf(problems, "  %s: field %s printed, not expected in this run\n", what,
					    s->fields[f]);
		} else if (!v) {
			strbuf_addf(problems, "  %s: documented field %s missing\n", what, s->fields[f]);
		} else if (s->types[f] && !(type_of(v) & s->types[f])) {
			strbuf_addf(problems, "  %s: field %s is not of the documented type\n", what, s->fields[f]);
		}
	}
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)doc, k, v) {
		int known = 0;
		for (int f = 0; f < s->n; f++)
			known |= !strcmp(k, s->fields[f]);
		if (!known)
			strbuf_addf(problems, "  %s: field %s not in docs/json-schema.md (## %s)\n", what, k,
				    r->section);
	}
	for (const char *a = r->absent; a && *a; a += strcspn(a, " "), a += *a == ' ') {
		char name[48];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(a, " "), a);
		int known = 0;
		for (int f = 0; f < s->n; f++)
			known |= !strcmp(name, s->fields[f]);
		if (!known)
			strbuf_addf(problems, "  %s: the test expects %s absent, but ## %s does not list it\n", what,
				    name, r->section);
	}
}

/* Run one command; its JSON (stdout, or r->file), checked against the doc. Caller decrefs. */
static json_t *run_one(struct strbuf *problems, const struct run *r, struct section *secs, int nsec)
{
	char what[160];
	snprintf(what, sizeof what, "lrprep %s%s", r->section, r->file ? "" : " --json");
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	int rc = tl_runv(&out, &err, r->argv);
	json_error_t je;
	json_t *doc = r->file ? json_load_file(r->file, 0, &je) : json_loads(strbuf_str(&out), 0, &je);
	if (rc != r->exit)
		strbuf_addf(problems, "  %s: exit %d, expected %d: %.300s\n", what, rc, r->exit, strbuf_str(&err));
	if (!doc)
		strbuf_addf(problems, "  %s: exit %d, output is not JSON (%s): %.200s\n", what, rc, je.text,
			    strbuf_str(&err));
	else
		check_doc(problems, what, doc, r, secs, nsec);
	strbuf_release(&out);
	strbuf_release(&err);
	return doc;
}

/* A value by dotted path ("stats.rows"); NULL when absent. */
static const json_t *at(const json_t *doc, const char *path)
{
	char key[64];
	while (doc && *path) {
		size_t k = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)k, path);
		doc = json_object_get(doc, key);
		path += k + (path[k] == '.');
	}
	return doc;
}

static void expect_int(struct strbuf *problems, const char *what, const json_t *doc, const char *path,
		       long long want)
{
	const json_t *v = at(doc, path);
	if (!json_is_integer(v) || json_integer_value(v) != want)
		strbuf_addf(problems, "  %s: %s is %lld, expected %lld\n", what, path,
			    json_is_integer(v) ? (long long)json_integer_value(v) : -1LL, want);
}

static void expect_str(struct strbuf *problems, const char *what, const json_t *doc, const char *path,
		       const char *want)
{
	const char *s = json_string_value(at(doc, path));
	if (!s || strcmp(s, want))
		strbuf_addf(problems, "  %s: %s is \"%s\", expected \"%s\"\n", what, path, s ? s : "(none)", want);
}

static long long sum_of(const json_t *obj)
{
	long long n = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v)
		n += (long long)json_integer_value(v);
	return n;
}

static void finish(struct strbuf *problems)
{
	if (problems->len) {
		/* fail_msg does not return: keep the text, free the buffer (ASan) */
		static char text[16384];
		snprintf(text, sizeof text, "%s", strbuf_str(problems));
		strbuf_release(problems);
		fail_msg("JSON output and docs/json-schema.md disagree:\n%s", text);
	}
	strbuf_release(problems);
}

static struct section secs[32];
static int nsec;

static void load_doc(void)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/docs/json-schema.md", tl_src());
	char *md = rt_slurp(path);
	nsec = parse_doc(md, secs, 32);
	free(md);
	assert_string_equal(secs[0].name, "inspect");
	assert_int_equal(secs[0].n, 21); /* the inspect example's top-level fields */
}

/* Every command of src/main.c whose source takes --json has a run. */
static void every_json_command_is_run(struct strbuf *problems, const struct run *runs, size_t nruns)
{
	struct names cmds = { 0 };
	rt_commands(&cmds);
	for (size_t i = 0; i < cmds.n; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/src/cmd/%s.c", tl_src(), cmds.v[i]);
		char *src = rt_slurp(path);
		struct names opts = { 0 };
		options_of(src, &opts);
		free(src);
		int json = 0, run = 0;
		for (size_t k = 0; k < opts.n; k++)
			json |= !strcmp(opts.v[k], "json");
		for (size_t k = 0; k < nruns; k++)
			run |= runs[k].command && !strcmp(runs[k].command, cmds.v[i]);
		if (json && !run)
			strbuf_addf(problems, "  lrprep %s takes --json, but this test does not run it\n", cmds.v[i]);
		names_free(&opts);
	}
	names_free(&cmds);
}

static void every_command_follows_the_doc(void **state)
{
	(void)state;
	load_doc();
	const char *t = tl_tmpdir();
	char s[4200], sstore[4200], p[4200], pstore[4200], plan[4200], pplan[4200], snap[4200], jr[4200],
		html[4200], bk[4200], restored[4200], none[4200], samp[4200], struth[4200], sampstore[4200],
		copy[4200], imp[4200];
	snprintf(p, sizeof p, "%s", rt_sample("p.db")); /* pruned and put back */
	snprintf(s, sizeof s, "%s", rt_sample("s.db")); /* read only */
	snprintf(sstore, sizeof sstore, "%s/s.store", t);
	snprintf(pstore, sizeof pstore, "%s/p.store", t);
	snprintf(plan, sizeof plan, "%s/plan.json", t);
	snprintf(pplan, sizeof pplan, "%s/pplan.json", t);
	snprintf(snap, sizeof snap, "%s/before.json", t);
	snprintf(jr, sizeof jr, "%s/journal", t);
	snprintf(html, sizeof html, "%s/r.html", t);
	snprintf(bk, sizeof bk, "%s/backup", t);
	snprintf(restored, sizeof restored, "%s/restored.db", t);
	snprintf(none, sizeof none, "%s/no-backup", t);
	snprintf(samp, sizeof samp, "%s/j.db", t);
	snprintf(struth, sizeof struth, "%s/j.truth.json", t);
	snprintf(sampstore, sizeof sampstore, "%s/j.store", t);
	snprintf(copy, sizeof copy, "%s/imported.db", t);
	snprintf(imp, sizeof imp, "%s", tl_fixture("lr61-hsqldb-cognetics.script.xz"));
	assert_int_equal(tl_run(NULL, NULL, "plan", p, "-o", pplan, NULL), 0);

	const struct run runs[] = {
		{ "inspect", "inspect", 1, 2, NULL, NULL, { "inspect", s, "--json" } },
		{ "inspect --list-checks", "inspect --list-checks", 0, 0, NULL, NULL,
		  { "inspect", "--list-checks", "--json" } },
		{ "apps", "apps", 1, 2, NULL, NULL, { "apps", s, "--json" } },
		{ "staging", "staging", 1, 2, NULL, NULL, { "staging", s, "--json" } },
		{ "check", "check", 1, 2, "changes", NULL, { "check", s, "--json" } },
		{ "plan", NULL, 0, 0, NULL, plan, { "plan", s, "-o", plan } },
		{ "report", "report", 1, 2, NULL, NULL, { "report", s, "-o", html, "--json" } },
		{ "snapshot", NULL, 0, 0, NULL, snap, { "snapshot", p, "-o", snap } },
		{ "prune --dry-run", "prune", 1, 0, NULL, NULL,
		  { "prune", p, "--plan", pplan, "--store", pstore, "--dry-run", "--json" } },
		{ "prune", "prune", 1, 0, NULL, NULL,
		  { "prune", p, "--plan", pplan, "--store", pstore, "--journal", jr, "--json" } },
		/* the two errors: the sample's planted blockers, which a prune leaves */
		{ "check", "check", 1, 2, NULL, NULL, { "check", p, "--before", snap, "--plan", pplan, "--json" } },
		{ "undo", "undo", 1, 0, NULL, NULL, { "undo", p, "--journal", jr, "--json" } },
		{ "import", "import", 1, 0, "into", NULL, { "import", imp, "-o", copy, "--json" } },
		{ "inspect", "inspect", 1, 2, NULL, NULL, { "inspect", copy, "--json" } }, /* 6.1: not ready */
		{ "sample", "sample", 0, 0, NULL, NULL, { "sample", "-o", samp, "--json" } },
		/* exit 1: the sample's two planted missing store files */
		{ "backup", "backup", 1, 1, NULL, NULL, { "backup", s, "--to", bk, "--store", sstore, "--json" } },
		{ "verify", "verify", 1, 0, "error restoredInto tables", NULL, { "verify", bk, "--json" } },
		{ "verify", "verify", 1, 0, "error", NULL, { "verify", bk, "--restore-into", restored, "--json" } },
		{ "verify", "verify", 1, 4, "id manifestChecksum filesTotal filesChecked bytesChecked problems "
		  "restoredInto tables", NULL, { "verify", none, "--json" } },
	};
	enum { INSPECT, LIST, APPS, STAGING, CHECK, PLAN, REPORT, SNAP, DRY, PRUNE, CHECK_AFTER, UNDO, IMPORT,
	       INSPECT_COPY, SAMPLE, BACKUP, VERIFY, VERIFY_RESTORE, VERIFY_NONE, NRUNS };
	_Static_assert(NRUNS == sizeof runs / sizeof runs[0], "one name per run");
	json_t *doc[NRUNS];
	struct strbuf problems = STRBUF_INIT;
	for (int i = 0; i < NRUNS; i++)
		doc[i] = run_one(&problems, &runs[i], secs, nsec);
	for (int i = 0; i < nsec; i++)
		if (!secs[i].used)
			strbuf_addf(&problems, "  ## %s: no run of this test checks it\n", secs[i].name);
	every_json_command_is_run(&problems, runs, NRUNS);

	/* the values, against each other and the inputs */
	const json_t *null = json_null();
#define D(i) (doc[i] ? doc[i] : null)
	expect_int(&problems, "report", D(REPORT), "planObjects",
		   (long long)json_array_size(json_object_get(D(PLAN), "objects")));
	expect_str(&problems, "report", D(REPORT), "output", html);
	long long rows = (long long)json_integer_value(json_object_get(D(INSPECT), "totalRows"));
	expect_int(&problems, "sample", D(SAMPLE), "rows", rows); /* same defaults as s.db */
	expect_int(&problems, "backup", D(BACKUP), "stats.rows", rows);
	expect_int(&problems, "backup", D(BACKUP), "database.rows", rows);
	expect_int(&problems, "backup", D(BACKUP), "stats.tables",
		   (long long)json_integer_value(json_object_get(D(INSPECT), "tableCount")));
	expect_str(&problems, "backup", D(BACKUP), "dir", bk);
	expect_int(&problems, "backup", D(BACKUP), "warningCount", 1);
	expect_int(&problems, "backup", D(BACKUP), "store.check.missingCount", 2);
	expect_str(&problems, "sample", D(SAMPLE), "output", samp);
	expect_str(&problems, "sample", D(SAMPLE), "truth", struth);
	expect_str(&problems, "sample", D(SAMPLE), "store", sampstore);
	expect_str(&problems, "sample", D(SAMPLE), "liferay", "6.2");
	expect_int(&problems, "sample", D(SAMPLE), "buildNumber", 6205);
	static const struct { const char *field; int v; } scale[] = {
		{ "seed", 1 }, { "sites", 6 }, { "articles", 8 }, { "versions", 6 }, { "documents", 5 }, { "users", 12 },
	};
	for (size_t i = 0; i < sizeof scale / sizeof scale[0]; i++)
		expect_int(&problems, "sample (defaults)", D(SAMPLE), scale[i].field, scale[i].v);

	/* prune: the dry run announces exactly what the run does; undo puts it all back */
	if (!json_equal(json_object_get(D(DRY), "rows"), json_object_get(D(PRUNE), "rows")))
		strbuf_addf(&problems, "  prune: rows differ from the dry run's\n");
	expect_int(&problems, "prune", D(PRUNE), "objects",
		   (long long)json_integer_value(json_object_get(D(DRY), "objects")));
	expect_int(&problems, "prune", D(PRUNE), "files",
		   (long long)json_array_size(json_object_get(D(DRY), "files")));
	expect_str(&problems, "prune", D(PRUNE), "journal", jr);
	expect_int(&problems, "undo", D(UNDO), "rows", sum_of(json_object_get(D(PRUNE), "rows")));
	expect_int(&problems, "undo", D(UNDO), "files",
		   (long long)json_integer_value(json_object_get(D(PRUNE), "files")));
	expect_str(&problems, "undo", D(UNDO), "journal", jr);
	size_t fi;
	json_t *f;
	json_array_foreach(json_object_get(D(DRY), "files"), fi, f) {
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", pstore, json_string_value(f));
		if (access(path, F_OK))
			strbuf_addf(&problems, "  undo: %s (listed by the dry run) is not back\n", path);
	}
	expect_int(&problems, "check --before", D(CHECK_AFTER), "errorCount", 2);
	if (!json_is_object(json_object_get(D(CHECK_AFTER), "changes")))
		strbuf_addf(&problems, "  check --before: no changes object\n");

	/* import: fixtures/README.md (181 tables), and what inspect finds in the copy */
	expect_int(&problems, "import", D(IMPORT), "tables", 181);
	expect_int(&problems, "import", D(IMPORT), "rows",
		   (long long)json_integer_value(json_object_get(D(INSPECT_COPY), "totalRows")));
	expect_int(&problems, "inspect (imported copy)", D(INSPECT_COPY), "tableCount", 181);
	expect_str(&problems, "import", D(IMPORT), "output", copy);
	expect_str(&problems, "import", D(IMPORT), "dump", imp);

	/* verify: all of the backup checked and restored */
	for (int i = VERIFY; i <= VERIFY_RESTORE; i++) {
		if (!json_is_true(json_object_get(D(i), "ok")))
			strbuf_addf(&problems, "  verify: ok is not true\n");
		expect_int(&problems, "verify", D(i), "filesChecked",
			   (long long)json_integer_value(json_object_get(D(i), "filesTotal")));
		expect_int(&problems, "verify", D(i), "errorCount", 0);
		expect_str(&problems, "verify", D(i), "dir", bk);
		const char *id = json_string_value(json_object_get(D(BACKUP), "id"));
		expect_str(&problems, "verify", D(i), "id", id ? id : "(backup printed no id)");
	}
	if (json_array_size(json_object_get(D(VERIFY_RESTORE), "tables")) !=
	    (size_t)json_integer_value(at(D(BACKUP), "stats.tables")))
		strbuf_addf(&problems, "  verify --restore-into: tables compared != the backup's tables\n");
	expect_str(&problems, "verify --restore-into", D(VERIFY_RESTORE), "restoredInto", restored);
	char why[4300];
	snprintf(why, sizeof why, "%s: No such file or directory", none);
	expect_str(&problems, "verify (no backup)", D(VERIFY_NONE), "error", why);
	expect_int(&problems, "verify (no backup)", D(VERIFY_NONE), "errorCount", 1);
	if (!json_is_false(json_object_get(D(VERIFY_NONE), "ok")))
		strbuf_addf(&problems, "  verify (no backup): ok is not false\n");
#undef D
	for (int i = 0; i < NRUNS; i++)
		json_decref(doc[i]);
	finish(&problems);
}

static void fresh_database(struct db *admin, const char *name)
{
	struct lr_err err = LR_ERR_INIT;
	char sql[256];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	assert_int_equal(db_exec(admin, sql, NULL, 0, NULL, &err), 0);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s CHARACTER SET utf8mb4", name);
	assert_int_equal(db_exec(admin, sql, NULL, 0, NULL, &err), 0);
}

/* "mariadb://u:pw@h/db" -> "mariadb://u@h/db"; *pw gets "pw" ("" when none). */
static void split_password(const char *uri, char *shown, size_t n, char *pw, size_t pn)
{
	const char *auth = strstr(uri, "://"), *at = auth ? strchr(auth + 3, '@') : NULL;
	const char *colon = at ? memchr(auth + 3, ':', (size_t)(at - auth - 3)) : NULL;
	snprintf(pw, pn, "%.*s", colon ? (int)(at - colon - 1) : 0, colon ? colon + 1 : "");
	if (colon)
		snprintf(shown, n, "%.*s%s", (int)(colon - uri), uri, at);
	else
		snprintf(shown, n, "%s", uri);
}

/* The server variants, on the MariaDB test server: import --into prints
 * `into` instead of `output`, with the counts of an import into SQLite;
 * sample --into names the database without its password and writes no
 * store; a backup of that database and its verify. No output holds the
 * password. */
static void server_variants_follow_the_doc(void **state)
{
	(void)state;
	load_doc();
	struct db *admin = tl_open(tl_mysql_uri());
	fresh_database(admin, "t_schema_import");
	fresh_database(admin, "t_schema_sample");
	fresh_database(admin, "t_schema_restore");
	char iuri[1024], suri[1024], shown[1024], pw[256], copy[4200], imp[4200], truth[4200], bk[4200];
	char ruri[1024], rshown[1024], rpw[256], ishown[1024], ipw[256];
	tl_mysql_db_uri("t_schema_import", iuri, sizeof iuri);
	tl_mysql_db_uri("t_schema_sample", suri, sizeof suri);
	tl_mysql_db_uri("t_schema_restore", ruri, sizeof ruri);
	split_password(suri, shown, sizeof shown, pw, sizeof pw);
	split_password(ruri, rshown, sizeof rshown, rpw, sizeof rpw);
	split_password(iuri, ishown, sizeof ishown, ipw, sizeof ipw);
	snprintf(copy, sizeof copy, "%s/imported-again.db", tl_tmpdir());
	snprintf(imp, sizeof imp, "%s", tl_fixture("lr61-hsqldb-cognetics.script.xz"));
	snprintf(truth, sizeof truth, "%s/server.truth.json", tl_tmpdir());
	snprintf(bk, sizeof bk, "%s/server-backup", tl_tmpdir());
	const struct run runs[] = {
		{ "import", "import", 1, 0, "output", NULL, { "import", imp, "--into", iuri, "--json" } },
		{ "import", "import", 1, 0, "into", NULL, { "import", imp, "-o", copy, "--json" } },
		{ "sample", "sample", 0, 0, NULL, NULL,
		  { "sample", "--into", suri, "--no-store", "--truth", truth, "--json" } },
		/* exit 1: no store given */
		{ "backup", "backup", 1, 1, NULL, NULL, { "backup", suri, "--to", bk, "--json" } },
		{ "verify", "verify", 1, 0, "error restoredInto tables", NULL, { "verify", bk, "--json" } },
		{ "verify", "verify", 1, 0, "error", NULL, { "verify", bk, "--restore-into", ruri, "--json" } },
		/* the sample's own database is not empty: refused, the message names it without its password */
		{ "verify", "verify", 1, 3, "id manifestChecksum filesTotal filesChecked bytesChecked problems "
		  "restoredInto tables", NULL, { "verify", bk, "--restore-into", suri, "--json" } },
	};
	enum { INTO, LOCAL, SAMPLE, BACKUP, VERIFY, VERIFY_RESTORE, VERIFY_FULL, NRUNS };
	_Static_assert(NRUNS == sizeof runs / sizeof runs[0], "one name per run");
	json_t *doc[NRUNS];
	struct strbuf problems = STRBUF_INIT;
	for (int i = 0; i < NRUNS; i++) {
		doc[i] = run_one(&problems, &runs[i], secs, nsec);
		char *text = doc[i] ? json_dumps(doc[i], 0) : NULL;
		if (text && pw[0] && strstr(text, pw))
			strbuf_addf(&problems, "  lrprep %s --json: the output holds the password\n", runs[i].section);
		free(text);
	}
	const json_t *null = json_null();
#define D(i) (doc[i] ? doc[i] : null)
	expect_str(&problems, "import --into", D(INTO), "into", ishown);
	expect_int(&problems, "import --into", D(INTO), "tables", 181);
	expect_int(&problems, "import --into", D(INTO), "rows",
		   (long long)json_integer_value(json_object_get(D(LOCAL), "rows")));
	expect_str(&problems, "sample --into", D(SAMPLE), "output", shown);
	expect_str(&problems, "sample --into", D(SAMPLE), "truth", truth);
	if (!json_is_null(json_object_get(D(SAMPLE), "store")))
		strbuf_addf(&problems, "  sample --into --no-store: store is not null\n");
	expect_int(&problems, "sample --into", D(SAMPLE), "files", 0);
	expect_int(&problems, "backup (server)", D(BACKUP), "stats.rows",
		   (long long)json_integer_value(json_object_get(D(SAMPLE), "rows")));
	expect_str(&problems, "backup (server)", D(BACKUP), "database.engine", "mariadb");
	expect_str(&problems, "backup (server)", D(BACKUP), "database.source", shown);
	expect_str(&problems, "backup (server)", D(BACKUP), "store.type", "none");
	expect_int(&problems, "backup (server)", D(BACKUP), "warningCount", 1);
	expect_int(&problems, "verify (server backup)", D(VERIFY), "filesChecked",
		   (long long)json_integer_value(json_object_get(D(VERIFY), "filesTotal")));
	expect_int(&problems, "verify (server backup)", D(VERIFY), "errorCount", 0);
	const char *id = json_string_value(json_object_get(D(BACKUP), "id"));
	expect_str(&problems, "verify (server backup)", D(VERIFY), "id", id ? id : "(backup printed no id)");
	expect_str(&problems, "verify --restore-into (server)", D(VERIFY_RESTORE), "restoredInto", rshown);
	expect_int(&problems, "verify --restore-into (server)", D(VERIFY_RESTORE), "errorCount", 0);
	char why[2200];
	snprintf(why, sizeof why, "--restore-into %s", shown);
	const char *got = json_string_value(json_object_get(D(VERIFY_FULL), "error"));
	if (!got || strncmp(got, why, strlen(why)) != 0 || !strstr(got, "the database is not empty"))
		strbuf_addf(&problems, "  verify --restore-into a full database: error is \"%s\", not \"%s: the "
			    "database is not empty ...\"\n", got ? got : "(none)", why);
#undef D
	for (int i = 0; i < NRUNS; i++)
		json_decref(doc[i]);
	struct lr_err err = LR_ERR_INIT;
	assert_int_equal(db_exec(admin, "DROP DATABASE t_schema_import", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(admin, "DROP DATABASE t_schema_sample", NULL, 0, NULL, &err), 0);
	assert_int_equal(db_exec(admin, "DROP DATABASE t_schema_restore", NULL, 0, NULL, &err), 0);
	db_close(admin);
	finish(&problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_command_follows_the_doc),
		cmocka_unit_test(server_variants_follow_the_doc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
