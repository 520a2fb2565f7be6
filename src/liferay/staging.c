/* Staged-site discovery and unpublished-change detection (liferay-domain.md §4). */
#include "staging.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define J62 "15"
#define J7X "com_liferay_journal_web_portlet_JournalPortlet"
#define DL62 "20"
#define DL7X "com_liferay_document_library_web_portlet_DLAdminPortlet"
#define CAT62 "147"
#define CAT7X "com_liferay_asset_categories_admin_web_portlet_AssetCategoriesAdminPortlet"
#define TAG62 "99"
#define TAG7X "com_liferay_asset_tags_admin_web_portlet_AssetTagsAdminPortlet"
#define DDL62 "169"
#define DDL7X "com_liferay_dynamic_data_lists_web_portlet_DDLPortlet"
#define CAL62 "1_WAR_calendarportlet"
#define CAL7X "com_liferay_calendar_web_portlet_CalendarPortlet"

/* What a publish carries, in the order Liferay's export walks it. Pages
 * (portlet NULL) always travel; content only when its portlet is staged.
 * Structures and templates travel with web content. */
const struct lr_stg_entity lr_stg_entities[] = {
	{ "Layout", "page", "plid", "name", NULL, NULL, "lastPublishDate", "Layout", 1 },
	{ "LayoutSet", "layout set", "layoutSetId", NULL, NULL, NULL, NULL, "LayoutSet", 1 },
	{ "LayoutRevision", "page revision", "layoutRevisionId", "name", NULL, NULL, NULL,
	  "LayoutRevision", 1 },
	{ "JournalArticle", "web content", "id_", "title,urlTitle,articleId", J62, J7X,
	  "lastPublishDate", "JournalArticle", 0 },
	{ "JournalFolder", "web content folder", "folderId", "name", J62, J7X, "lastPublishDate",
	  "JournalFolder", 0 },
	{ "DDMStructure", "structure", "structureId", "name,structureKey", J62, J7X,
	  "lastPublishDate", "DDMStructure", 0 },
	{ "DDMTemplate", "template", "templateId", "name,templateKey", J62, J7X, "lastPublishDate",
	  "DDMTemplate", 0 },
	{ "DLFolder", "document folder", "folderId", "name", DL62, DL7X, "lastPublishDate",
	  "DLFolder", 0 },
	{ "DLFileEntry", "document", "fileEntryId", "title,name", DL62, DL7X, "lastPublishDate",
	  "DLFileEntry", 0 },
	{ "DLFileVersion", "document version", "fileVersionId", "title,version", DL62, DL7X,
	  "lastPublishDate", "DLFileVersion", 0 },
	{ "AssetVocabulary", "vocabulary", "vocabularyId", "name", CAT62, CAT7X, "lastPublishDate",
	  "AssetVocabulary", 0 },
	{ "AssetCategory", "category", "categoryId", "name", CAT62, CAT7X, "lastPublishDate",
	  "AssetCategory", 0 },
	{ "AssetTag", "tag", "tagId", "name", TAG62, TAG7X, "lastPublishDate", "AssetTag", 0 },
	{ "BlogsEntry", "blog entry", "entryId", "title", "33",
	  "com_liferay_blogs_web_portlet_BlogsAdminPortlet", "lastPublishDate", "BlogsEntry", 0 },
	{ "BookmarksEntry", "bookmark", "entryId", "name", "28",
	  "com_liferay_bookmarks_web_portlet_BookmarksAdminPortlet", "lastPublishDate",
	  "BookmarksEntry", 0 },
	{ "WikiPage", "wiki page", "pageId", "title", "36",
	  "com_liferay_wiki_web_portlet_WikiAdminPortlet", "lastPublishDate", "WikiPage", 0 },
	{ "MBMessage", "message board message", "messageId", "subject", "19",
	  "com_liferay_message_boards_web_portlet_MBAdminPortlet", "lastPublishDate", "MBMessage", 0 },
	{ "Calendar", "calendar", "calendarId", "name", CAL62, CAL7X, "lastPublishDate", "Calendar",
	  0 },
	{ "CalendarBooking", "calendar event", "calendarBookingId", "title", CAL62, CAL7X,
	  "lastPublishDate", "CalendarBooking", 0 },
	{ "DDLRecordSet", "dynamic data list", "recordSetId", "name,recordSetKey", DDL62, DDL7X,
	  "lastPublishDate", "DDLRecordSet", 0 },
	{ "DDLRecord", "list record", "recordId", "recordId", DDL62, DDL7X, "lastPublishDate",
	  "DDLRecord", 0 },
};
const int lr_stg_entity_count = (int)(sizeof lr_stg_entities / sizeof lr_stg_entities[0]);

