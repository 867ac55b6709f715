// IMAPI2 recorder/device status codes (imapi2error.h) that the MMC layer
// raises. They are not yet in include/imapi_c.h; they live here with the exact
// HRESULT numbers so they can move to the public header unchanged later.
#pragma once

#include "imapi_c.h"

namespace imapi::mmc::status {

// Named after IMAPI's E_IMAPI_* with the public header's IMAPI_E_ prefix.
inline constexpr imapi_status kCommandHasSenseData = IMAPI_STATUS_(0x00AA0200u);  // S_IMAPI_COMMAND_HAS_SENSE_DATA
inline constexpr imapi_status kNoSuchModePage = IMAPI_STATUS_(0xC0AA0201u);
inline constexpr imapi_status kMediaNoMedia = IMAPI_STATUS_(0xC0AA0202u);
inline constexpr imapi_status kMediaIncompatible = IMAPI_STATUS_(0xC0AA0203u);
inline constexpr imapi_status kMediaUpsideDown = IMAPI_STATUS_(0xC0AA0204u);
inline constexpr imapi_status kMediaBecomingReady = IMAPI_STATUS_(0xC0AA0205u);
inline constexpr imapi_status kMediaFormatInProgress = IMAPI_STATUS_(0xC0AA0206u);
inline constexpr imapi_status kMediaBusy = IMAPI_STATUS_(0xC0AA0207u);
inline constexpr imapi_status kInvalidModeParameters = IMAPI_STATUS_(0xC0AA0208u);
inline constexpr imapi_status kMediaWriteProtected = IMAPI_STATUS_(0xC0AA0209u);
inline constexpr imapi_status kNoSuchFeature = IMAPI_STATUS_(0xC0AA020Au);
inline constexpr imapi_status kFeatureIsNotCurrent = IMAPI_STATUS_(0xC0AA020Bu);
inline constexpr imapi_status kGetConfigurationNotSupported = IMAPI_STATUS_(0xC0AA020Cu);
inline constexpr imapi_status kCommandTimeout = IMAPI_STATUS_(0xC0AA020Du);
inline constexpr imapi_status kDvdStructureNotPresent = IMAPI_STATUS_(0xC0AA020Eu);
inline constexpr imapi_status kMediaSpeedMismatch = IMAPI_STATUS_(0xC0AA020Fu);
inline constexpr imapi_status kRecorderLocked = IMAPI_STATUS_(0xC0AA0210u);
inline constexpr imapi_status kMediaNotFormatted = IMAPI_STATUS_(0xC0AA0212u);
inline constexpr imapi_status kInvalidResponseFromDevice = IMAPI_STATUS_(0xC0AA02FFu);
inline constexpr imapi_status kLossOfStreaming = IMAPI_STATUS_(0xC0AA0300u);
inline constexpr imapi_status kUnexpectedResponseFromDevice = IMAPI_STATUS_(0xC0AA0301u);

}  // namespace imapi::mmc::status
