/* lexicon.c -- phrase sets loaded from data files, matched case-insensitively
 * with longest match at a text position. */
#include <config.h>

#include "liseuse/lexicon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Keys longer than this (folded bytes) are not stored: no French phrase
 * worth matching is that long, and it bounds the stack buffer of a match. */
#define LEX_MAX_KEY 256

/* Word scans eight bytes at a time.  A chunk holds bytes in memory order,
 * the first in its low byte, whatever the machine's byte order, so that
 * counting trailing zero bits finds the first byte with a property. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/* The n (4 or 8) bytes at u as a little-endian number: in memory
 * order. */
static inline uint64_t le_bytes(const unsigned char *u, size_t n)
{
    uint64_t w = 0;
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&w, u, n);
#else
    size_t i;

    for (i = 0; i < n; i++)
        w |= (uint64_t)u[i] << (8 * i);
#endif
    return w;
}

/* The n bytes at s (n <= 8), in memory order, zero bytes after them.  At
 * most avail >= n bytes at s are read: with avail >= 8 it is one load and
 * a mask; a range shorter than 8 bytes takes two overlapping 4-byte
 * loads, or three bytes, and never reads past its end. */
static inline uint64_t load8(const char *s, size_t n, size_t avail)
{
    const unsigned char *u = (const unsigned char *)s;

    if (avail >= 8) {
        uint64_t w = le_bytes(u, 8);

        return n >= 8 ? w : w & ((UINT64_C(1) << (8 * n)) - 1);
    }
    if (n >= 4)
        return le_bytes(u, 4) | le_bytes(u + n - 4, 4) << (8 * (n - 4));
    if (n == 0)
        return 0;
    return (uint64_t)u[0] | (uint64_t)u[n >> 1] << (8 * (n >> 1)) |
           (uint64_t)u[n - 1] << (8 * (n - 1));
}

/* 0x80 in each byte of chunk lo, all of whose bytes are ASCII, that lies
 * in [a, b]; 0 in the others.  Each test adds to a 7-bit value, so no
 * carry crosses a byte. */
static inline uint64_t range8(uint64_t lo, unsigned char a, unsigned char b)
{
    return (lo + (0x80 - a) * ONES) & ~(lo + (0x7F - b) * ONES) & HIGH;
}

/* 0x80 in each byte of chunk w that is an ASCII letter or digit (the
 * bytes lis_lex_word_fold maps to non-zero), 0 in the others. */
static inline uint64_t word8(uint64_t w)
{
    uint64_t lo = w & ~HIGH;

    /* | 0x20 puts A-Z onto a-z */
    return (range8(lo | 0x20 * ONES, 'a', 'z') |
            range8(lo, '0', '9')) & ~w;
}

/* 0x80 in each byte of chunk w that equals b, 0 in the others (exact: no
 * carry crosses a byte). */
static inline uint64_t eq8(uint64_t w, unsigned char b)
{
    uint64_t x = w ^ (b * ONES);

    return ~(((x & ~HIGH) + ~HIGH) | x) & HIGH;
}

/* As word8, and also 0x80 in both bytes of each two-byte Latin-1 letter
 * (latin1_letter) that lies whole in w: the word bytes of most French
 * text.  *fold gets w with those bytes folded (0x20 more on A-Z and on the
 * second byte of À..Þ); the other bytes as they are. */
static inline uint64_t word8_latin1(uint64_t w, uint64_t *fold)
{
    uint64_t word = word8(w), cont, lead;

    if (!(w & HIGH)) {
        *fold = w | 0x20 * ONES;
        return word;
    }
    /* continuation bytes 80..BF (bit 6 clear) but 97 and B7 (× and ÷),
     * right after a C3 */
    cont = w & ~(w << 1) & HIGH & ~eq8(w & ~(0x20 * ONES), 0x97);
    lead = eq8(w, 0xC3) & (cont >> 8);
    cont = lead << 8;
    /* ß (C3 9F) has no capital to fold */
    *fold = w | ((word | (cont & ~eq8(w, 0x9F))) >> 2);
    return word | lead | cont;
}

