/* sentences.c -- French sentence segmentation and word count, per
 * paragraph (a sentence never crosses a line). */
#include <config.h>

#include "liseuse/analysis.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>

/* Word characters, with a fast path for ASCII and Latin letters, which is
 * nearly all of a French text. */
static inline bool word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    return lis_lex_is_word_cp(cp);
}

static inline size_t get_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    return lis_lex_get_cp(s + i, len - i, cp);
}

/* What a byte says about words, so that counting needs no decoding for
 * ASCII and the Latin letters: 0 not a word character, 1 a word character
 * (ASCII, or the lead byte of U+0100..U+024F), 2 a continuation byte,
 * 3 decode the character, 4 the lead byte of U+00C0..U+00FF. */
static const unsigned char word_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    3, 3, 3, 4, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LIS_SWAR_WORDS 1
#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGH ((uint64_t)0x8080808080808080ULL)

/* The high bit of each byte of w (eight ASCII bytes) set where the byte
 * is a letter or a digit: (b | 0x80) - c keeps its high bit iff b >= c,
 * and no byte borrows from the next. */
static inline uint64_t ascii_word_bits(uint64_t w)
{
    uint64_t x = w | HIGH;
#define GE(ch) ((x - (uint64_t)(ch) * ONES) & HIGH)

    return (GE('0') & ~GE('9' + 1)) | (GE('A') & ~GE('Z' + 1)) |
           (GE('a') & ~GE('z' + 1));
#undef GE
}
#endif

static size_t count_words(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0;
    bool in_word = false;
#ifdef LIS_SWAR_WORDS
    size_t stop = 0;        /* no eight-byte step before this */
#endif

    while (i < len) {
        unsigned char k;
        bool w;

#ifdef LIS_SWAR_WORDS
        /* eight ASCII bytes at a time: a word starts where a word byte
         * follows a non-word byte */
        if (i >= stop && len - i >= 8) {
            uint64_t v, m;

            memcpy(&v, u + i, 8);
            if (!(v & HIGH)) {
                m = ascii_word_bits(v);
                n += (size_t)__builtin_popcountll(
                    m & ~((m << 8) | (in_word ? 0x80u : 0u)));
                in_word = (m >> 63) != 0;
                i += 8;
                continue;
            }
            stop = i + 8;   /* bytes by bytes past the non-ASCII one */
        }
#endif
        k = word_class[u[i]];

        if (k <= 2) {
            /* branch-free for the common bytes: a continuation byte (2)
             * keeps the state, others set it */
            unsigned nw = k == 2 ? (unsigned)in_word : k;

            n += nw & !in_word;
            in_word = nw;
            i++;
            continue;
        }
        if (k == 4 && i + 1 < len) {
            w = u[i + 1] != 0x97 && u[i + 1] != 0xB7;   /* not × ÷ */
            i += 2;
        } else {
            uint32_t cp;

            i += get_cp(s, len, i, &cp);
            w = word_cp(cp);
        }
        if (w && !in_word)
            n++;
        in_word = w;
    }
    return n;
}

static bool is_upper_start(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return uc_is_upper(cp) || uc_is_general_category(cp, UC_TITLECASE_LETTER)
           || uc_is_digit(cp);
}

static bool is_opening(uint32_t cp)
{
    switch (cp) {
    case 0xAB: case 0x201C: case 0x201E: case 0x2039: case 0x2018:
    case '"': case '(': case '[': case 0xBF: case 0xA1:
        return true;
    default:
        return false;
    }
}

static bool is_dash(uint32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 ||
           cp == 0x2212;
}

static bool is_terminal(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
           cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049;
}

/* Does the period at s[dot] belong to an abbreviation?  *may_end is set for
 * abbreviations that also commonly close a sentence ("etc."). */
static bool abbreviation_before(const char *s, size_t start, size_t dot,
                                const struct lis_lexicons *lx, bool *may_end)
{
    size_t b = dot, letters = 0, periods = 0, upper = 0, i;
    const char *val = NULL;
    bool dotted = true;         /* letter '.' letter '.' ... */
    bool prev_letter = false;

    *may_end = false;
    /* abbreviations are short: a bounded look back keeps "a.-a.-a.-…"
     * linear */
    while (b > start && dot - b < 32) {
        size_t p = b - 1;
        uint32_t cp;

        while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        lis_lex_get_cp(s + p, dot + 1 - p, &cp);
        if (!(word_cp(cp) || cp == '.' || cp == '-'))
            break;
        b = p;
    }
    if (b == dot)
        return false;
    for (i = b; i < dot;) {
        uint32_t cp;
        size_t n = get_cp(s, dot + 1, i, &cp);

        if (cp == '.') {
            periods++;
            if (!prev_letter)
                dotted = false;
            prev_letter = false;
        } else if (word_cp(cp)) {
            if (prev_letter)
                dotted = false;
            letters++;
            if (is_upper_start(cp) && !(cp >= '0' && cp <= '9'))
                upper++;
            prev_letter = true;
        } else if (!(cp == '-' && i > b && s[i - 1] == '.')) {
            dotted = false;     /* "J.-C." stays a run of initials */
            prev_letter = false;
        }
        i += n;
    }
    if (lx && lx->abbrev &&
        lis_lexicon_has(lx->abbrev, s + b, dot + 1 - b, &val)) {
        *may_end = val && strcmp(val, "may-end") == 0;
        return true;
    }
    /* an initial ("B. Obama") or a dotted acronym ("U.S.", "S.N.C.F.") */
    if (letters == 1 && upper == 1 && periods == 0)
        return true;
    if (dotted && letters >= 1 && periods >= 1 && letters == periods + 1 &&
        upper == letters)
        return true;
    return false;
}

