/* parties.c -- who buys, who sells, who was turned down, who rules: the
 * parties of a deal the article reports, from rules over sentences,
 * entity mentions and the deal lexicon (data/fr-deal-terms.txt).
 *
 * Linear passes: a cheap look at every sentence for a deal term, and
 * tokens (words, entity mentions, punctuation, classes from the lexicon)
 * only for the few that have one; then over those, the transactional
 * constructions (buy, sell, bid, refuse, accept, ...), which give claims
 * "entity E has role R (status S) because of sentence N, this strongly";
 * then the constructions that need the targets and bidders already found
 * (regulators, "X n'aura pas Y", owners, partners).  Claims are folded per
 * entity into parties, the strongest role kept; without a deal frame (a
 * buyer or seller tied to a target) nothing is reported. */
#include <config.h>

#include "liseuse/analysis.h"

#include "analysis_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ classes */

/* Word classes, as named in the value column of fr-deal-terms.txt. */
#define PT_CLASS_LIST(_) \
    _(BUY, "buy") _(BUY_NOUN, "buy-noun") _(SELL, "sell") \
    _(SELL_NOUN, "sell-noun") _(BID, "bid") _(BID_NOUN, "bid-noun") \
    _(REFUSE, "refuse") _(REFUSE_NOUN, "refuse-noun") _(ACCEPT, "accept") \
    _(WITHDRAW, "withdraw") _(APPROVE, "approve") _(BLOCK, "block") \
    _(BAN, "ban") _(MERGE, "merge") _(PARTNER, "partner") \
    _(BEATEN, "beaten") _(OUT, "out") _(IN_RACE, "in-race") \
    _(TURN_TO, "turn-to") _(WANT, "want") _(FORCE, "force") _(GET, "get") \
    _(LAUNCH, "launch") _(STAKE, "stake") _(PART, "part") \
    _(COMPLETE, "complete") _(ANNOUNCE, "announce") \
    _(AUTHORITY, "authority") _(FROM, "from") _(OBJECT_OF, "object-of") \
    _(OWNED, "owned") _(DEAL_REF, "deal-ref") \
    _(NEG, "neg") _(NEG2, "neg2") _(PREP_OF, "prep-of") \
    _(PREP_BY, "prep-by") _(PREP_TO, "prep-to") _(PREP_ON, "prep-on") \
    _(PREP, "prep") \
    _(DET, "det") _(POSS, "poss") _(AUX_HAVE, "aux-have") \
    _(AUX_BE, "aux-be") _(CAN, "can") _(MUST, "must") _(QUE, "que") \
    _(CONJ, "conj") \
    _(REFL, "refl") _(SUBJ_PRON, "subj-pron") _(ORGAN, "organ")

enum pt_class {
    C_NONE,
#define PT_CLASS_ENUM(id, name) C_##id,
    PT_CLASS_LIST(PT_CLASS_ENUM)
#undef PT_CLASS_ENUM
    C_COUNT
};

static const char *const class_names[C_COUNT] = {
    NULL,
#define PT_CLASS_NAME(id, name) name,
    PT_CLASS_LIST(PT_CLASS_NAME)
#undef PT_CLASS_NAME
};

/* Classes that make a sentence worth a second look.  launch, stake,
 * part, complete and announce only qualify one of these. */
static bool is_deal_class(enum pt_class c)
{
    return (c >= C_BUY && c <= C_GET) || c == C_OWNED;
}

enum {
    F_INF = 1,
    F_PP = 2,
    F_COND = 4,
    F_GET = 8,
    F_NOUN = 16
};

enum tok_kind { TK_WORD, TK_PUNCT, TK_ENT };

/* (the tokens of one sentence at a time: a scratch array) */
struct tok {
    size_t s, e;            /* body span (a multi-word term: all of it) */
    size_t ent;             /* TK_ENT: entity index */
    size_t mention;         /* TK_ENT: mention index */
    /* TK_WORD: the word (run of word characters) at s, as the lexicon
     * reads it, which may go on past e: its end, its hash (scan_word) */
    size_t we;
    uint64_t h;
    uint32_t punct;         /* TK_PUNCT: the code point */
    unsigned char kind;     /* enum tok_kind */
    unsigned char cls;      /* enum pt_class */
    unsigned char flags;    /* F_* */
    bool plain;             /* TK_WORD: scan_word's plain */
};

/* A deal sentence pass B reads: the mention index its tokenising
 * started from in pass A, so that a second tokenising gives the same
 * tokens. */
struct dsent {
    size_t sent;
    size_t mi;
    bool quiet;             /* no transaction, acceptance or deal-ref word */
};

struct claim {
    size_t ent;
    enum lis_role role;
    enum lis_bid_status status;
    enum lis_stance stance;
    int score;
    size_t sent;            /* index into an->sentences */
    char *name;             /* display name from the text, or NULL */
    bool confirm;           /* only counts if the entity has another claim */
};

enum kind_hint { H_BID, H_MERGE, H_STAKE, H_FORCE, H_SELL, H_COUNT };

/* A longest match of the deal lexicon memoised (memo_match): where it
 * ends, at the end of a word of its key or in the gap after one. */
struct mslot {
    uint64_t key;           /* 0: empty */
    const char *val;        /* the match's value (borrowed from the lexicon) */
    unsigned char run;      /* 0: no match; else the match ends off bytes */
    unsigned char off;      /* after the end of the key's word number run */
};

struct memo {
    struct mslot *v;
    size_t mask;            /* slots - 1 (a power of two) */
    size_t n;
};

struct ctx {
    const struct lis_document *doc;
    const struct lis_lexicon *lex;
    struct lis_analysis *an;
    struct tok *toks;
    size_t n_toks, cap_toks;
    struct dsent *ds;
    size_t n_ds, cap_ds;
    struct claim *claims;
    size_t n_claims, cap_claims;
    int hints[H_COUNT];
    bool completed;         /* a completion word next to a deal */
    bool pressure;          /* a regulator pressing for the deal */
    size_t bidders[2];      /* the two most recent distinct bidders */
    bool *targets;          /* per entity: has a target claim (pass B) */
    /* Bit filters (bits_has), one block of N_FILTERS * FILTER_WORDS.
     * first: the hash (scan_word) of the first word of every deal term:
     * the look for a deal term rejects nearly every word start with one
     * hash of its word instead of a lexicon match.  any: the same for the
     * first word of any entry. */
    uint64_t *first;
    uint64_t *any;
    /* For the deal terms again: bit (hash of the first word) of the terms
     * of one word, bit pair_key(first, second word) of the others.  A
     * first word like "de" begins deal terms but is mostly followed by
     * words none of them has next: those starts need no lexicon match. */
    uint64_t *single;
    uint64_t *pair;
    /* For the longest-match memo (memo_match): the first words after
     * which an entry goes on (p1), and by chain keys, the word
     * sequences that begin an entry (tset) and those after which one goes
     * on (pset). */
    uint64_t *p1, *tset, *pset;
    struct memo memo;
    /* Lexicon value -> class and flags, keyed by the value's pointer
     * (stable in the lexicon's pool): every value of the lexicon, parsed
     * once before the passes.  Open addressing, cls_mask + 1 slots. */
    struct cls_slot {
        const char *val;    /* NULL: empty */
        unsigned char cls, flags;
    } *cls;
    size_t cls_mask;
};

/* ------------------------------------------------------------ text */

