/* The publish script for Liferay's script console (Groovy). 6.2 and 7.x
 * differ in packages and signatures (checked against the 6.2 and 7.x
 * Staging interfaces):
 *   6.2 com.liferay.portal.kernel.staging.StagingUtil
 *       publishLayouts(userId, sourceGroupId, targetGroupId, privateLayout,
 *                      parameterMap, startDate, endDate)
 *       copyRemoteLayouts(sourceGroupId, privateLayout, layoutIdMap, parameterMap,
 *                         remoteAddress, remotePort, remotePathContext,
 *                         secureConnection, remoteGroupId, remotePrivateLayout,
 *                         startDate, endDate)
 *   7.x com.liferay.exportimport.kernel.staging.StagingUtil
 *       publishLayouts(userId, sourceGroupId, targetGroupId, privateLayout,
 *                      parameterMap) -> background task id
 *       copyRemoteLayouts(sourceGroupId, privateLayout, layoutIdMap, parameterMap,
 *                         remoteAddress, remotePort, remotePathContext,
 *                         secureConnection, remoteGroupId, remotePrivateLayout)
 * Nothing from the database reaches the script except as a single-quoted
 * literal (lr_groovy_quote) or a number. */
#include "staging.h"
#include "../util/xalloc.h"
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#ifndef LRPREP_VERSION
#define LRPREP_VERSION "0"
#endif

static void add_u(struct strbuf *sb, unsigned cp)
{
	if (cp > 0xFFFF) { /* UTF-16 surrogate pair, as Java strings hold it */
		cp -= 0x10000;
		strbuf_addf(sb, "\\u%04X\\u%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
	} else {
		strbuf_addf(sb, "\\u%04X", cp);
	}
}

void lr_groovy_quote(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	strbuf_addch(sb, '\'');
	while (*p) {
		unsigned c = *p;
		if (c == '\\' || c == '\'') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (int)c);
			p++;
		} else if (c == '\n') {
			strbuf_addstr(sb, "\\n");
			p++;
		} else if (c == '\r') {
			strbuf_addstr(sb, "\\r");
			p++;
		} else if (c == '\t') {
			strbuf_addstr(sb, "\\t");
			p++;
		} else if (c < 0x20 || c == 0x7F) {
			add_u(sb, c);
			p++;
		} else if (c < 0x80) {
			strbuf_addch(sb, (int)c);
			p++;
		} else {
			/* decode one UTF-8 sequence; anything malformed is U+FFFD */
			int n = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
			unsigned cp = n == 3 ? c & 0x07 : n == 2 ? c & 0x0F : c & 0x1F;
			int ok = n > 0 && c < 0xF5;
			for (int k = 1; ok && k <= n; k++) {
				if ((p[k] & 0xC0) != 0x80)
					ok = 0;
				else
					cp = (cp << 6) | (p[k] & 0x3F);
			}
			if (ok && ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
				   (cp >= 0xD800 && cp <= 0xDFFF)))
				ok = 0;
			add_u(sb, ok ? cp : 0xFFFD);
			p += ok ? (size_t)n + 1 : 1;
		}
	}
	strbuf_addch(sb, '\'');
}

/* Which layout sets a site's publish must cover: those with page changes,
 * and the public one for content that changed without a page. */
static void sets_to_publish(const struct lr_stg_site *s, int want[2])
{
	int content = 0;
	want[0] = want[1] = 0;
	for (int i = 0; i < s->nch; i++) {
		if (s->ch[i].private_layout >= 0)
			want[s->ch[i].private_layout] = 1;
		else
			content = 1;
	}
	for (int i = 0; i < s->ntasks; i++)
		content |= s->tasks[i].status == 2; /* a failed publish is retried */
	if (content && !want[0] && !want[1])
		want[0] = 1;
}

static void date_arg(struct strbuf *sb, int64_t ms)
{
	if (ms < 0)
		strbuf_addstr(sb, "null"); /* never published: everything */
	else
		strbuf_addf(sb, "new Date(%" PRId64 "L)", ms);
}

