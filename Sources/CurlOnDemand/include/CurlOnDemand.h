#ifndef DABREPO_CURL_ON_DEMAND_H
#define DABREPO_CURL_ON_DEMAND_H

/// Why libcurl could not be loaded (dlopen's message and what to install), or NULL when it is loaded
/// or was never needed yet.
const char *dabrepo_curl_load_error(void);

/// Whether libcurl has been loaded into this process (tests: commands that never talk HTTP leave it out).
int dabrepo_curl_is_loaded(void);

#endif
