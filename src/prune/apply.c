#include "apply.h"
#include "../backup/files.h"
#include "../checks/checks.h"
#include "../db/ddl.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* What each object kind is, as data: its table and key column. Orphan rows
 * carry their own table and key. */
static const struct kind_def {
	const char *kind;
	const char *table;
	const char *key;
} kinds[] = {
	{ "site", "Group_", "groupId" },
	{ "page", "Layout", "plid" },
	{ "user", "User_", "userId" },
	{ "instance", "Company", "companyId" },
	{ "article-version", "JournalArticle", "id_" },
	{ "file-version", "DLFileVersion", "fileVersionId" },
	{ "structure", "DDMStructure", "structureId" },
	{ "template", "DDMTemplate", "templateId" },
	{ "orphan-row", NULL, NULL },
};

static const struct kind_def *kind_find(const char *k)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].kind, k))
			return &kinds[i];
	return NULL;
}

int plan_load(const char *path, json_t **plan, struct lr_err *err)
{
	json_error_t je;
	*plan = NULL;
	/* read whole, parse from memory: jansson's file reader takes a
	 * character at a time (a 1M-object plan is ~700 MB) */
	FILE *f = fopen(path, "rb");
	if (!f)
		return lr_fail(err, LR_EXIT_INPUT, "cannot read plan %s: %s", path, strerror(errno));
	struct strbuf buf = STRBUF_INIT;
	char chunk[1 << 16];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&buf, chunk, got);
	int rerr = ferror(f);
	fclose(f);
	if (rerr) {
		strbuf_release(&buf);
		return lr_fail(err, LR_EXIT_INPUT, "cannot read plan %s: read error", path);
	}
	json_t *p = json_loadb(buf.buf ? buf.buf : "", buf.len, JSON_REJECT_DUPLICATES, &je);
	strbuf_release(&buf);
	if (!p) {
		return lr_fail(err, LR_EXIT_USAGE, "%s:%d:%d: the plan is not valid JSON: %s", path, je.line,
			       je.column, je.text);
	}
	json_t *ver = json_object_get(p, "planVersion");
	json_t *objs = json_object_get(p, "objects");
	const char *why = NULL;
	if (!json_is_integer(ver))
		why = "no planVersion: is this a plan written by 'lrprep plan'?";
	else if (json_integer_value(ver) != 1)
		why = "planVersion is not 1: written by a newer lrprep";
	else if (!json_is_array(objs))
		why = "no objects array";
	else if (!json_is_string(json_object_get(json_object_get(p, "database"), "fingerprint")))
		why = "no database.fingerprint";
	if (why) {
		json_decref(p);
		return lr_fail(err, LR_EXIT_USAGE, "%s: %s", path, why);
	}
	size_t i;
	json_t *o;
	json_array_foreach(objs, i, o) {
		const char *kind = json_string_value(json_object_get(o, "kind"));
		const char *table = json_string_value(json_object_get(o, "table"));
		json_t *key = json_object_get(o, "key");
		const char *bad = NULL;
		if (!kind || !kind_find(kind))
			bad = "unknown or missing kind";
		else if (!table || !*table)
			bad = "missing table";
		else if (!json_is_object(key) || json_object_size(key) == 0 || json_object_size(key) > 8)
			bad = "key must be an object of one to eight columns";
		else {
			const char *k;
			json_t *v;
			json_object_foreach(key, k, v)
				if (!json_is_integer(v) && !json_is_string(v))
					bad = "key values must be integers or strings";
		}
		if (bad) {
			json_decref(p);
			return lr_fail(err, LR_EXIT_USAGE, "%s: object #%zu: %s", path, i + 1, bad);
		}
	}
	*plan = p;
	return 0;
}

/* "kind|table|k1=v1|k2=v2" with the table lower-cased and the key columns
 * in name order: an object's identity in a set (the plan's and the
 * database's objects are matched on it) */
