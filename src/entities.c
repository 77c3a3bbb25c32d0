/* entities.c -- named entities (PER, ORG, LOC, MISC) and their mentions:
 * names, variants, descriptors ("la société") and subject pronouns
 * resolved to the entity they stand for.
 *
 * Two linear passes over the sentences.  The first only records which
 * words occur in lower case and which occur capitalised where
 * capitalisation means something (not at a sentence start, after a colon
 * or an opening quote): a capitalised word at a sentence start is a name
 * only with evidence (a lexicon, CamelCase, an acronym, seen capitalised
 * mid-sentence, followed by a verb) and never when the same word also
 * occurs in lower case ("Pour", "Mais", "Face").  The second pass reads
 * tokens left to right and emits mentions in order, so they come out
 * sorted and non-overlapping.  Coreference keeps per-entity state in a
 * hash table and a small ring of recent mentions: no scan over all
 * previous mentions.
 *
 * Resolution.  A descriptor ("la société", "du groupe", "la firme de
 * Redmond") or a subject pronoun ("il", "elle", "-t-il") takes the
 * compatible entities of the most recent sentence that has any (within 3
 * sentences for descriptors, 1 for pronouns); one of them, or the subject
 * of that sentence when there are several; otherwise nothing is emitted.
 * The subject is the first mention of a sentence that is not governed by
 * a preposition, not after "et", not after a verb (unless "que" inverted
 * it: "qu'aurait fait Microsoft") and not inside a quotation.  Pronouns
 * only take subjects.  Narrow descriptors ("la banque", marked ORG! in the
 * lexicon) only take an entity introduced with the same noun.
 *
 * Governments: "le gouvernement Trump", "l'administration Trump" give one
 * ORG entity named after the first form met ("gouvernement Trump"), keyed
 * on the name that follows, and linked (entity.linked) to the entity of
 * that name when the article names it elsewhere.  "le gouvernement
 * américain" gives an ORG "gouvernement américain" linked to the country
 * (États-Unis).  A regulator is therefore an ORG whose name starts with a
 * government noun of fr-titles.txt (kind "gov"); governments are never
 * taken by company descriptors ("la société").
 *
 * Lexicons (data/): fr-places.txt (LOC), fr-organisations.txt (ORG),
 * fr-demonyms.txt (MISC, linked to the place), fr-persons.txt (first
 * names, with gender), fr-titles.txt (titles, roles, name heads, legal
 * forms, government nouns, non-names), fr-descriptors.txt (phrase ->
 * type), plus fr-stopwords.txt and fr-speech-verbs.txt. */
#include <config.h>

#include "liseuse/analysis.h"

#include "analysis_run.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* ------------------------------------------------------------ tokens */

enum {
    T_CAP = 1 << 0,      /* first letter upper case */
    T_UPPER = 1 << 1,    /* acronym: >= 2 letters, all upper case */
    T_CAMEL = 1 << 2,    /* upper case after lower case (TikTok, iPhone) */
    T_LOWER = 1 << 3,    /* first letter lower case */
    T_DIGIT = 1 << 4,    /* starts with a digit */
    T_ELIDED = 1 << 5,   /* l' d' qu' ...: ends with its apostrophe */
    T_WEAK = 1 << 6,     /* capitalisation proves nothing here */
    T_GAP = 1 << 7,      /* not only white space before it */
    T_INITIAL = 1 << 8,  /* one capital letter followed by '.' */
    T_COMMA = 1 << 9,    /* a comma before it */
    T_QUOTE = 1 << 10,   /* a quotation mark before it */
    T_LETTERS1 = 1 << 11, /* a single letter */
    T_ROMAN = 1 << 12,   /* a Roman numeral (III, IV) */
    T_HASDIGIT = 1 << 13, /* has a digit (3DS, MD-83) */
    T_HYPHEN = 1 << 14,  /* has a hyphen (États-Unis, dit-il) */
    T_EXOTIC = 1 << 15,  /* has a letter past Latin Extended-B */
    T_JOINED = 1 << 16   /* a soft hyphen or an apostrophe inside it
                            (aujourd'hui), not an elision */
};

/* Function words the rules look at, recognised once per token. */
enum fw {
    FW_NONE,
    /* determiners */
    FW_LE, FW_LA, FW_LES, FW_L, FW_CE, FW_CET, FW_CETTE, FW_CES, FW_UN,
    FW_UNE,
    /* particles of names */
    FW_DE, FW_DU, FW_DES, FW_D, FW_VAN, FW_VON, FW_DER, FW_DEN, FW_DI,
    FW_DA, FW_DEL, FW_DELLA, FW_DOS, FW_BIN, FW_BEN, FW_IBN, FW_AL, FW_EL,
    /* prepositions */
    FW_A, FW_AU, FW_AUX, FW_EN, FW_PAR, FW_POUR, FW_AVEC, FW_CHEZ, FW_SUR,
    FW_CONTRE, FW_ENTRE, FW_SELON, FW_SANS, FW_VERS, FW_DANS, FW_APRES,
    FW_AVANT, FW_DEPUIS, FW_PENDANT, FW_SOUS, FW_MALGRE, FW_PARMI,
    FW_FACE,
    /* what may precede a subject pronoun */
    FW_ET, FW_MAIS, FW_QUE, FW_QU, FW_LORSQU, FW_PUISQU, FW_QUAND, FW_CAR,
    FW_OU, FW_OUU, FW_SI, FW_S, FW_COMME, FW_DONC, FW_ALORS, FW_QUI,
    FW_N,
    /* pronouns */
    FW_IL, FW_ELLE, FW_Y,
    /* common verbs after a subject (evidence for a sentence-initial name),
     * and those that make "il" impersonal */
    FW_VERB, FW_IMPERS, FW_ETRE,
    /* number words ("Deux Britanniques") */
    FW_NUM
};

struct fw_entry {
    const char *w;
    enum fw fw;
};

/* Sorted by w (byte order of the folded UTF-8) for bsearch. */
static const struct fw_entry fw_table[] = {
    { "a", FW_VERB }, { "affirme", FW_VERB }, { "al", FW_AL },
    { "alors", FW_ALORS }, { "annonce", FW_VERB }, { "au", FW_AU },
    { "aura", FW_VERB }, { "aurait", FW_VERB }, { "aux", FW_AUX },
    { "avait", FW_VERB }, { "avant", FW_AVANT }, { "avec", FW_AVEC },
    { "ben", FW_BEN }, { "bin", FW_BIN }, { "c'", FW_NONE },
    { "car", FW_CAR }, { "ce", FW_CE }, { "cent", FW_NUM }, { "ces", FW_CES },
    { "cet", FW_CET }, { "cette", FW_CETTE }, { "chez", FW_CHEZ },
    { "cinq", FW_NUM }, { "comme", FW_COMME }, { "contre", FW_CONTRE },
    { "d'", FW_D }, { "da", FW_DA }, { "dans", FW_DANS }, { "de", FW_DE },
    { "del", FW_DEL }, { "della", FW_DELLA }, { "den", FW_DEN },
    { "depuis", FW_DEPUIS }, { "der", FW_DER }, { "des", FW_DES },
    { "deux", FW_NUM }, { "di", FW_DI }, { "dit", FW_VERB },
    { "dix", FW_NUM }, { "doit", FW_VERB }, { "donc", FW_DONC },
    { "dos", FW_DOS }, { "du", FW_DU }, { "déclare", FW_VERB },
    { "el", FW_EL }, { "elle", FW_ELLE }, { "en", FW_EN },
    { "entre", FW_ENTRE }, { "est", FW_ETRE }, { "estime", FW_VERB },
    { "et", FW_ET }, { "explique", FW_VERB }, { "face", FW_FACE },
    { "fait", FW_VERB }, { "faut", FW_IMPERS }, { "fut", FW_VERB },
    { "huit", FW_NUM }, { "ibn", FW_IBN }, { "il", FW_IL },
    { "indique", FW_VERB }, { "l'", FW_L }, { "la", FW_LA }, { "le", FW_LE },
    { "les", FW_LES }, { "lorsqu'", FW_LORSQU }, { "mais", FW_MAIS },
    { "malgré", FW_MALGRE }, { "mille", FW_NUM }, { "n'", FW_N },
    { "neuf", FW_NUM }, { "ont", FW_VERB }, { "ou", FW_OU }, { "où", FW_OUU },
    { "par", FW_PAR }, { "paraît", FW_IMPERS }, { "parmi", FW_PARMI },
    { "pendant", FW_PENDANT }, { "peut", FW_VERB }, { "pour", FW_POUR },
    { "puisqu'", FW_PUISQU }, { "qu'", FW_QU }, { "quand", FW_QUAND },
    { "quatre", FW_NUM }, { "que", FW_QUE }, { "qui", FW_QUI },
    { "regrette", FW_VERB }, { "reste", FW_VERB }, { "s'", FW_S },
    { "sans", FW_SANS }, { "selon", FW_SELON }, { "semble", FW_IMPERS },
    { "sept", FW_NUM }, { "sera", FW_ETRE }, { "serait", FW_ETRE },
    { "si", FW_SI }, { "six", FW_NUM }, { "sont", FW_VERB },
    { "souhaite", FW_VERB }, { "sous", FW_SOUS }, { "sur", FW_SUR },
    { "trois", FW_NUM }, { "un", FW_UN }, { "une", FW_UNE },
    { "va", FW_VERB }, { "van", FW_VAN }, { "vers", FW_VERS },
    { "veut", FW_VERB }, { "vient", FW_VERB }, { "von", FW_VON },
    { "y", FW_Y }, { "à", FW_A }, { "était", FW_ETRE }, { "été", FW_NONE },
};

static bool fw_is_det(enum fw f)
{
    return f >= FW_LE && f <= FW_UNE;
}

static bool fw_is_de(enum fw f)
{
    return f == FW_DE || f == FW_DU || f == FW_DES || f == FW_D;
}

static bool fw_is_particle(enum fw f)
{
    return f >= FW_DE && f <= FW_EL;
}

static bool fw_is_prep(enum fw f)
{
    return (f >= FW_DE && f <= FW_D) || (f >= FW_A && f <= FW_FACE);
}

static bool fw_is_verb(enum fw f)
{
    return f == FW_VERB || f == FW_ETRE;
}

struct tok {
    size_t s, e;
    uint64_t h;             /* fold_hash of the word, computed in passing */
    unsigned flags;
    enum fw fw;
};

/* ------------------------------------------------------------ tables */

/* A set of 64-bit hashes (0 is the empty mark). */
struct hset {
    uint64_t *v;
    size_t cap, n;
    size_t mask;            /* cap - 1, kept: one instruction less a probe */
};

static void hset_grow(struct hset *h)
{
    uint64_t *old = h->v;
    size_t oldcap = h->cap, k, i;

    h->cap = h->cap ? h->cap * 2 : 1024;
    h->mask = h->cap - 1;
    h->v = lis_xcalloc(h->cap, sizeof *h->v);
    for (k = 0; k < oldcap; k++) {
        if (!old[k])
            continue;
        i = old[k] & h->mask;
        while (h->v[i])
            i = (i + 1) & h->mask;
        h->v[i] = old[k];
    }
    free(old);
}

/* Add x to h (out of line: hset_add has the common case). */
static void hset_insert(struct hset *h, uint64_t x)
{
    size_t i;

    if (!x)
        x = 1;
    if (!h->cap)
        hset_grow(h);
    i = x & h->mask;
    while (h->v[i]) {
        if (h->v[i] == x)
            return;
        i = (i + 1) & h->mask;
    }
    h->v[i] = x;
    /* at most half full: probes stay short, a free slot always exists */
    if (++h->n * 2 > h->cap)
        hset_grow(h);
}

/* Add x to h, which has slots (hset_grow'n once).  Inline, called once per
 * word of the first pass: most words are already there, at their first
 * probe. */
static inline void hset_add(struct hset *h, uint64_t x)
{
    uint64_t k = x ? x : 1;

    if (h->v[k & h->mask] == k)
        return;
    hset_insert(h, x);
}

static bool hset_has(const struct hset *h, uint64_t x)
{
    size_t i;

    if (!x)
        x = 1;
    if (!h->cap)
        return false;
    i = x & h->mask;
    while (h->v[i]) {
        if (h->v[i] == x)
            return true;
        i = (i + 1) & h->mask;
    }
    return false;
}

/* String keys -> entity index. */
struct kslot {
    uint64_t hash;
    size_t key;         /* offset in pool + 1; 0 = empty */
    size_t klen;
    size_t val;
};

struct kmap {
    struct kslot *v;
    size_t cap, n;
    struct lis_buf pool;
};

/* A name key (make_key_in of a prefix and a text), memoised by that text
 * (see name_key): at off in the memo's pool, n bytes, key_hash h; fh is
 * the fold_hash of the text; id its number in the memo (see nkinfo). */
struct nkey {
    size_t off, n;
    uint64_t h, fh;
    size_t id;
};

/* What is known of name key number id beyond the key: where it sits in
 * c->keys (the slot index ks holds it as long as the map keeps capacity
 * kcap: keys are never removed, and only a growth moves them; kcap 0:
 * not known), and for a text used as a full name the keys entity_for
 * derives from it (the "s:" key of its last word, the "f:" key of its
 * first word and whether that word is a first name; s_id 0: not derived
 * yet, else id + 1). */
struct nkinfo {
    struct nkey key;
    size_t ks, kcap;
    size_t s_id, f_id;
    bool f_person;
};

struct nkslot {
    uint64_t rh;            /* hash of prefix and text; 0: empty */
    size_t raw, rawlen;     /* prefix and text, in the pool */
    size_t id;              /* the key: info[id].key (a small slot: the
                             * table is cleared and rehashed as it grows) */
};

struct nkmemo {
    struct nkslot *v;
    size_t cap, n;
    struct lis_buf pool;
    struct nkinfo *info;    /* by key id, n of them */
    size_t cap_info;
};

/* Hash of a key, eight bytes at a time (the order of the keys is never
 * seen: any good hash does). */
static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w = 0;
    size_t len = n;

    while (n >= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    /* the tail without a loop over its bytes: loads that stay inside the
     * key and, with the length mixed in above, still tell all its bytes */
    if (n && len >= 8) {
        memcpy(&w, s + n - 8, 8);       /* the last eight bytes */
    } else if (n >= 4) {
        uint32_t lo, hi;

        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        w = lo | (uint64_t)hi << 32;
    } else if (n) {
        w = (uint64_t)(unsigned char)s[0] |
            (uint64_t)(unsigned char)s[n >> 1] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
    } else {
        w = 0;
    }
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 32);
}

static struct kslot *kmap_slot(struct kmap *m, const char *k, size_t n,
                               uint64_t h)
{
    size_t i = h & (m->cap - 1);

    for (;;) {
        struct kslot *sl = &m->v[i];

        if (!sl->key)
            return sl;
        if (sl->hash == h && sl->klen == n &&
            memcmp(m->pool.data + sl->key - 1, k, n) == 0)
            return sl;
        i = (i + 1) & (m->cap - 1);
    }
}

/* The value of key k[0..n), whose key_hash is h; LIS_NONE when absent. */
static size_t kmap_get_h(struct kmap *m, const char *k, size_t n, uint64_t h)
{
    struct kslot *sl;

    if (!m->cap || n == 0)
        return LIS_NONE;
    sl = kmap_slot(m, k, n, h);
    return sl->key ? sl->val : LIS_NONE;
}

static size_t kmap_get(struct kmap *m, const char *k, size_t n)
{
    return n ? kmap_get_h(m, k, n, key_hash(k, n)) : LIS_NONE;
}

/* Set key k[0..n), whose key_hash is h, to val; its slot (NULL for the
 * empty key, which is never set). */
static struct kslot *kmap_put_h(struct kmap *m, const char *k, size_t n,
                                uint64_t h, size_t val)
{
    struct kslot *sl;

    if (n == 0)
        return NULL;
    if ((m->n + 1) * 2 > m->cap) {
        struct kslot *old = m->v;
        size_t oldcap = m->cap, i;

        m->cap = m->cap ? m->cap * 2 : 256;
        m->v = lis_xcalloc(m->cap, sizeof *m->v);
        for (i = 0; i < oldcap; i++) {
            size_t j;

            if (!old[i].key)
                continue;
            j = old[i].hash & (m->cap - 1);
            while (m->v[j].key)
                j = (j + 1) & (m->cap - 1);
            m->v[j] = old[i];
        }
        free(old);
    }
    sl = kmap_slot(m, k, n, h);
    if (!sl->key) {
        sl->hash = h;
        sl->klen = n;
        sl->key = m->pool.len + 1;
        lis_buf_add(&m->pool, k, n);
        m->n++;
    }
    sl->val = val;
    return sl;
}

static void kmap_put(struct kmap *m, const char *k, size_t n, size_t val)
{
    if (n)
        kmap_put_h(m, k, n, key_hash(k, n), val);
}

/* ------------------------------------------------------------ state */

struct ent {
    char *name;
    size_t name_len;        /* strlen(name) */
    int votes[LIS_ENT_COUNT];
    char gender;            /* 'M', 'F' or 0 */
    char org_gender;        /* gender of the last descriptor used for it */
    uint64_t role;          /* hash of the role word that introduced it */
    char *link;             /* name of the entity it links to, or NULL */
    bool gov;               /* a government: never "la société" */
};

struct memo_slot {
    uint64_t key;           /* 0: empty */
    const char *val;        /* lexicon value (borrowed), NULL: absent */
    int code;               /* longest matches: an enum lm */
};

/* The proper prefixes of a lexicon's entries at which a longest match
 * goes on (those lis_lexicon_add records), hashed as tokenize hashes
 * words: a word outside this set ends every match that reaches it. */
struct pfx {
    const struct lis_lexicon *lx;
    struct hset set;
};

#define N_PFX 6

struct memo {
    struct memo_slot *v;
    size_t cap, n;
    struct pfx pfx[N_PFX];
    size_t n_pfx;
};

struct recent {
    size_t ent;
    size_t sent;
    bool subject;
};

enum { C3_LOWER = 1, C3_UPPER = 2 };

/* Byte classes: CL_GAP, ASCII but no letter or digit (between words);
 * CL_END, that but the hyphen and the apostrophe (ends a word whatever
 * follows). */
enum { CL_GAP = 1, CL_END = 2 };

/* fold_key marks in ctx.kbyte (never the fold of an ASCII character) */
enum { KB_SKIP = 0xFE, KB_SPACE = 0xFF };

#define RING 64
#define LATIN_CASE_END 0x250

struct cue {
    int type;               /* -1: none */
    char gender;
    uint64_t role;
};

/* The words deal terms begin with (lis_parties_deal_words), as bits of
 * their fold_hash: first words, the first words of one-word terms, and
 * (first, second) word pairs, each also with the apostrophe of an
 * elision after it ("s'" of "s'emparer").  See deal_maybe. */
