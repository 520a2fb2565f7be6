/* placeholder: URI parsing is being written */
#include "uri.h"
#include <string.h>
int db_is_uri(const char *arg) { return arg && strstr(arg, "://") != NULL; }
int db_uri_parse(const char *uri, struct db_conninfo *ci, struct lr_err *err)
{ (void)ci; return lr_fail(err, LR_EXIT_USAGE, "cannot parse %s yet", uri); }
void db_conninfo_describe(const struct db_conninfo *ci, struct strbuf *out)
{ strbuf_addstr(out, db_engine_name(ci->engine)); }
