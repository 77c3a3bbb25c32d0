/* analysis.h -- what the text says: sentences, quotations and who said them,
 * named entities with their mentions, and the parties of a reported deal.
 * The result is a value: sorted spans over body byte offsets plus tables.
 * No curses here. */
#ifndef LISEUSE_ANALYSIS_H
#define LISEUSE_ANALYSIS_H

#include "liseuse/common.h"
#include "liseuse/document.h"
#include "liseuse/lexicon.h"

#define LIS_ENTITY_TYPE_LIST(_) \
    _(PER,  "PER",  N_("person")) \
    _(ORG,  "ORG",  N_("organisation")) \
    _(LOC,  "LOC",  N_("place")) \
    _(MISC, "MISC", N_("other"))
enum lis_entity_type {
#define LIS_ET_ENUM(id, code, label) LIS_ENT_##id,
    LIS_ENTITY_TYPE_LIST(LIS_ET_ENUM)
#undef LIS_ET_ENUM
    LIS_ENT_COUNT
};
/* Language-neutral code ("PER") and translated label. */
const char *lis_entity_type_code(enum lis_entity_type t);
const char *lis_entity_type_label(enum lis_entity_type t);

#define LIS_MENTION_KIND_LIST(_) \
    _(NAME,       "name") \
    _(ALIAS,      "alias") \
    _(DESCRIPTOR, "descriptor") \
    _(PRONOUN,    "pronoun")
enum lis_mention_kind {
#define LIS_MK_ENUM(id, code) LIS_MENTION_##id,
    LIS_MENTION_KIND_LIST(LIS_MK_ENUM)
#undef LIS_MK_ENUM
    LIS_MENTION_COUNT
};
const char *lis_mention_kind_code(enum lis_mention_kind k);

struct lis_sentence {
    size_t start, end;          /* trimmed of surrounding spaces */
    size_t para;
};

struct lis_mention {
    size_t start, end;
    size_t entity;              /* index into analysis->entities */
    enum lis_mention_kind kind;
};

struct lis_entity {
    size_t id;                  /* == its index */
    char *name;                 /* canonical name (NFC UTF-8) */
    enum lis_entity_type type;
    size_t *mentions;           /* indexes into analysis->mentions, sorted */
    size_t n_mentions;
    size_t linked;              /* e.g. demonym -> its country; LIS_NONE */
};

struct lis_quote {
    size_t id;                  /* == its index */
    size_t start, end;          /* the quoted text, marks excluded */
    size_t outer_start, outer_end; /* marks included (highlighting) */
    bool closed;                /* false: no closing mark was found */
    size_t para;                /* paragraph of start */
    size_t speaker;             /* entity index or LIS_NONE */
    bool has_cue;
    struct lis_span cue;        /* the words that tell who speaks */
};

#define LIS_ROLE_LIST(_) \
    _(TARGET,    "target",    N_("Target")) \
    _(SELLER,    "seller",    N_("Seller")) \
    _(ACQUIRER,  "acquirer",  N_("Acquirer")) \
    _(BIDDER,    "bidder",    N_("Bidder")) \
    _(PARTNER,   "partner",   N_("Partner")) \
    _(REGULATOR, "regulator", N_("Authority"))
enum lis_role {
#define LIS_ROLE_ENUM(id, code, label) LIS_ROLE_##id,
    LIS_ROLE_LIST(LIS_ROLE_ENUM)
#undef LIS_ROLE_ENUM
    LIS_ROLE_COUNT
};
const char *lis_role_code(enum lis_role r);

#define LIS_BID_STATUS_LIST(_) \
    _(NONE,      NULL) \
    _(CHOSEN,    "chosen") \
    _(REJECTED,  "rejected") \
    _(WITHDRAWN, "withdrawn") \
    _(PENDING,   "pending")
enum lis_bid_status {
#define LIS_BS_ENUM(id, code) LIS_BID_##id,
    LIS_BID_STATUS_LIST(LIS_BS_ENUM)
#undef LIS_BS_ENUM
    LIS_BID_COUNT
};
const char *lis_bid_status_code(enum lis_bid_status s); /* NULL for NONE */

#define LIS_STANCE_LIST(_) \
    _(NONE,      NULL) \
    _(PRESSURE,  "pressure") \
    _(APPROVE,   "approve") \
    _(BLOCK,     "block") \
    _(CONDITION, "condition")
enum lis_stance {
#define LIS_ST_ENUM(id, code) LIS_STANCE_##id,
    LIS_STANCE_LIST(LIS_ST_ENUM)
#undef LIS_ST_ENUM
    LIS_STANCE_COUNT
};
const char *lis_stance_code(enum lis_stance s); /* NULL for NONE */

