#include "mmc/media_capacity.hpp"

namespace imapi::mmc {

int64_t nominal_capacity_blocks(MediaPhysicalType type) {
  switch (type) {
    case MediaPhysicalType::kCdRom:
    case MediaPhysicalType::kCdR:
    case MediaPhysicalType::kCdRw:
      return 359'849;  // 80 minutes: lead-out at 79:59:74, less the 150-sector pregap
    case MediaPhysicalType::kDvdRom:
    case MediaPhysicalType::kDvdPlusR:
    case MediaPhysicalType::kDvdPlusRw:
      return 2'295'104;  // 4.7 GB DVD+R / DVD+RW
    case MediaPhysicalType::kDvdDashR:
    case MediaPhysicalType::kDvdDashRw:
      return 2'298'496;  // 4.7 GB DVD-R / DVD-RW
    case MediaPhysicalType::kDvdPlusRDualLayer:
    case MediaPhysicalType::kDvdPlusRwDualLayer:
      return 4'173'824;  // 8.5 GB DVD+R DL
    case MediaPhysicalType::kDvdDashRDualLayer:
      return 4'171'712;  // 8.5 GB DVD-R DL
    case MediaPhysicalType::kDvdRam:
      return 2'236'704;  // 4.7 GB DVD-RAM, formatted with its default spare areas
    case MediaPhysicalType::kHdDvdRom:
    case MediaPhysicalType::kHdDvdR:
    case MediaPhysicalType::kHdDvdRam:
      return 7'319'552;  // 15 GB single-layer HD DVD
    case MediaPhysicalType::kBdRom:
    case MediaPhysicalType::kBdR:
      return 12'219'392;  // 25 GB single-layer BD-R (sequential, no spare areas)
    case MediaPhysicalType::kBdRe:
      return 11'826'176;  // 25 GB BD-RE formatted with the default spare areas
    case MediaPhysicalType::kDisk:
    case MediaPhysicalType::kUnknown:
      return 0;
  }
  return 0;
}

}  // namespace imapi::mmc
