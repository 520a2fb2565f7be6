/* lrprep backup: the three parts under one manifest, and the commit
 * protocol that makes a killed backup never look complete.
 *
 * Order: lock DIR; clean what a killed run left (.tmp, unreferenced db-*);
 * refuse a live portal; snapshot and dump the database into db-<ID>/;
 * walk and store the document store and Liferay Home as objects; cross-check
 * store against database (inside the snapshot); fsync what was written
 * (bk_make_durable); write
 * manifest.json.tmp, fsync, rename, fsync DIR (the commit); then SHA256SUMS
 * and removal of the previous run's dump and of unreferenced objects. */
#include "backup.h"
#include "dbpart.h"
#include "files.h"
#include "liveness.h"
#include "../db/checksum.h"
#include "../db/uri.h"
#include "../liferay/version.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef LRPREP_VERSION
#define LRPREP_VERSION "0.0.0"
#endif

static int conninfo_for(const struct backup_opts *o, struct db_conninfo *ci, struct lr_err *err)
{
	memset(ci, 0, sizeof *ci);
	if (o->db_arg && db_is_uri(o->db_arg))
		return db_uri_parse(o->db_arg, ci, err);
	if (o->db_arg) {
		FILE *f = fopen(o->db_arg, "rb");
		if (!f)
			return lr_fail(err, LR_EXIT_INPUT, "%s: %s", o->db_arg, strerror(errno));
		char magic[16] = "";
		size_t n = fread(magic, 1, sizeof magic, f);
		fclose(f);
		if (n < 16 || memcmp(magic, "SQLite format 3", 16) != 0)
			return lr_fail(err, LR_EXIT_USAGE, "%s: backup reads a live database (a mariadb://, "
				       "postgresql:// URI or an SQLite file); a dump file is a backup already",
				       o->db_arg);
		ci->engine = DB_SQLITE;
		ci->path = xstrdup(o->db_arg);
		ci->readonly = 1;
		return 0;
	}
	if (o->liferay_home)
		return db_conninfo_from_liferay_home(o->liferay_home, ci, err);
	return lr_fail(err, LR_EXIT_USAGE, "backup: name the database (URI or SQLite file) or --liferay-home");
}

/* Leftovers of a killed run: the work area and dumps no manifest names. */
static void clean_leftovers(const char *dir, const char *keep)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/.tmp", dir);
	bk_rm_rf(p.buf);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "db-", 3) != 0 || (keep && !strcmp(de->d_name, keep)))
			continue;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, de->d_name);
		bk_rm_rf(p.buf);
	}
	if (d)
		closedir(d);
	strbuf_release(&p);
}

/* After the commit: objects the new manifest does not name. */
static void unlink_unkept(void *ctx, int dfd, const char *name, const char *sha)
{
	if (!json_object_get(ctx, sha))
		unlinkat(dfd, name, 0);
}

static void remove_unreferenced_objects(const char *dir, json_t *files)
{
	json_t *keep = json_object();
	size_t i;
	json_t *e;
	json_array_foreach(files, i, e) {
		const char *sha = json_string_value(json_object_get(e, "sha256"));
		const char *kind = json_string_value(json_object_get(e, "kind"));
		if (sha && kind && strcmp(kind, "db") != 0)
			json_object_set_new(keep, sha, json_true());
	}
	bk_objects_foreach(dir, unlink_unkept, keep);
	json_decref(keep);
}

