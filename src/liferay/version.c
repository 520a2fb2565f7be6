/* placeholder */
#include "version.h"
int lr_version_detect(struct db *db, struct lr_version *out, struct lr_err *err)
{ (void)db; (void)out; return lr_fail(err, LR_EXIT_INPUT, "version detection not built yet"); }
const char *lr_line_name(enum lr_line l) { (void)l; return "?"; }
int lr_version_is_7x(const struct lr_version *v) { return v->line >= LR_LINE_70; }
