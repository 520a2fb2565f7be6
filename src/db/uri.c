/* placeholder: URI parsing is being written */
#include "uri.h"
int db_is_uri(const char *arg) { return arg && !!__builtin_strstr(arg, "://"); }
int db_uri_parse(const char *uri, struct db_conninfo *ci, struct lr_err *err)
{ (void)ci; return lr_fail(err, LR_EXIT_USAGE, "cannot parse %s yet", uri); }
int db_jdbc_parse(const char *u, struct db_conninfo *ci, struct lr_err *err)
{ (void)ci; return lr_fail(err, LR_EXIT_USAGE, "cannot parse %s yet", u); }
int db_conninfo_from_liferay_home(const char *d, struct db_conninfo *ci, struct lr_err *err)
{ (void)ci; return lr_fail(err, LR_EXIT_USAGE, "cannot read %s yet", d); }
void db_conninfo_describe(const struct db_conninfo *ci, struct strbuf *out)
{ strbuf_addstr(out, db_engine_name(ci->engine)); }
