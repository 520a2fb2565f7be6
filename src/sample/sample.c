/* lrprep sample: scale, write, index, record the truth. */
#include "sample.h"
#include "world.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "../util/xalloc.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

void sample_opts_default(struct sample_opts *o)
{
	memset(o, 0, sizeof *o);
	o->ver = SV_62;
	o->seed = 1;
	o->sites = 6;
	o->articles = 8;
	o->versions = 6;
	o->documents = 5;
	o->users = 12;
	o->indexes = 1;
}

int sample_build_number(enum sample_ver v)
{
	return v == SV_70 ? 7002 : v == SV_71 ? 7100 : 6205;
}

const char *sample_ver_name(enum sample_ver v)
{
	return v == SV_70 ? "7.0" : v == SV_71 ? "7.1" : "6.2";
}

/* The reference "now" of every sample: dates are relative to it, so a
 * sample is the same whenever it is generated. */
#define REFERENCE_Y 2026
#define REFERENCE_M 11
#define REFERENCE_D 1


static void world_init(struct world *w, struct out *o, const struct sample_opts *opt)
{
	memset(w, 0, sizeof *w);
	w->o = o;
	w->opt = opt;
	w->ver = opt->ver;
	w->v7 = opt->ver != SV_62;
	w->rng = opt->seed ^ 0x6c72707265702121ULL;
	w->id = 20000;
	w->now = epoch_of(REFERENCE_Y, REFERENCE_M, REFERENCE_D);
	w->tGroup = out_table(o, "Group_");
	w->tLayout = out_table(o, "Layout");
	w->tLayoutSet = out_table(o, "LayoutSet");
	w->tLFU = out_table(o, "LayoutFriendlyURL");
	w->tPP = out_table(o, "PortletPreferences");
	w->tRP = out_table(o, "ResourcePermission");
	w->tAsset = out_table(o, "AssetEntry");
	w->tJA = out_table(o, "JournalArticle");
	w->tJAR = out_table(o, "JournalArticleResource");
	w->tJAL = out_table(o, "JournalArticleLocalization");
	w->tDLFE = out_table(o, "DLFileEntry");
	w->tDLFV = out_table(o, "DLFileVersion");
	w->tUser = out_table(o, "User_");
	w->tContact = out_table(o, "Contact_");
	w->tUR = out_table(o, "Users_Roles");
	w->tUG = out_table(o, "Users_Groups");
	w->tSA = out_table(o, "SocialActivity");
	w->tRS = out_table(o, "RatingsStats");
	w->tRE = out_table(o, "RatingsEntry");
	w->tMBM = out_table(o, "MBMessage");
	w->tMBT = out_table(o, "MBThread");
	w->tMBD = out_table(o, "MBDiscussion");
	w->tDDMSL = out_table(o, "DDMStorageLink");
	w->tDDMTL = out_table(o, "DDMTemplateLink");
	w->tWIL = out_table(o, "WorkflowInstanceLink");
	w->tKI = out_table(o, "KaleoInstance");
	w->tSE = out_table(o, "SystemEvent");
	w->tJCS = out_table(o, "JournalContentSearch");
}

static int64_t count_rows(const struct sample_schema *schema, const struct sample_opts *opt)
{
	struct out o;
	struct world w;
	out_init(&o, NULL, OUT_COUNT, schema);
	world_init(&w, &o, opt);
	gen_world(&w);
	int64_t n = o.total;
	out_release(&o);
	return n;
}

/* --rows: a larger sample has more of everything; the site count is solved
 * from two counting runs (rows grow linearly with sites). */
