/* fuzz_common.h -- the lexicons, loaded once per fuzzing process. */
#ifndef LISEUSE_FUZZ_COMMON_H
#define LISEUSE_FUZZ_COMMON_H

#include <stdlib.h>

#include "liseuse/lexicon.h"

static inline const struct lis_lexicons *fuzz_lexicons(void)
{
    static struct lis_lexicons *lx;

    if (!lx) {
        const char *dir = getenv("LISEUSE_DATADIR");
        char *err = NULL;
        lx = lis_lexicons_load(dir ? dir : LIS_ABS_SRCDIR "/data", NULL, &err);
        free(err);
    }
    return lx;
}

#endif
