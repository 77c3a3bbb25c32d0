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

/* ASCII letters and digits folded (lower case); 0 for the other ASCII
 * characters, which are not part of a word. */
static const unsigned char ascii_word_fold[128] = {
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
        return ascii_word_fold[cp] != 0;
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

bool lis_lex_is_word_cp(uint32_t cp)
{
    return is_word(cp);
}

bool lis_lex_is_space_cp(uint32_t cp)
{
    return is_space(cp);
}

size_t lis_lex_fold_cp(uint32_t cp, char out[8])
{
    return fold_cp(cp, out);
}

size_t lis_lex_get_cp(const char *s, size_t len, uint32_t *cp)
{
    return get_cp(s, len, cp);
}

/* FNV-1a, fed byte by byte so that a match can hash incrementally. */
#define LEX_HASH_INIT 2166136261u
static inline uint32_t hash_byte(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
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

static struct lex_slot *find_slot(const struct lis_lexicon *lx, uint32_t h,
                                  const char *key, size_t klen)
{
    size_t mask = lx->cap - 1, i = h & mask;

    for (;;) {
        struct lex_slot *sl = &lx->slots[i];

        if (sl->key == 0)
            return sl;
        if (sl->hash == h && sl->klen == klen &&
            memcmp(lx->pool.data + sl->key, key, klen) == 0)
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

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = LEX_HASH_INIT;
    size_t i;

    for (i = 0; i < n; i++)
        h = hash_byte(h, (unsigned char)s[i]);
    return h;
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
        uint32_t cp;
        char tmp[8];
        size_t n;

        i += get_cp(s + i, len - i, &cp);
        n = fold_cp(cp, tmp);
        if (n == 1 && tmp[0] == ' ') {
            space = o > 0;
            continue;
        }
        if (space) {
            if (o + 1 > LEX_MAX_KEY)
                return LEX_MAX_KEY + 1;
            out[o++] = ' ';
            space = false;
        }
        if (o + n > LEX_MAX_KEY)
            return LEX_MAX_KEY + 1;
        memcpy(out + o, tmp, n);
        o += n;
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

bool lis_lexicon_has(const struct lis_lexicon *lx, const char *s, size_t len,
                     const char **value)
{
    char key[LEX_MAX_KEY + 8];
    size_t klen;
    const struct lex_slot *sl;

    if (!lx || lx->n_entries == 0 || !s)
        return false;
    if (len > 4 * LEX_MAX_KEY)
        return false;
    klen = fold_phrase(s, len, key);
    if (klen == 0 || klen > lx->max_key)
        return false;
    {
        uint32_t h = hash_bytes(key, klen);

        if (!filter_has(lx, h))
            return false;
        sl = find_slot(lx, h, key, klen);
    }
    if (sl->key == 0 || !(sl->flags & SLOT_ENTRY))
        return false;
    if (value)
        *value = slot_value(lx, sl);
    return true;
}

size_t lis_lexicon_match(const struct lis_lexicon *lx, const char *s,
                         size_t len, const char **value)
{
    char key[LEX_MAX_KEY + 16];
    size_t klen = 0, i = 0, best = 0;
    uint32_t h = LEX_HASH_INIT, cp;
    bool last_space = true;     /* leading white space is not folded in */

    if (!lx || lx->n_entries == 0 || !s || len == 0)
        return 0;
    i = get_cp(s, len, &cp);
    for (;;) {
        char tmp[8];
        size_t n, k;
        uint32_t next = 0;
        bool word, appended = true;

        /* Inside a run of ASCII letters and digits no entry can end (the
         * next character continues the word), so only fold and hash: most
         * calls are rejected at the end of their first word. */
        while (cp < 0x80 && i < len && (unsigned char)s[i] < 0x80 &&
               ascii_word_fold[cp] &&
               ascii_word_fold[(unsigned char)s[i]]) {
            char f = (char)ascii_word_fold[cp];

            if (klen + 1 > lx->max_key)
                return best;
            key[klen++] = f;
            h = hash_byte(h, (unsigned char)f);
            last_space = false;
            cp = (unsigned char)s[i++];
        }
        n = fold_cp(cp, tmp);
        word = is_word(cp);

        if (n == 1 && tmp[0] == ' ') {
            if (last_space)
                appended = false;
            last_space = true;
        } else {
            last_space = false;
        }
        if (appended) {
            if (klen + n > lx->max_key)
                break;
            for (k = 0; k < n; k++) {
                key[klen++] = tmp[k];
                h = hash_byte(h, (unsigned char)tmp[k]);
            }
        }
        if (i < len) {
            if ((unsigned char)s[i] < 0x80)
                next = (unsigned char)s[i];
            else
                get_cp(s + i, len - i, &next);
        }
        if (appended && klen > 0 && !(word && i < len &&
                                      is_word(next))) {
            const struct lex_slot *sl;

            if (!filter_has(lx, h))
                break;
            sl = find_slot(lx, h, key, klen);
            if (sl->key == 0)
                break;
            if (sl->flags & SLOT_ENTRY) {
                best = i;
                if (value)
                    *value = slot_value(lx, sl);
            }
            if (!(sl->flags & SLOT_PREFIX))
                break;
        }
        if (i >= len)
            break;
        i += get_cp(s + i, len - i, &cp);
    }
    return best;
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