/* Index (0..7) of the first byte of mask, which is not 0, whose 0x80 bit
 * is set. */
static inline unsigned first_byte(uint64_t mask)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(mask) >> 3;
#else
    unsigned n = 0;

    while (!(mask & 0x80)) {
        mask >>= 8;
        n++;
    }
    return n;
#endif
}

/* Bytes before the first byte that mask (0x80 per byte, as word8 gives
 * it) leaves clear (0..8). */
static inline unsigned run8(uint64_t mask)
{
    uint64_t stop = ~mask & HIGH;

    return stop ? first_byte(stop) : 8;
}

/* The first n (0..8) bytes of w, zero after them. */
static inline uint64_t first8(uint64_t w, unsigned n)
{
    return n >= 8 ? w : w & ((UINT64_C(1) << (8 * n)) - 1);
}

/* Whether s[0..len) starts with a Latin-1 letter in its two-byte form
 * (C3 xx: U+00C0..U+00FF but the signs U+00D7 and U+00F7), which most
 * non-ASCII letters of French text are; *f gets the second byte of its
 * fold (the first stays C3), as lis_lex_fold_cp folds it. */
static inline bool latin1_letter(const char *s, size_t len, unsigned char *f)
{
    unsigned char b;

    if (len < 2 || (unsigned char)s[0] != 0xC3)
        return false;
    b = (unsigned char)s[1];
    if (b < 0x80 || b > 0xBF || b == 0x97 || b == 0xB7)
        return false;
    *f = b <= 0x9E ? (unsigned char)(b + 0x20) : b;     /* À..Þ -> à..þ */
    return true;
}

/* A 64-bit hash of a byte string fed eight bytes at a time: h starts at
 * HASH_INIT and takes every whole chunk, then the last partial chunk
 * (zero-padded) if any.  The high bits depend on every input bit: take
 * indexes from them.  hash_byte and hash_chunk feed it a byte or a part
 * of a chunk at a time, with the same result. */
#define HASH_INIT UINT64_C(0x9E3779B97F4A7C15)

static inline uint64_t hash_step(uint64_t h, uint64_t chunk)
{
    return (h ^ chunk) * UINT64_C(0xD6E8FEB86659FD93);
}

struct chunk_hash {
    uint64_t h;         /* over the whole chunks so far */
    uint64_t acc;       /* the partial chunk */
    unsigned sh;        /* its length in bits */
};

static inline void hash_init(struct chunk_hash *hs)
{
    hs->h = HASH_INIT;
    hs->acc = 0;
    hs->sh = 0;
}

static inline void hash_byte(struct chunk_hash *hs, unsigned char b)
{
    hs->acc |= (uint64_t)b << hs->sh;
    hs->sh += 8;
    if (hs->sh == 64) {
        hs->h = hash_step(hs->h, hs->acc);
        hs->acc = 0;
        hs->sh = 0;
    }
}

/* Feed the first n (0..8) bytes of chunk w, which is zero after them. */
static inline void hash_chunk(struct chunk_hash *hs, uint64_t w, unsigned n)
{
    unsigned tot = hs->sh + 8 * n;

    hs->acc |= w << hs->sh;
    if (tot >= 64) {
        hs->h = hash_step(hs->h, hs->acc);
        hs->acc = hs->sh ? w >> (64 - hs->sh) : 0;
        tot -= 64;
    }
    hs->sh = tot;
}

/* The hash of the bytes fed so far (hs is not changed). */
static inline uint64_t hash_value(const struct chunk_hash *hs)
{
    return hs->sh ? hash_step(hs->h, hs->acc) : hs->h;
}

enum {
    SLOT_ENTRY = 1,     /* a phrase of the lexicon */
    SLOT_PREFIX = 2     /* a proper prefix of a longer phrase, ending where
                           a word may end: lets a match stop early */
};

struct lex_slot {
    uint32_t hash;
    uint32_t key;       /* offset of the folded key in pool; 0 = empty */
    uint32_t klen;
    uint32_t val;       /* offset of the value in pool; 0 = "" */
    uint32_t flags;
};

