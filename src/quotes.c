/* quotes.c -- direct quotations: pair the marks by position and context,
 * then find who speaks from speech-verb cues and the entity mentions.
 * Runs after the sentence and entity stages. */
#include <config.h>

#include "liseuse/analysis.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>

/* How far around a quote the attribution is looked for, in bytes: keeps the
 * stage linear on pathological input (a 1 MB paragraph of marks). */
#define PRE_WINDOW 600
#define POST_WINDOW 200
/* How far back the subject of a sentence is looked for ("X …, expliquant
 * que"), and how deep quotations nest, for the same reason. */
#define SENTENCE_WINDOW 2000
#define MAX_NESTING 8

enum family { FAM_GUIL, FAM_SGUIL, FAM_CURLY };
enum role { ROLE_OPEN, ROLE_CLOSE, ROLE_EITHER };

struct mark {
    size_t pos, len;
    enum family fam;
    enum role role;
};

struct open_quote {
    size_t pos, len;            /* the opening mark */
    enum family fam;
    size_t para;
    size_t slot;                /* its place in an->quotes (see push) */
};

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define QT_SWAR 1               /* eight bytes at a time */
#endif

/* Bits of the speech-verb filter (see struct cue_filter). */
#define CUE_FILTER_BITS 15
#define CUE_FILTER_MASK ((1u << CUE_FILTER_BITS) - 1)
#define CUE_FILTER_WORDS ((1u << CUE_FILTER_BITS) / 64)

/* What a speech-verb entry can start with, as bit sets over word hashes:
 * first holds the first word of every entry, single those of the entries
 * of one word ("déclare", "d'"), pair the first two words of the others
 * ("a mis en garde", "s'est alarmé").  A word start whose first word (or
 * first two) is missing cannot begin a match, and costs no lexicon match
 * (see cue_may_start). */
struct cue_filter {
    uint64_t first[CUE_FILTER_WORDS];
    uint64_t single[CUE_FILTER_WORDS];
    uint64_t pair[CUE_FILTER_WORDS];
};

struct qstate {
    const struct lis_document *doc;
    const struct lis_lexicons *lx;
    struct lis_analysis *an;
    struct cue_filter *cues;    /* NULL without a speech-verb lexicon */
    size_t cap;
    struct mark *marks;
    size_t n_marks, marks_cap;
    struct open_quote *stack;
    size_t depth, stack_cap;
};

/* lis_lex_get_cp at s[i], with i up to len (then *cp is 0). */
static inline size_t get_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
    if (i >= len) {
        *cp = 0;
        return 0;
    }
    return lis_lex_get_cp(s + i, len - i, cp);
}

static size_t cp_before(const char *s, size_t start, size_t off,
                        uint32_t *cp)
{
    size_t p;

    if (off <= start) {
        *cp = 0;
        return off;
    }
    p = off - 1;
    if ((unsigned char)s[p] < 0x80) {
        *cp = (unsigned char)s[p];
        return p;
    }
    while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    lis_lex_get_cp(s + p, off - p, cp);
    return p;
}

/* ---------------------------------------------------------------- marks */

static bool mark_of(uint32_t cp, enum family *fam, enum role *role)
{
    switch (cp) {
    case 0xAB:   *fam = FAM_GUIL;  *role = ROLE_OPEN;   return true;
    case 0xBB:   *fam = FAM_GUIL;  *role = ROLE_CLOSE;  return true;
    case 0x2039: *fam = FAM_SGUIL; *role = ROLE_OPEN;   return true;
    case 0x203A: *fam = FAM_SGUIL; *role = ROLE_CLOSE;  return true;
    case 0x201E: *fam = FAM_CURLY; *role = ROLE_OPEN;   return true;
    case 0x201C: *fam = FAM_CURLY; *role = ROLE_EITHER; return true;
    case 0x201D: *fam = FAM_CURLY; *role = ROLE_EITHER; return true;
    case '"':    *fam = FAM_CURLY; *role = ROLE_EITHER; return true;
    default:     return false;
    }
}

/* Characters after which a mark opens: nothing, space, opening brackets,
 * dashes, slashes, and other opening marks. */
static bool opens_after(uint32_t cp)
{
    if (cp == 0 || lis_lex_is_space_cp(cp))
        return true;
    switch (cp) {
    case '(': case '[': case '{': case '-': case 0x2013: case 0x2014:
    case '/': case 0xAB: case 0x2039: case 0x201E: case ':':
        return true;
    default:
        return false;
    }
}

/* Characters before which a mark closes: nothing, space, punctuation,
 * closing brackets and marks. */
static bool closes_before(uint32_t cp)
{
    if (cp == 0 || lis_lex_is_space_cp(cp))
        return true;
    switch (cp) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')':
    case ']': case '}': case 0x2026: case 0xBB: case 0x203A: case '-':
    case 0x2013: case 0x2014: case 0x2019: case '\'':
        return true;
    default:
        return false;
    }
}

/* Collect the marks of s[ps..pe) with the role their context gives them.
 * An ambiguous glyph (“ ” ") is decided by what surrounds it, so a “ that
 * follows a word and precedes a period closes. */
static void collect_marks(struct qstate *st, size_t ps, size_t pe)
{
    const char *s = st->doc->body;
    size_t i = ps;

    st->n_marks = 0;
    while (i < pe) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp, before, after;
        enum family fam;
        enum role role;
        size_t n;

        if (c != '"' && c != 0xC2 && c != 0xE2) {
            /* NUL-terminated body, paragraphs end at '\n' or the end: the
             * vector scan stays inside the paragraph */
            i += 1 + strcspn(s + i + 1, "\"\xC2\xE2\n");
            if (i > pe)
                i = pe;
            continue;
        }
        /* the frequent non-marks (’ NBSP – …) without decoding */
        if (c == 0xC2 && (i + 1 >= pe || ((unsigned char)s[i + 1] != 0xAB &&
                                          (unsigned char)s[i + 1] != 0xBB))) {
            i += 2;
            continue;
        }
        if (c == 0xE2 && (i + 2 >= pe || (unsigned char)s[i + 1] != 0x80 ||
                          ((unsigned char)s[i + 2] != 0x9C &&
                           (unsigned char)s[i + 2] != 0x9D &&
                           (unsigned char)s[i + 2] != 0x9E &&
                           (unsigned char)s[i + 2] != 0xB9 &&
                           (unsigned char)s[i + 2] != 0xBA))) {
            i++;
            continue;
        }
        n = get_cp(s, pe, i, &cp);
        if (!mark_of(cp, &fam, &role)) {
            i += n;
            continue;
        }
        cp_before(s, ps, i, &before);
        get_cp(s, pe, i + n, &after);
        {
            bool o = opens_after(before), cl = closes_before(after);

            if (role == ROLE_EITHER || fam == FAM_CURLY) {
                if (o && !cl)
                    role = ROLE_OPEN;
                else if (cl && !o)
                    role = ROLE_CLOSE;
                else if (cp == 0x201D && role == ROLE_EITHER && !(o && !cl))
                    role = ROLE_CLOSE;  /* ambiguous: the glyph decides */
                else
                    role = ROLE_EITHER;
            }
        }
        if (st->n_marks == st->marks_cap)
            st->marks = lis_xgrow(st->marks, &st->marks_cap, st->n_marks + 1,
                                  sizeof *st->marks);
        st->marks[st->n_marks].pos = i;
        st->marks[st->n_marks].len = n;
        st->marks[st->n_marks].fam = fam;
        st->marks[st->n_marks].role = role;
        st->n_marks++;
        i += n;
    }
}

