// MMC profiles, feature codes and mode page codes with IMAPI2's numeric values
// (IMAPI_PROFILE_TYPE, IMAPI_FEATURE_PAGE_TYPE, IMAPI_MODE_PAGE_TYPE and
// IMAPI_MEDIA_PHYSICAL_TYPE are the MMC numbers themselves, so a value read
// from a drive casts directly).
#pragma once

#include <cstdint>
#include <string_view>

namespace imapi::mmc {

enum class Profile : uint16_t {
  kInvalid = 0x0000,
  kNonRemovableDisk = 0x0001,
  kRemovableDisk = 0x0002,
  kMoErasable = 0x0003,
  kMoWriteOnce = 0x0004,
  kAsMo = 0x0005,
  kCdRom = 0x0008,
  kCdRecordable = 0x0009,
  kCdRewritable = 0x000A,
  kDvdRom = 0x0010,
  kDvdDashRecordable = 0x0011,
  kDvdRam = 0x0012,
  kDvdDashRewritable = 0x0013,  // restricted overwrite
  kDvdDashRwSequential = 0x0014,
  kDvdDashRDualSequential = 0x0015,
  kDvdDashRDualLayerJump = 0x0016,
  kDvdPlusRw = 0x001A,
  kDvdPlusR = 0x001B,
  kDdCdRom = 0x0020,
  kDdCdRecordable = 0x0021,
  kDdCdRewritable = 0x0022,
  kDvdPlusRwDual = 0x002A,
  kDvdPlusRDual = 0x002B,
  kBdRom = 0x0040,
  kBdRSequential = 0x0041,
  kBdRRandomRecording = 0x0042,
  kBdRewritable = 0x0043,
  kHdDvdRom = 0x0050,
  kHdDvdRecordable = 0x0051,
  kHdDvdRam = 0x0052,
  kNonStandard = 0xFFFF,
};

enum class MediaPhysicalType : int32_t {
  kUnknown = 0,
  kCdRom = 1,
  kCdR = 2,
  kCdRw = 3,
  kDvdRom = 4,
  kDvdRam = 5,
  kDvdPlusR = 6,
  kDvdPlusRw = 7,
  kDvdPlusRDualLayer = 8,
  kDvdDashR = 9,
  kDvdDashRw = 10,
  kDvdDashRDualLayer = 11,
  kDisk = 12,
  kDvdPlusRwDualLayer = 13,
  kHdDvdRom = 14,
  kHdDvdR = 15,
  kHdDvdRam = 16,
  kBdRom = 17,
  kBdR = 18,
  kBdRe = 19,
};

enum class Feature : uint16_t {
  kProfileList = 0x0000,
  kCore = 0x0001,
  kMorphing = 0x0002,
  kRemovableMedium = 0x0003,
  kWriteProtect = 0x0004,
  kRandomlyReadable = 0x0010,
  kCdMultiread = 0x001D,
  kCdRead = 0x001E,
  kDvdRead = 0x001F,
  kRandomlyWritable = 0x0020,
  kIncrementalStreamingWritable = 0x0021,
  kSectorErasable = 0x0022,
  kFormattable = 0x0023,
  kHardwareDefectManagement = 0x0024,
  kWriteOnce = 0x0025,
  kRestrictedOverwrite = 0x0026,
  kCdrwCavWrite = 0x0027,
  kMrw = 0x0028,
  kEnhancedDefectReporting = 0x0029,
  kDvdPlusRw = 0x002A,
  kDvdPlusR = 0x002B,
  kRigidRestrictedOverwrite = 0x002C,
  kCdTrackAtOnce = 0x002D,
  kCdMastering = 0x002E,
  kDvdDashWrite = 0x002F,
  kDoubleDensityCdRead = 0x0030,
  kDoubleDensityCdRWrite = 0x0031,
  kDoubleDensityCdRwWrite = 0x0032,
  kLayerJumpRecording = 0x0033,
  kCdRwMediaWriteSupport = 0x0037,
  kBdPseudoOverwrite = 0x0038,
  kDvdPlusRDualLayer = 0x003B,
  kBdRead = 0x0040,
  kBdWrite = 0x0041,
  kHdDvdRead = 0x0050,
  kHdDvdWrite = 0x0051,
  kPowerManagement = 0x0100,
  kSmart = 0x0101,
  kEmbeddedChanger = 0x0102,
  kCdAnalogPlay = 0x0103,
  kMicrocodeUpdate = 0x0104,
  kTimeout = 0x0105,
  kDvdCss = 0x0106,
  kRealTimeStreaming = 0x0107,
  kLogicalUnitSerialNumber = 0x0108,
  kMediaSerialNumber = 0x0109,
  kDiscControlBlocks = 0x010A,
  kDvdCprm = 0x010B,
  kFirmwareInformation = 0x010C,
  kAacs = 0x010D,
  kVcps = 0x0110,
};

enum class ModePage : uint8_t {
  kReadWriteErrorRecovery = 0x01,
  kMrw = 0x03,
  kWriteParameters = 0x05,
  kCaching = 0x08,
  kPowerCondition = 0x1A,
  kInformationalExceptions = 0x1C,
  kTimeoutAndProtect = 0x1D,
  kLegacyCapabilities = 0x2A,
};

// The medium a current profile implies (IDiscRecorder2 CurrentPhysicalMediaType).
// Profiles of drives that are not optical recorders, and unknown ones, give kUnknown;
// the removable/non-removable disk profiles give kDisk.
MediaPhysicalType media_type_of(Profile profile);
MediaPhysicalType media_type_of(uint16_t profile);

// Short human names ("DVD+R DL", "BD-R SRM"); "unknown profile" for values MMC does not define.
std::string_view profile_name(uint16_t profile);
std::string_view media_type_name(MediaPhysicalType type);

// Media a recorder can write in some way (recordable or rewritable, not ROM).
bool is_writable_profile(uint16_t profile);
bool is_cd_profile(uint16_t profile);
bool is_dvd_profile(uint16_t profile);
bool is_bd_profile(uint16_t profile);

}  // namespace imapi::mmc
