/* Row builder and table writers (see out.h). */
#include "out.h"
#include "pipe.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NSLOTS 256            /* > 2x the widest Liferay table */
#define FLUSH_BYTES (1u << 20) /* buffered mode: rows kept per table before a load */

struct otab {
	struct out *o;
	int idx;                  /* position in o->tabs */
	const struct sample_table *def;
	const char **colnames;
	int ncols;
	int16_t slot[NSLOTS];     /* hash of lower-cased name -> column + 1 */
	const char *pkey[256];    /* callers pass string literals: cache by address */
	int16_t pval[256];
	struct db_value *vals;
	size_t *off;              /* text offset in o->arena, (size_t)-1 for none */
	unsigned char *isset;
	int64_t rows;
	struct db_loader *ld;     /* direct mode, opened on first row */
	struct strbuf buf;        /* buffered mode: serialized rows */
	int64_t nbuf;
	struct strbuf arena;     /* text of the row being built */
};

static unsigned hash_name(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 16777619u;
	return h;
}

void out_init(struct out *o, struct db *db, enum out_mode mode, const struct sample_schema *s)
{
	memset(o, 0, sizeof *o);
	o->db = db;
	o->mode = mode;
	o->schema = s;
	o->ntabs = s->ntables;
	o->tabs = xcalloc((size_t)s->ntables, sizeof *o->tabs);
	for (int i = 0; i < s->ntables; i++) {
		struct otab *t = &o->tabs[i];
		t->o = o;
		t->idx = i;
		t->def = &s->tables[i];
		t->ncols = t->def->ncols;
		t->colnames = xcalloc((size_t)t->ncols, sizeof *t->colnames);
		t->vals = xcalloc((size_t)t->ncols, sizeof *t->vals);
		t->off = xcalloc((size_t)t->ncols, sizeof *t->off);
		t->isset = xcalloc((size_t)t->ncols, 1);
		for (int c = 0; c < t->ncols; c++) {
			t->colnames[c] = t->def->cols[c].name;
			unsigned h = hash_name(t->colnames[c]) % NSLOTS;
			while (t->slot[h])
				h = (h + 1) % NSLOTS;
			t->slot[h] = (int16_t)(c + 1);
		}
	}
	if (mode == OUT_PIPE) {
		o->pnames = xcalloc((size_t)o->ntabs + 1, sizeof *o->pnames);
		o->pcols = xcalloc((size_t)o->ntabs + 1, sizeof *o->pcols);
		o->pncols = xcalloc((size_t)o->ntabs + 1, sizeof *o->pncols);
		for (int i = 0; i < o->ntabs; i++) {
			o->pnames[i] = o->tabs[i].def->name;
			o->pcols[i] = (const char *const *)o->tabs[i].colnames;
			o->pncols[i] = o->tabs[i].ncols;
		}
	}
}

struct otab *out_table(struct out *o, const char *name)
{
	for (int i = 0; i < o->ntabs; i++)
		if (!strcasecmp(o->tabs[i].def->name, name))
			return &o->tabs[i];
	return NULL;
}

static int col_lookup(const struct otab *t, const char *col)
{
	unsigned h = hash_name(col) % NSLOTS;
	while (t->slot[h]) {
		int c = t->slot[h] - 1;
		if (!strcasecmp(t->colnames[c], col))
			return c;
		h = (h + 1) % NSLOTS;
	}
	return -1;
}

static int col_of(const struct otab *t, const char *col)
{
	struct otab *m = (struct otab *)t;
	uintptr_t a = (uintptr_t)col;
	unsigned h = (unsigned)((a ^ (a >> 8) ^ (a >> 16)) & 255);
	if (m->pkey[h] == col)
		return m->pval[h];
	int c = col_lookup(t, col);
	m->pkey[h] = col;
	m->pval[h] = (int16_t)c;
	return c;
}

int out_has_col(const struct otab *t, const char *col) { return t && col_of(t, col) >= 0; }
int64_t out_rows(const struct otab *t) { return t ? t->rows : 0; }
const char *out_name(const struct otab *t) { return t ? t->def->name : ""; }

void row(struct otab *t)
{
	if (!t)
		return;
	memset(t->isset, 0, (size_t)t->ncols);
	strbuf_reset(&t->arena);
}

static struct db_value *slot_for(struct otab *t, const char *col)
{
	if (!t)
		return NULL;
	int c = col_of(t, col);
	if (c < 0)
		return NULL;
	t->isset[c] = 1;
	t->off[c] = (size_t)-1;
	return &t->vals[c];
}

void si(struct otab *t, const char *col, int64_t v)
{
	struct db_value *x = slot_for(t, col);
	if (x)
		*x = db_int(v);
}

