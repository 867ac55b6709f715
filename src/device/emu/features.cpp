#include "device/emu/features.hpp"

#include "mmc/bytes.hpp"
#include "mmc/sector_size.hpp"

namespace imapi::device::emu {

namespace {
using mmc::Profile;

mmc::FeatureDescriptor feature(mmc::Feature code, uint8_t version, bool persistent, bool current,
                               std::vector<uint8_t> data = {}) {
  mmc::FeatureDescriptor f;
  f.code = static_cast<uint16_t>(code);
  f.version = version;
  f.persistent = persistent;
  f.current = current || persistent;
  f.data = std::move(data);
  return f;
}

bool is(const DiscState* d, std::initializer_list<MediaKind> kinds) {
  if (!d) return false;
  for (MediaKind k : kinds)
    if (d->spec().rules() == k) return true;
  return false;
}
}  // namespace

std::vector<mmc::FeatureDescriptor> drive_features(const DiscState* d, bool write_protected) {
  using F = mmc::Feature;
  using K = MediaKind;
  // Writing features are current only for a medium the drive may write: with the medium
  // write-protected they stay listed (the drive can write such media) but not current, which
  // is how a client (the Linux cdrom driver with Random Writable, libburn) sees the protection.
  const bool writable = !write_protected;
  const bool cd = d && d->spec().family == Family::kCd;
  const bool dvd = d && d->spec().family == Family::kDvd;
  const bool bd = d && d->spec().family == Family::kBd;
  std::vector<mmc::FeatureDescriptor> out;

  // Profile list, highest profile first as real drives order it.
  std::vector<mmc::ProfileDescriptor> profiles;
  for (auto it = all_media().rbegin(); it != all_media().rend(); ++it)
    if (!it->like)  // multi-layer BD shares its single-layer kin's profile
      profiles.push_back({static_cast<uint16_t>(it->profile), d && d->spec().rules() == it->kind});
  out.push_back(feature(F::kProfileList, 0, true, true, mmc::encode_profile_list(profiles)));
  // Core: ATAPI physical interface, DBE (deferred buffer errors reported).
  out.push_back(feature(F::kCore, 2, true, true, {0, 0, 0, 2, 1, 0, 0, 0}));
  out.push_back(feature(F::kMorphing, 1, true, true, {0x02, 0, 0, 0}));  // OCEvent: GET EVENT STATUS works polled
  // Removable medium: tray loader, eject, lockable.
  out.push_back(feature(F::kRemovableMedium, 1, true, true, {0x29, 0, 0, 0}));
  {
    uint32_t blocking = d ? d->spec().packet_blocks : 16;
    std::vector<uint8_t> data(8, 0);
    mmc::put_be32(data.data(), mmc::kDataSectorSize);
    mmc::put_be16(data.data() + 4, blocking);
    data[6] = 1;  // PP: blocking is page-aligned
    out.push_back(feature(F::kRandomlyReadable, 0, false, d != nullptr, data));
  }
  out.push_back(feature(F::kCdMultiread, 0, false, cd));
  out.push_back(feature(F::kCdRead, 2, false, cd, {0, 0, 0, 0}));
  out.push_back(feature(F::kDvdRead, 1, false, dvd, {0x01, 0, 0x01, 0}));  // MULTI110, DUAL-R
  {
    bool random = is(d, {K::kDvdPlusRw, K::kDvdRam, K::kBdRe, K::kDvdRwRestricted}) && d->formatted;
    std::vector<uint8_t> data(12, 0);
    mmc::put_be32(data.data(), d && random ? d->capacity() - 1 : 0);
    mmc::put_be32(data.data() + 4, mmc::kDataSectorSize);
    mmc::put_be16(data.data() + 8, d ? d->spec().packet_blocks : 16);
    data[10] = 1;
    out.push_back(feature(F::kRandomlyWritable, 0, false, random && writable, data));
  }
  {
    // Incremental streaming: data block type mode 1 (bit 8), BUF, ARSV; link size 7 (CD) or 16 (DVD-R).
    bool current = is(d, {K::kCdR, K::kCdRw, K::kDvdR, K::kDvdRwSequential, K::kBdR});
    std::vector<uint8_t> data = {0x01, 0x00, 0x03, 0x01, static_cast<uint8_t>(cd ? 7 : 16), 0, 0, 0};
    out.push_back(feature(F::kIncrementalStreamingWritable, 1, false, current && writable, data));
  }
  out.push_back(feature(F::kFormattable, 1, false,
                        writable && is(d, {K::kDvdPlusRw, K::kDvdRam, K::kBdRe, K::kBdR, K::kDvdRwSequential,
                                           K::kDvdRwRestricted}),
                        {0, 0, 0, 0, 0, 0, 0, 0}));
  out.push_back(feature(F::kHardwareDefectManagement, 1, false, is(d, {K::kDvdRam, K::kBdRe}), {0x80, 0, 0, 0}));
  out.push_back(feature(F::kRestrictedOverwrite, 0, false, writable && is(d, {K::kDvdRwRestricted})));
  out.push_back(feature(F::kCdrwCavWrite, 0, false, writable && is(d, {K::kCdRw}), {0, 0, 0, 0}));
  out.push_back(feature(F::kDvdPlusRw, 1, false, is(d, {K::kDvdPlusRw}), {0x01, 0x00, 0, 0}));  // Write
  out.push_back(feature(F::kDvdPlusR, 0, false, is(d, {K::kDvdPlusR, K::kDvdPlusRDual}), {0x01, 0, 0, 0}));
  // CD TAO: BUF, test write, CD-RW; data types: mode 1 and mode 2 form 1 blocks.
  out.push_back(feature(F::kCdTrackAtOnce, 2, false, writable && is(d, {K::kCdR, K::kCdRw}), {0x46, 0, 0x05, 0x00}));
  // CD mastering: BUF, SAO, test write, CD-RW; maximum cue sheet length 4 KiB.
  out.push_back(feature(F::kCdMastering, 0, false, writable && is(d, {K::kCdR, K::kCdRw}), {0x66, 0x00, 0x10, 0x00}));
  // DVD-R/-RW write: BUF, test write, DVD-RW.
  out.push_back(feature(F::kDvdDashWrite, 1, false,
                        writable && is(d, {K::kDvdR, K::kDvdRwSequential, K::kDvdRwRestricted}), {0x46, 0, 0, 0}));
  out.push_back(feature(F::kDvdPlusRDualLayer, 0, false, is(d, {K::kDvdPlusRDual}), {0x01, 0, 0, 0}));
  {
    // BD read/write: class 0 bitmaps for BD-ROM/R/RE version 1 (bit 1).
    std::vector<uint8_t> read(28, 0), write(28, 0);
    read[5] = 0x02;   // BD-RE class 0 version 1
    read[13] = 0x02;  // BD-R class 0
    read[21] = 0x02;  // BD-ROM class 0
    write[5] = 0x02;
    write[13] = 0x02;
    out.push_back(feature(F::kBdRead, 1, false, bd, read));
    out.push_back(feature(F::kBdWrite, 2, false, writable && is(d, {K::kBdR, K::kBdRe}), write));
  }
  out.push_back(feature(F::kPowerManagement, 0, true, true));
  out.push_back(feature(F::kTimeout, 0, true, true, {0, 0, 0, 0}));
  // Real-time streaming: RBCB, SCS, MP2A, WSPD, SW.
  out.push_back(feature(F::kRealTimeStreaming, 4, true, true, {0x1F, 0, 0, 0}));
  return out;
}

}  // namespace imapi::device::emu