static void push_sentence(struct lis_analysis *an, size_t *cap, size_t start,
                          size_t end, size_t para)
{
    an->sentences = lis_xgrow(an->sentences, cap, an->n_sentences + 1,
                              sizeof *an->sentences);
    an->sentences[an->n_sentences].start = start;
    an->sentences[an->n_sentences].end = end;
    an->sentences[an->n_sentences].para = para;
    an->n_sentences++;
}

/* Skip white space forward from i; returns the new offset. */
static size_t skip_space(const char *s, size_t end, size_t i)
{
    while (i < end) {
        uint32_t cp;
        size_t n = get_cp(s, end, i, &cp);

        if (!lis_lex_is_space_cp(cp))
            break;
        i += n;
    }
    return i;
}

static size_t trim_back(const char *s, size_t start, size_t end)
{
    while (end > start) {
        size_t p = end - 1;
        uint32_t cp;

        while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        lis_lex_get_cp(s + p, end - p, &cp);
        if (!lis_lex_is_space_cp(cp))
            break;
        end = p;
    }
    return end;
}

/* Past the closing marks and brackets that follow terminal punctuation
 * ("… fin. »", "fin ! ”", "fin.)").  A “ or " counts as closing here only
 * when white space or the end follows it. */
static size_t skip_closers(const char *s, size_t end, size_t i)
{
    for (;;) {
        size_t j = skip_space(s, end, i), n;
        uint32_t cp, next = ' ';

        if (j >= end)
            return i;
        n = get_cp(s, end, j, &cp);
        if (j + n < end)
            get_cp(s, end, j + n, &next);
        if (cp == 0xBB || cp == 0x201D || cp == 0x203A || cp == ')' ||
            cp == ']') {
            i = j + n;
        } else if ((cp == 0x201C || cp == '"' || cp == 0x2019) &&
                   (j + n >= end || lis_lex_is_space_cp(next) ||
                    next == ')' || next == ']')) {
            i = j + n;
        } else {
            return i;
        }
    }
}

static void split_paragraph(const char *s, size_t ps, size_t pe, size_t para,
                            const struct lis_lexicons *lx,
                            struct lis_analysis *an, size_t *cap)
{
    size_t i, start = skip_space(s, pe, ps);

    i = start;
    while (i < pe) {
        uint32_t cp;
        size_t n, q, r, nx;
        bool is_period, may_end = false, abbrev = false;
        uint32_t ncp;
        unsigned char c = (unsigned char)s[i];

        /* only . ! ? and U+2026 … U+203C ‼ U+2047..9 can end a sentence */
        if (c != '.' && c != '!' && c != '?' && c != 0xE2) {
            /* the body is NUL-terminated and a paragraph ends at '\n' or
             * at the end of the body: strcspn's vector scan stays inside */
            i += 1 + strcspn(s + i + 1, ".!?\xE2\n");
            if (i > pe)
                i = pe;
            continue;
        }
        n = get_cp(s, pe, i, &cp);
        if (!is_terminal(cp)) {
            i += n;
            continue;
        }
        is_period = cp == '.';
        q = i + n;
        /* a run of terminal punctuation: "?!", "...", "!!" */
        while (q < pe) {
            uint32_t c2;
            size_t m = get_cp(s, pe, q, &c2);

            if (!is_terminal(c2))
                break;
            is_period = false;
            q += m;
        }
        if (is_period) {
            uint32_t after = 0;

            if (q < pe)
                get_cp(s, pe, q, &after);
            if (word_cp(after)) {       /* 3.5, fr.wikinews.org, U.S */
                i = q;
                continue;
            }
            abbrev = abbreviation_before(s, start, i, lx, &may_end);
        }
        r = skip_closers(s, pe, q);
        nx = skip_space(s, pe, r);
        if (nx >= pe)
            break;                      /* the paragraph ends the sentence */
        if (nx == r) {                  /* "fin.»," "!)." — no space, no break */
            i = r;
            continue;
        }
        get_cp(s, pe, nx, &ncp);
        if (abbrev && !(may_end && is_upper_start(ncp))) {
            i = nx;
            continue;
        }
        if (is_dash(ncp)) {
            /* a dateline "2 juillet 2012. - Le …" or a dialogue dash: the
             * dash belongs to no sentence */
            size_t d = nx + (ncp < 0x80 ? 1 : 3);

            d = skip_space(s, pe, d);
            push_sentence(an, cap, start, trim_back(s, start, r), para);
            start = d;
            i = d;
            continue;
        }
        if (!(is_upper_start(ncp) || is_opening(ncp))) {
            i = nx;
            continue;
        }
        push_sentence(an, cap, start, trim_back(s, start, r), para);
        start = nx;
        i = nx;
    }
    {
        size_t end = trim_back(s, start, pe);

        if (end > start)
            push_sentence(an, cap, start, end, para);
    }
}

void lis_sentences_split(const struct lis_document *doc,
                         const struct lis_lexicons *lx,
                         struct lis_analysis *an)
{
    size_t p, cap = 0;

    free(an->sentences);
    an->sentences = NULL;
    an->n_sentences = 0;
    an->n_words = 0;
    if (!doc || !doc->body)
        return;
    for (p = 0; p < doc->n_paras; p++) {
        size_t ps = doc->paras[p].start, pe = doc->paras[p].end;

        if (pe > doc->body_len)
            pe = doc->body_len;
        if (ps >= pe)
            continue;
        an->n_words += count_words(doc->body + ps, pe - ps);
        split_paragraph(doc->body, ps, pe, p, lx, an, &cap);
    }
}
