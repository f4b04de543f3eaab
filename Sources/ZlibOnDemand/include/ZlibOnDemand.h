// zlib's inflate on demand: libz opened with dlopen on the first call (LibraryOnDemand), for the git
// object reader of BundleRepository, so that commands that never read a git object do not load it.
#ifndef DABREPO_ZLIB_ON_DEMAND_H
#define DABREPO_ZLIB_ON_DEMAND_H

#include <stddef.h>

/// Inflates the zlib stream at the start of `input` (at most `input_length` bytes). With `expected` > 0
/// the stream must produce exactly that many bytes; with 0 it may produce any number. On success returns
/// 0 and stores a malloc'd buffer (free it) and its length. Returns -1 when libz cannot be loaded and -2
/// when the data is not a complete stream of the expected length.
int dabrepo_zlib_inflate(const void *input, size_t input_length, size_t expected, void **output, size_t *output_length);

/// Why libz could not be loaded, or NULL.
const char *dabrepo_zlib_load_error(void);

#endif