/* The publish writes last-publish-date into LayoutSet.settings_ at its end,
 * which also stamps the row's modifiedDate: that stamp is not an edit. */
#define LAYOUTSET_GRACE_MS (60 * 1000)

const char *lr_stg_kind_name(enum lr_stg_kind k)
{
	switch (k) {
	case LR_STG_LOCAL: return "local";
	case LR_STG_REMOTE: return "remote";
	case LR_STG_REMOTE_LIVE: return "remote-live";
	}
	return "?";
}

char *lr_unicode_prop(const char *text, const char *key)
{
	size_t kl = strlen(key);
	for (const char *p = text; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (len > kl && !strncmp(p, key, kl) && p[kl] == '=') {
			struct strbuf sb = STRBUF_INIT;
			const char *v = p + kl + 1, *end = p + len;
			static const char safe[] = "_SAFE_NEWLINE_CHARACTER_";
			while (v < end) {
				if ((size_t)(end - v) >= sizeof safe - 1 && !strncmp(v, safe, sizeof safe - 1)) {
					strbuf_addch(&sb, '\n');
					v += sizeof safe - 1;
				} else if (*v != '\r') {
					strbuf_addch(&sb, *v++);
				} else {
					v++;
				}
			}
			if (!sb.buf)
				strbuf_addstr(&sb, "");
			return strbuf_detach(&sb, NULL);
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

void lr_ms_to_date(int64_t ms, char *buf, size_t n)
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&s, &tm);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d.%03d000", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
}

char *lr_localized_first(const char *s)
{
	if (!s)
		return NULL;
	const char *root = strstr(s, "<root");
	if (!root)
		return xstrdup(s);
	const char *open = strchr(root + 5, '>');
	for (const char *p = open; p && (p = strchr(p + 1, '<')) != NULL;) {
		if (p[1] == '/' || p[1] == '?' || p[1] == '!')
			continue;
		const char *gt = strchr(p, '>');
		if (!gt)
			break;
		const char *end = strchr(gt, '<');
		if (!end)
			break;
		/* unescape the five XML entities Liferay writes */
		struct strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "");
		for (const char *c = gt + 1; c < end; c++) {
			static const struct { const char *e; char ch; } ents[] = {
				{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
				{ "&apos;", '\'' } };
			size_t k;
			for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
				if (!strncmp(c, ents[k].e, strlen(ents[k].e)))
					break;
			if (k < sizeof ents / sizeof ents[0]) {
				strbuf_addch(&sb, ents[k].ch);
				c += strlen(ents[k].e) - 1;
			} else {
				strbuf_addch(&sb, *c);
			}
		}
		return strbuf_detach(&sb, NULL);
	}
	return xstrdup(s);
}

/* --- Group_ discovery ----------------------------------------------------- */

struct grp {
	int64_t id, live;
	int rsgc;
	char *name, *furl, *ts;
};

static void grp_free(struct grp *g, int n)
{
	for (int i = 0; i < n; i++) {
		free(g[i].name);
		free(g[i].furl);
		free(g[i].ts);
	}
	free(g);
}

static void sel_col(struct db *db, struct strbuf *sql, const struct db_table *t, const char *col)
{
	const struct db_column *c = db_column_find(t, col);
	if (c)
		db_quote_ident(db, sql, c->name);
	else
		strbuf_addstr(sql, "NULL");
}

static const char *col_name(const struct db_table *t, const char *col)
{
	const struct db_column *c = db_column_find(t, col);
	return c ? c->name : NULL;
}

static char *text_or_empty(struct db_cursor *c, int col)
{
	const char *s = db_get_text(c, col);
	return xstrdup(s ? s : "");
}

/* Reports show dates to the second: engines differ in fractions (datetime(6)
 * gives ".000000", SQLite gives what was stored). */
static void trim_fraction(char *date)
{
	char *dot = strchr(date, '.');
	if (dot && dot - date == 19)
		*dot = '\0';
}

static int read_groups(struct db *db, const char *where, const struct db_value *p, int np,
		       struct grp **out, int *nout, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, "Group_");
	if (!t)
		return lr_fail(err, LR_EXIT_INPUT, "no Group_ table: not a Liferay database");
	struct strbuf sql = STRBUF_INIT;
	static const char *cols[] = { "groupId", "liveGroupId", "remoteStagingGroupCount", "name",
				      "friendlyURL", "typeSettings" };
	strbuf_addstr(&sql, "SELECT ");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		sel_col(db, &sql, t, cols[i]);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " WHERE ");
	/* where names columns as @L (liveGroupId), @R (remoteStagingGroupCount),
	 * @T (typeSettings), @G (groupId): spelled here by the catalog */
	for (const char *w = where; *w; w++) {
		const char *c = NULL;
		if (w[0] == '@' && w[1])
			c = w[1] == 'L' ? "liveGroupId" : w[1] == 'R' ? "remoteStagingGroupCount" :
			    w[1] == 'T' ? "typeSettings" : w[1] == 'G' ? "groupId" : NULL;
		if (c) {
			sel_col(db, &sql, t, c);
			w++;
		} else {
			strbuf_addch(&sql, *w);
		}
	}
	strbuf_addstr(&sql, " ORDER BY ");
	sel_col(db, &sql, t, "groupId");
	struct db_cursor *cur;
	int rc = db_query(db, strbuf_str(&sql), p, np, &cur, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(cur, err)) > 0) {
		*out = xrealloc(*out, sizeof(**out) * (size_t)(*nout + 1));
		struct grp *g = &(*out)[(*nout)++];
		g->id = db_get_int(cur, 0);
		g->live = db_get_int(cur, 1);
		g->rsgc = (int)db_get_int(cur, 2);
		/* db_get_text() reuses one buffer per cursor: copy each value at once */
		g->name = lr_localized_first(db_get_text(cur, 3));
		g->furl = text_or_empty(cur, 4);
		g->ts = text_or_empty(cur, 5);
	}
	db_cursor_close(cur);
	return rc < 0 ? -1 : 0;
}

