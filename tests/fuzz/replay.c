/* replay.c -- run a fuzz target over files and directories of inputs, so
 * that `make check` replays every corpus and every crash reproducer without
 * needing clang or libFuzzer. */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long n_inputs;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct lis_buf b;
    char chunk[65536];
    size_t n;

    if (!f) {
        perror(path);
        return 1;
    }
    lis_buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        lis_buf_add(&b, chunk, n);
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""), b.len);
    lis_buf_free(&b);
    n_inputs++;
    return 0;
}

static int run_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int rc = 0;

    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    d = opendir(path);
    if (!d) {
        perror(path);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        char *sub;
        if (e->d_name[0] == '.')
            continue;
        sub = lis_xasprintf("%s/%s", path, e->d_name);
        rc |= run_path(sub);
        free(sub);
    }
    closedir(d);
    return rc;
}

/* With no argument, replay what `make check` must: this target's seeds and
 * regressions, the bundled articles and the test corpus. */
static int run_defaults(void)
{
    static const char *const dirs[] = {
        "tests/fuzz/seeds/" FUZZ_NAME, "tests/fuzz/seeds/common",
        "tests/fuzz/regressions/" FUZZ_NAME, "tests/fuzz/regressions/common",
        "articles", "tests/data/corpus/wikinews-fr-2012",
    };
    const char *top = getenv("top_srcdir");
    size_t i;
    int rc = 0;

    if (!top)
        top = LIS_ABS_SRCDIR;
    for (i = 0; i < LIS_ARRAY_LEN(dirs); i++) {
        struct stat st;
        char *d = lis_xasprintf("%s/%s", top, dirs[i]);
        if (stat(d, &st) == 0)
            rc |= run_path(d);
        free(d);
    }
    return rc;
}

int main(int argc, char **argv)
{
    int i, rc = 0;

    if (argc < 2)
        rc = run_defaults();
    for (i = 1; i < argc; i++)
        rc |= run_path(argv[i]);
    printf("%s: %lu inputs replayed\n", argv[0], n_inputs);
    return rc;
}