static bool is_apos(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* Start of the code point that ends at e (not before s). */
static size_t u8_back(const char *body, size_t s, size_t e)
{
    size_t p = e;

    while (p > s) {
        p--;
        if (((unsigned char)body[p] & 0xC0) != 0x80)
            break;
    }
    return p;
}

/* Does body[s, e) end with an apostrophe (an elided "n'", "qu'")? */
static bool is_apos_end(const char *body, size_t s, size_t e)
{
    uint32_t cp;
    size_t p = u8_back(body, s, e);

    lis_lex_get_cp(body + p, e - p, &cp);
    return is_apos(cp);
}

static enum pt_class class_of(const char *v, unsigned *flags)
{
    size_t i, n;

    *flags = 0;
    if (!v || !*v)
        return C_NONE;
    n = strcspn(v, " ");
    for (i = 1; i < C_COUNT; i++)
        if (strlen(class_names[i]) == n && memcmp(class_names[i], v, n) == 0)
            break;
    if (i == C_COUNT)
        return C_NONE;
    v += n;
    while (*v) {
        while (*v == ' ')
            v++;
        n = strcspn(v, " ");
        if (n == 3 && memcmp(v, "inf", 3) == 0)
            *flags |= F_INF;
        else if (n == 2 && memcmp(v, "pp", 2) == 0)
            *flags |= F_PP;
        else if (n == 4 && memcmp(v, "cond", 4) == 0)
            *flags |= F_COND;
        else if (n == 3 && memcmp(v, "get", 3) == 0)
            *flags |= F_GET;
        else if (n == 4 && memcmp(v, "noun", 4) == 0)
            *flags |= F_NOUN;
        v += n;
    }
    return (enum pt_class)i;
}

/* The slot of value pointer val in c->cls: its own, or the empty one
 * where it would go. */
static struct cls_slot *cls_slot(const struct ctx *c, const char *val)
{
    size_t i = (size_t)(((uint64_t)(uintptr_t)val * 0x9E3779B97F4A7C15ULL) >>
                        40) & c->cls_mask;

    while (c->cls[i].val && c->cls[i].val != val)
        i = (i + 1) & c->cls_mask;
    return &c->cls[i];
}

/* class_of for the hot loops: a lexicon value is a stable pointer into
 * its pool, parsed once (cls_add) before the passes. */
static enum pt_class cls_of(const struct ctx *c, const char *val,
                            unsigned *flags)
{
    const struct cls_slot *sl;

    if (!val)
        return *flags = 0, C_NONE;
    sl = cls_slot(c, val);
    if (!sl->val)
        return class_of(val, flags);    /* not a value of c->lex */
    *flags = sl->flags;
    return (enum pt_class)sl->cls;
}

/* Parse value val of the lexicon into c->cls (which has room for all of
 * them) and return its class. */
static enum pt_class cls_add(struct ctx *c, const char *val, unsigned *flags)
{
    struct cls_slot *sl = cls_slot(c, val);

    if (!sl->val) {
        sl->val = val;
        sl->cls = (unsigned char)class_of(val, flags);
        sl->flags = (unsigned char)*flags;
    }
    *flags = sl->flags;
    return (enum pt_class)sl->cls;
}

/* ------------------------------------------------------------ words */

/* A 64-bit hash of the bytes of a folded word, fed one byte at a time
 * (FNV-1a): words are short, and a byte loop reads them about as fast as
 * any. */
#define FH_INIT UINT64_C(0xCBF29CE484222325)

static inline uint64_t fh_byte(uint64_t h, unsigned char b)
{
    return (h ^ b) * UINT64_C(0x100000001B3);
}

/* The filter index of hash h: its high bits after one multiply (FNV's
 * own high bits mix the last bytes poorly). */
static inline uint64_t fh_spread(uint64_t h)
{
    return h * UINT64_C(0x9E3779B97F4A7C15);
}

/* The bit filters: FILTER_BITS bits of a hash (its high ones, the
 * well-mixed ones) pick one bit of FILTER_WORDS words. */
#define FILTER_BITS 16
#define FILTER_WORDS (((size_t)1 << FILTER_BITS) / 64)
#define N_FILTERS 7

static inline bool bits_has(const uint64_t *bits, uint64_t h)
{
    uint64_t b = fh_spread(h) >> (64 - FILTER_BITS);

    return (bits[b >> 6] >> (b & 63)) & 1;
}

static inline void bits_set(uint64_t *bits, uint64_t h)
{
    uint64_t b = fh_spread(h) >> (64 - FILTER_BITS);

    bits[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* A strong 64-bit mix, for the keys made of several hashes. */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= UINT64_C(0xFF51AFD7ED558CCD);
    x ^= x >> 33;
    x *= UINT64_C(0xC4CEB9FE1A85EC53);
    x ^= x >> 33;
    return x;
}

static inline uint64_t pair_key(uint64_t h1, uint64_t h2)
{
    return mix64(h1 ^ (h2 * UINT64_C(0x9E3779B97F4A7C15)));
}

/* Whether the two bytes at u (with at least two before the end) are a
 * letter of U+00C0..U+00FF as lis_lex_is_word_cp takes them: all but ×
 * and ÷.  *fold gets the second byte of its folded form (À..Þ become
 * à..þ, as lis_lex_fold_cp folds them). */
static inline bool latin1_letter(const unsigned char *u, unsigned char *fold)
{
    if (u[0] != 0xC3 || (u[1] & 0xC0) != 0x80 || u[1] == 0x97 ||
        u[1] == 0xB7)
        return false;
    *fold = u[1] <= 0x9E ? (unsigned char)(u[1] | 0x20) : u[1];
    return true;
}

/* scan_word from body[p] on, a byte of a multi-byte character, with the
 * hash x of the word's folded bytes before it. */
static size_t scan_word_rest(const char *body, size_t p, size_t e,
                             uint64_t x, uint64_t *h, bool *plain)
{
    const unsigned char *u = (const unsigned char *)body;
    bool pl = true;

    while (p < e) {
        unsigned char f = lis_lex_word_fold[u[p]];

        if (f) {
            x = fh_byte(x, f);
            p++;
        } else if (u[p] < 0x80) {
            break;
        } else if (e - p >= 2 && latin1_letter(u + p, &f)) {
            /* the accented letters of French, without a call */
            x = fh_byte(fh_byte(x, 0xC3), f);
            p += 2;
        } else {
            char fb[8];
            uint32_t cp;
            size_t n = lis_lex_get_cp(body + p, e - p, &cp), m, k;

            if (!lis_lex_is_word_cp(cp))
                break;
            m = lis_lex_fold_cp(cp, fb);
            for (k = 0; k < m; k++)
                x = fh_byte(x, (unsigned char)fb[k]);
            pl = false;
            p += n;
        }
    }
    *h = x;
    *plain = pl;
    return p;
}

/* scan_word from body[p] on, with x the hash of the word's folded bytes
 * before p. */
static inline size_t scan_word_on(const char *body, size_t p, size_t e,
                                  uint64_t x, uint64_t *h, bool *plain)
{
    const unsigned char *u = (const unsigned char *)body, *q = u + p,
                        *end = u + e;
    unsigned char f;

    for (;;) {
        while (q < end && (f = lis_lex_word_fold[*q]) != 0) {
            x = fh_byte(x, f);
            q++;
        }
        if (q >= end || *q < 0x80)
            break;
        if (end - q < 2 || !latin1_letter(q, &f))
            return scan_word_rest(body, (size_t)(q - u), e, x, h, plain);
        /* the accented letters of French */
        x = fh_byte(fh_byte(x, 0xC3), f);
        q += 2;
    }
    *h = x;
    *plain = true;
    return (size_t)(q - u);
}

/* The word (run of lis_lex_is_word_cp characters, as the lexicon reads
 * words) that starts at body[p], p < e: returns its end (before e); *h
 * gets the hash (fh_byte) of its folded form, the bytes a lexicon key
 * has for it.  *plain says whether it is made only of ASCII letters and
 * digits and two-byte Latin-1 letters, whose fold is never anything but
 * such a letter: the memo only trusts those (see memo_match).  Inline for
 * the ASCII and Latin-1 words most text is made of. */
static inline size_t scan_word(const char *body, size_t p, size_t e,
                               uint64_t *h, bool *plain)
{
    return scan_word_on(body, p, e, FH_INIT, h, plain);
}

/* Length of the run of word characters at key[0, klen) (a lexicon key,
 * folded already) and the hash *h of its bytes, as scan_word hashes the
 * text that matches it. */
static size_t key_run(const char *key, size_t klen, uint64_t *h)
{
    uint64_t x = FH_INIT;
    size_t n = 0;

    while (n < klen) {
        uint32_t cp;
        size_t m = lis_lex_get_cp(key + n, klen - n, &cp), k;

        if (!lis_lex_is_word_cp(cp))
            break;
        for (k = 0; k < m; k++)
            x = fh_byte(x, (unsigned char)key[n + k]);
        n += m;
    }
    *h = x;
    return n;
}

/* Length of the run of characters that are not word characters at
 * key[0, klen). */
static size_t key_gap(const char *key, size_t klen)
{
    size_t n = 0;

    while (n < klen) {
        uint32_t cp;
        size_t m = lis_lex_get_cp(key + n, klen - n, &cp);

        if (lis_lex_is_word_cp(cp))
            break;
        n += m;
    }
    return n;
}

/* ------------------------------------------------------------ memo */

/* The longest match of the deal lexicon at a word start, the tokeniser's
 * most frequent question, memoised by the words it reads.  A match walks
 * on while the folded text read so far is the start of some entry; it
 * looks up the lexicon only where an entry may end: after each word and
 * after each character between words.  So where the folded words w1 (gap
 * g1) w2 ... wk read so far begin no entry, the answer depends only on
 * that text; where no entry even begins with w1 g1 ... wk, it depends
 * only on w1 g1 ... g(k-1).  The filters of the entries' word sequences
 * (add_entry) tell which case a text is in (a false positive of a filter
 * only costs reading one word more), and the memo stores each answer once,
 * keyed by a 64-bit hash of the words and of the gaps as the text writes
 * them, as where the match ends: at the end of a word of the key, or some
 * bytes into the gap after it.  Only plain words (scan_word) and gaps of
 * a few common characters (read_gap) are keyed; the rest is left to
 * lis_lexicon_match.
 *
 * A first word's key is its hash; its slot says "read on" (MEMO_ON) when
 * entries go on after it.  Longer keys chain the folded gaps and words
 * (chain), and the raw gaps where they differ from their fold. */
#define MEMO_RUNS 6
#define MEMO_ON 0xFF
#define GAP_MAX 7               /* bytes of a gap in a key: with its length,
                                   one 64-bit word */

/* The hash of a word sequence st followed by v (a word's hash or a
 * packed gap).  One to one in v for a given st. */
static inline uint64_t chain(uint64_t st, uint64_t v)
{
    uint64_t x = (st ^ v) * UINT64_C(0xD6E8FEB86659FD93);

    return x ^ (x >> 32);
}

/* Append the n bytes at b to the packed gap *g (bytes in order, the
 * count in the top byte); false when it would hold more than GAP_MAX. */
static bool gap_add(uint64_t *g, const char *b, size_t n)
{
    unsigned len = (unsigned)(*g >> 56);
    size_t k;

    if (len + n > GAP_MAX)
        return false;
    for (k = 0; k < n; k++)
        *g |= (uint64_t)(unsigned char)b[k] << (8 * (len + k));
    *g = (*g & ~((uint64_t)0xFF << 56)) | (uint64_t)(len + n) << 56;
    return true;
}

/* The gap of non-word characters at body[p, e), p right after a word:
 * its bytes packed as the text writes them (*raw) and as the lexicon
 * folds them (*fold: white space runs as one space, apostrophes as ');
 * *next gets the start of the word after it.  False when no word follows
 * before e, or the gap is longer than GAP_MAX bytes or has a character
 * other than ASCII, a space, an apostrophe or a guillemet: those are left
 * to the lexicon. */
static bool read_gap(const char *body, size_t p, size_t e, uint64_t *raw,
                     uint64_t *fold, size_t *next)
{
    bool space = false;

    /* most gaps: one ASCII character that folds to itself ("de la",
     * "l'offre"), and a letter or digit after it */
    if (e - p >= 2) {
        unsigned char b0 = (unsigned char)body[p];

        if (b0 < 0x80 && !(b0 >= '\t' && b0 <= '\r') &&
            lis_lex_word_fold[(unsigned char)body[p + 1]]) {
            *raw = *fold = (uint64_t)1 << 56 | b0;
            *next = p + 1;
            return true;
        }
    }
    *raw = *fold = 0;
    while (p < e) {
        unsigned char b = (unsigned char)body[p];
        char f[2];
        size_t n = 1, fn = 1;
        uint32_t cp = b;

        if (b < 0x80) {
            if (lis_lex_word_fold[b])
                break;
            f[0] = (char)(b == ' ' || (b >= '\t' && b <= '\r') ? ' ' : b);
        } else {
            n = lis_lex_get_cp(body + p, e - p, &cp);
            if (lis_lex_is_word_cp(cp))
                break;
            if (lis_lex_is_space_cp(cp))
                f[0] = ' ';
            else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
                     cp == 0x2032)
                f[0] = '\'';
            else if (cp == 0xAB || cp == 0xBB) {
                f[0] = (char)0xC2;
                f[1] = (char)cp;
                fn = 2;
            } else
                return false;
        }
        if (!gap_add(raw, body + p, n))
            return false;
        if (fn == 1 && f[0] == ' ') {
            /* the lexicon folds a run of white space into one space */
            if (!space && !gap_add(fold, f, 1))
                return false;
            space = true;
        } else {
            space = false;
            if (!gap_add(fold, f, fn))
                return false;
        }
        p += n;
    }
    *next = p;
    return p < e && *raw != 0;
}

/* Whether the gap key[0, n) of an entry can be a gap read_gap folds:
 * GAP_MAX bytes at most, of ASCII or a guillemet. */
static bool key_gap_ok(const char *key, size_t n)
{
    size_t k;

    if (n > GAP_MAX)
        return false;
    for (k = 0; k < n; k++) {
        unsigned char b = (unsigned char)key[k];

        if (b >= 0x80 && !(b == 0xC2 && k + 1 < n &&
                           ((unsigned char)key[k + 1] == 0xAB ||
                            (unsigned char)key[k + 1] == 0xBB)))
            return false;
        if (b == 0xC2)
            k++;
    }
    return true;
}

static inline size_t memo_index(const struct memo *m, uint64_t key)
{
    return (size_t)(fh_spread(key) >> 40) & m->mask;
}

static struct mslot *memo_find(const struct memo *m, uint64_t key)
{
    size_t i = memo_index(m, key);

    while (m->v[i].key && m->v[i].key != key)
        i = (i + 1) & m->mask;
    return &m->v[i];
}

/* A fresh slot for key, which memo_find did not find. */
static struct mslot *memo_add(struct memo *m, uint64_t key)
{
    struct mslot *sl;

    if (2 * (m->n + 1) > m->mask + 1) {
        struct mslot *old = m->v;
        size_t i, cap = m->mask + 1;

        m->mask = 2 * cap - 1;
        m->v = lis_xcalloc(2 * cap, sizeof *m->v);
        for (i = 0; i < cap; i++)
            if (old[i].key)
                *memo_find(m, old[i].key) = old[i];
        free(old);
    }
    sl = memo_find(m, key);
    sl->key = key;
    m->n++;
    return sl;
}

/* The words read by memo_match: the end of word j (0-based) and the
 * length of the gap after it. */
struct runs {
    size_t end[MEMO_RUNS];
    size_t gap[MEMO_RUNS];
};

/* The length of the match slot sl holds for the text at s. */
static inline size_t memo_answer(const struct mslot *sl, const size_t *end,
                                 size_t s, const char **val)
{
    if (!sl->run)
        return 0;
    if (val)
        *val = sl->val;
    return end[sl->run - 1] + sl->off - s;
}

/* The longest match from body[s] (lis_lexicon_match), kept in the memo
 * under key, which key stands for words 0..n-1 of r (and the gap after
 * the last one when gap_last): as where it ends among those. */
static size_t memo_fill(struct ctx *c, uint64_t key, size_t s, size_t e,
                        const struct runs *r, unsigned n, bool gap_last,
                        const char **val)
{
    struct mslot *sl;
    const char *v = NULL;
    size_t len, pos;
    unsigned j;

    len = lis_lexicon_match(c->lex, c->doc->body + s, e - s, &v);
    pos = s + len;
    if (len == 0) {
        memo_add(&c->memo, key)->run = 0;
        return 0;
    }
    if (val)
        *val = v;
    for (j = 0; j < n; j++) {
        size_t lim = j + 1 < n || gap_last ? r->gap[j] : 0;

        if (pos >= r->end[j] && pos <= r->end[j] + lim) {
            sl = memo_add(&c->memo, key);
            sl->val = v;
            sl->run = (unsigned char)(j + 1);
            sl->off = (unsigned char)(pos - r->end[j]);
            break;
        }
    }
    return len;
}

/* The memoised longest match from body[s] under key (see memo_fill). */
static inline size_t memo_at(struct ctx *c, uint64_t key, size_t s,
                             size_t e, const struct runs *r, unsigned n,
                             bool gap_last, const char **val)
{
    const struct mslot *sl = memo_find(&c->memo, key);

    if (!sl->key)
        return memo_fill(c, key, s, e, r, n, gap_last, val);
    if (sl->run <= n)
        return memo_answer(sl, r->end, s, val);
    /* (only two keys of 64 bits that collide get here) */
    return lis_lexicon_match(c->lex, c->doc->body + s, e - s, val);
}

/* The words after the first one read by memo_walk: the tokens that
 * follow (their words are read already), [t, t + n). */
struct ahead {
    const struct tok *t;
    size_t n;
};

static const struct ahead no_ahead = { NULL, 0 };

/* The word that starts at body[q]: a token's when one starts there. */
static size_t word_ahead(const char *body, struct ahead *a, size_t q,
                         size_t e, uint64_t *h, bool *plain)
{
    while (a->n > 0 && a->t->s < q) {
        a->t++;
        a->n--;
    }
    if (a->n > 0 && a->t->s == q && a->t->kind == TK_WORD) {
        *h = a->t->h;
        *plain = a->t->plain;
        return a->t->we;
    }
    return scan_word(body, q, e, h, plain);
}

/* memo_match past the probe of the first word's slot. */
static size_t memo_walk(struct ctx *c, size_t s, size_t e, uint64_t h1,
                        size_t r1, struct ahead a, const char **val)
{
    const char *body = c->doc->body;
    struct runs r;
    struct mslot *sl = memo_find(&c->memo, h1);
    uint64_t st = h1, rk = 0, key;
    unsigned k;

    r.end[0] = r1;
    if (sl->key && sl->run <= 1)
        return memo_answer(sl, r.end, s, val);
    if (sl->key && sl->run != MEMO_ON)     /* (a collision of keys) */
        return lis_lexicon_match(c->lex, body + s, e - s, val);
    if (!sl->key) {
        /* no entry goes on after this word: it is its own key */
        if (!bits_has(c->p1, h1))
            return memo_at(c, h1, s, e, &r, 1, false, val);
        memo_add(&c->memo, h1)->run = MEMO_ON;
    }
    for (k = 1; k < MEMO_RUNS; k++) {
        uint64_t raw, fold, hk;
        size_t q;
        bool pl;

        if (!read_gap(body, r.end[k - 1], e, &raw, &fold, &q))
            break;
        r.gap[k - 1] = q - r.end[k - 1];
        st = chain(st, fold);
        if (raw != fold)
            rk = chain(rk ^ k, raw) | 1;
        key = rk ? chain(st, rk) : st;
        r.end[k] = word_ahead(body, &a, q, e, &hk, &pl);
        if (!pl)
            break;
        st = chain(st, hk);
        /* no entry begins with these words: the answer is in the text
         * before the last one */
        if (!bits_has(c->tset, st))
            return memo_at(c, key, s, e, &r, k, true, val);
        key = rk ? chain(st, rk) : st;
        /* no entry goes on after them */
        if (!bits_has(c->pset, st))
            return memo_at(c, key, s, e, &r, k + 1, false, val);
    }
    return lis_lexicon_match(c->lex, body + s, e - s, val);
}

/* lis_lexicon_match(c->lex, body + s, e - s, val), where body[s, r1) is
 * a word (scan_word: hash h1, plain), memoised (see above); a's tokens
 * follow it.  Inline: most words are answered by the probe of their own
 * slot. */
static inline size_t memo_match(struct ctx *c, size_t s, size_t e,
                                uint64_t h1, size_t r1, bool plain,
                                struct ahead a, const char **val)
{
    const struct mslot *sl;

    if (!plain)
        return lis_lexicon_match(c->lex, c->doc->body + s, e - s, val);
    sl = &c->memo.v[memo_index(&c->memo, h1)];
    /* (a first word's slot ends a match at that word or nowhere) */
    if (sl->key == h1 && sl->run <= 1)
        return memo_answer(sl, &r1, s, val);
    return memo_walk(c, s, e, h1, r1, a, val);
}

/* lis_lexicon_each callback: the filters of every entry.  Its first word
 * goes into c->any, the first word of every deal term into c->first (a
 * match at a word start p can only succeed when the text's first word
 * there is the first word of the entry, so a clear bit rejects p without
 * a lexicon match), and its word sequences into the memo's filters. */
static void add_entry(void *ctx, const char *key, size_t klen,
                      const char *value)
{
    struct ctx *c = ctx;
    unsigned fl;
    enum pt_class cls = cls_add(c, value, &fl);
    uint64_t h1, st;
    size_t n = key_run(key, klen, &h1), k;

    if (n == 0)
        return;
    bits_set(c->any, h1);
    if (is_deal_class(cls) || (fl & F_GET)) {
        size_t g = key_gap(key + n, klen - n);

        bits_set(c->first, h1);
        if (n + g >= klen) {
            bits_set(c->single, h1);
        } else {
            uint64_t h2;

            key_run(key + n + g, klen - n - g, &h2);
            bits_set(c->pair, pair_key(h1, h2));
        }
    }
    if (n < klen)
        bits_set(c->p1, h1);
    st = h1;
    for (k = 1; k < MEMO_RUNS && n < klen; k++) {
        size_t g = key_gap(key + n, klen - n), w;
        uint64_t gap = 0, h;

        if (n + g >= klen || !key_gap_ok(key + n, g))
            break;
        gap_add(&gap, key + n, g);
        n += g;
        w = key_run(key + n, klen - n, &h);
        n += w;
        st = chain(chain(st, gap), h);
        bits_set(c->tset, st);
        if (n < klen)
            bits_set(c->pset, st);
    }
}

struct deal_words {
    void (*fn)(void *ctx, const char *w1, size_t n1, const char *w2,
               size_t n2);
    void *ctx;
};

/* lis_lexicon_each callback of lis_parties_deal_words: the words that
 * add_first_word puts in the filters of the deal terms. */
static void deal_words_cb(void *ctx, const char *key, size_t klen,
                          const char *value)
{
    struct deal_words *d = ctx;
    unsigned fl;
    enum pt_class cls = class_of(value, &fl);
    uint64_t h;
    size_t n, m;

    if (!(is_deal_class(cls) || (fl & F_GET)))
        return;
    n = key_run(key, klen, &h);
    if (n == 0)
        return;
    for (m = n; m < klen;) {
        uint32_t cp;
        size_t k = lis_lex_get_cp(key + m, klen - m, &cp);

        if (lis_lex_is_word_cp(cp))
            break;
        m += k;
    }
    if (m >= klen)
        d->fn(d->ctx, key, n, NULL, 0);
    else
        d->fn(d->ctx, key, n, key + m, key_run(key + m, klen - m, &h));
}

void lis_parties_deal_words(const struct lis_lexicons *lx,
                            void (*fn)(void *ctx, const char *w1, size_t n1,
                                       const char *w2, size_t n2),
                            void *ctx)
{
    struct deal_words d = { fn, ctx };

    if (lx && lx->deal_terms && fn)
        lis_lexicon_each(lx->deal_terms, deal_words_cb, &d);
}

/* next_word from body[p] on, a byte of a multi-byte character. */
static size_t next_word_rest(const char *body, size_t p, size_t e)
{
    while (p < e) {
        unsigned char b = (unsigned char)body[p], f;
        uint32_t cp;
        size_t n;

        if (b < 0x80) {
            if (lis_lex_word_fold[b])
                break;
            p++;
            continue;
        }
        if (e - p >= 2 && latin1_letter((const unsigned char *)body + p, &f))
            break;              /* a Latin-1 letter, without decoding */
        n = lis_lex_get_cp(body + p, e - p, &cp);
        if (lis_lex_is_word_cp(cp))
            break;
        p += n;
    }
    return p;
}

/* The first word character at or after body[p], before e (e if none).
 * Inline for the ASCII spaces and punctuation between most words. */
static inline size_t next_word(const char *body, size_t p, size_t e)
{
    const unsigned char *u = (const unsigned char *)body;

    while (p < e && u[p] < 0x80 && !lis_lex_word_fold[u[p]])
        p++;
    if (p < e && u[p] >= 0x80)
        return next_word_rest(body, p, e);
    return p;
}

/* Whether a deal term starts at body[start], whose word, which begins
 * one (the filter c->first says so), ends at p (scan_word: hash h,
 * plain): has_deal_term past its filter. */
static bool deal_term_at(struct ctx *c, size_t start, size_t p, size_t e,
                         uint64_t h, bool plain)
{
    const char *body = c->doc->body;
    const char *val = NULL;
    unsigned fl;

    /* a term of several words: its second word must follow */
    if (!bits_has(c->single, h)) {
        size_t q = next_word(body, p, e);
        uint64_t h2;
        bool pl2;

        if (q >= e)
            return false;
        scan_word(body, q, e, &h2, &pl2);
        if (!bits_has(c->pair, pair_key(h, h2)))
            return false;
    }
    if (memo_match(c, start, e, h, p, plain, no_ahead, &val) > 0) {
        enum pt_class cls = cls_of(c, val, &fl);

        if (is_deal_class(cls) || (fl & F_GET))
            return true;
    }
    return false;
}

/* Whether body[s, e) holds a deal term at a word start: a cheap look
 * before tokenising, which only the few deal sentences need.  Only the
 * word starts whose word begins a deal term pay for the longest match. */
static __attribute__((noinline)) bool has_deal_term(struct ctx *c, size_t s,
                                                    size_t e)
{
    const char *body = c->doc->body;
    const unsigned char *u = (const unsigned char *)body;
    const uint64_t *first = c->first;
    size_t wstop = e, gstop = e, p;

    /* Before the last byte of the sentence that is no ASCII letter or
     * digit, a word's ASCII run needs no test of the end: it stops there
     * at the latest; likewise a run of ASCII between words before the
     * last byte that is a letter, a digit or not ASCII.  (Most sentences
     * end with a full stop after a word.) */
    while (wstop > s && lis_lex_word_fold[u[wstop - 1]])
        wstop--;
    while (gstop > s && u[gstop - 1] < 0x80 && !lis_lex_word_fold[u[gstop - 1]])
        gstop--;
    p = next_word(body, s, e);
    while (p < e) {
        size_t start = p;
        uint64_t h = FH_INIT;
        bool plain = true;
        unsigned char f;

        if (p < wstop) {
            while ((f = lis_lex_word_fold[u[p]]) != 0) {
                h = fh_byte(h, f);
                p++;
            }
            if (u[p] >= 0x80)
                p = scan_word_on(body, p, e, h, &h, &plain);
        } else {
            p = scan_word(body, p, e, &h, &plain);
        }
        if (bits_has(first, h) && deal_term_at(c, start, p, e, h, plain))
            return true;
        if (p < gstop) {
            while (u[p] < 0x80 && !lis_lex_word_fold[u[p]])
                p++;
            if (u[p] >= 0x80)
                p = next_word_rest(body, p, e);
        } else {
            p = next_word(body, p, e);
        }
    }
    return false;
}

/* ------------------------------------------------------------ tokens */

/* A new token at the end of c->toks, of kind kind over body[s, e). */
static inline struct tok *push_tok(struct ctx *c, enum tok_kind kind,
                                   size_t s, size_t e)
{
    struct tok *t;

    if (c->n_toks == c->cap_toks)
        c->toks = lis_xgrow(c->toks, &c->cap_toks, c->n_toks + 1,
                            sizeof *c->toks);
    t = &c->toks[c->n_toks++];
    t->s = s;
    t->e = e;
    t->ent = LIS_NONE;
    t->mention = LIS_NONE;
    t->punct = 0;
    t->kind = (unsigned char)kind;
    t->cls = C_NONE;
    t->flags = 0;
    t->plain = false;
    return t;
}

/* First mention whose end is after off (mentions are sorted by start and
 * do not overlap). */
static size_t first_mention_from(const struct lis_analysis *an, size_t off)
{
    size_t lo = 0, hi = an->n_mentions;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (an->mentions[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    while (lo > 0 && an->mentions[lo - 1].end > off)
        lo--;
    return lo;
}

/* A "mention" that is a deal word ("OPA" taken for an organisation) is
 * read as the word. */
static bool mention_is_term(struct ctx *c, const struct lis_mention *m,
                            size_t e)
{
    const char *val = NULL;
    unsigned fl;
    size_t len;

    if (m->kind != LIS_MENTION_NAME && m->kind != LIS_MENTION_ALIAS)
        return false;
    if (m->start < e && next_word(c->doc->body, m->start, e) == m->start) {
        uint64_t h;
        bool plain;
        size_t we = scan_word(c->doc->body, m->start, e, &h, &plain);

        len = memo_match(c, m->start, e, h, we, plain, no_ahead, &val);
    } else {
        len = lis_lexicon_match(c->lex, c->doc->body + m->start,
                                e - m->start, &val);
    }
    return len >= m->end - m->start && is_deal_class(cls_of(c, val, &fl));
}

/* The end of the word token whose first character ends at p: through
 * word characters before stop (where a mention starts), and through an
 * apostrophe, a hyphen or a period followed by a word character (before
 * e): "l'", "plate-forme", "Maison-Blanche".  After an apostrophe the
 * word ends. */
static size_t word_end(const struct ctx *c, size_t p, size_t stop, size_t e)
{
    const char *body = c->doc->body;

    while (p < stop) {
        uint32_t c2, c3 = 0;
        size_t n2;

        unsigned char b = (unsigned char)body[p];

        if (lis_lex_word_fold[b]) {
            p++;
            continue;
        }
        if (b < 0x80 && b != '\'' && b != '-' && b != '.')
            break;          /* white space, most punctuation */
        n2 = lis_lex_get_cp(body + p, stop - p, &c2);
        if (lis_lex_is_word_cp(c2)) {
            p += n2;
            continue;
        }
        if (p + n2 < e)     /* "d'Oracle": the mention follows */
            lis_lex_get_cp(body + p + n2, e - p - n2, &c3);
        if (is_apos(c2)) {
            if (lis_lex_is_word_cp(c3))
                p += n2;    /* elision: the word ends here */
            break;
        }
        if ((c2 == '-' || c2 == '.') && lis_lex_is_word_cp(c3)) {
            p += n2;        /* plate-forme, Maison-Blanche */
            continue;
        }
        break;
    }
    return p;
}

/* Tokenise body[s, e): entity mentions become one token each, words end
 * after an apostrophe (l', qu', d'), each other non-space character is a
 * punctuation token.  Then deal terms are matched at word starts; a
 * multi-word term becomes one token.  Returns whether a deal term was
 * seen.  *mi is the running mention index (sentences are sorted). */
static bool tokenize(struct ctx *c, size_t s, size_t e, size_t *mi)
{
    const char *body = c->doc->body;
    const struct lis_analysis *an = c->an;
    const struct lis_mention *ms = an->mentions;
    size_t nm = an->n_mentions;
    size_t first = c->n_toks, p = s, i, out, next;
    bool deal = false;

    while (*mi < nm && ms[*mi].end <= s)
        (*mi)++;
    /* the start of mention *mi: before it, the mention tests below have
     * nothing to do */
    next = *mi < nm ? ms[*mi].start : SIZE_MAX;
    while (p < e) {
        uint32_t cp;
        size_t n, stop, we;
        unsigned char b;
        struct tok *t;

        if (p >= next) {
            while (*mi < nm && ms[*mi].start < p && ms[*mi].end <= p)
                (*mi)++;
            if (*mi < nm && ms[*mi].start <= p && ms[*mi].end > p &&
                !mention_is_term(c, &ms[*mi], e)) {
                const struct lis_mention *m = &ms[*mi];

                t = push_tok(c, TK_ENT, p, m->end < e ? m->end : e);
                t->ent = m->entity;
                t->mention = *mi;
                p = t->e;
                (*mi)++;
                next = *mi < nm ? ms[*mi].start : SIZE_MAX;
                continue;
            }
            next = *mi < nm ? ms[*mi].start : SIZE_MAX;
        }
        b = (unsigned char)body[p];
        if (b < 0x80) {
            /* ASCII without decoding: white space, a word, punctuation */
            if (b == ' ' || (b >= '\t' && b <= '\r')) {
                p++;
                continue;
            }
            cp = b;
            n = 1;
        } else {
            n = lis_lex_get_cp(body + p, e - p, &cp);
            if (lis_lex_is_space_cp(cp)) {
                p += n;
                continue;
            }
        }
        if (!lis_lex_is_word_cp(cp)) {
            push_tok(c, TK_PUNCT, p, p + n)->punct = cp;
            p += n;
            continue;
        }
        stop = next > p && next < e ? next : e;
        t = push_tok(c, TK_WORD, p, p);
        /* the lexicon's word at p, read once for the token and the
         * lexicon; word_end goes on from its end (it reads word
         * characters as the lexicon does) unless a mention cuts it */
        we = scan_word(body, p, e, &t->h, &t->plain);
        t->we = we;
        if (we > stop)
            t->e = word_end(c, p + n, stop, e);
        else if (we == stop || ((unsigned char)body[we] < 0x80 &&
                                body[we] != '\'' && body[we] != '-' &&
                                body[we] != '.'))
            t->e = we;      /* (what word_end says of most words) */
        else
            t->e = word_end(c, we, stop, e);
        p = t->e;
    }

    /* Classify, merging multi-word terms into their first token. */
    out = first;
    for (i = first; i < c->n_toks; i++) {
        struct tok *t = &c->toks[i];

        if (t->kind == TK_WORD) {
            const char *val = NULL;
            size_t len = 0, j = i, end;
            unsigned fl;

            /* no entry starts with this word: no match (see add_entry) */
            if (bits_has(c->any, t->h))
                {
                    struct ahead a = { t + 1, c->n_toks - i - 1 };

                    len = memo_match(c, t->s, e, t->h, t->we, t->plain, a,
                                     &val);
                }
            end = t->s + len;

            if (len > 0) {
                /* the term must end where a word token ends, and cover
                 * only words (never half an entity) */
                while (j < c->n_toks && c->toks[j].kind == TK_WORD &&
                       c->toks[j].e < end)
                    j++;
                if (j < c->n_toks && c->toks[j].kind == TK_WORD &&
                    c->toks[j].e == end) {
                    t->e = end;
                    t->cls = (unsigned char)cls_of(c, val, &fl);
                    t->flags = (unsigned char)fl;
                    i = j;
                } else if (lis_lexicon_has(c->lex, body + t->s, t->e - t->s,
                                           &val)) {
                    t->cls = (unsigned char)cls_of(c, val, &fl);
                    t->flags = (unsigned char)fl;
                }
            } else if (t->e > t->s && is_apos_end(body, t->s, t->e) &&
                       lis_lexicon_has(c->lex, body + t->s, t->e - t->s,
                                       &val)) {
                /* "n'", "qu'": the match stops short of the apostrophe */
                t->cls = (unsigned char)cls_of(c, val, &fl);
                t->flags = (unsigned char)fl;
            }
            if (is_deal_class(t->cls) || (t->flags & F_GET))
                deal = true;
        }
        if (t != &c->toks[out])
            c->toks[out] = *t;
        out++;
    }
    c->n_toks = out;
    return deal;
}

/* ------------------------------------------------------------ claims */

static const struct lis_entity *ent_of(const struct ctx *c, size_t e)
{
    return e < c->an->n_entities ? &c->an->entities[e] : NULL;
}

static void add_claim(struct ctx *c, size_t ent, enum lis_role role,
                      enum lis_bid_status status, enum lis_stance stance,
                      int score, size_t sent, char *name, bool confirm)
{
    struct claim *cl;

    if (ent == LIS_NONE || ent >= c->an->n_entities) {
        free(name);
        return;
    }
    c->claims = lis_xgrow(c->claims, &c->cap_claims, c->n_claims + 1,
                          sizeof *c->claims);
    cl = &c->claims[c->n_claims++];
    cl->ent = ent;
    cl->role = role;
    cl->status = status;
    cl->stance = stance;
    cl->score = score;
    cl->sent = sent;
    cl->name = name;
    cl->confirm = confirm;
    if ((role == LIS_ROLE_BIDDER || role == LIS_ROLE_ACQUIRER) &&
        c->bidders[0] != ent) {
        c->bidders[1] = c->bidders[0];
        c->bidders[0] = ent;
    }
    if (role == LIS_ROLE_REGULATOR && stance == LIS_STANCE_PRESSURE)
        c->pressure = true;
}

static bool is_tx_class(enum pt_class cls)
{
    return cls == C_BUY || cls == C_BUY_NOUN || cls == C_SELL ||
           cls == C_SELL_NOUN || cls == C_BID || cls == C_BID_NOUN ||
           cls == C_MERGE;
}

/* ------------------------------------------------------------ sentence view */

struct sview {
    struct ctx *c;
    struct tok *t;
    size_t n;
    size_t sent;
    /* computed once per sentence so that constructions stay O(1) here */
    size_t n_tx;            /* transaction terms (buy, sell, bid, merge) */
    size_t first_want;      /* first "exige que", "force": n if none */
    size_t last_deal;       /* last transaction, accept or deal-ref term,
                               or NONE */
    size_t last_target;     /* last mention of a target (pass B), or NONE */
};

static bool tk_is(const struct sview *v, size_t i, enum pt_class cls)
{
    return i < v->n && v->t[i].kind == TK_WORD && v->t[i].cls == cls;
}

/* A hard clause boundary for a subject walk. */
static bool clause_stop(const struct sview *v, size_t i)
{
    uint32_t cp;

    if (i >= v->n || v->t[i].kind != TK_PUNCT)
        return false;
    cp = v->t[i].punct;
    /* a dash, and an opening quote mark: the speaker's clause is not the
     * subject of a verb inside the quotation */
    return (cp < 0x80 && strchr(";:.!?", (int)cp)) || cp == 0x2014 ||
           cp == 0xAB || cp == 0x201C;
}

static bool is_prep_class(enum pt_class cls)
{
    return cls == C_PREP_OF || cls == C_PREP_BY || cls == C_PREP_TO ||
           cls == C_PREP_ON || cls == C_PREP;
}

/* Who can buy, sell or be bought: anything but a place.  An unknown
 * company name is often typed MISC (or even PER) by the entities stage;
 * the deal construction around it is what makes it a company. */
static bool buyer_type(const struct ctx *c, size_t ent)
{
    const struct lis_entity *e = ent_of(c, ent);

    return e && e->type != LIS_ENT_LOC;
}

static bool target_type(const struct ctx *c, size_t ent)
{
    return buyer_type(c, ent);
}

/* Resolve an entity token: a pronoun mention must be a subject pronoun
 * (il, elle, ils, elles); first-person ones in quotes name the speaker,
 * never the subject of the clause. */
static bool usable_ent(const struct sview *v, size_t i)
{
    const struct lis_analysis *an = v->c->an;
    const struct lis_mention *m;

    if (i >= v->n || v->t[i].kind != TK_ENT)
        return false;
    m = &an->mentions[v->t[i].mention];
    if (m->kind == LIS_MENTION_PRONOUN) {
        const char *val = NULL;
        unsigned fl;

        if (!lis_lexicon_has(v->c->lex, v->c->doc->body + m->start,
                             m->end - m->start, &val) ||
            class_of(val, &fl) != C_SUBJ_PRON)
            return false;
    }
    return true;
}

/* Whether the mention token i stands as a complement: right after a
 * preposition (or a preposition and a determiner). */
static bool after_prep(const struct sview *v, size_t i)
{
    if (i == 0)
        return false;
    if (v->t[i - 1].kind == TK_WORD && is_prep_class(v->t[i - 1].cls))
        return true;
    if (i >= 2 && v->t[i - 1].kind == TK_WORD && v->t[i - 1].cls == C_DET &&
        v->t[i - 2].kind == TK_WORD && is_prep_class(v->t[i - 2].cls))
        return true;
    return false;
}

/* Most recent ORG/PER entity standing as a subject before body offset
 * off, other than avoid, looking back over at most a few mentions: used
 * for "il/elle" the entities stage left unresolved and for "son offre". */
static size_t recent_subject(const struct ctx *c, size_t off, size_t avoid)
{
    const struct lis_analysis *an = c->an;
    const char *body = c->doc->body;
    size_t mi = first_mention_from(an, off), looked = 0;

    while (mi > 0 && looked < 48) {
        const struct lis_mention *m = &an->mentions[--mi];
        size_t p = m->start, we;
        const char *val = NULL;
        unsigned fl;
        bool complement = false;

        looked++;
        if (m->start >= off || m->entity == avoid ||
            m->kind == LIS_MENTION_PRONOUN || !buyer_type(c, m->entity))
            continue;
        /* the word right before the mention */
        while (p > 0 && (body[p - 1] == ' ' || body[p - 1] == '\n'))
            p--;
        we = p;
        while (p > 0 && ((unsigned char)body[p - 1] >= 0x80 ||
                         (body[p - 1] != ' ' && body[p - 1] != '\n' &&
                          body[p - 1] != ',' && body[p - 1] != '.')))
            p--;
        if (we > p && lis_lexicon_has(c->lex, body + p, we - p, &val)) {
            enum pt_class cls = class_of(val, &fl);

            complement = is_prep_class(cls);
        }
        if (!complement)
            return m->entity;
    }
    return LIS_NONE;
}

/* Entity of a subject pronoun token left unresolved by the entities
 * stage. */
static size_t pronoun_subject(const struct sview *v, size_t i)
{
    return recent_subject(v->c, v->t[i].s, LIS_NONE);
}

/* Walk back from verb token i for its subject: the nearest usable entity
 * not governed by a preposition, skipping parentheses, stopping at a
 * clause boundary.  Returns the token index and sets *ent; LIS_NONE when
 * there is none. */
static size_t find_subject(const struct sview *v, size_t i, size_t *ent)
{
    size_t j = i;
    int paren = 0;

    *ent = LIS_NONE;
    /* a subject further than this is not this verb's (and the walk stays
     * bounded on a paragraph with no full stop) */
    while (j > 0 && j + 40 > i) {
        j--;
        if (v->t[j].kind == TK_PUNCT) {
            if (v->t[j].punct == ')')
                paren++;
            else if (v->t[j].punct == '(' && paren > 0)
                paren--;
            else if (paren == 0 && clause_stop(v, j))
                return LIS_NONE;
            continue;
        }
        if (paren > 0)
            continue;
        if (v->t[j].kind == TK_ENT) {
            /* "le conseil d'administration de X" speaks for X */
            bool organ = j >= 2 && tk_is(v, j - 1, C_PREP_OF) &&
                         tk_is(v, j - 2, C_ORGAN);

            if (usable_ent(v, j) && (organ || !after_prep(v, j))) {
                *ent = v->t[j].ent;
                return j;
            }
            continue;
        }
        if (v->t[j].cls == C_SUBJ_PRON) {
            *ent = pronoun_subject(v, j);
            return *ent == LIS_NONE ? LIS_NONE : j;
        }
        /* "l'autorité britannique menaçait de bloquer": a subject we
         * cannot name stops the walk (it is not the one further back) */
        if ((v->t[j].cls == C_AUTHORITY || v->t[j].cls == C_ORGAN) &&
            j > 0 && tk_is(v, j - 1, C_DET) &&
            !(j + 1 < v->n && v->t[j + 1].kind == TK_ENT) &&
            !tk_is(v, j + 1, C_PREP_OF))
            return LIS_NONE;
    }
    return LIS_NONE;
}

/* "Microsoft et Walmart ont proposé ...": the entity coordinated before
 * the subject token j, or LIS_NONE. */
static size_t co_subject(const struct sview *v, size_t j)
{
    if (j == LIS_NONE || j < 2 || !tk_is(v, j - 1, C_CONJ) ||
        v->t[j - 2].kind != TK_ENT || !usable_ent(v, j - 2) ||
        after_prep(v, j - 2))
        return LIS_NONE;
    /* "et", not "ou"/"mais": the conjunction's first letter */
    if (v->c->doc->body[v->t[j - 1].s] != 'e')
        return LIS_NONE;
    return v->t[j - 2].ent;
}

/* Negation in front of token i, back to its subject (or a few words). */
static bool negated(const struct sview *v, size_t subj, size_t i)
{
    size_t lo = i > 6 ? i - 6 : 0, j;

    if (subj != LIS_NONE && subj + 1 > lo)
        lo = subj + 1;
    for (j = lo; j < i; j++) {
        if (tk_is(v, j, C_NEG))
            return true;
        /* "refuse de vendre" */
        if (tk_is(v, j, C_REFUSE) && j + 2 == i && tk_is(v, j + 1, C_PREP_OF))
            return true;
    }
    return false;
}

/* Under "X exige que", "X veut forcer ... à": wanted, not done. */
static bool wanted(const struct sview *v, size_t i)
{
    return v->first_want < i;
}

static bool class_before(const struct sview *v, size_t subj, size_t i,
                         enum pt_class cls, unsigned flag)
{
    size_t lo = i > 5 ? i - 5 : 0, j;

    if (subj != LIS_NONE && subj + 1 > lo)
        lo = subj + 1;
    for (j = lo; j < i; j++)
        if (tk_is(v, j, cls) && (!flag || (v->t[j].flags & flag)))
            return true;
    return false;
}

/* The part-of-a-company phrase starting at token i ("ses activités
 * américaines pour TikTok"): on success returns the entity token index,
 * sets *name to "les activités américaines de TikTok". */
static size_t part_phrase(const struct sview *v, size_t i, char **name)
{
    const char *body = v->c->doc->body;
    size_t det = LIS_NONE, part, j, last;

    if (tk_is(v, i, C_DET) || tk_is(v, i, C_POSS))
        det = i++;
    if (!tk_is(v, i, C_PART) && !tk_is(v, i, C_STAKE))
        return LIS_NONE;
    part = i;
    last = i;
    for (j = i + 1; j < v->n && j < i + 4; j++) {
        if (v->t[j].kind == TK_WORD && v->t[j].cls == C_NONE) {
            last = j;       /* adjectives: américaines, européennes */
            continue;
        }
        break;
    }
    if (j >= v->n || !(tk_is(v, j, C_PREP_OF) || tk_is(v, j, C_PREP_ON) ||
                       tk_is(v, j, C_PREP)))
        return LIS_NONE;
    j++;
    if (tk_is(v, j, C_DET))
        j++;
    if (j >= v->n || v->t[j].kind != TK_ENT || !target_type(v->c, v->t[j].ent))
        return LIS_NONE;
    if (tk_is(v, part, C_STAKE)) {
        /* a stake in a company: the company is the target */
        v->c->hints[H_STAKE]++;
        return j;
    }
    if (name) {
        struct lis_buf b;
        const struct lis_entity *e = ent_of(v->c, v->t[j].ent);
        const char *phrase = body + v->t[part].s;
        size_t plen = v->t[last].e - v->t[part].s;
        const char *art = NULL;
        unsigned char c0 = (unsigned char)phrase[0];
        bool vowel = strchr("aeiouyhAEIOUYH", c0) != NULL ||
                     (c0 == 0xC3 && plen > 1);   /* é, â, ... */
        bool plural = plen > 0 && (phrase[plen - 1] == 's' ||
                                   phrase[plen - 1] == 'x');

        if (det != LIS_NONE) {
            size_t dl = v->t[det].e - v->t[det].s;
            const char *d = body + v->t[det].s;

            if ((dl == 3 && memcmp(d, "ses", 3) == 0) ||
                (dl == 5 && memcmp(d, "leurs", 5) == 0) ||
                (dl == 3 && (memcmp(d, "les", 3) == 0 ||
                             memcmp(d, "Les", 3) == 0 ||
                             memcmp(d, "des", 3) == 0)))
                plural = true;
            else if (dl == 2 && (memcmp(d, "sa", 2) == 0 ||
                                 memcmp(d, "la", 2) == 0 ||
                                 memcmp(d, "La", 2) == 0))
                art = "la ";
            else if (dl == 3 && (memcmp(d, "son", 3) == 0 ||
                                 memcmp(d, "une", 3) == 0) && !vowel)
                art = memcmp(d, "une", 3) == 0 ? "la " : "le ";
        }
        if (plural)
            art = "les ";
        else if (vowel)
            art = "l\xe2\x80\x99";
        else if (!art)
            art = "le ";
        lis_buf_init(&b);
        lis_buf_adds(&b, art);
        lis_buf_add(&b, phrase, plen);
        lis_buf_adds(&b, " ");
        {
            unsigned char e0 = (unsigned char)e->name[0];

            if (strchr("aeiouyAEIOUY", e0) || e0 == 0xC3)
                lis_buf_adds(&b, "d\xe2\x80\x99");
            else
                lis_buf_adds(&b, "de ");
        }
        lis_buf_adds(&b, e->name);
        *name = lis_buf_steal(&b, NULL);
    }
    return j;
}

/* "l'éditeur de jeux vidéo Activision Blizzard": a descriptor mention
 * followed closely by a name stands for that name. */
static size_t appositive(const struct sview *v, size_t j)
{
    const struct lis_analysis *an = v->c->an;
    size_t k;

    if (an->mentions[v->t[j].mention].kind != LIS_MENTION_DESCRIPTOR)
        return j;
    for (k = j + 1; k < v->n && k <= j + 5; k++) {
        if (v->t[k].kind == TK_ENT)
            return an->mentions[v->t[k].mention].kind == LIS_MENTION_NAME
                   ? k : j;
        if (v->t[k].kind == TK_PUNCT ||
            !(v->t[k].cls == C_NONE || v->t[k].cls == C_PREP_OF))
            return j;
    }
    return j;
}

/* Object of the verb (or noun) at token i: the first entity after it in
 * its clause, through determiners and a part-of-a-company phrase.  Sets
 * *name for a part phrase.  Returns the token index or LIS_NONE. */
static size_t find_object(const struct sview *v, size_t i, char **name)
{
    size_t j, words = 0;

    if (name)
        *name = NULL;
    for (j = i + 1; j < v->n; j++) {
        const struct tok *t = &v->t[j];

        if (t->kind == TK_ENT)
            return usable_ent(v, j) ? appositive(v, j) : LIS_NONE;
        if (t->kind == TK_PUNCT) {
            if (t->punct == 0x201C || t->punct == 0xAB || t->punct == '"')
                continue;
            return LIS_NONE;
        }
        if (t->cls == C_NEG2 || t->cls == C_DET)
            continue;
        if (t->cls == C_PART || t->cls == C_STAKE || t->cls == C_POSS) {
            size_t k = part_phrase(v, j, name);

            if (k != LIS_NONE)
                return k;
            if (t->cls == C_POSS)
                continue;
            return LIS_NONE;
        }
        if (t->cls != C_NONE || ++words > 1)
            return LIS_NONE;
    }
    return LIS_NONE;
}

/* Entity right after a preposition of class prep found in the clause
 * after token i (skipping at most max tokens).  "par X", "à X". */
static size_t find_after_prep(const struct sview *v, size_t i,
                              enum pt_class prep, size_t max)
{
    size_t j;

    for (j = i + 1; j < v->n && j <= i + max; j++) {
        if (clause_stop(v, j))
            return LIS_NONE;
        if (tk_is(v, j, prep)) {
            size_t k = j + 1;

            if (tk_is(v, k, C_DET))
                k++;
            if (k < v->n && v->t[k].kind == TK_ENT && usable_ent(v, k))
                return k;
        }
    }
    return LIS_NONE;
}

/* The entity that heads a short noun phrase from token j on: "le
 * britannique Arm", "son concurrent Lactalis" (determiner, then at most
 * three plain words).  Token index or LIS_NONE. */
static size_t np_entity(const struct sview *v, size_t j)
{
    size_t words = 0;

    if (tk_is(v, j, C_DET) || tk_is(v, j, C_POSS))
        j++;
    for (; j < v->n; j++) {
        if (v->t[j].kind == TK_ENT)
            return usable_ent(v, j) ? appositive(v, j) : LIS_NONE;
        if (v->t[j].kind != TK_WORD || v->t[j].cls != C_NONE || ++words > 3)
            return LIS_NONE;
    }
    return LIS_NONE;
}

/* "de X" right after token i (skipping a determiner): the complement of a
 * deal noun, possibly a part phrase. */
static size_t complement_of(const struct sview *v, size_t i, char **name)
{
    size_t j = i + 1;

    if (name)
        *name = NULL;
    if (!tk_is(v, j, C_PREP_OF))
        return LIS_NONE;
    j++;
    if (j < v->n && v->t[j].kind == TK_ENT)
        return usable_ent(v, j) ? appositive(v, j) : LIS_NONE;
    {
        size_t k = part_phrase(v, j, name);

        if (k != LIS_NONE)
            return k;
    }
    return np_entity(v, j);
}

static bool indefinite(const struct sview *v, size_t i)
{
    char c0 = v->c->doc->body[v->t[i].s];

    return c0 == 'u' || c0 == 'U';     /* un, une */
}

/* Whom a bid noun at token i belongs to: "l'offre de X", "l'offre de
 * rachat de X", "son offre" (the most recent bidder, else the most recent
 * subject, other than avoid).  Entity or LIS_NONE. */
static size_t bid_owner(struct sview *v, size_t i, size_t avoid)
{
    size_t j = i + 1, k;

    /* "offre de rachat de X" */
    if (tk_is(v, j, C_PREP_OF) && (tk_is(v, j + 1, C_BUY_NOUN) ||
                                   tk_is(v, j + 1, C_SELL_NOUN)))
        j += 2;
    if (tk_is(v, j, C_PREP_OF) && j + 1 < v->n &&
        v->t[j + 1].kind == TK_ENT && usable_ent(v, j + 1) &&
        buyer_type(v->c, v->t[j + 1].ent) && v->t[j + 1].ent != avoid)
        return v->t[j + 1].ent;
    /* "une offre de la part de son concurrent Lactalis" */
    if (tk_is(v, j, C_FROM) && (k = np_entity(v, j + 1)) != LIS_NONE &&
        buyer_type(v->c, v->t[k].ent) && v->t[k].ent != avoid)
        return v->t[k].ent;
    if (i > 0 && (tk_is(v, i - 1, C_POSS) ||
                  (tk_is(v, i - 1, C_DET) && !indefinite(v, i - 1)))) {
        const struct ctx *c = v->c;

        /* "son offre", "cette offre", "l'offre": the offer already
         * named; for a possessive, else the most recent subject */
        for (k = 0; k < 2; k++)
            if (c->bidders[k] != LIS_NONE && c->bidders[k] != avoid)
                return c->bidders[k];
        if (tk_is(v, i - 1, C_POSS))
            return recent_subject(c, v->t[i].s, avoid);
    }
    return LIS_NONE;
}

static bool other_deal_term(const struct sview *v, size_t i)
{
    return v->n_tx > (i < v->n && v->t[i].kind == TK_WORD &&
                      is_tx_class(v->t[i].cls) ? 1u : 0u);
}

static char *tok_text(const struct sview *v, size_t a, size_t b)
{
    return lis_xstrndup(v->c->doc->body + v->t[a].s, v->t[b].e - v->t[a].s);
}

/* Is the entity at token i an authority (a state, a government, a
 * regulator)?  *name gets "gouvernement Trump" when the authority noun is
 * a word in front of the mention rather than part of it. */
static bool authority_at(const struct sview *v, size_t i, char **name)
{
    const struct ctx *c = v->c;
    const struct lis_entity *e = ent_of(c, v->t[i].ent);
    const char *val = NULL;
    unsigned fl;
    size_t n;

    *name = NULL;
    if (!e)
        return false;
    if (e->type == LIS_ENT_LOC)
        return true;
    /* "Commission européenne", "gouvernement Trump", "Bercy": named after
     * an authority word (whatever type the entities stage gave it) */
    n = strcspn(e->name, " ");
    if (e->type != LIS_ENT_PER &&
        ((lis_lexicon_has(c->lex, e->name, n, &val) &&
          class_of(val, &fl) == C_AUTHORITY) ||
         (lis_lexicon_has(c->lex, e->name, strlen(e->name), &val) &&
          class_of(val, &fl) == C_AUTHORITY)))
        return true;
    if (i > 0 && tk_is(v, i - 1, C_AUTHORITY)) {
        *name = tok_text(v, i - 1, i);
        return true;
    }
    return false;
}

static bool is_target(const struct ctx *c, size_t ent)
{
    return ent < c->an->n_entities && c->targets && c->targets[ent];
}

/* The view of sentence sent, whose tokens are all of c->toks. */
static void sview_init(struct sview *v, struct ctx *c, size_t sent)
{
    size_t j;

    v->c = c;
    v->t = c->toks;
    v->n = c->n_toks;
    v->sent = sent;
    v->n_tx = 0;
    v->first_want = v->n;
    v->last_deal = LIS_NONE;
    v->last_target = LIS_NONE;
    for (j = 0; j < v->n; j++) {
        const struct tok *t = &v->t[j];

        if (t->kind == TK_ENT) {
            if (is_target(c, t->ent))
                v->last_target = j;
            continue;
        }
        if (t->kind != TK_WORD)
            continue;
        if (is_tx_class(t->cls))
            v->n_tx++;
        /* "l'opération", "la transaction": the deal named again */
        if (is_tx_class(t->cls) || t->cls == C_ACCEPT ||
            t->cls == C_DEAL_REF)
            v->last_deal = j;
        if ((t->cls == C_WANT || t->cls == C_FORCE) && v->first_want == v->n)
            v->first_want = j;
    }
}

/* ------------------------------------------------------------ pass A */

static void do_buy(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    const struct tok *t = &v->t[i];
    size_t subj, sent = v->sent, tgt_tok = LIS_NONE, buyer = LIS_NONE, target;
    char *name = NULL;
    bool passive;

    if (i > 0 && tk_is(v, i - 1, C_REFL))
        return;     /* "s'achète": a reflexive reads as a passive of habit */
    passive = (t->flags & F_PP) &&
              ((i > 0 && tk_is(v, i - 1, C_AUX_BE)) ||
               (i > 1 && tk_is(v, i - 2, C_AUX_BE) && tk_is(v, i - 1, C_NEG2)) ||
               tk_is(v, i + 1, C_PREP_BY));
    if (passive) {
        size_t bt = find_after_prep(v, i, C_PREP_BY, 2);

        find_subject(v, i, &target);
        if (bt != LIS_NONE)
            buyer = v->t[bt].ent;
        subj = LIS_NONE;
    } else {
        if ((t->flags & F_PP) && !class_before(v, LIS_NONE, i, C_AUX_HAVE, 0))
            return;     /* "le fait acquis": an adjective, no verb */
        subj = find_subject(v, i, &buyer);
        tgt_tok = find_object(v, i, &name);
        target = tgt_tok != LIS_NONE ? v->t[tgt_tok].ent : LIS_NONE;
    }
    if (buyer != LIS_NONE && !buyer_type(c, buyer))
        buyer = LIS_NONE;
    if (target != LIS_NONE && (!target_type(c, target) || target == buyer))
        target = LIS_NONE;
    if (target == LIS_NONE && buyer == LIS_NONE) {
        free(name);
        return;
    }
    if (target != LIS_NONE)
        add_claim(c, target, LIS_ROLE_TARGET, LIS_BID_NONE, LIS_STANCE_NONE,
                  buyer != LIS_NONE ? 2 : 1, sent, name, false);
    else
        free(name);
    if (buyer == LIS_NONE)
        return;
    for (;;) {
        bool neg = negated(v, subj, i);
        bool can = class_before(v, subj, i, C_CAN, 0);
        bool cond = (t->flags & F_COND) ||
                    class_before(v, subj, i, C_AUX_HAVE, F_COND) ||
                    class_before(v, subj, i, C_AUX_BE, F_COND) ||
                    class_before(v, subj, i, C_CAN, F_COND);
        bool inf = (t->flags & F_INF) != 0 || wanted(v, i);

        /* buying nothing named ("acquérir une masse") counts only for
         * an entity that is a party anyway */
        bool alone = target == LIS_NONE;

        if (neg && can)
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_REJECTED,
                      LIS_STANCE_NONE, 3, sent, NULL, alone);
        else if (neg)
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN,
                      LIS_STANCE_NONE, 2, sent, NULL, alone);
        else if (cond && can && class_before(v, subj, i, C_AUX_HAVE, F_COND))
            /* "aurait pu racheter": it could have, it did not */
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_REJECTED,
                      LIS_STANCE_NONE, 2, sent, NULL, alone);
        else if (inf || cond || can)
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_PENDING,
                      LIS_STANCE_NONE, 1, sent, NULL, alone);
        else {
            /* "a racheté", "a été racheté": done; "rachète", "rachètera"
             * in a headline: agreed */
            if (target != LIS_NONE && (t->flags & F_PP))
                c->completed = true;
            add_claim(c, buyer, LIS_ROLE_ACQUIRER, LIS_BID_NONE,
                      LIS_STANCE_NONE, target != LIS_NONE ? 3 : 1, sent,
                      NULL, target == LIS_NONE);
        }
        /* the same again for a buyer coordinated with this one */
        buyer = passive ? LIS_NONE : co_subject(v, subj);
        if (buyer == LIS_NONE || buyer == target || !buyer_type(c, buyer))
            break;
        subj = subj - 2;
    }
}

