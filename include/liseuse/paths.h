/* paths.h -- where liseuse finds its data and keeps its state. */
#ifndef LISEUSE_PATHS_H
#define LISEUSE_PATHS_H

#include "liseuse/common.h"

/* Directory holding the lexicons (data/): $LISEUSE_DATADIR if set; the
 * source tree's data/ when the running binary is the one in the build tree;
 * else $(pkgdatadir).  Returned string is static. */
const char *lis_datadir(void);
/* Directory of the bundled articles, found the same way. */
const char *lis_articledir(void);
/* $XDG_CONFIG_HOME/liseuse (default ~/.config/liseuse); malloc'd. */
char *lis_user_config_dir(void);
/* $XDG_STATE_HOME/liseuse (default ~/.local/state/liseuse); malloc'd. */
char *lis_user_state_dir(void);
/* $XDG_DATA_HOME/liseuse (default ~/.local/share/liseuse); malloc'd. */
char *lis_user_data_dir(void);
/* mkdir -p with mode 0700 for new components. */
enum lis_status lis_mkdir_p(const char *path);

#endif
