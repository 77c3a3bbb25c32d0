/* decode.c -- bytes to Unicode: UTF-8 with maximal-subpart substitution,
 * Windows-1252, any iconv encoding, legacy 8-bit detection, NFC where
 * needed, line endings. */
#include <config.h>

#include "liseuse/document.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uninorm.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* True when the 8 bytes at p are all ASCII.  memcpy keeps the load
 * aligned-agnostic; compilers turn it into one move. */
static bool ascii8(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof w);
    return (w & UINT64_C(0x8080808080808080)) == 0;
}

/* Length of the run of ASCII bytes starting at s (at most n). */
static size_t ascii_run(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i + 8 <= n && ascii8(s + i))
        i += 8;
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* Examine the non-ASCII sequence at s (n >= 1 bytes, s[0] >= 0x80).
 * Returns its length when it is a well-formed UTF-8 sequence; otherwise
 * returns 0 and stores in *bad the length of the maximal subpart (the
 * longest prefix of a well-formed sequence, at least 1), per Unicode
 * Table 3-7. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need, i;

    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;          /* overlong */
        else if (c == 0xED)
            hi = 0x9F;          /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;          /* overlong */
        else if (c == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        *bad = 1;               /* 80-C1, F5-FF never start a sequence */
        return 0;
    }
    for (i = 1; i < need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need;
}

void lis_decode_utf8(const char *in, size_t len, struct lis_buf *out,
                     size_t *n_invalid)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, run = 0, bad = 0, k;

    /* Valid input copies through unchanged, so reserve it all at once. */
    lis_buf_reserve(out, len);
    while (i < len) {
        i += ascii_run(s + i, len - i);
        if (i >= len)
            break;
        k = utf8_seq(s + i, len - i, &bad);
        if (k) {
            i += k;
            continue;
        }
        lis_buf_add(out, s + run, i - run);
        lis_buf_add(out, REPLACEMENT, 3);
        if (n_invalid)
            (*n_invalid)++;
        i += bad;
        run = i;
    }
    lis_buf_add(out, s + run, len - run);
}

size_t lis_utf8_count_invalid(const char *in, size_t len)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, n = 0, bad = 0, k;

    while (i < len) {
        i += ascii_run(s + i, len - i);
        if (i >= len)
            break;
        k = utf8_seq(s + i, len - i, &bad);
        if (k) {
            i += k;
        } else {
            n++;
            i += bad;
        }
    }
    return n;
}

/* Windows-1252 0x80-0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

void lis_decode_cp1252(const char *in, size_t len, struct lis_buf *out,
                       size_t *n_invalid)
{
    const unsigned char *s = (const unsigned char *)in;
    unsigned char enc[128][3], enc_len[128];
    size_t i, k, need = 0, bad = 0;
    char *w;

    /* UTF-8 of each high byte, computed once per call: writing bytes
     * straight into a buffer sized exactly is what keeps a 100 MB Latin-1
     * file fast. */
    for (i = 0; i < 128; i++) {
        uint32_t cp = i >= 0x20 ? (uint32_t)(0x80 + i) : cp1252_c1[i];

        if (!cp)
            cp = 0xFFFD;
        if (cp < 0x800) {
            enc[i][0] = (unsigned char)(0xC0 | (cp >> 6));
            enc[i][1] = (unsigned char)(0x80 | (cp & 0x3F));
            enc_len[i] = 2;
        } else {
            enc[i][0] = (unsigned char)(0xE0 | (cp >> 12));
            enc[i][1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            enc[i][2] = (unsigned char)(0x80 | (cp & 0x3F));
            enc_len[i] = 3;
        }
    }
    for (i = 0; i < len; i++)
        if (s[i] >= 0x80)
            need += enc_len[s[i] - 0x80] - 1u;
    lis_buf_reserve(out, len + need);
    w = out->data + out->len;
    for (i = 0; i < len;) {
        k = ascii_run(s + i, len - i);
        memcpy(w, s + i, k);
        w += k;
        i += k;
        if (i >= len)
            break;
        k = s[i] - 0x80u;
        memcpy(w, enc[k], enc_len[k]);
        w += enc_len[k];
        if (k < 0x20 && !cp1252_c1[k])
            bad++;
        i++;
    }
    out->len = (size_t)(w - out->data);
    out->data[out->len] = '\0';
    if (n_invalid)
        *n_invalid += bad;
}

