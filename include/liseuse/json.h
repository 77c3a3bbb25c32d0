/* json.h -- JSON output that is safe to print on a terminal. */
#ifndef LISEUSE_JSON_H
#define LISEUSE_JSON_H

#include <jansson.h>

#include "liseuse/common.h"

/* Append json_dumps(v, flags) to out, with every character that a
 * terminal could act on (C1 controls, bidi and other invisible format
 * characters, which JSON allows raw inside strings) written as a \uXXXX
 * escape instead.  The result is the same JSON value. */
void lis_json_dump(const json_t *v, size_t flags, struct lis_buf *out);

#endif
