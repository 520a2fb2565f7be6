/* placeholder */
#include "reader.h"
static int ph_sniff(const char *h, size_t n) { (void)h; (void)n; return 0; }
static int ph_read(struct input *in, struct dump_sink *s, struct lr_err *err)
{ (void)in; (void)s; return lr_fail(err, LR_EXIT_INPUT, "reader hsqldb not built yet"); }
const struct dump_reader dump_reader_hsqldb = { "hsqldb", ph_sniff, ph_read };
