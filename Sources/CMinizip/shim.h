#pragma once
// minizip, zlib's zip reader and writer (Debian libminizip-dev), over archives held in memory.
#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Moves `position` as fseek does, from the start, `position` or `size`; past `size` only when `growable`
// (a write goes there). 0, or -1 when it cannot.
static long tk_seek(ZPOS64_T *position, ZPOS64_T size, int growable, ZPOS64_T offset, int origin) {
    ZPOS64_T base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = *position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = size; break;
    default: return -1;
    }
    if (base + offset > size && !growable) return -1;
    *position = base + offset;
    return 0;
}

// An archive in memory for minizip's file functions: read from `bytes`, or written into a buffer that
// grows (`writable`). `position` is where the next read or write goes.
typedef struct {
    unsigned char *bytes;
    ZPOS64_T size;
    ZPOS64_T capacity;
    ZPOS64_T position;
    int failed;
    int writable;
} tk_memory_file;

static voidpf tk_memory_open(voidpf opaque, const void *name, int mode) {
    (void)name;
    tk_memory_file *file = (tk_memory_file *)opaque;
    if (mode & ZLIB_FILEFUNC_MODE_CREATE) { file->size = 0; }
    file->position = 0;
    return opaque;
}

static uLong tk_memory_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
    (void)opaque;
    tk_memory_file *file = (tk_memory_file *)stream;
    if (file->position >= file->size) return 0;
    ZPOS64_T left = file->size - file->position;
    if (size > left) size = (uLong)left;
    memcpy(buf, file->bytes + file->position, size);
    file->position += size;
    return size;
}

static uLong tk_memory_write(voidpf opaque, voidpf stream, const void *buf, uLong size) {
    (void)opaque;
    tk_memory_file *file = (tk_memory_file *)stream;
    ZPOS64_T end = file->position + size;
    if (end > file->capacity) {
        ZPOS64_T capacity = file->capacity ? file->capacity : 65536;
        while (capacity < end) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(file->bytes, (size_t)capacity);
        if (!grown) { file->failed = 1; return 0; }
        file->bytes = grown;
        file->capacity = capacity;
    }
    memcpy(file->bytes + file->position, buf, size);
    file->position = end;
    if (end > file->size) file->size = end;
    return size;
}

static ZPOS64_T tk_memory_tell(voidpf opaque, voidpf stream) {
    (void)opaque;
    return ((tk_memory_file *)stream)->position;
}

static long tk_memory_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin) {
    (void)opaque;
    tk_memory_file *file = (tk_memory_file *)stream;
    return tk_seek(&file->position, file->size, file->writable, offset, origin);
}

static int tk_memory_close(voidpf opaque, voidpf stream) { (void)opaque; (void)stream; return 0; }
static int tk_memory_error(voidpf opaque, voidpf stream) { (void)opaque; return ((tk_memory_file *)stream)->failed; }

static void tk_memory_functions(zlib_filefunc64_def *functions, tk_memory_file *file) {
    functions->zopen64_file = tk_memory_open;
    functions->zread_file = tk_memory_read;
    functions->zwrite_file = tk_memory_write;
    functions->ztell64_file = tk_memory_tell;
    functions->zseek64_file = tk_memory_seek;
    functions->zclose_file = tk_memory_close;
    functions->zerror_file = tk_memory_error;
    functions->opaque = file;
}

// An archive read from an open file descriptor with pread: only what minizip asks for is read, never
// the whole file. A file cut short while it is read gives short reads, which minizip reports as errors.
typedef struct {
    int descriptor;
    ZPOS64_T size;
    ZPOS64_T position;
    int failed;
} tk_descriptor_file;

static voidpf tk_descriptor_open(voidpf opaque, const void *name, int mode) {
    (void)name; (void)mode;
    ((tk_descriptor_file *)opaque)->position = 0;
    return opaque;
}

static uLong tk_descriptor_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
    (void)opaque;
    tk_descriptor_file *file = (tk_descriptor_file *)stream;
    uLong done = 0;
    while (done < size) {
        ssize_t n = pread(file->descriptor, (char *)buf + done, size - done, (off_t)(file->position + done));
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            file->failed = 1;
            break;
        }
        if (n == 0) break;
        done += (uLong)n;
    }
    file->position += done;
    return done;
}

static uLong tk_descriptor_write(voidpf opaque, voidpf stream, const void *buf, uLong size) {
    (void)opaque; (void)stream; (void)buf; (void)size;
    return 0;
}

static ZPOS64_T tk_descriptor_tell(voidpf opaque, voidpf stream) {
    (void)opaque;
    return ((tk_descriptor_file *)stream)->position;
}

static long tk_descriptor_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin) {
    (void)opaque;
    tk_descriptor_file *file = (tk_descriptor_file *)stream;
    return tk_seek(&file->position, file->size, 0, offset, origin);
}

static int tk_descriptor_error(voidpf opaque, voidpf stream) { (void)opaque; return ((tk_descriptor_file *)stream)->failed; }

static void tk_descriptor_functions(zlib_filefunc64_def *functions, tk_descriptor_file *file) {
    functions->zopen64_file = tk_descriptor_open;
    functions->zread_file = tk_descriptor_read;
    functions->zwrite_file = tk_descriptor_write;
    functions->ztell64_file = tk_descriptor_tell;
    functions->zseek64_file = tk_descriptor_seek;
    functions->zclose_file = tk_memory_close;
    functions->zerror_file = tk_descriptor_error;
    functions->opaque = file;
}