static const char restore_sh[] =
	"#!/bin/sh\n"
	"# Restore this lrprep backup without lrprep (docs/backup.md).\n"
	"#   ./restore.sh db [client arguments]   load the dump with the engine's own client:\n"
	"#        mariadb: ./restore.sh db -h HOST -u USER -p DBNAME   (empty database)\n"
	"#        postgresql: ./restore.sh db -h HOST -U USER DBNAME    (empty database)\n"
	"#        sqlite: ./restore.sh db NEW.db\n"
	"#   ./restore.sh store TARGET   rebuild the document store tree in TARGET\n"
	"#   ./restore.sh home TARGET    rebuild the Liferay Home files in TARGET\n"
	"set -eu\n"
	"here=$(cd \"$(dirname \"$0\")\" && pwd)\n"
	"top=$(dirname \"$here\")\n"
	"ENGINE=%s\n"
	"what=${1:-}\n"
	"[ $# -gt 0 ] && shift\n"
	"case $what in\n"
	"db)\n"
	"\tset -- \"$@\"\n"
	"\tcase $ENGINE in\n"
	"\tmariadb) zstd -qdc \"$here/schema.sql.zst\" \"$here\"/data/*.sql.zst \"$here/post.sql.zst\" | mariadb \"$@\" ;;\n"
	"\tpostgresql) zstd -qdc \"$here/schema.sql.zst\" \"$here\"/data/*.sql.zst \"$here/post.sql.zst\" |"
	" psql -q -v ON_ERROR_STOP=1 \"$@\" ;;\n"
	"\tsqlite) zstd -qdc \"$here/schema.sql.zst\" \"$here\"/data/*.sql.zst \"$here/post.sql.zst\" | sqlite3 \"$@\" ;;\n"
	"\tesac ;;\n"
	"store|home)\n"
	"\ttarget=${1:?target directory}\n"
	"\ttab=$(printf '\\t')\n"
	"\twhile IFS=\"$tab\" read -r kind sha path; do\n"
	"\t\t[ \"$kind\" = \"$what\" ] || continue\n"
	"\t\trel=${path#*/}\n"
	"\t\tmkdir -p \"$target/$(dirname \"$rel\")\"\n"
	"\t\tcp \"$top/objects/$(printf %%.2s \"$sha\")/${sha#??}\" \"$target/$rel\"\n"
	"\tdone < \"$here/files.tsv\" ;;\n"
	"*) sed -n '2,8p' \"$0\"; exit 3 ;;\n"
	"esac\n";

static int write_plain(const char *dir, const char *rel, const char *text, json_t *files, struct lr_err *err)
{
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s", dir, rel);
	FILE *f = fopen(p.buf, "wb");
	int rc = -1;
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		if (f)
			fclose(f);
		lr_fail(err, LR_EXIT_FAILED, "writing %s: %s", p.buf, strerror(errno));
	} else {
		char sha[65];
		int64_t size;
		rc = bk_hash_file(p.buf, sha, &size, err);
		if (rc == 0)
			json_array_append_new(files, json_pack("{s:s, s:s, s:I, s:s}", "kind", "db", "path", rel,
							       "size", (json_int_t)size, "sha256", sha));
	}
	strbuf_release(&p);
	return rc;
}

static int sums_file(const char *dir, json_t *files, struct lr_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *seen = json_object();
	size_t i;
	json_t *e;
	json_array_foreach(files, i, e) {
		const char *sha = json_string_value(json_object_get(e, "sha256"));
		const char *kind = json_string_value(json_object_get(e, "kind"));
		const char *path = json_string_value(json_object_get(e, "path"));
		if (!strcmp(kind, "db")) {
			strbuf_addf(&sb, "%s  %s\n", sha, path);
		} else if (!json_object_get(seen, sha)) {
			json_object_set_new(seen, sha, json_true());
			strbuf_addf(&sb, "%s  objects/%.2s/%s\n", sha, sha, sha + 2);
		}
	}
	json_decref(seen);
	int rc = bk_write_atomic(dir, "SHA256SUMS", sb.buf ? sb.buf : "", sb.len, NULL, err);
	strbuf_release(&sb);
	return rc;
}

static json_t *files_json(const struct bk_filelist *fl, const char *kind, int64_t *nfiles, int64_t *nbytes)
{
	json_t *a = json_array();
	size_t klen = strlen(kind);
	for (size_t i = 0; i < fl->n; i++) {
		const struct bk_file *f = &fl->v[i];
		if (strncmp(f->rel, kind, klen) != 0 || f->rel[klen] != '/' || f->state == 2)
			continue;
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:I, s:i, s:s}", "kind", kind, "path",
						   f->rel, "size", (json_int_t)f->size, "mtimeNs",
						   (json_int_t)f->mtime_ns, "ctimeNs", (json_int_t)f->ctime_ns, "mode",
						   (int)f->mode, "sha256", f->sha));
		(*nfiles)++;
		*nbytes += f->size;
	}
	return a;
}

static int files_tsv(const char *dir, const char *gen, const struct bk_filelist *fl, json_t *files,
		     struct lr_err *err)
{
	struct strbuf sb = STRBUF_INIT, rel = STRBUF_INIT;
	for (size_t i = 0; i < fl->n; i++) {
		if (fl->v[i].state == 2)
			continue;
		const char *slash = strchr(fl->v[i].rel, '/');
		strbuf_addf(&sb, "%.*s\t%s\t%s\n", (int)(slash - fl->v[i].rel), fl->v[i].rel, fl->v[i].sha,
			    fl->v[i].rel);
	}
	strbuf_addf(&rel, "%s/files.tsv", gen);
	int rc = write_plain(dir, rel.buf, strbuf_str(&sb), files, err);
	strbuf_release(&sb);
	strbuf_release(&rel);
	return rc;
}