static void do_buy_noun(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    char *name = NULL;
    size_t tt, bt, target = LIS_NONE, buyer = LIS_NONE;
    bool announced = false;

    if (i > 0 && (tk_is(v, i - 1, C_REFUSE_NOUN) ||
                  (i > 1 && tk_is(v, i - 2, C_REFUSE_NOUN))))
        return;     /* "ce refus d'achat" */
    if (i > 0 && tk_is(v, i - 1, C_PREP_OF) && i > 1 &&
        (tk_is(v, i - 2, C_BID_NOUN) || tk_is(v, i - 2, C_BID)))
        return;     /* "l'offre de rachat de X": the bid noun handles it */
    tt = complement_of(v, i, &name);
    bt = find_after_prep(v, i, C_PREP_BY, 6);
    if (tt == LIS_NONE) {
        /* "le rachat par X de Y" */
        if (bt != LIS_NONE)
            tt = complement_of(v, bt, &name);
    }
    if (tt != LIS_NONE && target_type(c, v->t[tt].ent))
        target = v->t[tt].ent;
    if (bt != LIS_NONE && buyer_type(c, v->t[bt].ent) &&
        v->t[bt].ent != target)
        buyer = v->t[bt].ent;
    if (buyer == LIS_NONE && target != LIS_NONE) {
        /* "X a annoncé / finalisé le rachat de Y" */
        size_t k = i, who;

        /* through a determiner and an adverb or a day: "a annoncé mardi
         * le rachat" */
        while (k > 0 && k + 4 > i && v->t[k - 1].kind == TK_WORD &&
               (v->t[k - 1].cls == C_DET || v->t[k - 1].cls == C_POSS ||
                v->t[k - 1].cls == C_NONE))
            k--;
        if (k > 0 && (tk_is(v, k - 1, C_ANNOUNCE) ||
                      tk_is(v, k - 1, C_COMPLETE)) &&
            find_subject(v, k - 1, &who) != LIS_NONE &&
            buyer_type(c, who) && who != target) {
            buyer = who;
            announced = true;
            if (tk_is(v, k - 1, C_COMPLETE))
                c->completed = true;
        }
    }
    if (target != LIS_NONE)
        add_claim(c, target, LIS_ROLE_TARGET, LIS_BID_NONE, LIS_STANCE_NONE,
                  buyer != LIS_NONE ? 2 : 1, v->sent, name, false);
    else
        free(name);
    if (buyer != LIS_NONE) {
        bool done = c->completed;
        size_t j;

        for (j = 0; j < v->n; j++)
            if (tk_is(v, j, C_COMPLETE) && !negated(v, LIS_NONE, j))
                done = true;
        if (done) {
            c->completed = true;
            add_claim(c, buyer, LIS_ROLE_ACQUIRER, LIS_BID_NONE,
                      LIS_STANCE_NONE, 3, v->sent, NULL, false);
        } else if (announced) {
            /* an announced deal: agreed, not yet done */
            add_claim(c, buyer, LIS_ROLE_ACQUIRER, LIS_BID_NONE,
                      LIS_STANCE_NONE, 2, v->sent, NULL, false);
        }
        else
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_PENDING,
                      LIS_STANCE_NONE, 2, v->sent, NULL, false);
    }
}

