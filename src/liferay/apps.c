/* Release_ interpretation (liferay-domain.md §3) and catalogue comparison. */
#include "apps.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *lr_apps_line_key(enum lr_line l)
{
	switch (l) {
	case LR_LINE_62: return "6.2";
	case LR_LINE_70: return "7.0";
	case LR_LINE_71: return "7.1";
	default: return NULL;
	}
}

const struct lr_app_entry *lr_app_find(const char *line, const char *name)
{
	if (!line || !name)
		return NULL;
	for (int i = 0; i < lr_app_catalog_count; i++)
		if (!strcmp(lr_app_catalog[i].line, line) && !strcmp(lr_app_catalog[i].name, name))
			return &lr_app_catalog[i];
	return NULL;
}

const struct lr_app_entry *lr_app_find_ns(const char *line, const char *ns)
{
	if (!line || !ns)
		return NULL;
	for (int i = 0; i < lr_app_catalog_count; i++)
		if (!strcmp(lr_app_catalog[i].line, line) && lr_app_catalog[i].ns &&
		    !strcmp(lr_app_catalog[i].ns, ns))
			return &lr_app_catalog[i];
	return NULL;
}

/* Step number of "X-step-N" (upgrade steps run X-step-3 → X-step-1 → X), 0 if none. */
static long step_of(const char *v, size_t *baselen)
{
	const char *s = strstr(v, "-step-");
	*baselen = s ? (size_t)(s - v) : strlen(v);
	return s ? strtol(s + 6, NULL, 10) : 0;
}

int lr_version_cmp(const char *a, const char *b)
{
	size_t la, lb;
	long sa = step_of(a, &la), sb = step_of(b, &lb);
	const char *pa = a, *pb = b, *ea = a + la, *eb = b + lb;
	while (pa < ea || pb < eb) {
		long na = 0, nb = 0;
		while (pa < ea && isdigit((unsigned char)*pa))
			na = na * 10 + (*pa++ - '0');
		while (pb < eb && isdigit((unsigned char)*pb))
			nb = nb * 10 + (*pb++ - '0');
		if (na != nb)
			return na < nb ? -1 : 1;
		while (pa < ea && !isdigit((unsigned char)*pa))
			pa++;
		while (pb < eb && !isdigit((unsigned char)*pb))
			pb++;
	}
	if (sa == sb)
		return 0;
	if (!sa || !sb)
		return sa ? -1 : 1; /* a step is below the finished version */
	return sa > sb ? -1 : 1;    /* step-3 comes before step-2 */
}

const char *lr_sev_name(enum lr_sev s)
{
	switch (s) {
	case LR_SEV_ERROR: return "error";
	case LR_SEV_WARNING: return "warning";
	case LR_SEV_NOTICE: return "notice";
	default: return "none";
	}
}

int lr_sev_exit(enum lr_sev s)
{
	return s == LR_SEV_ERROR ? LR_EXIT_ERRORS : s == LR_SEV_WARNING ? LR_EXIT_WARNINGS : 0;
}