struct lis_lexicon {
    struct lex_slot *slots;
    size_t cap;         /* power of two */
    size_t used;
    size_t n_entries;
    size_t max_key;     /* longest folded key, bytes */
    struct lis_buf pool;
    /* One bit per hash value modulo 32768, set for every key and prefix: a
     * 4 KB filter that stays in L1 and answers most misses (the common case
     * when every word of a text is tried) without touching the slots. */
    uint64_t filter[512];
};

static inline void filter_set(struct lis_lexicon *lx, uint32_t h)
{
    lx->filter[(h >> 6) & 511] |= (uint64_t)1 << (h & 63);
}

static inline bool filter_has(const struct lis_lexicon *lx, uint32_t h)
{
    return (lx->filter[(h >> 6) & 511] >> (h & 63)) & 1;
}

const unsigned char lis_lex_word_fold[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
#define LEX_LETTER(u, l) [u] = l, [l] = l,
    LEX_LETTER('A', 'a') LEX_LETTER('B', 'b') LEX_LETTER('C', 'c')
    LEX_LETTER('D', 'd') LEX_LETTER('E', 'e') LEX_LETTER('F', 'f')
    LEX_LETTER('G', 'g') LEX_LETTER('H', 'h') LEX_LETTER('I', 'i')
    LEX_LETTER('J', 'j') LEX_LETTER('K', 'k') LEX_LETTER('L', 'l')
    LEX_LETTER('M', 'm') LEX_LETTER('N', 'n') LEX_LETTER('O', 'o')
    LEX_LETTER('P', 'p') LEX_LETTER('Q', 'q') LEX_LETTER('R', 'r')
    LEX_LETTER('S', 's') LEX_LETTER('T', 't') LEX_LETTER('U', 'u')
    LEX_LETTER('V', 'v') LEX_LETTER('W', 'w') LEX_LETTER('X', 'x')
    LEX_LETTER('Y', 'y') LEX_LETTER('Z', 'z')
#undef LEX_LETTER
};

static inline bool is_word(uint32_t cp)
{
    if (cp < 0x80)
        return lis_lex_word_fold[cp] != 0;
    /* Latin-1 and Latin Extended: nearly every letter of a French text */
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 ||
               cp == 0xB3 || cp == 0xB9 || cp == 0xBC || cp == 0xBD ||
               cp == 0xBE;
    if (cp >= 0x2000 && cp <= 0x206F)
        return false;           /* general punctuation: quotes, dashes */
    return uc_is_alnum(cp) || uc_is_general_category(cp, UC_CATEGORY_M);
}

static inline bool is_space(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

static inline size_t fold_cp(uint32_t cp, char out[8])
{
    int n;

    if (cp < 0x80) {
        out[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
        if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
            cp == '\v')
            out[0] = ' ';
        return 1;
    }
    if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) {
        if (cp <= 0xDE)
            cp += 0x20;         /* À..Þ -> à..þ */
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
        out[0] = '\'';
        return 1;
    }
    if (is_space(cp)) {
        out[0] = ' ';
        return 1;
    }
    n = u8_uctomb((uint8_t *)out, uc_tolower(cp), 8);
    return n > 0 ? (size_t)n : 0;
}

