// What LibGit2OnDemand.c's generated forwarding definitions need: libgit2's declarations and FORWARD,
// which looks each function up in libgit2 opened on demand (LibraryOnDemand).
#ifndef LIBGIT2_ON_DEMAND_SUPPORT_H
#define LIBGIT2_ON_DEMAND_SUPPORT_H

#include <git2.h>

#include "LibraryOnDemand.h"

/// libgit2's function `name`, opening libgit2 on the first call; NULL when it cannot be loaded.
void *dabrepo_libgit2_function(const char *name);

#define FORWARD(result, name, failure, parameters, arguments) \
    DABREPO_FORWARD(dabrepo_libgit2_function, result, name, failure, parameters, arguments)
#define FORWARD_VOID(name, parameters, arguments) DABREPO_FORWARD_VOID(dabrepo_libgit2_function, name, parameters, arguments)

#endif
