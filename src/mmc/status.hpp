// IMAPI2 recorder/device status codes (imapi2error.h) that the MMC layer
// raises, under short names for the engine; the numbers are the public
// header's IMAPI_E_RECORDER_* and friends.
#pragma once

#include "imapi_c.h"

namespace imapi::mmc::status {

// Named after IMAPI's E_IMAPI_* with the public header's IMAPI_E_ prefix.
inline constexpr imapi_status kCommandHasSenseData = IMAPI_S_COMMAND_HAS_SENSE_DATA;
inline constexpr imapi_status kNoSuchModePage = IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE;
inline constexpr imapi_status kMediaNoMedia = IMAPI_E_RECORDER_MEDIA_NO_MEDIA;
inline constexpr imapi_status kMediaIncompatible = IMAPI_E_RECORDER_MEDIA_INCOMPATIBLE;
inline constexpr imapi_status kMediaUpsideDown = IMAPI_E_RECORDER_MEDIA_UPSIDE_DOWN;
inline constexpr imapi_status kMediaBecomingReady = IMAPI_E_RECORDER_MEDIA_BECOMING_READY;
inline constexpr imapi_status kMediaFormatInProgress = IMAPI_E_RECORDER_MEDIA_FORMAT_IN_PROGRESS;
inline constexpr imapi_status kMediaBusy = IMAPI_E_RECORDER_MEDIA_BUSY;
inline constexpr imapi_status kInvalidModeParameters = IMAPI_E_RECORDER_INVALID_MODE_PARAMETERS;
inline constexpr imapi_status kMediaWriteProtected = IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED;
inline constexpr imapi_status kNoSuchFeature = IMAPI_E_RECORDER_NO_SUCH_FEATURE;
inline constexpr imapi_status kFeatureIsNotCurrent = IMAPI_E_RECORDER_FEATURE_IS_NOT_CURRENT;
inline constexpr imapi_status kGetConfigurationNotSupported = IMAPI_E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED;
inline constexpr imapi_status kCommandTimeout = IMAPI_E_RECORDER_COMMAND_TIMEOUT;
inline constexpr imapi_status kDvdStructureNotPresent = IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT;
inline constexpr imapi_status kMediaSpeedMismatch = IMAPI_E_RECORDER_MEDIA_SPEED_MISMATCH;
inline constexpr imapi_status kClientNameIsNotValid = IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID;
inline constexpr imapi_status kRecorderLocked = IMAPI_E_RECORDER_LOCKED;
inline constexpr imapi_status kMediaNotFormatted = IMAPI_E_RECORDER_MEDIA_NOT_FORMATTED;
inline constexpr imapi_status kInvalidResponseFromDevice = IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
inline constexpr imapi_status kLossOfStreaming = IMAPI_E_LOSS_OF_STREAMING;
inline constexpr imapi_status kUnexpectedResponseFromDevice = IMAPI_E_UNEXPECTED_RESPONSE_FROM_DEVICE;

}  // namespace imapi::mmc::status
