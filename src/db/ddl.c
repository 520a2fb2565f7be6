/* Tables and indexes in the target engine's own types. The translation is
 * a table (data): a declared type's base name, in any dialect, and what it
 * becomes on MariaDB and PostgreSQL. SQLite keeps the declared name so its
 * type affinity and db_kind_from_decl() read it back the same way — except
 * decimals, whose exact text SQLite's NUMERIC affinity would round: they
 * are declared DECIMAL_TEXT(p,s) (TEXT affinity, still a decimal kind). */
#include "ddl.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum targ {
	A_DROP = 0, /* drop the type arguments */
	A_KEEP,     /* keep them: varchar(75), decimal(30,16) */
	A_VARCHAR,  /* varchar(n): a long n becomes the engine's text type */
	A_DECIMAL,  /* keep, or the engine's widest exact decimal if none */
	A_BIT,      /* bit(1) is a boolean, bit(n) a bit field */
};

static const struct ddl_map {
	const char *base;     /* lower case, spaces collapsed */
	const char *mariadb;
	const char *pg;
	enum targ args;
} type_map[] = {
	{ "bigint", "bigint", "bigint", A_DROP },
	{ "int8", "bigint", "bigint", A_DROP },
	{ "bigserial", "bigint", "bigint", A_DROP },
	{ "int", "int", "integer", A_DROP },
	{ "integer", "int", "integer", A_DROP },
	{ "int4", "int", "integer", A_DROP },
	{ "serial", "int", "integer", A_DROP },
	{ "mediumint", "mediumint", "integer", A_DROP },
	{ "smallint", "smallint", "smallint", A_DROP },
	{ "int2", "smallint", "smallint", A_DROP },
	{ "tinyint", "tinyint", "smallint", A_DROP },
	{ "boolean", "tinyint(1)", "boolean", A_DROP },
	{ "bool", "tinyint(1)", "boolean", A_DROP },
	{ "bit", "bit", "bigint", A_BIT },
	{ "varchar", "varchar", "varchar", A_VARCHAR },
	{ "character varying", "varchar", "varchar", A_VARCHAR },
	{ "varchar2", "varchar", "varchar", A_VARCHAR },
	{ "nvarchar", "varchar", "varchar", A_VARCHAR },
	{ "varchar_ignorecase", "varchar", "varchar", A_VARCHAR },
	{ "char", "char", "varchar", A_KEEP },
	{ "character", "char", "varchar", A_KEEP },
	{ "nchar", "char", "varchar", A_KEEP },
	{ "tinytext", "tinytext", "text", A_DROP },
	{ "text", "text", "text", A_DROP },
	{ "mediumtext", "mediumtext", "text", A_DROP },
	{ "longtext", "longtext", "text", A_DROP },
	{ "clob", "longtext", "text", A_DROP },
	{ "longvarchar", "longtext", "text", A_DROP },
	{ "json", "longtext", "text", A_DROP },
	{ "enum", "enum", "text", A_KEEP },
	{ "set", "set", "text", A_KEEP },
	{ "datetime", "datetime", "timestamp", A_KEEP },
	{ "timestamp", "datetime(6)", "timestamp", A_KEEP },
	{ "date", "date", "date", A_DROP },
	{ "time", "time", "time", A_KEEP },
	{ "year", "year", "smallint", A_DROP },
	{ "double", "double", "double precision", A_DROP },
	{ "double precision", "double", "double precision", A_DROP },
	{ "float8", "double", "double precision", A_DROP },
	{ "float", "float", "real", A_DROP },
	{ "float4", "float", "real", A_DROP },
	{ "real", "double", "real", A_DROP },
	{ "decimal", "decimal", "numeric", A_DECIMAL },
	{ "numeric", "decimal", "numeric", A_DECIMAL },
	{ "number", "decimal", "numeric", A_DECIMAL },
	{ "tinyblob", "tinyblob", "bytea", A_DROP },
	{ "blob", "blob", "bytea", A_DROP },
	{ "mediumblob", "mediumblob", "bytea", A_DROP },
	{ "longblob", "longblob", "bytea", A_DROP },
	{ "bytea", "longblob", "bytea", A_DROP },
	{ "binary", "binary", "bytea", A_KEEP },
	{ "varbinary", "varbinary", "bytea", A_KEEP },
	{ "longvarbinary", "longblob", "bytea", A_DROP },
	{ "binary large object", "longblob", "bytea", A_DROP },
	{ "oid", "bigint", "oid", A_DROP },
};