static inline size_t get_cp(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    ucs4_t uc;
    int n;

    if (len == 0) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    /* the common two- and three-byte forms without a library call */
    if (u[0] >= 0xC2 && u[0] < 0xE0 && len >= 2 && (u[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (u[0] >= 0xE0 && u[0] < 0xF0 && len >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        uint32_t c = ((uint32_t)(u[0] & 0x0F) << 12) |
                     ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);

        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
            *cp = c;
            return 3;
        }
    }
    n = u8_mbtouc(&uc, (const uint8_t *)s, len);
    *cp = uc;
    return n > 0 ? (size_t)n : 1;
}

/* The out-of-line halves of lexicon.h's inline helpers: the whole rule,
 * for the cases they do not answer themselves. */
bool lis_lex_is_word_cp_rest(uint32_t cp)
{
    return is_word(cp);
}

bool lis_lex_is_space_cp_rest(uint32_t cp)
{
    return is_space(cp);
}

size_t lis_lex_fold_cp_rest(uint32_t cp, char out[8])
{
    return fold_cp(cp, out);
}

size_t lis_lex_get_cp_rest(const char *s, size_t len, uint32_t *cp)
{
    return get_cp(s, len, cp);
}

/* The slots and the filter take the high half of the chunk hash of
 * lexicon.h, whose high bits are the well-mixed ones. */
static inline uint32_t hash32(uint64_t h)
{
    return (uint32_t)(h >> 32);
}

/* Store chunk w (memory order, as load8 gives it) at p[0..8). */
static inline void store8(char *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &w, sizeof w);
#else
    size_t i;

    for (i = 0; i < 8; i++)
        p[i] = (char)(w >> (8 * i));
#endif
}

struct lis_lexicon *lis_lexicon_new(void)
{
    struct lis_lexicon *lx = lis_xcalloc(1, sizeof *lx);

    lx->cap = 64;
    lx->slots = lis_xcalloc(lx->cap, sizeof *lx->slots);
    lis_buf_init(&lx->pool);
    /* offset 0 is the empty string: empty values and the "no key" mark */
    lis_buf_addc(&lx->pool, '\0');
    return lx;
}

void lis_lexicon_free(struct lis_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->slots);
    lis_buf_free(&lx->pool);
    free(lx);
}

size_t lis_lexicon_size(const struct lis_lexicon *lx)
{
    return lx ? lx->n_entries : 0;
}

/* Whether slot sl (of the same length) holds key. */
static inline bool key_equal(const struct lis_lexicon *lx,
                             const struct lex_slot *sl, const char *key)
{
    const char *k = lx->pool.data + sl->key;

    /* the pool is NUL-terminated after its last key */
    if (sl->klen <= 8)
        return load8(k, sl->klen, lx->pool.len + 1 - sl->key) ==
               load8(key, sl->klen, sl->klen);
    return memcmp(k, key, sl->klen) == 0;
}

static inline struct lex_slot *find_slot(const struct lis_lexicon *lx,
                                         uint32_t h, const char *key,
                                         size_t klen)
{
    size_t mask = lx->cap - 1, i = h & mask;

    for (;;) {
        struct lex_slot *sl = &lx->slots[i];

        if (sl->key == 0)
            return sl;
        if (sl->hash == h && sl->klen == klen && key_equal(lx, sl, key))
            return sl;
        i = (i + 1) & mask;
    }
}

static void rehash(struct lis_lexicon *lx)
{
    struct lex_slot *old = lx->slots;
    size_t oldcap = lx->cap, i;

    lx->cap *= 2;
    lx->slots = lis_xcalloc(lx->cap, sizeof *lx->slots);
    for (i = 0; i < oldcap; i++) {
        size_t j;

        if (old[i].key == 0)
            continue;
        j = old[i].hash & (lx->cap - 1);
        while (lx->slots[j].key != 0)
            j = (j + 1) & (lx->cap - 1);
        lx->slots[j] = old[i];
    }
    free(old);
}

/* The hash a match computes byte by byte, of s[0..n) at once. */
static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = HASH_INIT;

    for (; n >= 8; s += 8, n -= 8)
        h = hash_step(h, load8(s, 8, 8));
    if (n)
        h = hash_step(h, load8(s, n, n));
    return hash32(h);
}

static void insert(struct lis_lexicon *lx, const char *key, size_t klen,
                   uint32_t flags, const char *value)
{
    uint32_t h = hash_bytes(key, klen);
    struct lex_slot *sl;

    if ((lx->used + 1) * 4 > lx->cap * 3)
        rehash(lx);
    filter_set(lx, h);
    sl = find_slot(lx, h, key, klen);
    if (sl->key == 0) {
        sl->hash = h;
        sl->klen = (uint32_t)klen;
        sl->key = (uint32_t)lx->pool.len;
        lis_buf_add(&lx->pool, key, klen);
        lis_buf_addc(&lx->pool, '\0');
        lx->used++;
    }
    if ((flags & SLOT_ENTRY) && !(sl->flags & SLOT_ENTRY))
        lx->n_entries++;
    sl->flags |= flags;
    if ((flags & SLOT_ENTRY) && value && *value) {
        /* a later file (the user's) overrides the value */
        sl->val = (uint32_t)lx->pool.len;
        lis_buf_adds(&lx->pool, value);
        lis_buf_addc(&lx->pool, '\0');
    }
}

