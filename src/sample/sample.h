/* lrprep sample: a realistic Liferay database (6.2, 7.0, 7.1) of any size,
 * deterministic for a seed, with planted conditions recorded in a ground
 * truth file (docs/ground-truth.md) and a matching document store. */
#ifndef LR_SAMPLE_SAMPLE_H
#define LR_SAMPLE_SAMPLE_H
#include "../db/db.h"
#include "schema.h"
#include <stdint.h>

struct sample_opts {
	enum sample_ver ver;
	uint64_t seed;
	int sites;          /* regular sites with content (scaled part) */
	int articles;       /* web content articles per site */
	int versions;       /* average versions per article */
	int documents;      /* documents per site */
	int users;          /* active users */
	int64_t rows;       /* >0: target total rows, overrides the five above */
	const char *store_dir;  /* document store root, NULL: none */
	int store_advanced;     /* AdvancedFileSystemStore layout */
	int indexes;            /* create the product's indexes after loading */
};

struct sample_result {
	int64_t rows;
	int64_t files;
	int sites, articles, versions, documents, users; /* scale actually used */
};

void sample_opts_default(struct sample_opts *o);
/* Liferay build number and label of the portal row for a version. */
int sample_build_number(enum sample_ver v);
const char *sample_ver_name(enum sample_ver v);
/* Write the sample into an empty database; the truth JSON goes to truth_path. */
int sample_generate(struct db *db, const struct sample_opts *o, const char *truth_path,
		    struct sample_result *res, struct lr_err *err);
#endif