static enum lr_sev add_finding(struct lr_apps *a, const char *id, enum lr_sev sev,
			       const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static enum lr_sev add_finding(struct lr_apps *a, const char *id, enum lr_sev sev,
			       const char *subject, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	a->f = xrealloc(a->f, sizeof(*a->f) * (size_t)(a->nf + 1));
	struct lr_finding *f = &a->f[a->nf++];
	f->id = id;
	f->sev = sev;
	f->subject = xstrdup(subject);
	f->msg = strbuf_detach(&sb, NULL);
	if (sev > a->worst)
		a->worst = sev;
	return sev;
}

static void worsen(struct lr_release *r, enum lr_sev s)
{
	if (s > r->sev)
		r->sev = s;
}

/* Append the real spelling of column `col` of t, or NULL when it is absent. */
static void sel_col(struct db *db, struct strbuf *sql, const struct db_table *t, const char *col)
{
	const struct db_column *c = db_column_find(t, col);
	if (c)
		db_quote_ident(db, sql, c->name);
	else
		strbuf_addstr(sql, "NULL");
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int cmp_release(const void *x, const void *y)
{
	const struct lr_release *a = x, *b = y;
	int pa = !strcmp(a->name, "portal"), pb = !strcmp(b->name, "portal");
	if (pa != pb)
		return pb - pa;
	return strcmp(a->name, b->name);
}

static int read_releases(struct db *db, struct lr_apps *a, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, "Release_");
	if (!t)
		return lr_fail(err, LR_EXIT_INPUT, "no Release_ table: not a Liferay database");
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	const char *cols[] = { "servletContextName", "buildNumber", "schemaVersion", "verified",
			       "state_", "modifiedDate" };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (i)
			strbuf_addstr(&sql, ", ");
		sel_col(db, &sql, t, cols[i]);
	}
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(c, err)) > 0) {
		a->rel = xrealloc(a->rel, sizeof(*a->rel) * (size_t)(a->nrel + 1));
		struct lr_release *r = &a->rel[a->nrel++];
		memset(r, 0, sizeof *r);
		const char *name = db_get_text(c, 0);
		r->name = xstrdup(name ? name : "");
		r->build = db_get_int(c, 1);
		r->schema = dup_or_null(db_get_text(c, 2));
		r->verified = (int)db_get_int(c, 3);
		r->state = (int)db_get_int(c, 4);
		r->modified = dup_or_null(db_get_text(c, 5));
	}
	db_cursor_close(c);
	if (rc < 0)
		return -1;
	qsort(a->rel, (size_t)a->nrel, sizeof *a->rel, cmp_release);
	return 0;
}

static struct lr_release *find_release(struct lr_apps *a, const char *name)
{
	for (int i = 0; name && i < a->nrel; i++)
		if (!strcmp(a->rel[i].name, name))
			return &a->rel[i];
	return NULL;
}

/* A 6.2 WAR name known on any line ("kaleo-web" seen on a 7.x database). */
static const struct lr_app_entry *legacy_war(const char *name)
{
	for (int i = 0; i < lr_app_catalog_count; i++)
		if (!strcmp(lr_app_catalog[i].line, "6.2") && !strcmp(lr_app_catalog[i].name, name))
			return &lr_app_catalog[i];
	return NULL;
}

static void interpret_portal(struct lr_apps *a, struct lr_release *r)
{
	r->kind = "portal";
	r->status = "ok";
	if (r->state == 1) {
		r->status = "failed upgrade";
		worsen(r, add_finding(a, "apps.portal.upgrade-failed", LR_SEV_ERROR, r->name,
				      "the portal row has state_ 1: a core upgrade failed and the "
				      "database is mid-upgrade; restore the pre-upgrade backup"));
	} else if (r->state == 2) {
		r->status = "failed verify";
		worsen(r, add_finding(a, "apps.portal.verify-failed", LR_SEV_ERROR, r->name,
				      "the portal row has state_ 2: the core verify failed; fix the "
				      "cause in the log and run the verify again"));
	} else if (r->state != 0) {
		r->status = "unknown state";
		worsen(r, add_finding(a, "apps.portal.state-unknown", LR_SEV_ERROR, r->name,
				      "the portal row has state_ %d (0 good, 1 upgrade failed, "
				      "2 verify failed)", r->state));
	}
	if (!r->verified) {
		if (!strcmp(r->status, "ok"))
			r->status = "not verified";
		worsen(r, add_finding(a, "apps.portal.unverified", LR_SEV_WARNING, r->name,
				      "the portal row has verified = 0: the verify processes never "
				      "completed; start the portal once with verify enabled"));
	}
}

static void describe_row(struct strbuf *sb, const struct lr_release *r)
{
	strbuf_addf(sb, "buildNumber %lld", r->build);
	if (r->schema)
		strbuf_addf(sb, ", schemaVersion %s", r->schema);
	strbuf_addf(sb, ", verified %d, state_ %d", r->verified, r->state);
}