static void do_sell(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    const struct tok *t = &v->t[i];
    size_t subj = LIS_NONE, seller = LIS_NONE, target = LIS_NONE,
           buyer = LIS_NONE, tt, bt;
    char *name = NULL;
    bool passive, weak;

    if (i > 0 && tk_is(v, i - 1, C_REFL))
        return;     /* "a réussi à se vendre": sales, not a deal */
    passive = (t->flags & F_PP) &&
              ((i > 0 && tk_is(v, i - 1, C_AUX_BE)) ||
               tk_is(v, i + 1, C_PREP_BY));
    if (passive) {
        find_subject(v, i, &target);
        bt = find_after_prep(v, i, C_PREP_TO, 8);
        tt = find_after_prep(v, i, C_PREP_BY, 2);
        if (tt != LIS_NONE)
            seller = v->t[tt].ent;
    } else {
        if ((t->flags & F_PP) && !class_before(v, LIS_NONE, i, C_AUX_HAVE, 0))
            return;     /* "les titres vendus": an adjective */
        subj = find_subject(v, i, &seller);
        tt = find_object(v, i, &name);
        if (tt != LIS_NONE)
            target = v->t[tt].ent;
        bt = find_after_prep(v, tt != LIS_NONE ? tt : i, C_PREP_TO, 6);
    }
    if (bt != LIS_NONE)
        buyer = v->t[bt].ent;
    if (seller != LIS_NONE && !buyer_type(c, seller))
        seller = LIS_NONE;
    if (buyer != LIS_NONE && (!buyer_type(c, buyer) || buyer == seller))
        buyer = LIS_NONE;
    if (target != LIS_NONE &&
        (!target_type(c, target) || target == seller || target == buyer))
        target = LIS_NONE;
    if (target == LIS_NONE && buyer == LIS_NONE) {
        free(name);
        return;     /* "vendre des voitures" */
    }
    /* "Apple vend l'iPhone en Inde": a present sale with no buyer and no
     * part of a company is trade, not a deal, unless the article has one */
    weak = buyer == LIS_NONE && !name && !passive &&
           !(t->flags & (F_INF | F_PP | F_COND)) &&
           !class_before(v, subj, i, C_AUX_HAVE, 0) && !negated(v, subj, i);
    if (target != LIS_NONE)
        add_claim(c, target, LIS_ROLE_TARGET, LIS_BID_NONE, LIS_STANCE_NONE,
                  2, v->sent, name, weak);
    else
        free(name);
    if (seller != LIS_NONE)
        add_claim(c, seller, LIS_ROLE_SELLER, LIS_BID_NONE, LIS_STANCE_NONE,
                  2, v->sent, NULL, target == LIS_NONE || weak);
    c->hints[H_SELL]++;
    if (buyer != LIS_NONE) {
        bool neg = negated(v, subj, i);
        bool accepted = class_before(v, subj, i, C_ACCEPT, 0);
        bool cond = (t->flags & F_COND) ||
                    class_before(v, subj, i, C_AUX_HAVE, F_COND);

        if (neg)
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_REJECTED,
                      LIS_STANCE_NONE, 3, v->sent, NULL, false);
        else if (accepted)
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_CHOSEN,
                      LIS_STANCE_NONE, 3, v->sent, NULL, false);
        else if ((t->flags & F_INF) || cond || wanted(v, i))
            add_claim(c, buyer, LIS_ROLE_BIDDER, LIS_BID_PENDING,
                      LIS_STANCE_NONE, 1, v->sent, NULL, false);
        else
            add_claim(c, buyer, LIS_ROLE_ACQUIRER, LIS_BID_NONE,
                      LIS_STANCE_NONE, 2, v->sent, NULL, false);
    }
}

