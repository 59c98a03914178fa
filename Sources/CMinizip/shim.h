#pragma once
// minizip, zlib's zip reader and writer (Debian libminizip-dev), over archives in memory or in an open file.
#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// An archive for minizip's file functions: in memory (`descriptor` -1: read from `bytes`) or in an open
// file (read with pread, only what minizip asks for, never the whole file; or written with pwrite). Written
// only when `writable`, and only into a file: minizip goes back to fill in an entry's sizes, so the archive
// grows from where it writes. `position` is where the next read or write goes; `failed` keeps the errno
// of one that failed. A file cut short while it is read gives short reads, which minizip reports as errors.
typedef struct {
    int descriptor;
    unsigned char *bytes;
    ZPOS64_T size;
    ZPOS64_T position;
    int failed;
    int writable;
} tk_archive;

static voidpf tk_archive_open(voidpf opaque, const void *name, int mode) {
    (void)name;
    tk_archive *file = (tk_archive *)opaque;
    if (mode & ZLIB_FILEFUNC_MODE_CREATE) { file->size = 0; }
    file->position = 0;
    return opaque;
}

static uLong tk_archive_read(voidpf opaque, voidpf stream, void *buf, uLong size) {
    (void)opaque;
    tk_archive *file = (tk_archive *)stream;
    if (file->descriptor < 0) {
        if (file->position >= file->size) return 0;
        ZPOS64_T left = file->size - file->position;
        if (size > left) size = (uLong)left;
        memcpy(buf, file->bytes + file->position, size);
        file->position += size;
        return size;
    }
    uLong done = 0;
    while (done < size) {
        ssize_t n = pread(file->descriptor, (char *)buf + done, size - done, (off_t)(file->position + done));
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            file->failed = errno;
            break;
        }
        if (n == 0) break;
        done += (uLong)n;
    }
    file->position += done;
    return done;
}

static uLong tk_archive_write(voidpf opaque, voidpf stream, const void *buf, uLong size) {
    (void)opaque;
    tk_archive *file = (tk_archive *)stream;
    if (!file->writable || file->descriptor < 0) return 0;
    uLong done = 0;
    while (done < size) {
        ssize_t n = pwrite(file->descriptor, (const char *)buf + done, size - done, (off_t)(file->position + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            file->failed = errno;
            break;
        }
        if (n == 0) { file->failed = EIO; break; }
        done += (uLong)n;
    }
    file->position += done;
    if (file->position > file->size) file->size = file->position;
    return done;
}

static ZPOS64_T tk_archive_tell(voidpf opaque, voidpf stream) {
    (void)opaque;
    return ((tk_archive *)stream)->position;
}

// As fseek, from the start, `position` or `size`; past `size` only when the archive is written.
static long tk_archive_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin) {
    (void)opaque;
    tk_archive *file = (tk_archive *)stream;
    ZPOS64_T base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = file->position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = file->size; break;
    default: return -1;
    }
    if (base + offset > file->size && !file->writable) return -1;
    file->position = base + offset;
    return 0;
}

// The descriptor is its owner's to close, and the bytes its owner's to free.
static int tk_archive_close(voidpf opaque, voidpf stream) { (void)opaque; (void)stream; return 0; }
static int tk_archive_error(voidpf opaque, voidpf stream) { (void)opaque; return ((tk_archive *)stream)->failed; }

static void tk_archive_functions(zlib_filefunc64_def *functions, tk_archive *file) {
    functions->zopen64_file = tk_archive_open;
    functions->zread_file = tk_archive_read;
    functions->zwrite_file = tk_archive_write;
    functions->ztell64_file = tk_archive_tell;
    functions->zseek64_file = tk_archive_seek;
    functions->zclose_file = tk_archive_close;
    functions->zerror_file = tk_archive_error;
    functions->opaque = file;
}
