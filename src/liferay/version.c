/* Liferay version detection from the portal row of Release_
 * (liferay-domain.md §3). The build number decides the product line; the
 * schema version is only reported (sources disagree on its meaning). */
#include "version.h"
#include "../util/strbuf.h"
#include <stdio.h>
#include <string.h>

/* Known build numbers (ReleaseInfo of each product). `ga` > 0 labels a CE
 * GA; 0 marks an EE / DXP build. */
static const struct build {
	int first, last;      /* inclusive range of buildNumber */
	enum lr_line line;
	int ee;
	int ga1;              /* GA number of `first` (CE), 0 for EE/DXP */
	const char *label;    /* prefix: "6.2 CE" -> "6.2 CE GA<n>" */
} builds[] = {
	{ 6100, 6102, LR_LINE_61, 0, 1, "6.1 CE" },
	{ 6200, 6205, LR_LINE_62, 0, 1, "6.2 CE" },
	{ 6210, 6210, LR_LINE_62, 1, 0, "6.2 EE" },
	{ 7000, 7006, LR_LINE_70, 0, 1, "7.0 CE" },
	{ 7010, 7010, LR_LINE_70, 1, 0, "DXP 7.0" },
	{ 7100, 7102, LR_LINE_71, 0, 1, "7.1 CE" },
	{ 7110, 7110, LR_LINE_71, 1, 0, "DXP 7.1" },
	{ 7200, 7201, LR_LINE_72, 0, 1, "7.2 CE" },
	{ 7210, 7210, LR_LINE_72, 1, 0, "DXP 7.2" },
	{ 7300, 7305, LR_LINE_73, 0, 1, "7.3 CE" },
	{ 7310, 7310, LR_LINE_73, 1, 0, "DXP 7.3" },
	{ 7400, 7403, LR_LINE_74, 0, 1, "7.4 CE" },
	{ 7410, 7413, LR_LINE_74, 1, 0, "DXP 7.4" },
};

/* Build numbers not in the table fall in a line by range; within a line,
 * the last two digits >= 10 are EE/DXP builds (6210, 7010, 7110 ...). */
static const struct range {
	int first, last;
	enum lr_line line;
	const char *ce, *ee;
} ranges[] = {
	{ 6100, 6199, LR_LINE_61, "6.1 CE", "6.1 EE" },
	{ 6200, 6299, LR_LINE_62, "6.2 CE", "6.2 EE" },
	{ 7000, 7099, LR_LINE_70, "7.0 CE", "DXP 7.0" },
	{ 7100, 7199, LR_LINE_71, "7.1 CE", "DXP 7.1" },
	{ 7200, 7299, LR_LINE_72, "7.2 CE", "DXP 7.2" },
	{ 7300, 7399, LR_LINE_73, "7.3 CE", "DXP 7.3" },
	{ 7400, 7499, LR_LINE_74, "7.4 CE", "DXP 7.4" },
};

static const struct path {
	enum lr_line line;
	int supported;
	const char *sentence;
} paths[] = {
	{ LR_LINE_UNKNOWN, 0, "unknown build number: the upgrade path to 7.2 cannot be determined" },
	{ LR_LINE_OLDER, 0, "older than 6.1: upgrade to 6.2 first, then from 6.2 to 7.2" },
	{ LR_LINE_61, 0, "6.1 cannot be upgraded to 7.2 directly: upgrade to 7.1 first, then from 7.1 to 7.2" },
	{ LR_LINE_62, 1, "supported: 6.2 upgrades directly to 7.2" },
	{ LR_LINE_70, 1, "supported: 7.0 upgrades directly to 7.2" },
	{ LR_LINE_71, 1, "supported: 7.1 upgrades directly to 7.2" },
	{ LR_LINE_72, 0, "already 7.2: nothing to upgrade to reach 7.2" },
	{ LR_LINE_73, 0, "already past 7.2 (7.3): nothing to upgrade to reach 7.2" },
	{ LR_LINE_74, 0, "already past 7.2 (7.4): nothing to upgrade to reach 7.2" },
	{ LR_LINE_NEWER, 0, "newer than 7.4: nothing to upgrade to reach 7.2" },
};

static const char *const line_names[] = {
	[LR_LINE_UNKNOWN] = "unknown", [LR_LINE_OLDER] = "older than 6.1",
	[LR_LINE_61] = "6.1", [LR_LINE_62] = "6.2", [LR_LINE_70] = "7.0", [LR_LINE_71] = "7.1",
	[LR_LINE_72] = "7.2", [LR_LINE_73] = "7.3", [LR_LINE_74] = "7.4",
	[LR_LINE_NEWER] = "newer than 7.4",
};

const char *lr_line_name(enum lr_line l)
{
	if ((int)l < 0 || (size_t)l >= sizeof line_names / sizeof line_names[0])
		return "unknown";
	return line_names[l];
}

int lr_version_is_7x(const struct lr_version *v)
{
	return v->line >= LR_LINE_70;
}

