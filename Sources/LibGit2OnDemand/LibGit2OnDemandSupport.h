// What LibGit2OnDemand.c's generated forwarding definitions need: libgit2's declarations, the loader
// and the FORWARD macros (one static pointer per function, looked up on its first call).
#ifndef LIBGIT2_ON_DEMAND_SUPPORT_H
#define LIBGIT2_ON_DEMAND_SUPPORT_H

#include <git2.h>
#include <stddef.h>

/// libgit2's function `name`, opening libgit2 on the first call; NULL when it cannot be loaded.
void *dabrepo_libgit2_function(const char *name);

#define FORWARD(result, name, failure, parameters, arguments)                 \
    result name parameters {                                                  \
        static result (*real) parameters;                                     \
        if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))                        \
            __atomic_store_n(&real, (result (*) parameters)dabrepo_libgit2_function(#name), __ATOMIC_RELEASE); \
        if (!real) return failure;                                            \
        return real arguments;                                                \
    }
#define FORWARD_VOID(name, parameters, arguments)                             \
    void name parameters {                                                    \
        static void (*real) parameters;                                       \
        if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))                        \
            __atomic_store_n(&real, (void (*) parameters)dabrepo_libgit2_function(#name), __ATOMIC_RELEASE); \
        if (real) real arguments;                                             \
    }

#endif
