#pragma once
// zlib's deflate and crc32, for the .docx package's zip entries.
#include <zlib.h>

// deflateInit2 is a macro Swift cannot import.
static inline int tk_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