/* Fill line, ee, label, path and supported from v->build_number. */
static void classify(struct lr_version *v)
{
	int b = v->build_number;
	v->line = LR_LINE_UNKNOWN;
	v->ee = 0;
	snprintf(v->label, sizeof v->label, "unknown (build %d)", b);
	for (size_t i = 0; i < sizeof builds / sizeof builds[0]; i++) {
		const struct build *k = &builds[i];
		if (b < k->first || b > k->last)
			continue;
		v->line = k->line;
		v->ee = k->ee;
		if (k->ga1)
			snprintf(v->label, sizeof v->label, "%s GA%d", k->label, k->ga1 + b - k->first);
		else
			snprintf(v->label, sizeof v->label, "%s", k->label);
		goto path;
	}
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		const struct range *r = &ranges[i];
		if (b < r->first || b > r->last)
			continue;
		v->line = r->line;
		v->ee = b % 100 >= 10;
		snprintf(v->label, sizeof v->label, "%s (build %d)", v->ee ? r->ee : r->ce, b);
		goto path;
	}
	if (b > 0 && b < 6100) {
		v->line = LR_LINE_OLDER;
		snprintf(v->label, sizeof v->label, "older than 6.1 (build %d)", b);
	} else if (b >= 7500) {
		v->line = LR_LINE_NEWER;
		snprintf(v->label, sizeof v->label, "newer than 7.4 (build %d)", b);
	}
path:
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if (paths[i].line == v->line) {
			v->path = paths[i].sentence;
			v->supported = paths[i].supported;
		}
	}
}

static void copy_text(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

static int not_liferay(struct db *db, struct lr_err *err)
{
	static const char *const required[] = { "Release_", "Group_", "Company" };
	const char *missing[3];
	int nmissing = 0;
	for (size_t i = 0; i < 3; i++)
		if (!db_table_find(db, required[i]))
			missing[nmissing++] = required[i];
	if (nmissing == 0)
		return 0;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < nmissing; i++) {
		if (i)
			strbuf_addstr(&sb, i == nmissing - 1 ? " or " : ", ");
		strbuf_addstr(&sb, missing[i]);
	}
	lr_fail(err, LR_EXIT_INPUT, "not a Liferay database: no %s table", strbuf_str(&sb));
	strbuf_release(&sb);
	return -1;
}

/* Append ", <quoted column>" or ", NULL" when the column is absent. */
static void add_col(struct db *db, struct strbuf *sql, const struct db_table *t, const char *name)
{
	const struct db_column *c = db_column_find(t, name);
	strbuf_addstr(sql, ", ");
	if (c)
		db_quote_ident(db, sql, c->name);
	else
		strbuf_addstr(sql, "NULL");
}

int lr_version_detect(struct db *db, struct lr_version *out, struct lr_err *err)
{
	memset(out, 0, sizeof *out);
	const struct db_catalog *cat = db_catalog(db, err);
	if (!cat)
		return -1;
	if (cat->ntables == 0)
		return lr_fail(err, LR_EXIT_INPUT, "no tables: not a Liferay database");
	if (not_liferay(db, err) < 0)
		return -1;
	const struct db_table *rel = db_table_find(db, "Release_");
	const struct db_column *bn = db_column_find(rel, "buildNumber");
	const struct db_column *scn = db_column_find(rel, "servletContextName");
	const struct db_column *rid = db_column_find(rel, "releaseId");
	if (!bn)
		return lr_fail(err, LR_EXIT_INPUT, "not a Liferay database: %s has no buildNumber column",
			       rel->name);
	out->has_state = db_column_find(rel, "state_") != NULL;

	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	db_quote_ident(db, &sql, bn->name);
	add_col(db, &sql, rel, "schemaVersion");
	add_col(db, &sql, rel, "state_");
	add_col(db, &sql, rel, "verified");
	add_col(db, &sql, rel, "buildDate");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, rel->name);
	size_t base = sql.len;

	/* the portal row by name, else by its fixed id (ReleaseConstants.DEFAULT_ID) */
	struct { const struct db_column *col; struct db_value v; } keys[2] = {
		{ scn, db_text("portal") }, { rid, db_int(1) },
	};
	int found = 0;
	for (int k = 0; k < 2 && !found; k++) {
		if (!keys[k].col)
			continue;
		strbuf_setlen(&sql, base);
		strbuf_addstr(&sql, " WHERE ");
		db_quote_ident(db, &sql, keys[k].col->name);
		strbuf_addstr(&sql, " = ?");
		struct db_cursor *c;
		if (db_query(db, strbuf_str(&sql), &keys[k].v, 1, &c, err) < 0) {
			strbuf_release(&sql);
			return -1;
		}
		int rc = db_next(c, err);
		if (rc == 1) {
			found = 1;
			out->build_number = (int)db_get_int(c, 0);
			copy_text(out->schema_version, sizeof out->schema_version, db_get_text(c, 1));
			out->state = (int)db_get_int(c, 2); /* NULL (seen on 7.0) means good */
			out->verified = (int)db_get_int(c, 3);
			copy_text(out->build_date, sizeof out->build_date, db_get_text(c, 4));
		}
		db_cursor_close(c);
		if (rc < 0) {
			strbuf_release(&sql);
			return -1;
		}
	}
	strbuf_release(&sql);
	if (!found)
		return lr_fail(err, LR_EXIT_INPUT,
			       "%s has no portal row (servletContextName 'portal' or releaseId 1): "
			       "Liferay was never installed on this database or the row was removed",
			       rel->name);
	classify(out);
	return 0;
}