struct run {
	const struct backup_opts *o;
	struct backup_stats *st;
	int *warnings;
	char dir[PATH_MAX];
	char gen[64];
	json_t *prev, *m, *files;
	struct bk_snap snap;
	int snap_open;
	struct bk_store store;
	struct bk_filelist fl;
	struct db_conninfo ci;
	int lockfd;
	int locked;        /* this run holds DIR/.lock */
};

/* On the connection that then coordinates the snapshot (one catalog load). */
static int probe_liveness(struct run *R, struct db *db, json_t *live, struct lr_err *err)
{
	struct lr_liveness lv;
	double t = lr_now();
	int rc = db_catalog(db, err) ? 0 : -1;
	lr_verbose("catalog read in %.2f s", lr_now() - t);
	if (rc == 0)
		rc = lr_liveness_probe(db, LR_LIVENESS_WINDOW, &lv, err);
	if (rc < 0)
		return -1;
	json_t *sig = json_array();
	for (int i = 0; i < lv.nsignals; i++)
		json_array_append_new(sig, json_string(lv.signals[i]));
	json_object_set_new(live, "alive", json_boolean(lv.alive));
	json_object_set_new(live, "forced", json_boolean(lv.alive && R->o->force));
	json_object_set_new(live, "signals", sig);
	if (!lv.alive)
		return 0;
	for (int i = 0; i < lv.nsignals; i++)
		lr_warn("portal looks alive: %s", lv.signals[i]);
	if (!R->o->force)
		return lr_fail(err, LR_EXIT_ERRORS, "the portal looks alive, so database and store would not be "
			       "synchronized: stop it, or pass --force to back up anyway");
	(*R->warnings)++;
	return 0;
}

/* Store walk: the backup directory is never part of it (--to inside the
 * store); links to directories are listed, not followed. */
struct sctx {
	dev_t dev;
	ino_t ino;
	json_t *not_followed;
};

static int store_skip(void *ctx, const char *rel, int kind, dev_t dev, ino_t ino)
{
	struct sctx *c = ctx;
	if (kind == 2) {
		json_array_append_new(c->not_followed, json_string(rel));
		return 1;
	}
	return kind == 1 && c->ino && dev == c->dev && ino == c->ino;
}