/* Past the blanks (and newlines) at s[i, end). */
static inline size_t skip_space_fwd(const char *s, size_t end, size_t i)
{
    while (i < end) {
        uint32_t cp;
        size_t n = get_cp(s, end, i, &cp);

        if (!lis_lex_is_space_cp(cp) && cp != '\n')
            break;
        i += n;
    }
    return i;
}

/* Back over the blanks (and newlines) that end s[start, end). */
static inline size_t trim_space_back(const char *s, size_t start, size_t end)
{
    while (end > start) {
        uint32_t cp;
        size_t p = cp_before(s, start, end, &cp);

        if (!lis_lex_is_space_cp(cp) && cp != '\n')
            break;
        end = p;
    }
    return end;
}

/* Past the combining marks (and joiners) at i: a mark followed by one is a
 * single grapheme, and spans stay on grapheme boundaries. */
static inline size_t skip_combining(const char *s, size_t end, size_t i)
{
    while (i < end && (unsigned char)s[i] >= 0xCC) {
        uint32_t cp;
        size_t n = get_cp(s, end, i, &cp);

        if (!(uc_is_general_category(cp, UC_CATEGORY_M) || cp == 0x200D ||
              (cp >= 0xFE00 && cp <= 0xFE0F)))
            break;
        i += n;
    }
    return i;
}

static void emit(struct qstate *st, const struct open_quote *oq,
                 size_t close_pos, size_t close_len, bool closed)
{
    const char *s = st->doc->body;
    size_t open_end = skip_combining(s, close_pos, oq->pos + oq->len);
    size_t start = skip_space_fwd(s, close_pos, open_end);
    size_t end = trim_space_back(s, start, close_pos);
    struct lis_quote *q;

    if (end <= start)
        return;                 /* "« »": no text, no quotation */
    q = &st->an->quotes[oq->slot];
    memset(q, 0, sizeof *q);
    q->start = start;
    q->end = end;
    q->outer_start = oq->pos;
    q->outer_end = closed ? skip_combining(s, st->doc->body_len,
                                           close_pos + close_len)
                          : end;
    q->closed = closed;
    q->para = oq->para;
    q->speaker = LIS_NONE;
}

/* Open a quote at mark m.  Its place in an->quotes is taken now, and left
 * empty (id LIS_NONE) unless emit fills it: the quotes opened later start
 * further on, so the array comes out in the order of outer_start without
 * sorting, though inner quotes are emitted before the outer ones. */
static void push(struct qstate *st, const struct mark *m, size_t para)
{
    struct lis_analysis *an = st->an;

    /* capacity checked here: lis_xgrow is a call, and every mark grows
     * st->marks, st->stack or an->quotes */
    if (st->depth == st->stack_cap)
        st->stack = lis_xgrow(st->stack, &st->stack_cap, st->depth + 1,
                              sizeof *st->stack);
    if (an->n_quotes == st->cap)
        an->quotes = lis_xgrow(an->quotes, &st->cap, an->n_quotes + 1,
                               sizeof *an->quotes);
    an->quotes[an->n_quotes].id = LIS_NONE;
    st->stack[st->depth].pos = m->pos;
    st->stack[st->depth].len = m->len;
    st->stack[st->depth].fam = m->fam;
    st->stack[st->depth].para = para;
    st->stack[st->depth].slot = an->n_quotes++;
    st->depth++;
}

/* Close the innermost open quote of m's family; the ones opened inside it
 * and never closed end where it ends. */
static bool close_with(struct qstate *st, const struct mark *m)
{
    size_t k = st->depth, floor;

    /* real nesting is shallow; a bounded search keeps a flood of marks of
     * one family (fuzz, garbage) from making this quadratic */
    floor = k > MAX_NESTING ? k - MAX_NESTING : 0;
    while (k > floor && st->stack[k - 1].fam != m->fam)
        k--;
    if (k == floor)
        return false;
    while (st->depth > k) {
        st->depth--;
        emit(st, &st->stack[st->depth], m->pos, 0, false);
    }
    st->depth--;
    emit(st, &st->stack[st->depth], m->pos, m->len, true);
    return true;
}

/* Does the quote of family fam, open at the end of paragraph p, go on in
 * the next non-blank paragraph?  Yes when that paragraph reopens with a
 * mark of the family (the French convention) or closes it before opening
 * another one.  *reopen gets the offset just past a reopening mark. */
static bool continues(struct qstate *st, size_t p, enum family fam,
                      size_t *next_para, size_t *reopen)
{
    const struct lis_document *doc = st->doc;
    size_t q = p + 1, i;

    *reopen = LIS_NONE;
    while (q < doc->n_paras && doc->paras[q].start == doc->paras[q].end)
        q++;
    if (q >= doc->n_paras || q > p + 2)
        return false;           /* more than one blank line: a new part */
    *next_para = q;
    collect_marks(st, doc->paras[q].start, doc->paras[q].end);
    for (i = 0; i < st->n_marks; i++) {
        const struct mark *m = &st->marks[i];

        if (m->fam != fam)
            continue;
        if (i == 0 && m->role != ROLE_CLOSE &&
            skip_space_fwd(doc->body, m->pos, doc->paras[q].start) == m->pos) {
            *reopen = m->pos;
            return true;
        }
        return m->role == ROLE_CLOSE;
    }
    return false;
}

static void pair_marks(struct qstate *st)
{
    const struct lis_document *doc = st->doc;
    size_t p, skip_mark = LIS_NONE;

    for (p = 0; p < doc->n_paras; p++) {
        size_t ps = doc->paras[p].start, pe = doc->paras[p].end, i;

        if (pe > doc->body_len)
            pe = doc->body_len;
        collect_marks(st, ps, pe);
        for (i = 0; i < st->n_marks; i++) {
            const struct mark *m = &st->marks[i];

            if (m->pos == skip_mark)
                continue;       /* reopening of a continued quotation */
            if (m->role == ROLE_OPEN) {
                push(st, m, p);
            } else if (m->role == ROLE_CLOSE) {
                close_with(st, m);
            } else if (st->depth > 0 &&
                       st->stack[st->depth - 1].fam == m->fam) {
                close_with(st, m);
            } else {
                push(st, m, p);
            }
        }
        skip_mark = LIS_NONE;
        if (st->depth > 0) {
            size_t next_para = 0, reopen;
            bool go_on = continues(st, p, st->stack[0].fam, &next_para,
                                   &reopen);
            size_t end = trim_space_back(doc->body, ps, pe), keep;

            keep = go_on ? 1 : 0;
            while (st->depth > keep) {
                st->depth--;
                emit(st, &st->stack[st->depth], end, 0, false);
            }
            if (go_on)
                skip_mark = reopen;
        }
    }
    while (st->depth > 0) {
        st->depth--;
        emit(st, &st->stack[st->depth], doc->body_len, 0, false);
    }
}

