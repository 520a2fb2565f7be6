/* Java .properties files (java.util.Properties.load semantics): '=', ':' or
 * whitespace separators, '#'/'!' comments, backslash line continuation,
 * \uXXXX escapes (output as UTF-8), later keys override earlier ones. */
#ifndef LR_PROPS_H
#define LR_PROPS_H
#include <stddef.h>
#include "error.h"

struct props;
struct props *props_new(void);
void props_free(struct props *p);
/* Parse text (len bytes) and merge into p. Never fails on odd input. */
void props_parse(struct props *p, const char *text, size_t len);
/* Load a file; missing file: returns 1 (not an error); read error: -1. */
int props_load_file(struct props *p, const char *path, struct lr_err *err);
const char *props_get(const struct props *p, const char *key); /* NULL if absent */
size_t props_count(const struct props *p);
#endif
