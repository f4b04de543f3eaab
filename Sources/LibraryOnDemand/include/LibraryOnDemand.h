// A shared library opened with dlopen on the first call of one of its functions (CurlOnDemand,
// LibGit2OnDemand): dabrepo defines the functions it calls and forwards each to the library's own.
#ifndef DABREPO_LIBRARY_ON_DEMAND_H
#define DABREPO_LIBRARY_ON_DEMAND_H

#include <pthread.h>
#include <stddef.h>

typedef struct {
    /// File names to try, in order.
    const char *const *candidates;
    size_t count;
    /// What to install, appended to the error when no candidate loads.
    const char *install_hint;
    pthread_mutex_t mutex;
    int tried;
    void *handle;
    /// dlopen's messages when no candidate loaded.
    char error[768];
} dabrepo_library;

/// A library to open on demand, from a static array of candidate file names.
#define DABREPO_LIBRARY(candidate_array, hint) \
    {candidate_array, sizeof candidate_array / sizeof candidate_array[0], hint, PTHREAD_MUTEX_INITIALIZER, 0, NULL, {0}}

/// The library's function `name`, opening the library on the first call; NULL when it cannot be loaded.
void *dabrepo_library_function(dabrepo_library *library, const char *name);

/// Why the library could not be loaded, or NULL when it is loaded or was not needed yet.
const char *dabrepo_library_error(dabrepo_library *library);

/// Whether the library has been loaded into this process.
int dabrepo_library_is_loaded(dabrepo_library *library);

/// One forwarding definition: a static pointer to the real function, looked up with `lookup` (a
/// function of one `const char *name`) on the first call; `failure` is returned when it is missing.
#define DABREPO_FORWARD(lookup, result, name, failure, parameters, arguments)  \
    result name parameters {                                                  \
        static result (*real) parameters;                                     \
        if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))                        \
            __atomic_store_n(&real, (result (*) parameters)lookup(#name), __ATOMIC_RELEASE); \
        if (!real) return failure;                                            \
        return real arguments;                                                \
    }
#define DABREPO_FORWARD_VOID(lookup, name, parameters, arguments)             \
    void name parameters {                                                    \
        static void (*real) parameters;                                       \
        if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))                        \
            __atomic_store_n(&real, (void (*) parameters)lookup(#name), __ATOMIC_RELEASE); \
        if (real) real arguments;                                             \
    }

#endif