static void object_id(const json_t *o, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s|", json_string_value(json_object_get(o, "kind")));
	for (const char *t = json_string_value(json_object_get(o, "table")); t && *t; t++)
		strbuf_addch(sb, (*t >= 'A' && *t <= 'Z') ? *t + 32 : *t);
	const json_t *key = json_object_get(o, "key");
	const char *names[8];
	int n = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)key, k, v)
		if (n < 8)
			names[n++] = k;
	for (int i = 1; i < n; i++) /* insertion sort: at most eight */
		for (int m = i; m > 0 && strcmp(names[m - 1], names[m]) > 0; m--) {
			const char *x = names[m];
			names[m] = names[m - 1];
			names[m - 1] = x;
		}
	for (int i = 0; i < n; i++) {
		v = json_object_get(key, names[i]);
		/* type-tagged: the integer 5 and the text "5" are different keys */
		strbuf_addf(sb, "|%s=%c", names[i], json_is_integer(v) ? 'i' : 's');
		if (json_is_integer(v))
			strbuf_add_int64(sb, json_integer_value(v));
		else
			strbuf_addstr(sb, json_string_value(v) ? json_string_value(v) : "");
	}
}

/* Identity fields present in both must be equal (a person may trim fields). */
static const char *identity_differs(const json_t *planned, const json_t *fresh, int orphan)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)planned, k, v) {
		/* a row with several dangling columns is reported under whichever
		 * the server returns first: col/ref name the finding, not the row */
		if (orphan && (!strcmp(k, "col") || !strcmp(k, "ref")))
			continue;
		json_t *f = json_object_get(fresh, k);
		if (f && !json_equal(v, f))
			return k;
	}
	return NULL;
}

static int opt_int(const json_t *opts, const char *name, int def)
{
	json_t *v = json_object_get(opts, name);
	return json_is_integer(v) ? (int)json_integer_value(v) : def;
}

struct recheck {
	json_t *index;         /* object id -> position in objs */
	const json_t *objs;    /* the plan's objects */
	const char **verdict;  /* per object: NULL not found, "" same, else the field that differs */
	struct strbuf id;
};

static int recheck_one(void *ctx, const json_t *fresh)
{
	struct recheck *r = ctx;
	object_id(fresh, &r->id);
	json_t *hit = json_object_get(r->index, r->id.buf);
	if (!hit)
		return 0;
	size_t pos = (size_t)json_integer_value(hit);
	const json_t *o = json_array_get(r->objs, pos);
	const char *field = identity_differs(
		json_object_get(o, "identity"), json_object_get(fresh, "identity"),
		!strcmp(json_string_value(json_object_get(o, "kind")), "orphan-row"));
	/* found by two rules: one match is enough */
	if (!r->verdict[pos] || *r->verdict[pos])
		r->verdict[pos] = field ? field : "";
	return 0;
}

static void recheck_release(struct recheck *r)
{
	json_decref(r->index);
	free(r->verdict);
	strbuf_release(&r->id);
}

