/* Shared state of one sample generation run: the writer, the deterministic
 * random stream, id counters, class names, the companies and the ground
 * truth being recorded. Private to src/sample. */
#ifndef LR_SAMPLE_WORLD_H
#define LR_SAMPLE_WORLD_H
#include "out.h"
#include "sample.h"
#include "store.h"
#include "truth.h"
#include <stdint.h>

/* splitmix64: tiny, fast, and the same stream on every platform. */
static inline uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Class names the generator refers to (ClassName_ rows); values per version
 * live in the table in gen_core.c. */
enum cn {
	CN_ASSETCATEGORY, CN_ASSETENTRY, CN_ASSETTAG, CN_ASSETVOCABULARY, CN_BLOGSENTRY,
	CN_CALBOOKING, CN_CALENDAR, CN_COMPANY, CN_CONTACT, CN_DDLRECORDSET, CN_DDMCONTENT,
	CN_DDMSTRUCTURE, CN_DDMTEMPLATE, CN_DLFILEENTRY, CN_DLFILEENTRYMETADATA,
	CN_DLFILEENTRYTYPE, CN_DLFILESHORTCUT, CN_DLFILEVERSION, CN_DLFOLDER, CN_GROUP,
	CN_JOURNALARTICLE, CN_JOURNALFOLDER, CN_LAYOUT, CN_LAYOUTPROTOTYPE,
	CN_LAYOUTSETPROTOTYPE, CN_MBCATEGORY, CN_MBDISCUSSION, CN_MBMESSAGE, CN_MBTHREAD,
	CN_ORGANIZATION, CN_REPOSITORY, CN_ROLE, CN_USER, CN_USERGROUP, CN_USERPERSONALSITE,
	CN_WIKIPAGE, CN_COUNT
};

enum role { R_ADMIN, R_GUEST, R_OWNER, R_POWERUSER, R_USER, R_SITEADMIN, R_SITEMEMBER,
	    R_SITEOWNER, R_ORGADMIN, R_ORGOWNER, R_ORGUSER, R_COUNT };

#define DAY 86400LL

struct site;
struct company {
	int64_t id, accountId, defaultUserId, adminUserId;
	int64_t guestGroupId, globalGroupId, cpGroupId, upsGroupId;
	int64_t role[R_COUNT];
	const char *webId;
	int64_t created;
};

/* A site (Group_) while its pages are being written: LayoutSets are written
 * last, when their pageCount is known. */
struct site {
	int64_t groupId, companyId, creatorUserId, liveGroupId;
	char friendlyURL[128];
	char name[128];
	char uuid[37];
	int nextLayoutId[2];  /* per privateLayout */
	int pageCount[2];
	int64_t lastPublish[2]; /* ms since epoch, -1: no last-publish-date */
	int64_t modified;       /* typical modifiedDate of its content */
	int64_t structureId, templateId;     /* the site's web content structure */
	char structureKey[76], templateKey[76];
	int64_t folderId;                    /* its documents folder (0: none) */
	int64_t journalFolderId;
	int64_t categoryId, tagId;           /* asset taxonomy */
	int64_t calendarId;
	int stagedPortlets;                  /* staging group: write lastPublishDate */
	char showArticle[32];                /* article of the pages' Web Content Display */
};

struct article {
	int64_t resourcePrimKey, assetEntryId, groupId;
	char articleId[32];
	char uuid[37];
	int64_t ids[64];
	double versions[64];
	int status[64];
	int64_t modified[64];
	int n;
	int pin;              /* in: version an extra AssetEntry points at (-1: none) */
	int noStructure;       /* in: basic web content (6.2: no structure) */
	int64_t publishedAt;   /* in: 7.x lastPublishDate of versions before it (0: none) */
};

struct document {
	int64_t fileEntryId, groupId, folderId, assetEntryId;
	char name[24];
	char title[96];
	int64_t versionIds[48];
	char versions[48][8];
	int status[48];
	int n;
	int missing;           /* in: version whose store file is not written (-1) */
	int64_t publishedAt;
};