static int prop_true(const char *ts, const char *key)
{
	char *v = lr_unicode_prop(ts, key);
	int r = v && !strcmp(v, "true");
	free(v);
	return r;
}

static void site_portlets(struct lr_stg_site *s, const char *ts)
{
	static const char pre[] = "staged-portlet_";
	for (const char *p = ts; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (eq && !strncmp(p, pre, sizeof pre - 1) && (size_t)(p + len - eq - 1) >= 4 &&
		    !strncmp(eq + 1, "true", 4)) {
			s->portlets = xrealloc(s->portlets, sizeof(char *) * (size_t)(s->nportlets + 1));
			s->portlets[s->nportlets++] =
				xstrndup(p + sizeof pre - 1, (size_t)(eq - p - (sizeof pre - 1)));
		}
		p = eol ? eol + 1 : NULL;
	}
}

static int portlet_staged(const struct lr_stg_site *s, const char *id)
{
	if (!id)
		return 1;
	for (int i = 0; i < s->nportlets; i++)
		if (!strcmp(s->portlets[i], id))
			return 1;
	return 0;
}

static struct lr_stg_site *add_site(struct lr_staging *st, enum lr_stg_kind kind, const struct grp *live)
{
	st->sites = xrealloc(st->sites, sizeof(*st->sites) * (size_t)(st->nsites + 1));
	struct lr_stg_site *s = &st->sites[st->nsites++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->live_group_id = live->id;
	s->source_group_id = live->id;
	s->name = xstrdup(live->name ? live->name : "");
	s->friendly_url = xstrdup(live->furl);
	s->remote_staging_count = live->rsgc;
	s->last_publish[0] = s->last_publish[1] = -1;
	site_portlets(s, live->ts);
	if (kind == LR_STG_REMOTE) {
		s->remote_address = lr_unicode_prop(live->ts, "remoteAddress");
		char *v = lr_unicode_prop(live->ts, "remotePort");
		s->remote_port = v ? atoi(v) : 0;
		free(v);
		v = lr_unicode_prop(live->ts, "remoteGroupId");
		s->remote_group_id = v ? strtoll(v, NULL, 10) : 0;
		free(v);
		s->remote_path_context = lr_unicode_prop(live->ts, "remotePathContext");
		s->secure_connection = prop_true(live->ts, "secureConnection");
	}
	return s;
}

static int discover(struct db *db, struct lr_staging *st, struct lr_err *err)
{
	struct grp *g = NULL;
	int ng = 0;
	const struct db_table *t = db_table_find(db, "Group_");
	const char *where = t && db_column_find(t, "remoteStagingGroupCount") ?
		"@L <> 0 OR @R > 0 OR @T LIKE ?" : "@L <> 0 OR @T LIKE ?";
	struct db_value pat = db_text("%staged=true%");
	if (read_groups(db, where, &pat, 1, &g, &ng, err) < 0) {
		grp_free(g, ng);
		return -1;
	}
	int nfetched = ng;
	for (int i = 0; i < nfetched; i++) {
		/* a staging group whose live row is not staged=true still stages it */
		if (!g[i].live)
			continue;
		int have = 0;
		for (int k = 0; k < ng; k++)
			have |= g[k].id == g[i].live;
		struct db_value id = db_int(g[i].live);
		if (!have && read_groups(db, "@G = ?", &id, 1, &g, &ng, err) < 0) {
			grp_free(g, ng);
			return -1;
		}
	}
	for (int i = 0; i < ng; i++) {
		if (g[i].live)
			continue;
		int staged = prop_true(g[i].ts, "staged");
		int remote = staged && prop_true(g[i].ts, "stagedRemotely");
		const struct grp *stg = NULL;
		for (int k = 0; k < ng; k++)
			if (g[k].live == g[i].id)
				stg = &g[k];
		if (remote) {
			add_site(st, LR_STG_REMOTE, &g[i]);
		} else if (staged || stg) {
			struct lr_stg_site *s = add_site(st, LR_STG_LOCAL, &g[i]);
			s->staging_group_id = stg ? stg->id : 0;
			s->source_group_id = stg ? stg->id : 0;
		} else if (g[i].rsgc > 0) {
			add_site(st, LR_STG_REMOTE_LIVE, &g[i]);
		}
	}
	grp_free(g, ng);
	return 0;
}

/* --- publish dates and changes --------------------------------------------- */

static int read_publish_dates(struct db *db, struct lr_stg_site *s, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, "LayoutSet");
	if (!t || !s->source_group_id)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	sel_col(db, &sql, t, "privateLayout");
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, "settings_");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " WHERE ");
	sel_col(db, &sql, t, "groupId");
	strbuf_addstr(&sql, " = ?");
	struct db_value id = db_int(s->source_group_id);
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), &id, 1, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(c, err)) > 0) {
		int pl = db_get_int(c, 0) ? 1 : 0;
		char *v = lr_unicode_prop(db_get_text(c, 1), "last-publish-date");
		if (v && *v)
			s->last_publish[pl] = strtoll(v, NULL, 10);
		free(v);
	}
	db_cursor_close(c);
	s->never_published = s->last_publish[0] < 0 && s->last_publish[1] < 0;
	return rc < 0 ? -1 : 0;
}

