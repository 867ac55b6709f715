// The feature descriptors (GET CONFIGURATION) of the emulated drive: a
// multi-format recorder whose Current bits follow the medium in the tray.
#pragma once

#include <vector>

#include "device/emu/disc_state.hpp"
#include "mmc/configuration.hpp"

namespace imapi::device::emu {

// Every feature the drive has, in ascending code order. `disc` is null when
// the tray is empty (no profile is current then). A write-protected medium
// (`wp=1`) keeps its profile, but no writing feature is current for it.
std::vector<mmc::FeatureDescriptor> drive_features(const DiscState* disc, bool write_protected = false);

}  // namespace imapi::device::emu
