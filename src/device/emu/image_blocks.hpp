// Recording blocks into disc.img with all-zero blocks kept as holes: large
// emulated media burned with mostly sparse images (tests of DL and BDXL
// discs) cost the host's disk only what holds data. Blocks read back the
// same either way.
#pragma once

#include <cstdint>
#include <span>

namespace imapi::device::emu {

// Writes `data` (whole 2048-byte blocks) at block `lba` of the image; runs of
// all-zero blocks are punched (or left) as holes. Returns 0 or an errno.
int store_blocks(int image_fd, uint64_t lba, std::span<const uint8_t> data);

}  // namespace imapi::device::emu
