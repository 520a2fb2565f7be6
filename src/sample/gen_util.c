/* Small helpers of the generator: ids, random numbers, uuids, class names,
 * permissions. */
#include "world.h"
#include <stdio.h>
#include <string.h>

int64_t nid(struct world *w) { return ++w->id; }

int rnd(struct world *w, int n)
{
	return n <= 1 ? 0 : (int)(rng_next(&w->rng) % (uint64_t)n);
}

/* Version-4-shaped uuid from a hashed counter: unique and independent of how
 * many random numbers the content used. */
void uuid(struct world *w, char out[37])
{
	uint64_t s = w->opt->seed * 0x2545F4914F6CDD1DULL + (++w->uuid_n);
	uint64_t a = rng_next(&s), b = rng_next(&s);
	/* "%08x-%04x-4%03x-%04x-%012llx" by hand: snprintf showed in the profile */
	static const char hex[] = "0123456789abcdef";
	uint64_t hi = (a & ~0xf000ULL) | 0x4000ULL; /* a >> 16 and 4 + a's low 12 bits */
	uint64_t lo = ((0x8000ULL | ((b >> 48) & 0x3fff)) << 48) | (b & 0xffffffffffffULL);
	char *p = out;
	for (int i = 15; i >= 0; i--) {
		*p++ = hex[(hi >> (4 * i)) & 15];
		if (i == 8 || i == 4)
			*p++ = '-';
	}
	*p++ = '-';
	for (int i = 15; i >= 0; i--) {
		*p++ = hex[(lo >> (4 * i)) & 15];
		if (i == 12)
			*p++ = '-';
	}
	*p = '\0';
}

int64_t epoch_of(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * DAY;
}

const char *portal_model(const struct world *w, const char *entity)
{
	static char buf[4][128];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "com.liferay.portal.%smodel.%s", w->v7 ? "kernel." : "",
		 entity);
	return buf[i];
}

void group_name(const struct world *w, const char *name, struct strbuf *out)
{
	if (!w->v7) {
		strbuf_addstr(out, name);
		return;
	}
	strbuf_addf(out, "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" "
		    "default-locale=\"en_US\"><Name language-id=\"en_US\">%s</Name></root>", name);
}

void rp(struct world *w, int64_t companyId, const char *name, int scope, const char *primKey,
	int64_t roleId, int64_t actions)
{
	struct otab *t = w->tRP;
	row(t);
	si(t, "resourcePermissionId", nid(w));
	si(t, "companyId", companyId);
	ss(t, "name", name);
	si(t, "scope", scope);
	ss(t, "primKey", primKey);
	/* 7.x primKeyId: the primKey when it is a number (ids: no overflow) */
	int64_t pkid = 0;
	const char *d = primKey;
	while (*d >= '0' && *d <= '9')
		pkid = pkid * 10 + (*d++ - '0');
	if (d == primKey || *d)
		pkid = 0;
	si(t, "primKeyId", pkid);
	si(t, "roleId", roleId);
	si(t, "ownerId", 0);
	si(t, "actionIds", actions);
	si(t, "viewActionId", actions & 1);
	emit(t);
}

void rp_id(struct world *w, int64_t companyId, const char *name, int scope, int64_t primKey,
	   int64_t roleId, int64_t actions)
{
	char pk[24], *p = pk + sizeof pk;
	uint64_t v = primKey < 0 ? 0 - (uint64_t)primKey : (uint64_t)primKey;
	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	if (primKey < 0)
		*--p = '-';
	rp(w, companyId, name, scope, p, roleId, actions);
}