static bool is_utf8_name(const char *enc)
{
    return strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
}

enum lis_status lis_decode_iconv(const char *encoding, const char *in,
                                 size_t len, struct lis_buf *out,
                                 size_t *n_invalid)
{
    iconv_t cd;
    char *ip = (char *)in;      /* iconv's prototype is not const-correct */
    size_t ileft = len;

    if (!encoding || !*encoding)
        return LIS_ERR_ENCODING;
    cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return LIS_ERR_ENCODING;
    /* Our own decoder substitutes maximal subparts, iconv would not. */
    if (is_utf8_name(encoding)) {
        iconv_close(cd);
        lis_decode_utf8(in, len, out, n_invalid);
        return LIS_OK;
    }
    lis_buf_reserve(out, len + 16);
    for (;;) {
        char *op = out->data + out->len;
        size_t oleft = out->cap - out->len - 1;
        size_t r = iconv(cd, ileft ? &ip : NULL, ileft ? &ileft : NULL,
                         &op, &oleft);
        int err = errno;

        out->len = (size_t)(op - out->data);
        out->data[out->len] = '\0';
        if (r != (size_t)-1) {
            if (!ileft)
                break;          /* input done and shift state flushed */
            continue;
        }
        if (err == E2BIG) {
            lis_buf_reserve(out, (out->cap - out->len) + ileft + 16);
        } else if (err == EILSEQ || err == EINVAL) {
            /* EINVAL: a sequence cut by the end of the input. */
            lis_buf_add(out, REPLACEMENT, 3);
            if (n_invalid)
                (*n_invalid)++;
            if (err == EINVAL) {
                ileft = 0;
            } else {
                ip++;
                ileft--;
            }
        } else {
            iconv_close(cd);
            return lis_status_from_errno(err);
        }
    }
    iconv_close(cd);
    return LIS_OK;
}

/* A lone byte that Windows-1252 gives a plausible meaning in French text:
 * a Latin-1 letter or sign, or typographic punctuation in 0x80-0x9F. */
static bool cp1252_plausible(unsigned char c)
{
    return c >= 0xA0 || (c >= 0x80 && cp1252_c1[c - 0x80] != 0);
}

bool lis_looks_legacy_8bit(const char *in, size_t len)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, bad = 0, k;
    /* Evidence for each reading.  A legacy text has isolated high bytes
     * (é between letters, ’ in "l’homme"); broken UTF-8 has valid
     * multibyte sequences around its errors, or truncated sequences whose
     * lead byte is followed by continuation bytes. */
    size_t legacy = 0, utf8ish = 0;

    while (i < len) {
        i += ascii_run(s + i, len - i);
        if (i >= len)
            break;
        k = utf8_seq(s + i, len - i, &bad);
        if (k) {
            utf8ish++;
            i += k;
        } else if (bad == 1 && cp1252_plausible(s[i])) {
            legacy++;
            i++;
        } else {
            utf8ish++;
            i += bad;
        }
    }
    return legacy > 0 && legacy > 2 * utf8ish;
}

/* Decode one code point of valid UTF-8 at s (n bytes available); sets
 * *cp and returns the length.  Malformed input yields 1 byte, cp 0xFFFD. */
static size_t utf8_get(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t bad, k;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    k = utf8_seq(s, n, &bad);
    switch (k) {
    case 2:
        *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    case 3:
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6)
              | (s[2] & 0x3F);
        return 3;
    case 4:
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12)
              | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    default:
        *cp = 0xFFFD;
        return 1;
    }
}