/* Fold s[0..len) the way matching folds text: per-character lower case,
 * apostrophes unified, white-space runs collapsed, trimmed.  Returns the
 * folded length, or LEX_MAX_KEY + 1 when it does not fit. */
static size_t fold_phrase(const char *s, size_t len, char *out)
{
    size_t i = 0, o = 0;
    bool space = false;

    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp;
        char tmp[8];
        size_t n;

        if (b < 0x80) {
            /* fold_cp of ASCII without the call and the copy */
            i++;
            if (b == ' ' || (b >= '\t' && b <= '\r')) {
                space = o > 0;
                continue;
            }
            n = 1;
            tmp[0] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
        } else {
            i += get_cp(s + i, len - i, &cp);
            n = fold_cp(cp, tmp);
            if (n == 1 && tmp[0] == ' ') {
                space = o > 0;
                continue;
            }
        }
        if (space) {
            if (o + 1 > LEX_MAX_KEY)
                return LEX_MAX_KEY + 1;
            out[o++] = ' ';
            space = false;
        }
        if (o + n > LEX_MAX_KEY)
            return LEX_MAX_KEY + 1;
        if (n == 1)
            out[o++] = tmp[0];
        else {
            memcpy(out + o, tmp, n);
            o += n;
        }
    }
    return o;
}

void lis_lexicon_add(struct lis_lexicon *lx, const char *phrase,
                     const char *value)
{
    char key[LEX_MAX_KEY + 8];
    uint8_t *nfc;
    size_t nfc_len = 0, klen, i;
    if (!lx || !phrase)
        return;
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)phrase, strlen(phrase),
                       NULL, &nfc_len);
    if (!nfc)
        return;
    klen = fold_phrase((const char *)nfc, nfc_len, key);
    free(nfc);
    if (klen == 0 || klen > LEX_MAX_KEY)
        return;
    /* Record every proper prefix that ends where a match may stop, so a
     * match gives up as soon as no phrase continues. */
    for (i = 0; i < klen;) {
        uint32_t cp, next;
        size_t n = get_cp(key + i, klen - i, &cp);
        bool word = is_word(cp);

        i += n;
        if (i >= klen)
            break;
        get_cp(key + i, klen - i, &next);
        if (!(word && is_word(next)))
            insert(lx, key, i, SLOT_PREFIX, NULL);
    }
    insert(lx, key, klen, SLOT_ENTRY, value);
    if (klen > lx->max_key)
        lx->max_key = klen;
}

void lis_lexicon_add_text(struct lis_lexicon *lx, const char *text,
                          size_t len)
{
    size_t pos = 0;
    struct lis_buf line;

    if (!lx || !text)
        return;
    lis_buf_init(&line);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, e = end, b = pos;
        char *tab;

        while (e > b && (text[e - 1] == '\r' || text[e - 1] == ' '))
            e--;
        while (b < e && (text[b] == ' ' || text[b] == '\t'))
            b++;
        pos = end + 1;
        if (b == e || text[b] == '#')
            continue;
        line.len = 0;
        lis_buf_add(&line, text + b, e - b);
        tab = strchr(line.data, '\t');
        if (tab) {
            char *v = tab + 1;

            *tab = '\0';
            while (*v == '\t' || *v == ' ')
                v++;
            lis_lexicon_add(lx, line.data, v);
        } else {
            lis_lexicon_add(lx, line.data, NULL);
        }
    }
    lis_buf_free(&line);
}

