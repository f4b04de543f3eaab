// libgit2 on demand: dabrepo defines the libgit2 functions it calls (LibGit2OnDemand.c, generated) so
// that the executable does not depend on libgit2.so and the libraries it pulls in (OpenSSL's libcrypto,
// Kerberos, libssh2, mbed TLS, PCRE2, ...): loading and relocating those cost ~3 ms at every start,
// also for `dabrepo --version`, `--help` and validating a bundle. The first call of any of them opens
// libgit2 with dlopen (LibraryOnDemand); each then calls libgit2's own function. When libgit2 cannot
// be loaded, the functions fail the way libgit2 reports failure (-1, NULL) and git_error_last() says why.
#include "LibGit2OnDemandSupport.h"
#include "LibGit2OnDemand.h"

// The library of the version dabrepo was built with (its functions' signatures change between versions).
static const char *const candidates[] = {"libgit2.so." LIBGIT2_SOVERSION};
static dabrepo_library libgit2 = DABREPO_LIBRARY(
    candidates, "install libgit2 " LIBGIT2_SOVERSION ": apt-get install libgit2-" LIBGIT2_SOVERSION " on Debian and Ubuntu");

void *dabrepo_libgit2_function(const char *name) { return dabrepo_library_function(&libgit2, name); }

int dabrepo_libgit2_is_loaded(void) { return dabrepo_library_is_loaded(&libgit2); }

const char *dabrepo_libgit2_load_error(void) { return dabrepo_library_error(&libgit2); }

// libgit2's last error on this thread; when libgit2 could not be loaded, why not.
const git_error *git_error_last(void) {
    static const git_error *(*real)(void);
    if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))
        __atomic_store_n(&real, (const git_error *(*)(void))dabrepo_libgit2_function("git_error_last"), __ATOMIC_RELEASE);
    if (real) return real();
    static git_error failure;
    const char *why = dabrepo_libgit2_load_error();
    failure.message = (char *)(why ? why : "libgit2 is not loaded");
    failure.klass = GIT_ERROR_OS;
    return &failure;
}