#define DF_BITS 16
#define LIS_DF_WORD 64          /* longer first words: no elided form */
struct deal_filter {
    uint64_t first[((size_t)1 << DF_BITS) / 64];
    uint64_t single[((size_t)1 << DF_BITS) / 64];
    uint64_t pair[((size_t)1 << DF_BITS) / 64];
    uint64_t all[((size_t)1 << DF_BITS) / 64];  /* all ones (deal_state) */
};

struct ctx {
    const char *body;
    size_t body_len;
    const struct lis_lexicons *lx;
    struct deal_filter *deal;   /* NULL: deal_maybe is not filled */
    unsigned char *deal_maybe;  /* per sentence (lis_run.deal_maybe) */
    bool gap_word;              /* the sentence has a word character of
                                   lexicon.h's between its tokens */
    bool deal_hit;              /* a deal term may begin at one of its
                                   tokens (see deal_look) */
    struct tok *toks;
    size_t n_toks, cap_toks;
    size_t sent;            /* index of the current sentence */
    size_t sent_end;
    bool have_subject;      /* the current sentence's subject is known */
    /* subject_pos's scan of the sentence for a verb before any que/qu':
     * tokens [0, sp_scan) read; sp_verb the verb found first, sp_que a
     * que/qu' found first (either ends the scan) */
    size_t sp_scan, sp_verb;
    bool sp_que;
    struct hset lower, strong;
    struct ent *ents;
    size_t n_ents, cap_ents;
    struct kmap keys;
    struct nkmemo nk;       /* name keys by text */
    struct lis_mention *ments;
    size_t n_ments, cap_ments;
    size_t last_end;
    struct recent ring[RING];
    size_t ring_n;          /* total pushed; ring[(ring_n - 1) % RING] newest */
    struct lis_buf kb, kb2;
    struct fw_index *fw;    /* function words by hash */
    struct memo *memo;      /* whole-word lexicon answers */
    /* is_upper (bit 0) and is_lower (bit 1) of U+0000..U+024F, filled once
     * per run: the Latin letters of a French text, without a library call
     * per letter */
    unsigned char latin_case[LATIN_CASE_END];
    /* after a 0xC3 lead byte (U+00C0..U+00FF): C3_LOWER for the lower-case
     * letters that fold to themselves, C3_UPPER for the capitals that
     * fold by adding 0x20; 0 for the others and non-continuation bytes */
    unsigned char c3[256];
    unsigned char cls[256];     /* CL_ bits of each byte */
    /* fold_key of each byte: an ASCII character's fold, KB_SKIP ('.' and
     * the bytes of other characters) or KB_SPACE */
    unsigned char kbyte[256];
    unsigned short gapf[128];   /* gap_flags of each ASCII byte */
    /* fold_key of U+0000..U+024F once met: [0] is 0 (not yet), 0xFF (white
     * space) or 1 + the length of the bytes that follow */
    unsigned char kfold[LATIN_CASE_END][4];
};

/* ------------------------------------------------------------ characters */

static inline size_t get_cp(const char *s, size_t len, size_t i,
                            uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s + i;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    /* two-byte forms (accented Latin letters) inline, as lis_lex_get_cp
     * decodes them */
    if (u[0] >= 0xC2 && u[0] < 0xE0 && len - i >= 2 &&
        (u[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    return lis_lex_get_cp(s + i, len - i, cp);
}

static inline bool is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    return uc_is_alpha(cp) || uc_is_general_category(cp, UC_CATEGORY_M);
}

static inline bool is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static inline bool is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return uc_is_upper(cp) ||
           uc_is_general_category(cp, UC_TITLECASE_LETTER);
}

static inline bool is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return uc_is_lower(cp);
}

static inline bool c_is_upper(const struct ctx *c, uint32_t cp)
{
    return cp < LATIN_CASE_END ? (c->latin_case[cp] & 1) != 0 : is_upper(cp);
}

static inline bool c_is_lower(const struct ctx *c, uint32_t cp)
{
    return cp < LATIN_CASE_END ? (c->latin_case[cp] & 2) != 0 : is_lower(cp);
}

static inline bool is_apos(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static inline bool is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static bool is_quote_mark(uint32_t cp)
{
    switch (cp) {
    case '"': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E:
    case 0x2039: case 0x203A: case 0x2018: case 0x201A:
        return true;
    default:
        return false;
    }
}

/* Does s[0..n) (the letters before an apostrophe) form an elided word? */
static bool elision_prefix(const char *s, size_t n)
{
    char low[8];
    size_t i;

    if (n == 0 || n > 7)
        return false;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80)
            return false;
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    switch (n) {
    case 1:             /* the common case: l' d' s' ... */
        return low[0] >= 'a' && low[0] <= 'z' &&
               strchr("ldjmnstc", low[0]) != NULL;
    case 2:
        return memcmp(low, "qu", 2) == 0;
    case 5:
        return memcmp(low, "jusqu", 5) == 0;
    case 6:
        return memcmp(low, "lorsqu", 6) == 0 ||
               memcmp(low, "puisqu", 6) == 0 ||
               memcmp(low, "quoiqu", 6) == 0 ||
               memcmp(low, "presqu", 6) == 0;
    default:
        return false;
    }
}

/* Word hashes: the folded bytes are packed eight at a time and mixed per
 * chunk, so scanning a word costs a shift and an or per byte. */
struct fh {
    uint64_t h, acc;
    unsigned sh;
};

static inline void fh_init(struct fh *f)
{
    f->h = 0x9E3779B97F4A7C15ULL;
    f->acc = 0;
    f->sh = 0;
}

static inline void fh_byte(struct fh *f, unsigned char b)
{
    f->acc |= (uint64_t)b << f->sh;
    f->sh += 8;
    if (f->sh == 64) {
        f->h = (f->h ^ f->acc) * 0xff51afd7ed558ccdULL;
        f->h ^= f->h >> 29;
        f->acc = 0;
        f->sh = 0;
    }
}

