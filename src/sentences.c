/* sentences.c -- French sentence segmentation and word count, per
 * paragraph (a sentence never crosses a line). */
#include <config.h>

#include "liseuse/analysis.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>

/* The code point at s[i] (i < len) and its length in bytes. */
static inline size_t get_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
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

/* The high bit of each byte of v set where the byte is an ASCII letter or
 * digit.  v must have no high bit set (the caller clears them and masks
 * the bytes that had one): then b + (0x80 - c) keeps its high bit iff
 * b >= c and never carries into the next byte, one addition per bound.
 * Letters are tested once, lower-cased by | 0x20, which sends no other
 * byte into 'a'..'z' (it maps '@' to '`' and '['..'_' to '{'..0x7F). */
static inline uint64_t ascii_word_bits(uint64_t v)
{
    uint64_t lower = v | 0x20 * ONES;
    uint64_t letter = (lower + (0x80 - 'a') * ONES) &
                      ~(lower + (0x80 - 'z' - 1) * ONES);
    uint64_t digit = (v + (0x80 - '0') * ONES) & ~(v + (0x80 - '9' - 1) * ONES);

    return (letter | digit) & HIGH;
}

/* The number of bytes of x with their high bit set (x has no other bits):
 * the multiplication adds the bytes of x >> 7 into its top byte. */
static inline unsigned count_high(uint64_t x)
{
    return (unsigned)(((x >> 7) * ONES) >> 56);
}

/* The sum of the eight bytes of x: pairs of them added into 16-bit lanes
 * first, as the sum may not fit in a byte. */
static inline size_t sum_bytes(uint64_t x)
{
    const uint64_t even = 0x00FF00FF00FF00FFULL;

    x = (x & even) + ((x >> 8) & even);
    return (size_t)((x * 0x0001000100010001ULL) >> 48);
}

/* Word bits for eight bytes v (read at a character boundary of
 * count_words) that hold the non-ASCII bytes hi: *m comes with the word
 * bits of the ASCII bytes, and gets those of the two-byte forms C3 80..
 * C3 BF (U+00C0..U+00FF, nearly every accented letter of French) on both
 * of their bytes, so that the second one starts no word, as count_words'
 * byte loop decodes it.  Returns how many bytes those bits describe: up
 * to the first other non-ASCII byte (0 when it comes first). */
static inline unsigned pair_span(uint64_t v, uint64_t hi, uint64_t *m)
{
    uint64_t lead = hi & (v << 1);                      /* 11xxxxxx */
    uint64_t cont = hi & ~(v << 1);                     /* 10xxxxxx */
    /* bit 7 of each byte set where its low six bits are not those of
     * C3 (000011), where its low five are not those of × ÷ (C3 97 and
     * C3 B7: 10111); the bytes are masked below 0x40, so adding 0x7F
     * carries into bit 7 exactly when they are not zero, never further */
    uint64_t not_c3 = ((v ^ 0xC3 * ONES) & 0x3F * ONES) + 0x7F * ONES;
    uint64_t not_sign = ((v ^ 0x17 * ONES) & 0x1F * ONES) + 0x7F * ONES;
    uint64_t pair = lead & ~not_c3 & (cont >> 8);       /* C3 10xxxxxx */
    uint64_t letter = pair & (not_sign >> 8);
    uint64_t bad = hi & ~(pair | (pair << 8));

    *m = (*m & ~hi) | letter | (letter << 8);
    return bad ? (unsigned)__builtin_ctzll(bad) >> 3 : 8;
}

/* The word starts among the first k (1..8) bytes of a chunk whose word
 * bits are m, after a byte whose word bit is *carry (0x80 or 0); *carry
 * gets the word bit of the last of them. */
static inline unsigned starts_in(uint64_t m, unsigned k, uint64_t *carry)
{
    unsigned n;

    if (k < 8)
        m &= ((uint64_t)1 << (8 * k)) - 1;
    n = count_high(m & ~((m << 8) | *carry));
    *carry = (m >> (8 * k - 8)) & 0x80;
    return n;
}
#endif

/* One character of count_words the slow way, at s[*i]: advances *i and
 * *in_word; returns 1 when a word starts there. */
