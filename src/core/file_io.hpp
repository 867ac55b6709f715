// Positional file I/O that finishes the job: retries EINTR and short
// transfers. Callers turn failures into their own IMAPI errors.
#pragma once

#include <cstdint>

namespace imapi {

// Reads up to n bytes at offset; returns the bytes read (fewer than n only at
// the end of the file), or -errno.
int64_t pread_full(int fd, void* buf, int64_t n, int64_t offset) noexcept;
// Writes all n bytes at offset; returns 0, or the errno of the failure.
int pwrite_full(int fd, const void* buf, int64_t n, int64_t offset) noexcept;

}  // namespace imapi