int plan_recheck(struct db *db, const struct lr_version *v, const json_t *plan, json_t **apply,
		 json_t **skipped, struct lr_err *err)
{
	const json_t *opts = json_object_get(plan, "options");
	struct plan_opts po = { 0 };
	po.checks.keep_first = opt_int(opts, "keepFirst", CHECKS_DEFAULT_KEEP_FIRST);
	po.checks.keep_last = opt_int(opts, "keepLast", CHECKS_DEFAULT_KEEP_LAST);
	po.checks.inactive_days = opt_int(opts, "inactiveDays", CHECKS_DEFAULT_INACTIVE_DAYS);
	po.checks.site_idle_days = opt_int(opts, "siteIdleDays", CHECKS_DEFAULT_SITE_IDLE_DAYS);
	po.checks.max_samples = 1;
	po.identities_only = 1;
	/* re-run only the rules the plan uses: the orphan sweeps are the costly
	 * part, and a plan of web content versions does not need them */
	const char *kindv[sizeof kinds / sizeof kinds[0] + 1] = { 0 };
	int nk = 0;
	size_t oi;
	json_t *ob;
	json_array_foreach(json_object_get(plan, "objects"), oi, ob) {
		const char *k = json_string_value(json_object_get(ob, "kind"));
		const struct kind_def *kd = k ? kind_find(k) : NULL;
		int seen = 0;
		for (int i = 0; kd && i < nk; i++)
			seen |= !strcmp(kindv[i], kd->kind);
		if (kd && !seen)
			kindv[nk++] = kd->kind;
		if (kd && !strcmp(kd->kind, "orphan-row"))
			po.with_orphans = 1;
	}
	po.kinds = kindv;

	/* the plan's objects by identity; each database object found by the
	 * rules is matched against it as it streams by (never all in memory) */
	const json_t *objs = json_object_get(plan, "objects");
	struct recheck rc_ = { .index = json_object(), .objs = objs,
			       .verdict = xcalloc(json_array_size(objs) + 1, sizeof(const char *)) };
	struct strbuf id = STRBUF_INIT;
	size_t i;
	json_t *o;
	json_array_foreach(objs, i, o) {
		object_id(o, &id);
		json_object_set_new_nocheck(rc_.index, id.buf, json_integer((json_int_t)i));
	}
	strbuf_release(&id);
	po.each = recheck_one;
	po.each_ctx = &rc_;
	json_t *fresh = NULL;
	if (checks_plan(db, v, &po, &fresh, err) < 0) {
		recheck_release(&rc_);
		return -1;
	}
	const char *want = json_string_value(json_object_get(json_object_get(plan, "database"), "fingerprint"));
	const char *have = json_string_value(json_object_get(json_object_get(fresh, "database"), "fingerprint"));
	if (!have || strcmp(want, have) != 0) {
		/* format first: `have` lives in fresh */
		lr_fail(err, LR_EXIT_USAGE,
			"this plan was made on another database (fingerprint %s, this database has %s): "
			"make the plan on a copy of this database", want, have ? have : "none");
		json_decref(fresh);
		recheck_release(&rc_);
		return -1;
	}
	*apply = json_array();
	*skipped = json_array();
	json_array_foreach(objs, i, o) {
		const char *verdict = rc_.verdict[i];
		const char *why = NULL;
		char buf[300];
		const char *action = json_string_value(json_object_get(o, "action"));
		if (action && strcmp(action, "remove") != 0) {
			/* orphan.userid rows are content: Liferay reassigns them, never deletes */
			why = "its action is not a removal (e.g. \"reassign\": content of a removed user "
			      "is kept; Liferay's data cleanup gives it to an administrator)";
		} else if (!verdict) {
			why = "no longer selected by its rule on this database (gone, or in use again)";
		} else if (*verdict) {
			snprintf(buf, sizeof buf, "changed since the plan was made (%s differs)", verdict);
			why = buf;
		}
		if (why)
			json_array_append_new(*skipped, json_pack("{s:O, s:s, s:b}", "object", o, "why", why,
								  "byDesign", action && strcmp(action, "remove") != 0));
		else
			json_array_append(*apply, o);
	}
	json_decref(fresh);
	recheck_release(&rc_);
	return 0;
}

