// libgit2 on demand: dabrepo defines the libgit2 functions it calls (LibGit2OnDemand.c, generated) so
// that the executable does not depend on libgit2.so and the libraries it pulls in (OpenSSL's libcrypto,
// Kerberos, libssh2, mbed TLS, PCRE2, ...): loading and relocating those cost ~3 ms at every start,
// also for `dabrepo --version`, `--help` and validating a bundle outside git. The first call of any of
// them opens libgit2 with dlopen; each then calls libgit2's own function. When libgit2 cannot be
// loaded, the functions fail the way libgit2 reports failure (-1, NULL) and git_error_last() says why.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "LibGit2OnDemandSupport.h"
#include "LibGit2OnDemand.h"

// The library of the version dabrepo was built with (its functions' signatures change between versions).
static const char *const candidates[] = {"libgit2.so." LIBGIT2_SOVERSION};
static void *library;
static char load_error[768];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    size_t used = 0;
    load_error[0] = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        library = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (library) {
            load_error[0] = 0;
            return;
        }
        const char *reason = dlerror();
        int n = snprintf(load_error + used, sizeof load_error - used, "%s%s", used ? "; " : "", reason ? reason : candidates[i]);
        if (n > 0 && (size_t)n < sizeof load_error - used) used += (size_t)n;
    }
    size_t length = strlen(load_error);
    snprintf(load_error + length, sizeof load_error - length,
             " (install libgit2 " LIBGIT2_SOVERSION ": apt-get install libgit2-" LIBGIT2_SOVERSION " on Debian and Ubuntu)");
}

void *dabrepo_libgit2_function(const char *name) {
    pthread_once(&once, load);
    return library ? dlsym(library, name) : NULL;
}

int dabrepo_libgit2_is_loaded(void) { return library != NULL; }

const char *dabrepo_libgit2_load_error(void) {
    if (library || !load_error[0]) return NULL;
    return load_error;
}

// libgit2's last error on this thread; when libgit2 could not be loaded, why not.
const git_error *git_error_last(void) {
    static const git_error *(*real)(void);
    if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))
        __atomic_store_n(&real, (const git_error *(*)(void))dabrepo_libgit2_function("git_error_last"), __ATOMIC_RELEASE);
    if (real) return real();
    static git_error failure;
    failure.message = load_error[0] ? load_error : (char *)"libgit2 is not loaded";
    failure.klass = GIT_ERROR_OS;
    return &failure;
}
