// The user data of one data sector as a drive reads and writes it: a CD's
// Mode 1 (or Mode 2 Form 1) sector, a DVD's or a BD's sector. This is what
// READ CAPACITY reports as the block length, what READ(10)/WRITE(10) move per
// block and what the emulated drive stores per LBA. That a file system's
// block (fs::kBlockSize) fits one sector exactly is a fact about the media
// the file systems were designed for, not the same constant
// (docs/decisions.md, "One constant per meaning").
#pragma once

#include <cstdint>

namespace imapi::mmc {

inline constexpr uint32_t kDataSectorSize = 2048;

}  // namespace imapi::mmc
