// Opening a library on demand: the first candidate file name dlopen accepts; when none does, every
// candidate's dlopen message and what to install (LibraryOnDemand.h).
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "LibraryOnDemand.h"

static void open_library(dabrepo_library *library) {
    size_t used = 0;
    library->error[0] = 0;
    for (size_t i = 0; i < library->count; i++) {
        library->handle = dlopen(library->candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (library->handle) {
            library->error[0] = 0;
            return;
        }
        const char *reason = dlerror();
        int n = snprintf(library->error + used, sizeof library->error - used, "%s%s", used ? "; " : "",
                         reason ? reason : library->candidates[i]);
        if (n > 0 && (size_t)n < sizeof library->error - used) used += (size_t)n;
    }
    size_t length = strlen(library->error);
    snprintf(library->error + length, sizeof library->error - length, " (%s)", library->install_hint);
}

void *dabrepo_library_function(dabrepo_library *library, const char *name) {
    pthread_mutex_lock(&library->mutex);
    if (!library->tried) {
        open_library(library);
        library->tried = 1;
    }
    void *handle = library->handle;
    pthread_mutex_unlock(&library->mutex);
    return handle ? dlsym(handle, name) : NULL;
}

const char *dabrepo_library_error(dabrepo_library *library) {
    pthread_mutex_lock(&library->mutex);
    const char *error = library->handle || !library->error[0] ? NULL : library->error;
    pthread_mutex_unlock(&library->mutex);
    return error;
}

int dabrepo_library_is_loaded(dabrepo_library *library) {
    pthread_mutex_lock(&library->mutex);
    int loaded = library->handle != NULL;
    pthread_mutex_unlock(&library->mutex);
    return loaded;
}