static void do_sell_noun(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    char *name = NULL;
    size_t tt = complement_of(v, i, &name), bt, st;

    if (tt == LIS_NONE || !target_type(c, v->t[tt].ent)) {
        free(name);
        return;     /* "la vente de voitures", "la chute des ventes" */
    }
    add_claim(c, v->t[tt].ent, LIS_ROLE_TARGET, LIS_BID_NONE,
              LIS_STANCE_NONE, 1, v->sent, name, false);
    c->hints[H_SELL]++;
    bt = find_after_prep(v, tt, C_PREP_TO, 4);
    if (bt != LIS_NONE && buyer_type(c, v->t[bt].ent) &&
        v->t[bt].ent != v->t[tt].ent)
        add_claim(c, v->t[bt].ent, LIS_ROLE_BIDDER, LIS_BID_PENDING,
                  LIS_STANCE_NONE, 2, v->sent, NULL, false);
    st = find_after_prep(v, tt, C_PREP_BY, 4);
    if (st != LIS_NONE && buyer_type(c, v->t[st].ent) &&
        v->t[st].ent != v->t[tt].ent)
        add_claim(c, v->t[st].ent, LIS_ROLE_SELLER, LIS_BID_NONE,
                  LIS_STANCE_NONE, 2, v->sent, NULL, false);
}

/* What a bid at token i is for: "... sur Y", "... pour Y", "une offre
 * pour le rachat de Y".  Token index or LIS_NONE. */
static size_t bid_target(const struct sview *v, size_t i, size_t owner)
{
    size_t j;

    for (j = i + 1; j < v->n && j < i + 8; j++) {
        if (clause_stop(v, j))
            break;
        /* "sur Y", "pour Y"; not "chez Y" (an offer to customers) */
        if (tk_is(v, j, C_PREP_ON) && j + 1 < v->n) {
            size_t k = j + 1;

            if (tk_is(v, k, C_DET))
                k++;
            if (tk_is(v, k, C_BUY_NOUN) && tk_is(v, k + 1, C_PREP_OF))
                k += 2;
            if (k < v->n && v->t[k].kind == TK_ENT &&
                target_type(v->c, v->t[k].ent) && v->t[k].ent != owner)
                return k;
        }
    }
    return LIS_NONE;
}