enum lis_status lis_lexicon_load_file(struct lis_lexicon *lx,
                                      const char *path)
{
    FILE *f;
    struct lis_buf b;
    char chunk[8192];
    size_t n;
    enum lis_status st = LIS_OK;
    struct stat sb;

    if (stat(path, &sb) != 0)
        return errno == ENOENT || errno == ENOTDIR ? LIS_OK
                                                   : lis_status_from_errno(errno);
    if (S_ISDIR(sb.st_mode))
        return LIS_ERR_ISDIR;
    f = fopen(path, "rb");
    if (!f)
        return lis_status_from_errno(errno);
    lis_buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        lis_buf_add(&b, chunk, n);
    if (ferror(f))
        st = LIS_ERR_IO;
    fclose(f);
    if (st == LIS_OK && b.data)
        lis_lexicon_add_text(lx, b.data, b.len);
    lis_buf_free(&b);
    return st;
}

static const char *slot_value(const struct lis_lexicon *lx,
                              const struct lex_slot *sl)
{
    return lx->pool.data + sl->val;
}

/* The slot of the folded key[0..klen) with hash h, or NULL when the
 * lexicon has neither that entry nor that prefix. */
static inline const struct lex_slot *lookup(const struct lis_lexicon *lx,
                                            uint32_t h, const char *key,
                                            size_t klen)
{
    const struct lex_slot *sl;

    if (!filter_has(lx, h))
        return NULL;
    sl = find_slot(lx, h, key, klen);
    return sl->key != 0 ? sl : NULL;
}

/* A match in progress: the text so far folded into key, its hash, and
 * the longest entry found. */
struct match {
    char key[LEX_MAX_KEY + 16];     /* room for a chunk past max_key */
    size_t klen;
    struct chunk_hash hs;
    size_t best;
    bool last_space;
};

static void match_init(struct match *m)
{
    m->klen = 0;
    hash_init(&m->hs);
    m->best = 0;
    m->last_space = true;       /* leading white space is not folded in */
}

/* Whether a word that stopped being ASCII letters, digits and whole
 * two-byte Latin-1 letters right before s[0..len) ends there: at len, at
 * ASCII, at a character that is no word character. */
static inline bool word_ends(const char *s, size_t len)
{
    unsigned char f;
    uint32_t cp;

    if (len == 0 || (unsigned char)s[0] < 0x80)
        return true;
    if (latin1_letter(s, len, &f))
        return false;
    get_cp(s, len, &cp);
    return !is_word(cp);
}

/* Append the word at s[0..len), folded, while it is made of ASCII
 * letters and digits and two-byte Latin-1 letters, eight bytes at a
 * time.  Returns the bytes consumed (0 if s starts with neither), or
 * SIZE_MAX when the key would grow longer than max (<= LEX_MAX_KEY):
 * then no entry can match.  No entry ends inside a word, so there is
 * nothing to check on the way. */
static inline size_t append_word(struct match *m, const char *s, size_t len,
                                 size_t max)
{
    size_t i = 0;

    for (;;) {
        unsigned char f;
        size_t avail = len - i;
        uint64_t w = load8(s + i, avail < 8 ? avail : 8, avail), fold;
        unsigned run = run8(word8_latin1(w, &fold));

        if (run == 0)
            return i;
        if (m->klen + run > max)
            return SIZE_MAX;
        fold = first8(fold, run);
        store8(m->key + m->klen, fold);
        hash_chunk(&m->hs, fold, run);
        m->klen += run;
        i += run;
        /* on with the next chunk, or with a letter across two chunks */
        if (run < 8 && !latin1_letter(s + i, len - i, &f))
            return i;
    }
}

/* At a point where an entry may end, i bytes into the text: note an entry
 * that ends there; false when no longer entry can follow. */
static inline bool match_check(const struct lis_lexicon *lx, struct match *m,
                               size_t i, const char **value)
{
    const struct lex_slot *sl =
        lookup(lx, hash32(hash_value(&m->hs)), m->key, m->klen);

    if (!sl)
        return false;
    if (sl->flags & SLOT_ENTRY) {
        m->best = i;
        if (value)
            *value = slot_value(lx, sl);
    }
    return (sl->flags & SLOT_PREFIX) != 0;
}