static void solve_scale(const struct sample_schema *schema, struct sample_opts *o)
{
	double f = (double)o->rows / 5000.0;
	if (f > 20) {
		o->articles = 12;
		o->versions = 8;
		o->documents = 2; /* files are the slow part of a large sample */
	}
	struct sample_opts a = *o, b = *o;
	a.sites = 2;
	a.users = 4;
	b.sites = 202; /* enough sites to average out their random sizes */
	b.users = 4 + 200 / 2;
	int64_t ra = count_rows(schema, &a), rb = count_rows(schema, &b);
	double per = (double)(rb - ra) / 200.0, fixed = (double)ra - 2 * per;
	double sites = ((double)o->rows - fixed) / per;
	if (sites < 1)
		sites = 1;
	o->sites = (int)(sites + 0.5);
	o->users = 4 + (o->sites - 2) / 2;
	if (o->users < 4)
		o->users = 4;
}

/* Some pragmas return a row (journal_mode): each runs as a query. */
static int run_pragmas(struct db *db, const char *const *pragmas, size_t n, struct lr_err *err)
{
	for (size_t i = 0; i < n; i++) {
		struct db_cursor *c;
		if (db_query(db, pragmas[i], NULL, 0, &c, err) < 0)
			return -1;
		while (db_next(c, err) > 0)
			;
		db_cursor_close(c);
	}
	return 0;
}

/* CREATE INDEX sorts its keys: with little sort memory and temporary
 * files, SQLite sorts chunks on worker threads while its table scan goes on
 * (one big in-memory sort is single-threaded): the 35 JournalArticle indexes
 * of ten million rows took 36 s instead of 49 s on two cores. Runs of 1 MB
 * (with db_sqlite_bulk_init's minimum) sort in the CPU's cache: 32 MB runs
 * took 1.4 times as long. */
static const char *const index_pragmas[] = {
	"PRAGMA cache_size=-1024", "PRAGMA temp_store=DEFAULT", "PRAGMA threads=2",
};

static void header(const struct world *w, const struct sample_opts *o, const struct out *out,
		   int64_t files, struct strbuf *h)
{
	char ref[20];
	out_fmt_date(w->now, ref);
	strbuf_addf(h, "\"format\": \"lrprep-sample-truth\", \"formatVersion\": 1,\n"
		    " \"liferay\": \"%s\", \"buildNumber\": %d, \"seed\": %llu,\n"
		    " \"referenceDate\": \"%s\", \"referenceEpochMs\": %lld,\n"
		    " \"scale\": {\"sites\": %d, \"articles\": %d, \"versions\": %d, \"documents\": %d, "
		    "\"users\": %d},\n \"totalRows\": %lld,\n"
		    " \"store\": {\"layout\": \"%s\", \"files\": %lld},\n"
		    " \"rules\": {\"article\": {\"keepFirst\": 1, \"keepLast\": 3, \"keepStatuses\": "
		    "\"all but 0 (approved) and 3 (expired)\", \"keepLatestApproved\": true, "
		    "\"keepAssetEntryClassPK\": true}, \"document\": {\"keepLatestApproved\": true, "
		    "\"keepPWC\": true, \"keepNonApproved\": true}, \"staleLoginDays\": 365, "
		    "\"unusedSiteIdleDays\": 365}",
		    sample_ver_name(o->ver), sample_build_number(o->ver), (unsigned long long)o->seed,
		    ref, (long long)w->now * 1000, o->sites, o->articles, o->versions, o->documents,
		    o->users, (long long)out->total,
		    !o->store_dir ? "none" : o->store_advanced ? "advanced" : "fs",
		    (long long)files);
}

int sample_generate(struct db *db, const struct sample_opts *opt, const char *truth_path,
		    struct sample_result *res, struct lr_err *err)
{
	struct sample_opts o = *opt;
	struct sample_schema schema;
	double t0 = lr_now(); /* -v: where the time goes (docs/sample.md, Scale and speed) */
	sample_schema_load(o.ver, &schema);
	if (o.rows > 0) {
		solve_scale(&schema, &o);
		lr_phase("sample", "scale", &t0);
	}
	if (o.versions < 1)
		o.versions = 1;

