/* Allocation that never returns NULL: on exhaustion we print and abort,
 * so callers never check (the Redis / git convention). */
#ifndef LR_XALLOC_H
#define LR_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* caller owns the copy */
char *xstrndup(const char *s, size_t n); /* caller owns; always NUL-terminated */
/* Grow *pp (array of elem-sized items) so that at least `need` fit; *cap updated. */
void xgrow(void **pp, size_t *cap, size_t need, size_t elem);
#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))
#endif