void sr(struct otab *t, const char *col, double v)
{
	struct db_value *x = slot_for(t, col);
	if (x) {
		*x = db_null();
		x->kind = DB_REAL;
		x->r = v;
	}
}

void sn(struct otab *t, const char *col)
{
	struct db_value *x = slot_for(t, col);
	if (x)
		*x = db_null();
}

static void set_text(struct otab *t, const char *col, enum db_kind k, const char *s, size_t len)
{
	struct db_value *x = slot_for(t, col);
	if (!x)
		return;
	*x = db_null();
	if (!s)
		return;
	int c = (int)(x - t->vals);
	x->kind = k;
	x->len = len;
	t->off[c] = t->arena.len;
	strbuf_add(&t->arena, s, len);
	strbuf_addch(&t->arena, '\0');
}

void ss(struct otab *t, const char *col, const char *s)
{
	set_text(t, col, DB_TEXT, s, s ? strlen(s) : 0);
}

/* Only %s, %d, %lld and %%: what the hot rows use. */
static int simple_format(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		p++;
		if (*p == 'l' && p[1] == 'l' && p[2] == 'd')
			p += 3;
		else if (*p == 's' || *p == 'd' || *p == '%')
			p++;
		else
			return 0;
	}
	return 1;
}

static char *put_int(char *o, const char *end, long long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	size_t n = (size_t)(d + sizeof d - p);
	if (o + n > end)
		return NULL;
	memcpy(o, p, n);
	return o + n;
}

/* vsnprintf for simple formats, by hand: snprintf was a large part of the
 * generator's time. Returns the length, or -1 if it does not fit. */
static int fast_format(char *buf, size_t size, const char *fmt, va_list ap)
{
	char *o = buf, *end = buf + size - 1;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			if (o == end)
				return -1;
			*o++ = *f;
			continue;
		}
		f++;
		if (*f == '%') {
			if (o == end)
				return -1;
			*o++ = '%';
		} else if (*f == 's') {
			const char *a = va_arg(ap, const char *);
			if (!a)
				a = "(null)"; /* as glibc prints it */
			size_t n = strlen(a);
			if (o + n > end)
				return -1;
			memcpy(o, a, n);
			o += n;
		} else if (*f == 'd') {
			o = put_int(o, end, va_arg(ap, int));
		} else {
			f += 2; /* lld */
			o = put_int(o, end, va_arg(ap, long long));
		}
		if (!o)
			return -1;
	}
	*o = '\0';
	return (int)(o - buf);
}

