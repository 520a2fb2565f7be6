/* placeholder */
#include "reader.h"
const struct dump_reader *dump_reader_find(const char *name) { (void)name; return 0; }