static void interpret_row(struct lr_apps *a, int is7, struct lr_release *r)
{
	r->app = lr_app_find(a->line, r->name);
	r->status = "ok";
	if (r->app)
		r->kind = r->app->kind;
	else if (is7 && !r->schema && r->build == 0)
		r->kind = "verify-only";
	else if (strchr(r->name, '.'))
		r->kind = "bundle";
	else
		r->kind = "war";
	struct strbuf row = STRBUF_INIT;
	describe_row(&row, r);
	const char *rs = strbuf_str(&row);

	if (r->state == 1) {
		r->status = "failed upgrade";
		r->gogo_upgrade = is7;
		worsen(r, add_finding(a, "apps.release.upgrade-failed", LR_SEV_ERROR, r->name,
				      "upgrade of %s failed (state_ 1; %s)", r->name, rs));
	} else if (r->state == 2) {
		r->status = "failed verify";
		r->gogo_verify = is7;
		worsen(r, add_finding(a, "apps.release.verify-failed", LR_SEV_ERROR, r->name,
				      "verify of %s failed (state_ 2; %s)", r->name, rs));
	} else if (r->state != 0) {
		r->status = "unknown state";
		worsen(r, add_finding(a, "apps.release.state-unknown", LR_SEV_ERROR, r->name,
				      "%s has state_ %d (%s)", r->name, r->state, rs));
	}
	if (is7 && r->schema && strstr(r->schema, "-step-")) {
		r->status = "upgrade stopped mid-way";
		r->gogo_upgrade = 1;
		worsen(r, add_finding(a, "apps.release.upgrade-step", LR_SEV_ERROR, r->name,
				      "upgrade of %s stopped at schema %s: its upgrade is half done",
				      r->name, r->schema));
	} else if (is7 && r->schema && !strncmp(r->schema, "0.0.", 4)) {
		r->status = "upgrade pending";
		r->gogo_upgrade = 1;
		worsen(r, add_finding(a, "apps.release.upgrade-pending", LR_SEV_ERROR, r->name,
				      "%s is at schema %s: its upgrade from 6.2 never ran "
				      "(a finished 7.x module is at 1.0.0 or later)", r->name, r->schema));
	}
	const struct lr_app_entry *old;
	if (is7 && !r->app && (old = legacy_war(r->name)) != NULL && old->maps_to) {
		if (!strcmp(r->status, "ok"))
			r->status = "6.2 name not converted";
		worsen(r, add_finding(a, "apps.release.legacy-name", LR_SEV_WARNING, r->name,
				      "6.2 plugin row %s is still present; the 7.0 upgrade renames it "
				      "to %s (%s)", r->name, old->maps_to, rs));
	}
	if (r->app && r->app->latest && r->sev < LR_SEV_ERROR) { /* a blocked row says enough */
		char installed[32];
		const char *inst = installed;
		if (!strcmp(r->app->kind, "bundle"))
			inst = r->schema ? r->schema : "0";
		else
			snprintf(installed, sizeof installed, "%lld", r->build);
		if (lr_version_cmp(inst, r->app->latest) < 0) {
			if (!strcmp(r->status, "ok"))
				r->status = "outdated";
			worsen(r, add_finding(a, "apps.release.outdated", LR_SEV_WARNING, r->name,
					      "%s (%s) is at %s; the latest known for %s is %s: "
					      "update it before the upgrade", r->app->app, r->name, inst,
					      a->line, r->app->latest));
		} else if (!is7) {
			add_finding(a, "apps.marketplace.current", LR_SEV_NOTICE, r->name,
				    "%s (%s) is at the latest known 6.2 version (%s); keep it so "
				    "before the upgrade (Release_: %s)", r->app->app, r->name,
				    r->app->latest, rs);
		}
	} else if (r->app && !r->app->latest && !is7) {
		add_finding(a, "apps.marketplace.update", LR_SEV_NOTICE, r->name,
			    "%s (%s): install its latest 6.2 release from Marketplace before the "
			    "upgrade; no latest version is catalogued (Release_: %s)", r->app->app,
			    r->name, rs);
	}
	if (!is7 && !r->verified) {
		if (!strcmp(r->status, "ok"))
			r->status = "not verified";
		worsen(r, add_finding(a, "apps.release.unverified", LR_SEV_NOTICE, r->name,
				      "%s has verified = 0 (%s)", r->name, rs));
	}
	strbuf_release(&row);
}