static int parts_files(struct run *R, json_t *storej, json_t *homej, struct lr_err *err)
{
	const struct backup_opts *o = R->o;
	char home_real[PATH_MAX] = "";
	if (o->liferay_home && !realpath(o->liferay_home, home_real))
		return lr_fail(err, LR_EXIT_INPUT, "--liferay-home %s: %s", o->liferay_home, strerror(errno));
	if (bk_store_locate(o->liferay_home ? home_real : NULL, o->store, 1, &R->store, err) < 0)
		return -1;
	/* keys in their order now, the type once the walk has seen the names */
	json_object_set_new(storej, "type", json_null());
	json_object_set_new(storej, "impl", json_null());
	json_object_set_new(storej, "root", R->store.root ? json_string(R->store.root) : json_null());
	json_object_set_new(storej, "foundIn", R->store.found_in ? json_string(R->store.found_in) : json_null());
	struct stat st;
	if (R->store.root) {
		if (stat(R->store.root, &st) != 0 || !S_ISDIR(st.st_mode)) {
			lr_warn("document store %s (%s) is not there: nothing of it is backed up", R->store.root,
				R->store.found_in ? R->store.found_in : "");
			(*R->warnings)++;
		} else {
			struct sctx sc = { .not_followed = json_array() };
			if (stat(R->dir, &st) == 0) {
				sc.dev = st.st_dev;
				sc.ino = st.st_ino;
			}
			int rc = bk_walk(R->store.root, "store", store_skip, &sc, &R->fl, err);
			if (json_array_size(sc.not_followed)) {
				lr_warn("%zu symbolic link(s) to directories in the store were not followed "
					"(store.notFollowed in the manifest)", json_array_size(sc.not_followed));
				(*R->warnings)++;
			}
			json_object_set_new(storej, "notFollowed", sc.not_followed);
			if (rc < 0)
				return -1;
		}
	}
	bk_store_guess(&R->store, &R->fl);
	json_object_set_new(storej, "type", json_string(bk_store_type_name(R->store.type)));
	json_object_set_new(storej, "impl", json_string(R->store.impl));
	if (!R->store.root && R->store.type == BK_STORE_OTHER) {
		lr_warn("dl.store.impl %s keeps files outside Liferay Home (S3, JCR, CMIS): back it up with its "
			"own tools", R->store.impl);
		(*R->warnings)++;
	} else if (!R->store.root && R->store.type == BK_STORE_NONE) {
		lr_warn("no --store and no --liferay-home: the backup holds the database only");
		(*R->warnings)++;
	}
	if (o->liferay_home) {
		struct bk_home_opts ho = { .include_logs = o->include_logs, .include_work = o->include_work,
					   .include_index = o->include_index, .excluded = json_array() };
		if (R->store.root && stat(R->store.root, &st) == 0) {
			ho.skip_dev[ho.nskip] = st.st_dev;
			ho.skip_ino[ho.nskip++] = st.st_ino;
		}
		if (stat(R->dir, &st) == 0) {
			if (!ho.nskip) {
				ho.skip_dev[ho.nskip] = 0;
				ho.skip_ino[ho.nskip++] = 0;
			}
			ho.skip_dev[ho.nskip] = st.st_dev;
			ho.skip_ino[ho.nskip++] = st.st_ino;
		}
		int rc = bk_home_walk(home_real, &ho, &R->fl, err);
		json_object_set_new(homej, "root", json_string(home_real));
		json_object_set_new(homej, "excluded", ho.excluded);
		json_object_set_new(homej, "includeLogs", json_boolean(o->include_logs));
		json_object_set_new(homej, "includeWork", json_boolean(o->include_work));
		json_object_set_new(homej, "includeIndex", json_boolean(o->include_index));
		if (rc < 0)
			return -1;
	}
	return 0;
}

static void liferay_json(struct run *R)
{
	struct lr_version v;
	struct lr_err e = LR_ERR_INIT;
	if (lr_version_detect(R->snap.coord, &v, &e) < 0) {
		lr_warn("Liferay version: %s", e.msg);
		(*R->warnings)++;
		json_object_set_new(R->m, "liferay", json_null());
		return;
	}
	json_object_set_new(R->m, "liferay",
			    json_pack("{s:s, s:s, s:i, s:b, s:s}", "line", lr_line_name(v.line), "label", v.label,
				      "buildNumber", v.build_number, "ee", v.ee, "schemaVersion", v.schema_version));
}

