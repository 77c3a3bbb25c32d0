/* json.c -- JSON output that is safe to print on a terminal. */
#include <config.h>

#include "liseuse/json.h"

#include <stdlib.h>
#include <string.h>

#include "liseuse/text.h"

static int dump_to_buf(const char *data, size_t size, void *ctx)
{
    lis_buf_add(ctx, data, size);
    return 0;
}

/* Escape by code point: jansson escapes C0 controls inside strings, and
 * outside strings JSON is ASCII, so every non-ASCII character found here
 * is inside a string. */
static void add_escaped(struct lis_buf *out, const char *s, size_t len)
{
    size_t i = 0, from = 0;

    while (i < len) {
        uint32_t cp;
        size_t n;

        if ((unsigned char)s[i] < 0x7F) {
            i++;
            continue;
        }
        n = lis_u8_get(s + i, len - i, &cp);
        if (lis_glyph_kind(cp) != LIS_GLYPH_TEXT) {
            lis_buf_add(out, s + from, i - from);
            if (cp > 0xFFFF) {   /* JSON spells astral characters as pairs */
                uint32_t c = cp - 0x10000;
                lis_buf_printf(out, "\\u%04X\\u%04X",
                               (unsigned)(0xD800 | (c >> 10)),
                               (unsigned)(0xDC00 | (c & 0x3FF)));
            } else {
                lis_buf_printf(out, "\\u%04X", (unsigned)cp);
            }
            from = i + n;
        }
        i += n;
    }
    lis_buf_add(out, s + from, len - from);
}

void lis_json_dump(const json_t *v, size_t flags, struct lis_buf *out)
{
    struct lis_buf raw;

    lis_buf_init(&raw);
    if (json_dump_callback(v, dump_to_buf, &raw, flags) != 0)
        lis_die(2, "%s", _("out of memory"));
    if (raw.data)
        add_escaped(out, raw.data, raw.len);
    lis_buf_free(&raw);
}