/* Table names created by a ServiceComponent's data_ ("create table X ("). */
static void parse_tables(struct lr_service_component *sc, const char *data)
{
	const char *p = data;
	while (p && (p = strcasestr(p, "create table ")) != NULL) {
		p += 13;
		while (*p == ' ' || *p == '\t')
			p++;
		const char *s = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		if (p == s)
			continue;
		sc->tables = xrealloc(sc->tables, sizeof(char *) * (size_t)(sc->ntables + 1));
		sc->tables[sc->ntables++] = xstrndup(s, (size_t)(p - s));
	}
}

static void free_sc(struct lr_service_component *sc)
{
	for (int i = 0; i < sc->ntables; i++)
		free(sc->tables[i]);
	free(sc->tables);
	free(sc->ns);
}

static int read_service_components(struct db *db, struct lr_apps *a, struct lr_err *err)
{
	const struct db_table *t = db_table_find(db, "ServiceComponent");
	if (!t)
		return 0;
	struct strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT ");
	sel_col(db, &sql, t, "buildNamespace");
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, "buildNumber");
	strbuf_addstr(&sql, ", ");
	sel_col(db, &sql, t, "data_");
	strbuf_addstr(&sql, " FROM ");
	db_quote_ident(db, &sql, t->name);
	struct db_cursor *c;
	int rc = db_query(db, strbuf_str(&sql), NULL, 0, &c, err);
	strbuf_release(&sql);
	if (rc < 0)
		return -1;
	while ((rc = db_next(c, err)) > 0) {
		const char *ns = db_get_text(c, 0);
		long long build = db_get_int(c, 1);
		if (!ns)
			continue;
		struct lr_service_component *sc = NULL;
		for (int i = 0; i < a->nsc; i++)
			if (!strcmp(a->sc[i].ns, ns))
				sc = &a->sc[i];
		if (sc && sc->build >= build)
			continue; /* 6.2 keeps the rows of older builds: the latest counts */
		if (sc) {
			free_sc(sc);
		} else {
			a->sc = xrealloc(a->sc, sizeof(*a->sc) * (size_t)(a->nsc + 1));
			sc = &a->sc[a->nsc++];
		}
		memset(sc, 0, sizeof *sc);
		sc->ns = xstrdup(ns);
		sc->build = build;
		parse_tables(sc, db_get_text(c, 2));
	}
	db_cursor_close(c);
	return rc < 0 ? -1 : 0;
}

static void check_service_components(struct db *db, struct lr_apps *a)
{
	for (int i = 0; i < a->nsc; i++) {
		struct lr_service_component *sc = &a->sc[i];
		struct strbuf missing = STRBUF_INIT;
		for (int k = 0; k < sc->ntables; k++) {
			if (db_table_find(db, sc->tables[k]))
				continue;
			strbuf_addf(&missing, "%s%s", sc->nmissing ? ", " : "", sc->tables[k]);
			sc->nmissing++;
		}
		sc->app = lr_app_find_ns(a->line, sc->ns);
		if (sc->app && find_release(a, sc->app->name))
			sc->release = sc->app->name;
		if (sc->nmissing)
			add_finding(a, "apps.servicecomponent.tables-missing", LR_SEV_WARNING, sc->ns,
				    "ServiceComponent %s (build %lld) declares %d table(s) that do not "
				    "exist: %s", sc->ns, sc->build, sc->nmissing, strbuf_str(&missing));
		strbuf_release(&missing);
		int present = sc->ntables - sc->nmissing;
		/* on 6.2 only the plugins the 7.0 upgrade converts need their row */
		int is62 = a->line && !strcmp(a->line, "6.2");
		if (sc->app && !sc->release && present > 0)
			add_finding(a, "apps.plugin.no-release",
				    is62 && !sc->app->maps_to ? LR_SEV_NOTICE : LR_SEV_WARNING, sc->ns,
				    "%s tables exist (ServiceComponent %s, %d table(s)) but Release_ "
				    "has no %s row", sc->app->app, sc->ns, present, sc->app->name);
		else if (!sc->app && is62 && present > 0)
			add_finding(a, "apps.plugin.unknown", LR_SEV_NOTICE, sc->ns,
				    "ServiceComponent %s (%d table(s)) belongs to a plugin lrprep does "
				    "not know: make sure its 7.x version exists before the upgrade",
				    sc->ns, present);
	}
}