static void do_bid(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t owner, tt = LIS_NONE, j;

    /* answers to the bid are read by refuse/accept, not here */
    for (j = i; j > 0 && j + 6 > i; j--)
        if (tk_is(v, j - 1, C_REFUSE) || tk_is(v, j - 1, C_ACCEPT))
            return;
    owner = bid_owner(v, i, LIS_NONE);
    if (owner == LIS_NONE) {
        size_t subj, ent;

        /* "X lance une OPA sur Y" */
        if (class_before(v, LIS_NONE, i, C_LAUNCH, 0)) {
            subj = find_subject(v, i, &ent);
            if (subj != LIS_NONE && buyer_type(c, ent))
                owner = ent;
        }
    }
    tt = bid_target(v, i, owner);
    /* "Danone fait l'objet d'une offre ...": the subject is the target */
    for (j = i; tt == LIS_NONE && j > 0 && j + 4 > i; j--)
        if (tk_is(v, j - 1, C_OBJECT_OF)) {
            size_t ent, st = find_subject(v, j - 1, &ent);

            if (st != LIS_NONE && target_type(c, ent) && ent != owner)
                tt = st;
        }
    if (v->t[i].cls == C_BID)
        c->hints[H_BID]++;
    if (owner != LIS_NONE)
        add_claim(c, owner, LIS_ROLE_BIDDER, LIS_BID_PENDING, LIS_STANCE_NONE,
                  v->t[i].cls == C_BID ? 2 : 1, v->sent, NULL,
                  tt == LIS_NONE && v->t[i].cls != C_BID);
    if (tt != LIS_NONE)
        add_claim(c, v->t[tt].ent, LIS_ROLE_TARGET, LIS_BID_NONE,
                  LIS_STANCE_NONE, owner != LIS_NONE ? 2 : 1, v->sent, NULL,
                  false);
}

/* refuse / accept a bid, or accept a purchase ("accepte l'achat de T"). */
static void do_answer(struct sview *v, size_t i, bool accept)
{
    struct ctx *c = v->c;
    const struct tok *t = &v->t[i];
    size_t subj, who = LIS_NONE, j, owner = LIS_NONE, bid = LIS_NONE;
    bool passive = (t->flags & F_PP) &&
                   ((i > 0 && tk_is(v, i - 1, C_AUX_BE)) ||
                    tk_is(v, i + 1, C_PREP_BY));

    if (passive) {
        /* "l'offre de X a été rejetée par Y" */
        size_t bt = find_after_prep(v, i, C_PREP_BY, 2);

        if (bt != LIS_NONE)
            who = v->t[bt].ent;
        for (j = i; j > 0; j--)
            if (tk_is(v, j - 1, C_BID_NOUN) || tk_is(v, j - 1, C_BID)) {
                bid = j - 1;
                owner = bid_owner(v, bid, who);
                break;
            }
        subj = LIS_NONE;
    } else {
        subj = find_subject(v, i, &who);
        for (j = i + 1; j < v->n && j < i + 6; j++) {
            if (clause_stop(v, j) || tk_is(v, j, C_CONJ))
                break;
            if (tk_is(v, j, C_BID_NOUN) || tk_is(v, j, C_BID)) {
                bid = j;
                owner = bid_owner(v, j, who);
                break;
            }
            if (accept && (tk_is(v, j, C_BUY_NOUN) ||
                           tk_is(v, j, C_SELL_NOUN))) {
                char *name = NULL;
                size_t tt = complement_of(v, j, &name);

                if (tt != LIS_NONE && target_type(c, v->t[tt].ent) &&
                    v->t[tt].ent != who) {
                    add_claim(c, v->t[tt].ent, LIS_ROLE_TARGET, LIS_BID_NONE,
                              LIS_STANCE_NONE, 2, v->sent, name, false);
                    name = NULL;
                }
                free(name);
                if (who != LIS_NONE && buyer_type(c, who))
                    add_claim(c, who, LIS_ROLE_SELLER, LIS_BID_NONE,
                              LIS_STANCE_NONE, 2, v->sent, NULL, false);
                return;
            }
        }
    }
    if (owner == LIS_NONE || owner == who)
        return;
    if (bid != LIS_NONE) {
        size_t tt = bid_target(v, bid, owner);

        if (tt != LIS_NONE && v->t[tt].ent != who)
            add_claim(c, v->t[tt].ent, LIS_ROLE_TARGET, LIS_BID_NONE,
                      LIS_STANCE_NONE, 2, v->sent, NULL, false);
    }
    if (accept && negated(v, subj, i))
        accept = false;
    add_claim(c, owner, LIS_ROLE_BIDDER,
              accept ? LIS_BID_CHOSEN : LIS_BID_REJECTED, LIS_STANCE_NONE, 3,
              v->sent, NULL, false);
    if (who != LIS_NONE && buyer_type(c, who))
        add_claim(c, who, LIS_ROLE_SELLER, LIS_BID_NONE, LIS_STANCE_NONE, 2,
                  v->sent, NULL, false);
}

/* "Battue par Z, X ne serait plus dans la course": Z chosen, X rejected. */
static void do_beaten(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t zt = i + 1, loser = LIS_NONE, j;
    bool confirm = !other_deal_term(v, i);

    if (tk_is(v, zt, C_DET))
        zt++;
    if (zt >= v->n || v->t[zt].kind != TK_ENT || !buyer_type(c, v->t[zt].ent))
        return;
    if (find_subject(v, i, &loser) == LIS_NONE) {
        /* the participle opens the sentence: its subject follows */
        for (j = zt + 1; j < v->n && j < zt + 4; j++) {
            if (v->t[j].kind == TK_ENT && usable_ent(v, j) &&
                !after_prep(v, j)) {
                loser = v->t[j].ent;
                break;
            }
            if (v->t[j].kind == TK_WORD)
                break;
        }
    }
    if (loser == LIS_NONE || !buyer_type(c, loser) ||
        loser == v->t[zt].ent)
        return;
    add_claim(c, v->t[zt].ent, LIS_ROLE_BIDDER, LIS_BID_CHOSEN,
              LIS_STANCE_NONE, 3, v->sent, NULL, confirm);
    add_claim(c, loser, LIS_ROLE_BIDDER, LIS_BID_REJECTED, LIS_STANCE_NONE, 3,
              v->sent, NULL, confirm);
}

/* "X ne serait plus dans la course", "X a été écarté", "X est en lice". */
static void do_race(struct sview *v, size_t i, bool out)
{
    struct ctx *c = v->c;
    size_t who, subj = find_subject(v, i, &who);
    bool neg;

    if (subj == LIS_NONE || !buyer_type(c, who))
        return;
    neg = negated(v, subj, i);
    if (out != neg)
        add_claim(c, who, LIS_ROLE_BIDDER, LIS_BID_REJECTED, LIS_STANCE_NONE,
                  3, v->sent, NULL, !other_deal_term(v, i));
    else
        add_claim(c, who, LIS_ROLE_BIDDER, LIS_BID_PENDING, LIS_STANCE_NONE,
                  1, v->sent, NULL, !other_deal_term(v, i));
}

/* The seller turns to Z: "décidé de s'approcher d'Oracle". */
static void do_turn_to(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t who, subj = find_subject(v, i, &who), zt = i + 1;
    bool confirm = !other_deal_term(v, i);

    if (tk_is(v, zt, C_PREP_OF) || tk_is(v, zt, C_PREP_ON) ||
        tk_is(v, zt, C_PREP))
        zt++;
    if (tk_is(v, zt, C_DET))
        zt++;
    if (zt >= v->n || v->t[zt].kind != TK_ENT || !usable_ent(v, zt) ||
        !buyer_type(c, v->t[zt].ent))
        return;
    if (subj == LIS_NONE || who == v->t[zt].ent || !buyer_type(c, who) ||
        negated(v, subj, i))
        return;
    add_claim(c, v->t[zt].ent, LIS_ROLE_BIDDER, LIS_BID_CHOSEN,
              LIS_STANCE_NONE, 2, v->sent, NULL, confirm);
    add_claim(c, who, LIS_ROLE_SELLER, LIS_BID_NONE, LIS_STANCE_NONE, 1,
              v->sent, NULL, true);
}

static void do_withdraw(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t who, subj, j;

    if ((v->t[i].flags & F_PP) && i > 0 && tk_is(v, i - 1, C_AUX_BE)) {
        /* "le rachat de Y par X a été abandonné" */
        for (j = i; j > 0; j--)
            if (tk_is(v, j - 1, C_BUY_NOUN) || tk_is(v, j - 1, C_BID) ||
                tk_is(v, j - 1, C_BID_NOUN)) {
                size_t bt = find_after_prep(v, j - 1, C_PREP_BY, 6);

                if (bt == LIS_NONE && tk_is(v, j - 1, C_BID_NOUN))
                    who = bid_owner(v, j - 1, LIS_NONE);
                else
                    who = bt != LIS_NONE ? v->t[bt].ent : LIS_NONE;
                if (who != LIS_NONE && buyer_type(c, who))
                    add_claim(c, who, LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN,
                              LIS_STANCE_NONE, 3, v->sent, NULL, false);
                return;
            }
        return;
    }
    if ((v->t[i].flags & F_PP) && !class_before(v, LIS_NONE, i, C_AUX_HAVE, 0))
        return;
    subj = find_subject(v, i, &who);

    if (subj == LIS_NONE || !buyer_type(c, who))
        return;
    add_claim(c, who, LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN, LIS_STANCE_NONE, 3,
              v->sent, NULL, !other_deal_term(v, i));
}

/* "la fusion de/entre X et Y", "X fusionne avec Y". */
static void do_merge(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t a = LIS_NONE, b = LIS_NONE, j, who;

    /* only the verb has a subject: "X fusionne avec Y"; or the noun with
     * "leur": "X et Y ont annoncé leur fusion" */
    if (!(v->t[i].flags & F_NOUN) && find_subject(v, i, &who) != LIS_NONE &&
        target_type(c, who))
        a = who;
    if ((v->t[i].flags & F_NOUN) && i > 0 && tk_is(v, i - 1, C_POSS) &&
        (j = find_subject(v, i, &who)) != LIS_NONE && target_type(c, who)) {
        size_t other = co_subject(v, j);

        if (other != LIS_NONE && other != who && target_type(c, other)) {
            a = other;
            b = who;
        }
    }
    for (j = i + 1; b == LIS_NONE && j < v->n && j < i + 8; j++) {
        if (clause_stop(v, j))
            break;
        if (v->t[j].kind == TK_ENT && usable_ent(v, j) &&
            target_type(c, v->t[j].ent)) {
            if (a == LIS_NONE)
                a = v->t[j].ent;
            else if (v->t[j].ent != a) {
                b = v->t[j].ent;
                break;
            }
        } else if (v->t[j].kind == TK_WORD &&
                   !(v->t[j].cls == C_PREP_OF || v->t[j].cls == C_PREP ||
                     v->t[j].cls == C_PREP_ON || v->t[j].cls == C_DET ||
                     v->t[j].cls == C_CONJ)) {
            break;
        }
    }
    if (a == LIS_NONE || b == LIS_NONE)
        return;
    c->hints[H_MERGE]++;
    add_claim(c, a, LIS_ROLE_PARTNER, LIS_BID_NONE, LIS_STANCE_NONE, 2,
              v->sent, NULL, false);
    add_claim(c, b, LIS_ROLE_PARTNER, LIS_BID_NONE, LIS_STANCE_NONE, 2,
              v->sent, NULL, false);
}

static void do_partner(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t who, subj = find_subject(v, i, &who);

    if (subj == LIS_NONE || !buyer_type(c, who))
        return;
    /* a partner alone is no deal frame: the frame check decides */
    add_claim(c, who, LIS_ROLE_PARTNER, LIS_BID_NONE, LIS_STANCE_NONE, 2,
              v->sent, NULL, false);
}

/* "Arm, propriété du groupe japonais SoftBank": SoftBank owns Arm, so
 * sells it when Arm is the target (pass B: targets are known). */
static void do_owned(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t j, owned = LIS_NONE, owner;

    for (j = i; j > 0 && j + 4 > i; j--)
        if (v->t[j - 1].kind == TK_ENT) {
            owned = v->t[j - 1].ent;
            break;
        }
    owner = np_entity(v, i + 1);
    if (owned == LIS_NONE || owner == LIS_NONE || v->t[owner].ent == owned ||
        !is_target(c, owned) || !buyer_type(c, v->t[owner].ent))
        return;
    add_claim(c, v->t[owner].ent, LIS_ROLE_SELLER, LIS_BID_NONE,
              LIS_STANCE_NONE, 2, v->sent, NULL, false);
}

static void pass_a(struct sview *v)
{
    size_t i;

    for (i = 0; i < v->n; i++) {
        if (v->t[i].kind != TK_WORD)
            continue;
        switch (v->t[i].cls) {
        case C_BUY: do_buy(v, i); break;
        case C_BUY_NOUN: do_buy_noun(v, i); break;
        case C_SELL: do_sell(v, i); break;
        case C_SELL_NOUN: do_sell_noun(v, i); break;
        case C_BID: case C_BID_NOUN: do_bid(v, i); break;
        case C_REFUSE: do_answer(v, i, false); break;
        case C_ACCEPT: do_answer(v, i, true); break;
        case C_BEATEN: do_beaten(v, i); break;
        case C_OUT: do_race(v, i, true); break;
        case C_IN_RACE: do_race(v, i, false); break;
        case C_TURN_TO: do_turn_to(v, i); break;
        case C_WITHDRAW: do_withdraw(v, i); break;
        case C_MERGE: do_merge(v, i); break;
        default: break;
        }
    }
}

/* ------------------------------------------------------------ pass B */

static bool mentions_target(const struct sview *v, size_t from)
{
    return v->last_target != LIS_NONE && v->last_target >= from;
}

static bool deal_after(const struct sview *v, size_t from)
{
    return v->last_deal != LIS_NONE && v->last_deal >= from;
}

/* A regulator: "le gouvernement Trump souhaite que ByteDance accepte
 * l'achat de T" (pressure), "Washington force ByteDance à vendre",
 * "Bruxelles bloque le rachat", "le feu vert de la Commission". */
static void do_regulator(struct sview *v, size_t i, enum lis_stance stance)
{
    struct ctx *c = v->c;
    size_t who = LIS_NONE, rt = LIS_NONE, j;
    char *name = NULL;
    bool passive = (v->t[i].flags & F_PP) && tk_is(v, i + 1, C_PREP_BY);

    if (passive) {
        rt = find_after_prep(v, i, C_PREP_BY, 2);
    } else if (tk_is(v, i + 1, C_PREP_OF) && i + 2 < v->n &&
               v->t[i + 2].kind == TK_ENT) {
        rt = i + 2;     /* "le feu vert de X" */
    } else {
        rt = find_subject(v, i, &who);
    }
    if (rt == LIS_NONE || v->t[rt].kind != TK_ENT)
        return;
    who = v->t[rt].ent;
    if (is_target(c, who) || !authority_at(v, rt, &name))
        return;
    /* the authority acts on this deal: a deal word or the target after */
    if (!(deal_after(v, i + 1) || mentions_target(v, i + 1) ||
          (stance != LIS_STANCE_PRESSURE && other_deal_term(v, i)))) {
        free(name);
        return;
    }
    if (negated(v, rt, i) && stance == LIS_STANCE_APPROVE)
        stance = LIS_STANCE_BLOCK;
    /* "l'AMF doit valider l'opération": the approval is still to come */
    else if (stance == LIS_STANCE_APPROVE &&
             class_before(v, rt, i, C_MUST, 0))
        stance = LIS_STANCE_CONDITION;
    for (j = i + 1; j < v->n; j++)
        if (tk_is(v, j, C_BAN) || tk_is(v, j, C_SELL))
            c->hints[H_FORCE]++;
    if (stance == LIS_STANCE_PRESSURE)
        c->hints[H_FORCE]++;
    add_claim(c, who, LIS_ROLE_REGULATOR, LIS_BID_NONE, stance, 3, v->sent,
              name, false);
}

