/* Connection strings: mysql:// mariadb:// postgresql:// postgres:// URIs,
 * SQLite paths, JDBC URLs from Liferay properties, and where passwords come
 * from (URI, LRPREP_PASSWORD, ~/.my.cnf [client], ~/.pgpass, properties).
 * Passwords are never printed: db_conninfo_describe() leaves them out. */
#ifndef LR_DB_URI_H
#define LR_DB_URI_H
#include "db.h"

/* Is arg a URI we understand (has "scheme://")? */
int db_is_uri(const char *arg);
/* Parse a URI into ci (caller releases). Unknown scheme: LR_EXIT_USAGE.
 * Fills the password from the URI, else LRPREP_PASSWORD, else ~/.my.cnf
 * (MariaDB) or ~/.pgpass (PostgreSQL). */
int db_uri_parse(const char *uri, struct db_conninfo *ci, struct lr_err *err);
/* jdbc:mysql://host:port/db?..., jdbc:mariadb:, jdbc:postgresql:, jdbc:hsqldb: */
int db_jdbc_parse(const char *jdbc_url, struct db_conninfo *ci, struct lr_err *err);
/* Read jdbc.default.* from LIFERAY_HOME/portal-ext.properties then
 * portal-setup-wizard.properties (later files override, as Liferay does). */
int db_conninfo_from_liferay_home(const char *dir, struct db_conninfo *ci, struct lr_err *err);
/* "mariadb://user@host:3306/lportal" without the password. */
void db_conninfo_describe(const struct db_conninfo *ci, struct strbuf *out);
/* What the user typed as a database (a URI or a path), its password and any
 * password= option replaced: for reports and messages meant to be shared. */
void db_target_redact(const char *arg, struct strbuf *out);
#endif
