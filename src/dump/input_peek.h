/* Private to src/dump: look at the first decompressed bytes without
 * consuming them, so the format can be sniffed before a reader starts.
 * (Proposed for input.h.) */
#ifndef LR_DUMP_INPUT_PEEK_H
#define LR_DUMP_INPUT_PEEK_H
#include "input.h"

/* Up to n decompressed bytes from the start of in, NUL-terminated, owned by
 * in; later input_read() calls return them again first. Call only before
 * the first input_read(). Returns the count, -1 on error. */
long input_peek(struct input *in, size_t n, const char **head, struct lr_err *err);
#endif
