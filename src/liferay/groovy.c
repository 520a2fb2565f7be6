/* Groovy script-console generation (docs/script.md). Everything the plan
 * carries reaches the script as data: validated integer literals or
 * single-quoted literals from groovy_quote(); no value is ever part of code. */
#include "groovy.h"
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Service and package names per line (6.2 portal-service vs 7.x
 * portal-kernel and the journal/DL/DDM modules). Signatures used, the same on
 * every line: JournalArticleLocalServiceUtil.deleteArticle(long groupId,
 * String articleId, double version, String articleURL, ServiceContext),
 * DLFileEntryLocalServiceUtil.deleteFileVersion(long userId, long fileEntryId,
 * String version), DDMTemplateLocalServiceUtil.deleteTemplate(long),
 * DDMStructureLocalServiceUtil.deleteStructure(long),
 * LayoutLocalServiceUtil.deleteLayout(long plid, ServiceContext),
 * GroupLocalServiceUtil.deleteGroup(long), UserLocalServiceUtil.deleteUser(long),
 * CompanyLocalServiceUtil.deleteCompany(long). */
#define API7(ln)                                                                                    \
	{ ln, "com.liferay.portal.kernel.service.ServiceContext",                                   \
	  "com.liferay.portal.kernel.security.auth.PrincipalThreadLocal",                           \
	  "com.liferay.journal.service.JournalArticleLocalServiceUtil",                             \
	  "com.liferay.document.library.kernel.service.DLFileEntryLocalServiceUtil",                \
	  "com.liferay.dynamic.data.mapping.service.DDMStructureLocalServiceUtil",                  \
	  "com.liferay.dynamic.data.mapping.service.DDMTemplateLocalServiceUtil",                   \
	  "com.liferay.portal.kernel.service.LayoutLocalServiceUtil",                               \
	  "com.liferay.portal.kernel.service.GroupLocalServiceUtil",                                \
	  "com.liferay.portal.kernel.service.UserLocalServiceUtil",                                 \
	  "com.liferay.portal.kernel.service.CompanyLocalServiceUtil" }

static const struct groovy_api apis[] = {
	{ "6.2", "com.liferay.portal.service.ServiceContext",
	  "com.liferay.portal.security.auth.PrincipalThreadLocal",
	  "com.liferay.portlet.journal.service.JournalArticleLocalServiceUtil",
	  "com.liferay.portlet.documentlibrary.service.DLFileEntryLocalServiceUtil",
	  "com.liferay.portlet.dynamicdatamapping.service.DDMStructureLocalServiceUtil",
	  "com.liferay.portlet.dynamicdatamapping.service.DDMTemplateLocalServiceUtil",
	  "com.liferay.portal.service.LayoutLocalServiceUtil",
	  "com.liferay.portal.service.GroupLocalServiceUtil",
	  "com.liferay.portal.service.UserLocalServiceUtil",
	  "com.liferay.portal.service.CompanyLocalServiceUtil" },
	API7("7.0"),
	API7("7.1"),
};

const struct groovy_api *groovy_api_for(enum lr_line line)
{
	switch (line) {
	case LR_LINE_62: return &apis[0];
	case LR_LINE_70: return &apis[1];
	case LR_LINE_71: return &apis[2];
	default: return NULL;
	}
}

/* ---- literals ------------------------------------------------------------ */

static void add_u(struct strbuf *sb, unsigned cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		strbuf_addf(sb, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
	} else {
		strbuf_addf(sb, "\\u%04x", cp);
	}
}

/* Decode one UTF-8 sequence at s (n bytes left); returns its length and the
 * code point, or length 1 and U+FFFD for an invalid byte. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
	unsigned v = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
	if (len == 1) {
		*cp = c;
		return 1;
	}
	if (len == 0 || len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF are not UTF-8 */
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		goto bad;
	*cp = v;
	return len;
bad:
	*cp = 0xfffd;
	return 1;
}