static int cmp_quote(const void *a, const void *b)
{
    const struct lis_quote *x = a, *y = b;

    if (x->outer_start != y->outer_start)
        return x->outer_start < y->outer_start ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return 0;
}

/* ---------------------------------------------------------------- words */

/* Folded word that ends at or before off, skipping spaces; into buf (at
 * most bufsize - 1 bytes).  Returns the word's start, or LIS_NONE. */
static size_t word_before(const char *s, size_t lo, size_t off, char *buf,
                          size_t bufsize)
{
    size_t e = trim_space_back(s, lo, off), b = e, o = 0, i;
    uint32_t cp;

    /* an elided article ("d'", "l'") is a word with its apostrophe */
    if (b > lo) {
        size_t p = cp_before(s, lo, b, &cp);

        if (cp == '\'' || cp == 0x2019)
            b = p;
    }
    while (b > lo) {
        size_t p = cp_before(s, lo, b, &cp);

        if (!lis_lex_is_word_cp(cp))
            break;
        b = p;
    }
    if (b == e || (e - b) + 1 > bufsize)
        return LIS_NONE;
    for (i = b; i < e;) {
        char tmp[8];
        size_t n, k, j;

        if ((unsigned char)s[i] < 0x80) {
            /* (inline: the fold of an ASCII byte is one byte) */
            if (o + 2 > bufsize)
                break;
            lis_lex_fold_cp((unsigned char)s[i++], tmp);
            buf[o++] = tmp[0];
            continue;
        }
        n = get_cp(s, e, i, &cp);
        k = lis_lex_fold_cp(cp, tmp);
        if (o + k + 1 > bufsize)
            break;
        for (j = 0; j < k; j++)
            buf[o + j] = tmp[j];
        o += k;
        i += n;
    }
    buf[o] = '\0';
    return b;
}

static bool word_in(const char *w, const char *const *list)
{
    /* the first byte rejects nearly every entry without a call */
    for (; *list; list++)
        if (w[0] == (*list)[0] && strcmp(w, *list) == 0)
            return true;
    return false;
}

/* Grammar, not vocabulary: the words that make a following noun phrase a
 * complement rather than the subject. */
static const char *const prepositions[] = {
    "de", "d'", "du", "des", "à", "au", "aux", "par", "pour", "avec", "sur",
    "chez", "contre", "entre", "vers", "envers", "sans", "dans", "en",
    "sous", "selon", "que", "qu'", "après", "avant", "malgré", "devant",
    "derrière", "auprès", "face", "lors", "dès", "depuis", "pendant",
    "parmi", "via", "comme", NULL
};
static const char *const determiners[] = {
    "le", "la", "les", "l'", "un", "une", NULL
};
static const char *const relatives[] = {
    "qui", "que", "qu'", "dont", "où", "lequel", "laquelle", "lesquels",
    "lesquelles", NULL
};
static const char *const finite_aux[] = {
    "a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient",
    "eut", "est", "sont", "était", "étaient", "sera", "seront", "serait",
    "seraient", "fut", "avons", "avez", "ai", NULL
};
static const char *const nonfinite_aux[] = {
    "avoir", "être", "ayant", "étant", NULL
};
static const char *const subject_pronouns[] = {
    "il", "elle", "ils", "elles", "on", NULL
};
/* A string and its length, for the short fixed lists below. */
struct literal {
    const char *s;
    size_t len;
};
#define QT_LIT(x) { x, sizeof x - 1 }

/* The inverted subject pronouns ("explique-t-il"); all start with '-',
 * which rejects most places without a comparison. */
static const struct literal inversions[] = {
    QT_LIT("-t-il"), QT_LIT("-t-elle"), QT_LIT("-il"), QT_LIT("-elle"),
    QT_LIT("-ils"), QT_LIT("-elles"), QT_LIT("-t-on"), QT_LIT("-on"),
};

static bool is_adverb_like(const struct lis_lexicons *lx, const char *w)
{
    size_t n = strlen(w);

    if (n > 4 && strcmp(w + n - 4, "ment") == 0)
        return true;
    return lx->stopwords && lis_lexicon_has(lx->stopwords, w, n, NULL) &&
           !word_in(w, finite_aux) && !word_in(w, prepositions);
}

/* Is the noun phrase at off a prepositional complement ("de la RTBF",
 * "du CERN")?  Looks at the word before it, across one determiner. */
static bool after_preposition(const char *s, size_t lo, size_t off)
{
    char w[32];
    size_t ws = word_before(s, lo, off, w, sizeof w);

    if (ws == LIS_NONE)
        return false;
    if (word_in(w, prepositions))
        return true;
    if (word_in(w, determiners)) {
        ws = word_before(s, lo, ws, w, sizeof w);
        return ws != LIS_NONE && word_in(w, prepositions) &&
               strcmp(w, "que") != 0 && strcmp(w, "qu'") != 0 &&
               strcmp(w, "comme") != 0;
    }
    return false;
}

/* Nouns through which an organisation or a person speaks: "selon un
 * porte-parole de Microsoft", "d'après le communiqué de Danone" name
 * Microsoft and Danone as the source.  (Not "l'avocat de X" nor
 * "l'entourage de X": those speak beside X, not as X.)  Folded; the
 * hyphen is not a word character, so "porte-parole" is read "parole". */
static const char *const voice_nouns[] = {
    "communiqué", "communiqués", "parole", "paroles", "déclaration",
    "message", "lettre", "courrier", "site", "compte", "direction",
    "service", NULL
};
static const char *const voice_determiners[] = {
    "le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur", NULL
};

/* ---------------------------------------------------------------- cues */

struct cue {
    size_t start, end;          /* the cue, auxiliary included */
    size_t verb_start;          /* the matched form */
    bool source;                /* selon / d'après / pour */
    bool source_head;           /* pour: only at the head of a clause */
    bool bare_participle;       /* "reconnue patronne": no speech */
    bool participial;           /* "…, expliquant que" */
    bool finite;
    bool inverted;              /* "explique-t-il" */
};

static bool ends_with(const char *s, size_t len, const struct literal *suffix)
{
    size_t n = suffix->len;

    return len >= n && memcmp(s + len - n, suffix->s, n) == 0;
}

/* A past participle of lemma: déclaré(e)(s) for an -er verb, réagi(e)(s)
 * for an -ir one, répondu(e)(s), admis(e), dite, écrite for the others.
 * "dit" and "écrit" are left out: as present tenses they are far more
 * common. */
