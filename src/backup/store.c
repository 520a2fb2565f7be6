/* The document store: where it is (liferay-domain.md §5.2), where it keeps
 * each file version (§5.3), and whether the store and the database agree. */
#include "files.h"
#include "../util/log.h"
#include "../util/props.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* dl.store.impl class names, 6.2 and 7.x spellings: matched by suffix. */
static const struct impl {
	const char *suffix;
	enum bk_store_type type;
} impls[] = {
	{ ".AdvancedFileSystemStore", BK_STORE_AFS },
	{ ".FileSystemStore", BK_STORE_FS },
	{ ".DBStore", BK_STORE_DB },
};

/* 7.x OSGi configuration files holding rootDir (first found wins). */
static const struct osgi_cfg {
	const char *file;
	enum bk_store_type type;
} osgi_cfgs[] = {
	{ "osgi/configs/com.liferay.portal.store.file.system.configuration.AdvancedFileSystemStoreConfiguration.config", BK_STORE_AFS },
	{ "osgi/configs/com.liferay.portal.store.file.system.configuration.FileSystemStoreConfiguration.config", BK_STORE_FS },
	{ "osgi/configs/com.liferay.portal.store.file.system.configuration.AdvancedFileSystemStoreConfiguration.cfg", BK_STORE_AFS },
	{ "osgi/configs/com.liferay.portal.store.file.system.configuration.FileSystemStoreConfiguration.cfg", BK_STORE_FS },
};

const char *bk_store_type_name(enum bk_store_type t)
{
	switch (t) {
	case BK_STORE_FS: return "FileSystemStore";
	case BK_STORE_AFS: return "AdvancedFileSystemStore";
	case BK_STORE_DB: return "DBStore";
	case BK_STORE_OTHER: return "other";
	case BK_STORE_NONE: break;
	}
	return "none";
}

void bk_store_release(struct bk_store *s)
{
	free(s->impl);
	free(s->root);
	free(s->found_in);
	memset(s, 0, sizeof *s);
}

/* Felix .config values are typed and quoted: rootDir="data/dl" or
 * rootDir=T"..."; .cfg files are plain properties. */
static char *config_value(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char line[4096];
	char *val = NULL;
	size_t kl = strlen(key);
	while (!val && fgets(line, sizeof line, f)) {
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, key, kl) != 0)
			continue;
		p += kl;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=' && *p != ':')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (p[0] >= 'A' && p[0] <= 'Z' && p[1] == '"')
			p++;
		char *end = p + strcspn(p, "\r\n");
		*end = 0;
		if (*p == '"') {
			p++;
			char *q = strrchr(p, '"');
			if (q)
				*q = 0;
		}
		val = xstrdup(p);
	}
	fclose(f);
	return val;
}

/* ${liferay.home} and relative paths resolve against Liferay Home. */
static char *resolve(const char *home, const char *v)
{
	static const char lh[] = "${liferay.home}";
	struct strbuf sb = STRBUF_INIT;
	if (!strncmp(v, lh, sizeof lh - 1))
		strbuf_addf(&sb, "%s%s", home ? home : ".", v + sizeof lh - 1);
	else if (v[0] == '/' || !home)
		strbuf_addstr(&sb, v);
	else
		strbuf_addf(&sb, "%s/%s", home, v);
	char real[PATH_MAX];
	if (realpath(sb.buf, real)) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, real);
	}
	return strbuf_detach(&sb, NULL);
}

/* A store given by path only: AdvancedFileSystemStore leaves *.afsh names. */
static int looks_advanced(const char *dir, int depth, int *budget)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *de;
	int found = 0;
	while (!found && (de = readdir(d)) && --*budget > 0) {
		if (de->d_name[0] == '.')
			continue;
		size_t l = strlen(de->d_name);
		if (l > 5 && !strcmp(de->d_name + l - 5, ".afsh"))
			found = 1;
		else if (depth < 7 && de->d_type == DT_DIR) {
			char sub[PATH_MAX];
			snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
			found = looks_advanced(sub, depth + 1, budget);
		}
	}
	closedir(d);
	return found;
}

void bk_store_guess(struct bk_store *s, const struct bk_filelist *fl)
{
	if (!s->guess)
		return;
	for (size_t i = 0; i < fl->n && s->type != BK_STORE_AFS; i++) {
		const char *r = fl->v[i].rel;
		size_t l = strlen(r);
		if (!strncmp(r, "store/", 6) && l > 5 && !strcmp(r + l - 5, ".afsh"))
			s->type = BK_STORE_AFS;
	}
	s->guess = 0;
	free(s->impl);
	s->impl = xstrdup(bk_store_type_name(s->type));
}