/* Translated panel label for a party ("Candidat retenu" for a chosen
 * bidder, "Candidat écarté" for a rejected one, ...). */
const char *lis_party_label(enum lis_role r, enum lis_bid_status s);

struct lis_party {
    size_t entity;              /* entity index */
    char *name;                 /* display name; for a target that is part
                                   of a company ("les activités américaines
                                   de TikTok") the phrase from the text */
    enum lis_role role;
    enum lis_bid_status status; /* bidders */
    enum lis_stance stance;     /* regulators */
    struct lis_span *evidence;  /* sentence spans, strongest first */
    size_t n_evidence;
    size_t *quotes;             /* quote indexes it spoke */
    size_t n_quotes;
};

#define LIS_DEAL_KIND_LIST(_) \
    _(ACQUISITION, "acquisition") \
    _(BID,         "takeover-bid") \
    _(MERGER,      "merger") \
    _(SALE,        "sale") \
    _(STAKE,       "stake") \
    _(FORCED_SALE, "forced-sale")
enum lis_deal_kind {
#define LIS_DK_ENUM(id, code) LIS_DEAL_##id,
    LIS_DEAL_KIND_LIST(LIS_DK_ENUM)
#undef LIS_DK_ENUM
    LIS_DEAL_COUNT
};
const char *lis_deal_kind_code(enum lis_deal_kind k);

struct lis_deal {
    enum lis_deal_kind kind;
    const char *status;         /* "proposed" "rejected" "agreed" "completed" "blocked" */
    char *summary;              /* one line, in the article's language */
};

struct lis_analysis {
    struct lis_sentence *sentences;  /* sorted */
    size_t n_sentences;
    size_t n_words;
    struct lis_quote *quotes;        /* sorted by start */
    size_t n_quotes;
    struct lis_entity *entities;     /* by first mention */
    size_t n_entities;
    struct lis_mention *mentions;    /* all entities', sorted by start */
    size_t n_mentions;
    struct lis_party *parties;       /* in panel order */
    size_t n_parties;
    struct lis_deal *deal;           /* NULL: no deal reported */
};

/* Progress callback for long analyses: done/total in bytes; return false to
 * cancel (then lis_analyze returns NULL). May be NULL. */
typedef bool (*lis_progress_fn)(void *ctx, size_t done, size_t total);

/* Analyse doc with the lexicons.  Borrows both; the result owns its
 * memory.  Returns NULL only when cancelled. */
struct lis_analysis *lis_analyze(const struct lis_document *doc,
                                 const struct lis_lexicons *lx,
                                 lis_progress_fn progress, void *ctx);
void lis_analysis_free(struct lis_analysis *an);

/* Stages, in the order lis_analyze runs them (each fills its part of an;
 * exposed for tests). */
void lis_sentences_split(const struct lis_document *doc,
                         const struct lis_lexicons *lx,
                         struct lis_analysis *an);
void lis_entities_find(const struct lis_document *doc,
                       const struct lis_lexicons *lx,
                       struct lis_analysis *an);
void lis_quotes_find(const struct lis_document *doc,
                     const struct lis_lexicons *lx, struct lis_analysis *an);
void lis_parties_find(const struct lis_document *doc,
                      const struct lis_lexicons *lx, struct lis_analysis *an);

/* Lookups (binary searches over the sorted arrays). */
/* Index of the first quote whose start is > off (next), or the last whose
 * start is < off (prev); LIS_NONE when there is none. */
size_t lis_quote_next(const struct lis_analysis *an, size_t off);
size_t lis_quote_prev(const struct lis_analysis *an, size_t off);
/* Same over mentions; entity == LIS_NONE means any entity. */
size_t lis_mention_next(const struct lis_analysis *an, size_t off,
                        size_t entity);
size_t lis_mention_prev(const struct lis_analysis *an, size_t off,
                        size_t entity);
/* Index of the first mention whose start is >= off (n_mentions when
 * there is none): where a scan of the mentions from off begins. */
size_t lis_mention_lower_bound(const struct lis_analysis *an, size_t off);
/* Quote / sentence containing off, or LIS_NONE. */
size_t lis_quote_at(const struct lis_analysis *an, size_t off);
size_t lis_sentence_at(const struct lis_analysis *an, size_t off);
/* Party index of an entity, or LIS_NONE. */
size_t lis_party_of_entity(const struct lis_analysis *an, size_t entity);

/* JSON (format "liseuse-analysis/1") and text reports; append to out. */
void lis_analysis_to_json(const struct lis_document *doc,
                          const struct lis_analysis *an, bool pretty,
                          struct lis_buf *out);
void lis_analysis_to_text(const struct lis_document *doc,
                          const struct lis_analysis *an,
                          struct lis_buf *out);

#endif