static bool is_participle(const char *form, size_t fl, const char *lemma)
{
    static const struct literal er[] = {
        QT_LIT("é"), QT_LIT("ée"), QT_LIT("és"), QT_LIT("ées")
    };
    static const struct literal ir[] = {
        QT_LIT("i"), QT_LIT("ie"), QT_LIT("is"), QT_LIT("ies")
    };
    static const struct literal u[] = {
        QT_LIT("u"), QT_LIT("ue"), QT_LIT("us"), QT_LIT("ues")
    };
    static const struct literal re[] = {
        QT_LIT("is"), QT_LIT("ise"), QT_LIT("ises"), QT_LIT("ite"),
        QT_LIT("ites")
    };
    size_t k, ll = lemma ? strlen(lemma) : 0;

    if (ll < 3)
        return false;
    if (strcmp(lemma + ll - 2, "er") == 0) {
        /* the stem of the lemma, then one of the endings exactly */
        if (fl <= ll - 2 || memcmp(form, lemma, ll - 2) != 0)
            return false;
        for (k = 0; k < LIS_ARRAY_LEN(er); k++)
            if (fl - (ll - 2) == er[k].len &&
                memcmp(form + ll - 2, er[k].s, er[k].len) == 0)
                return true;
        return false;
    }
    for (k = 0; k < LIS_ARRAY_LEN(u); k++)
        if (ends_with(form, fl, &u[k]))
            return true;
    if (strcmp(lemma + ll - 2, "ir") == 0)
        for (k = 0; k < LIS_ARRAY_LEN(ir); k++)
            if (ends_with(form, fl, &ir[k]))
                return true;
    if (strcmp(lemma + ll - 2, "re") == 0)
        for (k = 0; k < LIS_ARRAY_LEN(re); k++)
            if (ends_with(form, fl, &re[k]))
                return true;
    return false;
}

/* Fill c for a speech cue at s[at..at+len) whose lexicon value is val. */
static void describe_cue(const struct qstate *st, size_t lo, size_t at,
                         size_t len, const char *val, size_t hi,
                         struct cue *c)
{
    const char *s = st->doc->body;
    static const struct literal ant = QT_LIT("ant");
    char w[32], form[64];
    size_t b, k, fl = 0, i;

    memset(c, 0, sizeof *c);
    c->start = c->verb_start = at;
    c->end = at + len;
    c->finite = true;
    if (val && val[0] == '=') {
        c->source = true;
        c->source_head = strcmp(val, "=source-head") == 0;
        return;
    }
    for (i = at; i < at + len && fl + 8 < sizeof form;) {
        uint32_t cp;
        size_t n = get_cp(s, at + len, i, &cp);

        fl += lis_lex_fold_cp(cp, form + fl);
        i += n;
    }
    form[fl] = '\0';
    if (ends_with(form, fl, &ant))
        c->participial = true;
    else if (val && strcmp(form, val) == 0)
        c->finite = false;      /* the infinitive */
    else if (!memchr(form, ' ', fl) && is_participle(form, fl, val))
        c->bare_participle = true;      /* until an auxiliary is found */
    /* auxiliary in front, across adverbs ("a déjà déclaré") or an
     * inverted pronoun ("a-t-il ajouté") */
    b = trim_space_back(s, lo, at);
    for (k = 0; k < LIS_ARRAY_LEN(inversions); k++) {
        size_t n = inversions[k].len;

        if (b >= lo + n && s[b - n] == '-' &&
            memcmp(s + b - n, inversions[k].s, n) == 0) {
            b -= n;
            c->inverted = true;
            break;
        }
    }
    for (k = 0; k < 3; k++) {
        size_t ws = word_before(s, lo, b, w, sizeof w);

        if (ws == LIS_NONE)
            break;
        if (word_in(w, finite_aux)) {
            c->start = ws;
            c->bare_participle = false;
            break;
        }
        if (word_in(w, nonfinite_aux)) {
            c->finite = false;
            c->bare_participle = false;
            break;
        }
        if (!is_adverb_like(st->lx, w))
            break;
        b = ws;
    }
    if (c->bare_participle) {
        /* a participle whose auxiliary stands further back in its clause:
         * "a de son côté dénoncé", "a condamné le crime et estimé" */
        uint32_t cp;

        for (k = 0; k < 12; k++) {
            size_t ws = word_before(s, lo, b, w, sizeof w);

            if (ws == LIS_NONE)
                break;
            if (word_in(w, finite_aux)) {
                c->bare_participle = false;
                break;
            }
            cp_before(s, lo, trim_space_back(s, lo, ws), &cp);
            if (cp == ',' || cp == ';' || cp == ':' || cp == '.' ||
                cp == '(' || cp == 0xAB || cp == 0xBB || cp == 0x201C ||
                cp == 0x201D || cp == '"')
                break;
            b = ws;
        }
    }
    /* inversion: "explique-t-il", "a-t-il ajouté" */
    for (k = 0; c->end < hi && s[c->end] == '-' &&
                k < LIS_ARRAY_LEN(inversions); k++) {
        size_t n = inversions[k].len;

        if (c->end + n <= hi && memcmp(s + c->end, inversions[k].s, n) == 0 &&
            (c->end + n >= hi || !lis_lex_is_word_cp((unsigned char)s[c->end + n]))) {
            c->inverted = true;
            break;
        }
    }
}

/* ------------------------------------------------------------ cue filter */

/* The filter's hash of a word w of len bytes: its first eight bytes and
 * its length.  Each byte counts with its 0x20 bit set: on an ASCII letter
 * that bit is the lexicon's folding to lower case, on the second byte of
 * a Latin-1 letter as well (À..Þ -> à..þ), so the text can be hashed
 * unfolded; elsewhere it only merges a few words (ß and ÿ), and words
 * that fold to one key still hash the same. */
static inline uint32_t chunk_hash(uint64_t c, size_t len)
{
    /* the length in the top byte, free in the words of up to 7 bytes; the
     * high half of one product mixes every bit of c */
    uint64_t x = (c ^ ((uint64_t)len << 56)) * 0x9E3779B97F4A7C15ULL;

    return (uint32_t)(x >> 32);
}

/* word_hash of the eight bytes w (in memory order, little-endian) when
 * the word is its first len of them, 0 < len < 8. */
static inline uint32_t word_hash8(uint64_t w, size_t len)
{
    return chunk_hash((w | 0x2020202020202020ULL) &
                      (((uint64_t)1 << (8 * len)) - 1), len);
}

/* word_hash of w[0, len) where avail >= len bytes can be read at w. */
static inline uint32_t word_hash(const char *w, size_t len, size_t avail)
{
    uint64_t c = 0;
    size_t k, n = len < 8 ? len : 8;

#ifdef QT_SWAR
    if (avail >= 8) {
        memcpy(&c, w, 8);
        if (n < 8)
            return word_hash8(c, n);
        return chunk_hash(c | 0x2020202020202020ULL, len);
    }
#endif
    (void)avail;
    for (k = 0; k < n; k++)
        c |= (uint64_t)((unsigned char)w[k] | 0x20) << (8 * k);
    return chunk_hash(c, len);
}

static inline uint32_t pair_hash(uint32_t h1, uint32_t h2)
{
    return (h1 ^ (h2 * 0x9E3779B1u)) * 16777619u;
}

static inline void bit_set(uint64_t *bits, uint32_t h)
{
    h &= CUE_FILTER_MASK;
    bits[h >> 6] |= (uint64_t)1 << (h & 63);
}

static inline bool bit_has(const uint64_t *bits, uint32_t h)
{
    h &= CUE_FILTER_MASK;
    return (bits[h >> 6] >> (h & 63)) & 1;
}

