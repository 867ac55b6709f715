// Positional file I/O that finishes the job: retries EINTR and short
// transfers. Callers turn failures into their own IMAPI errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace imapi {

// Reads up to n bytes at offset; returns the bytes read (fewer than n only at
// the end of the file), or -errno.
int64_t pread_full(int fd, void* buf, int64_t n, int64_t offset) noexcept;
// Writes all n bytes at offset; returns 0, or the errno of the failure.
int pwrite_full(int fd, const void* buf, int64_t n, int64_t offset) noexcept;
// Whether the n > 0 bytes at p are all zero, to leave them as a hole.
// Cheap on real data: the first nonzero byte ends it (almost always byte 0).
inline bool all_zero(const uint8_t* p, size_t n) noexcept { return p[0] == 0 && std::memcmp(p, p + 1, n - 1) == 0; }

}  // namespace imapi
