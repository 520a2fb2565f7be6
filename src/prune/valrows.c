/* Rows of copied values (valrows.h). The bytes go into 64 KiB blocks, not
 * one allocation per value: undo copies every column of every row it puts
 * back. */
#include "valrows.h"
#include "../util/xalloc.h"
#include <stdlib.h>
#include <string.h>

#define BLOCK_BYTES (64u * 1024)

struct valblock {
	struct valblock *next;
	size_t used, cap;
	char data[];
};

void valrows_init(struct valrows *r, int width)
{
	memset(r, 0, sizeof *r);
	r->width = width;
}

static char *copy_bytes(struct valrows *r, const char *s, size_t len)
{
	struct valblock *b = r->bytes;
	if (!b || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > BLOCK_BYTES ? len + 1 : BLOCK_BYTES;
		struct valblock *nb = xmalloc(sizeof *nb + cap);
		nb->used = 0;
		nb->cap = cap;
		/* a block for one big value goes behind the current one, which
		 * still has room for the small values after it */
		if (b && cap > BLOCK_BYTES) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			r->bytes = nb;
		}
		b = nb;
	}
	char *p = b->data + b->used;
	if (len)
		memcpy(p, s, len);
	p[len] = 0;
	b->used += len + 1;
	return p;
}

void valrows_add(struct valrows *r, const struct db_value *row)
{
	int need = (r->nrows + 1) * r->width;
	if (need > r->cap) {
		r->cap = need * 2;
		r->v = xrealloc(r->v, (size_t)r->cap * sizeof *r->v);
	}
	struct db_value *out = &r->v[r->nrows * r->width];
	for (int i = 0; i < r->width; i++) {
		out[i] = row[i];
		if (row[i].s)
			out[i].s = copy_bytes(r, row[i].s, row[i].len);
	}
	r->nrows++;
}

void valrows_clear(struct valrows *r)
{
	/* keep the newest block (the usual one-block batch allocates nothing
	 * more), free the rest */
	struct valblock *b = r->bytes;
	if (b) {
		struct valblock *rest = b->next;
		while (rest) {
			struct valblock *n = rest->next;
			free(rest);
			rest = n;
		}
		b->next = NULL;
		b->used = 0;
		if (b->cap > BLOCK_BYTES) { /* one big value's: not worth keeping */
			free(b);
			r->bytes = NULL;
		}
	}
	r->nrows = 0;
}

void valrows_free(struct valrows *r)
{
	valrows_clear(r);
	free(r->bytes);
	free(r->v);
	memset(r, 0, sizeof *r);
}