/* Keys of one table's objects, loaded into a temporary table, then seeded. */
static int seed_table(struct cascade *c, struct db *db, const char *table, json_t *objs, int *seq,
		      struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, table);
	if (!t)
		return 0;
	json_t *key0 = json_object_get(json_array_get(objs, 0), "key");
	int nk = (int)json_object_size(key0);
	const char *names[8];
	const struct db_column *cols[8];
	int i = 0;
	const char *k;
	json_t *v;
	json_object_foreach(key0, k, v) {
		cols[i] = db_column_find(t, k);
		if (!cols[i])
			return lr_fail(err, LR_EXIT_USAGE, "plan: table %s has no column %s", t->name, k);
		names[i++] = k;
	}
	char tmp[32];
	snprintf(tmp, sizeof tmp, "lrprep_seed%d", ++*seq);
	struct strbuf sql = STRBUF_INIT;
	strbuf_addf(&sql, "CREATE TEMPORARY TABLE %s (", tmp);
	for (i = 0; i < nk; i++) {
		strbuf_addf(&sql, "%sk%d ", i ? "," : "", i);
		/* the plan's values are what the column holds: use its type */
		ddl_type(db_engine(db), cols[i]->decl, cols[i]->kind, &sql);
	}
	strbuf_addch(&sql, ')');
	int rc = db_exec(db, sql.buf, NULL, 0, NULL, err);
	/* insert keys in chunks, bound */
	/* few statements, under every engine's parameter limit */
	size_t n = json_array_size(objs), chunk = (size_t)(2000 / nk);
	struct db_value *p = xcalloc(chunk * (size_t)nk, sizeof *p);
	for (size_t r0 = 0; rc == 0 && r0 < n; r0 += chunk) {
		size_t rows = n - r0 < chunk ? n - r0 : chunk;
		strbuf_reset(&sql);
		strbuf_addf(&sql, "INSERT INTO %s VALUES ", tmp);
		int np = 0;
		for (size_t r = 0; r < rows; r++) {
			json_t *key = json_object_get(json_array_get(objs, r0 + r), "key");
			if ((int)json_object_size(key) != nk) {
				rc = lr_fail(err, LR_EXIT_USAGE, "plan: objects of %s have keys of different shapes", table);
				break;
			}
			strbuf_addstr(&sql, r ? ",(" : "(");
			for (i = 0; i < nk; i++) {
				json_t *val = json_object_get(key, names[i]);
				if (!val) {
					rc = lr_fail(err, LR_EXIT_USAGE, "plan: an object of %s lacks key %s", table,
						     names[i]);
					break;
				}
				p[np++] = json_is_integer(val) ? db_int(json_integer_value(val))
							       : db_text(json_string_value(val));
				strbuf_addstr(&sql, i ? ",?" : "?");
			}
			strbuf_addch(&sql, ')');
		}
		if (rc == 0)
			rc = db_exec(db, sql.buf, p, np, NULL, err);
	}
	free(p);
	if (rc == 0) {
		strbuf_reset(&sql);
		strbuf_addch(&sql, '(');
		for (i = 0; i < nk; i++)
			strbuf_addf(&sql, "%s[%s]", i ? "," : "", names[i]);
		strbuf_addstr(&sql, ") IN (SELECT ");
		for (i = 0; i < nk; i++)
			strbuf_addf(&sql, "%sk%d", i ? "," : "", i);
		strbuf_addf(&sql, " FROM %s)", tmp);
		if (nk == 1) { /* one column: no row-value parentheses */
			strbuf_reset(&sql);
			strbuf_addf(&sql, "[%s] IN (SELECT k0 FROM %s)", names[0], tmp);
		}
		rc = cascade_seed(c, t->name, sql.buf, NULL, 0, err);
	}
	strbuf_reset(&sql);
	strbuf_addf(&sql, "DROP TABLE %s", tmp);
	db_exec(db, sql.buf, NULL, 0, NULL, NULL);
	strbuf_release(&sql);
	return rc;
}