/* The short word the most calls start with: fewer than eight bytes of
 * ASCII letters and digits and two-byte Latin-1 letters from s[0], which
 * end the word.  Returns its length, its chunk folded into *f; 0 when s
 * does not start so. */
static inline unsigned short_word(const char *s, size_t len, uint64_t *f)
{
    uint64_t w = load8(s, len < 8 ? len : 8, len), fold;
    unsigned run = run8(word8_latin1(w, &fold));

    if (run == 0 || run == 8 || !word_ends(s + run, len - run))
        return 0;
    *f = first8(fold, run);
    return run;
}

/* The slot of s[0..len) folded as a whole, or NULL. */
static const struct lex_slot *phrase_slot(const struct lis_lexicon *lx,
                                          const char *s, size_t len)
{
    struct match m;
    size_t klen;

    match_init(&m);
    /* a plain word needs no general fold */
    if (len > 0 && append_word(&m, s, len, lx->max_key) == len)
        return lookup(lx, hash32(hash_value(&m.hs)), m.key, m.klen);
    klen = fold_phrase(s, len, m.key);
    if (klen == 0 || klen > lx->max_key)
        return NULL;
    return lookup(lx, hash_bytes(m.key, klen), m.key, klen);
}

bool lis_lexicon_has(const struct lis_lexicon *lx, const char *s, size_t len,
                     const char **value)
{
    const struct lex_slot *sl;

    if (!lx || lx->n_entries == 0 || !s)
        return false;
    if (len > 4 * LEX_MAX_KEY)
        return false;
    sl = phrase_slot(lx, s, len);
    if (!sl || !(sl->flags & SLOT_ENTRY))
        return false;
    if (value)
        *value = slot_value(lx, sl);
    return true;
}

/* lis_lexicon_match from s[i] (i < len, a character boundary) on, one
 * character at a time: the general case, for text that needs decoding.
 * Returns the longest match. */
static size_t match_chars(const struct lis_lexicon *lx, const char *s,
                          size_t len, size_t i, struct match *m,
                          const char **value)
{
    uint32_t cp;

    i += get_cp(s + i, len - i, &cp);
    for (;;) {
        char tmp[8];
        size_t n, k;
        uint32_t next = 0;
        bool word, appended = true;

        /* Inside a run of ASCII letters and digits no entry can end (the
         * next character continues the word), so only fold and hash. */
        while (cp < 0x80 && i < len && lis_lex_word_fold[cp] &&
               lis_lex_word_fold[(unsigned char)s[i]]) {
            unsigned char f = lis_lex_word_fold[cp];

            if (m->klen + 1 > lx->max_key)
                return m->best;
            m->key[m->klen++] = (char)f;
            hash_byte(&m->hs, f);
            m->last_space = false;
            cp = (unsigned char)s[i++];
        }
        n = fold_cp(cp, tmp);
        word = is_word(cp);

        if (n == 1 && tmp[0] == ' ') {
            if (m->last_space)
                appended = false;
            m->last_space = true;
        } else {
            m->last_space = false;
        }
        if (appended) {
            if (m->klen + n > lx->max_key)
                break;
            for (k = 0; k < n; k++) {
                m->key[m->klen++] = tmp[k];
                hash_byte(&m->hs, (unsigned char)tmp[k]);
            }
        }
        if (i < len) {
            if ((unsigned char)s[i] < 0x80)
                next = (unsigned char)s[i];
            else
                get_cp(s + i, len - i, &next);
        }
        if (appended && m->klen > 0 &&
            !(word && i < len && is_word(next)) &&
            !match_check(lx, m, i, value))
            break;
        if (i >= len)
            break;
        i += get_cp(s + i, len - i, &cp);
    }
    return m->best;
}

