/* placeholder: JDBC URLs and Liferay Home are being written */
#include "uri.h"
int db_jdbc_parse(const char *u, struct db_conninfo *ci, struct lr_err *err)
{ (void)ci; return lr_fail(err, LR_EXIT_USAGE, "cannot parse %s yet", u); }
int db_conninfo_from_liferay_home(const char *d, struct db_conninfo *ci, struct lr_err *err)
{ (void)ci; return lr_fail(err, LR_EXIT_USAGE, "cannot read %s yet", d); }
