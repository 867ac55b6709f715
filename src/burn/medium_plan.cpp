#include "burn/medium_plan.hpp"

#include "imapi_c.h"

namespace imapi::burn {

std::optional<MediumPlan> plan_for_profile(uint16_t profile) {
  MediumPlan p;
  switch (profile) {
    case 0x09:
      p = {Medium::kCdR, "CD-R", true, false, false, 16, true, 1, true, false, 1};
      break;
    case 0x0A:
      p = {Medium::kCdRw, "CD-RW", true, false, false, 16, true, 1, true, false, 1};
      break;
    case 0x11:
      p = {Medium::kDvdMinusR, "DVD-R", false, false, false, 16, true, 0, true, false, 16};
      break;
    case 0x14:
      p = {Medium::kDvdMinusRwSequential, "DVD-RW (sequential)", false, false, false, 16, true, 0, true, false, 16};
      break;
    case 0x13:
      p = {Medium::kDvdMinusRwRestricted, "DVD-RW (restricted overwrite)", false, false, true, 16, false, 0, false,
           false, 16};
      break;
    case 0x1B:
      p = {Medium::kDvdPlusR, "DVD+R", false, false, false, 16, false, 0, false, false, 16};
      break;
    case 0x2B:
      p = {Medium::kDvdPlusRDl, "DVD+R DL", false, false, false, 16, false, 0, false, false, 16};
      break;
    case 0x1A:
      p = {Medium::kDvdPlusRw, "DVD+RW", false, false, true, 16, false, 0, false, false, 16};
      break;
    case 0x12:
      p = {Medium::kDvdRam, "DVD-RAM", false, false, true, 16, false, 0, false, true, 16};
      break;
    case 0x41:
      p = {Medium::kBdR, "BD-R", false, true, false, 32, false, 0, false, false, 32};
      break;
    case 0x43:
      p = {Medium::kBdRe, "BD-RE", false, true, true, 32, false, 0, false, true, 32};
      break;
    default:
      return std::nullopt;
  }
  return p;
}

std::vector<int32_t> supported_media_types() {
  return {IMAPI_MEDIA_TYPE_CDR,       IMAPI_MEDIA_TYPE_CDRW,      IMAPI_MEDIA_TYPE_DVDPLUSR,
          IMAPI_MEDIA_TYPE_DVDPLUSRW, IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER, IMAPI_MEDIA_TYPE_DVDDASHR,
          IMAPI_MEDIA_TYPE_DVDDASHRW, IMAPI_MEDIA_TYPE_DVDRAM,   IMAPI_MEDIA_TYPE_BDR,
          IMAPI_MEDIA_TYPE_BDRE};
}

std::vector<CloseStep> close_steps(const MediumPlan& plan, Closing closing, bool compatible, uint16_t open_track) {
  using F = mmc::CloseFunction;
  const bool close_disc = closing == Closing::kCloseDisc;
  switch (plan.medium) {
    case Medium::kCdR:
    case Medium::kCdRw:
      // SYNCHRONIZE CACHE has closed the TAO track; page 05h's multi-session
      // field (set before writing) decides whether the session close finalizes.
      return {{F::kSession}};
    case Medium::kDvdMinusR:
    case Medium::kDvdMinusRwSequential:
      return {{F::kTrack, open_track}, {F::kSession}};  // finalization: page 05h's multi-session field
    case Medium::kDvdPlusR:
      if (!close_disc) return {{F::kTrack, open_track}, {F::kSession}};
      return {{F::kTrack, open_track}, {compatible ? F::kFinalize : F::kFinalizeMinimalRadius}};
    case Medium::kDvdPlusRDl:
      if (!close_disc) return {{F::kTrack, open_track}, {F::kSession}};
      return {{F::kTrack, open_track}, {F::kFinalizeMinimalRadius}};  // 101b on DL, as growisofs
    case Medium::kBdR:
      if (!close_disc) return {{F::kTrack, open_track}, {F::kSession}};
      return {{F::kTrack, open_track}, {F::kFinalize}};
    case Medium::kDvdPlusRw:
      return {{F::kStopBackgroundFormat}, {F::kSession}};
    case Medium::kDvdMinusRwRestricted:
    case Medium::kDvdRam:
    case Medium::kBdRe:
      return {};  // flush only
  }
  return {};
}

}  // namespace imapi::burn