static void site_block(struct strbuf *sb, const struct lr_stg_site *s, int is7, int idx, int n)
{
	strbuf_addf(sb, "\n// site %d of %d (%s staging)\nsite = ", idx, n, lr_stg_kind_name(s->kind));
	lr_groovy_quote(sb, s->name);
	strbuf_addstr(sb, "\n");
	int pending = 0;
	for (int i = 0; i < s->ntasks; i++)
		pending |= s->tasks[i].status != 2;
	int want[2];
	sets_to_publish(s, want);
	if (pending) {
		strbuf_addstr(sb, "log.println('skipped ' + site + ': a publication is still in progress; "
				  "wait for it and run lrprep staging again')\nskippedSites++\n");
		return;
	}
	if (!want[0] && !want[1]) {
		strbuf_addstr(sb, "log.println('nothing to publish: ' + site)\n");
		return;
	}
	strbuf_addf(sb, "try {\n\tif (DRY_RUN) {\n\t\tlog.println('dry run: would publish ' + site + "
		    "': %d change(s)%s%s')\n\t} else {\n", s->nch, want[0] ? ", public pages" : "",
		    want[1] ? ", private pages" : "");
	strbuf_addstr(sb, is7 ? "\t\tMap<String, String[]> params = "
				"ExportImportConfigurationParameterMapFactoryUtil.buildParameterMap()\n"
			      : "\t\tMap<String, String[]> params = StagingUtil.getStagingParameters()\n");
	for (int pl = 0; pl < 2; pl++) {
		if (!want[pl])
			continue;
		const char *priv = pl ? "true" : "false";
		if (is7)
			strbuf_addf(sb, "\t\tparams.put('range', [%s] as String[])\n",
				    s->last_publish[pl] < 0 ? "'all'" : "'fromLastPublishDate'");
		if (s->kind == LR_STG_REMOTE) {
			strbuf_addf(sb, "\t\tStagingUtil.copyRemoteLayouts(%" PRId64 "L, %s, layoutIdMap(%" PRId64
				    "L, %s), params, ", s->source_group_id, priv, s->source_group_id, priv);
			lr_groovy_quote(sb, s->remote_address);
			strbuf_addf(sb, ", %d, ", s->remote_port);
			lr_groovy_quote(sb, s->remote_path_context);
			strbuf_addf(sb, ", %s, %" PRId64 "L, %s", s->secure_connection ? "true" : "false",
				    s->remote_group_id, priv);
			if (!is7) {
				strbuf_addstr(sb, ", ");
				date_arg(sb, s->last_publish[pl]);
				strbuf_addstr(sb, ", new Date()");
			}
			strbuf_addstr(sb, ")\n");
		} else if (is7) {
			strbuf_addf(sb, "\t\tlong taskId = StagingUtil.publishLayouts(userId, %" PRId64 "L, %" PRId64
				    "L, %s, params)\n\t\tlog.println('started background task ' + taskId)\n",
				    s->source_group_id, s->live_group_id, priv);
		} else {
			strbuf_addf(sb, "\t\tStagingUtil.publishLayouts(userId, %" PRId64 "L, %" PRId64 "L, %s, params, ",
				    s->source_group_id, s->live_group_id, priv);
			date_arg(sb, s->last_publish[pl]);
			strbuf_addstr(sb, ", new Date())\n");
		}
	}
	strbuf_addf(sb, "\t\tlog.println('published ' + site + ': %d change(s)')\n\t}\n\tpublished++\n"
		    "} catch (Exception e) {\n\tfailedSites++\n\tlog.println('FAILED ' + site + ': ' + e)\n}\n",
		    s->nch);
}

int lr_staging_write_groovy(FILE *f, const struct lr_staging *st, const struct lr_version *v,
			    struct lr_err *err)
{
	int is7 = st->is7;
	struct strbuf sb = STRBUF_INIT;
	int n = 0;
	for (int i = 0; i < st->nsites; i++)
		n += st->sites[i].kind != LR_STG_REMOTE_LIVE && st->sites[i].source_group_id != 0;
	strbuf_addf(&sb,
		    "// Written by lrprep " LRPREP_VERSION " (lrprep staging --script) for Liferay %s.\n"
		    "// Publishes the pending staged changes of %d site(s), one site at a time.\n"
		    "// Run it in Control Panel > Server Administration > Script (Groovy), as an\n"
		    "// administrator, once DRY_RUN below is false. Each site reports one line; a\n"
		    "// failure in one site does not stop the others; a summary line ends the run.\n",
		    v->label[0] ? v->label : (is7 ? "7.x" : "6.2"), n);
	if (is7)
		strbuf_addstr(&sb,
			      "import com.liferay.exportimport.kernel.configuration.ExportImportConfigurationParameterMapFactoryUtil\n"
			      "import com.liferay.exportimport.kernel.staging.StagingUtil\n"
			      "import com.liferay.portal.kernel.security.auth.PrincipalThreadLocal\n"
			      "import com.liferay.portal.kernel.service.LayoutLocalServiceUtil\n");
	else
		strbuf_addstr(&sb,
			      "import com.liferay.portal.kernel.staging.StagingUtil\n"
			      "import com.liferay.portal.security.auth.PrincipalThreadLocal\n"
			      "import com.liferay.portal.service.LayoutLocalServiceUtil\n");
	strbuf_addstr(&sb,
		      "\nboolean DRY_RUN = true   // set to false to publish\n"
		      "long USER_ID = 0L        // 0: the user running the script\n\n"
		      "def log = binding.hasVariable('out') ? binding.getVariable('out') : System.out\n"
		      "long userId = USER_ID != 0L ? USER_ID : PrincipalThreadLocal.getUserId()\n"
		      "int published = 0\nint failedSites = 0\nint skippedSites = 0\nString site = ''\n"
		      "// remote publishing names the pages: all of the layout set\n"
		      "def layoutIdMap = { long groupId, boolean privateLayout ->\n"
		      "\tMap<Long, Boolean> m = new LinkedHashMap<Long, Boolean>()\n"
		      "\tfor (layout in LayoutLocalServiceUtil.getLayouts(groupId, privateLayout))\n"
		      "\t\tm.put(layout.getPlid(), true)\n"
		      "\tm\n}\n");
	int idx = 0;
	for (int i = 0; i < st->nsites; i++) {
		const struct lr_stg_site *s = &st->sites[i];
		if (s->kind == LR_STG_REMOTE_LIVE || !s->source_group_id)
			continue;
		site_block(&sb, s, is7, ++idx, n);
	}
	strbuf_addf(&sb, "\nlog.println('summary: ' + published + ' published, ' + failedSites + "
		    "' failed, ' + skippedSites + ' skipped, of %d staged site(s)' + "
		    "(DRY_RUN ? ' (dry run)' : ''))\n", n);
	size_t len = sb.len;
	int rc = 0;
	if (len && fwrite(sb.buf, 1, len, f) != len)
		rc = lr_fail(err, LR_EXIT_FAILED, "writing the script: %s", strerror(errno));
	strbuf_release(&sb);
	return rc;
}
