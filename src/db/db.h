/* The one database interface. Liferay knowledge never sees a driver: it asks
 * the catalog, runs parameterised SQL and streams rows.
 *
 * SQL text uses `?` placeholders on every engine (the PostgreSQL driver
 * rewrites them to $n outside string literals). Values always travel as bound
 * parameters, never spliced into SQL text.
 *
 * Ownership: db_open() returns a handle the caller closes with db_close().
 * A cursor belongs to its db and must be closed before the next query on the
 * same db (one open cursor per connection). Values returned by a cursor point
 * into the cursor and are valid until the next db_next()/db_cursor_close(). */
#ifndef LR_DB_H
#define LR_DB_H
#include <stddef.h>
#include <stdint.h>
#include "../util/error.h"
#include "../util/strbuf.h"

enum db_engine { DB_SQLITE = 1, DB_MARIADB = 2, DB_PGSQL = 3 };

/* Canonical kind of a value or column, shared by every engine and every dump
 * reader. DB_DATE text is 'YYYY-MM-DD HH:MM:SS[.ffffff]'; DB_DECIMAL text is
 * the exact decimal literal; DB_BOOL is 0/1 in i. */
enum db_kind {
	DB_NULL = 0,
	DB_INT,
	DB_REAL,
	DB_DECIMAL,
	DB_TEXT,
	DB_DATE,
	DB_BOOL,
	DB_BLOB,
};

struct db_value {
	enum db_kind kind;
	int64_t i;      /* DB_INT, DB_BOOL */
	double r;       /* DB_REAL */
	const char *s;  /* DB_TEXT, DB_DECIMAL, DB_DATE, DB_BLOB: not owned */
	size_t len;     /* length of s in bytes */
};

static inline struct db_value db_int(int64_t v) { struct db_value x = { DB_INT, v, 0, 0, 0 }; return x; }
static inline struct db_value db_null(void) { struct db_value x = { DB_NULL, 0, 0, 0, 0 }; return x; }
struct db_value db_text(const char *s); /* s may be NULL -> DB_NULL */

/* Where to connect. Filled by db_conninfo_parse() (uri.c) or by hand. All
 * strings owned by the struct; release with db_conninfo_release(). */
struct db_conninfo {
	enum db_engine engine;
	char *host;      /* NULL: local socket */
	int port;        /* 0: default */
	char *user;
	char *password;  /* never printed */
	char *dbname;
	char *socket;    /* unix socket path (MariaDB) or directory (PostgreSQL) */
	char *path;      /* SQLite file */
	int readonly;    /* SQLite: open read-only */
	int create;      /* SQLite: create if missing */
};
void db_conninfo_release(struct db_conninfo *ci);

/* One column of the live catalog. */
struct db_column {
	char *name;      /* as the server spells it */
	char *decl;      /* declared type as the server reports it, e.g. "bigint(20)" */
	enum db_kind kind;
	int pk;          /* 1-based position in the primary key, 0 if not in it */
	int notnull;
};

struct db_table {
	char *name;      /* as the server spells it ("group_" or "Group_") */
	struct db_column *cols;
	int ncols;
};

struct db_catalog {
	struct db_table *tables; /* sorted by lower-cased name */
	int ntables;
};

struct db;
struct db_cursor;

/* --- connection ------------------------------------------------------- */
/* Optional, for a process that bulk-loads SQLite: call once, while the
 * process is single-threaded and before its first db_open (it turns off
 * SQLite's memory statistics, a global mutex on every allocation). */
void db_sqlite_bulk_init(void);
int db_open(const struct db_conninfo *ci, struct db **out, struct lr_err *err);
void db_close(struct db *db);
enum db_engine db_engine(const struct db *db);
const char *db_engine_name(enum db_engine e); /* "sqlite", "mariadb", "postgresql" */
const char *db_errmsg(const struct db *db);   /* last server/driver message */
int db_server_version(struct db *db, struct strbuf *out);

/* --- statements (errors set err with LR_EXIT_FAILED and the server message) */
int db_exec(struct db *db, const char *sql, const struct db_value *params, int nparams,
	    int64_t *affected, struct lr_err *err);
int db_query(struct db *db, const char *sql, const struct db_value *params, int nparams,
	     struct db_cursor **out, struct lr_err *err);
