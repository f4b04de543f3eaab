// zlib's inflate on demand (ZlibOnDemand.h): inflateInit_, inflate and inflateEnd looked up in libz
// opened with dlopen on the first call.
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "LibraryOnDemand.h"
#include "ZlibOnDemand.h"

static const char *const candidates[] = {"libz.so.1", "libz.so"};
static dabrepo_library zlib = DABREPO_LIBRARY(candidates, "install zlib: apt-get install zlib1g on Debian and Ubuntu");

typedef int (*inflate_init_function)(z_streamp, const char *, int);
typedef int (*inflate_function)(z_streamp, int);
typedef int (*inflate_end_function)(z_streamp);

const char *dabrepo_zlib_load_error(void) { return dabrepo_library_error(&zlib); }

int dabrepo_zlib_inflate(const void *input, size_t input_length, size_t expected, void **output, size_t *output_length) {
    static inflate_init_function init;
    static inflate_function run;
    static inflate_end_function end;
    if (!__atomic_load_n(&end, __ATOMIC_ACQUIRE)) {
        init = (inflate_init_function)dabrepo_library_function(&zlib, "inflateInit_");
        run = (inflate_function)dabrepo_library_function(&zlib, "inflate");
        inflate_end_function found = (inflate_end_function)dabrepo_library_function(&zlib, "inflateEnd");
        if (!init || !run || !found) return -1;
        __atomic_store_n(&end, found, __ATOMIC_RELEASE);
    }
    // Room for one byte more than expected, so that a stream longer than announced is caught and zlib
    // never needs to finish a stream with no output space left.
    size_t capacity = expected ? expected + 1 : (input_length < 256 ? 1024 : input_length * 4);
    unsigned char *buffer = malloc(capacity);
    if (!buffer) return -2;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (init(&stream, ZLIB_VERSION, (int)sizeof stream) != Z_OK) {
        free(buffer);
        return -2;
    }
    // zlib counts in uInt: feed and take at most 1 GiB at a time.
    const size_t chunk = (size_t)1 << 30;
    const unsigned char *next_in = input;
    size_t in_left = input_length, produced = 0;
    int status;
    for (;;) {
        if (produced == capacity) {
            if (expected) { status = Z_DATA_ERROR; break; }
            unsigned char *larger = realloc(buffer, capacity * 2);
            if (!larger) { status = Z_MEM_ERROR; break; }
            buffer = larger;
            capacity *= 2;
        }
        size_t in_now = in_left < chunk ? in_left : chunk;
        size_t out_now = capacity - produced < chunk ? capacity - produced : chunk;
        stream.next_in = (Bytef *)next_in;
        stream.avail_in = (uInt)in_now;
        stream.next_out = buffer + produced;
        stream.avail_out = (uInt)out_now;
        status = run(&stream, Z_NO_FLUSH);
        next_in += in_now - stream.avail_in;
        in_left -= in_now - stream.avail_in;
        produced += out_now - stream.avail_out;
        if (status == Z_STREAM_END) break;
        if (status == Z_BUF_ERROR && produced == capacity) continue; // out of room: grow (or fail above)
        if (status != Z_OK) break;
        if (in_left == 0 && stream.avail_out > 0) { status = Z_BUF_ERROR; break; } // input ended early
    }
    end(&stream);
    if (status != Z_STREAM_END || (expected && produced != expected)) {
        free(buffer);
        return -2;
    }
    *output = buffer;
    *output_length = produced;
    return 0;
}