int bk_store_locate(const char *home, const char *store_opt, int defer_guess, struct bk_store *s,
		    struct lr_err *err)
{
	memset(s, 0, sizeof *s);
	const char *impl = NULL;
	char *rootv = NULL;
	struct props *p = props_new();
	struct strbuf path = STRBUF_INIT;
	enum bk_store_type cfg_type = BK_STORE_NONE;
	if (home) {
		static const char *const files[] = { "portal-ext.properties", "portal-setup-wizard.properties" };
		for (int i = 0; i < 2; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", home, files[i]);
			if (props_load_file(p, path.buf, err) < 0)
				goto fail;
		}
		impl = props_get(p, "dl.store.impl");
		const char *r = props_get(p, "dl.store.file.system.root.dir");
		if (r && *r) {
			rootv = xstrdup(r);
			s->found_in = xstrdup("dl.store.file.system.root.dir");
		}
		for (size_t i = 0; !rootv && i < sizeof osgi_cfgs / sizeof osgi_cfgs[0]; i++) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/%s", home, osgi_cfgs[i].file);
			rootv = config_value(path.buf, "rootDir");
			if (rootv) {
				cfg_type = osgi_cfgs[i].type;
				s->found_in = xstrdup(osgi_cfgs[i].file);
			}
		}
	}
	s->type = BK_STORE_FS; /* Liferay's default in 6.2 and 7.x */
	if (impl && *impl) {
		s->type = BK_STORE_OTHER;
		for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
			size_t l = strlen(impl), sl = strlen(impls[i].suffix);
			if (l >= sl && !strcmp(impl + l - sl, impls[i].suffix)) {
				s->type = impls[i].type;
				break;
			}
		}
		s->impl = xstrdup(impl);
	} else if (cfg_type) {
		s->type = cfg_type;
	}
	if (store_opt) {
		struct stat st;
		if (stat(store_opt, &st) != 0 || !S_ISDIR(st.st_mode)) {
			lr_fail(err, LR_EXIT_USAGE, "--store %s: not a directory", store_opt);
			goto fail;
		}
		s->root = resolve(NULL, store_opt);
		free(s->found_in);
		s->found_in = xstrdup("--store");
		if (!(impl && *impl) && !cfg_type) {
			int budget = 20000;
			if (defer_guess)
				s->guess = 1;
			else if (looks_advanced(s->root, 0, &budget))
				s->type = BK_STORE_AFS;
		}
		if (s->type == BK_STORE_DB || s->type == BK_STORE_OTHER)
			s->type = BK_STORE_FS; /* the user says there is a file tree */
	} else if (home && (s->type == BK_STORE_FS || s->type == BK_STORE_AFS)) {
		s->root = resolve(home, rootv ? rootv : "data/document_library");
		if (!s->found_in)
			s->found_in = xstrdup("default (LIFERAY_HOME/data/document_library)");
	} else if (!home) {
		s->type = BK_STORE_NONE;
	}
	if (!s->impl && !s->guess)
		s->impl = xstrdup(bk_store_type_name(s->type));
	free(rootv);
	props_free(p);
	strbuf_release(&path);
	return 0;
fail:
	free(rootv);
	props_free(p);
	strbuf_release(&path);
	bk_store_release(s);
	return -1;
}

/* AdvancedFileSystemStore.buildPath (6.2): two-character directories of
 * the stem, never the last (partial or final) pair, stopping once the path
 * has more than 3 segments. `depth0` counts segments already in sb. */
static void afs_build_path(struct strbuf *sb, const char *frag, int depth0)
{
	size_t l = strlen(frag);
	if (l <= 2)
		return;
	int depth = depth0;
	for (size_t i = 0; i + 2 < l; i += 2) {
		strbuf_add(sb, frag + i, 2);
		strbuf_addch(sb, '/');
		if (++depth > 3)
			return;
	}
}

void bk_store_path(enum bk_store_type t, int64_t company, int64_t repo, const char *name,
		   const char *version, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%" PRId64 "/%" PRId64 "/", company, repo);
	if (t != BK_STORE_AFS) {
		strbuf_addf(out, "%s/%s", name, version);
		return;
	}
	if (strchr(name, '/')) {
		/* names with a path (previews): plain directories */
		const char *last = strrchr(name, '/') + 1;
		const char *dot = strrchr(last, '.');
		strbuf_addf(out, "%s/%.*s_%s%s", name, (int)(dot ? dot - last : (long)strlen(last)), last, version,
			    dot ? dot : "");
		return;
	}
	const char *dot = strrchr(name, '.');
	char ext[256];
	snprintf(ext, sizeof ext, "%s", dot && dot[1] ? dot : ".afsh");
	char *stem = xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
	const char *frag = stem;
	int depth0 = 0;
	if (!strncmp(frag, "DLFE-", 5)) {
		frag += 5;
		strbuf_addstr(out, "DLFE/");
		depth0 = 1;
	}
	afs_build_path(out, frag, depth0);
	strbuf_addf(out, "%s%s/%s_%s%s", frag, ext, frag, version, ext);
	free(stem);
}

