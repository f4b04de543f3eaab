// libcurl on demand: the libcurl functions dabrepo and Foundation's URLSession call, defined here so
// that the executable does not depend on libcurl.so (and the ~30 libraries it pulls in: TLS, Kerberos,
// LDAP, HTTP/2, IDN, ...). Every start of dabrepo used to load and relocate all of them, also for the
// pre-commit hook, which never talks HTTP. The first call of any of these functions opens libcurl with
// dlopen; each then calls libcurl's own function. When libcurl cannot be loaded, the functions fail the
// way libcurl reports failure (NULL, CURLE_FAILED_INIT) and dabrepo_curl_load_error() says why.
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic with exactly one argument
// after the option; every option's argument is a long, a pointer or a curl_off_t, passed alike on the
// 64-bit ABIs dabrepo runs on, so it is forwarded as one pointer-sized value.
// The function-like macros of curl/typecheck-gcc.h would rewrite the definitions below.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <stdarg.h>

#include "CurlOnDemand.h"
#include "LibraryOnDemand.h"

_Static_assert(sizeof(void *) == sizeof(long) && sizeof(curl_off_t) == sizeof(long),
               "the variadic forwarding needs long, pointers and curl_off_t of one size");

static const char *const candidates[] = {"libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"};
static dabrepo_library libcurl = DABREPO_LIBRARY(candidates, "install libcurl: apt-get install libcurl4 on Debian and Ubuntu");

static void *function(const char *name) { return dabrepo_library_function(&libcurl, name); }

const char *dabrepo_curl_load_error(void) { return dabrepo_library_error(&libcurl); }

int dabrepo_curl_is_loaded(void) { return dabrepo_library_is_loaded(&libcurl); }

// One forwarding definition per function: a static pointer looked up on the first call.
#define FORWARD(result, name, failure, parameters, arguments) DABREPO_FORWARD(function, result, name, failure, parameters, arguments)
#define FORWARD_VOID(name, parameters, arguments) DABREPO_FORWARD_VOID(function, name, parameters, arguments)
#define FORWARD_VARIADIC(result, name, handle_type, option_type, failure)     \
    result name(handle_type handle, option_type option, ...) {                \
        static result (*real)(handle_type, option_type, ...);                 \
        if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))                        \
            __atomic_store_n(&real, (result (*)(handle_type, option_type, ...))function(#name), __ATOMIC_RELEASE); \
        if (!real) return failure;                                            \
        va_list arguments;                                                    \
        va_start(arguments, option);                                          \
        void *value = va_arg(arguments, void *);                              \
        va_end(arguments);                                                    \
        return real(handle, option, value);                                   \
    }

FORWARD(CURLcode, curl_global_init, CURLE_FAILED_INIT, (long flags), (flags))
FORWARD(CURL *, curl_easy_init, NULL, (void), ())
FORWARD_VOID(curl_easy_cleanup, (CURL *handle), (handle))
FORWARD(CURLcode, curl_easy_perform, CURLE_FAILED_INIT, (CURL *handle), (handle))
FORWARD(CURLcode, curl_easy_pause, CURLE_FAILED_INIT, (CURL *handle, int bitmask), (handle, bitmask))
FORWARD(const char *, curl_easy_strerror, "libcurl is not available", (CURLcode code), (code))
FORWARD_VARIADIC(CURLcode, curl_easy_setopt, CURL *, CURLoption, CURLE_FAILED_INIT)
FORWARD_VARIADIC(CURLcode, curl_easy_getinfo, CURL *, CURLINFO, CURLE_FAILED_INIT)
FORWARD_VOID(curl_free, (void *pointer), (pointer))
FORWARD(struct curl_slist *, curl_slist_append, NULL, (struct curl_slist *list, const char *text), (list, text))
FORWARD_VOID(curl_slist_free_all, (struct curl_slist *list), (list))
FORWARD(CURLM *, curl_multi_init, NULL, (void), ())
FORWARD(CURLMcode, curl_multi_cleanup, CURLM_INTERNAL_ERROR, (CURLM *multi), (multi))
FORWARD(CURLMcode, curl_multi_add_handle, CURLM_INTERNAL_ERROR, (CURLM *multi, CURL *handle), (multi, handle))
FORWARD(CURLMcode, curl_multi_remove_handle, CURLM_INTERNAL_ERROR, (CURLM *multi, CURL *handle), (multi, handle))
FORWARD(CURLMcode, curl_multi_assign, CURLM_INTERNAL_ERROR, (CURLM *multi, curl_socket_t socket, void *pointer), (multi, socket, pointer))
FORWARD(CURLMsg *, curl_multi_info_read, NULL, (CURLM *multi, int *queued), (multi, queued))
FORWARD(CURLMcode, curl_multi_socket_action, CURLM_INTERNAL_ERROR, (CURLM *multi, curl_socket_t socket, int mask, int *running),
        (multi, socket, mask, running))
FORWARD_VARIADIC(CURLMcode, curl_multi_setopt, CURLM *, CURLMoption, CURLM_INTERNAL_ERROR)
FORWARD(CURLU *, curl_url, NULL, (void), ())
FORWARD(CURLUcode, curl_url_get, CURLUE_OUT_OF_MEMORY, (CURLU *url, CURLUPart part, char **out, unsigned int flags),
        (url, part, out, flags))
FORWARD(CURLUcode, curl_url_set, CURLUE_OUT_OF_MEMORY, (CURLU *url, CURLUPart part, const char *text, unsigned int flags),
        (url, part, text, flags))
FORWARD(char *, curl_version, (char *)"libcurl not loaded", (void), ())
FORWARD(curl_version_info_data *, curl_version_info, NULL, (CURLversion age), (age))