/* The first words go in with two bits each, from two parts of the hash:
 * the set that most words of the text are looked up in lets fewer of
 * them through. */
static inline void first_set(struct cue_filter *f, uint32_t h)
{
    bit_set(f->first, h);
    bit_set(f->first, h >> CUE_FILTER_BITS);
}

static inline bool first_has(const struct cue_filter *f, uint32_t h)
{
    return bit_has(f->first, h) && bit_has(f->first, h >> CUE_FILTER_BITS);
}

/* Length of the run of word characters at the start of the folded key
 * key[0, klen), and its word_hash into *h. */
static size_t key_word(const char *key, size_t klen, uint32_t *h)
{
    size_t n = 0;

    while (n < klen) {
        uint32_t cp;
        size_t m = get_cp(key, klen, n, &cp);

        if (!lis_lex_is_word_cp(cp))
            break;
        n += m;
    }
    *h = word_hash(key, n, klen);
    return n;
}

/* lis_lexicon_each callback: one speech-verb entry into the filter ctx. */
static void add_cue_entry(void *ctx, const char *key, size_t klen,
                          const char *value)
{
    struct cue_filter *f = ctx;
    uint32_t h1, h2;
    size_t n = key_word(key, klen, &h1);

    (void)value;
    if (n == 0)
        return;     /* no word first: never matches at a word start */
    first_set(f, h1);
    while (n < klen) {
        uint32_t cp;
        size_t m = get_cp(key, klen, n, &cp);

        if (lis_lex_is_word_cp(cp))
            break;
        n += m;
    }
    if (n >= klen) {
        bit_set(f->single, h1);
    } else {
        key_word(key + n, klen - n, &h2);
        bit_set(f->pair, pair_hash(h1, h2));
    }
}

#ifdef QT_SWAR
/* How many of the eight bytes of w, from the first, are ASCII letters:
 * with its 0x20 bit set and its high bit cleared, a letter is a byte in
 * a..z, and adding 0x1F (0x05) sets the high bit of a byte >= 'a' (> 'z')
 * without a carry into the next byte. */
static inline unsigned letter_run8(uint64_t w)
{
    uint64_t y = (w | 0x2020202020202020ULL) & 0x7F7F7F7F7F7F7F7FULL;
    uint64_t in = (y + 0x1F1F1F1F1F1F1F1FULL) &
                  ~(y + 0x0505050505050505ULL) & ~w &
                  0x8080808080808080ULL;
    uint64_t out = ~in & 0x8080808080808080ULL;

    return out ? (unsigned)__builtin_ctzll(out) >> 3 : 8;
}
#endif

/* The end of the word at s[i, hi) into *end: the first character that is
 * not a word character.  Only ASCII and the Latin-1 letters are known
 * here (see word_hash; the lexicon folds them so that they stay word
 * characters); at any other word character it returns false, and the
 * caller must ask the lexicon itself. */
static inline bool text_word_end(const char *s, size_t i, size_t hi,
                                 size_t *end)
{
    for (;;) {
        unsigned char t;

#ifdef QT_SWAR
        while (hi - i >= 8) {
            uint64_t v;
            unsigned n;

            memcpy(&v, s + i, 8);
            n = letter_run8(v);
            i += n;
            if (n < 8)
                break;
        }
#endif
        while (i < hi && lis_lex_word_fold[(unsigned char)s[i]])
            i++;
        if (i + 1 >= hi || (unsigned char)s[i] != 0xC3)
            break;
        t = (unsigned char)s[i + 1];
        if ((t & 0xC0) != 0x80 || t == 0x97 || t == 0xB7)
            break;              /* not a letter: × ÷ or no continuation */
        i += 2;
    }
    *end = i;
    if (i < hi && (unsigned char)s[i] >= 0x80) {
        uint32_t cp;

        get_cp(s, hi, i, &cp);
        if (lis_lex_is_word_cp(cp))
            return false;
    }
    return true;
}

/* Past the characters between two words of a phrase at s[i, hi) (blanks,
 * apostrophes, hyphens) into *end.  Returns false at a character whose
 * folding is not known here to stay a non-word one. */
static bool skip_separator(const char *s, size_t i, size_t hi, size_t *end)
{
    while (i < hi) {
        unsigned char b = (unsigned char)s[i];

        if (b < 0x80) {
            if (lis_lex_word_fold[b])
                break;
            i++;
        } else {
            uint32_t cp;
            size_t n = get_cp(s, hi, i, &cp);

            if (lis_lex_is_word_cp(cp))
                break;
            /* Latin-1 symbols and general punctuation fold to themselves,
             * ' or a space */
            if (cp >= 0x100 && !lis_lex_is_space_cp(cp) &&
                !(cp >= 0x2000 && cp <= 0x206F))
                return false;
            i += n;
        }
    }
    *end = i;
    return true;
}

/* May a speech-verb entry match at the word start s[i] (window end hi)?
 * A match folds the text into a key of the lexicon, and ends where a
 * word does, so the text's first word is the key's first word, and for a
 * key of several words its second word too.  False only when no entry
 * can match; *end is then the end of the word at i. */
static bool cue_may_start(const struct cue_filter *f, const char *s, size_t i,
                          size_t hi, size_t *end)
{
    uint32_t h1 = 0, h = 0;
    size_t at = i, e;
    int word;

    /* the first word, then the second for the entries of several words:
     * one loop, so that text_word_end is inlined once */
    for (word = 0; word < 2; word++) {
        if (!text_word_end(s, at, hi, &e))
            return true;
        h = word_hash(s + at, e - at, hi - at);
        if (word == 1)
            break;
        *end = e;
        h1 = h;
        if (!first_has(f, h1))
            return false;
        if (bit_has(f->single, h1))
            return true;
        if (!skip_separator(s, e, hi, &at))
            return true;
        if (at >= hi)
            return false;
    }
    return bit_has(f->pair, pair_hash(h1, h));
}

/* Past the blanks and punctuation at s[i, hi), and past the common words
 * that no speech-verb entry starts with (ASCII and Latin-1 letters then a
 * blank or a punctuation mark, found and hashed with eight-byte loads):
 * returns the first offset that find_cues must look at itself, or hi.
 * *prev_word is whether the character before i is a word character,
 * before and after; *words counts the words passed.  A loop of its own,
 * that most words of the text never leave. */
static inline size_t skip_plain(const struct cue_filter *f, const char *s,
                                size_t i, size_t hi, bool *prev_word,
                                size_t *words)
{
    while (i < hi) {
        unsigned char b = (unsigned char)s[i];
#ifdef QT_SWAR
        size_t e = i;
        unsigned k;
#endif

        if (b < 0x80 && !lis_lex_word_fold[b]) {
            *prev_word = false;
            i++;
            continue;
        }
#ifdef QT_SWAR
        if (*prev_word || hi - i < 8)
            break;
        for (;;) {
            uint64_t v;

            memcpy(&v, s + e, 8);
            k = letter_run8(v);
            e += k;
            if (k < 8) {
                unsigned char t;

                if ((unsigned char)s[e] != 0xC3 || e + 1 >= hi)
                    break;
                t = (unsigned char)s[e + 1];
                if ((t & 0xC0) != 0x80 || t == 0x97 || t == 0xB7)
                    break;
                e += 2;
            }
            if (hi - e < 8)
                return i;       /* too near the end: the general path */
        }
        b = (unsigned char)s[e];
        if (e == i || b >= 0x80 || lis_lex_word_fold[b] ||
            first_has(f, word_hash(s + i, e - i, hi - i)))
            break;
        i = e + 1;              /* the word and the byte after it */
        ++*words;
#else
        (void)f;
        (void)words;
        break;
#endif
    }
    return i;
}