struct world {
	struct out *o;
	const struct sample_opts *opt;
	enum sample_ver ver;
	int v7;                  /* 7.0 or 7.1 */
	uint64_t rng;
	uint64_t uuid_n;         /* uuid counter (hashed: unique and stable) */
	int64_t id;              /* com.liferay.counter...Counter */
	int64_t dlname;          /* DLFileEntry names */
	int64_t now;             /* fixed reference time (epoch s) */
	int64_t cn[CN_COUNT];
	struct company c[2];     /* [0] default instance, [1] unused instance */
	struct site *guest[2];    /* Guest sites, open until their content is written */
	int64_t basicStructureId, basicTemplateId; /* 7.x BASIC-WEB-CONTENT */
	int64_t layoutSetBranchId, stagingGroupId;  /* of the local staged site (orphan planting) */
	int64_t remoteLiveGroupId;
	int pendingRemoteStagingGroupCount; /* for the next site_open */
	char lastLayoutUuid[37];  /* uuid_ of the page gen_layout wrote last */
	int64_t kaleoDefinitionId;
	int64_t expandoTableId, expandoColumnId;
	int64_t adminUsers[4];
	int64_t *members;        /* active users of company 0 */
	int nmembers;
	struct store *store;     /* NULL when only counting */
	struct truth *truth;     /* NULL when only counting */
	/* tables used everywhere, looked up once */
	struct otab *tGroup, *tLayout, *tLayoutSet, *tLFU, *tPP, *tRP, *tAsset, *tJA, *tJAR,
		*tJAL, *tDLFE, *tDLFV, *tUser, *tContact, *tUR, *tUG, *tSA, *tRS, *tRE, *tMBM,
		*tMBT, *tMBD, *tDDMSL, *tDDMTL, *tWIL, *tKI, *tSE, *tJCS;
};

/* gen_util.c */
int64_t nid(struct world *w);
int rnd(struct world *w, int n);          /* uniform 0..n-1 */
void uuid(struct world *w, char out[37]);
const char *cn_value(const struct world *w, enum cn c);
const char *portal_model(const struct world *w, const char *entity); /* Group -> com.liferay.portal[.kernel].model.Group */
void group_name(const struct world *w, const char *name, struct strbuf *out); /* 7.x: localized XML */
int64_t epoch_of(int y, int m, int d);
void rp(struct world *w, int64_t companyId, const char *name, int scope, const char *primKey,
	int64_t roleId, int64_t actions);
void rp_id(struct world *w, int64_t companyId, const char *name, int scope, int64_t primKey,
	   int64_t roleId, int64_t actions);

/* gen_core.c */
void gen_classnames(struct world *w);
void gen_release(struct world *w);
void gen_company(struct world *w, int which, const char *webId, const char *mx, int64_t created);
int64_t gen_user(struct world *w, int ci, const char *screenName, const char *first,
		 const char *last, int status, int64_t lastLogin, int personalSite, int admin);
void site_open(struct world *w, struct site *s, int ci, enum cn cls, int64_t classPK,
	       const char *name, const char *friendlyURL, int type, int isSite,
	       const char *typeSettings, int64_t liveGroupId, int64_t created, int64_t modified);
void site_close(struct world *w, struct site *s);
int64_t gen_layout(struct world *w, struct site *s, int priv, int parentLayoutId, const char *name,
		   const char *friendlyURL, const char *const *portlets, int nportlets,
		   int64_t modified, int *layoutIdOut);
void member(struct world *w, struct site *s, int64_t userId, int64_t companyId);
void gen_user_record(struct world *w, enum tsec sec, int64_t userId, const char *screenName,
		     int status, int64_t lastLogin, const char *reason);
void gen_counter(struct world *w);
void gen_world(struct world *w);

/* gen_content.c, gen_ddm.c, gen_apps.c */
void localized(struct strbuf *sb, const char *tag, const char *text);
int64_t company_role(struct world *w, int64_t companyId, enum role r);
void gen_calendar(struct world *w, struct site *s, int bookings);
void gen_site_taxonomy(struct world *w, struct site *s);
void gen_structure(struct world *w, struct site *s, const char *key, const char *name,
		   const char *const *fields, int nfields, int64_t *idOut, int with_template,
		   int64_t *templateIdOut, const char *templateKey);
void gen_article(struct world *w, struct site *s, const int *status, int n, int64_t created,
		 int64_t step, struct article *a);
void gen_document(struct world *w, struct site *s, int64_t folderId, const int *status, int n,
		  int pwc, int64_t created, int64_t step, struct document *d);
void gen_site_content(struct world *w, struct site *s, int articles, int versions,
		      int documents, int64_t created);
void gen_apps(struct world *w);
void portlet_id(struct world *w, char *buf, size_t n, const char *v62, const char *v7x,
		int instance);

/* gen_plant.c, gen_staging.c, gen_orphans.c */
void gen_planted(struct world *w);
void gen_staging(struct world *w);
void gen_orphans(struct world *w);
#endif