int plan_seed(struct cascade *c, struct db *db, const json_t *objects, struct lr_err *err)
{
	/* group objects by table (case-insensitive) */
	json_t *by = json_object();
	size_t i;
	json_t *o;
	json_array_foreach(objects, i, o) {
		const struct kind_def *kd = kind_find(json_string_value(json_object_get(o, "kind")));
		const char *table = kd && kd->table ? kd->table : json_string_value(json_object_get(o, "table"));
		const char *real = db_table_name(db, table);
		if (!real)
			continue;
		json_t *arr = json_object_get(by, real);
		if (!arr) {
			arr = json_array();
			json_object_set_new(by, real, arr);
		}
		json_array_append(arr, o);
	}
	const char *table;
	json_t *arr;
	int seq = 0, rc = 0;
	json_object_foreach(by, table, arr) {
		if ((rc = seed_table(c, db, table, arr, &seq, err)) < 0)
			break;
	}
	json_decref(by);
	return rc;
}

/* alias.column, the column resolved through the catalog and quoted: on
 * PostgreSQL the sample's columns are case-sensitive ("fileEntryId") */
static void add_col(struct db *db, struct strbuf *sb, const char *alias, const struct db_column *col)
{
	strbuf_addf(sb, "%s.", alias);
	db_quote_ident(db, sb, col->name);
}

int plan_doomed_files(struct cascade *c, struct db *db, int advanced, json_t *paths, struct lr_err *err)
{
	const char *pred = cascade_pred(c, "DLFileVersion");
	const struct db_table *fv = db_table_find(db, "DLFileVersion"), *fe = db_table_find(db, "DLFileEntry");
	if (!pred || !fv || !fe)
		return 0;
	const struct db_column *company = db_column_find(fe, "companyId"), *folder = db_column_find(fe, "folderId"),
			       *group = db_column_find(fe, "groupId"), *name = db_column_find(fe, "name"),
			       *entry = db_column_find(fe, "fileEntryId"), *ver = db_column_find(fv, "version"),
			       *ventry = db_column_find(fv, "fileEntryId");
	if (!company || !folder || !group || !name || !entry || !ver || !ventry)
		return 0;
	struct strbuf sql = STRBUF_INIT, qfv = STRBUF_INIT;
	/* cascade_pred is over unaliased columns: select from the version table
	 * unaliased, join the entry by alias */
	db_quote_ident(db, &qfv, fv->name);
	strbuf_addstr(&sql, "SELECT ");
	add_col(db, &sql, "e", company);
	strbuf_addstr(&sql, ", CASE WHEN ");
	add_col(db, &sql, "e", folder);
	strbuf_addstr(&sql, " <> 0 THEN ");
	add_col(db, &sql, "e", folder);
	strbuf_addstr(&sql, " ELSE ");
	add_col(db, &sql, "e", group);
	strbuf_addstr(&sql, " END, ");
	add_col(db, &sql, "e", name);
	strbuf_addstr(&sql, ", ");
	add_col(db, &sql, qfv.buf, ver);
	strbuf_addf(&sql, " FROM %s JOIN ", qfv.buf);
	db_quote_ident(db, &sql, fe->name);
	strbuf_addstr(&sql, " e ON ");
	add_col(db, &sql, "e", entry);
	strbuf_addstr(&sql, " = ");
	add_col(db, &sql, qfv.buf, ventry);
	strbuf_addf(&sql, " WHERE %s", pred);
	strbuf_release(&qfv);
	struct db_cursor *cur;
	int rc = db_query(db, sql.buf, NULL, 0, &cur, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	struct strbuf path = STRBUF_INIT;
	while ((rc = db_next(cur, err)) == 1) {
		int64_t company = db_get_int(cur, 0), repo = db_get_int(cur, 1);
		char *name = xstrdup(db_get_text(cur, 2) ? db_get_text(cur, 2) : "");
		const char *ver = db_get_text(cur, 3);
		bk_store_path(advanced ? BK_STORE_AFS : BK_STORE_FS, company, repo, name, ver ? ver : "", &path);
		json_array_append_new(paths, json_string(path.buf));
		free(name);
	}
	strbuf_release(&path);
	db_cursor_close(cur);
	return rc < 0 ? -1 : 0;
}