size_t lis_lexicon_match(const struct lis_lexicon *lx, const char *s,
                         size_t len, const char **value)
{
    struct match m;
    size_t i = 0;

    if (!lx || lx->n_entries == 0 || !s || len == 0)
        return 0;
    match_init(&m);
    if (lis_lex_word_fold[(unsigned char)s[0]] ||
        (unsigned char)s[0] == 0xC3) {
        /* Most calls start with a short word that no entry begins with:
         * reject those with one load and the filter. */
        uint64_t f;
        unsigned run = short_word(s, len, &f);

        if (run > 0) {
            if (run > lx->max_key ||
                !filter_has(lx, hash32(hash_step(HASH_INIT,
                                                         f))))
                return 0;
            store8(m.key, f);
            hash_chunk(&m.hs, f, run);
            m.klen = run;
            m.last_space = false;
            i = run;
            if (!match_check(lx, &m, i, value))
                return m.best;
        }
    }
    /* Words of ASCII and Latin-1 letters, and ASCII between them, the
     * common case, with the same folding and the same checks as
     * match_chars; other text goes on there. */
    while (i < len) {
        unsigned char b = (unsigned char)s[i];

        if (b < 0x80 && !lis_lex_word_fold[b]) {
            bool space = b == ' ' || (b >= '\t' && b <= '\r');

            i++;
            if (space && m.last_space)
                continue;       /* a run of spaces folds to one */
            m.last_space = space;
            if (m.klen + 1 > lx->max_key)
                return m.best;
            m.key[m.klen++] = space ? ' ' : (char)b;
            hash_byte(&m.hs, space ? ' ' : b);
        } else {
            size_t run = append_word(&m, s + i, len - i, lx->max_key);

            if (run == SIZE_MAX)
                return m.best;
            if (run == 0)
                break;          /* another character: decode it */
            i += run;
            m.last_space = false;
            if (i < len && (unsigned char)s[i] >= 0x80) {
                uint32_t next;

                get_cp(s + i, len - i, &next);
                if (is_word(next))
                    break;      /* the word goes on */
            }
        }
        if (!match_check(lx, &m, i, value))
            return m.best;
    }
    return i < len ? match_chars(lx, s, len, i, &m, value) : m.best;
}

void lis_lexicon_each(const struct lis_lexicon *lx,
                      void (*fn)(void *ctx, const char *key, size_t klen,
                                 const char *value),
                      void *ctx)
{
    size_t i;

    if (!lx || !fn)
        return;
    for (i = 0; i < lx->cap; i++) {
        const struct lex_slot *sl = &lx->slots[i];

        if (sl->key != 0 && (sl->flags & SLOT_ENTRY))
            fn(ctx, lx->pool.data + sl->key, sl->klen, slot_value(lx, sl));
    }
}

struct lis_lexicons *lis_lexicons_load(const char *sysdir,
                                       const char *userdir, char **errmsg)
{
    struct lis_lexicons *lxs = lis_xcalloc(1, sizeof *lxs);
    const char *dirs[2] = { sysdir, userdir };

    if (errmsg)
        *errmsg = NULL;
#define LIS_LEXICON_LOAD(name, file)                                         \
    do {                                                                     \
        size_t d;                                                            \
        lxs->name = lis_lexicon_new();                                       \
        for (d = 0; d < 2; d++) {                                            \
            char *path;                                                      \
            enum lis_status st;                                              \
            if (!dirs[d])                                                    \
                continue;                                                    \
            path = lis_xasprintf("%s/%s", dirs[d], file);                    \
            st = lis_lexicon_load_file(lxs->name, path);                     \
            if (st != LIS_OK && errmsg && !*errmsg)                          \
                *errmsg = lis_xasprintf("%s: %s", path, lis_status_str(st)); \
            free(path);                                                      \
        }                                                                    \
    } while (0);
    LIS_LEXICON_LIST(LIS_LEXICON_LOAD)
#undef LIS_LEXICON_LOAD
    return lxs;
}

void lis_lexicons_free(struct lis_lexicons *lxs)
{
    if (!lxs)
        return;
#define LIS_LEXICON_FREE(name, file) lis_lexicon_free(lxs->name);
    LIS_LEXICON_LIST(LIS_LEXICON_FREE)
#undef LIS_LEXICON_FREE
    free(lxs);
}