static struct lr_stg_change *add_change(struct lr_stg_site *s)
{
	s->ch = xrealloc(s->ch, sizeof(*s->ch) * (size_t)(s->nch + 1));
	struct lr_stg_change *c = &s->ch[s->nch++];
	memset(c, 0, sizeof *c);
	c->private_layout = -1;
	return c;
}

/* Publish date that covers content: the latest publish of either layout set. */
static int64_t content_tpub(const struct lr_stg_site *s)
{
	return s->last_publish[0] > s->last_publish[1] ? s->last_publish[0] : s->last_publish[1];
}

static int scan_entity(struct db *db, int is7, struct lr_stg_site *s, const struct lr_stg_entity *e,
		       struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, e->table);
	if (!t || !col_name(t, "groupId") || !col_name(t, "modifiedDate") || !col_name(t, e->pk))
		return 0;
	const char *title = NULL;
	char *list = xstrdup(e->title ? e->title : "");
	for (char *sp, *tok = strtok_r(list, ",", &sp); tok && !title; tok = strtok_r(NULL, ",", &sp))
		title = col_name(t, tok);
	free(list);
	const char *lpd = is7 && e->lpd ? col_name(t, e->lpd) : NULL;
	const char *mod = col_name(t, "modifiedDate");

	int64_t tp = e->per_layout_set ? (s->last_publish[0] < s->last_publish[1] ?
					   s->last_publish[0] : s->last_publish[1])
				       : content_tpub(s);
	struct strbuf sql = STRBUF_INIT;
	strbuf_addf(&sql, "SELECT ");
	sel_col(db, &sql, t, e->pk);
	strbuf_addstr(&sql, ", ");
	if (title)
		db_quote_ident(db, &sql, title);
	else
		strbuf_addstr(&sql, "NULL");
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, "statusByUserName");
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, "userName");
	strbuf_addstr(&sql, ", ");
	db_quote_ident(db, &sql, mod);
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, e->per_layout_set ? "privateLayout" : "-");
	strbuf_addstr(&sql, ", ");
	if (lpd)
		db_quote_ident(db, &sql, lpd);
	else
		strbuf_addstr(&sql, "NULL");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " WHERE ");
	sel_col(db, &sql, t, "groupId");
	strbuf_addstr(&sql, " = ?");
	struct db_value p[2] = { db_int(s->source_group_id), db_null() };
	int np = 1;
	char tbuf[40];
	if (tp >= 0) { /* every layout set published: the server narrows by date */
		lr_ms_to_date(tp, tbuf, sizeof tbuf);
		p[np++] = db_text(tbuf);
		strbuf_addstr(&sql, " AND (");
		db_quote_ident(db, &sql, mod);
		strbuf_addstr(&sql, " > ?");
		if (lpd) {
			strbuf_addstr(&sql, " OR ");
			db_quote_ident(db, &sql, lpd);
			strbuf_addstr(&sql, " IS NULL OR ");
			db_quote_ident(db, &sql, mod);
			strbuf_addstr(&sql, " > ");
			db_quote_ident(db, &sql, lpd);
		}
		strbuf_addstr(&sql, ")");
	}
	strbuf_addstr(&sql, " ORDER BY ");
	db_quote_ident(db, &sql, mod);
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, e->pk);
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), p, np, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	int is_ls = !strcmp(e->table, "LayoutSet");
	while ((rc = db_next(c, err)) > 0) {
		int pl = e->per_layout_set ? (db_get_int(c, 5) ? 1 : 0) : -1;
		int64_t mine = pl >= 0 ? s->last_publish[pl] : content_tpub(s);
		char *when = text_or_empty(c, 4); /* db_get_text() reuses its buffer */
		const char *why = NULL;
		char mbuf[40];
		if (mine < 0) {
			why = "never published";
		} else {
			lr_ms_to_date(mine + (is_ls ? LAYOUTSET_GRACE_MS : 0), mbuf, sizeof mbuf);
			if (strcmp(when, mbuf) > 0)
				why = "modified after the last publish";
		}
		if (!why && lpd) {
			const char *l = db_get_text(c, 6);
			if (!l)
				why = "never published (lastPublishDate empty)";
			else if (strcmp(when, l) > 0)
				why = "modified after its lastPublishDate";
		}
		if (!why) {
			free(when);
			continue;
		}
		struct lr_stg_change *ch = add_change(s);
		ch->type = e->type;
		ch->table = e->table;
		ch->pk = db_get_int(c, 0);
		ch->private_layout = pl;
		ch->why = why;
		if (is_ls)
			ch->title = xstrdup(pl ? "private pages" : "public pages");
		else
			ch->title = lr_localized_first(db_get_text(c, 1));
		if (!ch->title)
			ch->title = xstrdup("");
		ch->who = text_or_empty(c, 2);
		if (!*ch->who) {
			free(ch->who);
			ch->who = text_or_empty(c, 3);
		}
		ch->when = when;
		trim_fraction(ch->when);
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static const struct lr_stg_entity *entity_of_class(const char *cls)
{
	const char *dot = cls ? strrchr(cls, '.') : NULL;
	const char *simple = dot ? dot + 1 : cls;
	for (int i = 0; simple && i < lr_stg_entity_count; i++)
		if (!strcmp(lr_stg_entities[i].classname, simple))
			return &lr_stg_entities[i];
	return NULL;
}

static int scan_deletions(struct db *db, int is7, struct lr_stg_site *s, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, "SystemEvent");
	const struct db_table *cn = db_table_find(db, "ClassName_");
	if (!t || !cn || !col_name(t, "type_") || !col_name(t, "createDate"))
		return 0;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT se.");
	sel_col(db, &sql, t, "systemEventId");
	strbuf_addstr(&sql, ", cn.");
	sel_col(db, &sql, cn, "value");
	strbuf_addstr(&sql, ", se.");
	sel_col(db, &sql, t, "classPK");
	strbuf_addstr(&sql, ", se.");
	sel_col(db, &sql, t, "userName");
	strbuf_addstr(&sql, ", se.");
	sel_col(db, &sql, t, "createDate");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " se LEFT JOIN ");
	db_quote_ident(db, &sql, cn->name);
	strbuf_addstr(&sql, " cn ON cn.");
	sel_col(db, &sql, cn, "classNameId");
	strbuf_addstr(&sql, " = se.");
	sel_col(db, &sql, t, "classNameId");
	strbuf_addstr(&sql, " WHERE se.");
	sel_col(db, &sql, t, "groupId");
	strbuf_addstr(&sql, " = ? AND se.");
	sel_col(db, &sql, t, "type_");
	strbuf_addstr(&sql, " = 1"); /* SystemEventConstants.TYPE_DELETE */
	struct db_value p[2] = { db_int(s->source_group_id), db_null() };
	int np = 1;
	char tbuf[40];
	int64_t tp = content_tpub(s);
	if (tp >= 0) {
		lr_ms_to_date(tp, tbuf, sizeof tbuf);
		p[np++] = db_text(tbuf);
		strbuf_addstr(&sql, " AND se.");
		sel_col(db, &sql, t, "createDate");
		strbuf_addstr(&sql, " > ?");
	}
	strbuf_addstr(&sql, " ORDER BY se.");
	sel_col(db, &sql, t, "createDate");
	strbuf_addstr(&sql, ", se.");
	sel_col(db, &sql, t, "systemEventId");
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), p, np, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(c, err)) > 0) {
		char *cls = text_or_empty(c, 1);
		const struct lr_stg_entity *e = entity_of_class(cls);
		if (e && !portlet_staged(s, is7 ? e->portlet7x : e->portlet62)) {
			free(cls);
			continue;
		}
		struct lr_stg_change *ch = add_change(s);
		ch->deleted = 1;
		ch->table = "SystemEvent";
		ch->type = e ? e->type : "entity";
		ch->pk = db_get_int(c, 0);
		ch->why = "deleted after the last publish";
		const char *dot = strrchr(cls, '.');
		struct strbuf title = STRBUF_INIT;
		strbuf_addf(&title, "%s %lld", dot ? dot + 1 : *cls ? cls : "?",
			    (long long)db_get_int(c, 2));
		ch->title = strbuf_detach(&title, NULL);
		free(cls);
		ch->who = text_or_empty(c, 3);
		ch->when = text_or_empty(c, 4);
		trim_fraction(ch->when);
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static void task_free(struct lr_stg_task *k)
{
	free(k->name);
	free(k->executor);
	free(k->who);
	free(k->created);
	free(k->completed);
	free(k->message);
}


static int scan_tasks(struct db *db, struct lr_stg_site *s, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, "BackgroundTask");
	if (!t || !col_name(t, "status") || !col_name(t, "taskExecutorClassName"))
		return 0;
	static const char *cols[] = { "backgroundTaskId", "groupId", "status", "name",
				      "taskExecutorClassName", "userName", "createDate",
				      "completionDate", "statusMessage" };
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		sel_col(db, &sql, t, cols[i]);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	strbuf_addstr(&sql, " WHERE (");
	sel_col(db, &sql, t, "groupId");
	strbuf_addstr(&sql, " = ? OR ");
	sel_col(db, &sql, t, "groupId");
	strbuf_addstr(&sql, " = ?) AND ");
	sel_col(db, &sql, t, "taskExecutorClassName");
	strbuf_addstr(&sql, " LIKE ? ORDER BY ");
	sel_col(db, &sql, t, "createDate");
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, "backgroundTaskId");
	struct db_value p[3] = { db_int(s->live_group_id), db_int(s->source_group_id),
				 db_text("%Staging%") };
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), p, 3, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(c, err)) > 0) {
		int status = (int)db_get_int(c, 2);
		int64_t gid = db_get_int(c, 1);
		if (status == 3) { /* a later success supersedes earlier failures */
			for (int i = 0; i < s->ntasks;) {
				if (s->tasks[i].status == 2 && s->tasks[i].group_id == gid) {
					task_free(&s->tasks[i]);
					memmove(&s->tasks[i], &s->tasks[i + 1],
						sizeof(*s->tasks) * (size_t)(s->ntasks - i - 1));
					s->ntasks--;
				} else {
					i++;
				}
			}
			continue;
		}
		if (status != 0 && status != 1 && status != 2 && status != 4)
			continue;
		s->tasks = xrealloc(s->tasks, sizeof(*s->tasks) * (size_t)(s->ntasks + 1));
		struct lr_stg_task *k = &s->tasks[s->ntasks++];
		k->id = db_get_int(c, 0);
		k->group_id = gid;
		k->status = status;
		k->name = text_or_empty(c, 3);
		k->executor = text_or_empty(c, 4);
		k->who = text_or_empty(c, 5);
		k->created = text_or_empty(c, 6);
		k->completed = text_or_empty(c, 7);
		k->message = text_or_empty(c, 8);
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

int lr_staging_analyze(struct db *db, const struct lr_version *v, struct lr_staging *out,
		       struct lr_err *err)
{
	memset(out, 0, sizeof *out);
	out->is7 = lr_version_is_7x(v);
	if (discover(db, out, err) < 0)
		goto fail;
	for (int i = 0; i < out->nsites; i++) {
		struct lr_stg_site *s = &out->sites[i];
		if (s->kind == LR_STG_REMOTE_LIVE || !s->source_group_id) {
			if (scan_tasks(db, s, err) < 0)
				goto fail;
			continue;
		}
		if (read_publish_dates(db, s, err) < 0)
			goto fail;
		for (int k = 0; k < lr_stg_entity_count; k++) {
			const struct lr_stg_entity *e = &lr_stg_entities[k];
			if (!portlet_staged(s, out->is7 ? e->portlet7x : e->portlet62))
				continue;
			if (scan_entity(db, out->is7, s, e, err) < 0)
				goto fail;
		}
		if (scan_deletions(db, out->is7, s, err) < 0 || scan_tasks(db, s, err) < 0)
			goto fail;
		out->unpublished += s->nch;
	}
	for (int i = 0; i < out->nsites; i++)
		for (int k = 0; k < out->sites[i].ntasks; k++) {
			if (out->sites[i].tasks[k].status == 2)
				out->tasks_failed++;
			else
				out->tasks_pending++;
		}
	return 0;
fail:
	lr_staging_free(out);
	return -1;
}

void lr_staging_free(struct lr_staging *st)
{
	for (int i = 0; i < st->nsites; i++) {
		struct lr_stg_site *s = &st->sites[i];
		free(s->name);
		free(s->friendly_url);
		free(s->remote_address);
		free(s->remote_path_context);
		for (int k = 0; k < s->nportlets; k++)
			free(s->portlets[k]);
		free(s->portlets);
		for (int k = 0; k < s->nch; k++) {
			free(s->ch[k].title);
			free(s->ch[k].who);
			free(s->ch[k].when);
		}
		free(s->ch);
		for (int k = 0; k < s->ntasks; k++)
			task_free(&s->tasks[k]);
		free(s->tasks);
	}
	free(st->sites);
	memset(st, 0, sizeof *st);
}
