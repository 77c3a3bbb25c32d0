/* json.c -- JSON output that is safe to print on a terminal. */
#include <config.h>

#include "liseuse/json.h"

#include <stdlib.h>
#include <string.h>

#include "liseuse/text.h"

void lis_json_dump(const json_t *v, size_t flags, struct lis_buf *out)
{
    char *s = json_dumps(v, flags);
    size_t i = 0, len;

    if (!s)
        lis_die(2, "%s", _("out of memory"));
    len = strlen(s);
    lis_buf_reserve(out, len);
    while (i < len) {
        uint32_t cp;
        size_t n = lis_u8_get(s + i, len - i, &cp);

        /* jansson already escapes C0 and DEL is harmless to JSON but not to
         * terminals; everything the renderer would show as a marker is
         * escaped.  These code points only occur inside strings. */
        if (cp >= 0x7F && lis_glyph_kind(cp) != LIS_GLYPH_TEXT) {
            if (cp > 0xFFFF) {   /* JSON spells astral characters as pairs */
                uint32_t c = cp - 0x10000;
                lis_buf_printf(out, "\\u%04X\\u%04X",
                               (unsigned)(0xD800 | (c >> 10)),
                               (unsigned)(0xDC00 | (c & 0x3FF)));
            } else {
                lis_buf_printf(out, "\\u%04X", (unsigned)cp);
            }
        } else
            lis_buf_add(out, s + i, n);
        i += n;
    }
    free(s);
}