/* The speech cues in [lo, hi), in text order: the last max of them, or
 * with first_only the first one.  The caller bounds the window, and may
 * bound the cues to the first max_words word starts in it. */
static size_t find_cues(const struct qstate *st, size_t lo, size_t hi,
                        struct cue *out, size_t max, bool first_only,
                        size_t max_words)
{
    const char *s = st->doc->body;
    size_t i = lo, n = 0, words = 0;
    bool prev_word = false;

    if (!st->cues)
        return 0;
    if (lo > 0) {
        uint32_t cp;

        cp_before(s, 0, lo, &cp);
        prev_word = lis_lex_is_word_cp(cp);
    }
    while (i < hi) {
        uint32_t cp;
        size_t len, m;
        bool w;
        const char *val = NULL;

        i = skip_plain(st->cues, s, i, hi, &prev_word, &words);
        if (i >= hi)
            break;
        len = get_cp(s, hi, i, &cp);
        w = lis_lex_is_word_cp(cp);
        if (w && !prev_word) {
            size_t end;

            if (words++ >= max_words)
                break;
            if (!cue_may_start(st->cues, s, i, hi, &end)) {
                /* nothing to match inside the word either */
                i = end;
                prev_word = true;
                continue;
            }
            m = lis_lexicon_match(st->lx->speech_verbs, s + i, hi - i, &val);
            if (m > 0) {
                struct cue c;

                describe_cue(st, lo, i, m, val, hi, &c);
                if (c.bare_participle) {
                    i += m;
                    prev_word = true;
                    continue;
                }
                if (n < max) {
                    out[n++] = c;
                } else {
                    memmove(out, out + 1, (max - 1) * sizeof *out);
                    out[max - 1] = c;
                }
                if (first_only && n == max)
                    return n;   /* the later cues would not be kept */
                i += m;
                prev_word = true;
                continue;
            }
        }
        prev_word = w;
        i += len;
    }
    return n;
}

/* ---------------------------------------------------------------- mentions */

