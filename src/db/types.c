/* Declared column type -> canonical kind, for every dialect we meet:
 * MySQL/MariaDB, PostgreSQL, HSQLDB (Liferay's bundled database) and SQLite.
 * Data, not code: one table of prefixes, first match wins. */
#include "db.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *prefix;
	enum db_kind kind;
} decl_kinds[] = {
	/* booleans first: tinyint(1) and bit(1) are MySQL's booleans */
	{ "tinyint(1)", DB_BOOL },
	{ "bit(1)", DB_BOOL },
	{ "bit", DB_BOOL },
	{ "boolean", DB_BOOL },
	{ "bool", DB_BOOL },
	{ "tinyint", DB_INT },
	{ "smallint", DB_INT },
	{ "mediumint", DB_INT },
	{ "bigint", DB_INT },
	{ "integer", DB_INT },
	{ "int", DB_INT },
	{ "serial", DB_INT },
	{ "bigserial", DB_INT },
	{ "int2", DB_INT },
	{ "int4", DB_INT },
	{ "int8", DB_INT },
	{ "double", DB_REAL },
	{ "float", DB_REAL },
	{ "real", DB_REAL },
	{ "decimal", DB_DECIMAL },
	{ "numeric", DB_DECIMAL },
	{ "number", DB_DECIMAL },
	{ "datetime", DB_DATE },
	{ "timestamp", DB_DATE },
	{ "date", DB_DATE },
	{ "time", DB_TEXT },
	{ "year", DB_INT },
	{ "longblob", DB_BLOB },
	{ "mediumblob", DB_BLOB },
	{ "tinyblob", DB_BLOB },
	{ "blob", DB_BLOB },
	{ "bytea", DB_BLOB },
	{ "binary", DB_BLOB },
	{ "varbinary", DB_BLOB },
	{ "longvarbinary", DB_BLOB },
	{ "oid", DB_INT },
};

enum db_kind db_kind_from_decl(const char *decl)
{
	if (!decl || !*decl)
		return DB_TEXT;
	char low[64];
	size_t n = 0;
	/* lower-case, drop spaces and "unsigned"/"signed" noise after the name */
	for (const char *p = decl; *p && n < sizeof low - 1; p++) {
		if (isspace((unsigned char)*p)) {
			/* keep "double precision" etc. comparable: stop at first space
			 * unless inside parentheses */
			if (!memchr(low, '(', n) || memchr(low, ')', n))
				break;
			continue;
		}
		low[n++] = (char)tolower((unsigned char)*p);
	}
	low[n] = '\0';
	for (size_t i = 0; i < sizeof decl_kinds / sizeof decl_kinds[0]; i++) {
		size_t pl = strlen(decl_kinds[i].prefix);
		if (strncmp(low, decl_kinds[i].prefix, pl) != 0)
			continue;
		/* "bit" must not match "bit(8)"-style bitfields as bool: only bit or bit(1) */
		if (!strcmp(decl_kinds[i].prefix, "bit") && low[pl] == '(')
			return DB_INT;
		/* "int" prefix must not swallow "interval" */
		if (!strcmp(decl_kinds[i].prefix, "int") && isalpha((unsigned char)low[pl]))
			continue;
		/* "date" must not swallow "datetime" (listed before) — fine; "time" vs "timestamp" ok */
		return decl_kinds[i].kind;
	}
	return DB_TEXT; /* varchar, char, text, longtext, clob, character varying, ... */
}

const char *db_kind_name(enum db_kind k)
{
	static const char *names[] = { "null", "int", "real", "decimal", "text", "date", "bool", "blob" };
	return (k >= DB_NULL && k <= DB_BLOB) ? names[k] : "?";
}