void groovy_quote(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	strbuf_addch(sb, '\'');
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += utf8_next(p + i, len - i, &cp);
		switch (cp) {
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\'': strbuf_addstr(sb, "\\'"); break;
		case '$': strbuf_addstr(sb, "\\$"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		default:
			if (cp >= 0x20 && cp < 0x7f)
				strbuf_addch(sb, (int)cp);
			else
				add_u(sb, cp);
		}
	}
	strbuf_addch(sb, '\'');
}

/* ---- what each plan kind becomes ------------------------------------------ */

enum ftype { F_LONG = 'L', F_STR = 'S', F_DOUBLE = 'D' };

struct kind_desc {
	const char *kind;
	const char *var;        /* Groovy name of its batches */
	const char *fields[3];  /* "L:groupId": type and key/identity field, in call order */
	size_t cls;             /* offsetof the service class in struct groovy_api */
	const char *call;       /* %s = class; r[1].. = fields */
};

/* Leaves first: versions before their articles' sites, templates before
 * structures, pages before sites, sites before users, instances last. */
static const struct kind_desc kinds[] = {
	{ "article-version", "articleVersions", { "L:groupId", "S:articleId", "D:version" },
	  offsetof(struct groovy_api, journal_article),
	  "%s.deleteArticle((Long) r[1], (String) r[2], (Double) r[3], (String) null, sc)" },
	{ "file-version", "fileVersions", { "L:fileEntryId", "S:version", NULL },
	  offsetof(struct groovy_api, dl_file_entry), "%s.deleteFileVersion(USER_ID, (Long) r[1], (String) r[2])" },
	{ "template", "templates", { "L:templateId", NULL, NULL }, offsetof(struct groovy_api, ddm_template),
	  "%s.deleteTemplate((Long) r[1])" },
	{ "structure", "structures", { "L:structureId", NULL, NULL }, offsetof(struct groovy_api, ddm_structure),
	  "%s.deleteStructure((Long) r[1])" },
	{ "page", "pages", { "L:plid", NULL, NULL }, offsetof(struct groovy_api, layout),
	  "%s.deleteLayout((Long) r[1], sc)" },
	{ "site", "sites", { "L:groupId", NULL, NULL }, offsetof(struct groovy_api, group),
	  "%s.deleteGroup((Long) r[1])" },
	{ "user", "users", { "L:userId", NULL, NULL }, offsetof(struct groovy_api, user),
	  "%s.deleteUser((Long) r[1])" },
	{ "instance", "instances", { "L:companyId", NULL, NULL }, offsetof(struct groovy_api, company),
	  "%s.deleteCompany((Long) r[1])" },
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

static const json_t *field(const json_t *obj, const char *name)
{
	const json_t *v = json_object_get(json_object_get(obj, "key"), name);
	return v ? v : json_object_get(json_object_get(obj, "identity"), name);
}

static void add_str(struct strbuf *sb, const char *s) { groovy_quote(sb, s, strlen(s)); }

/* Groovy literal of one field; -1 when the plan value has the wrong type. */
static int add_field(struct strbuf *sb, char type, const json_t *v)
{
	char buf[64];
	switch (type) {
	case F_LONG:
		if (!json_is_integer(v))
			return -1;
		strbuf_addf(sb, "%lldL", (long long)json_integer_value(v));
		return 0;
	case F_DOUBLE: {
		if (!json_is_number(v))
			return -1;
		double d = json_number_value(v);
		if (!isfinite(d))
			return -1;
		/* shortest text that reads back as the same double */
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(buf, sizeof buf, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		strbuf_addf(sb, "%s%sd", buf, strpbrk(buf, ".e") ? "" : ".0");
		return 0;
	}
	default:
		if (json_is_string(v)) {
			groovy_quote(sb, json_string_value(v), json_string_length(v));
			return 0;
		}
		if (json_is_integer(v)) { /* an articleId stored as a number by hand-editing */
			snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
			add_str(sb, buf);
			return 0;
		}
		return -1;
	}
}

/* The report label: kind, then each identity value (strings as they are). */
static void label(struct strbuf *lb, const json_t *obj, const char *kind)
{
	const char *k;
	const json_t *v;
	strbuf_addstr(lb, kind);
	json_t *id = json_object_get(obj, "identity");
	if (!json_is_object(id))
		id = json_object_get(obj, "key");
	json_object_foreach((json_t *)id, k, v) {
		strbuf_addf(lb, " %s=", k);
		if (json_is_string(v))
			strbuf_add(lb, json_string_value(v), json_string_length(v));
		else if (json_is_integer(v))
			strbuf_addf(lb, "%lld", (long long)json_integer_value(v));
		else if (json_is_real(v))
			strbuf_addf(lb, "%g", json_real_value(v));
		else
			strbuf_addstr(lb, "null");
	}
}

static int kind_index(const char *kind)
{
	for (int i = 0; i < NKINDS; i++)
		if (kind && !strcmp(kinds[i].kind, kind))
			return i;
	return -1;
}

/* Data methods: one per batch, so no method outgrows the JVM's 64 kB limit. */
static void emit_batches(struct strbuf *out, const char *var, json_t *rows, int batch, int *nmethods)
{
	size_t n = json_array_size(rows);
	int m = 0;
	for (size_t i = 0; i < n; i += (size_t)batch, m++) {
		strbuf_addf(out, "List<Object[]> %s_%d() {\n\treturn [\n", var, m);
		for (size_t j = i; j < n && j < i + (size_t)batch; j++)
			strbuf_addf(out, "\t\t%s as Object[],\n", json_string_value(json_array_get(rows, j)));
		strbuf_addstr(out, "\t]\n}\n");
	}
	*nmethods = m;
}

static const char header_fmt[] =
	"// lrprep %s: removes the objects of a plan through Liferay's services.\n"
	"// Liferay %s. Paste into Control Panel > Server Administration > Script (Groovy).\n"
	"// Review it, run it once as is (DRY_RUN: nothing changes, every object is listed),\n"
	"// then set DRY_RUN = false and run again. Take a backup first.\n";

int groovy_script(const json_t *plan, const struct groovy_api *api, const struct groovy_opts *o,
		  struct strbuf *out, struct lr_err *err)
{
	int batch = o && o->batch > 0 ? o->batch : 200;
	json_t *rows[NKINDS], *orphans = json_array();
	for (int i = 0; i < NKINDS; i++)
		rows[i] = json_array();
	int rc = -1;
	size_t idx;
	const json_t *obj;
	json_array_foreach(json_object_get(plan, "objects"), idx, obj) {
		const char *kind = json_string_value(json_object_get(obj, "kind"));
		int k = kind_index(kind);
		struct strbuf r = STRBUF_INIT, lb = STRBUF_INIT;
		label(&lb, obj, kind ? kind : "?");
		strbuf_addstr(&r, "[");
		groovy_quote(&r, lb.buf ? lb.buf : "", lb.len);
		int bad = 0;
		if (k >= 0) {
			for (int f = 0; f < 3 && kinds[k].fields[f]; f++) {
				const char *spec = kinds[k].fields[f];
				strbuf_addstr(&r, ", ");
				if (add_field(&r, spec[0], field(obj, spec + 2)) < 0) {
					bad = 1;
					lr_fail(err, LR_EXIT_USAGE, "plan object %zu (%s): '%s' missing or not a %s",
						idx + 1, kind, spec + 2,
						spec[0] == F_LONG ? "integer" : spec[0] == F_DOUBLE ? "number" : "string");
					break;
				}
			}
		}
		strbuf_addstr(&r, "]");
		/* orphan rows (and kinds without a service) are listed, not
		 * removed: no Liferay service owns a row whose parent is gone */
		if (!bad)
			json_array_append_new(k >= 0 ? rows[k] : orphans, json_string(strbuf_str(&r)));
		strbuf_release(&r);
		strbuf_release(&lb);
		if (bad)
			goto out;
	}

	const char *line = api->line;
	strbuf_addf(out, header_fmt, LRPREP_VERSION, line);
	const char *fp = json_string_value(json_object_get(json_object_get(plan, "database"), "fingerprint"));
	strbuf_addstr(out, "\ndef DRY_RUN = true\n");
	strbuf_addf(out, "def BATCH_SIZE = %d // objects per batch (fixed when the script was written)\n", batch);
	strbuf_addstr(out, "def PLAN_FINGERPRINT = ");
	add_str(out, fp ? fp : "");
	strbuf_addstr(out, "\ndef PLAN_FILE = ");
	add_str(out, o && o->source ? o->source : "");
	strbuf_addstr(out, "\n\n"
		       "PrintWriter OUT = binding.hasVariable('out') && binding.getVariable('out') instanceof PrintWriter\n"
		       "\t? (PrintWriter) binding.getVariable('out') : new PrintWriter(System.out, true)\n");
	strbuf_addf(out, "long USER_ID = %s.getUserId()\n", api->principal);
	strbuf_addf(out, "%s sc = new %s()\n", api->service_context, api->service_context);
	strbuf_addstr(out, "int removed = 0\nint failed = 0\n\n");

	for (int k = 0; k < NKINDS; k++) {
		int nm = 0;
		strbuf_addf(out, "// ---- %s: %zu ----\n", kinds[k].kind, json_array_size(rows[k]));
		emit_batches(out, kinds[k].var, rows[k], batch, &nm);
		strbuf_addf(out, "List<List<Object[]>> %s = [", kinds[k].var);
		for (int m = 0; m < nm; m++)
			strbuf_addf(out, "%s%s_%d()", m ? ", " : "", kinds[k].var, m);
		strbuf_addstr(out, "]\n");
		strbuf_addf(out, "for (int b = 0; b < %s.size(); b++) {\n", kinds[k].var);
		strbuf_addf(out, "\tOUT.println('batch ' + (b + 1) + '/' + %s.size() + ' of %s')\n", kinds[k].var,
			    kinds[k].kind);
		strbuf_addf(out, "\tfor (Object[] r : %s[b]) {\n", kinds[k].var);
		strbuf_addstr(out, "\t\ttry {\n\t\t\tif (!DRY_RUN) {\n\t\t\t\t");
		strbuf_addf(out, kinds[k].call, *(const char *const *)((const char *)api + kinds[k].cls));
		strbuf_addstr(out, "\n\t\t\t}\n"
			       "\t\t\tremoved++\n"
			       "\t\t\tOUT.println((DRY_RUN ? 'would remove ' : 'removed ') + (String) r[0])\n"
			       "\t\t} catch (Exception e) {\n"
			       "\t\t\tfailed++\n"
			       "\t\t\tOUT.println('FAILED ' + (String) r[0] + ': ' + e.toString())\n"
			       "\t\t}\n\t}\n}\n\n");
	}
	strbuf_addf(out, "// ---- rows without a Liferay service (orphan rows): %zu ----\n"
			 "// Liferay owns no service for rows whose parent is gone: they are only\n"
			 "// counted here. Remove them with 'lrprep prune' on the database.\n",
		    json_array_size(orphans));
	int nm = 0;
	emit_batches(out, "notRemovable", orphans, batch * 5, &nm);
	strbuf_addstr(out, "int notRemovable = 0\n");
	for (int m = 0; m < nm; m++)
		strbuf_addf(out, "notRemovable += notRemovable_%d().size()\n", m);
	strbuf_addstr(out, "\nOUT.println('---- summary ----')\n");
	for (int k = 0; k < NKINDS; k++)
		strbuf_addf(out, "OUT.println('%s: %zu')\n", kinds[k].kind, json_array_size(rows[k]));
	strbuf_addstr(out, "OUT.println((DRY_RUN ? 'would remove: ' : 'removed: ') + removed + ', failed: ' + failed"
		       " + ', not removable here (orphan rows): ' + notRemovable)\n"
		       "OUT.println(DRY_RUN ? 'dry run: nothing was changed (set DRY_RUN = false to remove)' : 'done')\n");
	rc = 0;
out:
	for (int i = 0; i < NKINDS; i++)
		json_decref(rows[i]);
	json_decref(orphans);
	return rc;
}