static inline unsigned count_char(const char *s, size_t len, size_t *i,
                                  bool *in_word)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char k = word_class[u[*i]];
    bool w, was = *in_word;

    if (k <= 2) {
        /* a continuation byte (2) keeps the state, others set it */
        w = k == 2 ? was : k != 0;
        (*i)++;
    } else if (k == 4 && *i + 1 < len) {
        w = u[*i + 1] != 0x97 && u[*i + 1] != 0xB7;   /* not × ÷ */
        *i += 2;
    } else {
        uint32_t cp;

        *i += get_cp(s, len, *i, &cp);
        w = lis_lex_is_word_cp(cp);
    }
    *in_word = w;
    return w && !was;
}

/* The words of s[0..len): runs of word characters (word_cp), where a
 * continuation byte that no lead byte took keeps the current state. */
static size_t count_words(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    uint64_t c = 0;             /* 0x80 inside a word */
    bool w;

#ifdef LIS_SWAR_WORDS
    const unsigned char *u = (const unsigned char *)s;
    /* acc sums the word starts of the chunks since held per byte lane,
     * which must not pass 255: runs of 127 chunks at most, added up once
     * more than 127 chunks' bytes went by */
    uint64_t acc = 0;
    size_t held = 0;

    /* eight bytes at a time where pair_span takes them all: a word starts
     * where a word byte follows a non-word byte */
    while (len - i >= 8) {
        size_t last = len - 8 - i > 126 * 8 ? i + 126 * 8 : len - 8;
        uint64_t v, m = 0, hi;
        unsigned k = 8;

        for (; i <= last; i += 8) {
            memcpy(&v, u + i, 8);
            hi = v & HIGH;
            if (!hi) {
                m = ascii_word_bits(v);
            } else {
                /* (the high bytes get garbage, which pair_span masks) */
                m = ascii_word_bits(v & ~HIGH);
                k = pair_span(v, hi, &m);
                if (k == 7 && u[i + 7] == 0xC3 && i + 8 < len &&
                    u[i + 8] != 0x97 && u[i + 8] != 0xB7) {
                    /* an accented letter across the end of the chunk
                     * (one in eight of them), read as count_char reads
                     * it: the lead is a word byte, the byte after it
                     * is passed over */
                    m |= (uint64_t)0x80 << 56;
                    acc += (m & ~((m << 8) | c)) >> 7;
                    c = 0x80;
                    k = 8;
                    i++;
                    continue;
                }
                if (k < 8)
                    break;
            }
            acc += (m & ~((m << 8) | c)) >> 7;
            c = m >> 56;
        }
        if (i - held > 127 * 8) {
            n += sum_bytes(acc);
            acc = 0;
            held = i;
        }
        if (k < 8) {
            /* the bytes before one pair_span cannot take, then that
             * character the slow way */
            if (k > 0) {
                n += starts_in(m, k, &c);
                i += k;
            }
            w = c != 0;
            n += count_char(s, len, &i, &w);
            c = w ? 0x80 : 0;
        }
    }
    n += sum_bytes(acc);
#endif
    w = c != 0;
    while (i < len)
        n += count_char(s, len, &i, &w);
    return n;
}

/* A capital or a digit, outside ASCII. */
static bool upper_start_other(uint32_t cp)
{
    return uc_is_upper(cp) || uc_is_general_category(cp, UC_TITLECASE_LETTER)
           || uc_is_digit(cp);
}

/* A capital or a digit: what may open a sentence. */
static inline bool is_upper_start(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return upper_start_other(cp);
}

/* The character that ends at off (> start): its offset, and in *cp the
 * code point decoded there within s[..lim).  A continuation byte steps
 * back to its lead, but not before start. */