	int rc = -1;
	struct out out;
	struct world w;
	struct truth truth;
	truth_init(&truth);
	/* SQLite: rows are inserted by a second thread while this one generates */
	out_init(&out, db, db_engine(db) == DB_SQLITE ? OUT_PIPE : OUT_BUFFERED, &schema);
	world_init(&w, &out, &o);
	w.truth = &truth;

	if (db_engine(db) == DB_SQLITE) {
		/* a fresh file nobody else reads: durability is the rename at the end */
		static const char *const pragmas[] = {
			"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
			"PRAGMA cache_size=-262144", "PRAGMA temp_store=MEMORY",
			"PRAGMA locking_mode=EXCLUSIVE",
		};
		/* big pages make a large load and its index builds cheaper, but a
		 * small sample would be mostly empty pages */
		struct lr_err ignore = LR_ERR_INIT;
		if (o.rows >= 1000000 || (int64_t)o.sites * o.articles * o.versions >= 1000000)
			db_exec(db, "PRAGMA page_size=65536", NULL, 0, NULL, &ignore);
		if (run_pragmas(db, pragmas, sizeof pragmas / sizeof *pragmas, err) < 0)
			goto done;
	}
	if (o.store_dir && store_open(o.store_dir, o.store_advanced, &w.store, err) < 0)
		goto done;
	if (!o.indexes)
		store_go(w.store); /* no index phase to leave cycles: alongside the rows */
	if (sample_create_tables(db, &schema, err) < 0)
		goto done;
	if (db_begin(db, err) < 0)
		goto done;
	lr_phase("sample", "tables", &t0);
	gen_world(&w);
	lr_phase("sample", "rows", &t0); /* generated here, inserted by the pipe's thread */
	if (out_finish(&out, err) < 0) {
		db_rollback(db, NULL);
		goto done;
	}
	lr_phase("sample", "insert (rest)", &t0);
	/* the files now, while the indexes are built (they leave cycles; during
	 * the rows both cores are busy generating and inserting) */
	store_go(w.store);
	if (db_commit(db, err) < 0)
		goto done;
	lr_phase("sample", "commit", &t0);
	if (o.indexes) {
		if (db_engine(db) == DB_SQLITE &&
		    run_pragmas(db, index_pragmas, sizeof index_pragmas / sizeof *index_pragmas,
				err) < 0)
			goto done;
		/* one transaction: one commit instead of one per index (MariaDB
		 * commits DDL by itself) */
		int tx = db_engine(db) != DB_MARIADB;
		if (tx && db_begin(db, err) < 0)
			goto done;
		if (sample_create_indexes(db, &schema, err) < 0) {
			if (tx)
				db_rollback(db, NULL);
			goto done;
		}
		if (tx && db_commit(db, err) < 0)
			goto done;
		lr_phase("sample", "indexes", &t0);
	}
	int64_t files = 0;
	rc = store_close(w.store, &files, err);
	w.store = NULL;
	if (rc < 0)
		goto done;
	lr_phase("sample", "store (rest)", &t0);

	for (int i = 0; i < schema.ntables; i++) {
		struct jw *j = truth_item(&truth, T_TABLES);
		jw_int(j, schema.tables[i].name, out_rows(out_table(&out, schema.tables[i].name)));
	}
	struct strbuf h = STRBUF_INIT;
	header(&w, &o, &out, files, &h);
	rc = truth_path ? truth_write(&truth, truth_path, h.buf, err) : 0;
	strbuf_release(&h);
	lr_phase("sample", "truth", &t0);
	if (res) {
		res->rows = out.total;
		res->files = files;
		res->sites = o.sites;
		res->articles = o.articles;
		res->versions = o.versions;
		res->documents = o.documents;
		res->users = o.users;
	}
done:
	if (w.store)
		store_close(w.store, NULL, NULL);
	out_release(&out);
	truth_release(&truth);
	sample_schema_free(&schema);
	return rc;
}