bool lis_nfc_safe(uint32_t cp)
{
    /* Blocks whose characters all have combining class 0, no canonical
     * decomposition to something else (NFC_QC=Yes), and never compose with
     * a preceding character.  Everything else goes to u8_normalize.  The
     * unit tests check each code point of these ranges against
     * libunistring. */
    if (cp < 0x0300)
        return true;                      /* Latin-1, Latin Ext-A/B, IPA */
    if (cp >= 0x0388 && cp <= 0x03FF)
        return true;                      /* Greek letters */
    if (cp >= 0x0400 && cp <= 0x0482)
        return true;                      /* Cyrillic letters */
    if (cp >= 0x048A && cp <= 0x04FF)
        return true;
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return true;                      /* Latin Extended Additional */
    if (cp >= 0x2002 && cp <= 0x20CF)
        return true;                      /* punctuation, NNBSP, currency */
    if (cp >= 0x2500 && cp <= 0x27BF)
        return true;                      /* box drawing, shapes, dingbats */
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return true;                      /* CJK unified ideographs */
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return true;                      /* Hangul syllables */
    if (cp >= 0xFFF9 && cp <= 0xFFFD)
        return true;                      /* specials, U+FFFD */
    if (cp >= 0x1F300 && cp <= 0x1FAFF)
        return true;                      /* pictographs, emoji */
    return false;
}

/* Where normalised text goes: back into the input buffer while it fits
 * behind the read position (NFC nearly always shortens or keeps the
 * length), else into a new buffer.  In place spares a 100 MB file a second
 * allocation and its page faults. */
struct nfc_sink {
    struct lis_buf *text;
    size_t w;                   /* write offset when in place */
    struct lis_buf out;         /* used once out.data != NULL */
};

/* Emit text[copied, start) then r[0, n); end is where unread input starts. */
static void nfc_emit(struct nfc_sink *k, size_t copied, size_t start,
                     size_t end, const uint8_t *r, size_t n)
{
    char *d = k->text->data;
    size_t gap = start - copied;

    if (!k->out.data && k->w + gap + n > end) {
        lis_buf_reserve(&k->out, k->text->len + n);
        lis_buf_add(&k->out, d, k->w);
    }
    if (k->out.data) {
        lis_buf_add(&k->out, d + copied, gap);
        lis_buf_add(&k->out, r, n);
        return;
    }
    memmove(d + k->w, d + copied, gap);
    k->w += gap;
    memcpy(d + k->w, r, n);
    k->w += n;
}

bool lis_normalize_nfc(struct lis_buf *text)
{
    const unsigned char *s = (const unsigned char *)text->data;
    size_t len = text->len, i = 0, boundary = 0, copied = 0, k, a;
    struct nfc_sink sink = { text, 0, { NULL, 0, 0 } };
    bool changed = false;
    uint32_t cp;

    if (!s)
        return false;
    while (i < len) {
        a = ascii_run(s + i, len - i);
        if (a) {
            i += a;
            boundary = i - 1;   /* an ASCII character starts a segment */
            if (i >= len)
                break;
        }
        k = utf8_get(s + i, len - i, &cp);
        if (lis_nfc_safe(cp)) {
            boundary = i;
            i += k;
            continue;
        }
        /* A run that may not be in NFC: from the last safe character,
         * which a combining mark may compose with, to the next safe one,
         * before which NFC never changes anything. */
        i += k;
        while (i < len && s[i] >= 0x80) {
            k = utf8_get(s + i, len - i, &cp);
            if (lis_nfc_safe(cp))
                break;
            i += k;
        }
        {
            uint8_t local[512];
            size_t n = sizeof local;
            uint8_t *r = u8_normalize(UNINORM_NFC, s + boundary, i - boundary,
                                      local, &n);

            /* NULL (out of memory, invalid input): keep the text as is. */
            if (r && (n != i - boundary || memcmp(r, s + boundary, n) != 0)) {
                nfc_emit(&sink, copied, boundary, i, r, n);
                copied = i;
                changed = true;
            }
            if (r && r != local)
                free(r);
        }
        boundary = i;
    }
    if (!changed)
        return false;
    if (sink.out.data) {
        lis_buf_add(&sink.out, s + copied, len - copied);
        lis_buf_free(text);
        *text = sink.out;
    } else {
        memmove(text->data + sink.w, s + copied, len - copied);
        text->len = sink.w + (len - copied);
        text->data[text->len] = '\0';
    }
    return true;
}

void lis_normalize_newlines(struct lis_buf *text)
{
    char *s = text->data, *cr, *w;
    size_t i, len = text->len;

    if (!s || !(cr = memchr(s, '\r', len)))
        return;
    w = cr;
    for (i = (size_t)(cr - s); i < len; i++) {
        if (s[i] == '\r') {
            *w++ = '\n';
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else {
            *w++ = s[i];
        }
    }
    text->len = (size_t)(w - s);
    s[text->len] = '\0';
}
