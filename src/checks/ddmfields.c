/* DDM structure field names (see ddmfields.h). The XML scanner is a small
 * state machine over tags: it skips comments, CDATA and processing
 * instructions, reads attributes of <dynamic-element> tags only, and decodes
 * the five predefined entities so "a&amp;b" and "a&b" compare equal. */
#include "ddmfields.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../util/strbuf.h"
#include "../util/xalloc.h"

void ddm_names_release(struct ddm_names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	n->v = NULL;
	n->n = n->cap = 0;
}

void ddm_names_add(struct ddm_names *n, const char *s, size_t len)
{
	XGROW(n->v, n->cap, n->n + 1);
	n->v[n->n++] = xstrndup(s, len);
}

static const char *find(const char *p, const char *end, const char *lit)
{
	size_t l = strlen(lit);
	for (; p + l <= end; p++)
		if (!memcmp(p, lit, l))
			return p;
	return NULL;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void decode(const char *s, size_t len, struct strbuf *out)
{
	static const struct { const char *e; char c; } ent[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
	};
	strbuf_reset(out);
	for (size_t i = 0; i < len; i++) {
		size_t k;
		for (k = 0; k < sizeof ent / sizeof ent[0]; k++) {
			size_t el = strlen(ent[k].e);
			if (i + el <= len && !memcmp(s + i, ent[k].e, el)) {
				strbuf_addch(out, ent[k].c);
				i += el - 1;
				break;
			}
		}
		if (k == sizeof ent / sizeof ent[0])
			strbuf_addch(out, s[i]);
	}
}

/* Parse the attributes of one start tag in [p, end) (p just after the name).
 * Sets name/type spans. Returns pointer after '>' or NULL if malformed. */
static const char *attrs(const char *p, const char *end, const char **nm, size_t *nml,
			 const char **ty, size_t *tyl)
{
	*nm = *ty = NULL;
	*nml = *tyl = 0;
	while (p < end) {
		while (p < end && is_space(*p))
			p++;
		if (p >= end)
			return NULL;
		if (*p == '>')
			return p + 1;
		if (*p == '/') {
			p++;
			continue;
		}
		const char *a = p;
		while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		size_t al = (size_t)(p - a);
		while (p < end && is_space(*p))
			p++;
		if (p >= end)
			return NULL;
		if (*p != '=') {
			if (al == 0)
				return NULL; /* stray character: give up on this document */
			continue;            /* attribute without value */
		}
		p++;
		while (p < end && is_space(*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return NULL;
		char q = *p++;
		const char *v = p;
		while (p < end && *p != q)
			p++;
		if (p >= end)
			return NULL;
		if (al == 4 && !memcmp(a, "name", 4)) {
			*nm = v;
			*nml = (size_t)(p - v);
		} else if (al == 4 && !memcmp(a, "type", 4)) {
			*ty = v;
			*tyl = (size_t)(p - v);
		}
		p++;
	}
	return NULL;
}

int ddm_xml_field_names(const char *xml, size_t len, struct ddm_names *out)
{
	const char *p = xml, *end = xml + len;
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
		if (find(p, end, "<!--") == p) {
			const char *e = find(p + 4, end, "-->");
			if (!e) { rc = -1; break; }
			p = e + 3;
			continue;
		}
		if (find(p, end, "<![CDATA[") == p) {
			const char *e = find(p + 9, end, "]]>");
			if (!e) { rc = -1; break; }
			p = e + 3;
			continue;
		}
		static const char tag[] = "<dynamic-element";
		size_t tl = sizeof tag - 1;
		if ((size_t)(end - p) > tl && !memcmp(p, tag, tl) &&
		    (is_space(p[tl]) || p[tl] == '>' || p[tl] == '/')) {
			const char *nm, *ty;
			size_t nml, tyl;
			const char *n = attrs(p + tl, end, &nm, &nml, &ty, &tyl);
			if (!n) { rc = -1; break; }
			/* options of a select/radio are elements too, but not fields */
			if (nm && !(ty && tyl == 6 && !memcmp(ty, "option", 6))) {
				decode(nm, nml, &sb);
				ddm_names_add(out, sb.buf ? sb.buf : "", sb.len);
			}
			p = n;
			continue;
		}
		p++;
	}
	strbuf_release(&sb);
	return rc;
}

static void json_fields(json_t *fields, struct ddm_names *out, int depth)
{
	size_t i;
	json_t *f;
	if (!json_is_array(fields) || depth > 64)
		return;
	json_array_foreach(fields, i, f) {
		json_t *n = json_object_get(f, "name");
		if (json_is_string(n))
			ddm_names_add(out, json_string_value(n), json_string_length(n));
		json_fields(json_object_get(f, "nestedFields"), out, depth + 1);
	}
}

int ddm_json_field_names(const char *js, size_t len, struct ddm_names *out)
{
	json_error_t e;
	json_t *root = json_loadb(js, len, JSON_DECODE_ANY, &e);
	if (!root)
		return -1;
	json_fields(json_object_get(root, "fields"), out, 0);
	json_decref(root);
	return 0;
}

/* The first name (in document order, parents after children) that repeats an
 * earlier one; quadratic, but structures hold at most a few hundred fields
 * and the order makes the answer the same on every engine and libc. */
const char *ddm_first_duplicate(const struct ddm_names *n)
{
	for (size_t i = 1; i < n->n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcasecmp(n->v[i], n->v[j]))
				return n->v[i];
	return NULL;
}