/* Declared type of a kind, when a column has no declared type. */
static const char *const kind_types[][4] = {
	/* kind:        sqlite            mariadb        postgresql */
	[DB_NULL] = { "", "TEXT", "longtext", "text" },
	[DB_INT] = { "", "BIGINT", "bigint", "bigint" },
	[DB_REAL] = { "", "DOUBLE", "double", "double precision" },
	[DB_DECIMAL] = { "", "DECIMAL_TEXT", "decimal(65,30)", "numeric" },
	[DB_TEXT] = { "", "TEXT", "longtext", "text" },
	[DB_DATE] = { "", "DATETIME", "datetime(6)", "timestamp" },
	[DB_BOOL] = { "", "BOOLEAN", "tinyint(1)", "boolean" },
	[DB_BLOB] = { "", "BLOB", "longblob", "bytea" },
};

struct parsed {
	char base[64];
	char args[256];
	int has_args;
	long n1;        /* first argument, -1 if none or not a number */
	int numeric;    /* all arguments are numbers */
	int is_unsigned;
};

static void parse_decl(const char *decl, struct parsed *p)
{
	memset(p, 0, sizeof *p);
	p->n1 = -1;
	size_t n = 0;
	const char *s = decl;
	while (*s && *s != '(') {
		if (isspace((unsigned char)*s)) {
			while (isspace((unsigned char)s[1]))
				s++;
			/* stop before modifiers that are not part of the name */
			if (!strncasecmp(s + 1, "unsigned", 8) || !strncasecmp(s + 1, "zerofill", 8) ||
			    !strncasecmp(s + 1, "without", 7) || !strncasecmp(s + 1, "with ", 5) ||
			    !strncasecmp(s + 1, "signed", 6))
				break;
			if (n && n < sizeof p->base - 1 && s[1] && s[1] != '(')
				p->base[n++] = ' ';
			s++;
			continue;
		}
		if (n < sizeof p->base - 1)
			p->base[n++] = (char)tolower((unsigned char)*s);
		s++;
	}
	p->base[n] = '\0';
	const char *lp = strchr(decl, '(');
	const char *rp = lp ? strrchr(lp, ')') : NULL;
	if (lp && rp && (size_t)(rp - lp - 1) < sizeof p->args) {
		p->has_args = 1;
		memcpy(p->args, lp + 1, (size_t)(rp - lp - 1));
		p->args[rp - lp - 1] = '\0';
		p->numeric = 1;
		for (const char *a = p->args; *a; a++)
			if (!isdigit((unsigned char)*a) && *a != ',' && *a != ' ')
				p->numeric = 0;
		if (isdigit((unsigned char)p->args[0]))
			p->n1 = strtol(p->args, NULL, 10);
	}
	p->is_unsigned = strcasestr(decl, "unsigned") != NULL;
}

static void sqlite_type(const char *decl, struct strbuf *sb)
{
	struct parsed p;
	parse_decl(decl, &p);
	if (!strcmp(p.base, "decimal") || !strcmp(p.base, "numeric") || !strcmp(p.base, "number")) {
		strbuf_addstr(sb, "DECIMAL_TEXT");
		if (p.has_args && p.numeric)
			strbuf_addf(sb, "(%s)", p.args);
		return;
	}
	if (!p.has_args || p.numeric) {
		/* as declared: "bigint(20)", "varchar(75)", "datetime(6)" */
		strbuf_addstr(sb, decl);
		return;
	}
	/* SQLite type arguments must be numbers: enum('a','b') -> enum */
	strbuf_addstr(sb, p.base);
}