/* fh_byte over n bytes already folded; whole chunks in one step. */
static inline void fh_bytes(struct fh *f, const unsigned char *p, size_t n)
{
    while (n > 0 && f->sh != 0) {
        fh_byte(f, *p++);
        n--;
    }
    while (n >= 8) {
        /* the chunk fh_byte would have packed (little-endian order) */
        uint64_t w = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
                     (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
                     (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
                     (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;

        f->h = (f->h ^ w) * 0xff51afd7ed558ccdULL;
        f->h ^= f->h >> 29;
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        fh_byte(f, *p++);
        n--;
    }
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LIS_SWAR 1
#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGH ((uint64_t)0x8080808080808080ULL)

/* fh_byte over the first n (1..8) bytes of w, in memory order. */
static inline void fh_word(struct fh *f, uint64_t w, unsigned n)
{
    unsigned tot = f->sh + 8 * n;

    if (n < 8)
        w &= ((uint64_t)1 << (8 * n)) - 1;
    f->acc |= w << f->sh;
    if (tot >= 64) {
        f->h = (f->h ^ f->acc) * 0xff51afd7ed558ccdULL;
        f->h ^= f->h >> 29;
        f->acc = f->sh ? w >> (64 - f->sh) : 0;
        tot -= 64;
    }
    f->sh = tot;
}

/* How many of the eight bytes of w, from the first, are in lo..hi (ASCII,
 * lo > 0). */
static inline unsigned range_run8(uint64_t w, unsigned char lo,
                                  unsigned char hi)
{
    uint64_t x = w | HIGH;
    uint64_t m = ((x - lo * ONES) & ~(x - (hi + 1) * ONES) & ~w) & HIGH;
    uint64_t bad = ~m & HIGH;

    return bad ? (unsigned)__builtin_ctzll(bad) >> 3 : 8;
}

/* How many of the eight bytes of w, from the first, are a..z. */
static inline unsigned lower_run8(uint64_t w)
{
    return range_run8(w, 'a', 'z');
}
#endif

static inline void fh_cp(struct fh *f, uint32_t cp)
{
    char tmp[8];
    size_t k, m;

    if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) {
        /* Latin-1 letters, folded as lis_lex_fold_cp folds them */
        if (cp <= 0xDE)
            cp += 0x20;
        fh_byte(f, (unsigned char)(0xC0 | (cp >> 6)));
        fh_byte(f, (unsigned char)(0x80 | (cp & 0x3F)));
        return;
    }
    m = lis_lex_fold_cp(cp, tmp);

    for (k = 0; k < m; k++)
        fh_byte(f, (unsigned char)tmp[k]);
}

/* The word's hash.  A word of up to seven folded bytes is its bytes and
 * length in one 64-bit value, which a multiplication by an odd constant
 * and a shift-xor (both one to one) mix: no two short words share a hash.
 * (0 is possible but nearly never: the sets and the memo map it to 1.) */
static inline uint64_t fh_end(const struct fh *f)
{
    uint64_t h = (f->h ^ f->acc ^ ((uint64_t)f->sh << 56)) *
                 0xc4ceb9fe1a85ec53ULL;

    return h ^ (h >> 32);
}

#ifdef LIS_SWAR
/* Start f on a word whose first eight bytes v (at b[*p]) are lower-case
 * ASCII letters, and hash it a whole chunk at a time while its letters
 * fill one.  Returns the number of letters (< 8) of the chunk where they
 * stop, left in *v at b[*p]; or 8 when fewer than eight bytes remain
 * before to, for the caller to read the rest another way. */
static inline unsigned fh_lower_chunks(struct fh *f, const char *b,
                                       size_t *p, size_t to, uint64_t *v)
{
    unsigned nb;

    fh_init(f);
    do {
        f->h = (f->h ^ *v) * 0xff51afd7ed558ccdULL;
        f->h ^= f->h >> 29;
        *p += 8;
        if (to - *p < 8)
            return 8;
        memcpy(v, b + *p, 8);
        nb = lower_run8(*v);
    } while (nb == 8);
    return nb;
}

/* The hash of a word fh_lower_chunks read, ending with the nb letters
 * of v. */
static inline uint64_t fh_lower_end(struct fh *f, uint64_t v, unsigned nb)
{
    f->acc = v & (((uint64_t)1 << (8 * nb)) - 1);
    f->sh = 8 * nb;
    return fh_end(f);
}
#endif

/* Feed s[0..n) folded to lower case (’ == ') into f. */
static void fh_fold(struct fh *f, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        uint32_t cp;

        if (ch < 0x80) {
            fh_byte(f, (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch + 32
                                                              : ch));
            i++;
            continue;
        }
        i += get_cp(s, n, i, &cp);
        fh_cp(f, cp);
    }
}

/* Hash of s[0..n) folded to lower case (’ == '); tokenize computes the
 * same in passing. */
static uint64_t fold_hash(const char *s, size_t n)
{
    struct fh f;

    fh_init(&f);
    fh_fold(&f, s, n);
    return fh_end(&f);
}

/* Function-word table for one run: open addressing over the fold_hash of
 * the words of fw_table, their hashes in hash[] (0: empty) and their fw in
 * fw[] (FW_NONE in the empty slots).  Built per call, so the core keeps no
 * global state; eight times as many slots as words, so a word that is not
 * there nearly always meets an empty slot at once. */
#define FW_SLOTS 1024

struct fw_index {
    uint64_t hash[FW_SLOTS];
    unsigned char fw[FW_SLOTS];
};

static uint64_t fold_hash(const char *s, size_t n);

static void fw_index_build(struct fw_index *x)
{
    size_t k;

    memset(x, 0, sizeof *x);
    for (k = 0; k < LIS_ARRAY_LEN(fw_table); k++) {
        uint64_t h = fold_hash(fw_table[k].w, strlen(fw_table[k].w));
        size_t q = h & (FW_SLOTS - 1);

        while (x->hash[q])
            q = (q + 1) & (FW_SLOTS - 1);
        x->hash[q] = h;
        x->fw[q] = (unsigned char)fw_table[k].fw;
    }
}

/* The function word of hash h, FW_NONE for the others (a 64-bit hash match
 * among ~150 words is the word; a token hashing to 0 meets an empty slot,
 * whose fw is FW_NONE). */
static inline enum fw fw_lookup(const struct fw_index *x, uint64_t h)
{
    size_t q = h & (FW_SLOTS - 1);

    for (;;) {
        uint64_t k = x->hash[q];

        if (k == h)
            return (enum fw)x->fw[q];
        if (!k)
            return FW_NONE;
        q = (q + 1) & (FW_SLOTS - 1);
    }
}

/* 1 for the ASCII letters and digits, which start a word */
static const unsigned char ascii_alnum[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* Are b[s..e) all letters of Roman numerals (I V X L C)? */
static inline bool roman_letters(const char *b, size_t s, size_t e)
{
    for (; s < e; s++)
        if (b[s] != 'I' && b[s] != 'V' && b[s] != 'X' && b[s] != 'L' &&
            b[s] != 'C')
            return false;
    return true;
}

/* The general word scanner: the word starting at b[s] (a letter or a
 * digit) up to to, its end, its hash and its flags (T_LETTERS1, T_INITIAL,
 * T_UPPER and T_ROMAN only when !light). */
static unsigned scan_word(const struct ctx *c, size_t s, size_t to,
                          bool light, size_t *end, uint64_t *hash)
{
    const char *b = c->body;
    size_t j = s, letters = 0, uppers = 0, digits = 0;
    struct fh h;
    bool seg_lower = false, camel = false, elided = false;
    unsigned flags = 0;
    uint32_t cp;

    fh_init(&h);
    get_cp(b, to, s, &cp);
    if (c_is_upper(c, cp))
        flags |= T_CAP;
    else if (c_is_lower(c, cp))
        flags |= T_LOWER;
    else if (is_digit(cp))
        flags |= T_DIGIT;
    while (j < to) {
        uint32_t nx = 0;
        size_t m;
        unsigned char ch = (unsigned char)b[j];

        if (ch < 0x80) {
            if (ch >= 'a' && ch <= 'z') {
                /* a run of lower-case ASCII: most of a French text */
                size_t r = j;

#ifdef LIS_SWAR
                /* eight bytes at a time, hashed as they are read */
                while (to - r >= 8) {
                    uint64_t v;
                    unsigned nb;

                    memcpy(&v, b + r, 8);
                    nb = lower_run8(v);
                    if (nb)
                        fh_word(&h, v, nb);
                    r += nb;
                    if (nb < 8)
                        goto run_done;
                }
#endif
                {
                    size_t q = r;

                    while (r < to && (unsigned char)(b[r] - 'a') < 26)
                        r++;
                    fh_bytes(&h, (const unsigned char *)b + q, r - q);
                }
#ifdef LIS_SWAR
            run_done:
#endif
                letters += r - j;
                seg_lower = true;
                j = r;
                continue;
            }
            if (ch >= 'A' && ch <= 'Z') {
                letters++;
                uppers++;
                if (seg_lower)
                    camel = true;
                fh_byte(&h, (unsigned char)(ch + 32));
                j++;
                continue;
            }
            if (ch >= '0' && ch <= '9') {
                digits++;
                fh_byte(&h, ch);
                j++;
                continue;
            }
            if (ch != '-' && ch != '\'')
                break;
            cp = ch;
            m = 1;
        } else {
            m = get_cp(b, to, j, &cp);
            if (is_letter(cp)) {
                fh_cp(&h, cp);
                letters++;
                if (cp >= LATIN_CASE_END)
                    flags |= T_EXOTIC;
                if (c_is_upper(c, cp)) {
                    uppers++;
                    if (seg_lower)
                        camel = true;
                } else if (c_is_lower(c, cp)) {
                    seg_lower = true;
                }
                j += m;
                continue;
            }
            if (cp != 0xAD && !is_hyphen(cp) && !is_apos(cp))
                break;
        }
        /* a connector: it belongs to the word when a letter follows */
        if (j + m < to)
            get_cp(b, to, j + m, &nx);
        if ((cp == 0xAD || is_hyphen(cp)) &&
            (is_letter(nx) || is_digit(nx))) {
            fh_cp(&h, cp);
            if (cp != 0xAD) {
                seg_lower = false;
                flags |= T_HYPHEN;
            } else {
                flags |= T_JOINED;
            }
            j += m;
            continue;
        }
        if (is_apos(cp) && is_letter(nx)) {
            fh_byte(&h, (unsigned char)'\'');
            if (elision_prefix(b + s, j - s)) {
                j += m;
                elided = true;
                break;
            }
            flags |= T_JOINED;
            j += m;
            continue;
        }
        break;
    }
    /* Mc/Mac names are not CamelCase brands */
    if (camel && flags & T_CAP && (j - s > 2) &&
        (memcmp(b + s, "Mc", 2) == 0 || memcmp(b + s, "Mac", 3) == 0))
        camel = false;
    if (camel)
        flags |= T_CAMEL;
    if (elided)
        flags |= T_ELIDED;
    if (digits)
        flags |= T_HASDIGIT;
    if (light) {
        /* the first pass reads only the case, CamelCase, elision and
         * weak-position flags */
    } else if (letters >= 2 && uppers == letters && !elided) {
        flags |= roman_letters(b, s, j) ? T_ROMAN : T_UPPER;
    } else if (letters >= 2 && uppers >= 1 && (flags & T_CAP) &&
               b[j - 1] == 'e' && j - s <= 8) {
        if (roman_letters(b, s, j - 1))     /* "XVe siècle" */
            flags |= T_ROMAN;
    }
    if (letters == 1 && !light) {
        flags |= T_LETTERS1;
        if ((flags & T_CAP) && j < to && b[j] == '.')
            flags |= T_INITIAL;
    }
    *end = j;
    *hash = fh_end(&h);
    return flags;
}

/* Does byte e, after a word, end it whatever follows (ASCII, neither a
 * letter, a digit, a hyphen nor an apostrophe)? */
static inline bool ends_word(const struct ctx *c, unsigned char e)
{
    return (c->cls[e] & CL_END) != 0;
}

#ifdef LIS_SWAR
/* fh of the word b[s..e) read as it is, but for fold or-ed into its first
 * eight bytes (the first letter's case); reads only body[from..to). */
static inline uint64_t raw_hash(const char *b, size_t from, size_t s,
                                size_t e, size_t to, uint64_t fold)
{
    struct fh f;
    uint64_t w;

    fh_init(&f);
    while (e - s >= 8) {
        memcpy(&w, b + s, 8);
        f.h = (f.h ^ (w | fold)) * 0xff51afd7ed558ccdULL;
        f.h ^= f.h >> 29;
        fold = 0;
        s += 8;
    }
    if (s < e) {
        unsigned n = (unsigned)(e - s), k;

        if (to - s >= 8) {
            memcpy(&w, b + s, 8);
            w &= ((uint64_t)1 << (8 * n)) - 1;
        } else if (e - from >= 8) {
            /* the eight bytes that end the word, shifted down */
            memcpy(&w, b + e - 8, 8);
            w >>= 8 * (8 - n);
        } else {
            for (w = 0, k = 0; k < n; k++)
                w |= (uint64_t)(unsigned char)b[s + k] << (8 * k);
        }
        f.acc = w | fold;
        f.sh = 8 * n;
    }
    return fh_end(&f);
}
#endif

/* fh of a word of nb (1..7) folded bytes, the low bytes of v. */
static inline uint64_t short_hash(uint64_t v, unsigned nb)
{
    struct fh f;

    fh_init(&f);
    f.acc = v & (((uint64_t)1 << (8 * nb)) - 1);
    f.sh = 8 * nb;
    return fh_end(&f);
}

/* The flags scan_word gives a word of fast_word of n bytes, ended at b[e],
 * beyond its case. */
static inline unsigned fast_flags(const char *b, size_t s, size_t n,
                                  size_t e, size_t to, unsigned flags)
{
    if (n == 1 || (n == 2 && (unsigned char)b[s] == 0xC3)) {
        flags |= T_LETTERS1;
        if ((flags & T_CAP) && e < to && b[e] == '.')
            flags |= T_INITIAL;
    } else if ((flags & T_CAP) && n == 2 && b[s + 1] == 'e' &&
               roman_letters(b, s, s + 1)) {
        flags |= T_ROMAN;       /* "Ve", and "Le" too */
    }
    return flags;
}

/* "l'", "qu’", "L'": is b[s..r) (ASCII letters), followed by the
 * apostrophe at b[r] and a letter, an elided word as scan_word reads it,
 * ending at *end?  false also when only scan_word can tell. */
static inline bool elision_end(const struct ctx *c, size_t s, size_t r,
                               size_t to, size_t *end)
{
    const char *b = c->body;
    size_t a = 0;
    unsigned char nx;

    /* (U+02BC is a letter to scan_word, which never elides with it) */
    if (b[r] == '\'')
        a = 1;
    else if (to - r >= 3 && memcmp(b + r, "\xE2\x80\x99", 3) == 0)
        a = 3;
    if (!a || r + a >= to || r - s > 6)
        return false;
    nx = (unsigned char)b[r + a];
    if (!((unsigned char)((nx | 0x20) - 'a') < 26 ||
          (nx == 0xC3 && to - r - a >= 2 &&
           c->c3[(unsigned char)b[r + a + 1]])))
        return false;
    if (r - s == 1) {
        /* the common case: l' d' s' ... */
        unsigned char l = (unsigned char)(b[s] | 0x20);

        if (!strchr("ldjmnstc", l))
            return false;
    } else if (!elision_prefix(b + s, r - s)) {
        return false;
    }
    *end = r + a;
    return true;
}

#ifdef LIS_SWAR
/* The end of the run of lower-case letters (a..z, and the Latin-1 ones
 * that fold to themselves) from body[r], within to. */
static inline size_t lower_end(const struct ctx *c, size_t r, size_t to)
{
    const char *b = c->body;

    for (;;) {
        size_t q = r;

        if (to - r >= 2 && (unsigned char)b[r] == 0xC3 &&
            c->c3[(unsigned char)b[r + 1]] == C3_LOWER) {
            r += 2;
            continue;
        }
        if (to - r >= 8) {
            uint64_t v;
            unsigned nb;

            memcpy(&v, b + r, 8);
            nb = lower_run8(v);
            r += nb;
            if (nb == 8 ||
                (nb && (unsigned char)(v >> (8 * nb)) == 0xC3))
                continue;
            break;
        }
        while (r < to && (unsigned char)(b[r] - 'a') < 26)
            r++;
        if (r == q)
            break;
    }
    return r;
}
#endif

#ifdef LIS_SWAR
/* The bytes body[i..min(i + 8, to)), the first in the low byte, zeros
 * after to (a zero byte ends a word, as to does); reads only
 * body[from..to). */
static inline uint64_t load_upto(const char *b, size_t from, size_t i,
                                 size_t to)
{
    uint64_t w = 0;
    size_t k;

    if (to - i >= 8) {
        memcpy(&w, b + i, 8);
    } else if (to - from >= 8) {
        /* the eight bytes that end the range, shifted down */
        memcpy(&w, b + to - 8, 8);
        w >>= 8 * (8 - (to - i));
    } else {
        for (k = i; k < to; k++)
            w |= (uint64_t)(unsigned char)b[k] << (8 * (k - i));
    }
    return w;
}
#endif

#ifdef LIS_SWAR
/* An acronym: are the first bytes of w, the eight at body[s], two to
 * seven capitals A..Z ended by a byte that ends a word whatever follows?
 * Returns how many (scan_word reads them as one word), else 0. */
static inline unsigned acronym_len(const struct ctx *c, uint64_t w)
{
    unsigned n = range_run8(w, 'A', 'Z');

    return n >= 2 && n < 8 && ends_word(c, (unsigned char)(w >> (8 * n)))
               ? n : 0;
}

/* fold_hash of the acronym of n bytes that starts w. */
static inline uint64_t acronym_hash(uint64_t w, unsigned n)
{
    return short_hash(w | 0x2020202020202020ULL, n);
}
#endif

/* The common words, read without scan_word's per-character work: an ASCII
 * or Latin-1 letter then lower-case ones only (their folded bytes are their
 * bytes but for the first letter, so they hash from eight-byte loads), an
 * acronym of up to seven capitals, an elided article or pronoun, a number;
 * each up to a character that ends it whatever follows (ends_word) or to.
 * Returns the flags scan_word would give, with *end and *hash; 0 for any
 * other word, left to scan_word. */
static inline unsigned fast_word(const struct ctx *c, size_t from, size_t s,
                                 size_t to, size_t *end, uint64_t *hash)
{
#ifdef LIS_SWAR
    const char *b = c->body;
    unsigned char ch = (unsigned char)b[s], x;
    uint64_t fold = 0, v;
    unsigned flags = T_LOWER, nb;
    size_t r = s + 1;

    if ((unsigned char)(ch - 'a') < 26) {
        /* flags = T_LOWER */
    } else if ((unsigned char)(ch - 'A') < 26) {
        flags = T_CAP;
        fold = 0x20;
    } else if (ch == 0xC3 && to - s >= 2 &&
               (x = c->c3[(unsigned char)b[s + 1]]) != 0) {
        if (x == C3_UPPER) {
            flags = T_CAP;
            fold = 0x2000;          /* À..Þ -> à..þ */
        }
        r = s + 2;
        goto rest;
    } else if ((unsigned char)(ch - '0') < 10) {
        while (r < to && (unsigned char)(b[r] - '0') < 10)
            r++;
        if (r < to && !ends_word(c, (unsigned char)b[r]))
            return 0;
        *end = r;
        *hash = raw_hash(b, from, s, r, to, 0);
        return T_DIGIT | T_HASDIGIT;
    } else {
        return 0;
    }
    {
        /* most words: up to seven ASCII letters, one load (zeros past to
         * end a word there) */
        v = load_upto(b, from, s, to) | fold;
        nb = lower_run8(v);
        r = s + nb;
        if (nb < 8) {
            unsigned char e = (unsigned char)(v >> (8 * nb));

            if (ends_word(c, e)) {
                *end = r;
                *hash = short_hash(v, nb);
                return fast_flags(b, s, nb, r, to, flags);
            }
            if (fold == 0x20 && nb == 1 && (nb = acronym_len(c, v ^ fold))) {
                /* "ONU", "SNCF": all capitals (T_UPPER, or a numeral) */
                *end = s + nb;
                *hash = acronym_hash(v, nb);
                return T_CAP | (roman_letters(b, s, s + nb) ? T_ROMAN
                                                            : T_UPPER);
            }
            if (e != 0xC3)
                goto letters_end;
        }
    }
rest:
    r = lower_end(c, r, to);
letters_end:
    if (r < to && !ends_word(c, (unsigned char)b[r])) {
        size_t k;

        if (!elision_end(c, s, r, to, end))
            return 0;
        /* the letters and the apostrophe folded to ' */
        for (v = 0, k = s; k < r; k++)
            v |= (uint64_t)(unsigned char)b[k] << (8 * (k - s));
        v |= fold | (uint64_t)'\'' << (8 * (r - s));
        *hash = short_hash(v, (unsigned)(r - s + 1));
        return fast_flags(b, s, r - s, *end, to, flags | T_ELIDED);
    }
    *end = r;
    *hash = raw_hash(b, from, s, r, to, fold);
    return fast_flags(b, s, r - s, r, to, flags);
#else
    (void)c, (void)from, (void)s, (void)to, (void)end, (void)hash;
    return 0;
#endif
}

/* How many bytes from b[i] to skip before a word may start there: 0 when
 * a letter or a digit starts one. */
static inline size_t nonword_len(const struct ctx *c, size_t i, size_t to)
{
    const char *b = c->body;
    unsigned char ch = (unsigned char)b[i];
    uint32_t cp;
    size_t n;

    if (ch < 0x80)
        return ascii_alnum[ch] ? 0 : 1;
    if (ch == 0xC3 && to - i >= 2 && c->c3[(unsigned char)b[i + 1]])
        return 0;
    n = get_cp(b, to, i, &cp);
    return is_letter(cp) || is_digit(cp) ? 0 : n;
}

/* Flags of the gap body[gap..s) between two words: not only white space
 * (T_GAP), a comma, a quotation mark, a mark after which capitals prove
 * nothing (T_WEAK). */
static unsigned gap_flags(const char *b, size_t gap, size_t s)
{
    unsigned flags = 0;

    while (gap < s) {
        uint32_t gc;

        gap += get_cp(b, s, gap, &gc);
        if (gc == ' ' || lis_lex_is_space_cp(gc))
            continue;
        flags |= T_GAP;
        if (gc == ',')
            flags |= T_COMMA;
        else if (is_quote_mark(gc))
            flags |= T_QUOTE | T_WEAK;
        else if (gc == ':' || gc == '(' || gc == '[' || gc == '.' ||
                 gc == '!' || gc == '?' || gc == 0x2026 || gc == 0x2013 ||
                 gc == 0x2014 || gc == '-' || gc == ';')
            flags |= T_WEAK;
    }
    return flags;
}

/* gap_flags, with the ASCII bytes (most gaps: ", ", ". ", " (") read
 * through ctx.gapf. */
static inline unsigned ascii_gap_flags(const struct ctx *c, size_t gap,
                                       size_t s)
{
    unsigned flags = 0;

    for (; gap < s; gap++) {
        unsigned char ch = (unsigned char)c->body[gap];

        if (ch >= 0x80)
            return flags | gap_flags(c->body, gap, s);
        flags |= c->gapf[ch];
    }
    return flags;
}

/* Is there more than one plain space between a word ending at gap and the
 * next, starting at s (gap_flags() has something to read)? */
static inline bool gap_to_read(const char *b, size_t gap, size_t s)
{
    return gap < s && !(s - gap == 1 && b[gap] == ' ');
}


/* The first pass over body[from..to): the words tokenize would read, with
 * the same hashes, but only what c->lower and c->strong need (see the
 * comment at the top): a word in lower case, not CamelCase nor elided,
 * goes into lower; a capitalised one, not elided, not the first of the
 * range nor after a weak mark, into strong.  The common words (a letter,
 * then lower-case letters, ASCII or Latin-1; an acronym; an elided
 * article; a number) are read here, the others by scan_word. */
static void light_pass(struct ctx *c, size_t from, size_t to)
{
    const char *b = c->body;
    size_t i = from, gap = from, j;
    bool first = true;

    while (i < to) {
        unsigned char ch = (unsigned char)b[i], x;
        uint64_t h;
        unsigned flags;

        if (c->cls[ch] & CL_GAP) {
            i++;
            continue;
        }
#ifdef LIS_SWAR
        if ((unsigned char)(ch - 'a') < 26 && to - i >= 8) {
            /* most words: up to seven lower-case ASCII letters, one load */
            uint64_t v;
            unsigned nb;

            memcpy(&v, b + i, 8);
            nb = lower_run8(v);
            if (nb < 8 && ends_word(c, (unsigned char)(v >> (8 * nb)))) {
                hset_add(&c->lower, short_hash(v, nb));
                first = false;
                gap = i + nb;
                i = gap + 1;    /* that byte is between words */
                continue;
            }
            if (nb == 8) {
                /* eight ASCII letters or more: hashed a chunk at a time as
                 * they are read, as plain_run does, rather than found by
                 * lower_end then read again by raw_hash */
                struct fh f;
                size_t p = i;
                unsigned char e;

                nb = fh_lower_chunks(&f, b, &p, to, &v);
                if (nb == 8)
                    goto long_word;     /* the rest as below */
                e = (unsigned char)(v >> (8 * nb));
                if (ends_word(c, e)) {
                    hset_add(&c->lower, fh_lower_end(&f, v, nb));
                    first = false;
                    gap = p + nb;
                    i = gap + 1;
                    continue;
                }
            long_word:
                nb = 8;
            }
            if (nb == 8 || (unsigned char)(v >> (8 * nb)) == 0xC3) {
                /* longer, or with accented letters (which fold to
                 * themselves): as plain_run reads them */
                size_t r = lower_end(c, i + nb, to);

                if (r < to && ends_word(c, (unsigned char)b[r])) {
                    hset_add(&c->lower, raw_hash(b, from, i, r, to, 0));
                    first = false;
                    gap = r;
                    i = r + 1;
                    continue;
                }
            }
        }
        {
            uint64_t v, fold = 0;
            unsigned nb;
            bool cap = false;
            size_t r;

            if ((unsigned char)(ch - 'a') < 26 ||
                ((unsigned char)(ch - 'A') < 26 && (cap = true))) {
                if (cap)
                    fold = 0x20;
                v = load_upto(b, from, i, to) | fold;
                nb = lower_run8(v);
                r = i + nb;
                if (nb < 8) {
                    unsigned char e = (unsigned char)(v >> (8 * nb));

                    if (ends_word(c, e)) {
                        /* up to seven ASCII letters: one load */
                        h = short_hash(v, nb);
                        goto word;
                    }
                    if (cap && nb == 1 && (nb = acronym_len(c, v ^ fold))) {
                        r = i + nb;
                        h = acronym_hash(v, nb);
                        goto word;
                    }
                    if (e != 0xC3)
                        goto letters_end;
                }
            } else if (ch == 0xC3 && to - i >= 2 &&
                       (x = c->c3[(unsigned char)b[i + 1]]) != 0) {
                if (x == C3_UPPER) {
                    cap = true;
                    fold = 0x2000;      /* À..Þ -> à..þ */
                }
                r = i + 2;
            } else if ((unsigned char)(ch - '0') < 10) {
                r = i + 1;
                while (r < to && (unsigned char)(b[r] - '0') < 10)
                    r++;
                if (r < to && !ends_word(c, (unsigned char)b[r]))
                    goto general;
                /* a number: a token, recorded nowhere */
                first = false;
                gap = i = r;
                continue;
            } else {
                goto general;
            }
            r = lower_end(c, r, to);
        letters_end:
            if (r < to && !ends_word(c, (unsigned char)b[r])) {
                if (!elision_end(c, i, r, to, &j))
                    goto general;
                first = false;      /* an elided word: recorded nowhere */
                gap = i = j;
                continue;
            }
            h = raw_hash(b, from, i, r, to, fold);
        word:
            if (!cap)
                hset_add(&c->lower, h);
            else if (!first && !(ascii_gap_flags(c, gap, i) & T_WEAK))
                hset_add(&c->strong, h);
            first = false;
            gap = i = r;
            continue;
        }
    general:
#endif
        {
            size_t n = nonword_len(c, i, to);

            if (n) {
                i += n;
                continue;
            }
        }
        flags = scan_word(c, i, to, true, &j, &h);
        if ((flags & (T_LOWER | T_CAMEL | T_ELIDED)) == T_LOWER)
            hset_add(&c->lower, h);
        else if ((flags & (T_CAP | T_ELIDED)) == T_CAP && !first &&
                 !(ascii_gap_flags(c, gap, i) & T_WEAK))
            hset_add(&c->strong, h);
        first = false;
        gap = i = j;
    }
}

/* Tokens whose word characters may not be what lexicon.h calls words
 * one for one: the parties stage must look at their sentence itself. */
#define T_NOT_PLAIN (T_EXOTIC | T_JOINED)

/* deal_look's state over the tokens of a sentence, in tokenize. */
struct deal_state {
    /* the words to look at: c->deal->first; c->deal->all when a word is
     * pending, df_none when no look is needed (no filter, or the answer
     * is known), so that one bit test tells most tokens apart */
    const uint64_t *first;
    bool pending;           /* (as in df_word) */
    uint64_t prev;
};

static const uint64_t df_none[((size_t)1 << DF_BITS) / 64];

static inline bool df_has(const uint64_t *bits, uint64_t h);
static bool deal_look(struct ctx *c, const struct tok *t,
                      struct deal_state *ds);

/* deal_look on token t, with its common case inline: most tokens are a
 * plain word (an elided one too, but for U+02BC) that no deal term
 * begins with, nothing pending. */
static inline void deal_step(struct ctx *c, const struct tok *t,
                             struct deal_state *ds)
{
    if (df_has(ds->first, t->h) ||
        (ds->first != df_none &&
         ((t->flags & (T_NOT_PLAIN | T_HYPHEN)) ||
          ((t->flags & T_ELIDED) &&
           (unsigned char)c->body[t->e - 1] == 0xBC))))
        deal_look(c, t, ds);
}

#ifdef LIS_SWAR
/* After a token ending at body[j], the lower-case words that follow (a..z
 * and the Latin-1 letters that fold to themselves), each after a single
 * space and ended by a byte that ends a word whatever follows (most of a
 * French text): stored at toks[*nt..cap) as tokenize stores them (no gap
 * flags: one space is no gap), without its general scan; a word of eight
 * letters or more is hashed as it is read.  Returns the end of the last
 * token stored (j if none). */
static inline size_t plain_run(struct ctx *c, size_t from, size_t j,
                               size_t to, struct tok *toks, size_t *nt,
                               size_t cap, struct deal_state *ds)
{
    const char *b = c->body;
    size_t n = *nt;

    if (to - j < 9 || b[j] != ' ')
        return j;
    /* b[j] is a space: the word after it, if any, starts at j + 1 */
    while (n < cap && to - j >= 9) {
        uint64_t v, h;
        unsigned nb;
        unsigned char e;
        struct tok *t;
        size_t p = j + 1;

        memcpy(&v, b + p, 8);
        nb = lower_run8(v);
        if (nb == 0) {
            /* an accented lower-case letter first ("été") */
            if ((unsigned char)v != 0xC3 ||
                c->c3[(unsigned char)(v >> 8)] != C3_LOWER)
                break;
            e = 0xC3;
            goto accented;
        }
        if (nb < 8) {
            h = short_hash(v, nb);
        } else {
            /* eight letters or more, hashed a chunk at a time */
            struct fh f;

            nb = fh_lower_chunks(&f, b, &p, to, &v);
            if (nb == 8)
                goto done;      /* the general scan reads the rest */
            h = fh_lower_end(&f, v, nb);
        }
        e = (unsigned char)(v >> (8 * nb));
    accented:
        if (e == 0xC3) {
            /* an accented letter: Latin-1 lower-case letters fold to
             * themselves, so the word's bytes are its fold */
            size_t r = lower_end(c, p + nb, to);

            if (r >= to)
                break;
            e = (unsigned char)b[r];
            h = raw_hash(b, from, j + 1, r, to, 0);
            nb = (unsigned)(r - p);
        }
        if (!ends_word(c, e))
            break;
        t = &toks[n++];
        t->s = j + 1;
        t->e = p + nb;
        t->h = h;
        /* one letter: "a", "à" */
        t->flags = t->e - t->s == 1 || (t->e - t->s == 2 &&
                                        (unsigned char)b[t->s] == 0xC3)
                       ? T_LOWER | T_LETTERS1 : T_LOWER;
        t->fw = t->e - t->s <= 10 ? fw_lookup(c->fw, h) : FW_NONE;
        /* (a plain word: deal_step's bit test is the whole of it) */
        if (df_has(ds->first, h))
            deal_look(c, t, ds);
        j = t->e;
        if (e != ' ')
            break;
    }
done:
    *nt = n;
    return j;
}
#endif

/* Split body[from..to) into word tokens with their flags (c->toks), for
 * the second pass. */
static void tokenize(struct ctx *c, size_t from, size_t to)
{
    const char *b = c->body;
    size_t i = from, gap = from, j, n;
    /* the token array in locals: the stores below cannot alias them */
    struct tok *toks = c->toks;
    size_t nt = 0, cap = c->cap_toks;
    unsigned weak = T_WEAK;         /* the first token of the range */
    struct deal_state ds = { c->deal ? c->deal->first : df_none, false, 0 };

    c->deal_hit = false;
    while (i < to) {
        unsigned char ch = (unsigned char)b[i];
        uint64_t h;
        unsigned flags;
        struct tok *t;

        if (c->cls[ch] & CL_GAP) {
            i++;            /* spaces and punctuation between words */
            continue;
        }
        flags = fast_word(c, from, i, to, &j, &h);
        if (!flags) {
            n = nonword_len(c, i, to);
            if (n) {
                /* ("²", "ª": word characters for the lexicon, a
                 * gap here) */
                if (ch >= 0x80 && c->deal) {
                    uint32_t cp;

                    get_cp(b, to, i, &cp);
                    c->gap_word |= lis_lex_is_word_cp(cp);
                }
                i += n;
                continue;
            }
            flags = scan_word(c, i, to, false, &j, &h);
        }
        flags |= weak;
        weak = 0;
        if (gap_to_read(b, gap, i))
            flags |= ascii_gap_flags(c, gap, i);
        if (nt == cap) {
            toks = lis_xgrow(toks, &cap, nt + 1, sizeof *toks);
            c->toks = toks;
            c->cap_toks = cap;
        }
        t = &toks[nt++];
        t->s = i;
        t->e = j;
        t->flags = flags;
        t->h = h;
        t->fw = (flags & (T_LOWER | T_CAP)) && j - i <= 10
                    ? fw_lookup(c->fw, h) : FW_NONE;
        deal_step(c, t, &ds);
#ifdef LIS_SWAR
        j = plain_run(c, from, j, to, toks, &nt, cap, &ds);
#endif
        gap = i = j;
        /* the byte that ended the word, when it ends any (a space, a
         * comma), is between words: skipped here rather than by a turn
         * of the loop */
        if (j < to && ends_word(c, (unsigned char)b[j]))
            i = j + 1;
    }
    c->n_toks = nt;
}


/* ------------------------------------------------------------ helpers */

/* The memo slot for key (never 0): the one holding it, or the empty slot
 * where it goes (key already set, code and val to fill in). */
static struct memo_slot *memo_insert(struct memo *m, uint64_t key,
                                      bool *hit)
{
    size_t i = key & (m->cap - 1);

    while (m->v[i].key) {
        if (m->v[i].key == key) {
            *hit = true;
            return &m->v[i];
        }
        i = (i + 1) & (m->cap - 1);
    }
    *hit = false;
    if ((m->n + 1) * 2 > m->cap) {
        struct memo_slot *old = m->v;
        size_t oldcap = m->cap, k;

        m->cap *= 2;
        m->v = lis_xcalloc(m->cap, sizeof *m->v);
        for (k = 0; k < oldcap; k++) {
            size_t j;

            if (!old[k].key)
                continue;
            j = old[k].key & (m->cap - 1);
            while (m->v[j].key)
                j = (j + 1) & (m->cap - 1);
            m->v[j] = old[k];
        }
        free(old);
        i = key & (m->cap - 1);
        while (m->v[i].key)
            i = (i + 1) & (m->cap - 1);
    }
    m->n++;
    m->v[i].key = key;
    return &m->v[i];
}

/* memo_insert, with the common case (found at the first probe) inline. */
static inline struct memo_slot *memo_find(struct memo *m, uint64_t key,
                                          bool *hit)
{
    struct memo_slot *sl = &m->v[key & (m->cap - 1)];

    if (sl->key == key) {
        *hit = true;
        return sl;
    }
    return memo_insert(m, key, hit);
}

/* The memo slot of key (never 0) when it sits at one of its first two
 * probes, else NULL (memo_find then finds or places it): the inline part
 * of the lookups below. */
static inline const struct memo_slot *memo_peek(const struct memo *m,
                                                uint64_t key)
{
    size_t i = key & (m->cap - 1);
    const struct memo_slot *sl = &m->v[i];

    if (sl->key == key)
        return sl;
    if (!sl->key)
        return NULL;
    /* at most half full: the second probe finds most of the others */
    sl = &m->v[(i + 1) & (m->cap - 1)];
    return sl->key == key ? sl : NULL;
}

/* The memo key of a whole-word lookup of lx for a word of hash h. */
static inline uint64_t has_key(const struct lis_lexicon *lx, uint64_t h)
{
    uint64_t key = (h ^ (uint64_t)(uintptr_t)lx) * 0x9E3779B97F4A7C15ULL;

    return key ? key : 1;
}

/* text_has_lex when memo_peek missed: find or fill the slot of key. */
static const struct memo_slot *has_fill(const struct ctx *c,
                                        const struct lis_lexicon *lx,
                                        const char *p, size_t n,
                                        uint64_t key)
{
    struct memo_slot *sl;
    bool hit;

    sl = memo_find(c->memo, key, &hit);
    if (!hit) {
        const char *v = NULL;

        sl->val = lis_lexicon_has(lx, p, n, &v) ? (v ? v : "") : NULL;
    }
    return sl;
}

/* Whole-word lookups are memoised by the word's hash: the same word gets
 * the same answer, and a text has far fewer words than tokens.  h is
 * fold_hash(p, n). */
static inline bool text_has_lex(const struct ctx *c,
                                const struct lis_lexicon *lx, const char *p,
                                size_t n, uint64_t h, const char **val)
{
    uint64_t key = has_key(lx, h);
    const struct memo_slot *sl = memo_peek(c->memo, key);

    if (!sl)
        sl = has_fill(c, lx, p, n, key);
    if (val)
        *val = sl->val;
    return sl->val != NULL;
}

static inline bool span_has_lex(const struct ctx *c,
                                const struct lis_lexicon *lx, size_t s,
                                size_t e, uint64_t h, const char **val)
{
    return text_has_lex(c, lx, c->body + s, e - s, h, val);
}

static inline bool tok_has_lex(const struct ctx *c,
                               const struct lis_lexicon *lx,
                               const struct tok *t, const char **val)
{
    return span_has_lex(c, lx, t->s, t->e, t->h, val);
}

static bool lower_seen(const struct ctx *c, const struct tok *t)
{
    return hset_has(&c->lower, t->h);
}

static bool strong_seen(const struct ctx *c, const struct tok *t)
{
    return hset_has(&c->strong, t->h);
}

static bool ends_with(const struct ctx *c, const struct tok *t,
                      const char *suf)
{
    size_t n = strlen(suf);

    return t->e - t->s > n && memcmp(c->body + t->e - n, suf, n) == 0;
}

static inline bool is_stop(const struct ctx *c, const struct tok *t)
{
    return tok_has_lex(c, c->lx->stopwords, t, NULL);
}

/* A lower-case demonym adjective ("américain"), memoised. */
static inline bool is_demonym_word(const struct ctx *c, const struct tok *t)
{
    return tok_has_lex(c, c->lx->demonyms, t, NULL);
}

/* A token that may be part of a name. */
static bool nameish(const struct tok *t)
{
    return (t->flags & (T_CAP | T_UPPER | T_CAMEL)) &&
           !(t->flags & (T_ELIDED | T_DIGIT));
}

/* Lower-case word that reads like an adjective of a name ("communiste",
 * "chinois", "mondial", "française"), not a verb. */
static bool adjective_like(const struct ctx *c, const struct tok *t)
{
    static const char *const suf[] = {
        "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine",
        "ains", "aines", "ien", "ienne", "iens", "iennes", "éen", "éenne",
        "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "aire",
        "aires", "iste", "istes", "ique", "iques", "if", "ive", "ifs",
        "ives", "ier", "ière", "iers", "ières", "unie", "unies", "uni",
        "unis", "eur", "rice", "ère", "ères", "ée", "ées", "eux", "euse",
        "euses"
    };
    size_t k;

    if (!(t->flags & T_LOWER) || t->flags & T_ELIDED || t->fw != FW_NONE)
        return false;
    if (is_demonym_word(c, t))
        return true;
    /* (every suffix ends with one of these letters) */
    if (!memchr("senlxfri", c->body[t->e - 1], 8))
        return false;
    for (k = 0; k < LIS_ARRAY_LEN(suf); k++)
        if (ends_with(c, t, suf[k]))
            goto suffix_ok;
    return false;
suffix_ok:
    if (is_stop(c, t) || tok_has_lex(c, c->lx->speech_verbs, t, NULL))
        return false;
    return true;
}

/* lis_buf_addc without the calls: keys are built a byte at a time. */
static inline void key_addc(struct lis_buf *b, char ch)
{
    if (b->len + 2 > b->cap)
        lis_buf_reserve(b, 1);
    b->data[b->len++] = ch;
    b->data[b->len] = '\0';
}

/* fold_key of code point cp, no white space, into o (up to four bytes);
 * returns the bytes written. */
static size_t fold_key_cp(uint32_t cp, char *o)
{
    if (is_apos(cp) || cp == 0x2018) {
        *o = '\'';
        return 1;
    }
    if (is_hyphen(cp)) {
        *o = '-';
        return 1;
    }
    cp = uc_tolower(cp);
    if (cp == 0x153 || cp == 0xE6) {
        o[0] = cp == 0x153 ? 'o' : 'a';
        o[1] = 'e';
        return 2;
    }
    if (cp >= 0xC0 && cp <= 0x24F) {
        ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
        int k = uc_canonical_decomposition(cp, d);

        if (k > 0 && d[0] < 0x80)
            cp = d[0];
    }
    return lis_u8_encode(cp, o);
}

#ifdef LIS_SWAR
/* Does fold_key fold the eight bytes w (memory order) to their lower case,
 * byte for byte, whatever comes before or after them?  So they do when all
 * are printable ASCII but '.', with spaces only inside and never two in a
 * row (each stands between two characters that are kept).  *w becomes the
 * fold. */
static inline bool key_chunk8(uint64_t *w)
{
    uint64_t x = *w, t, sp, ge_a, gt_z;

    if (x & HIGH)
        return false;               /* not ASCII */
    t = x ^ (0x20 * ONES);
    sp = ~(((t & ~HIGH) + ~HIGH) | t) & HIGH;       /* the spaces */
    if ((sp & 0x80) || (sp >> 56) || (sp & (sp << 8)))
        return false;
    /* the spaces read as '`': then no byte may be below '!' */
    t = x | (sp >> 1);
    if ((t - 0x21 * ONES) & ~t & HIGH)
        return false;               /* control characters */
    t = x ^ ('.' * ONES);
    if ((t - ONES) & ~t & HIGH)
        return false;               /* a period */
    ge_a = (x + (0x80 - 'A') * ONES) & HIGH;
    gt_z = (x + (0x80 - 'Z' - 1) * ONES) & HIGH;
    *w = x | ((ge_a & ~gt_z) >> 2);
    return true;
}
#endif

/* Fold a name into a key: lower case, no accents, no periods, white space
 * collapsed ("Etats-Unis" == "États-Unis", "B. Obama" -> "b obama").
 * Appended to out; white space before the first character counts only
 * when out already holds something (a key prefix).  The fold of the
 * letters below LATIN_CASE_END is kept in c->kfold once computed. */
static void fold_key(struct ctx *c, struct lis_buf *out, const char *s,
                     size_t n)
{
    size_t i = 0;
    bool space = false, any = out->len > 0;
    char *o;

    /* a character of two bytes folds to three at the most */
    lis_buf_reserve(out, 2 * n + 8);
    o = out->data + out->len;
    while (i < n) {
        uint32_t cp;
        unsigned char ch = (unsigned char)s[i];

#ifdef LIS_SWAR
        if (n - i >= 8) {
            uint64_t w;

            memcpy(&w, s + i, 8);
            if (key_chunk8(&w)) {
                /* eight bytes that fold to themselves in lower case */
                if (space) {
                    *o++ = ' ';
                    space = false;
                }
                memcpy(o, &w, 8);
                o += 8;
                i += 8;
                any = true;
                continue;
            }
        }
#endif
        if (ch < 0x80) {
            unsigned char f = c->kbyte[ch];

            i++;
            if (f == KB_SPACE) {
                space = any;
                continue;
            }
            if (f == KB_SKIP)
                continue;
            if (space) {
                *o++ = ' ';
                space = false;
            }
            /* ASCII: lower case is the whole fold (apostrophe and hyphen
             * are themselves); a run of it at once */
            *o++ = (char)f;
            while (i < n && (f = c->kbyte[(unsigned char)s[i]]) < KB_SKIP) {
                *o++ = (char)f;
                i++;
            }
            any = true;
            continue;
        }
        i += get_cp(s, n, i, &cp);
        if (cp < LATIN_CASE_END) {
            unsigned char *f = c->kfold[cp];

            if (!f[0])
                f[0] = lis_lex_is_space_cp(cp)
                           ? 0xFF
                           : (unsigned char)(1 + fold_key_cp(cp,
                                                             (char *)f + 1));
            if (f[0] == 0xFF) {
                space = any;
                continue;
            }
            if (space) {
                *o++ = ' ';
                space = false;
            }
            memcpy(o, f + 1, 3);
            o += f[0] - 1;
        } else {
            if (lis_lex_is_space_cp(cp)) {
                space = any;
                continue;
            }
            if (space) {
                *o++ = ' ';
                space = false;
            }
            o += fold_key_cp(cp, o);
        }
        any = true;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

/* Key into b: prefix + folded text, without a leading article. */
static void make_key_in(struct ctx *c, struct lis_buf *b, const char *prefix,
                        const char *s, size_t n)
{
    size_t p = strlen(prefix), l = 0, rest;
    const char *k;

    b->len = 0;
    if (p)
        lis_buf_add(b, prefix, p);
    fold_key(c, b, s, n);
    /* "La Poste" and "Poste" are one name: drop a leading "le ", "la ",
     * "les " or "l'" that is not the whole key */
    rest = b->len - p;
    if (rest < 3)
        return;
    k = b->data + p;
    if (k[0] != 'l')
        return;
    if ((k[1] == 'e' || k[1] == 'a') && k[2] == ' ' && rest > 3)
        l = 3;
    else if (k[1] == 'e' && k[2] == 's' && rest > 4 && k[3] == ' ')
        l = 4;
    else if (k[1] == '\'')
        l = 2;
    if (l) {
        memmove(b->data + p, b->data + p + l, b->len - p - l);
        b->len -= l;
        b->data[b->len] = '\0';
    }
}

/* Key into c->kb: prefix + folded text. */
static void make_key(struct ctx *c, const char *prefix, const char *s,
                     size_t n)
{
    make_key_in(c, &c->kb, prefix, s, n);
}

static int ent_type(const struct ent *e)
{
    int t, best = LIS_ENT_MISC, bv = 0;
    static const int order[] = { LIS_ENT_ORG, LIS_ENT_PER, LIS_ENT_LOC,
                                 LIS_ENT_MISC };

    for (t = 0; t < 4; t++)
        if (e->votes[order[t]] > bv) {
            bv = e->votes[order[t]];
            best = order[t];
        }
    return best;
}

static size_t new_ent(struct ctx *c, const char *name, size_t n)
{
    struct ent *e;

    c->ents = lis_xgrow(c->ents, &c->cap_ents, c->n_ents + 1,
                        sizeof *c->ents);
    e = &c->ents[c->n_ents];
    memset(e, 0, sizeof *e);
    e->name = lis_xstrndup(name, n);
    e->name_len = strlen(e->name);
    return c->n_ents++;
}

static void set_name(struct ent *e, const char *name, size_t n)
{
    free(e->name);
    e->name = lis_xstrndup(name, n);
    e->name_len = strlen(e->name);
}

/* Is the mention starting at token i in subject position: the first
 * mention of its sentence not governed by a preposition. */
static bool subject_pos(struct ctx *c, size_t i)
{
    size_t k = i;

    if (c->have_subject)
        return false;
    while (k > 0 && (fw_is_det(c->toks[k - 1].fw) ||
                     (c->toks[k - 1].flags & T_LETTERS1)) &&
           !(c->toks[k].flags & T_GAP && !(c->toks[k - 1].flags & T_INITIAL)))
        k--;
    /* someone named inside a quotation ("« M. Foote, vous êtes ... »") is
     * spoken to or about, not the subject the narration goes on with */
    if (c->toks[k].flags & T_QUOTE)
        return false;
    if (k == 0)
        return true;
    /* after a verb it is an object ("Le juge a reçu Jean Valmont"), unless
     * que/qu' inverted them ("qu'aurait fait Microsoft") */
    if (k > 48)
        return false;
    /* a verb before k with no que/qu' before it: the scan goes on from
     * where the sentence's last call left it */
    if (c->sp_verb == LIS_NONE && !c->sp_que) {
        size_t q;

        for (q = c->sp_scan; q < k; q++) {
            if (c->toks[q].fw == FW_QU || c->toks[q].fw == FW_QUE) {
                c->sp_que = true;
                break;
            }
            if (fw_is_verb(c->toks[q].fw)) {
                c->sp_verb = q;
                break;
            }
        }
        if (q > c->sp_scan)
            c->sp_scan = q;
    }
    if (c->sp_verb < k)
        return false;
    /* "entre Apple et Samsung": neither is the subject */
    return !fw_is_prep(c->toks[k - 1].fw) && c->toks[k - 1].fw != FW_ET &&
           c->toks[k - 1].fw != FW_OU;
}

static void add_mention(struct ctx *c, size_t start, size_t end, size_t ent,
                        enum lis_mention_kind kind, size_t tok_i)
{
    struct lis_mention *m;
    struct recent *r;
    bool subj;

    if (start < c->last_end || end <= start || ent == LIS_NONE)
        return;
    /* only subject pronouns are emitted */
    subj = kind == LIS_MENTION_PRONOUN || subject_pos(c, tok_i);
    if (subj)
        c->have_subject = true;
    if (c->n_ments == c->cap_ments)
        c->ments = lis_xgrow(c->ments, &c->cap_ments, c->n_ments + 1,
                             sizeof *c->ments);
    m = &c->ments[c->n_ments++];
    m->start = start;
    m->end = end;
    m->entity = ent;
    m->kind = kind;
    c->last_end = end;
    r = &c->ring[c->ring_n++ % RING];
    r->ent = ent;
    r->sent = c->sent;
    r->subject = subj;
}

/* Name or alias: does the surface fold to the entity's name?  (Uses both
 * key buffers: call it after the entity lookups.) */
static enum lis_mention_kind name_kind(struct ctx *c, size_t ent,
                                       const char *s, size_t n)
{
    const char *nm = c->ents[ent].name;
    size_t nn = c->ents[ent].name_len;

    if (nn == n && memcmp(nm, s, n) == 0)
        return LIS_MENTION_NAME;
    c->kb.len = 0;
    fold_key(c, &c->kb, s, n);
    c->kb2.len = 0;
    fold_key(c, &c->kb2, nm, nn);
    return c->kb.len == c->kb2.len && c->kb.len > 0 &&
                   memcmp(c->kb.data, c->kb2.data, c->kb.len) == 0
               ? LIS_MENTION_NAME : LIS_MENTION_ALIAS;
}

/* ------------------------------------------------------------ resolution */

enum want { W_ORG, W_ORG_ROLE, W_LOC, W_PER_ROLE, W_IL, W_ELLE_PER, W_ELLE_ORG };

static bool compatible(const struct ctx *c, const struct recent *r,
                       enum want w, uint64_t role)
{
    const struct ent *e = &c->ents[r->ent];
    int t = ent_type(e);

    switch (w) {
    case W_ORG:
        return t == LIS_ENT_ORG && !e->gov;
    case W_ORG_ROLE:
        return t == LIS_ENT_ORG && e->role == role;
    case W_LOC:
        return t == LIS_ENT_LOC;
    case W_PER_ROLE:
        return t == LIS_ENT_PER && e->role == role;
    case W_IL:
        return t == LIS_ENT_PER && e->gender != 'F' && r->subject;
    case W_ELLE_PER:
        return t == LIS_ENT_PER && e->gender == 'F' && r->subject;
    case W_ELLE_ORG:
        return t == LIS_ENT_ORG && r->subject && e->org_gender != 'M';
    }
    return false;
}

/* The entity a descriptor or pronoun stands for: the compatible entities
 * of the most recent sentence (within window sentences) that has any; one
 * of them, or the subject among several; else ambiguous.  *found tells
 * whether any candidate was seen (ambiguity vs. nothing). */
static size_t resolve(const struct ctx *c, size_t window, enum want w,
                      uint64_t role, bool *found)
{
    size_t cand[8], nc = 0, subj = LIS_NONE, group = LIS_NONE, k;
    size_t avail = c->ring_n < RING ? c->ring_n : RING;
    bool unsure = false;

    *found = false;
    for (k = 0; k < avail; k++) {
        const struct recent *r = &c->ring[(c->ring_n - 1 - k) % RING];
        size_t j;

        if (r->sent + window < c->sent)
            break;
        if (group != LIS_NONE && r->sent != group)
            break;
        if (!compatible(c, r, w, role)) {
            /* a name of unknown kind nearby could be the referent too */
            if (ent_type(&c->ents[r->ent]) == LIS_ENT_MISC &&
                !c->ents[r->ent].link)
                unsure = true;
            continue;
        }
        group = r->sent;
        *found = true;
        if (r->subject)
            subj = r->ent;
        for (j = 0; j < nc; j++)
            if (cand[j] == r->ent)
                break;
        if (j == nc && nc < LIS_ARRAY_LEN(cand))
            cand[nc++] = r->ent;
    }
    if (nc == 1 && (!unsure || subj == cand[0]))
        return cand[0];
    if (nc > 1 && subj != LIS_NONE)
        return subj;
    return LIS_NONE;
}

/* ------------------------------------------------------------ entities */

/* make_key_in(prefix, s[0..n)) ("" or a two-character prefix), memoised
 * by prefix and text: an article names the same people and companies
 * again and again, and folding a key costs far more than hashing and
 * comparing its text.  The text is kept and compared, so the memo gives
 * exactly what make_key_in gives. */
static struct nkey name_key(struct ctx *c, const char *prefix,
                            const char *s, size_t n)
{
    struct nkmemo *m = &c->nk;
    size_t p = prefix[0] ? 2 : 0, i;
    uint64_t rh = key_hash(s, n);
    struct nkslot *sl;
    struct nkinfo *in;

    if (p)
        rh ^= ((uint64_t)(unsigned char)prefix[0] << 8 |
               (unsigned char)prefix[1]) * 0x9E3779B97F4A7C15ULL;
    rh = rh ? rh : 1;
    if ((m->n + 1) * 2 > m->cap) {
        struct nkslot *old = m->v;
        size_t oldcap = m->cap, k;

        m->cap = m->cap ? m->cap * 2 : 256;
        m->v = lis_xcalloc(m->cap, sizeof *m->v);
        for (k = 0; k < oldcap; k++) {
            if (!old[k].rh)
                continue;
            i = old[k].rh & (m->cap - 1);
            while (m->v[i].rh)
                i = (i + 1) & (m->cap - 1);
            m->v[i] = old[k];
        }
        free(old);
    }
    i = rh & (m->cap - 1);
    for (; m->v[i].rh; i = (i + 1) & (m->cap - 1)) {
        const char *raw = m->pool.data + m->v[i].raw;

        sl = &m->v[i];
        if (sl->rh == rh && sl->rawlen == p + n &&
            (!p || (raw[0] == prefix[0] && raw[1] == prefix[1])) &&
            memcmp(raw + p, s, n) == 0)
            return m->info[sl->id].key;
    }
    make_key_in(c, &c->kb2, prefix, s, n);
    sl = &m->v[i];
    sl->rh = rh;
    sl->raw = m->pool.len;
    sl->rawlen = p + n;
    lis_buf_add(&m->pool, prefix, p);
    lis_buf_add(&m->pool, s, n);
    sl->id = m->n;
    m->info = lis_xgrow(m->info, &m->cap_info, m->n + 1, sizeof *m->info);
    in = &m->info[m->n];
    memset(in, 0, sizeof *in);
    in->key.off = m->pool.len;
    in->key.n = c->kb2.len;
    lis_buf_add(&m->pool, c->kb2.data, c->kb2.len);
    in->key.h = key_hash(c->kb2.data, c->kb2.len);
    in->key.fh = fold_hash(s, n);
    in->key.id = m->n;
    m->n++;
    return in->key;
}

/* The bytes of name key k. */
static inline const char *nk_data(const struct ctx *c, struct nkey k)
{
    return c->nk.pool.data + k.off;
}

/* The entity of name key k, LIS_NONE when none.  Once the key is in
 * c->keys its slot is remembered: a name comes back again and again, and
 * probing and comparing its key each time is most of the cost. */
static inline size_t nk_get(struct ctx *c, struct nkey k)
{
    struct kmap *m = &c->keys;
    struct nkinfo *in = &c->nk.info[k.id];
    struct kslot *sl;

    if (in->kcap && in->kcap == m->cap)
        return m->v[in->ks].val;
    if (!m->cap || k.n == 0)
        return LIS_NONE;
    sl = kmap_slot(m, nk_data(c, k), k.n, k.h);
    if (!sl->key)
        return LIS_NONE;
    in->ks = (size_t)(sl - m->v);
    in->kcap = m->cap;
    return sl->val;
}

/* Key k now names entity e (a key already in the map: its remembered
 * slot, without the growth check, which the next new key makes). */
static inline void nk_put(struct ctx *c, struct nkey k, size_t e)
{
    struct kmap *m = &c->keys;
    struct nkinfo *in = &c->nk.info[k.id];
    struct kslot *sl;

    if (in->kcap && in->kcap == m->cap) {
        m->v[in->ks].val = e;
        return;
    }
    sl = kmap_put_h(m, nk_data(c, k), k.n, k.h, e);
    if (sl) {
        in->ks = (size_t)(sl - m->v);
        in->kcap = m->cap;
    }
}

/* Find or create the entity for a name s[0..n) with canonical form
 * canon[0..cn) and type votes; person surnames join earlier full names. */
static size_t entity_for(struct ctx *c, const char *canon, size_t cn,
                         size_t ntok, int type, int weight, bool person_like)
{
    struct kmap *keys = &c->keys;
    struct nkey main = name_key(c, "", canon, cn), k, k2;
    size_t e, known;

    e = known = nk_get(c, main);
    if (e != LIS_NONE && cn > c->ents[e].name_len && ntok >= 2)
        set_name(&c->ents[e], canon, cn);   /* "La Poste" after "Poste" */
    if (e == LIS_NONE && ntok == 1) {
        /* "Obama" after "Barack Obama", "Thierry" after "Thierry Roland"
         * (once per new word: folded here rather than memoised, which
         * would fill the name-key memo with keys asked for once) */
        make_key(c, "s:", canon, cn);
        e = kmap_get(keys, c->kb.data, c->kb.len);
        if (e == LIS_NONE) {
            make_key(c, "f:", canon, cn);
            e = kmap_get(keys, c->kb.data, c->kb.len);
        }
        if (e != LIS_NONE && type >= 0 && type != LIS_ENT_PER && weight >= 3)
            e = LIS_NONE;
    }
    if (e == LIS_NONE && ntok == 2 && cn > 2 && canon[1] == '.') {
        /* "B. Obama" after "Barack Obama" */
        const char *last = canon + cn;
        size_t f;

        while (last > canon && last[-1] != ' ')
            last--;
        f = nk_get(c, name_key(c, "s:", last, (size_t)(canon + cn - last)));
        if (f != LIS_NONE && c->ents[f].name[0] == canon[0])
            e = f;
    }
    if (e == LIS_NONE && ntok >= 2 && person_like) {
        /* "Obama" first, then "Barack Obama": the full name wins */
        const char *last = canon + cn;
        size_t ln;

        while (last > canon && last[-1] != ' ')
            last--;
        ln = (size_t)(canon + cn - last);
        c->kb2.len = 0;
        fold_key(c, &c->kb2, last, ln);
        e = kmap_get(keys, c->kb2.data, c->kb2.len);
        /* only a bare surname grows into the full name ("Michelle Obama"
         * is not "Barack Obama") */
        if (e != LIS_NONE && strchr(c->ents[e].name, ' '))
            e = LIS_NONE;
        if (e != LIS_NONE) {
            int t = ent_type(&c->ents[e]);

            if (t == LIS_ENT_PER || c->ents[e].votes[t] < 3)
                set_name(&c->ents[e], canon, cn);
            else
                e = LIS_NONE;
        }
    }
    if (e == LIS_NONE)
        e = new_ent(c, canon, cn);
    if (e != known)
        nk_put(c, main, e);
    if (type >= 0)
        c->ents[e].votes[type] += weight;
    if (ntok >= 2 && (person_like || type == LIS_ENT_PER)) {
        struct nkinfo *in = &c->nk.info[main.id];

        if (!in->s_id) {
            /* the keys of the last and first words, derived once per
             * text (name_key may move c->nk.info) */
            const char *last = canon + cn;
            size_t fl;
            bool fp;

            while (last > canon && last[-1] != ' ')
                last--;
            k = name_key(c, "s:", last, (size_t)(canon + cn - last));
            last = canon;
            while (last < canon + cn && *last != ' ')
                last++;
            fl = (size_t)(last - canon);
            k2 = name_key(c, "f:", canon, fl);
            fp = text_has_lex(c, c->lx->persons, canon, fl, k2.fh, NULL);
            in = &c->nk.info[main.id];
            in->s_id = k.id + 1;
            in->f_id = k2.id + 1;
            in->f_person = fp;
        }
        nk_put(c, c->nk.info[in->s_id - 1].key, e);
        if (in->f_person)
            nk_put(c, c->nk.info[in->f_id - 1].key, e);
    }
    return e;
}

/* Token index whose end is body offset end (a trailing '.' may belong to
 * the match: "Inc.", "M."), from token i; LIS_NONE when the match ends
 * inside a word. */
static size_t tok_ending_at(const struct ctx *c, size_t i, size_t end)
{
    for (; i < c->n_toks && c->toks[i].s < end; i++) {
        if (c->toks[i].e == end)
            return i;
        if (c->toks[i].e + 1 == end && c->body[c->toks[i].e] == '.')
            return i;
    }
    return LIS_NONE;
}

/* Longest matches, memoised.  A match from a word walks on only while the
 * folded text read so far is a prefix of some entry (struct pfx); once it
 * is not, the answer depends on the words read and on whether a word can
 * end there, nothing else.  So a word (or a pair of words) that no entry
 * continues gets its answer once, stored by its hash as where the match
 * ends: nowhere, at the first word, at the second. */
enum lm { LM_NONE, LM_FIRST, LM_SECOND, LM_WALK };

static void pfx_add_entry(void *ctx, const char *key, size_t klen,
                          const char *value)
{
    struct hset *set = ctx;
    struct fh f;
    size_t i = 0;

    (void)value;
    fh_init(&f);
    while (i < klen) {
        uint32_t cp, next;
        size_t n = lis_lex_get_cp(key + i, klen - i, &cp);

        fh_bytes(&f, (const unsigned char *)key + i, n);
        i += n;
        if (i >= klen)
            break;
        lis_lex_get_cp(key + i, klen - i, &next);
        /* where lis_lexicon_add records a prefix */
        if (!(lis_lex_is_word_cp(cp) && lis_lex_is_word_cp(next)))
            hset_insert(set, fh_end(&f));
    }
}

/* The prefix set of lx, built on first use. */
static const struct hset *pfx_of(const struct ctx *c,
                                 const struct lis_lexicon *lx)
{
    struct memo *m = c->memo;
    size_t k;

    for (k = 0; k < m->n_pfx; k++)
        if (m->pfx[k].lx == lx)
            return &m->pfx[k].set;
    if (m->n_pfx == N_PFX)
        return NULL;
    m->pfx[k].lx = lx;
    lis_lexicon_each(lx, pfx_add_entry, &m->pfx[k].set);
    m->n_pfx++;
    return &m->pfx[k].set;
}

/* Can a lexicon match end right after token t (the text that follows is
 * no word character)? */
static inline bool match_may_end(const struct ctx *c, const struct tok *t)
{
    uint32_t cp;
    unsigned char ch;

    if (t->e >= c->sent_end || (t->flags & T_ELIDED))
        return true;
    ch = (unsigned char)c->body[t->e];
    if (ch < 0x80)
        return !ascii_alnum[ch];
    get_cp(c->body, c->sent_end, t->e, &cp);
    return !lis_lex_is_word_cp(cp);
}

/* Fill a fresh memo slot: the longest match of lx on s[0..second), whose
 * folded text hashes to h, as where it ends (first or second bytes in);
 * LM_WALK when it may go on past second or ends elsewhere. */
static void walk_fill(const struct ctx *c, struct memo_slot *sl,
                      const struct lis_lexicon *lx, uint64_t h,
                      const char *s, size_t first, size_t second)
{
    const struct hset *pfx = pfx_of(c, lx);

    sl->code = LM_WALK;
    sl->val = NULL;
    if (pfx && !hset_has(pfx, h)) {
        const char *v = NULL;
        size_t len = lis_lexicon_match(lx, s, second, &v);

        if (len == 0)
            sl->code = LM_NONE;
        else if (len == first)
            sl->code = LM_FIRST;
        else if (len == second)
            sl->code = LM_SECOND;
        sl->val = v;
    }
}

/* The memo key of the longest match of lx from a word of hash h that ends
 * at that word. */
static inline uint64_t match_key(const struct lis_lexicon *lx, uint64_t h)
{
    uint64_t key = (h ^ (uint64_t)(uintptr_t)lx) * 0xC2B2AE3D27D4EB4FULL;

    key ^= key >> 31;
    return key ? key : 1;
}

/* match_memo when memo_peek missed: find or fill the slot of key (out of
 * line, so that match_memo is small enough to inline). */
static __attribute__((noinline)) const struct memo_slot *
match_fill(const struct ctx *c, const struct lis_lexicon *lx, size_t i,
           size_t j, uint64_t key)
{
    const struct tok *t = &c->toks[i], *u = &c->toks[j];
    struct memo_slot *sl;
    uint64_t h = t->h;
    bool hit;

    sl = memo_find(c->memo, key, &hit);
    if (hit)
        return sl;
    if (j != i) {
        struct fh f;

        fh_init(&f);
        fh_fold(&f, c->body + t->s, t->e - t->s);
        if (u->s != t->e)
            fh_byte(&f, ' ');       /* white space matches as one space */
        fh_fold(&f, c->body + u->s, u->e - u->s);
        h = fh_end(&f);
    }
    walk_fill(c, sl, lx, h, c->body + t->s, t->e - t->s, u->e - t->s);
    return sl;
}

/* Where the longest match of lx from token i ends when it cannot go past
 * token j (j == i or i + 1, no gap between them), memoised. */
static inline const struct memo_slot *match_memo(const struct ctx *c,
                                                 const struct lis_lexicon *lx,
                                                 size_t i, size_t j)
{
    const struct tok *t = &c->toks[i], *u = &c->toks[j];
    uint64_t key;
    const struct memo_slot *sl;

    if (j == i) {
        key = match_key(lx, t->h);
    } else {
        key = (t->h ^ (uint64_t)(uintptr_t)lx) * 0xC2B2AE3D27D4EB4FULL;
        key = ((key ^ u->h) * 0x165667B19E3779F9ULL) ^
              (u->s == t->e ? 0x27D4EB2F165667C5ULL : 0x94D049BB133111EBULL);
        key ^= key >> 31;
        key = key ? key : 1;
    }
    sl = memo_peek(c->memo, key);
    return sl ? sl : match_fill(c, lx, i, j, key);
}

/* lex_match but for the common answers, memoised at the first probe. */
static size_t lex_match_walk(const struct ctx *c,
                             const struct lis_lexicon *lx, size_t i,
                             const char **val)
{
    const struct tok *t = &c->toks[i];

    if (!(t->flags & T_EXOTIC) && match_may_end(c, t)) {
        const struct memo_slot *sl = match_memo(c, lx, i, i);

        if (sl->code == LM_WALK && i + 1 < c->n_toks &&
            !(c->toks[i + 1].flags & (T_GAP | T_EXOTIC)) &&
            match_may_end(c, &c->toks[i + 1]))
            sl = match_memo(c, lx, i, i + 1);
        switch (sl->code) {
        case LM_NONE:
            return 0;
        case LM_FIRST:
            if (val)
                *val = sl->val;
            return t->e - t->s;
        case LM_SECOND:
            if (val)
                *val = sl->val;
            return c->toks[i + 1].e - t->s;
        default:
            break;
        }
    }
    return lis_lexicon_match(lx, c->body + t->s, c->sent_end - t->s, val);
}

/* The longest match of lx from token i to the end of the sentence
 * (lis_lexicon_match); *val only set on a match.  Inline: a word whose
 * memoised answer is that no entry goes past it (most lookups) costs a
 * probe; the rest is lex_match_walk's. */
static inline size_t lex_match(const struct ctx *c,
                               const struct lis_lexicon *lx, size_t i,
                               const char **val)
{
    const struct tok *t = &c->toks[i];
    const struct memo_slot *sl;
    unsigned char ch;

    if (t->flags & T_EXOTIC)
        return lex_match_walk(c, lx, i, val);
    sl = memo_peek(c->memo, match_key(lx, t->h));
    if (!sl || sl->code == LM_WALK)
        return lex_match_walk(c, lx, i, val);
    /* match_may_end, for the ASCII that follows most words */
    if (!(t->e >= c->sent_end || (t->flags & T_ELIDED) ||
          ((ch = (unsigned char)c->body[t->e]) < 0x80 && !ascii_alnum[ch])))
        return lex_match_walk(c, lx, i, val);
    if (sl->code == LM_NONE)
        return 0;
    /* (a one-word slot only ends a match at that word) */
    if (val)
        *val = sl->val;
    return t->e - t->s;
}

/* Only spaces between body offsets a and b. */
static bool only_space(const struct ctx *c, size_t a, size_t b)
{
    while (a < b) {
        uint32_t cp;

        a += get_cp(c->body, b, a, &cp);
        if (!lis_lex_is_space_cp(cp))
            return false;
    }
    return true;
}

static char gender_of(const char *val)
{
    const char *colon = val ? strrchr(val, ':') : NULL;

    if (val && (strcmp(val, "M") == 0 || strcmp(val, "F") == 0))
        return val[0];
    if (colon && (colon[1] == 'M' || colon[1] == 'F'))
        return colon[1];
    return 0;
}

static inline size_t process_name(struct ctx *c, size_t i, struct cue cue);

/* Register "i:" + the initials of tokens i..j (particles and determiners
 * skipped) for entity e, so that a later bare acronym finds it:
 * "Human Rights Watch" ... "HRW", "Cour pénale internationale" ... "CPI". */
static void register_initials(struct ctx *c, size_t e, size_t i, size_t j)
{
    char buf[24];
    size_t q, n = 0;
    struct nkey k;

    if (j - i < 1 || j - i > 8)
        return;
    for (q = i; q <= j; q++) {
        const struct tok *t = &c->toks[q];
        uint32_t cp;

        if (fw_is_particle(t->fw) || fw_is_det(t->fw) || t->fw == FW_ET ||
            (t->flags & T_ELIDED))
            continue;
        get_cp(c->body, t->e, t->s, &cp);
        if (!is_letter(cp) || n + 1 >= sizeof buf)
            return;
        n += (size_t)u8_uctomb((uint8_t *)buf + n, cp, (int)(sizeof buf - n));
    }
    if (n < 2)
        return;
    k = name_key(c, "i:", buf, n);
    if (nk_get(c, k) == LIS_NONE)
        nk_put(c, k, e);
}

/* "Nouvelle Démocratie (ND)", "Parti socialiste (PASOK)": an acronym in
 * parentheses right after a name of several words, starting with the same
 * letter, is the same entity (and makes it an organisation: people have no
 * acronym).  Tokens i..j are the name ending at end; returns the next
 * token. */
static size_t acronym_alias(struct ctx *c, size_t e, size_t i, size_t j,
                            size_t end)
{
    size_t k = j + 1;
    const struct tok *a, *t = &c->toks[i];

    if (k >= c->n_toks || j == i)
        return j + 1;
    a = &c->toks[k];
    if (!((a->flags & T_UPPER) ||
          ((a->flags & T_CAP) && c->ents[e].votes[LIS_ENT_ORG] >= 3)) ||
        (a->flags & T_HASDIGIT) ||
        a->e >= c->sent_end || c->body[a->e] != ')' ||
        c->body[a->s - 1] != '(' || !only_space(c, end, a->s - 1) ||
        c->body[a->s] != c->body[t->s] ||
        tok_has_lex(c, c->lx->persons, t, NULL))
        return j + 1;
    make_key(c, "", c->body + a->s, a->e - a->s);
    if (kmap_get(&c->keys, c->kb.data, c->kb.len) != LIS_NONE ||
        lex_match(c, c->lx->orgs, k, NULL) ||
        lex_match(c, c->lx->places, k, NULL))
        return j + 1;
    kmap_put(&c->keys, c->kb.data, c->kb.len, e);
    c->ents[e].votes[LIS_ENT_ORG] += 5;
    add_mention(c, a->s, a->e, e, LIS_MENTION_ALIAS, k);
    return k + 1;
}

/* "gouvernement Trump", "administration américaine": tokens i (the noun)
 * and after; returns the next token or i when it does not apply. */
static size_t process_gov(struct ctx *c, size_t i)
{
    const struct tok *t = &c->toks[i];
    size_t k = i + 1, j;
    const char *val = NULL;
    size_t e, len;

    if (k >= c->n_toks || c->toks[k].flags & T_GAP)
        return i;
    if (nameish(&c->toks[k]) && !(c->toks[k].flags & T_LETTERS1)) {
        j = k;
        while (j + 1 < c->n_toks && nameish(&c->toks[j + 1]) &&
               !(c->toks[j + 1].flags & T_GAP))
            j++;
        make_key(c, "g:", c->body + c->toks[k].s,
                 c->toks[j].e - c->toks[k].s);
        e = kmap_get(&c->keys, c->kb.data, c->kb.len);
        if (e == LIS_NONE) {
            e = new_ent(c, c->body + t->s, c->toks[j].e - t->s);
            kmap_put(&c->keys, c->kb.data, c->kb.len, e);
            c->ents[e].link = lis_xstrndup(c->body + c->toks[k].s,
                                           c->toks[j].e - c->toks[k].s);
        }
        c->ents[e].votes[LIS_ENT_ORG] += 5;
        c->ents[e].gov = true;
        add_mention(c, t->s, c->toks[j].e, e,
                    name_kind(c, e, c->body + t->s, c->toks[j].e - t->s), i);
        return j + 1;
    }
    if (c->toks[k].flags & T_LOWER) {
        len = lis_lexicon_match(c->lx->demonyms, c->body + c->toks[k].s,
                                c->toks[k].e - c->toks[k].s, &val);
        if (len != c->toks[k].e - c->toks[k].s || !val || !*val)
            return i;
        make_key(c, "g:", val, strlen(val));
        e = kmap_get(&c->keys, c->kb.data, c->kb.len);
        if (e == LIS_NONE) {
            e = new_ent(c, c->body + t->s, c->toks[k].e - t->s);
            kmap_put(&c->keys, c->kb.data, c->kb.len, e);
            c->ents[e].link = lis_xstrdup(val);
        }
        c->ents[e].votes[LIS_ENT_ORG] += 5;
        c->ents[e].gov = true;
        add_mention(c, t->s, c->toks[k].e, e,
                    name_kind(c, e, c->body + t->s, c->toks[k].e - t->s), i);
        return k + 1;
    }
    return i;
}

/* process_title once the title lexicon matched len bytes from token i,
 * with value val (out of line: the inline part ends most calls). */
static __attribute__((noinline)) size_t
title_rest(struct ctx *c, size_t i, size_t len, const char *val,
           size_t *head_end, int *head_type)
{
    size_t j, k;
    struct cue cue = { -1, 0, 0 };

    j = tok_ending_at(c, i, c->toks[i].s + len);
    if (j == LIS_NONE)
        return i;
    k = j + 1;
    if (strncmp(val, "gov", 3) == 0)
        return process_gov(c, i);
    if (strcmp(val, "common") == 0)
        return j + 1;
    if (strncmp(val, "head-", 5) == 0) {
        if (!(c->toks[i].flags & T_CAP)) {
            /* "ministère de la Culture", "rue de Rivoli": only heads marked
             * '+' name things in lower case too ("le centre de Téhéran"
             * is no organisation) */
            size_t q = k + 1;

            if (val[strlen(val) - 1] != '+' || k >= c->n_toks ||
                (c->toks[k].flags & T_GAP))
                return i;
            if (nameish(&c->toks[k]) &&
                !(c->toks[k].flags & (T_WEAK | T_LETTERS1))) {
                /* "l'école Ozar Hatorah", "le lac Léman": a type cue */
                cue.type = strncmp(val, "head-LOC", 8) == 0 ? LIS_ENT_LOC
                                                             : LIS_ENT_ORG;
                return process_name(c, k, cue);
            }
            if (!fw_is_de(c->toks[k].fw))
                return i;
            if (q < c->n_toks && (c->toks[q].fw == FW_LA ||
                                  c->toks[q].fw == FW_L))
                q++;
            if (q >= c->n_toks || !nameish(&c->toks[q]) ||
                (c->toks[q].flags & T_GAP) ||
                lex_match(c, c->lx->orgs, q, NULL) ||
                tok_has_lex(c, c->lx->persons, &c->toks[q], NULL))
                return i;
        }
        *head_end = j;
        *head_type = strncmp(val, "head-LOC", 8) == 0    ? LIS_ENT_LOC
                     : strncmp(val, "head-MISC", 9) == 0 ? LIS_ENT_MISC
                                                         : LIS_ENT_ORG;
        return i;
    }
    if (k >= c->n_toks)
        return i;
    if (strncmp(val, "title", 5) == 0 || strncmp(val, "role", 4) == 0) {
        const struct tok *n = &c->toks[k];
        size_t match_end = c->toks[i].s + len;

        cue.gender = gender_of(val);
        if (nameish(n) && !(n->flags & T_QUOTE) &&
            only_space(c, match_end, n->s)) {
            if (strncmp(val, "title", 5) == 0 || !(n->flags & T_UPPER)) {
                cue.type = LIS_ENT_PER;
                cue.role = strncmp(val, "role", 4) == 0
                               ? fold_hash(c->body + c->toks[j].s,
                                           c->toks[j].e - c->toks[j].s)
                               : 0;
                return process_name(c, k, cue);
            }
        }
        if (strncmp(val, "role-org", 8) == 0 && fw_is_de(n->fw) &&
            !(n->flags & T_GAP) && k + 1 < c->n_toks &&
            nameish(&c->toks[k + 1]) && !(c->toks[k + 1].flags & T_GAP)) {
            cue.type = LIS_ENT_ORG;
            cue.gender = 0;
            return process_name(c, k + 1, cue);
        }
        if (strncmp(val, "role-portfolio", 14) == 0 && fw_is_de(n->fw) &&
            !(n->flags & T_GAP)) {
            /* "ministre des Finances": the portfolio is not a name */
            size_t q = k + 1;

            if (q < c->n_toks && (c->toks[q].fw == FW_LA ||
                                  c->toks[q].fw == FW_L))
                q++;
            if (q >= c->n_toks || !nameish(&c->toks[q]) ||
                (c->toks[q].flags & T_GAP))
                return i;
            while (q + 1 < c->n_toks && nameish(&c->toks[q + 1]) &&
                   !(c->toks[q + 1].flags & T_GAP))
                q++;
            return q + 1;
        }
        /* a capitalised role with no name after it ("l'ancien Premier
         * ministre libanais") is still no name */
        if (c->toks[i].flags & T_CAP)
            return j + 1;
    }
    return i;
}

/* Title, role, head, legal form or government noun at token i (any
 * case).  Returns the next token to read, or i when nothing applies. */
static inline __attribute__((always_inline)) size_t
process_title(struct ctx *c, size_t i, size_t *head_end, int *head_type)
{
    const char *val = NULL;
    const struct tok *t0 = &c->toks[i];
    size_t len;

    *head_end = LIS_NONE;
    if ((i + 1 >= c->n_toks || (c->toks[i + 1].flags & T_GAP)) &&
        (t0->e >= c->sent_end || c->body[t0->e] != '.'))
        /* only the word itself can match ("M." needs its period) */
        len = tok_has_lex(c, c->lx->titles, t0, &val) ? t0->e - t0->s : 0;
    else
        len = lex_match(c, c->lx->titles, i, &val);
    /* inline as far as here: most words are no title */
    if (!len || !val)
        return i;
    return title_rest(c, i, len, val, head_end, head_type);
}

/* A capitalised word at a weak position: is there evidence it is a name? */
static bool weak_evidence(const struct ctx *c, size_t i, size_t j)
{
    const struct tok *t = &c->toks[i];

    if (is_stop(c, t) || ends_with(c, t, "ment"))
        return false;
    if (t->flags & (T_CAMEL | T_UPPER))
        return true;
    if (lower_seen(c, t))
        return false;
    if (strong_seen(c, t) || tok_has_lex(c, c->lx->persons, t, NULL))
        return true;
    if (t->fw == FW_NUM)
        return false;
    if (j > i && !(c->toks[i + 1].flags & T_WEAK) &&
        !lex_match(c, c->lx->demonyms, i + 1, NULL))
        return true;            /* "Barack Obama a dit" */
    if (j + 1 < c->n_toks && !(c->toks[j + 1].flags & T_GAP) &&
        (fw_is_verb(c->toks[j + 1].fw) ||
         tok_has_lex(c, c->lx->speech_verbs, &c->toks[j + 1], NULL)))
        return true;
    return false;
}

/* process_name past its first tests (out of line: it is long). */
static __attribute__((noinline)) size_t name_rest(struct ctx *c, size_t i,
                                                  struct cue cue)
{
    const struct tok *t = &c->toks[i];
    const char *val = NULL, *v2 = NULL;
    size_t best = 0, len, j, k, end, e, head_end = LIS_NONE;
    int best_kind = -1, head_type = -1, type = -1, weight = 0;
    bool weak = (t->flags & T_WEAK) != 0, person = false, lowered = false;
    size_t ntok;

    if (cue.type < 0) {
        k = process_title(c, i, &head_end, &head_type);
        if (k != i)
            return k;
    }
    /* lexicons: places, then organisations, then demonyms (a known name
     * beats a head: "Commission européenne | de Bruxelles") */
    if (i + 1 >= c->n_toks || (c->toks[i + 1].flags & T_GAP)) {
        /* nothing but this word can match: the memoised whole-word
         * answers are the same as a longest match */
        size_t wl = t->e - t->s;

        if (tok_has_lex(c, c->lx->places, t, &val)) {
            best = wl;
            best_kind = 0;
            v2 = val;
        } else if (tok_has_lex(c, c->lx->orgs, t, &val)) {
            best = wl;
            best_kind = 1;
            v2 = val;
        } else if (tok_has_lex(c, c->lx->demonyms, t, &val)) {
            best = wl;
            best_kind = 2;
            v2 = val;
        }
    } else {
        len = lex_match(c, c->lx->places, i, &val);
        if (len) {
            best = len;
            best_kind = 0;
            v2 = val;
        }
        len = lex_match(c, c->lx->orgs, i, &val);
        if (len > best) {
            best = len;
            best_kind = 1;
            v2 = val;
        }
        len = lex_match(c, c->lx->demonyms, i, &val);
        if (len > best) {
            best = len;
            best_kind = 2;
            v2 = val;
        }
    }
    if (best && head_end != LIS_NONE && t->s + best <= c->toks[head_end].e)
        best = 0;
    if (best) {
        j = tok_ending_at(c, i, t->s + best);
        if (j != LIS_NONE &&
            !(j == i && j + 1 < c->n_toks && nameish(&c->toks[j + 1]) &&
              !(c->toks[j + 1].flags & T_GAP) && best_kind != 2 &&
              !(c->toks[j + 1].flags & T_UPPER) &&
              /* "AFP | Jean-Philippe Magnen" but "HP France" */
              (!(t->flags & T_UPPER) ||
               tok_has_lex(c, c->lx->places, &c->toks[j + 1], NULL) ||
               tok_has_lex(c, c->lx->orgs, &c->toks[j + 1], NULL)))) {
            if (weak && j == i && cue.type < 0 && lower_seen(c, t) &&
                !(t->flags & (T_UPPER | T_CAMEL)))
                return i + 1;
            end = t->s + best;
            if (best_kind == 2) {
                struct nkey dk = name_key(c, "d:", v2, strlen(v2));

                e = nk_get(c, dk);
                if (e == LIS_NONE) {
                    e = new_ent(c, c->body + t->s, end - t->s);
                    nk_put(c, dk, e);
                    c->ents[e].link = lis_xstrdup(v2);
                }
                c->ents[e].votes[LIS_ENT_MISC] += 5;
                add_mention(c, t->s, end, e,
                            name_kind(c, e, c->body + t->s, end - t->s), i);
                return j + 1;
            }
            if (v2 && *v2)
                e = entity_for(c, v2, strlen(v2), 1 + j - i,
                               best_kind == 0 ? LIS_ENT_LOC : LIS_ENT_ORG, 5,
                               false);
            else
                e = entity_for(c, c->body + t->s, end - t->s, 1 + j - i,
                               best_kind == 0 ? LIS_ENT_LOC : LIS_ENT_ORG, 5,
                               false);
            if (cue.type >= 0)
                c->ents[e].votes[cue.type] += 1;
            add_mention(c, t->s, end, e,
                        name_kind(c, e, c->body + t->s, end - t->s), i);
            if (j > i && best_kind == 1)
                register_initials(c, e, i, j);
            return acronym_alias(c, e, i, j, end);
        }
    }
    /* a capitalised sequence */
    j = head_end != LIS_NONE ? head_end : i;
    for (;;) {
        size_t n1 = j + 1, n2;

        if (n1 >= c->n_toks)
            break;
        /* "Autorité palestinienne | Yasser Arafat" */
        if (lowered && nameish(&c->toks[n1]))
            break;
        if (nameish(&c->toks[n1]) && !(c->toks[n1].flags & T_GAP)) {
            const char *sv = NULL;

            /* "Acmeco | SA": a legal form closes the name */
            if ((c->toks[n1].flags & T_CAP) &&
                lex_match(c, c->lx->titles, n1, &sv) && sv &&
                strcmp(sv, "suffix") == 0)
                break;
            /* "WikiLeaks | Julian Assange" */
            if ((c->toks[j].flags & T_CAMEL) &&
                !(c->toks[n1].flags & (T_CAMEL | T_UPPER)))
                break;
            /* "Assemblée | Claude Bartolone": a first name starts a person */
            if (!(c->toks[n1].flags & T_UPPER) &&
                (head_type >= 0 ||
                 (c->toks[j].flags & (T_UPPER | T_CAMEL)) ||
                 (n1 + 1 < c->n_toks && nameish(&c->toks[n1 + 1]) &&
                  !(c->toks[n1 + 1].flags & T_GAP)) ||
                 tok_has_lex(c, c->lx->orgs, &c->toks[j], NULL) ||
                 tok_has_lex(c, c->lx->places, &c->toks[j], NULL)) &&
                tok_has_lex(c, c->lx->persons, &c->toks[n1], NULL) &&
                !tok_has_lex(c, c->lx->persons, &c->toks[j], NULL))
                break;
            j = n1;
            continue;
        }
        if ((c->toks[j].flags & T_INITIAL) && nameish(&c->toks[n1]) &&
            c->toks[n1].fw == FW_NONE && !is_stop(c, &c->toks[n1]) &&
            only_space(c, c->toks[j].e + 1, c->toks[n1].s)) {
            j = n1;
            continue;
        }
        if (c->toks[n1].flags & T_GAP)
            break;
        if (fw_is_particle(c->toks[n1].fw)) {
            bool glue = head_type >= 0 || cue.type == LIS_ENT_PER ||
                        (fw_is_det(t->fw) && !weak) ||
                        (j == i && tok_has_lex(c, c->lx->persons, t, NULL)) ||
                        !fw_is_de(c->toks[n1].fw);

            n2 = n1 + 1;
            if (n2 < c->n_toks && c->toks[n1].fw == FW_DE &&
                (c->toks[n2].fw == FW_LA || c->toks[n2].fw == FW_L) &&
                !(c->toks[n2].flags & T_GAP))
                n2++;
            if (glue && n2 < c->n_toks && nameish(&c->toks[n2]) &&
                !(c->toks[n2].flags & T_GAP)) {
                j = n2;
                continue;
            }
            /* "Confédération générale du travail" */
            if (head_type >= 0 && lowered && n2 < c->n_toks &&
                (c->toks[n2].flags & T_LOWER) &&
                !(c->toks[n2].flags & T_GAP) && c->toks[n2].fw == FW_NONE &&
                !is_stop(c, &c->toks[n2]) &&
                !tok_has_lex(c, c->lx->speech_verbs, &c->toks[n2], NULL)) {
                j = n2;
                continue;
            }
            /* "Autorité de la concurrence", "Autorité des marchés
             * financiers": a head that would stand alone takes one
             * lower-case noun after its particle, not an infinitive ("le
             * président de la République de ramener") */
            if (head_type >= 0 && j == head_end && n2 < c->n_toks &&
                (c->toks[n2].flags & T_LOWER) &&
                !(c->toks[n2].flags & (T_GAP | T_ELIDED)) &&
                c->toks[n2].fw == FW_NONE && !is_stop(c, &c->toks[n2]) &&
                !ends_with(c, &c->toks[n2], "er") &&
                !ends_with(c, &c->toks[n2], "ir") &&
                !tok_has_lex(c, c->lx->speech_verbs, &c->toks[n2], NULL)) {
                j = n2;
                lowered = true;
                continue;
            }
            /* "Forum mondial de la langue française" */
            if (head_type >= 0 && n2 + 1 < c->n_toks &&
                (c->toks[n2].flags & T_LOWER) &&
                !(c->toks[n2].flags & T_GAP) && c->toks[n2].fw == FW_NONE &&
                !is_stop(c, &c->toks[n2]) &&
                !(c->toks[n2 + 1].flags & T_GAP) &&
                adjective_like(c, &c->toks[n2 + 1])) {
                j = n2 + 1;
                lowered = true;
                continue;
            }
            break;
        }
        if (head_type >= 0 && j - i < 8 && adjective_like(c, &c->toks[n1])) {
            j = n1;
            lowered = true;
            continue;
        }
        break;
    }
    if (head_type >= 0 && j == head_end)
        return head_end + 1;    /* a head alone ("Union", "Conseil") */
    if (j == i && (t->flags & T_INITIAL) && cue.type < 0)
        return i + 1;           /* "40 °C." */
    if (weak && cue.type < 0 && head_type < 0 && !weak_evidence(c, i, j))
        return i + 1;
    end = c->toks[j].e;
    ntok = 1 + j - i;
    /* legal form: "Apple Inc.", "Total SA" */
    k = j + 1;
    if (k < c->n_toks && (c->toks[k].flags & T_CAP) &&
        only_space(c, end, c->toks[k].s)) {
        len = lex_match(c, c->lx->titles, k, &val);
        if (len && val && strcmp(val, "suffix") == 0 &&
            tok_ending_at(c, k, c->toks[k].s + len) == k) {
            end = c->toks[k].s + len;
            type = LIS_ENT_ORG;
            weight = 3;
            j = k;
        }
    }
    /* "Technology Facilities Council", "Dana Air" */
    if (type < 0 && ntok >= 2 && tok_has_lex(c, c->lx->titles, &c->toks[j],
                                             &val) &&
        strcmp(val, "tail-ORG") == 0) {
        type = LIS_ENT_ORG;
        weight = 3;
    }
    /* the type */
    if (type < 0 && cue.type >= 0) {
        type = cue.type;
        weight = 3;
    } else if (type < 0 && head_type >= 0) {
        type = head_type;
        weight = 3;
    }
    if (ntok >= 2 && tok_has_lex(c, c->lx->persons, t, &val) &&
        head_type < 0) {
        if (type < 0) {
            type = LIS_ENT_PER;
            weight = 3;
        }
        if (!cue.gender)
            cue.gender = gender_of(val);
        person = true;
    }
    if ((t->flags & T_INITIAL) && ntok >= 2 && type < 0) {
        type = LIS_ENT_PER;
        weight = 2;
    }
    if (type < 0) {
        enum fw prev = i > 0 ? c->toks[i - 1].fw : FW_NONE;

        unsigned all = 0;
        bool known = false, common = false, caplow = true;
        size_t q;

        for (q = i; q <= j; q++) {
            const struct tok *u = &c->toks[q];

            all |= u->flags;
            if (!(u->flags & T_CAP) || (u->flags & (T_UPPER | T_ROMAN)))
                caplow = false;
            if (ntok > 1 && (tok_has_lex(c, c->lx->places, u, NULL) ||
                             tok_has_lex(c, c->lx->orgs, u, NULL)))
                known = true;
            if (ntok > 1 && lower_seen(c, u))
                common = true;
        }
        if (t->flags & T_CAMEL)
            type = t->flags & T_LOWER ? LIS_ENT_MISC : LIS_ENT_ORG;
        else if (all & (T_HASDIGIT | T_ROMAN))
            type = LIS_ENT_MISC;
        else if (ntok == 1 && (t->flags & T_UPPER))
            type = LIS_ENT_ORG;
        else if ((prev == FW_EN || prev == FW_AU || prev == FW_AUX ||
                  (prev == FW_A && ntok == 1)) && !(t->flags & T_GAP))
            type = LIS_ENT_LOC;
        else if (ntok >= 2 && (fw_is_det(t->fw) || known))
            type = LIS_ENT_ORG;     /* "La Poste", "France Culture" */
        else if (ntok == 2 && caplow && !common)
            type = LIS_ENT_PER;     /* "Vassilis Rapanos" */
        else
            type = LIS_ENT_MISC;
        weight = 1;
    }
    /* "Barroso, le président de la Commission" */
    if (weight < 3 && j + 2 < c->n_toks && (c->toks[j + 1].flags & T_COMMA) &&
        fw_is_det(c->toks[j + 1].fw) &&
        tok_has_lex(c, c->lx->titles, &c->toks[j + 2], &val) &&
        strncmp(val, "role", 4) == 0) {
        type = LIS_ENT_PER;
        weight = 2;
    }
    if (type == LIS_ENT_PER && ntok >= 2)
        person = true;
    if (ntok == 1 && (t->flags & T_UPPER) && !(t->flags & T_HASDIGIT)) {
        /* "HRW" after "Human Rights Watch" */
        struct nkey nk = name_key(c, "", c->body + t->s, end - t->s);

        if (nk_get(c, nk) == LIS_NONE) {
            e = nk_get(c, name_key(c, "i:", c->body + t->s, end - t->s));
            if (e != LIS_NONE) {
                nk_put(c, nk, e);
                add_mention(c, t->s, end, e, LIS_MENTION_ALIAS, i);
                return j + 1;
            }
        }
    }
    e = entity_for(c, c->body + t->s, end - t->s, ntok, type, weight, person);
    if (cue.gender && !c->ents[e].gender)
        c->ents[e].gender = cue.gender;
    if (cue.role)
        c->ents[e].role = cue.role;
    else if (head_type >= 0 && !c->ents[e].role)
        c->ents[e].role = fold_hash(c->body + t->s, c->toks[i].e - t->s);
    add_mention(c, t->s, end, e, name_kind(c, e, c->body + t->s, end - t->s),
                i);
    if (ntok >= 2 && ent_type(&c->ents[e]) != LIS_ENT_PER)
        register_initials(c, e, i, j);
    return acronym_alias(c, e, i, j, end);
}

/* A name starting at token i (capitalised, CamelCase or acronym).
 * Returns the next token to read.  Its first tests are inline (most
 * calls end there): a capitalised stop word at a weak position ("Le",
 * "Pour"), a single letter or a Roman numeral is no name. */
static inline __attribute__((always_inline)) size_t
process_name(struct ctx *c, size_t i, struct cue cue)
{
    const struct tok *t = &c->toks[i];

    if ((t->flags & T_WEAK) && cue.type < 0 && is_stop(c, t))
        return i + 1;
    if (t->flags & (T_LETTERS1 | T_ROMAN) && !(t->flags & T_INITIAL) &&
        cue.type < 0)
        return i + 1;
    return name_rest(c, i, cue);
}

/* Descriptor at determiner token i ("la société", "le géant américain",
 * "la firme de Redmond"); returns the next token or i. */
static size_t process_descriptor(struct ctx *c, size_t i)
{
    const char *val = NULL;
    size_t len, j, k, end, e;
    int type;
    enum want w;
    bool found, strict;
    char g;
    struct cue cue;

    if (i + 2 >= c->n_toks || (c->toks[i + 2].flags & T_GAP) ||
        (c->toks[i + 2].fw != FW_NONE && !fw_is_particle(c->toks[i + 2].fw) &&
         !fw_is_det(c->toks[i + 2].fw))) {
        /* only "determiner noun" can match: a memoised exact lookup */
        uint64_t h = c->toks[i].h * 0x100000001B3ULL ^ c->toks[i + 1].h;

        len = span_has_lex(c, c->lx->descriptors, c->toks[i].s,
                           c->toks[i + 1].e, h, &val)
                  ? c->toks[i + 1].e - c->toks[i].s : 0;
    } else {
        /* lex_match without its inline first probe (same answer): a
         * determiner begins many descriptors, so its one-word answer is
         * to walk on */
        len = lex_match_walk(c, c->lx->descriptors, i, &val);
    }
    if (!len || !val)
        return i;
    j = tok_ending_at(c, i, c->toks[i].s + len);
    if (j == LIS_NONE || j == i)
        return i;
    if ((c->toks[j].flags & T_CAP) && !(c->toks[j].flags & T_WEAK))
        return i;               /* "le Parti socialiste" is a name */
    type = strcmp(val, "PER") == 0 ? LIS_ENT_PER
           : strcmp(val, "LOC") == 0 ? LIS_ENT_LOC : LIS_ENT_ORG;
    strict = strcmp(val, "ORG!") == 0;
    g = (c->toks[i].fw == FW_LA || c->toks[i].fw == FW_CETTE) ? 'F'
        : (c->toks[i].fw == FW_LE || c->toks[i].fw == FW_CE ||
           c->toks[i].fw == FW_CET) ? 'M' : 0;
    k = j + 1;
    cue.type = type;
    cue.gender = type == LIS_ENT_PER ? g : 0;
    cue.role = type != LIS_ENT_LOC
                   ? fold_hash(c->body + c->toks[j].s,
                               c->toks[j].e - c->toks[j].s) : 0;
    /* apposition: "la société SpaceX", "le président Obama" */
    if (k < c->n_toks && nameish(&c->toks[k]) &&
        !(c->toks[k].flags & (T_GAP | T_WEAK)))
        return process_name(c, k, cue);
    end = c->toks[j].e;
    if (k < c->n_toks && !(c->toks[k].flags & T_GAP) && fw_is_de(c->toks[k].fw)) {
        size_t n2 = k + 1, pl;

        if (n2 < c->n_toks && nameish(&c->toks[n2]) &&
            !(c->toks[n2].flags & T_GAP)) {
            if (type == LIS_ENT_LOC) {
                cue.role = 0;
                return process_name(c, n2, cue);    /* "la ville de Paris" */
            }
            pl = lex_match(c, c->lx->places, n2, NULL);
            if (type == LIS_ENT_ORG && pl &&
                tok_ending_at(c, n2, c->toks[n2].s + pl) != LIS_NONE) {
                end = c->toks[n2].s + pl;           /* "la firme de Redmond" */
                k = tok_ending_at(c, n2, end) + 1;
            } else {
                return i + 1;
            }
        } else if (type == LIS_ENT_PER) {
            return i + 1;       /* "le président de la République" */
        }
    } else if (k < c->n_toks && !(c->toks[k].flags & T_GAP) &&
               adjective_like(c, &c->toks[k])) {
        /* apposition past an adjective: "la société américaine Genzyme",
         * "le président américain Barack Obama" */
        if (k + 1 < c->n_toks && nameish(&c->toks[k + 1]) &&
            !(c->toks[k + 1].flags & (T_GAP | T_WEAK)))
            return process_name(c, k + 1, cue);
        end = c->toks[k].e;     /* "la multinationale américaine" */
        k++;
    }
    /* a descriptor opening a quotation is usually generic */
    if (c->toks[i].flags & T_QUOTE)
        return k;
    w = type == LIS_ENT_ORG ? (strict ? W_ORG_ROLE : W_ORG)
        : type == LIS_ENT_LOC ? W_LOC : W_PER_ROLE;
    e = resolve(c, 3, w, cue.role, &found);
    if (e == LIS_NONE)
        return k;
    if (type == LIS_ENT_ORG && g)
        c->ents[e].org_gender = g;
    add_mention(c, c->toks[i].s, end, e, LIS_MENTION_DESCRIPTOR, i);
    return k;
}

/* lis_lexicon_match of the descriptors on buf ("le " + avail bytes from
 * token n), memoised by n's hash as lex_match does. */
static size_t fused_match(const struct ctx *c, const struct tok *n,
                          const char *buf, size_t avail, const char **val)
{
    const struct lis_lexicon *lx = c->lx->descriptors;
    size_t nl = n->e - n->s;

    if (nl <= avail && !(n->flags & T_EXOTIC) && match_may_end(c, n)) {
        uint64_t key = (n->h ^ (uint64_t)(uintptr_t)lx) *
                       0x94D049BB133111EBULL;
        struct memo_slot *sl;
        bool hit;

        key ^= key >> 29;
        sl = memo_find(c->memo, key ? key : 1, &hit);
        if (!hit) {
            struct fh f;

            fh_init(&f);
            fh_fold(&f, buf, 3 + nl);
            walk_fill(c, sl, lx, fh_end(&f), buf, 3, 3 + nl);
        }
        if (sl->code == LM_NONE)
            return 0;
        if (sl->code == LM_SECOND) {
            *val = sl->val;
            return 3 + nl;
        }
    }
    return lis_lexicon_match(lx, buf, avail + 3, val);
}

/* "du groupe", "au géant": the article is fused with the preposition;
 * match "le" + the noun and mention the noun alone. */
static size_t process_fused_descriptor(struct ctx *c, size_t i)
{
    char buf[96];
    const struct tok *n;
    size_t avail, len, j, end, e;
    const char *val = NULL;
    bool found;

    if (i + 1 >= c->n_toks)
        return i;
    n = &c->toks[i + 1];
    if (!(n->flags & T_LOWER) || (n->flags & T_GAP))
        return i;
    avail = c->sent_end - n->s;
    if (avail > sizeof buf - 4)
        avail = sizeof buf - 4;
    memcpy(buf, "le ", 3);
    memcpy(buf + 3, c->body + n->s, avail);
    len = fused_match(c, n, buf, avail, &val);
    if (len <= 3 || !val || strcmp(val, "ORG") != 0)
        return i;
    end = n->s + len - 3;
    j = tok_ending_at(c, i + 1, end);
    if (j == LIS_NONE)
        return i;
    if (j + 1 < c->n_toks && nameish(&c->toks[j + 1]) &&
        !(c->toks[j + 1].flags & (T_GAP | T_WEAK))) {
        struct cue cue = { LIS_ENT_ORG, 0, 0 };

        cue.role = fold_hash(c->body + c->toks[j].s,
                             c->toks[j].e - c->toks[j].s);
        return process_name(c, j + 1, cue);     /* "du groupe Renault" */
    }
    if (j + 1 < c->n_toks && !(c->toks[j + 1].flags & T_GAP) &&
        (fw_is_de(c->toks[j + 1].fw) || adjective_like(c, &c->toks[j + 1])))
        return i;
    if (c->toks[i].flags & T_QUOTE)
        return j + 1;
    e = resolve(c, 3, W_ORG, 0, &found);
    if (e == LIS_NONE)
        return j + 1;
    c->ents[e].org_gender = 'M';
    add_mention(c, n->s, end, e, LIS_MENTION_DESCRIPTOR, i + 1);
    return j + 1;
}

/* Subject pronoun "il"/"elle" at token i, or the inverted "-t-il". */
static void process_pronoun(struct ctx *c, size_t i)
{
    const struct tok *t = &c->toks[i];
    size_t ps = t->s, pe = t->e, e;
    bool elle, found;

    if (t->fw == FW_IL || t->fw == FW_ELLE) {
        const struct tok *n = i + 1 < c->n_toks ? &c->toks[i + 1] : NULL;

        elle = t->fw == FW_ELLE;
        if (t->flags & T_QUOTE)
            return;
        if (i > 0 && !(t->flags & T_COMMA)) {
            enum fw p = c->toks[i - 1].fw;

            if (!(p == FW_ET || p == FW_MAIS || p == FW_QUE || p == FW_QU ||
                  p == FW_LORSQU || p == FW_PUISQU || p == FW_QUAND ||
                  p == FW_CAR || p == FW_OU || p == FW_OUU || p == FW_S ||
                  p == FW_COMME || p == FW_DONC || p == FW_ALORS ||
                  p == FW_SI))
                return;
        }
        /* impersonal "il y a", "il faut", "il est prévu que" */
        if (!elle && n) {
            if (n->fw == FW_Y || n->fw == FW_IMPERS)
                return;
            if (n->fw == FW_S)
                return;
            if (n->fw == FW_N && i + 2 < c->n_toks &&
                (c->toks[i + 2].fw == FW_Y || c->toks[i + 2].fw == FW_IMPERS))
                return;             /* "il n'y a", "il ne faut" */
            if (n->fw == FW_ETRE && i + 3 < c->n_toks &&
                (c->toks[i + 3].fw == FW_QUE || c->toks[i + 3].fw == FW_QU ||
                 c->toks[i + 3].fw == FW_DE || c->toks[i + 3].fw == FW_D))
                return;
        }
    } else {
        /* "explique-t-il", "a-t-elle", "dit-il" */
        const char *b = c->body;
        size_t n = t->e - t->s;

        if (!(t->flags & T_LOWER) && !(t->flags & T_WEAK))
            return;
        if (n > 5 && memcmp(b + t->e - 5, "-elle", 5) == 0)
            elle = true;
        else if (n > 3 && memcmp(b + t->e - 3, "-il", 3) == 0)
            elle = false;
        else
            return;
        pe = t->e;
        ps = pe - (elle ? 4 : 2);
    }
    if (elle) {
        e = resolve(c, 1, W_ELLE_PER, 0, &found);
        if (e == LIS_NONE && !found)
            e = resolve(c, 1, W_ELLE_ORG, 0, &found);
    } else {
        e = resolve(c, 1, W_IL, 0, &found);
    }
    if (e != LIS_NONE)
        add_mention(c, ps, pe, e, LIS_MENTION_PRONOUN, i);
}

/* ------------------------------------------------------------ passes */

static void second_pass(struct ctx *c)
{
    /* (the tokens of the sentence do not change here: kept in locals, not
     * reloaded after every call) */
    const struct tok *toks = c->toks;
    size_t n = c->n_toks, i = 0;

    c->have_subject = false;
    c->sp_scan = 0;
    c->sp_verb = LIS_NONE;
    c->sp_que = false;
    while (i < n) {
        const struct tok *t = &toks[i];
        size_t k;
        /* most words: no capital and no hyphen, so neither an elided
         * article of a name nor a name, and a pronoun only as a function
         * word */
        bool low = !(t->flags & (T_CAP | T_CAMEL | T_HYPHEN));

        /* a lower-case function word that opens nothing (most of them:
         * "et", "de", "pour"): none of the rules below applies */
        if (low && t->fw != FW_NONE && !fw_is_det(t->fw) &&
            t->fw != FW_DU && t->fw != FW_AU && t->fw != FW_IL &&
            t->fw != FW_ELLE) {
            i++;
            continue;
        }
        if (t->s < c->last_end) {
            i++;
            continue;
        }
        if (t->fw == FW_NONE) {
            /* most words: no descriptor nor pronoun starts there, but a
             * lower-case one may be a title or a head */
            if ((t->flags & (T_LOWER | T_ELIDED)) == T_LOWER &&
                i + 1 < n && !(toks[i + 1].flags & T_GAP) &&
                (nameish(&toks[i + 1]) ||
                 (i + 2 < n && nameish(&toks[i + 2])) ||
                 (i + 3 < n && fw_is_de(toks[i + 1].fw) &&
                  (toks[i + 2].fw == FW_LA || toks[i + 2].fw == FW_L) &&
                  nameish(&toks[i + 3])) ||
                 (i > 0 && fw_is_det(toks[i - 1].fw) &&
                  (toks[i + 1].flags & T_LOWER) &&
                  is_demonym_word(c, &toks[i + 1])))) {
                size_t he;
                int ht;

                k = process_title(c, i, &he, &ht);
                if (k == i && he != LIS_NONE) {
                    struct cue none = { -1, 0, 0 };

                    k = process_name(c, i, none);
                }
                if (k != i) {
                    i = k;
                    continue;
                }
            }
            if (low) {
                i++;
                continue;
            }
        } else {
            if (fw_is_det(t->fw) && i + 1 < n &&
                !(toks[i + 1].flags & (T_GAP | T_ELIDED)) &&
                toks[i + 1].fw == FW_NONE &&
                (toks[i + 1].flags & (T_LOWER | T_WEAK))) {
                /* descriptors are a determiner and a lower-case noun */
                k = process_descriptor(c, i);
                if (k != i) {
                    i = k;
                    continue;
                }
            } else if (t->fw == FW_DU || t->fw == FW_AU) {
                k = process_fused_descriptor(c, i);
                if (k != i) {
                    i = k;
                    continue;
                }
            }
            /* (a title needs a word that is no function word) */
            if (low) {
                if (t->fw == FW_IL || t->fw == FW_ELLE)
                    process_pronoun(c, i);
                i++;
                continue;
            }
        }
        if (t->fw == FW_IL || t->fw == FW_ELLE ||
            ((t->flags & T_LOWER) && (t->flags & T_HYPHEN) &&
             t->e - t->s > 3 &&
             c->body[t->e - 3] != ' ' &&
             (memcmp(c->body + t->e - 3, "-il", 3) == 0 ||
              (t->e - t->s > 5 &&
               memcmp(c->body + t->e - 5, "-elle", 5) == 0)))) {
            process_pronoun(c, i);
            i++;
            continue;
        }
        if ((t->flags & (T_ELIDED | T_CAP)) == (T_ELIDED | T_CAP) &&
            i + 1 < n && nameish(&toks[i + 1]) &&
            !(toks[i + 1].flags & T_GAP)) {
            /* "L'Oréal", "L'Équipe": the article belongs to the name */
            const char *val = NULL;
            size_t len = lex_match(c, c->lx->orgs, i, &val), j, e;

            j = len ? tok_ending_at(c, i, t->s + len) : LIS_NONE;
            if (j != LIS_NONE && j > i) {
                e = val && *val
                        ? entity_for(c, val, strlen(val), 1 + j - i,
                                     LIS_ENT_ORG, 5, false)
                        : entity_for(c, c->body + t->s, len, 1 + j - i,
                                     LIS_ENT_ORG, 5, false);
                add_mention(c, t->s, t->s + len, e,
                            name_kind(c, e, c->body + t->s, len), i);
                i = j + 1;
                continue;
            }
        }
        if (nameish(t) || (t->flags & T_INITIAL)) {
            struct cue none = { -1, 0, 0 };

            i = process_name(c, i, none);
            continue;
        }
        i++;
    }
}

/* ------------------------------------------------------------ deals */

static inline uint64_t df_bit(uint64_t h)
{
    return h >> (64 - DF_BITS);
}

static inline void df_set(uint64_t *bits, uint64_t h)
{
    bits[df_bit(h) >> 6] |= (uint64_t)1 << (df_bit(h) & 63);
}

static inline bool df_has(const uint64_t *bits, uint64_t h)
{
    return (bits[df_bit(h) >> 6] >> (df_bit(h) & 63)) & 1;
}

static inline uint64_t df_pair(uint64_t h1, uint64_t h2)
{
    return (h1 ^ (h2 * 0x9E3779B97F4A7C15ULL)) * 0xff51afd7ed558ccdULL;
}

/* fold_hash of w[0..n) and of the same with an apostrophe after it. */
static void df_hashes(const char *w, size_t n, uint64_t h[2])
{
    char buf[LIS_DF_WORD + 1];

    h[0] = fold_hash(w, n);
    if (n > LIS_DF_WORD) {
        h[1] = h[0];    /* (no elided word is that long) */
        return;
    }
    memcpy(buf, w, n);
    buf[n] = '\'';
    h[1] = fold_hash(buf, n + 1);
}

/* lis_parties_deal_words callback: one deal term's words into the
 * filter. */
static void df_add(void *ctx, const char *w1, size_t n1, const char *w2,
                   size_t n2)
{
    struct deal_filter *f = ctx;
    uint64_t a[2], b[2];
    int i, j;

    df_hashes(w1, n1, a);
    for (i = 0; i < 2; i++)
        df_set(f->first, a[i]);
    if (!w2) {
        for (i = 0; i < 2; i++)
            df_set(f->single, a[i]);
        return;
    }
    df_hashes(w2, n2, b);
    for (i = 0; i < 2; i++)
        for (j = 0; j < 2; j++)
            df_set(f->pair, df_pair(a[i], b[j]));
}

/* The words of deal_maybe, one at a time: whether a deal term may begin
 * at the word of hash h (*pending: at the word before, if this one comes
 * second). */
static inline bool df_word(const struct deal_filter *f, uint64_t h,
                           bool *pending, uint64_t *prev)
{
    if (*pending && df_has(f->pair, df_pair(*prev, h)))
        return true;
    *pending = false;
    if (!df_has(f->first, h))
        return false;
    if (df_has(f->single, h))
        return true;
    *pending = true;
    *prev = h;
    return false;
}

/* Whether the sentence tokenize reads may hold a deal term, as the
 * parties stage's has_deal_term would look for one, token by token
 * (deal_step has the common case inline): a word that a deal term
 * begins with, alone or with the word after it.  A token of ASCII
 * and Latin letters and digits is such a word exactly (an elided one
 * with its apostrophe, a hyphenated one each of its parts), and its hash
 * is the fold_hash of the word, so a "no" here is a "no" there; anything
 * else (joined words, other letters or hyphens, a lexicon word character
 * in a gap, U+02BC, which the lexicon takes for a letter) is a
 * "maybe". */
static bool deal_look(struct ctx *c, const struct tok *t,
                      struct deal_state *ds)
{
    const struct deal_filter *f = c->deal;

    if ((t->flags & T_NOT_PLAIN) ||
        ((t->flags & T_ELIDED) &&
         (unsigned char)c->body[t->e - 1] == 0xBC))
        goto hit;
    if (t->flags & T_HYPHEN) {
        /* "États-Unis": the words between the hyphens */
        const char *b = c->body;
        size_t p = t->s, q;

        for (q = p; q < t->e; q++)
            if ((unsigned char)b[q] == 0xE2)
                goto hit;               /* U+2010, U+2011 */
        while (p < t->e) {
            for (q = p; q < t->e && b[q] != '-'; q++)
                ;
            if (df_word(f, fold_hash(b + p, q - p), &ds->pending, &ds->prev))
                goto hit;
            p = q + 1;
        }
    } else if (df_word(f, t->h, &ds->pending, &ds->prev)) {
        goto hit;
    }
    /* a word pending: the next token is looked at, whatever it is */
    ds->first = ds->pending ? f->all : f->first;
    return false;
hit:
    /* the answer is known: the tokens that follow need no look */
    c->deal_hit = true;
    ds->first = df_none;
    return true;
}

/* deal_look's answer for the sentence just tokenised. */
static bool deal_maybe(const struct ctx *c)
{
    return c->gap_word || c->deal_hit;
}

/* One pass over the sentences (or the paragraphs); false when the run was
 * cancelled on the way.  Progress counts both passes' bytes. */
static bool for_each_sentence(struct ctx *c, const struct lis_analysis *an,
                              const struct lis_document *doc, bool first,
                              struct lis_run *run)
{
    size_t s, base = first ? 0 : doc->body_len, of = 2 * doc->body_len;

    if (an->n_sentences > 0) {
        for (s = 0; s < an->n_sentences; s++) {
            if (lis_run_tick(run, base + an->sentences[s].start, of))
                return false;
            c->sent = s;
            c->sent_end = an->sentences[s].end;
            if (first) {
                light_pass(c, an->sentences[s].start, an->sentences[s].end);
            } else {
                c->gap_word = false;
                tokenize(c, an->sentences[s].start, an->sentences[s].end);
                if (c->deal)
                    c->deal_maybe[s] = deal_maybe(c);
                second_pass(c);
            }
        }
        return true;
    }
    /* no sentence split: paragraphs stand in for sentences */
    for (s = 0; s < doc->n_paras; s++) {
        if (lis_run_tick(run, base + doc->paras[s].start, of))
            return false;
        c->sent = s;
        c->sent_end = doc->paras[s].end;
        if (first) {
            light_pass(c, doc->paras[s].start, doc->paras[s].end);
        } else {
            tokenize(c, doc->paras[s].start, doc->paras[s].end);
            second_pass(c);
        }
    }
    return true;
}

void lis_entities_find(const struct lis_document *doc,
                       const struct lis_lexicons *lx, struct lis_analysis *an)
{
    lis_entities_run(doc, lx, an, NULL);
}

void lis_entities_run(const struct lis_document *doc,
                      const struct lis_lexicons *lx, struct lis_analysis *an,
                      struct lis_run *run)
{
    struct ctx c;
    size_t k;

    if (!doc || !lx || !an || !doc->body)
        return;
    memset(&c, 0, sizeof c);
    c.body = doc->body;
    c.body_len = doc->body_len;
    c.lx = lx;
    lis_buf_init(&c.kb);
    lis_buf_init(&c.kb2);
    lis_buf_init(&c.keys.pool);
    lis_buf_init(&c.nk.pool);
    c.fw = lis_xmalloc(sizeof *c.fw);
    c.memo = lis_xcalloc(1, sizeof *c.memo);
    c.memo->cap = 1024;
    c.memo->v = lis_xcalloc(c.memo->cap, sizeof *c.memo->v);
    fw_index_build(c.fw);
    hset_grow(&c.lower);            /* (hset_add needs slots) */
    hset_grow(&c.strong);
    for (k = 0; k < LATIN_CASE_END; k++)
        c.latin_case[k] = (unsigned char)((is_upper((uint32_t)k) ? 1 : 0) |
                                          (is_lower((uint32_t)k) ? 2 : 0));
    for (k = 0; k < 0x80; k++)
        if (!ascii_alnum[k])
            c.cls[k] = (unsigned char)(CL_GAP | (k != '-' && k != '\''
                                                     ? CL_END : 0));
    for (k = 0; k < 128; k++) {
        char one[2] = { (char)k, 0 };

        c.gapf[k] = (unsigned short)gap_flags(one, 0, 1);
    }
    for (k = 0; k < 256; k++)
        c.kbyte[k] = (unsigned char)(k >= 0x80 || k == '.' ? KB_SKIP
                                     : k == ' ' || (k >= '\t' && k <= '\r')
                                         ? KB_SPACE
                                     : k >= 'A' && k <= 'Z' ? k + 32 : k);
    for (k = 0xC0; k <= 0xFF; k++) {
        uint32_t cp = (uint32_t)k;

        if (!is_letter(cp))
            continue;
        if (cp <= 0xDE && c_is_upper(&c, cp))
            c.c3[0x80 + k - 0xC0] = C3_UPPER;
        else if (cp > 0xDE && c_is_lower(&c, cp) && !c_is_upper(&c, cp))
            c.c3[0x80 + k - 0xC0] = C3_LOWER;
    }
    if (run && !run->deal_maybe && an->n_sentences > 0 && lx->deal_terms &&
        lis_lexicon_size(lx->deal_terms) > 0) {
        /* tell the parties stage which sentences may hold a deal term */
        c.deal = lis_xcalloc(1, sizeof *c.deal);
        memset(c.deal->all, 0xFF, sizeof c.deal->all);
        lis_parties_deal_words(lx, df_add, c.deal);
        c.deal_maybe = run->deal_maybe =
            lis_xcalloc(an->n_sentences, sizeof *run->deal_maybe);
    }
    /* cancelled: the second pass is skipped, the (partial) result stays
     * consistent and lis_analyze discards it */
    if (for_each_sentence(&c, an, doc, true, run))
        for_each_sentence(&c, an, doc, false, run);

    /* hand over: entities that kept a mention (in first-mention order),
     * with their mention lists; links resolved by name */
    {
        size_t *remap = lis_xmalloc((c.n_ents + 1) * sizeof *remap);
        size_t *count = lis_xcalloc(c.n_ents + 1, sizeof *count);
        size_t n = 0;

        for (k = 0; k < c.n_ments; k++)
            count[c.ments[k].entity]++;
        for (k = 0; k < c.n_ents; k++)
            remap[k] = LIS_NONE;
        /* number the entities by their first mention */
        for (k = 0; k < c.n_ments; k++)
            if (remap[c.ments[k].entity] == LIS_NONE)
                remap[c.ments[k].entity] = n++;
        an->entities = n ? lis_xcalloc(n, sizeof *an->entities) : NULL;
        an->n_entities = n;
        for (k = 0; k < c.n_ents; k++) {
            struct lis_entity *le;
            size_t l = LIS_NONE;

            if (c.ents[k].link) {
                make_key(&c, "", c.ents[k].link, strlen(c.ents[k].link));
                l = kmap_get(&c.keys, c.kb.data, c.kb.len);
                if (l == LIS_NONE) {
                    make_key(&c, "s:", c.ents[k].link,
                             strlen(c.ents[k].link));
                    l = kmap_get(&c.keys, c.kb.data, c.kb.len);
                }
                free(c.ents[k].link);
            }
            if (remap[k] == LIS_NONE) {
                free(c.ents[k].name);
                continue;
            }
            le = &an->entities[remap[k]];
            le->id = remap[k];
            le->name = c.ents[k].name;
            le->type = (enum lis_entity_type)ent_type(&c.ents[k]);
            le->linked = l != LIS_NONE && l != k ? remap[l] : LIS_NONE;
            le->mentions = lis_xmalloc(count[k] * sizeof(size_t));
            le->n_mentions = 0;
        }
        for (k = 0; k < c.n_ments; k++) {
            struct lis_entity *le;

            c.ments[k].entity = remap[c.ments[k].entity];
            le = &an->entities[c.ments[k].entity];
            le->mentions[le->n_mentions++] = k;
        }
        free(remap);
        free(count);
    }
    an->mentions = c.ments;
    an->n_mentions = c.n_ments;

    free(c.ents);
    free(c.toks);
    free(c.fw);
    for (k = 0; k < c.memo->n_pfx; k++)
        free(c.memo->pfx[k].set.v);
    free(c.deal);
    free(c.memo->v);
    free(c.memo);
    free(c.lower.v);
    free(c.strong.v);
    free(c.keys.v);
    lis_buf_free(&c.keys.pool);
    free(c.nk.v);
    free(c.nk.info);
    lis_buf_free(&c.nk.pool);
    lis_buf_free(&c.kb);
    lis_buf_free(&c.kb2);
}