int db_next(struct db_cursor *c, struct lr_err *err); /* 1 row, 0 done, -1 error */
int db_ncols(const struct db_cursor *c);
const char *db_colname(const struct db_cursor *c, int col);
void db_get(struct db_cursor *c, int col, struct db_value *out);
/* Convenience: NULL for SQL NULL; text form of ints/reals/dates. Valid until next row. */
const char *db_get_text(struct db_cursor *c, int col);
int64_t db_get_int(struct db_cursor *c, int col); /* 0 for NULL */
int db_is_null(struct db_cursor *c, int col);
void db_cursor_close(struct db_cursor *c);
/* Bulk export read (MariaDB only; an error on other engines): like
 * db_query, but the rows come over the text protocol (mysql_use_result), so
 * neither side converts values to and from binary. Parameters still travel
 * bound: a prepared SET puts them in session variables @lrprep_pN that the
 * query reads in place of its ? placeholders. db_get() gives what a
 * db_query cursor gives, and for DB_INT/DB_BOOL (not BIT) and DB_REAL
 * values also the server's text in s/len. A DOUBLE's text is its shortest
 * exact form, but a FLOAT's has 6 digits only: select CAST(f AS DOUBLE). */
int db_mariadb_query_text(struct db *db, const char *sql, const struct db_value *params, int nparams,
			  struct db_cursor **out, struct lr_err *err);
/* Every column of the current row of a MariaDB cursor into vals[ncols], as
 * db_get() would give them one by one (one call per row on a hot path),
 * except that a text cursor's DB_INT/DB_BOOL (not BIT) and DB_REAL values
 * carry only their text (s/len; i and r are 0): the caller prints the text
 * again, and parsing every number is not free. */
void db_mariadb_get_row(struct db_cursor *c, struct db_value *vals);
/* One-value queries. */
int db_query_int(struct db *db, const char *sql, const struct db_value *params, int nparams,
		 int64_t *out, struct lr_err *err); /* 0 ok (NULL -> 0), -1 error or no row */

/* --- transactions ----------------------------------------------------- */
int db_begin(struct db *db, struct lr_err *err);
int db_commit(struct db *db, struct lr_err *err);
int db_rollback(struct db *db, struct lr_err *err);

/* --- bulk load: fastest way each engine takes rows (SQLite prepared insert
 * in one transaction, MariaDB LOAD DATA LOCAL with a multi-row INSERT
 * fallback, PostgreSQL COPY). The table
 * must exist. Values are copied before load_row returns. */
struct db_loader;
int db_load_begin(struct db *db, const char *table, const char *const *cols, int ncols,
		  struct db_loader **out, struct lr_err *err);
int db_load_row(struct db_loader *ld, const struct db_value *vals, struct lr_err *err);
int db_load_end(struct db_loader *ld, int commit, struct lr_err *err); /* frees ld */
/* db_load_row for hot loops: text and blob values are only read during the
 * call (SQLite binds them in place instead of copying; other engines copy). */
int db_load_row_nocopy(struct db_loader *ld, const struct db_value *vals, struct lr_err *err);

/* --- catalog ------------------------------------------------------------ */
/* Loaded on first use and cached in the db; db_catalog_reload() after DDL. */
const struct db_catalog *db_catalog(struct db *db, struct lr_err *err);
int db_catalog_reload(struct db *db, struct lr_err *err);
/* Case-insensitive lookups; NULL when absent. */
const struct db_table *db_table_find(struct db *db, const char *name);
const struct db_column *db_column_find(const struct db_table *t, const char *name);
/* Real spelling of a Liferay table name in this database, or NULL. */
const char *db_table_name(struct db *db, const char *name);
/* Exact row count (SELECT COUNT(*)). */
int db_table_rows(struct db *db, const char *table, int64_t *rows, struct lr_err *err);
/* On-disk bytes (data + indexes) if the engine reports them, else -1. */
int64_t db_table_bytes(struct db *db, const char *table);

/* --- SQL text helpers --------------------------------------------------- */
/* Append name quoted for this engine (`x` or "x"). Names come from the catalog. */
void db_quote_ident(const struct db *db, struct strbuf *sb, const char *name);
void db_quote_ident_engine(enum db_engine e, struct strbuf *sb, const char *name);
/* Append "a","b","c": n names quoted and comma-separated. */
void db_quote_idents(const struct db *db, struct strbuf *sb, const char *const *names, int n);

/* Kind of a declared column type from any engine or dump dialect
 * (MySQL, PostgreSQL, HSQLDB, SQLite spellings). */
enum db_kind db_kind_from_decl(const char *decl);
const char *db_kind_name(enum db_kind k);

void db_catalog_free(struct db_catalog *cat);
#endif