void ddl_type(enum db_engine e, const char *decl, enum db_kind kind, struct strbuf *sb)
{
	if (!decl || !*decl) {
		strbuf_addstr(sb, kind_types[kind >= DB_NULL && kind <= DB_BLOB ? kind : DB_TEXT][e]);
		return;
	}
	if (e == DB_SQLITE) {
		sqlite_type(decl, sb);
		return;
	}
	struct parsed p;
	parse_decl(decl, &p);
	/* MySQL's booleans first: tinyint(1), bit(1) */
	if (db_kind_from_decl(decl) == DB_BOOL) {
		strbuf_addstr(sb, e == DB_MARIADB ? "tinyint(1)" : "boolean");
		return;
	}
	const struct ddl_map *m = NULL;
	for (size_t i = 0; i < sizeof type_map / sizeof type_map[0]; i++)
		if (!strcmp(type_map[i].base, p.base))
			m = &type_map[i];
	if (!m) {
		/* unknown spelling: keep it; the engine will say if it disagrees */
		strbuf_addstr(sb, decl);
		return;
	}
	const char *out = e == DB_MARIADB ? m->mariadb : m->pg;
	switch (m->args) {
	case A_DROP:
		strbuf_addstr(sb, out);
		break;
	case A_KEEP:
		if (p.has_args && (p.numeric || e == DB_MARIADB) && strcmp(out, "text") != 0) {
			/* timestamp(3) -> datetime(3), not datetime(6)(3) */
			const char *lp = strchr(out, '(');
			strbuf_addf(sb, "%.*s(%s)", (int)(lp ? lp - out : (long)strlen(out)), out, p.args);
		} else {
			strbuf_addstr(sb, out);
		}
		break;
	case A_VARCHAR:
		if (p.n1 < 0)
			strbuf_addstr(sb, e == DB_MARIADB ? "longtext" : "text");
		else if (e == DB_MARIADB && p.n1 > 16383)
			strbuf_addstr(sb, "longtext"); /* above the row-size limit in utf8mb4 */
		else if (e == DB_PGSQL && p.n1 > 10485760)
			strbuf_addstr(sb, "text");
		else
			strbuf_addf(sb, "%s(%ld)", out, p.n1);
		break;
	case A_DECIMAL:
		strbuf_addstr(sb, out);
		if (p.has_args && p.numeric)
			strbuf_addf(sb, "(%s)", p.args);
		else if (e == DB_MARIADB)
			strbuf_addstr(sb, "(65,30)");
		break;
	case A_BIT:
		if (e == DB_MARIADB && p.has_args)
			strbuf_addf(sb, "bit(%s)", p.args);
		else
			strbuf_addstr(sb, out);
		break;
	}
	if (e == DB_MARIADB && p.is_unsigned && db_kind_from_decl(decl) == DB_INT)
		strbuf_addstr(sb, " unsigned");
}

int db_create_table(struct db *db, const char *table, const struct ddl_column *cols, int ncols,
		    const char *const *pk, int npk, struct lr_err *err)
{
	enum db_engine e = db_engine(db);
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "CREATE TABLE ");
	db_quote_ident(db, &sql, table);
	strbuf_addstr(&sql, " (");
	for (int i = 0; i < ncols; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		db_quote_ident(db, &sql, cols[i].name);
		strbuf_addch(&sql, ' ');
		ddl_type(e, cols[i].decl, cols[i].kind, &sql);
		if (cols[i].notnull)
			strbuf_addstr(&sql, " NOT NULL");
	}
	if (npk > 0) {
		strbuf_addstr(&sql, ", PRIMARY KEY (");
		for (int i = 0; i < npk; i++) {
			if (i)
				strbuf_addch(&sql, ',');
			db_quote_ident(db, &sql, pk[i]);
		}
		strbuf_addch(&sql, ')');
	}
	strbuf_addch(&sql, ')');
	if (e == DB_MARIADB)
		strbuf_addstr(&sql, " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
	int rc = db_exec(db, strbuf_str(&sql), NULL, 0, NULL, err);
	if (rc < 0)
		lr_err_prefix(err, "creating table %s", table);
	strbuf_release(&sql);
	return rc;
}

/* MariaDB cannot index a whole TEXT/BLOB column, nor a long varchar within
 * InnoDB's 3072-byte key limit: index a 255-character prefix, as MySQL
 * dumps of Liferay do (`openId`(255)). */
static int needs_prefix(struct db *db, const char *table, const char *col)
{
	const struct db_column *c = db_column_find(db_table_find(db, table), col);
	if (!c)
		return 0;
	if (strcasestr(c->decl, "text") || strcasestr(c->decl, "blob"))
		return 1;
	struct parsed p;
	parse_decl(c->decl, &p);
	return !strcmp(p.base, "varchar") && p.n1 > 255;
}

int db_create_index(struct db *db, const char *table, const char *name, const char *const *cols,
		    int ncols, int unique, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
	db_quote_ident(db, &sql, name);
	strbuf_addstr(&sql, " ON ");
	db_quote_ident(db, &sql, table);
	strbuf_addstr(&sql, " (");
	for (int i = 0; i < ncols; i++) {
		if (i)
			strbuf_addch(&sql, ',');
		db_quote_ident(db, &sql, cols[i]);
		if (db_engine(db) == DB_MARIADB && needs_prefix(db, table, cols[i]))
			strbuf_addstr(&sql, "(255)");
	}
	strbuf_addch(&sql, ')');
	int rc = db_exec(db, strbuf_str(&sql), NULL, 0, NULL, err);
	if (rc < 0)
		lr_err_prefix(err, "creating index %s on %s", name, table);
	strbuf_release(&sql);
	return rc;
}

int db_drop_table_if_exists(struct db *db, const char *table, struct lr_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "DROP TABLE IF EXISTS ");
	db_quote_ident(db, &sql, table);
	int rc = db_exec(db, strbuf_str(&sql), NULL, 0, NULL, err);
	strbuf_release(&sql);
	return rc;
}
