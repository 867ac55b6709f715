// The user-data capacity of a blank medium of each physical type, in 2048-byte
// blocks: what ChooseImageDefaultsForMediaType limits an image to, and what an
// emulated blank disc offers.
#pragma once

#include <cstdint>

#include "mmc/profiles.hpp"

namespace imapi::mmc {

// Nominal single-layer/dual-layer figures as drives report them for common
// discs (READ CAPACITY / READ FORMAT CAPACITIES); 0 when the type has no fixed
// capacity (the generic "disk" profile) or is unknown.
int64_t nominal_capacity_blocks(MediaPhysicalType type);

}  // namespace imapi::mmc