void sf(struct otab *t, const char *col, const char *fmt, ...)
{
	if (!t || col_of(t, col) < 0)
		return;
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = simple_format(fmt) ? fast_format(small, sizeof small, fmt, ap) : -1;
	va_end(ap);
	if (n < 0) {
		va_start(ap, fmt);
		n = vsnprintf(small, sizeof small, fmt, ap);
		va_end(ap);
	}
	if (n >= 0 && (size_t)n < sizeof small) {
		set_text(t, col, DB_TEXT, small, (size_t)n);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	set_text(t, col, DB_TEXT, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* Days from civil (Howard Hinnant's algorithm), inverted: fast and exact UTC. */
void out_fmt_date(int64_t epoch, char *buf)
{
	int64_t days = epoch / 86400, sec = epoch % 86400;
	if (sec < 0) {
		sec += 86400;
		days--;
	}
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	/* by hand: snprintf was a tenth of the generator's time */
	int v[6] = { (int)y, (int)m, (int)d, (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60) };
	if (v[0] < 0 || v[0] > 9999) {
		snprintf(buf, 20, "%04d-%02d-%02d %02d:%02d:%02d", v[0], v[1], v[2], v[3], v[4], v[5]);
		return;
	}
	buf[0] = (char)('0' + v[0] / 1000);
	buf[1] = (char)('0' + v[0] / 100 % 10);
	buf[2] = (char)('0' + v[0] / 10 % 10);
	buf[3] = (char)('0' + v[0] % 10);
	static const char sepc[] = "x-- ::"; /* separator before field i */
	for (int i = 1; i < 6; i++) {
		buf[3 * i + 1] = sepc[i];
		buf[3 * i + 2] = (char)('0' + v[i] / 10);
		buf[3 * i + 3] = (char)('0' + v[i] % 10);
	}
	buf[19] = '\0';
}

void sd(struct otab *t, const char *col, int64_t epoch)
{
	int c = t ? col_of(t, col) : -1;
	if (c >= 0 && t->def->cols[c].kind == DB_INT) {
		/* a few Liferay "dates" are epoch milliseconds (SocialActivity.createDate) */
		si(t, col, epoch < 0 ? 0 : epoch * 1000);
		return;
	}
	if (epoch < 0) {
		sn(t, col);
		return;
	}
	char buf[20];
	out_fmt_date(epoch, buf);
	set_text(t, col, DB_DATE, buf, 19);
}

static void fill_defaults(struct otab *t)
{
	for (int c = 0; c < t->ncols; c++) {
		struct db_value *x = &t->vals[c];
		if (t->isset[c]) {
			if (t->off[c] != (size_t)-1)
				x->s = t->arena.buf + t->off[c];
			continue;
		}
		switch (t->def->cols[c].kind) {
		case DB_INT:
		case DB_BOOL:
			*x = db_int(0);
			break;
		case DB_REAL:
			*x = db_null();
			x->kind = DB_REAL;
			break;
		case DB_DATE:
		case DB_BLOB:
			*x = db_null();
			break;
		default:
			*x = db_null();
			x->kind = t->def->cols[c].kind == DB_DECIMAL ? DB_DECIMAL : DB_TEXT;
			x->s = x->kind == DB_DECIMAL ? "0" : "";
			x->len = x->kind == DB_DECIMAL ? 1 : 0;
			break;
		}
	}
}

static void serialize(struct otab *t)
{
	size_t need = row_size(t->vals, t->ncols);
	strbuf_grow(&t->buf, need);
	row_put(t->buf.buf + t->buf.len, t->vals, t->ncols);
	strbuf_setlen(&t->buf, t->buf.len + need);
	t->nbuf++;
}

static int flush(struct otab *t)
{
	struct out *o = t->o;
	if (!t->nbuf)
		return 0;
	struct db_loader *ld;
	if (db_load_begin(o->db, t->def->name, t->colnames, t->ncols, &ld, &o->err) < 0)
		return -1;
	const char *p = t->buf.buf;
	for (int64_t r = 0; r < t->nbuf; r++) {
		p = row_get(p, t->vals, t->ncols);
		if (db_load_row(ld, t->vals, &o->err) < 0) {
			db_load_end(ld, 0, NULL);
			return -1;
		}
	}
	strbuf_reset(&t->buf);
	t->nbuf = 0;
	return db_load_end(ld, 1, &o->err);
}

void emit(struct otab *t)
{
	if (!t)
		return;
	struct out *o = t->o;
	t->rows++;
	o->total++;
	if (o->failed || o->mode == OUT_COUNT)
		return;
	fill_defaults(t);
	if (o->mode == OUT_PIPE) {
		/* started on the first row: the db belongs to the thread from here
		 * until out_finish */
		if (!o->pipe)
			o->pipe = pipe_start(o->db, o->ntabs, o->pnames, o->pcols, o->pncols);
		if (pipe_row(o->pipe, t->idx, t->vals) < 0)
			o->failed = 1;
		return;
	}
	if (o->mode == OUT_DIRECT) {
		if (!t->ld && db_load_begin(o->db, t->def->name, t->colnames, t->ncols, &t->ld,
					    &o->err) < 0) {
			t->ld = NULL;
			o->failed = 1;
			return;
		}
		if (db_load_row(t->ld, t->vals, &o->err) < 0)
			o->failed = 1;
		return;
	}
	serialize(t);
	if (t->buf.len >= FLUSH_BYTES && flush(t) < 0)
		o->failed = 1;
}

int out_finish(struct out *o, struct lr_err *err)
{
	if (o->pipe) {
		int rc = pipe_finish(o->pipe, !o->failed, &o->err);
		o->pipe = NULL;
		if (rc < 0)
			o->failed = 1;
	}
	for (int i = 0; i < o->ntabs; i++) {
		struct otab *t = &o->tabs[i];
		if (t->ld) {
			if (db_load_end(t->ld, !o->failed, o->failed ? NULL : &o->err) < 0)
				o->failed = 1;
			t->ld = NULL;
		}
		if (!o->failed && o->mode == OUT_BUFFERED && flush(t) < 0)
			o->failed = 1;
	}
	if (o->failed) {
		lr_fail(err, o->err.code ? o->err.code : LR_EXIT_FAILED, "%s",
			o->err.msg[0] ? o->err.msg : "writing the sample failed");
		return -1;
	}
	return 0;
}

void out_release(struct out *o)
{
	if (o->pipe)
		pipe_finish(o->pipe, 0, NULL);
	free(o->pnames);
	free(o->pcols);
	free(o->pncols);
	for (int i = 0; i < o->ntabs; i++) {
		struct otab *t = &o->tabs[i];
		if (t->ld)
			db_load_end(t->ld, 0, NULL);
		free(t->colnames);
		free(t->vals);
		free(t->off);
		free(t->isset);
		strbuf_release(&t->buf);
		strbuf_release(&t->arena);
	}
	free(o->tabs);
	memset(o, 0, sizeof *o);
}