/* "Microsoft n'aura pas TikTok": a failed acquisition of a known target. */
static void do_get(struct sview *v, size_t i)
{
    struct ctx *c = v->c;
    size_t who, subj, ot = i + 1;

    while (tk_is(v, ot, C_NEG2))
        ot++;
    if (tk_is(v, ot, C_DET))
        ot++;
    if (ot >= v->n || v->t[ot].kind != TK_ENT || !is_target(c, v->t[ot].ent))
        return;
    subj = find_subject(v, i, &who);
    if (subj == LIS_NONE || who == v->t[ot].ent || !buyer_type(c, who))
        return;
    if (negated(v, subj, i))
        add_claim(c, who, LIS_ROLE_BIDDER, LIS_BID_REJECTED, LIS_STANCE_NONE,
                  2, v->sent, NULL, false);
    else if (v->t[i].cls == C_GET)
        add_claim(c, who, LIS_ROLE_BIDDER, LIS_BID_CHOSEN, LIS_STANCE_NONE,
                  1, v->sent, NULL, true);
}

/* Whether pass_b has anything to read in sentence v: a word of one of
 * the classes its switch handles (keep the two in step). */
static bool needs_pass_b(const struct sview *v)
{
    size_t i;

    for (i = 0; i < v->n; i++) {
        const struct tok *t = &v->t[i];

        if (t->kind != TK_WORD)
            continue;
        switch (t->cls) {
        case C_WANT: case C_FORCE: case C_APPROVE: case C_BLOCK: case C_BAN:
        case C_GET: case C_OWNED: case C_PARTNER: case C_COMPLETE:
            return true;
        case C_AUX_HAVE:
            if (t->flags & F_GET)
                return true;
            break;
        default:
            break;
        }
    }
    return false;
}

/* Whether a mention from index mi on that starts before e (those a
 * sentence's tokenising from mi reads, and more) names a target.  A
 * sentence without one, and without a transaction, acceptance or
 * deal-ref word, gives pass_b nothing to do: every construction it reads
 * needs one of those (mentions_target, deal_after, other_deal_term, the
 * target object of do_get and do_owned), and none has an effect before
 * it has looked. */
static bool mentions_a_target(const struct ctx *c, size_t mi, size_t e)
{
    const struct lis_analysis *an = c->an;

    for (; mi < an->n_mentions && an->mentions[mi].start < e; mi++)
        if (is_target(c, an->mentions[mi].entity))
            return true;
    return false;
}

static void pass_b(struct sview *v)
{
    size_t i;

    for (i = 0; i < v->n; i++) {
        if (v->t[i].kind != TK_WORD)
            continue;
        switch (v->t[i].cls) {
        case C_WANT: case C_FORCE:
            do_regulator(v, i, LIS_STANCE_PRESSURE);
            break;
        case C_APPROVE:
            do_regulator(v, i, LIS_STANCE_APPROVE);
            break;
        case C_BLOCK:
            do_regulator(v, i, LIS_STANCE_BLOCK);
            break;
        case C_BAN:
            /* banning a deal blocks it; banning the target (the app) in
             * a country is context, except as a threat behind a sale */
            if (deal_after(v, i + 1) && !tk_is(v, i + 1, C_BID_NOUN))
                do_regulator(v, i, LIS_STANCE_BLOCK);
            else if (mentions_target(v, 0) && v->c->pressure)
                v->c->hints[H_FORCE]++;
            break;
        case C_GET:
            do_get(v, i);
            break;
        case C_OWNED:
            do_owned(v, i);
            break;
        case C_PARTNER:
            /* a partnership inside the deal, not any partnership */
            if (mentions_target(v, 0) || v->n_tx > 0)
                do_partner(v, i);
            break;
        case C_AUX_HAVE:
            if (v->t[i].flags & F_GET)
                do_get(v, i);
            break;
        case C_COMPLETE:
            if (deal_after(v, 0) && !negated(v, LIS_NONE, i))
                v->c->completed = true;
            break;
        default:
            break;
        }
    }
}

/* The tokens of sentence sent, for whoever tunes the rules (built with
 * LIS_PARTIES_DEBUG only). */
static void trace_tokens(const struct ctx *c, size_t sent)
{
#ifdef LIS_PARTIES_DEBUG
    size_t k;

    fprintf(stderr, "S%zu:", sent);
    for (k = 0; k < c->n_toks; k++) {
        const struct tok *t = &c->toks[k];

        fprintf(stderr, " %s%.*s%s%s", t->kind == TK_ENT ? "[" : "",
                (int)(t->e - t->s), c->doc->body + t->s,
                t->kind == TK_ENT ? "]" : "", t->cls ? "/" : "");
        if (t->cls)
            fprintf(stderr, "%s", class_names[t->cls]);
    }
    fprintf(stderr, "\n");
#else
    (void)c;
    (void)sent;
#endif
}

/* ------------------------------------------------------------ parties */

struct pick {
    size_t ent;
    enum lis_role role;
    enum lis_bid_status status;
    enum lis_stance stance;
    int total, best;
    size_t first_sent;
    const char *name;       /* borrowed from a claim */
    int name_score;
    size_t g0, g1;          /* its claims, sorted by cmp_claim */
};

static int panel_rank(enum lis_role r, enum lis_bid_status s)
{
    switch (r) {
    case LIS_ROLE_TARGET: return 0;
    case LIS_ROLE_SELLER: return 1;
    case LIS_ROLE_BIDDER:
        return s == LIS_BID_CHOSEN ? 2 : s == LIS_BID_PENDING ? 3 :
               s == LIS_BID_REJECTED ? 4 : 5;
    case LIS_ROLE_ACQUIRER: return 6;
    case LIS_ROLE_PARTNER: return 7;
    case LIS_ROLE_REGULATOR: return 8;
    default: return 9;
    }
}

static int cmp_pick(const void *a, const void *b)
{
    const struct pick *x = a, *y = b;
    int rx = panel_rank(x->role, x->status), ry = panel_rank(y->role, y->status);

    if (rx != ry)
        return rx < ry ? -1 : 1;
    if (x->first_sent != y->first_sent)
        return x->first_sent < y->first_sent ? -1 : 1;
    return x->ent < y->ent ? -1 : x->ent > y->ent;
}

struct ev {
    size_t sent;
    int score;
};

static int cmp_ev(const void *a, const void *b)
{
    const struct ev *x = a, *y = b;

    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->sent < y->sent ? -1 : x->sent > y->sent;
}

/* Claims grouped by entity, in sentence order within a group. */
static int cmp_claim(const void *a, const void *b)
{
    const struct claim *x = a, *y = b;

    if (x->ent != y->ent)
        return x->ent < y->ent ? -1 : 1;
    if (x->sent != y->sent)
        return x->sent < y->sent ? -1 : 1;
    return x->score > y->score ? -1 : x->score < y->score;
}

#define KEY(r, s, t) \
    (((size_t)(r) * LIS_BID_COUNT + (size_t)(s)) * LIS_STANCE_COUNT + (size_t)(t))
#define N_KEYS ((size_t)LIS_ROLE_COUNT * LIS_BID_COUNT * LIS_STANCE_COUNT)

/* Choose each entity's role from its claims: the (role, status, stance)
 * with the largest total score (then the strongest single claim); then
 * order the parties for the panel.  Claims must be sorted by cmp_claim;
 * each pick records its group [g0, g1). */
static size_t pick_roles(struct ctx *c, struct pick **out)
{
    struct lis_analysis *an = c->an;
    struct pick *picks = NULL;
    size_t n = 0, cap = 0, g0, g1, j, k;
    int total[N_KEYS], top[N_KEYS];

    for (g0 = 0; g0 < c->n_claims; g0 = g1) {
        size_t e = c->claims[g0].ent;
        struct pick best;
        bool anchored = false, outcome = false;

        for (g1 = g0; g1 < c->n_claims && c->claims[g1].ent == e; g1++) {
            const struct claim *cl = &c->claims[g1];

            if (!cl->confirm)
                anchored = true;
            /* an outcome (chosen, rejected, withdrawn) supersedes
             * "pending", only the state of a bid nobody answered yet */
            if (cl->role == LIS_ROLE_BIDDER && cl->status != LIS_BID_PENDING)
                outcome = true;
        }
        /* a claim that needs company (a turn-down outside any deal
         * sentence) does not make a party on its own */
        if (!anchored)
            continue;
        memset(total, 0, sizeof total);
        memset(top, 0, sizeof top);
        memset(&best, 0, sizeof best);
        best.total = -1;
        for (j = g0; j < g1; j++) {
            const struct claim *cl = &c->claims[j];

            if (outcome && cl->role == LIS_ROLE_BIDDER &&
                cl->status == LIS_BID_PENDING)
                continue;
            k = KEY(cl->role, cl->status, cl->stance);
            total[k] += cl->score;
            if (cl->score > top[k])
                top[k] = cl->score;
        }
        for (j = g0; j < g1; j++) {
            const struct claim *cl = &c->claims[j];

            k = KEY(cl->role, cl->status, cl->stance);
            if (total[k] == 0)
                continue;
            if (total[k] > best.total ||
                (total[k] == best.total && top[k] > best.best)) {
                best.ent = e;
                best.role = cl->role;
                best.status = cl->status;
                best.stance = cl->stance;
                best.total = total[k];
                best.best = top[k];
            }
        }
        if (best.total < 0 || (an->entities[e].type == LIS_ENT_LOC &&
                               best.role != LIS_ROLE_REGULATOR))
            continue;
        best.first_sent = c->claims[g0].sent;
        for (j = g0; j < g1; j++) {
            const struct claim *cl = &c->claims[j];

            if (cl->name && cl->role == best.role &&
                cl->score > best.name_score) {
                best.name = cl->name;
                best.name_score = cl->score;
            }
        }
        best.g0 = g0;
        best.g1 = g1;
        picks = lis_xgrow(picks, &cap, n + 1, sizeof *picks);
        picks[n++] = best;
    }
    if (n > 1)
        qsort(picks, n, sizeof *picks, cmp_pick);
    *out = picks;
    return n;
}

static void fill_party(struct ctx *c, const struct pick *pk,
                       struct lis_party *p)
{
    struct lis_analysis *an = c->an;
    struct ev *evs = NULL;
    size_t n_ev = 0, cap = 0, i;

    memset(p, 0, sizeof *p);
    p->entity = pk->ent;
    p->name = lis_xstrdup(pk->name ? pk->name : an->entities[pk->ent].name);
    p->role = pk->role;
    p->status = pk->role == LIS_ROLE_BIDDER ? pk->status : LIS_BID_NONE;
    p->stance = pk->role == LIS_ROLE_REGULATOR ? pk->stance : LIS_STANCE_NONE;
    /* claims of the group are in sentence order: one evidence per
     * sentence, scored by its best claim; the kept role's first */
    for (i = pk->g0; i < pk->g1; i++) {
        const struct claim *cl = &c->claims[i];
        int score = cl->score;

        if (cl->role == pk->role && cl->status == pk->status &&
            cl->stance == pk->stance)
            score += 100;
        if (n_ev > 0 && evs[n_ev - 1].sent == cl->sent) {
            if (score > evs[n_ev - 1].score)
                evs[n_ev - 1].score = score;
            continue;
        }
        evs = lis_xgrow(evs, &cap, n_ev + 1, sizeof *evs);
        evs[n_ev].sent = cl->sent;
        evs[n_ev].score = score;
        n_ev++;
    }
    if (n_ev > 1)
        qsort(evs, n_ev, sizeof *evs, cmp_ev);
    if (n_ev) {
        p->evidence = lis_xmalloc(n_ev * sizeof *p->evidence);
        for (i = 0; i < n_ev; i++) {
            p->evidence[i].start = an->sentences[evs[i].sent].start;
            p->evidence[i].end = an->sentences[evs[i].sent].end;
        }
        p->n_evidence = n_ev;
    }
    free(evs);
}

/* The quotes each party spoke, in one pass over the quotes. */
static void attach_quotes(struct lis_analysis *an)
{
    size_t *party_of = lis_xmalloc((an->n_entities + 1) * sizeof *party_of);
    size_t i, *fill;

    for (i = 0; i < an->n_entities; i++)
        party_of[i] = LIS_NONE;
    for (i = 0; i < an->n_parties; i++)
        party_of[an->parties[i].entity] = i;
    for (i = 0; i < an->n_quotes; i++) {
        size_t sp = an->quotes[i].speaker;

        if (sp < an->n_entities && party_of[sp] != LIS_NONE)
            an->parties[party_of[sp]].n_quotes++;
    }
    fill = lis_xcalloc(an->n_parties + 1, sizeof *fill);
    for (i = 0; i < an->n_parties; i++)
        if (an->parties[i].n_quotes)
            an->parties[i].quotes = lis_xmalloc(an->parties[i].n_quotes *
                                                sizeof(size_t));
    for (i = 0; i < an->n_quotes; i++) {
        size_t sp = an->quotes[i].speaker, pi;

        if (sp >= an->n_entities || (pi = party_of[sp]) == LIS_NONE)
            continue;
        an->parties[pi].quotes[fill[pi]++] = i;
    }
    free(fill);
    free(party_of);
}

/* ------------------------------------------------------------ summary */

static const char *tpl(const struct ctx *c, const char *key)
{
    const char *val = NULL;

    if (lis_lexicon_has(c->lex, key, strlen(key), &val) && val && *val)
        return val;
    return NULL;
}

static bool starts_vowel(const char *s)
{
    uint32_t cp;
    size_t n = strlen(s);

    lis_lex_get_cp(s, n, &cp);
    if (cp < 0x80)
        return strchr("aeiouyhAEIOUYH", (int)cp) != NULL;
    /* Latin-1 vowels with accents: À-Ý, à-ý except the consonants */
    return (cp >= 0xC0 && cp <= 0xDD && cp != 0xC7 && cp != 0xD1 &&
            cp != 0xD7) ||
           (cp >= 0xE0 && cp <= 0xFD && cp != 0xE7 && cp != 0xF1 &&
            cp != 0xF7);
}

/* Append tpl to b with {target} / {party} replaced by value; "de " in
 * front of the value is contracted the French way (des, du, d'). */
static void fill_tpl(struct lis_buf *b, const char *t, const char *value)
{
    const char *p = t;

    while (*p) {
        const char *open = strchr(p, '{'), *close;

        if (!open || !(close = strchr(open, '}'))) {
            lis_buf_adds(b, p);
            return;
        }
        lis_buf_add(b, p, (size_t)(open - p));
        if (b->len >= 3 && memcmp(b->data + b->len - 3, "de ", 3) == 0 &&
            (b->len == 3 || b->data[b->len - 4] == ' ')) {
            if (strncmp(value, "les ", 4) == 0) {
                b->len -= 1;
                lis_buf_adds(b, "s ");
                value += 4;
            } else if (strncmp(value, "le ", 3) == 0) {
                b->len -= 2;
                lis_buf_adds(b, "u ");
                value += 3;
            } else if (starts_vowel(value) ||
                       strncmp(value, "l\xe2\x80\x99", 4) == 0) {
                if (strncmp(value, "l\xe2\x80\x99", 4) != 0) {
                    b->len -= 2;
                    lis_buf_adds(b, "\xe2\x80\x99");
                }
            }
            b->data[b->len] = '\0';
        }
        lis_buf_adds(b, value);
        p = close + 1;
    }
}