/* ---- cross-check with the database ---------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int derived(const char *rel)
{
	/* <company>/0/document_preview|document_thumbnail/...: regenerated by Liferay */
	const char *p = strchr(rel, '/');
	if (!p || strncmp(p, "/0/", 3) != 0)
		return 0;
	p += 3;
	return !strncmp(p, "document_preview/", 17) || !strncmp(p, "document_thumbnail/", 19);
}

static void add_capped(json_t *arr, const char *s)
{
	if (json_array_size(arr) < 1000)
		json_array_append_new(arr, json_string(s));
}

int bk_store_crosscheck(struct db *db, const struct bk_store *s, const struct bk_filelist *fl,
			json_t *report, struct backup_stats *st, struct lr_err *err)
{
	const char *fe = db_table_name(db, "DLFileEntry"), *fv = db_table_name(db, "DLFileVersion");
	const char *im = db_table_name(db, "Image");
	if (!fe || !fv || (s->type != BK_STORE_FS && s->type != BK_STORE_AFS))
		return 0;
	char **exp = NULL;
	size_t nexp = 0, cap = 0;
	struct strbuf sql = STRBUF_INIT, p = STRBUF_INIT;
	/* data repository: the folder when there is one, else the site
	 * (DLFolderConstants.getDataRepositoryId) */
	strbuf_addstr(&sql, "SELECT e.companyId, CASE WHEN e.folderId <> 0 THEN e.folderId ELSE e.groupId END, "
			    "e.name, v.version FROM ");
	db_quote_ident(db, &sql, fv);
	strbuf_addstr(&sql, " v JOIN ");
	db_quote_ident(db, &sql, fe);
	strbuf_addstr(&sql, " e ON e.fileEntryId = v.fileEntryId");
	struct db_cursor *c;
	int rc = -1, r = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			if (!im)
				break;
			strbuf_reset(&sql);
			strbuf_addstr(&sql, "SELECT 0, 0, imageId, type_, '1.0' FROM ");
			db_quote_ident(db, &sql, im);
		}
		if (db_query(db, sql.buf, NULL, 0, &c, err) < 0)
			goto out;
		while ((r = db_next(c, err)) == 1) {
			/* db_get_text may share one buffer per cursor: copy each at once */
			if (db_is_null(c, 2) || db_is_null(c, pass ? 4 : 3))
				continue;
			struct strbuf nm = STRBUF_INIT, ver = STRBUF_INIT;
			strbuf_addstr(&nm, db_get_text(c, 2));
			strbuf_addstr(&ver, db_get_text(c, pass ? 4 : 3));
			if (pass == 1)
				strbuf_addf(&nm, ".%s", db_get_text(c, 3) ? db_get_text(c, 3) : "");
			bk_store_path(s->type, db_get_int(c, 0), db_get_int(c, 1), nm.buf, ver.buf, &p);
			strbuf_release(&nm);
			strbuf_release(&ver);
			XGROW(exp, cap, nexp + 1);
			exp[nexp++] = xstrdup(p.buf);
		}
		db_cursor_close(c);
		if (r < 0)
			goto out;
	}
	qsort(exp, nexp, sizeof *exp, cmp_str);
	char **have = xmalloc(sizeof(char *) * (fl->n + 1));
	size_t nhave = 0;
	for (size_t i = 0; i < fl->n; i++)
		if (!strncmp(fl->v[i].rel, "store/", 6))
			have[nhave++] = fl->v[i].rel + 6;
	qsort(have, nhave, sizeof *have, cmp_str);
	json_t *missing = json_array(), *unref = json_array();
	int64_t nmiss = 0, nunref = 0;
	for (size_t i = 0; i < nexp; i++) {
		if (i && !strcmp(exp[i], exp[i - 1]))
			continue;
		if (!bsearch(&exp[i], have, nhave, sizeof *have, cmp_str)) {
			nmiss++;
			add_capped(missing, exp[i]);
		}
	}
	for (size_t i = 0; i < nhave; i++)
		if (!derived(have[i]) && !bsearch(&have[i], exp, nexp, sizeof *exp, cmp_str)) {
			nunref++;
			add_capped(unref, have[i]);
		}
	json_object_set_new(report, "referencedFiles", json_integer((json_int_t)nexp));
	json_object_set_new(report, "missingCount", json_integer((json_int_t)nmiss));
	json_object_set_new(report, "missing", missing);
	json_object_set_new(report, "unreferencedCount", json_integer((json_int_t)nunref));
	json_object_set_new(report, "unreferenced", unref);
	st->store_missing = nmiss;
	st->store_unreferenced = nunref;
	free(have);
	rc = 0;
out:
	for (size_t i = 0; i < nexp; i++)
		free(exp[i]);
	free(exp);
	strbuf_release(&sql);
	strbuf_release(&p);
	return rc;
}