static inline size_t cp_before(const char *s, size_t start, size_t off,
                               size_t lim, uint32_t *cp)
{
    size_t p = off - 1;

    if ((unsigned char)s[p] < 0x80) {
        *cp = (unsigned char)s[p];
        return p;
    }
    while (p > start && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    lis_lex_get_cp(s + p, lim - p, cp);
    return p;
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

/* A Bloom filter of the abbreviation lexicon's folded keys, one bit per
 * key, built for each split with lis_lexicon_each.  abbreviation_before
 * folds a candidate of ASCII and Latin-1 letters itself, byte for byte as
 * matching does, and a clear bit says it is no entry: most words before
 * a period are rejected without the lexicon's folding and hashing.  Keys
 * are hashed from their last byte back, the order in which
 * abbreviation_before meets a candidate's. */
#define ABBREV_FILTER_LOG 11
struct abbrev_filter {
    uint64_t bits[((size_t)1 << ABBREV_FILTER_LOG) / 64];
    /* the two bytes before the final period of each key (six low bits
     * of each), for the test of abbrev_tail_may */
    uint64_t tails[64];
};

#define ABBREV_HASH_INIT 2166136261u

/* FNV-1a, one byte. */
static inline uint32_t abbrev_hash(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}

/* The filter bit of hash h: the top bits of FNV mix best. */
static inline uint32_t abbrev_bit(uint32_t h)
{
    return h >> (32 - ABBREV_FILTER_LOG);
}

static inline bool abbrev_filter_has(const struct abbrev_filter *f,
                                     uint32_t h)
{
    uint32_t k = abbrev_bit(h);

    return (f->bits[k / 64] >> (k % 64)) & 1;
}

/* The tails bit of the folded bytes a, b that end a key before its
 * period. */
static inline unsigned abbrev_tail_bit(unsigned char a, unsigned char b)
{
    return (unsigned)(a & 63) << 6 | (b & 63);
}

/* lis_lexicon_each callback: sets the bits of one folded key. */
static void abbrev_filter_add(void *ctx, const char *key, size_t klen,
                              const char *value)
{
    struct abbrev_filter *f = ctx;
    uint32_t h = ABBREV_HASH_INIT, k;
    size_t i;

    (void)value;
    for (i = klen; i > 0; i--)
        h = abbrev_hash(h, (unsigned char)key[i - 1]);
    k = abbrev_bit(h);
    f->bits[k / 64] |= (uint64_t)1 << (k % 64);
    if (klen >= 3 && key[klen - 1] == '.') {
        k = abbrev_tail_bit((unsigned char)key[klen - 3],
                            (unsigned char)key[klen - 2]);
        f->tails[k / 64] |= (uint64_t)1 << (k % 64);
    }
}

/* What a split keeps across paragraphs. */
struct splitter {
    const struct lis_lexicons *lx;
    struct lis_analysis *an;
    size_t cap;                 /* of an->sentences */
    size_t reserve;             /* its first size: the expected count */
    struct abbrev_filter filter;        /* of lx->abbrev, when there */
};

/* Is s[b..dot] (dot its period) in the abbreviation lexicon?  h is its
 * folded hash when hashed; *may_end as for abbreviation_before. */
static inline bool listed_abbreviation(const char *s, size_t b,
                                       size_t dot, bool hashed, uint32_t h,
                                       const struct splitter *sp,
                                       bool *may_end)
{
    const struct lis_lexicons *lx = sp->lx;
    const char *val = NULL;

    if (!lx || !lx->abbrev || (hashed && !abbrev_filter_has(&sp->filter, h)))
        return false;
    if (!lis_lexicon_has(lx->abbrev, s + b, dot + 1 - b, &val))
        return false;
    *may_end = val && strcmp(val, "may-end") == 0;
    return true;
}

/* Does the period at s[dot] belong to an abbreviation?  *may_end is set for
 * abbreviations that also commonly close a sentence ("etc."). */
static bool abbreviation_before(const char *s, size_t start, size_t dot,
                                const struct splitter *sp, bool *may_end)
{
    size_t b = dot, letters = 0, periods = 0, upper = 0, i;
    size_t lo = dot - start > 32 ? dot - 32 : start;
    bool dotted = true;         /* letter '.' letter '.' ... */
    bool prev_letter = false;
    bool simple = true;         /* s[b..dot] is ASCII and à..ÿ, À..Þ */
    uint32_t h = abbrev_hash(ABBREV_HASH_INIT, '.');   /* its folded hash */

    *may_end = false;
    /* Most periods follow a word that ends with two letters, ASCII or an
     * ASCII one then one of C3 80..C3 BF (no × ÷): neither an initial nor
     * a dotted acronym, so only the lexicon can tell, and the key would
     * end with those two bytes folded, before its period.  When no key
     * does, the look back below has nothing to find. */
    if (dot - start >= 2) {
        unsigned char c1 = (unsigned char)s[dot - 1];
        unsigned char c2 = (unsigned char)s[dot - 2];
        unsigned char a = 0, z = 0;

        if (c1 < 0x80 && word_class[c1] && c2 < 0x80 && word_class[c2]) {
            a = c2 | 0x20;
            z = c1 | 0x20;
        } else if (c2 == 0xC3 && c1 >= 0x80 && c1 < 0xC0 &&
                   (c1 | 0x20) != 0xB7 && dot - start >= 3 &&
                   (unsigned char)s[dot - 3] < 0x80 &&
                   word_class[(unsigned char)s[dot - 3]]) {
            a = 0xC3;
            z = (unsigned char)(c1 <= 0x9E ? c1 + 0x20 : c1);
        }
        if (a) {
            unsigned k = abbrev_tail_bit(a, z);

            if (!((sp->filter.tails[k / 64] >> (k % 64)) & 1))
                return false;
        }
    }
    /* abbreviations are short: a bounded look back keeps "a.-a.-a.-…"
     * linear (lo: 32 bytes at most, not before start).  On the way, ASCII
     * and the pairs C3 xx of U+00C0..U+00FF are folded as matching folds
     * them (lower case: | 0x20 for an ASCII letter or digit, C3 80..C3 9E,
     * À..Þ, to C3 A0..C3 BE), hashed for the filter and counted, to skip
     * the rules below when they cannot hold. */
    while (b > lo) {
        unsigned char c = (unsigned char)s[b - 1];
        uint32_t cp;
        size_t p;

        if (c < 0x80 && word_class[c]) {        /* a letter or digit */
            letters++;
            h = abbrev_hash(h, c | 0x20);
            b--;
            continue;
        }
        if (c == '.' || c == '-') {
            periods += c == '.';
            h = abbrev_hash(h, c);
            b--;
            continue;
        }
        if (c < 0x80)
            break;
        if (c < 0xC0 && b - 1 > start && (unsigned char)s[b - 2] == 0xC3 &&
            (c | 0x20) != 0xB7) {       /* a letter, not × ÷ */
            letters++;
            h = abbrev_hash(h, (unsigned char)(c <= 0x9E ? c + 0x20 : c));
            h = abbrev_hash(h, 0xC3);
            b -= 2;
            continue;
        }
        p = cp_before(s, start, b, dot + 1, &cp);
        if (!(lis_lex_is_word_cp(cp) || cp == '.' || cp == '-'))
            break;
        simple = false;
        b = p;
    }
    if (b == dot)
        return false;
    /* two letters or digits and no inner period: neither an initial nor
     * a dotted acronym, only the lexicon can tell */
    if (simple && letters >= 2 && periods == 0)
        return listed_abbreviation(s, b, dot, true, h, sp, may_end);
    letters = periods = 0;
    for (i = b; i < dot;) {
        uint32_t cp;
        size_t n = get_cp(s, dot + 1, i, &cp);

        if (cp == '.') {
            periods++;
            if (!prev_letter)
                dotted = false;
            prev_letter = false;
        } else if (lis_lex_is_word_cp(cp)) {
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
    if (listed_abbreviation(s, b, dot, simple, h, sp, may_end))
        return true;
    /* an initial ("B. Obama") or a dotted acronym ("U.S.", "S.N.C.F.") */
    if (letters == 1 && upper == 1 && periods == 0)
        return true;
    if (dotted && letters >= 1 && periods >= 1 && letters == periods + 1 &&
        upper == letters)
        return true;
    return false;
}

/* Append a sentence.  The first one reserves the expected count at once:
 * doubling from a few would copy the array and touch fresh pages about
 * twice its final size. */
static inline void push_sentence(struct splitter *sp, size_t start,
                                 size_t end, size_t para)
{
    struct lis_analysis *an = sp->an;
    struct lis_sentence *st;

    if (an->n_sentences == sp->cap) {
        if (sp->cap == 0) {
            an->sentences = lis_xmalloc(sp->reserve * sizeof *an->sentences);
            sp->cap = sp->reserve;
        } else {
            an->sentences = lis_xgrow(an->sentences, &sp->cap,
                                      an->n_sentences + 1,
                                      sizeof *an->sentences);
        }
    }
    st = &an->sentences[an->n_sentences++];
    st->start = start;
    st->end = end;
    st->para = para;
}

/* Skip white space forward from i; returns the new offset. */
static inline size_t skip_space(const char *s, size_t end, size_t i)
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

/* end moved back over the white space that ends s[start..end). */
static inline size_t trim_back(const char *s, size_t start, size_t end)
{
    while (end > start) {
        uint32_t cp;
        size_t p = cp_before(s, start, end, end, &cp);

        if (!lis_lex_is_space_cp(cp))
            break;
        end = p;
    }
    return end;
}

/* Past the closing marks and brackets that follow terminal punctuation
 * ("… fin. »", "fin ! ”", "fin.)").  A “ or " counts as closing here only
 * when white space or the end follows it.  *next gets the first offset
 * past the white space after the returned one (end when none), and
 * *next_cp its character when it is before end. */
static size_t skip_closers(const char *s, size_t end, size_t i, size_t *next,
                           uint32_t *next_cp)
{
    for (;;) {
        size_t j = skip_space(s, end, i), n;
        uint32_t cp, next2 = ' ';

        *next = j;
        if (j >= end)
            return i;
        n = get_cp(s, end, j, &cp);
        *next_cp = cp;
        if (j + n < end)
            get_cp(s, end, j + n, &next2);
        if (cp == 0xBB || cp == 0x201D || cp == 0x203A || cp == ')' ||
            cp == ']') {
            i = j + n;
        } else if ((cp == 0x201C || cp == '"' || cp == 0x2019) &&
                   (j + n >= end || lis_lex_is_space_cp(next2) ||
                    next2 == ')' || next2 == ']')) {
            i = j + n;
        } else {
            return i;
        }
    }
}

static void split_paragraph(const char *s, size_t ps, size_t pe, size_t para,
                            struct splitter *sp)
{
    size_t i, start = skip_space(s, pe, ps);

    i = start;
    while (i < pe) {
        uint32_t cp, after = 0, ncp = 0;
        size_t n, q, r, nx;
        bool is_period, opens, dash, may_end = false;
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
        /* a run of terminal punctuation: "?!", "...", "!!"; after is the
         * character that follows it (0 at the end) */
        while (q < pe) {
            size_t m = get_cp(s, pe, q, &after);

            if (!is_terminal(after))
                break;
            is_period = false;
            q += m;
            after = 0;
        }
        if (is_period && lis_lex_is_word_cp(after)) {  /* 3.5, fr.wikinews.org, U.S */
            i = q;
            continue;
        }
        r = skip_closers(s, pe, q, &nx, &ncp);
        if (nx >= pe)
            break;                      /* the paragraph ends the sentence */
        if (nx == r) {                  /* "fin.»," "!)." — no space, no break */
            i = r;
            continue;
        }
        /* only a capital, an opening mark or a dash starts a sentence;
         * the costlier abbreviation test waits for one */
        opens = is_upper_start(ncp) || is_opening(ncp);
        dash = !opens && is_dash(ncp);
        if (!opens && !dash) {
            i = nx;
            continue;
        }
        if (is_period && abbreviation_before(s, start, i, sp, &may_end) &&
            !(may_end && is_upper_start(ncp))) {
            i = nx;
            continue;
        }
        if (dash) {
            /* a dateline "2 juillet 2012. - Le …" or a dialogue dash: the
             * dash belongs to no sentence */
            size_t d = nx + (ncp < 0x80 ? 1 : 3);

            d = skip_space(s, pe, d);
            push_sentence(sp, start, trim_back(s, start, r), para);
            start = d;
            i = d;
            continue;
        }
        push_sentence(sp, start, trim_back(s, start, r), para);
        start = nx;
        i = nx;
    }
    {
        size_t end = trim_back(s, start, pe);

        if (end > start)
            push_sentence(sp, start, end, para);
    }
}

void lis_sentences_split(const struct lis_document *doc,
                         const struct lis_lexicons *lx,
                         struct lis_analysis *an)
{
    struct splitter sp;
    size_t p;

    free(an->sentences);
    an->sentences = NULL;
    an->n_sentences = 0;
    an->n_words = 0;
    if (!doc || !doc->body)
        return;
    memset(&sp, 0, sizeof sp);
    sp.lx = lx;
    sp.an = an;
    /* French prose averages some 135 bytes a sentence */
    sp.reserve = doc->body_len / 128 + 16;
    if (lx && lx->abbrev)
        lis_lexicon_each(lx->abbrev, abbrev_filter_add, &sp.filter);
    for (p = 0; p < doc->n_paras; p++) {
        size_t ps = doc->paras[p].start, pe = doc->paras[p].end;

        if (pe > doc->body_len)
            pe = doc->body_len;
        if (ps >= pe)
            continue;
        an->n_words += count_words(doc->body + ps, pe - ps);
        split_paragraph(doc->body, ps, pe, p, &sp);
    }
}