/* Catalogue apps whose tables exist with neither a ServiceComponent nor a
 * Release_ row (found by table-name prefix; the longest prefix wins). */
static void check_table_prefixes(struct db *db, struct lr_apps *a, struct lr_err *err)
{
	const struct db_catalog *cat = db_catalog(db, err);
	if (!cat || !a->line)
		return;
	for (int i = 0; i < lr_app_catalog_count; i++) {
		const struct lr_app_entry *e = &lr_app_catalog[i];
		if (strcmp(e->line, a->line) || !e->tables || find_release(a, e->name))
			continue;
		int has_sc = 0, dup = 0;
		for (int k = 0; e->ns && k < a->nsc; k++)
			has_sc |= !strcmp(a->sc[k].ns, e->ns);
		for (int k = 0; k < i; k++) /* one report per prefix and line */
			dup |= !strcmp(lr_app_catalog[k].line, e->line) && lr_app_catalog[k].tables &&
			       !strcmp(lr_app_catalog[k].tables, e->tables);
		if (has_sc || dup)
			continue;
		size_t pl = strlen(e->tables);
		int n = 0;
		struct strbuf names = STRBUF_INIT;
		for (int t = 0; t < cat->ntables; t++) {
			const char *tn = cat->tables[t].name;
			if (strncasecmp(tn, e->tables, pl))
				continue;
			int longer = 0; /* a longer prefix of another app claims it */
			for (int k = 0; k < lr_app_catalog_count; k++) {
				const struct lr_app_entry *o = &lr_app_catalog[k];
				longer |= !strcmp(o->line, e->line) && o->tables && strlen(o->tables) > pl &&
					  !strncasecmp(tn, o->tables, strlen(o->tables));
			}
			if (longer)
				continue;
			strbuf_addf(&names, "%s%s", n ? ", " : "", tn);
			n++;
		}
		if (n)
			add_finding(a, "apps.plugin.tables-without-release", LR_SEV_WARNING, e->name,
				    "%d %s table(s) exist (%s) with no ServiceComponent and no Release_ "
				    "row %s", n, e->app, strbuf_str(&names), e->name);
		strbuf_release(&names);
	}
}

int lr_apps_analyze(struct db *db, const struct lr_version *v, struct lr_apps *out,
		    struct lr_err *err)
{
	memset(out, 0, sizeof *out);
	out->line = lr_apps_line_key(v->line);
	int is7 = v->line >= LR_LINE_70 && v->line != LR_LINE_UNKNOWN;
	if (read_releases(db, out, err) < 0 || read_service_components(db, out, err) < 0) {
		lr_apps_free(out);
		return -1;
	}
	for (int i = 0; i < out->nrel; i++) {
		if (!strcmp(out->rel[i].name, "portal"))
			interpret_portal(out, &out->rel[i]);
		else
			interpret_row(out, is7, &out->rel[i]);
	}
	check_service_components(db, out);
	check_table_prefixes(db, out, err);
	if (err->code) {
		lr_apps_free(out);
		return -1;
	}
	return 0;
}

void lr_apps_free(struct lr_apps *a)
{
	for (int i = 0; i < a->nrel; i++) {
		free(a->rel[i].name);
		free(a->rel[i].schema);
		free(a->rel[i].modified);
	}
	free(a->rel);
	for (int i = 0; i < a->nsc; i++)
		free_sc(&a->sc[i]);
	free(a->sc);
	for (int i = 0; i < a->nf; i++) {
		free(a->f[i].subject);
		free(a->f[i].msg);
	}
	free(a->f);
	memset(a, 0, sizeof *a);
}
