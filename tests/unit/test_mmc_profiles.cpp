// Profile, feature and mode page models: numbers are IMAPI2's enum values
// (imapi2-surface.md §3.1), which are MMC's own.
#include <catch2/catch.hpp>

#include "mmc/profiles.hpp"

using namespace imapi::mmc;

TEST_CASE("mmc profiles: enum values match IMAPI_PROFILE_TYPE / FEATURE / MODE PAGE / MEDIA", "[mmc]") {
  CHECK(static_cast<int>(Profile::kDvdPlusRDual) == 0x2B);
  CHECK(static_cast<int>(Profile::kBdRewritable) == 0x43);
  CHECK(static_cast<int>(Profile::kHdDvdRam) == 0x52);
  CHECK(static_cast<int>(Profile::kNonStandard) == 0xFFFF);
  CHECK(static_cast<int>(Feature::kCdTrackAtOnce) == 0x2D);
  CHECK(static_cast<int>(Feature::kRealTimeStreaming) == 0x107);
  CHECK(static_cast<int>(Feature::kVcps) == 0x110);
  CHECK(static_cast<int>(ModePage::kLegacyCapabilities) == 0x2A);
  CHECK(static_cast<int>(ModePage::kPowerCondition) == 0x1A);
  CHECK(static_cast<int>(MediaPhysicalType::kBdRe) == 19);
  CHECK(static_cast<int>(MediaPhysicalType::kDisk) == 12);
}

TEST_CASE("mmc profiles: profile -> IMAPI_MEDIA_PHYSICAL_TYPE", "[mmc]") {
  using M = MediaPhysicalType;
  struct Row { uint16_t profile; M media; };
  const Row rows[] = {
      {0x00, M::kUnknown}, {0x01, M::kDisk}, {0x02, M::kDisk}, {0x04, M::kUnknown},
      {0x08, M::kCdRom}, {0x09, M::kCdR}, {0x0A, M::kCdRw},
      {0x10, M::kDvdRom}, {0x11, M::kDvdDashR}, {0x12, M::kDvdRam}, {0x13, M::kDvdDashRw},
      {0x14, M::kDvdDashRw}, {0x15, M::kDvdDashRDualLayer}, {0x16, M::kDvdDashRDualLayer},
      {0x1A, M::kDvdPlusRw}, {0x1B, M::kDvdPlusR}, {0x2A, M::kDvdPlusRwDualLayer},
      {0x2B, M::kDvdPlusRDualLayer}, {0x40, M::kBdRom}, {0x41, M::kBdR}, {0x42, M::kBdR},
      {0x43, M::kBdRe}, {0x50, M::kHdDvdRom}, {0x51, M::kHdDvdR}, {0x52, M::kHdDvdRam},
      {0x21, M::kUnknown}, {0x1234, M::kUnknown}, {0xFFFF, M::kUnknown},
  };
  for (const Row& r : rows) {
    INFO("profile " << r.profile);
    CHECK(media_type_of(r.profile) == r.media);
  }
}

TEST_CASE("mmc profiles: names and classes", "[mmc]") {
  CHECK(profile_name(0x1B) == "DVD+R");
  CHECK(profile_name(0x2B) == "DVD+R DL");
  CHECK(profile_name(0x41) == "BD-R SRM");
  CHECK(profile_name(0x13) == "DVD-RW restricted overwrite");
  CHECK(profile_name(0x0777) == "unknown profile");
  CHECK(media_type_name(MediaPhysicalType::kDvdDashRDualLayer) == "DVD-R DL");
  CHECK(is_writable_profile(0x09));
  CHECK(is_writable_profile(0x43));
  CHECK_FALSE(is_writable_profile(0x08));
  CHECK_FALSE(is_writable_profile(0x40));
  CHECK_FALSE(is_writable_profile(0x00));
  CHECK(is_cd_profile(0x0A));
  CHECK_FALSE(is_cd_profile(0x10));
  CHECK(is_dvd_profile(0x2B));
  CHECK(is_dvd_profile(0x12));
  CHECK_FALSE(is_dvd_profile(0x41));
  CHECK(is_bd_profile(0x42));
}