/* The definite article the text puts before an authority's name ("la
 * Commission européenne"), lower-cased, so that the summary reads "bloqué
 * par la Commission européenne"; "" when there is none. */
static void authority_article(const struct ctx *c, const struct lis_party *p,
                              struct lis_buf *out)
{
    const struct lis_analysis *an = c->an;
    const struct lis_entity *e = &an->entities[p->entity];
    const char *body = c->doc->body;
    size_t k;

    if (p->role != LIS_ROLE_REGULATOR || p->n_evidence == 0 ||
        strcmp(p->name, e->name) != 0)
        return;
    for (k = 0; k < e->n_mentions; k++) {
        const struct lis_mention *m = &an->mentions[e->mentions[k]];
        size_t q = m->start, w;
        const char *val = NULL;
        unsigned fl;

        if (m->start < p->evidence[0].start || m->end > p->evidence[0].end)
            continue;
        while (q > p->evidence[0].start && body[q - 1] == ' ')
            q--;
        w = q;
        while (w > p->evidence[0].start && body[w - 1] != ' ' &&
               body[w - 1] != '\n')
            w--;
        if (q > w && q - w <= 4 &&
            lis_lexicon_has(c->lex, body + w, q - w, &val) &&
            class_of(val, &fl) == C_DET &&
            (body[w] == 'l' || body[w] == 'L')) {
            lis_buf_addc(out, 'l');
            lis_buf_add(out, body + w + 1, q - w - 1);
            if (body[q - 1] != '\'' && (unsigned char)body[q - 1] < 0x80)
                lis_buf_addc(out, ' ');
        }
        return;
    }
}

/* Names of the picks matching (role, status), joined with "et". */
static size_t join_names(const struct ctx *c, const struct lis_party *ps,
                         size_t n, enum lis_role role, int status,
                         int stance, struct lis_buf *out)
{
    const char *and_ = tpl(c, "tpl:and");
    size_t i, k = 0, total = 0;

    for (i = 0; i < n; i++)
        if (ps[i].role == role && (status < 0 || (int)ps[i].status == status) &&
            (stance < 0 || (int)ps[i].stance == stance))
            total++;
    for (i = 0; i < n; i++) {
        if (!(ps[i].role == role &&
              (status < 0 || (int)ps[i].status == status) &&
              (stance < 0 || (int)ps[i].stance == stance)))
            continue;
        if (k > 0)
            lis_buf_adds(out, k + 1 == total ? " " : ", ");
        if (k > 0 && k + 1 == total) {
            lis_buf_adds(out, and_ ? and_ : "&");
            lis_buf_adds(out, " ");
        }
        authority_article(c, &ps[i], out);
        lis_buf_adds(out, ps[i].name);
        k++;
    }
    return total;
}

static void tail_item(const struct ctx *c, const struct lis_party *ps,
                      size_t n, enum lis_role role, int status, int stance,
                      const char *key, struct lis_buf *out, bool *first)
{
    struct lis_buf names;
    size_t k;

    lis_buf_init(&names);
    k = join_names(c, ps, n, role, status, stance, &names);
    if (k > 0) {
        char plural[64];
        const char *t;

        snprintf(plural, sizeof plural, "%ss", key);
        t = tpl(c, k > 1 ? plural : key);
        if (!t)
            t = tpl(c, key);
        if (t) {
            lis_buf_adds(out, *first ? " \xe2\x80\x94 " : ", ");
            fill_tpl(out, t, names.data);
            *first = false;
        }
    }
    lis_buf_free(&names);
}

static char *build_summary(const struct ctx *c, const struct lis_party *ps,
                           size_t n, enum lis_deal_kind kind)
{
    struct lis_buf b, what;
    char key[64];
    const char *head;
    bool first = true;

    lis_buf_init(&b);
    lis_buf_init(&what);
    if (kind == LIS_DEAL_MERGER)
        join_names(c, ps, n, LIS_ROLE_PARTNER, -1, -1, &what);
    else if (!join_names(c, ps, n, LIS_ROLE_TARGET, -1, -1, &what) &&
             !join_names(c, ps, n, LIS_ROLE_SELLER, -1, -1, &what)) {
        const char *nt = tpl(c, "tpl:no-target");

        lis_buf_adds(&what, nt ? nt : "?");
    }
    snprintf(key, sizeof key, "tpl:%s", lis_deal_kind_code(kind));
    head = tpl(c, key);
    fill_tpl(&b, head ? head : "{target}", what.data ? what.data : "");
    {
        /* the buyer completes the head: "Rachat de Y par X" */
        struct lis_buf by;
        const char *t = tpl(c, "tpl:acquirer");

        lis_buf_init(&by);
        if (t && join_names(c, ps, n, LIS_ROLE_ACQUIRER, -1, -1, &by)) {
            lis_buf_addc(&b, ' ');
            fill_tpl(&b, t, by.data);
        }
        lis_buf_free(&by);
    }
    tail_item(c, ps, n, LIS_ROLE_BIDDER, LIS_BID_REJECTED, -1, "tpl:rejected",
              &b, &first);
    tail_item(c, ps, n, LIS_ROLE_BIDDER, LIS_BID_WITHDRAWN, -1,
              "tpl:withdrawn", &b, &first);
    tail_item(c, ps, n, LIS_ROLE_BIDDER, LIS_BID_PENDING, -1, "tpl:pending",
              &b, &first);
    tail_item(c, ps, n, LIS_ROLE_BIDDER, LIS_BID_CHOSEN, -1, "tpl:chosen",
              &b, &first);
    tail_item(c, ps, n, LIS_ROLE_REGULATOR, -1, LIS_STANCE_BLOCK, "tpl:block",
              &b, &first);
    tail_item(c, ps, n, LIS_ROLE_REGULATOR, -1, LIS_STANCE_APPROVE,
              "tpl:approve", &b, &first);
    tail_item(c, ps, n, LIS_ROLE_REGULATOR, -1, LIS_STANCE_CONDITION,
              "tpl:condition", &b, &first);
    lis_buf_free(&what);
    return lis_buf_steal(&b, NULL);
}

/* ------------------------------------------------------------ driver */

static void build_result(struct ctx *c)
{
    struct lis_analysis *an = c->an;
    struct pick *picks = NULL;
    size_t n, i, partners = 0;
    bool t = false, s = false, b = false, a = false, chosen = false,
         blocked = false, pressure = false, approved = false, all_out = true;
    struct lis_deal *deal;

    if (c->n_claims > 1)
        qsort(c->claims, c->n_claims, sizeof *c->claims, cmp_claim);
    n = pick_roles(c, &picks);
    for (i = 0; i < n; i++) {
        switch (picks[i].role) {
        case LIS_ROLE_TARGET: t = true; break;
        case LIS_ROLE_SELLER: s = true; break;
        case LIS_ROLE_ACQUIRER: a = true; all_out = false; break;
        case LIS_ROLE_PARTNER: partners++; break;
        case LIS_ROLE_BIDDER:
            b = true;
            if (picks[i].status == LIS_BID_CHOSEN)
                chosen = true;
            if (picks[i].status != LIS_BID_REJECTED &&
                picks[i].status != LIS_BID_WITHDRAWN)
                all_out = false;
            break;
        case LIS_ROLE_REGULATOR:
            if (picks[i].stance == LIS_STANCE_BLOCK)
                blocked = true;
            if (picks[i].stance == LIS_STANCE_PRESSURE)
                pressure = true;
            if (picks[i].stance == LIS_STANCE_APPROVE)
                approved = true;
            break;
        default: break;
        }
    }
    /* A company that answers an offer with no other target named is the
     * target itself ("Twitter a accepté l'offre d'Elon Musk"). */
    if (!t && s) {
        for (i = 0; i < n; i++)
            if (picks[i].role == LIS_ROLE_SELLER) {
                picks[i].role = LIS_ROLE_TARGET;
                t = true;
                s = false;
                break;
            }
        for (i = 0; i < n; i++)
            if (picks[i].role == LIS_ROLE_SELLER)
                s = true;
        if (n > 1)
            qsort(picks, n, sizeof *picks, cmp_pick);
    }
    /* A deal frame: something bought or sold tied to a buyer or seller. */
    if (!((t && (s || b || a)) || (s && (b || a)) ||
          (c->hints[H_MERGE] && partners >= 2))) {
        free(picks);
        return;
    }
    an->parties = lis_xcalloc(n, sizeof *an->parties);
    for (i = 0; i < n; i++)
        fill_party(c, &picks[i], &an->parties[i]);
    an->n_parties = n;
    free(picks);
    attach_quotes(an);

    deal = lis_xcalloc(1, sizeof *deal);
    if (c->hints[H_MERGE] && partners >= 2 && !t)
        deal->kind = LIS_DEAL_MERGER;
    else if (c->hints[H_BID])
        deal->kind = LIS_DEAL_BID;
    else if (pressure || c->hints[H_FORCE] > 1)
        deal->kind = LIS_DEAL_FORCED_SALE;
    else if (c->hints[H_STAKE])
        deal->kind = LIS_DEAL_STAKE;
    else if (!b && !a && s && c->hints[H_SELL])
        deal->kind = LIS_DEAL_SALE;
    else
        deal->kind = LIS_DEAL_ACQUISITION;
    if (blocked)
        deal->status = "blocked";
    else if (a && c->completed)
        deal->status = "completed";
    else if (chosen || a || approved)
        deal->status = "agreed";
    else if (b && all_out)
        deal->status = "rejected";
    else
        deal->status = "proposed";
    deal->summary = build_summary(c, an->parties, an->n_parties, deal->kind);
    an->deal = deal;
}

void lis_parties_find(const struct lis_document *doc,
                      const struct lis_lexicons *lx, struct lis_analysis *an)
{
    lis_parties_run(doc, lx, an, NULL);
}

void lis_parties_run(const struct lis_document *doc,
                     const struct lis_lexicons *lx, struct lis_analysis *an,
                     struct lis_run *run)
{
    struct ctx c;
    size_t i, mi = 0;
    bool cancelled = false;

    if (!doc || !an)
        return;
    /* a second run replaces the first one's result */
    for (i = 0; i < an->n_parties; i++) {
        free(an->parties[i].name);
        free(an->parties[i].evidence);
        free(an->parties[i].quotes);
    }
    free(an->parties);
    if (an->deal)
        free(an->deal->summary);
    free(an->deal);
    an->parties = NULL;
    an->n_parties = 0;
    an->deal = NULL;
    if (!lx || !lx->deal_terms || lis_lexicon_size(lx->deal_terms) == 0 ||
        an->n_entities == 0)
        return;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.lex = lx->deal_terms;
    c.an = an;
    c.bidders[0] = c.bidders[1] = LIS_NONE;
    c.first = lis_xcalloc(N_FILTERS * FILTER_WORDS, sizeof *c.first);
    c.any = c.first + FILTER_WORDS;
    c.single = c.any + FILTER_WORDS;
    c.pair = c.single + FILTER_WORDS;
    c.p1 = c.pair + FILTER_WORDS;
    c.tset = c.p1 + FILTER_WORDS;
    c.pset = c.tset + FILTER_WORDS;
    c.memo.mask = 255;
    c.memo.v = lis_xcalloc(c.memo.mask + 1, sizeof *c.memo.v);
    {
        size_t cap = 16;

        /* at most one value per entry; at most half full */
        while (cap < 2 * lis_lexicon_size(c.lex) + 2)
            cap *= 2;
        c.cls = lis_xcalloc(cap, sizeof *c.cls);
        c.cls_mask = cap - 1;
    }
    lis_lexicon_each(c.lex, add_entry, &c);

    /* Pass A, one sentence at a time: the sentences that hold a deal
     * term, tokenised in one scratch array (the tokens of a large text,
     * all kept, would take much fresh memory, which costs time of its
     * own), and the transactions read from them.  Pass B needs the
     * targets of every sentence: it reads again the few sentences that
     * have one of its words, tokenised a second time from the same
     * mention index.  (Progress: each pass counts the body once.) */
    for (i = 0; i < an->n_sentences && !cancelled; i++) {
        const struct lis_sentence *s = &an->sentences[i];
        size_t m0;

        if (lis_run_tick(run, s->start, 2 * doc->body_len)) {
            cancelled = true;   /* the result is discarded */
            break;
        }
        /* (deal_maybe: the entities stage saw no word a deal term
         * begins with) */
        if (s->end > doc->body_len || s->start >= s->end ||
            (run && run->deal_maybe && !run->deal_maybe[i]) ||
            !has_deal_term(&c, s->start, s->end))
            continue;
        c.n_toks = 0;
        m0 = mi;
        if (tokenize(&c, s->start, s->end, &mi)) {
            struct sview v;

            sview_init(&v, &c, i);
            pass_a(&v);
            trace_tokens(&c, i);
            if (needs_pass_b(&v)) {
                c.ds = lis_xgrow(c.ds, &c.cap_ds, c.n_ds + 1, sizeof *c.ds);
                c.ds[c.n_ds].sent = i;
                c.ds[c.n_ds].mi = m0;
                c.ds[c.n_ds].quiet = v.n_tx == 0 && v.last_deal == LIS_NONE;
                c.n_ds++;
            }
        }
    }
    c.targets = lis_xcalloc(an->n_entities, sizeof *c.targets);
    for (i = 0; i < c.n_claims; i++)
        if (c.claims[i].role == LIS_ROLE_TARGET && !c.claims[i].confirm)
            c.targets[c.claims[i].ent] = true;
    for (i = 0; i < c.n_ds && !cancelled; i++) {
        const struct lis_sentence *s = &an->sentences[c.ds[i].sent];
        struct sview v;

        if (lis_run_tick(run, doc->body_len + s->start, 2 * doc->body_len)) {
            cancelled = true;
            break;
        }
        if (c.ds[i].quiet && !mentions_a_target(&c, c.ds[i].mi, s->end))
            continue;   /* pass_b would find nothing to do (see there) */
        c.n_toks = 0;
        mi = c.ds[i].mi;
        tokenize(&c, s->start, s->end, &mi);
        sview_init(&v, &c, c.ds[i].sent);
        pass_b(&v);
    }
#ifdef LIS_PARTIES_DEBUG
    for (i = 0; i < c.n_claims; i++)
        fprintf(stderr, "claim %s %s %s %s score %d S%zu%s\n",
                an->entities[c.claims[i].ent].name,
                lis_role_code(c.claims[i].role),
                c.claims[i].status ? lis_bid_status_code(c.claims[i].status) : "-",
                c.claims[i].stance ? lis_stance_code(c.claims[i].stance) : "-",
                c.claims[i].score, c.claims[i].sent,
                c.claims[i].confirm ? " (confirm)" : "");
#endif
    if (!cancelled)
        build_result(&c);
#ifdef LIS_PARTIES_DEBUG
    for (i = 0; i < an->n_parties; i++)
        fprintf(stderr, "party %s (%s) %s %s\n", an->parties[i].name,
                an->entities[an->parties[i].entity].name,
                lis_role_code(an->parties[i].role),
                an->parties[i].status ? lis_bid_status_code(an->parties[i].status) : "-");
    if (an->deal)
        fprintf(stderr, "deal %s %s: %s\n", lis_deal_kind_code(an->deal->kind),
                an->deal->status, an->deal->summary);
#endif

    for (i = 0; i < c.n_claims; i++)
        free(c.claims[i].name);
    free(c.claims);
    free(c.targets);
    free(c.toks);
    free(c.ds);
    free(c.first);
    free(c.memo.v);
    free(c.cls);
}
