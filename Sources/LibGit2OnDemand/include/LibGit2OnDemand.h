// libgit2 opened with dlopen on the first call of one of its functions (LibGit2OnDemandSupport.c).
#ifndef LIBGIT2_ON_DEMAND_H
#define LIBGIT2_ON_DEMAND_H

/// 1 once libgit2 is loaded.
int dabrepo_libgit2_is_loaded(void);
/// Why libgit2 could not be loaded, or NULL.
const char *dabrepo_libgit2_load_error(void);

#endif