static int run(struct run *R, struct lr_err *err)
{
	const struct backup_opts *o = R->o;
	struct backup_stats *st = R->st;
	if (bk_mkdir_p(o->to, err) < 0)
		return -1;
	if (!realpath(o->to, R->dir))
		return lr_fail(err, LR_EXIT_FAILED, "%s: %s", o->to, strerror(errno));
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/.lock", R->dir);
	R->lockfd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (R->lockfd < 0 || flock(R->lockfd, LOCK_EX | LOCK_NB) != 0) {
		strbuf_release(&p);
		return lr_fail(err, LR_EXIT_FAILED, "%s: another lrprep backup is writing there", R->dir);
	}
	R->locked = 1;
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/manifest.json", R->dir);
	if (access(p.buf, F_OK) == 0) {
		struct lr_err perr = LR_ERR_INIT;
		R->prev = bk_manifest_load(p.buf, &perr);
		if (!R->prev)
			lr_warn("previous backup in %s is unusable (%s): every file is hashed again", R->dir, perr.msg);
	}
	const char *keep = R->prev ? json_string_value(json_object_get(json_object_get(R->prev, "database"), "dir"))
				   : NULL;
	clean_leftovers(R->dir, keep);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/objects", R->dir);
	int rc = bk_mkdir_p(p.buf, err);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/.tmp", R->dir);
	if (rc == 0)
		rc = bk_mkdir_p(p.buf, err);
	strbuf_release(&p);
	if (rc < 0)
		return -1;
	if (conninfo_for(o, &R->ci, err) < 0)
		return -1;

	R->m = json_object();
	R->files = json_array();
	json_t *live = json_object(), *dbj = json_object(), *storej = json_object(), *homej = json_object();
	json_object_set_new(R->m, "format", json_string(BK_MANIFEST_FORMAT));
	json_object_set_new(R->m, "formatVersion", json_integer(BK_MANIFEST_VERSION));
	json_object_set_new(R->m, "lrprepVersion", json_string(LRPREP_VERSION));
	/* members in reading order; values filled in as the run gets there */
	json_object_set_new(R->m, "id", json_null());
	json_object_set_new(R->m, "snapshotTime", json_null());
	json_object_set_new(R->m, "completedTime", json_null());
	json_object_set_new(R->m, "liferay", json_null());
	json_object_set_new(R->m, "liveness", live);
	json_object_set_new(R->m, "database", dbj);
	json_object_set_new(R->m, "store", storej);
	json_object_set_new(R->m, "home", homej);
	double tl = lr_now();
	struct db *coord;
	if (db_open(&R->ci, &coord, err) < 0)
		return -1;
	if (probe_liveness(R, coord, live, err) < 0) {
		db_close(coord);
		return -1;
	}
	lr_verbose("liveness checked in %.2f s", lr_now() - tl);

	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(R->gen, sizeof R->gen, "db-%Y%m%dT%H%M%SZ", &tm);
	if (keep && !strcmp(keep, R->gen))
		strncat(R->gen, "-2", sizeof R->gen - strlen(R->gen) - 1);
	json_object_set_new(R->m, "id", json_string(R->gen + 3));

	double t0 = lr_now();
	strbuf_addf(&p, "%s/.tmp", R->dir);
	rc = bk_snap_open(&R->snap, &R->ci, o->jobs, p.buf, coord, err);
	strbuf_release(&p);
	R->snap_open = 1;
	if (rc < 0)
		return -1;
	bk_crash_point("snapshot");
	lr_verbose("snapshot taken in %.2f s (%s)", lr_now() - t0, R->snap.method);
	json_object_set_new(R->m, "snapshotTime", json_string(R->snap.snapshot_time));
	liferay_json(R);
	json_t *tables = json_array();
	struct strbuf desc = STRBUF_INIT;
	db_conninfo_describe(&R->ci, &desc);
	json_object_set_new(dbj, "engine", json_string(db_engine_name(R->snap.engine)));
	json_object_set_new(dbj, "serverVersion", json_string(R->snap.server_version));
	json_object_set_new(dbj, "source", json_string(strbuf_str(&desc)));
	json_object_set_new(dbj, "snapshotMethod", json_string(R->snap.method));
	json_object_set_new(dbj, "jobs", json_integer(R->snap.njobs));
	json_object_set_new(dbj, "checksumVersion", json_integer(DB_CHECKSUM_VERSION));
	json_object_set_new(dbj, "dir", json_string(R->gen));
	json_object_set_new(dbj, "restore", json_sprintf("%s/restore.sh", R->gen));
	json_object_set_new(dbj, "tables", tables);
	strbuf_release(&desc);
	if (bk_dump(&R->snap, R->dir, R->gen, o->progress, tables, R->files, st, err) < 0)
		return -1;
	st->seconds_db = lr_now() - t0;
	json_object_set_new(dbj, "rows", json_integer(st->rows));
	bk_crash_point("db-done");

	t0 = lr_now();
	if (parts_files(R, storej, homej, err) < 0)
		return -1;
	json_t *report = json_object();
	struct lr_err xerr = LR_ERR_INIT;
	if (R->store.root && bk_store_crosscheck(R->snap.coord, &R->store, &R->fl, report, st, &xerr) < 0) {
		lr_warn("store cross-check skipped: %s", xerr.msg);
		(*R->warnings)++;
	}
	json_object_set_new(storej, "check", report);
	if (st->store_missing > 0) {
		lr_warn("%lld file(s) the database references are missing from the store (see the manifest)",
			(long long)st->store_missing);
		(*R->warnings)++;
	}
	bk_snap_close(&R->snap);
	R->snap_open = 0;

	if (bk_store_objects(R->dir, &R->fl, o->checksum ? NULL : R->prev, o->jobs, o->progress, st, err) < 0)
		return -1;
	bk_crash_point("files-done");
	if (st->files_vanished)
		(*R->warnings)++;
	int64_t sbytes = 0, hbytes = 0, hn = 0, sn = 0;
	json_t *sf = files_json(&R->fl, "store", &sn, &sbytes);
	json_t *hf = files_json(&R->fl, "home", &hn, &hbytes);
	st->store_files = sn;
	st->home_files = hn;
	json_object_set_new(storej, "files", json_integer(sn));
	json_object_set_new(storej, "bytes", json_integer(sbytes));
	json_object_set_new(homej, "files", json_integer(hn));
	json_object_set_new(homej, "bytes", json_integer(hbytes));
	st->seconds_files = lr_now() - t0;

	strbuf_addf(&p, "%s/restore.sh", R->gen);
	struct strbuf script = STRBUF_INIT;
	strbuf_addf(&script, restore_sh, db_engine_name(R->snap.engine ? R->snap.engine : R->ci.engine));
	rc = write_plain(R->dir, p.buf, script.buf, R->files, err);
	strbuf_release(&script);
	strbuf_reset(&p);
	if (rc == 0) {
		strbuf_addf(&p, "%s/%s/restore.sh", R->dir, R->gen);
		chmod(p.buf, 0700);
		strbuf_release(&p);
		rc = files_tsv(R->dir, R->gen, &R->fl, R->files, err);
	}
	strbuf_release(&p);
	if (rc < 0) {
		json_decref(sf);
		json_decref(hf);
		return -1;
	}
	json_array_extend(R->files, sf);
	json_array_extend(R->files, hf);
	json_decref(sf);
	json_decref(hf);
	json_object_set_new(R->m, "stats",
			    json_pack("{s:i, s:I, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "tables", st->tables,
				      "rows", (json_int_t)st->rows, "dbFiles", st->db_files, "dbBytes",
				      (json_int_t)st->db_bytes, "storeFiles", (json_int_t)st->store_files,
				      "homeFiles", (json_int_t)st->home_files, "filesCopied",
				      (json_int_t)st->files_copied, "filesReused", (json_int_t)st->files_reused,
				      "filesHashed", (json_int_t)st->files_hashed, "bytesCopied",
				      (json_int_t)st->bytes_copied));
	json_t *stats = json_object_get(R->m, "stats");
	json_object_set_new(stats, "secondsDb", json_real((double)(int64_t)(st->seconds_db * 1000) / 1000));
	json_object_set_new(stats, "secondsFiles", json_real((double)(int64_t)(st->seconds_files * 1000) / 1000));
	json_object_set(R->m, "files", R->files);
	char done[32];
	bk_utc_iso(time(NULL), done, sizeof done);
	json_object_set_new(R->m, "completedTime", json_string(done));

	/* everything durable before the manifest that names it */
	double ts = lr_now();
	if (bk_make_durable(R->dir, R->gen, R->files, &R->fl, err) < 0)
		return -1;
	lr_verbose("files stored in %.2f s, made durable in %.2f s", ts - t0, lr_now() - ts);
	bk_crash_point("before-manifest");
	char *text = bk_manifest_text(R->m);
	rc = bk_write_atomic(R->dir, "manifest.json", text, strlen(text), "manifest-tmp", err);
	free(text);
	if (rc < 0)
		return -1;
	bk_crash_point("after-manifest");
	if (sums_file(R->dir, R->files, err) < 0)
		return -1;
	clean_leftovers(R->dir, R->gen);
	remove_unreferenced_objects(R->dir, R->files);
	return 0;
}

