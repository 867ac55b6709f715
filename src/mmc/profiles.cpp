#include "mmc/profiles.hpp"

namespace imapi::mmc {

MediaPhysicalType media_type_of(uint16_t profile) { return media_type_of(static_cast<Profile>(profile)); }

MediaPhysicalType media_type_of(Profile profile) {
  using M = MediaPhysicalType;
  switch (profile) {
    case Profile::kNonRemovableDisk:
    case Profile::kRemovableDisk:
    case Profile::kMoErasable:
    case Profile::kAsMo:
      return M::kDisk;
    case Profile::kCdRom: return M::kCdRom;
    case Profile::kCdRecordable: return M::kCdR;
    case Profile::kCdRewritable: return M::kCdRw;
    case Profile::kDvdRom: return M::kDvdRom;
    case Profile::kDvdDashRecordable: return M::kDvdDashR;
    case Profile::kDvdRam: return M::kDvdRam;
    case Profile::kDvdDashRewritable:
    case Profile::kDvdDashRwSequential:
      return M::kDvdDashRw;
    case Profile::kDvdDashRDualSequential:
    case Profile::kDvdDashRDualLayerJump:
      return M::kDvdDashRDualLayer;
    case Profile::kDvdPlusRw: return M::kDvdPlusRw;
    case Profile::kDvdPlusR: return M::kDvdPlusR;
    case Profile::kDvdPlusRwDual: return M::kDvdPlusRwDualLayer;
    case Profile::kDvdPlusRDual: return M::kDvdPlusRDualLayer;
    case Profile::kBdRom: return M::kBdRom;
    case Profile::kBdRSequential:
    case Profile::kBdRRandomRecording:
      return M::kBdR;
    case Profile::kBdRewritable: return M::kBdRe;
    case Profile::kHdDvdRom: return M::kHdDvdRom;
    case Profile::kHdDvdRecordable: return M::kHdDvdR;
    case Profile::kHdDvdRam: return M::kHdDvdRam;
    default: return M::kUnknown;  // MO write-once, DDCD and undefined profiles have no IMAPI type
  }
}

std::string_view profile_name(uint16_t profile) {
  switch (static_cast<Profile>(profile)) {
    case Profile::kInvalid: return "no current profile";
    case Profile::kNonRemovableDisk: return "non-removable disk";
    case Profile::kRemovableDisk: return "removable disk";
    case Profile::kMoErasable: return "MO erasable";
    case Profile::kMoWriteOnce: return "MO write once";
    case Profile::kAsMo: return "AS-MO";
    case Profile::kCdRom: return "CD-ROM";
    case Profile::kCdRecordable: return "CD-R";
    case Profile::kCdRewritable: return "CD-RW";
    case Profile::kDvdRom: return "DVD-ROM";
    case Profile::kDvdDashRecordable: return "DVD-R sequential";
    case Profile::kDvdRam: return "DVD-RAM";
    case Profile::kDvdDashRewritable: return "DVD-RW restricted overwrite";
    case Profile::kDvdDashRwSequential: return "DVD-RW sequential";
    case Profile::kDvdDashRDualSequential: return "DVD-R DL sequential";
    case Profile::kDvdDashRDualLayerJump: return "DVD-R DL layer jump";
    case Profile::kDvdPlusRw: return "DVD+RW";
    case Profile::kDvdPlusR: return "DVD+R";
    case Profile::kDdCdRom: return "DDCD-ROM";
    case Profile::kDdCdRecordable: return "DDCD-R";
    case Profile::kDdCdRewritable: return "DDCD-RW";
    case Profile::kDvdPlusRwDual: return "DVD+RW DL";
    case Profile::kDvdPlusRDual: return "DVD+R DL";
    case Profile::kBdRom: return "BD-ROM";
    case Profile::kBdRSequential: return "BD-R SRM";
    case Profile::kBdRRandomRecording: return "BD-R RRM";
    case Profile::kBdRewritable: return "BD-RE";
    case Profile::kHdDvdRom: return "HD DVD-ROM";
    case Profile::kHdDvdRecordable: return "HD DVD-R";
    case Profile::kHdDvdRam: return "HD DVD-RAM";
    case Profile::kNonStandard: return "non-standard";
  }
  return "unknown profile";
}

std::string_view media_type_name(MediaPhysicalType type) {
  using M = MediaPhysicalType;
  switch (type) {
    case M::kUnknown: return "unknown";
    case M::kCdRom: return "CD-ROM";
    case M::kCdR: return "CD-R";
    case M::kCdRw: return "CD-RW";
    case M::kDvdRom: return "DVD-ROM";
    case M::kDvdRam: return "DVD-RAM";
    case M::kDvdPlusR: return "DVD+R";
    case M::kDvdPlusRw: return "DVD+RW";
    case M::kDvdPlusRDualLayer: return "DVD+R DL";
    case M::kDvdDashR: return "DVD-R";
    case M::kDvdDashRw: return "DVD-RW";
    case M::kDvdDashRDualLayer: return "DVD-R DL";
    case M::kDisk: return "disk";
    case M::kDvdPlusRwDualLayer: return "DVD+RW DL";
    case M::kHdDvdRom: return "HD DVD-ROM";
    case M::kHdDvdR: return "HD DVD-R";
    case M::kHdDvdRam: return "HD DVD-RAM";
    case M::kBdRom: return "BD-ROM";
    case M::kBdR: return "BD-R";
    case M::kBdRe: return "BD-RE";
  }
  return "unknown";
}

bool is_writable_profile(uint16_t profile) {
  switch (media_type_of(profile)) {
    case MediaPhysicalType::kUnknown:
    case MediaPhysicalType::kCdRom:
    case MediaPhysicalType::kDvdRom:
    case MediaPhysicalType::kHdDvdRom:
    case MediaPhysicalType::kBdRom:
      return false;
    default:
      return true;
  }
}

bool is_cd_profile(uint16_t profile) { return profile >= 0x08 && profile <= 0x0A; }
bool is_dvd_profile(uint16_t profile) { return (profile >= 0x10 && profile <= 0x1F) || profile == 0x2A || profile == 0x2B; }
bool is_bd_profile(uint16_t profile) { return profile >= 0x40 && profile <= 0x43; }

}  // namespace imapi::mmc
