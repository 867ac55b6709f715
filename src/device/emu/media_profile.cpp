#include "device/emu/media_profile.hpp"

#include <algorithm>

namespace imapi::device::emu {

namespace {
using mmc::Profile;

// Capacities are those of real media (ECMA-267/337/349, BD-R/RE 25 GB single
// layer, 80-minute CD lead-out at 79:59:74), so free-space arithmetic in
// clients and in libimapi matches a real disc.
std::vector<MediaSpec> make_table() {
  constexpr uint32_t kCd80 = 359'849;
  constexpr uint32_t kDvdPlus = 2'295'104;
  constexpr uint32_t kDvdDash = 2'298'496;
  constexpr uint32_t kBd25 = 12'219'392;
  constexpr uint32_t kBd25Formatted = 11'826'176;  // default spare areas
  return {
      {MediaKind::kCdRom, "cd-rom", Profile::kCdRom, Family::kCd, Recording::kReadOnly, false, false, kCd80, kCd80, 1, 176, {}},
      {MediaKind::kCdR, "cd-r", Profile::kCdRecordable, Family::kCd, Recording::kSequential, false, false, kCd80, kCd80, 1, 176,
       {40, 80, 160, 240, 480}},
      {MediaKind::kCdRw, "cd-rw", Profile::kCdRewritable, Family::kCd, Recording::kSequential, true, false, kCd80, kCd80, 1, 176,
       {40, 100, 160, 240}},
      {MediaKind::kDvdRom, "dvd-rom", Profile::kDvdRom, Family::kDvd, Recording::kReadOnly, false, false, kDvdPlus, kDvdPlus, 16, 1385, {}},
      {MediaKind::kDvdR, "dvd-r", Profile::kDvdDashRecordable, Family::kDvd, Recording::kSequential, false, false, kDvdDash, kDvdDash,
       16, 1385, {40, 80, 160}},
      {MediaKind::kDvdRwSequential, "dvd-rw", Profile::kDvdDashRwSequential, Family::kDvd, Recording::kSequential, true, false,
       kDvdDash, kDvdDash, 16, 1385, {20, 40, 60}},
      {MediaKind::kDvdRwRestricted, "dvd-rw-ro", Profile::kDvdDashRewritable, Family::kDvd, Recording::kRandom, true, false,
       kDvdDash, kDvdDash, 16, 1385, {20, 40, 60}},
      {MediaKind::kDvdPlusR, "dvd+r", Profile::kDvdPlusR, Family::kDvd, Recording::kSequential, false, false, kDvdPlus, kDvdPlus, 16,
       1385, {24, 40, 80, 160}},
      {MediaKind::kDvdPlusRDual, "dvd+r-dl", Profile::kDvdPlusRDual, Family::kDvd, Recording::kSequential, false, false, 4'173'824,
       4'173'824, 16, 1385, {24, 40, 80}},
      {MediaKind::kDvdPlusRw, "dvd+rw", Profile::kDvdPlusRw, Family::kDvd, Recording::kRandom, true, true, kDvdPlus, kDvdPlus, 16,
       1385, {24, 40, 80}},
      {MediaKind::kDvdRam, "dvd-ram", Profile::kDvdRam, Family::kDvd, Recording::kRandom, true, false, kDvdPlus, kDvdPlus, 16, 1385,
       {20, 30, 50}},
      {MediaKind::kBdRom, "bd-rom", Profile::kBdRom, Family::kBd, Recording::kReadOnly, false, false, kBd25, kBd25, 32, 4495, {}},
      {MediaKind::kBdR, "bd-r", Profile::kBdRSequential, Family::kBd, Recording::kSequential, false, false, kBd25, kBd25Formatted,
       32, 4495, {20, 40, 60}},
      {MediaKind::kBdRe, "bd-re", Profile::kBdRewritable, Family::kBd, Recording::kRandom, true, true, kBd25, kBd25Formatted, 32,
       4495, {20}},
  };
}
}  // namespace

const std::vector<MediaSpec>& all_media() {
  static const std::vector<MediaSpec> table = make_table();  // immutable after first use
  return table;
}

const MediaSpec& spec_of(MediaKind kind) { return all_media()[static_cast<size_t>(kind)]; }

std::optional<MediaKind> media_from_name(std::string_view uri_name) {
  for (const auto& m : all_media())
    if (m.uri_name == uri_name) return m.kind;
  return std::nullopt;
}

}  // namespace imapi::device::emu
