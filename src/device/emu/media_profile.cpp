#include "device/emu/media_profile.hpp"

#include <algorithm>

#include "mmc/media_capacity.hpp"

namespace imapi::device::emu {

namespace {
using mmc::Profile;

// Capacities are those of real media (mmc::nominal_capacity_blocks, the table
// ChooseImageDefaultsForMediaType uses too), so free-space arithmetic in
// clients and in libimapi matches a real disc.
uint32_t capacity(mmc::MediaPhysicalType t) { return static_cast<uint32_t>(mmc::nominal_capacity_blocks(t)); }

std::vector<MediaSpec> make_table() {
  using T = mmc::MediaPhysicalType;
  const uint32_t kCd80 = capacity(T::kCdR);
  const uint32_t kDvdPlus = capacity(T::kDvdPlusR);
  const uint32_t kDvdDash = capacity(T::kDvdDashR);
  const uint32_t kDvdPlusDual = capacity(T::kDvdPlusRDualLayer);
  const uint32_t kDvdRam = capacity(T::kDvdRam);
  const uint32_t kBd25 = capacity(T::kBdR);
  const uint32_t kBd25Formatted = capacity(T::kBdRe);  // default spare areas
  // Per layer: BD SL/DL 12,219,392 blocks, BDXL TL 16,292,864, QL 15,625,216;
  // the default spare areas take what they take on one layer, on every layer.
  const uint32_t kBdSpare = kBd25 - kBd25Formatted;
  const uint32_t kBdTl = 3 * 16'292'864u, kBdQl = 4 * 15'625'216u;
  return {
      {MediaKind::kCdRom, "cd-rom", Profile::kCdRom, Family::kCd, Recording::kReadOnly, false, false, kCd80, kCd80, 1, 176, {}},
      {MediaKind::kCdR, "cd-r", Profile::kCdRecordable, Family::kCd, Recording::kSequential, false, false, kCd80, kCd80, 1, 176,
       {40, 80, 160, 240, 480}, {520}},
      {MediaKind::kCdRw, "cd-rw", Profile::kCdRewritable, Family::kCd, Recording::kSequential, true, false, kCd80, kCd80, 1, 176,
       {40, 100, 160, 240}},
      {MediaKind::kDvdRom, "dvd-rom", Profile::kDvdRom, Family::kDvd, Recording::kReadOnly, false, false, kDvdPlus, kDvdPlus, 16, 1385, {}},
      {MediaKind::kDvdR, "dvd-r", Profile::kDvdDashRecordable, Family::kDvd, Recording::kSequential, false, false, kDvdDash, kDvdDash,
       16, 1385, {40, 80, 160}, {180, 200, 220, 240}},
      {MediaKind::kDvdRwSequential, "dvd-rw", Profile::kDvdDashRwSequential, Family::kDvd, Recording::kSequential, true, false,
       kDvdDash, kDvdDash, 16, 1385, {20, 40, 60}},
      {MediaKind::kDvdRwRestricted, "dvd-rw-ro", Profile::kDvdDashRewritable, Family::kDvd, Recording::kRandom, true, false,
       kDvdDash, kDvdDash, 16, 1385, {20, 40, 60}},
      {MediaKind::kDvdPlusR, "dvd+r", Profile::kDvdPlusR, Family::kDvd, Recording::kSequential, false, false, kDvdPlus, kDvdPlus, 16,
       1385, {24, 40, 80, 160}, {180, 200, 220, 240}},
      {MediaKind::kDvdPlusRDual, "dvd+r-dl", Profile::kDvdPlusRDual, Family::kDvd, Recording::kSequential, false, false, kDvdPlusDual,
       kDvdPlusDual, 16, 1385, {24, 40, 80}, {}, 2},
      {MediaKind::kDvdPlusRw, "dvd+rw", Profile::kDvdPlusRw, Family::kDvd, Recording::kRandom, true, true, kDvdPlus, kDvdPlus, 16,
       1385, {24, 40, 80}},
      {MediaKind::kDvdRam, "dvd-ram", Profile::kDvdRam, Family::kDvd, Recording::kRandom, true, false, kDvdRam, kDvdRam, 16, 1385,
       {20, 30, 50}},
      {MediaKind::kBdRom, "bd-rom", Profile::kBdRom, Family::kBd, Recording::kReadOnly, false, false, kBd25, kBd25, 32, 4495, {}},
      {MediaKind::kBdR, "bd-r", Profile::kBdRSequential, Family::kBd, Recording::kSequential, false, false, kBd25, kBd25Formatted,
       32, 4495, {20, 40, 60}, {80, 100, 120, 140, 160}},
      {MediaKind::kBdRe, "bd-re", Profile::kBdRewritable, Family::kBd, Recording::kRandom, true, true, kBd25, kBd25Formatted, 32,
       4495, {20}},
      {MediaKind::kBdRDual, "bd-r-dl", Profile::kBdRSequential, Family::kBd, Recording::kSequential, false, false, 2 * kBd25,
       2 * kBd25Formatted, 32, 4495, {20, 40, 60}, {80, 100, 120}, 2, MediaKind::kBdR},
      {MediaKind::kBdReDual, "bd-re-dl", Profile::kBdRewritable, Family::kBd, Recording::kRandom, true, true, 2 * kBd25,
       2 * kBd25Formatted, 32, 4495, {20}, {}, 2, MediaKind::kBdRe},
      {MediaKind::kBdRTriple, "bd-r-tl", Profile::kBdRSequential, Family::kBd, Recording::kSequential, false, false, kBdTl,
       kBdTl - 3 * kBdSpare, 32, 4495, {20, 40}, {}, 3, MediaKind::kBdR},
      {MediaKind::kBdRQuad, "bd-r-ql", Profile::kBdRSequential, Family::kBd, Recording::kSequential, false, false, kBdQl,
       kBdQl - 4 * kBdSpare, 32, 4495, {20, 40}, {}, 4, MediaKind::kBdR},
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
