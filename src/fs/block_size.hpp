// The logical block of every file system this library writes and reads: ISO
// 9660's logical block, Joliet's, UDF's logical (and, on optical media,
// physical) block. One number with one meaning; the C ABI publishes it as
// IMAPI_SECTOR_SIZE (IMAPI2FS's "sector" is this block). A drive's sector
// (mmc::kDataSectorSize) holds one such block, but the two are different
// facts: docs/decisions.md, "One constant per meaning".
#pragma once

#include <cstdint>

#include "imapi_c.h"

namespace imapi::fs {

inline constexpr int64_t kBlockSize = IMAPI_SECTOR_SIZE;
inline int64_t blocks_for(int64_t bytes) { return (bytes + kBlockSize - 1) / kBlockSize; }

}  // namespace imapi::fs
