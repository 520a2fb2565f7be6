/* Row pipe: generator thread -> inserting thread (see pipe.h). */
#include "pipe.h"
#include "../util/xalloc.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_BYTES (1u << 20) /* rows handed over at a time */
#define NBLOCKS 8              /* bounds the memory and the lead of the generator */
#define MAXCOLS 512            /* the widest Liferay table has under 100 */

struct pipe {
	struct db *db;
	int ntables;
	const char *const *names;
	const char *const *const *colnames;
	const int *ncols;
	struct db_loader **ld;    /* inserting thread's, per table, opened on first row */
	struct strbuf blk[NBLOCKS];
	int full[NBLOCKS];        /* ring of filled blocks */
	int fhead, fcount;
	int freeb[NBLOCKS];       /* stack of empty blocks */
	int nfree;
	int cur;                  /* block the generator fills, -1: none */
	int done;
	atomic_int failed;
	struct lr_err err;        /* first failure of the inserting thread */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled, freed;
};

size_t row_size(const struct db_value *v, int n)
{
	size_t need = 0;
	for (int c = 0; c < n; c++)
		need += 1 + (v[c].kind == DB_NULL ? 0 :
			     v[c].kind == DB_INT || v[c].kind == DB_BOOL || v[c].kind == DB_REAL ?
			     8 : 4 + v[c].len);
	return need;
}

char *row_put(char *s, const struct db_value *v, int n)
{
	for (int c = 0; c < n; c++) {
		const struct db_value *x = &v[c];
		*s++ = (char)x->kind;
		switch (x->kind) {
		case DB_NULL: break;
		case DB_INT:
		case DB_BOOL: memcpy(s, &x->i, 8); s += 8; break;
		case DB_REAL: memcpy(s, &x->r, 8); s += 8; break;
		default: {
			uint32_t len = (uint32_t)x->len;
			memcpy(s, &len, sizeof len);
			s += sizeof len;
			if (len)
				memcpy(s, x->s, len);
			s += len;
		}
		}
	}
	return s;
}

const char *row_get(const char *s, struct db_value *v, int n)
{
	for (int c = 0; c < n; c++) {
		struct db_value *x = &v[c];
		*x = db_null();
		x->kind = (enum db_kind)(unsigned char)*s++;
		switch (x->kind) {
		case DB_NULL: break;
		case DB_INT:
		case DB_BOOL: memcpy(&x->i, s, sizeof x->i); s += sizeof x->i; break;
		case DB_REAL: memcpy(&x->r, s, sizeof x->r); s += sizeof x->r; break;
		default: {
			uint32_t len;
			memcpy(&len, s, sizeof len);
			s += sizeof len;
			x->s = s;
			x->len = len;
			s += len;
		}
		}
	}
	return s;
}

/* Block format: per row a u16 table, then the row (row_put). */
static void insert_block(struct pipe *p, const struct strbuf *b)
{
	struct db_value v[MAXCOLS];
	const char *s = b->buf, *end = b->buf + b->len;
	while (s < end && !atomic_load_explicit(&p->failed, memory_order_relaxed)) {
		uint16_t t;
		memcpy(&t, s, sizeof t);
		s += sizeof t;
		int n = p->ncols[t];
		s = row_get(s, v, n);
		if ((!p->ld[t] && db_load_begin(p->db, p->names[t], p->colnames[t], n, &p->ld[t],
						&p->err) < 0) ||
		    db_load_row_nocopy(p->ld[t], v, &p->err) < 0) {
			atomic_store(&p->failed, 1);
			return;
		}
	}
}

static void *inserter(void *arg)
{
	struct pipe *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->fcount && !p->done)
			pthread_cond_wait(&p->filled, &p->mu);
		if (!p->fcount)
			break;
		int b = p->full[p->fhead];
		p->fhead = (p->fhead + 1) % NBLOCKS;
		p->fcount--;
		pthread_mutex_unlock(&p->mu);
		/* after a failure the blocks are only drained: the generator stops soon */
		insert_block(p, &p->blk[b]);
		pthread_mutex_lock(&p->mu);
		strbuf_reset(&p->blk[b]);
		p->freeb[p->nfree++] = b;
		pthread_cond_signal(&p->freed);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct pipe *pipe_start(struct db *db, int ntables, const char *const *names,
			const char *const *const *colnames, const int *ncols)
{
	for (int i = 0; i < ntables; i++)
		if (ncols[i] > MAXCOLS)
			abort(); /* a schema-data error, caught by every test */
	struct pipe *p = xcalloc(1, sizeof *p);
	p->db = db;
	p->ntables = ntables;
	p->names = names;
	p->colnames = colnames;
	p->ncols = ncols;
	p->ld = xcalloc((size_t)ntables + 1, sizeof *p->ld);
	p->err = (struct lr_err)LR_ERR_INIT;
	for (int i = 0; i < NBLOCKS; i++) {
		strbuf_init(&p->blk[i], BLOCK_BYTES + 4096);
		p->freeb[p->nfree++] = i;
	}
	p->cur = -1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->freed, NULL);
	if (pthread_create(&p->thread, NULL, inserter, p) != 0)
		abort(); /* like a failed xmalloc: out of resources */
	return p;
}

static void hand_over(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->full[(p->fhead + p->fcount) % NBLOCKS] = p->cur;
	p->fcount++;
	p->cur = -1;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
}

int pipe_row(struct pipe *p, int t, const struct db_value *vals)
{
	if (atomic_load_explicit(&p->failed, memory_order_relaxed))
		return -1;
	if (p->cur < 0) {
		pthread_mutex_lock(&p->mu);
		while (!p->nfree)
			pthread_cond_wait(&p->freed, &p->mu);
		p->cur = p->freeb[--p->nfree];
		pthread_mutex_unlock(&p->mu);
	}
	int n = p->ncols[t];
	size_t need = sizeof(uint16_t) + row_size(vals, n);
	struct strbuf *b = &p->blk[p->cur];
	strbuf_grow(b, need);
	char *s = b->buf + b->len;
	uint16_t t16 = (uint16_t)t;
	memcpy(s, &t16, sizeof t16);
	row_put(s + sizeof t16, vals, n);
	strbuf_setlen(b, b->len + need);
	if (b->len >= BLOCK_BYTES)
		hand_over(p);
	return 0;
}

int pipe_finish(struct pipe *p, int commit, struct lr_err *err)
{
	if (p->cur >= 0 && p->blk[p->cur].len)
		hand_over(p);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	int failed = atomic_load(&p->failed);
	int rc = failed ? -1 : 0;
	for (int i = 0; i < p->ntables; i++) {
		if (!p->ld[i])
			continue;
		if (db_load_end(p->ld[i], commit && !failed, failed || !commit ? NULL : &p->err) < 0 &&
		    commit && !failed) {
			failed = 1;
			rc = -1;
		}
	}
	if (rc < 0 && err)
		lr_fail(err, p->err.code ? p->err.code : LR_EXIT_FAILED, "%s",
			p->err.msg[0] ? p->err.msg : "inserting the sample's rows failed");
	for (int i = 0; i < NBLOCKS; i++)
		strbuf_release(&p->blk[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->freed);
	free(p->ld);
	free(p);
	return rc;
}
