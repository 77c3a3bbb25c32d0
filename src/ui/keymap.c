/* keymap.c -- the action table and key names, generated from
 * LIS_ACTION_LIST. */
#include <config.h>

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <string.h>

#include "keymap.h"

const struct lis_action_info lis_actions[LIS_ACT_COUNT] = {
#define LIS_ACTION_INFO(id, name, keys, arg, help) \
    [LIS_ACT_##id] = { #name, keys, arg, help },
    LIS_ACTION_LIST(LIS_ACTION_INFO)
#undef LIS_ACTION_INFO
};

void lis_keymap_init(struct lis_keymap *km)
{
    for (size_t a = 0; a < LIS_ACT_COUNT; a++)
        memcpy(km->keys[a], lis_actions[a].keys, sizeof km->keys[a]);
}

static void unbind_key(struct lis_keymap *km, int key)
{
    for (size_t a = 0; a < LIS_ACT_COUNT; a++) {
        size_t k, j = 0;
        for (k = 0; k < LIS_MAX_KEYS && km->keys[a][k]; k++)
            if (km->keys[a][k] != key)
                km->keys[a][j++] = km->keys[a][k];
        for (; j < LIS_MAX_KEYS; j++)
            km->keys[a][j] = 0;
    }
}

void lis_keymap_bind(struct lis_keymap *km, enum lis_action a,
                     const int *keys, size_t n)
{
    size_t i, j = 0;

    if (a >= LIS_ACT_COUNT)
        return;
    memset(km->keys[a], 0, sizeof km->keys[a]);
    for (i = 0; i < n && j + 1 < LIS_MAX_KEYS; i++) {
        if (keys[i] == 0)
            continue;
        unbind_key(km, keys[i]);
        km->keys[a][j++] = keys[i];
    }
}

enum lis_action lis_action_by_name(const char *name)
{
    for (size_t a = 0; a < LIS_ACT_COUNT; a++)
        if (strcmp(lis_actions[a].name, name) == 0)
            return (enum lis_action)a;
    return LIS_ACT_NONE;
}

enum lis_action lis_keymap_lookup(const struct lis_keymap *km, int key)
{
    size_t a, k;

    if (key == 0)
        return LIS_ACT_NONE;
    for (a = 0; a < LIS_ACT_COUNT; a++)
        for (k = 0; k < LIS_MAX_KEYS && km->keys[a][k]; k++)
            if (km->keys[a][k] == key)
                return (enum lis_action)a;
    return LIS_ACT_NONE;
}

static const struct {
    int code;
    const char *label;
    const char *ascii;
} fn_names[] = {
    { KEY_DOWN, "↓", "Down" }, { KEY_UP, "↑", "Up" },
    { KEY_LEFT, "←", "Left" }, { KEY_RIGHT, "→", "Right" },
    { KEY_NPAGE, "PgDn", NULL }, { KEY_PPAGE, "PgUp", NULL },
    { KEY_HOME, "Home", NULL }, { KEY_END, "End", NULL },
    { KEY_ENTER, "Enter", NULL }, { KEY_BACKSPACE, "Backspace", NULL },
    { KEY_BTAB, "S-Tab", NULL },
};

void lis_key_label(int key, bool utf8, struct lis_buf *out)
{
    size_t i;

    if (LIS_KEY_IS_FN(key)) {
        int code = key & ~0x40000000;
        for (i = 0; i < LIS_ARRAY_LEN(fn_names); i++)
            if (fn_names[i].code == code) {
                lis_buf_adds(out, !utf8 && fn_names[i].ascii
                                  ? fn_names[i].ascii : fn_names[i].label);
                return;
            }
        if (code >= KEY_F(1) && code <= KEY_F(63)) {
            lis_buf_printf(out, "F%d", code - KEY_F(0));
            return;
        }
        lis_buf_printf(out, "<%d>", code);
        return;
    }
    switch (key) {
    case '\n':
    case '\r':
        lis_buf_adds(out, "Enter");
        return;
    case ' ':
        lis_buf_adds(out, "space");
        return;
    case '\t':
        lis_buf_adds(out, "Tab");
        return;
    case LIS_KEY_ESC:
        lis_buf_adds(out, "Esc");
        return;
    default:
        break;
    }
    if (key > 0 && key < 0x20) {
        lis_buf_addc(out, '^');
        lis_buf_addc(out, (char)(key + '@'));
    } else if (key > 0) {
        lis_buf_add_cp(out, (uint32_t)key);
    }
}

void lis_action_keys_label(const struct lis_keymap *km, enum lis_action a,
                           bool utf8, struct lis_buf *out)
{
    const struct lis_action_info *ai = &lis_actions[a];
    const int *keys = km->keys[a];
    size_t k;
    size_t prev_start = (size_t)-1, prev_len = 0;

    for (k = 0; k < LIS_MAX_KEYS && keys[k]; k++) {
        size_t start = out->len;
        if (k > 0)
            lis_buf_addc(out, ' ');
        lis_key_label(keys[k], utf8, out);
        /* '\n' and '\r' are both "Enter": show it once */
        if (prev_start != (size_t)-1 && out->len - start == prev_len &&
            memcmp(out->data + start, out->data + prev_start, prev_len) == 0) {
            out->len = start;
            out->data[start] = '\0';
            continue;
        }
        prev_start = start;
        prev_len = out->len - start;
        if (ai->arg[0])
            lis_buf_adds(out, _(ai->arg));
    }
}