/* Index of the first mention whose start is >= off. */
static size_t mention_from(const struct lis_analysis *an, size_t off)
{
    size_t lo = 0, hi = an->n_mentions;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (an->mentions[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A mention that can be a subject: not a prepositional complement, not
 * inside a relative clause closed by a comma before the verb. */
static bool subject_like(const struct qstate *st, size_t lo,
                         const struct lis_mention *m, size_t verb)
{
    const char *s = st->doc->body;
    size_t i, comma = LIS_NONE;

    if (after_preposition(s, lo, m->start))
        return false;
    /* the last comma before the mention; a relative pronoun after it and
     * another comma before the verb make the mention part of the clause */
    for (i = m->start; i > lo; i--) {
        if (s[i - 1] == ',' || s[i - 1] == '(') {
            comma = i;
            break;
        }
    }
    if (comma != LIS_NONE) {
        size_t j, k = skip_space_fwd(s, m->start, comma), e = k;
        char rel[16];
        size_t o = 0;

        while (e < m->start && o + 8 < sizeof rel) {
            uint32_t cp;
            size_t n = get_cp(s, m->start, e, &cp);

            if (!lis_lex_is_word_cp(cp) && cp != '\'' && cp != 0x2019)
                break;
            o += lis_lex_fold_cp(cp, rel + o);
            e += n;
            if (cp == '\'' || cp == 0x2019)
                break;
        }
        rel[o] = '\0';
        if (word_in(rel, relatives)) {
            for (j = m->end; j < verb; j++)
                if (s[j] == ',' || s[j] == ')')
                    return false;
        }
    }
    return true;
}

/* Is off inside a quotation's marks?  Words quoted are not the
 * narrator's subject. */
static bool in_quote(const struct lis_analysis *an, size_t off)
{
    return lis_quote_at(an, off) != LIS_NONE;
}

/* Speaker entity of the nearest subject-like mention before verb, not
 * before lo.  Returns LIS_NONE when there is none. */
static size_t subject_before(const struct qstate *st, size_t lo, size_t verb,
                             bool first)
{
    const struct lis_analysis *an = st->an;
    size_t a = mention_from(an, lo), b = mention_from(an, verb), i;

    if (first) {
        for (i = a; i < b; i++) {
            const struct lis_mention *m = &an->mentions[i];

            if (m->end <= verb && !in_quote(an, m->start) &&
                subject_like(st, lo, m, verb))
                return m->entity;
        }
        return LIS_NONE;
    }
    for (i = b; i > a; i--) {
        const struct lis_mention *m = &an->mentions[i - 1];

        if (m->end > verb || in_quote(an, m->start))
            continue;
        if (subject_like(st, lo, m, verb))
            return m->entity;
    }
    return LIS_NONE;
}

/* First mention starting in [from, to): its entity, or LIS_NONE. */
static size_t mention_after(const struct qstate *st, size_t from, size_t to,
                            size_t max_gap)
{
    const struct lis_analysis *an = st->an;
    size_t i = mention_from(an, from);
    const char *s = st->doc->body;

    for (; i < an->n_mentions && an->mentions[i].start < to; i++) {
        const struct lis_mention *m = &an->mentions[i];

        if (m->start - from > max_gap)
            break;
        if (after_preposition(s, from, m->start))
            continue;
        return m->entity;
    }
    return LIS_NONE;
}

/* The entity a source cue names through a voice noun: from..to reads
 * "[le|un|son…] communiqué|porte-parole… de|du|d' X" with X a mention
 * within max_gap bytes of from; LIS_NONE otherwise. */
static size_t voice_after(const struct qstate *st, size_t from, size_t to,
                          size_t max_gap)
{
    const struct lis_analysis *an = st->an;
    const char *s = st->doc->body;
    size_t i = mention_from(an, from), ws;
    char w[32];

    if (i >= an->n_mentions || an->mentions[i].start >= to ||
        an->mentions[i].start - from > max_gap)
        return LIS_NONE;
    /* "de X": the preposition right before the first mention */
    ws = word_before(s, from, an->mentions[i].start, w, sizeof w);
    if (ws == LIS_NONE || (strcmp(w, "de") != 0 && strcmp(w, "d'") != 0 &&
                           strcmp(w, "du") != 0))
        return LIS_NONE;
    /* the voice noun before it, then at most a determiner up to from */
    ws = word_before(s, from, ws, w, sizeof w);
    if (ws == LIS_NONE || !word_in(w, voice_nouns))
        return LIS_NONE;
    if (ws > from && s[ws - 1] == '-') {    /* "porte-parole" */
        ws = word_before(s, from, ws - 1, w, sizeof w);
        if (ws == LIS_NONE || strcmp(w, "porte") != 0)
            return LIS_NONE;
    }
    if (skip_space_fwd(s, ws, from) < ws) {
        ws = word_before(s, from, ws, w, sizeof w);
        if (ws == LIS_NONE || !word_in(w, voice_determiners) ||
            skip_space_fwd(s, ws, from) != ws)
            return LIS_NONE;
    }
    return an->mentions[i].entity;
}

/* ---------------------------------------------------------------- speakers */

/* How many sentences start at or before off, knowing that the first from
 * of them do: a galloping search from there, as the quotations come in
 * the order of the text. */
static size_t sentences_upto(const struct lis_analysis *an, size_t off,
                             size_t from)
{
    size_t lo = from, hi, step = 1;

    /* sentences[0, lo) start at or before off; find a hi that does not */
    for (;;) {
        hi = lo + step - 1;
        if (hi >= an->n_sentences) {
            hi = an->n_sentences;
            break;
        }
        if (an->sentences[hi].start > off)
            break;
        lo = hi + 1;
        step *= 2;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (an->sentences[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the last of the first n sentences, or LIS_NONE. */
static size_t last_of(size_t n)
{
    return n == 0 ? LIS_NONE : n - 1;
}

/* Speaker of a cue before the quote. */
static size_t speaker_of_pre_cue(const struct qstate *st, size_t lo,
                                 size_t sent_start, const struct cue *c,
                                 size_t quote)
{
    const char *s = st->doc->body;
    size_t who;

    if (c->source) {
        /* "selon X, « … »", "pour X, « … »", "selon le président du CERN,
         * Michel Spiro, « … »": the noun phrase after the word */
        size_t i, comma = LIS_NONE;

        for (i = c->end; i < quote && i < c->end + 120; i++)
            if (s[i] == ',') {
                comma = i;
                break;
            }
        if (comma == LIS_NONE && c->source_head)
            return LIS_NONE;    /* "pour" needs its comma: "Pour X, …" */
        who = mention_after(st, c->end, quote, 60);
        return who != LIS_NONE ? who : voice_after(st, c->end, quote, 60);
    }
    if (c->inverted)
        return mention_after(st, c->end, quote, 12);
    {
        /* "comme le rappelle HRW, « … »": the subject follows */
        char w[32];
        size_t ws = word_before(s, lo, c->start, w, sizeof w);

        if (ws != LIS_NONE && (strcmp(w, "le") == 0 || strcmp(w, "l'") == 0))
            ws = word_before(s, lo, ws, w, sizeof w);
        if (ws != LIS_NONE && strcmp(w, "comme") == 0)
            return mention_after(st, c->end, quote, 40);
    }
    if (c->participial)
        return subject_before(st, sent_start, c->start, true);
    {
        /* "elle considère que …": the subject is that pronoun; when the
         * entity stage did not resolve it, nobody further back is */
        char w[32];
        size_t ws = word_before(s, lo, c->start, w, sizeof w);

        if (ws != LIS_NONE && word_in(w, subject_pronouns)) {
            size_t j = mention_from(st->an, ws);

            if (j < st->an->n_mentions && st->an->mentions[j].start == ws)
                return st->an->mentions[j].entity;
            return LIS_NONE;
        }
    }
    who = subject_before(st, lo, c->start, false);
    if (who == LIS_NONE) {
        /* "déclare X : « … »": X right after the verb, not "que X" */
        char w[32];
        size_t k = skip_space_fwd(s, quote, c->end), e = k, o = 0;

        while (e < quote && o + 8 < sizeof w) {
            uint32_t cp;
            size_t n = get_cp(s, quote, e, &cp);

            if (!lis_lex_is_word_cp(cp) && cp != '\'' && cp != 0x2019)
                break;
            o += lis_lex_fold_cp(cp, w + o);
            e += n;
            if (cp == '\'' || cp == 0x2019)
                break;
        }
        w[o] = '\0';
        if (!word_in(w, prepositions) && !word_in(w, relatives))
            who = mention_after(st, c->end, quote, 16);
    }
    return who;
}

/* "pour" only cues a source at the head of a clause ("Pour X, …"), never
 * inside one ("pour permettre"). */
static bool source_at_clause_head(const struct qstate *st, size_t lo,
                                  const struct cue *c)
{
    const char *s = st->doc->body;
    size_t b = trim_space_back(s, lo, c->start);
    uint32_t cp;

    if (b <= lo)
        return true;
    cp_before(s, lo, b, &cp);
    return cp == ',' || cp == ':' || cp == ';' || cp == '(' || cp == '-' ||
           cp == 0x2013 || cp == 0x2014;
}

/* "a-t-il ajouté": an inverted pronoun between j and the verb. */
static bool inverted_before(const char *s, size_t j, size_t verb)
{
    size_t i, k;

    for (i = j; i < verb; i++) {
        if (s[i] != '-')
            continue;
        for (k = 0; k < LIS_ARRAY_LEN(inversions); k++)
            if (strncmp(s + i, inversions[k].s, inversions[k].len) == 0)
                return true;
    }
    return false;
}

/* The subject pronoun of an inverted cue ("explique-t-il") that the entity
 * stage left unresolved stands, as in the text's own discourse, for the
 * speaker of the quotation just before it, when that one is at most one
 * sentence away. */
static size_t pronoun_fallback(const struct lis_analysis *an, size_t prev,
                               size_t ps, size_t sent)
{
    if (sent == LIS_NONE || ps == LIS_NONE || sent > ps + 1)
        return LIS_NONE;
    return an->quotes[prev].speaker;
}

/* A cue right after quotation q, before hi: "« … », a déclaré X",
 * "“…”, explique-t-il", "« … » a-t-il précisé", "« … », selon X".  Fills
 * *c and *who (the speaker or LIS_NONE) and returns true when there is one.
 * prev is the quotation before (or LIS_NONE), in sentence prev_sent; q is
 * in sentence sent. */
static bool post_cue(const struct qstate *st, const struct lis_quote *q,
                     size_t hi, size_t prev, size_t prev_sent, size_t sent,
                     struct cue *c, size_t *who)
{
    const char *s = st->doc->body;
    size_t j = q->outer_end;

    while (j < hi && (s[j] == ',' || s[j] == ' '))
        j++;
    j = skip_space_fwd(s, hi, j);
    if (j >= hi)
        return false;
    /* Without a '-' there is no inversion, and the cue must start at j:
     * its verb, behind at most an auxiliary and two adverbs joined by
     * blanks (describe_cue), is then at one of the first four word
     * starts, and the scan can stop at the fifth. */
    if (find_cues(st, j, hi, c, 1, true,
                  memchr(s + j, '-', hi - j) ? SIZE_MAX : 4) != 1)
        return false;
    /* only an inversion may stand between the quotation and its verb
     * ("a-t-il ajouté"): "» et a menacé" is another clause */
    if (skip_space_fwd(s, c->start, j) != c->start &&
        !inverted_before(s, j, c->start))
        return false;
    /* "» évoquant des « … »" speaks of what follows; "» pour X" is "for" */
    if (c->participial || !c->finite || c->source_head)
        return false;
    /* "a-t-il ajouté": the pronoun before the verb, else the subject after
     * it ("a déclaré Jean Dupont") */
    *who = c->source ? LIS_NONE : mention_after(st, j, c->verb_start, 40);
    if (*who == LIS_NONE)
        *who = mention_after(st, c->end, hi, c->source ? 12 : 40);
    if (*who == LIS_NONE && c->source)
        *who = voice_after(st, c->end, hi, 40);
    if (*who == LIS_NONE && prev != LIS_NONE &&
        (c->inverted || inverted_before(s, j, c->start)))
        *who = pronoun_fallback(st->an, prev, prev_sent, sent);
    return true;
}

static void find_speakers(struct qstate *st)
{
    struct lis_analysis *an = st->an;
    const char *s = st->doc->body;
    size_t k, prev = LIS_NONE, *encl = NULL, n_encl = 0, encl_cap = 0;
    size_t closed_encl = 0, upto = 0, prev_sent = LIS_NONE;

    for (k = 0; k < an->n_quotes; k++) {
        struct lis_quote *q = &an->quotes[k];
        size_t sent, lo, hi, sent_start;
        size_t n, i, who = LIS_NONE;
        struct cue cues[8], *best = NULL, post;
        bool have_post = false;

        /* outer_start grows with k */
        upto = sentences_upto(an, q->outer_start, upto);
        sent = last_of(upto);

        /* the quotations that enclose this one (pairing nests them) */
        while (n_encl > 0 && an->quotes[encl[n_encl - 1]].outer_end <=
                                 q->outer_start) {
            n_encl--;
            closed_encl -= an->quotes[encl[n_encl]].closed;
        }
        if (n_encl == encl_cap)
            encl = lis_xgrow(encl, &encl_cap, n_encl + 1, sizeof *encl);
        encl[n_encl++] = k;
        if (closed_encl > 0) {
            closed_encl += q->closed;
            continue;           /* a phrase quoted inside a quotation */
        }
        closed_encl += q->closed;
        sent_start = sent == LIS_NONE ? 0 : an->sentences[sent].start;
        if (sent_start > q->outer_start)
            sent_start = q->outer_start;
        if (q->outer_start - sent_start > SENTENCE_WINDOW) {
            sent_start = q->outer_start - SENTENCE_WINDOW;
            while (((unsigned char)s[sent_start] & 0xC0) == 0x80)
                sent_start++;
        }
        lo = sent_start;
        if (prev != LIS_NONE && an->quotes[prev].outer_end > lo &&
            an->quotes[prev].outer_end <= q->outer_start)
            lo = an->quotes[prev].outer_end;
        /* a sentence that only introduces the quote: "X a déclaré :" */
        if (skip_space_fwd(s, q->outer_start, lo) == q->outer_start &&
            sent != LIS_NONE && sent > 0 &&
            (prev == LIS_NONE || an->quotes[prev].outer_end <=
                                 an->sentences[sent - 1].start)) {
            const struct lis_sentence *ps = &an->sentences[sent - 1];
            uint32_t cp;

            cp_before(s, ps->start, ps->end, &cp);
            if (cp == ':') {
                lo = ps->start;
                sent_start = ps->start;
            }
        }
        if (q->outer_start - lo > PRE_WINDOW)
            lo = q->outer_start - PRE_WINDOW;
        while (lo < q->outer_start && ((unsigned char)s[lo] & 0xC0) == 0x80)
            lo++;

        /* after the quote: "« … », a déclaré X", "“…”, explique-t-il" */
        hi = q->outer_end + POST_WINDOW;
        if (sent != LIS_NONE) {
            size_t es = last_of(sentences_upto(an, q->outer_end - 1, upto));

            if (es != LIS_NONE && an->sentences[es].end >= q->outer_end)
                hi = an->sentences[es].end < hi ? an->sentences[es].end : hi;
            else
                hi = q->outer_end;
        }
        if (k + 1 < an->n_quotes && an->quotes[k + 1].outer_start < hi)
            hi = an->quotes[k + 1].outer_start;
        if (hi > st->doc->body_len)
            hi = st->doc->body_len;
        if (q->closed && hi > q->outer_end)
            have_post = post_cue(st, q, hi, prev, prev_sent, sent, &post,
                                 &who);

        if (!have_post) {
            n = find_cues(st, lo, q->outer_start, cues, LIS_ARRAY_LEN(cues),
                          false, SIZE_MAX);
            for (i = n; i > 0; i--) {
                struct cue *c = &cues[i - 1];

                if (c->source_head && !source_at_clause_head(st, lo, c))
                    continue;
                if (!c->finite && !best) {
                    best = c;   /* remember, but prefer a finite verb */
                    continue;
                }
                if (c->finite) {
                    best = c;
                    break;
                }
            }
            if (best)
                who = speaker_of_pre_cue(st, lo, sent_start, best,
                                         q->outer_start);
        }
        if (have_post) {
            q->has_cue = true;
            q->cue.start = post.start;
            q->cue.end = post.end;
        } else if (best) {
            q->has_cue = true;
            q->cue.start = best->start;
            q->cue.end = best->end;
        } else if (prev != LIS_NONE) {
            /* a quotation that goes on from the previous one: same
             * sentence, or the next one without a new cue */
            size_t ps = prev_sent;
            bool near = ps == sent || (sent != LIS_NONE && ps != LIS_NONE &&
                                       sent == ps + 1);

            if (near && (an->quotes[prev].para == q->para ||
                         skip_space_fwd(s, q->outer_start,
                                        st->doc->paras[q->para].start) ==
                             q->outer_start))
                who = an->quotes[prev].speaker;
        }
        q->speaker = who;
        prev = k;
        prev_sent = sent;
    }
    free(encl);
}

void lis_quotes_find(const struct lis_document *doc,
                     const struct lis_lexicons *lx, struct lis_analysis *an)
{
    struct qstate st;
    size_t k, n;

    free(an->quotes);
    an->quotes = NULL;
    an->n_quotes = 0;
    if (!doc || !doc->body || doc->body_len == 0)
        return;
    memset(&st, 0, sizeof st);
    st.doc = doc;
    st.lx = lx;
    st.an = an;
    if (lx && lx->speech_verbs) {
        st.cues = lis_xcalloc(1, sizeof *st.cues);
        lis_lexicon_each(lx->speech_verbs, add_cue_entry, st.cues);
    }
    pair_marks(&st);
    /* drop the places of the quotes that emit left out ("« »") */
    for (k = n = 0; k < an->n_quotes; k++)
        if (an->quotes[k].id != LIS_NONE)
            an->quotes[n++] = an->quotes[k];
    an->n_quotes = n;
    /* in order by construction (see push); the sort is only a safeguard */
    for (k = 1; k < an->n_quotes; k++)
        if (cmp_quote(&an->quotes[k - 1], &an->quotes[k]) >= 0) {
            qsort(an->quotes, an->n_quotes, sizeof *an->quotes, cmp_quote);
            break;
        }
    for (k = 0; k < an->n_quotes; k++)
        an->quotes[k].id = k;
    find_speakers(&st);
    free(st.marks);
    free(st.stack);
    free(st.cues);
}