int backup_run(const struct backup_opts *o, struct backup_stats *st, int *warnings, json_t **manifest_out,
	       struct lr_err *err)
{
	struct run R;
	memset(&R, 0, sizeof R);
	memset(st, 0, sizeof *st);
	*warnings = 0;
	R.o = o;
	R.st = st;
	R.warnings = warnings;
	R.lockfd = -1;
	struct stat sb;
	int existed = stat(o->to, &sb) == 0;
	mode_t old = umask(077);
	int rc = run(&R, err);
	umask(old);
	if (R.snap_open)
		bk_snap_close(&R.snap);
	/* A run that made DIR and failed before it stored a file (no
	 * connection, a live portal, a missing store) leaves no directory
	 * behind that looks like a backup; once files are stored they stay,
	 * for the next run to resume. Under our lock: never another run's. */
	if (rc != 0 && !existed && R.locked && st->files_copied == 0)
		bk_rm_rf(R.dir);
	if (R.lockfd >= 0)
		close(R.lockfd);
	bk_store_release(&R.store);
	bk_filelist_release(&R.fl);
	db_conninfo_release(&R.ci);
	json_decref(R.prev);
	json_decref(R.files);
	if (rc == 0 && manifest_out)
		*manifest_out = R.m;
	else
		json_decref(R.m);
	return rc;
}
