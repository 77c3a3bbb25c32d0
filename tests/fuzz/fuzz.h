/* fuzz.h -- shared checks for the fuzz targets.  Each target defines
 * LLVMFuzzerTestOneInput; replay.c runs them over corpora without clang. */
#ifndef LISEUSE_FUZZ_H
#define LISEUSE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "liseuse/common.h"
#include "liseuse/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() with a message: libFuzzer and the replay driver both treat an
 * abort as a finding. */
#define FUZZ_CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
                    __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

/* True when s[0..len) holds no C0 control but TAB/LF/CR, no DEL, no C1. */
static inline int fuzz_no_controls(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        uint32_t cp;
        size_t n = lis_u8_get(s + i, len - i, &cp);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            return 0;
        i += n;
    }
    return 1;
}

#endif
